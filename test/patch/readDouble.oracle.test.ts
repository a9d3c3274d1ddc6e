/**
 * The number reader's fast path (digits with at most one point) against the reader as it was (a
 * frozen copy in `test/patch/oracle/number.ts`): the same number, or `undefined`, for any text
 * made of what a number is written with, and for any string.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDouble } from '../../src/internal/number.js'
import * as oracle from './oracle/number.js'

const numberish = fc
  .array(fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', 'd', 'f', ' ', '\t', '\u0000', '\u00a0', 'x', '٣'), { maxLength: 10 })
  .map((chars) => chars.join(''))

describe('readDouble gives the answers of the reader it replaced (the oracle)', () => {
  it('the same number or undefined, -0 read as 0', () => {
    fc.assert(
      fc.property(fc.oneof(numberish, fc.string(), fc.stringMatching(/^\d{0,400}\.?\d{0,3}$/)), (s) => {
        expect(Object.is(readDouble(s), oracle.readDouble(s))).toBe(true)
      }),
      { numRuns: 3000 }
    )
  })

  it('the cases at the fast path edges', () => {
    for (const s of ['', '.', '0.', '.5', '00', '0.0', '50', '1.2.3', '1e3', '9'.repeat(400), `${'9'.repeat(400)}.5`, ' 5', '5 ', '-0', '-0.0', '5d']) {
      expect([s, readDouble(s)]).toStrictEqual([s, oracle.readDouble(s)])
    }
  })
})
