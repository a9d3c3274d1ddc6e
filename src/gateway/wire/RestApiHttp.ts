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
import { E } from '../../internal/fp.js'
import { flatMap, map } from '../../internal/either.js'
import { isRecord } from '../../internal/record.js'
import { io } from '../../internal/fp.js'
import type * as t from 'io-ts'
import { invalidValue } from '../../stage/ApiGatewayError.js'
import { fromValidationErrors } from '../../stage/DecodeError.js'
import { createRestApi, deleteRestApi, getRestApi, getRestApis, type ApiKeySource, type CreateRestApiInput, type EndpointType, type Gateway, type GatewayError, type Outcome } from '../control/RestApi.js'
import { createDeployment, deleteDeployment, getDeployment, getDeployments, type CreateDeploymentInput } from '../control/RestApiDeployment.js'
import { defaultEnv, type Env } from '../control/RestApiProviders.js'
import { createStage, deleteStage, getStage, getStages, updateStageUnknown, type CreateStageInput } from '../control/RestApiStage.js'
import { getTags, tagResource, untagResource } from '../control/RestApiTags.js'
import type { Stage } from '../../stage/Stage.js'
import { oneOf, recordOf, struct } from '../../internal/codec.js'
import { thrownText } from '../control/internal.js'
import { checkRequest, errorResponse, gatewayErrorResponse, JSON_HEADERS, parseJson, patternOf, splitPath, type HttpRequest, type HttpResponse } from './Http.js'
import { deploymentToWire, pageToWire, restApiToWire, stageToWire } from './encoding.js'
import { RESOURCE_ROUTES } from './ResourceRoutes.js'
import { stringifyWire } from './doubles.js'
import { stageWireText } from './stageText.js'

export { errorResponse, gatewayErrorResponse, type HttpRequest, type HttpResponse } from './Http.js'
export { deploymentToWire, restApiToWire, stageToWire } from './encoding.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

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
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiHttp, emptyGateway, putMockMethod } from 'apigw-canary'
 *
 * const op: RestApiHttp.Operation | undefined = RestApiHttp.operations.find((o) => o.name === 'CreateDeployment')
 * assert.deepStrictEqual(op, { name: 'CreateDeployment', method: 'POST', path: '/restapis/{restApiId}/deployments', status: 201 })
 * const created = RestApiHttp.route(emptyGateway(), { method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
 * const id: string = JSON.parse(created.response.body).id
 * const ready = putMockMethod(created.gateway, id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(ready))
 * const deployed = RestApiHttp.route(ready.right, { method: op.method, path: op.path.replace('{restApiId}', id) })
 * assert.deepStrictEqual([deployed.operation, deployed.response.status], [op.name, op.status])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Operation {
  readonly name: string
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly status: 200 | 201 | 202 | 204
}

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

const TagResourceBody = /* @__PURE__ */ struct<{ readonly tags?: { readonly [key: string]: string } }>(
  'TagResourceRequest',
  { tags: stringMap },
  { what: 'a tag-resource request (a JSON object)', required: ['tags'] }
)

// -------------------------------------------------------------------------------------
// routing
// -------------------------------------------------------------------------------------

interface Context {
  readonly gateway: Gateway
  readonly params: { readonly [name: string]: string }
  readonly query: (name: string) => string | undefined
  readonly queryAll?: (name: string) => ReadonlyArray<string>
  readonly body: unknown
  readonly env: Env
}

type Failure = GatewayError

interface Route extends Operation {
  readonly run: (ctx: Context) => E.Either<Failure, Outcome<unknown>>
  /** The body's text for what `run` answered, when it is not `stringifyWire` of it. */
  readonly text?: (response: never) => string
}

const decodeBody = <A>(codec: t.Type<A, unknown, unknown>, body: unknown): E.Either<Failure, A> => {
  const decoded = codec.decode(body)
  return E.isLeft(decoded) ? E.left(fromValidationErrors(decoded.left)) : decoded
}

/**
 * The patch operations of an update-stage body. A body that holds `patchOperations` alone (or
 * nothing) is read directly: the struct codec would give the same (its field is `unknown`, so it
 * never fails, and it copies nothing else); any other body goes through the codec.
 */
const patchOperationsOf = (body: unknown): E.Either<Failure, unknown> => {
  if (isRecord(body)) {
    const keys = Object.keys(body)
    if (keys.length === 0 || (keys.length === 1 && keys[0] === 'patchOperations')) return E.right(body['patchOperations'] ?? [])
  }
  const decoded = decodeBody(UpdateStageBody, body)
  return E.isLeft(decoded) ? decoded : E.right(decoded.right.patchOperations ?? [])
}

const limitOf = (ctx: Context): E.Either<Failure, number | undefined> => {
  const limit = ctx.query('limit')
  if (limit === undefined) return E.right(undefined)
  return /^\d{1,9}$/.test(limit) ? E.right(Number(limit)) : E.left(invalidValue('limit', limit, 'is not a page size (a whole number from 1 to 500)'))
}

const pageInput = (ctx: Context): E.Either<Failure, { readonly position?: string; readonly limit?: number }> =>
  map(limitOf(ctx), (limit: number | undefined) => {
    const position = ctx.query('position')
    return { ...(position === undefined ? {} : { position }), ...(limit === undefined ? {} : { limit }) }
  })

const wire =
  <A>(f: (a: A) => unknown) =>
  (outcome: E.Either<Failure, Outcome<A>>): E.Either<Failure, Outcome<unknown>> =>
    E.isLeft(outcome) ? outcome : E.right({ gateway: outcome.right.gateway, response: f(outcome.right.response) })

const param = (ctx: Context, name: string): string => ctx.params[name] ?? ''

/**
 * The wire text of a stage (`stageWireText`), made once per stage value: a
 * stage is immutable, so a get-stage of a stage that has not changed since the last get-stage
 * answered it is answered with the text already made.
 */
const stageTexts = new WeakMap<Stage, string>()
const stageText = (stage: Stage): string => {
  let text = stageTexts.get(stage)
  if (text === undefined) {
    text = stageWireText(stage)
    stageTexts.set(stage, text)
  }
  return text
}

const ROUTES: ReadonlyArray<Route> = [
  {
    name: 'CreateRestApi',
    method: 'POST',
    path: '/restapis',
    status: 201,
    run: (ctx) => wire(restApiToWire)(flatMap(decodeBody(CreateRestApiBody, ctx.body), (input) => createRestApi(ctx.gateway, input, ctx.env)))
  },
  {
    name: 'GetRestApis',
    method: 'GET',
    path: '/restapis',
    status: 200,
    run: (ctx) => wire(pageToWire(restApiToWire))(flatMap(pageInput(ctx), (input) => getRestApis(ctx.gateway, input)))
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
      wire(deploymentToWire)(
        flatMap(decodeBody(CreateDeploymentBody, ctx.body), (body) => createDeployment(ctx.gateway, { ...body, restApiId: param(ctx, 'restApiId') }, ctx.env))
      )
  },
  {
    name: 'GetDeployments',
    method: 'GET',
    path: '/restapis/{restApiId}/deployments',
    status: 200,
    run: (ctx) =>
      wire(pageToWire(deploymentToWire))(flatMap(pageInput(ctx), (page) => getDeployments(ctx.gateway, { ...page, restApiId: param(ctx, 'restApiId') })))
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
      wire(stageToWire)(flatMap(decodeBody(CreateStageBody, ctx.body), (body) => createStage(ctx.gateway, { ...body, restApiId: param(ctx, 'restApiId') }, ctx.env)))
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
    run: (ctx) => getStage(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') }),
    text: stageText
  },
  {
    name: 'UpdateStage',
    method: 'PATCH',
    path: '/restapis/{restApiId}/stages/{stageName}',
    status: 200,
    // plain statements (no closures): the call a rollout makes most
    run: (ctx) => {
      const patchOperations = patchOperationsOf(ctx.body)
      if (E.isLeft(patchOperations)) return patchOperations
      return updateStageUnknown(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') }, patchOperations.right, ctx.env)
    },
    text: stageWireText
  },
  {
    name: 'DeleteStage',
    method: 'DELETE',
    path: '/restapis/{restApiId}/stages/{stageName}',
    status: 202,
    run: (ctx) => deleteStage(ctx.gateway, { restApiId: param(ctx, 'restApiId'), stageName: param(ctx, 'stageName') })
  },
  {
    name: 'GetTags',
    method: 'GET',
    path: '/tags/{resourceArn}',
    status: 200,
    run: (ctx) => wire((tags: unknown) => ({ tags }))(getTags(ctx.gateway, { resourceArn: param(ctx, 'resourceArn') }))
  },
  {
    name: 'TagResource',
    method: 'PUT',
    path: '/tags/{resourceArn}',
    status: 204,
    run: (ctx) => flatMap(decodeBody(TagResourceBody, ctx.body), (body) => tagResource(ctx.gateway, { resourceArn: param(ctx, 'resourceArn'), tags: body.tags ?? {} }))
  },
  {
    name: 'UntagResource',
    method: 'DELETE',
    path: '/tags/{resourceArn}',
    status: 204,
    run: (ctx) => untagResource(ctx.gateway, { resourceArn: param(ctx, 'resourceArn'), tagKeys: ctx.queryAll?.('tagKeys') ?? [] })
  },
  ...RESOURCE_ROUTES
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

/**
 * The routes by their number of path segments, each with its pattern (a literal segment, or
 * `undefined` for a parameter) and its parameters' names and places, in the order of ROUTES:
 * a request is matched against the routes of its length only, without building the parameters
 * of the routes it does not take.
 */
interface Compiled {
  readonly route: Route
  readonly literals: ReadonlyArray<string | undefined>
  readonly params: ReadonlyArray<readonly [index: number, name: string]>
}
const BY_LENGTH: ReadonlyMap<number, ReadonlyArray<Compiled>> = /* @__PURE__ */ (() => {
  const table = new Map<number, Array<Compiled>>()
  for (const r of ROUTES) {
    const pattern = patternOf(r.path)
    const compiled: Compiled = {
      route: r,
      literals: pattern.map((p) => (p.startsWith(':') ? undefined : p)),
      params: pattern.flatMap((p, i) => (p.startsWith(':') ? [[i, p.slice(1)] as const] : []))
    }
    const same = table.get(pattern.length)
    if (same === undefined) table.set(pattern.length, [compiled])
    else same.push(compiled)
  }
  return table
})()

/** Whether the segments fit the route's pattern (a parameter takes any segment but an empty one). */
const fits = (segments: ReadonlyArray<string>, c: Compiled): boolean => {
  const literals = c.literals
  for (let i = 0; i < literals.length; i++) {
    const literal = literals[i]
    const s = segments[i] as string
    if (literal === undefined ? s === '' : literal !== s) return false
  }
  return true
}

const paramsOf = (segments: ReadonlyArray<string>, c: Compiled): { readonly [name: string]: string } => {
  const params: Record<string, string> = {}
  for (const [i, name] of c.params) params[name] = segments[i] as string
  return params
}

const ANSWERED = ROUTES.map((r) => `${r.method} ${r.path}`).join(', ')

/** The route a method and a path take, and the path's parameters (frozen: every request with the same two shares them). */
interface Match {
  readonly found: Compiled
  readonly params: { readonly [name: string]: string }
}

/**
 * The matches of the last methods and paths that took a route, by method then path: a client
 * sends the same few requests again and again (a rollout's update-stage, a poller's get-stage),
 * and the match depends on the two alone. At most MATCHES are kept (of paths up to 512
 * characters); past it, they start again.
 */
const matches = new Map<string, Map<string, Match>>()
const MATCHES = 256
let matched = 0

const remember = (method: string, path: string, match: Match): void => {
  if (++matched > MATCHES) {
    matches.clear()
    matched = 1
  }
  let byPath = matches.get(method)
  if (byPath === undefined) {
    byPath = new Map()
    matches.set(method, byPath)
  }
  byPath.set(path, match)
}

const reply = (route: Route, value: unknown): HttpResponse =>
  value === undefined
    ? { status: route.status, headers: JSON_HEADERS, body: '' }
    : { status: route.status, headers: JSON_HEADERS, body: route.text === undefined ? stringifyWire(value) : route.text(value as never) }

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
 * const root: string = JSON.parse(created.response.body).rootResourceId
 * // a MOCK GET / first: AWS deploys no API without methods
 * const method = `/restapis/${id}/resources/${root}/methods/GET`
 * const withMethod = RestApiHttp.route(created.gateway, { method: 'PUT', path: method, body: '{"authorizationType":"NONE"}' })
 * assert.strictEqual(withMethod.response.status, 201)
 * const mock = RestApiHttp.route(withMethod.gateway, { method: 'PUT', path: `${method}/integration`, body: '{"type":"MOCK"}' })
 * assert.strictEqual(mock.response.status, 201)
 * const deployed = RestApiHttp.route(mock.gateway, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod"}' })
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
  let match = matches.get(method)?.get(path)
  if (match === undefined) {
    const segments = splitPath(path)
    if (E.isLeft(segments)) return { gateway, response: segments.left }
    const sameLength = BY_LENGTH.get(segments.right.length) ?? []
    let found: Compiled | undefined
    let fitted = false
    for (const c of sameLength) {
      if (!fits(segments.right, c)) continue
      fitted = true
      if (c.route.method === method) {
        found = c
        break
      }
    }
    if (!fitted) {
      return {
        gateway,
        response: errorResponse(404, 'UnknownOperationException', `${method.slice(0, 20)} ${path.slice(0, 200)} is not an operation of this simulator. It answers: ${ANSWERED}.`)
      }
    }
    if (found === undefined) {
      const allowed = sameLength.filter((c) => fits(segments.right, c)).map((c) => c.route.method)
      return {
        gateway,
        response: errorResponse(405, 'MethodNotAllowedException', `${method.slice(0, 20)} is not allowed on ${path.slice(0, 200)}; use ${allowed.join(' or ')}.`, {
          allow: allowed.join(', ')
        })
      }
    }
    match = { found, params: Object.freeze(paramsOf(segments.right, found)) }
    // a path of a usual length only: the kept ones stay small, whatever a caller sends
    if (path.length <= 512) remember(method, path, match)
  }
  const r = match.found.route
  const params = match.params
  const body = r.method === 'POST' || r.method === 'PATCH' || r.method === 'PUT' ? parseJson(checked.right.body) : E.right<HttpResponse, unknown>({})
  if (E.isLeft(body)) return { gateway, response: body.left, operation: r.name }
  let outcome: E.Either<Failure, Outcome<unknown>>
  try {
    outcome = r.run({ gateway, params, query: (name) => query.get(name), queryAll: (name) => checked.right.queryAll.get(name) ?? [], body: body.right, env })
  } catch (error) {
    // Unreachable by design (the aggregate is total); a provider passed in may still throw.
    return { gateway, response: errorResponse(500, 'InternalFailure', `The request failed: ${thrownText(error)}`), operation: r.name }
  }
  if (E.isLeft(outcome)) {
    return { gateway, response: gatewayErrorResponse(outcome.left), operation: r.name }
  }
  return { gateway: outcome.right.gateway, response: reply(r, outcome.right.response), operation: r.name }
}
