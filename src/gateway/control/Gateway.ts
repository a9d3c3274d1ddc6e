/**
 * The REST API aggregate's model: a {@link Gateway} holds the REST APIs of one account and
 * region, each ({@link ApiState}) with its deployments and stages; the calls answer an
 * {@link Outcome} or a {@link GatewayError}. The calls are in `RestApi`, `RestApiDeployment`
 * and `RestApiStage`, which re-export these types.
 *
 * @since 0.1.0
 *
 * @module
 */
import type { ApiGatewayError } from '../../stage/ApiGatewayError.js'
import type { DecodeError } from '../../stage/DecodeError.js'
import type { DeploymentId } from '../../stage/DeploymentId.js'
import type { Stage } from '../../stage/Stage.js'
import type { Timestamp } from '../../stage/Timestamp.js'
import type { RestApiError } from './RestApiError.js'
import type { Resource, ResourceError } from './Resource.js'

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
 * import { createDeployment, createRestApi, emptyGateway, type Deployment, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const made = createDeployment(apiReady.right, { restApiId: api.right.response.id, description: 'v1' })
 * assert.ok(E.isRight(made))
 * const deployment: Deployment = made.right.response
 * assert.match(deployment.id, /^[a-z0-9]{6}$/)
 * const { resources, ...fields } = deployment
 * assert.deepStrictEqual(fields, { id: deployment.id, description: 'v1', createdDate: '2017-11-20T04:42:19Z' })
 * assert.deepStrictEqual(resources?.map((r) => Object.keys(r.resourceMethods ?? {})), [['GET']]) // the snapshot: GET /
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Deployment {
  readonly id: DeploymentId
  readonly description?: string
  readonly createdDate: Timestamp
  /** The API's resources, methods and integrations when it was made (absent in old state files: it then serves nothing). Not on the wire. */
  readonly resources?: ReadonlyArray<Resource>
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
 * import { createDeployment, createRestApi, emptyGateway, findRestApi, type ApiState, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * const restApiId = api.right.response.id
 * const made = createDeployment(apiReady.right, { restApiId, stageName: 'prod' })
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
  /** The resource tree; absent until the first resource or method call writes it (then the root `/` is made from `rootResourceId`). */
  readonly resources?: ReadonlyArray<Resource>
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
export type GatewayError = RestApiError | ResourceError | ApiGatewayError | DecodeError
