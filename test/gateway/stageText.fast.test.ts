/**
 * The hand-written stage writer (src/gateway/wire/stageText.ts) against the path it replaces,
 * `stringifyWire(stageToWire(stage))`, and the frozen replacer oracle: the same text, byte for
 * byte, for random stages, stages with unknown fields under hostile keys and odd strings, and the
 * values the writer leaves to the old path.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/stage/Stage.js'
import { stageToWire } from '../../src/gateway/wire/encoding.js'
import { stringifyWire } from '../../src/gateway/wire/doubles.js'
import { stageTextFast, stageWireText } from '../../src/gateway/wire/stageText.js'
import { stringifyWire as oracleStringifyWire } from './oracle/doubles.js'
import { canaryStage, methodSettingsStage, stage as anyStage } from '../../src/testing/arbitraries.js'

const oldText = (s: Stage): string => stringifyWire(stageToWire(s))

/** Strings that need escapes, or none: unicode, lone surrogates, quotes, backslashes, control characters. */
const oddString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom('\ud800', 'a\udc00b', '"', '\\', '\u0000', '\n\t\u001f', '\u007f', '\u2028\u2029', '😀', '</script>', 'percentTraffic', ',"rateLimit":5}')
)

/** Keys that reach for a prototype, name a Double field or a date, or need escapes. */
const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'percentTraffic', 'throttlingRateLimit', 'rateLimit', 'createdDate', 'lastUpdatedDate', '0', '10', '', 'x"y'),
  oddString
)

/** A number as JSON may hold it, Double-like values and edges included. */
const number: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 50, -3, 1e20, 1e21, 123456789012345680000, 0.1, 1e-7, Number.MAX_SAFE_INTEGER)
)

/** Data JSON can carry, with hostile keys, `undefined`, `null` and arrays. */
const data: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    oddString,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    tie('object')
  ),
  object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map(objectOf)
})).value

/** An object with these own data properties (`__proto__` too), in this order. */
function objectOf(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
}

/** A stage with extra fields (hostile keys, odd values) spliced in among its own, and some set to `undefined`. */
const extended: fc.Arbitrary<Stage> = fc
  .tuple(
    fc.oneof(anyStage, canaryStage, methodSettingsStage),
    fc.array(fc.oneof(fc.tuple(hostileKey, data), fc.tuple(fc.constantFrom('percentTraffic', 'throttlingRateLimit', 'rateLimit'), number)), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 3 })
  )
  .map(([s, extra, undefinedAt]) => {
    const entries: Array<readonly [string, unknown]> = Object.entries(s)
    for (const [i, e] of extra.entries()) entries.splice((i * 7) % (entries.length + 1), 0, e)
    for (const at of undefinedAt) if (entries.length > 0) entries[at % entries.length] = [(entries[at % entries.length] as readonly [string, unknown])[0], undefined]
    return objectOf(entries) as Stage
  })

/** The stage's fields that its codec encodes as objects (a value of another kind there is no stage). */
const OBJECT_FIELDS: ReadonlySet<string> = new Set(['accessLogSettings', 'canarySettings', 'methodSettings', 'variables', 'tags'])

const same = (s: Stage): void => {
  const expected = oldText(s)
  expect(stageWireText(s)).toBe(expected)
  expect(oracleStringifyWire(stageToWire(s))).toBe(expected)
}

describe('stage writer', () => {
  it('writes every stage the arbitraries make as the old path does, and writes it itself', () => {
    fc.assert(
      fc.property(fc.oneof(anyStage, canaryStage, methodSettingsStage), (s) => {
        expect(stageTextFast(s)).toBe(oldText(s))
      }),
      { numRuns: 300 }
    )
  })

  it('writes stages with unknown fields under hostile keys, odd strings, numbers and undefined as the old path does', () => {
    fc.assert(
      fc.property(extended, (s) => {
        same(s)
        expect(stageTextFast(s)).toBe(oldText(s)) // plain data: the writer takes every one of them
      }),
      { numRuns: 400 }
    )
  })

  it('writes the stages decodeStage reads from hostile JSON as the old path does', () => {
    fc.assert(
      fc.property(extended, (s) => {
        const decoded = decodeStage(JSON.parse(oldText(s)))
        if (E.isRight(decoded)) same(decoded.right)
      }),
      { numRuns: 200 }
    )
  })

  it('writes each of a run of stages made from one another (sharing their values, as updates do) as the old path does', () => {
    // an edit of the stage before: a field set to a new value or to one of another field (a
    // Double field's number under another key), a field dropped, or the fields' order changed
    const edit = fc.oneof(
      fc.tuple(fc.constant('set' as const), fc.oneof(hostileKey, fc.constantFrom('stageName', 'deploymentId', 'percentTraffic', 'createdDate')), data),
      fc.tuple(fc.constant('move' as const), fc.nat(), fc.nat()),
      fc.tuple(fc.constant('drop' as const), fc.nat(), fc.constant(undefined)),
      fc.tuple(fc.constant('copy' as const), fc.nat(), fc.nat()),
      fc.tuple(fc.constant('date' as const), fc.constantFrom('createdDate', 'lastUpdatedDate'), fc.constantFrom('2017-11-20T04:42:19Z', '2017-11-20T04:42:20.5Z', 'x'))
    )
    fc.assert(
      fc.property(extended, fc.array(edit, { maxLength: 8 }), (start, edits) => {
        let s = start
        same(s)
        for (const [kind, a, b] of edits) {
          const entries: Array<[string, unknown]> = Object.entries(s)
          if (kind === 'set' || kind === 'date') {
            const at = entries.findIndex(([k]) => k === a)
            if (at >= 0) entries[at] = [a, b]
            else entries.push([a, b])
          } else if (kind === 'copy') {
            // the value of one field under another's key, at the other's place (not under a field
            // the stage's codec encodes as an object: the old path cannot write a stage with null there)
            const to = entries[a % Math.max(1, entries.length)]
            const from = entries[(b as number) % Math.max(1, entries.length)]
            if (to !== undefined && from !== undefined && !OBJECT_FIELDS.has(to[0])) entries[a % entries.length] = [to[0], from[1]]
          } else if (entries.length > 0) {
            const i = a % entries.length
            const [moved] = entries.splice(i, 1)
            if (kind === 'move' && moved !== undefined) entries.splice((b as number) % (entries.length + 1), 0, moved)
          }
          s = objectOf(entries) as Stage
          same(s)
        }
      }),
      { numRuns: 300 }
    )
  })

  it('writes the examples from the reference exactly', () => {
    const decoded = decodeStage({
      stageName: 'prod',
      deploymentId: 'nfcn0x',
      canarySettings: { deploymentId: 'eh1sby', percentTraffic: 50, useStageCache: false, stageVariableOverrides: { sv1: 'val2' } },
      methodSettings: { '*/*': { throttlingRateLimit: 10000, throttlingBurstLimit: 5000, metricsEnabled: true } },
      variables: { sv1: 'val1' },
      createdDate: '2017-11-20T04:42:19Z',
      lastUpdatedDate: '2017-11-20T04:42:19.5Z'
    })
    expect(E.isRight(decoded)).toBe(true)
    if (E.isLeft(decoded)) return
    const text =
      '{"stageName":"prod","deploymentId":"nfcn0x","canarySettings":{"deploymentId":"eh1sby","percentTraffic":50.0,"useStageCache":false,"stageVariableOverrides":{"sv1":"val2"}},' +
      '"methodSettings":{"*/*":{"throttlingRateLimit":10000.0,"throttlingBurstLimit":5000,"metricsEnabled":true}},"variables":{"sv1":"val1"},"createdDate":1511152939,"lastUpdatedDate":1511152939.5}'
    expect(stageWireText(decoded.right)).toBe(text)
    expect(oldText(decoded.right)).toBe(text)
  })

  it('writes Double fields at the edges of JSON.stringify\'s number forms as the old path does', () => {
    const edges = [0, -0, 50, -3, 0.5, 1e-7, 1e20, 1e21, 5e21, -1e21, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER]
    for (const n of edges) {
      const s = { stageName: 'p', percentTraffic: n, extra: [{ rateLimit: n }, { deep: { throttlingRateLimit: n, other: n } }] } as Stage
      same(s)
      expect(stageTextFast(s)).toBe(oldText(s))
    }
    expect(stageWireText({ percentTraffic: -0, rateLimit: 1e21 } as Stage)).toBe('{"percentTraffic":0.0,"rateLimit":1e+21}')
  })

  it('leaves to the old path what it does not write itself, with the same text or the same throw', () => {
    const cases: ReadonlyArray<Stage> = [
      { stageName: 'p', extra: new Date(0) } as Stage,
      { stageName: 'p', extra: { toJSON: () => 'x' } } as Stage,
      { stageName: 'p', extra: [1, () => 1, Symbol('s')] } as Stage,
      { stageName: 'p', extra: new Map([[1, 2]]) } as Stage,
      Object.assign(Object.create(null) as object, { stageName: 'p', percentTraffic: 1 }) as Stage,
      { stageName: 'p', extra: JSON.parse('{"a":'.repeat(100) + '1' + '}'.repeat(100)) as unknown } as Stage
    ]
    for (const s of cases) same(s)
    for (const s of cases) expect(stageTextFast(s)).toBeUndefined()
    // an object without a prototype inside is plain data: written directly, the same text
    const bare = { stageName: 'p', extra: Object.assign(Object.create(null) as object, { rateLimit: 3 }) } as Stage
    same(bare)
    expect(stageTextFast(bare)).toBe('{"stageName":"p","extra":{"rateLimit":3.0}}')
    const cyclic: Record<string, unknown> = { stageName: 'p' }
    cyclic['self'] = { up: cyclic }
    expect(() => stageWireText(cyclic as Stage)).toThrow(TypeError)
    expect(() => stageWireText({ stageName: 'p', n: 1n } as unknown as Stage)).toThrow(TypeError)
  })
})
