/**
 * Reads `--patch-operations` as the AWS CLI reads it (`awscli/shorthand.py` and
 * `awscli/argprocess.py` of AWS CLI v2, checked against version 2.9.19).
 *
 * One `--patch-operations` takes one or more command-line words:
 * - when the first word, stripped, starts with `[` or `{`, the words are JSON: a single word
 *   `[...]` is the list of operations, otherwise each word is one operation `{...}`;
 * - otherwise each word is one operation in the shorthand syntax, `op=replace,path=/x,value=y`.
 *   Whitespace around `,` and `=` is skipped. An unquoted value runs to the next `,` (it may
 *   hold spaces and `=`; trailing whitespace is dropped) and keeps its backslashes, except
 *   `\,`, which is a comma. A double-quoted value unescapes `\"` and `\\`, a single-quoted one
 *   `\'` and `\\`; every other backslash stays. A comma-separated list (`value=a,b`), `[...]`
 *   or `{...}` is not a string, and so not a value of an operation;
 * - a single word `file://name` is replaced by the file's text, read as one value: so the file
 *   holds JSON (`[...]`); shorthand in a file is one structure, not a list, and the AWS CLI
 *   refuses it.
 *
 * Beyond the AWS CLI: `{"patchOperations": [...]}` (the shape of `--cli-input-json`) is read as
 * its list, in a word or a file.
 *
 * The result is raw data: the patch applier checks every operation.
 *
 * @since 0.1.0
 *
 * @internal
 */
import { E } from '../internal/fp.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A value of the shorthand syntax: a string, a list (`a,b` or `[a,b]`) or a structure (`{k=v}`). @internal */
export type ShorthandValue = string | ReadonlyArray<ShorthandValue> | { readonly [key: string]: ShorthandValue }

/** A structure: the result of parsing one word. @internal */
export type ShorthandStructure = { readonly [key: string]: ShorthandValue }

/**
 * Why a word is not shorthand, as the AWS CLI's parser says it: at `index` (in code points)
 * it expected `expected` (a character, or `<second>`, `<singled quoted>`, `<double quoted>` for
 * a value or a quoted value) and found `actual` (a character, `EOF` or `<none>`); or a key came
 * twice.
 *
 * @internal
 */
export type ShorthandError =
  | { readonly _tag: 'Syntax'; readonly index: number; readonly expected: string; readonly actual: string }
  | { readonly _tag: 'DuplicateKey'; readonly key: string; readonly index: number }

/** The value of one `--patch-operations`: its words, or the text of the file it names. @internal */
export type PatchOperationsArgument =
  | { readonly _tag: 'Words'; readonly words: ReadonlyArray<string> }
  | { readonly _tag: 'File'; readonly path: string; readonly text: string }

// -------------------------------------------------------------------------------------
// character classes (the AWS CLI's, by code point)
// -------------------------------------------------------------------------------------

type Ranges = ReadonlyArray<readonly [number, number]>

const within = (ranges: Ranges, c: number | undefined): boolean => c !== undefined && ranges.some(([lo, hi]) => c >= lo && c <= hi)

/** Python's `string.whitespace`: what `_consume_whitespace` skips. */
const ASCII_SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20]
]
/** Python's `\s` and `str.isspace` (what `rstrip` drops). */
const PY_SPACE: Ranges = [
  [0x09, 0x0d],
  [0x1c, 0x20],
  [0x85, 0x85],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000]
]
/** A key: `[a-zA-Z0-9\-_.#/:]`. */
const KEY: Ranges = [
  [0x23, 0x23],
  [0x2d, 0x3a],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a]
]
/** The first character of an unquoted value: `_START_WORD`. */
const START_WORD: Ranges = [
  [0x21, 0x21],
  [0x23, 0x26],
  [0x28, 0x2b],
  [0x2d, 0x3c],
  [0x3e, 0x5a],
  [0x5c, 0x7a],
  [0x7c, 0xffff]
]
/** The other characters of a first value: `_FIRST_FOLLOW_CHARS` (no `"`, `'`, `,`, `]`, `}`). */
const FIRST_FOLLOW: Ranges = [...PY_SPACE, [0x21, 0x21], [0x23, 0x26], [0x28, 0x2b], [0x2d, 0x5c], [0x5e, 0x7c], [0x7e, 0xffff]]
/** The other characters of a later value in a list: `_SECOND_FOLLOW_CHARS` (no `"`, `'`, `,`, `=`). */
const SECOND_FOLLOW: Ranges = [...PY_SPACE, [0x21, 0x21], [0x23, 0x26], [0x28, 0x2b], [0x2d, 0x3c], [0x3e, 0xffff]]

const code = (c: string | undefined): number | undefined => c?.codePointAt(0)

/** Python's `str.rstrip()`. */
const rstrip = (s: string): string => {
  const cs = Array.from(s)
  let end = cs.length
  while (end > 0 && within(PY_SPACE, code(cs[end - 1]))) end--
  return cs.slice(0, end).join('')
}

/** Python's `str.strip()`. */
const strip = (s: string): string => {
  const cs = Array.from(rstrip(s))
  let start = 0
  while (start < cs.length && within(PY_SPACE, code(cs[start]))) start++
  return cs.slice(start).join('')
}

// -------------------------------------------------------------------------------------
// the parser (a port of awscli.shorthand.ShorthandParser)
// -------------------------------------------------------------------------------------

const syntax = (index: number, expected: string, actual: string): ShorthandError => ({ _tag: 'Syntax', index, expected, actual })

/**
 * Parses one word, exactly as `ShorthandParser().parse(word)` of the AWS CLI does, quirks
 * included (a list value backtracks to the last comma before the point it failed at).
 *
 * @internal
 */
export const parseShorthand = (word: string): E.Either<ShorthandError, ShorthandStructure> => {
  const cs: ReadonlyArray<string> = Array.from(word)
  const n = cs.length
  let i = 0
  const eof = (): boolean => i >= n
  const skipSpace = (): void => {
    while (i < n && within(ASCII_SPACE, code(cs[i]))) i++
  }
  const expect = (c: string, space = false): E.Either<ShorthandError, void> => {
    if (space) skipSpace()
    if (i >= n) return E.left(syntax(i, c, 'EOF'))
    const actual = cs[i] ?? ''
    if (actual !== c) return E.left(syntax(i, c, actual))
    i++
    if (space) skipSpace()
    return E.right(undefined)
  }
  const key = (): string => {
    const start = i
    while (i < n && within(KEY, code(cs[i]))) i++
    return cs.slice(start, i).join('')
  }
  /** An unquoted value: greedy, `\,` taken as a pair; undefined when nothing matches. */
  const unquoted = (follow: Ranges): string | undefined => {
    const start = i
    let j = i
    for (let first = true; j < n; first = false) {
      if (cs[j] === '\\' && cs[j + 1] === ',') j += 2
      else if (within(first ? START_WORD : follow, code(cs[j]))) j++
      else break
    }
    if (j === start) return undefined
    i = j
    return rstrip(cs.slice(start, j).join('').replaceAll('\\,', ','))
  }
  /**
   * A quoted value: `q(?:\\\\|\\q|[^q])*q`, matched as Python's backtracking engine matches it
   * (the first success in its order: `\\`, then `\q`, then any other character, then the
   * closing quote), computed from the end so that it takes linear time.
   */
  const quoted = (q: string, name: string): E.Either<ShorthandError, string> => {
    const start = i
    // end[p]: where the match that continues at p ends (after the closing quote), or -1.
    const end = new Array<number>(n + 2).fill(-1)
    for (let p = n - 1; p > start; p--) {
      const c = cs[p]
      const next = cs[p + 1]
      end[p] =
        c === '\\' && next === '\\' && (end[p + 2] ?? -1) >= 0
          ? (end[p + 2] ?? -1)
          : c === '\\' && next === q && (end[p + 2] ?? -1) >= 0
            ? (end[p + 2] ?? -1)
            : c !== q && (end[p + 1] ?? -1) >= 0
              ? (end[p + 1] ?? -1)
              : c === q
                ? p + 1
                : -1
    }
    const stop = cs[start] === q ? (end[start + 1] ?? -1) : -1
    if (stop < 0) return E.left(syntax(start, `<${name}>`, '<none>'))
    i = stop
    return E.right(
      cs
        .slice(start + 1, stop - 1)
        .join('')
        .replaceAll(`\\${q}`, q)
        .replaceAll('\\\\', '\\')
    )
  }
  const firstValue = (): E.Either<ShorthandError, string> =>
    cs[i] === "'" ? quoted("'", 'singled quoted') : cs[i] === '"' ? quoted('"', 'double quoted') : E.right(unquoted(FIRST_FOLLOW) ?? '')
  const secondValue = (): E.Either<ShorthandError, string> => {
    if (cs[i] === "'") return quoted("'", 'singled quoted')
    if (cs[i] === '"') return quoted('"', 'double quoted')
    const v = unquoted(SECOND_FOLLOW)
    return v === undefined ? E.left(syntax(i, '<second>', '<none>')) : E.right(v)
  }
  const csvValue = (): E.Either<ShorthandError, ShorthandValue> => {
    const first = firstValue()
    if (E.isLeft(first)) return first
    skipSpace()
    if (eof() || cs[i] !== ',') return first
    const comma = expect(',', true)
    if (E.isLeft(comma)) return comma
    const list: Array<string> = [first.right]
    for (;;) {
      const step = E.flatMap(secondValue(), (current: string): E.Either<ShorthandError, boolean> => {
        skipSpace()
        if (eof()) {
          list.push(current)
          return E.right(true)
        }
        return E.map(() => {
          list.push(current)
          return false
        })(expect(',', true))
      })
      if (E.isRight(step)) {
        if (step.right) break
        continue
      }
      // A value that is not one (`a=b,c=d`: `c` is a key): back to the comma before it.
      if (eof()) return E.left(step.left)
      while (i >= 0 && cs[i] !== ',') i--
      break
    }
    return E.right(list.length === 1 ? first.right : list)
  }
  const explicitValues = (): E.Either<ShorthandError, ShorthandValue> => (cs[i] === '[' ? explicitList() : cs[i] === '{' ? hashLiteral() : firstValue())
  const explicitList = (): E.Either<ShorthandError, ShorthandValue> => {
    const open = expect('[', true)
    if (E.isLeft(open)) return open
    const values: Array<ShorthandValue> = []
    while (cs[i] !== ']') {
      const v = explicitValues()
      if (E.isLeft(v)) return v
      values.push(v.right)
      skipSpace()
      if (cs[i] !== ']') {
        const comma = expect(',')
        if (E.isLeft(comma)) return comma
        skipSpace()
      }
    }
    return E.map(() => values)(expect(']'))
  }
  const hashLiteral = (): E.Either<ShorthandError, ShorthandValue> => {
    const open = expect('{', true)
    if (E.isLeft(open)) return open
    const entries = new Map<string, ShorthandValue>()
    while (cs[i] !== '}') {
      const k = key()
      const eq = expect('=', true)
      if (E.isLeft(eq)) return eq
      const v = explicitValues()
      if (E.isLeft(v)) return v
      skipSpace()
      if (cs[i] !== '}') {
        const comma = expect(',')
        if (E.isLeft(comma)) return comma
        skipSpace()
      }
      entries.set(k, v.right)
    }
    return E.map(() => Object.fromEntries(entries))(expect('}'))
  }
  const values = (): E.Either<ShorthandError, ShorthandValue> => (eof() ? E.right('') : cs[i] === '[' ? explicitList() : cs[i] === '{' ? hashLiteral() : csvValue())
  const keyval = (): E.Either<ShorthandError, readonly [string, ShorthandValue]> => {
    const k = key()
    const eq = expect('=', true)
    if (E.isLeft(eq)) return eq
    return E.map((v: ShorthandValue) => [k, v] as const)(values())
  }

  const params = new Map<string, ShorthandValue>()
  const first = keyval()
  if (E.isLeft(first)) return first
  params.set(first.right[0], first.right[1])
  let last = i
  while (i < n) {
    const comma = expect(',', true)
    if (E.isLeft(comma)) return comma
    const kv = keyval()
    if (E.isLeft(kv)) return kv
    if (params.has(kv.right[0])) return E.left({ _tag: 'DuplicateKey', key: kv.right[0], index: last + 1 })
    params.set(kv.right[0], kv.right[1])
    last = i
  }
  return E.right(Object.fromEntries(params))
}

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

const KEYS: ReadonlyArray<string> = ['op', 'path', 'value', 'from']

const EXAMPLE = 'op=replace,path=/canarySettings/percentTraffic,value=10'

const what = (expected: string): string =>
  expected === '<second>'
    ? 'a value'
    : expected === '<singled quoted>'
      ? "a closing ' quote"
      : expected === '<double quoted>'
        ? 'a closing " quote'
        : JSON.stringify(expected)

const hint = (expected: string): string =>
  expected === '='
    ? 'write key=value, such as op=replace'
    : expected === ','
      ? 'separate key=value pairs with commas, put each operation in its own word, and quote a value that holds a quote, "]" or "}" (value="a]b")'
      : expected === '<second>'
        ? 'a comma must be followed by another key=value pair'
        : expected.endsWith('quoted>')
          ? 'close the quote (inside it, escape the quote with a backslash)'
          : `write key=value pairs, such as ${EXAMPLE}`

/** A shorthand error as one line, naming the word, the place and what to do. @internal */
export const describeShorthandError = (word: string, e: ShorthandError): string => {
  if (e._tag === 'DuplicateKey') {
    return `shorthand key ${JSON.stringify(e.key)} is given twice in one operation ${JSON.stringify(word)}: write each operation as its own word (op=remove,path=/a op=remove,path=/b)`
  }
  const cs = Array.from(word)
  const found = e.actual === 'EOF' || cs[e.index] === undefined ? 'the end' : JSON.stringify(cs[e.index])
  return `shorthand ${JSON.stringify(word)}: expected ${what(e.expected)} at character ${e.index + 1}, found ${found}: ${hint(e.expected)}`
}

const kind = (v: ShorthandValue): string => (typeof v === 'string' ? 'a string' : Array.isArray(v) ? 'a list' : 'a structure')

/** One operation from one word: a structure whose keys are op, path, value, from, and whose values are strings. */
const operationOf = (word: string): E.Either<string, Readonly<Record<string, string>>> => {
  if (strip(word) === '') return E.left(`an empty operation: write JSON or shorthand such as ${EXAMPLE}`)
  const parsed = parseShorthand(word)
  if (E.isLeft(parsed)) return E.left(describeShorthandError(word, parsed.left))
  const operation: Record<string, string> = {}
  for (const [k, v] of Object.entries(parsed.right)) {
    if (!KEYS.includes(k)) return E.left(`shorthand key ${JSON.stringify(k)} is not one of op, path, value, from`)
    if (typeof v !== 'string') {
      return E.left(
        `shorthand ${k} is ${kind(v)} (${JSON.stringify(v)}), not a string: a comma starts a new key=value pair only when a key and "=" follow it; to keep a comma in a value, quote it (${k}="a,b") or escape it (${k}=a\\,b)`
      )
    }
    operation[k] = v
  }
  return E.right(operation)
}

const looksLikeJson = (text: string): boolean => /^[[{]/.test(strip(text))

const parseJson = (text: string, where: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** `{"patchOperations": [...]}`: the list; anything else: undefined. */
const cliInputList = (parsed: unknown): ReadonlyArray<unknown> | undefined =>
  typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && Array.isArray((parsed as { patchOperations?: unknown }).patchOperations)
    ? (parsed as { patchOperations: ReadonlyArray<unknown> }).patchOperations
    : undefined

/** The words of one --patch-operations, each a JSON object, or one word holding a JSON list. */
const jsonWords = (words: ReadonlyArray<string>): E.Either<string, ReadonlyArray<unknown>> => {
  const only = words.length === 1 ? words[0] : undefined
  if (only !== undefined) {
    const parsed = parseJson(only, '--patch-operations')
    if (E.isLeft(parsed)) return parsed
    const list = Array.isArray(parsed.right) ? (parsed.right as ReadonlyArray<unknown>) : (cliInputList(parsed.right) ?? [parsed.right])
    return E.right(list)
  }
  const all: Array<unknown> = []
  for (const [k, word] of words.entries()) {
    if (!strip(word).startsWith('{')) {
      return E.left(`--patch-operations word ${k + 1} is not a JSON object: after a first word in JSON, give each operation as {"op":...} (or all of them as one list [...])`)
    }
    const parsed = parseJson(word, `--patch-operations word ${k + 1}`)
    if (E.isLeft(parsed)) return parsed
    all.push(parsed.right)
  }
  return E.right(all)
}

/**
 * The operations of one or more `--patch-operations`, in order. The AWS CLI keeps only the
 * last `--patch-operations` given; here they add up.
 *
 * @internal
 */
export const parsePatchOperations = (args: ReadonlyArray<PatchOperationsArgument>): E.Either<string, ReadonlyArray<unknown>> => {
  const all: Array<unknown> = []
  for (const arg of args) {
    if (arg._tag === 'File') {
      const where = `file://${arg.path}`
      if (!looksLikeJson(arg.text)) {
        return E.left(
          `${where} is not JSON: the AWS CLI reads a file given to --patch-operations as one value, so write the operations as a JSON list, such as [{"op":"remove","path":"/canarySettings"}] (apigw-canary apply --output operations prints one)`
        )
      }
      const parsed = parseJson(arg.text, where)
      if (E.isLeft(parsed)) return parsed
      const list = Array.isArray(parsed.right) ? (parsed.right as ReadonlyArray<unknown>) : cliInputList(parsed.right)
      if (list === undefined) return E.left(`${where} is neither a JSON list of operations nor an object with a "patchOperations" list`)
      all.push(...list)
      continue
    }
    const [first] = arg.words
    if (first === undefined) return E.left(`--patch-operations has no operations: write JSON or shorthand such as ${EXAMPLE}`)
    if (arg.words.length > 1) {
      const file = arg.words.find((w) => w.startsWith('file://'))
      if (file !== undefined) return E.left(`${file}: a file must be the only value of its --patch-operations (the AWS CLI reads a file only then)`)
    }
    if (looksLikeJson(first)) {
      const list = jsonWords(arg.words)
      if (E.isLeft(list)) return list
      all.push(...list.right)
      continue
    }
    for (const word of arg.words) {
      const operation = operationOf(word)
      if (E.isLeft(operation)) return E.left(`--patch-operations: ${operation.left}`)
      all.push(operation.right)
    }
  }
  return E.right(all)
}

/**
 * Does this command-line word, after a `--patch-operations` word, belong to it? A shorthand
 * operation (a key then `=`; a key holds no `/` here, so a file path is never taken for one),
 * after JSON a JSON object or list, and a `file://` (refused there, with the reason).
 *
 * @internal
 */
export const isOperationWord = (word: string, json: boolean): boolean =>
  word.startsWith('file://') || (json ? looksLikeJson(word) : /^[A-Za-z0-9_.#:-]*[ \t\n\r\v\f]*=/.test(word))

/**
 * Does this word start a JSON `--patch-operations` (stripped, it starts with `[` or `{`)?
 *
 * @internal
 */
export const isJsonWord = (word: string): boolean => looksLikeJson(word)
