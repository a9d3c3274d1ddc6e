/**
 * apigw-canary: Amazon API Gateway canary release deployments, modelled exactly as AWS
 * behaves.
 *
 * @packageDocumentation
 */

// the model's types by their own names, each also the namespace of its functions
export * from './models.js'

// errors
export * from './stage/ApiGatewayError.js'
export * from './stage/DecodeError.js'
export * from './stage/toError.js'

// refined primitives
export * as StageVariable from './stage/StageVariable.js'

// the stage and its parts
export * from './stage/Stage.js'

// JSON Pointer (RFC 6901) and JSON Patch (RFC 6902) over plain JSON
export * as JsonPointer from './json/JsonPointer.js'
export * as JsonPatch from './json/JsonPatch.js'

// the update-stage applier, the lifecycle as patch operations, and diff
export * from './patch/StagePatch.js'
export * from './patch/Operations.js'

// the lifecycle
export * from './lifecycle/Lifecycle.js'
export { transition } from './lifecycle/Transition.js'
export * from './lifecycle/Phase.js'

// what one request sees, and seeded traffic runs
export * from './traffic/Route.js'
export * from './traffic/Simulate.js'

// progressive rollout plans
export * as RolloutPreset from './rollout/RolloutPreset.js'

// the REST API aggregate: REST APIs, deployments and stages, as API Gateway's calls
export * from './gateway/control/RestApi.js'
export * from './gateway/wire/RestApiCodec.js'
export * from './gateway/control/RestApiDeployment.js'
export * from './gateway/control/RestApiError.js'
export * from './gateway/control/RestApiProviders.js'
export * from './gateway/control/RestApiStage.js'
export * from './gateway/control/RestApiTags.js'
export * as RestApiHttp from './gateway/wire/RestApiHttp.js'

// the API definition: resources, methods, integrations
export * from './gateway/control/Resource.js'
export * from './gateway/control/RestApiResource.js'
export * from './gateway/control/RestApiMethod.js'
