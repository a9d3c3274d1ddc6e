/**
 * The laws of the update-stage applier, of the lifecycle as operations and of the differ, as
 * plain predicates. The fast-check wiring lives in `test/patch/StagePatch.test.ts` and
 * `test/patch/Operations.test.ts`; every law returns its boolean.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isDeepStrictEqual } from 'node:util'
import type { ApiGatewayError, Stage, Transition } from '../../src/index.js'
import { transition } from '../../src/index.js'
import { diff, toOperations } from '../../src/patch/Operations.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyOperation, applyPatch } from '../../src/patch/StagePatch.js'
import { deepFreeze, prototypesClean, snapshot } from '../helpers.js'

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null

// -------------------------------------------------------------------------------------
// the applier
// -------------------------------------------------------------------------------------

/** The empty patch returns the stage itself. */
export const emptyPatchIsIdentity = (s: Stage): boolean => {
  const r = applyPatch(s, [])
  return E.isRight(r) && r.right === s
}

/** Applying never mutates the (deep-frozen) stage, nor throws; the stage is as it was. */
export const neverMutates = (s: Stage, ops: ReadonlyArray<PatchOperation>): boolean => {
  const before = snapshot(s)
  const frozen = deepFreeze(s)
  applyPatch(frozen, deepFreeze(ops))
  return isDeepStrictEqual(frozen, before)
}

/**
 * The request is the fold of its operations: a `Right` is what applying them one by one gives;
 * a `Left` is the error of the first operation that fails, with its index, and the operations
 * before it all applied.
 */
export const foldOfOperations = (s: Stage, ops: ReadonlyArray<PatchOperation>): boolean => {
  let current: Stage = s
  for (const [index, op] of ops.entries()) {
    const r = applyOperation(current, op, {}, index)
    if (E.isLeft(r)) return isDeepStrictEqual(applyPatch(s, ops), r) && (r.left as { index?: number }).index === index
    current = r.right
  }
  const whole = applyPatch(s, ops)
  return E.isRight(whole) && isDeepStrictEqual(whole.right, current)
}

/** Wherever the stage before and after one operation are deep-equal, they are the same object. */
export const sharesWhatItKeeps = (a: unknown, b: unknown): boolean => {
  if (isDeepStrictEqual(a, b)) return a === b || !isObject(a)
  if (!isObject(a) || !isObject(b)) return true
  return Object.keys(a).every((k) => !Object.prototype.hasOwnProperty.call(b, k) || sharesWhatItKeeps(a[k], b[k]))
}

/** One operation shares every subtree it leaves as it was. */
export const operationSharesUntouched = (s: Stage, op: PatchOperation): boolean =>
  E.match(
    () => true,
    (t: Stage) => sharesWhatItKeeps(s, t)
  )(applyOperation(s, op))

/**
 * A hostile path (one that names `__proto__`, `constructor` or `prototype`, or is not a JSON
 * Pointer) is refused as such, whatever the op and however good the value; no prototype is
 * touched.
 */
export const hostileRefused = (s: Stage, op: PatchOperation): boolean => {
  const r = applyPatch(s, [op])
  return E.isLeft(r) && r.left._tag === 'InvalidPatchPointer' && prototypesClean()
}

/** Every error carries AWS's exception name and the index of the failing operation. */
export const errorNamesItsOperation = (s: Stage, ops: ReadonlyArray<PatchOperation>): boolean =>
  E.match(
    (e: ApiGatewayError) => e.name === 'BadRequestException' && 'index' in e && typeof e.index === 'number' && e.index >= 0 && e.index < ops.length,
    () => true
  )(applyPatch(s, ops))

// -------------------------------------------------------------------------------------
// the lifecycle as operations, and the differ
// -------------------------------------------------------------------------------------

/** Whenever transition(s, t) is Right(s2), applyPatch(s, toOperations(s, t)) is Right(s2') deep-equal to s2. */
export const operationsFollowTransition = (s: Stage, t: Transition.Transition): boolean => {
  const next = transition(s, t)
  const ops = toOperations(s, t)
  if (E.isLeft(next)) return E.isLeft(ops) && isDeepStrictEqual(ops.left, next.left)
  if (E.isLeft(ops)) return false
  const patched = applyPatch(s, ops.right)
  return E.isRight(patched) && isDeepStrictEqual(patched.right, next.right)
}

/** diff(a, a) is Right([]). */
export const diffOfSelfIsEmpty = (a: Stage): boolean => isDeepStrictEqual(diff(a, a), E.right([]))

/** Whenever diff(a, b) is Right(ops), applyPatch(a, ops) is Right(b') deep-equal to b. */
export const diffIsSound = (a: Stage, b: Stage): boolean =>
  E.match(
    () => true,
    (ops: ReadonlyArray<PatchOperation>) => {
      const r = applyPatch(a, ops)
      return E.isRight(r) && isDeepStrictEqual(r.right, b)
    }
  )(diff(a, b))

/** Every stage a patch makes from a, diff reaches: diff(a, b) is Right, and applying it gives b. */
export const diffReachesPatched = (a: Stage, ops: ReadonlyArray<PatchOperation>): boolean =>
  E.match(
    () => true,
    (b: Stage) => {
      const d = diff(a, b)
      if (E.isLeft(d)) return false
      const r = applyPatch(a, d.right)
      return E.isRight(r) && isDeepStrictEqual(r.right, b)
    }
  )(applyPatch(a, ops))
