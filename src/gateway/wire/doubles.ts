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
const DOUBLE_VALUE = /([{,])"(percentTraffic|throttlingRateLimit|rateLimit)":(-?\d+)(?=[,}])/g

/** `JSON.stringify`, with a whole number in a Double field written as `n.0`. @internal */
export const stringifyWire = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined
  if (text === undefined) return text as unknown as string
  return text.includes('Traffic":') || text.includes('ateLimit":') ? text.replace(DOUBLE_VALUE, '$1"$2":$3.0') : text
}
