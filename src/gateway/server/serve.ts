/**
 * The simulated API Gateway over HTTP, for the AWS CLI and any other client:
 * `aws --endpoint-url http://127.0.0.1:N apigateway update-stage ...` works against it. It
 * listens on 127.0.0.1 only and answers with the same router as the SDK simulator
 * (`RestApiHttp.route`).
 *
 * With a state file, the state is read at start and written atomically after every change
 * before the change is acknowledged (a temporary file in the same folder, flushed to disk, then
 * renamed over the old one), so a server killed at any moment restarts with every acknowledged
 * change. Requests are applied one at a time in arrival order; those read in the same turn of
 * the event loop are applied in order and saved by one write (group commit), and none is
 * answered before the write that holds it has reached the disk.
 *
 * The state file has one owner: a lock file beside it (`FILE.lock`, with the holder's pid and
 * start) keeps a second server off it, and a lock left by a killed server is taken over. Only a
 * file this server wrote is used (a `format` marker and `version` at its top level); symlinks are
 * written through, the file's mode is kept, and stale temporary files are removed at start
 * (`stateFile.ts`, `lock.ts`). Slow and hostile clients are held to the limits of `limits.ts`
 * (timeouts, a connection cap answered 503, a JSON nesting bound).
 *
 * Bad input never crashes the server nor changes the state: a body over the limit (1 MiB by
 * default) gets a 413, a body that is not UTF-8 or not JSON a 400, an unknown route a 404, a
 * wrong method a 405, all in AWS's error shape; a state that cannot be saved gets a 503
 * `ServiceUnavailableException` and the request is not applied.
 *
 * @since 0.1.0
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createDataPlane, type DataPlane, type DataPlaneOptions } from '../data/DataPlane.js'
import { dataPlaneTarget, loopbackBackend } from './dataPlaneHttp.js'
import type { AddressInfo, Socket } from 'node:net'
import { E } from '../../internal/fp.js'
import { emptyGateway, type Gateway } from '../control/RestApi.js'
import { errorResponse, route, type HttpRequest, type HttpResponse } from '../wire/RestApiHttp.js'
import { defaultEnv, seededIds, type Clock, type Env } from '../control/RestApiProviders.js'
import { secondTexts } from '../control/internal.js'
import { requestId } from '../wire/transport.js'
import { captureEntry, entriesOf, JOURNAL_PATH, type CapturedEntry, type JournalEntry } from '../wire/Journal.js'
import { parseClock } from './clock.js'
import { openState, saveState } from './stateFile.js'
import { applyLimits, checkLimits, defaultLimits, isRefused, jsonDepthOver, type TrafficLimits } from './limits.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How to serve.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { serve, type ServeOptions } from 'apigw-canary/simulator'
 *
 * const options: ServeOptions = { port: 0, maxBodyBytes: 64 }
 * const started = await serve(options)
 * assert.ok(E.isRight(started))
 * const big = await fetch(`${started.right.url}/restapis`, { method: 'POST', body: JSON.stringify({ name: 'x'.repeat(100) }) })
 * assert.strictEqual(big.status, 413)
 * assert.strictEqual(big.headers.get('x-amzn-errortype'), 'PayloadTooLargeException')
 * await started.right.close()
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface ServeOptions {
  /** The port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number
  /** A file to load the state from at start and to save it to after every change. */
  readonly stateFile?: string
  /** The largest request body accepted, in bytes (1 MiB by default). */
  readonly maxBodyBytes?: number
  /** The state to start from when there is no state file (or no file there yet). */
  readonly gateway?: Gateway
  /** Id and clock providers; by default the seeded ids of `defaultEnv` and the real time, in whole seconds. */
  readonly env?: Partial<Env>
  /**
   * Traffic limits, each a whole number of at least 1 (`serve --help` states the defaults:
   * 10 s, 30 s, 5 s, 512 connections, 64 levels): milliseconds to send the headers and the whole
   * request (a slower client gets a 408 and is disconnected), milliseconds an idle keep-alive
   * connection stays open, connections served at once (one more gets a 503 and is closed), and
   * the deepest nesting of a JSON body (a 400 past it, before any parse). Since 0.2.0.
   */
  readonly limits?: {
    readonly headersTimeoutMs?: number
    readonly requestTimeoutMs?: number
    readonly keepAliveTimeoutMs?: number
    readonly maxConnections?: number
    readonly maxJsonDepth?: number
  }
  /** The data plane's seed, clock start and overhead (HTTP integrations reach loopback servers unless a handler is registered). */
  readonly dataPlane?: DataPlaneOptions
}

/**
 * A server that is listening.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { serve, type RunningServer } from 'apigw-canary/simulator'
 *
 * const started = await serve({ port: 0 })
 * assert.ok(E.isRight(started))
 * const server: RunningServer = started.right
 * assert.ok(server.port > 0) // port 0 picked a free one
 * assert.strictEqual(server.url, `http://127.0.0.1:${server.port}`)
 * const created = await fetch(`${server.url}/restapis`, { method: 'POST', body: '{"name":"pets"}' })
 * assert.strictEqual(created.status, 201)
 * assert.strictEqual(server.state.restApis[0]?.restApi.name, 'pets') // acknowledged, so in the state
 * await server.close()
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RunningServer {
  readonly port: number
  /** `http://127.0.0.1:{port}`: the `--endpoint-url` to give the AWS CLI. */
  readonly url: string
  /** The state as last acknowledged. */
  readonly state: Gateway
  /** Stops accepting requests, finishes the ones under way (and their write), and closes. */
  close(): Promise<void>
  /** The data plane behind `/restapis/{id}/{stage}/_user_request_/...` and `{id}.execute-api.localhost`: register handlers, read records and datapoints. */
  readonly dataPlane: DataPlane
}

/**
 * Why a server did not start: a bad option, a state file that cannot be used (not a file this
 * server wrote, not a regular file, a folder that does not exist or takes no files; the message
 * says which and how to fix it; the file is left untouched), a state file another live server
 * holds (`StateFileLocked`, naming its pid and since when), or a port that cannot be listened on.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { serve, type ServeError } from 'apigw-canary/simulator'
 *
 * const bad = await serve({ port: 70000 })
 * assert.ok(E.isLeft(bad))
 * const e: ServeError = bad.left
 * assert.deepStrictEqual(e, { _tag: 'InvalidOption', message: 'port: 70000 is not a port (0 to 65535)' })
 * const first = await serve({ port: 0 })
 * assert.ok(E.isRight(first))
 * const taken = await serve({ port: first.right.port })
 * assert.ok(E.isLeft(taken) && taken.left._tag === 'ListenFailed')
 * await first.right.close()
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type ServeError =
  | { readonly _tag: 'InvalidOption'; readonly message: string }
  | { readonly _tag: 'StateFileUnreadable'; readonly path: string; readonly message: string }
  | { readonly _tag: 'StateFileLocked'; readonly path: string; readonly message: string }
  | { readonly _tag: 'ListenFailed'; readonly port: number; readonly message: string }

/**
 * The options of `apigw-canary serve`, as {@link parseServeArgs} reads them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseServeArgs, type ServeArgs } from 'apigw-canary/simulator'
 *
 * const parsed = parseServeArgs(['serve', '--port', '4566', '--state', 'gw.json', '--seed', '7'])
 * assert.ok(E.isRight(parsed))
 * const args: ServeArgs = parsed.right
 * assert.deepStrictEqual(args, { port: 4566, stateFile: 'gw.json', seed: 7 })
 * assert.deepStrictEqual(parseServeArgs(['--port', '70000']), E.left('--port: "70000" is not a port (0 to 65535)'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface ServeArgs {
  readonly port: number
  readonly stateFile?: string
  readonly seed?: number
  /** `--clock fixed:2017-11-20T00:00:00Z`: the dates the server writes (the real time by default). */
  readonly clock?: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The default largest request body: 1 MiB.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { MAX_BODY_BYTES } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(MAX_BODY_BYTES, 1048576)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads the command line of `apigw-canary serve --port N [--state FILE] [--seed N]` (the word
 * `serve` first is optional).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseServeArgs } from 'apigw-canary/simulator'
 *
 * assert.deepStrictEqual(parseServeArgs(['serve', '--port', '4566', '--state', 'gw.json']), E.right({ port: 4566, stateFile: 'gw.json' }))
 * assert.deepStrictEqual(parseServeArgs(['--port=0']), E.right({ port: 0 }))
 * assert.ok(E.isLeft(parseServeArgs(['--port', 'http'])))
 * assert.ok(E.isLeft(parseServeArgs([])))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const parseServeArgs = (argv: ReadonlyArray<string>): E.Either<string, ServeArgs> => {
  const args = argv[0] === 'serve' ? argv.slice(1) : argv
  const values: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    const eq = arg.indexOf('=')
    const name = eq < 0 ? arg : arg.slice(0, eq)
    if (name !== '--port' && name !== '--state' && name !== '--seed' && name !== '--clock') return E.left(`unknown option ${JSON.stringify(arg)}`)
    const value = eq < 0 ? args[++i] : arg.slice(eq + 1)
    if (value === undefined || value === '') return E.left(`${name} needs a value`)
    values[name] = value
  }
  const port = values['--port']
  if (port === undefined) return E.left('--port N is required (0 picks a free port)')
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return E.left(`--port: ${JSON.stringify(port)} is not a port (0 to 65535)`)
  const seed = values['--seed']
  if (seed !== undefined && !/^-?\d{1,10}$/.test(seed)) return E.left(`--seed: ${JSON.stringify(seed)} is not a whole number`)
  const state = values['--state']
  const clock = values['--clock']
  if (clock !== undefined && E.isLeft(parseClock(clock))) return parseClock(clock) as E.Left<string>
  return E.right({
    port: Number(port),
    ...(state === undefined ? {} : { stateFile: state }),
    ...(seed === undefined ? {} : { seed: Number(seed) | 0 }),
    ...(clock === undefined ? {} : { clock })
  })
}

const realText = secondTexts()

/** The real time, in whole seconds as AWS reports dates (the text made once a second). */
// eslint-disable-next-line no-restricted-syntax -- the shell, not the library, reads the clock
const realClock: Clock = () => realText(Date.now())

/**
 * The providers `serve` uses unless told otherwise: `defaultEnv`'s seeded ids (or those of
 * `seed`) and the real time in whole seconds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { serverEnv } from 'apigw-canary/simulator'
 *
 * assert.match(serverEnv().now(), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
 * assert.strictEqual(serverEnv(7).ids('restApi', 0), serverEnv(7).ids('restApi', 0))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const serverEnv = (seed?: number): Env => ({ ids: seed === undefined ? defaultEnv.ids : seededIds(seed), now: realClock })

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

interface Pending {
  readonly request: HttpRequest
  readonly reply: (response: HttpResponse) => void
}

/**
 * Applies requests in arrival order and saves the state before answering (group commit): the
 * requests read in one turn of the event loop form a batch; the batch is applied, saved in one
 * write when it changed anything, and only then answered. A failed write answers the whole batch
 * with a 503 and keeps the state as it was.
 */
const committer = (start: Gateway, env: Env, stateFile: string | undefined, mode?: number) => {
  let committed = start
  let queue: Array<Pending> = []
  let scheduled = false
  let idle: Array<() => void> = []

  const pump = (): void => {
    scheduled = false
    const batch = queue
    queue = []
    const before = committed
    let current = committed
    const responses = batch.map((p) => {
      const routed = route(current, p.request, env)
      current = routed.gateway
      return routed.response
    })
    let failure: string | undefined
    if (current !== before && stateFile !== undefined) {
      try {
        saveState(stateFile, current, mode)
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
    }
    if (failure === undefined) committed = current
    batch.forEach((p, i) =>
      p.reply(
        failure === undefined
          ? (responses[i] as HttpResponse)
          : errorResponse(503, 'ServiceUnavailableException', `The state could not be saved (${failure}); the request was not applied.`)
      )
    )
    if (queue.length > 0) schedule()
    else {
      const waiting = idle
      idle = []
      waiting.forEach((f) => f())
    }
  }

  const schedule = (): void => {
    if (scheduled) return
    scheduled = true
    setImmediate(pump)
  }

  return {
    get state() {
      return committed
    },
    /**
     * The answer to a request that waits for nothing, given at once, or `undefined` when it
     * must go through a batch: with nothing queued before it, a request without a state file
     * (no write to group, so a batch of one applied now is the same), or a read (`isRead`, a
     * GET) that leaves the state as it is (nothing to save) with one.
     */
    answerNow: (request: HttpRequest, isRead: boolean): HttpResponse | undefined => {
      if (scheduled || queue.length > 0 || (stateFile !== undefined && !isRead)) return undefined
      const routed = route(committed, request, env)
      if (stateFile === undefined) committed = routed.gateway
      else if (routed.gateway !== committed) return undefined // changed the state: to be saved first, so through a batch
      return routed.response
    },
    submit: (request: HttpRequest): Promise<HttpResponse> =>
      new Promise((reply) => {
        queue.push({ request, reply })
        schedule()
      }),
    drained: (): Promise<void> =>
      new Promise((resolve) => {
        idle.push(resolve)
        schedule()
      })
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** The most journal entries `serve` keeps (the latest). */
const MAX_JOURNAL = 10_000

const send = (res: ServerResponse, response: HttpResponse, id: string, close = false): void => {
  if (res.headersSent || res.destroyed) return
  const headers: Record<string, string> = {}
  for (const name of Object.keys(response.headers)) headers[name] = response.headers[name] as string
  headers['content-length'] = String(Buffer.byteLength(response.body, 'utf8'))
  headers['x-amzn-requestid'] = id
  if (close) headers['connection'] = 'close'
  res.writeHead(response.status, headers)
  // the body as text: node:http writes it in one piece with the head (a Buffer goes as a second one)
  res.end(response.body, 'utf8')
}

const queryOf = (search: string): Record<string, string | Array<string>> => {
  const out: Record<string, string | Array<string>> = {}
  for (const [k, v] of new URLSearchParams(search)) {
    const had = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined
    // A repeated parameter (`?tagKeys=a&tagKeys=b`) keeps every value, in order.
    Object.defineProperty(out, k, { value: had === undefined ? v : [...(typeof had === 'string' ? [had] : had), v], enumerable: true, writable: true, configurable: true })
  }
  return out
}

// -------------------------------------------------------------------------------------
// serve
// -------------------------------------------------------------------------------------

/**
 * Serves the simulated API Gateway over HTTP on 127.0.0.1. Resolves once it listens (or with why
 * it could not); never rejects.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { serve } from 'apigw-canary/simulator'
 *
 * const started = await serve({ port: 0 })
 * assert.ok(E.isRight(started))
 * const server = started.right
 * const created = await fetch(`${server.url}/restapis`, { method: 'POST', body: JSON.stringify({ name: 'pets' }) })
 * assert.strictEqual(created.status, 201)
 * const bad = await fetch(`${server.url}/restapis`, { method: 'POST', body: '{not json' })
 * assert.strictEqual(bad.status, 400)
 * assert.strictEqual(bad.headers.get('x-amzn-errortype'), 'BadRequestException')
 * assert.strictEqual(server.state.restApis.length, 1)
 * await server.close()
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const serve = async (options: ServeOptions = {}): Promise<E.Either<ServeError, RunningServer>> => {
  const port = options.port ?? 0
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) return E.left({ _tag: 'InvalidOption', message: `port: ${port} is not a port (0 to 65535)` })
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES
  if (!Number.isSafeInteger(maxBody) || maxBody < 0) return E.left({ _tag: 'InvalidOption', message: `maxBodyBytes: ${maxBody} is not a size in bytes` })
  const limits: TrafficLimits = { ...defaultLimits, ...options.limits }
  const badLimit = checkLimits(limits)
  if (badLimit !== undefined) return E.left({ _tag: 'InvalidOption', message: `limits.${badLimit}` })
  let start = options.gateway ?? emptyGateway()
  // The state file: location checked, locked, read (see stateFile.ts); released at close.
  // eslint-disable-next-line no-restricted-syntax -- the shell, not the library, reads the clock
  const opened = options.stateFile === undefined ? undefined : openState(options.stateFile, new Date())
  if (opened !== undefined && E.isLeft(opened)) {
    return E.left({ _tag: opened.left.locked ? 'StateFileLocked' : 'StateFileUnreadable', path: options.stateFile ?? '', message: opened.left.message })
  }
  const state = opened?.right
  start = state?.gateway ?? start
  const env: Env = { ...serverEnv(), ...options.env }
  const commits = committer(start, env, state?.target, state?.mode)
  const plane = createDataPlane(() => commits.state, { fallbackHttp: loopbackBackend, ...options.dataPlane })
  let count = 0
  const sockets = new Set<Socket>()
  // each call's entry is built when the journal is asked for (see `captureEntry`)
  const journal: Array<CapturedEntry | JournalEntry> = []
  let journalled = 0

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (isRefused(req.socket)) return // a connection past the cap: answered 503 already
    const id = requestId(++count)
    res.on('error', () => undefined)
    req.on('error', () => undefined)
    const declared = Number(req.headers['content-length'] ?? '0')
    const tooLarge = (): void =>
      send(res, errorResponse(413, 'PayloadTooLargeException', `The request body is larger than ${maxBody} bytes.`), id, true)
    if (declared > maxBody) {
      tooLarge()
      req.resume()
      return
    }
    const chunks: Array<Buffer> = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > maxBody) {
        refused = true
        chunks.length = 0
        tooLarge()
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      let body: string
      try {
        body = chunks.length === 0 ? '' : utf8.decode(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks))
      } catch {
        send(res, errorResponse(400, 'BadRequestException', 'The request body is not UTF-8 text.'), id)
        return
      }
      const url = req.url ?? '/'
      const q = url.indexOf('?')
      const path = q < 0 ? url : url.slice(0, q)
      const target = dataPlaneTarget(path, req.headers.host)
      if (target !== undefined) {
        const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(',') : v]])))
        const params = q < 0 ? undefined : new URLSearchParams(url.slice(q + 1))
        const query = params === undefined ? {} : Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]))
        void plane.invoke({ ...target, method: req.method ?? 'GET', headers, query, ...(body === '' ? {} : { body }) }).then(({ headers: { 'x-amzn-RequestId': requestIdHeader, ...rest }, status, body: text }) =>
          send(res, { status, headers: rest, body: text }, requestIdHeader ?? id)
        )
        return
      }
      if (!path.startsWith('/')) {
        send(res, errorResponse(400, 'BadRequestException', 'The request target is not a path.'), id)
        return
      }
      // The nesting bound guards the JSON the control plane parses; a request to a stage is
      // passed on as text (to a handler, a template or a backend), never parsed here.
      if (jsonDepthOver(body, limits.maxJsonDepth)) {
        send(res, errorResponse(400, 'BadRequestException', `The request body nests deeper than ${limits.maxJsonDepth} levels.`), id)
        return
      }
      if (path === JOURNAL_PATH && req.method === 'GET') {
        send(res, { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries: entriesOf(journal) }) }, id)
        return
      }
      const request: HttpRequest = { method: req.method ?? 'GET', path, query: q < 0 ? {} : queryOf(url.slice(q + 1)), ...(body === '' ? {} : { body }) }
      const answered = (response: HttpResponse): void => {
        journal.push(captureEntry(++journalled, request, response, { of: request }, env.now()))
        if (journal.length > MAX_JOURNAL) journal.shift() // a long-running server keeps the latest calls only
        send(res, response, id)
      }
      const now = commits.answerNow(request, request.method === 'GET')
      if (now !== undefined) answered(now)
      else commits.submit(request).then(answered, (error: unknown) => send(res, errorResponse(500, 'InternalFailure', String(error)), id))
    })
  }

  const server = createServer({ keepAlive: true, connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs) }, onRequest)
  applyLimits(server, limits, sockets)
  server.on('clientError', (error: Error, socket: Socket) => {
    if (socket.writable) {
      // A client too slow for the header or request timeout (limits.ts) gets a 408.
      const slow = (error as { code?: unknown }).code === 'ERR_HTTP_REQUEST_TIMEOUT'
      const body = JSON.stringify({ message: slow ? 'The request was not received in time.' : `The request could not be read: ${error.message}` })
      socket.end(
        `HTTP/1.1 ${slow ? '408 Request Timeout' : '400 Bad Request'}\r\ncontent-type: application/json\r\nx-amzn-errortype: ${slow ? 'RequestTimeoutException' : 'BadRequestException'}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
      )
    }
    socket.destroy()
  })

  const listening = await new Promise<E.Either<ServeError, number>>((resolve) => {
    const onError = (error: Error): void => resolve(E.left({ _tag: 'ListenFailed', port, message: error.message }))
    server.once('error', onError)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError)
      server.on('error', () => undefined)
      resolve(E.right((server.address() as AddressInfo).port))
    })
  })
  if (E.isLeft(listening)) {
    state?.lock.release()
    return listening
  }

  let closing: Promise<void> | undefined
  return E.right({
    port: listening.right,
    url: `http://127.0.0.1:${listening.right}`,
    get state() {
      return commits.state
    },
    dataPlane: plane,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => {
          state?.lock.release()
          resolve()
        })
        server.closeIdleConnections()
        void commits.drained().then(() => {
          server.closeIdleConnections()
          setTimeout(() => sockets.forEach((s) => s.destroy()), 1000).unref()
        })
      }))
  })
}
