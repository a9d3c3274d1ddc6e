// A frozen copy of src/internal/number.ts before issue 16's third pass; test/patch/readDouble.oracle.test.ts holds
// the faster reader to it.
/**
 * How the service reads a number from a patch value: as Java's `Double.parseDouble` does
 * (chosen, not recorded): surrounding characters up to U+0020 trimmed, an optional sign, digits
 * with an optional point, an optional exponent, an optional `d`/`f` suffix. Hexadecimal, `NaN`
 * and `Infinity` are refused here, and `-0` reads as `0`.
 *
 * @internal
 */

// eslint-disable-next-line no-control-regex -- the control characters are the ones Java trims
const javaDouble = /^[\u0000-\u0020]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[dDfF]?[\u0000-\u0020]*$/

/** The finite number `s` spells, or `undefined`. @internal */
export const readDouble = (s: string): number | undefined => {
  const m = javaDouble.exec(s)
  const n = m === null ? Number.NaN : Number(m[1])
  return Number.isFinite(n) ? n + 0 : undefined
}
