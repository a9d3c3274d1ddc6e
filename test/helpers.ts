import * as E from 'fp-ts/Either'
import { expect } from 'vitest'

/** The value of a Right; fails the test with the Left's message otherwise. */
export const expectRight = <L, A>(either: E.Either<L, A>): A => {
  if (E.isLeft(either)) {
    expect.unreachable(`expected a Right, got Left: ${JSON.stringify(either.left)}`)
  }
  return (either as E.Right<A>).right
}

/** The error of a Left; fails the test with the Right's value otherwise. */
export const expectLeft = <L, A>(either: E.Either<L, A>): L => {
  if (E.isRight(either)) {
    expect.unreachable(`expected a Left, got Right: ${JSON.stringify(either.right)}`)
  }
  return (either as E.Left<L>).left
}

/** Freezes a value and everything reachable from it, so that any mutation throws. */
export const deepFreeze = <A>(value: A): A => {
  const seen = new Set<object>()
  const stack: Array<unknown> = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue
    seen.add(v)
    Object.freeze(v)
    for (const key of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[key])
  }
  return value
}

/** A deep copy (structuredClone), for before/after comparisons. */
export const snapshot = <A>(value: A): A => structuredClone(value)

/** Object.prototype, Array.prototype and Function.prototype have no own keys beyond the built-in ones. */
export const prototypesClean = (): boolean =>
  (Object.prototype as Record<string, unknown>)['polluted'] === undefined &&
  Object.keys(Object.prototype).length === 0 &&
  Object.keys(Array.prototype).length === 0 &&
  Object.keys(Function.prototype).length === 0
