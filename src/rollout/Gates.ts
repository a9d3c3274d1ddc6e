/**
 * Gates that judge a canary against production, as data: the error rate of one channel against
 * the other's ({@link errorRate}), a latency percentile ({@link latency}), CloudWatch alarms by
 * name ({@link alarms}) and a person's approval ({@link approval}). Each is a {@link GateSpec};
 * {@link gateOf} turns specs into a `Rollout.Gate` whose check reads the flat metrics the driver
 * gathers ({@link metricNames}), so the state machine stays as it is and any other metric source
 * can feed a plain gate of its own.
 *
 * Judging (pure; numbers in, a verdict and its reason out):
 * - error rate: the canary's errors out of its requests (`5XXError` Sum / `Count` Sum over the
 *   window) against production's over the same window. Fewer than `minRequests` canary
 *   requests is inconclusive. The gate fails when the lower end of the canary rate's Wilson
 *   interval (at `confidence`, one-sided) is above production's rate plus `maxIncrease` (or
 *   above `maxRate` when given): the canary is then worse with that confidence. Otherwise it
 *   passes;
 * - latency: the canary's pNN against `maxMs`, and against production's pNN times `maxRatio`;
 *   fewer than `minRequests` canary requests, or a missing percentile, is inconclusive;
 * - alarms: any alarm in `ALARM` fails, any in `INSUFFICIENT_DATA` (or missing) is inconclusive;
 * - approval: approved passes, timed out fails.
 * A gate of several specs takes the worst verdict (fail, then inconclusive, then pass).
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import { normalUpperQuantile, wilson } from '../traffic/stats.js'
import type { Gate, Metrics, Plan, Verdict } from './Plan.js'
import * as RolloutPreset from './RolloutPreset.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a gate judges.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const spec: Gates.GateSpec = Gates.errorRate({ maxIncrease: 0.01 })
 * assert.strictEqual(spec._tag, 'ErrorRate')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type GateSpec =
  | {
      readonly _tag: 'ErrorRate'
      readonly errors: '5XX' | '4XX'
      readonly maxIncrease: number
      readonly maxRate?: number
      readonly minRequests: number
      readonly confidence: number
    }
  | { readonly _tag: 'Latency'; readonly percentile: Percentile; readonly maxRatio?: number; readonly maxMs?: number; readonly minRequests: number }
  | { readonly _tag: 'Alarms'; readonly names: ReadonlyArray<string> }
  | { readonly _tag: 'Approval'; readonly timeoutMs: number }

/**
 * The latency percentiles a gate can judge.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const p: Gates.Percentile = 'p99'
 * assert.strictEqual(p, 'p99')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Percentile = 'p50' | 'p90' | 'p99'

/**
 * A `Rollout.Gate` built from specs: the driver reads `specs` to know what to measure.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const g: Gates.SpecGate = Gates.gateOf('errors', [Gates.errorRate({})])
 * assert.strictEqual(g.specs.length, 1)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface SpecGate extends Gate {
  readonly specs: ReadonlyArray<GateSpec>
}

/**
 * One spec's verdict on a measurement, with the numbers it used, said in words.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const j: Gates.Judgement = Gates.judge(Gates.alarms(['high-5xx']), { 'alarm:high-5xx': 1 })
 * assert.deepStrictEqual(j, { verdict: 'fail', reason: 'alarm high-5xx is in ALARM' })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Judgement {
  readonly verdict: Verdict
  readonly reason: string
}

/**
 * The alarm states as numbers in the metrics (`alarm:{name}`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.strictEqual(Gates.ALARM_STATE.ALARM, 1)
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const ALARM_STATE = { OK: 0, ALARM: 1, INSUFFICIENT_DATA: 2 } as const

/**
 * The names of the metrics the driver gathers: per channel (`canary` or `production`), the
 * request count, the 5XX and 4XX error counts and the latency percentiles; each alarm's state;
 * and the approval.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.strictEqual(Gates.metricNames.requests('canary'), 'canary.requests')
 * assert.strictEqual(Gates.metricNames.errors('production', '5XX'), 'production.5XX')
 * assert.strictEqual(Gates.metricNames.latency('canary', 'p99'), 'canary.p99')
 * assert.strictEqual(Gates.metricNames.alarm('high-5xx'), 'alarm:high-5xx')
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const metricNames = {
  /** A channel's request count (`Count`). */
  requests: (channel: Channel): string => `${channel}.requests`,
  /** A channel's 5XX or 4XX error count (`5XXError`, `4XXError` Sum). */
  errors: (channel: Channel, kind: '5XX' | '4XX'): string => `${channel}.${kind}`,
  /** A channel's latency percentile, in milliseconds. */
  latency: (channel: Channel, p: Percentile): string => `${channel}.${p}`,
  /** An alarm's state ({@link ALARM_STATE}). */
  alarm: (name: string): string => `alarm:${name}`,
  /** The approval: 1 approved, 0 timed out. */
  approved: 'approved'
} as const

/**
 * The two channels a stage serves.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const c: Gates.Channel = 'canary'
 * assert.strictEqual(c, 'canary')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Channel = 'canary' | 'production'

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An error-rate spec: 5XX by default, at most 1 percentage point worse than production, at
 * least 50 canary requests, 95% confidence.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(Gates.errorRate({ errors: '4XX' }), { _tag: 'ErrorRate', errors: '4XX', maxIncrease: 0.01, minRequests: 50, confidence: 0.95 })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const errorRate = (o: {
  readonly errors?: '5XX' | '4XX'
  readonly maxIncrease?: number
  readonly maxRate?: number
  readonly minRequests?: number
  readonly confidence?: number
}): GateSpec => ({
  _tag: 'ErrorRate',
  errors: o.errors ?? '5XX',
  maxIncrease: o.maxIncrease ?? 0.01,
  ...(o.maxRate === undefined ? {} : { maxRate: o.maxRate }),
  minRequests: o.minRequests ?? 50,
  confidence: o.confidence ?? 0.95
})

/**
 * A latency spec: the canary's percentile at most `maxMs`, and at most `maxRatio` times
 * production's (1.5 by default when neither is given); at least 50 canary requests.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(Gates.latency({ percentile: 'p99', maxMs: 300 }), { _tag: 'Latency', percentile: 'p99', maxMs: 300, minRequests: 50 })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const latency = (o: { readonly percentile?: Percentile; readonly maxRatio?: number; readonly maxMs?: number; readonly minRequests?: number }): GateSpec => ({
  _tag: 'Latency',
  percentile: o.percentile ?? 'p99',
  ...(o.maxRatio === undefined && o.maxMs === undefined ? { maxRatio: 1.5 } : {}),
  ...(o.maxRatio === undefined ? {} : { maxRatio: o.maxRatio }),
  ...(o.maxMs === undefined ? {} : { maxMs: o.maxMs }),
  minRequests: o.minRequests ?? 50
})

/**
 * An alarms spec: CloudWatch alarms by name.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(Gates.alarms(['a']), { _tag: 'Alarms', names: ['a'] })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const alarms = (names: ReadonlyArray<string>): GateSpec => ({ _tag: 'Alarms', names })

/**
 * An approval spec: waits for a person's approval, failing (and so rolling back) after
 * `timeoutMs`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(Gates.approval(3_600_000), { _tag: 'Approval', timeoutMs: 3_600_000 })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const approval = (timeoutMs: number): GateSpec => ({ _tag: 'Approval', timeoutMs })

// -------------------------------------------------------------------------------------
// judging
// -------------------------------------------------------------------------------------

const num = (m: Metrics, name: string): number | undefined => {
  const v = Object.prototype.hasOwnProperty.call(m, name) ? m[name] : undefined
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`

const judgeErrorRate = (s: Extract<GateSpec, { _tag: 'ErrorRate' }>, m: Metrics): Judgement => {
  const n = num(m, metricNames.requests('canary')) ?? 0
  const k = num(m, metricNames.errors('canary', s.errors)) ?? 0
  const n0 = num(m, metricNames.requests('production')) ?? 0
  const k0 = num(m, metricNames.errors('production', s.errors)) ?? 0
  if (n < s.minRequests) return { verdict: 'inconclusive', reason: `${s.errors} error rate: ${n} canary requests < minRequests ${s.minRequests}` }
  const base = n0 > 0 ? k0 / n0 : 0
  const limit = s.maxRate ?? base + s.maxIncrease
  const z = normalUpperQuantile(1 - s.confidence)
  const lower = wilson(Math.min(k, n), n, z).lower
  const said = `canary ${k}/${n} = ${pct(k / n)} (lower bound ${pct(lower)} at ${s.confidence * 100}%), production ${k0}/${n0} = ${pct(base)}, limit ${pct(limit)}`
  return lower > limit ? { verdict: 'fail', reason: `${s.errors} error rate: ${said}` } : { verdict: 'pass', reason: `${s.errors} error rate: ${said}` }
}

const judgeLatency = (s: Extract<GateSpec, { _tag: 'Latency' }>, m: Metrics): Judgement => {
  const n = num(m, metricNames.requests('canary')) ?? 0
  const c = num(m, metricNames.latency('canary', s.percentile))
  const p = num(m, metricNames.latency('production', s.percentile))
  if (n < s.minRequests || c === undefined) return { verdict: 'inconclusive', reason: `${s.percentile} latency: ${n} canary requests < minRequests ${s.minRequests} or no data` }
  if (s.maxMs !== undefined && c > s.maxMs) return { verdict: 'fail', reason: `${s.percentile} latency: canary ${c} ms > maxMs ${s.maxMs}` }
  if (s.maxRatio !== undefined) {
    if (p === undefined || p <= 0) return { verdict: 'inconclusive', reason: `${s.percentile} latency: no production data to compare with` }
    const ratio = c / p
    if (ratio > s.maxRatio) return { verdict: 'fail', reason: `${s.percentile} latency: canary ${c} ms / production ${p} ms = ${ratio.toFixed(2)} > maxRatio ${s.maxRatio}` }
    return { verdict: 'pass', reason: `${s.percentile} latency: canary ${c} ms / production ${p} ms = ${ratio.toFixed(2)} <= maxRatio ${s.maxRatio}` }
  }
  return { verdict: 'pass', reason: `${s.percentile} latency: canary ${c} ms <= maxMs ${s.maxMs ?? 'none'}` }
}

const judgeAlarms = (s: Extract<GateSpec, { _tag: 'Alarms' }>, m: Metrics): Judgement => {
  const states = s.names.map((name) => [name, num(m, metricNames.alarm(name))] as const)
  const alarming = states.filter(([, v]) => v === ALARM_STATE.ALARM).map(([n]) => n)
  if (alarming.length > 0) return { verdict: 'fail', reason: `alarm ${alarming.join(', ')} ${alarming.length === 1 ? 'is' : 'are'} in ALARM` }
  const unknown = states.filter(([, v]) => v !== ALARM_STATE.OK).map(([n]) => n)
  if (unknown.length > 0) return { verdict: 'inconclusive', reason: `alarm ${unknown.join(', ')}: INSUFFICIENT_DATA or not found` }
  return { verdict: 'pass', reason: `alarms OK: ${s.names.join(', ')}` }
}

/**
 * Judges one spec on the metrics gathered (see the module's header for the rules).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const spec = Gates.errorRate({ minRequests: 100 })
 * // 20% of 500 canary requests fail, production 0.1%: the canary is worse.
 * const bad = Gates.judge(spec, { 'canary.requests': 500, 'canary.5XX': 100, 'production.requests': 4500, 'production.5XX': 5 })
 * assert.strictEqual(bad.verdict, 'fail')
 * // 1 of 500: within a point of production's.
 * assert.strictEqual(Gates.judge(spec, { 'canary.requests': 500, 'canary.5XX': 1, 'production.requests': 4500, 'production.5XX': 5 }).verdict, 'pass')
 * // Too few requests to say.
 * assert.strictEqual(Gates.judge(spec, { 'canary.requests': 20, 'canary.5XX': 10 }).verdict, 'inconclusive')
 * ```
 *
 * @category judging
 * @since 0.2.0
 */
export const judge = (spec: GateSpec, metrics: Metrics): Judgement => {
  switch (spec._tag) {
    case 'ErrorRate':
      return judgeErrorRate(spec, metrics)
    case 'Latency':
      return judgeLatency(spec, metrics)
    case 'Alarms':
      return judgeAlarms(spec, metrics)
    case 'Approval': {
      const a = num(metrics, metricNames.approved)
      return a === 1
        ? { verdict: 'pass', reason: 'approved' }
        : a === 0
          ? { verdict: 'fail', reason: `not approved within ${spec.timeoutMs} ms` }
          : { verdict: 'inconclusive', reason: 'waiting for approval' }
    }
  }
}

const RANK: { readonly [V in Verdict]: number } = { pass: 0, inconclusive: 1, fail: 2 }

/**
 * Judges every spec; the worst verdict wins, with every reason.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const j = Gates.judgeAll([Gates.alarms(['a']), Gates.alarms(['b'])], { 'alarm:a': 0, 'alarm:b': 2 })
 * assert.strictEqual(j.verdict, 'inconclusive')
 * assert.strictEqual(j.reason, 'alarms OK: a; alarm b: INSUFFICIENT_DATA or not found')
 * ```
 *
 * @category judging
 * @since 0.2.0
 */
export const judgeAll = (specs: ReadonlyArray<GateSpec>, metrics: Metrics): Judgement => {
  const all = specs.map((s) => judge(s, metrics))
  const verdict = all.reduce<Verdict>((worst, j) => (RANK[j.verdict] > RANK[worst] ? j.verdict : worst), 'pass')
  return { verdict, reason: all.map((j) => j.reason).join('; ') }
}

const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0
const fraction = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1

/**
 * Checks a spec's numbers (a Left says which field is wrong and why).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.ok(E.isRight(Gates.checkSpec(Gates.latency({ maxMs: 300 }))))
 * assert.ok(E.isLeft(Gates.checkSpec(Gates.errorRate({ confidence: 2 }))))
 * ```
 *
 * @category judging
 * @since 0.2.0
 */
export const checkSpec = (spec: GateSpec): E.Either<InvalidValue, GateSpec> => {
  switch (spec._tag) {
    case 'ErrorRate':
      if (!fraction(spec.maxIncrease)) return E.left(invalidValue('maxIncrease', spec.maxIncrease, 'is not a rate increase (0 to 1, such as 0.01 for one point)'))
      if (spec.maxRate !== undefined && !fraction(spec.maxRate)) return E.left(invalidValue('maxRate', spec.maxRate, 'is not a rate (0 to 1)'))
      if (!(typeof spec.confidence === 'number' && spec.confidence >= 0.5 && spec.confidence < 1)) return E.left(invalidValue('confidence', spec.confidence, 'is not a confidence (0.5 to less than 1, such as 0.95)'))
      return Number.isSafeInteger(spec.minRequests) && spec.minRequests >= 1 ? E.right(spec) : E.left(invalidValue('minRequests', spec.minRequests, 'is not a whole number of at least 1'))
    case 'Latency':
      if (spec.maxMs !== undefined && !positive(spec.maxMs)) return E.left(invalidValue('maxMs', spec.maxMs, 'is not a latency bound (milliseconds, more than 0)'))
      if (spec.maxRatio !== undefined && !positive(spec.maxRatio)) return E.left(invalidValue('maxRatio', spec.maxRatio, 'is not a ratio (more than 0, such as 1.5)'))
      if (!['p50', 'p90', 'p99'].includes(spec.percentile)) return E.left(invalidValue('percentile', spec.percentile, 'is not one of p50, p90, p99'))
      return Number.isSafeInteger(spec.minRequests) && spec.minRequests >= 1 ? E.right(spec) : E.left(invalidValue('minRequests', spec.minRequests, 'is not a whole number of at least 1'))
    case 'Alarms':
      return Array.isArray(spec.names) && spec.names.length > 0 && spec.names.every((n) => typeof n === 'string' && n.length > 0 && n.length <= 255)
        ? E.right(spec)
        : E.left(invalidValue('names', spec.names, 'is not a list of alarm names (1 to 255 characters each)'))
    case 'Approval':
      return Number.isSafeInteger(spec.timeoutMs) && spec.timeoutMs > 0 ? E.right(spec) : E.left(invalidValue('timeoutMs', spec.timeoutMs, 'is not a timeout (whole milliseconds, more than 0)'))
    default:
      return E.left(invalidValue('_tag', (spec as { _tag?: unknown })._tag, 'is not one of ErrorRate, Latency, Alarms, Approval'))
  }
}

/**
 * A gate from specs: measured every `interval` (one minute by default, API Gateway's metric
 * period), passing after `count` (1) measurements; the first failure fails, the first
 * inconclusive measurement pauses (Argo's defaults), unless told otherwise.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const g = Gates.gateOf('health', [Gates.errorRate({}), Gates.alarms(['high-5xx'])])
 * assert.strictEqual(g.check({ 'canary.requests': 100, 'alarm:high-5xx': 1 }), 'fail')
 * assert.strictEqual(g.interval, 60_000)
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const gateOf = (
  name: string,
  specs: ReadonlyArray<GateSpec>,
  options: { readonly failureLimit?: number; readonly inconclusiveLimit?: number; readonly interval?: number; readonly count?: number } = {}
): SpecGate => ({
  name,
  specs,
  check: (m) => judgeAll(specs, m).verdict,
  failureLimit: options.failureLimit ?? 0,
  inconclusiveLimit: options.inconclusiveLimit ?? 0,
  interval: options.interval ?? 60_000,
  count: options.count ?? 1
})

/**
 * The specs of a gate, when it was built by {@link gateOf} (a plain gate has none).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.strictEqual(Gates.specsOf(Gates.gateOf('a', [Gates.approval(1000)])).length, 1)
 * assert.deepStrictEqual(Gates.specsOf({ name: 'plain', check: () => 'pass', failureLimit: 0, inconclusiveLimit: 0 }), [])
 * ```
 *
 * @category judging
 * @since 0.2.0
 */
export const specsOf = (gate: Gate): ReadonlyArray<GateSpec> => {
  const specs = (gate as Partial<SpecGate>).specs
  return Array.isArray(specs) ? specs : []
}

/**
 * The default gates of a preset: the canary's 5XX error rate at most one point above
 * production's (at least 50 requests, 95% confidence) and its p99 latency at most 1.5 times
 * production's; plus the alarms named.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Gates } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(Gates.defaultSpecs(['high-5xx']).map((s) => s._tag), ['ErrorRate', 'Latency', 'Alarms'])
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const defaultSpecs = (alarmNames: ReadonlyArray<string> = []): ReadonlyArray<GateSpec> => [
  errorRate({}),
  latency({ percentile: 'p99', maxRatio: 1.5 }),
  ...(alarmNames.length > 0 ? [alarms(alarmNames)] : [])
]

/**
 * A preset (`RolloutPreset.preset`'s names, CodeDeploy's included) with a gate after every bake
 * judging `specs` ({@link defaultSpecs} by default).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Gates } from 'apigw-canary/aws'
 *
 * const plan = Gates.preset('Canary10Percent5Minutes')
 * assert.ok(E.isRight(plan))
 * assert.deepStrictEqual(plan.right.steps.map((s) => s._tag), ['SetTraffic', 'Bake', 'Gate', 'Promote', 'Disable'])
 * assert.ok(E.isLeft(Gates.preset('Sideways')))
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const preset = (
  name: string,
  specs: ReadonlyArray<GateSpec> = defaultSpecs(),
  options: { readonly keepCanary?: boolean; readonly gate?: { readonly interval?: number; readonly count?: number; readonly inconclusiveLimit?: number } } = {}
): E.Either<InvalidValue, Plan> => {
  for (const spec of specs) {
    const checked = checkSpec(spec)
    if (E.isLeft(checked)) return checked
  }
  return RolloutPreset.preset(name, {
    ...(options.keepCanary === true ? { keepCanary: true } : {}),
    ...(specs.length > 0 ? { gate: gateOf('health', specs, options.gate ?? {}) } : {})
  })
}
