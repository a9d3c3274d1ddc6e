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

/**
 * A plain object: one whose prototype is `null` or a root prototype (`Object.prototype`, of any
 * realm), so not an array, a `Date`, a `Map` or a class instance. Total: an object that throws
 * when asked (a revoked proxy) is not one. @internal
 */
export const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => {
  if (typeof u !== 'object' || u === null) return false
  try {
    const proto: unknown = Object.getPrototypeOf(u)
    return !Array.isArray(u) && (proto === null || Object.getPrototypeOf(proto) === null)
  } catch {
    return false
  }
}

/**
 * A copy of plain data (plain objects, arrays, `Date`s) that shares nothing with `value`: each
 * own enumerable field read once, cycles and shared parts kept as they were, any depth without
 * recursion. Other objects (a `Map`, a class instance) are kept as they are. @internal
 */
export const copyData = (value: unknown): unknown => {
  const copies = new Map<object, unknown>()
  const pending: Array<readonly [object, Record<string, unknown>]> = []
  const copyOf = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v
    const seen = copies.get(v)
    if (seen !== undefined) return seen
    const copy = v instanceof Date ? new Date(v.getTime()) : Array.isArray(v) ? [] : isRecord(v) ? {} : v
    copies.set(v, copy)
    if (copy !== v && !(copy instanceof Date)) pending.push([v, copy as Record<string, unknown>])
    return copy
  }
  const top = copyOf(value)
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, target] = next
    // (own keys only, also for arrays: a sparse array of length 2^32 - 1 costs what it holds)
    for (const k of Object.keys(source)) define(target, k, copyOf((source as Record<string, unknown>)[k]))
    if (Array.isArray(source)) (target as unknown as Array<unknown>).length = source.length
  }
  return top
}

/**
 * Sets an own data property of an object the caller made and owns, never through a setter. An
 * inherited key (one the object answers to through `in` without owning it) may be an accessor,
 * such as the `__proto__` setter, or a read-only property of a frozen prototype, so it is
 * defined. Plain assignment, faster, is left for an own key (a writable data property: the
 * caller's objects are made by literals and spreads and changed only through this) and for a
 * key nothing answers to. @internal
 */
export const define = <A>(target: Record<string, A>, key: string, value: A): void => {
  if (key in target && !hasOwn(target, key)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  else target[key] = value
}

/**
 * Sets one field; returns the same object when it already has that value. Replacing a field is
 * a spread; adding one builds the copy key by key ({@link withKey}). @internal
 */
export const set = <T extends object, K extends keyof T & string>(record: T, key: K, value: T[K]): T =>
  hasOwn(record, key) ? (record[key] === value ? record : { ...record, [key]: value }) : withKey(record, key, value)

/**
 * A copy of `record` with `key` added after its own keys. `{ ...record, [key]: value }` gives
 * the same object, but when `key` is new V8 takes its slow path (a new hidden class each call:
 * measured 1.7 to 2.9 µs for a stage of twelve fields, against about 0.3 µs for this loop,
 * whose objects follow the hidden-class transitions V8 keeps from `{}`). @internal
 */
export const withKey = <T extends object>(record: T, key: string, value: unknown): T => {
  const copy: Record<string, unknown> = {}
  const keys = Object.keys(record)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string
    const v = (record as Record<string, unknown>)[k]
    // (a store of its own, not define's: one shape of object at this site keeps it fast)
    if (k in copy) define(copy, k, v)
    else copy[k] = v
  }
  define(copy, key, value)
  return copy as T
}

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
  for (const k of Object.keys(source)) define(target, k, source[k])
  return target
}

/** Is the record empty? @internal */
export const isEmpty = (record: object): boolean => Object.keys(record).length === 0

/** Shallow equality of two string-valued records. @internal */
export const shallowEqual = <A>(a: ReadonlyRecord<A>, b: ReadonlyRecord<A>): boolean => {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && a[k] === b[k])
}
