/**
 * Reads `--patch-operations` as the AWS CLI takes it: JSON
 * (`[{"op":"replace","path":"/x","value":"y"}]`, or `{"patchOperations": [...]}` as in
 * `--cli-input-json`), or the shorthand syntax, one operation per word:
 * `op=replace,path=/x,value=y op=remove,path=/z`. In shorthand a value runs to the next comma
 * or space; quote it (`value="a,b"` or `value='a b'`) or escape with a backslash (`a\,b`) to
 * keep one. The result is raw data: the patch applier checks every operation.
 *
 * @since 0.1.0
 *
 * @internal
 */
import * as E from 'fp-ts/lib/Either.js'

const KEYS = new Set(['op', 'path', 'value', 'from'])

/** Splits shorthand text into words at unquoted, unescaped whitespace, and each word into key=value pairs. */
const parseShorthand = (text: string): E.Either<string, ReadonlyArray<Readonly<Record<string, string>>>> => {
  const items: Array<Record<string, string>> = []
  let item: Record<string, string> = {}
  let key = ''
  let value = ''
  let inValue = false
  let quote: string | undefined
  let sawAny = false
  const endPair = (): E.Either<string, void> => {
    if (!inValue) {
      return key === '' ? E.right(undefined) : E.left(`shorthand ${JSON.stringify(key)} has no "=": write key=value, such as op=replace`)
    }
    if (!KEYS.has(key)) return E.left(`shorthand key ${JSON.stringify(key)} is not one of op, path, value, from`)
    if (Object.prototype.hasOwnProperty.call(item, key)) return E.left(`shorthand key ${JSON.stringify(key)} is given twice in one operation`)
    item = { ...item, [key]: value }
    key = ''
    value = ''
    inValue = false
    return E.right(undefined)
  }
  const endItem = (): E.Either<string, void> => {
    const ended = endPair()
    if (E.isLeft(ended)) return ended
    if (Object.keys(item).length > 0) items.push(item)
    item = {}
    return E.right(undefined)
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? ''
    if (quote !== undefined) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < text.length) value += text[++i] ?? ''
      else value += c
      continue
    }
    if (c === '\\' && i + 1 < text.length) {
      const next = text[++i] ?? ''
      if (inValue) value += next
      else key += next
      continue
    }
    if (inValue && (c === '"' || c === "'")) {
      quote = c
      continue
    }
    if (/\s/.test(c)) {
      const ended = endItem()
      if (E.isLeft(ended)) return ended
      continue
    }
    if (c === ',') {
      const ended = endPair()
      if (E.isLeft(ended)) return ended
      continue
    }
    if (c === '=' && !inValue) {
      inValue = true
      sawAny = true
      continue
    }
    if (inValue) value += c
    else key += c
  }
  if (quote !== undefined) return E.left(`shorthand has an unclosed ${quote} quote`)
  const ended = endItem()
  if (E.isLeft(ended)) return ended
  return sawAny ? E.right(items) : E.left('no operations: write JSON or shorthand such as op=replace,path=/canarySettings/percentTraffic,value=10')
}

/**
 * The operations in one or more `--patch-operations` texts (each JSON or shorthand), in order.
 *
 * @internal
 */
export const parsePatchOperations = (texts: ReadonlyArray<string>): E.Either<string, ReadonlyArray<unknown>> => {
  const all: Array<unknown> = []
  for (const text of texts) {
    const trimmed = text.trim()
    if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
      let parsed: unknown
      try {
        parsed = JSON.parse(trimmed)
      } catch (error) {
        return E.left(`--patch-operations is not JSON: ${error instanceof Error ? error.message : String(error)}`)
      }
      const list = Array.isArray(parsed)
        ? parsed
        : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { patchOperations?: unknown }).patchOperations)
          ? ((parsed as { patchOperations: ReadonlyArray<unknown> }).patchOperations)
          : undefined
      if (list === undefined) return E.left('--patch-operations JSON is neither a list of operations nor an object with a "patchOperations" list')
      all.push(...list)
    } else {
      const items = parseShorthand(trimmed)
      if (E.isLeft(items)) return E.left(`--patch-operations: ${items.left}`)
      all.push(...items.right)
    }
  }
  return E.right(all)
}

/**
 * Does this command-line word look like a shorthand operation (`op=...`, `path=...`)?
 *
 * @internal
 */
export const isShorthandWord = (word: string): boolean => /^(op|path|value|from)=/.test(word)
