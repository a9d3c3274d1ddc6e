/**
 * The canary lifecycle as pure transitions on a {@link Stage}: enable, shift traffic, edit the
 * canary, promote, disable, deploy. Each is data-first, never mutates its input, shares
 * whatever it does not change, and fails with a tagged error in a `Left` only where a
 * precondition can fail. `disable` cannot fail and returns a `Stage`.
 *
 * These follow the API Gateway console and AWS's documented operations; the applier of raw
 * update-stage patches is more lenient in places, as AWS is (a replace of a canary path on a
 * stage without a canary creates one there, while {@link setTraffic} asks for a canary).
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import * as O from 'fp-ts/lib/Option.js'
import {
  canaryAlreadyEnabled,
  canaryNotEnabled,
  invalidValue,
  nonCanaryDeploymentNotSupported,
  promotionNotAvailable,
  type InvalidValue,
  type LifecycleError,
  type PromotionNotAvailable
} from '../stage/ApiGatewayError.js'
import * as CanarySettingsModule from '../stage/CanarySettings.js'
import type { CanaryInput, CanarySettings } from '../stage/CanarySettings.js'
import * as DeploymentId from '../stage/DeploymentId.js'
import * as Percent from '../stage/Percent.js'
import { hasCanary, type CanaryStage, type Stage } from '../stage/Stage.js'
import * as StageVariable from '../stage/StageVariable.js'
import * as R from '../internal/record.js'
import { flatMap } from '../internal/either.js'
import { readingSafely } from '../stage/reading.js'
import { promoteParts } from './promotion.js'
import { putOverride, setCanaryField } from './canary.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Which parts of a promotion to carry out; each defaults to `true`. The console's promote
 * dialog lets each be skipped.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, promote, type PromoteOptions } from 'apigw-canary'
 *
 * const stage = decodeStage({
 *   deploymentId: 'nfcn0x',
 *   variables: { sv1: 'val1' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { sv1: 'val2' } }
 * })
 * assert.ok(E.isRight(stage))
 * // Promote the deployment only: the variables and the canary's traffic stay as they are.
 * const deploymentOnly: PromoteOptions = { variables: false, resetTraffic: false }
 * const promoted = promote(stage.right, deploymentOnly)
 * assert.ok(E.isRight(promoted))
 * assert.deepStrictEqual(promoted.right, { ...stage.right, deploymentId: 'eh1sby' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PromoteOptions {
  /** Copy the canary's deploymentId to the stage (`copy from /canarySettings/deploymentId to /deploymentId`). */
  readonly deployment?: boolean
  /** Merge the overrides into the stage variables (`copy from /canarySettings/stageVariableOverrides to /variables`). */
  readonly variables?: boolean
  /** Set the canary's traffic to 0 (`replace /canarySettings/percentTraffic 0.0`). */
  readonly resetTraffic?: boolean
}

/**
 * The canary settings a canary deployment takes: those of {@link CanaryInput} but the
 * deployment, which is the one being deployed.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, deployCanary, type DeploymentCanaryInput } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * // No deploymentId: the deployment being deployed becomes the canary's.
 * const settings: DeploymentCanaryInput = { percentTraffic: 10, useStageCache: true }
 * const deployed = deployCanary(stage.right, 'eh1sby', settings)
 * assert.ok(E.isRight(deployed))
 * assert.deepStrictEqual(deployed.right.canarySettings, { deploymentId: 'eh1sby', percentTraffic: 10, useStageCache: true })
 * // @ts-expect-error the canary's deployment is not an input here
 * const named: DeploymentCanaryInput = { deploymentId: 'x7yz12' }
 * assert.ok(named)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type DeploymentCanaryInput = Omit<CanaryInput, 'deploymentId'>

// -------------------------------------------------------------------------------------
// getters
// -------------------------------------------------------------------------------------

/**
 * The canary's share of traffic, if there is a canary: the getter of the lens whose setter
 * is {@link setTraffic}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { decodeStage, traffic } from 'apigw-canary'
 * import * as E from 'fp-ts/lib/Either.js'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * if (E.isRight(stage)) assert.deepStrictEqual(traffic(stage.right), O.some(10.5))
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const traffic = (stage: Stage): O.Option<Percent.Percent> =>
  stage.canarySettings === undefined ? O.none : O.some(stage.canarySettings.percentTraffic)

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

/** The update of a stage with a canary (its copies this call's own), or AWS's answer for `operation` on a stage without one. */
const updateCanary =
  <Args extends ReadonlyArray<unknown>>(
    operation: string,
    update: (owned: R.Owned, stage: CanaryStage, ...args: Args) => E.Either<LifecycleError, CanaryStage>
  ) =>
  (stage: Stage, ...args: Args): E.Either<LifecycleError, CanaryStage> =>
    hasCanary(stage) ? update(new Set(), stage, ...args) : E.left(canaryNotEnabled(operation, stage.stageName))

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Adds a canary to a stage that has none. Missing settings take AWS's defaults: the stage's
 * own deploymentId, 0 percent, no overrides, no stage cache. Fails if a canary is already on
 * (use {@link deployCanary} to replace one), or if a setting breaks AWS's rules.
 *
 * AWS: `update-stage --patch-operations op=replace,path=/canarySettings/percentTraffic,value=...`
 * (and the other canary paths) on a stage without a canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, enableCanary, type Stage } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const enabled = enableCanary(stage.right, { percentTraffic: 10 })
 * assert.deepStrictEqual(enabled, E.right({
 *   stageName: 'prod',
 *   deploymentId: 'nfcn0x',
 *   canarySettings: { deploymentId: 'nfcn0x', percentTraffic: 10, useStageCache: false }
 * }))
 * // A second enable fails: the canary is already on.
 * assert.ok(E.isLeft(E.chainW((s: Stage) => enableCanary(s))(enabled)))
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const enableCanary = (stage: Stage, settings: CanaryInput = {}): E.Either<LifecycleError, CanaryStage> =>
  hasCanary(stage)
    ? E.left(canaryAlreadyEnabled(stage.stageName))
    : E.map((canary: CanarySettings): CanaryStage => ({ ...stage, canarySettings: canary }))(
        CanarySettingsModule.fromInput(settings, stage.deploymentId)
      )

/**
 * Sets the canary's share of traffic. Takes a plain number and checks it (finite, 0 to 100
 * inclusive); fails if there is no canary. With the getter {@link traffic} it is a lawful
 * lens: get after set gives what was set, setting what was got changes nothing, and setting
 * twice is setting once.
 *
 * AWS: `op=replace,path=/canarySettings/percentTraffic,value=50.0`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setTraffic } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * const shifted = setTraffic(stage.right, 50)
 * assert.ok(E.isRight(shifted))
 * assert.strictEqual(shifted.right.canarySettings.percentTraffic, 50)
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(setTraffic(stage.right, 150)),
 *   E.left('canarySettings.percentTraffic: 150 is not a percentage (0 to 100)')
 * )
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const setTraffic: (stage: Stage, percent: number) => E.Either<LifecycleError, CanaryStage> = updateCanary(
  'setTraffic',
  (owned, stage, percent: number) =>
    // `Percent.fromNumber` refuses a value that is not a number as it refuses one out of range.
    E.map((p: Percent.Percent) => setCanaryField(owned, stage, 'percentTraffic', p))(Percent.fromNumber(percent, 'canarySettings.percentTraffic'))
)

/**
 * Creates or overwrites one canary override of a stage variable. Fails if there is no canary,
 * if the name or value breaks AWS's rules, or if it would make more than 100 overrides.
 *
 * AWS: `op=replace,path=/canarySettings/stageVariableOverrides/{name},value={value}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setOverride } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const edited = setOverride(stage.right, 'sv1', 'val2')
 * assert.ok(E.isRight(edited))
 * assert.deepStrictEqual(edited.right.canarySettings.stageVariableOverrides, { sv1: 'val2' })
 * assert.ok(E.isLeft(setOverride(stage.right, 'bad-name', 'x')))
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const setOverride: (stage: Stage, name: string, value: string) => E.Either<LifecycleError, CanaryStage> = updateCanary(
  'setOverride',
  (owned, stage, name: string, value: string) =>
    flatMap(StageVariable.nameFromString(name, 'canarySettings.stageVariableOverrides'), (n: StageVariable.VariableName) =>
      flatMap(StageVariable.valueFromString(value, `canarySettings.stageVariableOverrides.${n}`), (v: StageVariable.VariableValue) => putOverride(owned, stage, n, v))
    )
)

/**
 * Removes one canary override; removing one that is not there changes nothing (chosen: AWS's
 * answer is not recorded). When the last override goes, `stageVariableOverrides` goes, as AWS
 * reports it.
 *
 * AWS: `op=remove,path=/canarySettings/stageVariableOverrides/{name}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, removeOverride } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', stageVariableOverrides: { sv1: 'val2' } } })
 * assert.ok(E.isRight(stage))
 * const removed = removeOverride(stage.right, 'sv1')
 * assert.ok(E.isRight(removed))
 * assert.deepStrictEqual(removed.right.canarySettings, { deploymentId: 'eh1sby', percentTraffic: 0, useStageCache: false })
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const removeOverride: (stage: Stage, name: string) => E.Either<LifecycleError, CanaryStage> = updateCanary(
  'removeOverride',
  (owned, stage, name: string) => flatMap(StageVariable.nameFromString(name, 'canarySettings.stageVariableOverrides'), (n: StageVariable.VariableName) => putOverride(owned, stage, n, undefined))
)

/**
 * Says whether the canary uses the stage cache.
 *
 * AWS: `op=replace,path=/canarySettings/useStageCache,value=true`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setUseStageCache } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const cached = setUseStageCache(stage.right, true)
 * assert.ok(E.isRight(cached))
 * assert.strictEqual(cached.right.canarySettings.useStageCache, true)
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const setUseStageCache: (stage: Stage, useStageCache: boolean) => E.Either<LifecycleError, CanaryStage> = updateCanary(
  'setUseStageCache',
  (owned, stage, useStageCache: boolean) =>
    typeof useStageCache !== 'boolean'
      ? E.left(invalidValue('canarySettings.useStageCache', useStageCache, 'is not a boolean'))
      : E.right(setCanaryField(owned, stage, 'useStageCache', useStageCache))
)

/**
 * Points the canary at another deployment.
 *
 * AWS: `op=replace,path=/canarySettings/deploymentId,value={id}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, setCanaryDeployment } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const moved = setCanaryDeployment(stage.right, 'x7yz12')
 * assert.ok(E.isRight(moved))
 * assert.strictEqual(moved.right.canarySettings.deploymentId, 'x7yz12')
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const setCanaryDeployment: (stage: Stage, deploymentId: string) => E.Either<LifecycleError, CanaryStage> = updateCanary(
  'setCanaryDeployment',
  (owned, stage, deploymentId: string) =>
    E.map((id: DeploymentId.DeploymentId) => setCanaryField(owned, stage, 'deploymentId', id))(DeploymentId.fromString(deploymentId, 'canarySettings.deploymentId'))
)

/**
 * Promotes the canary: the stage takes the canary's deploymentId; the stage variables become
 * the stage variables merged with the overrides (overrides win, every other variable stays);
 * the canary's traffic goes to 0. The canary stays enabled, with its deploymentId, overrides
 * and stage-cache setting (recorded). `options` skips any of the three parts, as the
 * console's dialog does. Without a canary: AWS's `Promotion not available. Canary does not
 * exist.`
 *
 * AWS (three operations, in this order): `replace /canarySettings/percentTraffic 0.0`,
 * `copy from /canarySettings/stageVariableOverrides to /variables`,
 * `copy from /canarySettings/deploymentId to /deploymentId`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, promote } from 'apigw-canary'
 *
 * const stage = decodeStage({
 *   stageName: 'prod',
 *   deploymentId: 'nfcn0x',
 *   variables: { sv1: 'val1' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
 * })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(promote(stage.right), E.right({
 *   stageName: 'prod',
 *   deploymentId: 'eh1sby',
 *   variables: { sv1: 'val2', sv2: 'val3' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
 * }))
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const promote = (stage: Stage, options: PromoteOptions = {}): E.Either<PromotionNotAvailable | InvalidValue, CanaryStage> => {
  if (!hasCanary(stage)) return E.left(promotionNotAvailable)
  // the options read once, and total however they are made
  const parts = readingSafely('options', options, () => E.right({ ...options }))
  if (E.isLeft(parts)) return parts
  const { resetTraffic = true, variables = true, deployment = true } = parts.right
  return promoteParts(stage, resetTraffic, variables, deployment)
}

/**
 * Disables the canary: the canary settings go, and nothing else changes (the stage's
 * deploymentId and variables stay as they are). Without a promotion first this is the
 * rollback. Total and idempotent: on a stage without a canary it returns that stage
 * (chosen: AWS's answer there is not recorded).
 *
 * AWS: `op=remove,path=/canarySettings`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, disable } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * const disabled = disable(stage.right)
 * assert.deepStrictEqual(disabled, { deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * assert.strictEqual(disable(disabled), disabled) // idempotent: the same stage back
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const disable = (stage: Stage): Stage => R.omit(stage, 'canarySettings')

/**
 * Deploys to the stage without canary settings (create-deployment with `--stage-name` and no
 * `--canary-settings`): the stage runs the new deployment. AWS refuses this while a canary is
 * enabled, with its own message; disable the canary first, or use {@link deployCanary}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, deploy } from 'apigw-canary'
 *
 * const plain = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(plain))
 * assert.deepStrictEqual(deploy(plain.right, 'x7yz12'), E.right({ stageName: 'prod', deploymentId: 'x7yz12' }))
 *
 * const canary = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(canary))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(deploy(canary.right, 'x7yz12')),
 *   E.left('Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.')
 * )
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const deploy = (stage: Stage, deploymentId: string): E.Either<LifecycleError, Stage> =>
  hasCanary(stage)
    ? E.left(nonCanaryDeploymentNotSupported(stage.stageName ?? ''))
    : E.map((id: DeploymentId.DeploymentId): Stage => (stage.deploymentId === id ? stage : { ...stage, deploymentId: id }))(
        DeploymentId.fromString(deploymentId)
      )

/**
 * Deploys a canary to the stage (create-deployment with `--canary-settings`): the new
 * deployment becomes the canary's; the stage's own deploymentId and variables stay. On a stage
 * that already has a canary the canary settings are replaced by the new input, and overrides
 * not given are dropped (recorded). Missing settings take AWS's defaults (0 percent, no stage
 * cache).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, deployCanary } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(
 *   deployCanary(stage.right, 'eh1sby', { percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } }),
 *   E.right({
 *     stageName: 'prod',
 *     deploymentId: 'nfcn0x',
 *     variables: { sv1: 'val1' },
 *     canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
 *   })
 * )
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const deployCanary = (
  stage: Stage,
  deploymentId: string,
  settings: DeploymentCanaryInput = {}
): E.Either<LifecycleError, CanaryStage> =>
  E.map((canary: CanarySettings): CanaryStage => ({ ...stage, canarySettings: canary }))(
    flatMap(
      readingSafely('canarySettings', settings, () =>
        R.isRecord(settings) ? E.right({ ...settings, deploymentId }) : E.left(invalidValue('canarySettings', settings, 'is not canary settings (an object)'))
      ),
      (input: CanaryInput) => CanarySettingsModule.fromInput(input, undefined)
    )
  )
