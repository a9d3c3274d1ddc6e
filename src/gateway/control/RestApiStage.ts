/**
 * The stage calls of the REST API aggregate: CreateStage, GetStage, GetStages, UpdateStage,
 * DeleteStage. Pure; each returns the new {@link Gateway} and the response, or AWS's error.
 *
 * UpdateStage is the update-stage applier (`applyPatchUnknown`) with the REST API's real
 * deployment ids as the existence check for `/deploymentId` and `/canarySettings/deploymentId`,
 * and the clock's time as the new `lastUpdatedDate`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as CanarySettingsModule from '../../stage/CanarySettings.js'
import type { CanaryInput, CanarySettings } from '../../stage/CanarySettings.js'
import type { DeploymentId } from '../../stage/DeploymentId.js'
import type { PatchOperation } from '../../patch/PatchOperation.js'
import type { ApiState, Gateway, GatewayError, Outcome } from './RestApi.js'
import { stageAlreadyExists, stageDeploymentDoesNotExist, stageNotFound, type StageDeploymentDoesNotExist } from './RestApiError.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import type { Stage } from '../../stage/Stage.js'
import { applyPatchUnknown } from '../../patch/StagePatch.js'
import { checkStageFields, checkStageName, findApi, findStage, newStage, putApi, putStage, type StageFields } from './internal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What create-stage takes, as SDK v3's `CreateStageCommandInput` names it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, createStage, emptyGateway, type CreateStageInput, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId })
 * assert.ok(E.isRight(made))
 * const input: CreateStageInput = { restApiId, stageName: 'beta', deploymentId: made.right.response.id, canarySettings: { percentTraffic: 5 } }
 * const created = createStage(made.right.gateway, input)
 * assert.ok(E.isRight(created))
 * // Canary settings that name no deployment take the stage's (recorded).
 * assert.deepStrictEqual(created.right.response.canarySettings, { deploymentId: input.deploymentId, percentTraffic: 5, useStageCache: false })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CreateStageInput {
  readonly restApiId: string
  readonly stageName: string
  readonly deploymentId: string
  readonly description?: string
  readonly cacheClusterEnabled?: boolean
  readonly cacheClusterSize?: string
  readonly variables?: Readonly<Record<string, string>>
  readonly documentationVersion?: string
  readonly canarySettings?: CanaryInput
  readonly tracingEnabled?: boolean
  readonly tags?: Readonly<Record<string, string>>
}

/**
 * What get-stage and delete-stage take.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteStage, emptyGateway, getStage, type StageKey, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const key: StageKey = { restApiId, stageName: 'prod' }
 * assert.ok(E.isRight(getStage(made.right.gateway, key)))
 * const deleted = deleteStage(made.right.gateway, key)
 * assert.ok(E.isRight(deleted))
 * assert.ok(E.isLeft(getStage(deleted.right.gateway, key)))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface StageKey {
  readonly restApiId: string
  readonly stageName: string
}

/**
 * What get-stages takes: the REST API, and optionally a deployment that the stages must run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getStages, type GetStagesInput, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const prod = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(prod))
 * const beta = createDeployment(prod.right.gateway, { restApiId, stageName: 'beta' })
 * assert.ok(E.isRight(beta))
 * const input: GetStagesInput = { restApiId, deploymentId: prod.right.response.id }
 * const stages = getStages(beta.right.gateway, input)
 * assert.ok(E.isRight(stages))
 * assert.deepStrictEqual(stages.right.response.map((s) => s.stageName), ['prod'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface GetStagesInput {
  readonly restApiId: string
  readonly deploymentId?: string
}

/**
 * What update-stage takes: the stage and the patch operations (values are strings, as on the wire).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, PatchOperation, updateStage, type UpdateStageInput, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const input: UpdateStageInput = { restApiId, stageName: 'prod', patchOperations: [PatchOperation.replace('/tracingEnabled', 'true')] }
 * const updated = updateStage(made.right.gateway, input)
 * assert.ok(E.isRight(updated))
 * assert.strictEqual(updated.right.response.tracingEnabled, true)
 * const unchanged = updateStage(made.right.gateway, { restApiId, stageName: 'prod' }) // no operations
 * assert.ok(E.isRight(unchanged) && unchanged.right.gateway === made.right.gateway)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface UpdateStageInput {
  readonly restApiId: string
  readonly stageName: string
  readonly patchOperations?: ReadonlyArray<PatchOperation>
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const stageIn = (api: ApiState, stageName: string): E.Either<GatewayError, Stage> => {
  const stage = findStage(api, stageName)
  return stage === undefined ? E.left(stageNotFound(stageName)) : E.right(stage)
}

/**
 * The deployment a create-stage request names in `field`: AWS answers one that does not exist
 * with a 400 `Deployment id does not exist` (recorded), not get-deployment's 404.
 */
const deploymentIn = (api: ApiState, deploymentId: string, field: StageDeploymentDoesNotExist['field']): E.Either<GatewayError, DeploymentId> => {
  const deployment = api.deployments.find((d) => d.id === deploymentId)
  return deployment === undefined ? E.left(stageDeploymentDoesNotExist(String(deploymentId), field)) : E.right(deployment.id)
}

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * CreateStage: a new stage running an existing deployment, with AWS's defaults. Canary settings
 * that name no deployment take the stage's (recorded); `useStageCache` defaults to false. Fails
 * on a name AWS does not allow, a name that is taken (`ConflictException`), or a deployment that
 * does not exist, the stage's or the canary's: a `BadRequestException`,
 * `Deployment id does not exist` (recorded; get-deployment's 404 `Invalid Deployment identifier
 * specified` is not what create-stage answers).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, createStage, emptyGateway, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId })
 * assert.ok(E.isRight(made))
 * const deploymentId = made.right.response.id
 * const stage = createStage(made.right.gateway, { restApiId, stageName: 'beta', deploymentId, canarySettings: { percentTraffic: 5 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(stage.right.response.canarySettings, { deploymentId, percentTraffic: 5, useStageCache: false })
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { name: string }) => e.name)(createStage(stage.right.gateway, { restApiId, stageName: 'beta', deploymentId })),
 *   E.left('ConflictException')
 * )
 * // A deployment that does not exist, the stage's or the canary's: AWS's 400.
 * const unknown = createStage(made.right.gateway, { restApiId, stageName: 'dev', deploymentId, canarySettings: { deploymentId: 'nope00' } })
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { name: string; message: string }) => `${e.name}: ${e.message}`)(unknown),
 *   E.left('BadRequestException: Deployment id does not exist')
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const createStage = (gateway: Gateway, input: CreateStageInput, env: Env = defaultEnv): E.Either<GatewayError, Outcome<Stage>> =>
  pipe(
    E.Do,
    E.bind('api', (): E.Either<GatewayError, ApiState> => findApi(gateway, input.restApiId)),
    E.bind('name', (): E.Either<GatewayError, string> => checkStageName(input.stageName)),
    E.bind('deploymentId', ({ api }) => deploymentIn(api, input.deploymentId, 'deploymentId')),
    E.chainFirst(({ api, name }): E.Either<GatewayError, unknown> => (findStage(api, name) === undefined ? E.right(name) : E.left(stageAlreadyExists(name)))),
    E.bind('fields', (): E.Either<GatewayError, StageFields> =>
      checkStageFields({
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.cacheClusterEnabled === undefined ? {} : { cacheClusterEnabled: input.cacheClusterEnabled }),
        ...(input.cacheClusterSize === undefined ? {} : { cacheClusterSize: input.cacheClusterSize }),
        ...(input.variables === undefined ? {} : { variables: input.variables }),
        ...(input.tracingEnabled === undefined ? {} : { tracingEnabled: input.tracingEnabled })
      })
    ),
    E.bind('canary', ({ api, deploymentId }): E.Either<GatewayError, CanarySettings | undefined> =>
      input.canarySettings === undefined
        ? E.right(undefined)
        : pipe(
            CanarySettingsModule.fromInput(input.canarySettings, deploymentId),
            E.chainW((canary) => E.map(() => canary)(deploymentIn(api, canary.deploymentId, 'canarySettings.deploymentId')))
          )
    ),
    E.map(({ api, name, deploymentId, fields, canary }): Outcome<Stage> => {
      const base = newStage(name, deploymentId, fields, env.now())
      const stage: Stage = {
        ...base,
        ...(input.documentationVersion === undefined ? {} : { documentationVersion: input.documentationVersion }),
        ...(canary === undefined ? {} : { canarySettings: canary }),
        ...(input.tags === undefined ? {} : { tags: input.tags })
      }
      return { gateway: putApi(gateway, putStage(api, stage)), response: stage }
    })
  )

/**
 * GetStage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getStage, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const got = getStage(made.right.gateway, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(got))
 * assert.strictEqual(got.right.response.deploymentId, made.right.response.id)
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(getStage(made.right.gateway, { restApiId, stageName: 'beta' })),
 *   E.left('Invalid stage identifier specified')
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getStage = (gateway: Gateway, input: StageKey): E.Either<GatewayError, Outcome<Stage>> => {
  // plain statements, not a pipe: every get-stage request runs it
  const api = findApi(gateway, input.restApiId)
  if (E.isLeft(api)) return api
  const stage = stageIn(api.right, input.stageName)
  return E.isLeft(stage) ? stage : E.right({ gateway, response: stage.right })
}

/**
 * GetStages: every stage of the REST API, oldest first; with `deploymentId`, only the stages
 * that run it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getStages, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const all = getStages(made.right.gateway, { restApiId })
 * assert.ok(E.isRight(all))
 * assert.deepStrictEqual(all.right.response.map((s) => s.stageName), ['prod'])
 * const none = getStages(made.right.gateway, { restApiId, deploymentId: 'other0' })
 * assert.ok(E.isRight(none))
 * assert.deepStrictEqual(none.right.response, [])
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getStages = (gateway: Gateway, input: GetStagesInput): E.Either<GatewayError, Outcome<ReadonlyArray<Stage>>> =>
  E.map((api: ApiState) => ({
    gateway,
    response: input.deploymentId === undefined ? api.stages : api.stages.filter((s) => s.deploymentId === input.deploymentId)
  }))(findApi(gateway, input.restApiId))

/**
 * UpdateStage: applies the patch operations as API Gateway does (all or nothing, in order), with
 * the REST API's deployments as the ones that exist and `env.now()` as the new
 * `lastUpdatedDate`. The response is the stage after the patch.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, PatchOperation, updateStage, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const first = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(first))
 * const canary = createDeployment(first.right.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } })
 * assert.ok(E.isRight(canary))
 * const shifted = updateStage(canary.right.gateway, {
 *   restApiId,
 *   stageName: 'prod',
 *   patchOperations: [PatchOperation.replace('/canarySettings/percentTraffic', '50.0')]
 * })
 * assert.ok(E.isRight(shifted))
 * assert.strictEqual(shifted.right.response.canarySettings?.percentTraffic, 50)
 * // Only the REST API's deployments exist.
 * const bad = updateStage(canary.right.gateway, { restApiId, stageName: 'prod', patchOperations: [PatchOperation.replace('/deploymentId', 'nope00')] })
 * assert.deepStrictEqual(E.mapLeft((e: { message: string }) => e.message)(bad), E.left('Deployment id does not exist'))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const updateStage = (gateway: Gateway, input: UpdateStageInput, env: Env = defaultEnv): E.Either<GatewayError, Outcome<Stage>> =>
  updateStageUnknown(gateway, input, input.patchOperations ?? [], env)

/** The ids of the last list of deployments asked for: a run of updates to one API asks for the same (immutable) list each time. */
let lastDeployments: ApiState['deployments'] | undefined
let lastIds: ReadonlyArray<string> = []
const deploymentIds = (deployments: ApiState['deployments']): ReadonlyArray<string> => {
  if (deployments !== lastDeployments) {
    lastIds = deployments.map((d) => d.id)
    lastDeployments = deployments
  }
  return lastIds
}

/**
 * {@link updateStage} for patch operations read from untrusted input (an HTTP body): anything that
 * is not a list of patch operations is refused, naming the element and the rule it breaks.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, updateStageUnknown, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const body: unknown = JSON.parse('[{"op":"replace","path":"/variables/sv1","value":"val1"}]')
 * const updated = updateStageUnknown(made.right.gateway, { restApiId, stageName: 'prod' }, body)
 * assert.ok(E.isRight(updated))
 * assert.deepStrictEqual(updated.right.response.variables, { sv1: 'val1' })
 * assert.ok(E.isLeft(updateStageUnknown(made.right.gateway, { restApiId, stageName: 'prod' }, [{ op: 'replace' }])))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const updateStageUnknown = (gateway: Gateway, key: StageKey, patchOperations: unknown, env: Env = defaultEnv): E.Either<GatewayError, Outcome<Stage>> => {
  // plain statements, not a pipe: every update-stage request runs it
  const api = findApi(gateway, key.restApiId)
  if (E.isLeft(api)) return api
  const stage = stageIn(api.right, key.stageName)
  if (E.isLeft(stage)) return stage
  const next = applyPatchUnknown(stage.right, patchOperations, { deployments: deploymentIds(api.right.deployments), now: env.now() })
  if (E.isLeft(next)) return next
  return E.right({ gateway: next.right === stage.right ? gateway : putApi(gateway, putStage(api.right, next.right)), response: next.right })
}

/**
 * DeleteStage. Its deployments stay.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, deleteStage, emptyGateway, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const deleted = deleteStage(made.right.gateway, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(deleted))
 * assert.deepStrictEqual(deleted.right.gateway.restApis[0]?.stages, [])
 * assert.strictEqual(deleted.right.gateway.restApis[0]?.deployments.length, 1)
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteStage = (gateway: Gateway, input: StageKey): E.Either<GatewayError, Outcome<undefined>> =>
  pipe(
    E.Do,
    E.bind('api', (): E.Either<GatewayError, ApiState> => findApi(gateway, input.restApiId)),
    E.bind('stage', ({ api }) => stageIn(api, input.stageName)),
    E.map(({ api, stage }) => ({
      gateway: putApi(gateway, { ...api, stages: api.stages.filter((s) => s !== stage) }),
      response: undefined
    }))
  )

