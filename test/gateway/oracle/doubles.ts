// ORACLE: a frozen copy of src/gateway/wire/doubles.ts as it was at commit d7a84e2, before the speed
// work of issue 16 (only its imports changed). test/gateway/wire.fast.test.ts holds the faster
// router, journal and encoder to the same answers as these. Do not edit it to follow src/.
/**
 * JSON text as API Gateway writes it: the fields its model types as Double (`percentTraffic`,
 * `throttlingRateLimit`) always carry a decimal point (`50.0`, `10000.0`), so a client that reads
 * numbers by their text (boto3, Python's json, snapshot tests recorded against AWS) sees a float.
 *
 * @internal
 */

/** The wire fields API Gateway's model types as Double. @internal */
export const DOUBLE_FIELDS: ReadonlySet<string> = new Set(['percentTraffic', 'throttlingRateLimit', 'rateLimit'])

const MARK = '\u0000double:'
const MARKED = /"\\u0000double:(-?\d+)"/g

/** `JSON.stringify`, with a whole number in a Double field written as `n.0`. @internal */
export const stringifyWire = (value: unknown): string => {
  let marked = false
  const text = JSON.stringify(value, (key, v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 1e21 && DOUBLE_FIELDS.has(key)) {
      marked = true
      return `${MARK}${v}`
    }
    return v
  })
  return marked ? text.replace(MARKED, '$1.0') : text
}
