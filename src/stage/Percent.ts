/**
 * The share of a stage's traffic that goes to its canary: a finite number from 0 to 100
 * inclusive (AWS's `percentTraffic`, a double).
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type * as t from 'io-ts'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import { decoding } from '../internal/codecCore.js'
import { readDouble } from '../internal/number.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The brand that makes a {@link Percent} a distinct type: only the smart constructors give one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * // Only the smart constructors give a number that carries the brand.
 * const checked = Percent.fromNumber(10.5)
 * assert.ok(E.isRight(checked))
 * const branded: number & Percent.PercentBrand = checked.right
 * assert.strictEqual(branded, 10.5)
 * // @ts-expect-error a plain number lacks the brand
 * const plain: Percent.PercentBrand = 10.5
 * assert.strictEqual(typeof plain, 'number') // the brand is erased at run time
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PercentBrand {
  readonly Percent: unique symbol
}

/**
 * A finite number from 0 to 100 inclusive. Build one with {@link fromNumber}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * // 0 and 100 are in: all the traffic to production, or all to the canary.
 * assert.deepStrictEqual([0, 50, 100].map((n) => Percent.fromNumber(n)), [E.right(0), E.right(50), E.right(100)])
 * assert.ok(E.isLeft(Percent.fromNumber(100.5)))
 * assert.ok(E.isLeft(Percent.fromNumber(Number.NaN)))
 * // @ts-expect-error a plain number is not a Percent
 * const unchecked: Percent.Percent = 50
 * assert.ok(Percent.isPercent(unchecked))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Percent = number & PercentBrand

/**
 * The rule a percentage follows, as error messages state it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * assert.strictEqual(Percent.rule, 'is not a percentage (0 to 100)')
 * const refused = Percent.fromNumber(-1, 'canarySettings.percentTraffic')
 * assert.ok(E.isLeft(refused))
 * assert.strictEqual(refused.left.rule, Percent.rule)
 * assert.strictEqual(refused.left.message, `canarySettings.percentTraffic: -1 ${Percent.rule}`)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const rule = 'is not a percentage (0 to 100)'

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this a percentage? (`-0` is not: {@link fromNumber} turns it into `0`.)
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Percent } from 'apigw-canary'
 *
 * assert.ok(Percent.isPercent(10.5))
 * assert.ok(!Percent.isPercent(150))
 * assert.ok(!Percent.isPercent(Number.NaN))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isPercent = (u: unknown): u is Percent =>
  typeof u === 'number' && u >= 0 && u <= 100 && !Object.is(u, -0)

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Checks a number against the rule. `field` names the value in the error message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Percent.fromNumber(10.5), E.right(10.5))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(Percent.fromNumber(150)),
 *   E.left('percentTraffic: 150 is not a percentage (0 to 100)')
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromNumber = (n: number, field = 'percentTraffic'): E.Either<InvalidValue, Percent> => {
  const value = Object.is(n, -0) ? 0 : n
  return isPercent(value) ? E.right(value) : E.left(invalidValue(field, n, rule))
}

/**
 * Reads a percentage as the update-stage wire sends it: a decimal string such as `"50"`,
 * `"0.0"` or `"66.660000"`. As Java's `Double.parseDouble` (which the service is taken to use;
 * chosen, not recorded), it allows an exponent, a `d`/`f` suffix and surrounding white space;
 * hexadecimal, `NaN` and `Infinity` are refused.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Percent.fromString('66.660000'), E.right(66.66))
 * assert.deepStrictEqual(Percent.fromString(' 50 '), E.right(50))
 * assert.ok(E.isLeft(Percent.fromString('ten')))
 * assert.ok(E.isLeft(Percent.fromString('100.5')))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromString = (s: string, field = 'percentTraffic'): E.Either<InvalidValue, Percent> => {
  const n = typeof s === 'string' ? readDouble(s) : undefined
  return n === undefined
    ? E.left(invalidValue(field, s, 'is not a number; expected a decimal from 0 to 100 such as "10.5"'))
    : isPercent(n)
      ? E.right(n)
      : E.left(invalidValue(field, s, rule))
}

/**
 * A percentage from a literal known to be valid, for tests and examples. An invalid number
 * gives `0`: prefer {@link fromNumber} for anything not written by hand.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Percent } from 'apigw-canary'
 *
 * assert.strictEqual(Percent.unsafeFromNumber(25), 25)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsafeFromNumber = (n: number): Percent => (isPercent(n) ? n : (0 as Percent))

/**
 * No traffic: 0.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Percent } from 'apigw-canary'
 *
 * assert.strictEqual(Percent.zero, 0)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const zero: Percent = 0 as Percent

/**
 * All the traffic: 100.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Percent } from 'apigw-canary'
 *
 * assert.strictEqual(Percent.hundred, 100)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const hundred: Percent = 100 as Percent

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec: decodes a JSON number, encodes to the same number.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Percent } from 'apigw-canary'
 *
 * assert.ok(E.isRight(Percent.codec.decode(0)))
 * assert.ok(E.isLeft(Percent.codec.decode('50')))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<Percent, number, unknown> = /* @__PURE__ */ decoding('Percent', isPercent, (u) =>
  typeof u === 'number' ? fromNumber(u) : E.left({ rule: 'is not a number; expected a percentage (0 to 100)' })
)
