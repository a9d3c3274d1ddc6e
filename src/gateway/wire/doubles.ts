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
const DOUBLE_KEYS = ['"percentTraffic":', '"throttlingRateLimit":', '"rateLimit":'] as const

/** Where `.0` goes after each match of `DOUBLE_VALUE` in `text`, found by `indexOf` (no regular expression to run on every answer). */
const doubleEnds = (text: string): Array<number> => {
  const ends: Array<number> = []
  for (const key of DOUBLE_KEYS) {
    let at = text.indexOf(key)
    while (at >= 0) {
      const before = at === 0 ? 0 : text.charCodeAt(at - 1)
      let i = at + key.length
      if (before === 0x7b /* { */ || before === 0x2c /* , */) {
        if (text.charCodeAt(i) === 0x2d /* - */) i++
        const digits = i
        while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++
        const next = text.charCodeAt(i)
        if (i > digits && (next === 0x2c /* , */ || next === 0x7d /* } */)) ends.push(i)
      }
      at = text.indexOf(key, i)
    }
  }
  return ends
}

/** `JSON.stringify`, with a whole number in a Double field written as `n.0`. @internal */
export const stringifyWire = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined
  if (text === undefined) return text as unknown as string
  if (!text.includes('Traffic":') && !text.includes('ateLimit":')) return text
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
