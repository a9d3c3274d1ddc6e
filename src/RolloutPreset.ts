/**
 * Ready-made rollout plans, matching CodeDeploy's predefined traffic-shifting
 * configurations, and the builders they are made with.
 *
 * - **Canary** `CanaryPPercentNMinutes`: the canary takes P% for N minutes, then takes all
 *   the traffic by promotion: `SetTraffic(P), Bake(N min), Promote`.
 * - **Linear** `LinearPPercentEveryNMinutes`: the canary's share grows by P every N minutes.
 *   The end rule: the shares are `k * P` for `k = 1, 2, ...` while `k * P < 100`, each held
 *   for one interval; the increment that would reach or pass 100% is the promotion itself
 *   (promotion moves all traffic to the new deployment). So no step sets more than 100%, and
 *   none sets exactly 100% either: with P = 10 the shares are 10, 20, ..., 90 and the
 *   promotion comes one interval after 90 (nine intervals after the start, as CodeDeploy's
 *   ten increments of 10% with the first at the start); with P = 30 they are 30, 60, 90 and
 *   then 100 by promotion.
 * - **All at once**: `Promote` straight away.
 *
 * Every plan then disables the canary (`Disable`, the `remove /canarySettings` that ends a
 * release), unless `keepCanary: true`. With a `gate`, the gate runs after every bake: before
 * each increase and before the promotion.
 *
 * @since 0.1.0
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import type { PromoteOptions } from './Lifecycle.js'
import * as Rollout from './Rollout.js'
import type { Gate, Plan, Step } from './Rollout.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The names of the presets, as CodeDeploy names its predefined configurations.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const name: RolloutPreset.PresetName = 'Canary10Percent15Minutes'
 * assert.ok(RolloutPreset.presetNames.includes(name))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type PresetName =
  | 'Canary10Percent5Minutes'
  | 'Canary10Percent10Minutes'
  | 'Canary10Percent15Minutes'
  | 'Canary10Percent30Minutes'
  | 'Linear10PercentEvery1Minute'
  | 'Linear10PercentEvery2Minutes'
  | 'Linear10PercentEvery3Minutes'
  | 'Linear10PercentEvery10Minutes'
  | 'AllAtOnce'

/**
 * How a plan ends, and an optional gate after every bake.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const options: RolloutPreset.PresetOptions = { keepCanary: true }
 * const plan = RolloutPreset.preset('AllAtOnce', options)
 * assert.ok(E.isRight(plan) && plan.right.steps.length === 1)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PresetOptions {
  /** Keep the canary (at 0%, on the promoted deployment) instead of disabling it at the end. */
  readonly keepCanary?: boolean
  /** Which parts of the promotion to carry out (all by default). */
  readonly promote?: PromoteOptions
  /** A gate to pass after every bake. */
  readonly gate?: Gate
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * One minute, in milliseconds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.strictEqual(5 * RolloutPreset.MINUTE, 300_000)
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const MINUTE = 60_000

/**
 * Every preset name, in order.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.strictEqual(RolloutPreset.presetNames.length, 9)
 * assert.ok(RolloutPreset.presetNames.includes('Linear10PercentEvery1Minute'))
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const presetNames: ReadonlyArray<PresetName> = [
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
  'AllAtOnce'
]

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const finish = (options: PresetOptions): ReadonlyArray<Step> => [
  Rollout.promote(options.promote ?? {}),
  ...(options.keepCanary === true ? [] : [Rollout.disable])
]

const gated = (options: PresetOptions): ReadonlyArray<Step> => (options.gate === undefined ? [] : [Rollout.gate(options.gate)])

const canarySteps = (percent: number, bakeMs: number, options: PresetOptions): ReadonlyArray<Step> => [
  Rollout.setTraffic(percent),
  Rollout.bake(bakeMs),
  ...gated(options),
  ...finish(options)
]

const linearSteps = (increment: number, intervalMs: number, options: PresetOptions): ReadonlyArray<Step> => {
  const steps: Array<Step> = []
  for (let k = 1; k * increment < 100; k++) steps.push(Rollout.setTraffic(k * increment), Rollout.bake(intervalMs), ...gated(options))
  return [...steps, ...finish(options)]
}

// -------------------------------------------------------------------------------------
// presets
// -------------------------------------------------------------------------------------

/**
 * 10% for 5 minutes, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Canary10Percent5Minutes.steps.map((s) => s._tag), ['SetTraffic', 'Bake', 'Promote', 'Disable'])
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Canary10Percent5Minutes: Plan = { name: 'Canary10Percent5Minutes', steps: canarySteps(10, 5 * MINUTE, {}) }

/**
 * 10% for 10 minutes, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Canary10Percent10Minutes.steps[1], { _tag: 'Bake', durationMs: 600_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Canary10Percent10Minutes: Plan = { name: 'Canary10Percent10Minutes', steps: canarySteps(10, 10 * MINUTE, {}) }

/**
 * 10% for 15 minutes, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Canary10Percent15Minutes.steps[1], { _tag: 'Bake', durationMs: 900_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Canary10Percent15Minutes: Plan = { name: 'Canary10Percent15Minutes', steps: canarySteps(10, 15 * MINUTE, {}) }

/**
 * 10% for 30 minutes, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Canary10Percent30Minutes.steps[1], { _tag: 'Bake', durationMs: 1_800_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Canary10Percent30Minutes: Plan = { name: 'Canary10Percent30Minutes', steps: canarySteps(10, 30 * MINUTE, {}) }

/**
 * 10%, 20%, ..., 90%, one minute each, then promotion (nine minutes after the start) and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const shares = RolloutPreset.Linear10PercentEvery1Minute.steps.flatMap((s) => (s._tag === 'SetTraffic' ? [s.percent] : []))
 * assert.deepStrictEqual(shares, [10, 20, 30, 40, 50, 60, 70, 80, 90])
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Linear10PercentEvery1Minute: Plan = { name: 'Linear10PercentEvery1Minute', steps: linearSteps(10, MINUTE, {}) }

/**
 * 10%, 20%, ..., 90%, two minutes each, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Linear10PercentEvery2Minutes.steps[1], { _tag: 'Bake', durationMs: 120_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Linear10PercentEvery2Minutes: Plan = { name: 'Linear10PercentEvery2Minutes', steps: linearSteps(10, 2 * MINUTE, {}) }

/**
 * 10%, 20%, ..., 90%, three minutes each, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Linear10PercentEvery3Minutes.steps[1], { _tag: 'Bake', durationMs: 180_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Linear10PercentEvery3Minutes: Plan = { name: 'Linear10PercentEvery3Minutes', steps: linearSteps(10, 3 * MINUTE, {}) }

/**
 * 10%, 20%, ..., 90%, ten minutes each, then promotion and disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.Linear10PercentEvery10Minutes.steps[1], { _tag: 'Bake', durationMs: 600_000 })
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const Linear10PercentEvery10Minutes: Plan = { name: 'Linear10PercentEvery10Minutes', steps: linearSteps(10, 10 * MINUTE, {}) }

/**
 * Promotion straight away, then disable.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RolloutPreset.AllAtOnce.steps.map((s) => s._tag), ['Promote', 'Disable'])
 * ```
 *
 * @category presets
 * @since 0.1.0
 */
export const AllAtOnce: Plan = { name: 'AllAtOnce', steps: finish({}) }

/**
 * A canary plan: `percent` for `bakeMs` milliseconds, then promotion (and disable).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const plan = RolloutPreset.canary(10, 5 * RolloutPreset.MINUTE)
 * assert.ok(E.isRight(plan))
 * assert.deepStrictEqual(plan.right.steps.map((s) => s._tag), ['SetTraffic', 'Bake', 'Promote', 'Disable'])
 * assert.ok(E.isLeft(RolloutPreset.canary(0, 60_000)))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const canary = (percent: number, bakeMs: number, options: PresetOptions = {}, name = `Canary${percent}Percent${bakeMs}ms`): E.Either<InvalidValue, Plan> =>
  typeof percent !== 'number' || !(percent > 0 && percent < 100)
    ? E.left(invalidValue('percent', percent, 'is not a canary share (more than 0 and less than 100)'))
    : Rollout.fromSteps(canarySteps(percent, bakeMs, options), name)

/**
 * A linear plan: the canary's share grows by `increment` every `intervalMs` milliseconds,
 * `k * increment` for every `k` with `k * increment < 100`, and the increment that would
 * reach 100% is the promotion (see the module's notes on the end rule).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const plan = RolloutPreset.linear(30, RolloutPreset.MINUTE)
 * assert.ok(E.isRight(plan))
 * const shares = plan.right.steps.flatMap((s) => (s._tag === 'SetTraffic' ? [s.percent] : []))
 * assert.deepStrictEqual(shares, [30, 60, 90])
 * assert.deepStrictEqual(plan.right.steps.slice(-2).map((s) => s._tag), ['Promote', 'Disable'])
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const linear = (increment: number, intervalMs: number, options: PresetOptions = {}, name = `Linear${increment}PercentEvery${intervalMs}ms`): E.Either<InvalidValue, Plan> => {
  if (typeof increment !== 'number' || !(increment > 0 && increment <= 100)) {
    return E.left(invalidValue('increment', increment, 'is not a linear increment (more than 0, at most 100)'))
  }
  return Rollout.fromSteps(linearSteps(increment, intervalMs, options), name)
}

/**
 * The all-at-once plan: promote straight away (and disable).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const plan = RolloutPreset.allAtOnce()
 * assert.ok(E.isRight(plan))
 * assert.deepStrictEqual(plan.right.steps, [{ _tag: 'Promote', options: {} }, { _tag: 'Disable' }])
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const allAtOnce = (options: PresetOptions = {}): E.Either<InvalidValue, Plan> => Rollout.fromSteps(finish(options), 'AllAtOnce')

/**
 * A custom plan: your steps, then promotion and disable (unless `keepCanary`). `options.gate`
 * is not used: put `Rollout.gate(...)` steps where you want them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Rollout, RolloutPreset } from 'apigw-canary'
 *
 * const plan = RolloutPreset.custom([Rollout.setTraffic(5), Rollout.bake(60_000), Rollout.setTraffic(50), Rollout.bake(60_000)], { keepCanary: true })
 * assert.ok(E.isRight(plan))
 * assert.deepStrictEqual(plan.right.steps.map((s) => s._tag), ['SetTraffic', 'Bake', 'SetTraffic', 'Bake', 'Promote'])
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const custom = (steps: ReadonlyArray<Step>, options: PresetOptions = {}, name = 'Custom'): E.Either<InvalidValue, Plan> =>
  Array.isArray(steps) ? Rollout.fromSteps([...steps, ...finish(options)], name) : E.left(invalidValue('steps', steps, 'is not a list of steps'))

/**
 * The preset of that name (CodeDeploy's name, with or without its `CodeDeployDefault.` or
 * `CodeDeployDefault.Lambda` prefix), with the given ending and gate.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * const plan = RolloutPreset.preset('CodeDeployDefault.LambdaCanary10Percent5Minutes')
 * assert.ok(E.isRight(plan))
 * assert.strictEqual(plan.right.name, 'Canary10Percent5Minutes')
 * assert.deepStrictEqual(plan.right.steps[1], { _tag: 'Bake', durationMs: 300_000 })
 * assert.ok(E.isLeft(RolloutPreset.preset('Canary50Percent1Minute')))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const preset = (name: string, options: PresetOptions = {}): E.Either<InvalidValue, Plan> => {
  const short = typeof name === 'string' ? name.replace(/^CodeDeployDefault\.(Lambda|ECS)?/, '') : name
  switch (short as PresetName) {
    case 'Canary10Percent5Minutes':
      return canary(10, 5 * MINUTE, options, short)
    case 'Canary10Percent10Minutes':
      return canary(10, 10 * MINUTE, options, short)
    case 'Canary10Percent15Minutes':
      return canary(10, 15 * MINUTE, options, short)
    case 'Canary10Percent30Minutes':
      return canary(10, 30 * MINUTE, options, short)
    case 'Linear10PercentEvery1Minute':
      return linear(10, MINUTE, options, short)
    case 'Linear10PercentEvery2Minutes':
      return linear(10, 2 * MINUTE, options, short)
    case 'Linear10PercentEvery3Minutes':
      return linear(10, 3 * MINUTE, options, short)
    case 'Linear10PercentEvery10Minutes':
      return linear(10, 10 * MINUTE, options, short)
    case 'AllAtOnce':
      return allAtOnce(options)
    default:
      return E.left(invalidValue('preset', name, `is not a preset; the presets are ${presetNames.join(', ')}`))
  }
}
