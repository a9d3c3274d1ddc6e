/**
 * Small helpers the shells share: a serialiser that runs tasks one at a time, a request-id
 * maker, and a reader for the bodies the SDK hands its HTTP handler.
 *
 * @internal
 */

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

/** A request id shaped like AWS's (a UUID), from a counter: deterministic. @internal */
export const requestId = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0').slice(-12)}`

const decoder = new TextDecoder()

const isAsyncIterable = (u: unknown): u is AsyncIterable<unknown> =>
  typeof u === 'object' && u !== null && typeof (u as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'

/** The body of an SDK request as text: a string, bytes, or a stream of either. @internal */
export const readBody = async (body: unknown): Promise<string | undefined> => {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return decoder.decode(body)
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

/** A deep copy of plain data, or the input itself when it cannot be copied. @internal */
export const copyOf = (input: unknown): unknown => {
  try {
    return structuredClone(input)
  } catch {
    return input
  }
}
