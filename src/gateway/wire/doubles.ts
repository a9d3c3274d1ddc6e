/**
 * JSON text as API Gateway writes it: the fields its model types as Double (`percentTraffic`,
 * `throttlingRateLimit`) always carry a decimal point (`50.0`, `10000.0`), so a client that reads
 * numbers by their text (boto3, Python's json, snapshot tests recorded against AWS) sees a float.
 *
 * @internal
 */

/** The wire fields API Gateway's model types as Double. @internal */
export const DOUBLE_FIELDS: ReadonlySet<string> = new Set(['percentTraffic', 'throttlingRateLimit', 'rateLimit'])

/**
 * A whole number under a Double field's key in `JSON.stringify`'s output: the key's opening
 * quote right after `{` or `,` (inside a string a quote is always escaped, `\"`, so this is a
 * key of the JSON itself), the digits (an integer below 1e21 is written without an exponent),
 * then the end of the value. The same numbers the replacer `(key, v) => Number.isInteger(v) &&
 * Math.abs(v) < 1e21 && DOUBLE_FIELDS.has(key)` sees, found without calling a replacer for
 * every value (test/gateway/wire.fast.test.ts holds the two to the same text).
 */
// DOUBLE_VALUE, as a regular expression: /([{,])"(percentTraffic|throttlingRateLimit|rateLimit)":(-?\d+)(?=[,}])/g
/** The keys of `DOUBLE_VALUE` by the end they share, the end being what is searched for. */
const DOUBLE_KEYS: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ['Traffic":', ['"percentTraffic":']],
  ['ateLimit":', ['"throttlingRateLimit":', '"rateLimit":']]
]

/** Where a whole number ends if one starts at `i` (an optional `-`, digits) and `,` or `}` follows it; -1 if not. */
const wholeEnd = (text: string, from: number): number => {
  let i = from
  if (text.charCodeAt(i) === 0x2d /* - */) i++
  const digits = i
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++
  const next = text.charCodeAt(i)
  return i > digits && (next === 0x2c /* , */ || next === 0x7d /* } */) ? i : -1
}

/**
 * Where `.0` goes after each match of `DOUBLE_VALUE` in `text`, in order, found with one
 * `indexOf` pass per key ending (no regular expression to run on every answer).
 */
const doubleEnds = (text: string): Array<number> => {
  const ends: Array<number> = []
  for (const [ending, keys] of DOUBLE_KEYS) {
    let at = text.indexOf(ending)
    while (at >= 0) {
      const after = at + ending.length
      for (const key of keys) {
        const start = after - key.length
        const before = start > 0 ? text.charCodeAt(start - 1) : 0
        if ((before === 0x7b /* { */ || before === 0x2c) /* , */ && text.startsWith(key, start)) {
          const end = wholeEnd(text, after)
          if (end >= 0) ends.push(end)
          break
        }
      }
      at = text.indexOf(ending, after)
    }
  }
  return ends
}

/** `JSON.stringify`, with a whole number in a Double field written as `n.0`. @internal */
export const stringifyWire = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined
  if (text === undefined) return text as unknown as string
  const ends = doubleEnds(text)
  if (ends.length === 0) return text
  if (ends.length > 1) ends.sort((a, b) => a - b)
  let out = ''
  let from = 0
  for (const end of ends) {
    out += `${text.slice(from, end)}.0`
    from = end
  }
  return out + text.slice(from)
}
