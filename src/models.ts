/**
 * The model's types by their own names, each merged with the namespace of its functions: one
 * import gives both `PatchOperation.replace(...)` and `const op: PatchOperation = ...`.
 * (`export * as X` alone makes `X` a namespace only, and `export type { X }` beside it is a
 * duplicate; a namespace import re-exported under a name and a type alias of the same name
 * merge.) Re-exported by the root entry.
 *
 * @since 0.2.0
 *
 * @module
 */
import * as DeploymentId_ from './stage/DeploymentId.js'
export { DeploymentId_ as DeploymentId }
/**
 * The `DeploymentId` type, importable by its own name (`import type { DeploymentId } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DeploymentId } from 'apigw-canary'
 *
 * const id: DeploymentId = DeploymentId.unsafeFromString('eh1sby')
 * assert.strictEqual(id, 'eh1sby')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DeploymentId = DeploymentId_.DeploymentId

import * as Percent_ from './stage/Percent.js'
export { Percent_ as Percent }
/**
 * The `Percent` type, importable by its own name (`import type { Percent } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Percent } from 'apigw-canary'
 *
 * const p: Percent = Percent.unsafeFromNumber(10.5)
 * assert.strictEqual(p, 10.5)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Percent = Percent_.Percent

import * as Timestamp_ from './stage/Timestamp.js'
export { Timestamp_ as Timestamp }
/**
 * The `Timestamp` type, importable by its own name (`import type { Timestamp } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Timestamp } from 'apigw-canary'
 *
 * const at: Timestamp = Timestamp.unsafeFromString('2017-11-20T04:42:19Z')
 * assert.strictEqual(at, '2017-11-20T04:42:19Z')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Timestamp = Timestamp_.Timestamp

import * as AccessLogSettings_ from './stage/AccessLogSettings.js'
export { AccessLogSettings_ as AccessLogSettings }
/**
 * The `AccessLogSettings` type, importable by its own name (`import type { AccessLogSettings } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { AccessLogSettings } from 'apigw-canary'
 *
 * const settings: AccessLogSettings = { format: '$context.requestId' }
 * assert.ok(E.isRight(AccessLogSettings.codec.decode(settings)))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type AccessLogSettings = AccessLogSettings_.AccessLogSettings

import * as CanarySettings_ from './stage/CanarySettings.js'
export { CanarySettings_ as CanarySettings }
/**
 * The `CanarySettings` type, importable by its own name (`import type { CanarySettings } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CanarySettings, DeploymentId } from 'apigw-canary'
 *
 * const canary: CanarySettings = CanarySettings.make(DeploymentId.unsafeFromString('eh1sby'))
 * assert.strictEqual(canary.percentTraffic, 0)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type CanarySettings = CanarySettings_.CanarySettings

import * as MethodSetting_ from './stage/MethodSetting.js'
export { MethodSetting_ as MethodSetting }
/**
 * The `MethodSetting` type, importable by its own name (`import type { MethodSetting } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { MethodSetting } from 'apigw-canary'
 *
 * const setting: MethodSetting = MethodSetting.defaults
 * assert.strictEqual(setting.metricsEnabled, false)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type MethodSetting = MethodSetting_.MethodSetting

import * as PatchOperation_ from './patch/PatchOperation.js'
export { PatchOperation_ as PatchOperation }
/**
 * The `PatchOperation` type, importable by its own name (`import type { PatchOperation } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { PatchOperation } from 'apigw-canary'
 *
 * const op: PatchOperation = PatchOperation.replace('/canarySettings/percentTraffic', '50')
 * assert.deepStrictEqual(op, { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type PatchOperation = PatchOperation_.PatchOperation

import * as Transition_ from './lifecycle/Transition.js'
export { Transition_ as Transition }
/**
 * The `Transition` type, importable by its own name (`import type { Transition } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, transition, Transition } from 'apigw-canary'
 *
 * const steps: ReadonlyArray<Transition> = [Transition.setTraffic(50), Transition.promote(), Transition.disable()]
 * assert.deepStrictEqual(steps.map((t) => t._tag), ['SetTraffic', 'Promote', 'Disable'])
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(transition(stage.right, Transition.disable()), E.right({ deploymentId: 'nfcn0x' }))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Transition = Transition_.Transition

import * as Rollout_ from './rollout/Rollout.js'
export { Rollout_ as Rollout }
/**
 * The `Rollout` type, importable by its own name (`import type { Rollout } from 'apigw-canary'`);
 * the same name is also the namespace of its functions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * const plan = Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()])
 * assert.ok(E.isRight(stage) && E.isRight(plan))
 * const started = Rollout.start(plan.right, stage.right, 0)
 * assert.ok(E.isRight(started))
 * const rollout: Rollout = started.right.rollout
 * assert.strictEqual(rollout.status._tag, 'Baking')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Rollout = Rollout_.Rollout
