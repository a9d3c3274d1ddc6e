/**
 * The readers the tools' codecs share: one declared value (a reference kept as it is), strings,
 * booleans, percentages, deployment ids, cache sizes and stage variables, checked as AWS checks
 * them, with the place named in each error.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import * as DeploymentId from '../stage/DeploymentId.js'
import * as Percent from '../stage/Percent.js'
import { cacheClusterSizes, type CacheClusterSize } from '../stage/Stage.js'
import * as StageVariable from '../stage/StageVariable.js'
import { define, hasOwn, isRecord } from '../internal/record.js'
import { iacError, isUnresolved, type Declared, type DeclaredVariables, type IacError, type Unresolved } from './Declared.js'

/** How deep a template's values may nest: a real template stays far below. @internal */
export const MAX_DEPTH = 64

/** `Ref`, `Condition` or `Fn::*` as the one key of an object: CloudFormation's long form. @internal */
export const intrinsicOf = (u: unknown): Unresolved | undefined => {
  if (!isRecord(u)) return undefined
  const keys = Object.keys(u)
  if (keys.length !== 1) return undefined
  const fn = keys[0] ?? ''
  if (fn === 'Ref' && typeof u[fn] === 'string') return { _tag: 'Ref', logicalId: u[fn] as string }
  if (fn === 'Condition' || fn.startsWith('Fn::')) return { _tag: 'Intrinsic', fn, args: u[fn] }
  return undefined
}

/** Reads one declared value: a reference as it is, else `check`. @internal */
export const declared = <A>(
  u: unknown,
  where: string,
  check: (u: unknown, where: string) => E.Either<IacError, A>
): E.Either<IacError, Declared<A>> => {
  if (isUnresolved(u)) return E.right(u)
  const ref = intrinsicOf(u)
  return ref !== undefined ? E.right(ref) : check(u, where)
}

/** A string. @internal */
export const str = (u: unknown, where: string): E.Either<IacError, string> =>
  typeof u === 'string' ? E.right(u) : E.left(iacError(where, u, 'is not a string'))

/** A boolean; CloudFormation also takes "true" and "false". @internal */
export const bool = (u: unknown, where: string): E.Either<IacError, boolean> =>
  typeof u === 'boolean' ? E.right(u) : u === 'true' ? E.right(true) : u === 'false' ? E.right(false) : E.left(iacError(where, u, 'is not a boolean'))

/** A percentage; CloudFormation also takes a number written as a string. @internal */
export const percent = (u: unknown, where: string): E.Either<IacError, Percent.Percent> => {
  const n = typeof u === 'string' && /^\s*[0-9.eE+-]+\s*$/.test(u) ? Number(u) : u
  return typeof n === 'number' && Percent.isPercent(n) ? E.right(n) : E.left(iacError(where, u, Percent.rule))
}

/** A deployment id. @internal */
export const deploymentId = (u: unknown, where: string): E.Either<IacError, DeploymentId.DeploymentId> =>
  DeploymentId.isDeploymentId(u) ? E.right(u) : E.left(iacError(where, u, DeploymentId.rule))

/** A cache cluster size; CloudFormation and Terraform write it as a string. @internal */
export const cacheSize = (u: unknown, where: string): E.Either<IacError, CacheClusterSize> =>
  typeof u === 'string' && (cacheClusterSizes as ReadonlyArray<string>).includes(u)
    ? E.right(u as CacheClusterSize)
    : E.left(iacError(where, u, `is not a cache cluster size (one of ${cacheClusterSizes.join(', ')})`))

/** Stage variables or overrides: names and values checked as AWS checks them, each value possibly a reference. @internal */
export const variables = (u: unknown, where: string): E.Either<IacError, DeclaredVariables> => {
  if (!isRecord(u)) return E.left(iacError(where, u, 'is not a map of stage variables (an object of string values)'))
  const keys = Object.keys(u)
  if (keys.length > StageVariable.MAX_VARIABLES) return E.left(iacError(where, undefined, `has ${keys.length} variables: AWS allows at most ${StageVariable.MAX_VARIABLES}`))
  const out: Record<string, Declared<StageVariable.VariableValue>> = {}
  for (const key of keys) {
    const at = `${where}.${key}`
    if (!StageVariable.isName(key)) return E.left(iacError(at, undefined, 'is not a stage variable name (letters, digits and _, at most 64 characters)'))
    const value: unknown = u[key]
    const v = declared(value, at, (x, w) =>
      typeof x === 'string' && StageVariable.isValue(x)
        ? E.right(x)
        : E.left(iacError(w, x, typeof x === 'string' ? 'is not a stage variable value (A-Z a-z 0-9 and -._~:/?#&=, only, 1 to 512 characters)' : 'is not a string'))
    )
    if (E.isLeft(v)) return v
    define(out, key, v.right)
  }
  return E.right(out)
}

/** Reads an optional field of a record into `out` under `key`. @internal */
export const field = <A>(
  out: Record<string, unknown>,
  key: string,
  record: Readonly<Record<string, unknown>>,
  name: string,
  where: string,
  check: (u: unknown, where: string) => E.Either<IacError, A>
): E.Either<IacError, void> => {
  if (!hasOwn(record, name)) return E.right(undefined)
  const value = record[name]
  if (value === null || value === undefined) return E.right(undefined)
  const r = declared(value, `${where}.${name}`, check)
  if (E.isLeft(r)) return r
  define(out, key, r.right)
  return E.right(undefined)
}

/** The first Left of a list of steps, or Right. @internal */
export const all = (steps: ReadonlyArray<() => E.Either<IacError, void>>): E.Either<IacError, void> => {
  for (const step of steps) {
    const r = step()
    if (E.isLeft(r)) return r
  }
  return E.right(undefined)
}

/**
 * Does the value nest deeper than {@link MAX_DEPTH}, or refer to itself? Iterative (any depth is
 * safe to ask) and linear in the distinct objects: a part shared many times (objects built in
 * code) is walked once. @internal
 */
export const tooDeep = (value: unknown, max: number = MAX_DEPTH): boolean => {
  const onPath = new Set<object>()
  const done = new Set<object>()
  // an entry is a value to enter at a depth, or (exit) an object whose children are all done
  const stack: Array<readonly [unknown, number, boolean]> = [[value, 0, false]]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [v, depth, exit] = next
    if (typeof v !== 'object' || v === null) continue
    if (exit) {
      onPath.delete(v)
      done.add(v)
      continue
    }
    if (onPath.has(v) || depth > max) return true
    if (done.has(v)) continue
    onPath.add(v)
    stack.push([v, depth, true])
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], depth + 1, false])
  }
  return false
}

