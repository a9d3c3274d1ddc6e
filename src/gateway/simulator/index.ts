/**
 * An in-process API Gateway for the AWS SDK for JavaScript v3: {@link createSimulator} gives a
 * `requestHandler` to pass to `new APIGatewayClient({ requestHandler, ... })`, and unmodified SDK
 * code then runs against a simulated gateway that answers as API Gateway does (the REST wire
 * protocol of `RestApiHttp`, errors as the SDK's own exception classes with AWS's messages).
 * No network, no credentials checked, nothing of the SDK imported here: the handler is plain
 * code that fits the SDK's `HttpHandler` interface.
 *
 * This entry also exports the HTTP server ({@link serve}) that the AWS CLI can talk to.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import type { DecodeError } from '../../stage/DecodeError.js'
import { emptyGateway, type Gateway } from '../control/RestApi.js'
import { decodeGateway } from '../wire/RestApiCodec.js'
import { errorResponse, route, type HttpRequest, type HttpResponse, type Routed } from '../wire/RestApiHttp.js'
import { defaultEnv, type Env } from '../control/RestApiProviders.js'
import { copyOf, readSdkRequest, requestId, serialiser } from '../wire/transport.js'
import { JSON_HEADERS } from '../wire/Http.js'
import { captureEntry, entriesOf, operationOf, type CapturedEntry, type JournalEntry } from '../wire/Journal.js'
import { faultQueue, faultResponse, networkFailure, virtualClock, type FaultRule, type VirtualClock } from './faults.js'

export { JOURNAL_PATH, journalEntry, sentPatchOperations, type JournalEntry } from '../wire/Journal.js'
export { late, networkError, serverError, throttle, virtualClock, type Fault, type FaultRule, type VirtualClock } from './faults.js'
import { createDataPlane, type DataPlane, type DataPlaneOptions } from '../data/DataPlane.js'

export {
  MAX_BODY_BYTES,
  parseServeArgs,
  serve,
  serverEnv,
  type RunningServer,
  type ServeArgs,
  type ServeError,
  type ServeOptions
} from '../server/serve.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How to start a simulator: the gateway to start from (empty by default) and the id and clock
 * providers (by default the deterministic ones of `defaultEnv`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, seededIds } from 'apigw-canary'
 * import { createSimulator, type SimulatorOptions } from 'apigw-canary/simulator'
 *
 * const pets = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(pets))
 * const options: SimulatorOptions = { gateway: pets.right.gateway, env: { ids: seededIds(7) } }
 * const sim = createSimulator(options)
 * assert.strictEqual(sim.state, pets.right.gateway)
 * const created = await sim.handle({ method: 'POST', path: '/restapis', body: '{"name":"orders"}' })
 * assert.strictEqual(JSON.parse(created.response.body).id, seededIds(7)('restApi', pets.right.gateway.issued))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface SimulatorOptions {
  readonly gateway?: Gateway
  readonly env?: Partial<Env>
  /**
   * The clock the simulator runs on (dates, the journal's times, late answers): by default a
   * virtual clock at `DEFAULT_TIME` that moves only when told, so dates are the same on every
   * run. `env.now`, when given, is used for the gateway's dates instead.
   */
  readonly clock?: VirtualClock
  /** The data plane's seed, clock start and overhead (see `createDataPlane`). */
  readonly dataPlane?: DataPlaneOptions
}

/**
 * The request the SDK hands its HTTP handler (the fields the simulator reads).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, type SdkHttpRequest } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * const request: SdkHttpRequest = {
 *   method: 'POST',
 *   path: '/restapis',
 *   headers: { 'content-type': 'application/json' },
 *   body: new TextEncoder().encode('{"name":"pets"}') // text, bytes or a stream
 * }
 * const { response } = await sim.requestHandler.handle(request)
 * assert.strictEqual(response.statusCode, 201)
 * assert.strictEqual(sim.state.restApis[0]?.restApi.name, 'pets')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface SdkHttpRequest {
  readonly method: string
  readonly path: string
  readonly query?: { readonly [name: string]: string | ReadonlyArray<string> | null | undefined }
  readonly headers?: { readonly [name: string]: string | undefined }
  readonly body?: unknown
}

/**
 * The response the simulator hands back to the SDK: what the SDK's `HttpResponse` holds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, type SdkHttpResponse } from 'apigw-canary/simulator'
 *
 * const { response } = await createSimulator().requestHandler.handle({ method: 'GET', path: '/restapis/a1b2c3d4e5' })
 * const r: SdkHttpResponse = response
 * assert.strictEqual(r.statusCode, 404)
 * assert.strictEqual(r.headers['x-amzn-errortype'], 'NotFoundException')
 * assert.match(r.headers['x-amzn-requestid'] ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/)
 * const body: unknown = JSON.parse(new TextDecoder().decode(r.body))
 * assert.deepStrictEqual(body, { message: 'Invalid API identifier specified 123456789012:a1b2c3d4e5' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface SdkHttpResponse {
  readonly statusCode: number
  readonly reason?: string
  readonly headers: { [name: string]: string }
  readonly body: Uint8Array
}

/**
 * The SDK's `HttpHandler` interface, as the simulator implements it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { APIGatewayClient, GetRestApisCommand } from '@aws-sdk/client-api-gateway'
 * import { createSimulator, type SimulatorRequestHandler } from 'apigw-canary/simulator'
 *
 * const handler: SimulatorRequestHandler = createSimulator().requestHandler
 * assert.strictEqual(handler.metadata.handlerProtocol, 'http/1.1')
 * const client = new APIGatewayClient({ requestHandler: handler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * const apis = await client.send(new GetRestApisCommand({}))
 * assert.deepStrictEqual(apis.items ?? [], [])
 * // Never rejects: a request the SDK would not send still gets an AWS-shaped 400.
 * const { response } = await handler.handle({ method: 'GET', path: 'restapis' })
 * assert.strictEqual(response.statusCode, 400)
 * client.destroy()
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface SimulatorRequestHandler {
  /** The protocol the SDK's middleware reads: always `http/1.1`. */
  readonly metadata: { readonly handlerProtocol: string }
  /**
   * Answers one request of the SDK's, as API Gateway's REST endpoint would. Never rejects: a
   * request that is malformed or cannot be read gets an AWS-shaped 400.
   */
  handle(request: SdkHttpRequest, options?: unknown): Promise<{ response: SdkHttpResponse }>
  /** Part of the SDK's handler contract; the simulator has no HTTP client to configure, so this does nothing. */
  updateHttpClientConfig(key: never, value: never): void
  /** Part of the SDK's handler contract: no configuration, `{}`. */
  httpHandlerConfigs(): { readonly [key: string]: never }
  /** Part of the SDK's handler contract (`client.destroy()` calls it); nothing to release. */
  destroy(): void
}

/**
 * A running simulator: the handler for the SDK client, the current state, and a way to seed it.
 * Requests are applied one at a time, in the order they arrive, so concurrent writers never lose
 * an update.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createSimulator, type Simulator } from 'apigw-canary/simulator'
 *
 * const sim: Simulator = createSimulator()
 * const restApi = { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' }
 * const deployments = [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }]
 * assert.ok(E.isRight(sim.seed({ restApis: [{ restApi, deployments, stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }] })))
 * const body = JSON.stringify({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10' }] })
 * const routed = await sim.handle({ method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body })
 * assert.strictEqual(routed.response.status, 200)
 * assert.strictEqual(sim.state.restApis[0]?.stages[0]?.canarySettings?.percentTraffic, 10)
 * assert.ok(E.isLeft(sim.seed({ restApis: 'none' }))) // a bad fixture is refused, the state kept
 * assert.strictEqual(sim.state, routed.gateway)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Simulator extends DataPlane {
  /** Pass it as `requestHandler` to `new APIGatewayClient(...)`. */
  readonly requestHandler: SimulatorRequestHandler
  /** The gateway as it is now. */
  readonly state: Gateway
  /** Replaces the state with a gateway or a fixture (JSON of one), checked by `decodeGateway`. */
  seed(input: unknown): E.Either<DecodeError, Gateway>
  /**
   * Answers one raw request, in turn with the SDK's. Never rejects: any value, however malformed,
   * gets an AWS-shaped response (see `RestApiHttp.route`).
   */
  handle(request: HttpRequest): Promise<Routed>
  /** Every call answered, in order (see `JournalEntry`); `sentPatchOperations(sim.journal)` pulls the update-stage operations. */
  readonly journal: ReadonlyArray<JournalEntry>
  /** Makes the next `times` calls of `operation` through `requestHandler` fail with `fault` (see `FaultRule`). */
  inject(rule: FaultRule): void
  /** The simulator's virtual clock: advance it to deliver late answers and move the dates on. */
  readonly clock: VirtualClock
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Starts a simulator. Use its `requestHandler` with the real SDK v3 client; read `state` to
 * assert, and `seed` it from a fixture.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import {
 *   APIGatewayClient,
 *   BadRequestException,
 *   CreateDeploymentCommand,
 *   CreateRestApiCommand,
 *   PutIntegrationCommand,
 *   PutMethodCommand,
 *   UpdateStageCommand
 * } from '@aws-sdk/client-api-gateway'
 * import { createSimulator } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * const client = new APIGatewayClient({
 *   requestHandler: sim.requestHandler,
 *   region: 'us-east-1',
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' }
 * })
 * const api = await client.send(new CreateRestApiCommand({ name: 'pets' }))
 * const restApiId = api.id ?? ''
 * // A MOCK GET / first: AWS deploys no API without methods.
 * const key = { restApiId, resourceId: api.rootResourceId ?? '', httpMethod: 'GET' }
 * await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
 * await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK' }))
 * await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
 * await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } }))
 * const stage = await client.send(new UpdateStageCommand({
 *   restApiId,
 *   stageName: 'prod',
 *   patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }]
 * }))
 * assert.strictEqual(stage.canarySettings?.percentTraffic, 50)
 * assert.strictEqual(sim.state.restApis[0]?.stages[0]?.canarySettings?.percentTraffic, 50)
 *
 * await assert.rejects(
 *   client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' })),
 *   (e: unknown) => e instanceof BadRequestException && e.message.startsWith('Invalid deployment content specified.Non canary deployment')
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const createSimulator = (options: SimulatorOptions = {}): Simulator => {
  const clock = options.clock ?? virtualClock()
  const env: Env = { ...defaultEnv, now: clock.now, ...options.env }
  let state: Gateway = options.gateway ?? emptyGateway()
  let count = 0
  const serialise = serialiser()
  // each call's entry is built when the journal is read (see `captureEntry`)
  const journal: Array<CapturedEntry | JournalEntry> = []
  const faults = faultQueue()
  const plane = createDataPlane(() => state, options.dataPlane)

  const apply = (request: HttpRequest, fault?: string): Routed => {
    const routed = route(state, request, env)
    state = routed.gateway
    journal.push(captureEntry(journal.length + 1, request, routed.response, routed.operation, env.now(), fault))
    return routed
  }
  // calls queued and not yet applied: with none, a call is applied at once (it would run next anyway)
  let queued = 0
  const handle = (request: HttpRequest, fault?: string): Promise<Routed> => {
    queued++
    return serialise(() => {
      queued--
      return apply(request, fault)
    })
  }

  /** A call of the SDK's: an injected fault answers it, or the gateway does. */
  const answer = async (request: HttpRequest, arrived: number): Promise<HttpResponse> => {
    // no rule waiting (the usual case): no fault, whatever the operation
    const waiting = faults.pending()
    const operation = waiting ? operationOf(request) : undefined
    const fault = waiting ? faults.take(operation) : undefined
    if (fault === undefined) return (await handle(request)).response
    const faulted = faultResponse(fault)
    if (faulted !== undefined || fault._tag === 'NetworkError') {
      const response = faulted ?? { status: 0, headers: { 'x-amzn-errortype': fault._tag === 'NetworkError' ? fault.code : '' }, body: '{"message":"no answer: the connection failed (injected fault)"}' }
      journal.push(captureEntry(journal.length + 1, request, response, operation, env.now(), fault._tag))
      if (faulted === undefined) throw networkFailure(fault._tag === 'NetworkError' ? fault.code : 'ECONNRESET')
      return faulted
    }
    const routed = await handle(request, fault._tag)
    // Late from when the call arrived, however long reading it took.
    await clock.sleep(fault._tag === 'Late' ? arrived + fault.delayMs - clock.millis() : 0)
    return routed.response
  }

  /** The SDK's response for an answer: the body as bytes, the request id and content length added. */
  const sdkResponse = (response: HttpResponse): { response: SdkHttpResponse } => {
    // Buffer.from: the bytes of a small answer from Node's pool, no ArrayBuffer of its own per call
    const body: Uint8Array = Buffer.from(response.body)
    const id = requestId(++count)
    const length = String(body.length)
    // the usual answer's headers (a success's): one literal, the same keys in the same order
    if (response.headers === JSON_HEADERS) return { response: { statusCode: response.status, headers: { 'content-type': JSON_HEADERS['content-type'], 'x-amzn-requestid': id, 'content-length': length }, body } }
    // built key by key: adding keys after a spread takes V8's slow path on every call
    const headers: { [name: string]: string } = {}
    for (const name of Object.keys(response.headers)) headers[name] = response.headers[name] as string
    headers['x-amzn-requestid'] = id
    headers['content-length'] = length
    return { response: { statusCode: response.status, headers, body } }
  }

  const requestHandler: SimulatorRequestHandler = {
    metadata: { handlerProtocol: 'http/1.1' },
    handle(request) {
      const arrived = clock.millis()
      const read = readSdkRequest(request)
      // the usual call: read at once and no fault waiting, so straight to the gateway
      if (!(read instanceof Promise) && E.isRight(read) && !faults.pending()) {
        if (queued > 0) return handle(read.right).then((routed) => sdkResponse(routed.response))
        try {
          return Promise.resolve(sdkResponse(apply(read.right).response))
        } catch (error) {
          return Promise.reject(error)
        }
      }
      return (async () => {
        const r = await read
        return sdkResponse(E.isLeft(r) ? errorResponse(400, 'BadRequestException', r.left) : await answer(r.right, arrived))
      })()
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {}
  }

  return {
    ...plane,
    requestHandler,
    get state() {
      return state
    },
    seed(input) {
      const decoded = decodeGateway(copyOf(input))
      if (E.isRight(decoded)) state = decoded.right
      return decoded
    },
    handle: (request) => handle(request),
    get journal() {
      return entriesOf(journal)
    },
    inject: faults.inject,
    clock
  }
}
export * from '../metrics/Datapoint.js'
export * from '../cloudwatch/CloudWatch.js'
export * from '../data/Invoke.js'
export * from '../data/Metrics.js'
export * from '../data/DataPlane.js'
export * as Vtl from '../data/Vtl.js'
