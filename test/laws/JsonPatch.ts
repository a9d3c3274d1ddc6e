/**
 * The laws of JSON Pointer and JSON Patch, as plain predicates over generated inputs. The
 * fast-check wiring that checks them lives in `test/json/JsonPointer.test.ts` and
 * `test/json/JsonPatch.test.ts`; every law returns its boolean.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isDeepStrictEqual } from 'node:util'
import * as JsonPatch from '../../src/json/JsonPatch.js'
import * as JsonPointer from '../../src/json/JsonPointer.js'
import { deepFreeze } from '../helpers.js'

type Json = JsonPatch.Json
type Operation = JsonPatch.Operation

const isContainer = (u: Json | undefined): u is ReadonlyArray<Json> | { readonly [key: string]: Json } => typeof u === 'object' && u !== null

/** The children of a container, as [token, value] pairs. */
const children = (u: Json | undefined): ReadonlyArray<readonly [string, Json]> =>
  Array.isArray(u) ? u.map((v: Json, i) => [String(i), v] as const) : isContainer(u) ? Object.entries(u) : []

/** The value at a list of tokens, or `undefined`; written without the library's code. */
export const valueAt = (doc: Json, tokens: ReadonlyArray<string>): Json | undefined =>
  tokens.reduce<Json | undefined>((node, token) => children(node).find(([k]) => k === token)?.[1], doc)

/** An existing location: from the root, `choices` pick a child at each level until a leaf or the choices run out. */
export const pickPath = (doc: Json, choices: ReadonlyArray<number>): ReadonlyArray<string> => {
  const tokens: Array<string> = []
  let node: Json | undefined = doc
  for (const choice of choices) {
    const kids = children(node)
    if (kids.length === 0) break
    const [token, child] = kids[choice % kids.length] as readonly [string, Json]
    tokens.push(token)
    node = child
  }
  return tokens
}

/** An existing container (object or array): like {@link pickPath}, stepping only into containers. */
export const pickContainer = (doc: Json, choices: ReadonlyArray<number>): ReadonlyArray<string> => {
  const tokens: Array<string> = []
  let node: Json | undefined = doc
  for (const choice of choices) {
    const kids = children(node).filter(([, v]) => isContainer(v))
    if (kids.length === 0) break
    const [token, child] = kids[choice % kids.length] as readonly [string, Json]
    tokens.push(token)
    node = child
  }
  return tokens
}

// -------------------------------------------------------------------------------------
// JSON Pointer
// -------------------------------------------------------------------------------------

/** parse(format(tokens)) = tokens, for every list of tokens. */
export const parseFormat = (tokens: ReadonlyArray<string>): boolean =>
  isDeepStrictEqual(JsonPointer.parse(JsonPointer.format(tokens)), E.right(tokens))

/** format(parse(pointer)) = pointer, for every pointer that parses. */
export const formatParse = (pointer: string): boolean =>
  E.match(
    () => true,
    (tokens: ReadonlyArray<string>) => JsonPointer.format(tokens) === pointer
  )(JsonPointer.parse(pointer))

/** parse succeeds exactly on the RFC 6901 grammar: "" or "/"-led, every "~" followed by 0 or 1. */
export const parseAcceptsTheGrammar = (pointer: string): boolean =>
  E.isRight(JsonPointer.parse(pointer)) === (pointer === '' || (pointer.startsWith('/') && !/~(?![01])/.test(pointer)))

// -------------------------------------------------------------------------------------
// JSON Patch
// -------------------------------------------------------------------------------------

/** The empty patch returns the document itself. */
export const emptyPatchIsIdentity = (doc: Json): boolean =>
  E.match(
    () => false,
    (result: Json) => result === doc
  )(JsonPatch.applyPatch(doc, []))

/**
 * Structural sharing: after a replace at an existing location, every container on the path
 * keeps every other child as the very same reference, and the replaced child is the value.
 */
export const untouchedSubtreesAreShared = (doc: Json, tokens: ReadonlyArray<string>, value: Json): boolean =>
  E.match(
    () => false,
    (result: Json) => {
      for (let depth = 0; depth < tokens.length; depth++) {
        const before = valueAt(doc, tokens.slice(0, depth))
        const after = valueAt(result, tokens.slice(0, depth))
        const kidsBefore = children(before)
        const kidsAfter = children(after)
        if (kidsBefore.length !== kidsAfter.length) return false
        const shared = kidsBefore.every(([k, v], i) => k === tokens[depth] || (kidsAfter[i]?.[0] === k && kidsAfter[i]?.[1] === v))
        if (!shared) return false
      }
      return valueAt(result, tokens) === value
    }
  )(JsonPatch.applyPatch(doc, [{ op: 'replace', path: JsonPointer.format(tokens), value }]))

/**
 * No mutation: a patch leaves its (unfrozen) input deeply equal to what it was, and gives the
 * same result on a deep-frozen copy (where any write would throw).
 */
export const inputIsNotMutated = (doc: Json, ops: ReadonlyArray<Operation>): boolean => {
  const original = structuredClone(doc)
  const plain = structuredClone(doc)
  const frozen = deepFreeze(structuredClone(doc))
  const onPlain = JsonPatch.applyPatch(plain, ops)
  const onFrozen = JsonPatch.applyPatch(frozen, ops)
  return isDeepStrictEqual(onPlain, onFrozen) && isDeepStrictEqual(plain, original) && isDeepStrictEqual(frozen, original)
}

/** add of a fresh key to an object, then remove of it, gives back an equal document. */
export const addThenRemoveRestores = (doc: Json, parent: ReadonlyArray<string>, key: string, value: Json): boolean => {
  const container = valueAt(doc, parent)
  if (typeof container !== 'object' || container === null || Array.isArray(container) || Object.hasOwn(container, key)) return true
  const path = JsonPointer.format([...parent, key])
  return E.match(
    () => false,
    (result: Json) => isDeepStrictEqual(result, doc)
  )(JsonPatch.applyPatch(doc, [{ op: 'add', path, value }, { op: 'remove', path }]))
}

/**
 * A patch whose operation `at` must fail gives a Left naming that operation or an earlier one,
 * and leaves the input as it was.
 */
export const failingPatchChangesNothing = (doc: Json, ops: ReadonlyArray<Operation>, failing: Operation): boolean => {
  const before = structuredClone(doc)
  const result = JsonPatch.applyPatch(doc, [...ops, failing])
  return E.isLeft(result) && (result.left.index ?? Infinity) <= ops.length && isDeepStrictEqual(doc, before)
}

/** test of the value just added at a location succeeds (and changes nothing). */
export const testAfterAddSucceeds = (doc: Json, path: string, value: Json): boolean => {
  const added = JsonPatch.applyOperation(doc, { op: 'add', path, value })
  if (E.isLeft(added)) return false
  return E.match(
    () => false,
    (result: Json) => result === added.right
  )(JsonPatch.applyOperation(added.right, { op: 'test', path, value: structuredClone(value) }))
}
