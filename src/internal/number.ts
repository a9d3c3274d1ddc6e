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
  // (digits with at most one point, the common case, read without the captures: faster, the same number)
  const n = Number(/^\d+\.?\d*$/.test(s) ? s : (javaDouble.exec(s)?.[1] ?? Number.NaN))
  return Number.isFinite(n) ? n + 0 : undefined
}
