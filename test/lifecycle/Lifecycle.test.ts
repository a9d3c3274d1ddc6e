import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  decodeStage,
  deploy,
  deployCanary,
  disable,
  enableCanary,
  phase,
  promote,
  removeOverride,
  setCanaryDeployment,
  setOverride,
  setTraffic,
  setUseStageCache,
  transition,
  type Stage
} from '../../src/index.js'
import * as arb from '../arbitraries.js'
import { deepFreeze, expectLeft, expectRight, snapshot } from '../helpers.js'
import * as laws from '../laws/Lifecycle.js'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const seedBefore = expectRight(decodeStage(fixture('seed-before.json')))
const seedAfter = expectRight(decodeStage(fixture('seed-after.json')))
const stage = (u: unknown): Stage => expectRight(decodeStage(u))

describe('examples from the AWS docs and the reference notes', () => {
  it('promote on the docs seed stage gives the docs "after" stage, dates apart', () => {
    const promoted = expectRight(promote(seedBefore))
    const { lastUpdatedDate: _a, ...got } = promoted
    const { lastUpdatedDate: _b, ...want } = seedAfter
    expect(got).toEqual(want)
    expect(promoted.canarySettings).toEqual({ deploymentId: 'eh1sby', useStageCache: false, stageVariableOverrides: { sv2: 'val3', sv1: 'val2' }, percentTraffic: 0 })
  })

  it('promote merges the overrides into the stage variables, keeping the others (recorded)', () => {
    const s = stage({ deploymentId: 'd1', variables: { testVar: 'test', testVar2: 'test2' }, canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } } })
    expect(expectRight(promote(s)).variables).toEqual({ testVar: 'override', testVar2: 'test2' })
  })

  it('promote without a canary fails with AWS text', () => {
    const e = expectLeft(promote(stage({ stageName: 'prod', deploymentId: 'nfcn0x' })))
    expect(e).toEqual({ _tag: 'PromotionNotAvailable', name: 'BadRequestException', message: 'Promotion not available. Canary does not exist.' })
  })

  it('promote parts can be skipped, as in the console dialog', () => {
    expect(expectRight(promote(seedBefore, { deployment: false })).deploymentId).toBe('nfcn0x')
    expect(expectRight(promote(seedBefore, { variables: false })).variables).toEqual({ sv1: 'val1' })
    expect(expectRight(promote(seedBefore, { resetTraffic: false })).canarySettings.percentTraffic).toBe(10.5)
    expect(expectRight(promote(seedBefore, { deployment: false, variables: false, resetTraffic: false }))).toBe(seedBefore)
  })

  it('disable after promote leaves no canarySettings and keeps the promoted stage', () => {
    const done = disable(expectRight(promote(seedBefore)))
    expect(done.canarySettings).toBeUndefined()
    expect(done.deploymentId).toBe('eh1sby')
    expect(done.variables).toEqual({ sv1: 'val2', sv2: 'val3' })
  })

  it('disable without promote is the rollback: the stage is untouched', () => {
    const rolledBack = disable(seedBefore)
    expect(rolledBack.deploymentId).toBe('nfcn0x')
    expect(rolledBack.variables).toBe(seedBefore.variables)
    expect('canarySettings' in rolledBack).toBe(false)
  })

  it('disable on a stage without a canary returns that stage (chosen)', () => {
    const plain = stage({ deploymentId: 'nfcn0x' })
    expect(disable(plain)).toBe(plain)
  })

  it('enableCanary fills AWS defaults: the stage deployment, 0%, no overrides, no stage cache', () => {
    const s = stage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
    expect(expectRight(enableCanary(s)).canarySettings).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 0, useStageCache: false })
    expect(expectRight(enableCanary(s, { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: true })).canarySettings).toEqual({
      deploymentId: 'eh1sby',
      percentTraffic: 10.5,
      stageVariableOverrides: { sv1: 'val2' },
      useStageCache: true
    })
  })

  it('enableCanary fails when a canary is on, or when there is no deployment to default to', () => {
    expect(expectLeft(enableCanary(seedBefore))._tag).toBe('CanaryAlreadyEnabled')
    expect(expectLeft(enableCanary(stage({}))).message).toMatch(/^canarySettings\.deploymentId is missing/)
    expect(expectLeft(enableCanary(stage({ deploymentId: 'a' }), { percentTraffic: 150 })).message).toBe(
      'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
    )
    expect(expectLeft(enableCanary(stage({ deploymentId: 'a' }), { stageVariableOverrides: { 'a-b': 'x' } })).message).toBe(
      'canarySettings.stageVariableOverrides: "a-b" is not a stage variable name: only letters, digits and _ are allowed'
    )
  })

  it('setTraffic validates a plain number and needs a canary', () => {
    expect(expectRight(setTraffic(seedBefore, 50)).canarySettings.percentTraffic).toBe(50)
    expect(expectRight(setTraffic(seedBefore, 100)).canarySettings.percentTraffic).toBe(100)
    expect(expectRight(setTraffic(seedBefore, -0)).canarySettings.percentTraffic).toBe(0)
    for (const bad of [-1, 100.5, 150, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(expectLeft(setTraffic(seedBefore, bad))._tag).toBe('InvalidValue')
    }
    expect(expectLeft(setTraffic(stage({ stageName: 'prod', deploymentId: 'x' }), 5)).message).toBe(
      'setTraffic: stage prod has no canary. Enable one first with enableCanary or deployCanary.'
    )
  })

  it('override edits: set, overwrite, remove one, remove the last', () => {
    const s1 = expectRight(setOverride(seedBefore, 'sv3', 'val4'))
    expect(s1.canarySettings.stageVariableOverrides).toEqual({ sv1: 'val2', sv2: 'val3', sv3: 'val4' })
    const s2 = expectRight(setOverride(s1, 'sv1', 'other'))
    expect(s2.canarySettings.stageVariableOverrides?.['sv1']).toBe('other')
    const s3 = expectRight(removeOverride(s2, 'sv2'))
    expect(s3.canarySettings.stageVariableOverrides).toEqual({ sv1: 'other', sv3: 'val4' })
    const s4 = expectRight(removeOverride(expectRight(removeOverride(s3, 'sv1')), 'sv3'))
    expect('stageVariableOverrides' in s4.canarySettings).toBe(false)
    expect(expectRight(removeOverride(s4, 'missing'))).toBe(s4)
    expect(expectLeft(setOverride(seedBefore, 'sv1', 'two words')).message).toBe(
      'canarySettings.stageVariableOverrides.sv1: "two words" is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed'
    )
    expect(expectLeft(setOverride(seedBefore, '__proto__', 'x')).message).toMatch(/reserved/)
  })

  it('useStageCache and the canary deployment can be changed', () => {
    expect(expectRight(setUseStageCache(seedBefore, true)).canarySettings.useStageCache).toBe(true)
    expect(expectRight(setCanaryDeployment(seedBefore, 'x7yz12')).canarySettings.deploymentId).toBe('x7yz12')
    expect(expectLeft(setCanaryDeployment(seedBefore, ''))._tag).toBe('InvalidValue')
    expect(expectLeft(setUseStageCache(stage({ deploymentId: 'a' }), true))._tag).toBe('CanaryNotEnabled')
  })

  it('deploy without canary settings fails on a canary stage with AWS text, and works otherwise', () => {
    expect(expectLeft(deploy(seedBefore, 'x7yz12')).message).toBe(
      'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
    )
    expect(expectRight(deploy(disable(seedBefore), 'x7yz12')).deploymentId).toBe('x7yz12')
  })

  it('deployCanary replaces the canary settings; overrides not given are dropped (recorded)', () => {
    const next = expectRight(deployCanary(seedBefore, 'x7yz12', { percentTraffic: 20 }))
    expect(next.canarySettings).toEqual({ deploymentId: 'x7yz12', percentTraffic: 20, useStageCache: false })
    expect(next.deploymentId).toBe('nfcn0x')
    expect(next.variables).toBe(seedBefore.variables)
  })

  it('phase names the state', () => {
    expect(phase(seedBefore)).toEqual({ _tag: 'CanaryPartial', percentTraffic: 10.5 })
    expect(phase(expectRight(promote(seedBefore)))).toEqual({ _tag: 'CanaryIdle' })
    expect(phase(expectRight(setTraffic(seedBefore, 100)))).toEqual({ _tag: 'CanaryFull' })
    expect(phase(disable(seedBefore))).toEqual({ _tag: 'NoCanary' })
  })

  it('transitions share what they do not change', () => {
    const shifted = expectRight(setTraffic(seedBefore, 20))
    expect(shifted.variables).toBe(seedBefore.variables)
    expect(shifted.methodSettings).toBe(seedBefore.methodSettings)
    expect(shifted.canarySettings.stageVariableOverrides).toBe(seedBefore.canarySettings?.stageVariableOverrides)
  })
})

describe('edges the mutation run showed untested', () => {
  it('a transition that changes nothing returns the same stage (structural sharing)', () => {
    const promoted = expectRight(promote(seedBefore))
    expect(expectRight(promote(promoted))).toBe(promoted)
    expect(expectRight(setTraffic(seedBefore, 10.5))).toBe(seedBefore)
    expect(expectRight(setUseStageCache(seedBefore, false))).toBe(seedBefore)
    expect(expectRight(setCanaryDeployment(seedBefore, 'eh1sby'))).toBe(seedBefore)
    expect(expectRight(setOverride(seedBefore, 'sv1', 'val2'))).toBe(seedBefore)
    const plain = disable(seedBefore)
    expect(expectRight(deploy(plain, 'nfcn0x'))).toBe(plain)
  })

  it('promote without overrides keeps the stage variables object itself', () => {
    const s = stage({ deploymentId: 'd1', variables: { a: 'x' }, canarySettings: { deploymentId: 'd2', percentTraffic: 5 } })
    expect(expectRight(promote(s)).variables).toBe(s.variables)
    const overridesEqual = stage({ deploymentId: 'd1', variables: { a: 'x' }, canarySettings: { deploymentId: 'd1', percentTraffic: 0, stageVariableOverrides: { a: 'x' } } })
    expect(expectRight(promote(overridesEqual))).toBe(overridesEqual)
  })

  it('bad arguments from JavaScript callers name the field and the rule', () => {
    expect(expectLeft(setTraffic(seedBefore, '50' as unknown as number)).message).toBe('canarySettings.percentTraffic: "50" is not a percentage (0 to 100)')
    expect(expectLeft(setUseStageCache(seedBefore, 'true' as unknown as boolean)).message).toBe('canarySettings.useStageCache: "true" is not a boolean')
    expect(expectLeft(setCanaryDeployment(seedBefore, '')).message).toBe('canarySettings.deploymentId: "" is not a deployment id (a non-empty string such as "nfcn0x")')
    expect(expectLeft(deploy(disable(seedBefore), '')).message).toBe('deploymentId: "" is not a deployment id (a non-empty string such as "nfcn0x")')
    expect(expectLeft(removeOverride(seedBefore, 'a-b')).message).toBe(
      'canarySettings.stageVariableOverrides: "a-b" is not a stage variable name: only letters, digits and _ are allowed'
    )
  })

  it('a canary deploy on an unnamed stage names no stage in AWS text', () => {
    const unnamed = stage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
    expect(expectLeft(deploy(unnamed, 'x7yz12')).message).toBe(
      'Invalid deployment content specified.Non canary deployment not supported on stage  because Canary is enabled. Provide CanarySettings in deploymentInput.'
    )
  })

  it('overrides stop at 100: the 100th is accepted, the 101st refused', () => {
    const ninetyNine = Object.fromEntries(Array.from({ length: 99 }, (_, i) => [`v${i}`, 'x']))
    const s = stage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', stageVariableOverrides: ninetyNine } })
    const hundred = expectRight(setOverride(s, 'v99', 'x'))
    expect(Object.keys(hundred.canarySettings.stageVariableOverrides ?? {})).toHaveLength(100)
    expect(expectLeft(setOverride(hundred, 'v100', 'x')).message).toBe(
      'canarySettings.stageVariableOverrides: "v100" would be override number 101; at most 100 are allowed'
    )
    expect(expectRight(setOverride(hundred, 'v0', 'y')).canarySettings.stageVariableOverrides?.['v0']).toBe('y')
  })
})

describe('laws', () => {
  for (const [name, law] of laws.stateLaws) {
    it(name, () => fc.assert(fc.property(fc.oneof(arb.canaryStage, arb.plainStage, arb.stage), law)))
  }

  it('setTraffic: get after set', () => fc.assert(fc.property(fc.oneof(arb.canaryStage, arb.plainStage), arb.anyNumber, laws.trafficGetSet)))

  it('setTraffic: set twice', () =>
    fc.assert(fc.property(fc.oneof(arb.canaryStage, arb.plainStage), arb.anyNumber, arb.anyNumber, laws.trafficSetSet)))

  it('percentTraffic stays in 0 to 100 after any transition', () =>
    fc.assert(
      fc.property(fc.oneof(arb.canaryStage, arb.plainStage), arb.transition, (s, t) =>
        E.match(() => true, laws.percentInRange)(transition(s, t))
      )
    ))

  it('no transition mutates its input (deep-frozen), and a failing one returns a Left', () =>
    fc.assert(
      fc.property(fc.oneof(arb.canaryStage, arb.plainStage), arb.transition, (s, t) => {
        const before = snapshot(s)
        const frozen = deepFreeze(s)
        const result = transition(frozen, t)
        expect(frozen).toEqual(before)
        expect(E.isLeft(result) || E.isRight(result)).toBe(true)
      })
    ))
})
