/**
 * The few statistical functions the simulator needs, with no dependency: the complementary
 * error function, the normal upper-tail quantile, the chi-square (1 degree of freedom)
 * survival function and the Wilson score interval.
 *
 * `erfc` uses two expansions, each where it converges fast and loses no precision:
 * - for `0 <= x < 2`, `erfc(x) = 1 - erf(x)` with the all-positive series
 *   `erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_{n>=0} 2^n x^(2n+1) / (1*3*5*...*(2n+1))`
 *   (Abramowitz and Stegun 7.1.6); `erfc(2)` is about 0.0047, so the subtraction costs at
 *   most two digits;
 * - for `x >= 2`, the continued fraction (A&S 7.1.14)
 *   `erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))`,
 *   evaluated with the modified Lentz algorithm.
 * Relative error is below 1e-13 over the whole range (checked against tabulated values in
 * `test/traffic/Simulate.test.ts`).
 *
 * @internal
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126 // 2 / sqrt(pi)
const ONE_OVER_SQRT_PI = 0.5641895835477563 // 1 / sqrt(pi)
const EPSILON = 1e-16
const TINY = 1e-300

const erfSeries = (x: number): number => {
  const x2 = x * x
  let term = x
  let sum = x
  for (let n = 0; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 3)
    sum += term
    if (term < sum * EPSILON) break
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum
}

const erfcContinuedFraction = (x: number): number => {
  // erfc(x) * sqrt(pi) * exp(x^2) = 1 / (x + a1/(x + a2/(x + ...))) with a_n = n/2.
  let f = x
  let c = x
  let d = 0
  for (let n = 1; n < 500; n++) {
    const a = n / 2
    d = x + a * d
    d = Math.abs(d) < TINY ? TINY : d
    c = x + a / c
    c = Math.abs(c) < TINY ? TINY : c
    d = 1 / d
    const delta = c * d
    f *= delta
    if (Math.abs(delta - 1) < EPSILON) break
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f
}

/** The complementary error function, `1 - erf(x)`. NaN gives NaN. @internal */
export const erfc = (x: number): number => {
  if (Number.isNaN(x)) return Number.NaN
  if (x < 0) return 2 - erfc(-x)
  if (x === Number.POSITIVE_INFINITY) return 0
  return x < 2 ? 1 - erfSeries(x) : erfcContinuedFraction(x)
}

/** The standard normal upper tail, `P(Z > z)`. @internal */
export const normalUpperTail = (z: number): number => 0.5 * erfc(z / Math.SQRT2)

/**
 * The `z` with `P(Z > z) = tail`, for `tail` in (0, 0.5]: bisection on the upper tail, to the
 * precision of a double (the bracket [0, 40] holds every tail a double can express).
 *
 * @internal
 */
export const normalUpperQuantile = (tail: number): number => {
  let lo = 0
  let hi = 40
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2
    if (mid === lo || mid === hi) break
    if (normalUpperTail(mid) > tail) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * The chi-square survival function with one degree of freedom: `P(X > x)` where `X = Z^2`,
 * that is `erfc(sqrt(x / 2))`. `x <= 0` gives 1, `Infinity` gives 0.
 *
 * @internal
 */
export const chiSquare1Survival = (x: number): number => (x <= 0 ? 1 : erfc(Math.sqrt(x / 2)))

/** A two-sided interval of a proportion. @internal */
export interface Interval {
  readonly lower: number
  readonly upper: number
}

/**
 * The Wilson score interval of `successes` out of `trials` with critical value `z`:
 * `(p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)`, clamped to [0, 1] and exact
 * at the ends (0 successes gives a lower bound of 0, all successes an upper bound of 1).
 *
 * @internal
 */
export const wilson = (successes: number, trials: number, z: number): Interval => {
  if (trials <= 0) return { lower: 0, upper: 1 }
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const center = (p + z2 / (2 * trials)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))
  return {
    lower: successes <= 0 ? 0 : Math.max(0, center - half),
    upper: successes >= trials ? 1 : Math.min(1, center + half)
  }
}
