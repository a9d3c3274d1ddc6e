/**
 * The lifecycle as update-stage operations, and the differ: examples first (AWS's documented
 * promote, each transition's operations, the fields diff refuses), then the laws as properties
 * (statements in `test/laws/StagePatch.ts`).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeStage, transition, Transition, type Stage } from '../../src/index.js'
import { diff, toOperations } from '../../src/patch/Operations.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyPatch } from '../../src/patch/StagePatch.js'
import * as arb from '../arbitraries.js'
import { deepFreeze, expectLeft, expectRight } from '../helpers.js'
import * as laws from '../laws/StagePatch.js'
import { methodSettingOperation, methodSettingsStage, validOperation } from './StagePatch.arbitraries.js'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const stage = (u: unknown): Stage => deepFreeze(expectRight(decodeStage(u)))
const ops = (s: Stage, t: Transition.Transition): ReadonlyArray<PatchOperation> => expectRight(toOperations(s, t))

const seed = stage(fixture('seed-before.json'))
const plain = stage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })

describe('toOperations: examples', () => {
  it("promote is AWS's documented three operations, in order", () => {
    expect(ops(seed, Transition.promote())).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ])
  })

  it('promote drops the parts PromoteOptions skips', () => {
    expect(ops(seed, Transition.promote({ resetTraffic: false }))).toEqual([
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ])
    expect(ops(seed, Transition.promote({ variables: false, deployment: false }))).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }])
    expect(ops(seed, Transition.promote({ variables: false, deployment: false, resetTraffic: false }))).toEqual([])
  })

  it('writes percentages as the AWS docs do', () => {
    expect(ops(seed, Transition.setTraffic(10.5))).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' }])
    expect(ops(seed, Transition.setTraffic(50))).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }])
    expect(ops(seed, Transition.setTraffic(100))).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.0' }])
    expect(ops(seed, Transition.setTraffic(-0))).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }])
  })

  it('one operation for each canary update; disable is remove /canarySettings', () => {
    expect(ops(seed, Transition.setOverride('sv3', 'val4'))).toEqual([{ op: 'replace', path: '/canarySettings/stageVariableOverrides/sv3', value: 'val4' }])
    expect(ops(seed, Transition.removeOverride('sv1'))).toEqual([{ op: 'remove', path: '/canarySettings/stageVariableOverrides/sv1' }])
    expect(ops(seed, Transition.setUseStageCache(true))).toEqual([{ op: 'replace', path: '/canarySettings/useStageCache', value: 'true' }])
    expect(ops(seed, Transition.setCanaryDeployment('x7yz12'))).toEqual([{ op: 'replace', path: '/canarySettings/deploymentId', value: 'x7yz12' }])
    expect(ops(seed, Transition.disable())).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('enable on an existing stage: the replaces that build the canary (the first one creates it)', () => {
    expect(ops(plain, Transition.enableCanary())).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }])
    expect(ops(plain, Transition.enableCanary({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: true }))).toEqual([
      { op: 'replace', path: '/canarySettings/deploymentId', value: 'eh1sby' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/sv1', value: 'val2' }
    ])
  })

  it('deploy is replace /deploymentId; a canary deployment removes the old canary, then builds the new one', () => {
    expect(ops(plain, Transition.deploy('x7yz12'))).toEqual([{ op: 'replace', path: '/deploymentId', value: 'x7yz12' }])
    expect(ops(seed, Transition.deployCanary('x7yz12', { percentTraffic: 20 }))).toEqual([
      { op: 'remove', path: '/canarySettings' },
      { op: 'replace', path: '/canarySettings/deploymentId', value: 'x7yz12' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '20.0' }
    ])
    const redeployed = expectRight(applyPatch(seed, ops(seed, Transition.deployCanary('x7yz12', { percentTraffic: 20 }))))
    expect(redeployed.canarySettings).toEqual({ deploymentId: 'x7yz12', percentTraffic: 20, useStageCache: false })
  })

  it("the transition's own preconditions apply", () => {
    expect(expectLeft(toOperations(seed, Transition.deploy('x7yz12')))._tag).toBe('NonCanaryDeploymentNotSupported')
    expect(expectLeft(toOperations(plain, Transition.promote()))._tag).toBe('PromotionNotAvailable')
    expect(expectLeft(toOperations(plain, Transition.setTraffic(50)))._tag).toBe('CanaryNotEnabled')
    expect(expectLeft(toOperations(seed, Transition.enableCanary()))._tag).toBe('CanaryAlreadyEnabled')
    expect(expectLeft(toOperations(seed, Transition.setTraffic(150)))._tag).toBe('InvalidValue')
  })

  it("promote's operations on the docs stage give the docs stage after", () => {
    const promoted = expectRight(applyPatch(seed, ops(seed, Transition.promote())))
    expect(promoted).toEqual(expectRight(transition(seed, Transition.promote())))
  })
})

describe('diff: examples', () => {
  it('the promotion, as replaces', () => {
    const after = expectRight(transition(seed, Transition.promote()))
    expect(expectRight(diff(seed, after))).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'replace', path: '/deploymentId', value: 'eh1sby' },
      { op: 'replace', path: '/variables/sv1', value: 'val2' },
      { op: 'replace', path: '/variables/sv2', value: 'val3' }
    ])
  })

  it('a canary from nothing, and back', () => {
    const after = expectRight(transition(plain, Transition.enableCanary({ deploymentId: 'eh1sby', percentTraffic: 5 })))
    expect(expectRight(diff(plain, after))).toEqual([
      { op: 'replace', path: '/canarySettings/deploymentId', value: 'eh1sby' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '5.0' }
    ])
    expect(expectRight(diff(after, plain))).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('method settings: a new entry from the defaults, a changed field, a removed entry', () => {
    const a = stage({ deploymentId: 'd1', methodSettings: { '~1pets/GET': { metricsEnabled: false, cachingEnabled: false } } })
    const b = stage({
      deploymentId: 'd1',
      methodSettings: {
        '*/*': { cacheDataEncrypted: false, cacheTtlInSeconds: 300, cachingEnabled: true, dataTraceEnabled: false, metricsEnabled: false, requireAuthorizationForCacheControl: true, throttlingBurstLimit: 5000, throttlingRateLimit: 10000, unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER' }
      }
    })
    const d = expectRight(diff(a, b))
    expect(d).toEqual([
      { op: 'remove', path: '/~1pets/GET' },
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' }
    ])
    expect(expectRight(applyPatch(a, d))).toEqual(b)
  })

  it('method settings: an entry made while the wildcard entry was away is made in that gap again', () => {
    const a = stage({ deploymentId: 'd1', methodSettings: { '*/*': { loggingLevel: 'INFO' } } })
    const b = expectRight(
      applyPatch(a, [
        { op: 'remove', path: '/*/*' },
        { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
        { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'true' },
        { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }
      ])
    )
    const d = expectRight(diff(a, b))
    expect(d).toEqual([
      { op: 'remove', path: '/*/*' },
      { op: 'replace', path: '/~1pets/GET/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }
    ])
    expect(expectRight(applyPatch(a, d))).toEqual(b)
  })

  it('access logs: a field cannot be removed alone, so the object is rebuilt', () => {
    const a = stage({ deploymentId: 'd1', accessLogSettings: { destinationArn: 'arn:x', format: 'f1' } })
    const b = stage({ deploymentId: 'd1', accessLogSettings: { format: 'f2' } })
    expect(expectRight(diff(a, b))).toEqual([
      { op: 'remove', path: '/accessLogSettings' },
      { op: 'add', path: '/accessLogSettings/format', value: 'f2' }
    ])
  })

  it('a Left naming each field no patch can change', () => {
    const field = (a: Stage, b: Stage): string => expectLeft(diff(a, b)).field
    expect(field(plain, { ...plain, stageName: 'beta' })).toBe('stageName')
    expect(field(plain, stage({ ...plain, tags: { team: 'a' } }))).toBe('tags')
    expect(field(plain, stage({ ...plain, createdDate: '2017-11-20T04:42:19Z' }))).toBe('createdDate')
    expect(field(plain, stage({ ...plain, lastUpdatedDate: '2017-11-20T04:42:19Z' }))).toBe('lastUpdatedDate')
    expect(field(plain, stage({ ...plain, cacheClusterStatus: 'AVAILABLE' }))).toBe('cacheClusterStatus')
    expect(field(plain, stage({ ...plain, webAclArn: 'arn:aws:wafv2:x' }))).toBe('webAclArn')
    expect(field(plain, stage({ ...plain, _links: { self: { href: '/x' } } }))).toBe('_links')
    expect(field(stage({ ...plain, tracingEnabled: true }), plain)).toBe('tracingEnabled')
    expect(field(plain, { stageName: 'prod', variables: plain.variables ?? {} })).toBe('deploymentId')
    expect(field(plain, stage({ ...plain, description: '' }))).toBe('description')
    expect(field(plain, stage({ ...plain, variables: {} }))).toBe('variables')
    expect(field(plain, stage({ ...plain, methodSettings: { '~1pets/GET': { metricsEnabled: true } } }))).toBe('methodSettings["~1pets/GET"]')
    expect(field(plain, stage({ ...plain, methodSettings: { 'variables/GET': { ...{ metricsEnabled: true } } } }))).toBe('methodSettings["variables/GET"]')
    expect(expectLeft(diff(plain, { ...plain, stageName: 'beta' })).message).toBe('stageName: update-stage cannot change it')
  })
})

describe('laws', () => {
  it('toOperations follows the transition: applying its operations gives the transition\'s stage, and it fails exactly when the transition does', () => {
    fc.assert(fc.property(fc.oneof(arb.stage, arb.canaryStage, arb.plainStage), arb.transition, laws.operationsFollowTransition))
  })

  it('... along sequences of transitions', () => {
    fc.assert(
      fc.property(fc.oneof(arb.canaryStage, arb.plainStage), fc.array(arb.transition, { maxLength: 8 }), (s0, ts) => {
        let s = s0
        for (const t of ts) {
          if (!laws.operationsFollowTransition(s, t)) return false
          s = E.getOrElse(() => s)(transition(s, t))
        }
        return true
      })
    )
  })

  it('diff(a, a) is Right([])', () => {
    fc.assert(fc.property(arb.stage, laws.diffOfSelfIsEmpty))
  })

  it('diff reaches every stage a patch makes, and applying it gives that stage', () => {
    fc.assert(fc.property(fc.oneof(arb.stage, arb.canaryStage), fc.array(validOperation, { maxLength: 8 }), laws.diffReachesPatched))
  })

  it('... and every method-settings change a patch makes, wherever the wildcard entry stands', () => {
    fc.assert(fc.property(fc.oneof(arb.stage, methodSettingsStage), fc.array(methodSettingOperation, { maxLength: 10 }), laws.diffReachesPatched))
  })

  it('diff is sound: whenever it is Right, applying it gives the target', () => {
    const samePinned = fc.tuple(arb.stage, arb.stage).map(([a, b]): [Stage, Stage] => [a, pin(b, a, ['stageName', 'cacheClusterStatus', 'webAclArn', 'tags', 'createdDate', 'lastUpdatedDate'])])
    fc.assert(fc.property(samePinned, ([a, b]) => laws.diffIsSound(a, b)))
  })
})

/** `target` with the fields `keys` as `source` has them (absent where it lacks them). */
function pin(target: Stage, source: Stage, keys: ReadonlyArray<keyof Stage>): Stage {
  const out: Record<string, unknown> = { ...target }
  for (const k of keys) {
    delete out[k]
    if (Object.prototype.hasOwnProperty.call(source, k)) out[k] = source[k]
  }
  return out as Stage
}
