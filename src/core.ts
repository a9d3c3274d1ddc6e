/**
 * apigw-canary/core: the lean entry for tools that take a stage from AWS, change it and check
 * the change: `decodeStage` and `encodeStage`, the lifecycle, the update-stage applier, `phase`,
 * the errors and the types of the model. Everything here is also exported from the package
 * root, which has the rest: the brands' smart constructors and every io-ts codec (for building
 * your own schemas), the transitions as data with `toOperations` and `diff`, the generic JSON
 * Patch core, simulation and rollout plans. This entry is held to a size budget in CI (minified
 * and gzipped, fp-ts and io-ts excluded).
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

export * from './stage/ApiGatewayError.js'
export type { DecodeError, DecodeIssue } from './stage/DecodeError.js'
export type { DeploymentId } from './stage/DeploymentId.js'
export type { Percent } from './stage/Percent.js'
export type { VariableName, VariableValue, Variables } from './stage/StageVariable.js'
export type { Timestamp } from './stage/Timestamp.js'
export type { AccessLogSettings } from './stage/AccessLogSettings.js'
export type { CanaryInput, CanarySettings } from './stage/CanarySettings.js'
export type { LoggingLevel, MethodSetting, MethodSettings, UnauthorizedCacheControlHeaderStrategy } from './stage/MethodSetting.js'
export type { Op, PatchOperation } from './patch/PatchOperation.js'
export { decodeStage, encodeStage, hasCanary, cacheClusterSizes, type CacheClusterSize, type CacheClusterStatus, type CanaryStage, type Stage } from './stage/Stage.js'
export * from './patch/StagePatch.js'
export * from './lifecycle/Lifecycle.js'
export * from './lifecycle/Phase.js'
