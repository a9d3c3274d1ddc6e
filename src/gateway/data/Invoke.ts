/**
 * One request to a stage, as API Gateway serves it, in pure steps: {@link resolve} finds the
 * stage, draws the channel (production or canary) with the stage's `percentTraffic` from one
 * uniform draw (the traffic layer's `route`), and finds the resource and method in that channel's
 * deployment snapshot; {@link runMock} answers a MOCK integration; {@link proxyEvent} and
 * {@link proxyResponse} are the Lambda proxy's event (payload format 1.0) and its response
 * mapping. The simulator runs the handlers in between. Nothing here reads a clock or draws a
 * random number.
 *
 * Data-plane errors as API Gateway answers them (`docs/gateway.md` has the evidence): an unknown
 * stage, path or method is a 403 `{"message":"Missing Authentication Token"}` with
 * `x-amzn-ErrorType: MissingAuthenticationTokenException`; a configuration error (no matching
 * integration response, an integration URI whose stage variable has no value, a template outside
 * the VTL subset, a missing Lambda function) a 500 `{"message": "Internal server error"}`; a
 * Lambda function that throws or answers a malformed proxy response a 502 with the same body.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import type { ApiState, Gateway } from '../control/Gateway.js'
import type { Integration, Method, Resource } from '../control/Resource.js'
import { route, type Routing } from '../../traffic/Route.js'
import type { Stage } from '../../stage/Stage.js'
import { render, type TemplateScope } from './Vtl.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A request to a stage: `path` is the resource path after the stage (`/pets/42`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { InvokeRequest } from 'apigw-canary/simulator'
 *
 * const r: InvokeRequest = { restApiId: 'a1b2c3d4e5', stageName: 'prod', method: 'GET', path: '/pets/42', query: { limit: '5' } }
 * assert.strictEqual(r.path, '/pets/42')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface InvokeRequest {
  readonly restApiId: string
  readonly stageName: string
  readonly method: string
  readonly path: string
  readonly headers?: { readonly [name: string]: string }
  readonly query?: { readonly [name: string]: string | ReadonlyArray<string> }
  readonly body?: string
}

/**
 * The answer to a request: status, headers, body.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { InvokeResponse } from 'apigw-canary/simulator'
 *
 * const r: InvokeResponse = { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' }, body: '{"message":"Missing Authentication Token"}' }
 * assert.strictEqual(r.status, 403)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface InvokeResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string }
  readonly body: string
}

/**
 * A request found its way: the API, stage, channel and what the channel's deployment defines
 * for it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Resolved } from 'apigw-canary/simulator'
 *
 * const channelOf = (r: Resolved): string => r.routing.channel
 * assert.strictEqual(typeof channelOf, 'function')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Resolved {
  readonly api: ApiState
  readonly stage: Stage
  readonly routing: Routing
  readonly resource: Resource
  readonly method: Method
  readonly integration: Integration
  readonly pathParameters: { readonly [name: string]: string }
}

/**
 * A request that did not find its way, with the answer and what is known of it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { emptyGateway } from 'apigw-canary'
 * import { resolveRequest, type Unresolved } from 'apigw-canary/simulator'
 *
 * const r = resolveRequest(emptyGateway(), { restApiId: 'a1b2c3d4e5', stageName: 'prod', method: 'GET', path: '/' }, 0.5)
 * assert.ok(E.isLeft(r))
 * const u: Unresolved = r.left
 * assert.strictEqual(u.response.status, 404)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Unresolved {
  readonly response: InvokeResponse
  readonly api?: ApiState
  readonly routing?: Routing
  readonly resourcePath?: string
}

// -------------------------------------------------------------------------------------
// answers
// -------------------------------------------------------------------------------------

const JSON_TYPE = 'application/json'

/**
 * The 403 API Gateway answers for an unknown stage, path or method (recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { missingAuthenticationToken } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(missingAuthenticationToken.body, '{"message":"Missing Authentication Token"}')
 * assert.strictEqual(missingAuthenticationToken.headers['x-amzn-ErrorType'], 'MissingAuthenticationTokenException')
 * ```
 *
 * @category answers
 * @since 0.2.0
 */
export const missingAuthenticationToken: InvokeResponse = {
  status: 403,
  headers: { 'content-type': JSON_TYPE, 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' },
  body: '{"message":"Missing Authentication Token"}'
}

/**
 * API Gateway's `{"message": "Internal server error"}` with a status (500 or 502) and, when the
 * simulator knows why, an `x-apigw-canary-reason` header saying it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { internalServerError } from 'apigw-canary/simulator'
 *
 * const r = internalServerError(502, 'the function threw')
 * assert.deepStrictEqual([r.status, r.body, r.headers['x-amzn-ErrorType']], [502, '{"message": "Internal server error"}', 'InternalServerErrorException'])
 * ```
 *
 * @category answers
 * @since 0.2.0
 */
export const internalServerError = (status: 500 | 502, reason?: string): InvokeResponse => ({
  status,
  headers: {
    'content-type': JSON_TYPE,
    'x-amzn-ErrorType': 'InternalServerErrorException',
    ...(reason === undefined ? {} : { 'x-apigw-canary-reason': reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 1000) })
  },
  body: '{"message": "Internal server error"}'
})

// -------------------------------------------------------------------------------------
// routing
// -------------------------------------------------------------------------------------

interface Node {
  readonly resource: Resource
  readonly statics: Map<string, Node>
  variable?: { readonly name: string; readonly greedy: boolean; readonly node: Node }
}

const trees = new WeakMap<ReadonlyArray<Resource>, Node | undefined>()

/** The resource tree of a snapshot, built once per snapshot (a cache of a pure function). */
const treeOf = (resources: ReadonlyArray<Resource>): Node | undefined => {
  if (trees.has(resources)) return trees.get(resources)
  const nodes = new Map<string, Node>(resources.map((r) => [r.id, { resource: r, statics: new Map() }]))
  let root: Node | undefined
  for (const node of nodes.values()) {
    const { parentId, pathPart } = node.resource
    if (parentId === undefined) {
      root = node
      continue
    }
    const parent = nodes.get(parentId)
    if (parent === undefined || pathPart === undefined) continue
    if (pathPart.startsWith('{')) {
      const greedy = pathPart.endsWith('+}')
      parent.variable = { name: pathPart.slice(1, greedy ? -2 : -1), greedy, node }
    } else parent.statics.set(pathPart, node)
  }
  trees.set(resources, root)
  return root
}

const findNode = (node: Node, segments: ReadonlyArray<string>, at: number, params: Record<string, string>): Node | undefined => {
  if (at === segments.length) return node
  const segment = segments[at] ?? ''
  const child = node.statics.get(segment)
  if (child !== undefined) {
    const found = findNode(child, segments, at + 1, params)
    if (found !== undefined) return found
  }
  const v = node.variable
  if (v === undefined) return undefined
  if (v.greedy) {
    params[v.name] = segments.slice(at).join('/')
    return v.node
  }
  const found = findNode(v.node, segments, at + 1, params)
  if (found !== undefined) params[v.name] = segment
  return found
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * Finds where a request goes: the REST API, the stage, the channel for the draw `u` in [0, 1),
 * and in that channel's deployment the resource (static parts before `{param}`, `{proxy+}`
 * taking the rest) and the method (the verb, else `ANY`). An unknown API is LocalStack's 404
 * (AWS answers no such host); an unknown stage, path or method AWS's 403.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, putMockMethod } from 'apigw-canary'
 * import { resolveRequest } from 'apigw-canary/simulator'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId)
 * assert.ok(E.isRight(ready))
 * const deployed = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(deployed))
 * const found = resolveRequest(deployed.right.gateway, { restApiId, stageName: 'prod', method: 'GET', path: '/' }, 0.5)
 * assert.ok(E.isRight(found) && found.right.routing.deploymentId === deployed.right.response.id)
 * const post = resolveRequest(deployed.right.gateway, { restApiId, stageName: 'prod', method: 'POST', path: '/' }, 0.5)
 * assert.ok(E.isLeft(post) && post.left.response.status === 403)
 * ```
 *
 * @category routing
 * @since 0.2.0
 */
export const resolveRequest = (gateway: Gateway, request: InvokeRequest, u: number): E.Either<Unresolved, Resolved> => {
  const api = gateway.restApis.find((a) => a.restApi.id === request.restApiId)
  if (api === undefined) {
    const body = JSON.stringify({ message: `The API id '${String(request.restApiId).slice(0, 100)}' does not correspond to a deployed API Gateway API` })
    return E.left({ response: { status: 404, headers: { 'content-type': JSON_TYPE, 'x-amzn-ErrorType': 'NotFoundException' }, body } })
  }
  const stage = api.stages.find((s) => s.stageName === request.stageName)
  if (stage === undefined) return E.left({ response: missingAuthenticationToken, api })
  const routed = route(stage, u, { restApiId: api.restApi.id })
  if (E.isLeft(routed)) return E.left({ response: internalServerError(500, routed.left.message), api })
  const routing = routed.right
  const deployment = api.deployments.find((d) => d.id === routing.deploymentId)
  const root = deployment?.resources === undefined ? undefined : treeOf(deployment.resources)
  const path = typeof request.path === 'string' ? request.path : ''
  const segments = path === '/' ? [] : path.split('/').filter((s) => s !== '').map((s) => (s.includes('%') ? decode(s) : s))
  const params: Record<string, string> = {}
  const node = root === undefined ? undefined : findNode(root, segments, 0, params)
  if (node === undefined) return E.left({ response: missingAuthenticationToken, api, routing })
  const methods = node.resource.resourceMethods ?? {}
  const verb = String(request.method).toUpperCase()
  const method = (Object.hasOwn(methods, verb) ? methods[verb] : undefined) ?? (Object.hasOwn(methods, 'ANY') ? methods['ANY'] : undefined)
  if (method === undefined) return E.left({ response: missingAuthenticationToken, api, routing, resourcePath: node.resource.path })
  const integration = method.methodIntegration
  if (integration === undefined) return E.left({ response: internalServerError(500, 'the method has no integration'), api, routing, resourcePath: node.resource.path })
  return E.right({ api, stage, routing, resource: node.resource, method, integration, pathParameters: params })
}

// -------------------------------------------------------------------------------------
// integrations
// -------------------------------------------------------------------------------------

/**
 * What a request knows of itself besides the request: its id and time (epoch milliseconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { RequestContext } from 'apigw-canary/simulator'
 *
 * const c: RequestContext = { requestId: '00000000-0000-4000-8000-000000000001', timeEpochMs: 1511152939000 }
 * assert.strictEqual(c.timeEpochMs % 1000, 0)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface RequestContext {
  readonly requestId: string
  readonly timeEpochMs: number
}

const headerOf = (request: InvokeRequest, name: string): string | undefined => {
  const headers = request.headers
  if (headers === undefined) return undefined
  const lower = name.toLowerCase()
  for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) return headers[k]
  return undefined
}

const firstOf = (v: string | ReadonlyArray<string> | undefined): string | undefined => (typeof v === 'string' ? v : v?.[0])

const scopeOf = (resolved: Resolved, request: InvokeRequest, context: RequestContext): TemplateScope => ({
  stageVariables: resolved.routing.variables,
  context: {
    stage: resolved.stage.stageName ?? '',
    deploymentId: resolved.routing.deploymentId,
    requestId: context.requestId,
    httpMethod: String(request.method).toUpperCase(),
    resourcePath: resolved.resource.path,
    resourceId: resolved.resource.id,
    apiId: resolved.api.restApi.id,
    isCanaryRequest: resolved.routing.channel === 'canary' ? 'true' : 'false'
  },
  body: request.body ?? '',
  params: (name) =>
    (Object.hasOwn(resolved.pathParameters, name) ? resolved.pathParameters[name] : undefined) ??
    (request.query !== undefined && Object.hasOwn(request.query, name) ? firstOf(request.query[name]) : undefined) ??
    headerOf(request, name)
})

const templateFor = (templates: { readonly [contentType: string]: string } | undefined, contentType: string | undefined): string | undefined => {
  if (templates === undefined) return undefined
  // the usual case (no content type, or exactly JSON's) read without splitting: the same type
  const type = contentType === undefined || contentType === JSON_TYPE ? JSON_TYPE : (contentType.split(';')[0]?.trim().toLowerCase() ?? JSON_TYPE)
  if (Object.hasOwn(templates, type)) return templates[type]
  if (Object.hasOwn(templates, JSON_TYPE)) return templates[JSON_TYPE]
  const first = Object.keys(templates)[0]
  return first === undefined ? undefined : templates[first]
}

/**
 * The integration response an endpoint status selects: the first whose `selectionPattern` (a
 * regular expression over the whole status) matches, else the default (no or an empty pattern).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { selectIntegrationResponse } from 'apigw-canary/simulator'
 *
 * const responses = { '200': { statusCode: '200' }, '404': { statusCode: '404', selectionPattern: '4\\d{2}' } }
 * assert.strictEqual(selectIntegrationResponse(responses, '404')?.statusCode, '404')
 * assert.strictEqual(selectIntegrationResponse(responses, '200')?.statusCode, '200')
 * assert.strictEqual(selectIntegrationResponse({ '404': { statusCode: '404', selectionPattern: '4\\d{2}' } }, '200'), undefined)
 * ```
 *
 * @category integrations
 * @since 0.2.0
 */
export const selectIntegrationResponse = (
  responses: Integration['integrationResponses'],
  status: string
): { readonly statusCode: string; readonly responseTemplates?: { readonly [t: string]: string } } | undefined => {
  if (responses === undefined) return undefined
  let selector = selectors.get(responses)
  if (selector === undefined) selectors.set(responses, (selector = selectorOf(responses)))
  return selector(status)
}

type Selected = { readonly statusCode: string; readonly responseTemplates?: { readonly [t: string]: string } } | undefined

/** The selection of each integration-response map, compiled once (a cache of a pure function). */
const selectors = new WeakMap<object, (status: string) => Selected>()

const selectorOf = (responses: NonNullable<Integration['integrationResponses']>): ((status: string) => Selected) => {
  const all = Object.values(responses)
  const fallback = all.find((r) => r.selectionPattern === undefined || r.selectionPattern === '')
  const patterns = all.flatMap((r) => {
    if (r.selectionPattern === undefined || r.selectionPattern === '') return []
    try {
      return [[new RegExp(`^(?:${r.selectionPattern})$`), r] as const]
    } catch {
      return []
    }
  })
  if (patterns.length === 0) return () => fallback
  return (status) => patterns.find(([re]) => re.test(status))?.[1] ?? fallback
}

/**
 * Answers a MOCK integration: the request template's `statusCode` (200 without a template)
 * selects the integration response, whose template renders the body. Outside the VTL subset, or
 * without an integration response to select: 500, with the reason in `x-apigw-canary-reason`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, putIntegrationResponse, putMockMethod } from 'apigw-canary'
 * import { resolveRequest, runMock } from 'apigw-canary/simulator'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId)
 * assert.ok(E.isRight(ready))
 * const key = { restApiId, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET', statusCode: '200' }
 * const templated = putIntegrationResponse(ready.right, { ...key, responseTemplates: { 'application/json': '{"stage":"$context.stage","v":"$stageVariables.v"}' } })
 * assert.ok(E.isRight(templated))
 * const deployed = createDeployment(templated.right.gateway, { restApiId, stageName: 'prod', variables: { v: 'one' } })
 * assert.ok(E.isRight(deployed))
 * const request = { restApiId, stageName: 'prod', method: 'GET', path: '/' }
 * const found = resolveRequest(deployed.right.gateway, request, 0.5)
 * assert.ok(E.isRight(found))
 * const answer = runMock(found.right, request, { requestId: 'r1', timeEpochMs: 0 })
 * assert.deepStrictEqual([answer.status, answer.body], [200, '{"stage":"prod","v":"one"}'])
 * ```
 *
 * @category integrations
 * @since 0.2.0
 */
export const runMock = (resolved: Resolved, request: InvokeRequest, context: RequestContext): InvokeResponse => {
  const integration = resolved.integration
  let scope: TemplateScope | undefined
  const scoped = (): TemplateScope => (scope ??= scopeOf(resolved, request, context))
  const requestTemplate = templateFor(integration.requestTemplates, request.headers === undefined ? undefined : headerOf(request, 'content-type'))
  let status = '200'
  if (requestTemplate !== undefined && requestTemplate !== '') {
    const constant = !requestTemplate.includes('$') && !requestTemplate.includes('#')
    const rendered = constant ? E.right(requestTemplate) : render(requestTemplate, scoped())
    if (E.isLeft(rendered)) return internalServerError(500, rendered.left)
    const code = constant ? statusOfConstant(requestTemplate) : statusOf(rendered.right)
    if (code === undefined) {
      return internalServerError(500, 'Execution failed due to configuration error: Unable to parse statusCode. It should be an integer that is defined in the request template.')
    }
    status = code
  }
  const selected = selectIntegrationResponse(integration.integrationResponses, status)
  if (selected === undefined) {
    return internalServerError(500, `Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${status}`)
  }
  const template = templateFor(selected.responseTemplates, JSON_TYPE)
  const body = template === undefined ? E.right('') : template.includes('$') || template.includes('#') ? render(template, scoped()) : E.right(template)
  if (E.isLeft(body)) return internalServerError(500, body.left)
  return { status: Number(selected.statusCode), headers: JSON_HEADERS, body: body.right }
}

const JSON_HEADERS: { readonly [name: string]: string } = { 'content-type': JSON_TYPE }

/** The `statusCode` a rendered MOCK request template names (leniently: CDK's `{statusCode: 200}` too). */
const statusOf = (rendered: string): string | undefined => /["']?statusCode["']?\s*:\s*["']?(\d{3})\b/.exec(rendered)?.[1]

const constantStatuses = new Map<string, string | undefined>()
/** {@link statusOf} of a template without references, read once (a cache of a pure function, bounded). */
const statusOfConstant = (template: string): string | undefined => {
  if (constantStatuses.has(template)) return constantStatuses.get(template)
  const status = statusOf(template)
  if (constantStatuses.size < 1000) constantStatuses.set(template, status)
  return status
}

// -------------------------------------------------------------------------------------
// Lambda proxy
// -------------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const requestTime = (ms: number): string => {
  const d = new Date(ms)
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()] ?? ''}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`
}

const multi = (record: { readonly [k: string]: string | ReadonlyArray<string> } | undefined): { [k: string]: Array<string> } | null => {
  if (record === undefined || Object.keys(record).length === 0) return null
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? [v] : [...v]]))
}

const nullIfEmpty = <A>(record: { readonly [k: string]: A }): { readonly [k: string]: A } | null => (Object.keys(record).length === 0 ? null : record)

/**
 * The event a Lambda proxy integration hands the function (API Gateway's payload format 1.0, as
 * recorded from AWS): absent headers, query, path parameters, stage variables and body are
 * `null`; `path` is the resource path, `requestContext.path` the stage's.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, putMockMethod } from 'apigw-canary'
 * import { proxyEvent, resolveRequest } from 'apigw-canary/simulator'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId)
 * assert.ok(E.isRight(ready))
 * const deployed = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(deployed))
 * const request = { restApiId, stageName: 'prod', method: 'GET', path: '/', query: { q: 'x' } }
 * const found = resolveRequest(deployed.right.gateway, request, 0.5)
 * assert.ok(E.isRight(found))
 * const event = proxyEvent(found.right, request, { requestId: 'r1', timeEpochMs: 1511152939000 })
 * assert.deepStrictEqual([event.httpMethod, event.path, event.queryStringParameters, event.stageVariables], ['GET', '/', { q: 'x' }, null])
 * assert.strictEqual(event.requestContext.deploymentId, deployed.right.response.id)
 * ```
 *
 * @category Lambda proxy
 * @since 0.2.0
 */
export const proxyEvent = (resolved: Resolved, request: InvokeRequest, context: RequestContext) => {
  const headers = request.headers ?? {}
  const query = request.query ?? {}
  const stageName = resolved.stage.stageName ?? ''
  const method = String(request.method).toUpperCase()
  const host = headerOf(request, 'host') ?? `${resolved.api.restApi.id}.execute-api.localhost`
  return {
    resource: resolved.resource.path,
    path: request.path,
    httpMethod: method,
    headers: nullIfEmpty(headers),
    multiValueHeaders: multi(headers),
    queryStringParameters: nullIfEmpty(Object.fromEntries(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : (v[v.length - 1] ?? '')]))),
    multiValueQueryStringParameters: multi(query),
    pathParameters: nullIfEmpty(resolved.pathParameters),
    stageVariables: nullIfEmpty(resolved.routing.variables),
    requestContext: {
      accountId: '123456789012',
      apiId: resolved.api.restApi.id,
      deploymentId: resolved.routing.deploymentId,
      domainName: host,
      domainPrefix: resolved.api.restApi.id,
      extendedRequestId: context.requestId,
      httpMethod: method,
      identity: { accessKey: null, accountId: null, caller: null, cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null, cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: '127.0.0.1', user: null, userAgent: headerOf(request, 'user-agent') ?? null, userArn: null },
      path: `/${stageName}${request.path}`,
      protocol: 'HTTP/1.1',
      requestId: context.requestId,
      requestTime: requestTime(context.timeEpochMs),
      requestTimeEpoch: context.timeEpochMs,
      resourceId: resolved.resource.id,
      resourcePath: resolved.resource.path,
      stage: stageName
    },
    body: request.body === undefined || request.body === '' ? null : request.body,
    isBase64Encoded: false
  }
}

/**
 * The Lambda proxy event of {@link proxyEvent}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { ProxyEvent } from 'apigw-canary/simulator'
 *
 * const stageOf = (e: ProxyEvent): string => e.requestContext.stage
 * assert.strictEqual(typeof stageOf, 'function')
 * ```
 *
 * @category Lambda proxy
 * @since 0.2.0
 */
export type ProxyEvent = ReturnType<typeof proxyEvent>

const PROXY_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded', 'cookies'])

/**
 * Maps a Lambda proxy function's answer to the HTTP response as API Gateway does (recorded):
 * `statusCode` a whole number or a numeric string (200 when absent), header values made text,
 * `multiValueHeaders` joined with `, `, `body` a string; anything else (another key, a body that
 * is not a string, a value that is not an object) is a malformed answer: 502.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { proxyResponse } from 'apigw-canary/simulator'
 *
 * assert.deepStrictEqual(proxyResponse({ statusCode: '201', headers: { 'x-ok': true }, body: 'made' }), { status: 201, headers: { 'content-type': 'application/json', 'x-ok': 'true' }, body: 'made' })
 * assert.strictEqual(proxyResponse({ statusCode: 200, wrongValue: 1 }).status, 502)
 * assert.strictEqual(proxyResponse('justAString').status, 502)
 * ```
 *
 * @category Lambda proxy
 * @since 0.2.0
 */
export const proxyResponse = (answer: unknown): InvokeResponse => {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return internalServerError(502, 'Malformed Lambda proxy response: not an object')
  const a = answer as { readonly [k: string]: unknown }
  const extra = Object.keys(a).find((k) => !PROXY_KEYS.has(k))
  if (extra !== undefined) return internalServerError(502, `Malformed Lambda proxy response: unexpected field ${JSON.stringify(extra.slice(0, 50))}`)
  const code = a['statusCode']
  const status = code === undefined ? 200 : typeof code === 'number' ? code : typeof code === 'string' && /^\d{3}$/.test(code) ? Number(code) : NaN
  if (!Number.isInteger(status) || status < 100 || status > 599) return internalServerError(502, 'Malformed Lambda proxy response: statusCode is not a status code')
  const body = a['body']
  if (body !== undefined && body !== null && typeof body !== 'string') return internalServerError(502, 'Malformed Lambda proxy response: body is not a string')
  const headers: Record<string, string> = { 'content-type': JSON_TYPE }
  const single = a['headers']
  const many = a['multiValueHeaders']
  if (single !== undefined && single !== null && (typeof single !== 'object' || Array.isArray(single))) return internalServerError(502, 'Malformed Lambda proxy response: headers is not an object')
  if (many !== undefined && many !== null && (typeof many !== 'object' || Array.isArray(many))) return internalServerError(502, 'Malformed Lambda proxy response: multiValueHeaders is not an object')
  const put = (name: string, value: string): void => {
    const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase())
    if (existing !== undefined && existing.toLowerCase() === 'content-type' && headers[existing] === JSON_TYPE && existing !== name) delete headers[existing]
    else if (existing !== undefined) {
      headers[existing] = `${headers[existing] ?? ''}, ${value}`
      return
    }
    headers[name] = value
  }
  for (const [k, v] of Object.entries((many ?? {}) as { readonly [k: string]: unknown })) {
    if (!Array.isArray(v)) return internalServerError(502, 'Malformed Lambda proxy response: a multiValueHeaders value is not a list')
    put(k, v.map(String).join(', '))
  }
  for (const [k, v] of Object.entries((single ?? {}) as { readonly [k: string]: unknown })) {
    if (v === null || typeof v === 'object') return internalServerError(502, 'Malformed Lambda proxy response: a header value is not text')
    put(k, String(v))
  }
  return { status, headers, body: typeof body === 'string' ? body : '' }
}
