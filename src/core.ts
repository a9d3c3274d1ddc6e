/**
 * apigw-canary/core: the lean entry for tools that only need the stage model, the lifecycle
 * and the update-stage applier. Everything here is also exported from the package root; this
 * entry leaves out the generic JSON Patch core, the transitions as data (`Transition`, which
 * go with `toOperations`), diff, simulation and rollout plans, and is held to a size budget in
 * CI (minified and gzipped, fp-ts and io-ts excluded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, promote } from 'apigw-canary/core'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(
 *   applyPatch(stage.right, [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }]),
 *   E.map((s: typeof stage.right) => ({ ...s, canarySettings: stage.right.canarySettings }))(promote(stage.right, { resetTraffic: false, variables: false }))
 * )
 * ```
 *
 * @module core
 */

export * from './ApiGatewayError.js'
export * from './DecodeError.js'
export * as DeploymentId from './DeploymentId.js'
export * as Percent from './Percent.js'
export * as StageVariable from './StageVariable.js'
export * as Timestamp from './Timestamp.js'
export * as AccessLogSettings from './AccessLogSettings.js'
export * as CanarySettings from './CanarySettings.js'
export * as MethodSetting from './MethodSetting.js'
export * from './Stage.js'
export * as PatchOperation from './PatchOperation.js'
export * from './StagePatch.js'
export * from './Lifecycle.js'
export * from './Phase.js'
