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
    return !Array.isArray(u) && (proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null)
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
 * A copy of `record` (its own enumerable fields) that takes new keys fast. A spread's copy
 * (`{ ...record }`, `{ ...record, [key]: value }`) takes V8's slow path for a new key (a new
 * hidden class each call: measured 1.7 to 2.9 µs for a stage of twelve fields), now or later;
 * `Object.assign` into `{}` makes a copy that follows the hidden-class transitions V8 keeps from
 * `{}` (0.12 µs for the stage, a new key after it about 20 ns). It assigns, so a record with a
 * key `{}` answers to through its prototype (`__proto__`'s setter, or a key a frozen prototype
 * holds read-only, which throws) is copied key by key with {@link define} instead, and so is
 * a copy `without` one key (`delete` would send it to V8's dictionary mode).
 */
const copy = <T extends object>(record: T, without?: string): T => {
  try {
    if (without === undefined && !hasOwn(record, '__proto__')) return Object.assign({}, record)
  } catch {
    // (a frozen prototype: copied below)
  }
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(record)) if (k !== without) define(out, k, (record as Record<string, unknown>)[k])
  return out as T
}

/** A copy of `record` with `key` added after its own keys (see {@link copy}). @internal */
export const withKey = <T extends object>(record: T, key: string, value: unknown): T => {
  const out = copy(record)
  define(out as Record<string, unknown>, key, value)
  return out
}

/**
 * The objects one update-stage request has made (copy-on-first-write). Nothing outside the
 * request has seen them yet: the caller gets them only in the final result, and a failing
 * request drops them. So the request's later operations change them in place, where the first
 * one copied; only they are ever written to, never the input's objects. Each is held in one
 * place of the draft only (what would be shared, such as the `*\/*` entry a new method
 * setting starts from, is copied first).
 *
 * A request's set may hold `shaped` ({@link draft}'s): the copies made for an own key by a
 * spread, which copies the stage in 18 ns where {@link copy} takes 120 ns, but takes a new key
 * on V8's slow path (1.3 to 4 µs); so such a copy is changed in place for an own key only, and
 * copied again by {@link copy} for a new one. @internal
 */
export interface Owned {
  has(record: object): boolean
  add(record: object): unknown
  readonly shaped?: Owned | undefined
}

/**
 * A request's objects: a list searched by identity while they are few (one or two an operation,
 * cheaper to make and to ask than a `Set`), a `Set` past 8 (a request of thousands of
 * operations stays linear).
 */
class Few {
  private few: Array<object> | Set<object> = []
  constructor(readonly shaped?: Few) {}
  has(record: object): boolean {
    const few = this.few
    return Array.isArray(few) ? few.includes(record) : few.has(record)
  }
  add(record: object): void {
    const few = this.few
    if (!Array.isArray(few)) few.add(record)
    else if (few.push(record) > 8) this.few = new Set(few)
  }
}

/** A request's {@link Owned} set, which makes its copies for an own key by a spread. @internal */
export const draft = (): Owned => new Few(new Few())

/** Takes a fresh object into the request's {@link Owned} objects. @internal */
export const own = <T extends object>(owned: Owned, record: T): T => {
  owned.add(record)
  return record
}

/**
 * Sets one field within a request: `record` itself when it already has that value. The field is
 * set in place when the request made `record`, else on a copy the request now owns: a spread's
 * for an own key (see {@link Owned}), else {@link copy}'s, which takes a new key fast (a
 * spread's copy would take V8's slow path for it, about 1.8 µs for the stage). A spread defines
 * its keys (an own `__proto__` stays data), and assigning an own data key of the request's calls
 * no setter; a key of a new copy is {@link define}d. @internal
 */
export const put = <T extends object, K extends keyof T & string>(owned: Owned, record: T, key: K, value: T[K]): T => {
  const has = hasOwn(record, key)
  if (has && record[key] === value) return record
  const shaped = owned.shaped
  let target = record
  if (!owned.has(record)) {
    if (has && shaped !== undefined) {
      if (!shaped.has(record)) shaped.add((target = { ...record }))
    } else target = own(owned, copy(record))
  }
  // (a new copy lacks a key the record held without enumerating it: that key is defined)
  if (has && (target === record || hasOwn(target, key))) target[key] = value
  else define(target as Record<string, unknown>, key, value)
  return target
}

/** Removes one field within a request, on a copy it now owns ({@link copy}'s); `record` itself when it has no such field of its own. @internal */
export const drop = <T extends object>(owned: Owned, record: T, key: keyof T & string): T => (hasOwn(record, key) ? own(owned, copy(record, key)) : record)

/** Sets one key; returns the same record when the value is already there. @internal */
export const upsert: <A>(record: ReadonlyRecord<A>, key: string, value: A) => ReadonlyRecord<A> = set

/** Removes one key; returns the same record when the key is absent. @internal */
export const remove = <A>(record: ReadonlyRecord<A>, key: string): ReadonlyRecord<A> => {
  if (!hasOwn(record, key)) return record
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key))
}

/** Leaves out one field; returns the same object when it has no such field of its own. @internal */
export const omit = <T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> => {
  return hasOwn(record, key as string) ? copy(record, key as string) : record
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
