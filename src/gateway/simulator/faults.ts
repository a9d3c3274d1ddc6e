/**
 * Fault injection for the in-process simulator, and the virtual clock it runs on. A fault
 * answers the next N calls of one operation instead of the gateway, the way AWS fails: a
 * throttle (HTTP 429 `TooManyRequestsException`, as API Gateway answers it), a server error
 * (5xx), a network error (the request never gets an answer: the handler rejects with a Node.js
 * error code such as `ECONNRESET`), or a late answer (the call is applied, and answered once
 * the virtual clock has moved on by the delay). SDK v3's retry logic classifies each as it
 * classifies AWS's: 429 is throttling, 500/502/503/504 and `ECONNRESET` are transient
 * (`@smithy/core`'s service-error classification; see `docs/testing.md`).
 *
 * @since 0.2.0
 *
 * @module
 */
import type * as Timestamp from '../../stage/Timestamp.js'
import { DEFAULT_TIME } from '../control/RestApiProviders.js'
import { secondTexts } from '../control/internal.js'
import { errorResponse, type HttpResponse } from '../wire/RestApiHttp.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How an injected fault answers a call.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { throttle, serverError, networkError, late, type Fault } from 'apigw-canary/simulator'
 *
 * const faults: ReadonlyArray<Fault> = [throttle(), serverError(503), networkError(), late(30_000)]
 * assert.deepStrictEqual(faults.map((f) => f._tag), ['Throttle', 'ServerError', 'NetworkError', 'Late'])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Fault =
  | { readonly _tag: 'Throttle'; readonly retryAfterSeconds?: number }
  | { readonly _tag: 'ServerError'; readonly status: 500 | 502 | 503 | 504 }
  | { readonly _tag: 'NetworkError'; readonly code: 'ECONNRESET' | 'ECONNREFUSED' | 'EPIPE' | 'ETIMEDOUT' }
  | { readonly _tag: 'Late'; readonly delayMs: number }

/**
 * A rule of fault injection: the next `times` calls of `operation` (as SDK v3's command is
 * named, less `Command`: `UpdateStage`, `CreateDeployment`, ...; `*` for any) get `fault`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, throttle, type FaultRule } from 'apigw-canary/simulator'
 *
 * const rule: FaultRule = { operation: 'GetRestApis', times: 1, fault: throttle() }
 * const sim = createSimulator()
 * sim.inject(rule)
 * const first = await sim.requestHandler.handle({ method: 'GET', path: '/restapis' })
 * assert.strictEqual(first.response.statusCode, 429)
 * const second = await sim.requestHandler.handle({ method: 'GET', path: '/restapis' })
 * assert.strictEqual(second.response.statusCode, 200)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface FaultRule {
  readonly operation: string
  readonly times: number
  readonly fault: Fault
}

/**
 * A clock that moves only when told: the simulator's dates come from it (in whole seconds, as
 * AWS reports them), and a {@link late} answer waits for it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { virtualClock, type VirtualClock } from 'apigw-canary/simulator'
 *
 * const clock: VirtualClock = virtualClock('2017-11-20T00:00:00Z')
 * assert.strictEqual(clock.now(), '2017-11-20T00:00:00Z')
 * const woke = clock.sleep(1500).then(() => clock.now())
 * await clock.advance(1000) // not yet
 * await clock.advance(1000)
 * assert.strictEqual(await woke, '2017-11-20T00:00:02Z')
 * assert.strictEqual(clock.millis(), Date.parse('2017-11-20T00:00:02Z'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface VirtualClock {
  /** The time, in whole seconds: what the gateway writes as `createdDate` and `lastUpdatedDate`. */
  now(): Timestamp.Timestamp
  /** The time in milliseconds since the epoch. */
  millis(): number
  /** Moves the clock on by `ms` and wakes every sleeper due by then; resolves once they ran. */
  advance(ms: number): Promise<void>
  /** Resolves once the clock has been advanced by `ms` from now. */
  sleep(ms: number): Promise<void>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A throttle: HTTP 429 `TooManyRequestsException`, as API Gateway answers a caller over its
 * rate, with a `Retry-After` header when `retryAfterSeconds` is given (SDK v3 then waits that
 * long before retrying).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { throttle } from 'apigw-canary/simulator'
 *
 * assert.deepStrictEqual(throttle(), { _tag: 'Throttle' })
 * assert.deepStrictEqual(throttle({ retryAfterSeconds: 1 }), { _tag: 'Throttle', retryAfterSeconds: 1 })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const throttle = (options: { readonly retryAfterSeconds?: number } = {}): Fault =>
  options.retryAfterSeconds === undefined ? { _tag: 'Throttle' } : { _tag: 'Throttle', retryAfterSeconds: options.retryAfterSeconds }

/**
 * A server error: 503 `ServiceUnavailableException` (the default), or 500, 502 or 504
 * `InternalFailure`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { serverError } from 'apigw-canary/simulator'
 *
 * assert.deepStrictEqual(serverError(), { _tag: 'ServerError', status: 503 })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const serverError = (status: 500 | 502 | 503 | 504 = 503): Fault => ({ _tag: 'ServerError', status })

/**
 * A network error: the call gets no answer; the handler rejects with an `Error` whose `code` is
 * `ECONNRESET` (the default) or the code given, as Node's HTTP client does.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, networkError } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * sim.inject({ operation: '*', times: 1, fault: networkError() })
 * await assert.rejects(sim.requestHandler.handle({ method: 'GET', path: '/restapis' }), { code: 'ECONNRESET' })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const networkError = (code: 'ECONNRESET' | 'ECONNREFUSED' | 'EPIPE' | 'ETIMEDOUT' = 'ECONNRESET'): Fault => ({ _tag: 'NetworkError', code })

/**
 * A late answer: the call is applied, and answered once the simulator's virtual clock has been
 * advanced by `delayMs` (`sim.clock.advance(ms)`): no real time passes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, late } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * sim.inject({ operation: 'CreateRestApi', times: 1, fault: late(60_000) })
 * let answered = false
 * const call = sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: '{"name":"pets"}' }).then((r) => ((answered = true), r))
 * await sim.clock.advance(59_000)
 * assert.strictEqual(answered, false)
 * await sim.clock.advance(1_000)
 * assert.strictEqual((await call).response.statusCode, 201)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const late = (delayMs: number): Fault => ({ _tag: 'Late', delayMs })

/**
 * A virtual clock starting at `start` (by default `DEFAULT_TIME`, 2017-11-20T04:42:19Z, the
 * date of the AWS developer guide's canary example): the in-process simulator's default, so that
 * every date a test sees is the same on every run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { virtualClock } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(virtualClock().now(), '2017-11-20T04:42:19Z')
 * const clock = virtualClock('2024-02-29T23:59:59Z')
 * await clock.advance(1000)
 * assert.strictEqual(clock.now(), '2024-03-01T00:00:00Z')
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const virtualClock = (start: string = DEFAULT_TIME): VirtualClock => {
  const parsed = Date.parse(start)
  let ms = Number.isFinite(parsed) ? parsed : Date.parse(DEFAULT_TIME)
  let sleepers: Array<{ readonly until: number; readonly wake: () => void }> = []
  // the clock moves seldom, and every call reads it
  const textOf = secondTexts()
  return {
    now: () => textOf(ms),
    millis: () => ms,
    advance: async (by) => {
      ms += Number.isFinite(by) && by > 0 ? by : 0
      const due = sleepers.filter((s) => s.until <= ms).sort((a, b) => a.until - b.until)
      sleepers = sleepers.filter((s) => s.until > ms)
      due.forEach((s) => s.wake())
      // Let the woken answers reach their callers before the caller goes on.
      for (let i = 0; i < 10; i++) await Promise.resolve()
    },
    sleep: (delay) =>
      new Promise<void>((wake) => {
        if (!(delay > 0)) wake()
        else sleepers.push({ until: ms + delay, wake })
      })
  }
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

/** The rules waiting to fire, in the order given. @internal */
export const faultQueue = () => {
  let rules: Array<{ readonly operation: string; remaining: number; readonly fault: Fault }> = []
  return {
    inject(rule: FaultRule): void {
      const times = Number.isSafeInteger(rule.times) && rule.times > 0 ? rule.times : 0
      if (times > 0) rules.push({ operation: rule.operation, remaining: times, fault: rule.fault })
    },
    /** Whether any rule is waiting to fire: without one, no call is faulted. */
    pending(): boolean {
      return rules.length > 0
    },
    /** The fault for this call, if a rule fires (counting it down). */
    take(operation: string | undefined): Fault | undefined {
      const rule = rules.find((r) => r.remaining > 0 && (r.operation === '*' || r.operation === operation))
      if (rule === undefined) return undefined
      rule.remaining--
      rules = rules.filter((r) => r.remaining > 0)
      return rule.fault
    },
    clear(): void {
      rules = []
    }
  }
}

/** The answer of a throttle or a server error. @internal */
export const faultResponse = (fault: Fault): HttpResponse | undefined => {
  switch (fault._tag) {
    case 'Throttle':
      return errorResponse(
        429,
        'TooManyRequestsException',
        'Too Many Requests',
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) }
      )
    case 'ServerError':
      return fault.status === 503
        ? errorResponse(503, 'ServiceUnavailableException', 'Service Unavailable')
        : errorResponse(fault.status, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.')
    default:
      return undefined
  }
}

/** The error a network fault rejects with, shaped as Node's (`code`, `syscall`). @internal */
export const networkFailure = (code: string): Error =>
  Object.assign(new Error(`${code === 'ECONNRESET' ? 'socket hang up' : `connect ${code}`} (injected fault)`), { code, syscall: 'read' })
