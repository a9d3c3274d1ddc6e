/**
 * The lifecycle transitions by example where the laws leave room: a transition that changes
 * nothing returns the very stage it was given and shares what it does not change (module
 * header: "shares whatever it does not change"), and each refusal names its field and rule.
 */
import { describe, expect, it } from 'vitest'
import * as L from '../../src/lifecycle/Lifecycle.js'
import { decodeStage, type Stage } from '../../src/index.js'
import { expectLeft, expectRight } from '../helpers.js'

const stageOf = (u: unknown): Stage => expectRight(decodeStage(u))
const canary = stageOf({
  stageName: 'prod',
  deploymentId: 'nfcn0x',
  variables: { sv1: 'val1', sv2: 'val2' },
  canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { sv1: 'over' }, useStageCache: false }
})
const plain = stageOf({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })

describe('a transition that changes nothing shares the stage', () => {
  it('setTraffic, setUseStageCache, setCanaryDeployment, setOverride to what is there: the same stage', () => {
    expect(expectRight(L.setTraffic(canary, 10))).toBe(canary)
    expect(expectRight(L.setUseStageCache(canary, false))).toBe(canary)
    expect(expectRight(L.setCanaryDeployment(canary, 'eh1sby'))).toBe(canary)
    expect(expectRight(L.setOverride(canary, 'sv1', 'over'))).toBe(canary)
    expect(expectRight(L.removeOverride(canary, 'nope'))).toBe(canary)
  })

  it('a change makes a new canary and keeps the variables object', () => {
    const moved = expectRight(L.setCanaryDeployment(canary, 'x7yz12'))
    expect(moved.canarySettings).toEqual({ ...canary.canarySettings, deploymentId: 'x7yz12' })
    expect(moved.variables).toBe(canary.variables)
    expect(expectRight(L.setUseStageCache(canary, true)).canarySettings.useStageCache).toBe(true)
    expect(expectRight(L.setTraffic(canary, 0)).canarySettings.percentTraffic).toBe(0)
  })

  it('deploy to the deployment the stage is on: the same stage', () => {
    expect(expectRight(L.deploy(plain, 'nfcn0x'))).toBe(plain)
    expect(expectRight(L.deploy(plain, 'x7yz12'))).toEqual({ ...plain, deploymentId: 'x7yz12' })
  })

  it('promote: each part only when it changes something', () => {
    // Already promoted: traffic 0, variables already merged, on the canary's deployment.
    const promoted = expectRight(L.promote(canary))
    expect(promoted).toEqual({ ...canary, deploymentId: 'eh1sby', variables: { sv1: 'over', sv2: 'val2' }, canarySettings: { ...canary.canarySettings, percentTraffic: 0 } })
    expect(expectRight(L.promote(promoted))).toBe(promoted)
    // Each part alone leaves the others' objects as they were.
    const trafficOnly = expectRight(L.promote(canary, { variables: false, deployment: false }))
    expect(trafficOnly.variables).toBe(canary.variables)
    expect(trafficOnly.deploymentId).toBe('nfcn0x')
    const variablesOnly = expectRight(L.promote(canary, { resetTraffic: false, deployment: false }))
    expect(variablesOnly.canarySettings).toBe(canary.canarySettings)
    expect(variablesOnly.variables).toEqual({ sv1: 'over', sv2: 'val2' })
    const deploymentOnly = expectRight(L.promote(canary, { resetTraffic: false, variables: false }))
    expect(deploymentOnly).toEqual({ ...canary, deploymentId: 'eh1sby' })
    expect(deploymentOnly.canarySettings).toBe(canary.canarySettings)
    // Overrides already in the variables: the variables object is kept.
    const merged = stageOf({ deploymentId: 'a', variables: { sv1: 'x' }, canarySettings: { deploymentId: 'a', percentTraffic: 0, stageVariableOverrides: { sv1: 'x' } } })
    expect(expectRight(L.promote(merged))).toBe(merged)
  })

  it('disable on a stage without a canary: the same stage', () => {
    expect(L.disable(plain)).toBe(plain)
  })
})

describe('refusals name the field and the rule', () => {
  it('setTraffic out of range', () => {
    expect(expectLeft(L.setTraffic(canary, 150))).toMatchObject({ _tag: 'InvalidValue', field: 'canarySettings.percentTraffic', value: 150, rule: 'is not a percentage (0 to 100)' })
  })

  it('setUseStageCache with something other than a boolean', () => {
    expect(expectLeft(L.setUseStageCache(canary, 'true' as unknown as boolean))).toMatchObject({
      field: 'canarySettings.useStageCache',
      message: 'canarySettings.useStageCache: "true" is not a boolean'
    })
  })

  it('setCanaryDeployment to an empty id', () => {
    expect(expectLeft(L.setCanaryDeployment(canary, ''))).toMatchObject({ field: 'canarySettings.deploymentId', rule: 'is not a deployment id (a non-empty string such as "nfcn0x")' })
  })

  it('setOverride: a bad name or value, and the 101st override', () => {
    expect(expectLeft(L.setOverride(canary, 'a-b', 'x'))).toMatchObject({ field: 'canarySettings.stageVariableOverrides', value: 'a-b' })
    expect(expectLeft(L.setOverride(canary, 'sv3', 'a b'))).toMatchObject({ field: 'canarySettings.stageVariableOverrides.sv3', value: 'a b' })
    const overrides = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']))
    const full = stageOf({ deploymentId: 'a', canarySettings: { deploymentId: 'a', percentTraffic: 0, stageVariableOverrides: overrides } })
    expect(expectLeft(L.setOverride(full, 'v100', 'x'))).toMatchObject({
      field: 'canarySettings.stageVariableOverrides',
      value: 'v100',
      message: 'canarySettings.stageVariableOverrides: "v100" would be override number 101; at most 100 are allowed'
    })
    // Overwriting one of the hundred is fine.
    expect(expectRight(L.setOverride(full, 'v99', 'y')).canarySettings.stageVariableOverrides?.['v99']).toBe('y')
    const ninetyNine = stageOf({ deploymentId: 'a', canarySettings: { deploymentId: 'a', percentTraffic: 0, stageVariableOverrides: Object.fromEntries(Object.entries(overrides).slice(1)) } })
    expect(Object.keys(expectRight(L.setOverride(ninetyNine, 'v0', 'x')).canarySettings.stageVariableOverrides ?? {})).toHaveLength(100)
  })

  it('a canary update without a canary names the operation and the stage', () => {
    expect(expectLeft(L.setTraffic(plain, 5))).toMatchObject({ _tag: 'CanaryNotEnabled', operation: 'setTraffic', message: 'setTraffic: stage prod has no canary. Enable one first with enableCanary or deployCanary.' })
    for (const [name, run] of [
      ['setOverride', () => L.setOverride(plain, 'a', 'b')],
      ['removeOverride', () => L.removeOverride(plain, 'a')],
      ['setUseStageCache', () => L.setUseStageCache(plain, true)],
      ['setCanaryDeployment', () => L.setCanaryDeployment(plain, 'x')]
    ] as const) {
      expect(expectLeft(run())).toMatchObject({ _tag: 'CanaryNotEnabled', operation: name })
    }
  })

  it('deploy while a canary is on: AWS\'s message with the stage name, or an empty name', () => {
    expect(expectLeft(L.deploy(canary, 'x7yz12'))).toMatchObject({ _tag: 'NonCanaryDeploymentNotSupported', stageName: 'prod' })
    const unnamed = stageOf({ deploymentId: 'a', canarySettings: { deploymentId: 'b' } })
    expect(expectLeft(L.deploy(unnamed, 'c'))).toMatchObject({ stageName: '' })
    expect(expectLeft(L.deploy(plain, ''))).toMatchObject({ field: 'deploymentId' })
  })
})

describe('arguments of the caller that cannot be trusted', () => {
  const throwing = (): never => {
    throw new Error('boom')
  }
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }

  it('settings or options that throw when read are a Left naming them, never an exception', () => {
    const getter = Object.defineProperty({}, 'percentTraffic', { get: throwing, enumerable: true })
    expect(expectLeft(L.enableCanary(plain, getter))).toMatchObject({ _tag: 'InvalidValue', field: 'canarySettings', rule: 'could not be read: boom' })
    expect(expectLeft(L.deployCanary(plain, 'eh1sby', revoked()))).toMatchObject({ _tag: 'InvalidValue', field: 'canarySettings' })
    expect(expectLeft(L.promote(canary, Object.defineProperty({}, 'deployment', { get: throwing, enumerable: true })))).toMatchObject({ field: 'options', rule: 'could not be read: boom' })
    expect(expectLeft(L.setTraffic(canary, revoked() as unknown as number)).message).toBe('canarySettings.percentTraffic: an object that cannot be read is not a percentage (0 to 100)')
    expect(expectLeft(L.enableCanary(plain, { stageVariableOverrides: Object.defineProperty({}, 'a', { get: throwing, enumerable: true }) }))._tag).toBe('InvalidValue')
  })

  it('settings are read once and copied: a later change to them cannot reach the canary', () => {
    const overrides: Record<string, string> = { sv1: 'val2' }
    const stage = expectRight(L.enableCanary(plain, { stageVariableOverrides: overrides }))
    overrides['sv1'] = 'not valid!'
    overrides['sv9'] = 'x'
    expect(stage.canarySettings.stageVariableOverrides).toEqual({ sv1: 'val2' })
  })

  it('promote refuses to make more than 100 stage variables (the quota), naming the count', () => {
    const variables = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']))
    const full = stageOf({ deploymentId: 'nfcn0x', variables, canarySettings: { deploymentId: 'eh1sby', stageVariableOverrides: { extra: 'y', v0: 'z' } } })
    expect(expectLeft(L.promote(full))).toMatchObject({ _tag: 'InvalidValue', field: 'variables', value: 101 })
    expect(expectRight(L.promote(full, { variables: false })).deploymentId).toBe('eh1sby')
    const exactly = stageOf({ deploymentId: 'nfcn0x', variables, canarySettings: { deploymentId: 'eh1sby', stageVariableOverrides: { v0: 'z' } } })
    expect(expectRight(L.promote(exactly)).variables?.['v0']).toBe('z')
  })
})

describe('transition: a value from outside the types', () => {
  it('an unknown tag, or no transition at all, is a Left naming the tags there are', async () => {
    const { transition } = await import('../../src/lifecycle/Transition.js')
    for (const t of [{ _tag: 'Nope' }, null, 'Promote', {}]) {
      const e = expectLeft(transition(canary, t as never))
      expect(e).toMatchObject({ _tag: 'InvalidValue', field: 'transition' })
      expect(e.message).toContain('expected one of EnableCanary, SetTraffic')
    }
    expect(expectRight(transition(canary, JSON.parse('{"_tag":"Disable"}') as never))).toEqual(L.disable(canary))
  })
})

describe('the messages of the quota and of settings that are not an object', () => {
  it('promote past 100 variables, and deployCanary with settings that are not an object, say so', () => {
    const variables = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']))
    const full = stageOf({ deploymentId: 'nfcn0x', variables, canarySettings: { deploymentId: 'eh1sby', stageVariableOverrides: { extra: 'y' } } })
    expect(expectLeft(L.promote(full)).message).toBe('variables: 101 would be the number of stage variables after the overrides are merged; at most 100 are allowed')
    expect(expectLeft(L.deployCanary(plain, 'eh1sby', 'ten percent' as never)).message).toBe('canarySettings: "ten percent" is not canary settings (an object)')
  })
})
