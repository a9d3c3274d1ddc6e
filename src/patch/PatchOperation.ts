/**
 * An update-stage patch operation, as the AWS CLI, SDK v3 (`PatchOperation`) and the REST API
 * send it: `op`, a JSON Pointer `path`, a `value` that is always a string on the wire
 * (`"50"`, `"0.0"`, `"true"`), and `from` for `copy` and `move`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type * as t from 'io-ts'
import { io } from '../internal/fp.js'
import { fromValidationErrors, type DecodeError } from '../stage/DecodeError.js'
import { oneOf, struct } from '../internal/codec.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The patch operations update-stage knows.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PatchOperation } from 'apigw-canary'
 *
 * const ops: ReadonlyArray<PatchOperation.Op> = ['add', 'remove', 'replace', 'move', 'copy', 'test']
 * assert.ok(ops.every((op) => E.isRight(PatchOperation.codec.decode({ op, path: '/description' }))))
 * assert.ok(E.isLeft(PatchOperation.codec.decode({ op: 'update', path: '/description' })))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Op = 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test'

/**
 * One update-stage patch operation.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation } from 'apigw-canary'
 *
 * // The value is always a string on the wire; the applier stores it typed.
 * const operation: PatchOperation.PatchOperation = { op: 'replace', path: '/tracingEnabled', value: 'true' }
 * assert.deepStrictEqual(PatchOperation.replace('/tracingEnabled', 'true'), operation)
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const traced = applyPatch(stage.right, [operation])
 * assert.ok(E.isRight(traced))
 * assert.strictEqual(traced.right.tracingEnabled, true)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PatchOperation {
  readonly op: Op
  readonly path: string
  readonly value?: string
  readonly from?: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * `replace` of `path` with `value`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.deepStrictEqual(PatchOperation.replace('/canarySettings/percentTraffic', '0.0'), {
 *   op: 'replace',
 *   path: '/canarySettings/percentTraffic',
 *   value: '0.0'
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })

/**
 * `add` of `value` at `path`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.strictEqual(PatchOperation.add('/accessLogSettings/format', '$context.requestId').op, 'add')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const add = (path: string, value: string): PatchOperation => ({ op: 'add', path, value })

/**
 * `remove` of `path`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.deepStrictEqual(PatchOperation.remove('/canarySettings'), { op: 'remove', path: '/canarySettings' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const remove = (path: string): PatchOperation => ({ op: 'remove', path })

/**
 * `copy` from `from` to `path`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.deepStrictEqual(PatchOperation.copy('/canarySettings/deploymentId', '/deploymentId'), {
 *   op: 'copy',
 *   from: '/canarySettings/deploymentId',
 *   path: '/deploymentId'
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const copy = (from: string, path: string): PatchOperation => ({ op: 'copy', from, path })

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for one operation. `value` and `from` must be strings when present.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.ok(E.isRight(PatchOperation.codec.decode({ op: 'replace', path: '/description', value: 'v2' })))
 * assert.ok(E.isLeft(PatchOperation.codec.decode({ op: 'replace', path: '/canarySettings/percentTraffic', value: 50 })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<PatchOperation, unknown, unknown> = /* @__PURE__ */ struct<PatchOperation>(
  'PatchOperation',
  {
    op: /* @__PURE__ */ oneOf<Op>('Op', ['add', 'remove', 'replace', 'move', 'copy', 'test']),
    path: io.string,
    value: io.string,
    from: io.string
  },
  { what: 'a patch operation (an object with op and path)', required: ['op', 'path'] }
)

/**
 * Reads a list of operations from untrusted input (the `patchOperations` of an update-stage
 * request). Never throws.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { PatchOperation } from 'apigw-canary'
 *
 * assert.ok(E.isRight(PatchOperation.decodeOperations([{ op: 'remove', path: '/canarySettings' }])))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(PatchOperation.decodeOperations([{ op: 'jump', path: '/a' }])),
 *   E.left('[0].op: "jump" is not one of add, remove, replace, move, copy, test')
 * )
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const decodeOperations = (input: unknown): E.Either<DecodeError, ReadonlyArray<PatchOperation>> => {
  try {
    return E.mapLeft(fromValidationErrors)(io.readonlyArray(codec).decode(input))
  } catch (error) {
    return E.left(fromValidationErrors([{ value: input, context: [], message: `could not be read: ${String(error)}` }]))
  }
}
