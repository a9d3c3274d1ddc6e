/**
 * The id of a deployment of a REST API (such as `nfcn0x`): a non-empty string.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type * as t from 'io-ts'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import { refinement } from '../internal/codecCore.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The brand that makes a {@link DeploymentId} a distinct type: only the smart constructors give one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentId } from 'apigw-canary'
 *
 * // Only the smart constructors give a string that carries the brand.
 * const checked = DeploymentId.fromString('eh1sby')
 * assert.ok(E.isRight(checked))
 * const branded: string & DeploymentId.DeploymentIdBrand = checked.right
 * assert.strictEqual(branded, 'eh1sby')
 * // @ts-expect-error a plain string lacks the brand
 * const plain: DeploymentId.DeploymentIdBrand = 'eh1sby'
 * assert.strictEqual(typeof plain, 'string') // the brand is erased at run time
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DeploymentIdBrand {
  readonly DeploymentId: unique symbol
}

/**
 * A deployment id: a non-empty string. Build one with {@link fromString}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentId } from 'apigw-canary'
 *
 * const id: E.Either<unknown, DeploymentId.DeploymentId> = DeploymentId.fromString('nfcn0x')
 * assert.deepStrictEqual(id, E.right('nfcn0x'))
 * assert.ok(E.isLeft(DeploymentId.fromString(''))) // empty: refused
 * // @ts-expect-error a plain string is not a DeploymentId
 * const unchecked: DeploymentId.DeploymentId = 'nfcn0x'
 * assert.ok(DeploymentId.isDeploymentId(unchecked))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type DeploymentId = string & DeploymentIdBrand

/**
 * The rule a deployment id follows, as error messages state it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentId } from 'apigw-canary'
 *
 * assert.strictEqual(DeploymentId.rule, 'is not a deployment id (a non-empty string such as "nfcn0x")')
 * const refused = DeploymentId.fromString('', 'canarySettings.deploymentId')
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.rule, DeploymentId.rule)
 * assert.strictEqual(refused.left.message, `canarySettings.deploymentId: "" ${DeploymentId.rule}`)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const rule = 'is not a deployment id (a non-empty string such as "nfcn0x")'

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this a deployment id?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DeploymentId } from 'apigw-canary'
 *
 * assert.ok(DeploymentId.isDeploymentId('nfcn0x'))
 * assert.ok(!DeploymentId.isDeploymentId(''))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isDeploymentId = (u: unknown): u is DeploymentId => typeof u === 'string' && u.length > 0

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Checks a string against the rule. `field` names the value in the error message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentId } from 'apigw-canary'
 *
 * assert.deepStrictEqual(DeploymentId.fromString('eh1sby'), E.right('eh1sby'))
 * assert.ok(E.isLeft(DeploymentId.fromString('')))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromString = (s: string, field = 'deploymentId'): E.Either<InvalidValue, DeploymentId> =>
  isDeploymentId(s) ? E.right(s) : E.left(invalidValue(field, s, rule))

/**
 * A deployment id from a literal known to be valid, for tests and examples.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DeploymentId } from 'apigw-canary'
 *
 * assert.strictEqual(DeploymentId.unsafeFromString('nfcn0x'), 'nfcn0x')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsafeFromString = (s: string): DeploymentId => s as DeploymentId

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for a deployment id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentId } from 'apigw-canary'
 *
 * assert.ok(E.isRight(DeploymentId.codec.decode('nfcn0x')))
 * assert.ok(E.isLeft(DeploymentId.codec.decode(42)))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<DeploymentId, string, unknown> = /* @__PURE__ */ refinement('DeploymentId', isDeploymentId, rule)
