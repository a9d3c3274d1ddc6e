/**
 * The pure parts of the rollout driver: gate judging, the tags it keeps on the stage, the
 * backoff. Examples first (the reference's cases, failures included), then properties.
 */
import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'
import * as Backoff from '../../src/rollout/Backoff.js'
import * as DriverState from '../../src/rollout/DriverState.js'
import * as Gates from '../../src/rollout/Gates.js'
import * as RolloutPreset from '../../src/rollout/RolloutPreset.js'
import { canaryStageDimension } from '../../src/gateway/metrics/Datapoint.js'

const channels = (n: number, k: number, n0: number, k0: number) => ({ 'canary.requests': n, 'canary.5XX': k, 'production.requests': n0, 'production.5XX': k0 })

describe('Gates: judging', () => {
  const spec = Gates.errorRate({ minRequests: 100 })
  it('error rate: fail, pass, inconclusive, with the numbers said', () => {
    expect(Gates.judge(spec, channels(500, 100, 4500, 5))).toMatchObject({ verdict: 'fail' })
    expect(Gates.judge(spec, channels(500, 1, 4500, 5)).reason).toBe(
      '5XX error rate: canary 1/500 = 0.20% (lower bound 0.04% at 95%), production 5/4500 = 0.11%, limit 1.11%'
    )
    expect(Gates.judge(spec, channels(99, 99, 0, 0))).toMatchObject({ verdict: 'inconclusive' })
    // 4XX judged apart from 5XX.
    expect(Gates.judge(Gates.errorRate({ errors: '4XX', minRequests: 10 }), { 'canary.requests': 100, 'canary.4XX': 50 })).toMatchObject({ verdict: 'fail' })
    // An absolute bound.
    expect(Gates.judge(Gates.errorRate({ maxRate: 0.5, minRequests: 10 }), channels(100, 20, 100, 0))).toMatchObject({ verdict: 'pass' })
  })
  it('latency: ratio and absolute bounds, inconclusive without data', () => {
    const m = { 'canary.requests': 100, 'canary.p99': 300, 'production.p99': 100 }
    expect(Gates.judge(Gates.latency({ maxRatio: 2 }), m).verdict).toBe('fail')
    expect(Gates.judge(Gates.latency({ maxRatio: 4 }), m).verdict).toBe('pass')
    expect(Gates.judge(Gates.latency({ maxMs: 250 }), m).verdict).toBe('fail')
    expect(Gates.judge(Gates.latency({ maxRatio: 2 }), { 'canary.requests': 100, 'canary.p99': 300 }).verdict).toBe('inconclusive')
    expect(Gates.judge(Gates.latency({ percentile: 'p50', maxMs: 250 }), m).verdict).toBe('inconclusive')
  })
  it('alarms: ALARM fails, INSUFFICIENT_DATA or missing is inconclusive', () => {
    expect(Gates.judge(Gates.alarms(['a', 'b']), { 'alarm:a': 0, 'alarm:b': 1 }).verdict).toBe('fail')
    expect(Gates.judge(Gates.alarms(['a', 'b']), { 'alarm:a': 0 }).verdict).toBe('inconclusive')
    expect(Gates.judge(Gates.alarms(['a']), { 'alarm:a': 0 }).verdict).toBe('pass')
  })
  it('hostile metrics: __proto__ and non-numbers are no data', () => {
    expect(Gates.judge(spec, JSON.parse('{"__proto__": {"canary.requests": 1000}, "canary.requests": "1000"}')).verdict).toBe('inconclusive')
  })
  it('checkSpec refuses bad numbers; preset refuses a bad spec', () => {
    expect(Gates.checkSpec(Gates.latency({ maxRatio: -1 }))._tag).toBe('Left')
    expect(Gates.checkSpec(Gates.alarms([]))._tag).toBe('Left')
    expect(Gates.checkSpec(Gates.approval(0))._tag).toBe('Left')
    expect(Gates.preset('Canary10Percent5Minutes', [Gates.errorRate({ minRequests: 0 })])._tag).toBe('Left')
  })
  test.prop([fc.integer({ min: 100, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 1000 })])(
    'more canary errors never turn a fail into a pass (monotone in the canary errors)',
    (n, n0, k0raw) => {
      const k0 = Math.min(k0raw, n0)
      let failed = false
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 50))) {
        const v = Gates.judge(Gates.errorRate({ minRequests: 100 }), channels(n, k, n0, k0)).verdict
        if (failed) expect(v).toBe('fail')
        failed ||= v === 'fail'
      }
    }
  )
  test.prop([fc.integer({ min: 1000, max: 100_000 })])('a canary as good as production passes', (n) => {
    expect(Gates.judge(Gates.errorRate({}), channels(n, Math.floor(n * 0.01), n * 9, Math.floor(n * 9 * 0.01))).verdict).toBe('pass')
  })
})

describe('DriverState: tags', () => {
  it('the canary dimension is the simulator’s', () => {
    // The driver's default `{stage}/Canary` and the simulator's constant must agree.
    expect(canaryStageDimension('prod')).toBe('prod/Canary')
  })
  it('lock and position round-trip; malformed values read as none', () => {
    expect(DriverState.readLock({ 'apigw-canary:lock': 'a b c' })).toBeUndefined()
    expect(DriverState.readLock({ 'apigw-canary:lock': 'a 1e9' })).toBeUndefined()
    expect(DriverState.readPosition({ 'apigw-canary:position': 'plan=x step=1 since=0 paused=2 canary=y window=0' })).toBeUndefined()
    expect(DriverState.readLock(JSON.parse('{"__proto__": "x 1"}'))).toBeUndefined()
  })
  const text = fc.string({ minLength: 1, maxLength: 30 })
  test.prop([text, fc.integer({ min: 0, max: 2 ** 50 })])('a lock reads back as written (owner as a tag can hold it)', (owner, expiresAt) => {
    const tags = DriverState.lockTags({ owner, expiresAt })
    expect(DriverState.readLock(tags)).toEqual({ owner: DriverState.ownerName(owner), expiresAt })
    expect(Object.values(tags).every((v) => /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(v) && v.length <= 256)).toBe(true)
  })
  test.prop([fc.stringMatching(/^[0-9a-f]{16}$/), fc.nat(1000), fc.nat(2 ** 45), fc.boolean(), fc.stringMatching(/^[a-z0-9]{6}$/), fc.nat(2 ** 45)])(
    'a position reads back as written',
    (planHash, step, since, paused, canaryDeploymentId, windowStart) => {
      const p = { planHash, step, since, paused, canaryDeploymentId, windowStart }
      expect(DriverState.readPosition(DriverState.positionTags(p))).toEqual(p)
    }
  )
  it('the plan hash sees every number of every preset', () => {
    const hashes = RolloutPreset.presetNames.map((n) => DriverState.planHash(RolloutPreset[n]))
    expect(new Set(hashes).size).toBe(hashes.length)
    const a = Gates.preset('Canary10Percent5Minutes', [Gates.errorRate({ maxIncrease: 0.01 })])
    const b = Gates.preset('Canary10Percent5Minutes', [Gates.errorRate({ maxIncrease: 0.02 })])
    expect(a._tag === 'Right' && b._tag === 'Right' && DriverState.planHash(a.right) !== DriverState.planHash(b.right)).toBe(true)
  })
})

describe('Backoff', () => {
  it('classifies as the SDK does', () => {
    expect(Backoff.classify({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toBe('throttling')
    expect(Backoff.classify({ name: 'LimitExceededException' })).toBe('throttling')
    expect(Backoff.classify({ name: 'BadRequestException', $metadata: { httpStatusCode: 400 } })).toBe('final')
    expect(Backoff.classify({ name: 'NotFoundException', $metadata: { httpStatusCode: 404 } })).toBe('final')
    expect(Backoff.classify({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })).toBe('transient')
    expect(Backoff.classify({ name: 'Error', cause: { code: 'ECONNRESET' } })).toBe('transient')
    expect(Backoff.classify({ name: 'AbortError', $metadata: { httpStatusCode: 503 } })).toBe('final')
    expect(Backoff.classify(null)).toBe('final')
  })
  test.prop([fc.nat(100), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])('the delay is within [0, min(cap, base * 2^attempt))', (attempt, r) => {
    const s = Backoff.DEFAULT_SETTINGS
    const d = Backoff.delay(attempt, s, r)
    expect(d).toBeGreaterThanOrEqual(0)
    expect(d).toBeLessThanOrEqual(Math.min(s.capMs, s.baseMs * 2 ** attempt))
  })
  test.prop([fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])('the ceiling never shrinks as attempts grow', (attempt, r) => {
    const s = Backoff.DEFAULT_SETTINGS
    expect(Backoff.delay(attempt + 1, s, r)).toBeGreaterThanOrEqual(Backoff.delay(attempt, s, r))
  })
})
