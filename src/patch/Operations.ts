/**
 * The lifecycle as update-stage operations, and the differ: {@link toOperations} gives the
 * patch operations a tool sends for a lifecycle transition, and {@link diff} the operations
 * that turn one stage into another.
 *
 * Laws (checked as properties in `test/patch/Operations.test.ts`, statements in `test/laws/StagePatch.ts`):
 * - whenever `transition(s, t)` is `Right(s2)`, `applyPatch(s, toOperations(s, t))` is a
 *   `Right` deep-equal to `s2`; and `toOperations(s, t)` is a `Left` exactly when
 *   `transition(s, t)` is;
 * - `diff(a, a)` is `Right([])`;
 * - whenever `diff(a, b)` is `Right(ops)`, `applyPatch(a, ops)` is a `Right` deep-equal to `b`;
 *   and `diff(a, b)` is a `Right` for every `b` that a patch can make from `a`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type { LifecycleError } from '../stage/ApiGatewayError.js'
import type { CanarySettings } from '../stage/CanarySettings.js'
import type { AccessLogSettings } from '../stage/AccessLogSettings.js'
import * as JsonPointer from '../json/JsonPointer.js'
import * as MethodSettingModule from '../stage/MethodSetting.js'
import type { MethodSetting, MethodSettings } from '../stage/MethodSetting.js'
import * as PatchOperationModule from './PatchOperation.js'
import type { PatchOperation } from './PatchOperation.js'
import type { Percent } from '../stage/Percent.js'
import { hasCanary, type Stage } from '../stage/Stage.js'
import { applyPatch } from './StagePatch.js'
import { transition, type Transition } from '../lifecycle/Transition.js'
import * as R from '../internal/record.js'
import { formatValue, keyPath, settingPaths } from './stagePaths.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * {@link diff} found a difference no update-stage patch can make: `field` names it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, diff, type DiffError } from 'apigw-canary'
 *
 * const a = decodeStage({ stageName: 'prod', tags: { team: 'a' } })
 * const b = decodeStage({ stageName: 'prod', tags: { team: 'b' } })
 * assert.ok(E.isRight(a) && E.isRight(b))
 * const e = diff(a.right, b.right)
 * assert.ok(E.isLeft(e))
 * const error: DiffError = e.left
 * assert.strictEqual(error.field, 'tags')
 * assert.strictEqual(error.message, 'tags: update-stage cannot change it')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DiffError {
  readonly _tag: 'DiffError'
  /** The field, such as `tags`, `variables` or `methodSettings["~1pets/GET"]`. */
  readonly field: string
  readonly message: string
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const { replace, remove, copy, add } = PatchOperationModule

const CANARY = '/canarySettings'
const OVERRIDES = `${CANARY}/stageVariableOverrides`

/** A percentage as the AWS docs write it: `"0.0"`, `"10.5"`, `"50.0"`. */
const formatPercent = (p: Percent): string => (Number.isInteger(p) ? p.toFixed(1) : String(p))

const pointer = (...tokens: ReadonlyArray<string>): string => JsonPointer.format(tokens)

/**
 * The operations that build `canary` on a stage without one whose deployment is
 * `stageDeploymentId`: the first replace creates AWS's default canary (naming the deployment
 * first when the default would be another one), the rest set what differs from the default.
 */
const buildCanary = (stageDeploymentId: string | undefined, canary: CanarySettings): ReadonlyArray<PatchOperation> => [
  ...(canary.deploymentId === stageDeploymentId ? [] : [replace(`${CANARY}/deploymentId`, canary.deploymentId)]),
  replace(`${CANARY}/percentTraffic`, formatPercent(canary.percentTraffic)),
  ...(canary.useStageCache ? [replace(`${CANARY}/useStageCache`, 'true')] : []),
  ...Object.entries(canary.stageVariableOverrides ?? {}).map(([name, value]) => replace(pointer('canarySettings', 'stageVariableOverrides', name), value))
]

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === 'object' && u !== null

/** Structural equality of JSON-like values (own enumerable keys, order ignored). */
const equal = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => R.hasOwn(b, k) && equal(a[k], b[k]))
}

const notPatchable = (field: string, why: string): DiffError => ({ _tag: 'DiffError', field, message: `${field}: ${why}` })

type Ops = E.Either<DiffError, ReadonlyArray<PatchOperation>>

const none: Ops = E.right([])

const concat = (parts: ReadonlyArray<Ops>): Ops =>
  parts.reduce<Ops>((acc, part) => E.flatMap(acc, (xs: ReadonlyArray<PatchOperation>) => E.map((ys: ReadonlyArray<PatchOperation>) => [...xs, ...ys])(part)), none)

// -------------------------------------------------------------------------------------
// diff, field by field
// -------------------------------------------------------------------------------------

/** The fields no update-stage patch changes. */
const fixedFields: ReadonlyArray<keyof Stage> = ['stageName', 'cacheClusterStatus', 'webAclArn', 'tags', 'createdDate', 'lastUpdatedDate']

const knownFields: ReadonlySet<string> = new Set<string>([
  ...fixedFields,
  'deploymentId',
  'clientCertificateId',
  'description',
  'cacheClusterEnabled',
  'cacheClusterSize',
  'methodSettings',
  'variables',
  'documentationVersion',
  'accessLogSettings',
  'canarySettings',
  'tracingEnabled'
])

const fixedDiff = (before: Stage, after: Stage): Ops => {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const changed = keys.find((k) => !knownFields.has(k) && !equal((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]))
  if (changed !== undefined) return E.left(notPatchable(changed, 'is not a field update-stage knows, so no patch changes it'))
  const fixed = fixedFields.find((k) => !equal(before[k], after[k]))
  return fixed === undefined ? none : E.left(notPatchable(fixed, 'update-stage cannot change it'))
}

/** A field a patch sets (never removes), written by `format`. */
const scalarDiff = <K extends 'deploymentId' | 'cacheClusterEnabled' | 'cacheClusterSize' | 'tracingEnabled'>(before: Stage, after: Stage, key: K): Ops => {
  const [b, a] = [before[key], after[key]]
  if (a === b) return none
  return a === undefined ? E.left(notPatchable(key, 'a patch cannot remove it')) : E.right([replace(`/${key}`, formatValue(a))])
}

/** A text field: `replace` with `""` removes it, so `""` itself cannot be set. */
const textDiff = (before: Stage, after: Stage, key: 'description' | 'clientCertificateId' | 'documentationVersion'): Ops => {
  const [b, a] = [before[key], after[key]]
  if (a === b) return none
  return a === '' ? E.left(notPatchable(key, 'a patch cannot set it to "" (replacing it with "" removes it)')) : E.right([replace(`/${key}`, a ?? '')])
}

/**
 * A map of variables at `base` (`/variables` or the overrides): removals, then replaces. A
 * patch drops a map when its last key goes, so an empty map is made (from nothing) by adding a
 * key and removing it, and is never left behind by removals.
 */
const variablesDiff = (field: string, base: ReadonlyArray<string>, before: R.ReadonlyRecord<string> | undefined, after: R.ReadonlyRecord<string> | undefined): Ops => {
  if (equal(before, after)) return none
  const path = (name: string): string => JsonPointer.format([...base, name])
  const b = before ?? {}
  const a = after ?? {}
  if (after !== undefined && R.isEmpty(after)) return E.left(notPatchable(field, 'a patch cannot leave an empty map: removing the last key removes the map'))
  const removals = Object.keys(b).filter((k) => !R.hasOwn(a, k)).map((k) => remove(path(k)))
  const replaces = Object.entries(a).filter(([k, v]) => !R.hasOwn(b, k) || b[k] !== v).map(([k, v]) => replace(path(k), v))
  const touch = after === undefined && before !== undefined && R.isEmpty(before) ? [replace(path('x'), 'x'), remove(path('x'))] : []
  return E.right([...touch, ...removals, ...replaces])
}

const canaryDiff = (before: Stage, after: Stage): Ops => {
  const [b, a] = [before.canarySettings, after.canarySettings]
  if (equal(b, a)) return none
  if (a === undefined) return E.right([remove(CANARY)])
  if (b === undefined) return E.right(buildCanary(before.deploymentId, a))
  return concat([
    E.right([
      ...(a.deploymentId === b.deploymentId ? [] : [replace(`${CANARY}/deploymentId`, a.deploymentId)]),
      ...(a.percentTraffic === b.percentTraffic ? [] : [replace(`${CANARY}/percentTraffic`, formatPercent(a.percentTraffic))]),
      ...(a.useStageCache === b.useStageCache ? [] : [replace(`${CANARY}/useStageCache`, formatValue(a.useStageCache))])
    ]),
    variablesDiff('canarySettings.stageVariableOverrides', ['canarySettings', 'stageVariableOverrides'], b.stageVariableOverrides, a.stageVariableOverrides)
  ])
}

const accessLogFields = ['destinationArn', 'format'] as const

const accessLogDiff = (before: Stage, after: Stage): Ops => {
  const [b, a] = [before.accessLogSettings, after.accessLogSettings]
  if (equal(b, a)) return none
  if (a === undefined) return E.right([remove('/accessLogSettings')])
  // A field cannot be removed alone: remove the object, then add back what stays.
  const rebuild = b !== undefined && accessLogFields.some((f) => R.hasOwn(b, f) && !R.hasOwn(a, f))
  const start: AccessLogSettings | undefined = rebuild ? undefined : b
  const sets = accessLogFields.flatMap((f) => {
    const v = a[f]
    if (v === undefined || (start !== undefined && start[f] === v)) return []
    return [(start === undefined ? add : replace)(`/accessLogSettings/${f}`, v)]
  })
  return E.right([...(rebuild ? [remove('/accessLogSettings')] : []), ...sets])
}

/**
 * The replaces that make `target` from `base`, at the key's `path`; `touch` asks for one
 * replace even when nothing differs (to create the entry). `undefined` when no replace can:
 * `base` has a field `target` lacks, or `target` has nothing a patch sets.
 */
const entryOps = (path: string, base: MethodSetting, target: MethodSetting, touch: boolean): ReadonlyArray<PatchOperation> | undefined => {
  if (Object.keys(base).some((f) => !R.hasOwn(target, f))) return undefined
  const rows = settingPaths.filter((s) => target[s.field] !== undefined)
  const ops = rows.filter((s) => base[s.field] !== target[s.field]).map((s) => replace(`${path}/${s.path}`, formatValue(target[s.field] as boolean | number | string)))
  const first = rows[0]
  if (ops.length > 0 || !touch) return ops
  return first === undefined ? undefined : [replace(`${path}/${first.path}`, formatValue(target[first.field] as boolean | number | string))]
}

const own = <A>(record: R.ReadonlyRecord<A>, key: string): A | undefined => (R.hasOwn(record, key) ? record[key] : undefined)

/**
 * Method settings, entry by entry. A new entry starts as a copy of the wildcard entry of the
 * moment, or AWS's defaults when there is none; no field can be removed, so an entry that
 * loses one is removed and made again. Each new entry is made in one of three phases: before
 * the wildcard entry changes (a copy of the old one), in the gap while it is removed and made
 * again (the defaults), or after (a copy of the new one). The gap is opened only when an
 * entry needs it.
 */
const methodSettingsDiff = (before: Stage, after: Stage): Ops => {
  const [b, a] = [before.methodSettings, after.methodSettings]
  if (equal(b, a)) return none
  if (a === undefined) return E.left(notPatchable('methodSettings', 'a patch cannot remove the map'))
  const current: MethodSettings = b ?? {}
  const { WILDCARD, defaults } = MethodSettingModule
  const wildPath = pointer('*', '*')
  const [wildBefore, wildAfter] = [own(current, WILDCARD), own(a, WILDCARD)]
  const pre: Array<PatchOperation> = []
  const post: Array<PatchOperation> = []
  const gap: Array<PatchOperation> = []
  const phases: ReadonlyArray<readonly [MethodSetting, Array<PatchOperation>]> = [
    [wildBefore ?? defaults, pre],
    [wildAfter ?? defaults, post],
    ...(wildBefore !== undefined && wildAfter !== undefined ? [[defaults, gap] as const] : [])
  ]
  const keys = [...new Set([...Object.keys(current), ...Object.keys(a)])].filter((k) => k !== WILDCARD && !equal(own(current, k), own(a, k)))
  for (const key of keys) {
    const field = `methodSettings[${JSON.stringify(key)}]`
    const path = keyPath(key)
    const [from, to] = [own(current, key), own(a, key)]
    if (path === undefined) return E.left(notPatchable(field, 'no patch path reaches this key'))
    if (to === undefined) {
      pre.push(remove(path))
      continue
    }
    const inPlace = from === undefined ? undefined : entryOps(path, from, to, false)
    if (inPlace !== undefined) {
      pre.push(...inPlace)
      continue
    }
    const phase = phases.find(([base]) => entryOps(path, base, to, true) !== undefined)
    if (phase === undefined) {
      return E.left(notPatchable(field, 'a patch cannot make this entry exactly: it starts as a copy of the "*/*" entry (or AWS\'s defaults) and no field can be removed'))
    }
    phase[1].push(...(from === undefined ? [] : [remove(path)]), ...(entryOps(path, phase[0], to, true) ?? []))
  }
  const needGap = gap.length > 0
  const wildInPlace =
    equal(wildBefore, wildAfter) && !needGap
      ? []
      : wildAfter === undefined
        ? [remove(wildPath)]
        : wildBefore === undefined
          ? entryOps(wildPath, defaults, wildAfter, true)
          : needGap
            ? undefined
            : entryOps(wildPath, wildBefore, wildAfter, false)
  const wildMade = wildInPlace ?? (wildAfter === undefined ? undefined : entryOps(wildPath, defaults, wildAfter, true))
  if (wildMade === undefined) return E.left(notPatchable(`methodSettings[${JSON.stringify(WILDCARD)}]`, 'a patch cannot make this entry exactly: it starts from AWS\'s defaults and no field can be removed'))
  const wild = wildInPlace ?? [remove(wildPath), ...wildMade]
  const ops = wildInPlace === undefined ? [...pre, ...wild.slice(0, 1), ...gap, ...wild.slice(1), ...post] : [...pre, ...wild, ...post]
  // An empty map from none: touch the wildcard entry and remove it.
  const touch = b === undefined && ops.length === 0 ? [replace(`${wildPath}/metrics/enabled`, 'false'), remove(wildPath)] : []
  return E.right([...ops, ...touch])
}

/** The first top-level field where two stages differ. */
const firstDifference = (a: Stage, b: Stage): string =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].find((k) => !equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) ?? 'stage'

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * The update-stage operations a tool sends for a lifecycle transition, or the transition's
 * own error when it would fail on this stage. Promote is AWS's documented three operations, in
 * their order (`replace /canarySettings/percentTraffic "0.0"`, `copy from
 * /canarySettings/stageVariableOverrides to /variables`, `copy from
 * /canarySettings/deploymentId to /deploymentId`), less the parts `PromoteOptions` skips;
 * disable is `remove /canarySettings`; deploy is `replace /deploymentId`; a canary deployment
 * is `remove /canarySettings` (when there is one) then the replaces that build the new canary.
 * Percentages are written as the AWS docs write them (`"0.0"`, `"10.5"`, `"50.0"`).
 *
 * Law: whenever `transition(s, t)` is `Right(s2)`, `applyPatch(s, toOperations(s, t))` is a
 * `Right` deep-equal to `s2`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, toOperations, Transition } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(toOperations(stage.right, Transition.promote()), E.right([
 *   { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
 *   { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
 *   { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
 * ]))
 * assert.deepStrictEqual(toOperations(stage.right, Transition.setTraffic(50)), E.right([
 *   { op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }
 * ]))
 * assert.ok(E.isLeft(toOperations(stage.right, Transition.deploy('x7yz12'))))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const toOperations = (stage: Stage, t: Transition): E.Either<LifecycleError, ReadonlyArray<PatchOperation>> =>
  E.map((next: Stage): ReadonlyArray<PatchOperation> => {
    const canary = next.canarySettings
    switch (t._tag) {
      case 'EnableCanary':
        return canary === undefined ? [] : buildCanary(stage.deploymentId, canary)
      case 'SetTraffic':
        return canary === undefined ? [] : [replace(`${CANARY}/percentTraffic`, formatPercent(canary.percentTraffic))]
      case 'SetOverride':
        return [replace(pointer('canarySettings', 'stageVariableOverrides', t.name), t.value)]
      case 'RemoveOverride':
        return [remove(pointer('canarySettings', 'stageVariableOverrides', t.name))]
      case 'SetUseStageCache':
        return [replace(`${CANARY}/useStageCache`, formatValue(t.useStageCache))]
      case 'SetCanaryDeployment':
        return [replace(`${CANARY}/deploymentId`, t.deploymentId)]
      case 'Promote':
        return [
          ...(t.options.resetTraffic ?? true ? [replace(`${CANARY}/percentTraffic`, formatPercent(0 as Percent))] : []),
          ...(t.options.variables ?? true ? [copy(OVERRIDES, '/variables')] : []),
          ...(t.options.deployment ?? true ? [copy(`${CANARY}/deploymentId`, '/deploymentId')] : [])
        ]
      case 'Disable':
        return [remove(CANARY)]
      case 'Deploy':
        return [replace('/deploymentId', t.deploymentId)]
      case 'DeployCanary':
        return [...(hasCanary(stage) ? [remove(CANARY)] : []), ...(canary === undefined ? [] : buildCanary(stage.deploymentId, canary))]
    }
  })(transition(stage, t))

/**
 * The update-stage operations that turn `before` into `after`, for everything update-stage can
 * change: the canary, `deploymentId`, `description`, `cacheClusterEnabled`,
 * `cacheClusterSize`, `clientCertificateId`, `documentationVersion`, `tracingEnabled`,
 * `variables`, `accessLogSettings` and `methodSettings`. A `Left` names the field where no
 * patch can: `tags`, `createdDate`, `lastUpdatedDate`, `cacheClusterStatus`, `stageName`,
 * `webAclArn`, unknown fields, a field a patch cannot remove, a method-setting entry a patch
 * cannot make exactly (it starts as a copy of `"*\/*"` or AWS's defaults, and no field can be
 * removed), an empty map a patch cannot leave behind.
 *
 * The result is checked: `applyPatch(before, ops)` must give `after` exactly, or `diff` is a
 * `Left` naming the first field that differs. Laws: `diff(a, a)` is `Right([])`; whenever
 * `diff(a, b)` is `Right(ops)`, `applyPatch(a, ops)` is a `Right` deep-equal to `b`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, diff } from 'apigw-canary'
 *
 * const before = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * const after = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val2' }, tracingEnabled: true })
 * assert.ok(E.isRight(before) && E.isRight(after))
 * const ops = diff(before.right, after.right)
 * assert.ok(E.isRight(ops))
 * assert.deepStrictEqual(ops.right, [
 *   { op: 'replace', path: '/tracingEnabled', value: 'true' },
 *   { op: 'replace', path: '/variables/sv1', value: 'val2' }
 * ])
 * assert.deepStrictEqual(applyPatch(before.right, ops.right), E.right(after.right))
 *
 * const renamed = decodeStage({ stageName: 'beta', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * assert.ok(E.isRight(renamed))
 * assert.deepStrictEqual(E.mapLeft((e: { field: string }) => e.field)(diff(before.right, renamed.right)), E.left('stageName'))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const diff = (before: Stage, after: Stage): E.Either<DiffError, ReadonlyArray<PatchOperation>> =>
  E.flatMap(
    concat([
      fixedDiff(before, after),
      canaryDiff(before, after),
      scalarDiff(before, after, 'deploymentId'),
      textDiff(before, after, 'description'),
      scalarDiff(before, after, 'cacheClusterEnabled'),
      scalarDiff(before, after, 'cacheClusterSize'),
      textDiff(before, after, 'clientCertificateId'),
      textDiff(before, after, 'documentationVersion'),
      scalarDiff(before, after, 'tracingEnabled'),
      variablesDiff('variables', ['variables'], before.variables, after.variables),
      accessLogDiff(before, after),
      methodSettingsDiff(before, after)
    ]),
    (ops: ReadonlyArray<PatchOperation>): E.Either<DiffError, ReadonlyArray<PatchOperation>> =>
      E.match(
        (e: { readonly message: string; readonly index?: number | undefined }) => {
          const op = e.index === undefined ? undefined : ops[e.index]
          return E.left(notPatchable(op === undefined ? firstDifference(before, after) : op.path, `the patch that would make it fails: ${e.message}`))
        },
        (made: Stage) =>
          equal(made, after) ? E.right(ops) : E.left(notPatchable(firstDifference(made, after), 'a patch cannot make this value exactly'))
      )(applyPatch(before, ops))
  )
