/**
 * The limits `serve` holds traffic to, so that slow or hostile clients cannot hold the server:
 * how long a client may take to send its headers and its whole request, how long an idle
 * keep-alive connection stays open, how many connections are served at once (past that, new
 * ones get a 503 and are closed), and how deeply a JSON body may nest (checked on the raw text,
 * in one pass, before any parse). `serve --help` states them.
 *
 * @internal
 */
import type { Server, Socket } from 'node:net'

/** The limits of one server. @internal */
export interface TrafficLimits {
  /** Milliseconds a client has to send the request's headers. */
  readonly headersTimeoutMs: number
  /** Milliseconds a client has to send the whole request. */
  readonly requestTimeoutMs: number
  /** Milliseconds an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number
  /** Connections served at once; more get a 503 and are closed. */
  readonly maxConnections: number
  /** The deepest nesting of arrays and objects a JSON body may have. */
  readonly maxJsonDepth: number
}

/** The limits `serve` uses unless told otherwise. @internal */
export const defaultLimits: TrafficLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  maxJsonDepth: 64
}

/** A whole number of at least 1, or why not. */
export const checkLimits = (limits: TrafficLimits): string | undefined => {
  for (const [name, value] of Object.entries(limits)) if (!Number.isSafeInteger(value) || value < 1) return `${name}: ${String(value)} is not a whole number of at least 1`
  return undefined
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, read in one pass without
 * parsing (brackets inside strings do not count). @internal
 */
export const jsonDepthOver = (text: string, max: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++ // a backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true
    } else if (c === 0x5d || c === 0x7d) depth--
  }
  return false
}

const refused = new WeakSet<Socket>()

/** Whether a connection is one past the cap (answered 503 already): its requests are not served. @internal */
export const isRefused = (socket: Socket): boolean => refused.has(socket)

/** The answer to a connection past the cap, written on the raw socket. */
const busy = (() => {
  const body = JSON.stringify({ message: 'Too many connections to this server; try again shortly.' })
  return `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\nx-amzn-errortype: ServiceUnavailableException\r\nretry-after: 1\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
})()

/**
 * Applies the limits to an HTTP server: its timeouts, and a cap on the connections served at
 * once (one past it is answered 503 and closed at once, so it costs no file descriptor for
 * long). Call before `listen`. @internal
 */
export const applyLimits = (
  server: Server & { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number },
  limits: TrafficLimits,
  sockets: Set<Socket>
): void => {
  server.headersTimeout = limits.headersTimeoutMs
  server.requestTimeout = limits.requestTimeoutMs
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  server.prependListener('connection', (socket: Socket) => {
    if (sockets.size >= limits.maxConnections) {
      refused.add(socket)
      socket.on('error', () => undefined)
      socket.end(busy)
      setTimeout(() => socket.destroy(), 1000).unref() // whatever the client does
      return
    }
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
}
