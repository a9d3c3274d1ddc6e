/**
 * `diff` refuses, by name, a target that no update-stage request can reach: a method-setting key
 * no patch path can name, and values AWS would refuse (the patch that would make them fails).
 */
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import { diff } from '../../src/patch/Operations.js'
import type { Percent } from '../../src/stage/Percent.js'
import { unsafeFromRecord } from '../../src/stage/StageVariable.js'
import { defaults } from '../../src/stage/MethodSetting.js'
import { expectLeft } from '../helpers.js'

const stage: Stage = (() => {
  const r = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
  if (r._tag === 'Left') throw new Error(r.left.message)
  return r.right
})()

describe('diff: targets no patch reaches', () => {
  it('a method-setting key without a resource path', () => {
    expect(expectLeft(diff(stage, { ...stage, methodSettings: { GET: { metricsEnabled: true } } }))).toEqual({
      _tag: 'DiffError',
      field: 'methodSettings["GET"]',
      message: 'methodSettings["GET"]: no patch path reaches this key'
    })
  })

  it('unknown fields are compared by value, nulls included, and named when they differ', () => {
    expect(expectLeft(diff({ ...stage, extra: 1 } as Stage, { ...stage, extra: 2 } as Stage))).toEqual({
      _tag: 'DiffError',
      field: 'extra',
      message: 'extra: is not a field update-stage knows, so no patch changes it'
    })
    expect(expectLeft(diff({ ...stage, extra: { x: {} } } as Stage, { ...stage, extra: { x: null } } as Stage)).field).toBe('extra')
    const a = { ...stage, extra: { x: null, y: [1] } } as Stage
    expect(diff(a, { ...stage, extra: { y: [1], x: null } } as Stage)).toEqual({ _tag: 'Right', right: [] })
    expect(expectLeft(diff(a, { ...stage, extra: { x: {}, y: [1] } } as Stage)).field).toBe('extra')
    expect(expectLeft(diff(a, { ...stage, extra: { x: null, y: { 0: 1 } } } as Stage)).field).toBe('extra')
  })

  it('a value AWS refuses: the failing operation\'s path and AWS\'s reason', () => {
    expect(expectLeft(diff(stage, { ...stage, canarySettings: { ...(stage.canarySettings ?? { deploymentId: stage.deploymentId as never, useStageCache: false }), percentTraffic: 150 as Percent } }))).toEqual({
      _tag: 'DiffError',
      field: '/canarySettings/percentTraffic',
      message: '/canarySettings/percentTraffic: the patch that would make it fails: /canarySettings/percentTraffic: "150.0" is not a percentage (0 to 100)'
    })
    const e = expectLeft(diff(stage, { ...stage, variables: unsafeFromRecord({ sv1: 'bad value!' }) }))
    expect(e.field).toBe('/variables/sv1')
    expect(e.message.startsWith('/variables/sv1: the patch that would make it fails: ')).toBe(true)
  })
})

const st = (u: unknown): Stage => {
  const r = decodeStage(u)
  if (r._tag === 'Left') throw new Error(r.left.message)
  return r.right
}
const base = { stageName: 'prod', deploymentId: 'nfcn0x' }
const ops = (a: Stage, b: Stage) => {
  const r = diff(a, b)
  if (r._tag === 'Left') throw new Error(r.left.message)
  return r.right
}

describe('diff: the fewest operations, and why a change cannot be made', () => {
  it('variables: only the changed and new ones are replaced', () => {
    expect(ops(st({ ...base, variables: { a: '1', b: '2' } }), st({ ...base, variables: { a: '1', b: '3', c: '4' } }))).toEqual([
      { op: 'replace', path: '/variables/b', value: '3' },
      { op: 'replace', path: '/variables/c', value: '4' }
    ])
  })

  it('an empty variables map is removed by touching a variable and removing it again', () => {
    expect(ops(st({ ...base, variables: {} }), st(base))).toEqual([
      { op: 'replace', path: '/variables/x', value: 'x' },
      { op: 'remove', path: '/variables/x' }
    ])
  })

  it('a canary change touches only the fields that changed', () => {
    expect(ops(st({ ...base, canarySettings: { deploymentId: 'a', percentTraffic: 10 } }), st({ ...base, canarySettings: { deploymentId: 'a', percentTraffic: 10, useStageCache: true } }))).toEqual([
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' }
    ])
  })

  it('access logs: a field replaced or added in place, no rebuild', () => {
    expect(ops(st({ ...base, accessLogSettings: { format: 'f1', destinationArn: 'd' } }), st({ ...base, accessLogSettings: { format: 'f2', destinationArn: 'd' } }))).toEqual([
      { op: 'replace', path: '/accessLogSettings/format', value: 'f2' }
    ])
    expect(ops(st({ ...base, accessLogSettings: { format: 'f1' } }), st({ ...base, accessLogSettings: { format: 'f1', destinationArn: 'd' } }))).toEqual([
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'd' }
    ])
  })

  it('method settings: a new entry equal to the "*/*" entry it copies is made by its first set field', () => {
    const wild = st({ ...base, methodSettings: { '*/*': { loggingLevel: 'INFO' } } })
    expect(ops(wild, st({ ...base, methodSettings: { '*/*': { loggingLevel: 'INFO' }, '~1pets/GET': { loggingLevel: 'INFO' } } }))).toEqual([
      { op: 'replace', path: '/~1pets/GET/logging/loglevel', value: 'INFO' }
    ])
    // An entry with no field at all cannot be made: every patch to it sets one.
    const empty = st({ ...base, methodSettings: { '*/*': {} } })
    expect(expectLeft(diff(empty, st({ ...base, methodSettings: { '*/*': {}, '~1pets/GET': {} } })))).toEqual({
      _tag: 'DiffError',
      field: 'methodSettings["~1pets/GET"]',
      message: 'methodSettings["~1pets/GET"]: a patch cannot make this entry exactly: it starts as a copy of the "*/*" entry (or AWS\'s defaults) and no field can be removed'
    })
  })

  it('method settings: an entry that loses a field is removed and made again; the "*/*" entry too', () => {
    expect(ops(st({ ...base, methodSettings: { '~1pets/GET': { ...defaults, loggingLevel: 'INFO' } } }), st({ ...base, methodSettings: { '~1pets/GET': defaults } }))).toEqual([
      { op: 'remove', path: '/~1pets/GET' },
      { op: 'replace', path: '/~1pets/GET/metrics/enabled', value: 'false' }
    ])
    expect(ops(st({ ...base, methodSettings: { '*/*': { ...defaults, loggingLevel: 'INFO' } } }), st({ ...base, methodSettings: { '*/*': defaults } }))).toEqual([
      { op: 'remove', path: '/*/*' },
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'false' }
    ])
  })

  it('method settings: a "*/*" entry equal to the defaults is made by one replace; an empty map by making and removing one', () => {
    expect(ops(st(base), st({ ...base, methodSettings: { '*/*': defaults } }))).toEqual([{ op: 'replace', path: '/*/*/metrics/enabled', value: 'false' }])
    expect(ops(st(base), st({ ...base, methodSettings: {} }))).toEqual([
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'false' },
      { op: 'remove', path: '/*/*' }
    ])
    expect(expectLeft(diff(st({ ...base, methodSettings: { '*/*': defaults } }), st({ ...base, methodSettings: { '*/*': {} } })))).toEqual({
      _tag: 'DiffError',
      field: 'methodSettings["*/*"]',
      message: 'methodSettings["*/*"]: a patch cannot make this entry exactly: it starts from AWS\'s defaults and no field can be removed'
    })
  })

  it('each refusal says why', () => {
    expect(expectLeft(diff(st({ ...base, methodSettings: {} }), st(base))).message).toBe('methodSettings: a patch cannot remove the map')
    const why = (a: Stage, b: Stage) => expectLeft(diff(a, b)).message
    expect(why(st({ ...base, variables: { a: '1' } }), { ...st(base), variables: unsafeFromRecord({}) })).toBe('variables: a patch cannot leave an empty map: removing the last key removes the map')
    expect(why(st({ ...base, tracingEnabled: true }), st(base))).toBe('tracingEnabled: a patch cannot remove it')
    expect(why(st({ ...base, description: 'x' }), st({ ...base, description: '' }))).toBe('description: a patch cannot set it to "" (replacing it with "" removes it)')
    const canary = st({ ...base, canarySettings: { deploymentId: 'a', percentTraffic: 10, stageVariableOverrides: { a: '1' } } })
    expect(why(canary, { ...canary, canarySettings: { ...(canary.canarySettings ?? { deploymentId: 'a' as never, percentTraffic: 10 as Percent, useStageCache: false }), stageVariableOverrides: unsafeFromRecord({}) } })).toBe(
      'canarySettings.stageVariableOverrides: a patch cannot leave an empty map: removing the last key removes the map'
    )
    expect(why(st({ ...base, stageName: 'a' }), st({ ...base, stageName: 'b' }))).toBe('stageName: update-stage cannot change it')
  })
})
