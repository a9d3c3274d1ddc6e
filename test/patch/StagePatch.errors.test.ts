/**
 * Every update-stage error of reference section 4, each with AWS's exact text (trailing spaces
 * and AWS's own missing commas included), its exception name and the index of the failing
 * operation; then the value-form errors (chosen texts) and the unknowns the product decides.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeStage, validPatchPaths, type Stage } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyPatch } from '../../src/patch/StagePatch.js'
import { deepFreeze, expectLeft, expectRight } from '../helpers.js'

const stage = (u: unknown): Stage => deepFreeze(expectRight(decodeStage(u)))
const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })
const remove = (path: string): PatchOperation => ({ op: 'remove', path })
const add = (path: string, value: string): PatchOperation => ({ op: 'add', path, value })
const copy = (from: string, path: string): PatchOperation => ({ op: 'copy', from, path })

const plain = stage({ stageName: 'dev', deploymentId: 'd1', variables: { testVar: 'test', testVar2: 'test2' } })
const canary = stage({ stageName: 'dev', deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } } })
/** A harmless first operation, so that the failing one is at index 1. */
const first = replace('/description', 'dev stage')

/** The error of a request whose operation at index 1 fails. */
const errorOf = (s: Stage, op: PatchOperation, options = {}) => expectLeft(applyPatch(s, [first, op], options))

const invalidPath = (path: string): string => `Invalid method setting path: ${path}. Must be one of: ${validPatchPaths}`

describe("AWS's fixed list of paths", () => {
  const reference = process.env['APIGW_REFERENCE'] ?? '/work/shared/reference/api-gateway-canary.md'

  it.skipIf(!existsSync(reference))('is the list quoted in the reference, character for character', () => {
    const text = readFileSync(reference, 'utf8')
    const block = /The fixed list in `Invalid method setting path` is[\s\S]*?```\n(\[[^\n]*\])\n```/.exec(text)
    expect(block?.[1]).toBe(validPatchPaths)
  })

  it("keeps AWS's own missing commas", () => {
    expect(validPatchPaths).toContain('/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, ')
    expect(validPatchPaths).toContain('/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, ')
    expect(validPatchPaths.split(', ')).toHaveLength(26)
  })
})

describe('section 4: the errors, with AWS text', () => {
  it('add on a canary path: Invalid add operation with path (recorded)', () => {
    for (const path of ['/canarySettings/deploymentId', '/canarySettings/percentTraffic', '/canarySettings/useStageCache', '/canarySettings/stageVariableOverrides/testVar', '/canarySettings']) {
      expect(errorOf(plain, add(path, 'x'))).toEqual({
        _tag: 'UnsupportedPatchOperation',
        name: 'BadRequestException',
        index: 1,
        op: 'add',
        path,
        message: `Invalid add operation with path: ${path}`
      })
    }
  })

  it('remove of the whole overrides map: Cannot remove method setting, with the trailing space (recorded)', () => {
    expect(errorOf(canary, remove('/canarySettings/stageVariableOverrides'))).toEqual({
      _tag: 'CannotRemoveMethodSetting',
      name: 'BadRequestException',
      index: 1,
      path: '/canarySettings/stageVariableOverrides',
      message: 'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '
    })
  })

  it('remove of an unknown canary sub-path: Cannot remove method setting (recorded), and of the known ones (chosen)', () => {
    expect(errorOf(canary, remove('/canarySettings/badPath')).message).toBe('Cannot remove method setting canarySettings/badPath because there is no method setting for this method ')
    for (const field of ['percentTraffic', 'deploymentId', 'useStageCache']) {
      expect(errorOf(canary, remove(`/canarySettings/${field}`)).message).toBe(`Cannot remove method setting canarySettings/${field} because there is no method setting for this method `)
    }
  })

  it('remove /*/* that does not exist: Cannot remove method setting */* (recorded), and any other key', () => {
    expect(errorOf(plain, remove('/*/*'))).toEqual({
      _tag: 'CannotRemoveMethodSetting',
      name: 'BadRequestException',
      index: 1,
      path: '/*/*',
      message: 'Cannot remove method setting */* because there is no method setting for this method '
    })
    expect(errorOf(plain, remove('/~1pets/GET')).message).toBe('Cannot remove method setting ~1pets/GET because there is no method setting for this method ')
  })

  it('replace /canarySettings: Invalid method setting path with the fixed list (recorded)', () => {
    expect(errorOf(canary, replace('/canarySettings', 'test'))).toEqual({
      _tag: 'InvalidPatchPath',
      name: 'BadRequestException',
      index: 1,
      path: '/canarySettings',
      message: invalidPath('/canarySettings')
    })
  })

  it('replace of an unknown canary sub-path: Invalid method setting path (recorded)', () => {
    expect(errorOf(canary, replace('/canarySettings/badPath', 'badPath')).message).toBe(invalidPath('/canarySettings/badPath'))
    expect(errorOf(canary, replace('/canarySettings/stageVariableOverrides', 'x')).message).toBe(invalidPath('/canarySettings/stageVariableOverrides'))
    expect(errorOf(canary, replace('/canarySettings/stageVariableOverrides/a/b', 'x')).message).toBe(invalidPath('/canarySettings/stageVariableOverrides/a/b'))
  })

  it('/tags/..., /documentation_version and unknown paths: Invalid method setting path', () => {
    for (const path of ['/tags/team', '/tags', '/documentation_version', '/stageName', '/webAclArn', '/foo', '/variables', '/variables/a/b', '/*/*/metrics/disabled', '/*/*/metrics', '/*/*/a/b/c', '', '/description/x']) {
      expect(errorOf(plain, replace(path, 'x'))).toEqual({ _tag: 'InvalidPatchPath', name: 'BadRequestException', index: 1, path, message: invalidPath(path) })
    }
    expect(errorOf(plain, remove('/tags/team')).message).toBe(invalidPath('/tags/team'))
  })

  it('a deployment that does not exist: Deployment id does not exist (recorded), for the canary and the stage', () => {
    const deployments = ['d1', 'd2']
    expect(errorOf(plain, replace('/canarySettings/deploymentId', 'deploy'), { deployments })).toEqual({
      _tag: 'DeploymentIdDoesNotExist',
      name: 'BadRequestException',
      index: 1,
      path: '/canarySettings/deploymentId',
      deploymentId: 'deploy',
      message: 'Deployment id does not exist'
    })
    expect(errorOf(canary, replace('/deploymentId', 'deploy'), { deployments }).message).toBe('Deployment id does not exist')
    // any id not listed, whatever its form: the caller said which exist
    for (const id of ['', 'x y', 'ABC!']) expect(errorOf(canary, replace('/deploymentId', id), { deployments })._tag).toBe('DeploymentIdDoesNotExist')
    // without the list, only the form is checked
    expect(errorOf(canary, replace('/deploymentId', ''))._tag).toBe('InvalidPatchValue')
  })

  it('a copy other than the two promotion copies: Invalid copy operation (recorded for one pair; interpolation chosen)', () => {
    expect(errorOf(plain, copy('/variables', '/canarySettings/stageVariableOverrides'))).toEqual({
      _tag: 'InvalidCopyOperation',
      name: 'BadRequestException',
      index: 1,
      path: '/canarySettings/stageVariableOverrides',
      from: '/variables',
      message:
        'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
    })
    expect(errorOf(canary, copy('/canarySettings/deploymentId', '/variables')).message).toBe(
      'Invalid copy operation with path: /variables and from /canarySettings/deploymentId. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
    )
  })

  it('the recorded bad copy request fails on its first operation', () => {
    const e = expectLeft(applyPatch(plain, [copy('/variables', '/canarySettings/stageVariableOverrides'), copy('/deploymentId', '/canarySettings/deploymentId')]))
    expect(e).toMatchObject({ _tag: 'InvalidCopyOperation', index: 0 })
  })

  it('promotion copies without a canary: Promotion not available (recorded); the pair is checked first', () => {
    expect(errorOf(plain, copy('/canarySettings/stageVariableOverrides', '/variables'))).toEqual({
      _tag: 'NoCanaryToPromote',
      name: 'BadRequestException',
      index: 1,
      message: 'Promotion not available. Canary does not exist.'
    })
    expect(errorOf(plain, copy('/canarySettings/deploymentId', '/deploymentId')).message).toBe('Promotion not available. Canary does not exist.')
    expect(errorOf(plain, copy('/canarySettings/deploymentId', '/variables'))._tag).toBe('InvalidCopyOperation')
  })

  it('an unknown accessLogSettings sub-path: Invalid accessLogSettings path', () => {
    expect(errorOf(plain, replace('/accessLogSettings/level', 'INFO'))).toEqual({
      _tag: 'InvalidAccessLogPath',
      name: 'BadRequestException',
      index: 1,
      path: '/accessLogSettings/level',
      message: 'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
    })
    expect(errorOf(plain, add('/accessLogSettings', 'x'))._tag).toBe('InvalidAccessLogPath')
    expect(errorOf(plain, add('/accessLogSettings/format/x', 'x'))._tag).toBe('InvalidAccessLogPath')
  })

  it('every remove under /accessLogSettings/: Cannot remove method setting (recorded; the accessLogSettings path text is for add/replace)', () => {
    const logged = stage({ stageName: 'dev', deploymentId: 'd1', accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-1:1:log-group:g', format: '$context.requestId' } })
    for (const s of [plain, logged]) {
      for (const rest of ['destinationArn', 'format', 'level', '*', 'format/x', '', 'a~1b']) {
        expect(errorOf(s, remove(`/accessLogSettings/${rest}`))).toEqual({
          _tag: 'CannotRemoveMethodSetting',
          name: 'BadRequestException',
          index: 1,
          path: `/accessLogSettings/${rest}`,
          message: `Cannot remove method setting accessLogSettings/${rest} because there is no method setting for this method `
        })
      }
    }
    expect(expectRight(applyPatch(logged, [remove('/accessLogSettings')])).accessLogSettings).toBeUndefined()
  })

  it('an access-log destination with a character outside a-z, A-Z, 0-9, _ - / . in its log-group part (rule inferred from one recorded case)', () => {
    const recorded = 'arn:aws:logs:ap-northeast-1:123456789012:log-group:/aws/apigateway/a1kintaiAPI:*'
    expect(errorOf(plain, replace('/accessLogSettings/destinationArn', recorded))).toEqual({
      _tag: 'InvalidAccessLogValue',
      name: 'BadRequestException',
      index: 1,
      path: '/accessLogSettings/destinationArn',
      value: recorded,
      message: "Access log destination must only contain characters a-z, A-Z, 0-9, '_', '-', '/', '.': 'log-group:/aws/apigateway/a1kintaiAPI:*'"
    })
    for (const group of ['my group', 'g$1', 'g:x', 'é', 'a*b']) {
      const arn = `arn:aws:logs:us-east-1:1:log-group:${group}`
      expect(errorOf(plain, add('/accessLogSettings/destinationArn', arn)).message).toBe(
        `Access log destination must only contain characters a-z, A-Z, 0-9, '_', '-', '/', '.': 'log-group:${group}'`
      )
    }
    for (const arn of ['arn:aws:logs:us-east-1:1:log-group:/aws/api-gw_1.x', 'arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-s']) {
      expect(expectRight(applyPatch(plain, [add('/accessLogSettings/destinationArn', arn)])).accessLogSettings).toEqual({ destinationArn: arn })
    }
  })

  it('an access-log format with a line break before its end: Access Log format must be single line (recorded)', () => {
    const text = 'Access Log format must be single line, new line character is allowed only at end of the format'
    for (const format of ['a\nb', '\n\n', '$context.requestId\n ', '\nx']) {
      expect(errorOf(plain, replace('/accessLogSettings/format', format))).toMatchObject({ _tag: 'InvalidAccessLogValue', path: '/accessLogSettings/format', message: text })
    }
    for (const format of ['$context.requestId\n', '\n', 'one line']) {
      expect(expectRight(applyPatch(plain, [replace('/accessLogSettings/format', format)])).accessLogSettings).toEqual({ format })
    }
  })

  it('an empty access-log value: Access Log value must not be empty', () => {
    for (const op of [add('/accessLogSettings/destinationArn', ''), replace('/accessLogSettings/format', '')]) {
      expect(errorOf(plain, op)).toEqual({ _tag: 'EmptyAccessLogValue', name: 'BadRequestException', index: 1, path: op.path, message: 'Access Log value must not be empty' })
    }
  })

  it('remove /accessLogSettings/destinationArn: Cannot remove method setting (recorded), and /format (chosen)', () => {
    const logged = stage({ deploymentId: 'd1', accessLogSettings: { destinationArn: 'arn:aws:logs:us-east-1:1:log-group:x', format: '$context.requestId' } })
    expect(errorOf(logged, remove('/accessLogSettings/destinationArn'))).toEqual({
      _tag: 'CannotRemoveMethodSetting',
      name: 'BadRequestException',
      index: 1,
      path: '/accessLogSettings/destinationArn',
      message: 'Cannot remove method setting accessLogSettings/destinationArn because there is no method setting for this method '
    })
    expect(errorOf(logged, remove('/accessLogSettings/format')).message).toBe('Cannot remove method setting accessLogSettings/format because there is no method setting for this method ')
  })

  it('percentTraffic out of range or not a number: a clear message naming the value and the range (chosen)', () => {
    expect(errorOf(canary, replace('/canarySettings/percentTraffic', '150'))).toEqual({
      _tag: 'InvalidPatchValue',
      name: 'BadRequestException',
      index: 1,
      field: '/canarySettings/percentTraffic',
      value: '150',
      rule: 'is not a percentage (0 to 100)',
      message: '/canarySettings/percentTraffic: "150" is not a percentage (0 to 100)'
    })
    expect(errorOf(canary, replace('/canarySettings/percentTraffic', '-0.5')).message).toBe('/canarySettings/percentTraffic: "-0.5" is not a percentage (0 to 100)')
    expect(errorOf(canary, replace('/canarySettings/percentTraffic', 'ten')).message).toBe(
      '/canarySettings/percentTraffic: "ten" is not a number; expected a decimal from 0 to 100 such as "10.5"'
    )
    expect(errorOf(canary, replace('/canarySettings/percentTraffic', 'NaN'))._tag).toBe('InvalidPatchValue')
    expect(errorOf(canary, replace('/canarySettings/percentTraffic', 'Infinity'))._tag).toBe('InvalidPatchValue')
  })
})

describe('values of the wrong form (chosen texts: path, value, what is expected)', () => {
  it('booleans are exactly "true" or "false"', () => {
    for (const [path, value] of [['/canarySettings/useStageCache', 'True'], ['/tracingEnabled', '1'], ['/cacheClusterEnabled', 'yes'], ['/*/*/metrics/enabled', 'TRUE']] as const) {
      expect(errorOf(canary, replace(path, value)).message).toBe(`${path}: "${value}" is not a boolean; expected "true" or "false"`)
    }
  })

  it('whole numbers, doubles and enums', () => {
    expect(errorOf(plain, replace('/*/*/throttling/burstLimit', '1.5')).message).toBe('/*/*/throttling/burstLimit: "1.5" is not a whole number; expected decimal digits such as "5000"')
    expect(errorOf(plain, replace('/*/*/throttling/rateLimit', 'fast')).message).toBe('/*/*/throttling/rateLimit: "fast" is not a number; expected a decimal such as "10000.0"')
    expect(errorOf(plain, replace('/*/*/logging/loglevel', 'info')).message).toBe('/*/*/logging/loglevel: "info" is not one of OFF, ERROR, INFO')
    expect(errorOf(plain, replace('/cacheClusterSize', '2')).message).toBe('/cacheClusterSize: "2" is not one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237')
  })

  it('stage variable names and values follow AWS rules, under variables and overrides', () => {
    expect(errorOf(plain, replace('/variables/bad-name', 'x')).message).toBe('/variables/bad-name: "bad-name" is not a stage variable name: only letters, digits and _ are allowed')
    expect(errorOf(plain, replace('/variables/sv1', 'two words')).message).toBe(
      '/variables/sv1: "two words" is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed'
    )
    expect(errorOf(canary, replace('/canarySettings/stageVariableOverrides/sv1', '')).message).toBe('/canarySettings/stageVariableOverrides/sv1: "" is not a stage variable value: it is empty')
    expect(errorOf(plain, replace('/deploymentId', '')).message).toBe('/deploymentId: "" is not a deployment id (a non-empty string such as "nfcn0x")')
  })

  it('at most 100 stage variables', () => {
    const full = stage({ deploymentId: 'd1', variables: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x'])) })
    expect(errorOf(full, replace('/variables/one_more', 'x')).message).toBe('/variables/one_more: "x" would be variable number 101; at most 100 are allowed')
    expect(expectRight(applyPatch(full, [replace('/variables/v0', 'y')])).variables?.['v0']).toBe('y')
  })

  it('a missing value; a copy without from is a pair AWS does not take, its from written as Java writes null', () => {
    expect(errorOf(plain, { op: 'replace', path: '/description' })).toMatchObject({ _tag: 'InvalidPatchValue', index: 1, message: '/description is missing: replace needs a value' })
    expect(errorOf(plain, { op: 'copy', path: '/variables' }).message).toBe(
      'Invalid copy operation with path: /variables and from null. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
    )
  })
})

describe('unsupported operations (chosen, in AWS style)', () => {
  it('move and test: Invalid {op} operation with path', () => {
    expect(errorOf(canary, { op: 'move', from: '/canarySettings/deploymentId', path: '/deploymentId' })).toEqual({
      _tag: 'UnsupportedPatchOperation',
      name: 'BadRequestException',
      index: 1,
      op: 'move',
      path: '/deploymentId',
      message: 'Invalid move operation with path: /deploymentId'
    })
    expect(errorOf(canary, { op: 'test', path: '/deploymentId', value: 'd1' }).message).toBe('Invalid test operation with path: /deploymentId')
  })

  it('add outside the access-log fields; remove of a stage field or a method setting field', () => {
    expect(errorOf(plain, add('/description', 'x')).message).toBe('Invalid add operation with path: /description')
    expect(errorOf(plain, add('/variables/sv1', 'x')).message).toBe('Invalid add operation with path: /variables/sv1')
    expect(errorOf(plain, add('/*/*/metrics/enabled', 'true')).message).toBe('Invalid add operation with path: /*/*/metrics/enabled')
    expect(errorOf(plain, remove('/description')).message).toBe('Cannot remove method setting description because there is no method setting for this method ')
    expect(errorOf(plain, remove('/*/*/metrics/enabled')).message).toBe('Cannot remove method setting */*/metrics/enabled because there is no method setting for this method ')
  })
})
