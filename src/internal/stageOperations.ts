/**
 * The update-stage applier's single-operation step, path by path: the canary and the promotion
 * copies, the stage's own fields, stage variables, access logs and method settings. The public
 * API, its rules and its chosen behaviour are documented in `StagePatch.ts`.
 *
 * @internal
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import {
  cannotRemoveMethodSetting,
  deploymentIdDoesNotExist,
  emptyAccessLogValue,
  invalidAccessLogPath,
  invalidCopyOperation,
  invalidPatchPath,
  invalidPatchPointer,
  invalidPatchValue,
  noCanaryToPromote,
  unsupportedPatchOperation,
  type ApiGatewayError,
  type InvalidValue,
  type LifecycleError
} from '../ApiGatewayError.js'
import * as CanarySettingsModule from '../CanarySettings.js'
import * as DeploymentId from '../DeploymentId.js'
import * as JsonPointer from '../JsonPointer.js'
import * as L from '../Lifecycle.js'
import * as MethodSettingModule from '../MethodSetting.js'
import type { PatchOperation } from '../PatchOperation.js'
import * as Percent from '../Percent.js'
import { cacheClusterSizes, hasCanary, type CacheClusterSize, type CanaryStage, type Stage } from '../Stage.js'
import type { PatchOptions } from '../StagePatch.js'
import * as StageVariable from '../StageVariable.js'
import * as R from './record.js'
import { hasForbiddenSegment, parseBoolean, parseOneOf, reservedHeads, settingPath } from './stagePaths.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** What one operation gives. @internal */
export type Result = E.Either<ApiGatewayError, Stage>

/** One operation in its request. @internal */
export interface Step {
  readonly index: number
  readonly op: PatchOperation
  readonly options: PatchOptions
}

const atIndex =
  (index: number) =>
  (e: InvalidValue): ApiGatewayError =>
    invalidPatchValue(index, e.field, e.value, e.rule)

/** The lifecycle's errors, as errors of the operation at `index`. */
const fromLifecycle =
  (index: number) =>
  (e: LifecycleError): ApiGatewayError =>
    e._tag === 'InvalidValue' ? atIndex(index)(e) : e._tag === 'PromotionNotAvailable' ? noCanaryToPromote(index) : e

/** The operation's value, which it needs. */
const valueOf = (step: Step): E.Either<ApiGatewayError, string> =>
  step.op.value === undefined
    ? E.left(invalidPatchValue(step.index, step.op.path, undefined, `is missing: ${step.op.op} needs a value`))
    : E.right(step.op.value)

/** The operation's value read by `parse`, its path naming it in errors. */
const parsedValue = <A>(step: Step, parse: (value: string, field: string) => E.Either<InvalidValue, A>): E.Either<ApiGatewayError, A> =>
  E.flatMap(valueOf(step), (value: string) => E.mapLeft(atIndex(step.index))(parse(value, step.op.path)))

/** A deployment id that exists, when the caller said which do. */
const existingDeployment = (step: Step): E.Either<ApiGatewayError, DeploymentId.DeploymentId> =>
  E.flatMap(parsedValue(step, DeploymentId.fromString), (id: DeploymentId.DeploymentId) =>
    step.options.deployments === undefined || step.options.deployments.includes(id)
      ? E.right(id)
      : E.left(deploymentIdDoesNotExist(step.index, step.op.path, id))
  )

/** Sets a field; the same stage when it already has that value. @internal */
export const setField = <K extends keyof Stage>(stage: Stage, key: K, value: NonNullable<Stage[K]>): Stage =>
  R.hasOwn(stage, key) && stage[key] === value ? stage : { ...stage, [key]: value }

const dropField = (stage: Stage, key: keyof Stage): Stage => {
  if (!R.hasOwn(stage, key)) return stage
  const { [key]: _, ...rest } = stage
  return rest
}

// -------------------------------------------------------------------------------------
// canary
// -------------------------------------------------------------------------------------

/**
 * The stage with a canary: its own, or the default one update-stage creates on the first
 * accepted replace of a canary path (the stage's deployment, 0 percent, no stage cache).
 */
const withCanary = (stage: Stage, index: number, deploymentId?: DeploymentId.DeploymentId): E.Either<ApiGatewayError, CanaryStage> =>
  hasCanary(stage)
    ? E.right(stage)
    : pipe(
        CanarySettingsModule.fromInput(deploymentId === undefined ? {} : { deploymentId }, stage.deploymentId),
        E.bimap(atIndex(index), (canarySettings): CanaryStage => ({ ...stage, canarySettings }))
      )

/** Reads the value, makes sure of a canary, then runs the lifecycle's own update. */
const updateCanary = <A>(
  step: Step,
  stage: Stage,
  value: E.Either<ApiGatewayError, A>,
  update: (stage: CanaryStage, a: A) => E.Either<LifecycleError, Stage>,
  deploymentId?: (a: A) => DeploymentId.DeploymentId
): Result =>
  E.flatMap(value, (a: A) =>
    E.flatMap(withCanary(stage, step.index, deploymentId?.(a)), (s: CanaryStage) => E.mapLeft(fromLifecycle(step.index))(update(s, a)))
  )

const OVERRIDES = 'stageVariableOverrides'

const canaryOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op } = step
  const path = op.path
  const [, field, name, ...more] = tokens
  if (op.op === 'add') return E.left(unsupportedPatchOperation(index, 'add', path))
  if (field === undefined) return op.op === 'remove' ? E.right(L.disable(stage)) : E.left(invalidPatchPath(index, path))
  const override = field === OVERRIDES && name !== undefined && more.length === 0 ? name : undefined
  if (op.op === 'remove') {
    if (override === undefined) return E.left(cannotRemoveMethodSetting(index, path))
    return E.flatMap(E.mapLeft(atIndex(index))(StageVariable.nameFromString(override, path)), (n: StageVariable.VariableName) =>
      hasCanary(stage) ? E.mapLeft(fromLifecycle(index))(L.removeOverride(stage, n)) : E.right(stage)
    )
  }
  if (override !== undefined) {
    const checked = E.flatMap(E.mapLeft(atIndex(index))(StageVariable.nameFromString(override, path)), () =>
      parsedValue(step, StageVariable.valueFromString)
    )
    return updateCanary(step, stage, checked, (s, v: StageVariable.VariableValue) => L.setOverride(s, override, v))
  }
  if (name !== undefined) return E.left(invalidPatchPath(index, path))
  switch (field) {
    case 'percentTraffic':
      return updateCanary(step, stage, parsedValue(step, Percent.fromString), L.setTraffic)
    case 'useStageCache':
      return updateCanary(step, stage, parsedValue(step, parseBoolean), L.setUseStageCache)
    case 'deploymentId':
      return updateCanary(step, stage, existingDeployment(step), L.setCanaryDeployment, (id) => id)
    default:
      return E.left(invalidPatchPath(index, path))
  }
}

/** The two promotion copies, as `[path, from]`, and the part of a promotion each is. */
const promotions: ReadonlyArray<readonly [string, string, L.PromoteOptions]> = [
  ['/deploymentId', '/canarySettings/deploymentId', { deployment: true, variables: false, resetTraffic: false }],
  ['/variables', '/canarySettings/stageVariableOverrides', { deployment: false, variables: true, resetTraffic: false }]
]

const copyOperation = (stage: Stage, step: Step): Result => {
  const { index, op } = step
  if (op.from === undefined) {
    return E.left(
      invalidPatchValue(
        index,
        op.path,
        undefined,
        'is missing its from: copy needs one, /canarySettings/deploymentId (to /deploymentId) or /canarySettings/stageVariableOverrides (to /variables)'
      )
    )
  }
  const promotion = promotions.find(([path, from]) => path === op.path && from === op.from)
  return promotion === undefined
    ? E.left(invalidCopyOperation(index, op.path, op.from))
    : E.mapLeft(() => noCanaryToPromote(index))(L.promote(stage, promotion[2]))
}

// -------------------------------------------------------------------------------------
// stage fields, variables, access logs
// -------------------------------------------------------------------------------------

/** Text fields: an empty value clears the field (chosen). */
const text =
  (key: 'description' | 'clientCertificateId' | 'documentationVersion') =>
  (stage: Stage, step: Step): Result =>
    E.map((v: string) => (v === '' ? dropField(stage, key) : setField(stage, key, v)))(valueOf(step))

const flag =
  (key: 'cacheClusterEnabled' | 'tracingEnabled') =>
  (stage: Stage, step: Step): Result =>
    E.map((b: boolean) => setField(stage, key, b))(parsedValue(step, parseBoolean))

/** The stage's own fields update-stage replaces. */
const stageFields: ReadonlyMap<string, (stage: Stage, step: Step) => Result> = new Map([
  ['deploymentId', (stage: Stage, step: Step): Result => E.map((id: DeploymentId.DeploymentId) => setField(stage, 'deploymentId', id))(existingDeployment(step))],
  ['description', text('description')],
  ['clientCertificateId', text('clientCertificateId')],
  ['documentationVersion', text('documentationVersion')],
  ['cacheClusterEnabled', flag('cacheClusterEnabled')],
  ['tracingEnabled', flag('tracingEnabled')],
  [
    'cacheClusterSize',
    (stage: Stage, step: Step): Result =>
      E.map((size: CacheClusterSize) => setField(stage, 'cacheClusterSize', size))(parsedValue(step, parseOneOf(cacheClusterSizes)))
  ]
])

const fieldOperation = (stage: Stage, step: Step, replace: (stage: Stage, step: Step) => Result): Result =>
  step.op.op === 'replace'
    ? replace(stage, step)
    : E.left(step.op.op === 'remove' ? cannotRemoveMethodSetting(step.index, step.op.path) : unsupportedPatchOperation(step.index, step.op.op, step.op.path))

const variableOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op } = step
  const name = tokens[1]
  if (name === undefined || tokens.length > 2) return E.left(invalidPatchPath(index, op.path))
  if (op.op === 'add') return E.left(unsupportedPatchOperation(index, 'add', op.path))
  const variables = stage.variables ?? {}
  return E.flatMap(E.mapLeft(atIndex(index))(StageVariable.nameFromString(name, op.path)), (n: StageVariable.VariableName): Result => {
    if (op.op === 'remove') {
      const rest = R.remove(variables, n)
      return E.right(rest === variables ? stage : R.isEmpty(rest) ? dropField(stage, 'variables') : { ...stage, variables: rest })
    }
    return E.flatMap(parsedValue(step, StageVariable.valueFromString), (v: StageVariable.VariableValue): Result => {
      const next = R.upsert(variables, n, v)
      if (next === stage.variables) return E.right(stage)
      return Object.keys(next).length > StageVariable.MAX_VARIABLES
        ? E.left(invalidPatchValue(index, op.path, v, `would be variable number ${StageVariable.MAX_VARIABLES + 1}; at most ${StageVariable.MAX_VARIABLES} are allowed`))
        : E.right({ ...stage, variables: next })
    })
  })
}

const accessLogOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op } = step
  const field = tokens[1]
  if (field === undefined) return op.op === 'remove' ? E.right(dropField(stage, 'accessLogSettings')) : E.left(invalidAccessLogPath(index, op.path))
  if (tokens.length > 2 || (field !== 'destinationArn' && field !== 'format')) return E.left(invalidAccessLogPath(index, op.path))
  if (op.op === 'remove') return E.left(cannotRemoveMethodSetting(index, op.path))
  return E.flatMap(valueOf(step), (v: string): Result => {
    if (v === '') return E.left(emptyAccessLogValue(index, op.path))
    const settings = stage.accessLogSettings
    return E.right(settings !== undefined && R.hasOwn(settings, field) && settings[field] === v ? stage : { ...stage, accessLogSettings: { ...settings, [field]: v } })
  })
}

// -------------------------------------------------------------------------------------
// method settings
// -------------------------------------------------------------------------------------

const methodSettingOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op } = step
  const [resource, method, group, name, ...more] = tokens
  if (resource === undefined || method === undefined || resource === '' || method === '' || reservedHeads.has(resource) || more.length > 0) {
    return E.left(invalidPatchPath(index, op.path))
  }
  const key = `${resource}/${method}`
  const forbidden = hasForbiddenSegment(key)
  if (forbidden !== undefined) return E.left(invalidPatchPointer(index, op.path, JsonPointer.forbiddenKey(op.path, forbidden).message))
  const settings = stage.methodSettings ?? {}
  if (group === undefined) {
    if (op.op !== 'remove') return E.left(invalidPatchPath(index, op.path))
    return R.hasOwn(settings, key) ? E.right({ ...stage, methodSettings: R.remove(settings, key) }) : E.left(cannotRemoveMethodSetting(index, op.path))
  }
  const setting = name === undefined ? undefined : settingPath(group, name)
  if (setting === undefined) return E.left(invalidPatchPath(index, op.path))
  if (op.op !== 'replace') return E.left(op.op === 'remove' ? cannotRemoveMethodSetting(index, op.path) : unsupportedPatchOperation(index, op.op, op.path))
  return E.map((entry: MethodSettingModule.MethodSetting): Stage =>
    R.hasOwn(settings, key) && settings[key] === entry ? stage : { ...stage, methodSettings: R.upsert(settings, key, entry) }
  )(
    E.flatMap(valueOf(step), (v: string) =>
      E.mapLeft(atIndex(index))(setting.set(MethodSettingModule.initial(settings, key), v, op.path))
    )
  )
}

// -------------------------------------------------------------------------------------
// routing
// -------------------------------------------------------------------------------------

/**
 * Applies one operation of a request (already read and checked by the codec): dispatches on
 * the op, then on the path's first token.
 *
 * @internal
 */
export const route = (stage: Stage, step: Step): Result => {
  const { index, op } = step
  if (op.op === 'move' || op.op === 'test') return E.left(unsupportedPatchOperation(index, op.op, op.path))
  if (op.op === 'copy') return copyOperation(stage, step)
  return E.flatMap(
    E.mapLeft((e: JsonPointer.PointerError) => invalidPatchPointer(index, op.path, e.message))(JsonPointer.parseSafe(op.path)),
    (tokens: JsonPointer.Tokens): Result => {
      const head = tokens[0]
      if (head === undefined) return E.left(invalidPatchPath(index, op.path))
      if (head === 'canarySettings') return canaryOperation(stage, tokens, step)
      if (head === 'variables') return variableOperation(stage, tokens, step)
      if (head === 'accessLogSettings') return accessLogOperation(stage, tokens, step)
      const replace = tokens.length === 1 ? stageFields.get(head) : undefined
      return replace === undefined ? methodSettingOperation(stage, tokens, step) : fieldOperation(stage, step, replace)
    }
  )
}
