/**
 * The published prototype-pollution advisories against JSON Patch and JSON Pointer libraries,
 * each payload a named test against our generic core (`JsonPatch.applyPatch`,
 * `JsonPointer.parse` / `parseSafe`) and against the update-stage applier (`applyPatch`,
 * `applyPatchUnknown`). For each: a `Left`, the (deep-frozen) input unchanged, and
 * `Object.prototype`, `Array.prototype`, `Function.prototype` unchanged.
 *
 * Where the payloads come from (each entry below names its source again):
 * - fast-json-patch, CVE-2021-4279 / GHSA-8gh8-hqwg-xf34: the huntr report
 *   https://github.com/418sec/huntr/pull/768 (`replace /constructor/prototype/polluted`), the
 *   earlier https://github.com/Starcounter-Jack/JSON-Patch/issues/216 (`replace /__proto__/x`),
 *   the fix's own test in `test/spec/coreSpec.mjs` (`replace /__proto__/x` on an object and on
 *   an array), and the same class in its siblings: json8-patch
 *   (https://github.com/sonnyp/JSON8/pull/117, `add /__proto__/polluted`) and json-patch
 *   (https://github.com/bruth/jsonpatch-js/issues/30, `copy /constructor/constructor` to
 *   `/__proto__/makeFunc`).
 * - json-pointer, CVE-2020-7709 then CVE-2021-23820 / GHSA-v5vg-g7rq-363w: the first fix
 *   https://github.com/manuelstofer/json-pointer/pull/34 (`set` with `/__proto__/...`,
 *   `/constructor/prototype/...`, `/prototype/...`) and its bypass, fixed by
 *   https://github.com/manuelstofer/json-pointer/pull/36 ("Fix prototype pollution when
 *   pointer is not a string or number"; its test "should not set __proto__ (array)" calls
 *   `set([['__proto__'], 'polluted'], true)`).
 * - jsonpointer, CVE-2021-23807: the fix https://github.com/janl/node-jsonpointer/pull/51 and
 *   its `test.js`: a polluting token after a harmless one (`/foo/__proto__/boo`), and array
 *   components that `===` never equals (`[['__proto__'], 'boo']`, `[[['__proto__']], 'boo']`,
 *   `[['foo'], ['__proto__'], 'boo']`, `[['constructor'], ['prototype'], 'boo']`...).
 *
 * `JsonPointer.parse` is RFC 6901's syntax only: a well-formed string such as
 * `/__proto__/polluted` parses to its tokens (which touch nothing); `parseSafe` is what the
 * appliers use, and it refuses them. A `~1` escape makes ONE token holding a `/`, which is an
 * ordinary own key (`"__proto__/polluted"`), never a path through `__proto__`; the tests below
 * show both sides of that.
 */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { JsonPatch, JsonPointer, decodeStage, type Stage } from '../../src/index.js'
import { applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { deepFreeze, expectRight } from '../helpers.js'
import { prototypeKeys } from './hostile.js'

// -------------------------------------------------------------------------------------
// the payloads
// -------------------------------------------------------------------------------------

interface PatchPayload {
  readonly name: string
  readonly source: string
  readonly patch: ReadonlyArray<unknown>
}

interface PointerPayload {
  readonly name: string
  readonly source: string
  /** What the vulnerable `set(obj, pointer, value)` was given. */
  readonly pointer: unknown
}

const huntr768 = 'fast-json-patch CVE-2021-4279, https://github.com/418sec/huntr/pull/768'
const jsonPatch216 = 'fast-json-patch, https://github.com/Starcounter-Jack/JSON-Patch/issues/216 and the fix test in test/spec/coreSpec.mjs'
const json8 = 'json8-patch, https://github.com/sonnyp/JSON8/pull/117'
const bruth30 = 'json-patch, https://github.com/bruth/jsonpatch-js/issues/30'
const jsonPointer34 = 'json-pointer CVE-2020-7709, https://github.com/manuelstofer/json-pointer/pull/34'
const jsonPointer36 = 'json-pointer CVE-2021-23820, https://github.com/manuelstofer/json-pointer/pull/36'
const jsonpointer51 = 'jsonpointer CVE-2021-23807, https://github.com/janl/node-jsonpointer/pull/51 (test.js)'

/** Whole patches, as published (the values are strings, so the Stage applier reads them too). */
const patchPayloads: ReadonlyArray<PatchPayload> = [
  { name: 'replace /constructor/prototype/polluted', source: huntr768, patch: [{ op: 'replace', path: '/constructor/prototype/polluted', value: 'Yes! Its Polluted' }] },
  { name: 'add /constructor/prototype/polluted', source: huntr768, patch: [{ op: 'add', path: '/constructor/prototype/polluted', value: 'yes' }] },
  { name: 'replace /__proto__/x', source: jsonPatch216, patch: [{ op: 'replace', path: '/__proto__/x', value: 'polluted' }] },
  { name: 'add /__proto__/x', source: jsonPatch216, patch: [{ op: 'add', path: '/__proto__/x', value: 'polluted' }] },
  { name: 'add /__proto__/polluted', source: json8, patch: [{ op: 'add', path: '/__proto__/polluted', value: 'Yes! Its Polluted' }] },
  {
    name: 'copy /constructor/constructor to /__proto__/makeFunc, then add /__proto__/op',
    source: bruth30,
    patch: [
      { op: 'copy', from: '/constructor/constructor', path: '/__proto__/makeFunc' },
      { op: 'add', path: '/__proto__/op', value: 'makeFunc' }
    ]
  },
  { name: 'replace /__proto__ itself', source: jsonPatch216, patch: [{ op: 'replace', path: '/__proto__', value: 'polluted' }] },
  { name: 'move into /__proto__/polluted', source: jsonPatch216, patch: [{ op: 'move', from: '/a', path: '/__proto__/polluted' }] },
  { name: 'remove /constructor/prototype/toString', source: huntr768, patch: [{ op: 'remove', path: '/constructor/prototype/toString' }] },
  { name: 'test /constructor/prototype (reading through the prototype)', source: huntr768, patch: [{ op: 'test', path: '/constructor/prototype', value: 'x' }] }
]

/** Pointers given to a vulnerable `set(obj, pointer, 'polluted')`. */
const pointerPayloads: ReadonlyArray<PointerPayload> = [
  { name: "'/__proto__/polluted'", source: jsonPointer34, pointer: '/__proto__/polluted' },
  { name: "'/constructor/prototype/polluted'", source: jsonPointer34, pointer: '/constructor/prototype/polluted' },
  { name: "'/prototype/polluted'", source: jsonPointer34, pointer: '/prototype/polluted' },
  { name: "[['__proto__'], 'polluted'] (array as a token)", source: jsonPointer36, pointer: [['__proto__'], 'polluted'] },
  { name: "['__proto__', 'polluted'] (tokens instead of a string)", source: jsonPointer36, pointer: ['__proto__', 'polluted'] },
  { name: "[{ toString: () => '__proto__' }, 'polluted'] (object as a token)", source: jsonPointer36, pointer: [{ toString: () => '__proto__' }, 'polluted'] },
  { name: "{ toString: () => '/__proto__/polluted' } (object as the pointer)", source: jsonPointer36, pointer: { toString: () => '/__proto__/polluted' } },
  { name: "new String('/__proto__/polluted') (boxed string)", source: jsonPointer36, pointer: Object('/__proto__/polluted') },
  { name: "'/foo/__proto__/boo' (after a harmless token)", source: jsonpointer51, pointer: '/foo/__proto__/boo' },
  { name: "'/foo/__proto__/__proto__/boo'", source: jsonpointer51, pointer: '/foo/__proto__/__proto__/boo' },
  { name: "'/foo/constructor/prototype/boo'", source: jsonpointer51, pointer: '/foo/constructor/prototype/boo' },
  { name: "'/foo/constructor/constructor/prototype/boo'", source: jsonpointer51, pointer: '/foo/constructor/constructor/prototype/boo' },
  { name: "[['__proto__'], 'boo']", source: jsonpointer51, pointer: [['__proto__'], 'boo'] },
  { name: "[[['__proto__']], 'boo']", source: jsonpointer51, pointer: [[['__proto__']], 'boo'] },
  { name: "[['__proto__'], ['__proto__'], 'boo']", source: jsonpointer51, pointer: [['__proto__'], ['__proto__'], 'boo'] },
  { name: "[[['__proto__']], [['__proto__']], 'boo']", source: jsonpointer51, pointer: [[['__proto__']], [['__proto__']], 'boo'] },
  { name: "[['__proto__'], ['__proto__'], ['__proto__'], 'boo']", source: jsonpointer51, pointer: [['__proto__'], ['__proto__'], ['__proto__'], 'boo'] },
  { name: "[['foo'], ['__proto__'], 'boo']", source: jsonpointer51, pointer: [['foo'], ['__proto__'], 'boo'] },
  { name: "[['foo'], ['__proto__'], ['__proto__'], 'boo']", source: jsonpointer51, pointer: [['foo'], ['__proto__'], ['__proto__'], 'boo'] },
  { name: "[['constructor'], ['prototype'], 'boo']", source: jsonpointer51, pointer: [['constructor'], ['prototype'], 'boo'] },
  { name: "[['constructor'], ['constructor'], ['prototype'], 'boo']", source: jsonpointer51, pointer: [['constructor'], ['constructor'], ['prototype'], 'boo'] },
  // The `~`-escaped spellings a filter on the raw text would miss; each still unescapes to a
  // forbidden token in some position, or is not a pointer at all.
  { name: "'/__proto__/polluted~1x' (escape after the polluting token)", source: jsonpointer51, pointer: '/__proto__/polluted~1x' },
  { name: "'/constructor/prototype~0' is refused at constructor", source: jsonpointer51, pointer: '/constructor/prototype~0' },
  { name: "'/~5f~5fproto~5f~5f/polluted' (not an RFC 6901 escape)", source: jsonPointer34, pointer: '/~5f~5fproto~5f~5f/polluted' },
  { name: "'#/__proto__/polluted' (URI fragment form)", source: jsonPointer34, pointer: '#/__proto__/polluted' }
]

/** The operations a pointer payload becomes in a patch: every op that writes or reads a path. */
const asOperations = (pointer: unknown): ReadonlyArray<ReadonlyArray<unknown>> => [
  [{ op: 'add', path: pointer, value: 'polluted' }],
  [{ op: 'replace', path: pointer, value: 'polluted' }],
  [{ op: 'remove', path: pointer }],
  [{ op: 'copy', from: '/a', path: pointer }],
  [{ op: 'move', from: '/a', path: pointer }],
  [{ op: 'copy', from: pointer, path: '/a' }],
  [{ op: 'test', path: pointer, value: 'polluted' }]
]

// -------------------------------------------------------------------------------------
// the checks
// -------------------------------------------------------------------------------------

const clean = prototypeKeys()

/** Nothing reachable from a fresh object, array or function gained a key. */
const expectPrototypesUnchanged = (): void => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(({} as Record<string, unknown>)['boo']).toBeUndefined()
  expect(({} as Record<string, unknown>)['x']).toBeUndefined()
  expect(({} as Record<string, unknown>)['makeFunc']).toBeUndefined()
  expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(((() => 1) as unknown as Record<string, unknown>)['polluted']).toBeUndefined()
  expect(Object.getPrototypeOf({})).toBe(Object.prototype)
  expect(prototypeKeys()).toBe(clean)
}

/** Runs `f` on a deep-frozen `input`; the input must come back unchanged, the prototypes too. */
const onFrozen = <A, B>(input: A, f: (a: A) => B): B => {
  const before = JSON.stringify(input)
  const frozen = deepFreeze(input)
  const out = f(frozen)
  expect(JSON.stringify(frozen)).toBe(before)
  expectPrototypesUnchanged()
  return out
}

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const seedStage = (): Stage => expectRight(decodeStage(fixture('seed-before.json')))

/** The documents the generic core is attacked on: empty, nested, an array, and one with an own `__proto__` key. */
const documents = (): ReadonlyArray<readonly [string, JsonPatch.Json]> => [
  ['{}', {}],
  ['{ a: {}, foo: {} }', { a: {}, foo: {} }],
  ['[]', []],
  ['an own "__proto__" key (JSON.parse)', JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as JsonPatch.Json],
  ['a class instance, as in the fast-json-patch report', new (class A {})() as unknown as JsonPatch.Json]
]

const expectCoreLeft = (patch: ReadonlyArray<unknown>): void => {
  for (const [, doc] of documents()) {
    const result = onFrozen(doc, (d) => JsonPatch.applyPatch(d, patch as ReadonlyArray<JsonPatch.Operation>))
    expect(E.isLeft(result)).toBe(true)
  }
}

const expectStageLeft = (patch: ReadonlyArray<unknown>): void => {
  const r1 = onFrozen(seedStage(), (s) => applyPatch(s, patch as ReadonlyArray<PatchOperation>))
  expect(E.isLeft(r1)).toBe(true)
  const r2 = onFrozen(seedStage(), (s) => applyPatchUnknown(s, patch))
  expect(E.isLeft(r2)).toBe(true)
}

// -------------------------------------------------------------------------------------
// the tests
// -------------------------------------------------------------------------------------

describe('published JSON Patch payloads', () => {
  for (const p of patchPayloads) {
    describe(`${p.name} (${p.source})`, () => {
      it('the generic core: a Left on every document, nothing changed, no prototype touched', () => expectCoreLeft(p.patch))
      it('the Stage applier: a Left, the stage unchanged, no prototype touched', () => expectStageLeft(p.patch))
    })
  }
})

describe('published JSON Pointer payloads', () => {
  for (const p of pointerPayloads) {
    describe(`set(obj, ${p.name}, ...) (${p.source})`, () => {
      it('JsonPointer.parseSafe: a Left', () => {
        const r = onFrozen({ pointer: p.pointer }, ({ pointer }) => JsonPointer.parseSafe(pointer as string))
        expect(E.isLeft(r)).toBe(true)
      })

      it('JsonPointer.parse: a Left unless it is a well-formed string, whose tokens it only reads', () => {
        const r = onFrozen({ pointer: p.pointer }, ({ pointer }) => JsonPointer.parse(pointer as string))
        if (typeof p.pointer === 'string' && p.pointer.startsWith('/') && !/~[^01]|~$/.test(p.pointer)) {
          expect(r).toEqual(E.right(p.pointer.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))))
        } else {
          expect(E.isLeft(r)).toBe(true)
        }
      })

      it('the generic core: a Left for every op at that path, on every document', () => {
        for (const patch of asOperations(p.pointer)) expectCoreLeft(patch)
      })

      it('the Stage applier: a Left for every op at that path', () => {
        for (const patch of asOperations(p.pointer)) expectStageLeft(patch)
      })
    })
  }
})

describe('a ~1 escape makes one token, an own key, never a path through the prototype', () => {
  it('add /__proto__~1polluted on {} writes the own key "__proto__/polluted"', () => {
    const r = onFrozen({}, (d) => JsonPatch.applyPatch(d, [{ op: 'add', path: '/__proto__~1polluted', value: 'yes' }]))
    const doc = expectRight(r) as Record<string, unknown>
    expect(Object.keys(doc)).toEqual(['__proto__/polluted'])
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype)
  })

  it('replace /__proto__~1polluted on {}: a Left (no such key), nothing touched', () => expectCoreLeft([{ op: 'replace', path: '/__proto__~1polluted', value: 'yes' }]))

  it('add /__proto__~1x/polluted on {}: a Left (no parent "__proto__/x"), nothing touched', () => expectCoreLeft([{ op: 'add', path: '/__proto__~1x/polluted', value: 'yes' }]))

  it('the Stage applier refuses __proto__ inside an escaped method-setting key (/~1__proto__/GET/...)', () => {
    expectStageLeft([{ op: 'replace', path: '/~1__proto__/GET/metrics/enabled', value: 'true' }])
    expectStageLeft([{ op: 'replace', path: '/~1a~1constructor/GET/metrics/enabled', value: 'true' }])
    expectStageLeft([{ op: 'remove', path: '/prototype~1x/GET' }])
  })

  it('the Stage applier refuses escaped forms as variable and override names', () => {
    expectStageLeft([{ op: 'replace', path: '/variables/__proto__~1polluted', value: 'yes' }])
    expectStageLeft([{ op: 'replace', path: '/canarySettings/stageVariableOverrides/__proto__~1polluted', value: 'yes' }])
  })
})

describe('values that carry a polluting key are stored, never merged', () => {
  it('add /a with a value holding an own "__proto__" key: the value is kept as an own key, prototypes clean', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "yes"}}') as JsonPatch.Json
    const doc = expectRight(onFrozen({}, (d) => JsonPatch.applyPatch(d, [{ op: 'add', path: '/a', value }]))) as Record<string, Record<string, unknown>>
    expect(Object.hasOwn(doc['a'] as object, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(doc['a'])).toBe(Object.prototype)
    expectPrototypesUnchanged()
  })
})

describe('JsonPointer.checkKeys and format, given tokens that are not strings (the CVE-2021-23807 type confusion)', () => {
  // A `===` check does not see an array token ['__proto__'], which a key lookup coerces to
  // "__proto__" (jsonpointer's CVE-2021-23807 exactly); and format, which names the pointer in
  // the message, must not throw on such a token. Both were bugs here, now fixed.
  it("checkKeys([['__proto__'], 'polluted'], '/x') is a Left", () => {
    const r = JsonPointer.checkKeys([['__proto__'], 'polluted'] as unknown as JsonPointer.Tokens, '/x')
    expect(E.isLeft(r)).toBe(true)
  })

  it("checkKeys([['__proto__'], 'polluted']) does not throw", () => {
    expect(() => JsonPointer.checkKeys([['__proto__'], 'polluted'] as unknown as JsonPointer.Tokens)).not.toThrow()
  })
})
