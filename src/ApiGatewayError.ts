/**
 * The errors of the lifecycle, as values. Each carries a `_tag` to match on, the `name` of the
 * exception API Gateway answers with, and a `message`: AWS's exact text where it is known
 * (see the reference notes), a sentence saying what was wrong and how to fix it otherwise.
 *
 * Nothing in this library throws across its public API; every failure is one of these in a
 * `Left`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { showValue } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The exception names API Gateway answers with.
 *
 * @category model
 * @since 0.1.0
 */
export type ExceptionName = 'BadRequestException' | 'NotFoundException' | 'ConflictException'

/**
 * A value broke one of AWS's rules (a percentage out of range, a bad stage variable name...).
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
export const invalidValue = (field: string, value: unknown, rule: string): InvalidValue => ({
  _tag: 'InvalidValue',
  name: 'BadRequestException',
  field,
  value,
  rule,
  message: value === undefined && rule.startsWith('is missing') ? `${field} ${rule}` : `${field}: ${showValue(value)} ${rule}`
})

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
export const canaryAlreadyEnabled = (stageName: string | undefined): CanaryAlreadyEnabled => ({
  _tag: 'CanaryAlreadyEnabled',
  name: 'BadRequestException',
  message: `Stage ${stageName ?? '(unnamed)'} already has a canary. Update it with setTraffic and the other canary updates, or deploy a new canary with deployCanary; disable it first to start afresh.`
})

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
export const canaryNotEnabled = (operation: string, stageName: string | undefined): CanaryNotEnabled => ({
  _tag: 'CanaryNotEnabled',
  name: 'BadRequestException',
  operation,
  message: `${operation}: stage ${stageName ?? '(unnamed)'} has no canary. Enable one first with enableCanary or deployCanary.`
})

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
export const promotionNotAvailable: PromotionNotAvailable = {
  _tag: 'PromotionNotAvailable',
  name: 'BadRequestException',
  message: 'Promotion not available. Canary does not exist.'
}

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
export const nonCanaryDeploymentNotSupported = (stageName: string): NonCanaryDeploymentNotSupported => ({
  _tag: 'NonCanaryDeploymentNotSupported',
  name: 'BadRequestException',
  stageName,
  message: `Invalid deployment content specified.Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`
})
