/**
 * RFC 6901 pointers by example: escaping, parsing, array indices and the refused keys, with the
 * message each refusal carries.
 */
import { describe, expect, it } from 'vitest'
import * as P from '../../src/json/JsonPointer.js'
import { expectLeft, expectRight } from '../helpers.js'

describe('escaping', () => {
  it('~ as ~0 and / as ~1, in that order both ways', () => {
    expect(P.escape('a/b~c')).toBe('a~1b~0c')
    expect(P.escape('~1')).toBe('~01')
    expect(expectRight(P.unescape('~01'))).toBe('~1')
    expect(expectRight(P.unescape('a~1b~0c'))).toBe('a/b~c')
    expect(expectRight(P.unescape('plain'))).toBe('plain')
  })

  it('unescape refuses a raw "/", a bad escape, a lone "~" at the end, and non-strings', () => {
    expect(expectLeft(P.unescape('a/b'))).toEqual({ _tag: 'MalformedPointer', pointer: 'a/b', message: 'JSON Pointer "a/b" is malformed: a token cannot contain "/"; write it as "~1"' })
    expect(expectLeft(P.unescape('a~2')).message).toBe('JSON Pointer "a~2" is malformed: "~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"')
    expect(expectLeft(P.unescape('a~')).message).toBe('JSON Pointer "a~" is malformed: "~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"')
    expect(expectLeft(P.unescape(5 as unknown as string))).toEqual({ _tag: 'MalformedPointer', pointer: '5', message: 'JSON Pointer 5 is malformed: "~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"' })
  })
})

describe('parse and format', () => {
  it('"" is the whole document; every other pointer starts with "/"', () => {
    expect(expectRight(P.parse(''))).toEqual([])
    expect(expectRight(P.parse('/'))).toEqual([''])
    expect(expectRight(P.parse('/a//b'))).toEqual(['a', '', 'b'])
    expect(expectRight(P.parse('/~1pets/GET/~0x'))).toEqual(['/pets', 'GET', '~x'])
    expect(expectLeft(P.parse('a/b'))).toEqual({ _tag: 'MalformedPointer', pointer: 'a/b', message: 'JSON Pointer "a/b" is malformed: it must be "" (the whole document) or start with "/", as in "/a/b"' })
    expect(expectLeft(P.parse('/a~2')).message).toBe('JSON Pointer "/a~2" is malformed: "~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"')
    expect(expectLeft(P.parse('/a~')).message).toMatch(/"~" must be followed by 0 or 1/)
    expect(expectLeft(P.parse(null as unknown as string))).toEqual({ _tag: 'MalformedPointer', pointer: 'null', message: 'JSON Pointer null is malformed: it is not a string; write a pointer such as "/a/0"' })
  })

  it('format escapes each token; a non-string token is shown', () => {
    expect(P.format([])).toBe('')
    expect(P.format(['/pets', 'GET', '~x', ''])).toBe('/~1pets/GET/~0x/')
    expect(P.format([1 as unknown as string])).toBe('/1')
  })

  it('parseSafe and checkKeys refuse __proto__, constructor and prototype anywhere, and non-string tokens', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(expectLeft(P.parseSafe(`/a/${key}/b`))).toEqual({
        _tag: 'ForbiddenKey',
        pointer: `/a/${key}/b`,
        token: key,
        message: `JSON Pointer "/a/${key}/b" uses the key "${key}", which is refused: __proto__, constructor and prototype could reach an object's prototype`
      })
      expect(P.isForbiddenKey(key)).toBe(true)
    }
    expect(P.isForbiddenKey('proto')).toBe(false)
    expect(expectRight(P.parseSafe('/a/b'))).toEqual(['a', 'b'])
    expect(expectLeft(P.parseSafe('x'))._tag).toBe('MalformedPointer')
    expect(expectLeft(P.checkKeys(['a', ['__proto__'] as unknown as string]))).toMatchObject({ _tag: 'ForbiddenKey', pointer: '/a/an array', token: 'not a string: an array' })
    expect(expectLeft(P.checkKeys(['constructor'], '/x')).pointer).toBe('/x')
    expect(expectRight(P.checkKeys(['a']))).toEqual(['a'])
  })

  it('isProperPrefix: shorter and equal on every token', () => {
    expect(P.isProperPrefix([], ['a'])).toBe(true)
    expect(P.isProperPrefix(['a'], ['a', 'b'])).toBe(true)
    expect(P.isProperPrefix(['a'], ['a'])).toBe(false)
    expect(P.isProperPrefix(['a', 'b'], ['a'])).toBe(false)
    expect(P.isProperPrefix(['b'], ['a', 'b'])).toBe(false)
  })
})

describe('array indices', () => {
  it('decimal digits without leading zeros or sign; "-" only to insert', () => {
    expect(expectRight(P.parseArrayIndex('0', 1, 'existing'))).toBe(0)
    expect(expectRight(P.parseArrayIndex('2', 2, 'insert'))).toBe(2)
    expect(expectRight(P.parseArrayIndex('-', 3, 'insert'))).toBe(3)
    expect(expectLeft(P.parseArrayIndex('-', 3, 'existing'))).toEqual({
      _tag: 'InvalidIndex',
      token: '-',
      message: '"-" names the position after the last element, which only add (and the path of move and copy) can use; name an existing element such as "0"'
    })
    for (const token of ['01', '+1', '-1', '1.0', ' 1', 'x', '']) {
      expect(expectLeft(P.parseArrayIndex(token, 5, 'insert'))).toEqual({ _tag: 'InvalidIndex', token, message: `${JSON.stringify(token)} is not an array index: use decimal digits without leading zeros or sign, such as "0" or "12"` })
    }
    expect(expectLeft(P.parseArrayIndex(1 as unknown as string, 5, 'insert'))._tag).toBe('InvalidIndex')
  })

  it('the largest index is 4294967294; longer numbers are too large', () => {
    expect(P.maxIndex).toBe(4294967294)
    expect(expectLeft(P.parseArrayIndex('4294967295', 5, 'insert'))).toEqual({ _tag: 'InvalidIndex', token: '4294967295', message: '"4294967295" is too large for an array index (at most 4294967294)' })
    expect(expectLeft(P.parseArrayIndex('99999999999', 5, 'insert')).message).toBe('"99999999999" is too large for an array index (at most 4294967294)')
    expect(expectLeft(P.parseArrayIndex('4294967294', 5, 'insert'))._tag).toBe('IndexOutOfBounds')
  })

  it('out of bounds: the message depends on the mode and on an empty array', () => {
    expect(expectLeft(P.parseArrayIndex('3', 2, 'insert'))).toEqual({
      _tag: 'IndexOutOfBounds',
      index: 3,
      length: 2,
      message: 'index 3 is out of bounds: the array has 2 elements, so add can insert at 0 to 2 (or "-" for the end)'
    })
    expect(expectLeft(P.parseArrayIndex('2', 2, 'existing')).message).toBe('index 2 is out of bounds: the array has 2 elements, at indices 0 to 1')
    expect(expectLeft(P.parseArrayIndex('0', 0, 'existing')).message).toBe('index 0 is out of bounds: the array is empty')
  })
})
