/**
 * A stage's canary: the deployment it runs, the share of traffic it takes, the stage
 * variables it overrides and whether it uses the stage cache.
 *
 * On the wire AWS always reports `deploymentId`, `percentTraffic` and `useStageCache` for a
 * canary, and leaves `stageVariableOverrides` out when it is empty (recorded); this type says
 * the same. No `canarySettings` on a stage means no canary.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type * as t from 'io-ts'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import * as DeploymentId from './DeploymentId.js'
import * as Percent from './Percent.js'
import * as StageVariable from './StageVariable.js'
import { codecs } from '../internal/codecCore.js'
import { canarySettingsOf } from './shapes.js'
import { isEmpty, isRecord } from '../internal/record.js'
import { flatMap } from '../internal/either.js'
import { readingSafely } from './reading.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A canary, in AWS's wire shape.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import type { CanarySettings } from 'apigw-canary/core'
 *
 * // AWS always reports deploymentId, percentTraffic and useStageCache; empty overrides are left out.
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', stageVariableOverrides: {} } })
 * assert.ok(E.isRight(stage))
 * const canary: CanarySettings | undefined = stage.right.canarySettings
 * assert.deepStrictEqual(canary, { deploymentId: 'eh1sby', percentTraffic: 0, useStageCache: false })
 * // No canarySettings: no canary.
 * assert.deepStrictEqual(decodeStage({ deploymentId: 'nfcn0x' }), E.right({ deploymentId: 'nfcn0x' }))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanarySettings {
  readonly deploymentId: DeploymentId.DeploymentId
  readonly percentTraffic: Percent.Percent
  /** Absent when there are none, as AWS reports it. */
  readonly stageVariableOverrides?: StageVariable.Variables
  readonly useStageCache: boolean
}

/**
 * What a caller may say of a canary, in plain values: each field is checked, each missing one
 * takes AWS's default (the stage's deployment, 0 percent, no overrides, no stage cache).
 * The same fields as SDK v3's `CanarySettings` and CloudFormation's `CanarySetting`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { CanarySettings } from 'apigw-canary'
 *
 * // Plain values, as SDK v3's CanarySettings: each missing field takes AWS's default.
 * const input: CanarySettings.CanaryInput = { percentTraffic: 10 }
 * assert.deepStrictEqual(
 *   CanarySettings.fromInput(input, 'nfcn0x'),
 *   E.right({ deploymentId: 'nfcn0x', percentTraffic: 10, useStageCache: false })
 * )
 * // Each field is checked.
 * assert.ok(E.isLeft(CanarySettings.fromInput({ ...input, stageVariableOverrides: { 'bad-name': 'x' } }, 'nfcn0x')))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryInput {
  readonly deploymentId?: string
  readonly percentTraffic?: number
  readonly stageVariableOverrides?: Readonly<Record<string, string>>
  readonly useStageCache?: boolean
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A canary with AWS's defaults, on `deploymentId`: 0 percent, no overrides, no stage cache.
 * This is what update-stage creates when a canary path is first replaced (recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CanarySettings, DeploymentId } from 'apigw-canary'
 *
 * assert.deepStrictEqual(CanarySettings.make(DeploymentId.unsafeFromString('nfcn0x')), {
 *   deploymentId: 'nfcn0x',
 *   percentTraffic: 0,
 *   useStageCache: false
 * })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (deploymentId: DeploymentId.DeploymentId): CanarySettings => ({
  deploymentId,
  percentTraffic: Percent.zero,
  useStageCache: false
})

/**
 * Builds a canary from plain input, checking each field and filling AWS's defaults;
 * `fallbackDeploymentId` (the stage's own) is used when the input names none.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { CanarySettings } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   CanarySettings.fromInput({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' } }, undefined),
 *   E.right({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: false })
 * )
 * assert.ok(E.isLeft(CanarySettings.fromInput({ percentTraffic: 101 }, 'nfcn0x')))
 * assert.ok(E.isLeft(CanarySettings.fromInput({}, undefined)))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromInput = (input: CanaryInput, fallbackDeploymentId: string | undefined): E.Either<InvalidValue, CanarySettings> =>
  readingSafely('canarySettings', input, () => {
    const raw: unknown = input
    if (!isRecord(raw)) return E.left(invalidValue('canarySettings', raw, 'is not canary settings (an object)'))
    // each field read once, so that a getter cannot answer the check one value and the result another
    const { deploymentId: given, percentTraffic: percent, stageVariableOverrides: overridesInput, useStageCache } = input
    const id = given ?? fallbackDeploymentId
    if (id === undefined) {
      return E.left(
        invalidValue('canarySettings.deploymentId', undefined, 'is missing: the stage has no deploymentId to default to, so name the canary\'s deployment')
      )
    }
    if (useStageCache !== undefined && typeof useStageCache !== 'boolean') {
      return E.left(invalidValue('canarySettings.useStageCache', useStageCache, 'is not a boolean'))
    }
    // The first field that breaks a rule is the one reported. `Percent.fromNumber` refuses a value
    // that is not a number (`null`, a string) as it refuses one out of range.
    return flatMap(DeploymentId.fromString(id, 'canarySettings.deploymentId'), (deploymentId: DeploymentId.DeploymentId) =>
      flatMap(
        Percent.fromNumber(percent === undefined ? 0 : percent, 'canarySettings.percentTraffic'),
        (percentTraffic: Percent.Percent) =>
          E.map(
            (overrides: StageVariable.Variables): CanarySettings => ({
              deploymentId,
              percentTraffic,
              ...(isEmpty(overrides) ? {} : { stageVariableOverrides: overrides }),
              useStageCache: useStageCache ?? false
            })
          )(StageVariable.fromRecord(overridesInput ?? {}, 'canarySettings.stageVariableOverrides'))
      )
    )
  })

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for a stage's canary. `deploymentId` is required; a missing
 * `percentTraffic` decodes as 0 and a missing `useStageCache` as `false` (AWS's defaults); an
 * empty `stageVariableOverrides` is left out, as AWS reports it; unknown fields are kept.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/Either'
 * import { CanarySettings } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   CanarySettings.codec.decode({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: {} }),
 *   E.right({ deploymentId: 'eh1sby', percentTraffic: 10.5, useStageCache: false })
 * )
 * assert.ok(E.isLeft(CanarySettings.codec.decode({ deploymentId: 'eh1sby', percentTraffic: 150 })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<CanarySettings, unknown, unknown> = /* @__PURE__ */ canarySettingsOf<CanarySettings>(codecs)
