/**
 * The errors of the REST API aggregate ({@link Gateway}) that are not about one stage's
 * canary: unknown REST APIs, stages and deployments, a stage that already exists, a deployment
 * still in use, and the create-deployment errors of a canary release. Each carries a `_tag`,
 * the `name` of the exception API Gateway answers with and its `message`, AWS's text where it
 * is known:
 *
 * - recorded: `Invalid API identifier specified {accountId}:{restApiId}` (quoted from real AWS
 *   answers; older answers said `Invalid REST API identifier specified`),
 *   `Active stages pointing to this deployment must be moved or deleted` (quoted in public
 *   issue threads), `Active stages with canary settings pointing to this deployment must be
 *   moved or deleted` (the text terraform-provider-aws matches on delete-deployment, in
 *   `internal/service/apigateway/deployment.go`), the `BadRequestException`
 *   `Deployment id does not exist` of create-stage naming a deployment that does not exist
 *   (LocalStack's AWS-validated snapshot `bad-canary-deployment-id` for the canary's, a real
 *   Terraform error, `Error creating API Gateway Stage: BadRequestException: Deployment id does
 *   not exist`, for the stage's), the two canary create-deployment texts of the reference, and
 *   `Stage name only allows a-zA-Z0-9_`;
 * - recorded in a real answer quoted in public: `Invalid stage identifier specified` (lower-case
 *   `stage`; delete-stage of an unknown stage, the title of terraform-provider-aws issue 12756,
 *   and moto's text; the emulator LocalStack's capital `Stage` is not AWS's), `Stage already
 *   exists` (a `ConflictException` in Terraform's logs, terraform-provider-aws issue 2918);
 * - chosen, from the emulators' texts (no real answer found): `Invalid Deployment identifier
 *   specified` (get-deployment and delete-deployment of an unknown id; moto and LocalStack
 *   agree on the capital `D`), and the id-provider's `IdsExhausted` text (our own).
 *
 * Each text below carries a `recorded:` or `chosen:` note with its source (see also
 * `/work/research/gateway.md` section 3 in the project notes).
 *
 * @since 0.1.0
 *
 * @module
 */
import type { ExceptionName } from '../../stage/ApiGatewayError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * No REST API has this id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { emptyGateway, getRestApi, httpStatusOf, type RestApiNotFound } from 'apigw-canary'
 *
 * const got = getRestApi(emptyGateway(), { restApiId: 'a1b2c3d4e5' })
 * assert.ok(E.isLeft(got) && got.left._tag === 'RestApiNotFound')
 * const e: RestApiNotFound = got.left
 * assert.strictEqual(e.restApiId, 'a1b2c3d4e5')
 * assert.strictEqual(httpStatusOf(e.name), 404)
 * assert.strictEqual(e.message, 'Invalid API identifier specified 123456789012:a1b2c3d4e5')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RestApiNotFound {
  readonly _tag: 'RestApiNotFound'
  readonly name: 'NotFoundException'
  readonly restApiId: string
  readonly message: string
}

/**
 * The REST API has no stage of this name.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getStage, httpStatusOf, type StageNotFound } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const got = getStage(api.right.gateway, { restApiId, stageName: 'prod' })
 * assert.ok(E.isLeft(got) && got.left._tag === 'StageNotFound')
 * const e: StageNotFound = got.left
 * assert.strictEqual(e.stageName, 'prod')
 * assert.strictEqual(httpStatusOf(e.name), 404)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface StageNotFound {
  readonly _tag: 'StageNotFound'
  readonly name: 'NotFoundException'
  readonly stageName: string
  readonly message: 'Invalid stage identifier specified'
}

/**
 * The REST API has no deployment of this id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getDeployment, httpStatusOf, type DeploymentNotFound } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const got = getDeployment(api.right.gateway, { restApiId, deploymentId: 'x7yz12' })
 * assert.ok(E.isLeft(got) && got.left._tag === 'DeploymentNotFound')
 * const e: DeploymentNotFound = got.left
 * assert.strictEqual(e.deploymentId, 'x7yz12')
 * assert.strictEqual(httpStatusOf(e.name), 404)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DeploymentNotFound {
  readonly _tag: 'DeploymentNotFound'
  readonly name: 'NotFoundException'
  readonly deploymentId: string
  readonly message: 'Invalid Deployment identifier specified'
}

/**
 * create-stage naming a deployment that does not exist, as the stage's own (`deploymentId`) or
 * as its canary's (`canarySettings.deploymentId`). Unlike {@link DeploymentNotFound} (get and
 * delete of an unknown deployment, a 404), AWS answers this with a 400.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, createStage, emptyGateway, httpStatusOf, type StageDeploymentDoesNotExist } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const created = createStage(api.right.gateway, { restApiId, stageName: 'prod', deploymentId: 'x7yz12' })
 * assert.ok(E.isLeft(created) && created.left._tag === 'StageDeploymentDoesNotExist')
 * const e: StageDeploymentDoesNotExist = created.left
 * assert.strictEqual(e.field, 'deploymentId')
 * assert.strictEqual(e.message, 'Deployment id does not exist')
 * assert.strictEqual(httpStatusOf(e.name), 400) // not get-deployment's 404
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface StageDeploymentDoesNotExist {
  readonly _tag: 'StageDeploymentDoesNotExist'
  readonly name: 'BadRequestException'
  readonly deploymentId: string
  /** Which field of the create-stage request named it. */
  readonly field: 'deploymentId' | 'canarySettings.deploymentId'
  readonly message: 'Deployment id does not exist'
}

/**
 * create-stage with the name of a stage that exists.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, createStage, emptyGateway, httpStatusOf, type StageAlreadyExists, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const again = createStage(made.right.gateway, { restApiId, stageName: 'prod', deploymentId: made.right.response.id })
 * assert.ok(E.isLeft(again) && again.left._tag === 'StageAlreadyExists')
 * const e: StageAlreadyExists = again.left
 * assert.strictEqual(e.stageName, 'prod')
 * assert.strictEqual(httpStatusOf(e.name), 409)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface StageAlreadyExists {
  readonly _tag: 'StageAlreadyExists'
  readonly name: 'ConflictException'
  readonly stageName: string
  readonly message: 'Stage already exists'
}

/**
 * delete-deployment of a deployment that a stage runs as its own (whether or not canaries run it
 * too).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteDeployment, emptyGateway, type DeploymentInUse, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const deleted = deleteDeployment(made.right.gateway, { restApiId, deploymentId: made.right.response.id })
 * assert.ok(E.isLeft(deleted) && deleted.left._tag === 'DeploymentInUse')
 * const e: DeploymentInUse = deleted.left
 * assert.deepStrictEqual(e.stageNames, ['prod'])
 * assert.strictEqual(e.message, 'Active stages pointing to this deployment must be moved or deleted')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DeploymentInUse {
  readonly _tag: 'DeploymentInUse'
  readonly name: 'BadRequestException'
  readonly deploymentId: string
  /** The stages that use it, as their own deployment or as their canary's. */
  readonly stageNames: ReadonlyArray<string>
  readonly message: 'Active stages pointing to this deployment must be moved or deleted'
}

/**
 * delete-deployment of a deployment that only stages' canaries run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteDeployment, emptyGateway, type CanaryDeploymentInUse, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const prod = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(prod))
 * const canary = createDeployment(prod.right.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } })
 * assert.ok(E.isRight(canary))
 * const deleted = deleteDeployment(canary.right.gateway, { restApiId, deploymentId: canary.right.response.id })
 * assert.ok(E.isLeft(deleted) && deleted.left._tag === 'CanaryDeploymentInUse')
 * const e: CanaryDeploymentInUse = deleted.left
 * assert.deepStrictEqual(e.stageNames, ['prod'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryDeploymentInUse {
  readonly _tag: 'CanaryDeploymentInUse'
  readonly name: 'BadRequestException'
  readonly deploymentId: string
  /** The stages whose canary runs it. */
  readonly stageNames: ReadonlyArray<string>
  readonly message: 'Active stages with canary settings pointing to this deployment must be moved or deleted'
}

/**
 * A canary create-deployment to a stage that does not exist.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, createDeployment, emptyGateway, type CanaryStageNotFound, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const deployed = createDeployment(apiReady.right, { restApiId, stageName: 'beta', canarySettings: { percentTraffic: 10 } })
 * assert.ok(E.isLeft(deployed) && deployed.left._tag === 'CanaryStageNotFound')
 * const e: CanaryStageNotFound = deployed.left
 * assert.strictEqual(e.stageName, 'beta')
 * assert.strictEqual(e.message, 'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryStageNotFound {
  readonly _tag: 'CanaryStageNotFound'
  readonly name: 'BadRequestException'
  readonly stageName: string
  readonly message: string
}

/**
 * A canary create-deployment without a stage name (`undefined`, AWS's `null`) or with an empty one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, createDeployment, emptyGateway, type CanaryStageNameMissing, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const deployed = createDeployment(apiReady.right, { restApiId, stageName: '', canarySettings: {} })
 * assert.ok(E.isLeft(deployed) && deployed.left._tag === 'CanaryStageNameMissing')
 * const e: CanaryStageNameMissing = deployed.left
 * assert.strictEqual(e.stageName, '')
 * assert.ok(e.message.endsWith('must be provided for canary deployment. Provided value is ')) // AWS's text for ""
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CanaryStageNameMissing {
  readonly _tag: 'CanaryStageNameMissing'
  readonly name: 'BadRequestException'
  readonly stageName: '' | undefined
  readonly message: string
}

/**
 * A stage name with characters other than letters, digits, `_` and `-`, or longer than 128.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, createDeployment, emptyGateway, type InvalidStageName, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * assert.ok(E.isRight(createDeployment(apiReady.right, { restApiId, stageName: 'beta-2_x' })))
 * const deployed = createDeployment(apiReady.right, { restApiId, stageName: 'beta.2' })
 * assert.ok(E.isLeft(deployed) && deployed.left._tag === 'InvalidStageName')
 * const e: InvalidStageName = deployed.left
 * assert.strictEqual(e.stageName, 'beta.2')
 * assert.strictEqual(e.message, 'Stage name only allows a-zA-Z0-9_')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidStageName {
  readonly _tag: 'InvalidStageName'
  readonly name: 'BadRequestException'
  readonly stageName: string
  readonly message: 'Stage name only allows a-zA-Z0-9_'
}

/**
 * The id provider gave only ids that are already in use (a provider that repeats itself).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, defaultEnv, emptyGateway, httpStatusOf, type IdsExhausted } from 'apigw-canary'
 *
 * // A provider that repeats itself: the root resource cannot have the REST API's id.
 * const created = createRestApi(emptyGateway(), { name: 'pets' }, { ...defaultEnv, ids: () => 'a1b2c3d4e5' })
 * assert.ok(E.isLeft(created) && created.left._tag === 'IdsExhausted')
 * const e: IdsExhausted = created.left
 * assert.strictEqual(e.kind, 'resource')
 * assert.strictEqual(httpStatusOf(e.name), 409)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface IdsExhausted {
  readonly _tag: 'IdsExhausted'
  readonly name: 'ConflictException'
  readonly kind: string
  readonly message: string
}

/**
 * Any error of this module.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { deploymentNotFound, httpStatusOf, invalidStageName, stageAlreadyExists, type RestApiError } from 'apigw-canary'
 *
 * const errors: ReadonlyArray<RestApiError> = [deploymentNotFound('x7yz12'), invalidStageName('pr od'), stageAlreadyExists('prod')]
 * assert.deepStrictEqual(
 *   errors.map((e) => [e._tag, httpStatusOf(e.name)]),
 *   [['DeploymentNotFound', 404], ['InvalidStageName', 400], ['StageAlreadyExists', 409]]
 * )
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type RestApiError =
  | RestApiNotFound
  | StageNotFound
  | DeploymentNotFound
  | StageDeploymentDoesNotExist
  | StageAlreadyExists
  | DeploymentInUse
  | CanaryDeploymentInUse
  | CanaryStageNotFound
  | CanaryStageNameMissing
  | InvalidStageName
  | IdsExhausted

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * AWS's answer to an unknown REST API id: `Invalid API identifier specified {accountId}:{restApiId}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { restApiNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(restApiNotFound('123456789012', 'a1b2c3d4e5').message, 'Invalid API identifier specified 123456789012:a1b2c3d4e5')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const restApiNotFound = (accountId: string, restApiId: string): RestApiNotFound => ({
  _tag: 'RestApiNotFound',
  name: 'NotFoundException',
  restApiId,
  // recorded: GetRestApi/UpdateRestApi of an unknown id (LocalStack's AWS-validated snapshots `get-api-upper-case`, `not-found-update-rest-api`)
  message: `Invalid API identifier specified ${accountId}:${restApiId}`
})

/**
 * The answer to an unknown stage name.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { stageNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(stageNotFound('prod').message, 'Invalid stage identifier specified')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const stageNotFound = (stageName: string): StageNotFound => ({
  _tag: 'StageNotFound',
  name: 'NotFoundException',
  stageName,
  // recorded: delete-stage of an unknown stage, lower-case `stage` (terraform-provider-aws issue 12756)
  message: 'Invalid stage identifier specified'
})

/**
 * The answer to an unknown deployment id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { deploymentNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(deploymentNotFound('x7yz12').message, 'Invalid Deployment identifier specified')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const deploymentNotFound = (deploymentId: string): DeploymentNotFound => ({
  _tag: 'DeploymentNotFound',
  name: 'NotFoundException',
  deploymentId,
  // chosen: moto's and LocalStack's text; no real AWS answer found
  message: 'Invalid Deployment identifier specified'
})

/**
 * AWS's answer to create-stage naming a deployment that does not exist, as the stage's or as its
 * canary's: a `BadRequestException` (400), `Deployment id does not exist`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { httpStatusOf, stageDeploymentDoesNotExist } from 'apigw-canary'
 *
 * const e = stageDeploymentDoesNotExist('x7yz12', 'canarySettings.deploymentId')
 * assert.strictEqual(e.message, 'Deployment id does not exist')
 * assert.strictEqual(httpStatusOf(e.name), 400)
 * assert.strictEqual(e.field, 'canarySettings.deploymentId')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const stageDeploymentDoesNotExist = (
  deploymentId: string,
  field: StageDeploymentDoesNotExist['field']
): StageDeploymentDoesNotExist => ({
  _tag: 'StageDeploymentDoesNotExist',
  name: 'BadRequestException',
  deploymentId,
  field,
  // recorded: LocalStack snapshot `bad-canary-deployment-id`; a real Terraform error for the stage's own
  message: 'Deployment id does not exist'
})

/**
 * The answer to create-stage with a name that is taken.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { stageAlreadyExists } from 'apigw-canary'
 *
 * assert.strictEqual(stageAlreadyExists('prod').name, 'ConflictException')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const stageAlreadyExists = (stageName: string): StageAlreadyExists => ({
  _tag: 'StageAlreadyExists',
  name: 'ConflictException',
  stageName,
  // recorded: ConflictException in real Terraform logs (terraform-provider-aws issue 2918)
  message: 'Stage already exists'
})

/**
 * AWS's answer to delete-deployment of a deployment that a stage runs as its own.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { deploymentInUse } from 'apigw-canary'
 *
 * assert.strictEqual(deploymentInUse('nfcn0x', ['prod']).message, 'Active stages pointing to this deployment must be moved or deleted')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const deploymentInUse = (deploymentId: string, stageNames: ReadonlyArray<string>): DeploymentInUse => ({
  _tag: 'DeploymentInUse',
  name: 'BadRequestException',
  deploymentId,
  stageNames,
  // recorded: a BadRequestException, not a Conflict (LocalStack snapshot `delete-deployment-error-0`)
  message: 'Active stages pointing to this deployment must be moved or deleted'
})

/**
 * AWS's answer to delete-deployment of a deployment that only stages' canaries run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryDeploymentInUse } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   canaryDeploymentInUse('eh1sby', ['prod']).message,
 *   'Active stages with canary settings pointing to this deployment must be moved or deleted'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canaryDeploymentInUse = (deploymentId: string, stageNames: ReadonlyArray<string>): CanaryDeploymentInUse => ({
  _tag: 'CanaryDeploymentInUse',
  name: 'BadRequestException',
  deploymentId,
  stageNames,
  // recorded: the text terraform-provider-aws matches on delete-deployment (internal/service/apigateway/deployment.go)
  message: 'Active stages with canary settings pointing to this deployment must be moved or deleted'
})

/**
 * AWS's answer to a canary create-deployment to a stage that does not exist.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryStageNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   canaryStageNotFound('beta').message,
 *   'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canaryStageNotFound = (stageName: string): CanaryStageNotFound => ({
  _tag: 'CanaryStageNotFound',
  name: 'BadRequestException',
  stageName,
  // recorded: LocalStack snapshot `test_create_canary_deployment_validation`
  message: `Invalid deployment content specified.Stage ${stageName} must already be created before making a canary release deployment`
})

/**
 * AWS's answer to a canary create-deployment without a stage name: `... Provided value is null`
 * when there was none, `... Provided value is ` (and nothing) when it was empty.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryStageNameMissing } from 'apigw-canary'
 *
 * const prefix = 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
 * assert.strictEqual(canaryStageNameMissing(undefined).message, prefix + 'null')
 * assert.strictEqual(canaryStageNameMissing('').message, prefix)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canaryStageNameMissing = (stageName: '' | undefined): CanaryStageNameMissing => ({
  _tag: 'CanaryStageNameMissing',
  name: 'BadRequestException',
  stageName,
  // recorded: LocalStack snapshot `test_create_canary_deployment_validation` (null and "")
  message: `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${stageName ?? 'null'}`
})

/**
 * AWS's answer to a stage name it does not allow.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidStageName } from 'apigw-canary'
 *
 * assert.strictEqual(invalidStageName('pr od').message, 'Stage name only allows a-zA-Z0-9_')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidStageName = (stageName: string): InvalidStageName => ({
  _tag: 'InvalidStageName',
  name: 'BadRequestException',
  stageName,
  // recorded: quoted in a public project README as the answer to a stage name with a hyphen (older answers; newer AWS may allow `-`)
  message: 'Stage name only allows a-zA-Z0-9_'
})

/**
 * The id provider repeated itself past the retry bound.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { idsExhausted } from 'apigw-canary'
 *
 * assert.match(idsExhausted('deployment').message, /deployment/)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const idsExhausted = (kind: string): IdsExhausted => ({
  _tag: 'IdsExhausted',
  name: 'ConflictException',
  kind,
  // chosen: our own (AWS issues its own ids, so it has no such answer)
  message: `The id provider gave only ${kind} ids that are already in use; give it a provider that does not repeat itself.`
})

// -------------------------------------------------------------------------------------
// getters
// -------------------------------------------------------------------------------------

/**
 * The HTTP status API Gateway answers an exception with: 400, 404 or 409.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { httpStatusOf } from 'apigw-canary'
 *
 * assert.strictEqual(httpStatusOf('NotFoundException'), 404)
 * assert.strictEqual(httpStatusOf('ConflictException'), 409)
 * assert.strictEqual(httpStatusOf('BadRequestException'), 400)
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const httpStatusOf = (name: ExceptionName | 'ValidationException'): 400 | 404 | 409 =>
  name === 'NotFoundException' ? 404 : name === 'ConflictException' ? 409 : 400
