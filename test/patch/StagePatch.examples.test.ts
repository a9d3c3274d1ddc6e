/**
 * The update-stage applier by example (reference §1, §2, §4, §5): what each path does, the
 * canary AWS creates on the first canary replace, method-setting entries materialised from the
 * "*\/*" entry or AWS's defaults, and the error (tag, index, message) of each refused operation.
 */
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyOperation, applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import { expectLeft, expectRight } from '../helpers.js'

const stageOf = (u: unknown): Stage => expectRight(decodeStage(u))
const plain = stageOf({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
const canary = stageOf({
  stageName: 'prod',
  deploymentId: 'nfcn0x',
  variables: { sv1: 'val1' },
  canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { sv1: 'val2' }, useStageCache: false }
})
const op = (o: string, path: string, value?: string, from?: string): PatchOperation =>
  ({ op: o, path, ...(value === undefined ? {} : { value }), ...(from === undefined ? {} : { from }) }) as PatchOperation
const ok = (stage: Stage, ...ops: ReadonlyArray<PatchOperation>): Stage => expectRight(applyPatch(stage, ops))
const bad = (stage: Stage, ...ops: ReadonlyArray<PatchOperation>) => expectLeft(applyPatch(stage, ops))

describe('canary paths', () => {
  it('the first canary replace on a stage without one creates {stage deploymentId, 0, false} first', () => {
    expect(ok(plain, op('replace', '/canarySettings/percentTraffic', '25')).canarySettings).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 25, useStageCache: false })
    expect(ok(plain, op('replace', '/canarySettings/useStageCache', 'true')).canarySettings).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 0, useStageCache: true })
    expect(ok(plain, op('replace', '/canarySettings/deploymentId', 'x7yz12')).canarySettings).toEqual({ deploymentId: 'x7yz12', percentTraffic: 0, useStageCache: false })
    expect(ok(plain, op('replace', '/canarySettings/stageVariableOverrides/sv1', 'v')).canarySettings).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 0, stageVariableOverrides: { sv1: 'v' }, useStageCache: false })
  })

  it('an override is set and removed; removing one that is not there, or on no canary, changes nothing', () => {
    expect(ok(canary, op('replace', '/canarySettings/stageVariableOverrides/sv2', 'x')).canarySettings?.stageVariableOverrides).toEqual({ sv1: 'val2', sv2: 'x' })
    expect('stageVariableOverrides' in (ok(canary, op('remove', '/canarySettings/stageVariableOverrides/sv1')).canarySettings ?? {})).toBe(false)
    expect(ok(canary, op('remove', '/canarySettings/stageVariableOverrides/zz'))).toBe(canary)
    expect(ok(plain, op('remove', '/canarySettings/stageVariableOverrides/zz'))).toBe(plain)
    expect(bad(canary, op('remove', '/canarySettings/stageVariableOverrides/a-b'))).toMatchObject({ _tag: 'InvalidPatchValue', index: 0, field: '/canarySettings/stageVariableOverrides/a-b' })
  })

  it('remove /canarySettings disables; with no canary it is a no-op success', () => {
    expect(ok(canary, op('remove', '/canarySettings'))).toEqual({ ...plain })
    expect(ok(plain, op('remove', '/canarySettings'))).toBe(plain)
  })

  it('refused: add anywhere below canarySettings, remove of a field or of the map, unknown fields', () => {
    expect(bad(canary, op('add', '/canarySettings/deploymentId', 'x'))).toEqual({
      _tag: 'UnsupportedPatchOperation',
      name: 'BadRequestException',
      index: 0,
      op: 'add',
      path: '/canarySettings/deploymentId',
      message: 'Invalid add operation with path: /canarySettings/deploymentId'
    })
    expect(bad(canary, op('remove', '/canarySettings/stageVariableOverrides')).message).toBe(
      'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '
    )
    expect(bad(canary, op('remove', '/canarySettings/percentTraffic'))._tag).toBe('CannotRemoveMethodSetting')
    for (const path of ['/canarySettings', '/canarySettings/colour', '/canarySettings/percentTraffic/x', '/canarySettings/stageVariableOverrides/a/b']) {
      expect(bad(canary, op('replace', path, '1'))).toMatchObject({ _tag: 'InvalidPatchPath', path })
    }
  })

  it('values: a percentage from 0 to 100, a boolean, an existing deployment when the caller says which exist', () => {
    expect(bad(canary, op('replace', '/canarySettings/percentTraffic', '150'))).toMatchObject({ _tag: 'InvalidPatchValue', index: 0, rule: 'is not a percentage (0 to 100)' })
    expect(bad(canary, op('replace', '/canarySettings/useStageCache', 'True'))).toMatchObject({ _tag: 'InvalidPatchValue', rule: 'is not a boolean; expected "true" or "false"' })
    expect(bad(canary, op('replace', '/canarySettings/percentTraffic'))).toMatchObject({ _tag: 'InvalidPatchValue', field: '/canarySettings/percentTraffic', rule: 'is missing: replace needs a value' })
    expect(expectLeft(applyPatch(canary, [op('replace', '/canarySettings/deploymentId', 'zzz')], { deployments: ['nfcn0x', 'eh1sby'] }))).toEqual({
      _tag: 'DeploymentIdDoesNotExist',
      name: 'BadRequestException',
      index: 0,
      path: '/canarySettings/deploymentId',
      deploymentId: 'zzz',
      message: 'Deployment id does not exist'
    })
    expect(expectRight(applyPatch(canary, [op('replace', '/deploymentId', 'eh1sby')], { deployments: ['nfcn0x', 'eh1sby'] })).deploymentId).toBe('eh1sby')
    expect(expectLeft(applyPatch(canary, [op('replace', '/deploymentId', 'q')], { deployments: [] }))._tag).toBe('DeploymentIdDoesNotExist')
  })
})

describe('promote copies', () => {
  it('each copy alone: the deployment, or the overrides merged into the variables', () => {
    expect(ok(canary, op('copy', '/deploymentId', undefined, '/canarySettings/deploymentId'))).toEqual({ ...canary, deploymentId: 'eh1sby' })
    expect(ok(canary, op('copy', '/variables', undefined, '/canarySettings/stageVariableOverrides'))).toEqual({ ...canary, variables: { sv1: 'val2' } })
  })

  it('any other pair, a missing from, or no canary: AWS\'s errors', () => {
    expect(bad(canary, op('copy', '/variables', undefined, '/canarySettings/deploymentId'))).toMatchObject({ _tag: 'InvalidCopyOperation', path: '/variables', from: '/canarySettings/deploymentId' })
    expect(bad(canary, op('copy', '/deploymentId'))).toMatchObject({ _tag: 'InvalidCopyOperation', path: '/deploymentId', from: 'null' })
    expect(bad(plain, op('replace', '/description', 'x'), op('copy', '/deploymentId', undefined, '/canarySettings/deploymentId'))).toEqual({
      _tag: 'NoCanaryToPromote',
      name: 'BadRequestException',
      index: 1,
      message: 'Promotion not available. Canary does not exist.'
    })
  })

  it('move and test are refused', () => {
    expect(bad(canary, op('move', '/deploymentId', undefined, '/canarySettings/deploymentId'))).toMatchObject({ _tag: 'UnsupportedPatchOperation', op: 'move' })
    expect(bad(canary, op('test', '/deploymentId', 'nfcn0x')).message).toBe('Invalid test operation with path: /deploymentId')
  })
})

describe('stage fields, variables, access logs (reference §5)', () => {
  it('replace sets a field, typed; an empty description removes it; other ops are refused', () => {
    expect(ok(plain, op('replace', '/tracingEnabled', 'true')).tracingEnabled).toBe(true)
    expect(ok(plain, op('replace', '/cacheClusterEnabled', 'false')).cacheClusterEnabled).toBe(false)
    expect(ok(plain, op('replace', '/cacheClusterSize', '6.1')).cacheClusterSize).toBe('6.1')
    expect(bad(plain, op('replace', '/cacheClusterSize', '6'))).toMatchObject({ rule: 'is not one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237' })
    for (const field of ['description', 'clientCertificateId', 'documentationVersion'] as const) {
      const set = ok(plain, op('replace', `/${field}`, 'x'))
      expect(set[field]).toBe('x')
      expect(field in ok(set, op('replace', `/${field}`, ''))).toBe(false)
    }
    const same = ok(plain, op('replace', '/deploymentId', 'nfcn0x'))
    expect(same).toBe(plain)
    expect(bad(plain, op('add', '/description', 'x'))._tag).toBe('UnsupportedPatchOperation')
    expect(bad(plain, op('remove', '/description')).message).toBe('Cannot remove method setting description because there is no method setting for this method ')
  })

  it('variables: replace creates or sets, remove deletes; the last one removes the map', () => {
    expect(ok(plain, op('replace', '/variables/sv2', 'x')).variables).toEqual({ sv1: 'val1', sv2: 'x' })
    expect(ok(plain, op('replace', '/variables/sv1', 'val1'))).toBe(plain)
    expect('variables' in ok(plain, op('remove', '/variables/sv1'))).toBe(false)
    expect(ok(plain, op('remove', '/variables/zz'))).toBe(plain)
    const two = ok(plain, op('replace', '/variables/sv2', 'x'))
    expect(ok(two, op('remove', '/variables/sv1')).variables).toEqual({ sv2: 'x' })
    expect(bad(plain, op('add', '/variables/sv2', 'x'))._tag).toBe('UnsupportedPatchOperation')
    for (const path of ['/variables', '/variables/a/b']) expect(bad(plain, op('replace', path, 'x'))).toMatchObject({ _tag: 'InvalidPatchPath', path })
    expect(bad(plain, op('replace', '/variables/sv2', 'a b'))).toMatchObject({ _tag: 'InvalidPatchValue', field: '/variables/sv2' })
    const hundred = stageOf({ deploymentId: 'a', variables: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x'])) })
    expect(bad(hundred, op('replace', '/variables/v100', 'x'))).toMatchObject({ _tag: 'InvalidPatchValue', rule: 'would be variable number 101; at most 100 are allowed' })
    expect(ok(hundred, op('replace', '/variables/v0', 'y')).variables?.['v0']).toBe('y')
  })

  it('access logs: add creates the object; empty values, unknown fields and removing a field are refused', () => {
    expect(ok(plain, op('add', '/accessLogSettings/destinationArn', 'arn:aws:logs:us-east-1:1:log-group:g')).accessLogSettings).toEqual({ destinationArn: 'arn:aws:logs:us-east-1:1:log-group:g' })
    const withFormat = ok(plain, op('replace', '/accessLogSettings/format', '$context.requestId'))
    expect(withFormat.accessLogSettings).toEqual({ format: '$context.requestId' })
    expect(ok(withFormat, op('replace', '/accessLogSettings/format', '$context.requestId'))).toBe(withFormat)
    expect(ok(withFormat, op('replace', '/accessLogSettings/destinationArn', 'd')).accessLogSettings).toEqual({ format: '$context.requestId', destinationArn: 'd' })
    expect('accessLogSettings' in ok(withFormat, op('remove', '/accessLogSettings'))).toBe(false)
    expect(bad(plain, op('replace', '/accessLogSettings/format', ''))).toMatchObject({ _tag: 'EmptyAccessLogValue', message: 'Access Log value must not be empty' })
    expect(bad(plain, op('replace', '/accessLogSettings/colour', 'x'))).toMatchObject({ _tag: 'InvalidAccessLogPath' })
    expect(bad(plain, op('replace', '/accessLogSettings', 'x'))).toMatchObject({ _tag: 'InvalidAccessLogPath' })
    expect(bad(plain, op('replace', '/accessLogSettings/format/x', 'x'))).toMatchObject({ _tag: 'InvalidAccessLogPath' })
    expect(bad(withFormat, op('remove', '/accessLogSettings/destinationArn')).message).toBe(
      'Cannot remove method setting accessLogSettings/destinationArn because there is no method setting for this method '
    )
  })
})

describe('method settings (reference §1)', () => {
  it('a new entry starts from AWS\'s defaults, or as a copy of "*/*" when it exists', () => {
    const fresh = ok(plain, op('replace', '/~1pets/GET/metrics/enabled', 'true'))
    expect(fresh.methodSettings).toEqual({
      '~1pets/GET': {
        cacheDataEncrypted: false,
        cacheTtlInSeconds: 300,
        cachingEnabled: false,
        dataTraceEnabled: false,
        metricsEnabled: true,
        requireAuthorizationForCacheControl: true,
        throttlingBurstLimit: 5000,
        throttlingRateLimit: 10000,
        unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'
      }
    })
    const wild = ok(plain, op('replace', '/*/*/caching/enabled', 'true'), op('replace', '/test/GET/logging/loglevel', 'INFO'))
    expect(wild.methodSettings?.['test/GET']).toMatchObject({ cachingEnabled: true, loggingLevel: 'INFO' })
  })

  it('each setting path sets its field from the string', () => {
    const s = ok(
      plain,
      op('replace', '/*/*/logging/dataTrace', 'true'),
      op('replace', '/*/*/throttling/burstLimit', '100'),
      op('replace', '/*/*/throttling/rateLimit', '50.5'),
      op('replace', '/*/*/caching/ttlInSeconds', '60'),
      op('replace', '/*/*/caching/dataEncrypted', 'true'),
      op('replace', '/*/*/caching/requireAuthorizationForCacheControl', 'false'),
      op('replace', '/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'FAIL_WITH_403')
    )
    expect(s.methodSettings?.['*/*']).toMatchObject({
      dataTraceEnabled: true,
      throttlingBurstLimit: 100,
      throttlingRateLimit: 50.5,
      cacheTtlInSeconds: 60,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403'
    })
  })

  it('remove /{key} deletes an entry; removing one that is not there is AWS\'s error', () => {
    const s = ok(plain, op('replace', '/*/*/metrics/enabled', 'true'))
    expect(ok(s, op('remove', '/*/*')).methodSettings).toEqual({})
    expect(bad(plain, op('remove', '/*/*'))).toMatchObject({ _tag: 'CannotRemoveMethodSetting', message: 'Cannot remove method setting */* because there is no method setting for this method ' })
  })

  it('refused: unknown settings, paths too long or too short, other ops, forbidden keys', () => {
    for (const path of ['/*/*/metrics/colour', '/*/*/metrics', '/*/*/metrics/enabled/x', '/*', '/tags/team', '/documentation_version', '', '/']) {
      expect(bad(plain, op('replace', path, 'true'))).toMatchObject({ _tag: 'InvalidPatchPath', path })
    }
    expect(bad(plain, op('replace', '/*/*', 'true'))._tag).toBe('InvalidPatchPath')
    expect(bad(plain, op('add', '/*/*/metrics/enabled', 'true'))._tag).toBe('UnsupportedPatchOperation')
    expect(bad(plain, op('remove', '/*/*/metrics/enabled'))._tag).toBe('CannotRemoveMethodSetting')
    expect(bad(plain, op('replace', '/*/*/metrics/enabled', 'yes'))).toMatchObject({ _tag: 'InvalidPatchValue', field: '/*/*/metrics/enabled' })
    expect(bad(plain, op('replace', '/a~1__proto__/GET/metrics/enabled', 'true'))).toMatchObject({ _tag: 'InvalidPatchPointer', message: expect.stringContaining('"__proto__"') })
    expect(bad(plain, op('replace', '/*/*/metrics/enabled'))).toMatchObject({ _tag: 'InvalidPatchValue', rule: 'is missing: replace needs a value' })
  })

  it('a malformed element of the request is MalformedPatchOperation, with the codec\'s message', () => {
    const malformed = (element: unknown) => expectLeft(applyPatchUnknown(plain, [{ op: 'remove', path: '/variables/sv1' }, element]))
    expect(malformed({ op: 'jump', path: '/x' })).toMatchObject({ _tag: 'MalformedPatchOperation', index: 1, message: 'patchOperations[1].op: "jump" is not one of add, remove, replace, move, copy, test' })
    expect(malformed({ op: 'replace', path: 5 })).toMatchObject({ _tag: 'MalformedPatchOperation', index: 1, message: 'patchOperations[1].path: 5 is not a string' })
    expect(malformed({ op: 'replace', path: '/description', value: 1 })._tag).toBe('MalformedPatchOperation')
    expect(malformed({ op: 'copy', path: '/variables', from: 1 })._tag).toBe('MalformedPatchOperation')
    expect(malformed({ path: '/x' }).message).toBe('patchOperations[1].op is missing; it is required on a patch operation (an object with op and path)')
  })

  it('applyOperation: one operation, with its index in errors', () => {
    expect(expectLeft(applyOperation(plain, op('remove', '/*/*'), {}, 4))).toMatchObject({ index: 4 })
    expect(expectRight(applyOperation(plain, op('replace', '/description', 'd'))).description).toBe('d')
  })
})

describe('edges a mutation run left open', () => {
  it('with the deployments known, a missing value is still a missing value, not an unknown deployment', () => {
    expect(expectLeft(applyPatch(plain, [op('replace', '/deploymentId')], { deployments: ['nfcn0x'] }))).toMatchObject({ _tag: 'InvalidPatchValue', rule: 'is missing: replace needs a value' })
  })

  it('remove of a setting of an existing entry is refused, and the entry stays', () => {
    const wide = ok(plain, op('replace', '/*/*/metrics/enabled', 'true'))
    expect(bad(wide, op('remove', '/*/*/metrics/enabled')).message).toBe('Cannot remove method setting */*/metrics/enabled because there is no method setting for this method ')
    expect(bad(wide, op('remove', '/x/metrics/enabled')).message).toBe('Cannot remove method setting x/metrics/enabled because there is no method setting for this method ')
  })

  it('move and test are refused on every kind of path, and change nothing', () => {
    for (const o of ['move', 'test']) {
      for (const path of ['/canarySettings/percentTraffic', '/canarySettings/stageVariableOverrides/sv1', '/description', '/variables/sv1', '/*/*/metrics/enabled', '/accessLogSettings/format']) {
        expect(bad(canary, op(o, path, '50', '/canarySettings/deploymentId'))).toMatchObject({ _tag: 'UnsupportedPatchOperation', message: `Invalid ${o} operation with path: ${path}` })
      }
    }
  })

  it('a key whose resource path holds "~0__proto__" reads as "~__proto__": allowed; "~1__proto__" as "/__proto__": refused', () => {
    expect(Object.keys(ok(plain, op('replace', '/~0__proto__/GET/metrics/enabled', 'true')).methodSettings ?? {})).toEqual(['~0__proto__/GET'])
    expect(bad(plain, op('replace', '/~1__proto__/GET/metrics/enabled', 'true'))._tag).toBe('InvalidPatchPointer')
  })
})
