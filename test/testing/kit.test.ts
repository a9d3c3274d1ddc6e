/**
 * The testing kit as a user meets it: fixtures from pasted JSON, the published arbitraries (each
 * generated value valid by the codec, each phase generator in its phase), expectRight /
 * expectLeft, and the vitest matchers, failure messages included.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeStage, encodeStage, phase, promote, Rollout, type Stage } from '../../src/index.js'
import { createSimulator } from '../../src/gateway/simulator/index.js'
import * as kit from '../../src/testing/index.js'
import { matchers } from '../../src/testing/vitest.js'

const getStage = `{
    "stageName": "prod",
    "deploymentId": "nfcn0x",
    "variables": { "sv1": "val1" },
    "canarySettings": { "deploymentId": "eh1sby", "percentTraffic": 10.5, "stageVariableOverrides": { "sv1": "val2" }, "useStageCache": false },
    "tracingEnabled": false,
    "createdDate": "2017-11-20T04:42:19Z",
    "lastUpdatedDate": "2017-11-20T04:42:19Z"
}`

describe('fixtures', () => {
  it('a typed Stage from what get-stage printed, text or parsed', () => {
    const stage: Stage = kit.stageFixture(getStage)
    expect(stage).toEqual(kit.stageFixture(JSON.parse(getStage)))
    expect(stage.canarySettings?.percentTraffic).toBe(10.5)
  })

  it('a bad fixture throws an Error listing every issue', () => {
    let thrown: unknown
    try {
      kit.stageFixture({ deploymentId: 'no!', variables: { 'bad-name': 'x' }, canarySettings: { percentTraffic: -1 } })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(Error)
    const message = (thrown as Error).message
    expect(message.split('\n')[0]).toBe('The stage fixture does not decode (3 issues):')
    expect(message).toContain('canarySettings.percentTraffic: -1 is not a percentage (0 to 100)')
    expect((thrown as { issues: ReadonlyArray<unknown> }).issues).toHaveLength(3)
    expect(() => kit.stageFixture('{"deploymentId": ')).toThrow(/^The stage fixture is not JSON/)
  })

  it('expectRight and expectLeft', () => {
    expect(kit.expectRight(E.right(1))).toBe(1)
    expect(kit.expectLeft(E.left('x'))).toBe('x')
    expect(() => kit.expectRight(E.left({ _tag: 'Boom' }))).toThrow('expected a Right, got a Left: {"_tag":"Boom"}')
    expect(() => kit.expectLeft(E.right(2))).toThrow('expected a Left, got a Right: 2')
  })
})

describe('arbitraries', () => {
  it('every generated stage passes the codec', () => {
    fc.assert(fc.property(kit.stage, (s) => E.isRight(decodeStage(encodeStage(s)))), { numRuns: 100 })
  })

  it('stageIn(name) generates stages in that phase only', () => {
    for (const name of ['NoCanary', 'CanaryIdle', 'CanaryPartial', 'CanaryFull'] as const)
      fc.assert(fc.property(kit.stageIn(name), (s) => phase(s)._tag === name && E.isRight(decodeStage(encodeStage(s)))), { numRuns: 50 })
  })

  it('rolloutPlan generates plans that start on any canary stage', () => {
    fc.assert(fc.property(kit.rolloutPlan, kit.canaryStage, (plan, s) => E.isRight(Rollout.start(plan, s, 0))), { numRuns: 50 })
  })

})

describe('the vitest matchers', () => {
  const stage = kit.stageFixture(getStage)

  it('pass on what they describe', async () => {
    expect(stage).toBeInPhase('CanaryPartial')
    expect(stage).toHaveCanaryTraffic(10.5)
    expect(promote(stage)).toBeRight()
    expect(promote({})).toBeLeft()
    expect(promote({})).toBeLeft('PromotionNotAvailable')
    expect(promote({})).not.toBeLeft('CanaryNotEnabled')
    expect({}).not.toHaveCanaryTraffic(0)
    const sim = createSimulator()
    const ops = [{ op: 'replace' as const, path: '/canarySettings/percentTraffic', value: '50' }]
    await sim.handle({ method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body: JSON.stringify({ patchOperations: ops }) })
    expect(sim).toHaveSentOperations(ops)
    expect(sim.journal).toHaveSentOperations(ops)
    expect(sim).not.toHaveSentOperations([])
  })

  it('fail with a message saying what was found', () => {
    expect(() => expect(stage).toBeInPhase('CanaryIdle')).toThrow('expected the stage to be in phase CanaryIdle, it is in CanaryPartial')
    expect(() => expect({ deploymentId: 'nfcn0x' }).toHaveCanaryTraffic(10)).toThrow('but the stage has no canary')
    expect(() => expect(stage).toHaveCanaryTraffic(50)).toThrow('it takes 10.5%')
    expect(() => expect(promote({})).toBeRight()).toThrow(/expected a Right, got [^]*PromotionNotAvailable/)
    expect(() => expect(E.right(1)).toBeLeft()).toThrow('expected a Left')
    expect(() => expect(promote({})).toBeLeft('CanaryNotEnabled')).toThrow('expected a Left tagged CanaryNotEnabled')
    expect(() => expect(42).toHaveSentOperations([])).toThrow('expected a simulator or a journal')
    expect(Object.keys(matchers)).toHaveLength(5)
  })
})
