/**
 * `--patch-operations` as the AWS CLI reads it: JSON or the shorthand syntax, examples of every
 * rule of `src/cli/shorthand.ts`, including each way the text can be wrong.
 */
import { describe, expect, it } from 'vitest'
import { isShorthandWord, parsePatchOperations } from '../src/cli/shorthand.js'
import { expectLeft, expectRight } from './helpers.js'

const parse = (...texts: ReadonlyArray<string>) => parsePatchOperations(texts)

describe('parsePatchOperations: shorthand', () => {
  it('one operation per word, key=value pairs split at commas', () => {
    expect(expectRight(parse('op=replace,path=/canarySettings/percentTraffic,value=50 op=remove,path=/variables/sv1'))).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' },
      { op: 'remove', path: '/variables/sv1' }
    ])
  })

  it('several texts are read in order, and any whitespace separates operations', () => {
    expect(expectRight(parse('op=remove,path=/a', '  op=remove,path=/b\top=remove,path=/c\n'))).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'remove', path: '/b' },
      { op: 'remove', path: '/c' }
    ])
  })

  it('several spaces between operations make no empty operation', () => {
    expect(expectRight(parse('op=remove,path=/a   op=remove,path=/b'))).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'remove', path: '/b' }
    ])
  })

  it('the from key, and an empty value', () => {
    expect(expectRight(parse('op=copy,from=/canarySettings/deploymentId,path=/deploymentId op=replace,path=/description,value='))).toEqual([
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'replace', path: '/description', value: '' }
    ])
  })

  it('a value keeps "=" after the first one, and a trailing comma ends nothing more', () => {
    expect(expectRight(parse('op=replace,path=/variables/url,value=a=b,'))).toEqual([{ op: 'replace', path: '/variables/url', value: 'a=b' }])
  })

  it('double quotes keep commas and spaces; a backslash inside them escapes the next character', () => {
    expect(expectRight(parse('op=replace,path=/variables/v,value="a, b"'))).toEqual([{ op: 'replace', path: '/variables/v', value: 'a, b' }])
    expect(expectRight(parse('op=replace,path=/variables/v,value="say \\"hi\\""'))).toEqual([{ op: 'replace', path: '/variables/v', value: 'say "hi"' }])
  })

  it('single quotes keep everything literally, backslashes included', () => {
    expect(expectRight(parse("op=replace,path=/variables/v,value='a\\,b c'"))).toEqual([{ op: 'replace', path: '/variables/v', value: 'a\\,b c' }])
  })

  it('a quote inside a value only opens a quoted part: text before and after it stays', () => {
    expect(expectRight(parse('op=replace,path=/variables/v,value=x"y z"w'))).toEqual([{ op: 'replace', path: '/variables/v', value: 'xy zw' }])
  })

  it('outside quotes a backslash escapes a comma or a space, in a value and in a key', () => {
    expect(expectRight(parse('op=replace,path=/variables/v,value=a\\,b\\ c'))).toEqual([{ op: 'replace', path: '/variables/v', value: 'a,b c' }])
    expect(expectRight(parse('o\\p=remove,path=/x'))).toEqual([{ op: 'remove', path: '/x' }])
  })

  it('a backslash at the very end is kept as itself', () => {
    expect(expectRight(parse('op=replace,path=/v,value=a\\'))).toEqual([{ op: 'replace', path: '/v', value: 'a\\' }])
  })

  it('a quote in a key is part of the key, not a quoted part', () => {
    expect(expectLeft(parse('"op"=remove'))).toBe('--patch-operations: shorthand key "\\"op\\"" is not one of op, path, value, from')
  })

  it('a key without "=" is refused, naming the key', () => {
    expect(expectLeft(parse('op=remove,path'))).toBe('--patch-operations: shorthand "path" has no "=": write key=value, such as op=replace')
    expect(expectLeft(parse('op=remove,path op=remove,path=/x'))).toBe('--patch-operations: shorthand "path" has no "=": write key=value, such as op=replace')
    expect(expectLeft(parse('op=remove,path,value=1'))).toBe('--patch-operations: shorthand "path" has no "=": write key=value, such as op=replace')
  })

  it('an unknown key is refused', () => {
    expect(expectLeft(parse('op=replace,colour=red'))).toBe('--patch-operations: shorthand key "colour" is not one of op, path, value, from')
    expect(expectLeft(parse('op=replace,colour=red op=remove,path=/x'))).toBe('--patch-operations: shorthand key "colour" is not one of op, path, value, from')
  })

  it('a key given twice in one operation is refused, but the same key in the next operation is fine', () => {
    expect(expectLeft(parse('op=remove,op=replace'))).toBe('--patch-operations: shorthand key "op" is given twice in one operation')
    expect(expectRight(parse('op=remove op=remove'))).toEqual([{ op: 'remove' }, { op: 'remove' }])
  })

  it('an unclosed quote is refused, naming the quote', () => {
    expect(expectLeft(parse('op=replace,path=/v,value="abc'))).toBe('--patch-operations: shorthand has an unclosed " quote')
    expect(expectLeft(parse("op=replace,path=/v,value='abc"))).toBe("--patch-operations: shorthand has an unclosed ' quote")
  })

  it('text with no key=value pair at all is no operations', () => {
    const none = '--patch-operations: no operations: write JSON or shorthand such as op=replace,path=/canarySettings/percentTraffic,value=10'
    expect(expectLeft(parse(''))).toBe(none)
    expect(expectLeft(parse('   '))).toBe(none)
    expect(expectLeft(parse(',,'))).toBe(none)
  })
})

describe('parsePatchOperations: JSON', () => {
  it('a list of operations, as is', () => {
    expect(expectRight(parse('[{"op":"remove","path":"/canarySettings"}]'))).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('the --cli-input-json object, with its patchOperations list; surrounding whitespace is fine', () => {
    expect(expectRight(parse('  {"patchOperations": [{"op":"remove","path":"/a"}, 7]}  '))).toEqual([{ op: 'remove', path: '/a' }, 7])
  })

  it('JSON and shorthand texts mix, in order', () => {
    expect(expectRight(parse('op=remove,path=/a', '[{"op":"remove","path":"/b"}]'))).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'remove', path: '/b' }
    ])
  })

  it('text that starts like JSON but is not: the parser\'s message', () => {
    expect(expectLeft(parse('[{"op":'))).toMatch(/^--patch-operations is not JSON: \S/)
    expect(expectLeft(parse('{oops'))).toMatch(/^--patch-operations is not JSON: \S/)
  })

  it('JSON that is neither a list nor an object with a patchOperations list', () => {
    const neither = '--patch-operations JSON is neither a list of operations nor an object with a "patchOperations" list'
    expect(expectLeft(parse('{"patchOperations": {"op": "remove"}}'))).toBe(neither)
    expect(expectLeft(parse('{"operations": []}'))).toBe(neither)
    expect(expectLeft(parse('[1]', '{}'))).toBe(neither)
  })

  it('no texts: no operations', () => {
    expect(expectRight(parse())).toEqual([])
  })
})

describe('isShorthandWord', () => {
  it('a word that starts with one of the four keys and "="', () => {
    for (const w of ['op=remove', 'path=/x', 'value=1', 'from=/a', 'op=']) expect(isShorthandWord(w)).toBe(true)
    for (const w of ['stage.json', '--patch-operations', 'xop=remove', 'op', 'colour=red', ' op=remove', 'Op=remove']) expect(isShorthandWord(w)).toBe(false)
  })
})
