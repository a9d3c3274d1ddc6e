/**
 * JSON Pointer (RFC 6901): examples first (the RFC's own, then the failures), then the laws
 * as properties (statements in `test/laws/JsonPatch.ts`).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as JsonPointer from '../../src/json/JsonPointer.js'
import { expectLeft, expectRight } from '../helpers.js'
import { formatParse, parseAcceptsTheGrammar, parseFormat } from '../laws/JsonPatch.js'

describe('parse: examples', () => {
  it('parses the pointers of RFC 6901 section 5', () => {
    const cases: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
      ['', []],
      ['/foo', ['foo']],
      ['/foo/0', ['foo', '0']],
      ['/', ['']],
      ['/a~1b', ['a/b']],
      ['/c%d', ['c%d']],
      ['/e^f', ['e^f']],
      ['/g|h', ['g|h']],
      ['/i\\j', ['i\\j']],
      ['/k"l', ['k"l']],
      ['/ ', [' ']],
      ['/m~0n', ['m~n']]
    ]
    for (const [pointer, tokens] of cases) {
      expect(expectRight(JsonPointer.parse(pointer)), pointer).toEqual(tokens)
      expect(JsonPointer.format(tokens)).toBe(pointer)
    }
  })

  it('unescapes ~1 before ~0, so "~01" is "~1"', () => {
    expect(expectRight(JsonPointer.parse('/~01'))).toEqual(['~1'])
    expect(expectRight(JsonPointer.parse('/~10'))).toEqual(['/0'])
    expect(JsonPointer.format(['~1'])).toBe('/~01')
  })

  it('keeps empty tokens: "//" is two empty keys, "/a/" ends with one', () => {
    expect(expectRight(JsonPointer.parse('//'))).toEqual(['', ''])
    expect(expectRight(JsonPointer.parse('/a/'))).toEqual(['a', ''])
  })

  it('refuses a pointer that does not start with "/"', () => {
    const e = expectLeft(JsonPointer.parse('foo/bar'))
    expect(e._tag).toBe('MalformedPointer')
    expect(e.message).toBe('JSON Pointer "foo/bar" is malformed: it must be "" (the whole document) or start with "/", as in "/foo/bar"')
    expect(E.isLeft(JsonPointer.parse('#/foo'))).toBe(true)
  })

  it('refuses "~" not followed by 0 or 1: ~2, a trailing ~, ~/', () => {
    for (const pointer of ['/~2', '/a~', '/a~/b', '/~', '/a~a', '/~~01']) {
      expect(expectLeft(JsonPointer.parse(pointer))._tag, pointer).toBe('MalformedPointer')
    }
  })

  it('refuses what is not a string, without throwing', () => {
    for (const u of [null, undefined, 1, {}, ['a'], Symbol('x')]) {
      expect(expectLeft(JsonPointer.parse(u as unknown as string))._tag).toBe('MalformedPointer')
    }
  })
})

describe('escape and unescape: examples', () => {
  it('escape is "~" to "~0" then "/" to "~1"', () => {
    expect(JsonPointer.escape('~/')).toBe('~0~1')
    expect(JsonPointer.escape('plain')).toBe('plain')
  })

  it('unescape inverts escape and refuses other escapes', () => {
    expect(expectRight(JsonPointer.unescape('~0~1'))).toBe('~/')
    expect(expectLeft(JsonPointer.unescape('~2'))._tag).toBe('MalformedPointer')
    expect(expectLeft(JsonPointer.unescape('a~'))._tag).toBe('MalformedPointer')
    expect(expectLeft(JsonPointer.unescape('a/b'))._tag).toBe('MalformedPointer')
  })
})

describe('parseArrayIndex: examples', () => {
  const tag = (token: string, length: number, mode: JsonPointer.IndexMode): string =>
    E.match(
      (e: JsonPointer.PointerError) => e._tag,
      (n: number) => `Right ${n}`
    )(JsonPointer.parseArrayIndex(token, length, mode))

  it('reads decimal digits without leading zeros', () => {
    expect(tag('0', 3, 'existing')).toBe('Right 0')
    expect(tag('2', 3, 'existing')).toBe('Right 2')
    expect(tag('10', 11, 'existing')).toBe('Right 10')
  })

  it('refuses leading zeros, signs, exponents, spaces, hex and empty tokens', () => {
    for (const token of ['01', '00', '-1', '+1', '1e0', ' 1', '1 ', '0x1', '1.0', '', 'a', '１']) {
      expect(tag(token, 100, 'existing'), token).toBe('InvalidIndex')
      expect(tag(token, 100, 'insert'), token).toBe('InvalidIndex')
    }
  })

  it('allows the length itself and "-" only to insert', () => {
    expect(tag('3', 3, 'insert')).toBe('Right 3')
    expect(tag('-', 3, 'insert')).toBe('Right 3')
    expect(tag('3', 3, 'existing')).toBe('IndexOutOfBounds')
    expect(tag('-', 3, 'existing')).toBe('InvalidIndex')
    expect(tag('4', 3, 'insert')).toBe('IndexOutOfBounds')
    expect(tag('0', 0, 'existing')).toBe('IndexOutOfBounds')
  })

  it('refuses an index above 2^32 - 2, however long', () => {
    expect(tag(String(JsonPointer.maxIndex + 1), 2 ** 32, 'insert')).toBe('InvalidIndex')
    expect(tag(String(2 ** 32), 2 ** 32, 'insert')).toBe('InvalidIndex')
    expect(tag('9'.repeat(400), 10, 'existing')).toBe('InvalidIndex')
    expect(tag(String(JsonPointer.maxIndex), 2 ** 32 - 1, 'existing')).toBe(`Right ${JsonPointer.maxIndex}`)
  })

  it('says how to fix the index', () => {
    expect(expectLeft(JsonPointer.parseArrayIndex('01', 3, 'existing')).message).toBe(
      '"01" is not an array index: use decimal digits without leading zeros or sign, such as "0" or "12"'
    )
    expect(expectLeft(JsonPointer.parseArrayIndex('5', 3, 'insert')).message).toBe(
      'index 5 is out of bounds: the array has 3 elements, so add can insert at 0 to 3 (or "-" for the end)'
    )
  })
})

describe('forbidden keys: examples', () => {
  it('isForbiddenKey is exactly __proto__, constructor and prototype', () => {
    for (const key of JsonPointer.forbiddenKeys) expect(JsonPointer.isForbiddenKey(key)).toBe(true)
    for (const key of ['__proto', 'Constructor', 'PROTOTYPE', '__proto__ ', '', 'toString']) expect(JsonPointer.isForbiddenKey(key)).toBe(false)
  })

  it('parseSafe refuses them at any depth; parse alone does not', () => {
    for (const pointer of ['/__proto__', '/a/constructor', '/a/b/prototype', '/constructor/prototype/x']) {
      expect(expectLeft(JsonPointer.parseSafe(pointer))._tag, pointer).toBe('ForbiddenKey')
      expect(E.isRight(JsonPointer.parse(pointer))).toBe(true)
    }
    expect(expectRight(JsonPointer.parseSafe('/a~1__proto__'))).toEqual(['a/__proto__'])
  })

  it('checks the unescaped token, however the pointer was spelled', () => {
    const fromJson = JSON.parse('"/\\u005f\\u005fproto\\u005f\\u005f/x"') as string
    const e = expectLeft(JsonPointer.parseSafe(fromJson))
    expect(e).toMatchObject({ _tag: 'ForbiddenKey', token: '__proto__' })
    expect(expectLeft(JsonPointer.checkKeys(['a', 'prototype']))).toMatchObject({ pointer: '/a/prototype', token: 'prototype' })
  })
})

describe('isProperPrefix: examples', () => {
  it('compares tokens, not characters', () => {
    expect(JsonPointer.isProperPrefix([], ['a'])).toBe(true)
    expect(JsonPointer.isProperPrefix(['a'], ['a', 'b'])).toBe(true)
    expect(JsonPointer.isProperPrefix(['a'], ['ab'])).toBe(false)
    expect(JsonPointer.isProperPrefix(['a', 'b'], ['a'])).toBe(false)
    expect(JsonPointer.isProperPrefix([], [])).toBe(false)
  })
})

// Pointer text built from pieces that are mostly valid, with a few bare "~" to break it.
const tokenText = fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', '/', '~', '~0', '~1', '-', '', ' ', 'é') })
const pointerText = fc.oneof(
  fc.string({ unit: fc.constantFrom('/', 'a', '0', '1', '~0', '~1', '~01', '-') }),
  fc.string({ unit: fc.constantFrom('/', 'a', '~', '~0', '~1', '2') }),
  fc.string()
)
const tokens = fc.array(fc.oneof(tokenText, fc.string()), { maxLength: 6 })

describe('laws', () => {
  it('parse(format(tokens)) = tokens', () => {
    fc.assert(fc.property(tokens, parseFormat))
  })

  it('format(parse(pointer)) = pointer for every valid pointer', () => {
    fc.assert(fc.property(fc.oneof(pointerText, pointerText.map((p) => `/${p}`)), formatParse))
  })

  it('format(parse(pointer)) = pointer on pointers that are valid by construction', () => {
    const valid = fc.array(fc.string({ unit: fc.constantFrom('a', '~0', '~1', '', '0') }), { maxLength: 5 }).map((ts) => ts.map((t) => `/${t}`).join(''))
    fc.assert(fc.property(valid, (pointer) => E.isRight(JsonPointer.parse(pointer)) && formatParse(pointer)))
  })

  it('parse accepts exactly the RFC 6901 grammar', () => {
    fc.assert(fc.property(fc.oneof(pointerText, pointerText.map((p) => `/${p}`)), parseAcceptsTheGrammar))
  })
})
