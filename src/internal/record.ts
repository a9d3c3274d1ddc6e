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
  const changed = Object.keys(top).some((k) => !hasOwn(bottom, k) || bottom[k] !== top[k])
  return changed ? { ...bottom, ...top } : bottom
}

/** Is the record empty? @internal */
export const isEmpty = (record: object): boolean => Object.keys(record).length === 0

/** Shallow equality of two string-valued records. @internal */
export const shallowEqual = <A>(a: ReadonlyRecord<A>, b: ReadonlyRecord<A>): boolean => {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && a[k] === b[k])
}
