/**
 * Rollout plans and the rollout machine by example: every plan mistake named with its field
 * and rule, and the gate's counting (interval, count, error limits) with the reasons it logs.
 */
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import * as Rollout from '../../src/rollout/Rollout.js'
import { expectLeft, expectRight } from '../helpers.js'

const stage = (u: unknown): Stage => expectRight(decodeStage(u))
const fresh = stage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })
const verdicts = (...vs: ReadonlyArray<Rollout.Verdict | 'throw' | 'junk'>) => {
  let i = 0
  return (): Rollout.Verdict => {
    const v = vs[Math.min(i++, vs.length - 1)]
    if (v === 'throw') throw new Error('check broke')
    return v as Rollout.Verdict
  }
}
const gate = (check: Rollout.Gate['check'], extra: Partial<Rollout.Gate> = {}): Rollout.Gate => ({ name: 'g', check, failureLimit: 0, inconclusiveLimit: 0, ...extra })
const plan = (...steps: ReadonlyArray<Rollout.Step>): Rollout.Plan => expectRight(Rollout.fromSteps(steps, 'p'))
const badPlan = (...steps: ReadonlyArray<unknown>) => expectLeft(Rollout.fromSteps(steps as ReadonlyArray<Rollout.Step>))
const feed = (r: Rollout.Rollout, ...inputs: ReadonlyArray<Rollout.Input>) =>
  inputs.reduce<{ rollout: Rollout.Rollout; entries: ReadonlyArray<Rollout.Entry> }>(
    (acc, input) => {
      const next = expectRight(Rollout.advance(acc.rollout, input))
      return { rollout: next.rollout, entries: [...acc.entries, ...next.entries] }
    },
    { rollout: r, entries: [] }
  )
const events = (entries: ReadonlyArray<Rollout.Entry>) => entries.map((e) => e.event._tag)

describe('fromSteps: each plan mistake, named', () => {
  it('the list and the name', () => {
    expect(expectLeft(Rollout.fromSteps('x' as never))).toMatchObject({ field: 'steps', rule: 'is not a list of steps' })
    expect(expectLeft(Rollout.fromSteps([], ''))).toMatchObject({ field: 'name', rule: 'is not a plan name (a non-empty string)' })
    expect(expectLeft(Rollout.fromSteps([], 7 as never))).toMatchObject({ field: 'name' })
    expect(expectRight(Rollout.fromSteps([]))).toEqual({ name: 'Custom', steps: [] })
  })

  it('steps of each kind', () => {
    expect(badPlan(null)).toMatchObject({ field: 'steps[0]', rule: 'is not a step' })
    expect(badPlan(Rollout.bake(1), 5)).toMatchObject({ field: 'steps[1]', rule: 'is not a step' })
    expect(badPlan({ _tag: 'Jump' })).toMatchObject({ field: 'steps[0]._tag', value: 'Jump', rule: 'is not one of SetTraffic, Bake, Gate, Promote, Disable' })
    expect(badPlan(Rollout.setTraffic(101))).toMatchObject({ field: 'steps[0].percent', value: 101 })
    expect(badPlan(Rollout.bake(-1))).toMatchObject({ field: 'steps[0].durationMs', rule: 'is not a whole number of at least 0' })
    expect(badPlan(Rollout.bake(1.5))).toMatchObject({ field: 'steps[0].durationMs' })
    expect(expectRight(Rollout.fromSteps([Rollout.bake(0)])).steps).toHaveLength(1)
    expect(badPlan(Rollout.disable(), Rollout.bake(1))).toMatchObject({ field: 'steps[0]', value: 'Disable', rule: 'is not the last step: nothing can follow disabling the canary' })
    expect(badPlan({ _tag: 'Promote', options: null })).toMatchObject({ field: 'steps[0].options', rule: 'is not promote options ({ deployment?, variables?, resetTraffic? }, booleans)' })
    for (const options of [{ deployment: 'yes' }, { variables: 1 }, { resetTraffic: null }]) expect(badPlan({ _tag: 'Promote', options })).toMatchObject({ field: 'steps[0].options' })
    expect(expectRight(Rollout.fromSteps([Rollout.promote({ deployment: false, variables: true, resetTraffic: false })])).steps).toHaveLength(1)
  })

  it('gates: their shape, and never after a promotion', () => {
    const ok = gate(() => 'pass')
    expect(badPlan(Rollout.promote(), Rollout.gate(ok))).toMatchObject({
      field: 'steps[1]',
      value: 'g',
      rule: 'is a gate after a promotion: rolling back (disabling the canary) could no longer restore production, so gate before promoting'
    })
    expect(expectRight(Rollout.fromSteps([Rollout.gate(ok), Rollout.promote()])).steps).toHaveLength(2)
    expect(badPlan({ _tag: 'Gate', gate: null })).toMatchObject({ field: 'steps[0].gate', rule: 'is not a gate ({ name, check, failureLimit, inconclusiveLimit })' })
    expect(badPlan(Rollout.gate({ ...ok, name: '' }))).toMatchObject({ field: 'steps[0].gate.name', rule: 'is not a gate name (a non-empty string)' })
    expect(badPlan(Rollout.gate({ ...ok, check: 'pass' as never }))).toMatchObject({ field: 'steps[0].gate.check', rule: 'is not a function from metrics to "pass", "fail" or "inconclusive"' })
    expect(badPlan(Rollout.gate({ ...ok, failureLimit: -1 }))).toMatchObject({ field: 'steps[0].gate.failureLimit', rule: 'is not a whole number of at least 0' })
    expect(badPlan(Rollout.gate({ ...ok, inconclusiveLimit: 0.5 }))).toMatchObject({ field: 'steps[0].gate.inconclusiveLimit' })
    expect(badPlan(Rollout.gate({ ...ok, interval: -1 }))).toMatchObject({ field: 'steps[0].gate.interval' })
    expect(badPlan(Rollout.gate({ ...ok, count: 0 }))).toMatchObject({ field: 'steps[0].gate.count', rule: 'is not a whole number of at least 1' })
    expect(badPlan(Rollout.gate({ ...ok, consecutiveErrorLimit: -1 }))).toMatchObject({ field: 'steps[0].gate.consecutiveErrorLimit' })
    expect(expectRight(Rollout.fromSteps([Rollout.gate({ ...ok, interval: 0, count: 1, consecutiveErrorLimit: 0, failureLimit: 0, inconclusiveLimit: 0 })])).steps).toHaveLength(1)
  })
})

describe('start and advance: their refusals', () => {
  const p = plan(Rollout.setTraffic(10), Rollout.bake(1000), Rollout.promote())

  it('start: the plan, the time, a canary', () => {
    expect(expectLeft(Rollout.start(null as never, fresh, 0))).toMatchObject({ field: 'plan', rule: 'is not a plan ({ name, steps })' })
    expect(expectLeft(Rollout.start({ name: 'x', steps: [Rollout.bake(-1)] }, fresh, 0))).toMatchObject({ field: 'steps[0].durationMs' })
    expect(expectLeft(Rollout.start(p, fresh, Number.NaN))).toMatchObject({ field: 'at', rule: 'is not a time (a finite number of milliseconds)' })
    expect(expectLeft(Rollout.start(p, fresh, '0' as never))).toMatchObject({ field: 'at' })
    expect(expectLeft(Rollout.start(p, stage({ stageName: 'prod', deploymentId: 'a' }), 0))).toMatchObject({ _tag: 'CanaryNotEnabled', operation: 'start' })
    expect(expectRight(Rollout.start(p, fresh, -5)).rollout.clock).toBe(-5)
  })

  it('advance: time never goes backwards; inputs of the four kinds only', () => {
    const r = expectRight(Rollout.start(p, fresh, 100)).rollout
    expect(expectLeft(Rollout.advance(r, Rollout.tick(99)))).toMatchObject({ field: 'at', message: 'at: 99 is earlier than the rollout\'s clock (100): time never goes backwards' })
    expect(expectRight(Rollout.advance(r, Rollout.tick(100))).rollout.clock).toBe(100)
    expect(expectLeft(Rollout.advance(r, null as never))).toMatchObject({ field: 'input', rule: 'is not an input (tick, observe, resume or abort)' })
    expect(expectLeft(Rollout.advance(r, { _tag: 'Wait', at: 200 } as never))).toMatchObject({ field: 'input._tag', value: 'Wait', rule: 'is not one of Tick, Observe, Resume, Abort' })
    expect(expectLeft(Rollout.advance(r, { _tag: 'Observe', at: 200, metrics: null } as never))).toMatchObject({ field: 'metrics', rule: 'is not a map of metrics (an object)' })
    expect(expectLeft(Rollout.advance(r, Rollout.resume(200)))).toEqual({ _tag: 'NotPaused', name: 'BadRequestException', message: 'Resume applies only to a paused rollout; this one is Baking.' })
  })

  it('a finished rollout takes nothing more', () => {
    const done = feed(expectRight(Rollout.start(p, fresh, 0)).rollout, Rollout.tick(1000)).rollout
    expect(done.status).toEqual({ _tag: 'Succeeded' })
    expect(expectLeft(Rollout.advance(done, Rollout.tick(2000)))).toEqual({
      _tag: 'RolloutFinished',
      name: 'BadRequestException',
      message: 'The rollout has already finished (Succeeded): start a new one.'
    })
  })

  it('abort: rolled back with the reason, at the step it was on', () => {
    const r = expectRight(Rollout.start(p, fresh, 0)).rollout
    const aborted = feed(r, Rollout.abort(10, 'pager'))
    expect(aborted.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'aborted: pager' })
    expect(aborted.entries.at(-1)).toMatchObject({ at: 10, step: 1, event: { _tag: 'RolledBack', reason: 'aborted: pager' }, operations: [{ op: 'remove', path: '/canarySettings' }] })
    expect(aborted.rollout.stage.canarySettings).toBeUndefined()
    expect(feed(r, Rollout.abort(10)).rollout.status).toEqual({ _tag: 'RolledBack', reason: 'aborted: aborted' })
    // An abort after the plan has run to its end changes nothing: the bake ended first.
    const late = expectRight(Rollout.advance(r, Rollout.abort(5000)))
    expect(late.rollout.status).toEqual({ _tag: 'Succeeded' })
    expect(late.rollout.clock).toBe(5000)
  })
})

describe('the gate\'s counting', () => {
  const gated = (g: Rollout.Gate) => expectRight(Rollout.start(plan(Rollout.setTraffic(10), Rollout.gate(g), Rollout.promote()), fresh, 0)).rollout

  it('a pass: GateStarted, Measured, GatePassed, then the steps after it run at that time', () => {
    const r = gated(gate(verdicts('pass')))
    expect(r.status).toEqual({ _tag: 'Gating', step: 1, nextMeasurementAt: 0, progress: { passed: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 } })
    const out = feed(r, Rollout.observe(50, {}))
    expect(events(out.entries)).toEqual(['Measured', 'GatePassed', 'Promoted', 'Succeeded'])
    expect(out.entries[0]).toMatchObject({ at: 50, step: 1, event: { _tag: 'Measured', gate: 'g', verdict: 'pass', progress: { passed: 1, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 } } })
    expect(out.entries.every((e) => e.at === 50)).toBe(true)
  })

  it('count: that many measurements before it passes; interval: observations between measurements are ignored', () => {
    const r = gated(gate(verdicts('pass'), { count: 2, interval: 100 }))
    const first = feed(r, Rollout.observe(0, {}))
    expect(first.rollout.status).toMatchObject({ _tag: 'Gating', nextMeasurementAt: 100, progress: { passed: 1 } })
    const early = feed(first.rollout, Rollout.observe(99, {}))
    expect(early.entries).toEqual([])
    expect(early.rollout.clock).toBe(99)
    const second = feed(first.rollout, Rollout.observe(100, {}))
    expect(events(second.entries)).toEqual(['Measured', 'GatePassed', 'Promoted', 'Succeeded'])
  })

  it('a failure beyond failureLimit rolls back, saying why', () => {
    const r = gated(gate(verdicts('fail', 'fail'), { failureLimit: 1, count: 3 }))
    const once = feed(r, Rollout.observe(1, {}))
    expect(events(once.entries)).toEqual(['Measured'])
    const twice = feed(once.rollout, Rollout.observe(2, {}))
    expect(events(twice.entries)).toEqual(['Measured', 'GateFailed', 'RolledBack'])
    expect(twice.entries[1]?.event).toEqual({ _tag: 'GateFailed', gate: 'g', reason: 'failed (2) > failureLimit (1)' })
    expect(twice.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate g: failed (2) > failureLimit (1)' })
  })

  it('errors (a check that throws or answers junk) fail the gate past consecutiveErrorLimit; 4 by default', () => {
    const limited = gated(gate(verdicts('throw', 'junk'), { consecutiveErrorLimit: 1 }))
    const out = feed(limited, Rollout.observe(1, {}), Rollout.observe(2, {}))
    expect(out.entries[0]?.event).toMatchObject({ verdict: 'error', progress: { errors: 1, consecutiveErrors: 1 } })
    expect(out.rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate g: consecutive errors (2) > consecutiveErrorLimit (1)' })
    const byDefault = gated(gate(verdicts('throw')))
    const four = feed(byDefault, ...[1, 2, 3, 4].map((at) => Rollout.observe(at, {})))
    expect(four.rollout.status._tag).toBe('Gating')
    expect(feed(four.rollout, Rollout.observe(5, {})).rollout.status).toEqual({ _tag: 'RolledBack', reason: 'gate g: consecutive errors (5) > consecutiveErrorLimit (4)' })
    // A good measurement resets the run of errors, not the total.
    const reset = feed(gated(gate(verdicts('throw', 'inconclusive', 'throw'), { inconclusiveLimit: 5, count: 9 })), ...[1, 2, 3].map((at) => Rollout.observe(at, {})))
    expect(reset.rollout.status).toMatchObject({ progress: { errors: 2, consecutiveErrors: 1, inconclusive: 1 } })
  })

  it('inconclusive beyond inconclusiveLimit pauses; resume moves on past the gate', () => {
    const r = gated(gate(verdicts('inconclusive')))
    const paused = feed(r, Rollout.observe(1, {}))
    expect(paused.entries[1]?.event).toEqual({ _tag: 'GateInconclusive', gate: 'g', reason: 'inconclusive (1) > inconclusiveLimit (0)' })
    expect(paused.rollout.status).toEqual({ _tag: 'Paused', step: 1, progress: { passed: 0, failed: 0, inconclusive: 1, errors: 0, consecutiveErrors: 0 } })
    const resumed = feed(paused.rollout, Rollout.resume(5))
    expect(events(resumed.entries)).toEqual(['Resumed', 'Promoted', 'Succeeded'])
    expect(resumed.entries[0]).toMatchObject({ at: 5, step: 1 })
  })

  it('run: observations in order until the rollout ends; the bakes left end at their time', () => {
    const p = plan(Rollout.setTraffic(10), Rollout.gate(gate(verdicts('pass'))), Rollout.bake(1000), Rollout.promote(), Rollout.disable())
    const out = expectRight(Rollout.run(p, fresh, [{ at: 10, metrics: {} }, { at: 20, metrics: {} }], { startAt: 5 }))
    expect(events(out.entries)).toEqual(['TrafficSet', 'GateStarted', 'Measured', 'GatePassed', 'BakeStarted', 'BakeEnded', 'Promoted', 'Disabled', 'Succeeded'])
    expect(out.entries[0]?.at).toBe(5)
    expect(out.entries.at(-1)?.at).toBe(1010)
    expect(out.rollout.clock).toBe(1010)
    expect(out.operations).toEqual(out.entries.flatMap((e) => e.operations))
    expect(expectLeft(Rollout.run(p, fresh, 'x' as never))).toMatchObject({ field: 'observations', rule: 'is not a list of observations ({ at, metrics })' })
    expect(expectLeft(Rollout.run(p, fresh, [{ at: -1, metrics: {} }], { startAt: 0 }))).toMatchObject({ field: 'at' })
    expect(expectRight(Rollout.run(p, fresh, [])).entries[0]?.at).toBe(0)
  })
})
