/**
 * A date as the stage keeps it: an ISO 8601 string. The codec also reads what SDK v3 returns
 * (`Date` objects) and what the raw REST API returns (epoch seconds), turning both into ISO
 * strings; a string is kept exactly as given, so a round trip prints what came in.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type * as t from 'io-ts'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import { decoding } from '../internal/codecCore.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The brand that makes a {@link Timestamp} a distinct type: only the smart constructors give one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Timestamp } from 'apigw-canary'
 *
 * // Only the smart constructors give a string that carries the brand.
 * const checked = Timestamp.fromUnknown('2017-11-20T04:42:19Z')
 * assert.ok(E.isRight(checked))
 * const branded: string & Timestamp.TimestampBrand = checked.right
 * assert.strictEqual(branded, '2017-11-20T04:42:19Z')
 * // @ts-expect-error a plain string lacks the brand
 * const plain: Timestamp.TimestampBrand = '2017-11-20T04:42:19Z'
 * assert.strictEqual(typeof plain, 'string') // the brand is erased at run time
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface TimestampBrand {
  readonly Timestamp: unique symbol
}

/**
 * An ISO 8601 date-time string, such as `2017-11-20T04:42:19Z`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Timestamp } from 'apigw-canary'
 *
 * // SDK v3's Dates and the REST API's epoch seconds become ISO strings; the CLI's are kept as written.
 * const sdk = decodeStage({ createdDate: new Date(Date.UTC(2017, 10, 20, 4, 42, 19)), lastUpdatedDate: 1511152939 })
 * assert.deepStrictEqual(sdk, E.right({ createdDate: '2017-11-20T04:42:19.000Z', lastUpdatedDate: '2017-11-20T04:42:19.000Z' }))
 * assert.ok(E.isLeft(Timestamp.fromUnknown('2017-11-20'))) // no time, no zone
 * // @ts-expect-error a plain string is not a Timestamp
 * const unchecked: Timestamp.Timestamp = '2017-11-20T04:42:19Z'
 * assert.ok(Timestamp.isTimestamp(unchecked))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Timestamp = string & TimestampBrand

const ISO = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** The epoch milliseconds of 0000-01-01 and of the end of 9999: the years an ISO string writes with four digits. */
const FIRST = -62167219200000
const LAST = 253402300799999

/**
 * A day that the month has (`2017-02-30` is not a date, though `Date.parse` takes it): a day
 * past the month's end rolls into the next month, with another day of the month. (The month
 * itself is checked by `Date.parse`.)
 */
const isCalendarDay = (year: number, month: number, day: number): boolean => {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getUTCDate() === day
}

const rule = 'is not a date (an ISO 8601 string, a Date, or epoch seconds)'

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this an ISO 8601 date-time string with a zone?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Timestamp } from 'apigw-canary'
 *
 * assert.ok(Timestamp.isTimestamp('2017-11-20T04:42:19Z'))
 * assert.ok(!Timestamp.isTimestamp('yesterday'))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isTimestamp = (u: unknown): u is Timestamp => {
  const m = typeof u === 'string' ? ISO.exec(u) : null
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) && !Number.isNaN(Date.parse(m[0]))
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Reads a date from an ISO string (kept as given), a valid `Date` or epoch seconds, in the
 * years 0000 to 9999 (those an ISO string writes with four digits, so that what is read can be
 * read again). A string must name a real day and time: `2017-02-30` and `24:00` are refused.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Timestamp } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Timestamp.fromUnknown(1511152939), E.right('2017-11-20T04:42:19.000Z'))
 * assert.deepStrictEqual(Timestamp.fromUnknown(new Date(Date.UTC(2017, 10, 20))), E.right('2017-11-20T00:00:00.000Z'))
 * assert.ok(E.isLeft(Timestamp.fromUnknown('soon')))
 * assert.ok(E.isLeft(Timestamp.fromUnknown('2017-02-30T00:00:00Z'))) // no such day
 * assert.ok(E.isLeft(Timestamp.fromUnknown(1511152939000))) // milliseconds: the year 49856
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromUnknown = (u: unknown, field = 'date'): E.Either<InvalidValue, Timestamp> => {
  if (isTimestamp(u)) return E.right(u)
  const ms = typeof u === 'number' ? u * 1000 : timeOf(u)
  return ms !== undefined && ms >= FIRST && ms <= LAST ? E.right(new Date(ms).toISOString() as Timestamp) : E.left(invalidValue(field, u, rule))
}

/** The time of a `Date`; `undefined` for anything else, a `Date` whose time cannot be read included. */
const timeOf = (u: unknown): number | undefined => {
  try {
    return u instanceof Date ? u.getTime() : undefined
  } catch {
    return undefined
  }
}

/**
 * The date as a `Date` (a new object each call), for SDK-shaped output.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Timestamp } from 'apigw-canary'
 *
 * assert.strictEqual(Timestamp.toDate(Timestamp.unsafeFromString('2017-11-20T04:42:19Z')).getTime(), 1511152939000)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const toDate = (timestamp: Timestamp): Date => new Date(timestamp)

/**
 * A timestamp from a literal known to be valid, for tests and examples.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Timestamp } from 'apigw-canary'
 *
 * assert.strictEqual(Timestamp.unsafeFromString('2017-11-20T04:42:19Z'), '2017-11-20T04:42:19Z')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsafeFromString = (s: string): Timestamp => s as Timestamp

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for a date: decodes ISO strings, `Date`s and epoch seconds; encodes to the
 * ISO string.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Timestamp } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Timestamp.codec.decode('2017-11-20T04:42:19Z'), E.right('2017-11-20T04:42:19Z'))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<Timestamp, string, unknown> = /* @__PURE__ */ decoding('Timestamp', isTimestamp, fromUnknown)
