/**
 * The error values: AWS's exact texts (reference §4) and the product's own messages, built by
 * the constructors in `ApiGatewayError.ts`, `RestApiError.ts` and `DecodeError.ts`.
 */
import { describe, expect, it } from 'vitest'
import * as t from 'io-ts'
import {
  canaryAlreadyEnabled,
  canaryNotEnabled,
  cannotRemoveMethodSetting,
  decodeError,
  decodeIssue,
  deploymentIdDoesNotExist,
  emptyAccessLogValue,
  formatPath,
  invalidAccessLogPath,
  invalidCopyOperation,
  invalidPatchPath,
  invalidPatchPointer,
  invalidPatchValue,
  invalidValue,
  malformedPatchOperation,
  noCanaryToPromote,
  nonCanaryDeploymentNotSupported,
  promotionNotAvailable,
  showValue,
  unsupportedPatchOperation,
  validPatchPaths
} from '../../src/index.js'
import { fromValidationErrors, MAX_ISSUES } from '../../src/stage/DecodeError.js'
import * as RE from '../../src/gateway/control/RestApiError.js'

// Reference §4, character for character (AWS's own missing commas included).
const AWS_PATH_LIST =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, /{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, /{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, /{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, /*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, /*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]'

describe('lifecycle errors', () => {
  it('invalidValue: "{field}: {value} {rule}", and "{field} {rule}" only for a missing value', () => {
    expect(invalidValue('canarySettings.percentTraffic', 150, 'is not a percentage (0 to 100)')).toEqual({
      _tag: 'InvalidValue',
      name: 'BadRequestException',
      field: 'canarySettings.percentTraffic',
      value: 150,
      rule: 'is not a percentage (0 to 100)',
      message: 'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
    })
    expect(invalidValue('deploymentId', undefined, 'is missing: the stage has no deployment').message).toBe('deploymentId is missing: the stage has no deployment')
    // A value that is there is shown, whatever the rule says; a missing value with another rule is shown as undefined.
    expect(invalidValue('x', 5, 'is missing something').message).toBe('x: 5 is missing something')
    expect(invalidValue('x', undefined, 'is not a string').message).toBe('x: undefined is not a string')
  })

  it('canaryAlreadyEnabled and canaryNotEnabled name the stage, or say it has no name', () => {
    expect(canaryAlreadyEnabled('prod')).toEqual({
      _tag: 'CanaryAlreadyEnabled',
      name: 'BadRequestException',
      message:
        'Stage prod already has a canary. Update it with setTraffic and the other canary updates, or deploy a new canary with deployCanary; disable it first to start afresh.'
    })
    expect(canaryAlreadyEnabled(undefined).message).toMatch(/^Stage \(unnamed\) already has a canary\./)
    expect(canaryNotEnabled('setTraffic', 'prod')).toEqual({
      _tag: 'CanaryNotEnabled',
      name: 'BadRequestException',
      operation: 'setTraffic',
      message: 'setTraffic: stage prod has no canary. Enable one first with enableCanary or deployCanary.'
    })
    expect(canaryNotEnabled('promote', undefined).message).toBe('promote: stage (unnamed) has no canary. Enable one first with enableCanary or deployCanary.')
  })

  it('AWS\'s promotion and non-canary deployment texts', () => {
    expect(promotionNotAvailable).toEqual({ _tag: 'PromotionNotAvailable', name: 'BadRequestException', message: 'Promotion not available. Canary does not exist.' })
    expect(nonCanaryDeploymentNotSupported('prod')).toEqual({
      _tag: 'NonCanaryDeploymentNotSupported',
      name: 'BadRequestException',
      stageName: 'prod',
      message: 'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
    })
  })
})

describe('patch errors: AWS\'s texts', () => {
  it('the fixed list of valid paths is AWS\'s, character for character', () => {
    expect(validPatchPaths).toBe(AWS_PATH_LIST)
    expect(invalidPatchPath(2, '/tags/team')).toEqual({
      _tag: 'InvalidPatchPath',
      name: 'BadRequestException',
      index: 2,
      path: '/tags/team',
      message: `Invalid method setting path: /tags/team. Must be one of: ${AWS_PATH_LIST}`
    })
  })

  it('add on a canary path; copy with another pair', () => {
    expect(unsupportedPatchOperation(0, 'add', '/canarySettings/deploymentId')).toEqual({
      _tag: 'UnsupportedPatchOperation',
      name: 'BadRequestException',
      index: 0,
      op: 'add',
      path: '/canarySettings/deploymentId',
      message: 'Invalid add operation with path: /canarySettings/deploymentId'
    })
    expect(invalidCopyOperation(1, '/description', '/canarySettings/deploymentId')).toEqual({
      _tag: 'InvalidCopyOperation',
      name: 'BadRequestException',
      index: 1,
      path: '/description',
      from: '/canarySettings/deploymentId',
      message:
        'Invalid copy operation with path: /description and from /canarySettings/deploymentId. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
    })
  })

  it('cannot remove: the path without its leading slash, and a trailing space', () => {
    expect(cannotRemoveMethodSetting(0, '/canarySettings/stageVariableOverrides')).toEqual({
      _tag: 'CannotRemoveMethodSetting',
      name: 'BadRequestException',
      index: 0,
      path: '/canarySettings/stageVariableOverrides',
      message: 'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '
    })
    expect(cannotRemoveMethodSetting(0, '/*/*').message).toBe('Cannot remove method setting */* because there is no method setting for this method ')
    expect(cannotRemoveMethodSetting(0, 'x/y').message).toBe('Cannot remove method setting x/y because there is no method setting for this method ')
  })

  it('access log, deployment id and promotion texts', () => {
    expect(invalidAccessLogPath(3, '/accessLogSettings/colour')).toEqual({
      _tag: 'InvalidAccessLogPath',
      name: 'BadRequestException',
      index: 3,
      path: '/accessLogSettings/colour',
      message: 'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
    })
    expect(emptyAccessLogValue(0, '/accessLogSettings/format')).toEqual({
      _tag: 'EmptyAccessLogValue',
      name: 'BadRequestException',
      index: 0,
      path: '/accessLogSettings/format',
      message: 'Access Log value must not be empty'
    })
    expect(deploymentIdDoesNotExist(1, '/deploymentId', 'zzz')).toEqual({
      _tag: 'DeploymentIdDoesNotExist',
      name: 'BadRequestException',
      index: 1,
      path: '/deploymentId',
      deploymentId: 'zzz',
      message: 'Deployment id does not exist'
    })
    expect(noCanaryToPromote(2)).toEqual({ _tag: 'NoCanaryToPromote', name: 'BadRequestException', index: 2, message: 'Promotion not available. Canary does not exist.' })
  })

  it('the product\'s own patch errors carry their fields', () => {
    expect(invalidPatchPointer(0, 'x', 'bad pointer')).toEqual({ _tag: 'InvalidPatchPointer', name: 'BadRequestException', index: 0, path: 'x', message: 'bad pointer' })
    expect(invalidPatchValue(4, 'canarySettings.percentTraffic', '150', 'is not a percentage (0 to 100)')).toEqual({
      _tag: 'InvalidPatchValue',
      name: 'BadRequestException',
      index: 4,
      field: 'canarySettings.percentTraffic',
      value: '150',
      rule: 'is not a percentage (0 to 100)',
      message: 'canarySettings.percentTraffic: "150" is not a percentage (0 to 100)'
    })
    expect(malformedPatchOperation(undefined, 'not a list')).toEqual({ _tag: 'MalformedPatchOperation', name: 'BadRequestException', index: undefined, message: 'not a list' })
  })
})

describe('REST API errors: AWS\'s names and texts', () => {
  it('each constructor', () => {
    expect(RE.restApiNotFound('123456789012', 'abc')).toEqual({ _tag: 'RestApiNotFound', name: 'NotFoundException', restApiId: 'abc', message: 'Invalid API identifier specified 123456789012:abc' })
    expect(RE.stageNotFound('beta')).toEqual({ _tag: 'StageNotFound', name: 'NotFoundException', stageName: 'beta', message: 'Invalid stage identifier specified' })
    expect(RE.deploymentNotFound('d1')).toEqual({ _tag: 'DeploymentNotFound', name: 'NotFoundException', deploymentId: 'd1', message: 'Invalid Deployment identifier specified' })
    expect(RE.stageAlreadyExists('prod')).toEqual({ _tag: 'StageAlreadyExists', name: 'ConflictException', stageName: 'prod', message: 'Stage already exists' })
    expect(RE.deploymentInUse('d1', ['prod'])).toEqual({
      _tag: 'DeploymentInUse',
      name: 'BadRequestException',
      deploymentId: 'd1',
      stageNames: ['prod'],
      message: 'Active stages pointing to this deployment must be moved or deleted'
    })
    expect(RE.canaryStageNotFound('beta')).toEqual({
      _tag: 'CanaryStageNotFound',
      name: 'BadRequestException',
      stageName: 'beta',
      message: 'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'
    })
    expect(RE.canaryStageNameMissing(undefined)).toEqual({
      _tag: 'CanaryStageNameMissing',
      name: 'BadRequestException',
      stageName: undefined,
      message: 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'
    })
    expect(RE.canaryStageNameMissing('').message).toBe('Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ')
    expect(RE.invalidStageName('a-b')).toEqual({ _tag: 'InvalidStageName', name: 'BadRequestException', stageName: 'a-b', message: 'Stage name only allows a-zA-Z0-9_' })
    expect(RE.idsExhausted('deployment')).toEqual({
      _tag: 'IdsExhausted',
      name: 'ConflictException',
      kind: 'deployment',
      message: 'The id provider gave only deployment ids that are already in use; give it a provider that does not repeat itself.'
    })
  })

  it('HTTP status by exception name', () => {
    expect(RE.httpStatusOf('BadRequestException')).toBe(400)
    expect(RE.httpStatusOf('NotFoundException')).toBe(404)
    expect(RE.httpStatusOf('ConflictException')).toBe(409)
  })
})

describe('decode errors', () => {
  it('showValue: strings quoted and cut at 80 characters, other values by kind', () => {
    expect(showValue('x')).toBe('"x"')
    expect(showValue('a'.repeat(80))).toBe(JSON.stringify('a'.repeat(80)))
    expect(showValue('a'.repeat(81))).toBe(JSON.stringify(`${'a'.repeat(80)}...`))
    expect([150, true, false, null, undefined].map(showValue)).toEqual(['150', 'true', 'false', 'null', 'undefined'])
    expect(showValue(10n)).toBe('10n')
    expect(showValue([1])).toBe('an array')
    expect(showValue(new Date(0))).toBe('a Date')
    expect(showValue(new Date(Number.NaN))).toBe('an invalid Date')
    expect(showValue({ a: 1 })).toBe('an object')
    expect(showValue(() => 1)).toBe('a function')
    expect(showValue(Symbol('s'))).toBe('a symbol')
  })

  it('formatPath: identifiers with dots, indices and other keys in brackets', () => {
    expect(formatPath([])).toBe('')
    expect(formatPath(['canarySettings', 'percentTraffic'])).toBe('canarySettings.percentTraffic')
    expect(formatPath(['0', 'op'])).toBe('[0].op')
    expect(formatPath(['a', '10', '$b_1'])).toBe('a[10].$b_1')
    expect(formatPath(['methodSettings', '*/*', 'cachingEnabled'])).toBe('methodSettings["*/*"].cachingEnabled')
    // Not indices: a leading zero, a sign; not identifiers: a leading digit, a dash.
    expect(formatPath(['a', '01', '-1', '1a', 'x-y'])).toBe('a["01"]["-1"]["1a"]["x-y"]')
    expect(formatPath(['ab c'])).toBe('["ab c"]')
  })

  it('decodeIssue: "input" for the root; the missing form only for undefined', () => {
    expect(decodeIssue([], 7, 'is not an object')).toEqual({ path: '', value: 7, rule: 'is not an object', message: 'input: 7 is not an object' })
    expect(decodeIssue(['stageName'], undefined, 'is missing').message).toBe('stageName is missing')
    expect(decodeIssue(['stageName'], 'x', 'is missing').message).toBe('stageName: "x" is missing')
    expect(decodeIssue(['stageName'], undefined, 'is not a string').message).toBe('stageName: undefined is not a string')
  })

  it('decodeError: messages joined with "; ", at most MAX_ISSUES kept, the rest counted', () => {
    const issue = (i: number) => decodeIssue(['v', String(i)], i, 'is bad')
    const two = decodeError([issue(0), issue(1)])
    expect(two).toEqual({ _tag: 'DecodeError', name: 'BadRequestException', issues: [issue(0), issue(1)], message: 'v[0]: 0 is bad; v[1]: 1 is bad' })
    expect(decodeError([issue(0)], 3).message).toBe('v[0]: 0 is bad; and 2 more')
    expect(decodeError([issue(0)], 0).message).toBe('v[0]: 0 is bad')
    const many = Array.from({ length: MAX_ISSUES + 2 }, (_, i) => issue(i))
    const e = decodeError(many)
    expect(e.issues).toHaveLength(MAX_ISSUES)
    expect(e.message.endsWith(`v[${MAX_ISSUES - 1}]: ${MAX_ISSUES - 1} is bad; and 2 more`)).toBe(true)
    expect(decodeError(many.slice(0, MAX_ISSUES)).message.endsWith('more')).toBe(false)
  })

  it('fromValidationErrors: io-ts errors read as paths and rules', () => {
    const codec = t.type({ a: t.number, b: t.boolean, c: t.string, d: t.array(t.number) })
    const r = codec.decode({ a: 'x', b: 1, c: 2, d: [1, 'y'] })
    if (r._tag === 'Right') throw new Error('expected a failure')
    const e = fromValidationErrors(r.left)
    expect(e.message).toBe('a: "x" is not a number; b: 1 is not a boolean; c: 2 is not a string; d[1]: "y" is not a number')
    const custom = new t.Type<number, number, unknown>('Small', (u): u is number => u === 1, (u, c) => t.failure(u, c, 'is too big'), (a) => a)
    const r2 = t.type({ n: custom, o: t.type({ p: t.literal('x') }) }).decode({ n: 2, o: { p: 'y' } })
    if (r2._tag === 'Right') throw new Error('expected a failure')
    expect(fromValidationErrors(r2.left).message).toBe('n: 2 is too big; o.p: "y" is not "x"')
    expect(fromValidationErrors([]).message).toBe('')
  })
})
