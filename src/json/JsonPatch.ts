/**
 * JSON Patch (RFC 6902) over plain, immutable JSON values. {@link applyPatch} folds the pure
 * single-operation {@link applyOperation} over the operations: all or nothing, never a throw,
 * and the error names the operation that failed and why.
 *
 * Laws (checked as properties in `test/json/JsonPatch.test.ts`, statements in `test/laws/JsonPatch.ts`):
 * - the empty patch returns the document itself (the same reference);
 * - the input is never mutated, and a failing patch returns a `Left`;
 * - only the paths from the root to the changed locations are copied: every other subtree of
 *   the result is the input's own (the same reference);
 * - `add` at a fresh object key followed by `remove` of it gives back an equal document;
 * - `test` of the value just added succeeds;
 * - a patch gives what a plain, mutable applier gives on a deep copy of the document, also when
 *   it writes under both ends of an earlier `copy` or `move` (its statement is in the test).
 *
 * Within one call, a container is copied the first time an operation changes it; later
 * operations of the same call update that copy in place, since nothing outside the call can
 * see it yet (see "Copy-on-first-write" below: why this is safe, and what `copy` does).
 *
 * Keys are written as own data properties (object spread, `Object.defineProperty`), never
 * through the `__proto__` setter, and are read with `Object.hasOwn`; pointers holding
 * `__proto__`, `constructor` or `prototype` are refused (see {@link JsonPointer.parseSafe}).
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { showValue } from '../internal/show.js'
import { describeError, foldLeft, map } from '../internal/either.js'
import { define } from '../internal/record.js'
import * as JsonPointer from './JsonPointer.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A JSON value, read-only.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const doc: JsonPatch.Json = { a: [1, 'two', null, { b: true }] }
 * assert.ok(JsonPatch.isJson(doc))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * One RFC 6902 operation. Members other than these are ignored.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const op: JsonPatch.Operation = { op: 'move', from: '/a', path: '/b' }
 * assert.deepStrictEqual(JsonPatch.applyOperation({ a: 1 }, op), E.right({ b: 1 }))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Operation =
  | { readonly op: 'add'; readonly path: string; readonly value: Json }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'replace'; readonly path: string; readonly value: Json }
  | { readonly op: 'move'; readonly from: string; readonly path: string }
  | { readonly op: 'copy'; readonly from: string; readonly path: string }
  | { readonly op: 'test'; readonly path: string; readonly value: Json }

/**
 * How deep `test` compares and {@link decodeOperations} checks a value; deeper (or cyclic)
 * values give an `InvalidJson` error instead of overflowing the stack.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPatch.maxDepth, 100000)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const maxDepth = 100_000

type JsonArray = ReadonlyArray<Json>
type JsonRecord = { readonly [key: string]: Json }
type OpName = Operation['op']

/** An operation whose shape and pointers have been checked. */
type Checked =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly tokens: JsonPointer.Tokens; readonly value: Json }
  | { readonly op: 'remove'; readonly path: string; readonly tokens: JsonPointer.Tokens }
  | { readonly op: 'move' | 'copy'; readonly path: string; readonly tokens: JsonPointer.Tokens; readonly from: string; readonly fromTokens: JsonPointer.Tokens }

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const opNames: ReadonlyArray<string> = ['add', 'remove', 'replace', 'move', 'copy', 'test']

const say = (index: number, op: string, detail: string): string => `operation ${index} (${op}): ${detail}`

const pointerField = (index: number, op: OpName, field: 'path' | 'from', u: unknown): E.Either<JsonPatchError, JsonPointer.Tokens> =>
  typeof u !== 'string'
    ? E.left(invalidOperation(index, say(index, op, `${field} is ${u === undefined ? 'missing' : `${showValue(u)}, not a string`}; give a JSON Pointer such as "/a/0" ("" for the whole document)`)))
    : E.mapLeft((e: JsonPointer.PointerError) => invalidPointer(index, u, say(index, op, `${field}: ${e.message}`)))(JsonPointer.parseSafe(u))

/** Checks an operation's shape and parses its pointers; does not look inside `value`. */
const check = (u: unknown, index: number): E.Either<JsonPatchError, Checked> => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) {
    return E.left(invalidOperation(index, `operation ${index} is ${showValue(u)}, not an operation object such as {"op":"remove","path":"/a"}`))
  }
  const o = u as Readonly<Record<string, unknown>>
  const op = o['op']
  if (typeof op !== 'string' || !opNames.includes(op)) {
    return E.left(invalidOperation(index, `operation ${index}: op is ${op === undefined ? 'missing' : showValue(op)}; use one of ${opNames.join(', ')}`))
  }
  const name = op as OpName
  const path = o['path'] as string
  const tokens = pointerField(index, name, 'path', path)
  if (E.isLeft(tokens)) return tokens
  switch (name) {
    case 'remove':
      return E.right({ op: name, path, tokens: tokens.right })
    case 'move':
    case 'copy': {
      const from = o['from'] as string
      const fromTokens = pointerField(index, name, 'from', from)
      return E.isLeft(fromTokens) ? fromTokens : E.right({ op: name, path, tokens: tokens.right, from, fromTokens: fromTokens.right })
    }
    default: {
      const value = o['value']
      return value === undefined
        ? E.left(invalidOperation(index, say(index, name, `value is missing; give the JSON value to ${name}`)))
        : E.right({ op: name, path, tokens: tokens.right, value: value as Json })
    }
  }
}

/**
 * What is wrong with an untrusted value as JSON, or `undefined` when nothing is. Iterative;
 * a subtree shared by several parents (not a cycle) is checked once, where it is first met.
 */
const jsonProblem = (root: unknown): string | undefined => {
  const open = new Set<object>()
  const done = new Set<object>()
  const stack: Array<readonly [unknown, number, boolean]> = [[root, 0, false]]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth, leaving] = item
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) continue
    if (typeof value === 'number') {
      if (Number.isFinite(value)) continue
      return `${value} is not a JSON number`
    }
    if (typeof value !== 'object') return `${showValue(value)} is not a JSON value`
    if (leaving) {
      open.delete(value)
      done.add(value)
      continue
    }
    if (done.has(value)) continue
    if (open.has(value)) return 'it contains a cycle'
    if (depth >= maxDepth) return `it nests deeper than ${maxDepth} levels`
    const proto: unknown = Object.getPrototypeOf(value)
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return 'it holds an object that is not a plain object or array'
    open.add(value)
    stack.push([value, depth, true])
    const children: ReadonlyArray<unknown> = Array.isArray(value) ? Array.from(value) : Object.values(value)
    for (const child of children) stack.push([child, depth + 1, false])
  }
  return undefined
}

/**
 * Reads a patch from untrusted input: an array of operations, each with a known `op`, a
 * string `path` (and `from` for move and copy) that parses, and a JSON `value` for add,
 * replace and test. Never throws.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   JsonPatch.decodeOperations([{ op: 'add', path: '/a', value: 1, note: 'ignored' }]),
 *   E.right([{ op: 'add', path: '/a', value: 1 }])
 * )
 * assert.deepStrictEqual(
 *   E.mapLeft((e: JsonPatch.JsonPatchError) => e.message)(JsonPatch.decodeOperations([{ op: 'add', value: 1 }])),
 *   E.left('operation 0 (add): path is missing; give a JSON Pointer such as "/a/0" ("" for the whole document)')
 * )
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const decodeOperations = (u: unknown): E.Either<JsonPatchError, ReadonlyArray<Operation>> => {
  try {
    if (!Array.isArray(u)) return E.left(invalidOperation(undefined, `the patch is ${showValue(u)}, not an array of operations; send [] for no change`))
    const operations: Array<Operation> = []
    for (let index = 0; index < u.length; index++) {
      const decoded = decodeOperation(u[index], index)
      if (E.isLeft(decoded)) return decoded
      operations.push(decoded.right)
    }
    return E.right(operations)
  } catch (error) {
    return E.left(invalidOperation(undefined, `the patch could not be read: ${describe(error)}`))
  }
}

const decodeOperation = (u: unknown, index: number): E.Either<JsonPatchError, Operation> => {
  try {
    const checked = check(u, index)
    if (E.isLeft(checked)) return checked
    const c = checked.right
    switch (c.op) {
      case 'remove':
        return E.right({ op: c.op, path: c.path })
      case 'move':
      case 'copy':
        return E.right({ op: c.op, from: c.from, path: c.path })
      default: {
        const problem = jsonProblem(c.value)
        return problem === undefined
          ? E.right({ op: c.op, path: c.path, value: c.value })
          : E.left(invalidJson(index, say(index, c.op, `value is not JSON: ${problem}`)))
      }
    }
  } catch (error) {
    return E.left(invalidJson(index, `operation ${index} could not be read: ${describe(error)}`))
  }
}

const describe = (error: unknown): string => describeError(error, true)

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this a JSON value: `null`, a boolean, a finite number, a string, or an array or plain
 * object of JSON values, acyclic and at most {@link maxDepth} deep?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.ok(JsonPatch.isJson({ a: [1, null] }))
 * assert.ok(!JsonPatch.isJson({ a: undefined }))
 * assert.ok(!JsonPatch.isJson(Number.NaN))
 * assert.ok(!JsonPatch.isJson(new Date(0)))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isJson = (u: unknown): u is Json => {
  try {
    return jsonProblem(u) === undefined
  } catch {
    return false
  }
}

const isArray = (u: Json | undefined): u is JsonArray => Array.isArray(u)

const isRecord = (u: Json | undefined): u is JsonRecord => typeof u === 'object' && u !== null && !Array.isArray(u)

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

// The applier branches on `E.isLeft` where it would chain: fp-ts 2.16's `E.flatMap` goes
// through `dual`, which copies its arguments on every call (half the time of a small patch).

/** A location in a document: each container on the way, the key taken in it, and what is there. */
interface Location {
  readonly parents: ReadonlyArray<Json>
  readonly keys: ReadonlyArray<string | number>
  readonly target: Json | undefined
}

/** Where an operation is, for error messages. */
interface Where {
  readonly index: number
  readonly op: OpName
  readonly field: 'path' | 'from'
  readonly pointer: string
}

const at = (tokens: JsonPointer.Tokens, length: number): string => (length === 0 ? 'the document' : JsonPointer.format(tokens.slice(0, length)))

/** Walks to a location: every token must exist, except the last one when inserting. */
const locate = (doc: Json, tokens: JsonPointer.Tokens, mode: JsonPointer.IndexMode, w: Where): E.Either<JsonPatchError, Location> => {
  const parents: Array<Json> = []
  const keys: Array<string | number> = []
  let node: Json | undefined = doc
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    const last = i === tokens.length - 1
    if (isArray(node)) {
      const index = JsonPointer.parseArrayIndex(token, node.length, last ? mode : 'existing')
      if (E.isLeft(index)) {
        const detail = `${w.field} ${w.pointer}: ${index.left.message}${last ? '' : ` (in the array at ${at(tokens, i)})`}`
        return E.left(index.left._tag === 'IndexOutOfBounds' ? pathNotFound(w.index, w.pointer, say(w.index, w.op, detail)) : invalidPointer(w.index, w.pointer, say(w.index, w.op, detail)))
      }
      parents.push(node)
      keys.push(index.right)
      node = node[index.right]
    } else if (isRecord(node)) {
      const exists = Object.hasOwn(node, token)
      if (!exists && !(last && mode === 'insert')) {
        const detail = last
          ? `${w.field} ${w.pointer} does not exist`
          : mode === 'insert'
            ? `${w.field} ${w.pointer} cannot be added: its parent ${at(tokens, i + 1)} does not exist (add does not create missing parents)`
            : `${w.field} ${w.pointer} does not exist: ${at(tokens, i + 1)} does not exist`
        return E.left(pathNotFound(w.index, w.pointer, say(w.index, w.op, detail)))
      }
      parents.push(node)
      keys.push(token)
      node = exists ? node[token] : undefined
    } else {
      const detail = `${w.field} ${w.pointer} does not exist: ${at(tokens, i)} is ${showValue(node)}, not an object or array`
      return E.left(pathNotFound(w.index, w.pointer, say(w.index, w.op, detail)))
    }
  }
  return E.right({ parents, keys, target: node })
}

// Copy-on-first-write within one call. Each operation copies the containers on its path, as
// the laws require of the call as a whole; but the copies made by earlier operations of the
// same call are this call's own: nothing outside it has seen them yet (the caller gets them
// only in the final result, and a failing call drops them), so later operations update them in
// place instead of copying them again. That turns 100 operations on a 200-key object from 100
// copies of it into one. Why it is safe:
// - only containers this call created are ever written to: `Owned` holds nothing else (never
//   the input's containers, never a caller's `value`), so the input is never mutated;
// - every owned container has exactly one path from the root, so an in-place write shows up
//   in one place only. `add`, `replace` and `move` keep that (a move detaches the value before
//   attaching it elsewhere); `copy` would break it, so it first disowns the owned containers
//   inside the copied value ({@link disown}), and later writes under either copy copy again;
// - an owned container holds only owned containers or the caller's untouched values, so the
//   owned part of the tree is reachable through owned containers alone.

/** The containers this call has created, and may therefore update in place. */
type Owned = Set<object>

/** The array itself if this call created it, else a copy that it now owns. */
const ownArray = (owned: Owned, array: JsonArray): Array<Json> => {
  // (a cast justified by ownership: this call made the array, and nobody else holds it)
  if (owned.has(array)) return array as Array<Json>
  const copy = array.slice()
  owned.add(copy)
  return copy
}

/** The object itself if this call created it, else a copy (own data properties) that it now owns. */
const ownRecord = (owned: Owned, record: JsonRecord): { [key: string]: Json } => {
  if (owned.has(record)) return record as { [key: string]: Json }
  const copy = { ...record }
  owned.add(copy)
  return copy
}

/** Forgets the owned containers inside `value`, which is about to be reachable from two places. */
const disown = (owned: Owned, value: Json): void => {
  // Only owned containers can hold owned containers, so the walk stays inside what this call made.
  const stack: Array<Json> = [value]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null || !owned.delete(node)) continue
    for (const child of isArray(node) ? node : Object.values(node)) stack.push(child)
  }
}

/** The container with one child set: itself when owned, else an owned copy. */
const setChild = (owned: Owned, container: Json, key: string | number, value: Json): Json => {
  if (isArray(container)) {
    const array = ownArray(owned, container)
    array[key as number] = value
    return array
  }
  const record = ownRecord(owned, container as JsonRecord)
  define(record, key as string, value)
  return record
}

/**
 * Puts the changed last container (`leaf`) back in the document: copies the containers above
 * it up to the root, and stops at the first one changed in place (everything above it already
 * holds it).
 */
const rebuild = (owned: Owned, location: Location, leaf: Json): Json => {
  const { parents, keys } = location
  let node = leaf
  for (let i = parents.length - 2; i >= 0; i--) {
    if (node === parents[i + 1]) return parents[0] as Json
    node = setChild(owned, parents[i] as Json, keys[i] as string | number, node)
  }
  return node
}

const lastOf = (location: Location): readonly [Json, string | number] => [
  location.parents[location.parents.length - 1] as Json,
  location.keys[location.keys.length - 1] as string | number
]

const addAt = (owned: Owned, doc: Json, tokens: JsonPointer.Tokens, value: Json, w: Where): E.Either<JsonPatchError, Json> => {
  if (tokens.length === 0) return E.right(value)
  const location = locate(doc, tokens, 'insert', w)
  if (E.isLeft(location)) return location
  const [container, key] = lastOf(location.right)
  if (!isArray(container)) return E.right(rebuild(owned, location.right, setChild(owned, container, key, value)))
  const array = ownArray(owned, container)
  array.splice(key as number, 0, value)
  return E.right(rebuild(owned, location.right, array))
}

const removeAt = (owned: Owned, doc: Json, tokens: JsonPointer.Tokens, w: Where): E.Either<JsonPatchError, Json> => {
  if (tokens.length === 0) {
    return E.left(invalidOperation(w.index, say(w.index, w.op, `${w.field} "" is the whole document, which cannot be removed; replace it instead`)))
  }
  const location = locate(doc, tokens, 'existing', w)
  if (E.isLeft(location)) return location
  const [container, key] = lastOf(location.right)
  if (isArray(container)) {
    const array = ownArray(owned, container)
    array.splice(key as number, 1)
    return E.right(rebuild(owned, location.right, array))
  }
  const record = ownRecord(owned, container as JsonRecord)
  // (`delete` removes an own property and never reaches a setter; `record` is this call's own)
  delete record[key as string]
  return E.right(rebuild(owned, location.right, record))
}

const getAt = (doc: Json, tokens: JsonPointer.Tokens, w: Where): E.Either<JsonPatchError, Json> =>
  map(locate(doc, tokens, 'existing', w), (location: Location) => location.target as Json)

/** Deep JSON equality, iterative: `undefined` when the values nest deeper than {@link maxDepth}. */
const jsonEquals = (a: Json, b: Json): boolean | undefined => {
  const xs: Array<Json> = [a]
  const ys: Array<Json> = [b]
  const depths: Array<number> = [0]
  while (xs.length > 0) {
    const x = xs.pop() as Json
    const y = ys.pop() as Json
    const depth = depths.pop() as number
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (depth >= maxDepth) return undefined
    if (isArray(x)) {
      if (!isArray(y) || x.length !== y.length) return false
      for (let i = 0; i < x.length; i++) {
        xs.push(x[i] as Json)
        ys.push(y[i] as Json)
        depths.push(depth + 1)
      }
    } else {
      if (isArray(y)) return false
      const keys = Object.keys(x)
      if (keys.length !== Object.keys(y).length) return false
      for (const key of keys) {
        if (!Object.hasOwn(y, key)) return false
        xs.push(x[key] as Json)
        ys.push(y[key] as Json)
        depths.push(depth + 1)
      }
    }
  }
  return true
}

const run = (owned: Owned, doc: Json, c: Checked, index: number): E.Either<JsonPatchError, Json> => {
  const w: Where = { index, op: c.op, field: 'path', pointer: c.path }
  switch (c.op) {
    case 'add':
      return addAt(owned, doc, c.tokens, c.value, w)
    case 'remove':
      return removeAt(owned, doc, c.tokens, w)
    case 'replace': {
      if (c.tokens.length === 0) return E.right(c.value)
      const location = locate(doc, c.tokens, 'existing', w)
      return E.isLeft(location) ? location : E.right(rebuild(owned, location.right, setChild(owned, ...lastOf(location.right), c.value)))
    }
    case 'test': {
      const found = getAt(doc, c.tokens, w)
      if (E.isLeft(found)) return found
      const equal = jsonEquals(found.right, c.value)
      if (equal === true) return E.right(doc)
      return E.left(
        equal === undefined
          ? invalidJson(index, say(index, c.op, `the values at ${c.path} nest deeper than ${maxDepth} levels (or are cyclic) and cannot be compared`))
          : testFailed(index, c.path, say(index, c.op, `path ${c.path} holds ${showValue(found.right)}, which is not equal to the given value ${showValue(c.value)}`))
      )
    }
    case 'move':
    case 'copy': {
      const fromW: Where = { ...w, field: 'from', pointer: c.from }
      if (c.op === 'move' && JsonPointer.isProperPrefix(c.fromTokens, c.tokens)) {
        return E.left(invalidOperation(index, say(index, c.op, `cannot move ${c.from || '""'} into its own child ${c.path}; copy it instead`)))
      }
      const value = getAt(doc, c.fromTokens, fromW)
      if (E.isLeft(value)) return value
      if (c.op === 'copy') {
        // the value will be in two places: neither may be written in place from now on
        disown(owned, value.right)
        return addAt(owned, doc, c.tokens, value.right, w)
      }
      if (c.from === c.path) return E.right(doc)
      const removed = removeAt(owned, doc, c.fromTokens, fromW)
      return E.isLeft(removed) ? removed : addAt(owned, removed.right, c.tokens, value.right, w)
    }
  }
}

/** One operation, within a call whose own containers are `owned`. */
const applyAt = (owned: Owned, doc: Json, op: Operation, index: number): E.Either<JsonPatchError, Json> => {
  try {
    const checked = check(op, index)
    return E.isLeft(checked) ? checked : run(owned, doc, checked.right, index)
  } catch (error) {
    return E.left(invalidJson(index, `operation ${index}: the document or the operation could not be read: ${describe(error)}`))
  }
}

/**
 * Applies one operation. Never mutates `doc`; copies only the containers on the path to the
 * change and shares everything else. The error's `index` is 0.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const doc = { a: { b: 1 }, c: [1, 2] }
 * const result = JsonPatch.applyOperation(doc, { op: 'add', path: '/c/1', value: 9 })
 * assert.deepStrictEqual(result, E.right({ a: { b: 1 }, c: [1, 9, 2] }))
 * assert.ok(E.isRight(result) && (result.right as { a: unknown }).a === doc.a)
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const applyOperation = (doc: Json, op: Operation): E.Either<JsonPatchError, Json> => applyAt(new Set(), doc, op, 0)

/**
 * Applies a patch: all the operations in order, each seeing the result of the ones before,
 * or the first error and no change at all. The empty patch returns `doc` itself.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const doc = { foo: ['bar', 'baz'] }
 * assert.deepStrictEqual(
 *   JsonPatch.applyPatch(doc, [
 *     { op: 'test', path: '/foo/0', value: 'bar' },
 *     { op: 'move', from: '/foo/0', path: '/first' }
 *   ]),
 *   E.right({ foo: ['baz'], first: 'bar' })
 * )
 * assert.deepStrictEqual(
 *   JsonPatch.applyPatch(doc, [{ op: 'add', path: '/x', value: 1 }, { op: 'remove', path: '/a/b' }]),
 *   E.left({ _tag: 'PathNotFound', index: 1, path: '/a/b', message: 'operation 1 (remove): path /a/b does not exist: /a does not exist' })
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const applyPatch = (doc: Json, operations: ReadonlyArray<Operation>): E.Either<JsonPatchError, Json> => {
  try {
    if (!Array.isArray(operations)) return E.left(invalidOperation(undefined, `the patch is ${showValue(operations)}, not an array of operations; send [] for no change`))
    // one set for the whole call: what an operation creates, the ones after it may update in place
    const owned: Owned = new Set()
    return foldLeft(operations, doc, (result: Json, op: Operation, index: number) => applyAt(owned, result, op, index))
  } catch (error) {
    return E.left(invalidOperation(undefined, `the patch could not be read: ${describe(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/**
 * An operation that is malformed (no `path`, an unknown `op`, no `value`...) or impossible
 * whatever the document (moving a location into its own child, removing the whole document).
 * `index` is absent when the patch itself is not an array.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   JsonPatch.applyPatch({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]),
 *   E.left({ _tag: 'InvalidOperation', index: 0, message: 'operation 0 (move): cannot move /a into its own child /a/b/c; copy it instead' })
 * )
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidOperation {
  readonly _tag: 'InvalidOperation'
  readonly index?: number
  readonly message: string
}

/**
 * A `path` or `from` that is not a valid pointer (syntax, a forbidden key) or not a valid
 * array index where it meets an array (`01`, `1e0`, `-` outside add).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const result = JsonPatch.applyPatch({ list: [1, 2] }, [{ op: 'remove', path: '/list/-' }])
 * assert.ok(E.isLeft(result) && result.left._tag === 'InvalidPointer' && result.left.path === '/list/-')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidPointer {
  readonly _tag: 'InvalidPointer'
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * A location that must exist does not: a missing key, an index out of bounds, a scalar on
 * the way, or a missing parent for add.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   JsonPatch.applyPatch({ a: {} }, [{ op: 'remove', path: '/a/b' }]),
 *   E.left({ _tag: 'PathNotFound', index: 0, path: '/a/b', message: 'operation 0 (remove): path /a/b does not exist' })
 * )
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface PathNotFound {
  readonly _tag: 'PathNotFound'
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * A `test` operation found a different value.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(
 *   JsonPatch.applyPatch({ n: 10 }, [{ op: 'test', path: '/n', value: '10' }]),
 *   E.left({ _tag: 'TestFailed', index: 0, path: '/n', message: 'operation 0 (test): path /n holds 10, which is not equal to the given value "10"' })
 * )
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface TestFailed {
  readonly _tag: 'TestFailed'
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * A value that is not JSON (undefined, NaN, a Date, a cycle, a getter that throws) or is nested
 * deeper than {@link maxDepth}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const result = JsonPatch.decodeOperations([{ op: 'add', path: '/a', value: Number.NaN }])
 * assert.ok(E.isLeft(result) && result.left._tag === 'InvalidJson' && result.left.message === 'operation 0 (add): value is not JSON: NaN is not a JSON number')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidJson {
  readonly _tag: 'InvalidJson'
  readonly index: number
  readonly message: string
}

/**
 * Any error of a patch.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPatch } from 'apigw-canary'
 *
 * const tag = (ops: ReadonlyArray<JsonPatch.Operation>): E.Either<string, JsonPatch.Json> =>
 *   E.mapLeft((e: JsonPatch.JsonPatchError) => e._tag)(JsonPatch.applyPatch({ a: 1 }, ops))
 * assert.deepStrictEqual(tag([{ op: 'remove', path: '/b' }]), E.left('PathNotFound'))
 * assert.deepStrictEqual(tag([{ op: 'test', path: '/a', value: 2 }]), E.left('TestFailed'))
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export type JsonPatchError = InvalidOperation | InvalidPointer | PathNotFound | TestFailed | InvalidJson

/**
 * A malformed or impossible operation; `index` is `undefined` when the patch is not an array.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPatch.invalidOperation(0, 'operation 0: op is missing'), {
 *   _tag: 'InvalidOperation',
 *   index: 0,
 *   message: 'operation 0: op is missing'
 * })
 * assert.deepStrictEqual(JsonPatch.invalidOperation(undefined, 'not an array'), { _tag: 'InvalidOperation', message: 'not an array' })
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const invalidOperation = (index: number | undefined, message: string): InvalidOperation =>
  index === undefined ? { _tag: 'InvalidOperation', message } : { _tag: 'InvalidOperation', index, message }

/**
 * An invalid `path` or `from` pointer.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPatch.invalidPointer(2, '/a/01', 'operation 2 (remove): ...').path, '/a/01')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const invalidPointer = (index: number, path: string, message: string): InvalidPointer => ({ _tag: 'InvalidPointer', index, path, message })

/**
 * A location that does not exist.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPatch.pathNotFound(2, '/a/b', 'operation 2 (remove): path /a/b does not exist'), {
 *   _tag: 'PathNotFound',
 *   index: 2,
 *   path: '/a/b',
 *   message: 'operation 2 (remove): path /a/b does not exist'
 * })
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const pathNotFound = (index: number, path: string, message: string): PathNotFound => ({ _tag: 'PathNotFound', index, path, message })

/**
 * A failed `test`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPatch.testFailed(0, '/a', 'operation 0 (test): ...')._tag, 'TestFailed')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const testFailed = (index: number, path: string, message: string): TestFailed => ({ _tag: 'TestFailed', index, path, message })

/**
 * A value that is not JSON, or too deep.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPatch } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPatch.invalidJson(1, 'operation 1 (add): value is not JSON: it contains a cycle').index, 1)
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const invalidJson = (index: number, message: string): InvalidJson => ({ _tag: 'InvalidJson', index, message })
