/**
 * The JSON nesting bound of `serve` (`jsonDepthOver` in `src/gateway/server/limits.ts`): read in
 * one pass over the text, brackets inside strings (escaped quotes included) not counted; checked
 * against the depth of the parsed value.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkLimits, defaultLimits, jsonDepthOver } from '../../src/gateway/server/limits.js'

/** The nesting depth of a parsed JSON value (an array or object counts 1). */
const depth = (u: unknown): number =>
  typeof u === 'object' && u !== null ? 1 + Math.max(0, ...Object.values(u as Record<string, unknown>).map(depth)) : 0

describe('jsonDepthOver', () => {
  it('examples: strings, escapes, the bound itself', () => {
    expect(jsonDepthOver('[[1]]', 2)).toBe(false)
    expect(jsonDepthOver('[[[1]]]', 2)).toBe(true)
    expect(jsonDepthOver('{"a":"[[[[{{{{"}', 1)).toBe(false)
    expect(jsonDepthOver('{"a":"\\"[[["}', 1)).toBe(false)
    expect(jsonDepthOver('["\\\\",[[1]]]', 2)).toBe(true)
    expect(jsonDepthOver('', 0)).toBe(false)
    expect(jsonDepthOver('['.repeat(1_000_000), 64)).toBe(true)
  })

  it('agrees with the depth of the parsed value, for any JSON and any bound', () =>
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.nat({ max: 10 }), (value, max) => {
        const text = JSON.stringify(value)
        return jsonDepthOver(text, max) === depth(JSON.parse(text)) > max
      })
    ))

  it('limits must be whole numbers of at least 1', () => {
    expect(checkLimits(defaultLimits)).toBeUndefined()
    expect(checkLimits({ ...defaultLimits, requestTimeoutMs: 1.5 })).toBe('requestTimeoutMs: 1.5 is not a whole number of at least 1')
  })
})
