/**
 * The errors of the lifecycle transitions, as values (the applier's are in `PatchError`; both
 * are re-exported by `ApiGatewayError`). Each carries a `_tag` to match on, the `name` of the
 * exception API Gateway answers with, and a `message`: AWS's exact text where it is known (see
 * the reference notes), a sentence saying what was wrong and how to fix it otherwise.
 *
 * @since 0.1.0
 *
 * @module
 */
import { showValue } from '../internal/show.js'
import { badRequest } from './badRequest.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The exception names API Gateway answers with.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { httpStatusOf, promotionNotAvailable, stageAlreadyExists, stageNotFound, type ExceptionName } from 'apigw-canary'
 *
 * const names: ReadonlyArray<ExceptionName> = [promotionNotAvailable.name, stageNotFound('beta').name, stageAlreadyExists('prod').name]
 * assert.deepStrictEqual(names, ['BadRequestException', 'NotFoundException', 'ConflictException'])
 * assert.deepStrictEqual(names.map(httpStatusOf), [400, 404, 409])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type ExceptionName = 'BadRequestException' | 'NotFoundException' | 'ConflictException'

/**
 * A value broke one of AWS's rules (a percentage out of range, a bad stage variable name...).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setTraffic, type InvalidValue } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const refused = setTraffic(stage.right, 150)
 * assert.ok(E.isLeft(refused) && refused.left._tag === 'InvalidValue')
 * const e: InvalidValue = refused.left
 * assert.strictEqual(e.field, 'canarySettings.percentTraffic')
 * assert.strictEqual(e.value, 150)
 * assert.strictEqual(e.rule, 'is not a percentage (0 to 100)')
 * assert.strictEqual(e.message, 'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidValue {
  readonly _tag: 'InvalidValue'
  readonly name: 'BadRequestException'
  /** The field the value was meant for, such as `canarySettings.percentTraffic`. */
  readonly field: string
  /** The value that was refused. */
  readonly value: unknown
  /** The rule it breaks, such as `is not a percentage (0 to 100)`. */
  readonly rule: string
  readonly message: string
}

/**
 * `enableCanary` on a stage that already has a canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, enableCanary, type CanaryAlreadyEnabled } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const again = enableCanary(stage.right, { percentTraffic: 10 })
 * assert.ok(E.isLeft(again) && again.left._tag === 'CanaryAlreadyEnabled')
 * const e: CanaryAlreadyEnabled = again.left
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.match(e.message, /^Stage prod already has a canary/)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryAlreadyEnabled {
  readonly _tag: 'CanaryAlreadyEnabled'
  readonly name: 'BadRequestException'
  readonly message: string
}

/**
 * A canary update on a stage without a canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setTraffic, type CanaryNotEnabled } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const shifted = setTraffic(stage.right, 50)
 * assert.ok(E.isLeft(shifted) && shifted.left._tag === 'CanaryNotEnabled')
 * const e: CanaryNotEnabled = shifted.left
 * assert.strictEqual(e.operation, 'setTraffic')
 * assert.strictEqual(e.name, 'BadRequestException')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryNotEnabled {
  readonly _tag: 'CanaryNotEnabled'
  readonly name: 'BadRequestException'
  /** The transition that needed a canary, such as `setTraffic`. */
  readonly operation: string
  readonly message: string
}

/**
 * Promotion on a stage without a canary: AWS's `Promotion not available. Canary does not exist.`
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, promote, type PromotionNotAvailable } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const promoted = promote(stage.right)
 * assert.ok(E.isLeft(promoted) && promoted.left._tag === 'PromotionNotAvailable')
 * const e: PromotionNotAvailable = promoted.left
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.message, 'Promotion not available. Canary does not exist.')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PromotionNotAvailable {
  readonly _tag: 'PromotionNotAvailable'
  readonly name: 'BadRequestException'
  readonly message: 'Promotion not available. Canary does not exist.'
}

/**
 * A create-deployment without canary settings to a stage whose canary is enabled.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, deploy, type NonCanaryDeploymentNotSupported } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const deployed = deploy(stage.right, 'x7yz12')
 * assert.ok(E.isLeft(deployed) && deployed.left._tag === 'NonCanaryDeploymentNotSupported')
 * const e: NonCanaryDeploymentNotSupported = deployed.left
 * assert.strictEqual(e.stageName, 'prod')
 * assert.ok(e.message.endsWith('because Canary is enabled. Provide CanarySettings in deploymentInput.'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface NonCanaryDeploymentNotSupported {
  readonly _tag: 'NonCanaryDeploymentNotSupported'
  readonly name: 'BadRequestException'
  readonly stageName: string
  readonly message: string
}

/**
 * Any error of the lifecycle transitions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, transition, Transition, type LifecycleError } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const plain = stage.right
 * const tagOf = (t: Transition.Transition): LifecycleError['_tag'] | 'Right' => {
 *   const r = transition(plain, t)
 *   return E.isLeft(r) ? r.left._tag : 'Right'
 * }
 * assert.strictEqual(tagOf(Transition.setTraffic(50)), 'CanaryNotEnabled')
 * assert.strictEqual(tagOf(Transition.promote()), 'PromotionNotAvailable')
 * assert.strictEqual(tagOf(Transition.enableCanary({ percentTraffic: 150 })), 'InvalidValue')
 * assert.strictEqual(tagOf(Transition.disable()), 'Right') // disable cannot fail
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type LifecycleError =
  | InvalidValue
  | CanaryAlreadyEnabled
  | CanaryNotEnabled
  | PromotionNotAvailable
  | NonCanaryDeploymentNotSupported

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------


/**
 * A value that breaks a rule. The message reads `{field}: {value} {rule}` (or `{field} is missing...`
 * when there is no value).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidValue } from 'apigw-canary'
 *
 * const e = invalidValue('canarySettings.percentTraffic', 150, 'is not a percentage (0 to 100)')
 * assert.strictEqual(e.message, 'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidValue = (field: string, value: unknown, rule: string): InvalidValue =>
  badRequest(
    'InvalidValue',
    { field, value, rule },
    value === undefined && rule.startsWith('is missing') ? `${field} ${rule}` : `${field}: ${showValue(value)} ${rule}`
  )

/**
 * `enableCanary` found a canary already on the stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryAlreadyEnabled } from 'apigw-canary'
 *
 * assert.strictEqual(canaryAlreadyEnabled('prod')._tag, 'CanaryAlreadyEnabled')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canaryAlreadyEnabled = (stageName: string | undefined): CanaryAlreadyEnabled =>
  badRequest(
    'CanaryAlreadyEnabled',
    {},
    `Stage ${stageName ?? '(unnamed)'} already has a canary. Update it with setTraffic and the other canary updates, or deploy a new canary with deployCanary; disable it first to start afresh.`
  )

/**
 * A canary update found no canary on the stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryNotEnabled } from 'apigw-canary'
 *
 * assert.match(canaryNotEnabled('setTraffic', 'prod').message, /^setTraffic: stage prod has no canary/)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canaryNotEnabled = (operation: string, stageName: string | undefined): CanaryNotEnabled =>
  badRequest(
    'CanaryNotEnabled',
    { operation },
    `${operation}: stage ${stageName ?? '(unnamed)'} has no canary. Enable one first with enableCanary or deployCanary.`
  )

/**
 * AWS's answer to a promotion without a canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { promotionNotAvailable } from 'apigw-canary'
 *
 * assert.strictEqual(promotionNotAvailable.message, 'Promotion not available. Canary does not exist.')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const promotionNotAvailable: PromotionNotAvailable = badRequest('PromotionNotAvailable', {}, 'Promotion not available. Canary does not exist.')

/**
 * AWS's answer to a create-deployment without canary settings on a canary stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { nonCanaryDeploymentNotSupported } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   nonCanaryDeploymentNotSupported('prod').message,
 *   'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const nonCanaryDeploymentNotSupported = (stageName: string): NonCanaryDeploymentNotSupported =>
  badRequest(
    'NonCanaryDeploymentNotSupported',
    { stageName },
    `Invalid deployment content specified.Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`
  )
