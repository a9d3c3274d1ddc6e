/**
 * `--patch-operations` as the AWS CLI reads it: the shorthand parser word by word against the
 * AWS CLI's own (`awscli/shorthand.py` of AWS CLI v2.9.19: every expectation in the table was
 * printed by `ShorthandParser().parse(word)`), then operations from words, JSON and files, with
 * each way the input can be wrong; then the laws of quoting.
 */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isJsonWord, isOperationWord, parsePatchOperations, parseShorthand, type ShorthandError, type ShorthandStructure } from '../../src/cli/shorthand.js'
import { expectLeft, expectRight } from '../helpers.js'

const words = (...ws: ReadonlyArray<string>) => parsePatchOperations([{ _tag: 'Words', words: ws }])
const file = (text: string, path = 'ops.json') => parsePatchOperations([{ _tag: 'File', path, text }])

/** [word, what the AWS CLI's ShorthandParser makes of it]: its structure, or where and why it stopped. */
const AWS_CLI: ReadonlyArray<readonly [string, E.Either<ShorthandError, ShorthandStructure>]> = [
  ["op=replace,path=/description,value=C:\\temp", E.right({"op": "replace", "path": "/description", "value": "C:\\temp"})],
  ["op=replace,path=/description,value=\"a\\nb\"", E.right({"op": "replace", "path": "/description", "value": "a\\nb"})],
  ["op=replace,path=/description,value='it\\'s'", E.right({"op": "replace", "path": "/description", "value": "it's"})],
  ["op=replace, path=/description, value=x", E.right({"op": "replace", "path": "/description", "value": "x"})],
  ["op = replace ,path= /a ,value =x y  ", E.right({"op": "replace", "path": "/a", "value": "x y"})],
  ["op=replace,path=/a,value=  spaced  ", E.right({"op": "replace", "path": "/a", "value": "spaced"})],
  ["op=replace,path=/a,value=a\tb", E.right({"op": "replace", "path": "/a", "value": "a\tb"})],
  ["op=replace,path=/a,value=C:\\Program Files\\x", E.right({"op": "replace", "path": "/a", "value": "C:\\Program Files\\x"})],
  ["op=replace,path=/a,value=\"C:\\temp\"", E.right({"op": "replace", "path": "/a", "value": "C:\\temp"})],
  ["op=replace,path=/a,value=a\\,b", E.right({"op": "replace", "path": "/a", "value": "a,b"})],
  ["op=replace,path=/a,value=\\,", E.right({"op": "replace", "path": "/a", "value": ","})],
  ["op=replace,path=/a,value=a\\\\,b", E.right({"op": "replace", "path": "/a", "value": "a\\,b"})],
  ["op=replace,path=/a,value=a\\\\", E.right({"op": "replace", "path": "/a", "value": "a\\\\"})],
  ["op=replace,path=/a,value=a\\ ", E.right({"op": "replace", "path": "/a", "value": "a\\"})],
  ["op=replace,path=/a,value=\"a,b\"", E.right({"op": "replace", "path": "/a", "value": "a,b"})],
  ["op=replace,path=/a,value='a,b c'", E.right({"op": "replace", "path": "/a", "value": "a,b c"})],
  ["op=replace,path=/a,value=\"say \\\"hi\\\"\"", E.right({"op": "replace", "path": "/a", "value": "say \"hi\""})],
  ["op=replace,path=/a,value=\"back\\\\slash\"", E.right({"op": "replace", "path": "/a", "value": "back\\slash"})],
  ["op=replace,path=/a,value='x\\\\y'", E.right({"op": "replace", "path": "/a", "value": "x\\y"})],
  ["op=replace,path=/a,value='a\\\"b'", E.right({"op": "replace", "path": "/a", "value": "a\\\"b"})],
  ["op=replace,path=/a,value=\"a\\'b\"", E.right({"op": "replace", "path": "/a", "value": "a\\'b"})],
  ["op=replace,path=/a,value=\"abc\\\"", E.right({"op": "replace", "path": "/a", "value": "abc\\"})],
  ["op=replace,path=/a,value=a=b", E.right({"op": "replace", "path": "/a", "value": "a=b"})],
  ["op=replace,path=/a,value=", E.right({"op": "replace", "path": "/a", "value": ""})],
  ["op=replace,value=,path=/a", E.right({"op": "replace", "value": "", "path": "/a"})],
  ["op=copy,from=/canarySettings/deploymentId,path=/deploymentId", E.right({"op": "copy", "from": "/canarySettings/deploymentId", "path": "/deploymentId"})],
  ["op=remove path=/x", E.right({"op": "remove path=/x"})],
  ["op=replace,path=/a,value=café", E.right({"op": "replace", "path": "/a", "value": "café"})],
  ["op=replace,path=/a,value=a,b", E.right({"op": "replace", "path": "/a", "value": ["a", "b"]})],
  ["op=replace,path=/a,value=a, b ,c", E.right({"op": "replace", "path": "/a", "value": ["a", "b", "c"]})],
  ["op=replace,path=/a,value=[a,b]", E.right({"op": "replace", "path": "/a", "value": ["a", "b"]})],
  ["op=replace,path=/a,value={k=v}", E.right({"op": "replace", "path": "/a", "value": {"k": "v"}})],
  ["a=b,c\\,d=e", E.right({"a": "b", "d": "e"})],
  ["op=remove,path", E.right({"op": ["remove", "path"]})],
  ["op=remove,path=/a,", E.left({ _tag: 'Syntax', index: 18, expected: "<second>", actual: "<none>" })],
  ["op=replace,path=/a,value=x\"y z\"w", E.left({ _tag: 'Syntax', index: 26, expected: ",", actual: "\"" })],
  ["\"op\"=remove", E.left({ _tag: 'Syntax', index: 0, expected: "=", actual: "\"" })],
  ["o\\p=remove", E.left({ _tag: 'Syntax', index: 1, expected: "=", actual: "\\" })],
  [" op=remove", E.left({ _tag: 'Syntax', index: 1, expected: "=", actual: "o" })],
  ["op=remove,op=replace", E.left({ _tag: 'DuplicateKey', key: "op", index: 10 })],
  ["op=replace,path=/a,value=\"abc", E.left({ _tag: 'Syntax', index: 25, expected: "<double quoted>", actual: "<none>" })],
  ["op=replace,path=/a,value='abc", E.left({ _tag: 'Syntax', index: 25, expected: "<singled quoted>", actual: "<none>" })],
  ["op=replace,path=/a,value=a]b", E.left({ _tag: 'Syntax', index: 26, expected: ",", actual: "]" })],
  ["op=replace,path=/a,value=a😀b", E.left({ _tag: 'Syntax', index: 26, expected: ",", actual: "😀" })],
  ["op=replace,path=/a,value=\"a😀b\"", E.right({"op": "replace", "path": "/a", "value": "a😀b"})],
  ["", E.left({ _tag: 'Syntax', index: 0, expected: "=", actual: "EOF" })],
]

describe('parseShorthand: the AWS CLI\'s parser, case by case', () => {
  it.each(AWS_CLI)('%j', (word, expected) => {
    expect(parseShorthand(word)).toEqual(expected)
  })

  it('the audit\'s three: backslashes kept as the AWS CLI keeps them', () => {
    const value = (word: string) => (expectRight(parseShorthand(word)) as { value?: unknown }).value
    expect(value('value=C:\\temp')).toBe('C:\\temp')
    expect(value('value="a\\nb"')).toBe('a\\nb')
    expect(value("value='it\\'s'")).toBe("it's")
  })
})

describe('parsePatchOperations: shorthand words', () => {
  it('one operation per word; spaces around "," and "=" are skipped', () => {
    expect(expectRight(words('op=replace, path=/description, value=x', 'op = remove , path = /variables/sv1'))).toEqual([
      { op: 'replace', path: '/description', value: 'x' },
      { op: 'remove', path: '/variables/sv1' }
    ])
  })

  it('whitespace inside a word never separates operations: it belongs to the value', () => {
    expect(expectRight(words('op=replace,path=/description,value=a b op=remove'))).toEqual([{ op: 'replace', path: '/description', value: 'a b op=remove' }])
  })

  it('the from key, and empty values', () => {
    expect(expectRight(words('op=copy,from=/canarySettings/deploymentId,path=/deploymentId', 'op=replace,path=/description,value='))).toEqual([
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'replace', path: '/description', value: '' }
    ])
  })

  it('a list or a structure is not a value: named, with how to keep the comma', () => {
    expect(expectLeft(words('op=replace,path=/v,value=a,b'))).toBe(
      '--patch-operations: shorthand value is a list (["a","b"]), not a string: a comma starts a new key=value pair only when a key and "=" follow it; to keep a comma in a value, quote it (value="a,b") or escape it (value=a\\,b)'
    )
    expect(expectLeft(words('op=remove,path'))).toMatch(/^--patch-operations: shorthand op is a list \(\["remove","path"\]\), not a string: /)
    expect(expectLeft(words('op=replace,path=/v,value={k=v}'))).toMatch(/^--patch-operations: shorthand value is a structure \(\{"k":"v"\}\), not a string: /)
  })

  it('a syntax error names the word, the character and what to do', () => {
    expect(expectLeft(words('op=replace,path=/v,value=x"y"'))).toBe(
      '--patch-operations: shorthand "op=replace,path=/v,value=x\\"y\\"": expected "," at character 27, found "\\"": separate key=value pairs with commas, put each operation in its own word, and quote a value that holds a quote, "]" or "}" (value="a]b")'
    )
    expect(expectLeft(words('op=remove,path=/a,'))).toBe(
      '--patch-operations: shorthand "op=remove,path=/a,": expected a value at character 19, found the end: a comma must be followed by another key=value pair'
    )
    expect(expectLeft(words('"op"=remove'))).toBe('--patch-operations: shorthand "\\"op\\"=remove": expected "=" at character 1, found "\\"": write key=value, such as op=replace')
    expect(expectLeft(words('op=replace,path=/v,value="abc'))).toBe(
      '--patch-operations: shorthand "op=replace,path=/v,value=\\"abc": expected a closing " quote at character 26, found "\\"": close the quote (inside it, escape the quote with a backslash)'
    )
  })

  it('a key given twice in one operation is refused; the same key in the next word is fine', () => {
    expect(expectLeft(words('op=remove,op=replace'))).toBe(
      '--patch-operations: shorthand key "op" is given twice in one operation "op=remove,op=replace": write each operation as its own word (op=remove,path=/a op=remove,path=/b)'
    )
    expect(expectRight(words('op=remove', 'op=remove'))).toEqual([{ op: 'remove' }, { op: 'remove' }])
  })

  it('an unknown key is refused', () => {
    expect(expectLeft(words('op=replace,colour=red'))).toBe('--patch-operations: shorthand key "colour" is not one of op, path, value, from')
  })

  it('an empty word, or one of spaces, is no operation', () => {
    const none = '--patch-operations: an empty operation: write JSON or shorthand such as op=replace,path=/canarySettings/percentTraffic,value=10'
    expect(expectLeft(words(''))).toBe(none)
    expect(expectLeft(words('   '))).toBe(none)
    expect(expectLeft(parsePatchOperations([{ _tag: 'Words', words: [] }]))).toMatch(/^--patch-operations has no operations/)
  })

  it('file:// among several words is refused: the AWS CLI reads a file only when it is the only value', () => {
    expect(expectLeft(words('op=remove,path=/a', 'file://ops.json'))).toBe('file://ops.json: a file must be the only value of its --patch-operations (the AWS CLI reads a file only then)')
  })
})

describe('parsePatchOperations: JSON words', () => {
  it('one word holding a list', () => {
    expect(expectRight(words(' [{"op":"remove","path":"/canarySettings"}]'))).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('one object per word, as the AWS CLI takes them; a single object is one operation', () => {
    expect(expectRight(words('{"op":"remove","path":"/a"}', '{"op":"remove","path":"/b"}'))).toEqual([
      { op: 'remove', path: '/a' },
      { op: 'remove', path: '/b' }
    ])
    expect(expectRight(words('{"op":"remove","path":"/a"}'))).toEqual([{ op: 'remove', path: '/a' }])
  })

  it('the --cli-input-json object, with its patchOperations list', () => {
    expect(expectRight(words('  {"patchOperations": [{"op":"remove","path":"/a"}, 7]}  '))).toEqual([{ op: 'remove', path: '/a' }, 7])
  })

  it('after a first word in JSON, every word is a JSON object', () => {
    expect(expectLeft(words('{"op":"remove","path":"/a"}', 'op=remove,path=/b'))).toBe(
      '--patch-operations word 2 is not a JSON object: after a first word in JSON, give each operation as {"op":...} (or all of them as one list [...])'
    )
    expect(expectLeft(words('[{"op":"remove","path":"/a"}]', '{"op":"remove","path":"/b"}'))).toMatch(/^--patch-operations word 1 is not a JSON object/)
  })

  it('text that starts like JSON but is not: the parser\'s message', () => {
    expect(expectLeft(words('[{"op":'))).toMatch(/^--patch-operations is not JSON: \S/)
    expect(expectLeft(words('{oops'))).toMatch(/^--patch-operations is not JSON: \S/)
    expect(expectLeft(words('{"op":"remove"}', '{oops'))).toMatch(/^--patch-operations word 2 is not JSON: \S/)
  })
})

describe('parsePatchOperations: files', () => {
  it('a JSON list, or the --cli-input-json object', () => {
    expect(expectRight(file('[{"op":"remove","path":"/canarySettings"}]\n'))).toEqual([{ op: 'remove', path: '/canarySettings' }])
    expect(expectRight(file('{"patchOperations":[{"op":"remove","path":"/a"}]}'))).toEqual([{ op: 'remove', path: '/a' }])
  })

  it('shorthand in a file is refused, as the AWS CLI refuses it (one structure, not a list)', () => {
    expect(expectLeft(file('op=remove,path=/canarySettings\n', 'ops.txt'))).toBe(
      'file://ops.txt is not JSON: the AWS CLI reads a file given to --patch-operations as one value, so write the operations as a JSON list, such as [{"op":"remove","path":"/canarySettings"}] (apigw-canary apply --output operations prints one)'
    )
    expect(expectLeft(file(''))).toMatch(/^file:\/\/ops\.json is not JSON: /)
  })

  it('JSON that is neither a list nor an object with a patchOperations list, or not JSON', () => {
    expect(expectLeft(file('{"op":"remove","path":"/a"}'))).toBe('file://ops.json is neither a JSON list of operations nor an object with a "patchOperations" list')
    expect(expectLeft(file('[oops'))).toMatch(/^file:\/\/ops\.json is not JSON: \S/)
  })

  it('no arguments: no operations', () => {
    expect(expectRight(parsePatchOperations([]))).toEqual([])
  })
})

describe('which words after --patch-operations belong to it', () => {
  it('shorthand: a key (without "/") then "="; a file path is never taken for one', () => {
    for (const w of ['op=remove', 'path=/x', 'value=1', 'from=/a', 'op =', 'colour=red', '=x', 'file://ops.json']) expect(isOperationWord(w, false)).toBe(true)
    for (const w of ['stage.json', '-', '/tmp/stage.json', './a=b.json', ' op=remove', '{"op":"remove"}']) expect(isOperationWord(w, false)).toBe(false)
  })

  it('JSON: an object or a list', () => {
    expect(isOperationWord('{"op":"remove"}', true)).toBe(true)
    expect(isOperationWord('stage.json', true)).toBe(false)
    expect(isJsonWord(' [')).toBe(true)
    expect(isJsonWord('op=x')).toBe(false)
  })
})

// -------------------------------------------------------------------------------------
// laws
// -------------------------------------------------------------------------------------

/** Writes a string inside quotes `q` as the AWS CLI reads it back: the quote and the backslash escaped. */
const quote = (s: string, q: '"' | "'"): string => `${q}${s.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`)}${q}`

describe('laws', () => {
  it('the parser is total: every word gives a structure or an error, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '=', ',', '"', "'", '\\', ' ', '[', ']', '{', '}', '\t', 'é') }), (w) => {
        const r = parseShorthand(w)
        expect(E.isLeft(r) || typeof r.right === 'object').toBe(true)
      })
    )
  })

  it('any string, quoted (with its quote and backslashes escaped), reads back as itself, in either quotes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom<'"' | "'">('"', "'"), (s, q) => {
        expect(parseShorthand(`op=replace,path=/description,value=${quote(s, q)}`)).toEqual(E.right({ op: 'replace', path: '/description', value: s }))
      })
    )
  })

  it('an unquoted value keeps every backslash except the one of "\\,"', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '\\', ':', '/', '.', '-', ' ', '=', ',') }).filter((s) => /^[^\s\\,=]/.test(s) && !/\s$/.test(s) && !s.endsWith('\\'))
    fc.assert(
      fc.property(plain, (s) => {
        const written = s.replaceAll(',', '\\,')
        expect(parseShorthand(`value=${written}`)).toEqual(E.right({ value: s }))
      })
    )
  })
})
