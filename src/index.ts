/**
 * apigw-canary: Amazon API Gateway canary release deployments, modelled exactly as AWS
 * behaves.
 *
 * @packageDocumentation
 */

// errors
export * from './ApiGatewayError.js'
export * from './DecodeError.js'

// refined primitives
export * as DeploymentId from './DeploymentId.js'
export * as Percent from './Percent.js'
export * as StageVariable from './StageVariable.js'
export * as Timestamp from './Timestamp.js'

// the stage and its parts
export * as AccessLogSettings from './AccessLogSettings.js'
export * as CanarySettings from './CanarySettings.js'
export * as MethodSetting from './MethodSetting.js'
export * from './Stage.js'
export * as PatchOperation from './PatchOperation.js'

// JSON Pointer (RFC 6901) and JSON Patch (RFC 6902) over plain JSON
export * as JsonPointer from './JsonPointer.js'
export * as JsonPatch from './JsonPatch.js'

// the update-stage applier, the lifecycle as patch operations, and diff
export * from './StagePatch.js'
export * from './Operations.js'

// the lifecycle
export * from './Lifecycle.js'
export * as Transition from './Transition.js'
export { transition } from './Transition.js'
export * from './Phase.js'

// what one request sees, and seeded traffic runs
export * from './Route.js'
export * from './Simulate.js'

// progressive rollout plans
export * as Rollout from './Rollout.js'
export * as RolloutPreset from './RolloutPreset.js'

// the REST API aggregate: REST APIs, deployments and stages, as API Gateway's calls
export * from './RestApi.js'
export * from './RestApiCodec.js'
export * from './RestApiDeployment.js'
export * from './RestApiError.js'
export * from './RestApiProviders.js'
export * from './RestApiStage.js'
export * as RestApiHttp from './RestApiHttp.js'
