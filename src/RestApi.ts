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
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { invalidValue, type ApiGatewayError } from './ApiGatewayError.js'
import type { DecodeError } from './DecodeError.js'
import type { DeploymentId } from './DeploymentId.js'
import type { RestApiError } from './RestApiError.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import type { Stage } from './Stage.js'
import type { Timestamp } from './Timestamp.js'
import { findApi, issueId, paginate } from './internal/gateway.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where a REST API reads API keys from.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, type ApiKeySource } from 'apigw-canary'
 *
 * const byDefault = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(byDefault))
 * const source: ApiKeySource = byDefault.right.response.apiKeySource
 * assert.strictEqual(source, 'HEADER') // AWS's default
 * const authorizer = createRestApi(emptyGateway(), { name: 'pets', apiKeySource: 'AUTHORIZER' })
 * assert.ok(E.isRight(authorizer))
 * assert.strictEqual(authorizer.right.response.apiKeySource, 'AUTHORIZER')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type ApiKeySource = 'HEADER' | 'AUTHORIZER'

/**
 * The endpoint types of a REST API.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, RestApiCodec, type EndpointType } from 'apigw-canary'
 *
 * const types: ReadonlyArray<EndpointType> = ['REGIONAL']
 * const created = createRestApi(emptyGateway(), { name: 'pets', endpointConfiguration: { types } })
 * assert.ok(E.isRight(created))
 * assert.deepStrictEqual(created.right.response.endpointConfiguration, { types: ['REGIONAL'] })
 * const other = { id: 'a1b2c3d4e5', name: 'pets', createdDate: 1511152939, endpointConfiguration: { types: ['GLOBAL'] } }
 * assert.ok(E.isLeft(RestApiCodec.decode(other))) // EDGE, REGIONAL or PRIVATE only
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type EndpointType = 'EDGE' | 'REGIONAL' | 'PRIVATE'

/**
 * A REST API, in AWS's wire shape (the fields this library models).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getRestApi, type RestApi } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets', description: 'Pet store' })
 * assert.ok(E.isRight(created))
 * const api: RestApi = created.right.response
 * assert.strictEqual(api.description, 'Pet store')
 * assert.strictEqual(api.disableExecuteApiEndpoint, false)
 * assert.match(api.rootResourceId ?? '', /^[a-z0-9]{10}$/)
 * assert.deepStrictEqual(getRestApi(created.right.gateway, { restApiId: api.id }), E.right({ gateway: created.right.gateway, response: api }))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RestApi {
  readonly id: string
  readonly name: string
  readonly description?: string
  readonly version?: string
  readonly createdDate: Timestamp
  readonly apiKeySource: ApiKeySource
  readonly endpointConfiguration: { readonly types: ReadonlyArray<EndpointType> }
  readonly disableExecuteApiEndpoint: boolean
  readonly rootResourceId?: string
  readonly tags?: { readonly [key: string]: string }
}

/**
 * A deployment: a snapshot of the API that stages and canaries run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, type Deployment } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const made = createDeployment(api.right.gateway, { restApiId: api.right.response.id, description: 'v1' })
 * assert.ok(E.isRight(made))
 * const deployment: Deployment = made.right.response
 * assert.match(deployment.id, /^[a-z0-9]{6}$/)
 * assert.deepStrictEqual(deployment, { id: deployment.id, description: 'v1', createdDate: '2017-11-20T04:42:19Z' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Deployment {
  readonly id: DeploymentId
  readonly description?: string
  readonly createdDate: Timestamp
}

/**
 * One REST API with its deployments and stages, in the order they were created. Every stage has
 * a `stageName`, and every `deploymentId` a stage or a canary names is one of `deployments`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as O from 'fp-ts/lib/Option.js'
 * import { createDeployment, createRestApi, emptyGateway, findRestApi, type ApiState } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const made = createDeployment(api.right.gateway, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const found = findRestApi(made.right.gateway, restApiId)
 * assert.ok(O.isSome(found))
 * const state: ApiState = found.value
 * assert.deepStrictEqual(state.deployments, [made.right.response])
 * assert.deepStrictEqual(state.stages.map((s) => [s.stageName, s.deploymentId]), [['prod', made.right.response.id]])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface ApiState {
  readonly restApi: RestApi
  readonly deployments: ReadonlyArray<Deployment>
  readonly stages: ReadonlyArray<Stage>
}

/**
 * The aggregate: the REST APIs of one account (and region), and the count of ids issued so far
 * (the id provider's counter).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, decodeGateway, emptyGateway, type Gateway } from 'apigw-canary'
 *
 * const empty: Gateway = emptyGateway()
 * const created = createRestApi(empty, { name: 'pets' })
 * assert.ok(E.isRight(created))
 * const gateway: Gateway = created.right.gateway
 * assert.strictEqual(gateway.restApis.length, 1)
 * assert.strictEqual(empty.restApis.length, 0) // immutable: the gateway before is unchanged
 * assert.strictEqual(gateway.issued, 2) // the REST API's id and its root resource's
 * assert.deepStrictEqual(decodeGateway(JSON.parse(JSON.stringify(gateway))), E.right(gateway)) // plain JSON
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Gateway {
  readonly accountId: string
  readonly issued: number
  readonly restApis: ReadonlyArray<ApiState>
}

/**
 * What an operation gives back: the gateway after it, and the response.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getRestApi, type Outcome, type RestApi } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * const got = getRestApi(created.right.gateway, { restApiId: created.right.response.id })
 * assert.ok(E.isRight(got))
 * const outcome: Outcome<RestApi> = got.right
 * assert.strictEqual(outcome.gateway, created.right.gateway) // a read gives back the same gateway
 * assert.strictEqual(outcome.response, created.right.response)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Outcome<A> {
  readonly gateway: Gateway
  readonly response: A
}

/**
 * One page of a list: its items, and the `position` to ask for the next page, absent on the last.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getRestApis, type Page, type RestApi } from 'apigw-canary'
 *
 * const a = createRestApi(emptyGateway(), { name: 'a' })
 * assert.ok(E.isRight(a))
 * const b = createRestApi(a.right.gateway, { name: 'b' })
 * assert.ok(E.isRight(b))
 * const first = getRestApis(b.right.gateway, { limit: 1 })
 * assert.ok(E.isRight(first))
 * const page: Page<RestApi> = first.right.response
 * assert.ok(page.items[0] === a.right.response && page.position !== undefined) // there is more
 * const last = getRestApis(b.right.gateway, { limit: 1, position: page.position ?? '' })
 * assert.ok(E.isRight(last))
 * assert.deepStrictEqual(last.right.response, { items: [b.right.response] }) // no position: the last page
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly position?: string
}

/**
 * Any error an operation of the aggregate can answer with: its own ({@link RestApiError}), the
 * lifecycle's and the update-stage applier's ({@link ApiGatewayError}), and a request that does
 * not decode ({@link DecodeError}).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeError, decodeIssue, emptyGateway, getRestApi, promotionNotAvailable, RestApiHttp, type GatewayError } from 'apigw-canary'
 *
 * const missing = getRestApi(emptyGateway(), { restApiId: 'a1b2c3d4e5' })
 * assert.ok(E.isLeft(missing))
 * const e: GatewayError = missing.left
 * assert.strictEqual(e._tag, 'RestApiNotFound')
 * // Each kind answers with its exception's name and status.
 * const errors: ReadonlyArray<GatewayError> = [e, promotionNotAvailable, decodeError([decodeIssue(['name'], 1, 'is not a string')])]
 * assert.deepStrictEqual(errors.map((x) => RestApiHttp.gatewayErrorResponse(x).status), [404, 400, 400])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type GatewayError = RestApiError | ApiGatewayError | DecodeError

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
 * import { createDeployment, createRestApi, emptyGateway, getDeployments, type PageInput } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const made = createDeployment(api.right.gateway, { restApiId })
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
 * import { createDeployment, createRestApi, emptyGateway, findStage } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const deployed = createDeployment(api.right.gateway, { restApiId, stageName: 'prod' })
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
  const taken = new Set(gateway.restApis.flatMap((a) => [a.restApi.id, a.restApi.rootResourceId ?? '']))
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
      return { gateway: { ...g2, restApis: [...g2.restApis, { restApi, deployments: [], stages: [] }] }, response: restApi }
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

