/**
 * When to retry a failed AWS call, and how long to wait: {@link classify} sorts an error as the
 * AWS SDK v3 does (throttling: any 429 or a throttling error name such as
 * `TooManyRequestsException`; transient: a 5xx, a timeout or a network error; anything else,
 * every other 4xx included, is final), and {@link delay} is capped exponential backoff with
 * full jitter: a random share of `min(cap, base * 2^attempt)`. The random draw is an argument.
 *
 * Sources: `@smithy/core` `service-error-classification` (research notes,
 * `/work/research/iac-driver.md` §8b).
 *
 * @since 0.2.0
 *
 * @module
 */

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What an error is, for retrying.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Backoff } from 'apigw-canary/aws'
 *
 * const k: Backoff.ErrorKind = Backoff.classify({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } })
 * assert.strictEqual(k, 'throttling')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type ErrorKind = 'throttling' | 'transient' | 'final'

/**
 * The backoff's settings: the first delay, the cap and the number of retries.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Backoff } from 'apigw-canary/aws'
 *
 * const s: Backoff.Settings = Backoff.DEFAULT_SETTINGS
 * assert.deepStrictEqual(s, { baseMs: 500, capMs: 20_000, maxRetries: 8 })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Settings {
  readonly baseMs: number
  readonly capMs: number
  readonly maxRetries: number
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * Half a second doubling to at most 20 seconds, 8 retries (about two minutes at worst).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Backoff } from 'apigw-canary/aws'
 *
 * assert.strictEqual(Backoff.DEFAULT_SETTINGS.maxRetries, 8)
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const DEFAULT_SETTINGS: Settings = { baseMs: 500, capMs: 20_000, maxRetries: 8 }

const THROTTLING = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException'
])
const TRANSIENT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'])
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'])

// -------------------------------------------------------------------------------------
// functions
// -------------------------------------------------------------------------------------

const field = (u: unknown, name: string): unknown => (typeof u === 'object' && u !== null && name in u ? (u as Record<string, unknown>)[name] : undefined)

/**
 * Sorts an error (an SDK exception, a Node network error, anything thrown) for retrying.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Backoff } from 'apigw-canary/aws'
 *
 * assert.strictEqual(Backoff.classify({ name: 'ServiceUnavailableException', $metadata: { httpStatusCode: 503 } }), 'transient')
 * assert.strictEqual(Backoff.classify({ name: 'Error', code: 'ECONNREFUSED' }), 'transient')
 * assert.strictEqual(Backoff.classify({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } }), 'final')
 * assert.strictEqual(Backoff.classify('boom'), 'final')
 * ```
 *
 * @category functions
 * @since 0.2.0
 */
export const classify = (error: unknown): ErrorKind => {
  const name = field(error, 'name')
  const status = field(field(error, '$metadata'), 'httpStatusCode')
  const code = field(error, 'code')
  if (status === 429 || (typeof name === 'string' && THROTTLING.has(name))) return 'throttling'
  if (name === 'AbortError') return 'final'
  if (typeof status === 'number' && status >= 500 && status <= 599) return 'transient'
  if (typeof name === 'string' && TRANSIENT_NAMES.has(name)) return 'transient'
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'transient'
  const cause = field(error, 'cause')
  return cause !== undefined && cause !== error && classify(cause) !== 'final' ? 'transient' : 'final'
}

/**
 * The wait before retry number `attempt` (0 for the first retry): `random * min(capMs,
 * baseMs * 2^attempt)`, with `random` in [0, 1) drawn by the caller (full jitter).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Backoff } from 'apigw-canary/aws'
 *
 * const s = Backoff.DEFAULT_SETTINGS
 * assert.strictEqual(Backoff.delay(0, s, 0.5), 250)
 * assert.strictEqual(Backoff.delay(3, s, 0.5), 2000)
 * assert.strictEqual(Backoff.delay(30, s, 0.5), 10_000) // capped at 20 s, then halved
 * ```
 *
 * @category functions
 * @since 0.2.0
 */
export const delay = (attempt: number, settings: Settings, random: number): number => {
  const r = Number.isFinite(random) ? Math.min(Math.max(random, 0), 1) : 0
  const ceiling = Math.min(settings.capMs, settings.baseMs * 2 ** Math.min(Math.max(attempt, 0), 52))
  return Math.floor(r * ceiling)
}
