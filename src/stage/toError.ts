/**
 * For callers that do not use fp-ts: {@link toError} turns any of the library's errors (every
 * one is a plain value with a `_tag`, and most with AWS's exception `name` and a `message`)
 * into an `Error` to throw, and {@link getOrThrow} takes the value out of an `Either` or throws
 * that `Error`. The thrown error keeps `_tag`, `name`, `message` and every other field of the
 * value (`issues`, `index`, `operation`, ...), so a `catch` can still match on `_tag`.
 *
 * @since 0.2.0
 *
 * @module
 */
import type * as E from 'fp-ts/lib/Either.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What every error of the library has: a `_tag` to match on; most also have AWS's exception
 * `name` and a `message`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { toError, type TaggedError } from 'apigw-canary'
 *
 * const e: TaggedError = { _tag: 'NotPaused', message: 'the rollout is not paused' }
 * assert.strictEqual(toError(e).name, 'NotPaused') // no `name`: the tag names the Error
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface TaggedError {
  readonly _tag: string
  readonly name?: string
  readonly message?: string
}

/**
 * The `Error` subclass {@link toError} makes: `instanceof Error`, with the fields of the
 * library's error value on it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { ApigwCanaryError, decodeStage, getOrThrow } from 'apigw-canary'
 *
 * try {
 *   getOrThrow(decodeStage({ deploymentId: 42 }))
 *   assert.fail('unreachable')
 * } catch (e) {
 *   assert.ok(e instanceof ApigwCanaryError && e instanceof Error)
 *   assert.strictEqual(e._tag, 'DecodeError')
 *   assert.strictEqual(e.name, 'BadRequestException')
 * }
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export class ApigwCanaryError extends Error {
  /** The tag of the library's error value. */
  readonly _tag: string
  /** The library's error value itself, unchanged. */
  readonly error: unknown

  /** Use {@link toError}, which also copies the value's fields onto the error. */
  constructor(tag: string, name: string, message: string, error: unknown) {
    super(message)
    this._tag = tag
    this.name = name
    this.error = error
  }
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

const isObject = (u: unknown): u is { readonly [key: string]: unknown } => typeof u === 'object' && u !== null

const describe = (u: unknown): string => {
  try {
    return typeof u === 'string' ? u : (JSON.stringify(u) ?? String(u))
  } catch {
    return String(u)
  }
}

/**
 * Turns one of the library's errors into an {@link ApigwCanaryError} (an `Error`) keeping its
 * `_tag`, `name`, `message` and every other field. An `Error` is returned as it is; a string
 * (the command-line parsers' errors) becomes the message; anything else is described.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setTraffic, toError } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const refused = setTraffic(stage.right, 50) // no canary to shift traffic to
 * assert.ok(E.isLeft(refused))
 * const error = toError(refused.left)
 * assert.ok(error instanceof Error)
 * assert.strictEqual(error.name, 'BadRequestException')
 * assert.strictEqual(error.message, refused.left.message)
 * assert.ok(error._tag === 'CanaryNotEnabled') // narrows, as on the error value
 * assert.strictEqual(error.operation, 'setTraffic') // the fields come along
 * assert.strictEqual(toError('--port needs a value').message, '--port needs a value')
 * ```
 *
 * @category destructors
 * @since 0.2.0
 */
export function toError<E extends TaggedError>(error: E): E extends unknown ? ApigwCanaryError & Omit<E, 'stack' | 'error'> : never
export function toError(error: unknown): Error
export function toError(error: unknown): Error {
  if (error instanceof Error) return error
  if (!isObject(error)) return new ApigwCanaryError('Unknown', 'Error', describe(error), error)
  const tag = typeof error['_tag'] === 'string' ? error['_tag'] : 'Unknown'
  const name = typeof error['name'] === 'string' ? error['name'] : tag
  const message = typeof error['message'] === 'string' ? error['message'] : describe(error)
  const out = new ApigwCanaryError(tag, name, message, error)
  for (const key of Object.keys(error)) {
    if (key === 'stack' || key === 'error' || key === '_tag' || key === 'name' || key === 'message') continue
    // defineProperty, never assignment: a field named `__proto__` stays a field.
    Object.defineProperty(out, key, { value: error[key], enumerable: true, writable: false, configurable: true })
  }
  return out
}

/**
 * The value of a `Right`, or throws the `Left` turned into an `Error` by {@link toError}: for
 * code that does not use fp-ts.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { decodeStage, getOrThrow, promote } from 'apigw-canary'
 *
 * const stage = getOrThrow(decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } }))
 * assert.strictEqual(getOrThrow(promote(stage)).deploymentId, 'eh1sby')
 * assert.throws(() => getOrThrow(promote(getOrThrow(decodeStage({})))), { name: 'BadRequestException', _tag: 'PromotionNotAvailable' })
 * ```
 *
 * @category destructors
 * @since 0.2.0
 */
export const getOrThrow = <L, A>(either: E.Either<L, A>): A => {
  if (either._tag === 'Right') return either.right
  throw toError(either.left)
}
