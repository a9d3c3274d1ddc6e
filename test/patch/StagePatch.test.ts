/**
 * The update-stage applier: examples from the AWS docs and the recorded behaviour first (the
 * errors of reference section 4 are in `StagePatch.errors.test.ts`), then the laws as
 * properties (statements in `test/laws/StagePatch.ts`).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeStage, MethodSetting, Timestamp, type Stage } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyOperation, applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import * as arb from '../arbitraries.js'
import { deepFreeze, expectLeft, expectRight, prototypesClean } from '../helpers.js'
import * as laws from '../laws/StagePatch.js'
import { anyOperation, hostilePath } from './StagePatch.arbitraries.js'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const stage = (u: unknown): Stage => deepFreeze(expectRight(decodeStage(u)))
const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })
const remove = (path: string): PatchOperation => ({ op: 'remove', path })
const add = (path: string, value: string): PatchOperation => ({ op: 'add', path, value })
const copy = (from: string, path: string): PatchOperation => ({ op: 'copy', from, path })
const patch = (s: Stage, ...ops: ReadonlyArray<PatchOperation>): Stage => expectRight(applyPatch(s, ops))

const promoteOps = [
  replace('/canarySettings/percentTraffic', '0.0'),
  copy('/canarySettings/stageVariableOverrides', '/variables'),
  copy('/canarySettings/deploymentId', '/deploymentId')
]

describe('promote, as the AWS docs and the recordings do it', () => {
  it('gives the docs "after" stage from the docs "before" stage; with the time given, exactly', () => {
    const before = stage(fixture('seed-before.json'))
    const after = stage(fixture('seed-after.json'))
    const promoted = patch(before, ...promoteOps)
    const { lastUpdatedDate: _a, ...got } = promoted
    const { lastUpdatedDate: _b, ...want } = after
    expect(got).toEqual(want)
    expect(promoted.lastUpdatedDate).toBe(before.lastUpdatedDate)
    const timed = expectRight(applyPatch(before, promoteOps, { now: Timestamp.unsafeFromString('2017-11-22T05:29:47Z') }))
    expect(timed).toEqual(after)
  })

  it('merges the overrides into the stage variables, keeping the others (recorded)', () => {
    const s = stage({ deploymentId: 'd1', variables: { testVar: 'test', testVar2: 'test2' }, canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } } })
    expect(patch(s, ...promoteOps)).toEqual({
      deploymentId: 'd2',
      variables: { testVar: 'override', testVar2: 'test2' },
      canarySettings: { deploymentId: 'd2', percentTraffic: 0, stageVariableOverrides: { testVar: 'override' }, useStageCache: false }
    })
  })

  it('on a stage without a canary, the replace first creates the default canary, and the copies use it (recorded)', () => {
    const s = stage({ stageName: 'dev', deploymentId: 'd1', variables: { testVar: 'test', testVar2: 'test2' } })
    expect(patch(s, replace('/canarySettings/percentTraffic', '0.0'), copy('/canarySettings/deploymentId', '/deploymentId'), copy('/canarySettings/stageVariableOverrides', '/variables'))).toEqual({
      stageName: 'dev',
      deploymentId: 'd1',
      variables: { testVar: 'test', testVar2: 'test2' },
      canarySettings: { deploymentId: 'd1', percentTraffic: 0, useStageCache: false }
    })
  })

  it('each copy alone does its part only', () => {
    const s = stage({ deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' } } })
    const moved = patch(s, copy('/canarySettings/deploymentId', '/deploymentId'))
    expect(moved.deploymentId).toBe('eh1sby')
    expect(moved.variables).toBe(s.variables)
    expect(moved.canarySettings).toBe(s.canarySettings)
    const merged = patch(s, copy('/canarySettings/stageVariableOverrides', '/variables'))
    expect(merged.variables).toEqual({ sv1: 'val2' })
    expect(merged.deploymentId).toBe('nfcn0x')
    expect(merged.canarySettings).toBe(s.canarySettings)
  })
})

describe('the canary through update-stage', () => {
  const plain = stage({ stageName: 'dev', deploymentId: 'd1', description: 'dev stage', variables: { testVar: 'default' } })

  it('enables a canary implicitly: replace percentTraffic on a stage without one (recorded)', () => {
    expect(patch(plain, replace('/canarySettings/percentTraffic', '50'))).toEqual({ ...plain, canarySettings: { deploymentId: 'd1', percentTraffic: 50, useStageCache: false } })
  })

  it('enables a canary implicitly: replace its deploymentId (recorded)', () => {
    expect(patch(plain, replace('/canarySettings/deploymentId', 'd2')).canarySettings).toEqual({ deploymentId: 'd2', percentTraffic: 0, useStageCache: false })
  })

  it('enables a canary implicitly: replace one override', () => {
    expect(patch(plain, replace('/canarySettings/stageVariableOverrides/testVar', 'canary')).canarySettings).toEqual({
      deploymentId: 'd1',
      percentTraffic: 0,
      stageVariableOverrides: { testVar: 'canary' },
      useStageCache: false
    })
  })

  it('enables a canary implicitly: replace useStageCache (chosen)', () => {
    expect(patch(plain, replace('/canarySettings/useStageCache', 'true')).canarySettings).toEqual({ deploymentId: 'd1', percentTraffic: 0, useStageCache: true })
  })

  it('without a stage deploymentId, a canary is created only by naming its deployment (chosen)', () => {
    const bare = stage({ stageName: 'dev' })
    expect(expectLeft(applyPatch(bare, [replace('/canarySettings/percentTraffic', '10')]))).toMatchObject({
      _tag: 'InvalidPatchValue',
      index: 0,
      field: 'canarySettings.deploymentId'
    })
    expect(patch(bare, replace('/canarySettings/deploymentId', 'd2')).canarySettings).toEqual({ deploymentId: 'd2', percentTraffic: 0, useStageCache: false })
  })

  const canary = stage({ stageName: 'dev', deploymentId: 'd1', variables: { testVar: 'default' }, canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } } })

  it('sets the traffic from the strings tools send', () => {
    for (const [text, n] of [['50', 50], ['0.0', 0], ['100.0', 100], ['66.660000', 66.66], ['10.5', 10.5], ['1e1', 10]] as const) {
      expect(patch(canary, replace('/canarySettings/percentTraffic', text)).canarySettings?.percentTraffic).toBe(n)
    }
  })

  it('toggles useStageCache', () => {
    const on = patch(canary, replace('/canarySettings/useStageCache', 'true'))
    expect(on.canarySettings?.useStageCache).toBe(true)
    expect(patch(on, replace('/canarySettings/useStageCache', 'false')).canarySettings?.useStageCache).toBe(false)
  })

  it('edits overrides one key at a time, keeping the others (recorded for an overwrite)', () => {
    expect(patch(canary, replace('/canarySettings/stageVariableOverrides/testVar', 'updated')).canarySettings?.stageVariableOverrides).toEqual({ testVar: 'updated' })
    const two = patch(canary, replace('/canarySettings/stageVariableOverrides/other', 'x'))
    expect(two.canarySettings?.stageVariableOverrides).toEqual({ testVar: 'canary', other: 'x' })
    expect(patch(two, remove('/canarySettings/stageVariableOverrides/testVar')).canarySettings?.stageVariableOverrides).toEqual({ other: 'x' })
  })

  it('removing the last override removes stageVariableOverrides, as AWS omits it; a missing one is a no-op (chosen)', () => {
    const none = patch(canary, remove('/canarySettings/stageVariableOverrides/testVar'))
    expect(none.canarySettings).toEqual({ deploymentId: 'd2', percentTraffic: 50, useStageCache: false })
    expect(patch(canary, remove('/canarySettings/stageVariableOverrides/missing'))).toBe(canary)
    expect(patch(plain, remove('/canarySettings/stageVariableOverrides/missing'))).toBe(plain)
  })

  it('points the canary at another deployment, and the stage too while the canary is on (chosen)', () => {
    expect(patch(canary, replace('/canarySettings/deploymentId', 'd3')).canarySettings?.deploymentId).toBe('d3')
    expect(patch(canary, replace('/deploymentId', 'd3')).deploymentId).toBe('d3')
  })

  it('remove /canarySettings disables the canary and leaves the stage (recorded); without one it is a no-op (chosen)', () => {
    const { canarySettings: _, ...rest } = canary
    expect(patch(canary, remove('/canarySettings'))).toEqual(rest)
    expect(patch(plain, remove('/canarySettings'))).toBe(plain)
  })
})

describe('stage fields, variables, access logs', () => {
  const s = stage({ stageName: 'prod', deploymentId: 'nfcn0x', description: 'v1', variables: { sv1: 'val1' } })

  it('stores booleans and sizes typed (recorded for tracingEnabled)', () => {
    expect(patch(s, replace('/tracingEnabled', 'true')).tracingEnabled).toBe(true)
    expect(patch(s, replace('/cacheClusterEnabled', 'false')).cacheClusterEnabled).toBe(false)
    expect(patch(s, replace('/cacheClusterSize', '6.1')).cacheClusterSize).toBe('6.1')
  })

  it('replaces text fields; an empty value removes one (chosen)', () => {
    expect(patch(s, replace('/description', 'v2')).description).toBe('v2')
    expect(patch(s, replace('/clientCertificateId', 'cert01')).clientCertificateId).toBe('cert01')
    expect(patch(s, replace('/documentationVersion', '1.0')).documentationVersion).toBe('1.0')
    expect('description' in patch(s, replace('/description', ''))).toBe(false)
  })

  it('replace /variables/{name} creates or overwrites; remove deletes, the last taking variables with it (recorded; chosen)', () => {
    expect(patch(s, replace('/variables/sv2', 'val2')).variables).toEqual({ sv1: 'val1', sv2: 'val2' })
    expect(patch(s, replace('/variables/sv1', 'val9')).variables).toEqual({ sv1: 'val9' })
    expect('variables' in patch(s, remove('/variables/sv1'))).toBe(false)
    expect(patch(s, remove('/variables/missing'))).toBe(s)
  })

  it('add creates accessLogSettings (recorded); replace sets; remove /accessLogSettings removes it', () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:access-logs'
    const logged = patch(s, add('/accessLogSettings/destinationArn', arn))
    expect(logged.accessLogSettings).toEqual({ destinationArn: arn })
    const formatted = patch(logged, replace('/accessLogSettings/format', '$context.requestId'))
    expect(formatted.accessLogSettings).toEqual({ destinationArn: arn, format: '$context.requestId' })
    expect('accessLogSettings' in patch(formatted, remove('/accessLogSettings'))).toBe(false)
  })

  it('sets lastUpdatedDate only when the time is given, and only for a non-empty request', () => {
    const now = Timestamp.unsafeFromString('2025-05-30T16:53:20Z')
    expect(expectRight(applyPatch(s, [replace('/description', 'v2')], { now })).lastUpdatedDate).toBe(now)
    expect(expectRight(applyPatch(s, [], { now }))).toBe(s)
    expect(patch(s, replace('/description', 'v2')).lastUpdatedDate).toBeUndefined()
  })

  it('checks deployment ids against the ones the caller says exist', () => {
    const deployments = ['nfcn0x', 'eh1sby']
    expect(expectRight(applyPatch(s, [replace('/deploymentId', 'eh1sby')], { deployments })).deploymentId).toBe('eh1sby')
    expect(expectRight(applyPatch(s, [replace('/canarySettings/deploymentId', 'eh1sby')], { deployments })).canarySettings?.deploymentId).toBe('eh1sby')
  })
})

describe('method settings', () => {
  const s = stage({ stageName: 'prod', deploymentId: 'nfcn0x' })

  it('the key is the path as written, escapes kept (recorded: /~1resourceName/GET/... gives "~1resourceName/GET")', () => {
    const keys = (path: string): ReadonlyArray<string> => Object.keys(patch(s, replace(path, 'true')).methodSettings ?? {})
    expect(keys('/~1resourceName/GET/logging/dataTrace')).toEqual(['~1resourceName/GET'])
    expect(keys('/~1pets/GET/metrics/enabled')).toEqual(['~1pets/GET'])
    expect(keys('/test/GET/metrics/enabled')).toEqual(['test/GET'])
    expect(keys('/*/*/metrics/enabled')).toEqual(['*/*'])
    expect(keys('/~1pets~1{petId}/DELETE/caching/enabled')).toEqual(['~1pets~1{petId}/DELETE'])
    expect(keys('/~1/GET/metrics/enabled')).toEqual(['~1/GET'])
    // unescaped slashes stay in the key (recorded: "//tenant/.../GET/caching/enabled" was stored as "/tenant/.../GET")
    expect(keys('//tenant/{tenant-name}/enrollment_codes/GET/caching/enabled')).toEqual(['/tenant/{tenant-name}/enrollment_codes/GET'])
  })

  it('an entry decoded from get-stage is the one its path changes', () => {
    const got = stage({ deploymentId: 'nfcn0x', methodSettings: { '~1pets/GET': { ...MethodSetting.defaults, metricsEnabled: false } } })
    expect(patch(got, replace('/~1pets/GET/metrics/enabled', 'true')).methodSettings).toEqual({ '~1pets/GET': { ...MethodSetting.defaults, metricsEnabled: true } })
    expect(patch(got, remove('/~1pets/GET')).methodSettings).toEqual({})
  })

  it('a key needs a resource path and a method (recorded: "/{proxy+}/ANY//throttling/burstLimit" is an invalid path)', () => {
    for (const path of ['/{proxy+}/ANY//throttling/burstLimit', '/GET/metrics/enabled', '//GET/metrics/enabled', '/~1pets/GET/metrics/colour', '/~1pets/GET']) {
      expect(expectLeft(applyPatch(s, [replace(path, 'true')]))._tag).toBe('InvalidPatchPath')
    }
  })

  it('a first touch starts from AWS defaults (recorded)', () => {
    expect(patch(s, replace('/~1pets/GET/metrics/enabled', 'true')).methodSettings).toEqual({ '~1pets/GET': { ...MethodSetting.defaults, metricsEnabled: true } })
  })

  it('a new entry starts as a copy of "*/*" (recorded: after */* caching was on, test/GET reported cachingEnabled true)', () => {
    const wide = patch(s, replace('/*/*/caching/enabled', 'true'))
    const entry = patch(wide, replace('/test/GET/logging/loglevel', 'INFO')).methodSettings?.['test/GET']
    expect(entry).toEqual({ ...MethodSetting.defaults, cachingEnabled: true, loggingLevel: 'INFO' })
  })

  it('stores every setting typed', () => {
    const all = patch(
      s,
      replace('/*/*/metrics/enabled', 'true'),
      replace('/*/*/logging/loglevel', 'ERROR'),
      replace('/*/*/logging/dataTrace', 'true'),
      replace('/*/*/throttling/burstLimit', '100'),
      replace('/*/*/throttling/rateLimit', '50.5'),
      replace('/*/*/caching/enabled', 'true'),
      replace('/*/*/caching/ttlInSeconds', '60'),
      replace('/*/*/caching/dataEncrypted', 'true'),
      replace('/*/*/caching/requireAuthorizationForCacheControl', 'false'),
      replace('/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403')
    )
    expect(all.methodSettings?.['*/*']).toEqual({
      metricsEnabled: true,
      loggingLevel: 'ERROR',
      dataTraceEnabled: true,
      throttlingBurstLimit: 100,
      throttlingRateLimit: 50.5,
      cachingEnabled: true,
      cacheTtlInSeconds: 60,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'
    })
  })

  it('remove /*/* clears an existing wildcard entry (recorded), keeping the map as AWS prints it', () => {
    const wide = patch(s, replace('/*/*/caching/enabled', 'true'), replace('/~1pets/GET/metrics/enabled', 'true'))
    expect(Object.keys(patch(wide, remove('/*/*')).methodSettings ?? {})).toEqual(['~1pets/GET'])
    expect(patch(wide, remove('/*/*'), remove('/~1pets/GET')).methodSettings).toEqual({})
  })
})

describe('all or nothing', () => {
  const s = stage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })

  it('a failing later operation leaves nothing applied and reports its index', () => {
    const e = expectLeft(
      applyPatch(s, [replace('/canarySettings/percentTraffic', '10'), replace('/variables/sv2', 'val2'), replace('/tracingEnabled', 'yes'), replace('/description', 'never')])
    )
    expect(e).toEqual({
      _tag: 'InvalidPatchValue',
      name: 'BadRequestException',
      index: 2,
      field: '/tracingEnabled',
      value: 'yes',
      rule: 'is not a boolean; expected "true" or "false"',
      message: '/tracingEnabled: "yes" is not a boolean; expected "true" or "false"'
    })
    expect(s).toEqual({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
  })

  it('operations see the results of the ones before them (recorded)', () => {
    expect(patch(s, replace('/variables/sv2', 'a'), remove('/variables/sv2'), replace('/variables/sv2', 'b')).variables).toEqual({ sv1: 'val1', sv2: 'b' })
    expect(expectLeft(applyPatch(s, [replace('/*/*/metrics/enabled', 'true'), remove('/*/*'), remove('/*/*')]))).toMatchObject({ _tag: 'CannotRemoveMethodSetting', index: 2 })
  })
})

describe('untrusted requests', () => {
  const s = stage({ deploymentId: 'nfcn0x' })
  const untyped = <A>(u: unknown): A => u as A

  it('a request that is not a list of operations is refused, naming the element and the rule', () => {
    expect(expectLeft(applyPatchUnknown(s, { op: 'replace' }))).toEqual({
      _tag: 'MalformedPatchOperation',
      name: 'BadRequestException',
      index: undefined,
      message: 'patchOperations: an object is not a list of patch operations'
    })
    expect(expectLeft(applyPatchUnknown(s, [replace('/description', 'ok'), { op: 'jump', path: '/a' }]))).toMatchObject({
      index: 1,
      message: 'patchOperations[1].op: "jump" is not one of add, remove, replace, move, copy, test'
    })
    expect(expectLeft(applyPatch(s, untyped([{ op: 'replace', path: 1, value: null }]))).message).toBe('patchOperations[0].path: 1 is not a string; patchOperations[0].value: null is not a string')
    expect(expectLeft(applyPatch(s, untyped([null]))).message).toBe('patchOperations[0]: null is not a patch operation (an object with op and path)')
    expect(expectLeft(applyOperation(s, untyped('x')))).toMatchObject({ _tag: 'MalformedPatchOperation', index: 0 })
  })

  it('an element that throws when read is refused, not thrown', () => {
    const trap = new Proxy({}, { get: () => { throw new Error('boom') }, has: () => { throw new Error('boom') }, ownKeys: () => { throw new Error('boom') }, getOwnPropertyDescriptor: () => { throw new Error('boom') } })
    expect(expectLeft(applyPatch(s, untyped([trap]))).message).toMatch(/^patchOperations\[0\] could not be read: boom$/)
  })

  it('the operations are read once: a getter cannot change an operation after it is checked', () => {
    let reads = 0
    const sly = { op: 'replace', get path() { reads++; return reads === 1 ? '/description' : '/__proto__/polluted' }, value: 'v' }
    const r = applyPatch(s, untyped([sly]))
    expect(prototypesClean()).toBe(true)
    expect(E.isRight(r) ? r.right.description : undefined).toBe('v')
  })
})

describe('hostile paths', () => {
  const s = stage({ deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby' } })

  it.each([
    '/__proto__/x',
    '/constructor/prototype/x',
    '/variables/__proto__',
    '/canarySettings/stageVariableOverrides/__proto__',
    '/~1__proto__/GET/metrics/enabled',
    '/~2/GET/metrics/enabled',
    '/variables/x~'
  ])('%s is refused as such under every op, with any value, and no prototype is touched', (path) => {
    for (const op of ['add', 'remove', 'replace'] as const) {
      for (const value of ['true', 'x', '50']) {
        const e = expectLeft(applyPatch(s, [{ op, path, value }]))
        expect(e).toMatchObject({ _tag: 'InvalidPatchPointer', name: 'BadRequestException', index: 0, path })
        expect(prototypesClean()).toBe(true)
      }
    }
  })

  it('refusals name the key, or the escape', () => {
    expect(expectLeft(applyPatch(s, [replace('/variables/__proto__', 'x')]))).toMatchObject({ _tag: 'InvalidPatchPointer', index: 0, path: '/variables/__proto__' })
    expect(expectLeft(applyPatch(s, [replace('/~1__proto__/GET/metrics/enabled', 'true')])).message).toMatch(/"__proto__", which is refused/)
    expect(expectLeft(applyPatch(s, [replace('/~2/GET/metrics/enabled', 'true')])).message).toMatch(/"~" must be followed by 0 or 1/)
  })
})

describe('laws', () => {
  const ops = fc.array(anyOperation, { maxLength: 6 })

  it('the empty patch returns the stage itself', () => {
    fc.assert(fc.property(arb.stage, laws.emptyPatchIsIdentity))
  })

  it('the stage is never mutated (inputs deep-frozen), and nothing throws', () => {
    fc.assert(fc.property(arb.stage, ops, laws.neverMutates))
  })

  it('a request is the fold of its operations: all or nothing, the first failure named by its index', () => {
    fc.assert(fc.property(arb.stage, ops, laws.foldOfOperations))
  })

  it('one operation shares every subtree it leaves as it was', () => {
    fc.assert(fc.property(arb.stage, anyOperation, laws.operationSharesUntouched))
  })

  it('every error is a BadRequestException naming its operation', () => {
    fc.assert(fc.property(arb.stage, ops, laws.errorNamesItsOperation))
  })

  it('hostile paths are refused under every op, and no prototype is touched', () => {
    fc.assert(
      fc.property(arb.stage, hostilePath, fc.constantFrom('add' as const, 'remove' as const, 'replace' as const), fc.constantFrom('true', 'x', '50', 'INFO'), (s, path, op, value) =>
        laws.hostileRefused(s, { op, path, value })
      )
    )
  })
})
