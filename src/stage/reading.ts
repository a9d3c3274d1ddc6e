/**
 * Reading a caller's objects without letting a throwing getter or proxy escape.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { describeError } from '../internal/either.js'
import { invalidValue, type InvalidValue } from './LifecycleError.js'

/**
 * `f()`, where an exception (a getter or a proxy of the caller's that throws when read)
 * becomes the `InvalidValue` for `field`: what lets a function that reads its caller's objects
 * stay total. @internal
 */
export const readingSafely = <A>(field: string, value: unknown, f: () => E.Either<InvalidValue, A>): E.Either<InvalidValue, A> => {
  try {
    return f()
  } catch (error) {
    return E.left(invalidValue(field, value, `could not be read: ${describeError(error)}`))
  }
}
