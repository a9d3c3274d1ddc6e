/**
 * A reader for the body of an update-stage request as the SDK and the AWS CLI send it,
 * `{"patchOperations":[{"op":"replace","path":"/x","value":"y"}, ...]}`: the very value that
 * `JSON.parse` gives for it (the same keys in the same order, own data properties, the same
 * strings), built with object and array literals. `JSON.parse` of so small a text costs several
 * times more once the SDK's own code has run between two calls (its key lookups and shape
 * transitions miss the caches); these literals have their shapes ready.
 *
 * Anything else, or anything it is not sure of, is left to `JSON.parse` (it gives `undefined`):
 * another top-level key, more than four operations, a key other than `op`, `path`, `value` and
 * `from` or one out of that order or repeated, a value that is not a string, a string with an
 * escape or a control character. test/gateway/patchBody.fast.test.ts holds it to `JSON.parse`.
 *
 * @internal
 */

/** Where the last read ended (a string's closing quote passed, an operation's `}` passed). */
let at = 0

/** The index of the first character at or after `i` that is not JSON whitespace. */
const skip = (text: string, i: number): number => {
  for (;;) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i
    i++
  }
}

/** The string whose opening quote is at `i`, when it holds no escape and no control character; `at` after its closing quote. */
const stringAt = (text: string, i: number): string | undefined => {
  if (text.charCodeAt(i) !== 0x22) return undefined
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j)
    if (c === 0x22) {
      at = j + 1
      return text.slice(i + 1, j)
    }
    if (c === 0x5c || c < 0x20) return undefined
  }
  return undefined
}

/** Whether the text from `i` is `word` (ASCII), read in place. */
const isAt = (text: string, i: number, word: string): boolean => {
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false
  return true
}

/**
 * The bit of the key whose opening quote is at `i`, of those an operation may hold in the order
 * the SDK and the CLI write them (op 1, path 2, value 4, from 8), read in place (no string made);
 * 0 for any other key or a string this reader does not take; `at` after its closing quote.
 */
const keyBitAt = (text: string, i: number): number => {
  if (text.charCodeAt(i) !== 0x22) return 0
  let j = i + 1
  for (;;) {
    const c = text.charCodeAt(j)
    if (c === 0x22) break
    // an escape, a control character or the end of the text (NaN)
    if (!(c >= 0x20 && c !== 0x5c)) return 0
    j++
  }
  at = j + 1
  const start = i + 1
  switch (j - start) {
    case 2:
      return isAt(text, start, 'op') ? 1 : 0
    case 4:
      return isAt(text, start, 'path') ? 2 : isAt(text, start, 'from') ? 8 : 0
    case 5:
      return isAt(text, start, 'value') ? 4 : 0
    default:
      return 0
  }
}

/** The operation whose `{` is at `i`, as JSON.parse builds it; `at` after its `}`. */
const operationAt = (text: string, i: number): object | undefined => {
  if (text.charCodeAt(i) !== 0x7b) return undefined
  let op = ''
  let path = ''
  let value = ''
  let from = ''
  let seen = 0
  i = skip(text, i + 1)
  for (;;) {
    const bit = keyBitAt(text, i)
    // each key once, in the order op, path, value, from (a bit above those already seen)
    if (bit <= seen) return undefined
    i = skip(text, at)
    if (text.charCodeAt(i) !== 0x3a) return undefined
    const read = stringAt(text, skip(text, i + 1))
    if (read === undefined) return undefined
    if (bit === 1) op = read
    else if (bit === 2) path = read
    else if (bit === 4) value = read
    else from = read
    seen |= bit
    i = skip(text, at)
    const c = text.charCodeAt(i)
    if (c === 0x7d) break
    if (c !== 0x2c) return undefined
    i = skip(text, i + 1)
  }
  at = i + 1
  switch (seen) {
    case 3:
      return { op, path }
    case 7:
      return { op, path, value }
    case 11:
      return { op, path, from }
    case 15:
      return { op, path, value, from }
    default:
      return undefined
  }
}

const KEY = '"patchOperations"'

/**
 * `JSON.parse(text)` for an update-stage body of up to four operations in the SDK's and the
 * CLI's form, or `undefined` to leave the text to `JSON.parse`. @internal
 */
export const patchBodyOf = (text: string): { readonly patchOperations: ReadonlyArray<object> } | undefined => {
  let i = skip(text, 0)
  if (text.charCodeAt(i) !== 0x7b) return undefined
  i = skip(text, i + 1)
  if (!text.startsWith(KEY, i)) return undefined
  i = skip(text, i + KEY.length)
  if (text.charCodeAt(i) !== 0x3a) return undefined
  i = skip(text, i + 1)
  if (text.charCodeAt(i) !== 0x5b) return undefined
  i = skip(text, i + 1)
  let a: object | undefined
  let b: object | undefined
  let c: object | undefined
  let d: object | undefined
  let n = 0
  if (text.charCodeAt(i) !== 0x5d) {
    for (;;) {
      const operation = operationAt(text, i)
      if (operation === undefined || n === 4) return undefined
      if (n === 0) a = operation
      else if (n === 1) b = operation
      else if (n === 2) c = operation
      else d = operation
      n++
      i = skip(text, at)
      const next = text.charCodeAt(i)
      if (next === 0x5d) break
      if (next !== 0x2c) return undefined
      i = skip(text, i + 1)
    }
  }
  i = skip(text, i + 1)
  if (text.charCodeAt(i) !== 0x7d || skip(text, i + 1) !== text.length) return undefined
  // array literals: elements defined as JSON.parse defines them
  const list = n === 0 ? [] : n === 1 ? [a as object] : n === 2 ? [a as object, b as object] : n === 3 ? [a as object, b as object, c as object] : [a as object, b as object, c as object, d as object]
  return { patchOperations: list }
}
