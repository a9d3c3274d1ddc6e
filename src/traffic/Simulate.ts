/**
 * Traffic runs: send `requests` requests to a stage with a seeded generator and count where
 * they go, with the statistics to read the counts (the Wilson score interval of the canary's
 * share, and the chi-square test of a sample ratio mismatch).
 *
 * Each request draws one uniform `u` in [0, 1) and goes where {@link route} sends it
 * (`u < percentTraffic / 100` goes to the canary). The draws come from pure-rand's
 * xoroshiro128+, seeded from the whole safe-integer seed (mixed, so that neighbouring seeds
 * give unrelated streams); `u` is the generator's 32-bit output divided by 2^32.
 *
 * Laws (checked in `test/traffic/Simulate.test.ts`):
 * - the same stage, requests and seed give the same run (deep equal);
 * - production + canary = requests, and the per-deployment counts add up to requests;
 * - at 0% no request goes to the canary, at 100% every request does;
 * - over many seeds the canary's share falls outside its 99.9% Wilson interval about as
 *   often as the binomial distribution says it should;
 * - each request goes where {@link route} sends it for the same draw.
 *
 * Pure: the generator is created inside the call from the seed and never escapes, so the
 * result depends on the arguments alone; no clock, no `Math.random`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
// The one generator and its type, not pure-rand's index (its every generator and distribution): the
// command line's cold start (issue 16).
import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import type { Stage } from '../stage/Stage.js'
import { chiSquare1Survival, normalUpperQuantile, wilson } from './stats.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Options of {@link simulate}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { type SimulateOptions } from 'apigw-canary'
 *
 * const options: SimulateOptions = { requests: 10_000, seed: 42, confidence: 0.95 }
 * assert.strictEqual(options.requests, 10_000)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface SimulateOptions {
  /** How many requests: a positive safe integer, at most {@link MAX_REQUESTS}. */
  readonly requests: number
  /** The seed: any safe integer. */
  readonly seed: number
  /** The confidence of the interval, in (0, 1); {@link DEFAULT_CONFIDENCE} by default. */
  readonly confidence?: number
}

/**
 * A two-sided confidence interval of a proportion.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { wilsonInterval, type ConfidenceInterval } from 'apigw-canary'
 *
 * const i: E.Either<unknown, ConfidenceInterval> = wilsonInterval(0, 100)
 * assert.ok(E.isRight(i) && i.right.lower === 0 && i.right.confidence === 0.999)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface ConfidenceInterval {
  readonly lower: number
  readonly upper: number
  readonly confidence: number
}

/**
 * The result of a traffic run.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, simulate, type Simulation } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const run: E.Either<unknown, Simulation> = simulate(stage.right, { requests: 10, seed: 1 })
 * assert.ok(E.isRight(run) && run.right.production === 10 && run.right.canary === 0)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Simulation {
  readonly requests: number
  readonly seed: number
  /** The canary's configured share, in percent (0 when there is no canary). */
  readonly percentTraffic: number
  /** Requests that went to production. */
  readonly production: number
  /** Requests that went to the canary. */
  readonly canary: number
  /** Requests per deployment: every deployment the stage routes to, 0 included. */
  readonly byDeployment: { readonly [deploymentId: string]: number }
  /** `canary / requests`. */
  readonly canaryShare: number
  /** The Wilson score interval of the canary's share. */
  readonly interval: ConfidenceInterval
}

/**
 * Observed request counts per channel.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { type Observed } from 'apigw-canary'
 *
 * const observed: Observed = { production: 900, canary: 100 }
 * assert.strictEqual(observed.production + observed.canary, 1000)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Observed {
  readonly production: number
  readonly canary: number
}

/**
 * The result of a sample ratio mismatch test, by how it was decided:
 * - `ChiSquare` when the share sends requests to both channels (0 < percentTraffic < 100):
 *   Pearson's chi-square test with one degree of freedom;
 * - `Exact` when a channel is expected to get no request at all (0%: the canary; 100%:
 *   production): any request there is impossible under the share (`pValue` 0), none is
 *   certain (`pValue` 1). `unexpected` counts those requests. (A chi-square statistic would be
 *   infinite here, which JSON cannot hold.)
 *
 * Every number is finite, so the result survives `JSON.stringify` as it is.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { sampleRatioMismatch, type SampleRatioTest } from 'apigw-canary'
 *
 * const t: E.Either<unknown, SampleRatioTest> = sampleRatioMismatch({ production: 500, canary: 500 }, 50)
 * assert.ok(E.isRight(t) && t.right._tag === 'ChiSquare' && t.right.degreesOfFreedom === 1 && t.right.consistent)
 * const zero = sampleRatioMismatch({ production: 999, canary: 1 }, 0)
 * assert.ok(E.isRight(zero))
 * assert.deepStrictEqual(JSON.parse(JSON.stringify(zero.right)), {
 *   _tag: 'Exact',
 *   unexpected: 1,
 *   pValue: 0,
 *   alpha: 0.001,
 *   expected: { production: 1000, canary: 0 },
 *   consistent: false
 * })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type SampleRatioTest =
  | {
      readonly _tag: 'ChiSquare'
      /** Pearson's chi-square statistic, `sum (observed - expected)^2 / expected` (at most `Number.MAX_VALUE`). */
      readonly statistic: number
      readonly degreesOfFreedom: 1
      /** `P(chi-square(1) > statistic)`. */
      readonly pValue: number
      readonly alpha: number
      /** The counts `percentTraffic` predicts for the same total. */
      readonly expected: Observed
      /** Is the split consistent with `percentTraffic` at `alpha` (`pValue >= alpha`)? */
      readonly consistent: boolean
    }
  | {
      readonly _tag: 'Exact'
      /** Requests on the channel the share sends none to: the canary at 0%, production at 100%. */
      readonly unexpected: number
      /** 0 when there is any unexpected request, 1 otherwise. */
      readonly pValue: 0 | 1
      readonly alpha: number
      /** The counts `percentTraffic` predicts for the same total (one of them 0). */
      readonly expected: Observed
      /** No unexpected request? */
      readonly consistent: boolean
    }

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The most requests one run may send: 100 million (about a second).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { MAX_REQUESTS } from 'apigw-canary'
 *
 * assert.strictEqual(MAX_REQUESTS, 100_000_000)
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const MAX_REQUESTS = 100_000_000

/**
 * The default confidence of the interval: 99.9%.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DEFAULT_CONFIDENCE } from 'apigw-canary'
 *
 * assert.strictEqual(DEFAULT_CONFIDENCE, 0.999)
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const DEFAULT_CONFIDENCE = 0.999

/**
 * The default significance level of {@link sampleRatioMismatch}: 0.001, a common threshold
 * for sample ratio mismatch alarms (a false alarm in one test of a thousand).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DEFAULT_ALPHA } from 'apigw-canary'
 *
 * assert.strictEqual(DEFAULT_ALPHA, 0.001)
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const DEFAULT_ALPHA = 0.001

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const TWO_POW_32 = 4294967296

// murmur3's 32-bit finaliser: a bijection on 32-bit words that spreads every input bit.
const mix = (h0: number): number => {
  let h = h0 | 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

// The seed as two 32-bit words (lo + hi * 2^32, lo a signed 32-bit integer): injective on
// safe integers. The state words s00 and s11 mix lo with different constants, so they are
// never both 0 and the state is never all zero.
const generator = (seed: number): RandomGenerator => {
  const lo = seed | 0
  const hi = (seed - lo) / TWO_POW_32
  return xoroshiro128plus.fromState([mix(hi ^ 0x2545f491), mix(lo ^ 0x9e3779b9), mix(lo ^ 0x7f4a7c15), mix(hi ^ 0x632be5ab)])
}

const uniform = (rng: RandomGenerator): number => (rng.unsafeNext() >>> 0) / TWO_POW_32

const checkRequests = (requests: number, field: string): E.Either<InvalidValue, number> =>
  typeof requests === 'number' && Number.isSafeInteger(requests) && requests >= 1 && requests <= MAX_REQUESTS
    ? E.right(requests)
    : E.left(invalidValue(field, requests, `is not a whole number of requests from 1 to ${MAX_REQUESTS}`))

const checkSeed = (seed: number): E.Either<InvalidValue, number> =>
  typeof seed === 'number' && Number.isSafeInteger(seed)
    ? E.right(seed)
    : E.left(invalidValue('seed', seed, 'is not a seed (a safe integer, such as 42)'))

const checkProbability = (p: number, field: string, what: string, example: number): E.Either<InvalidValue, number> =>
  typeof p === 'number' && p > 0 && p < 1 ? E.right(p) : E.left(invalidValue(field, p, `is not ${what} (a number strictly between 0 and 1, such as ${example})`))

const checkStage = (stage: Stage): E.Either<InvalidValue, Stage> =>
  typeof stage === 'object' && stage !== null ? E.right(stage) : E.left(invalidValue('stage', stage, 'is not a stage (an object, such as decodeStage gives)'))

// -------------------------------------------------------------------------------------
// statistics
// -------------------------------------------------------------------------------------

/**
 * The Wilson score interval of a proportion: `successes` out of `trials` at `confidence`
 * (99.9% by default). Exact at the ends: 0 successes give a lower bound of 0, all successes
 * an upper bound of 1. Fails when the counts are not whole numbers with
 * `0 <= successes <= trials`, or the confidence is not in (0, 1).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { wilsonInterval } from 'apigw-canary'
 *
 * const i = wilsonInterval(105, 1000, 0.95)
 * assert.ok(E.isRight(i))
 * assert.ok(Math.abs(i.right.lower - 0.0875) < 1e-4 && Math.abs(i.right.upper - 0.1255) < 1e-4)
 * assert.ok(E.isLeft(wilsonInterval(5, 3)))
 * ```
 *
 * @category statistics
 * @since 0.1.0
 */
export const wilsonInterval = (successes: number, trials: number, confidence: number = DEFAULT_CONFIDENCE): E.Either<InvalidValue, ConfidenceInterval> => {
  if (typeof trials !== 'number' || !Number.isSafeInteger(trials) || trials < 1) {
    return E.left(invalidValue('trials', trials, 'is not a positive whole number'))
  }
  if (typeof successes !== 'number' || !Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    return E.left(invalidValue('successes', successes, `is not a whole number from 0 to trials (${trials})`))
  }
  return E.map((c: number) => ({ ...wilson(successes, trials, normalUpperQuantile((1 - c) / 2)), confidence: c }))(
    checkProbability(confidence, 'confidence', 'a confidence level', DEFAULT_CONFIDENCE)
  )
}

/**
 * Tests whether observed counts are consistent with a canary share of `percentTraffic`:
 * Pearson's chi-square goodness-of-fit test with one degree of freedom (`ChiSquare`). The split
 * is consistent when the p-value is at least `alpha` (0.001 by default). 0% and 100% are
 * decided exactly (`Exact`): at 0% any canary request is a mismatch (p-value 0), at 100% any
 * production request is. No requests at all are consistent with any share.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { sampleRatioMismatch } from 'apigw-canary'
 *
 * // 10% expected, 1000 requests: 100 canary requests fit, 150 do not.
 * const fits = sampleRatioMismatch({ production: 900, canary: 100 }, 10)
 * assert.ok(E.isRight(fits) && fits.right.consistent && fits.right._tag === 'ChiSquare' && fits.right.statistic === 0)
 * const off = sampleRatioMismatch({ production: 850, canary: 150 }, 10)
 * assert.ok(E.isRight(off) && !off.right.consistent)
 * // At 0%, one canary request is already a mismatch.
 * const zero = sampleRatioMismatch({ production: 999, canary: 1 }, 0)
 * assert.ok(E.isRight(zero) && zero.right._tag === 'Exact' && zero.right.unexpected === 1 && zero.right.pValue === 0 && !zero.right.consistent)
 * assert.ok(E.isLeft(sampleRatioMismatch({ production: 999, canary: 1 }, 10, 1))) // alpha in (0, 1), such as 0.001
 * ```
 *
 * @category statistics
 * @since 0.1.0
 */
export const sampleRatioMismatch = (
  observed: Observed,
  percentTraffic: number,
  alpha: number = DEFAULT_ALPHA
): E.Either<InvalidValue, SampleRatioTest> => {
  const count = (n: unknown, field: string): E.Either<InvalidValue, number> =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? E.right(n) : E.left(invalidValue(field, n, 'is not a count (a whole number, 0 or more)'))
  if (typeof observed !== 'object' || observed === null) {
    return E.left(invalidValue('observed', observed, 'is not a pair of counts ({ production, canary })'))
  }
  const production = count(observed.production, 'observed.production')
  if (E.isLeft(production)) return production
  const canary = count(observed.canary, 'observed.canary')
  if (E.isLeft(canary)) return canary
  if (typeof percentTraffic !== 'number' || !(percentTraffic >= 0 && percentTraffic <= 100)) {
    return E.left(invalidValue('percentTraffic', percentTraffic, 'is not a percentage (0 to 100)'))
  }
  const level = checkProbability(alpha, 'alpha', 'a significance level', DEFAULT_ALPHA)
  if (E.isLeft(level)) return level
  const total = production.right + canary.right
  const q = percentTraffic / 100
  const expected = { production: total * (1 - q), canary: total * q }
  // A channel expected to get nothing (0% or 100%; a share below about 5e-322% is 0 as a double): exact.
  if (q === 0 || q === 1) {
    const unexpected = expected.canary === 0 ? canary.right : production.right
    return E.right({ _tag: 'Exact', unexpected, pValue: unexpected === 0 ? 1 : 0, alpha: level.right, expected, consistent: unexpected === 0 })
  }
  // (e is 0 only when there are no requests at all; a tiny share can overflow the statistic.)
  const term = (o: number, e: number): number => (e === 0 ? 0 : ((o - e) * (o - e)) / e)
  const statistic = Math.min(term(production.right, expected.production) + term(canary.right, expected.canary), Number.MAX_VALUE)
  const pValue = chiSquare1Survival(statistic)
  return E.right({ _tag: 'ChiSquare', statistic, degreesOfFreedom: 1, pValue, alpha: level.right, expected, consistent: pValue >= level.right })
}

// -------------------------------------------------------------------------------------
// simulation
// -------------------------------------------------------------------------------------

/**
 * The uniform draws in [0, 1) that a run with `seed` gives its first `count` requests, in
 * order: feed them to {@link route} to see each request in full. `count` is at most
 * 1,000,000 here (this allocates an array; {@link simulate} does not).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { uniforms } from 'apigw-canary'
 *
 * const u = uniforms(42, 3)
 * assert.ok(E.isRight(u))
 * assert.strictEqual(u.right.length, 3)
 * assert.ok(u.right.every((x) => x >= 0 && x < 1))
 * assert.deepStrictEqual(uniforms(42, 3), u) // the same seed, the same draws
 * ```
 *
 * @category simulation
 * @since 0.1.0
 */
export const uniforms = (seed: number, count: number): E.Either<InvalidValue, ReadonlyArray<number>> => {
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > 1_000_000) {
    return E.left(invalidValue('count', count, 'is not a whole number from 0 to 1000000'))
  }
  return E.map((s: number) => {
    const rng = generator(s)
    return Array.from({ length: count }, () => uniform(rng))
  })(checkSeed(seed))
}

/**
 * Sends `requests` requests to `stage`, each where {@link route} sends it for one seeded
 * uniform draw, and counts them per channel and per deployment, with the Wilson interval of
 * the canary's share (99.9% unless `confidence` says otherwise). Deterministic: the same
 * arguments give the same run. Fails when `requests` is not a whole number from 1 to
 * {@link MAX_REQUESTS}, `seed` not a safe integer, `confidence` not in (0, 1), or the stage
 * is not one or has no deploymentId. A million requests take a few milliseconds: nothing is allocated per
 * request.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, simulate } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(stage))
 * const run = simulate(stage.right, { requests: 100_000, seed: 42 })
 * assert.ok(E.isRight(run))
 * const { production, canary, byDeployment, interval } = run.right
 * assert.strictEqual(production + canary, 100_000)
 * assert.deepStrictEqual(byDeployment, { nfcn0x: production, eh1sby: canary })
 * assert.ok(interval.lower <= 0.1 && 0.1 <= interval.upper)
 * assert.deepStrictEqual(simulate(stage.right, { requests: 100_000, seed: 42 }), run)
 * assert.ok(E.isLeft(simulate(stage.right, { requests: 0, seed: 42 })))
 * ```
 *
 * @category simulation
 * @since 0.1.0
 */
export const simulate = (stage: Stage, options: SimulateOptions): E.Either<InvalidValue, Simulation> => {
  const checked = checkStage(stage)
  if (E.isLeft(checked)) return checked
  if (typeof options !== 'object' || options === null) {
    return E.left(invalidValue('options', options, 'is not an object ({ requests, seed })'))
  }
  const requests = checkRequests(options.requests, 'requests')
  if (E.isLeft(requests)) return requests
  const seed = checkSeed(options.seed)
  if (E.isLeft(seed)) return seed
  const confidence = checkProbability(options.confidence ?? DEFAULT_CONFIDENCE, 'confidence', 'a confidence level', DEFAULT_CONFIDENCE)
  if (E.isLeft(confidence)) return confidence
  const productionId = stage.deploymentId
  if (productionId === undefined) {
    return E.left(invalidValue('deploymentId', undefined, 'is missing: a stage serves its requests from its deployment, so name it'))
  }
  const canarySettings = stage.canarySettings
  const percentTraffic = canarySettings?.percentTraffic ?? 0
  const n = requests.right
  const rng = generator(seed.right)
  // toCanary(p, k / 2^32) is k / 2^32 < p / 100, that is k < (p / 100) * 2^32 (scaling by a
  // power of two is exact), that is k < ceil((p / 100) * 2^32) for a whole k: one integer
  // comparison per request, and the same decision as route's.
  const threshold = Math.ceil((percentTraffic / 100) * TWO_POW_32)
  let canary = 0
  if (canarySettings !== undefined) {
    for (let i = 0; i < n; i++) {
      if (rng.unsafeNext() >>> 0 < threshold) canary++
    }
  }
  const production = n - canary
  const byDeployment =
    canarySettings === undefined
      ? { [productionId]: production }
      : canarySettings.deploymentId === productionId
        ? { [productionId]: n }
        : { [productionId]: production, [canarySettings.deploymentId]: canary }
  const z = normalUpperQuantile((1 - confidence.right) / 2)
  return E.right({
    requests: n,
    seed: seed.right,
    percentTraffic,
    production,
    canary,
    byDeployment,
    canaryShare: canary / n,
    interval: { ...wilson(canary, n, z), confidence: confidence.right }
  })
}
