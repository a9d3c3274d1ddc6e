// ORACLE: a frozen copy of src/internal/codec.ts as it was at commit 56a8060, before the speed
// work of issue 16 on decodeStage (only its imports changed). test/stage/Stage.oracle.test.ts
// holds the faster decoder to the same answers as this one. Do not edit it to follow the
// decoder; edit it only if a deliberate change of behaviour is made, and say so.
/**
 * Building blocks for the wire codecs: objects whose unknown fields are kept, and records
 * built safely. io-ts's own `t.record` writes keys by assignment, which would let a key
 * `__proto__` set an object's prototype; these never do.
 *
 * @internal
 */
import { E } from '../../../src/internal/fp.js'
import { io as t } from '../../../src/internal/fp.js'
import { copyData, define, hasOwn, isRecord } from '../../../src/internal/record.js'
import { describeError } from '../../../src/internal/either.js'

/** The options of {@link struct}. @internal */
export interface StructOptions {
  /** Fields that must be present. */
  readonly required?: ReadonlyArray<string>
  /** Values for fields that are missing. */
  readonly defaults?: Readonly<Record<string, unknown>>
  /** Fields left out of the result (not part of the shape, such as the SDK's `$metadata`). */
  readonly drop?: ReadonlyArray<string>
  /** What the object is, for the error when the input is not an object. */
  readonly what: string
}

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
 * @internal
 */
export const struct = <A>(name: string, props: Readonly<Record<string, t.Mixed>>, options: StructOptions): t.Type<A, unknown, unknown> => {
  const required = options.required ?? []
  const defaults = options.defaults ?? {}
  const drop = new Set(options.drop)
  const entries = Object.entries(props)
  const fields = new Map(entries)
  return new t.Type<A, unknown, unknown>(
    name,
    safely(
      (u): u is A =>
        isRecord(u) &&
        entries.every(([k, codec]) => {
          const v = hasOwn(u, k) ? u[k] : undefined
          return v === undefined ? !required.includes(k) : codec.is(v)
        })
    ),
    total((u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `is not ${options.what}`)
      const out: Record<string, unknown> = {}
      const errors: Array<t.ValidationError> = []
      const present = new Set<string>()
      const failed = new Map<string, t.Errors>()
      for (const k of Object.keys(u)) {
        const value = u[k]
        const codec = fields.get(k)
        if (value === undefined || drop.has(k)) continue
        present.add(k)
        if (codec === undefined) {
          define(out, k, copyData(value))
          continue
        }
        const r = codec.validate(value, t.appendContext(c, k, codec, value))
        if (E.isLeft(r)) failed.set(k, r.left)
        else out[k] = r.right
      }
      // the errors in the order of the fields, whatever the input's order
      for (const [k, codec] of fields) {
        if (present.has(k)) for (const e of failed.get(k) ?? []) errors.push(e)
        else if (hasOwn(defaults, k)) out[k] = defaults[k]
        else if (required.includes(k)) errors.push({ value: undefined, context: t.appendContext(c, k, codec, undefined), message: `is missing; it is required on ${options.what}` })
      }
      return errors.length > 0 ? t.failures(errors) : t.success(out as A)
    }),
    (a) => {
      const record = a as Readonly<Record<string, unknown>>
      let out: Record<string, unknown> | undefined
      for (const [k, codec] of fields) {
        if (!hasOwn(record, k) || record[k] === undefined) continue
        const encoded: unknown = codec.encode(record[k])
        if (encoded !== record[k]) {
          out ??= { ...record }
          out[k] = encoded
        }
      }
      return out ?? a
    }
  )
}

/**
 * A record codec: string keys (checked by `key`, when given) to values checked by `value`.
 * The result is always a new object, built with `Object.fromEntries`, so every key is an own
 * data property and a later change to the input cannot reach it.
 *
 * @internal
 */
export const recordOf = <A>(
  name: string,
  value: t.Type<A, unknown, unknown>,
  what: string,
  key?: (k: string) => string | undefined
): t.Type<Readonly<Record<string, A>>, unknown, unknown> =>
  new t.Type<Readonly<Record<string, A>>, unknown, unknown>(
    name,
    safely((u): u is Readonly<Record<string, A>> => isRecord(u) && Object.keys(u).every((k) => key?.(k) === undefined && value.is(u[k]))),
    total((u, c) => {
      if (!isRecord(u)) return t.failure(u, c, `is not ${what}`)
      const errors: Array<t.ValidationError> = []
      const entries: Array<[string, A]> = []
      for (const k of Object.keys(u)) {
        const bad = key?.(k)
        if (bad !== undefined) {
          errors.push({ value: k, context: c, message: bad })
          continue
        }
        const v = u[k]
        const r = value.validate(v, t.appendContext(c, k, value, v))
        if (E.isLeft(r)) for (const e of r.left) errors.push(e)
        else entries.push([k, r.right])
      }
      return errors.length > 0 ? t.failures(errors) : t.success(Object.fromEntries(entries))
    }),
    (a) => {
      const entries = Object.entries(a).map(([k, v]) => [k, value.encode(v)] as const)
      return entries.some(([k, v]) => v !== a[k]) ? Object.fromEntries(entries) : a
    }
  )

/** A codec for the values `is` accepts, decoded as they are; `rule` says what the others break. @internal */
export const refinement = <A>(name: string, is: (u: unknown) => u is A, rule: string): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, rule)), (a) => a)

/** A codec that decodes with `decode`, failing with the rule its error names. @internal */
export const decoding = <A>(name: string, is: (u: unknown) => u is A, decode: (u: unknown) => E.Either<{ readonly rule: string }, A>): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => E.match((e: { readonly rule: string }) => t.failure<A>(u, c, e.rule), (a: A) => t.success(a))(decode(u)), (a) => a)

/** A codec for one of a fixed set of string literals, naming them in its error. @internal */
export const oneOf = <L extends string>(name: string, literals: ReadonlyArray<L>): t.Type<L, L, unknown> => {
  const set = new Set<string>(literals)
  return refinement(name, (u): u is L => typeof u === 'string' && set.has(u), `is not one of ${literals.join(', ')}`)
}

/** A codec for a whole number. @internal */
export const integer: t.Type<number, number, unknown> = refinement('integer', (u): u is number => Number.isSafeInteger(u), 'is not a whole number')

/** A codec for a finite number. @internal */
export const finite: t.Type<number, number, unknown> = refinement('number', (u): u is number => Number.isFinite(u), 'is not a finite number')
