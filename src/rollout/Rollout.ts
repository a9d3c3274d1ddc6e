/**
 * Rollout plans, and a pure state machine that drives one on a virtual clock (the plan model is
 * in `Plan`, re-exported here).
 *
 * A plan is a list of steps: {@link setTraffic}, {@link bake}, {@link gate} (a metric check in
 * the manner of Argo Rollouts' AnalysisTemplate), {@link promote} and {@link disable}. The
 * presets matching CodeDeploy's traffic-shifting configurations are in `RolloutPreset`.
 *
 * {@link start} begins a plan on a stage that has a canary; {@link advance} takes the rollout
 * and one input ({@link tick}, {@link observe}, {@link resume}, {@link abort}), each with its
 * time, and returns the new rollout, the log entries of what happened and the exact
 * update-stage operations to send. {@link run} drives a whole plan from a list of timed
 * observations. Time is always an argument; nothing reads a clock.
 *
 * Semantics:
 * - steps run in order; `SetTraffic`, `Promote` and `Disable` take no time; `Bake(d)` holds
 *   for `d` milliseconds; a `Gate` waits for observations;
 * - entries carry the time a step was due, not the time of the input that revealed it: a bake
 *   started at `t` ends at `t + d` however coarse the ticks, so ticking more often changes
 *   nothing in the log;
 * - a gate takes its first measurement from the first observation at or after its start, and
 *   each next one from the first observation at least `interval` milliseconds after the
 *   previous measurement; other observations are ignored (and not logged). The gate fails
 *   when its failed measurements exceed `failureLimit` (0 by Argo's convention: the first
 *   failure fails), or its consecutive errors (a check that throws or answers something else)
 *   exceed `consecutiveErrorLimit` (4, Argo's default); it is inconclusive when its
 *   inconclusive measurements exceed `inconclusiveLimit`; it passes after `count` (default 1)
 *   measurements otherwise. Errors do not count towards `count`;
 * - a failed gate, or an {@link abort}, rolls back: the canary is disabled
 *   (`remove /canarySettings`), leaving the stage's deploymentId and variables untouched.
 *   Nothing may wait (bake or gate) after a `Promote` ({@link fromSteps} refuses it), so a
 *   rollout only waits, and so can only fail or be aborted, before it is promoted; a rollback
 *   after a promotion (a plan changed by hand) is a {@link CannotRollBack} error, never a
 *   `RolledBack` status on a promoted stage;
 * - an inconclusive gate pauses the rollout, as Argo does: {@link resume} continues after
 *   the gate, {@link abort} rolls back;
 * - after the last step the rollout has succeeded.
 *
 * Laws (checked in `test/rollout/Rollout.test.ts`): replaying the same inputs gives the same log;
 * ticking more often changes nothing; a rolled-back stage keeps the deploymentId and variables
 * it had at the start; every entry's operations, applied to the stage before it, give the
 * stage after it.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { canaryNotEnabled, invalidValue, type InvalidValue, type LifecycleError } from '../stage/ApiGatewayError.js'
import { showValue } from '../stage/DecodeError.js'
import { toOperations } from '../patch/Operations.js'
import type { PatchOperation } from '../patch/PatchOperation.js'
import { hasCanary, type Stage } from '../stage/Stage.js'
import * as Transition from '../lifecycle/Transition.js'
import { fromSteps, type Gate, type Metrics, type Plan, type Verdict } from './Plan.js'

export * from './Plan.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A gate's measurements so far.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const progress: Rollout.GateProgress = { passed: 2, failed: 1, inconclusive: 0, errors: 0, consecutiveErrors: 0 }
 * assert.strictEqual(progress.passed + progress.failed, 3)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface GateProgress {
  readonly passed: number
  readonly failed: number
  readonly inconclusive: number
  readonly errors: number
  readonly consecutiveErrors: number
}

/**
 * Where a rollout is.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const status: Rollout.Status = { _tag: 'Baking', step: 1, until: 60_000 }
 * assert.strictEqual(status._tag, 'Baking')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Status =
  | { readonly _tag: 'Baking'; readonly step: number; readonly until: number }
  | { readonly _tag: 'Gating'; readonly step: number; readonly nextMeasurementAt: number; readonly progress: GateProgress }
  | { readonly _tag: 'Paused'; readonly step: number; readonly progress: GateProgress }
  | { readonly _tag: 'Succeeded' }
  | { readonly _tag: 'RolledBack'; readonly reason: string }

/**
 * A rollout in progress (or done): the plan, the stage as it is now, the time of the last
 * input, and where the plan is.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const started = Rollout.start(RolloutPreset.Canary10Percent5Minutes, stage.right, 0)
 * assert.ok(E.isRight(started))
 * const rollout: Rollout.Rollout = started.right.rollout
 * assert.strictEqual(rollout.stage.canarySettings?.percentTraffic, 10)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Rollout {
  readonly plan: Plan
  readonly stage: Stage
  readonly clock: number
  readonly status: Status
}

/**
 * Metrics observed at a time: the input gates measure.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const o: Rollout.Observation = Rollout.observe(30_000, { errorRate: 0 })
 * assert.strictEqual(o._tag, 'Observe')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Observation {
  readonly _tag: 'Observe'
  readonly at: number
  readonly metrics: Metrics
}

/**
 * An input to {@link advance}, with its time (milliseconds on any clock the caller chooses).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const inputs: ReadonlyArray<Rollout.Input> = [Rollout.tick(0), Rollout.observe(1, {}), Rollout.resume(2), Rollout.abort(3)]
 * assert.deepStrictEqual(inputs.map((i) => i.at), [0, 1, 2, 3])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Input =
  | { readonly _tag: 'Tick'; readonly at: number }
  | Observation
  | { readonly _tag: 'Resume'; readonly at: number }
  | { readonly _tag: 'Abort'; readonly at: number; readonly reason: string }

/**
 * What a log entry records.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * const event: Rollout.Event = { _tag: 'TrafficSet', percent: 10 }
 * assert.strictEqual(event._tag, 'TrafficSet')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Event =
  | { readonly _tag: 'TrafficSet'; readonly percent: number }
  | { readonly _tag: 'BakeStarted'; readonly until: number }
  | { readonly _tag: 'BakeEnded' }
  | { readonly _tag: 'GateStarted'; readonly gate: string }
  | { readonly _tag: 'Measured'; readonly gate: string; readonly verdict: Verdict | 'error'; readonly progress: GateProgress }
  | { readonly _tag: 'GatePassed'; readonly gate: string }
  | { readonly _tag: 'GateFailed'; readonly gate: string; readonly reason: string }
  | { readonly _tag: 'GateInconclusive'; readonly gate: string; readonly reason: string }
  | { readonly _tag: 'Resumed' }
  | { readonly _tag: 'Promoted' }
  | { readonly _tag: 'Disabled' }
  | { readonly _tag: 'RolledBack'; readonly reason: string }
  | { readonly _tag: 'Succeeded' }

/**
 * One log entry: when, which step (its index in the plan; absent for the final `Succeeded`),
 * what happened, the update-stage operations it takes (empty for most) and the stage after it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const r = Rollout.start(RolloutPreset.Canary10Percent5Minutes, stage.right, 0)
 * assert.ok(E.isRight(r))
 * const first: Rollout.Entry | undefined = r.right.entries[0]
 * assert.deepStrictEqual(first?.operations, [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' }])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Entry {
  readonly at: number
  readonly step?: number
  readonly event: Event
  readonly operations: ReadonlyArray<PatchOperation>
  readonly stage: Stage
}

/**
 * What {@link start}, {@link advance} and {@link run} return: the rollout after the input, the
 * entries it produced (in order, possibly none), and their operations concatenated. For
 * `start` and `advance` that is what is due now, ready for one `update-stage` call
 * (operations apply in order, each seeing the ones before it). For `run`, which covers a whole
 * rollout, it joins operations due at different times: send each entry's operations at its
 * `at` instead (sent at once, a plan's operations promote straight away).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const a: E.Either<unknown, Rollout.Advance> = Rollout.run(RolloutPreset.AllAtOnce, stage.right, [])
 * assert.ok(E.isRight(a) && a.right.operations.length === 4)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Advance {
  readonly rollout: Rollout
  readonly entries: ReadonlyArray<Entry>
  readonly operations: ReadonlyArray<PatchOperation>
}

/**
 * An input after the rollout had already succeeded or rolled back.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const done = Rollout.run(RolloutPreset.AllAtOnce, stage.right, [])
 * assert.ok(E.isRight(done))
 * const again = Rollout.advance(done.right.rollout, Rollout.tick(1))
 * assert.ok(E.isLeft(again) && again.left._tag === 'RolloutFinished')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RolloutFinished {
  readonly _tag: 'RolloutFinished'
  readonly name: 'BadRequestException'
  readonly message: string
}

/**
 * A {@link resume} when the rollout is not paused.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage))
 * const started = Rollout.start(RolloutPreset.Canary10Percent5Minutes, stage.right, 0)
 * assert.ok(E.isRight(started))
 * const resumed = Rollout.advance(started.right.rollout, Rollout.resume(1))
 * assert.ok(E.isLeft(resumed) && resumed.left._tag === 'NotPaused')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface NotPaused {
  readonly _tag: 'NotPaused'
  readonly name: 'BadRequestException'
  readonly message: string
}

/**
 * A rollback asked for after the stage was promoted: disabling the canary would leave the
 * stage on the new deployment, so it would not roll anything back. {@link fromSteps} refuses
 * every plan that could get there (nothing waits after a `Promote`); this answers a rollout
 * whose plan was changed by hand. Nothing is changed.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout } from 'apigw-canary'
 *
 * const promoted = decodeStage({ deploymentId: 'eh1sby', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })
 * assert.ok(E.isRight(promoted))
 * // A rollout baking after its promotion, which no checked plan allows.
 * const rollout: Rollout.Rollout = {
 *   plan: { name: 'unchecked', steps: [Rollout.setTraffic(10), Rollout.promote(), Rollout.bake(60_000)] },
 *   stage: promoted.right,
 *   clock: 0,
 *   status: { _tag: 'Baking', step: 2, until: 60_000 }
 * }
 * const aborted = Rollout.advance(rollout, Rollout.abort(1000))
 * assert.ok(E.isLeft(aborted) && aborted.left._tag === 'CannotRollBack')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CannotRollBack {
  readonly _tag: 'CannotRollBack'
  readonly name: 'BadRequestException'
  readonly message: string
}

/**
 * Any error of a rollout: a bad plan or input (`InvalidValue`), a lifecycle error from a
 * step's transition, or an input that does not apply.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const plain = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(plain))
 * const e: E.Either<Rollout.RolloutError, unknown> = Rollout.start(RolloutPreset.AllAtOnce, plain.right, 0)
 * assert.ok(E.isLeft(e) && e.left._tag === 'CanaryNotEnabled')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type RolloutError = LifecycleError | RolloutFinished | NotPaused | CannotRollBack

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------


/**
 * An input: the clock says `at`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.tick(60_000), { _tag: 'Tick', at: 60_000 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const tick = (at: number): Input => ({ _tag: 'Tick', at })

/**
 * An input: metrics observed at `at`, for the gate that is measuring.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.observe(60_000, { errorRate: 0.001 }), { _tag: 'Observe', at: 60_000, metrics: { errorRate: 0.001 } })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const observe = (at: number, metrics: Metrics): Observation => ({ _tag: 'Observe', at, metrics })

/**
 * An input: continue a rollout paused by an inconclusive gate, as if the gate had passed.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.resume(60_000), { _tag: 'Resume', at: 60_000 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const resume = (at: number): Input => ({ _tag: 'Resume', at })

/**
 * An input: roll back now.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Rollout } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Rollout.abort(60_000, 'pager'), { _tag: 'Abort', at: 60_000, reason: 'pager' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const abort = (at: number, reason = 'aborted'): Input => ({ _tag: 'Abort', at, reason })

// -------------------------------------------------------------------------------------
// internal: the machine
// -------------------------------------------------------------------------------------

/**
 * The entries of one call, newest first: adding one takes constant time, and {@link entriesOf}
 * lists them once, when the call returns. (Copying an array per entry made a rollout's cost
 * quadratic in its length.)
 */
type Log = { readonly entry: Entry; readonly earlier: Log } | undefined

interface Machine {
  readonly rollout: Rollout
  /** The entries of this call so far. */
  readonly log: Log
}

type Result = E.Either<RolloutError, Machine>

const noProgress: GateProgress = { passed: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 }

const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4

const isTerminal = (s: Status): boolean => s._tag === 'Succeeded' || s._tag === 'RolledBack'

const entriesOf = (log: Log): ReadonlyArray<Entry> => {
  const entries: Array<Entry> = []
  for (let l = log; l !== undefined; l = l.earlier) entries.push(l.entry)
  return entries.reverse()
}

const emit = (m: Machine, status: Status, entry: Omit<Entry, 'stage' | 'operations'> & { readonly operations?: ReadonlyArray<PatchOperation>; readonly stage?: Stage }): Machine => {
  const stage = entry.stage ?? m.rollout.stage
  return {
    rollout: { ...m.rollout, stage, status },
    log: { entry: { ...entry, operations: entry.operations ?? [], stage }, earlier: m.log }
  }
}

/** Applies a lifecycle transition to the stage, logging `event` with its operations. */
const applyTransition = (m: Machine, t: Transition.Transition, status: Status, at: number, step: number | undefined, event: Event): Result => {
  const before = m.rollout.stage
  const operations = toOperations(before, t)
  if (E.isLeft(operations)) return operations
  const after = Transition.transition(before, t)
  if (E.isLeft(after)) return after
  return E.right(emit(m, status, { at, ...(step === undefined ? {} : { step }), event, operations: operations.right, stage: after.right }))
}

/**
 * Rolls back: disables the canary. Only before a promotion, when the stage still runs its own
 * deployment and variables; after one (a plan changed by hand: `fromSteps` lets nothing wait
 * after a `Promote`) it is a {@link CannotRollBack}, and nothing changes.
 */
const rollBack = (m: Machine, at: number, step: number | undefined, reason: string): Result => {
  const promotedAt = step === undefined ? -1 : m.rollout.plan.steps.slice(0, step).findIndex((s) => s._tag === 'Promote')
  if (promotedAt >= 0) {
    return E.left({
      _tag: 'CannotRollBack',
      name: 'BadRequestException',
      message: `Cannot roll back (${reason}) at steps[${step ?? ''}]: the stage was promoted at steps[${promotedAt}] and runs the new deployment, which disabling the canary would not change. Nothing was changed; to go back, deploy the previous deployment to the stage.`
    })
  }
  return applyTransition(m, Transition.disable(), { _tag: 'RolledBack', reason }, at, step, { _tag: 'RolledBack', reason })
}

/** Runs the steps from `index` on, at time `at`, until one that waits (or the end). */
const enter = (m0: Machine, index: number, at: number): Result => {
  let m = m0
  for (let i = index; ; i++) {
    const step = m.rollout.plan.steps[i]
    if (step === undefined) return E.right(emit(m, { _tag: 'Succeeded' }, { at, event: { _tag: 'Succeeded' } }))
    // A step that takes no time keeps the status as it is: the next waiting step (or the end) sets it.
    const keep = m.rollout.status
    let next: Result
    switch (step._tag) {
      case 'Bake': {
        const until = at + step.durationMs
        return E.right(emit(m, { _tag: 'Baking', step: i, until }, { at, step: i, event: { _tag: 'BakeStarted', until } }))
      }
      case 'Gate':
        return E.right(
          emit(m, { _tag: 'Gating', step: i, nextMeasurementAt: at, progress: noProgress }, { at, step: i, event: { _tag: 'GateStarted', gate: step.gate.name } })
        )
      case 'SetTraffic':
        next = applyTransition(m, Transition.setTraffic(step.percent), keep, at, i, { _tag: 'TrafficSet', percent: step.percent })
        break
      case 'Promote':
        next = applyTransition(m, Transition.promote(step.options), keep, at, i, { _tag: 'Promoted' })
        break
      case 'Disable':
        next = applyTransition(m, Transition.disable(), keep, at, i, { _tag: 'Disabled' })
        break
    }
    if (E.isLeft(next)) return next
    m = next.right
  }
}

/** Ends every bake due by `t`, at the time it was due, and runs what follows. */
const settle = (m0: Machine, t: number): Result => {
  let m = m0
  for (;;) {
    const s = m.rollout.status
    if (s._tag !== 'Baking' || s.until > t) return E.right(m)
    const ended = emit(m, s, { at: s.until, step: s.step, event: { _tag: 'BakeEnded' } })
    const next = enter(ended, s.step + 1, s.until)
    if (E.isLeft(next)) return next
    m = next.right
  }
}

const judge = (g: Gate, metrics: Metrics): Verdict | 'error' => {
  try {
    const v: unknown = g.check(metrics)
    return v === 'pass' || v === 'fail' || v === 'inconclusive' ? v : 'error'
  } catch {
    return 'error'
  }
}

const measure = (m: Machine, at: number, metrics: Metrics): Result => {
  const s = m.rollout.status
  if (s._tag !== 'Gating' || at < s.nextMeasurementAt) return E.right(m)
  const step = m.rollout.plan.steps[s.step]
  if (step === undefined || step._tag !== 'Gate') return E.right(m)
  const g = step.gate
  const verdict = judge(g, metrics)
  const p = s.progress
  const progress: GateProgress = {
    passed: p.passed + (verdict === 'pass' ? 1 : 0),
    failed: p.failed + (verdict === 'fail' ? 1 : 0),
    inconclusive: p.inconclusive + (verdict === 'inconclusive' ? 1 : 0),
    errors: p.errors + (verdict === 'error' ? 1 : 0),
    consecutiveErrors: verdict === 'error' ? p.consecutiveErrors + 1 : 0
  }
  const gating: Status = { _tag: 'Gating', step: s.step, nextMeasurementAt: at + (g.interval ?? 0), progress }
  const measured = emit(m, gating, { at, step: s.step, event: { _tag: 'Measured', gate: g.name, verdict, progress } })
  const errorLimit = g.consecutiveErrorLimit ?? DEFAULT_CONSECUTIVE_ERROR_LIMIT
  const failure =
    progress.failed > g.failureLimit
      ? `failed (${progress.failed}) > failureLimit (${g.failureLimit})`
      : progress.consecutiveErrors > errorLimit
        ? `consecutive errors (${progress.consecutiveErrors}) > consecutiveErrorLimit (${errorLimit})`
        : undefined
  if (failure !== undefined) {
    const failed = emit(measured, gating, { at, step: s.step, event: { _tag: 'GateFailed', gate: g.name, reason: failure } })
    return rollBack(failed, at, s.step, `gate ${g.name}: ${failure}`)
  }
  if (progress.inconclusive > g.inconclusiveLimit) {
    const reason = `inconclusive (${progress.inconclusive}) > inconclusiveLimit (${g.inconclusiveLimit})`
    return E.right(emit(measured, { _tag: 'Paused', step: s.step, progress }, { at, step: s.step, event: { _tag: 'GateInconclusive', gate: g.name, reason } }))
  }
  if (progress.passed + progress.failed + progress.inconclusive >= (g.count ?? 1)) {
    return enter(emit(measured, gating, { at, step: s.step, event: { _tag: 'GatePassed', gate: g.name } }), s.step + 1, at)
  }
  return E.right(measured)
}

/** Ends what is due by `clock` (a bake of 0 just entered, say) and packs the result. */
const done = (result: Result, clock: number): E.Either<RolloutError, Advance> =>
  E.map((m: Machine): Advance => {
    const entries = entriesOf(m.log)
    return { rollout: { ...m.rollout, clock: Math.max(clock, m.rollout.clock) }, entries, operations: entries.flatMap((e) => e.operations) }
  })(E.flatMap(result, (m: Machine) => settle(m, clock)))

const checkTime = (at: unknown, clock: number): E.Either<InvalidValue, number> =>
  typeof at !== 'number' || !Number.isFinite(at)
    ? E.left(invalidValue('at', at, 'is not a time (a finite number of milliseconds)'))
    : at < clock
      ? E.left(invalidValue('at', at, `is earlier than the rollout's clock (${clock}): time never goes backwards`))
      : E.right(at)

const isObject = (u: unknown): u is object => typeof u === 'object' && u !== null

/** The shape of a rollout, enough to advance it without throwing (what `start` returned, or a copy). */
const checkRollout = (rollout: Rollout): E.Either<InvalidValue, Rollout> =>
  isObject(rollout) &&
  isObject(rollout.plan) &&
  Array.isArray(rollout.plan.steps) &&
  rollout.plan.steps.every(isObject) &&
  isObject(rollout.stage) &&
  typeof rollout.clock === 'number' &&
  isObject(rollout.status)
    ? E.right(rollout)
    : E.left(invalidValue('rollout', rollout, 'is not a rollout ({ plan, stage, clock, status }, as start and advance return it)'))

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

/**
 * Starts a plan at time `at` on a stage that has a canary (deploy one first, with
 * `deployCanary`): checks the plan, then runs its steps up to the first that waits.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })
 * assert.ok(E.isRight(stage))
 * const plan = Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()])
 * assert.ok(E.isRight(plan))
 * const started = Rollout.start(plan.right, stage.right, 0)
 * assert.ok(E.isRight(started))
 * assert.deepStrictEqual(started.right.rollout.status, { _tag: 'Baking', step: 1, until: 60_000 })
 * assert.deepStrictEqual(started.right.operations, [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' }])
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const start = (plan: Plan, stage: Stage, at: number): E.Either<RolloutError, Advance> => {
  const checked = plan === null || typeof plan !== 'object' ? E.left(invalidValue('plan', plan, 'is not a plan ({ name, steps })')) : fromSteps(plan.steps, plan.name)
  if (E.isLeft(checked)) return checked
  const time = checkTime(at, Number.NEGATIVE_INFINITY)
  if (E.isLeft(time)) return time
  if (!isObject(stage)) return E.left(invalidValue('stage', stage, 'is not a stage (an object, such as decodeStage gives)'))
  if (!hasCanary(stage)) return E.left(canaryNotEnabled('start', stage.stageName))
  // The status before the first step is never seen: `enter` always sets one.
  const initial: Machine = { rollout: { plan: checked.right, stage, clock: at, status: { _tag: 'Baking', step: -1, until: at } }, log: undefined }
  return done(enter(initial, 0, at), at)
}

/**
 * Advances a rollout by one input: first every bake due by the input's time ends (at the time
 * it was due) and the steps after it run; then the input applies. An observation feeds the
 * gate that is measuring, if a measurement is due (otherwise it is ignored); {@link resume}
 * continues a paused rollout; {@link abort} rolls back. Fails when the time is earlier than
 * the rollout's clock, when the rollout had already finished, or on a resume that finds the
 * rollout not paused. An abort that finds the rollout finished by the bakes that just ended
 * changes nothing. An abort can only come before the promotion (nothing waits after it), so
 * a rolled-back stage always has the deploymentId and variables it had at the start.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })
 * const plan = Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()])
 * assert.ok(E.isRight(stage) && E.isRight(plan))
 * const started = Rollout.start(plan.right, stage.right, 0)
 * assert.ok(E.isRight(started))
 *
 * // A tick at 90s: the bake ended at 60s, so the promotion and the disable happened then.
 * const later = Rollout.advance(started.right.rollout, Rollout.tick(90_000))
 * assert.ok(E.isRight(later))
 * assert.deepStrictEqual(later.right.entries.map((e) => [e.at, e.event._tag]), [
 *   [60_000, 'BakeEnded'], [60_000, 'Promoted'], [60_000, 'Disabled'], [60_000, 'Succeeded']
 * ])
 * assert.deepStrictEqual(later.right.rollout.stage, { stageName: 'prod', deploymentId: 'eh1sby' })
 * assert.ok(E.isLeft(Rollout.advance(later.right.rollout, Rollout.tick(100_000)))) // finished
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const advance = (rollout: Rollout, input: Input): E.Either<RolloutError, Advance> => {
  const shaped = checkRollout(rollout)
  if (E.isLeft(shaped)) return shaped
  if (isTerminal(rollout.status)) {
    return E.left({ _tag: 'RolloutFinished', name: 'BadRequestException', message: `The rollout has already finished (${rollout.status._tag}): start a new one.` })
  }
  if (typeof input !== 'object' || input === null) return E.left(invalidValue('input', input, 'is not an input (tick, observe, resume or abort)'))
  const time = checkTime(input.at, rollout.clock)
  if (E.isLeft(time)) return time
  const at = time.right
  const initial: Machine = { rollout, log: undefined }
  const settled = settle(initial, at)
  if (E.isLeft(settled)) return settled
  const m = settled.right
  const s = m.rollout.status
  switch (input._tag) {
    case 'Tick':
      return done(settled, at)
    case 'Observe':
      if (typeof input.metrics !== 'object' || input.metrics === null) return E.left(invalidValue('metrics', input.metrics, 'is not a map of metrics (an object)'))
      return done(measure(m, at, input.metrics), at)
    case 'Resume':
      return s._tag === 'Paused'
        ? done(enter(emit(m, s, { at, step: s.step, event: { _tag: 'Resumed' } }), s.step + 1, at), at)
        : E.left({ _tag: 'NotPaused', name: 'BadRequestException', message: `Resume applies only to a paused rollout; this one is ${s._tag}.` })
    case 'Abort':
      return isTerminal(s) ? done(settled, at) : done(rollBack(m, at, 'step' in s ? s.step : undefined, `aborted: ${typeof input.reason === 'string' ? input.reason : showValue(input.reason)}`), at)
    default:
      return E.left(invalidValue('input._tag', (input as { _tag?: unknown })._tag, 'is not one of Tick, Observe, Resume, Abort'))
  }
}

/**
 * Drives a whole plan: starts it at `startAt` (0 by default), feeds the observations in order
 * (their times must not go backwards; those after the rollout finished are not used), and
 * then lets every remaining bake run out. The result holds every entry; its `operations`
 * join every entry's, across the whole timeline, so they are not one request to send (see
 * {@link Advance}). The rollout ends succeeded, rolled back, or waiting: on a gate that got
 * too few observations, or paused by an inconclusive gate. Takes time linear in the number of
 * entries and observations.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, Rollout } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })
 * const plan = Rollout.fromSteps([
 *   Rollout.setTraffic(10),
 *   Rollout.bake(60_000),
 *   Rollout.gate({ name: 'errors', check: (m) => ((m.errorRate ?? 1) < 0.01 ? 'pass' : 'fail'), failureLimit: 0, inconclusiveLimit: 0 }),
 *   Rollout.promote(),
 *   Rollout.disable()
 * ])
 * assert.ok(E.isRight(stage) && E.isRight(plan))
 *
 * // A bad error rate after the bake: the gate fails and the canary is disabled.
 * const bad = Rollout.run(plan.right, stage.right, [Rollout.observe(30_000, { errorRate: 0.5 }), Rollout.observe(61_000, { errorRate: 0.2 })])
 * assert.ok(E.isRight(bad))
 * assert.strictEqual(bad.right.rollout.status._tag, 'RolledBack')
 * assert.deepStrictEqual(bad.right.rollout.stage, { stageName: 'prod', deploymentId: 'nfcn0x' })
 * ```
 *
 * @category transitions
 * @since 0.1.0
 */
export const run = (
  plan: Plan,
  stage: Stage,
  observations: ReadonlyArray<{ readonly at: number; readonly metrics: Metrics }>,
  options: { readonly startAt?: number } = {}
): E.Either<RolloutError, Advance> => {
  if (!Array.isArray(observations)) return E.left(invalidValue('observations', observations, 'is not a list of observations ({ at, metrics })'))
  if (!isObject(options)) return E.left(invalidValue('options', options, 'is not run options ({ startAt? })'))
  const started = start(plan, stage, options.startAt ?? 0)
  if (E.isLeft(started)) return started
  let rollout = started.right.rollout
  // Each call lists its own entries once; they are appended here one by one: linear in all.
  const entries: Array<Entry> = []
  const append = (more: ReadonlyArray<Entry>): void => {
    for (const e of more) entries.push(e)
  }
  append(started.right.entries)
  for (const [i, o] of (observations as ReadonlyArray<unknown>).entries()) {
    if (isTerminal(rollout.status)) break
    if (!isObject(o)) return E.left(invalidValue(`observations[${i}]`, o, 'is not an observation ({ at, metrics })'))
    const { at, metrics } = o as { readonly at: number; readonly metrics: Metrics }
    const next = advance(rollout, observe(at, metrics))
    if (E.isLeft(next)) return next
    rollout = next.right.rollout
    append(next.right.entries)
  }
  if (!isTerminal(rollout.status)) {
    const finished = settle({ rollout, log: undefined }, Number.POSITIVE_INFINITY)
    if (E.isLeft(finished)) return finished
    const rest = entriesOf(finished.right.log)
    const last = rest[rest.length - 1]
    rollout = { ...finished.right.rollout, clock: Math.max(rollout.clock, last?.at ?? rollout.clock) }
    append(rest)
  }
  return E.right({ rollout, entries, operations: entries.flatMap((e) => e.operations) })
}
