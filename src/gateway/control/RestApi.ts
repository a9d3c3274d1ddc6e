/**
 * The REST APIs of one account and region as one immutable aggregate, a {@link Gateway}: each
 * REST API with its deployments and stages. Pure operations mirror API Gateway's calls, with the
 * same names and inputs as SDK v3's commands; each returns the new gateway and the response
 * ({@link Outcome}), or AWS's error. Nothing here throws, mutates, reads a clock or draws a
 * random number: ids and dates come from the {@link Env} passed in.
 *
 * This module holds the model and the REST API calls (CreateRestApi, GetRestApi, GetRestApis,
 * DeleteRestApi); the deployment calls are in `RestApiDeployment`, the stage calls in
 * `RestApiStage`, the codecs in `RestApiCodec`. Resources and methods are not modelled: a
 * deployment is an id, a description and a date.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import * as O from 'fp-ts/lib/Option.js'
import { invalidValue } from '../../stage/ApiGatewayError.js'
import type { ApiKeySource, ApiState, EndpointType, Gateway, GatewayError, Outcome, Page, RestApi } from './Gateway.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import type { Stage } from '../../stage/Stage.js'
import { findApi, issueId, paginate } from './internal.js'
import { appendApi, idInUse } from './apiIndex.js'

export type * from './Gateway.js'

// -------------------------------------------------------------------------------------
// inputs
// -------------------------------------------------------------------------------------

/**
 * What create-rest-api takes, as SDK v3's `CreateRestApiCommandInput` names it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, type CreateRestApiInput } from 'apigw-canary'
 *
 * const input: CreateRestApiInput = { name: 'pets', endpointConfiguration: { types: ['REGIONAL'] }, tags: { team: 'store' } }
 * const created = createRestApi(emptyGateway(), input)
 * assert.ok(E.isRight(created))
 * assert.deepStrictEqual(created.right.response.endpointConfiguration, { types: ['REGIONAL'] })
 * assert.deepStrictEqual(created.right.response.tags, { team: 'store' })
 * assert.ok(E.isLeft(createRestApi(emptyGateway(), { ...input, name: '' }))) // a name is required
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CreateRestApiInput {
  readonly name: string
  readonly description?: string
  readonly version?: string
  readonly apiKeySource?: ApiKeySource
  readonly endpointConfiguration?: { readonly types?: ReadonlyArray<EndpointType> }
  readonly disableExecuteApiEndpoint?: boolean
  readonly tags?: Readonly<Record<string, string>>
}

/**
 * What get-rest-api and delete-rest-api take.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, deleteRestApi, emptyGateway, getRestApi, type RestApiKey } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * const key: RestApiKey = { restApiId: created.right.response.id }
 * assert.ok(E.isRight(getRestApi(created.right.gateway, key)))
 * const deleted = deleteRestApi(created.right.gateway, key)
 * assert.ok(E.isRight(deleted))
 * assert.deepStrictEqual(E.mapLeft((e: { name: string }) => e.name)(getRestApi(deleted.right.gateway, key)), E.left('NotFoundException'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RestApiKey {
  readonly restApiId: string
}

/**
 * What get-rest-apis takes: where the page starts and how long it is (25 by default, at most 500).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getDeployments, type PageInput, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId })
 * assert.ok(E.isRight(made))
 * const largest: PageInput = { limit: 500 }
 * assert.ok(E.isRight(getDeployments(made.right.gateway, { restApiId, ...largest })))
 * assert.ok(E.isLeft(getDeployments(made.right.gateway, { restApiId, limit: 501 })))
 * assert.ok(E.isLeft(getDeployments(made.right.gateway, { restApiId, position: 'next' }))) // not a position this service gave
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PageInput {
  readonly position?: string
  readonly limit?: number
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The account id of a gateway made by {@link emptyGateway} without one: AWS's documentation
 * account.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DEFAULT_ACCOUNT_ID, emptyGateway } from 'apigw-canary'
 *
 * assert.strictEqual(emptyGateway().accountId, DEFAULT_ACCOUNT_ID)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const DEFAULT_ACCOUNT_ID = '123456789012'

/**
 * A gateway with no REST API.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { emptyGateway } from 'apigw-canary'
 *
 * assert.deepStrictEqual(emptyGateway(), { accountId: '123456789012', issued: 0, restApis: [] })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyGateway = (accountId: string = DEFAULT_ACCOUNT_ID): Gateway => ({ accountId, issued: 0, restApis: [] })

// -------------------------------------------------------------------------------------
// getters
// -------------------------------------------------------------------------------------

/**
 * The REST API of this id, with its deployments and stages.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { emptyGateway, findRestApi } from 'apigw-canary'
 *
 * assert.deepStrictEqual(findRestApi(emptyGateway(), 'a1b2c3d4e5'), O.none)
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const findRestApi = (gateway: Gateway, restApiId: string): O.Option<ApiState> =>
  O.fromEither(findApi(gateway, restApiId))

/**
 * The stage of this name in this REST API.
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
 * const deployed = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(deployed))
 * const stage = findStage(deployed.right.gateway, restApiId, 'prod')
 * assert.ok(O.isSome(stage) && stage.value.deploymentId === deployed.right.response.id)
 * ```
 *
 * @category getters
 * @since 0.1.0
 */
export const findStage = (gateway: Gateway, restApiId: string, stageName: string): O.Option<Stage> =>
  O.chain((api: ApiState) => O.fromNullable(api.stages.find((s) => s.stageName === stageName)))(findRestApi(gateway, restApiId))

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * CreateRestApi: a new REST API with an id from `env.ids`, a root resource id, and AWS's
 * defaults (`apiKeySource` `HEADER`, an `EDGE` endpoint, the execute-api endpoint enabled).
 * Fails if `name` is empty.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets', description: 'Pet store' })
 * assert.ok(E.isRight(created))
 * const api = created.right.response
 * assert.match(api.id, /^[a-z0-9]{10}$/)
 * assert.strictEqual(api.name, 'pets')
 * assert.strictEqual(api.createdDate, '2017-11-20T04:42:19Z')
 * assert.deepStrictEqual(api.endpointConfiguration, { types: ['EDGE'] })
 * assert.strictEqual(created.right.gateway.restApis.length, 1)
 * assert.ok(E.isLeft(createRestApi(emptyGateway(), { name: '' })))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const createRestApi = (gateway: Gateway, input: CreateRestApiInput, env: Env = defaultEnv): E.Either<GatewayError, Outcome<RestApi>> => {
  if (typeof input.name !== 'string' || input.name.length === 0) {
    return E.left(invalidValue('name', input.name, 'is not a REST API name (a non-empty string)'))
  }
  const taken = { has: (id: string): boolean => idInUse(gateway.restApis, id) }
  return E.chain(([id, g1]: readonly [string, Gateway]) =>
    E.map(([rootResourceId, g2]: readonly [string, Gateway]): Outcome<RestApi> => {
      const restApi: RestApi = {
        id,
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.version === undefined ? {} : { version: input.version }),
        createdDate: env.now(),
        apiKeySource: input.apiKeySource ?? 'HEADER',
        endpointConfiguration: { types: input.endpointConfiguration?.types ?? ['EDGE'] },
        disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
        rootResourceId,
        ...(input.tags === undefined ? {} : { tags: input.tags })
      }
      return { gateway: { ...g2, restApis: appendApi(g2.restApis, { restApi, deployments: [], stages: [] }) }, response: restApi }
    })(issueId(g1, env, 'resource', (r) => taken.has(r) || r === id))
  )(issueId(gateway, env, 'restApi', (id) => taken.has(id)))
}

/**
 * GetRestApi. Fails with AWS's `NotFoundException` for an unknown id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { emptyGateway, getRestApi } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(getRestApi(emptyGateway(), { restApiId: 'a1b2c3d4e5' })),
 *   E.left('Invalid API identifier specified 123456789012:a1b2c3d4e5')
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getRestApi = (gateway: Gateway, input: RestApiKey): E.Either<GatewayError, Outcome<RestApi>> =>
  E.map((api: ApiState): Outcome<RestApi> => ({ gateway, response: api.restApi }))(findApi(gateway, input.restApiId))

/**
 * GetRestApis: one page of the REST APIs, oldest first.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getRestApis, type Gateway } from 'apigw-canary'
 *
 * let gateway: Gateway = emptyGateway()
 * for (const name of ['a', 'b', 'c']) {
 *   const r = createRestApi(gateway, { name })
 *   assert.ok(E.isRight(r))
 *   gateway = r.right.gateway
 * }
 * const first = getRestApis(gateway, { limit: 2 })
 * assert.ok(E.isRight(first))
 * assert.deepStrictEqual(first.right.response.items.map((a) => a.name), ['a', 'b'])
 * const rest = getRestApis(gateway, { limit: 2, position: first.right.response.position ?? '' })
 * assert.ok(E.isRight(rest))
 * assert.deepStrictEqual(rest.right.response, { items: [gateway.restApis[2]?.restApi] })
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const getRestApis = (gateway: Gateway, input: PageInput = {}): E.Either<GatewayError, Outcome<Page<RestApi>>> =>
  E.map((page: Page<RestApi>): Outcome<Page<RestApi>> => ({ gateway, response: page }))(
    paginate(
      gateway.restApis.map((a) => a.restApi),
      input.position,
      input.limit
    )
  )

/**
 * DeleteRestApi: the REST API goes, with its deployments and stages.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, deleteRestApi, emptyGateway } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * const deleted = deleteRestApi(created.right.gateway, { restApiId: created.right.response.id })
 * assert.ok(E.isRight(deleted))
 * assert.deepStrictEqual(deleted.right.gateway.restApis, [])
 * assert.ok(E.isLeft(deleteRestApi(deleted.right.gateway, { restApiId: created.right.response.id })))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const deleteRestApi = (gateway: Gateway, input: RestApiKey): E.Either<GatewayError, Outcome<undefined>> =>
  E.map((api: ApiState): Outcome<undefined> => ({
    gateway: { ...gateway, restApis: gateway.restApis.filter((a) => a !== api) },
    response: undefined
  }))(findApi(gateway, input.restApiId))

