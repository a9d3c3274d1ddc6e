/**
 * Rollout plans as data: the steps ({@link setTraffic}, {@link bake}, {@link gate},
 * {@link promote}, {@link disable}), the gates that judge metrics, and {@link fromSteps}, which
 * checks a list of steps into a {@link Plan}. The state machine that runs a plan is in
 * `Rollout` (which re-exports this module); the presets are in `RolloutPreset`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import type { PromoteOptions } from '../lifecycle/Lifecycle.js'
import * as Percent from '../stage/Percent.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The metrics an observation brings to a gate, by name: error rate, latency, request count...
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const metrics: Rollout.Metrics = { errorRate: 0.002, p99LatencyMs: 180 }
 * assert.strictEqual(Rollout.observe(0, metrics).metrics, metrics)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Metrics = { readonly [name: string]: number }

/**
 * What a gate's check says of one measurement.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const judge = (m: Rollout.Metrics): Rollout.Verdict => (m.errorRate === undefined ? 'inconclusive' : m.errorRate < 0.01 ? 'pass' : 'fail')
 * assert.strictEqual(judge({}), 'inconclusive')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Verdict = 'pass' | 'fail' | 'inconclusive'

/**
 * A metric check, in the manner of an Argo Rollouts AnalysisTemplate metric.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * // Three measurements a minute apart; one failure is tolerated, no inconclusive one.
 * const g: Rollout.Gate = {
 *   name: 'p99-latency',
 *   check: (m) => (m.p99 === undefined ? 'inconclusive' : m.p99 < 300 ? 'pass' : 'fail'),
 *   failureLimit: 1,
 *   inconclusiveLimit: 0,
 *   interval: 60_000,
 *   count: 3
 * }
 * assert.strictEqual(g.check({ p99: 120 }), 'pass')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Gate {
  /** Names the gate in the log. */
  readonly name: string
  /** Judges one measurement. A check that throws, or answers anything else, is an error measurement. */
  readonly check: (metrics: Metrics) => Verdict
  /** The gate fails when failed measurements exceed this (0: the first failure fails). */
  readonly failureLimit: number
  /** The rollout pauses when inconclusive measurements exceed this (0: the first one pauses). */
  readonly inconclusiveLimit: number
  /** Milliseconds between measurements; 0 by default (every observation is a measurement). */
  readonly interval?: number
  /** How many measurements the gate takes before it passes; 1 by default. */
  readonly count?: number
  /** The gate fails when consecutive error measurements exceed this; 4 by default, as Argo. */
  readonly consecutiveErrorLimit?: number
}

/**
 * One step of a plan.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const steps: ReadonlyArray<Rollout.Step> = [Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()]
 * assert.deepStrictEqual(steps.map((s) => s._tag), ['SetTraffic', 'Bake', 'Promote', 'Disable'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Step =
  | { readonly _tag: 'SetTraffic'; readonly percent: number }
  | { readonly _tag: 'Bake'; readonly durationMs: number }
  | { readonly _tag: 'Gate'; readonly gate: Gate }
  | { readonly _tag: 'Promote'; readonly options: PromoteOptions }
  | { readonly _tag: 'Disable' }

/**
 * A rollout plan: a name and its steps.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Rollout } from 'apigw-canary'
 *
 * const plan: E.Either<unknown, Rollout.Plan> = Rollout.fromSteps([Rollout.setTraffic(50), Rollout.bake(1000)], 'half')
 * assert.ok(E.isRight(plan) && plan.right.name === 'half')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Plan {
  readonly name: string
  readonly steps: ReadonlyArray<Step>
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A step that sets the canary's share of traffic.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.setTraffic(10), { _tag: 'SetTraffic', percent: 10 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const setTraffic = (percent: number): Step => ({ _tag: 'SetTraffic', percent })

/**
 * A step that holds for `durationMs` milliseconds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.bake(5 * 60_000), { _tag: 'Bake', durationMs: 300_000 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const bake = (durationMs: number): Step => ({ _tag: 'Bake', durationMs })

/**
 * A step that waits for a gate to pass.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const step = Rollout.gate({
 *   name: 'error-rate',
 *   check: (m) => ((m.errorRate ?? 1) < 0.01 ? 'pass' : 'fail'),
 *   failureLimit: 0,
 *   inconclusiveLimit: 0
 * })
 * assert.strictEqual(step._tag, 'Gate')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const gate = (g: Gate): Step => ({ _tag: 'Gate', gate: g })

/**
 * A step that promotes the canary (`options` skips parts, as the console's dialog does).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.promote(), { _tag: 'Promote', options: {} })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const promote = (options: PromoteOptions = {}): Step => ({ _tag: 'Promote', options })

/**
 * A step that disables the canary; it can only be a plan's last step.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.disable(), { _tag: 'Disable' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const disable = (): Step => ({ _tag: 'Disable' })

// -------------------------------------------------------------------------------------
// validation
// -------------------------------------------------------------------------------------

const wholeAtLeast = (n: unknown, min: number, field: string): E.Either<InvalidValue, number> =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min ? E.right(n) : E.left(invalidValue(field, n, `is not a whole number of at least ${min}`))

const checkGate = (g: Gate, field: string): E.Either<InvalidValue, Gate> => {
  if (typeof g !== 'object' || g === null) return E.left(invalidValue(field, g, 'is not a gate ({ name, check, failureLimit, inconclusiveLimit })'))
  if (typeof g.name !== 'string' || g.name === '') return E.left(invalidValue(`${field}.name`, g.name, 'is not a gate name (a non-empty string)'))
  if (typeof g.check !== 'function') return E.left(invalidValue(`${field}.check`, g.check, 'is not a function from metrics to "pass", "fail" or "inconclusive"'))
  const checks = [
    wholeAtLeast(g.failureLimit, 0, `${field}.failureLimit`),
    wholeAtLeast(g.inconclusiveLimit, 0, `${field}.inconclusiveLimit`),
    g.interval === undefined ? E.right(0) : wholeAtLeast(g.interval, 0, `${field}.interval`),
    g.count === undefined ? E.right(1) : wholeAtLeast(g.count, 1, `${field}.count`),
    g.consecutiveErrorLimit === undefined ? E.right(0) : wholeAtLeast(g.consecutiveErrorLimit, 0, `${field}.consecutiveErrorLimit`)
  ]
  for (const c of checks) if (E.isLeft(c)) return c
  return E.right(g)
}

/** What a waiting step after a promotion is refused for. */
const afterPromotion = (what: string, promotedAt: number): string =>
  `is a ${what} after the promotion at steps[${promotedAt}]: once promoted, the stage runs the new deployment and a rollback (disabling the canary) cannot restore production, so nothing may wait after Promote; ${what === 'gate' ? 'gate' : 'bake'} before promoting`

const checkStep = (step: Step, i: number, steps: ReadonlyArray<Step>, promotedAt: number | undefined): E.Either<InvalidValue, Step> => {
  const field = `steps[${i}]`
  if (typeof step !== 'object' || step === null) return E.left(invalidValue(field, step, 'is not a step'))
  switch (step._tag) {
    case 'SetTraffic':
      return E.map(() => step)(Percent.fromNumber(step.percent, `${field}.percent`))
    case 'Bake':
      return promotedAt !== undefined
        ? E.left(invalidValue(field, 'Bake', afterPromotion('bake', promotedAt)))
        : E.map(() => step)(wholeAtLeast(step.durationMs, 0, `${field}.durationMs`))
    case 'Gate':
      return promotedAt !== undefined
        ? E.left(invalidValue(field, typeof step.gate === 'object' && step.gate !== null ? step.gate.name : step.gate, 'is a gate after a promotion: rolling back (disabling the canary) could no longer restore production, so gate before promoting'))
        : E.map(() => step)(checkGate(step.gate, `${field}.gate`))
    case 'Promote': {
      const o = step.options
      const bad = typeof o !== 'object' || o === null || [o.deployment, o.variables, o.resetTraffic].some((b) => b !== undefined && typeof b !== 'boolean')
      return bad ? E.left(invalidValue(`${field}.options`, o, 'is not promote options ({ deployment?, variables?, resetTraffic? }, booleans)')) : E.right(step)
    }
    case 'Disable':
      return i === steps.length - 1 ? E.right(step) : E.left(invalidValue(field, 'Disable', 'is not the last step: nothing can follow disabling the canary'))
    default:
      return E.left(invalidValue(`${field}._tag`, (step as { _tag?: unknown })._tag, 'is not one of SetTraffic, Bake, Gate, Promote, Disable'))
  }
}

/**
 * Checks a plan: every percentage in 0 to 100, every duration, limit and count a whole
 * number, every gate with a name and a check; `Disable` only as the last step, and nothing
 * that waits (a `Bake` or a `Gate`) after a `Promote`: a rollback disables the canary, which
 * cannot undo a promotion, so a rollout may only wait, and so be aborted or fail, before it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.ok(E.isRight(Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()])))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(Rollout.fromSteps([Rollout.setTraffic(150)])),
 *   E.left('steps[0].percent: 150 is not a percentage (0 to 100)')
 * )
 * assert.ok(E.isLeft(Rollout.fromSteps([Rollout.disable(), Rollout.promote()])))
 * // Nothing waits after a promotion: an abort there could not roll back.
 * const late = Rollout.fromSteps([Rollout.setTraffic(10), Rollout.promote(), Rollout.bake(60_000)])
 * assert.ok(E.isLeft(late) && late.left.field === 'steps[2]')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromSteps = (steps: ReadonlyArray<Step>, name = 'Custom'): E.Either<InvalidValue, Plan> => {
  if (!Array.isArray(steps)) return E.left(invalidValue('steps', steps, 'is not a list of steps'))
  if (typeof name !== 'string' || name === '') return E.left(invalidValue('name', name, 'is not a plan name (a non-empty string)'))
  let promotedAt: number | undefined
  for (let i = 0; i < steps.length; i++) {
    const checked = checkStep(steps[i] as Step, i, steps, promotedAt)
    if (E.isLeft(checked)) return checked
    if (checked.right._tag === 'Promote') promotedAt ??= i
  }
  return E.right({ name, steps })
}
