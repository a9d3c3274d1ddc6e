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
 *   then 100 by promotion. Each share is rounded to 9 decimal places, so that floating-point
 *   noise never reaches AWS (`33.3` gives 33.3, 66.6, 99.9, not 99.89999999999999), and P is
 *   at least {@link MIN_LINEAR_INCREMENT} (0.1%, at most 999 shares).
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
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import type { PromoteOptions } from '../lifecycle/Lifecycle.js'
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
 * The smallest increment of a linear plan, in percent: 0.1, the finest share Amazon ECS's
 * own linear and canary deployments take. A plan has at most 999 shares.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RolloutPreset } from 'apigw-canary'
 *
 * assert.strictEqual(RolloutPreset.MIN_LINEAR_INCREMENT, 0.1)
 * assert.ok(E.isRight(RolloutPreset.linear(0.1, 1000)))
 * assert.ok(E.isLeft(RolloutPreset.linear(0.01, 1000)))
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const MIN_LINEAR_INCREMENT = 0.1

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

/** A share without floating-point noise: rounded to 9 decimal places. */
const share = (x: number): number => Math.round(x * 1e9) / 1e9

const finish = (options: PresetOptions): ReadonlyArray<Step> => [
  Rollout.promote(options.promote ?? {}),
  ...(options.keepCanary === true ? [] : [Rollout.disable()])
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
  for (let k = 1; share(k * increment) < 100; k++) steps.push(Rollout.setTraffic(share(k * increment)), Rollout.bake(intervalMs), ...gated(options))
  return [...steps, ...finish(options)]
}

/** A duration: a whole number of milliseconds, 0 or more. */
const checkDuration = (ms: number, field: string): E.Either<InvalidValue, number> =>
  typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0 ? E.right(ms) : E.left(invalidValue(field, ms, 'is not a duration (a whole number of milliseconds, 0 or more)'))

const checkOptions = (options: PresetOptions): E.Either<InvalidValue, PresetOptions> =>
  typeof options === 'object' && options !== null ? E.right(options) : E.left(invalidValue('options', options, 'is not preset options ({ keepCanary?, promote?, gate? })'))

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
export const canary = (percent: number, bakeMs: number, options: PresetOptions = {}, name?: string): E.Either<InvalidValue, Plan> => {
  if (typeof percent !== 'number' || !(percent > 0 && percent < 100)) {
    return E.left(invalidValue('percent', percent, 'is not a canary share (more than 0 and less than 100)'))
  }
  const bake = checkDuration(bakeMs, 'bakeMs')
  if (E.isLeft(bake)) return bake
  return E.flatMap(checkOptions(options), (o: PresetOptions) => Rollout.fromSteps(canarySteps(percent, bake.right, o), name ?? `Canary${percent}Percent${bake.right}ms`))
}

/**
 * A linear plan: the canary's share grows by `increment` every `intervalMs` milliseconds,
 * `k * increment` (rounded to 9 decimal places) for every `k` with `k * increment < 100`, and
 * the increment that would reach 100% is the promotion (see the module's notes on the end
 * rule). The increment is from {@link MIN_LINEAR_INCREMENT} (0.1) to 100.
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
 * // Shares are rounded: 99.9, not 99.89999999999999.
 * const third = RolloutPreset.linear(33.3, RolloutPreset.MINUTE)
 * assert.ok(E.isRight(third))
 * assert.deepStrictEqual(third.right.steps.flatMap((s) => (s._tag === 'SetTraffic' ? [s.percent] : [])), [33.3, 66.6, 99.9])
 * assert.ok(E.isLeft(RolloutPreset.linear(0.01, RolloutPreset.MINUTE))) // below 0.1
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const linear = (increment: number, intervalMs: number, options: PresetOptions = {}, name?: string): E.Either<InvalidValue, Plan> => {
  if (typeof increment !== 'number' || !(increment >= MIN_LINEAR_INCREMENT && increment <= 100)) {
    return E.left(
      invalidValue('increment', increment, `is not a linear increment (from ${MIN_LINEAR_INCREMENT} to 100 percent: a finer one would take over a thousand steps to reach 100%)`)
    )
  }
  const interval = checkDuration(intervalMs, 'intervalMs')
  if (E.isLeft(interval)) return interval
  return E.flatMap(checkOptions(options), (o: PresetOptions) =>
    Rollout.fromSteps(linearSteps(increment, interval.right, o), name ?? `Linear${increment}PercentEvery${interval.right}ms`)
  )
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
export const allAtOnce = (options: PresetOptions = {}): E.Either<InvalidValue, Plan> =>
  E.flatMap(checkOptions(options), (o: PresetOptions) => Rollout.fromSteps(finish(o), 'AllAtOnce'))

/**
 * A custom plan: your steps, then promotion and disable (unless `keepCanary`). `options.gate`
 * is not used: put `Rollout.gate(...)` steps where you want them. As in every plan, nothing
 * may wait after a promotion: a `Promote` among your steps must come after every bake and gate.
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
 * // A bake after your own promotion: refused, a rollback could not undo the promotion.
 * assert.ok(E.isLeft(RolloutPreset.custom([Rollout.setTraffic(10), Rollout.promote(), Rollout.bake(60_000)])))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const custom = (steps: ReadonlyArray<Step>, options: PresetOptions = {}, name = 'Custom'): E.Either<InvalidValue, Plan> =>
  Array.isArray(steps)
    ? E.flatMap(checkOptions(options), (o: PresetOptions) => Rollout.fromSteps([...steps, ...finish(o)], name))
    : E.left(invalidValue('steps', steps, 'is not a list of steps'))

/**
 * CodeDeploy's names for the presets: every Lambda configuration
 * (`CodeDeployDefault.Lambda<preset>`) and the five of Amazon ECS, whose linear names end in
 * `Minutes` even for one minute.
 */
const codeDeployNames: ReadonlyArray<readonly [string, PresetName]> = [
  ...presetNames.map((n): readonly [string, PresetName] => [`CodeDeployDefault.Lambda${n}`, n]),
  ['CodeDeployDefault.ECSCanary10Percent5Minutes', 'Canary10Percent5Minutes'],
  ['CodeDeployDefault.ECSCanary10Percent15Minutes', 'Canary10Percent15Minutes'],
  ['CodeDeployDefault.ECSLinear10PercentEvery1Minutes', 'Linear10PercentEvery1Minute'],
  ['CodeDeployDefault.ECSLinear10PercentEvery3Minutes', 'Linear10PercentEvery3Minutes'],
  ['CodeDeployDefault.ECSAllAtOnce', 'AllAtOnce']
]

/** The preset a name means: ours, ours after `CodeDeployDefault.`, or CodeDeploy's Lambda or ECS name. */
const presetOf = (name: string): PresetName | undefined => {
  const bare = name.startsWith('CodeDeployDefault.') ? name.slice('CodeDeployDefault.'.length) : name
  return presetNames.find((n) => n === bare) ?? codeDeployNames.find(([n]) => n === name)?.[1]
}

/**
 * The preset of that name: ours (`Canary10Percent5Minutes`), with or without the
 * `CodeDeployDefault.` prefix, or CodeDeploy's real name for it: every Lambda configuration
 * (`CodeDeployDefault.LambdaLinear10PercentEvery1Minute`) and the ECS ones
 * (`CodeDeployDefault.ECSCanary10Percent5Minutes`, `ECSCanary10Percent15Minutes`,
 * `ECSLinear10PercentEvery1Minutes`, `ECSLinear10PercentEvery3Minutes`, `ECSAllAtOnce`). The
 * plan is named after our preset, with the given ending and gate.
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
 * const ecs = RolloutPreset.preset('CodeDeployDefault.ECSLinear10PercentEvery1Minutes')
 * assert.ok(E.isRight(ecs) && ecs.right.name === 'Linear10PercentEvery1Minute')
 * assert.ok(E.isLeft(RolloutPreset.preset('Canary50Percent1Minute')))
 * assert.ok(E.isLeft(RolloutPreset.preset('CodeDeployDefault.ECSCanary10Percent30Minutes'))) // not an ECS configuration
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const preset = (name: string, options: PresetOptions = {}): E.Either<InvalidValue, Plan> => {
  const short = typeof name === 'string' ? presetOf(name) : undefined
  switch (short) {
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
    case undefined:
      return E.left(
        invalidValue(
          'preset',
          name,
          `is not a preset; the presets are ${presetNames.join(', ')} (also with the prefix CodeDeployDefault. or CodeDeployDefault.Lambda), and CodeDeploy's ECS names ${codeDeployNames
            .filter(([n]) => n.startsWith('CodeDeployDefault.ECS'))
            .map(([n]) => n)
            .join(', ')}`
        )
      )
  }
}
