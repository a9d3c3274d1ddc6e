/**
 * How a value is shown in a message, for every layer's errors: the one piece of the errors'
 * wording that the JSON Patch core needs too, so it sits below both (re-exported by
 * `DecodeError`).
 *
 * @since 0.1.0
 *
 * @module
 */
/**
 * Shows a value briefly in a message: strings quoted and cut at 80 characters, other
 * primitives as they are, objects and arrays by kind.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { showValue } from 'apigw-canary'
 *
 * assert.strictEqual(showValue(150), '150')
 * assert.strictEqual(showValue('x'), '"x"')
 * assert.strictEqual(showValue([1]), 'an array')
 * const { proxy, revoke } = Proxy.revocable({}, {})
 * revoke()
 * assert.strictEqual(showValue(proxy), 'an object that cannot be read')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const showValue = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value !== 'object') return `a ${typeof value}`
  try {
    // (a revoked proxy throws on Array.isArray, a proxy's getPrototypeOf trap on instanceof)
    return Array.isArray(value) ? 'an array' : value instanceof Date ? (Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date') : 'an object'
  } catch {
    return 'an object that cannot be read'
  }
}
