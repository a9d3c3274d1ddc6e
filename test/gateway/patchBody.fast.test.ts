/**
 * The update-stage body reader (src/gateway/wire/patchBody.ts) against `JSON.parse`, which it
 * stands in for: on texts near the SDK's and the CLI's form (whitespace, keys out of order,
 * repeated or unknown, `__proto__`, escapes, control characters, lone surrogates, other values,
 * extra keys, trailing text), it gives `JSON.parse`'s very value (the same keys in the same
 * order, plain objects and arrays) or leaves the text to `JSON.parse`; on the SDK's form it reads
 * it itself.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { patchBodyOf } from '../../src/gateway/wire/patchBody.js'
import { parseJson } from '../../src/gateway/wire/Http.js'

/** Mostly `good`, sometimes one of `bad`. */
const mostly = (good: string, ...bad: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof({ weight: 12, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) })

const ws = fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(' ', '\n', '\t ', '\r\n', '\u00a0', '\f') })

/** A string's text in the body: JSON's own (escaped when needed), or raw between quotes (maybe not JSON at all). */
const chars = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('replace', '/canarySettings/percentTraffic', '/variables/a', '50.0', '', '\ud800', 'a\udc00', '"', '\\', '\u0000', '\n', '\u007f', '😀', '\u2028')
)
const stringText = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[ -!#-[\]-~]{0,8}$/).map((s) => `"${s}"`) },
  { weight: 1, arbitrary: chars.map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: chars.map((s) => `"${s}"`) }
)
const keyText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('"op"', '"path"', '"value"', '"from"') },
  { weight: 1, arbitrary: fc.constantFrom('"__proto__"', '"Op"', '""', '"o\\u0070"', '"x"', 'op', "'op'") }
)
const valueText = fc.oneof({ weight: 6, arbitrary: stringText }, { weight: 1, arbitrary: fc.constantFrom('1', '-0', 'null', 'true', '{}', '[]', '["x"]', '{"a":"b"}', '"x', '') })
const pair = fc.tuple(ws, keyText, ws, mostly(':', '=', ''), ws, valueText).map((parts) => parts.join(''))

/** An operation: mostly op, path, value, from in that order, some of them; sometimes any pairs. */
const operation = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .record({ op: stringText, path: stringText, value: stringText, from: stringText }, { requiredKeys: [] })
      .chain((o) => fc.tuple(ws, ws).map(([a, b]) => `{${a}${Object.entries(o).map(([k, v]) => `"${k}"${b}:${a}${v}`).join(`${b},${a}`)}${b}}`))
  },
  { weight: 2, arbitrary: fc.array(pair, { maxLength: 5 }).chain((pairs) => fc.tuple(ws, mostly(',', ', ', ';')).map(([w, sep]) => `{${pairs.join(sep)}${w}}`)) },
  { weight: 1, arbitrary: fc.constantFrom('null', '"op"', '[]', '{', '}', '{"op":"replace",}', '') }
)

const body = fc
  .tuple(
    ws,
    mostly('{', '[', ''),
    ws,
    mostly('"patchOperations"', '"patchoperations"', '"patchOperations', '"__proto__"'),
    ws,
    mostly(':', ''),
    ws,
    mostly('[', '{', ''),
    fc.array(fc.tuple(ws, operation, ws), { maxLength: 6 }).map((ops) => ops.map((o) => o.join('')).join(',')),
    mostly(']', ',]', ''),
    ws,
    mostly('}', ',"extra":1}', '}}', ''),
    ws,
    mostly('', 'x', '{}', ' ')
  )
  .map((parts) => parts.join(''))

/** What JSON.parse gives: the value, or that it threw. */
const parsed = (text: string): { readonly value: unknown } | 'threw' => {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return 'threw'
  }
}

/** The value's own keys at every level, in order (what toStrictEqual does not compare). */
const keysOf = (u: unknown): unknown =>
  typeof u === 'object' && u !== null ? [Object.getPrototypeOf(u) === Array.prototype ? 'array' : Object.getPrototypeOf(u) === Object.prototype ? 'object' : 'other', Reflect.ownKeys(u).map((k) => [k, keysOf((u as Record<PropertyKey, unknown>)[k])])] : typeof u

const same = (text: string): boolean => {
  const fast = patchBodyOf(text)
  if (fast === undefined) return false
  const expected = parsed(text)
  expect(expected).not.toBe('threw')
  if (expected === 'threw') return true
  expect(fast).toStrictEqual(expected.value)
  expect(keysOf(fast)).toStrictEqual(keysOf(expected.value))
  // and through the router's parser, which uses it
  expect(parseJson(text)).toStrictEqual({ _tag: 'Right', right: expected.value })
  return true
}

describe('update-stage body reader', () => {
  it('gives what JSON.parse gives, or leaves the text to it', () => {
    let read = 0
    fc.assert(
      fc.property(body, (text) => {
        if (same(text)) read++
      }),
      { numRuns: 3000 }
    )
    // the near-canonical texts are read by it often enough for the comparison to mean something
    expect(read).toBeGreaterThan(150)
  })

  it('reads the SDK`s and the CLI`s bodies of one to four operations itself', () => {
    const plain = fc.stringMatching(/^[ -!#-[\]-~]{0,12}$/)
    const op = fc.record({ op: plain, path: plain, value: plain, from: plain }, { requiredKeys: ['op', 'path'] })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 4 }), fc.boolean(), (patchOperations, spaced) => {
        const text = spaced ? JSON.stringify({ patchOperations }, null, 2) : JSON.stringify({ patchOperations })
        expect(same(text)).toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it('leaves to JSON.parse what it does not take', () => {
    for (const text of [
      '{"patchOperations":[{"op":"replace"}]}', // no path
      '{"patchOperations":[{"path":"/a","op":"replace"}]}', // out of order
      '{"patchOperations":[{"op":"a","op":"b","path":"/a"}]}', // repeated
      '{"patchOperations":[{"op":"a","path":"/a","value":5}]}', // not a string
      '{"patchOperations":[{"op":"a","path":"/\\u0061"}]}', // an escape
      '{"patchOperations":[{"op":"a","path":"/a","__proto__":"x"}]}',
      '{"patchOperations":[],"x":1}',
      '{"patchOperations":[{"op":"a","path":"/a"}]} x',
      `{"patchOperations":[${Array(5).fill('{"op":"a","path":"/a"}').join(',')}]}`,
      '{"patchOperations":[{"op":"a","path":"/a"},]}',
      '{"patchOperations":[{"op":"a","path":"/a"}]',
      ''
    ]) {
      expect(patchBodyOf(text)).toBeUndefined()
    }
    expect(patchBodyOf(' {\n "patchOperations" : [ ] } ')).toStrictEqual({ patchOperations: [] })
  })
})
