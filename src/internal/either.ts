/**
 * `Either` combinators for the applier's hot path. fp-ts's data-first `E.flatMap` goes through
 * `dual`, which copies its arguments into a fresh array on every call: measured, it was the
 * largest single cost of a promotion (a quarter of the time; see `bench/`). These are the same
 * functions, written directly.
 *
 * @internal
 */
import { E } from './fp.js'

/** `E.flatMap(ma, f)`, data-first, without `dual`. @internal */
export const flatMap = <E1, A, E2, B>(ma: E.Either<E1, A>, f: (a: A) => E.Either<E2, B>): E.Either<E1 | E2, B> => (E.isLeft(ma) ? ma : f(ma.right))

/** `E.map(f)(ma)`, data-first. @internal */
export const map = <E1, A, B>(ma: E.Either<E1, A>, f: (a: A) => B): E.Either<E1, B> => (E.isLeft(ma) ? ma : E.right(f(ma.right)))

/**
 * Folds `f` over `as` from `b`, stopping at the first `Left` (fp-ts's `E.reduce`-with-`flatMap`
 * without a closure or a `dual` call per element). @internal
 */
export const foldLeft = <A, Err, B>(as: ReadonlyArray<A>, b: B, f: (b: B, a: A, index: number) => E.Either<Err, B>): E.Either<Err, B> => {
  let acc = b
  for (let index = 0; index < as.length; index++) {
    const next = f(acc, as[index] as A, index)
    if (E.isLeft(next)) return next
    acc = next.right
  }
  return E.right(acc)
}

/**
 * What a thrown value says, for a message: an `Error`'s message (after its name, with
 * `withName`), `String` of a primitive, and never a second exception (a message getter, a
 * `toString` or a revoked proxy may throw too; an object's own `toString` is not called). @internal
 */
export const describeError = (error: unknown, withName = false): string => {
  try {
    if (error instanceof Error) {
      const message = typeof error.message === 'string' ? error.message : 'an error without a message'
      return withName ? `${String(error.name)}: ${message}` : message
    }
    return typeof error === 'object' && error !== null ? 'a thrown object' : String(error)
  } catch {
    return 'a thrown value that cannot be shown'
  }
}
