import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import { route, type Routing } from '../../src/traffic/Route.js'
import { MAX_REQUESTS, sampleRatioMismatch, simulate, uniforms, wilsonInterval, type Simulation } from '../../src/traffic/Simulate.js'
import { chiSquare1Survival, erfc, normalUpperQuantile } from '../../src/traffic/stats.js'
import * as arb from '../arbitraries.js'
import { expectLeft, expectRight } from '../helpers.js'

const stage = (u: unknown): Stage => expectRight(decodeStage(u))
const atPercent = (percentTraffic: number, canaryDeployment = 'eh1sby'): Stage =>
  stage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: canaryDeployment, percentTraffic } })
const run = (s: Stage, requests: number, seed: number): Simulation => expectRight(simulate(s, { requests, seed }))

/** |got - want| <= tolerance * |want| */
const close = (got: number, want: number, tolerance: number): boolean => Math.abs(got - want) <= tolerance * Math.abs(want)

describe('statistics: erfc, the chi-square(1) survival function, the normal quantile', () => {
  // Reference values: CPython's math.erfc (correctly rounded to within an ulp or two).
  const table: ReadonlyArray<readonly [number, number]> = [
    [0, 1],
    [0.1, 0.8875370839817152],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [1.9, 0.0072095707647425325],
    [2, 0.004677734981047265],
    [2.5, 0.0004069520174449589],
    [3, 2.2090496998585438e-5],
    [4, 1.541725790028002e-8],
    [5, 1.5374597944280351e-12],
    [6, 2.1519736712498916e-17],
    [10, 2.088487583762545e-45],
    [20, 5.3958656116079005e-176],
    [26, 5.663192408856143e-296]
  ]

  it('erfc matches tabulated values to 1e-13 relative error, on both sides of the switch at 2', () => {
    for (const [x, want] of table) expect(close(erfc(x), want, 1e-13), `erfc(${x}) = ${erfc(x)}, want ${want}`).toBe(true)
  })

  it('erfc(-x) = 2 - erfc(x), erfc(Infinity) = 0, erfc(NaN) = NaN', () => {
    expect(close(erfc(-1), 1.8427007929497148, 1e-15)).toBe(true)
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0)
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2)
    expect(erfc(Number.NaN)).toBeNaN()
  })

  it('chi-square(1) survival: the textbook critical values give 0.05, 0.01 and 0.001', () => {
    expect(close(chiSquare1Survival(3.841458820694124), 0.05, 1e-12)).toBe(true)
    expect(close(chiSquare1Survival(6.634896601021214), 0.01, 1e-12)).toBe(true)
    expect(close(chiSquare1Survival(10.827566170662733), 0.001, 1e-12)).toBe(true)
    expect(close(chiSquare1Survival(1), 0.31731050786291415, 1e-13)).toBe(true)
    expect(chiSquare1Survival(0)).toBe(1)
    expect(chiSquare1Survival(Number.POSITIVE_INFINITY)).toBe(0)
  })

  it('the normal quantile: 1.959963984540054 for 2.5%, 3.2905267314919255 for 0.05%', () => {
    expect(close(normalUpperQuantile(0.025), 1.959963984540054, 1e-13)).toBe(true)
    expect(close(normalUpperQuantile(0.0005), 3.2905267314919255, 1e-13)).toBe(true)
  })
})

describe('wilsonInterval', () => {
  it('105 of 1000 at 95%', () => {
    const i = expectRight(wilsonInterval(105, 1000, 0.95))
    expect(close(i.lower, 0.08748778261441682, 1e-12)).toBe(true)
    expect(close(i.upper, 0.1255353565891717, 1e-12)).toBe(true)
    expect(i.confidence).toBe(0.95)
  })

  it('is exact at the ends: 0 of 10 gives [0, z^2 / (n + z^2)], 10 of 10 gives an upper bound of 1', () => {
    const none = expectRight(wilsonInterval(0, 10, 0.95))
    expect(none.lower).toBe(0)
    expect(close(none.upper, 0.2775327998628892, 1e-12)).toBe(true)
    expect(expectRight(wilsonInterval(10, 10, 0.95)).upper).toBe(1)
  })

  it('refuses impossible counts and confidences', () => {
    expect(expectLeft(wilsonInterval(5, 3)).field).toBe('successes')
    expect(expectLeft(wilsonInterval(-1, 3)).field).toBe('successes')
    expect(expectLeft(wilsonInterval(1, 0)).field).toBe('trials')
    expect(expectLeft(wilsonInterval(1.5, 3)).field).toBe('successes')
    for (const c of [0, 1, 1.5, Number.NaN]) expect(expectLeft(wilsonInterval(1, 3, c)).field).toBe('confidence')
  })

  it('a wider confidence gives a wider interval, and the interval holds the observed share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const k = Math.floor(f * n)
        const narrow = expectRight(wilsonInterval(k, n, 0.9))
        const wide = expectRight(wilsonInterval(k, n, 0.999))
        return wide.lower <= narrow.lower && narrow.upper <= wide.upper && narrow.lower <= k / n && k / n <= narrow.upper
      })
    )
  })
})

describe('sampleRatioMismatch', () => {
  it('an exact 10% split: statistic 0, p-value 1, consistent', () => {
    expect(expectRight(sampleRatioMismatch({ production: 900, canary: 100 }, 10))).toEqual({
      _tag: 'ChiSquare',
      statistic: 0,
      degreesOfFreedom: 1,
      pValue: 1,
      alpha: 0.001,
      expected: { production: 900, canary: 100 },
      consistent: true
    })
  })

  it('150 canary requests of 1000 at 10%: statistic 250/9, p-value about 1.36e-7, a mismatch', () => {
    const t = expectRight(sampleRatioMismatch({ production: 850, canary: 150 }, 10))
    expect(t._tag).toBe('ChiSquare')
    expect(close(t._tag === 'ChiSquare' ? t.statistic : Number.NaN, 250 / 9, 1e-12)).toBe(true)
    expect(close(t.pValue, 1.3608022911357324e-7, 1e-9)).toBe(true)
    expect(t.consistent).toBe(false)
  })

  it('alpha decides: the same counts are consistent at a smaller alpha', () => {
    const counts = { production: 880, canary: 120 } // statistic 4.44, p-value 0.035
    expect(expectRight(sampleRatioMismatch(counts, 10, 0.05)).consistent).toBe(false)
    expect(expectRight(sampleRatioMismatch(counts, 10, 0.01)).consistent).toBe(true)
  })

  it('0% is exact: no canary request is consistent, any canary request is a mismatch', () => {
    expect(expectRight(sampleRatioMismatch({ production: 1000, canary: 0 }, 0))).toEqual({
      _tag: 'Exact',
      unexpected: 0,
      pValue: 1,
      alpha: 0.001,
      expected: { production: 1000, canary: 0 },
      consistent: true
    })
    expect(expectRight(sampleRatioMismatch({ production: 999_999, canary: 1 }, 0))).toMatchObject({ _tag: 'Exact', unexpected: 1, pValue: 0, consistent: false })
  })

  it('100% is exact: any production request is a mismatch', () => {
    expect(expectRight(sampleRatioMismatch({ production: 0, canary: 1000 }, 100))).toMatchObject({ _tag: 'Exact', unexpected: 0, consistent: true })
    expect(expectRight(sampleRatioMismatch({ production: 3, canary: 999_997 }, 100))).toMatchObject({ _tag: 'Exact', unexpected: 3, pValue: 0, consistent: false })
  })

  it('a share so small that it is 0 as a double is exact; one just above gives the largest finite statistic, not Infinity', () => {
    expect(expectRight(sampleRatioMismatch({ production: 10, canary: 1 }, 1e-323))).toMatchObject({ _tag: 'Exact', unexpected: 1, consistent: false })
    expect(expectRight(sampleRatioMismatch({ production: 10, canary: 1 }, 1e-321))).toMatchObject({ _tag: 'ChiSquare', statistic: Number.MAX_VALUE, pValue: 0, consistent: false })
  })

  it('no requests at all are consistent with any share', () => {
    expect(expectRight(sampleRatioMismatch({ production: 0, canary: 0 }, 10))).toMatchObject({ _tag: 'ChiSquare', statistic: 0, pValue: 1, consistent: true })
    for (const p of [0, 100]) expect(expectRight(sampleRatioMismatch({ production: 0, canary: 0 }, p))).toMatchObject({ _tag: 'Exact', unexpected: 0, pValue: 1, consistent: true })
  })

  it('JSON holds every result as it is: no Infinity, no NaN (they would print as null)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.oneof(fc.constantFrom(0, 100, 1e-300, 1e-321, 5e-324, 100 - 1e-13), fc.double({ min: 0, max: 100, noNaN: true })),
        (production, canary, p) => {
          const t = expectRight(sampleRatioMismatch({ production, canary }, p))
          expect(JSON.parse(JSON.stringify(t))).toEqual(t)
          expect(t._tag === 'Exact').toBe(p / 100 === 0 || p / 100 === 1)
        }
      )
    )
  })

  it('refuses counts that are not counts, percentages out of range, alpha outside (0, 1)', () => {
    expect(expectLeft(sampleRatioMismatch({ production: -1, canary: 0 }, 10)).field).toBe('observed.production')
    expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 0.5 }, 10)).field).toBe('observed.canary')
    expect(expectLeft(sampleRatioMismatch(null as unknown as { production: number; canary: number }, 10)).field).toBe('observed')
    for (const p of [-1, 100.5, Number.NaN]) expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 1 }, p)).field).toBe('percentTraffic')
    for (const a of [0, 1, Number.NaN]) expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 1 }, 10, a)).field).toBe('alpha')
  })
})

describe('simulate: examples', () => {
  it('the seed stage at 10.5%: counts per channel and per deployment add up', () => {
    const r = run(stage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } }), 10_000, 7)
    expect(r.production + r.canary).toBe(10_000)
    expect(r.byDeployment).toEqual({ nfcn0x: r.production, eh1sby: r.canary })
    expect(r.canaryShare).toBe(r.canary / 10_000)
    expect(r.percentTraffic).toBe(10.5)
    expect(r.interval.confidence).toBe(0.999)
    expect(r.interval.lower).toBeLessThanOrEqual(r.canaryShare)
    expect(r.interval.upper).toBeGreaterThanOrEqual(r.canaryShare)
  })

  it('0% sends no request to the canary; 100% sends every request there', () => {
    expect(run(atPercent(0), 100_000, 1)).toMatchObject({ production: 100_000, canary: 0, byDeployment: { nfcn0x: 100_000, eh1sby: 0 } })
    expect(run(atPercent(100), 100_000, 1)).toMatchObject({ production: 0, canary: 100_000, byDeployment: { nfcn0x: 0, eh1sby: 100_000 } })
  })

  it('no canary: every request to the stage\'s deployment', () => {
    expect(run(stage({ deploymentId: 'nfcn0x' }), 500, 3)).toMatchObject({ production: 500, canary: 0, byDeployment: { nfcn0x: 500 }, percentTraffic: 0 })
  })

  it('a canary on the production deployment: one deployment takes every request', () => {
    const r = run(atPercent(50, 'nfcn0x'), 1000, 3)
    expect(r.byDeployment).toEqual({ nfcn0x: 1000 })
    expect(r.canary).toBeGreaterThan(0)
  })

  it('a confidence of 95% gives a narrower interval than the default 99.9%', () => {
    const s = atPercent(10)
    const wide = run(s, 10_000, 5).interval
    const narrow = expectRight(simulate(s, { requests: 10_000, seed: 5, confidence: 0.95 })).interval
    expect(narrow.confidence).toBe(0.95)
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower)
  })

  it('the whole safe-integer seed counts: 1 and 1 + 2^32 give different runs, negative seeds work', () => {
    const s = atPercent(50)
    expect(expectRight(uniforms(1, 8))).not.toEqual(expectRight(uniforms(1 + 2 ** 32, 8)))
    expect(run(s, 1000, -5).requests).toBe(1000)
    expect(run(s, 1000, Number.MAX_SAFE_INTEGER).requests).toBe(1000)
  })

  it('a million requests are all counted (their speed is measured in bench/simulate.mjs)', () => {
    const r = run(atPercent(10), 1_000_000, 42)
    expect(r.production + r.canary).toBe(1_000_000)
  })
})

describe('simulate: failures', () => {
  const s = atPercent(10)
  it('requests must be a whole number from 1 to MAX_REQUESTS', () => {
    for (const requests of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_REQUESTS + 1, '10' as unknown as number]) {
      expect(expectLeft(simulate(s, { requests, seed: 1 })).field).toBe('requests')
    }
    expect(expectLeft(simulate(s, { requests: 0, seed: 1 })).message).toBe('requests: 0 is not a whole number of requests from 1 to 100000000')
  })

  it('the seed must be a safe integer', () => {
    for (const seed of [1.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY]) expect(expectLeft(simulate(s, { requests: 10, seed })).field).toBe('seed')
  })

  it('the confidence must be strictly between 0 and 1', () => {
    for (const confidence of [0, 1, -0.5, 99.9]) expect(expectLeft(simulate(s, { requests: 10, seed: 1, confidence })).field).toBe('confidence')
  })

  it('a stage without a deploymentId, or options that are not an object', () => {
    expect(expectLeft(simulate(stage({}), { requests: 10, seed: 1 })).field).toBe('deploymentId')
    expect(expectLeft(simulate(s, null as unknown as { requests: number; seed: number })).field).toBe('options')
  })

  it('a stage that is not an object (null included): a Left, not a throw', () => {
    expect(expectLeft(simulate(null as never, { requests: 10, seed: 1 }))).toMatchObject({ _tag: 'InvalidValue', field: 'stage' })
  })

  it('nothing throws, whatever the arguments', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object())
    fc.assert(
      fc.property(junk, junk, junk, (a, b, c) => {
        expect(() => simulate(a as never, b as never)).not.toThrow()
        expect(() => simulate(s, { requests: 10, seed: 1, confidence: a as never })).not.toThrow()
        expect(() => sampleRatioMismatch(a as never, b as never, c as never)).not.toThrow()
        expect(() => wilsonInterval(a as never, b as never, c as never)).not.toThrow()
        expect(() => uniforms(a as never, 3)).not.toThrow()
      })
    )
  })
})

describe('simulate: laws', () => {
  it('determinism: the same stage, requests and seed give the same run (deep equal)', () => {
    fc.assert(
      fc.property(arb.deployedStage, fc.integer({ min: 1, max: 5000 }), fc.maxSafeInteger(), (s, n, seed) => {
        expect(simulate(s, { requests: n, seed })).toEqual(simulate(s, { requests: n, seed }))
      })
    )
  })

  it('counts add up: production + canary = requests, and so do the per-deployment counts', () => {
    fc.assert(
      fc.property(arb.deployedStage, fc.integer({ min: 1, max: 5000 }), fc.integer(), (s, n, seed) => {
        const r = run(s, n, seed)
        return r.production + r.canary === n && Object.values(r.byDeployment).reduce((a, b) => a + b, 0) === n
      })
    )
  })

  it('0% never sends a request to the canary, 100% always does', () => {
    fc.assert(
      fc.property(arb.canaryStage, fc.constantFrom(0, 100), fc.integer({ min: 1, max: 5000 }), fc.integer(), (s, p, n, seed) => {
        const r = run({ ...s, canarySettings: { ...s.canarySettings, percentTraffic: p } } as Stage, n, seed)
        return p === 0 ? r.canary === 0 : r.canary === n
      })
    )
  })

  it('each request goes where route sends it for the same draw', () => {
    fc.assert(
      fc.property(arb.canaryStage, fc.integer({ min: 1, max: 2000 }), fc.integer(), (s, n, seed) => {
        const draws = expectRight(uniforms(seed, n))
        const canary = draws.filter((u) => E.exists((r: Routing) => r.channel === 'canary')(route(s, u))).length
        return run(s, n, seed).canary === canary
      })
    )
  })
})

describe('simulate: the statistical property', () => {
  // 2000 seeds x 1000 requests at p = 10%. For one run, the probability q that p falls outside
  // the run's 99.9% Wilson interval is computed exactly from Binomial(1000, 0.1): the sum of
  // the probabilities of the counts k whose interval misses p. (Wilson's coverage is close to,
  // but not exactly, 99.9%.) The number of misses over 2000 independent runs is then
  // Binomial(2000, q), and the test allows at most the count m whose upper tail
  // P(M > m) is below 1e-9: a correct simulator fails it with probability under 1e-9.
  const seeds = 2000
  const n = 1000
  const p = 0.1

  const logFactorial = (() => {
    const table = [0]
    for (let i = 1; i <= seeds; i++) table.push((table[i - 1] ?? 0) + Math.log(i))
    return (k: number): number => table[k] ?? Number.NaN
  })()
  const binomialPmf = (k: number, trials: number, prob: number): number =>
    Math.exp(logFactorial(trials) - logFactorial(k) - logFactorial(trials - k) + k * Math.log(prob) + (trials - k) * Math.log1p(-prob))

  const missesP = (k: number): boolean => {
    const i = expectRight(wilsonInterval(k, n, 0.999))
    return p < i.lower || p > i.upper
  }
  const q = Array.from({ length: n + 1 }, (_, k) => (missesP(k) ? binomialPmf(k, n, p) : 0)).reduce((a, b) => a + b, 0)
  const bound = (() => {
    let tail = 1 // P(M > m - 1) = P(M >= m)
    for (let m = 0; m <= seeds; m++) {
      tail -= binomialPmf(m, seeds, q) // now P(M > m)
      if (tail < 1e-9) return m
    }
    return seeds
  })()

  const runs = Array.from({ length: seeds }, (_, seed) => run(atPercent(p * 100), n, seed))

  it(`the true share falls outside the 99.9% interval in at most the binomial bound of ${seeds} runs`, () => {
    expect(q).toBeGreaterThan(0.0002)
    expect(q).toBeLessThan(0.005)
    const misses = runs.filter((r) => p < r.interval.lower || p > r.interval.upper).length
    expect(misses).toBeLessThanOrEqual(bound)
  })

  it('the counts spread as a binomial does: the dispersion statistic is within 6 standard deviations of its mean', () => {
    // sum (k_i - np)^2 / (np(1 - p)) over the runs is chi-square with `seeds` degrees of freedom
    // (approximately): mean `seeds`, standard deviation sqrt(2 * seeds).
    const d = runs.reduce((acc, r) => acc + (r.canary - n * p) ** 2 / (n * p * (1 - p)), 0)
    expect(Math.abs(d - seeds)).toBeLessThan(6 * Math.sqrt(2 * seeds))
  })

  it('the pooled 2,000,000 requests show no sample ratio mismatch at alpha 1e-6', () => {
    const canary = runs.reduce((acc, r) => acc + r.canary, 0)
    expect(expectRight(sampleRatioMismatch({ production: seeds * n - canary, canary }, p * 100, 1e-6)).consistent).toBe(true)
  })
})
