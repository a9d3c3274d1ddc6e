/**
 * The refined values and their rules, by example: percentages as AWS parses them (Java's
 * Double.parseDouble), stage variable names and values (reference §1, REST API quotas), dates,
 * canary settings from plain input, and the record helpers the transitions share.
 */
import * as E from 'fp-ts/Either'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import * as CanarySettings from '../../src/stage/CanarySettings.js'
import { fromValidationErrors } from '../../src/stage/DecodeError.js'
import * as DeploymentId from '../../src/stage/DeploymentId.js'
import { decoding, finite, integer, oneOf, recordOf, refinement, struct } from '../../src/internal/codec.js'
import * as R from '../../src/internal/record.js'
import * as Percent from '../../src/stage/Percent.js'
import * as StageVariable from '../../src/stage/StageVariable.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import { expectLeft, expectRight } from '../helpers.js'

const messageOf = <A>(codec: t.Decoder<unknown, A>, u: unknown): string => {
  const r = codec.decode(u)
  return E.isLeft(r) ? fromValidationErrors(r.left).message : 'accepted'
}

describe('Percent', () => {
  it('0 to 100 inclusive; -0 reads as 0; NaN, infinities and other types are not percentages', () => {
    for (const n of [0, 0.5, 10.5, 100]) expect(expectRight(Percent.fromNumber(n))).toBe(n)
    expect(Object.is(expectRight(Percent.fromNumber(-0)), 0)).toBe(true)
    for (const n of [-0.0001, 100.0001, Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      expect(expectLeft(Percent.fromNumber(n, 'canarySettings.percentTraffic'))).toMatchObject({ field: 'canarySettings.percentTraffic', value: n, rule: 'is not a percentage (0 to 100)' })
    }
    expect(Percent.isPercent(-0)).toBe(false)
    expect(Percent.isPercent('50')).toBe(false)
    expect(Percent.isPercent(100)).toBe(true)
    expect(Percent.isPercent(0)).toBe(true)
  })

  it('fromString reads the strings AWS sends and takes: "50", "0.0", "66.660000", Java\'s forms', () => {
    const cases: ReadonlyArray<readonly [string, number]> = [
      ['50', 50],
      ['0.0', 0],
      ['100.0', 100],
      ['66.660000', 66.66],
      ['.5', 0.5],
      ['.25', 0.25],
      ['5.', 5],
      ['+7', 7],
      ['1e1', 10],
      ['1E+1', 10],
      ['2.5d', 2.5],
      ['3F', 3],
      [' 10 ', 10],
      ['\t\n10\u0000', 10],
      ['-0', 0]
    ]
    for (const [s, n] of cases) expect(expectRight(Percent.fromString(s))).toBe(n)
  })

  it('fromString: a number out of range, or text that is not a number, each with its own rule', () => {
    expect(expectLeft(Percent.fromString('150', 'f'))).toMatchObject({ field: 'f', value: '150', rule: 'is not a percentage (0 to 100)' })
    expect(expectLeft(Percent.fromString('-1'))).toMatchObject({ field: 'percentTraffic', rule: 'is not a percentage (0 to 100)' })
    for (const s of ['', 'abc', '1,5', '10%', '1e', '.', 'NaN', 'Infinity', '0x10', '5 5', 'd']) {
      expect(expectLeft(Percent.fromString(s))).toMatchObject({ field: 'percentTraffic', value: s, rule: 'is not a number; expected a decimal from 0 to 100 such as "10.5"' })
    }
    expect(expectLeft(Percent.fromString(5 as unknown as string)).rule).toBe('is not a number; expected a decimal from 0 to 100 such as "10.5"')
  })

  it('unsafeFromNumber, zero, hundred, and the codec', () => {
    expect(Percent.unsafeFromNumber(42)).toBe(42)
    expect(Percent.unsafeFromNumber(420)).toBe(0)
    expect([Percent.zero, Percent.hundred]).toEqual([0, 100])
    expect(messageOf(Percent.codec, 150)).toBe('input: 150 is not a percentage (0 to 100)')
    expect(messageOf(Percent.codec, '5')).toBe('input: "5" is not a number; expected a percentage (0 to 100)')
    expect(messageOf(Percent.codec, 5)).toBe('accepted')
  })
})

describe('DeploymentId', () => {
  it('a non-empty string', () => {
    expect(expectRight(DeploymentId.fromString('nfcn0x'))).toBe('nfcn0x')
    expect(expectLeft(DeploymentId.fromString(''))).toMatchObject({ field: 'deploymentId', rule: 'is not a deployment id (a non-empty string such as "nfcn0x")' })
    expect(expectLeft(DeploymentId.fromString('', 'canarySettings.deploymentId')).field).toBe('canarySettings.deploymentId')
    expect(DeploymentId.isDeploymentId(7)).toBe(false)
    expect(messageOf(DeploymentId.codec, '')).toBe('input: "" is not a deployment id (a non-empty string such as "nfcn0x")')
  })
})

describe('StageVariable', () => {
  it('names: letters, digits and _, 1 to 64 characters, never __proto__, constructor or prototype', () => {
    for (const ok of ['sv1', 'A_b_9', 'x'.repeat(64), '_']) expect(expectRight(StageVariable.nameFromString(ok))).toBe(ok)
    expect(expectLeft(StageVariable.nameFromString('')).rule).toBe('is not a stage variable name: it is empty')
    expect(expectLeft(StageVariable.nameFromString('x'.repeat(65))).rule).toBe('is not a stage variable name: it has 65 characters, at most 64 are allowed')
    expect(expectLeft(StageVariable.nameFromString('a-b')).rule).toBe('is not a stage variable name: only letters, digits and _ are allowed')
    expect(expectLeft(StageVariable.nameFromString('a b')).rule).toBe('is not a stage variable name: only letters, digits and _ are allowed')
    for (const reserved of ['__proto__', 'constructor', 'prototype']) {
      expect(expectLeft(StageVariable.nameFromString(reserved)).rule).toBe('is not a stage variable name this library accepts: __proto__, constructor and prototype are reserved')
    }
    expect(expectLeft(StageVariable.nameFromString(1 as unknown as string, 'canarySettings.stageVariableOverrides'))).toMatchObject({
      field: 'canarySettings.stageVariableOverrides',
      rule: 'is not a stage variable name: it is not a string'
    })
    expect(expectLeft(StageVariable.nameFromString('a-b')).field).toBe('variables')
    expect(expectLeft(StageVariable.valueFromString('a b')).field).toBe('variables')
    expect(StageVariable.isName('ok')).toBe(true)
    expect(StageVariable.isName('no!')).toBe(false)
  })

  it('values: letters, digits and - . _ ~ : / ? # & = , , 1 to 512 characters', () => {
    for (const ok of ['val1', 'https://example.com/a?b=c&d=e#f,g~h', 'x'.repeat(512), '-._~:/?#&=,']) expect(expectRight(StageVariable.valueFromString(ok))).toBe(ok)
    expect(expectLeft(StageVariable.valueFromString('')).rule).toBe('is not a stage variable value: it is empty')
    expect(expectLeft(StageVariable.valueFromString('x'.repeat(513))).rule).toBe('is not a stage variable value: it has 513 characters, at most 512 are allowed')
    for (const no of ['a b', 'a!', 'a@b', 'é']) expect(expectLeft(StageVariable.valueFromString(no)).rule).toBe('is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed')
    expect(expectLeft(StageVariable.valueFromString(null as unknown as string)).rule).toBe('is not a stage variable value: it is not a string')
    expect(StageVariable.isValue('v')).toBe(true)
    expect(StageVariable.isValue('')).toBe(false)
  })

  it('fromRecord: at most 100 variables; the first bad name or value is named with its key', () => {
    expect(expectRight(StageVariable.fromRecord({}))).toEqual({})
    const hundred = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`v${i}`, 'x']))
    expect(E.isRight(StageVariable.fromRecord(hundred))).toBe(true)
    expect(expectLeft(StageVariable.fromRecord({ ...hundred, v100: 'x' }))).toMatchObject({ field: 'variables', rule: 'has 101 variables, at most 100 are allowed' })
    expect(expectLeft(StageVariable.fromRecord({ ok: 'a', 'bad-name': 'b' }))).toMatchObject({ field: 'variables', value: 'bad-name', rule: 'is not a stage variable name: only letters, digits and _ are allowed' })
    expect(expectLeft(StageVariable.fromRecord({ sv1: 5 }, 'canarySettings.stageVariableOverrides'))).toMatchObject({
      field: 'canarySettings.stageVariableOverrides.sv1',
      value: 5,
      rule: 'is not a string'
    })
    expect(expectLeft(StageVariable.fromRecord({ sv1: 'a b' }))).toMatchObject({ field: 'variables.sv1', value: 'a b' })
    for (const u of [null, [], 'x', new Date(0)]) expect(expectLeft(StageVariable.fromRecord(u)).rule).toBe('is not a map of stage variables (an object of string values)')
  })

  it('the codec reports a bad value below the map, at its key', () => {
    const codec = t.type({ variables: StageVariable.codec })
    expect(messageOf(codec, { variables: { sv1: 'a b' } })).toBe('variables.sv1: "a b" is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed')
    expect(messageOf(codec, { variables: { 'a-b': 'x' } })).toBe('variables: "a-b" is not a stage variable name: only letters, digits and _ are allowed')
    expect(messageOf(codec, { variables: { a: 'x' } })).toBe('accepted')
    expect(StageVariable.codec.is({ a: 'x' })).toBe(true)
    expect(StageVariable.codec.is({ a: 1 })).toBe(false)
  })
})

describe('Timestamp', () => {
  it('ISO strings as they are; Dates and epoch seconds as ISO strings', () => {
    for (const s of ['2017-11-20T04:42:19Z', '2017-11-20T04:42Z', '2017-11-20T04:42:19.123Z', '2017-11-20T04:42:19+01:00', '2017-11-20T04:42:19-0130']) {
      expect(expectRight(Timestamp.fromUnknown(s))).toBe(s)
    }
    expect(expectRight(Timestamp.fromUnknown(new Date('2017-11-20T04:42:19Z')))).toBe('2017-11-20T04:42:19.000Z')
    expect(expectRight(Timestamp.fromUnknown(1511152939))).toBe('2017-11-20T04:42:19.000Z')
    expect(expectRight(Timestamp.fromUnknown(0))).toBe('1970-01-01T00:00:00.000Z')
    // the years 0000 to 9999, those an ISO string writes with four digits
    expect(expectRight(Timestamp.fromUnknown(-62167219200))).toBe('0000-01-01T00:00:00.000Z')
    expect(expectRight(Timestamp.fromUnknown(253402300799.999))).toBe('9999-12-31T23:59:59.999Z')
    for (const u of [-62167219200.001, 253402300800, new Date(253402300800000), 1511152939000]) expect(E.isLeft(Timestamp.fromUnknown(u))).toBe(true)
    // a real day and time only
    for (const u of ['2017-02-29T00:00:00Z', '2017-04-31T00:00:00Z', '2017-01-01T24:00:00Z', '2017-01-01T23:60:00Z']) expect(E.isLeft(Timestamp.fromUnknown(u))).toBe(true)
    expect(expectRight(Timestamp.fromUnknown('2016-02-29T23:59:59.5+05:30'))).toBe('2016-02-29T23:59:59.5+05:30')
    const unreadable = Object.create(Date.prototype) as Date
    expect(E.isLeft(Timestamp.fromUnknown(unreadable))).toBe(true)
  })

  it('refused: other strings, invalid dates, numbers beyond Date\'s range, other types', () => {
    for (const u of ['2017-11-20', '2017-11-20 04:42:19Z', '2017-13-45T04:42:19Z', 'x2017-11-20T04:42:19Z', '2017-11-20T04:42:19Zx', new Date(Number.NaN), 8.64e12 + 1, -8.64e12 - 1, Number.NaN, Number.POSITIVE_INFINITY, null, true]) {
      expect(expectLeft(Timestamp.fromUnknown(u, 'createdDate'))).toMatchObject({ field: 'createdDate', rule: 'is not a date (an ISO 8601 string, a Date, or epoch seconds)' })
    }
    expect(expectLeft(Timestamp.fromUnknown('nope')).field).toBe('date')
    expect(Timestamp.isTimestamp('2017-11-20T04:42:19Z')).toBe(true)
    expect(Timestamp.isTimestamp(new Date())).toBe(false)
  })

  it('toDate and the codec', () => {
    expect(Timestamp.toDate(Timestamp.unsafeFromString('2017-11-20T04:42:19Z')).getTime()).toBe(1511152939000)
    expect(expectRight(Timestamp.codec.decode(1511152939))).toBe('2017-11-20T04:42:19.000Z')
    expect(messageOf(Timestamp.codec, 'yesterday')).toBe('input: "yesterday" is not a date (an ISO 8601 string, a Date, or epoch seconds)')
  })
})

describe('CanarySettings', () => {
  it('make: AWS\'s defaults on a deployment', () => {
    expect(CanarySettings.make(DeploymentId.unsafeFromString('nfcn0x'))).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 0, useStageCache: false })
  })

  it('fromInput: fields checked, defaults filled, the stage\'s deployment when none is named', () => {
    expect(expectRight(CanarySettings.fromInput({}, 'nfcn0x'))).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 0, useStageCache: false })
    expect(expectRight(CanarySettings.fromInput({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: true }, 'nfcn0x'))).toEqual({
      deploymentId: 'eh1sby',
      percentTraffic: 10.5,
      stageVariableOverrides: { sv1: 'val2' },
      useStageCache: true
    })
    expect('stageVariableOverrides' in expectRight(CanarySettings.fromInput({ stageVariableOverrides: {} }, 'nfcn0x'))).toBe(false)
  })

  it('fromInput: each way the input can be wrong, the first broken field reported', () => {
    expect(expectLeft(CanarySettings.fromInput(null as unknown as CanarySettings.CanaryInput, 'd'))).toMatchObject({ field: 'canarySettings', rule: 'is not canary settings (an object)' })
    expect(expectLeft(CanarySettings.fromInput({}, undefined))).toMatchObject({
      field: 'canarySettings.deploymentId',
      message: 'canarySettings.deploymentId is missing: the stage has no deploymentId to default to, so name the canary\'s deployment'
    })
    expect(expectLeft(CanarySettings.fromInput({ useStageCache: 'true' as unknown as boolean }, 'd'))).toMatchObject({
      field: 'canarySettings.useStageCache',
      message: 'canarySettings.useStageCache: "true" is not a boolean'
    })
    expect(expectLeft(CanarySettings.fromInput({ deploymentId: '' }, 'd')).field).toBe('canarySettings.deploymentId')
    expect(expectLeft(CanarySettings.fromInput({ percentTraffic: 101 }, 'd'))).toMatchObject({ field: 'canarySettings.percentTraffic', value: 101 })
    expect(expectLeft(CanarySettings.fromInput({ percentTraffic: null as unknown as number }, 'd')).field).toBe('canarySettings.percentTraffic')
    expect(expectLeft(CanarySettings.fromInput({ stageVariableOverrides: { sv1: 'a b' } }, 'd')).field).toBe('canarySettings.stageVariableOverrides.sv1')
  })

  it('the codec drops an empty overrides map, as AWS reports none', () => {
    expect(expectRight(CanarySettings.codec.decode({ deploymentId: 'd', percentTraffic: 5, useStageCache: false, stageVariableOverrides: {} }))).toEqual({
      deploymentId: 'd',
      percentTraffic: 5,
      useStageCache: false
    })
    const kept = { deploymentId: 'd', percentTraffic: 5, useStageCache: false, stageVariableOverrides: { a: 'b' } }
    expect(expectRight(CanarySettings.codec.decode(kept))).toEqual(kept)
  })
})

describe('internal record helpers', () => {
  it('isRecord: plain objects only', () => {
    expect(R.isRecord({})).toBe(true)
    expect(R.isRecord(Object.create(null))).toBe(true)
    for (const u of [null, undefined, [], new Date(0), 'x', 1]) expect(R.isRecord(u)).toBe(false)
  })

  it('set and upsert keep the same reference when nothing changes', () => {
    const r = { a: 1 }
    expect(R.set(r, 'a', 1)).toBe(r)
    expect(R.set(r, 'a', 2)).toEqual({ a: 2 })
    expect(r).toEqual({ a: 1 })
    const u: R.ReadonlyRecord<number | undefined> = {}
    expect(R.upsert(u, 'a', undefined)).toEqual({ a: undefined })
  })

  it('remove and omit: the same reference when the key is absent, a copy without it otherwise', () => {
    const r = { a: 1, b: 2 }
    expect(R.remove(r, 'c')).toBe(r)
    expect(R.remove(r, 'a')).toEqual({ b: 2 })
    expect(R.omit(r, 'a')).toEqual({ b: 2 })
    const partial: { a?: number; b: number } = { b: 2 }
    expect(R.omit(partial, 'a')).toBe(partial)
    expect(R.remove(Object.create({ a: 1 }) as R.ReadonlyRecord<number>, 'a')).toEqual({})
  })

  it('merge: top wins; the bottom itself when top adds nothing', () => {
    const bottom = { a: '1', b: '2' }
    expect(R.merge(bottom, { a: '1' })).toBe(bottom)
    expect(R.merge(bottom, {})).toBe(bottom)
    expect(R.merge(bottom, { a: 'x' })).toEqual({ a: 'x', b: '2' })
    expect(R.merge(bottom, { c: '3' })).toEqual({ a: '1', b: '2', c: '3' })
  })

  it('isEmpty and shallowEqual', () => {
    expect(R.isEmpty({})).toBe(true)
    expect(R.isEmpty({ a: undefined })).toBe(false)
    expect(R.shallowEqual({ a: 1 }, { a: 1 })).toBe(true)
    expect(R.shallowEqual({ a: 1 }, { a: 2 })).toBe(false)
    expect(R.shallowEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(R.shallowEqual({ a: undefined }, { b: undefined })).toBe(false)
    expect(R.shallowEqual({}, {})).toBe(true)
  })
})

describe('internal codec builders', () => {
  const Item = struct<{ id: number; name?: string; kind: string }>('Item', { id: integer, name: t.string, kind: oneOf('Kind', ['a', 'b']) }, { required: ['id'], defaults: { kind: 'a' }, what: 'an item' })

  it('struct: required fields, defaults, unknown fields kept, undefined optional fields dropped', () => {
    expect(expectRight(Item.decode({ id: 1 }))).toEqual({ id: 1, kind: 'a' })
    const full = { id: 1, name: 'x', kind: 'b', extra: { deep: [1] } }
    const decoded = expectRight(Item.decode(full))
    expect(decoded).toEqual(full)
    expect(decoded).not.toBe(full)
    // the result shares nothing the input's owner can change later
    full.extra.deep.push(2)
    expect(decoded).toEqual({ id: 1, name: 'x', kind: 'b', extra: { deep: [1] } })
    expect(expectRight(Item.decode({ id: 1, kind: 'b', name: undefined }))).toEqual({ id: 1, kind: 'b' })
    expect(messageOf(Item, { name: 'x' })).toBe('id is missing; it is required on an item')
    expect(messageOf(Item, { id: 1.5, kind: 'c' })).toBe('id: 1.5 is not a whole number; kind: "c" is not one of a, b')
    expect(messageOf(Item, [])).toBe('input: an array is not an item')
    expect(Item.is({ id: 1, kind: 'a' })).toBe(true)
    expect(Item.is({ kind: 'a' })).toBe(false)
    expect(Item.is({ id: 1, kind: 'c' })).toBe(false)
    expect(Item.is({ id: 1 })).toBe(true)
  })

  it('struct: a field whose codec changes the value is replaced, and encoded back', () => {
    const When = struct<{ at: string }>('When', { at: Timestamp.codec }, { what: 'a time' })
    const decoded = expectRight(When.decode({ at: 0 }))
    expect(decoded).toEqual({ at: '1970-01-01T00:00:00.000Z' })
    const Encoded = struct<{ n: number }>('Enc', { n: new t.Type<number, string, unknown>('N', (u): u is number => typeof u === 'number', (u, c) => (typeof u === 'number' ? t.success(u) : t.failure(u, c)), (n) => String(n)) }, { what: 'x' })
    expect(Encoded.encode({ n: 5 })).toEqual({ n: '5' })
    const same = { at: '1970-01-01T00:00:00.000Z' }
    expect(When.encode(same)).toBe(same)
  })

  it('encode: fields set to undefined are skipped; a map is copied only when a value encodes differently', () => {
    const Inner = struct<{ x?: number }>('Inner', { x: integer }, { what: 'an inner' })
    const Outer = struct<{ inner?: { x?: number } }>('Outer', { inner: Inner }, { what: 'an outer' })
    const undefinedInner = { inner: undefined }
    expect(Outer.encode(undefinedInner as never)).toBe(undefinedInner)
    const Positive = new t.Type<number, unknown, unknown>('P', (u): u is number => typeof u === 'number', (u, c) => (typeof u === 'number' ? t.success(u) : t.failure(u, c)), (n) => (n > 0 ? String(n) : n))
    const Map = recordOf('M', Positive, 'a map')
    const unchanged = { a: 0, b: -1 }
    expect(Map.encode(unchanged)).toBe(unchanged)
    expect(Map.encode({ a: 0, b: 2 })).toEqual({ a: 0, b: '2' })
    expect(Map.encode({ a: 3, b: 2 })).toEqual({ a: '3', b: '2' })
  })

  it('recordOf: each value checked at its key', () => {
    const Counts = recordOf('Counts', integer, 'a map of counts')
    const ok = { a: 1, b: 2 }
    expect(expectRight(Counts.decode(ok))).toEqual(ok)
    expect(expectRight(Counts.decode(ok))).not.toBe(ok)
    expect(messageOf(Counts, new Map([['a', 1]]))).toBe('input: an object is not a map of counts')
    expect(messageOf(Counts, { a: 1.5 })).toBe('a: 1.5 is not a whole number')
    expect(messageOf(Counts, 'x')).toBe('input: "x" is not a map of counts')
    expect(Counts.is(ok)).toBe(true)
    expect(Counts.is({ _a: 1.5 })).toBe(false)
    const Dates = recordOf('Dates', Timestamp.codec, 'a map of dates')
    expect(expectRight(Dates.decode({ a: 0 }))).toEqual({ a: '1970-01-01T00:00:00.000Z' })
  })

  it('refinement, decoding, oneOf, integer, finite', () => {
    const Even = refinement('Even', (u): u is number => typeof u === 'number' && u % 2 === 0, 'is not even')
    expect(messageOf(Even, 3)).toBe('input: 3 is not even')
    const Dec = decoding('Dec', (u): u is number => u === 1, (u) => (u === '1' ? E.right(1) : E.left({ rule: 'is not one' })))
    expect(expectRight(Dec.decode('1'))).toBe(1)
    expect(messageOf(Dec, 2)).toBe('input: 2 is not one')
    expect(integer.is(2 ** 53)).toBe(false)
    expect(finite.is(Number.POSITIVE_INFINITY)).toBe(false)
    expect(finite.is(1.5)).toBe(true)
  })
})

describe('plain data: what isRecord takes, and what copyData gives', () => {
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }

  it('isRecord: plain objects of any realm, never a throw', () => {
    expect(R.isRecord({})).toBe(true)
    expect(R.isRecord(Object.create(null))).toBe(true)
    for (const u of [null, undefined, 1, 'x', [], new Date(), new Map(), new (class A {})(), revoked()]) expect(R.isRecord(u)).toBe(false)
  })

  it('copyData: a copy that shares nothing, empty and sparse arrays, cycles and shared parts kept', () => {
    const shared = { n: 1 }
    const cyclic: Record<string, unknown> = { shared, again: shared, list: [], holes: new Array(3) }
    cyclic['self'] = cyclic
    const copy = R.copyData(cyclic) as Record<string, unknown>
    expect(copy).not.toBe(cyclic)
    expect(copy['self']).toBe(copy)
    expect(copy['shared']).toBe(copy['again'])
    expect(copy['shared']).not.toBe(shared)
    expect(copy['list']).toEqual([])
    expect((copy['holes'] as Array<unknown>).length).toBe(3)
    expect(Object.keys(copy).sort()).toEqual(['again', 'holes', 'list', 'self', 'shared'])
  })

  it('copyData keeps objects it does not copy as they are, without writing to them', () => {
    class Box {
      inner = { a: 1 }
    }
    const box = new Box()
    const inner = box.inner
    const copy = R.copyData({ box }) as { box: Box }
    expect(copy.box).toBe(box)
    expect(box.inner).toBe(inner)
  })

  it('a __proto__ key is an own data property, writable and configurable like the others', () => {
    const copy = R.copyData(JSON.parse('{"__proto__":{"polluted":true},"a":1}')) as object
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')).toEqual({ value: { polluted: true }, writable: true, enumerable: true, configurable: true })
  })

  it('a codec\'s is never throws: false for what cannot be read', () => {
    const Item = struct<{ id: number }>('Item', { id: integer }, { what: 'an item' })
    expect(Item.is(revoked())).toBe(false)
    expect(Item.is(Object.defineProperty({}, 'id', { get: () => { throw new Error('boom') }, enumerable: true }))).toBe(false)
  })

  it('an empty key is a key: its path says so', () => {
    expect(fromValidationErrors([{ value: 5, context: [{ key: '', type: t.unknown, actual: 5 }, { key: 'tags', type: t.unknown, actual: 5 }, { key: '', type: t.string, actual: 5 }] }]).message).toBe('tags[""]: 5 is not a string')
  })
})
