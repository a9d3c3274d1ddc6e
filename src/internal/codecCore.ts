/**
 * Building blocks for the wire codecs: objects whose unknown fields are kept, and records
 * built safely. io-ts's own `t.record` writes keys by assignment, which would let a key
 * `__proto__` set an object's prototype; these never do.
 *
 * The stage's codecs (in the core entry) are built from here: every value they encode is its
 * own wire form, so their `encode` is {@link same}. The builders whose encode goes over the
 * fields (for codecs with a field that encodes to something else, such as an array of objects)
 * are `internal/codec.ts`'s, which the gateway's codecs use; they are kept out of the modules
 * the core entry imports (its size budget). For the same budget, `decodeStage` decodes with a
 * second tree built by {@link decoders}: the same validation without the `is` of the objects
 * and maps, which only the root's exported codecs ({@link codecs}) answer.
 *
 * @internal
 */
import { E } from './fp.js'
import { io as t } from './fp.js'
import { copyData, define, hasOwn, isEmpty, isRecord } from './record.js'
import { describeError } from './either.js'

/** The options of {@link struct}. @internal */
export interface StructOptions {
  /** Fields that must be present. */
  readonly required?: ReadonlyArray<string>
  /** Values for fields that are missing. */
  readonly defaults?: Readonly<Record<string, unknown>>
  /** Fields left out of the result (not part of the shape, such as the SDK's `$metadata`). */
  readonly drop?: ReadonlyArray<string>
  /** Fields left out when their decoded value is an empty object (as AWS leaves out an empty map). */
  readonly omitEmpty?: ReadonlyArray<string>
  /** What the object is, for the error when the input is not an object. */
  readonly what: string
}

/**
 * The encode of a codec whose values are their own wire form but that decodes to a new value (a
 * copy): the identity, but not io-ts's `identity`, which {@link struct} reads as "decodes a value
 * `is` accepts to itself". @internal
 */
export const same = <A>(a: A): A => a

/**
 * The `is` of a decoder-only codec ({@link structDecoder}, {@link recordDecoder}): never asked,
 * because {@link struct} reads a field's `is` only when the field's encode is io-ts's `identity`,
 * and a decoder's is {@link same}. It answers false. @internal
 */
export const unasked = <A>(_u: unknown): _u is A => false

/** `is`, false where reading the value throws (a getter, a revoked proxy). */
const safely =
  <A>(is: (u: unknown) => u is A) =>
  (u: unknown): u is A => {
    try {
      return is(u)
    } catch {
      return false
    }
  }

/**
 * A validate that never throws: input that cannot even be read (a getter that throws, a revoked
 * proxy, a stack too deep) is a failure at the place it was met, so every exported codec's
 * `decode` is total, as `decodeStage` is.
 */
export const total =
  <A>(validate: t.Validate<unknown, A>): t.Validate<unknown, A> =>
  (u, c) => {
    try {
      return validate(u, c)
    } catch (error) {
      return t.failure(u, c, `could not be read: ${describeError(error)}`)
    }
  }

/**
 * An object codec: each known field is checked by its codec; missing fields take their default
 * or are left out; fields whose value is `undefined` are dropped; unknown fields are kept (AWS
 * adds fields over time, and a round trip must lose nothing), copied. The result is always a
 * new object that shares nothing with the input but what no one can change: each field is read
 * once, so a getter cannot answer one value to the check and another later, and a later change
 * to the input cannot reach the result.
 *
 * A field whose codec's `encode` is io-ts's `identity` is read as a leaf: `is` first, and a value
 * it accepts is kept as it is, with no context built and no `Right`. Such a codec must decode
 * what its `is` accepts to the value itself: io-ts's own codecs do (primitives, literals, and
 * arrays, records and `t.type`s of such codecs, which give back their input when nothing
 * changed; `t.exact` strips keys, but its encode is not the identity), and so do
 * {@link refinement} and {@link decoding}. A codec that copies must not have the identity as
 * its encode.
 *
 * Its encode is `encode`: by default {@link same}, which is right when every field's codec
 * encodes a value to itself (io-ts's primitives, {@link refinement}, {@link decoding}, and the
 * structs and records of such codecs), as every stage codec's does. `internal/codec.ts`'s
 * `struct` passes one that encodes each field.
 *
 * @internal
 */
export const struct = <A>(
  name: string,
  props: Readonly<Record<string, t.Mixed>>,
  options: StructOptions,
  encode: (a: A) => unknown = same
): t.Type<A, unknown, unknown> =>
  new t.Type<A, unknown, unknown>(
    name,
    safely(
      (u): u is A =>
        isRecord(u) &&
        Object.entries(props).every(([k, codec]) => {
          const v = hasOwn(u, k) ? u[k] : undefined
          return v === undefined ? !options.required?.includes(k) : codec.is(v)
        })
    ),
    structDecoder<A>(name, props, options).validate,
    encode
  )

/**
 * {@link struct} for a decoder only: the same `validate` and encode ({@link same}), and an `is`
 * that is never asked ({@link unasked}). `decodeStage` decodes with a tree of these, so that the
 * core entry does not carry the `is` of the stage's codecs, which only the package root exports.
 *
 * @internal
 */
export const structDecoder = <A>(name: string, props: Readonly<Record<string, t.Mixed>>, options: StructOptions): t.Type<A, unknown, unknown> => {
  const { required = [], defaults = {} } = options
  const entries = Object.entries(props)
  const fields = new Map(entries)
  return new t.Type<A, unknown, unknown>(
    name,
    unasked<A>,
    total((u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `is not ${options.what}`)
      const out: Record<string, unknown> = {}
      let failed: Map<string, t.Errors> | undefined
      for (const k of Object.keys(u)) {
        const value = u[k]
        const codec = fields.get(k)
        if (value === undefined || options.drop?.includes(k)) continue
        if (codec === undefined) define(out, k, copyData(value))
        // a leaf's `is` first (a codec whose encode is io-ts's identity: see above): no context
        // and no Right for a value that passes
        else if (codec.encode === t.identity && codec.is(value)) out[k] = value
        else {
          const r = codec.validate(value, t.appendContext(c, k, codec, value))
          if (E.isLeft(r)) (failed ??= new Map()).set(k, r.left)
          else if (!options.omitEmpty?.includes(k) || !isEmpty(r.right as object)) out[k] = r.right
        }
      }
      // the declared fields are gone over again only when one failed, or when some have a
      // default or are required
      if (!failed && !options.required && !options.defaults) return t.success(out as A)
      // the errors in the order of the fields, whatever the input's order
      const errors: Array<t.ValidationError> = []
      for (const [k, codec] of entries) {
        const f = failed?.get(k)
        if (f) for (const e of f) errors.push(e)
        else if (!hasOwn(out, k))
          if (hasOwn(defaults, k)) out[k] = defaults[k]
          else if (required.includes(k)) errors.push({ value: undefined, context: t.appendContext(c, k, codec, undefined), message: `is missing; it is required on ${options.what}` })
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as A)
    }),
    same
  )
}

/**
 * A record codec: string keys to values checked by `value`.
 * The result is always a new object whose keys are own data properties, so a later change to
 * the input cannot reach it. Its keys are written with `define` (never through a setter such as
 * `__proto__`). A map of more than 99 keys is filled while it has no prototype (V8 keeps such an
 * object as a dictionary from the start: three times faster for 2,000 keys than adding them to
 * `{}`, each a new hidden class), then given `Object.prototype`; a smaller one is faster built
 * from `{}`. Its encode is `encode`, by default {@link same} (right when `value` encodes each
 * value to itself; `internal/codec.ts`'s `recordOf` passes one that encodes each value).
 *
 * @internal
 */
export const recordOf = <A>(
  name: string,
  value: t.Type<A, unknown, unknown>,
  what: string,
  encode: (a: Readonly<Record<string, A>>) => unknown = same
): t.Type<Readonly<Record<string, A>>, unknown, unknown> =>
  new t.Type<Readonly<Record<string, A>>, unknown, unknown>(
    name,
    safely((u): u is Readonly<Record<string, A>> => isRecord(u) && Object.keys(u).every((k) => value.is(u[k]))),
    recordDecoder(name, value, what).validate,
    encode
  )

/** {@link recordOf} for a decoder only, as {@link structDecoder} is {@link struct}'s. @internal */
export const recordDecoder = <A>(name: string, value: t.Type<A, unknown, unknown>, what: string): t.Type<Readonly<Record<string, A>>, unknown, unknown> =>
  new t.Type<Readonly<Record<string, A>>, unknown, unknown>(
    name,
    unasked<Readonly<Record<string, A>>>,
    total((u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `is not ${what}`)
      const errors: Array<t.ValidationError> = []
      const own = Object.keys(u)
      const out = (own.length > 99 ? Object.create(null) : {}) as Record<string, A>
      for (const k of own) {
        const v = u[k]
        const r = value.validate(v, t.appendContext(c, k, value, v))
        if (E.isLeft(r)) for (const e of r.left) errors.push(e)
        else define(out, k, r.right)
      }
      return errors.length > 0 ? t.failures(errors) : t.success(Object.setPrototypeOf(out, Object.prototype) as Record<string, A>)
    }),
    same
  )

/** A codec for the values `is` accepts, decoded as they are; `rule` says what the others break. @internal */
export const refinement = <A>(name: string, is: (u: unknown) => u is A, rule: string): t.Type<A, A, unknown> =>
  decoding(name, is, (u) => (is(u) ? E.right(u) : E.left({ rule })))

/**
 * A codec that decodes with `decode`, failing with the rule its error names. `decode` must give
 * back the value itself wherever `is` holds: its encode is io-ts's identity, so {@link struct}
 * keeps a value that `is` accepts without decoding it. @internal
 */
export const decoding = <A>(name: string, is: (u: unknown) => u is A, decode: (u: unknown) => E.Either<{ readonly rule: string }, A>): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => E.match((e: { readonly rule: string }) => t.failure<A>(u, c, e.rule), t.success<A>)(decode(u)), t.identity)

/** A codec for one of a fixed set of string literals, naming them in its error. @internal */
export const oneOf = <L extends string>(name: string, literals: ReadonlyArray<L>): t.Type<L, L, unknown> =>
  refinement(name, (u): u is L => literals.includes(u as L), `is not one of ${literals.join(', ')}`)

/** A codec for a whole number. @internal */
export const integer: t.Type<number, number, unknown> = refinement('integer', Number.isSafeInteger as (u: unknown) => u is number, 'is not a whole number')

/** A codec for a finite number. @internal */
export const finite: t.Type<number, number, unknown> = refinement('number', Number.isFinite as (u: unknown) => u is number, 'is not a finite number')

/** The object and record builders, for a codec tree described once and built twice. @internal */
export interface Build {
  readonly struct: <A>(name: string, props: Readonly<Record<string, t.Mixed>>, options: StructOptions) => t.Type<A, unknown, unknown>
  readonly recordOf: <A>(name: string, value: t.Type<A, unknown, unknown>, what: string) => t.Type<Readonly<Record<string, A>>, unknown, unknown>
}

/** The builders of the codecs the package root exports. @internal */
export const codecs: Build = { struct, recordOf }

/** The builders of `decodeStage`'s decoder-only tree. @internal */
export const decoders: Build = { struct: structDecoder, recordOf: recordDecoder }
