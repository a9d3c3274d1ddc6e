/**
 * The deployment calls of the REST API aggregate: CreateDeployment (with or without a stage,
 * with or without canary settings), GetDeployment, GetDeployments, DeleteDeployment. Pure; each
 * returns the new {@link Gateway} and the response, or AWS's error.
 *
 * CreateDeployment follows AWS (reference, sections 2 and 4):
 * - with canary settings, the stage must be named and must exist; the new deployment becomes the
 *   stage's canary, replacing any canary there, and the stage's own deploymentId and variables
 *   stay (the lifecycle's `deployCanary`). The request's other stage fields (`variables`,
 *   `stageDescription`, cache and tracing settings) are not applied (chosen: AWS's answer is not
 *   recorded);
 * - without canary settings, to a stage with a canary: refused with AWS's message (the
 *   lifecycle's `deploy`);
 * - without canary settings, to a stage without one: the stage runs the new deployment; the
 *   given variables are set on it and the others kept, and the other given stage fields replace
 *   theirs (chosen);
 * - without canary settings, to a stage that does not exist: the stage is created;
 * - without a stage name (or with an empty one, chosen as moto does): only the deployment is
 *   created.
 * A refused request creates nothing.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { DeploymentId } from '../../stage/DeploymentId.js'
import * as Lifecycle from '../../lifecycle/Lifecycle.js'
import type { DeploymentCanaryInput } from '../../lifecycle/Lifecycle.js'
import type { ApiState, Deployment, Gateway, GatewayError, Outcome, Page, PageInput, RestApiKey } from './RestApi.js'
import { canaryDeploymentInUse, canaryStageNameMissing, canaryStageNotFound, deploymentInUse, deploymentNotFound } from './RestApiError.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import { resourceError, type Resource } from './Resource.js'
import { resourcesOf } from './resourceInternal.js'
import type { Stage } from '../../stage/Stage.js'
import {
  checkStageFields,
  checkStageName,
  findApi,
  findStage,
  issueId,
  newStage,
  paginate,
  putApi,
  putStage,
  updateStageFields,
  type StageFields
} from './internal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What create-deployment takes, as SDK v3's `CreateDeploymentCommandInput` names it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { createDeployment, createRestApi, emptyGateway, findStage, type CreateDeploymentInput, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const input: CreateDeploymentInput = { restApiId, stageName: 'prod', description: 'v1', variables: { sv1: 'val1' } }
 * const made = createDeployment(apiReady.right, input)
 * assert.ok(E.isRight(made))
 * assert.strictEqual(made.right.response.description, 'v1')
 * const stage = findStage(made.right.gateway, restApiId, 'prod') // created, running the new deployment
 * assert.ok(O.isSome(stage))
 * assert.deepStrictEqual([stage.value.deploymentId, stage.value.variables], [made.right.response.id, { sv1: 'val1' }])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CreateDeploymentInput {
  readonly restApiId: string
  readonly stageName?: string
  readonly stageDescription?: string
  readonly description?: string
  readonly cacheClusterEnabled?: boolean
  readonly cacheClusterSize?: string
  readonly variables?: Readonly<Record<string, string>>
  readonly canarySettings?: DeploymentCanaryInput
  readonly tracingEnabled?: boolean
}

/**
 * What get-deployment and delete-deployment take.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteDeployment, emptyGateway, getDeployment, type DeploymentKey, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId })
 * assert.ok(E.isRight(made))
 * const key: DeploymentKey = { restApiId, deploymentId: made.right.response.id }
 * assert.ok(E.isRight(getDeployment(made.right.gateway, key)))
 * const deleted = deleteDeployment(made.right.gateway, key) // no stage runs it
 * assert.ok(E.isRight(deleted))
 * assert.ok(E.isLeft(getDeployment(deleted.right.gateway, key)))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DeploymentKey {
  readonly restApiId: string
  readonly deploymentId: string
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

/** What a deployment does to the stage it names, if any: the stage after it, or AWS's error. */
const stageAfter = (
  api: ApiState,
  input: CreateDeploymentInput,
  fields: StageFields,
  id: DeploymentId,
  now: Env['now']
): E.Either<GatewayError, Stage | undefined> => {
  const name = input.stageName
  if (input.canarySettings !== undefined) {
    if (name === undefined || name === '') return E.left(canaryStageNameMissing(name))
    const stage = findStage(api, name)
    if (stage === undefined) return E.left(canaryStageNotFound(name))
    return E.map((s: Stage): Stage => ({ ...s, lastUpdatedDate: now() }))(Lifecycle.deployCanary(stage, id, input.canarySettings))
  }
  if (name === undefined || name === '') return E.right(undefined)
  const stage = findStage(api, name)
  if (stage === undefined) return E.map((n: string) => newStage(n, id, fields, now()))(checkStageName(name))
  return E.map((s: Stage) => updateStageFields(s, fields, now()))(Lifecycle.deploy(stage, id))
}

/**
 * What a deployment snapshots, or AWS's refusal: an API without methods (`The REST API doesn't
 * contain any methods`) or with a method without integration (`No integration defined for
 * method`), both 400 `BadRequestException` (recorded in real AWS logs).
 */
const snapshotOf = (api: ApiState): E.Either<GatewayError, ReadonlyArray<Resource>> => {
  const resources = resourcesOf(api)
  const methods = resources.flatMap((r) => Object.values(r.resourceMethods ?? {}))
  if (methods.length === 0) return E.left(resourceError('BadRequestException', "The REST API doesn't contain any methods"))
  if (methods.some((m) => m.methodIntegration === undefined)) return E.left(resourceError('BadRequestException', 'No integration defined for method'))
  return E.right(resources)
}

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * CreateDeployment: a new deployment (id from `env.ids`), and what it does to the stage it
 * names, as AWS does it (see the module's notes). The response is the deployment.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { createDeployment, createRestApi, emptyGateway, findStage, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 *
 * // A first deployment to a stage that does not exist creates the stage.
 * const first = createDeployment(apiReady.right, { restApiId, stageName: 'prod', variables: { sv1: 'val1' } })
 * assert.ok(E.isRight(first))
 * const prodId = first.right.response.id
 *
 * // A canary deployment: the new deployment becomes the canary; the stage keeps its own.
 * const canary = createDeployment(first.right.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } })
 * assert.ok(E.isRight(canary))
 * const stage = findStage(canary.right.gateway, restApiId, 'prod')
 * assert.ok(O.isSome(stage))
 * assert.strictEqual(stage.value.deploymentId, prodId)
 * assert.deepStrictEqual(stage.value.canarySettings, { deploymentId: canary.right.response.id, percentTraffic: 10, useStageCache: false })
 *
 * // AWS's errors, exact.
 * const message = (r: E.Either<{ message: string }, unknown>) => E.isLeft(r) ? r.left.message : ''
 * assert.strictEqual(
 *   message(createDeployment(canary.right.gateway, { restApiId, stageName: 'prod' })),
 *   'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
 * )
 * assert.strictEqual(
 *   message(createDeployment(canary.right.gateway, { restApiId, stageName: 'beta', canarySettings: {} })),
 *   'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'
 * )
 * assert.strictEqual(
 *   message(createDeployment(canary.right.gateway, { restApiId, canarySettings: {} })),
 *   'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const createDeployment = (gateway: Gateway, input: CreateDeploymentInput, env: Env = defaultEnv): E.Either<GatewayError, Outcome<Deployment>> =>
  pipe(
    E.Do,
    E.bind('api', (): E.Either<GatewayError, ApiState> => findApi(gateway, input.restApiId)),
    E.bind('resources', ({ api }) => snapshotOf(api)),
    E.bind('fields', (): E.Either<GatewayError, StageFields> =>
      checkStageFields({
        ...(input.stageDescription === undefined ? {} : { description: input.stageDescription }),
        ...(input.cacheClusterEnabled === undefined ? {} : { cacheClusterEnabled: input.cacheClusterEnabled }),
        ...(input.cacheClusterSize === undefined ? {} : { cacheClusterSize: input.cacheClusterSize }),
        ...(input.variables === undefined ? {} : { variables: input.variables }),
        ...(input.tracingEnabled === undefined ? {} : { tracingEnabled: input.tracingEnabled })
      })
    ),
    E.bind('issued', ({ api }): E.Either<GatewayError, readonly [string, Gateway]> => {
      const taken = new Set(api.deployments.map((d) => d.id as string))
      return issueId(gateway, env, 'deployment', (id) => taken.has(id))
    }),
    E.bind('stage', ({ api, fields, issued }) => stageAfter(api, input, fields, issued[0] as DeploymentId, env.now)),
    E.map(({ api, issued: [id, g], stage, resources }): Outcome<Deployment> => {
      const deployment: Deployment = {
        id: id as DeploymentId,
        ...(input.description === undefined ? {} : { description: input.description }),
        createdDate: env.now(),
        resources
      }
      const withDeployment: ApiState = { ...api, deployments: [...api.deployments, deployment] }
      return { gateway: putApi(g, stage === undefined ? withDeployment : putStage(withDeployment, stage)), response: deployment }
    })
  )

/**
 * GetDeployment.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getDeployment, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, description: 'v1' })
 * assert.ok(E.isRight(made))
 * const got = getDeployment(made.right.gateway, { restApiId, deploymentId: made.right.response.id })
 * assert.ok(E.isRight(got))
 * assert.strictEqual(got.right.response.description, 'v1')
 * assert.ok(E.isLeft(getDeployment(made.right.gateway, { restApiId, deploymentId: 'nope00' })))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getDeployment = (gateway: Gateway, input: DeploymentKey): E.Either<GatewayError, Outcome<Deployment>> =>
  E.chain((api: ApiState): E.Either<GatewayError, Outcome<Deployment>> => {
    const deployment = api.deployments.find((d) => d.id === input.deploymentId)
    return deployment === undefined ? E.left(deploymentNotFound(input.deploymentId)) : E.right({ gateway, response: deployment })
  })(findApi(gateway, input.restApiId))

/**
 * GetDeployments: one page of the REST API's deployments, oldest first.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getDeployments, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId })
 * assert.ok(E.isRight(made))
 * const page = getDeployments(made.right.gateway, { restApiId })
 * assert.ok(E.isRight(page))
 * assert.deepStrictEqual(page.right.response.items, [made.right.response])
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getDeployments = (gateway: Gateway, input: RestApiKey & PageInput): E.Either<GatewayError, Outcome<Page<Deployment>>> =>
  E.chain((api: ApiState): E.Either<GatewayError, Outcome<Page<Deployment>>> =>
    E.map((page: Page<Deployment>) => ({ gateway, response: page }))(paginate(api.deployments, input.position, input.limit))
  )(findApi(gateway, input.restApiId))

/**
 * DeleteDeployment. Refused while a stage uses the deployment, with one of AWS's two texts:
 * - a stage runs it as its own deployment: `Active stages pointing to this deployment must be
 *   moved or deleted` (recorded: quoted from real AWS answers in public issue threads);
 * - only stages' canaries run it: `Active stages with canary settings pointing to this deployment
 *   must be moved or deleted` (recorded: the text terraform-provider-aws matches on
 *   delete-deployment, in `internal/service/apigateway/deployment.go`);
 * - both: the first text (chosen: AWS's answer is not recorded).
 * An unknown id is a `NotFoundException`, `Invalid Deployment identifier specified`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteDeployment, emptyGateway, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const deploymentId = made.right.response.id
 * const canary = createDeployment(made.right.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } })
 * assert.ok(E.isRight(canary))
 * const message = (r: E.Either<{ message: string }, unknown>) => (E.isLeft(r) ? r.left.message : '')
 * // The stage's own deployment, and the deployment only its canary runs.
 * assert.strictEqual(
 *   message(deleteDeployment(canary.right.gateway, { restApiId, deploymentId })),
 *   'Active stages pointing to this deployment must be moved or deleted'
 * )
 * assert.strictEqual(
 *   message(deleteDeployment(canary.right.gateway, { restApiId, deploymentId: canary.right.response.id })),
 *   'Active stages with canary settings pointing to this deployment must be moved or deleted'
 * )
 * const spare = createDeployment(canary.right.gateway, { restApiId })
 * assert.ok(E.isRight(spare))
 * assert.ok(E.isRight(deleteDeployment(spare.right.gateway, { restApiId, deploymentId: spare.right.response.id })))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteDeployment = (gateway: Gateway, input: DeploymentKey): E.Either<GatewayError, Outcome<undefined>> =>
  E.chain((api: ApiState): E.Either<GatewayError, Outcome<undefined>> => {
    const deployment = api.deployments.find((d) => d.id === input.deploymentId)
    if (deployment === undefined) return E.left(deploymentNotFound(input.deploymentId))
    const users = api.stages.filter((s) => s.deploymentId === deployment.id || s.canarySettings?.deploymentId === deployment.id)
    const names = users.map((s) => s.stageName ?? '')
    if (users.some((s) => s.deploymentId === deployment.id)) return E.left(deploymentInUse(deployment.id, names))
    if (users.length > 0) return E.left(canaryDeploymentInUse(deployment.id, names))
    return E.right({ gateway: putApi(gateway, { ...api, deployments: api.deployments.filter((d) => d !== deployment) }), response: undefined })
  })(findApi(gateway, input.restApiId))
