/**
 * Small helpers the shells share: a serialiser that runs tasks one at a time, a request-id
 * maker, and a reader for the requests and bodies the SDK hands its HTTP handler.
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import type { HttpRequest } from './RestApiHttp.js'
import { thrownText } from '../control/internal.js'

/** A queue that runs each task after the one before has settled, in the order given. @internal */
export const serialiser = (): (<A>(task: () => A | Promise<A>) => Promise<A>) => {
  let tail: Promise<unknown> = Promise.resolve()
  return <A>(task: () => A | Promise<A>): Promise<A> => {
    const run = tail.then(task)
    tail = run.then(
      () => undefined,
      () => undefined
    )
    return run
  }
}

/** `00000000-0000-4000-8000-` and the zeros before a counter of as many hex digits as the index. */
const ID_HEADS = Array.from({ length: 13 }, (_, digits) => `00000000-0000-4000-8000-${'0'.repeat(12 - digits)}`)

/** A request id shaped like AWS's (a UUID), from a counter: deterministic (its last 12 hex digits, zero-padded). @internal */
export const requestId = (n: number): string => {
  const hex = n.toString(16)
  return hex.length <= 12 ? `${ID_HEADS[hex.length] as string}${hex}` : `${ID_HEADS[12] as string}${hex.slice(-12)}`
}

const decoder = new TextDecoder()

const isAsyncIterable = (u: unknown): u is AsyncIterable<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'

/** A body {@link bodyText} does not read at once: an `ArrayBuffer`, a stream of text or bytes, or anything else (as `String` gives it). */
const readOther = async (body: unknown): Promise<string> => {
  if (body instanceof ArrayBuffer) return decoder.decode(new Uint8Array(body))
  if (isAsyncIterable(body)) {
    const parts: Array<Uint8Array> = []
    for await (const chunk of body) {
      parts.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk instanceof Uint8Array ? chunk : new Uint8Array(0))
    }
    return decoder.decode(Buffer.concat(parts))
  }
  return String(body)
}

/**
 * The body of an SDK request as text: at once when it is already there (none, text or bytes:
 * how the SDK sends its JSON bodies), a promise for any other (a stream of either, ...). @internal
 */
export const bodyText = (body: unknown): string | undefined | Promise<string | undefined> =>
  body === undefined || body === null ? undefined : typeof body === 'string' ? body : body instanceof Uint8Array ? decoder.decode(body) : readOther(body)

/** The body of an SDK request as text: a string, bytes, or a stream of either. @internal */
export const readBody = async (body: unknown): Promise<string | undefined> => bodyText(body)

/**
 * The SDK's request as `route` takes it: method, path, query and headers as they are (`route`
 * checks them), the body read as text. Each field is read once. A value that is not an object is
 * passed on for `route` to answer; a field or a body that throws when read gives the reason.
 * Never rejects. @internal
 */
export const fromSdkRequest = async (request: unknown): Promise<E.Either<string, HttpRequest>> => readSdkRequest(request)

const unreadable = (error: unknown): E.Either<string, never> => E.left(`The request could not be read: ${thrownText(error)}.`)

/**
 * {@link fromSdkRequest}, answered at once when the body is already there (none, text or
 * bytes: how the SDK sends its JSON bodies), and a promise only for a body to be read as a
 * stream. The same request, or the same reason it cannot be read. @internal
 */
export const readSdkRequest = (request: unknown): E.Either<string, HttpRequest> | Promise<E.Either<string, HttpRequest>> => {
  if (typeof request !== 'object' || request === null) return E.right(request as HttpRequest)
  try {
    const { method, path, query, headers, body } = request as { readonly [field: string]: unknown }
    const withBody = (text: string | undefined): E.Either<string, HttpRequest> =>
      E.right((text === undefined ? { method, path, query, headers } : { method, path, query, headers, body: text }) as HttpRequest)
    const text = bodyText(body)
    return text instanceof Promise ? text.then(withBody, unreadable) : withBody(text)
  } catch (error) {
    return unreadable(error)
  }
}

/** A deep copy of plain data, or the input itself when it cannot be copied. @internal */
export const copyOf = (input: unknown): unknown => {
  try {
    return structuredClone(input)
  } catch {
    return input
  }
}
