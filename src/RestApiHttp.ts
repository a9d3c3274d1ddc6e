/**
 * API Gateway's REST wire protocol over the REST API aggregate: {@link route} takes a request
 * (method, path, query, body) and a {@link Gateway}, and gives the gateway after it and the
 * response (status, headers, body), exactly as the AWS SDK v3 and the AWS CLI expect them: the
 * same paths and JSON bodies as `apigateway.{region}.amazonaws.com`, dates as epoch seconds,
 * lists under `item`, and errors with AWS's `x-amzn-errortype` header and a `{"message": ...}`
 * body. Both shells, the SDK request handler and the HTTP server, call it; it is pure and total.
 *
 * Beyond AWS's own errors (chosen, as AWS's answers are not recorded): a request value that is
 * not an {@link HttpRequest} (not an object; a method, path, query, header or body of the wrong
 * type; a field that throws when read) is a 400 `BadRequestException` naming the field; a body
 * that is not JSON is a `BadRequestException`; a path that is no operation here is a 404
 * `UnknownOperationException`; a known path with another method is a 405
 * `MethodNotAllowedException` with an `allow` header.
 *
 * @since 0.1.0
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as io from 'io-ts'
import type * as t from 'io-ts'
import { invalidValue } from './ApiGatewayError.js'
import { fromValidationErrors, showValue } from './DecodeError.js'
import { createRestApi, deleteRestApi, getRestApi, getRestApis, type ApiKeySource, type CreateRestApiInput, type Deployment, type EndpointType, type Gateway, type GatewayError, type Outcome, type Page, type RestApi } from './RestApi.js'
import { createDeployment, deleteDeployment, getDeployment, getDeployments, type CreateDeploymentInput } from './RestApiDeployment.js'
import { httpStatusOf } from './RestApiError.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import { createStage, deleteStage, getStage, getStages, updateStageUnknown, type CreateStageInput } from './RestApiStage.js'
import { encodeStage, type Stage } from './Stage.js'
import { oneOf, recordOf, struct } from './internal/codec.js'
import { thrownText } from './internal/gateway.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A request as it comes off the wire: `method` an HTTP method (a token such as `GET`, any case),
 * `path` percent-encoded, starting with `/` and without the query string; `query` the query
 * parameters (a repeated one as a list, the first value counts; `null` for a name without a
 * value); `headers` (checked, not otherwise read); `body` the text of the body. {@link route}
 * checks each field, so a value of another shape gets a 400 rather than a throw.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const request: RestApiHttp.HttpRequest = { method: 'post', path: '/restapis', headers: { 'content-type': 'application/json' }, body: '{"name":"pets"}' }
 * const created = RestApiHttp.route(emptyGateway(), request)
 * assert.strictEqual(created.response.status, 201) // the method in any case
 * const again = RestApiHttp.route(created.gateway, { ...request, body: '{"name":"orders"}' })
 * // A repeated query parameter: the first value counts.
 * const listed = RestApiHttp.route(again.gateway, { method: 'GET', path: '/restapis', query: { limit: ['1', '5'] } })
 * assert.deepStrictEqual(JSON.parse(listed.response.body).item.map((a: { name: string }) => a.name), ['pets'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface HttpRequest {
  readonly method: string
  readonly path: string
  readonly query?: { readonly [name: string]: string | ReadonlyArray<string> | null | undefined }
  readonly headers?: { readonly [name: string]: string | undefined }
  readonly body?: string
}

/**
 * A response: status, headers (lower-case names) and a body (empty or JSON).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const response: RestApiHttp.HttpResponse = RestApiHttp.route(emptyGateway(), { method: 'GET', path: '/restapis/a1b2c3d4e5' }).response
 * assert.strictEqual(response.status, 404)
 * assert.strictEqual(response.headers['x-amzn-errortype'], 'NotFoundException')
 * assert.deepStrictEqual(JSON.parse(response.body), { message: 'Invalid API identifier specified 123456789012:a1b2c3d4e5' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface HttpResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string }
  readonly body: string
}

/**
 * What {@link route} gives: the gateway after the request (the same reference when nothing
 * changed), the response, and the operation the request was, when it was one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const gateway = emptyGateway()
 * const read: RestApiHttp.Routed = RestApiHttp.route(gateway, { method: 'GET', path: '/restapis' })
 * assert.strictEqual(read.operation, 'GetRestApis')
 * assert.strictEqual(read.gateway, gateway) // only a read: the same reference
 * const written = RestApiHttp.route(gateway, { method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
 * assert.strictEqual(written.operation, 'CreateRestApi')
 * assert.strictEqual(written.gateway.restApis.length, 1)
 * assert.strictEqual(RestApiHttp.route(gateway, { method: 'GET', path: '/nowhere' }).operation, undefined)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Routed {
  readonly gateway: Gateway
  readonly response: HttpResponse
  readonly operation?: string
}

/**
 * One operation of the protocol: its name (as SDK v3's command is called, less `Command`), its
 * method, its path template and its success status.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const op: RestApiHttp.Operation | undefined = RestApiHttp.operations.find((o) => o.name === 'CreateDeployment')
 * assert.deepStrictEqual(op, { name: 'CreateDeployment', method: 'POST', path: '/restapis/{restApiId}/deployments', status: 201 })
 * const created = RestApiHttp.route(emptyGateway(), { method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
 * const path = op.path.replace('{restApiId}', JSON.parse(created.response.body).id)
 * const deployed = RestApiHttp.route(created.gateway, { method: op.method, path })
 * assert.deepStrictEqual([deployed.operation, deployed.response.status], [op.name, op.status])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Operation {
  readonly name: string
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly status: 200 | 201 | 202
}

// -------------------------------------------------------------------------------------
// wire encoders
// -------------------------------------------------------------------------------------

const DATES = ['createdDate', 'lastUpdatedDate'] as const

const epochDates = (json: { readonly [key: string]: unknown }): { readonly [key: string]: unknown } => {
  let out: Record<string, unknown> | undefined
  for (const key of DATES) {
    const value = json[key]
    if (typeof value === 'string') {
      out ??= { ...json }
      out[key] = Date.parse(value) / 1000
    }
  }
  return out ?? json
}

/**
 * A stage as the REST API sends it: the JSON of `get-stage`, dates as epoch seconds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiHttp, decodeStage } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(RestApiHttp.stageToWire(stage.right), { stageName: 'prod', deploymentId: 'nfcn0x', createdDate: 1511152939 })
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const stageToWire = (stage: Stage): { readonly [key: string]: unknown } => epochDates(encodeStage(stage))

/**
 * A REST API as the REST API sends it (dates as epoch seconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiHttp, createRestApi, emptyGateway } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * assert.strictEqual(RestApiHttp.restApiToWire(created.right.response)['createdDate'], 1511152939)
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const restApiToWire = (restApi: RestApi): { readonly [key: string]: unknown } => epochDates({ ...restApi })

/**
 * A deployment as the REST API sends it (dates as epoch seconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, DeploymentId, Timestamp } from 'apigw-canary'
 *
 * const wire = RestApiHttp.deploymentToWire({ id: DeploymentId.unsafeFromString('nfcn0x'), createdDate: Timestamp.unsafeFromString('2017-11-20T04:42:19Z') })
 * assert.deepStrictEqual(wire, { id: 'nfcn0x', createdDate: 1511152939 })
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const deploymentToWire = (deployment: Deployment): { readonly [key: string]: unknown } =>
  epochDates({ ...deployment })

const pageToWire =
  <A>(f: (a: A) => unknown) =>
  (page: Page<A>): unknown => ({ item: page.items.map(f), ...(page.position === undefined ? {} : { position: page.position }) })

// -------------------------------------------------------------------------------------
// responses
// -------------------------------------------------------------------------------------

const JSON_HEADERS = { 'content-type': 'application/json' } as const

/**
 * An error response in AWS's shape: the status, `x-amzn-errortype` naming the exception, and
 * `{"message": ...}`. SDK v3 turns it into its exception class of that name.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp } from 'apigw-canary'
 *
 * const r = RestApiHttp.errorResponse(404, 'NotFoundException', 'Invalid Stage identifier specified')
 * assert.strictEqual(r.headers['x-amzn-errortype'], 'NotFoundException')
 * assert.deepStrictEqual(JSON.parse(r.body), { message: 'Invalid Stage identifier specified' })
 * ```
 *
 * @category responses
 * @since 0.1.0
 */
export const errorResponse = (status: number, type: string, message: string, headers: { readonly [name: string]: string } = {}): HttpResponse => ({
  status,
  headers: { ...JSON_HEADERS, 'x-amzn-errortype': type, ...headers },
  body: JSON.stringify({ message })
})

/**
 * The response to an error of the aggregate: its exception's status and name, its message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, stageNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(RestApiHttp.gatewayErrorResponse(stageNotFound('prod')).status, 404)
 * ```
 *
 * @category responses
 * @since 0.1.0
 */
export const gatewayErrorResponse = (error: GatewayError): HttpResponse => errorResponse(httpStatusOf(error.name), error.name, error.message)

// -------------------------------------------------------------------------------------
// request bodies
// -------------------------------------------------------------------------------------

const stringMap = /* @__PURE__ */ recordOf('StringMap', io.string, 'a map of strings (an object of string values)')

const CreateRestApiBody = /* @__PURE__ */ struct<CreateRestApiInput>(
  'CreateRestApiRequest',
  {
    name: io.string,
    description: io.string,
    version: io.string,
    apiKeySource: /* @__PURE__ */ oneOf<ApiKeySource>('ApiKeySource', ['HEADER', 'AUTHORIZER']),
    endpointConfiguration: /* @__PURE__ */ struct<{ readonly types?: ReadonlyArray<EndpointType> }>(
      'EndpointConfiguration',
      { types: io.readonlyArray(/* @__PURE__ */ oneOf<EndpointType>('EndpointType', ['EDGE', 'REGIONAL', 'PRIVATE'])) },
      { what: 'an endpoint configuration (an object)' }
    ),
    disableExecuteApiEndpoint: io.boolean,
    tags: stringMap
  },
  { what: 'a create-rest-api request (a JSON object)', required: ['name'] }
)

const canaryFields = { percentTraffic: io.number, stageVariableOverrides: stringMap, useStageCache: io.boolean }

type CreateDeploymentBody = Omit<CreateDeploymentInput, 'restApiId'>
const CreateDeploymentBody = /* @__PURE__ */ struct<CreateDeploymentBody>(
  'CreateDeploymentRequest',
  {
    stageName: io.string,
    stageDescription: io.string,
    description: io.string,
    cacheClusterEnabled: io.boolean,
    cacheClusterSize: io.string,
    variables: stringMap,
    canarySettings: /* @__PURE__ */ struct('DeploymentCanarySettings', canaryFields, { what: 'deployment canary settings (an object)' }),
    tracingEnabled: io.boolean
  },
  { what: 'a create-deployment request (a JSON object)' }
)

type CreateStageBody = Omit<CreateStageInput, 'restApiId'>
const CreateStageBody = /* @__PURE__ */ struct<CreateStageBody>(
  'CreateStageRequest',
  {
    stageName: io.string,
    deploymentId: io.string,
    description: io.string,
    cacheClusterEnabled: io.boolean,
    cacheClusterSize: io.string,
    variables: stringMap,
    documentationVersion: io.string,
    canarySettings: /* @__PURE__ */ struct('CanarySettings', { ...canaryFields, deploymentId: io.string }, { what: 'canary settings (an object)' }),
    tracingEnabled: io.boolean,
    tags: stringMap
  },
  { what: 'a create-stage request (a JSON object)', required: ['stageName', 'deploymentId'] }
)

const UpdateStageBody = /* @__PURE__ */ struct<{ readonly patchOperations?: unknown }>(
  'UpdateStageRequest',
  { patchOperations: io.unknown },
  { what: 'an update-stage request (a JSON object)' }
)

// -------------------------------------------------------------------------------------
// routing
// -------------------------------------------------------------------------------------

interface Context {
  readonly gateway: Gateway
  readonly params: { readonly [name: string]: string }
  readonly query: (name: string) => string | undefined
  readonly body: unknown
  readonly env: Env
}

type Failure = GatewayError

interface Route extends Operation {
  readonly run: (ctx: Context) => E.Either<Failure, Outcome<unknown>>
}

const decodeBody = <A>(codec: t.Type<A, unknown, unknown>, body: unknown): E.Either<Failure, A> =>
  E.mapLeft(fromValidationErrors)(codec.decode(body))

const limitOf = (ctx: Context): E.Either<Failure, number | undefined> => {
  const limit = ctx.query('limit')
  if (limit === undefined) return E.right(undefined)
  return /^\d{1,9}$/.test(limit) ? E.right(Number(limit)) : E.left(invalidValue('limit', limit, 'is not a page size (a whole number from 1 to 500)'))
}

const pageInput = (ctx: Context): E.Either<Failure, { readonly position?: string; readonly limit?: number }> =>
  E.map((limit: number | undefined) => {
    const position = ctx.query('position')
    return { ...(position === undefined ? {} : { position }), ...(limit === undefined ? {} : { limit }) }
  })(limitOf(ctx))

const wire =
  <A>(f: (a: A) => unknown) =>
  (outcome: E.Either<Failure, Outcome<A>>): E.Either<Failure, Outcome<unknown>> =>
    E.map((o: Outcome<A>): Outcome<unknown> => ({ gateway: o.gateway, response: f(o.response) }))(outcome)

const param = (ctx: Context, name: string): string => ctx.params[name] ?? ''

const ROUTES: ReadonlyArray<Route> = [
  {
    name: 'CreateRestApi',
    method: 'POST',
    path: '/restapis',
    status: 201,
    run: (ctx) => pipe(decodeBody(CreateRestApiBody, ctx.body), E.chainW((input) => createRestApi(ctx.gateway, input, ctx.env)), wire(restApiToWire))
  },
  {
    name: 'GetRestApis',
    method: 'GET',
    path: '/restapis',
    status: 200,
    run: (ctx) => pipe(pageInput(ctx), E.chainW((input) => getRestApis(ctx.gateway, input)), wire(pageToWire(restApiToWire)))
  },
  {
    name: 'GetRestApi',
    method: 'GET',
    path: '/restapis/{restApiId}',
    status: 200,
    run: (ctx) => wire(restApiToWire)(getRestApi(ctx.gateway, { restApiId: param(ctx, 'restApiId') }))
  },
  {
    name: 'DeleteRestApi',
    method: 'DELETE',
    path: '/restapis/{restApiId}',
    status: 202,
    run: (ctx) => deleteRestApi(ctx.gateway, { restApiId: param(ctx, 'restApiId') })
  },
  {
    name: 'CreateDeployment',
    method: 'POST',
    path: '/restapis/{restApiId}/deployments',
    status: 201,
    run: (ctx) =>
      pipe(
        decodeBody(CreateDeploymentBody, ctx.body),
        E.chainW((body) => createDeployment(ctx.gateway, { ...body, restApiId: param(ctx, 'restApiId') }, ctx.env)),
        wire(deploymentToWire)
      )
  },
  {
    name: 'GetDeployments',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments',
    status: 200,
    run: (ctx) =>
      pipe(
        pageInput(ctx),
        E.chainW((page) => getDeployments(ctx.gateway, { ...page, restApiId: param(ctx, 'restApiId') })),
        wire(pageToWire(deploymentToWire))
      )
  },
  {
    name: 'GetDeployment',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments/{deploymentId}',
    status: 200,
    run: (ctx) =>
      wire(deploymentToWire)(getDeployment(ctx.gateway, { restApiId: param(ctx, 'restApiId'), deploymentId: param(ctx, 'deploymentId') }))
  },
  {
    name: 'DeleteDeployment',
    method: 'DELETE',
    path: '/restapis/{restApiId}/deployments/{deploymentId}',
    status: 202,
    run: (ctx) => deleteDeployment(ctx.gateway, { restApiId: param(ctx, 'restApiId'), deploymentId: param(ctx, 'deploymentId') })
  },
  {
    name: 'CreateStage',
    method: 'POST',
    path: '/restapis/{restApiId}/stages',
    status: 201,
    run: (ctx) =>
      pipe(
        decodeBody(CreateStageBody, ctx.body),
        E.chainW((body) => createStage(ctx.gateway, { ...body, restApiId: param(ctx, 'restApiId') }, ctx.env)),
        wire(stageToWire)
      )
  },
  {
    name: 'GetStages',
    method: 'GET',
    path: '/restapis/{restApiId}/stages',
    status: 200,
    run: (ctx) => {
      const deploymentId = ctx.query('deploymentId')
      return wire((stages: ReadonlyArray<Stage>) => ({ item: stages.map(stageToWire) }))(
        getStages(ctx.gateway, { restApiId: param(ctx, 'restApiId'), ...(deploymentId === undefined ? {} : { deploymentId }) })
      )
    }
  },
  {
    name: 'GetStage',
    method: 'GET',
    path: '/restapis/{restApiId}/stages/{stageName}',
    status: 200,
    run: (ctx) => wire(stageToWire)(getStage(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') }))
  },
  {
    name: 'UpdateStage',
    method: 'PATCH',
    path: '/restapis/{restApiId}/stages/{stageName}',
    status: 200,
    run: (ctx) =>
      pipe(
        decodeBody(UpdateStageBody, ctx.body),
        E.chainW((body) =>
          updateStageUnknown(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') }, body.patchOperations ?? [], ctx.env)
        ),
        wire(stageToWire)
      )
  },
  {
    name: 'DeleteStage',
    method: 'DELETE',
    path: '/restapis/{restApiId}/stages/{stageName}',
    status: 202,
    run: (ctx) => deleteStage(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') })
  }
]

/**
 * The operations {@link route} answers, in the order of the API reference.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp } from 'apigw-canary'
 *
 * const update = RestApiHttp.operations.find((o) => o.name === 'UpdateStage')
 * assert.deepStrictEqual(update, { name: 'UpdateStage', method: 'PATCH', path: '/restapis/{restApiId}/stages/{stageName}', status: 200 })
 * ```
 *
 * @category routing
 * @since 0.1.0
 */
export const operations: ReadonlyArray<Operation> = ROUTES.map(({ name, method, path, status }) => ({ name, method, path, status }))

/** A route's path as match patterns: `/restapis/{restApiId}` → `['restapis', ':restApiId']`. */
const patternOf = (path: string): ReadonlyArray<string> =>
  path
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith('{') && s.endsWith('}') ? `:${s.slice(1, -1)}` : s))

const PATTERNS: ReadonlyArray<ReadonlyArray<string>> = ROUTES.map((r) => patternOf(r.path))

const match = (segments: ReadonlyArray<string>, pattern: ReadonlyArray<string>): { readonly [name: string]: string } | undefined => {
  if (segments.length !== pattern.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? ''
    const s = segments[i] ?? ''
    if (p.startsWith(':')) {
      if (s === '') return undefined
      params[p.slice(1)] = s
    } else if (p !== s) return undefined
  }
  return params
}

const splitPath = (path: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  const raw = path.split('/').slice(1)
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop()
  try {
    return E.right(raw.map((s) => decodeURIComponent(s)))
  } catch {
    return E.left(errorResponse(400, 'BadRequestException', `The request path ${JSON.stringify(path.slice(0, 200))} is not properly percent-encoded.`))
  }
}

const parseJson = (body: string | undefined): E.Either<HttpResponse, unknown> => {
  if (body === undefined || body.trim() === '') return E.right({})
  try {
    return E.right(JSON.parse(body))
  } catch (error) {
    return E.left(errorResponse(400, 'BadRequestException', `Could not parse request body into json: ${thrownText(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// checking the request
// -------------------------------------------------------------------------------------

/** A request whose every field has been read once and checked: plain data from here on. */
interface CheckedRequest {
  readonly method: string
  readonly path: string
  /** The first value of each query parameter that has one. */
  readonly query: ReadonlyMap<string, string>
  readonly body: string | undefined
}

/** Whether the caller's value is an array (a revoked proxy throws when asked). */
const isArray = (value: object, what: string): E.Either<HttpResponse, boolean> => {
  try {
    return E.right(Array.isArray(value))
  } catch (error) {
    return malformed(`The request ${what} could not be read: ${thrownText(error)}.`)
  }
}

/** A request value as a message shows it: primitives as they are, never reading into an object. */
const shown = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return showValue(value)
  const array = isArray(value, '')
  return E.isRight(array) && array.right ? 'an array' : 'an object'
}

const malformed = (message: string): E.Either<HttpResponse, never> => E.left(errorResponse(400, 'BadRequestException', message))

/** `what` (`''` for the request itself) must be `rule`: the 400 that says so, with the value shown. */
const notA = (what: string, value: unknown, rule: string): E.Either<HttpResponse, never> => {
  const subject = what === '' ? 'The request' : `The request ${what}`
  return malformed(value === undefined ? `${subject} is missing; it must be ${rule}.` : `${subject} ${shown(value)} is not ${rule}.`)
}

/** Reads one field of an object the caller gave, once: a getter or a proxy trap may throw. */
const field = (from: object, name: string, what: string): E.Either<HttpResponse, unknown> => {
  try {
    return E.right((from as { readonly [name: string]: unknown })[name])
  } catch (error) {
    return malformed(`The request ${what} could not be read: ${thrownText(error)}.`)
  }
}

/** The own enumerable names of an object the caller gave (a proxy trap may throw). */
const namesOf = (from: object, what: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  try {
    return E.right(Object.keys(from))
  } catch (error) {
    return malformed(`The request ${what} could not be read: ${thrownText(error)}.`)
  }
}

/**
 * The names of a map the caller gave: a plain object (not an array, a `Map` or a class
 * instance, whose entries `Object.keys` would not see).
 */
const mapNames = (map: unknown, what: string, rule: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  if (typeof map !== 'object' || map === null) return notA(what, map, rule)
  let plain: boolean
  try {
    const proto: unknown = Object.getPrototypeOf(map)
    plain = !Array.isArray(map) && (proto === null || Object.getPrototypeOf(proto) === null)
  } catch (error) {
    return malformed(`The request ${what} could not be read: ${thrownText(error)}.`)
  }
  return plain ? namesOf(map, what) : notA(what, map, rule)
}

/** An HTTP method is a token (RFC 9110): `GET`, `delete`, never empty nor with spaces. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const checkMethod = (method: unknown): E.Either<HttpResponse, string> =>
  typeof method === 'string' && METHOD.test(method) ? E.right(method.toUpperCase()) : notA('method', method, 'an HTTP method (a token such as GET)')

const checkPath = (path: unknown): E.Either<HttpResponse, string> =>
  typeof path === 'string' && path.startsWith('/') ? E.right(path) : notA('path', path, 'a path (a string starting with /)')

const nameOf = (what: string, name: string): string => `${what} ${JSON.stringify(name.slice(0, 100))}`

/**
 * One query parameter's first value: a string, a list of strings (the first counts), or none
 * (`null`, `undefined`, `[]`). A list is read by its own keys, so a sparse one costs what it
 * holds; a list with holes is refused.
 */
const checkParameter = (name: string, value: unknown): E.Either<HttpResponse, string | undefined> => {
  const what = nameOf('query parameter', name)
  if (value === undefined || value === null) return E.right(undefined)
  if (typeof value === 'string') return E.right(value)
  const array = typeof value === 'object' ? isArray(value, what) : E.right(false)
  if (E.isLeft(array)) return array
  if (!array.right) return notA(what, value, 'a string or a list of strings')
  const list = value as object
  const length = field(list, 'length', what)
  if (E.isLeft(length)) return length
  const keys = namesOf(list, what)
  if (E.isLeft(keys)) return keys
  if (length.right !== keys.right.length) return notA(what, value, 'a list of strings without holes')
  let first: string | undefined
  for (const key of keys.right) {
    const item = field(list, key, what)
    if (E.isLeft(item)) return item
    if (typeof item.right !== 'string') return notA(`${what} item ${key.slice(0, 20)}`, item.right, 'a string')
    if (key === '0') first = item.right
  }
  return E.right(first)
}

const checkQuery = (query: unknown): E.Either<HttpResponse, ReadonlyMap<string, string>> => {
  const values = new Map<string, string>()
  if (query === undefined) return E.right(values)
  const names = mapNames(query, 'query', 'a map of query parameters (an object)')
  if (E.isLeft(names)) return names
  for (const name of names.right) {
    const value = E.chain((raw: unknown) => checkParameter(name, raw))(field(query as object, name, nameOf('query parameter', name)))
    if (E.isLeft(value)) return value
    if (value.right !== undefined) values.set(name, value.right)
  }
  return E.right(values)
}

const checkHeaders = (headers: unknown): E.Either<HttpResponse, undefined> => {
  if (headers === undefined) return E.right(undefined)
  const names = mapNames(headers, 'headers', 'a map of header names to values (an object)')
  if (E.isLeft(names)) return names
  for (const name of names.right) {
    const what = nameOf('header', name)
    const value = field(headers as object, name, what)
    if (E.isLeft(value)) return value
    if (value.right !== undefined && typeof value.right !== 'string') return notA(what, value.right, 'a string')
  }
  return E.right(undefined)
}

const checkBody = (body: unknown): E.Either<HttpResponse, string | undefined> =>
  body === undefined || typeof body === 'string' ? E.right(body) : notA('body', body, 'text (a string)')

/** Reads each field of the request once and checks it: the request as plain data, or the 400 that says what is wrong. */
const checkRequest = (request: unknown): E.Either<HttpResponse, CheckedRequest> => {
  if (typeof request !== 'object' || request === null) return notA('', request, 'an HTTP request (an object with a method and a path)')
  return pipe(
    E.Do,
    E.bind('method', () => E.chain(checkMethod)(field(request, 'method', 'method'))),
    E.bind('path', () => E.chain(checkPath)(field(request, 'path', 'path'))),
    E.bind('query', () => E.chain(checkQuery)(field(request, 'query', 'query'))),
    E.chainFirst(() => E.chain(checkHeaders)(field(request, 'headers', 'headers'))),
    E.bind('body', () => E.chain(checkBody)(field(request, 'body', 'body')))
  )
}

const reply = (route: Route, value: unknown): HttpResponse =>
  value === undefined ? { status: route.status, headers: JSON_HEADERS, body: '' } : { status: route.status, headers: JSON_HEADERS, body: JSON.stringify(value) }

/**
 * Answers one request against the gateway: the gateway after it (the same reference when the
 * request changed nothing, failed, or only read) and the response. Pure and total: every input,
 * however malformed, gets an AWS-shaped response and never a throw. A request value that is not
 * an {@link HttpRequest} (`null`, a missing or non-string path or method, a query, header or body
 * of another type, a getter or proxy that throws) gets a 400 `BadRequestException` naming the
 * field; each field is read once.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const created = RestApiHttp.route(emptyGateway(), { method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
 * assert.strictEqual(created.response.status, 201)
 * const id: string = JSON.parse(created.response.body).id
 * const deployed = RestApiHttp.route(created.gateway, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod"}' })
 * assert.strictEqual(deployed.response.status, 201)
 *
 * const canaryToMissingStage = RestApiHttp.route(deployed.gateway, {
 *   method: 'POST',
 *   path: `/restapis/${id}/deployments`,
 *   body: '{"stageName":"beta","canarySettings":{"percentTraffic":10}}'
 * })
 * assert.strictEqual(canaryToMissingStage.response.status, 400)
 * assert.strictEqual(canaryToMissingStage.response.headers['x-amzn-errortype'], 'BadRequestException')
 * assert.strictEqual(canaryToMissingStage.gateway, deployed.gateway) // unchanged
 *
 * assert.strictEqual(RestApiHttp.route(deployed.gateway, { method: 'GET', path: '/nowhere' }).response.status, 404)
 * assert.strictEqual(RestApiHttp.route(deployed.gateway, { method: 'PUT', path: '/restapis' }).response.status, 405)
 * assert.strictEqual(RestApiHttp.route(deployed.gateway, { method: 'POST', path: '/restapis', body: '{' }).response.status, 400)
 *
 * // Not a request at all (as plain JavaScript may pass): a 400 naming what is wrong.
 * const noPath = RestApiHttp.route(deployed.gateway, JSON.parse('{"method":"GET"}'))
 * assert.strictEqual(noPath.response.status, 400)
 * assert.strictEqual(noPath.response.headers['x-amzn-errortype'], 'BadRequestException')
 * assert.deepStrictEqual(JSON.parse(noPath.response.body), { message: 'The request path is missing; it must be a path (a string starting with /).' })
 * assert.strictEqual(noPath.gateway, deployed.gateway)
 * ```
 *
 * @category routing
 * @since 0.1.0
 */
export const route = (gateway: Gateway, request: HttpRequest, env: Env = defaultEnv): Routed => {
  const checked = checkRequest(request)
  if (E.isLeft(checked)) return { gateway, response: checked.left }
  const { method, path, query } = checked.right
  const segments = splitPath(path)
  if (E.isLeft(segments)) return { gateway, response: segments.left }
  const candidates = ROUTES.flatMap((r, i) => {
    const params = match(segments.right, PATTERNS[i] ?? [])
    return params === undefined ? [] : [{ route: r, params }]
  })
  if (candidates.length === 0) {
    return {
      gateway,
      response: errorResponse(
        404,
        'UnknownOperationException',
        `${method.slice(0, 20)} ${path.slice(0, 200)} is not an operation of this simulator. It answers: ${ROUTES.map((r) => `${r.method} ${r.path}`).join(', ')}.`
      )
    }
  }
  const found = candidates.find((c) => c.route.method === method)
  if (found === undefined) {
    const allowed = candidates.map((c) => c.route.method)
    return {
      gateway,
      response: errorResponse(405, 'MethodNotAllowedException', `${method.slice(0, 20)} is not allowed on ${path.slice(0, 200)}; use ${allowed.join(' or ')}.`, {
        allow: allowed.join(', ')
      })
    }
  }
  const { route: r, params } = found
  const body = r.method === 'POST' || r.method === 'PATCH' ? parseJson(checked.right.body) : E.right<HttpResponse, unknown>({})
  if (E.isLeft(body)) return { gateway, response: body.left, operation: r.name }
  let outcome: E.Either<Failure, Outcome<unknown>>
  try {
    outcome = r.run({ gateway, params, query: (name) => query.get(name), body: body.right, env })
  } catch (error) {
    // Unreachable by design (the aggregate is total); a provider passed in may still throw.
    return { gateway, response: errorResponse(500, 'InternalFailure', `The request failed: ${thrownText(error)}`), operation: r.name }
  }
  if (E.isLeft(outcome)) {
    return { gateway, response: gatewayErrorResponse(outcome.left), operation: r.name }
  }
  return { gateway: outcome.right.gateway, response: reply(r, outcome.right.response), operation: r.name }
}
