import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import * as Rollout from '../../src/rollout/Rollout.js'
import * as RolloutPreset from '../../src/rollout/RolloutPreset.js'
import { applyPatch } from '../../src/patch/StagePatch.js'
import { deepFreeze, expectLeft, expectRight, snapshot } from '../helpers.js'

const stage = (u: unknown): Stage => expectRight(decodeStage(u))
const MIN = RolloutPreset.MINUTE

/** The docs' stage, with a fresh canary at 0% (as deployCanary leaves it). */
const fresh = stage({
  stageName: 'prod',
  deploymentId: 'nfcn0x',
  variables: { sv1: 'val1' },
  canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } }
})

const errorRateGate = (overrides: Partial<Rollout.Gate> = {}): Rollout.Gate => ({
  name: 'error-rate',
  check: (m) => {
    const rate = m['errorRate']
    return rate === undefined ? 'inconclusive' : rate < 0.01 ? 'pass' : 'fail'
  },
  failureLimit: 0,
  inconclusiveLimit: 0,
  ...overrides
})

const started = (p: Rollout.Plan, at = 0): Rollout.Advance => expectRight(Rollout.start(p, fresh, at))
const feed = (r: Rollout.Rollout, ...inputs: ReadonlyArray<Rollout.Input>): { rollout: Rollout.Rollout; entries: ReadonlyArray<Rollout.Entry> } =>
  inputs.reduce<{ rollout: Rollout.Rollout; entries: ReadonlyArray<Rollout.Entry> }>(
    (acc, input) => {
      const next = expectRight(Rollout.advance(acc.rollout, input))
      return { rollout: next.rollout, entries: [...acc.entries, ...next.entries] }
    },
    { rollout: r, entries: [] }
  )
const tags = (entries: ReadonlyArray<Rollout.Entry>): ReadonlyArray<string> => entries.map((e) => e.event._tag)
const percentOf = (s: Stage): number | undefined => s.canarySettings?.percentTraffic

const traffic = (p: number) => [{ op: 'replace', path: '/canarySettings/percentTraffic', value: `${p}.0` }]
const promoteOps = [
  { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
  { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
]
const disableOps = [{ op: 'remove', path: '/canarySettings' }]

describe('a preset end to end: Linear10PercentEvery1Minute', () => {
  const result = expectRight(Rollout.run(RolloutPreset.Linear10PercentEvery1Minute, fresh, []))
  // [time, step index, event, operations, canary percent after (undefined: no canary), stage deploymentId after]
  type Row = readonly [number, number | undefined, string, ReadonlyArray<object>, number | undefined, string]
  const rows: ReadonlyArray<Row> = [
    [0, 0, 'TrafficSet', traffic(10), 10, 'nfcn0x'],
    [0, 1, 'BakeStarted', [], 10, 'nfcn0x'],
    [1 * MIN, 1, 'BakeEnded', [], 10, 'nfcn0x'],
    [1 * MIN, 2, 'TrafficSet', traffic(20), 20, 'nfcn0x'],
    [1 * MIN, 3, 'BakeStarted', [], 20, 'nfcn0x'],
    [2 * MIN, 3, 'BakeEnded', [], 20, 'nfcn0x'],
    [2 * MIN, 4, 'TrafficSet', traffic(30), 30, 'nfcn0x'],
    [2 * MIN, 5, 'BakeStarted', [], 30, 'nfcn0x'],
    [3 * MIN, 5, 'BakeEnded', [], 30, 'nfcn0x'],
    [3 * MIN, 6, 'TrafficSet', traffic(40), 40, 'nfcn0x'],
    [3 * MIN, 7, 'BakeStarted', [], 40, 'nfcn0x'],
    [4 * MIN, 7, 'BakeEnded', [], 40, 'nfcn0x'],
    [4 * MIN, 8, 'TrafficSet', traffic(50), 50, 'nfcn0x'],
    [4 * MIN, 9, 'BakeStarted', [], 50, 'nfcn0x'],
    [5 * MIN, 9, 'BakeEnded', [], 50, 'nfcn0x'],
    [5 * MIN, 10, 'TrafficSet', traffic(60), 60, 'nfcn0x'],
    [5 * MIN, 11, 'BakeStarted', [], 60, 'nfcn0x'],
    [6 * MIN, 11, 'BakeEnded', [], 60, 'nfcn0x'],
    [6 * MIN, 12, 'TrafficSet', traffic(70), 70, 'nfcn0x'],
    [6 * MIN, 13, 'BakeStarted', [], 70, 'nfcn0x'],
    [7 * MIN, 13, 'BakeEnded', [], 70, 'nfcn0x'],
    [7 * MIN, 14, 'TrafficSet', traffic(80), 80, 'nfcn0x'],
    [7 * MIN, 15, 'BakeStarted', [], 80, 'nfcn0x'],
    [8 * MIN, 15, 'BakeEnded', [], 80, 'nfcn0x'],
    [8 * MIN, 16, 'TrafficSet', traffic(90), 90, 'nfcn0x'],
    [8 * MIN, 17, 'BakeStarted', [], 90, 'nfcn0x'],
    [9 * MIN, 17, 'BakeEnded', [], 90, 'nfcn0x'],
    [9 * MIN, 18, 'Promoted', promoteOps, 0, 'eh1sby'],
    [9 * MIN, 19, 'Disabled', disableOps, undefined, 'eh1sby'],
    [9 * MIN, undefined, 'Succeeded', [], undefined, 'eh1sby']
  ]

  it('every entry: time, step, event, operations, traffic and deployment', () => {
    expect(result.entries.map((e): Row => [e.at, e.step, e.event._tag, e.operations, percentOf(e.stage), e.stage.deploymentId ?? ''])).toEqual(rows)
  })

  it('the bakes end when due: BakeStarted says until when', () => {
    const until = result.entries.flatMap((e) => (e.event._tag === 'BakeStarted' ? [e.event.until] : []))
    expect(until).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => m * MIN))
  })

  it('the final stage: the canary\'s deployment, the merged variables, no canary', () => {
    expect(result.rollout.status).toEqual({ _tag: 'Succeeded' })
    expect(result.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'eh1sby', variables: { sv1: 'val2', sv2: 'val3' } })
    expect(result.rollout.clock).toBe(9 * MIN)
  })

  it('the operations, concatenated, are one valid update-stage request that makes the final stage', () => {
    expect(result.operations).toEqual(result.entries.flatMap((e) => e.operations))
    expect(expectRight(applyPatch(fresh, result.operations))).toEqual(result.rollout.stage)
  })

  it('driven by ticks every 25 seconds instead, the log is the same', () => {
    const s = started(RolloutPreset.Linear10PercentEvery1Minute)
    // 25s, 50s, ..., 550s: the last is the first tick after the end (540s).
    const ticks = Array.from({ length: 22 }, (_, i) => Rollout.tick((i + 1) * 25_000))
    const fed = feed(s.rollout, ...ticks)
    expect([...s.entries, ...fed.entries]).toEqual(result.entries)
  })
})

describe('the other presets', () => {
  it('Canary10Percent5Minutes: 10% at 0, promotion and disable at 5 minutes', () => {
    const r = expectRight(Rollout.run(RolloutPreset.Canary10Percent5Minutes, fresh, []))
    expect(r.entries.map((e) => [e.at, e.event._tag, e.operations])).toEqual([
      [0, 'TrafficSet', traffic(10)],
      [0, 'BakeStarted', []],
      [5 * MIN, 'BakeEnded', []],
      [5 * MIN, 'Promoted', promoteOps],
      [5 * MIN, 'Disabled', disableOps],
      [5 * MIN, 'Succeeded', []]
    ])
  })

  it('AllAtOnce: promotion and disable at the start', () => {
    const r = expectRight(Rollout.run(RolloutPreset.AllAtOnce, fresh, [], { startAt: 1000 }))
    expect(r.entries.map((e) => [e.at, e.event._tag])).toEqual([[1000, 'Promoted'], [1000, 'Disabled'], [1000, 'Succeeded']])
    expect(r.operations).toEqual([...promoteOps, ...disableOps])
  })

  it('each named preset is preset(name), with or without CodeDeploy\'s prefix', () => {
    const named: Record<RolloutPreset.PresetName, Rollout.Plan> = {
      Canary10Percent5Minutes: RolloutPreset.Canary10Percent5Minutes,
      Canary10Percent10Minutes: RolloutPreset.Canary10Percent10Minutes,
      Canary10Percent15Minutes: RolloutPreset.Canary10Percent15Minutes,
      Canary10Percent30Minutes: RolloutPreset.Canary10Percent30Minutes,
      Linear10PercentEvery1Minute: RolloutPreset.Linear10PercentEvery1Minute,
      Linear10PercentEvery2Minutes: RolloutPreset.Linear10PercentEvery2Minutes,
      Linear10PercentEvery3Minutes: RolloutPreset.Linear10PercentEvery3Minutes,
      Linear10PercentEvery10Minutes: RolloutPreset.Linear10PercentEvery10Minutes,
      AllAtOnce: RolloutPreset.AllAtOnce
    }
    for (const name of RolloutPreset.presetNames) {
      expect(expectRight(RolloutPreset.preset(name))).toEqual(named[name])
      expect(expectRight(RolloutPreset.preset(`CodeDeployDefault.${name}`))).toEqual(named[name])
      expect(expectRight(RolloutPreset.preset(`CodeDeployDefault.Lambda${name}`))).toEqual(named[name])
      expect(E.isRight(Rollout.fromSteps(named[name].steps))).toBe(true)
    }
    expect(expectLeft(RolloutPreset.preset('Linear50PercentEvery1Minute')).field).toBe('preset')
  })

  it('CodeDeploy\'s ECS configurations, by their real names ("Every1Minutes"), and no others', () => {
    const ecs: ReadonlyArray<readonly [string, Rollout.Plan]> = [
      ['CodeDeployDefault.ECSCanary10Percent5Minutes', RolloutPreset.Canary10Percent5Minutes],
      ['CodeDeployDefault.ECSCanary10Percent15Minutes', RolloutPreset.Canary10Percent15Minutes],
      ['CodeDeployDefault.ECSLinear10PercentEvery1Minutes', RolloutPreset.Linear10PercentEvery1Minute],
      ['CodeDeployDefault.ECSLinear10PercentEvery3Minutes', RolloutPreset.Linear10PercentEvery3Minutes],
      ['CodeDeployDefault.ECSAllAtOnce', RolloutPreset.AllAtOnce]
    ]
    for (const [name, plan] of ecs) expect(expectRight(RolloutPreset.preset(name))).toEqual(plan)
    for (const name of ['CodeDeployDefault.ECSCanary10Percent30Minutes', 'CodeDeployDefault.ECSLinear10PercentEvery1Minute', 'ECSAllAtOnce', 'CodeDeployDefault.LambdaLinear10PercentEvery1Minutes']) {
      expect(expectLeft(RolloutPreset.preset(name)).message).toContain("CodeDeploy's ECS names CodeDeployDefault.ECSCanary10Percent5Minutes, ")
    }
  })

  it('the total time of each preset', () => {
    const end = (p: Rollout.Plan): number => expectRight(Rollout.run(p, fresh, [])).rollout.clock
    expect(end(RolloutPreset.Canary10Percent30Minutes)).toBe(30 * MIN)
    expect(end(RolloutPreset.Linear10PercentEvery3Minutes)).toBe(27 * MIN)
    expect(end(RolloutPreset.Linear10PercentEvery10Minutes)).toBe(90 * MIN)
  })

  it('keepCanary: the canary stays, at 0% on the promoted deployment', () => {
    const p = expectRight(RolloutPreset.preset('Canary10Percent5Minutes', { keepCanary: true }))
    const r = expectRight(Rollout.run(p, fresh, []))
    expect(tags(r.entries)).toEqual(['TrafficSet', 'BakeStarted', 'BakeEnded', 'Promoted', 'Succeeded'])
    expect(r.rollout.stage.canarySettings).toEqual({ deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false })
    expect(r.rollout.stage.deploymentId).toBe('eh1sby')
  })
})

describe('the linear end rule: no step reaches 100%, the promotion is the last increment', () => {
  const shares = (p: Rollout.Plan): ReadonlyArray<number> => p.steps.flatMap((s) => (s._tag === 'SetTraffic' ? [s.percent] : []))

  it('10: 10, 20, ..., 90, then promote', () => {
    expect(shares(expectRight(RolloutPreset.linear(10, MIN)))).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90])
  })

  it('30: 30, 60, 90, then 100 by promotion one interval later', () => {
    const p = expectRight(RolloutPreset.linear(30, MIN))
    expect(shares(p)).toEqual([30, 60, 90])
    const r = expectRight(Rollout.run(p, fresh, []))
    expect(r.entries.filter((e) => e.event._tag === 'Promoted').map((e) => e.at)).toEqual([3 * MIN])
  })

  it('100: promote straight away; 50: 50, then promote', () => {
    expect(shares(expectRight(RolloutPreset.linear(100, MIN)))).toEqual([])
    expect(shares(expectRight(RolloutPreset.linear(50, MIN)))).toEqual([50])
  })

  it('33.3: 33.3, 66.6, 99.9 with no floating-point noise, in the steps and in the operations', () => {
    const p = expectRight(RolloutPreset.linear(33.3, MIN))
    expect(shares(p)).toEqual([33.3, 66.6, 99.9])
    const values = expectRight(Rollout.run(p, fresh, [])).entries.filter((e) => e.event._tag === 'TrafficSet').flatMap((e) => e.operations.map((o) => o.value))
    expect(values).toEqual(['33.3', '66.6', '99.9'])
  })

  it('for any increment: shares k * increment rounded to 9 places, all below 100, up to the last below 100', () => {
    const round = (x: number) => Math.round(x * 1e9) / 1e9
    fc.assert(
      fc.property(fc.double({ min: RolloutPreset.MIN_LINEAR_INCREMENT, max: 100, noNaN: true }), (inc) => {
        const s = shares(expectRight(RolloutPreset.linear(inc, MIN)))
        expect(s).toEqual(s.map((_, k) => round((k + 1) * inc)))
        expect(s.every((p) => p < 100 && Number(p.toFixed(9)) === p)).toBe(true)
        expect(round((s.length + 1) * inc)).toBeGreaterThanOrEqual(100)
      })
    )
  })

  it('an increment outside [0.1, 100] is refused, saying why', () => {
    for (const inc of [0, -10, 101, Number.NaN, 0.01, 0.09999]) expect(expectLeft(RolloutPreset.linear(inc, MIN)).field).toBe('increment')
    expect(expectLeft(RolloutPreset.linear(0.01, MIN)).message).toBe('increment: 0.01 is not a linear increment (from 0.1 to 100 percent: a finer one would take over a thousand steps to reach 100%)')
    expect(shares(expectRight(RolloutPreset.linear(0.1, MIN)))).toHaveLength(999)
    for (const p of [0, 100, 150]) expect(expectLeft(RolloutPreset.canary(p, MIN)).field).toBe('percent')
  })
})

describe('gates', () => {
  const gatedCanary = (g: Rollout.Gate): Rollout.Plan => expectRight(RolloutPreset.canary(10, 5 * MIN, { gate: g }))

  it('a passing gate: measured after the bake, then promotion', () => {
    const r = expectRight(Rollout.run(gatedCanary(errorRateGate()), fresh, [Rollout.observe(MIN, { errorRate: 0.5 }), Rollout.observe(6 * MIN, { errorRate: 0.001 })]))
    expect(r.entries.map((e) => [e.at, e.event._tag])).toEqual([
      [0, 'TrafficSet'],
      [0, 'BakeStarted'],
      [5 * MIN, 'BakeEnded'],
      [5 * MIN, 'GateStarted'],
      [6 * MIN, 'Measured'],
      [6 * MIN, 'GatePassed'],
      [6 * MIN, 'Promoted'],
      [6 * MIN, 'Disabled'],
      [6 * MIN, 'Succeeded']
    ])
  })

  it('a failed gate rolls back: the canary is disabled, the stage\'s deploymentId and variables untouched', () => {
    const r = expectRight(Rollout.run(gatedCanary(errorRateGate()), fresh, [Rollout.observe(6 * MIN, { errorRate: 0.2 })]))
    expect(r.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate error-rate: failed (1) > failureLimit (0)' })
    expect(r.entries.slice(-3).map((e) => [e.at, e.event._tag, e.operations])).toEqual([
      [6 * MIN, 'Measured', []],
      [6 * MIN, 'GateFailed', []],
      [6 * MIN, 'RolledBack', disableOps]
    ])
    expect(r.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
    expect(expectLeft(Rollout.advance(r.rollout, Rollout.tick(7 * MIN)))._tag).toBe('RolloutFinished')
  })

  it('failureLimit 1, count 3, interval 1 minute: one failure is tolerated, two fail the gate', () => {
    const g = errorRateGate({ failureLimit: 1, count: 3, interval: MIN })
    const obs = (...rates: ReadonlyArray<number>) => rates.map((rate, i) => Rollout.observe(5 * MIN + i * MIN, { errorRate: rate }))
    const tolerated = expectRight(Rollout.run(gatedCanary(g), fresh, obs(0.5, 0.001, 0.001)))
    expect(tolerated.rollout.status._tag).toBe('Succeeded')
    const failed = expectRight(Rollout.run(gatedCanary(g), fresh, obs(0.5, 0.001, 0.5)))
    expect(failed.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate error-rate: failed (2) > failureLimit (1)' })
  })

  it('interval: observations before the next measurement is due are ignored, and not logged', () => {
    const g = errorRateGate({ count: 2, interval: MIN })
    const r = expectRight(
      Rollout.run(gatedCanary(g), fresh, [Rollout.observe(5 * MIN, { errorRate: 0 }), Rollout.observe(5 * MIN + 30_000, { errorRate: 0.9 }), Rollout.observe(6 * MIN, { errorRate: 0 })])
    )
    expect(r.entries.filter((e) => e.event._tag === 'Measured').map((e) => e.at)).toEqual([5 * MIN, 6 * MIN])
    expect(r.rollout.status._tag).toBe('Succeeded')
  })

  it('too few observations: the rollout waits at the gate', () => {
    const r = expectRight(Rollout.run(gatedCanary(errorRateGate({ count: 2, interval: MIN })), fresh, [Rollout.observe(5 * MIN, { errorRate: 0 })]))
    expect(r.rollout.status).toMatchObject({ _tag: 'Gating', step: 2, nextMeasurementAt: 6 * MIN, progress: { passed: 1 } })
  })

  it('a check that throws, or answers something else, is an error; more than 4 in a row fail the gate', () => {
    const g = errorRateGate({
      check: (m) => {
        if (m['boom'] === 1) throw new Error('no data')
        return (m['answer'] === 1 ? 'maybe' : 'pass') as Rollout.Verdict
      },
      count: 2
    })
    const errors = (n: number) => Array.from({ length: n }, (_, i) => Rollout.observe(5 * MIN + i, i % 2 === 0 ? { boom: 1 } : { answer: 1 }))
    const fourThenPass = expectRight(Rollout.run(gatedCanary(g), fresh, [...errors(4), Rollout.observe(6 * MIN, {}), ...errors(4).map((o) => ({ ...o, at: o.at + 2 * MIN })), Rollout.observe(8 * MIN, {})]))
    expect(fourThenPass.rollout.status._tag).toBe('Succeeded')
    const five = expectRight(Rollout.run(gatedCanary(g), fresh, errors(5)))
    expect(five.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate error-rate: consecutive errors (5) > consecutiveErrorLimit (4)' })
    expect(five.rollout.stage.deploymentId).toBe('nfcn0x')
  })
})

describe('inconclusive gates pause the rollout', () => {
  const p = expectRight(RolloutPreset.canary(10, 5 * MIN, { gate: errorRateGate() }))
  const paused = (() => {
    const s = started(p)
    return feed(s.rollout, Rollout.observe(5 * MIN, {}))
  })()

  it('the first inconclusive measurement (inconclusiveLimit 0) pauses, with nothing sent to AWS', () => {
    expect(paused.rollout.status).toMatchObject({ _tag: 'Paused', step: 2, progress: { inconclusive: 1 } })
    expect(paused.entries.map((e) => [e.event._tag, e.operations])).toEqual([
      ['BakeEnded', []],
      ['GateStarted', []],
      ['Measured', []],
      ['GateInconclusive', []]
    ])
    expect(percentOf(paused.rollout.stage)).toBe(10)
  })

  it('while paused, ticks and observations change nothing', () => {
    const later = feed(paused.rollout, Rollout.tick(60 * MIN), Rollout.observe(61 * MIN, { errorRate: 0 }))
    expect(later.entries).toEqual([])
    expect(later.rollout.status).toEqual(paused.rollout.status)
    expect(later.rollout.clock).toBe(61 * MIN)
  })

  it('resume continues after the gate: promotion and disable', () => {
    const resumed = feed(paused.rollout, Rollout.resume(10 * MIN))
    expect(resumed.entries.map((e) => [e.at, e.event._tag])).toEqual([
      [10 * MIN, 'Resumed'],
      [10 * MIN, 'Promoted'],
      [10 * MIN, 'Disabled'],
      [10 * MIN, 'Succeeded']
    ])
  })

  it('abort rolls back', () => {
    const aborted = feed(paused.rollout, Rollout.abort(10 * MIN, 'pager'))
    expect(aborted.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'aborted: pager' })
    expect(aborted.entries.map((e) => e.operations)).toEqual([disableOps])
  })

  it('inconclusiveLimit 1: one inconclusive measurement is tolerated', () => {
    const tolerant = expectRight(RolloutPreset.canary(10, 5 * MIN, { gate: errorRateGate({ inconclusiveLimit: 1, count: 2 }) }))
    const r = expectRight(Rollout.run(tolerant, fresh, [Rollout.observe(5 * MIN, {}), Rollout.observe(6 * MIN, { errorRate: 0 })]))
    expect(r.rollout.status._tag).toBe('Succeeded')
    const twice = expectRight(Rollout.run(tolerant, fresh, [Rollout.observe(5 * MIN, {}), Rollout.observe(6 * MIN, {})]))
    expect(twice.rollout.status._tag).toBe('Paused')
  })

  it('resume when not paused is refused', () => {
    expect(expectLeft(Rollout.advance(started(p).rollout, Rollout.resume(MIN)))._tag).toBe('NotPaused')
  })
})

describe('abort', () => {
  it('during a bake: rolls back at the abort\'s time', () => {
    const s = started(RolloutPreset.Linear10PercentEvery1Minute)
    const r = feed(s.rollout, Rollout.abort(150_000, 'latency'))
    expect(r.entries.map((e) => [e.at, e.event._tag])).toEqual([
      [60_000, 'BakeEnded'],
      [60_000, 'TrafficSet'],
      [60_000, 'BakeStarted'],
      [120_000, 'BakeEnded'],
      [120_000, 'TrafficSet'],
      [120_000, 'BakeStarted'],
      [150_000, 'RolledBack']
    ])
    expect(r.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
  })

  it('after the bakes finished the rollout: changes nothing but those bakes', () => {
    const s = started(RolloutPreset.Canary10Percent5Minutes)
    const r = expectRight(Rollout.advance(s.rollout, Rollout.abort(10 * MIN)))
    expect(r.rollout.status._tag).toBe('Succeeded')
    expect(tags(r.entries)).toEqual(['BakeEnded', 'Promoted', 'Disabled', 'Succeeded'])
  })
})

describe('rolled back means the stage is untouched: nothing waits after a promotion', () => {
  it('a bake after the promotion is refused, in fromSteps and so in a custom plan (the audit\'s plan)', () => {
    const e = expectLeft(RolloutPreset.custom([Rollout.setTraffic(10), Rollout.promote(), Rollout.bake(60_000)]))
    expect(e).toMatchObject({ field: 'steps[2]', value: 'Bake' })
    expect(e.message).toBe(
      'steps[2]: "Bake" is a bake after the promotion at steps[1]: once promoted, the stage runs the new deployment and a rollback (disabling the canary) cannot restore production, so nothing may wait after Promote; bake before promoting'
    )
    expect(expectLeft(Rollout.fromSteps([Rollout.promote(), Rollout.setTraffic(5), Rollout.bake(0)])).field).toBe('steps[2]')
    expect(expectLeft(Rollout.fromSteps([Rollout.promote(), Rollout.gate(errorRateGate())])).field).toBe('steps[1]')
  })

  it('what may follow a promotion: steps that take no time', () => {
    expect(E.isRight(Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(MIN), Rollout.promote(), Rollout.setTraffic(0), Rollout.promote(), Rollout.disable()]))).toBe(true)
  })

  it('an abort while the plan waits, before the promotion, rolls back to the stage as it started', () => {
    const p = expectRight(RolloutPreset.custom([Rollout.setTraffic(10), Rollout.bake(60_000)]))
    const s = started(p)
    const r = feed(s.rollout, Rollout.abort(1000))
    expect(r.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'aborted: aborted' })
    expect(r.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
  })

  it('a rollout whose plan was changed by hand to wait after its promotion: an abort is CannotRollBack, and nothing changes', () => {
    const s = started(expectRight(Rollout.fromSteps([Rollout.setTraffic(10), Rollout.promote()])))
    expect(s.rollout.stage.deploymentId).toBe('eh1sby')
    const unchecked: Rollout.Rollout = {
      ...s.rollout,
      plan: { name: 'unchecked', steps: [Rollout.setTraffic(10), Rollout.promote(), Rollout.bake(60_000), Rollout.gate(errorRateGate())] },
      status: { _tag: 'Baking', step: 2, until: 60_000 }
    }
    const aborted = expectLeft(Rollout.advance(unchecked, Rollout.abort(1000)))
    expect(aborted).toEqual({
      _tag: 'CannotRollBack',
      name: 'BadRequestException',
      message:
        'Cannot roll back (aborted: aborted) at steps[2]: the stage was promoted at steps[1] and runs the new deployment, which disabling the canary would not change. Nothing was changed; to go back, deploy the previous deployment to the stage.'
    })
    // A failing gate there: the same.
    const gating = expectRight(Rollout.advance(unchecked, Rollout.tick(60_000))).rollout
    expect(gating.status._tag).toBe('Gating')
    expect(expectLeft(Rollout.advance(gating, Rollout.observe(61_000, { errorRate: 0.5 })))._tag).toBe('CannotRollBack')
  })
})

describe('a long rollout', () => {
  // Its time is linear in its length (it was quadratic when every entry copied the log): measured
  // in bench/rollout.mjs, not asserted here.
  it('20,000 steps run to the end, every entry logged', () => {
    const steps = Array.from({ length: 10_000 }, (_, k) => [Rollout.setTraffic((k % 99) + 1), Rollout.bake(1000)]).flat()
    const p = expectRight(Rollout.fromSteps([...steps, Rollout.promote(), Rollout.disable()]))
    const r = expectRight(Rollout.run(p, fresh, []))
    expect(r.entries).toHaveLength(30_003)
    expect(r.rollout.status).toEqual({ _tag: 'Succeeded' })
  })
})

describe('failures: tagged errors in a Left', () => {
  it('plans: percentages, durations, limits, Disable last, no gate after Promote', () => {
    expect(expectLeft(Rollout.fromSteps([Rollout.setTraffic(150)])).message).toBe('steps[0].percent: 150 is not a percentage (0 to 100)')
    expect(expectLeft(Rollout.fromSteps([Rollout.bake(-1)])).field).toBe('steps[0].durationMs')
    expect(expectLeft(Rollout.fromSteps([Rollout.bake(1.5)])).field).toBe('steps[0].durationMs')
    expect(expectLeft(Rollout.fromSteps([Rollout.disable(), Rollout.promote()])).field).toBe('steps[0]')
    expect(expectLeft(Rollout.fromSteps([Rollout.promote(), Rollout.gate(errorRateGate())])).field).toBe('steps[1]')
    expect(expectLeft(Rollout.fromSteps([Rollout.gate(errorRateGate({ failureLimit: -1 }))])).field).toBe('steps[0].gate.failureLimit')
    expect(expectLeft(Rollout.fromSteps([Rollout.gate(errorRateGate({ count: 0 }))])).field).toBe('steps[0].gate.count')
    expect(expectLeft(Rollout.fromSteps([Rollout.gate(errorRateGate({ name: '' }))])).field).toBe('steps[0].gate.name')
    expect(expectLeft(Rollout.fromSteps([Rollout.gate({ ...errorRateGate(), check: 'x' as unknown as Rollout.Gate['check'] })])).field).toBe('steps[0].gate.check')
    expect(expectLeft(Rollout.fromSteps([{ _tag: 'Jump' } as unknown as Rollout.Step])).field).toBe('steps[0]._tag')
    expect(expectLeft(Rollout.fromSteps([Rollout.promote({ deployment: 'yes' as unknown as boolean })])).field).toBe('steps[0].options')
  })

  it('start: a stage without a canary, a bad plan, a bad time', () => {
    expect(expectLeft(Rollout.start(RolloutPreset.AllAtOnce, stage({ stageName: 'prod', deploymentId: 'nfcn0x' }), 0))._tag).toBe('CanaryNotEnabled')
    expect(expectLeft(Rollout.start({ name: 'x', steps: [Rollout.setTraffic(-1)] }, fresh, 0))._tag).toBe('InvalidValue')
    expect(expectLeft(Rollout.start(RolloutPreset.AllAtOnce, fresh, Number.NaN))).toMatchObject({ _tag: 'InvalidValue', field: 'at' })
  })

  it('advance: time going backwards, a non-finite time, metrics that are not an object', () => {
    const s = started(RolloutPreset.Canary10Percent5Minutes, 1000)
    expect(expectLeft(Rollout.advance(s.rollout, Rollout.tick(999))).message).toBe("at: 999 is earlier than the rollout's clock (1000): time never goes backwards")
    expect(expectLeft(Rollout.advance(s.rollout, Rollout.tick(Number.POSITIVE_INFINITY)))).toMatchObject({ field: 'at' })
    expect(expectLeft(Rollout.advance(s.rollout, { _tag: 'Observe', at: 2000, metrics: null as unknown as Rollout.Metrics }))).toMatchObject({ field: 'metrics' })
  })

  it('run: observations out of order', () => {
    const p = expectRight(RolloutPreset.canary(10, MIN, { gate: errorRateGate() }))
    expect(expectLeft(Rollout.run(p, fresh, [Rollout.observe(5000, {}), Rollout.observe(4000, {})]))).toMatchObject({ field: 'at' })
  })

  it('nothing public throws: null where a stage, an observation, options or a rollout belong is a Left', () => {
    const p = expectRight(RolloutPreset.canary(10, MIN, { gate: errorRateGate() }))
    expect(expectLeft(Rollout.start(p, null as never, 0))).toMatchObject({ _tag: 'InvalidValue', field: 'stage' })
    expect(expectLeft(Rollout.run(p, fresh, [null as never]))).toMatchObject({ field: 'observations[0]', rule: 'is not an observation ({ at, metrics })' })
    expect(expectLeft(Rollout.run(p, fresh, [Rollout.observe(1, {}), 5 as never]))).toMatchObject({ field: 'observations[1]' })
    expect(expectLeft(Rollout.run(p, fresh, [], null as never))).toMatchObject({ field: 'options', rule: 'is not run options ({ startAt? })' })
    expect(expectLeft(Rollout.run(p, null as never, []))).toMatchObject({ field: 'stage' })
    expect(expectLeft(Rollout.advance(null as never, Rollout.tick(1)))).toMatchObject({ field: 'rollout' })
    expect(expectLeft(Rollout.advance({ plan: p, stage: fresh, clock: 0 } as never, Rollout.tick(1)))).toMatchObject({ field: 'rollout' })
    for (const make of [RolloutPreset.allAtOnce, (o: RolloutPreset.PresetOptions) => RolloutPreset.custom([], o), (o: RolloutPreset.PresetOptions) => RolloutPreset.linear(10, MIN, o), (o: RolloutPreset.PresetOptions) => RolloutPreset.canary(10, MIN, o), (o: RolloutPreset.PresetOptions) => RolloutPreset.preset('AllAtOnce', o)]) {
      expect(expectLeft(make(null as never))).toMatchObject({ field: 'options', rule: 'is not preset options ({ keepCanary?, promote?, gate? })' })
    }
  })

  it('nothing public throws, whatever the arguments', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.dictionary(fc.constantFrom('at', 'metrics', 'steps', 'name', '_tag', 'stage', 'status'), fc.anything()))
    const p = expectRight(RolloutPreset.canary(10, MIN, { gate: errorRateGate() }))
    fc.assert(
      fc.property(junk, junk, junk, (a, b, c) => {
        const calls = [
          () => Rollout.start(a as never, b as never, c as never),
          () => Rollout.start(p, fresh, a as never),
          () => Rollout.advance(a as never, b as never),
          () => Rollout.advance(started(p).rollout, a as never),
          () => Rollout.run(p, fresh, a as never, b as never),
          () => Rollout.run(a as never, b as never, [], c as never),
          () => Rollout.fromSteps(a as never, b as never),
          () => RolloutPreset.custom(a as never, b as never),
          () => RolloutPreset.preset(a as never, b as never),
          () => RolloutPreset.linear(a as never, b as never, c as never),
          () => RolloutPreset.canary(a as never, b as never, c as never)
        ]
        for (const call of calls) expect(() => call()).not.toThrow()
      })
    )
  })
})

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

const gateArb: fc.Arbitrary<Rollout.Gate> = fc.record({
  name: fc.constantFrom('errors', 'latency'),
  threshold: fc.double({ min: 0, max: 1, noNaN: true }),
  failureLimit: fc.integer({ min: 0, max: 2 }),
  inconclusiveLimit: fc.integer({ min: 0, max: 2 }),
  interval: fc.constantFrom(0, 10_000, MIN),
  count: fc.integer({ min: 1, max: 3 })
}).map(({ threshold, ...g }) => ({
  ...g,
  check: (m: Rollout.Metrics): Rollout.Verdict => {
    const x = m['x']
    if (x === undefined) return 'inconclusive'
    if (Number.isNaN(x)) throw new Error('no data')
    return x < threshold ? 'pass' : 'fail'
  }
}))

const planArb: fc.Arbitrary<Rollout.Plan> = fc.oneof(
  fc.constantFrom(...RolloutPreset.presetNames).map((n) => expectRight(RolloutPreset.preset(n))),
  fc.tuple(fc.constantFrom(...RolloutPreset.presetNames), gateArb, fc.boolean()).map(([n, g, keepCanary]) => expectRight(RolloutPreset.preset(n, { gate: g, keepCanary }))),
  fc.tuple(fc.integer({ min: 5, max: 100 }), fc.integer({ min: 0, max: 5 * MIN }), fc.option(gateArb, { nil: undefined })).map(([inc, interval, g]) =>
    expectRight(RolloutPreset.linear(inc, interval, g === undefined ? {} : { gate: g }))
  )
)

/** A step of a custom plan, any kind, any order (Disable apart: it is added at the end, or not). */
const stepArb: fc.Arbitrary<Rollout.Step> = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((p) => Rollout.setTraffic(p)),
  fc.constantFrom(0, 10_000, MIN, 5 * MIN).map((d) => Rollout.bake(d)),
  gateArb.map((g) => Rollout.gate(g)),
  fc.record({ deployment: fc.boolean(), variables: fc.boolean(), resetTraffic: fc.boolean() }, { requiredKeys: [] }).map((o) => Rollout.promote(o))
)

/** Custom plans: `RolloutPreset.custom` of any steps (the refused ones dropped), and `fromSteps` of them. */
const customPlanArb: fc.Arbitrary<Rollout.Plan> = fc
  .tuple(fc.array(stepArb, { maxLength: 8 }), fc.boolean(), fc.boolean())
  .map(([steps, keepCanary, viaCustom]) => (viaCustom ? RolloutPreset.custom(steps, { keepCanary }) : Rollout.fromSteps(keepCanary ? steps : [...steps, Rollout.disable()])))
  .filter(E.isRight)
  .map((p) => p.right)

/** Inputs with non-decreasing times. */
const inputsArb: fc.Arbitrary<ReadonlyArray<Rollout.Input>> = fc
  .array(
    fc.tuple(
      fc.integer({ min: 0, max: 3 * MIN }),
      fc.oneof(
        { weight: 6, arbitrary: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(Number.NaN)).map((x) => ({ x })) },
        { weight: 1, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.constant('tick' as const) },
        { weight: 1, arbitrary: fc.constant('resume' as const) },
        { weight: 1, arbitrary: fc.constant('abort' as const) }
      )
    ),
    { maxLength: 40 }
  )
  .map((xs) => {
    let at = 0
    return xs.map(([dt, what]): Rollout.Input => {
      at += dt
      return what === 'tick' ? Rollout.tick(at) : what === 'resume' ? Rollout.resume(at) : what === 'abort' ? Rollout.abort(at, 'test') : Rollout.observe(at, what)
    })
  })

/** Feeds the inputs, skipping those that are refused (a resume when not paused, anything after the end). */
const drive = (p: Rollout.Plan, s: Stage, inputs: ReadonlyArray<Rollout.Input>): { rollout: Rollout.Rollout; entries: ReadonlyArray<Rollout.Entry> } => {
  const first = expectRight(Rollout.start(p, s, 0))
  return inputs.reduce(
    (acc, input) =>
      E.match(
        () => acc,
        (next: Rollout.Advance) => ({ rollout: next.rollout, entries: [...acc.entries, ...next.entries] })
      )(Rollout.advance(acc.rollout, input)),
    { rollout: first.rollout, entries: first.entries }
  )
}

describe('laws', () => {
  it('replay: the same plan, stage and inputs give the same log and the same rollout', () => {
    fc.assert(
      fc.property(planArb, inputsArb, (p, inputs) => {
        expect(drive(p, fresh, inputs)).toEqual(drive(p, fresh, inputs))
      })
    )
  })

  it('ticking more often changes nothing in the log', () => {
    fc.assert(
      fc.property(planArb, inputsArb, fc.integer({ min: 1_000, max: 2 * MIN }), (p, inputs, every) => {
        const withTicks = inputs.flatMap((input, i) => {
          const from = i === 0 ? 0 : (inputs[i - 1]?.at ?? 0)
          const ticks = Array.from({ length: Math.floor((input.at - from) / every) }, (_, k) => Rollout.tick(from + (k + 1) * every)).filter((t) => t.at < input.at)
          return [...ticks, input]
        })
        // A refused input (a resume when not paused) has no effect at all, not even the bakes
        // due by its time; so compare the logs as of the last input's time.
        const end = [Rollout.tick(inputs[inputs.length - 1]?.at ?? 0)]
        expect(drive(p, fresh, [...withTicks, ...end]).entries).toEqual(drive(p, fresh, [...inputs, ...end]).entries)
      })
    )
  })

  it('a rolled-back stage keeps the deploymentId and variables it had at the start; a succeeded one runs the canary\'s deployment', () => {
    fc.assert(
      fc.property(planArb, inputsArb, (p, inputs) => {
        const { rollout } = drive(p, fresh, inputs)
        if (rollout.status._tag === 'RolledBack') {
          expect(rollout.stage.deploymentId).toBe(fresh.deploymentId)
          expect(rollout.stage.variables).toEqual(fresh.variables)
          expect(rollout.stage.canarySettings).toBeUndefined()
        }
        if (rollout.status._tag === 'Succeeded') expect(rollout.stage.deploymentId).toBe('eh1sby')
      })
    )
  })

  it('over custom plans too: a rolled-back stage has the deploymentId and variables it had at the start', () => {
    fc.assert(
      fc.property(customPlanArb, inputsArb, (p, inputs) => {
        for (const { rollout } of [drive(p, fresh, inputs), expectRight(Rollout.run(p, fresh, inputs.filter((i): i is Rollout.Observation => i._tag === 'Observe')))]) {
          if (rollout.status._tag === 'RolledBack') {
            expect(rollout.stage.deploymentId).toBe(fresh.deploymentId)
            expect(rollout.stage.variables).toEqual(fresh.variables)
          }
        }
      }),
      { numRuns: 500 }
    )
  })

  it('a plan is accepted exactly when nothing waits (Bake, Gate) after a Promote', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 8 }), (steps) => {
        const firstPromote = steps.findIndex((s) => s._tag === 'Promote')
        const waitsAfter = firstPromote >= 0 && steps.slice(firstPromote).some((s) => s._tag === 'Bake' || s._tag === 'Gate')
        expect(E.isRight(Rollout.fromSteps(steps))).toBe(!waitsAfter)
      })
    )
  })

  it('every entry\'s operations, applied to the stage before it, give the stage after it', () => {
    fc.assert(
      fc.property(planArb, inputsArb, (p, inputs) => {
        const { entries } = drive(p, fresh, inputs)
        let before = fresh
        for (const e of entries) {
          expect(expectRight(applyPatch(before, e.operations))).toEqual(e.stage)
          before = e.stage
        }
      })
    )
  })

  it('entries are in time order, never before the start, and the input rollout is never mutated', () => {
    fc.assert(
      fc.property(planArb, inputsArb, (p, inputs) => {
        const s = deepFreeze(snapshot(fresh))
        const first = expectRight(Rollout.start(p, s, 0))
        const frozen = deepFreeze(first.rollout)
        const { entries } = drive(p, s, inputs)
        for (let i = 1; i < entries.length; i++) expect(entries[i]?.at).toBeGreaterThanOrEqual(entries[i - 1]?.at ?? 0)
        if (inputs[0] !== undefined) Rollout.advance(frozen, inputs[0])
      })
    )
  })
})

describe('the worked example of docs/rollouts.md', () => {
  const errorRate: Rollout.Gate = {
    name: 'error-rate',
    check: (m) => {
      const rate = m['errorRate']
      return rate === undefined ? 'inconclusive' : rate < 0.01 ? 'pass' : 'fail'
    },
    failureLimit: 1,
    inconclusiveLimit: 0,
    interval: 60_000,
    count: 3
  }
  const p = expectRight(RolloutPreset.preset('Canary10Percent5Minutes', { gate: errorRate }))
  const rates = [0, 0.002, 0.004, 0.003, 0.001, 0.002, 0.02, 0.003, 0.002, 0.001]
  const observations = (rs: ReadonlyArray<number>) => rs.map((rate, minute) => Rollout.observe(minute * MIN, { errorRate: rate }))
  const row = (e: Rollout.Entry) => [e.at / MIN, e.step, e.event._tag, e.operations.map((o) => `${o.op} ${'from' in o ? `${o.from} -> ` : ''}${o.path}${'value' in o ? ` ${o.value}` : ''}`), deploymentShareOf(e.stage)]
  const deploymentShareOf = (s: Stage): number => (s.deploymentId === 'eh1sby' ? 100 : (s.canarySettings?.percentTraffic ?? 0))

  it('the timeline', () => {
    const r = expectRight(Rollout.run(p, fresh, observations(rates)))
    expect(r.entries.map(row)).toEqual([
      [0, 0, 'TrafficSet', ['replace /canarySettings/percentTraffic 10.0'], 10],
      [0, 1, 'BakeStarted', [], 10],
      [5, 1, 'BakeEnded', [], 10],
      [5, 2, 'GateStarted', [], 10],
      [5, 2, 'Measured', [], 10],
      [6, 2, 'Measured', [], 10],
      [7, 2, 'Measured', [], 10],
      [7, 2, 'GatePassed', [], 10],
      [7, 3, 'Promoted', ['replace /canarySettings/percentTraffic 0.0', 'copy /canarySettings/stageVariableOverrides -> /variables', 'copy /canarySettings/deploymentId -> /deploymentId'], 100],
      [7, 4, 'Disabled', ['remove /canarySettings'], 100],
      [7, undefined, 'Succeeded', [], 100]
    ])
    expect(r.entries.filter((e) => e.event._tag === 'Measured').map((e) => (e.event as { verdict: string }).verdict)).toEqual(['pass', 'fail', 'pass'])
    expect(r.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'eh1sby', variables: { sv1: 'val2', sv2: 'val3' } })
  })

  it('with a second spike at minute 7: rolled back at minute 7', () => {
    const r = expectRight(Rollout.run(p, fresh, observations(rates.map((x, m) => (m === 7 ? 0.05 : x)))))
    expect(r.entries.slice(-3).map((e) => [e.at / MIN, e.step, e.event])).toEqual([
      [7, 2, { _tag: 'Measured', gate: 'error-rate', verdict: 'fail', progress: { passed: 1, failed: 2, inconclusive: 0, errors: 0, consecutiveErrors: 0 } }],
      [7, 2, { _tag: 'GateFailed', gate: 'error-rate', reason: 'failed (2) > failureLimit (1)' }],
      [7, 2, { _tag: 'RolledBack', reason: 'gate error-rate: failed (2) > failureLimit (1)' }]
    ])
    expect(r.rollout.stage).toEqual({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
  })
})
