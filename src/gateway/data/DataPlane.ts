/**
 * The data plane of the simulated gateway: requests to stages served over a gateway state, with
 * JavaScript handlers standing in for Lambda functions and HTTP backends, a seeded source for the
 * canary draw (a run is reproducible), and a virtual clock (a minute of traffic in
 * milliseconds). The simulator (`createSimulator().invoke`) and `serve` both use it.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import type { Gateway } from '../control/Gateway.js'
import { lambdaFunctionOf } from '../control/resourceInternal.js'
import type { Datapoint } from '../metrics/Datapoint.js'
import {
  internalServerError,
  proxyEvent,
  proxyResponse,
  resolveRequest,
  selectIntegrationResponse,
  runMock,
  type InvokeRequest,
  type InvokeResponse,
  type ProxyEvent,
  type RequestContext,
  type Resolved,
  type Unresolved
} from './Invoke.js'
import { datapointsOf, executionLogsOf, type LogEntry, type RequestRecord } from './Metrics.js'
import { render, resolveUri } from './Vtl.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A JavaScript stand-in for a Lambda function behind a Lambda proxy integration: it gets the
 * proxy event and answers the proxy response (or throws: API Gateway's 502).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { LambdaHandler } from 'apigw-canary/simulator'
 *
 * const handler: LambdaHandler = (event) => ({ statusCode: 200, body: JSON.stringify({ stage: event.requestContext.stage }) })
 * assert.strictEqual(typeof handler, 'function')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type LambdaHandler = (event: ProxyEvent) => unknown

/**
 * A request an HTTP or HTTP_PROXY integration sends to its backend.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { BackendRequest } from 'apigw-canary/simulator'
 *
 * const r: BackendRequest = { method: 'GET', url: 'http://orders.internal/v2/orders?x=1', headers: {}, body: '' }
 * assert.ok(r.url.startsWith('http://'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface BackendRequest {
  readonly method: string
  readonly url: string
  readonly headers: { readonly [name: string]: string }
  readonly body: string
}

/**
 * What a stand-in HTTP backend answers.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { BackendResponse } from 'apigw-canary/simulator'
 *
 * const r: BackendResponse = { status: 200, body: '{"ok":true}' }
 * assert.strictEqual(r.status, 200)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface BackendResponse {
  readonly status: number
  readonly headers?: { readonly [name: string]: string }
  readonly body?: string
}

/**
 * A JavaScript stand-in for an HTTP backend.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { HttpHandler } from 'apigw-canary/simulator'
 *
 * const handler: HttpHandler = (request) => ({ status: 200, body: request.url })
 * assert.strictEqual(typeof handler, 'function')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type HttpHandler = (request: BackendRequest) => BackendResponse | Promise<BackendResponse>

/**
 * How long a handler takes, in virtual milliseconds: a number, or one computed per event or
 * request (so a test can make the canary slow).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DeclaredLatency } from 'apigw-canary/simulator'
 *
 * const slow: DeclaredLatency = 250
 * assert.strictEqual(slow, 250)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DeclaredLatency = number | ((input: unknown) => number)

/**
 * What one request gives in process: the answer, and its record (channel, deployment, latency).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { InvokeResult } from 'apigw-canary/simulator'
 *
 * const channelOf = (r: InvokeResult): string | undefined => r.record.channel
 * assert.strictEqual(typeof channelOf, 'function')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface InvokeResult {
  readonly status: number
  readonly headers: { readonly [name: string]: string }
  readonly body: string
  readonly record: RequestRecord
}

/**
 * What `load` sends: `requests` copies of the request, `perSecond` of them per virtual second
 * (the clock moves; no real time passes).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { LoadInput } from 'apigw-canary/simulator'
 *
 * const input: LoadInput = { restApiId: 'a1b2c3d4e5', stageName: 'prod', requests: 600, perSecond: 10 } // a minute of traffic
 * assert.strictEqual(input.requests / input.perSecond, 60)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface LoadInput {
  readonly restApiId: string
  readonly stageName: string
  readonly requests: number
  readonly perSecond: number
  readonly method?: string
  readonly path?: string
  readonly headers?: { readonly [name: string]: string }
  readonly query?: { readonly [name: string]: string | ReadonlyArray<string> }
  readonly body?: string
}

/**
 * What a load run gives: how many requests went to each channel, each deployment and each status.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { LoadSummary } from 'apigw-canary/simulator'
 *
 * const s: LoadSummary = { requests: 2, production: 1, canary: 1, byDeployment: { nfcn0x: 1, eh1sby: 1 }, byStatus: { '200': 2 }, startedAt: 0, endedAt: 200 }
 * assert.strictEqual(s.production + s.canary, s.requests)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface LoadSummary {
  readonly requests: number
  readonly production: number
  readonly canary: number
  readonly byDeployment: { readonly [deploymentId: string]: number }
  readonly byStatus: { readonly [status: string]: number }
  readonly startedAt: number
  readonly endedAt: number
}

/**
 * The data plane's options: the seed of the canary draw, the clock's start (epoch ms), the
 * gateway's own overhead added to each request's latency (0 by default).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DataPlaneOptions } from 'apigw-canary/simulator'
 *
 * const options: DataPlaneOptions = { seed: 7, startAt: 1511152939000, overheadMs: 2 }
 * assert.strictEqual(options.seed, 7)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface DataPlaneOptions {
  readonly seed?: number
  readonly startAt?: number
  readonly overheadMs?: number
  /** The backend of HTTP integrations no registered handler takes (`serve` passes a loopback client). */
  readonly fallbackHttp?: HttpHandler
}

/**
 * The data plane of one simulated gateway.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, type DataPlane } from 'apigw-canary/simulator'
 *
 * const plane: DataPlane = createSimulator()
 * assert.deepStrictEqual(plane.records(), [])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface DataPlane {
  /** Serves one request to a stage, in process. Never rejects. */
  invoke(request: InvokeRequest): Promise<InvokeResult>
  /** Sends `requests` requests at `perSecond` over the virtual clock. */
  load(input: LoadInput): Promise<E.Either<string, LoadSummary>>
  /** Registers the stand-in for a Lambda function (name or ARN), for one qualifier (alias or version) or for calls without one. */
  registerFunction(functionName: string, handler: LambdaHandler, options?: { readonly qualifier?: string; readonly latencyMs?: DeclaredLatency }): void
  /** Registers the stand-in for an HTTP backend: every URL that starts with `url`. */
  registerHttp(url: string, handler: HttpHandler, options?: { readonly latencyMs?: DeclaredLatency }): void
  /** Every request served so far. */
  records(): ReadonlyArray<RequestRecord>
  /** Their CloudWatch datapoints (`AWS/ApiGateway`). */
  datapoints(): ReadonlyArray<Datapoint>
  /** Their execution log entries. */
  executionLogs(logGroupName?: string): ReadonlyArray<LogEntry>
  /** The virtual clock, epoch milliseconds. */
  now(): number
  /** Moves the virtual clock on. */
  advance(ms: number): void
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator of uniform draws in [0, 1). */
const generator = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const latencyOf = (declared: DeclaredLatency | undefined, input: unknown): number => {
  try {
    const v = typeof declared === 'function' ? declared(input) : (declared ?? 0)
    return Number.isFinite(v) && v >= 0 ? v : 0
  } catch {
    return 0
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** `function:name[:qualifier]` of a Lambda ARN, or the name alone. */
const functionKey = (arnOrName: string): { readonly name: string; readonly qualifier?: string } => {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::([^:]+))?$/.exec(arnOrName)
  if (m === null) return { name: arnOrName }
  return m[2] === undefined ? { name: m[1] ?? '' } : { name: m[1] ?? '', qualifier: m[2] }
}

/** A growing column of numbers in fixed-size chunks: appending never copies. */
const column = () => {
  const SIZE = 65536
  const chunks: Array<Float64Array> = []
  let length = 0
  return {
    push(v: number): void {
      const at = length % SIZE
      if (at === 0) chunks.push(new Float64Array(SIZE))
      ;(chunks[chunks.length - 1] as Float64Array)[at] = v
      length++
    },
    get: (i: number): number => chunks[Math.floor(i / SIZE)]?.[i % SIZE] ?? 0
  }
}

/** A growing list of values in fixed-size chunks: appending never copies what is kept. */
const list = <A>() => {
  const SIZE = 65536
  const chunks: Array<Array<A>> = []
  let last: Array<A> = []
  let length = 0
  return {
    push(v: A): void {
      const at = length % SIZE
      if (at === 0) chunks.push((last = new Array<A>(SIZE)))
      last[at] = v
      length++
    },
    get: (i: number): A | undefined => chunks[Math.floor(i / SIZE)]?.[i % SIZE],
    get length(): number {
      return length
    }
  }
}

const isStrings = (u: unknown, lists: boolean): boolean =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && Object.values(u).every((v) => typeof v === 'string' || (lists && Array.isArray(v) && v.every((x) => typeof x === 'string')))

/** Reads an invoke request once, field by field, or says what is wrong with it. Never throws. */
const checkInvokeRequest = (input: unknown): E.Either<string, InvokeRequest> => {
  try {
    if (typeof input !== 'object' || input === null) return E.left('The request is not an object: pass { restApiId, stageName, method, path, headers?, query?, body? }.')
    const { restApiId, stageName, method, path, headers, query, body } = input as { readonly [k: string]: unknown }
    // the three names checked in this order, one by one (no list made per request)
    if (typeof restApiId !== 'string' || restApiId === '') return E.left('restApiId is not a non-empty string.')
    if (typeof stageName !== 'string' || stageName === '') return E.left('stageName is not a non-empty string.')
    if (typeof method !== 'string' || method === '') return E.left('method is not a non-empty string.')
    if (typeof path !== 'string' || !path.startsWith('/')) return E.left('path is not a path (a string starting with /, such as /orders/7).')
    if (headers !== undefined && !isStrings(headers, false)) return E.left('headers is not a map of strings.')
    if (query !== undefined && !isStrings(query, true)) return E.left('query is not a map of strings or lists of strings.')
    if (body !== undefined && typeof body !== 'string') return E.left('body is not a string (send JSON as text).')
    if (headers === undefined && query === undefined && body === undefined) return E.right({ restApiId, stageName, method, path })
    const request: { -readonly [K in keyof InvokeRequest]: InvokeRequest[K] } = { restApiId, stageName, method, path }
    if (headers !== undefined) request.headers = { ...(headers as { readonly [k: string]: string }) }
    if (query !== undefined) request.query = { ...(query as { readonly [k: string]: string | ReadonlyArray<string> }) }
    if (body !== undefined) request.body = body
    return E.right(request)
  } catch (error) {
    return E.left(`The request could not be read: ${describe(error)}.`)
  }
}

/** The answer to a request that is not one (chosen: a 400 that says why; nothing is recorded). */
const refusedRequest = (message: string): InvokeResult => {
  const record: RequestRecord = { requestId: '', timestamp: 0, restApiId: '', stageName: '', method: '', path: '', status: 400, latencyMs: 0, integrationLatencyMs: 0, reason: message }
  return { status: 400, headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': 'BadRequestException' }, body: JSON.stringify({ message }), record }
}

/** The default start of the virtual clock: the library's fixed date, 2017-11-20T04:42:19Z. */
const DEFAULT_START = 1511152939000

/**
 * Makes a data plane over a gateway state (read at each request, so control-plane calls take
 * effect at once).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, putMockMethod } from 'apigw-canary'
 * import { createDataPlane } from 'apigw-canary/simulator'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId)
 * assert.ok(E.isRight(ready))
 * const deployed = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(deployed))
 * const plane = createDataPlane(() => deployed.right.gateway)
 * const answer = await plane.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/' })
 * assert.strictEqual(answer.status, 200)
 * assert.strictEqual(answer.record.channel, 'production')
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const createDataPlane = (state: () => Gateway, options: DataPlaneOptions = {}): DataPlane => {
  const draw = generator(options.seed ?? 20171120)
  const overhead = options.overheadMs ?? 0
  let clock = options.startAt ?? DEFAULT_START
  const functions = new Map<string, { readonly handler: LambdaHandler; readonly latencyMs?: DeclaredLatency }>()
  const backends: Array<{ readonly url: string; readonly handler: HttpHandler; readonly latencyMs?: DeclaredLatency }> = []

  const requestIdOf = (n: number): string => `00000000-0000-4000-a000-${(0x1000000000000 + (n % 0x1000000000000)).toString(16).slice(1)}`

  interface Served {
    readonly response: InvokeResponse
    readonly integrationLatencyMs: number
  }

  const runLambda = async (resolved: Resolved, request: InvokeRequest, context: RequestContext): Promise<Served> => {
    const { integration } = resolved
    if (integration.httpMethod !== 'POST') return { response: internalServerError(500, 'A Lambda proxy integration must use POST as its integrationHttpMethod'), integrationLatencyMs: 0 }
    const fn = lambdaFunctionOf(integration.uri ?? '')
    const arn = fn === undefined ? E.left(['(not a Lambda function URI)']) : resolveUri(fn, resolved.routing.variables)
    if (E.isLeft(arn)) return { response: internalServerError(500, `Execution failed due to configuration error: Invalid stage variable value: ${arn.left.join(', ')}`), integrationLatencyMs: 0 }
    const key = functionKey(arn.right)
    const found = functions.get(`${key.name}:${key.qualifier ?? ''}`)
    if (found === undefined) {
      return {
        response: internalServerError(
          500,
          `Lambda invocation failed: ResourceNotFoundException: Function not found: ${arn.right} (register a handler with registerFunction('${key.name}', handler${key.qualifier === undefined ? '' : `, { qualifier: '${key.qualifier}' }`}))`
        ),
        integrationLatencyMs: 0
      }
    }
    const event = proxyEvent(resolved, request, context)
    const latency = latencyOf(found.latencyMs, event)
    try {
      const answer: unknown = await found.handler(event)
      return { response: proxyResponse(answer), integrationLatencyMs: latency }
    } catch (error) {
      return { response: internalServerError(502, `Lambda execution failed due to customer function error: ${describe(error)}`), integrationLatencyMs: latency }
    }
  }

  const runHttp = async (resolved: Resolved, request: InvokeRequest, context: RequestContext): Promise<Served> => {
    const { integration } = resolved
    const proxy = integration.type === 'HTTP_PROXY'
    let uri = integration.uri ?? ''
    for (const [name, value] of Object.entries(resolved.pathParameters)) uri = uri.split(`{${name}}`).join(value).split(`{${name}+}`).join(value)
    const resolvedUri = resolveUri(uri, resolved.routing.variables)
    if (E.isLeft(resolvedUri)) return { response: internalServerError(500, `Execution failed due to configuration error: Invalid stage variable value: ${resolvedUri.left.join(', ')}`), integrationLatencyMs: 0 }
    const query = Object.entries(request.query ?? {}).flatMap(([k, v]): Array<[string, string]> => (typeof v === 'string' ? [[k, v]] : v.map((x): [string, string] => [k, x])))
    const url = proxy && query.length > 0 ? `${resolvedUri.right}${resolvedUri.right.includes('?') ? '&' : '?'}${new URLSearchParams(query).toString()}` : resolvedUri.right
    let body = request.body ?? ''
    if (!proxy) {
      const template = integration.requestTemplates?.['application/json']
      if (template !== undefined) {
        const rendered = render(template, templateScope(resolved, request, context))
        if (E.isLeft(rendered)) return { response: internalServerError(500, rendered.left), integrationLatencyMs: 0 }
        body = rendered.right
      }
    }
    const backend = backends.filter((b) => url.startsWith(b.url)).sort((a, b) => b.url.length - a.url.length)[0] ?? (options.fallbackHttp === undefined ? undefined : { url, handler: options.fallbackHttp })
    if (backend === undefined) return { response: internalServerError(500, `No HTTP backend is registered for ${url} (register one with registerHttp)`), integrationLatencyMs: 0 }
    const backendRequest: BackendRequest = { method: (proxy ? request.method : integration.httpMethod) ?? 'GET', url, headers: proxy ? (request.headers ?? {}) : {}, body }
    const latency = latencyOf(backend.latencyMs, backendRequest)
    let answer: BackendResponse
    try {
      answer = await backend.handler(backendRequest)
    } catch (error) {
      return { response: internalServerError(500, `Execution failed due to an error from the endpoint: ${describe(error)}`), integrationLatencyMs: latency }
    }
    if (proxy) return { response: { status: answer.status, headers: { ...answer.headers }, body: answer.body ?? '' }, integrationLatencyMs: latency }
    const selected = selectIntegrationResponse(integration.integrationResponses, String(answer.status))
    if (selected === undefined) return { response: internalServerError(500, `Execution failed due to configuration error: No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${answer.status}`), integrationLatencyMs: latency }
    const template = selected.responseTemplates?.['application/json']
    const out = template === undefined ? E.right(answer.body ?? '') : render(template, { ...templateScope(resolved, request, context), body: answer.body ?? '' })
    if (E.isLeft(out)) return { response: internalServerError(500, out.left), integrationLatencyMs: latency }
    return { response: { status: Number(selected.statusCode), headers: { 'content-type': 'application/json' }, body: out.right }, integrationLatencyMs: latency }
  }

  const templateScope = (resolved: Resolved, request: InvokeRequest, context: RequestContext) => ({
    stageVariables: resolved.routing.variables,
    context: { stage: resolved.stage.stageName ?? '', deploymentId: resolved.routing.deploymentId, requestId: context.requestId, isCanaryRequest: resolved.routing.channel === 'canary' ? 'true' : 'false' },
    body: request.body ?? '',
    params: (name: string) => resolved.pathParameters[name]
  })

  const run = (resolved: Resolved, request: InvokeRequest, context: RequestContext): Served | Promise<Served> => {
    const type = resolved.integration.type
    return type === 'MOCK'
      ? { response: runMock(resolved, request, context), integrationLatencyMs: 0 }
      : type === 'AWS_PROXY'
        ? runLambda(resolved, request, context)
        : type === 'HTTP' || type === 'HTTP_PROXY'
          ? runHttp(resolved, request, context)
          : { response: internalServerError(500, `The simulated gateway does not run ${type} integrations (MOCK, HTTP, HTTP_PROXY and AWS_PROXY only)`), integrationLatencyMs: 0 }
  }

  /** What requests that went the same way share: kept once, so that a million records stay cheap. */
  interface Shape {
    readonly restApiId: string
    readonly apiName?: string
    readonly stageName: string
    readonly channel?: 'production' | 'canary'
    readonly deploymentId?: string
    readonly variables?: { readonly [name: string]: string }
    readonly executionLogGroup?: string
    readonly method: string
    readonly resourcePath?: string
  }
  const shapes = new WeakMap<object, WeakMap<object, { production?: Shape; canary?: Shape }>>()
  const shapeOf = (request: InvokeRequest, resolved: E.Either<Unresolved, Resolved>): Shape => {
    const make = (): Shape => {
      const found = E.isRight(resolved) ? resolved.right : undefined
      const unresolved = E.isLeft(resolved) ? resolved.left : undefined
      const api = found?.api ?? unresolved?.api
      const routing = found?.routing ?? unresolved?.routing
      const resourcePath = found?.resource.path ?? unresolved?.resourcePath
      const shape: { -readonly [K in keyof Shape]: Shape[K] } = { restApiId: String(request.restApiId), stageName: String(request.stageName), method: String(request.method).toUpperCase() }
      if (api !== undefined) shape.apiName = api.restApi.name
      if (routing !== undefined) {
        shape.channel = routing.channel
        shape.deploymentId = routing.deploymentId
        shape.variables = routing.variables
        if (routing.executionLogGroup !== undefined) shape.executionLogGroup = routing.executionLogGroup
      }
      if (resourcePath !== undefined) shape.resourcePath = resourcePath
      return shape
    }
    if (E.isLeft(resolved)) return make()
    const { stage, routing, method } = resolved.right
    let byStage = shapes.get(stage)
    if (byStage === undefined) shapes.set(stage, (byStage = new WeakMap()))
    let byChannel = byStage.get(method)
    if (byChannel === undefined) byStage.set(method, (byChannel = {}))
    if (typeof request.method === 'string' && request.method === method.httpMethod) {
      return (byChannel[routing.channel] ??= make())
    }
    return make() // ANY: the record names the request's verb
  }

  // the records, column by column (materialised on demand by records())
  const kept = { shapes: list<Shape>(), at: column(), status: column(), integration: column(), path: list<string>() }
  const latencyAt = (i: number): number => kept.integration.get(i) + overhead
  const reasons = new Map<number, string>()
  const materialised: Array<RequestRecord> = []

  const materialise = (i: number): RequestRecord => {
    const shape = kept.shapes.get(i) as Shape
    const reason = reasons.get(i)
    return {
      requestId: requestIdOf(i + 1),
      timestamp: kept.at.get(i),
      ...shape,
      path: kept.path.get(i) ?? '',
      status: kept.status.get(i),
      latencyMs: latencyAt(i),
      integrationLatencyMs: kept.integration.get(i),
      ...(reason === undefined ? {} : { reason })
    }
  }
  const allRecords = (): ReadonlyArray<RequestRecord> => {
    for (let i = materialised.length; i < kept.shapes.length; i++) materialised.push(materialise(i))
    return materialised
  }

  /** Keeps the request's record; gives its index. */
  const keep = (request: InvokeRequest, at: number, resolved: E.Either<Unresolved, Resolved>, served: Served): number => {
    const i = kept.shapes.length
    kept.shapes.push(shapeOf(request, resolved))
    kept.at.push(at)
    kept.status.push(served.response.status)
    kept.integration.push(served.integrationLatencyMs)
    kept.path.push(typeof request.path === 'string' ? request.path : String(request.path))
    const reason = served.response.headers['x-apigw-canary-reason']
    if (reason !== undefined) reasons.set(i, reason)
    return i
  }

  /** An answer in process: its headers (with the request id) and its record are made when read. */
  class Result implements InvokeResult {
    readonly status: number
    readonly body: string
    constructor(
      readonly index: number,
      private readonly response: InvokeResponse
    ) {
      this.status = response.status
      this.body = response.body
    }
    get headers(): { readonly [name: string]: string } {
      return { 'x-amzn-RequestId': requestIdOf(this.index + 1), ...this.response.headers }
    }
    get record(): RequestRecord {
      return this.index < materialised.length ? (materialised[this.index] as RequestRecord) : materialise(this.index)
    }
  }

  /** The request's id and time, the id made when read. */
  class Context implements RequestContext {
    constructor(
      private readonly index: number,
      readonly timeEpochMs: number
    ) {}
    get requestId(): string {
      return requestIdOf(this.index + 1)
    }
  }

  /** Serves one request; gives its answer, its record kept at `result.index`. */
  const serveAt = (request: InvokeRequest, at: number): Result | Promise<Result> => {
    const context = new Context(kept.shapes.length, at)
    const resolved = resolveRequest(state(), request, draw())
    if (E.isLeft(resolved)) return new Result(keep(request, at, resolved, { response: resolved.left.response, integrationLatencyMs: 0 }), resolved.left.response)
    let served: Served | Promise<Served>
    try {
      served = run(resolved.right, request, context)
    } catch (error) {
      served = { response: internalServerError(500, describe(error)), integrationLatencyMs: 0 }
    }
    if (!(served instanceof Promise)) return new Result(keep(request, at, resolved, served), served.response)
    return served
      .catch((error: unknown): Served => ({ response: internalServerError(500, describe(error)), integrationLatencyMs: 0 }))
      .then((s) => new Result(keep(request, at, resolved, s), s.response))
  }

  return {
    invoke(input) {
      const checked = checkInvokeRequest(input)
      if (E.isLeft(checked)) return Promise.resolve(refusedRequest(checked.left))
      const request = checked.right
      const served = serveAt(request, clock)
      const tick = (result: Result): InvokeResult => {
        clock += latencyAt(result.index)
        return result
      }
      return served instanceof Promise ? served.then(tick) : Promise.resolve(tick(served))
    },
    async load(input) {
      if (typeof input !== 'object' || input === null) return E.left('load takes { restApiId, stageName, requests, perSecond, method?, path?, ... }')
      let requests: unknown
      let perSecond: unknown
      try {
        ;({ requests, perSecond } = input)
      } catch (error) {
        return E.left(`The load could not be read: ${describe(error)}.`)
      }
      if (typeof requests !== 'number' || !Number.isSafeInteger(requests) || requests < 1 || requests > 10_000_000) return E.left(`requests: ${String(requests)} is not a whole number from 1 to 10000000`)
      if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) return E.left(`perSecond: ${String(perSecond)} is not a positive number`)
      let checked: E.Either<string, InvokeRequest>
      try {
        checked = checkInvokeRequest({ method: 'GET', path: '/', ...input })
      } catch (error) {
        checked = E.left(`The load could not be read: ${describe(error)}.`)
      }
      if (E.isLeft(checked)) return E.left(checked.left)
      const request = checked.right
      const start = clock
      const interval = 1000 / perSecond
      let production = 0
      let canary = 0
      let end = start
      const byDeployment: Record<string, number> = {}
      const byStatus: Record<string, number> = {}
      for (let i = 0; i < requests; i++) {
        const at = start + i * interval
        const served = serveAt(request, at)
        const { index } = served instanceof Promise ? await served : served
        const shape = kept.shapes.get(index) as Shape
        const r = { channel: shape.channel, deploymentId: shape.deploymentId, status: kept.status.get(index), latencyMs: latencyAt(index) }
        if (r.channel === 'canary') canary++
        else if (r.channel === 'production') production++
        if (r.deploymentId !== undefined) byDeployment[r.deploymentId] = (byDeployment[r.deploymentId] ?? 0) + 1
        byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1
        end = Math.max(end, at + r.latencyMs)
      }
      clock = Math.max(start + requests * interval, end)
      return E.right({ requests, production, canary, byDeployment, byStatus, startedAt: start, endedAt: clock })
    },
    registerFunction(functionName, handler, opts = {}) {
      const key = functionKey(functionName)
      functions.set(`${key.name}:${opts.qualifier ?? key.qualifier ?? ''}`, { handler, ...(opts.latencyMs === undefined ? {} : { latencyMs: opts.latencyMs }) })
    },
    registerHttp(url, handler, opts = {}) {
      backends.push({ url, handler, ...(opts.latencyMs === undefined ? {} : { latencyMs: opts.latencyMs }) })
    },
    records: allRecords,
    datapoints: () => datapointsOf(allRecords()),
    executionLogs: (logGroupName) => {
      const all = executionLogsOf(allRecords())
      return logGroupName === undefined ? all : all.filter((l) => l.logGroupName === logGroupName)
    },
    now: () => clock,
    advance(ms) {
      if (Number.isFinite(ms) && ms > 0) clock += ms
    }
  }
}
