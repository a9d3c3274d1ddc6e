/**
 * The rollout driver end to end: the real SDK v3 clients against the in-process gateway and
 * CloudWatch, on a virtual clock (no real sleeping).
 */
import { defineMockMethod } from '../gateway/sdk.helpers.js'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { runRollout, Gates, type RolloutOptions } from '../../src/aws.js'
import { T0, API, bed, updates, writes, type Bed } from './harness.js'

const preset = (): RolloutOptions['plan'] => {
  const p = Gates.preset('Canary10Percent5Minutes')
  if (E.isLeft(p)) throw new Error(p.left.message)
  return p.right
}

const options = (b: Bed, more: Partial<RolloutOptions> = {}): RolloutOptions => ({
  apiGateway: b.apiGateway,
  cloudWatch: b.cloudWatch,
  restApiId: API,
  stageName: 'prod',
  plan: preset(),
  deployment: { _tag: 'Existing', deploymentId: 'eh1sby' },
  clock: b.clock,
  random: () => 0.5,
  onEvent: (e) => b.events.push(e),
  owner: 'driver-a',
  ...more
})

const stageOf = (b: Bed) => b.sim.state.restApis[0]?.stages[0]

describe('runRollout end to end', () => {
  it('a healthy canary goes through Canary10Percent5Minutes and promotes: the whole timeline', async () => {
    const b = bed()
    const result = await runRollout(options(b))
    expect(result._tag).toBe('Promoted')
    expect(updates(b)).toEqual([
      '0s [{"op":"replace","path":"/canarySettings/deploymentId","value":"eh1sby"},{"op":"replace","path":"/canarySettings/percentTraffic","value":"0.0"}]',
      '0s [{"op":"replace","path":"/canarySettings/percentTraffic","value":"10.0"}]',
      // The promotion's three parts and the disable, in one call.
      '300s [{"op":"replace","path":"/canarySettings/percentTraffic","value":"0.0"},{"op":"copy","path":"/variables","from":"/canarySettings/stageVariableOverrides"},{"op":"copy","path":"/deploymentId","from":"/canarySettings/deploymentId"},{"op":"remove","path":"/canarySettings"}]'
    ])
    expect(writes(b).filter((w) => w.includes('/tags/'))[0]).toMatch(/^0s PUT \/tags\/ARN .*apigw-canary:lock/)
    expect(writes(b).at(-1)).toMatch(/^300s DELETE \/tags\/ARN/)
    const stage = stageOf(b)
    expect(stage?.deploymentId).toBe('eh1sby')
    expect(stage?.canarySettings).toBeUndefined()
    expect(stage?.tags).toBeUndefined()
    const measured = b.events.filter((e) => e._tag === 'Measured')
    expect(measured).toHaveLength(1)
    expect(measured[0]).toMatchObject({ at: T0 + 300_000, verdict: 'pass', gate: 'health' })
    expect(b.events.map((e) => e._tag)).toEqual(expect.arrayContaining(['Started', 'TrafficSet', 'StepStarted', 'Measured', 'Promoted']))
    expect(b.now()).toBe(T0 + 300_000)
  })

  it('a canary failing 20% of requests rolls back at the first gate; production untouched', async () => {
    const b = bed({ canary: { errorRate: 0.2, latencyMs: 40 } })
    const result = await runRollout(options(b))
    expect(result._tag).toBe('RolledBack')
    expect(updates(b).at(-1)).toBe('300s [{"op":"remove","path":"/canarySettings"}]')
    expect(stageOf(b)).toMatchObject({ deploymentId: 'nfcn0x', variables: { alias: 'live' } })
    expect(stageOf(b)?.canarySettings).toBeUndefined()
    const m = b.events.find((e) => e._tag === 'Measured')
    expect(m?._tag === 'Measured' && m.verdict).toBe('fail')
    expect(m?._tag === 'Measured' && m.reason).toMatch(/5XX error rate: canary \d+\/\d+ = (1\d|2\d)\.\d\d%/)
  })

  it('a slow canary fails the latency gate', async () => {
    const b = bed({ canary: { errorRate: 0.001, latencyMs: 400 } })
    const result = await runRollout(options(b))
    expect(result._tag).toBe('RolledBack')
    const m = b.events.find((e) => e._tag === 'Measured')
    expect(m?._tag === 'Measured' && m.reason).toMatch(/p99 latency: canary \d+ ms \/ production \d+ ms = .* > maxRatio 1.5/)
    expect(stageOf(b)?.deploymentId).toBe('nfcn0x')
  })

  it('too few requests make the gate inconclusive: the rollout pauses, resume continues after the gate', async () => {
    const b = bed({ rps: 1 })
    const result = await runRollout(options(b))
    expect(result).toMatchObject({ _tag: 'Paused', step: 2 })
    expect(stageOf(b)?.canarySettings?.percentTraffic).toBe(10)
    expect(stageOf(b)?.tags?.['apigw-canary:position']).toMatch(/step=2 .*paused=1/)
    expect(stageOf(b)?.tags?.['apigw-canary:lock']).toBeUndefined()
    const resumed = await runRollout(options(b, { mode: 'resume' }))
    expect(resumed._tag).toBe('Promoted')
    expect(stageOf(b)?.deploymentId).toBe('eh1sby')
  })

  it('injected throttling is retried with backoff and the rollout finishes', async () => {
    const b = bed()
    b.throttle(3)
    const result = await runRollout(options(b))
    expect(result._tag).toBe('Promoted')
    const retries = b.events.filter((e) => e._tag === 'Retry')
    expect(retries.map((r) => r._tag === 'Retry' && r.delayMs)).toEqual([250, 500, 1000])
    expect(stageOf(b)?.deploymentId).toBe('eh1sby')
  })

  it('another 4xx is not retried', async () => {
    const b = bed()
    const result = await runRollout(options(b, { deployment: { _tag: 'Existing', deploymentId: 'zzzzzz' } }))
    expect(result._tag).toBe('Failed')
    expect(b.events.filter((e) => e._tag === 'Retry')).toEqual([])
  })

  it("a person's edit in the middle stops the driver with the difference, writing nothing more", async () => {
    const b = bed()
    b.onSecond = async (t) => {
      if (t === T0 + 100_000) {
        await b.sim.handle({ method: 'PATCH', path: `/restapis/${API}/stages/prod`, body: JSON.stringify({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }] }) })
      }
    }
    const result = await runRollout(options(b))
    expect(result._tag).toBe('Drift')
    expect(result._tag === 'Drift' && result.operations).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }])
    expect(updates(b)).toHaveLength(2) // the canary and its 10%: nothing after the edit
    expect(stageOf(b)?.canarySettings?.percentTraffic).toBe(50)
  })

  it('a driver abandoned mid-bake is resumed by another, which finishes at the right time', async () => {
    const b = bed()
    const crash = new Error('the runner died')
    const clock = { now: b.clock.now, sleep: async (ms: number) => (b.now() >= T0 + 120_000 ? Promise.reject(crash) : b.clock.sleep(ms)) }
    const first = await runRollout(options(b, { clock, lockTtlMs: 60_000 }))
    expect(first._tag).toBe('Failed')
    expect(stageOf(b)?.tags?.['apigw-canary:lock']).toMatch(/^driver-a /)
    // While its lock lasts, nobody else starts or resumes.
    const early = await runRollout(options(b, { owner: 'driver-b', mode: 'resume' }))
    expect(early).toMatchObject({ _tag: 'Refused' })
    expect(early._tag === 'Refused' && early.message).toMatch(/locked by driver-a/)
    await b.clock.sleep(200_000 - (b.now() - T0))
    const second = await runRollout(options(b, { owner: 'driver-b', mode: 'resume' }))
    expect(second._tag).toBe('Promoted')
    expect(updates(b).at(-1)).toMatch(/^300s .*"path":"\/deploymentId","from":"\/canarySettings\/deploymentId"/)
  })

  it('a second driver is refused while the first holds the lock', async () => {
    const b = bed()
    let second: unknown
    b.onSecond = async (t) => {
      if (t === T0 + 60_000) second = await runRollout(options(b, { owner: 'driver-b', onEvent: () => undefined }))
    }
    const first = await runRollout(options(b))
    expect(first._tag).toBe('Promoted')
    expect(second).toMatchObject({ _tag: 'Refused' })
    expect((second as { message: string }).message).toMatch(/^the stage is locked by driver-a until/)
  })

  it('a changed plan on resume is refused', async () => {
    const b = bed({ rps: 1 })
    await runRollout(options(b))
    const other = Gates.preset('Canary10Percent10Minutes')
    expect(E.isRight(other)).toBe(true)
    if (E.isLeft(other)) return
    const r = await runRollout(options(b, { mode: 'resume', plan: other.right }))
    expect(r._tag === 'Refused' && r.message).toMatch(/^the plan changed since the rollout started/)
  })

  it('--dry-run reads the stage and metrics and sends no write', async () => {
    const b = bed()
    await b.clock.sleep(300_000) // traffic to judge (production only)
    const before = b.journal.length
    const result = await runRollout(options(b, { dryRun: true }))
    expect(result._tag).toBe('DryRun')
    expect(b.journal.slice(before).map((j) => j.method)).toEqual(expect.arrayContaining(['GET']))
    expect(b.journal.slice(before).every((j) => j.method === 'GET')).toBe(true)
    const sent = b.events.filter((e) => e._tag === 'Sent')
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.every((e) => e._tag === 'Sent' && e.dryRun === true)).toBe(true)
    expect(b.events.some((e) => e._tag === 'Measured' && e.dryRun === true)).toBe(true)
  })
})

describe('runRollout: controls and alarms', () => {
  it('an alarm in ALARM fails its gate; the alarm is evaluated on the virtual clock', async () => {
    const b = bed({ canary: { errorRate: 0.3, latencyMs: 40 } })
    const { PutMetricAlarmCommand } = await import('@aws-sdk/client-cloudwatch')
    await b.cloudWatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'canary-5xx',
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: 'pets' },
          { Name: 'Stage', Value: 'prod/Canary' }
        ],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 2,
        Threshold: 5,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'notBreaching'
      })
    )
    const plan = Gates.preset('Canary10Percent5Minutes', [Gates.alarms(['canary-5xx'])])
    if (E.isLeft(plan)) throw new Error(plan.left.message)
    const result = await runRollout(options(b, { plan: plan.right }))
    expect(result).toMatchObject({ _tag: 'RolledBack' })
    const m = b.events.find((e) => e._tag === 'Measured')
    expect(m?._tag === 'Measured' && m.reason).toBe('alarm canary-5xx is in ALARM')
  })

  it('pause and abort requests reach the running driver; an approval step times out and rolls back', async () => {
    const b = bed()
    b.onSecond = async (t) => {
      if (t === T0 + 30_000) await b.sim.handle({ method: 'PUT', path: `/tags/${encodeURIComponent(`arn:aws:apigateway:us-east-1::/restapis/${API}/stages/prod`)}`, body: '{"tags":{"apigw-canary:request":"pause"}}' })
    }
    const paused = await runRollout(options(b))
    expect(paused).toMatchObject({ _tag: 'Paused', step: 1 })
    expect(stageOf(b)?.tags?.['apigw-canary:request']).toBeUndefined()
    b.onSecond = async (t) => {
      if (t === T0 + 60_000) await b.sim.handle({ method: 'PUT', path: `/tags/${encodeURIComponent(`arn:aws:apigateway:us-east-1::/restapis/${API}/stages/prod`)}`, body: '{"tags":{"apigw-canary:request":"abort"}}' })
    }
    const aborted = await runRollout(options(b, { mode: 'resume' }))
    expect(aborted).toMatchObject({ _tag: 'RolledBack', reason: 'aborted: requested (apigw-canary rollout abort)' })
    expect(stageOf(b)).toMatchObject({ deploymentId: 'nfcn0x' })
    expect(stageOf(b)?.canarySettings).toBeUndefined()

    const c = bed()
    const { planFromJson } = await import('../../src/cli/rollout.js')
    const plan = planFromJson({ steps: [{ setTraffic: 10 }, { approve: { timeout: '10m' } }, { promote: {} }, { disable: {} }] })
    if (E.isLeft(plan)) throw new Error(plan.left)
    const timedOut = await runRollout(options(c, { plan: plan.right, pollMs: 60_000 }))
    expect(timedOut).toMatchObject({ _tag: 'RolledBack' })
    expect(updates(c).at(-1)).toBe('600s [{"op":"remove","path":"/canarySettings"}]')
  })
})

describe('runRollout: the other starts and bad input', () => {
  it('--create-deployment: a new deployment becomes the canary and is promoted', async () => {
    const b = bed()
    // As AWS does, the simulator refuses to deploy an API without methods: define one first.
    await defineMockMethod(b.apiGateway, b.sim.state.restApis[0]?.restApi.id ?? '')
    const plan = Gates.preset('AllAtOnce', [])
    if (E.isLeft(plan)) throw new Error(plan.left.message)
    const result = await runRollout(options(b, { plan: plan.right, deployment: { _tag: 'Create', description: 'v2', stageVariableOverrides: { alias: 'canary' } } }))
    expect(result._tag).toBe('Promoted')
    const api = b.sim.state.restApis[0]
    expect(api?.deployments).toHaveLength(3)
    expect(stageOf(b)?.deploymentId).toBe(api?.deployments[2]?.id)
    expect(stageOf(b)?.variables).toEqual({ alias: 'canary' })
  })

  it('never rejects: bad options, a bad plan, a missing stage', async () => {
    expect(await runRollout(null as never)).toMatchObject({ _tag: 'Failed' })
    const b = bed()
    expect(await runRollout(options(b, { deployment: { _tag: 'Sideways' } as never }))).toMatchObject({ _tag: 'Failed' })
    const bad = await runRollout(options(b, { plan: { name: 'x', steps: [{ _tag: 'SetTraffic', percent: 150 }] } }))
    expect(bad).toEqual({ _tag: 'Refused', message: 'the plan is not valid: steps[0].percent: 150 is not a percentage (0 to 100)' })
    const partial = await runRollout(options(b, { plan: { name: 'x', steps: [{ _tag: 'Promote', options: { variables: false } }] } }))
    expect(partial._tag === 'Refused' && partial.message).toMatch(/always promotes all three parts/)
    const missing = await runRollout(options(b, { stageName: 'beta' }))
    expect(missing).toEqual({ _tag: 'Failed', message: 'GetStage failed: NotFoundException: Invalid stage identifier specified' })
  })
})

describe('runRollout: laws over random canaries', () => {
  it('a rollback never leaves the stage promoted; a promotion is all three parts in one call; the tags are gone', async () => {
    const { fc } = await import('@fast-check/vitest')
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 5, max: 50 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 0.001, 0.05, 0.3), async (percent, minutes, errorRate) => {
        const b = bed({ canary: { errorRate, latencyMs: 40 } })
        const RolloutPreset = await import('../../src/rollout/RolloutPreset.js')
        const plan = RolloutPreset.canary(percent, minutes * 60_000, { gate: Gates.gateOf('health', [Gates.errorRate({ minRequests: 20 })]) })
        if (E.isLeft(plan)) throw new Error(plan.left.message)
        const result = await runRollout(options(b, { plan: plan.right, onEvent: () => undefined }))
        const stage = stageOf(b)
        expect(['Promoted', 'RolledBack', 'Paused']).toContain(result._tag)
        if (result._tag === 'RolledBack') {
          expect(stage).toMatchObject({ deploymentId: 'nfcn0x', variables: { alias: 'live' } })
          expect(stage?.canarySettings).toBeUndefined()
        }
        if (result._tag === 'Promoted') {
          const last = JSON.parse(b.journal.filter((j) => j.method === 'PATCH').at(-1)?.body ?? '{}').patchOperations as ReadonlyArray<{ path: string }>
          expect(last.map((o) => o.path)).toEqual(['/canarySettings/percentTraffic', '/variables', '/deploymentId', '/canarySettings'])
          expect(stage?.deploymentId).toBe('eh1sby')
        }
        if (result._tag !== 'Paused') expect(stage?.tags).toBeUndefined()
        // A failing canary (30%) is never promoted.
        if (errorRate === 0.3) expect(result._tag).not.toBe('Promoted')
      }),
      { numRuns: 6 }
    )
  })
})
