// ORACLE: a frozen copy of the applier as it was at commit c7d3694, before the speed work of
// issue 16 (only its imports changed). test/patch/StagePatch.oracle.test.ts holds the faster
// applier to the same answers as this one. Do not edit it to follow the applier; edit it
// only if a deliberate change of behaviour is made to the applier, and say so. (Done once: the
// fidelity changes of issue 15, access-log rules and one guard per element, applied here as
// their own diff, so that the oracle is the old code with the new rules.)
/**
 * The update-stage applier's single-operation step, path by path: the canary and the promotion
 * copies, the stage's own fields, stage variables, access logs and method settings. The public
 * API, its rules and its chosen behaviour are documented in `StagePatch.ts`.
 *
 * @internal
 */
import * as E from 'fp-ts/lib/Either.js'
import {
  cannotRemoveMethodSetting,
  deploymentIdDoesNotExist,
  emptyAccessLogValue,
  invalidAccessLogPath,
  invalidAccessLogValue,
  invalidCopyOperation,
  invalidPatchPath,
  invalidPatchPointer,
  invalidPatchValue,
  noCanaryToPromote,
  unsupportedPatchOperation,
  type ApiGatewayError,
  type InvalidValue,
  type LifecycleError
} from '../../../src/stage/ApiGatewayError.js'
import * as CanarySettingsModule from '../../../src/stage/CanarySettings.js'
import * as DeploymentId from '../../../src/stage/DeploymentId.js'
import * as JsonPointer from './JsonPointer.js'
import * as L from './Lifecycle.js'
import * as MethodSettingModule from '../../../src/stage/MethodSetting.js'
import type { PatchOperation } from '../../../src/patch/PatchOperation.js'
import * as Percent from '../../../src/stage/Percent.js'
import { cacheClusterSizes, hasCanary, type CanaryStage, type Stage } from '../../../src/stage/Stage.js'
import type { PatchOptions } from '../../../src/patch/PatchOptions.js'
import * as StageVariable from '../../../src/stage/StageVariable.js'
import * as R from './record.js'
import { hasForbiddenSegment, methodSettingTarget, parseBoolean, parseOneOf } from './stagePaths.js'
import { flatMap } from '../../../src/internal/either.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** What one operation gives. @internal */
export type Result = E.Either<ApiGatewayError, Stage>

/** One operation in its request: the operation, where it is, and what the caller knows. @internal */
export interface Step extends PatchOperation {
  readonly index: number
  readonly options: PatchOptions
}

/**
 * The errors of the operation at `index`, as update-stage answers them: a value the lifecycle or
 * a value reader refused becomes an {@link invalidPatchValue}, a promotion without a canary
 * AWS's `Promotion not available...` for that operation. {@link route} maps every error of an
 * operation through this once, so the steps below return those errors as they come.
 */
const atIndex =
  (index: number) =>
  (e: ApiGatewayError): ApiGatewayError =>
    e._tag === 'InvalidValue'
      ? invalidPatchValue(index, e.field, e.value, e.rule)
      : e._tag === 'PromotionNotAvailable'
        ? noCanaryToPromote(index)
        : e

/** AWS's answer to a path it does not know. */
const unknownPath = ({ index, path }: Step): Result => E.left(invalidPatchPath(index, path))

/** AWS's answer to an op the path does not take: `Cannot remove method setting...` for a remove, `Invalid {op} operation...` otherwise. */
const refused = ({ index, op, path }: Step): Result =>
  E.left(op === 'remove' ? cannotRemoveMethodSetting(index, path) : unsupportedPatchOperation(index, op, path))

/** The operation's value, which it needs. */
const valueOf = (step: Step): E.Either<ApiGatewayError, string> =>
  step.value === undefined
    ? E.left(invalidPatchValue(step.index, step.path, undefined, `is missing: ${step.op} needs a value`))
    : E.right(step.value)

/** The operation's value read by `parse`, the path naming it in errors. */
const parsedValue = <A>(step: Step, parse: (value: string, field: string) => E.Either<InvalidValue, A>): E.Either<ApiGatewayError, A> =>
  flatMap(valueOf(step), (value: string) => parse(value, step.path))

/**
 * A deployment id that exists, when the caller said which do (then any other value, the empty
 * string too, is AWS's `Deployment id does not exist`); a non-empty one otherwise.
 */
const existingDeployment = (step: Step): E.Either<ApiGatewayError, DeploymentId.DeploymentId> => {
  const known = step.options.deployments
  return known === undefined || step.value === undefined || known.includes(step.value)
    ? parsedValue(step, DeploymentId.fromString)
    : E.left(deploymentIdDoesNotExist(step.index, step.path, step.value))
}

/** Sets a field; the same stage when it already has that value. @internal */
export const setField: <K extends keyof Stage>(stage: Stage, key: K, value: NonNullable<Stage[K]>) => Stage = R.set

// -------------------------------------------------------------------------------------
// canary
// -------------------------------------------------------------------------------------

/**
 * The stage with a canary: its own, or the default one update-stage creates on the first
 * accepted replace of a canary path (the stage's deployment, 0 percent, no stage cache).
 */
const withCanary = (stage: Stage, deploymentId: DeploymentId.DeploymentId | undefined): E.Either<ApiGatewayError, CanaryStage> =>
  hasCanary(stage)
    ? E.right(stage)
    : E.map((canarySettings: CanarySettingsModule.CanarySettings): CanaryStage => ({ ...stage, canarySettings }))(
        CanarySettingsModule.fromInput({}, deploymentId ?? stage.deploymentId)
      )

/**
 * Reads the value, makes sure of a canary (on the deployment the value names, for
 * `deploymentId`), then runs the lifecycle's own update.
 */
const updateCanary = <A>(
  stage: Stage,
  value: E.Either<ApiGatewayError, A>,
  update: (stage: CanaryStage, a: A) => E.Either<LifecycleError, Stage>,
  deploymentId?: (a: A) => DeploymentId.DeploymentId
): Result => flatMap(value, (a: A) => flatMap(withCanary(stage, deploymentId?.(a)), (s: CanaryStage) => update(s, a)))

const OVERRIDES = 'stageVariableOverrides'

const canaryOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const op = step.op
  const [, field, name, ...more] = tokens
  if (op === 'add') return refused(step)
  if (field === undefined) return op === 'remove' ? E.right(L.disable(stage)) : unknownPath(step)
  const override = field === OVERRIDES && name !== undefined && more.length === 0 ? name : undefined
  if (override !== undefined) {
    const checked = StageVariable.nameFromString(override, step.path)
    return op === 'remove'
      ? flatMap(checked, (n: StageVariable.VariableName) => (hasCanary(stage) ? L.removeOverride(stage, n) : E.right(stage)))
      : updateCanary(stage, flatMap(checked, () => parsedValue(step, StageVariable.valueFromString)), (s, v: StageVariable.VariableValue) =>
          L.setOverride(s, override, v)
        )
  }
  if (op === 'remove') return refused(step)
  if (name !== undefined) return unknownPath(step)
  switch (field) {
    case 'percentTraffic':
      return updateCanary(stage, parsedValue(step, Percent.fromString), L.setTraffic)
    case 'useStageCache':
      return updateCanary(stage, parsedValue(step, parseBoolean), L.setUseStageCache)
    case 'deploymentId':
      return updateCanary(stage, existingDeployment(step), L.setCanaryDeployment, (id) => id)
    default:
      return unknownPath(step)
  }
}

/** The two promotion copies, as `[path, from]`, and the part of a promotion each is. */
const promotions: ReadonlyArray<readonly [string, string, L.PromoteOptions]> = [
  ['/deploymentId', '/canarySettings/deploymentId', { deployment: true, variables: false, resetTraffic: false }],
  ['/variables', '/canarySettings/stageVariableOverrides', { deployment: false, variables: true, resetTraffic: false }]
]

const copyOperation = (stage: Stage, step: Step): Result => {
  const { index, path, from } = step
  const promotion = promotions.find(([to, source]) => to === path && source === from)
  // A missing from is one more pair AWS does not take; Java writes it as null (chosen).
  return promotion === undefined ? E.left(invalidCopyOperation(index, path, from ?? 'null')) : L.promote(stage, promotion[2])
}

// -------------------------------------------------------------------------------------
// stage fields, variables, access logs
// -------------------------------------------------------------------------------------

/** The stage's own fields update-stage replaces. */
type StageField = 'deploymentId' | 'description' | 'clientCertificateId' | 'documentationVersion' | 'cacheClusterEnabled' | 'tracingEnabled' | 'cacheClusterSize'

/** How each of the {@link StageField}s reads its value. */
const stageFields: { readonly [K in StageField]: (step: Step) => E.Either<ApiGatewayError, NonNullable<Stage[K]>> } = {
  deploymentId: existingDeployment,
  description: valueOf,
  clientCertificateId: valueOf,
  documentationVersion: valueOf,
  cacheClusterEnabled: (step) => parsedValue(step, parseBoolean),
  tracingEnabled: (step) => parsedValue(step, parseBoolean),
  cacheClusterSize: (step) => parsedValue(step, parseOneOf(cacheClusterSizes))
}

const isStageField = (key: string | undefined): key is StageField => key !== undefined && R.hasOwn(stageFields, key)

/**
 * `replace` of one of the {@link stageFields}. An empty value clears the field (chosen); only the
 * text fields can have one (the others refuse it).
 */
const fieldOperation = <K extends StageField>(stage: Stage, key: K, step: Step): Result =>
  step.op === 'replace'
    ? E.map((v: NonNullable<Stage[K]>) => (v === '' ? R.omit(stage, key) : setField(stage, key, v)))(stageFields[key](step))
    : refused(step)

const variableOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op, path } = step
  const name = tokens[1]
  if (name === undefined || tokens.length > 2) return unknownPath(step)
  if (op === 'add') return refused(step)
  const variables = stage.variables ?? {}
  return flatMap(StageVariable.nameFromString(name, path), (n: StageVariable.VariableName): Result => {
    if (op === 'remove') {
      const rest = R.remove(variables, n)
      return E.right(rest === variables ? stage : R.isEmpty(rest) ? R.omit(stage, 'variables') : { ...stage, variables: rest })
    }
    return flatMap(parsedValue(step, StageVariable.valueFromString), (v: StageVariable.VariableValue): Result => {
      const next = R.upsert(variables, n, v)
      if (next === stage.variables) return E.right(stage)
      return Object.keys(next).length > StageVariable.MAX_VARIABLES
        ? E.left(invalidPatchValue(index, path, v, `would be variable number ${StageVariable.MAX_VARIABLES + 1}; at most ${StageVariable.MAX_VARIABLES} are allowed`))
        : E.right({ ...stage, variables: next })
    })
  })
}

const accessLogOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op, path } = step
  const field = tokens[1]
  if (op === 'remove') return field === undefined ? E.right(R.omit(stage, 'accessLogSettings')) : refused(step)
  if (tokens.length !== 2 || (field !== 'destinationArn' && field !== 'format')) return E.left(invalidAccessLogPath(index, path))
  return flatMap(valueOf(step), (v: string): Result => {
    if (v === '') return E.left(emptyAccessLogValue(index, path))
    // The format: a line break only as its last character (AWS's rule, recorded in a user's notes).
    // The destination: the ARN's resource (after its fifth `:`), less a leading `log-group:`,
    // within a-z, A-Z, 0-9, `_`, `-`, `/`, `.`: inferred from ONE recorded case (a trailing `:*`).
    const bad = field === 'format' ? /\n[^]/.test(v) : !/^(arn(:[^:]*){4}:)?(log-group:)?[\w\-/.]*$/.test(v)
    if (bad) return E.left(invalidAccessLogValue(index, path, v))
    const settings = stage.accessLogSettings
    return E.right(settings !== undefined && R.hasOwn(settings, field) && settings[field] === v ? stage : { ...stage, accessLogSettings: { ...settings, [field]: v } })
  })
}

// -------------------------------------------------------------------------------------
// method settings
// -------------------------------------------------------------------------------------

const methodSettingOperation = (stage: Stage, step: Step): Result => {
  const { index, op, path } = step
  const target = methodSettingTarget(path)
  if (target === undefined) return unknownPath(step)
  const { key, setting } = target
  const forbidden = hasForbiddenSegment(key)
  if (forbidden !== undefined) return E.left(invalidPatchPointer(index, path, JsonPointer.forbiddenKey(path, forbidden).message))
  const settings = stage.methodSettings ?? {}
  if (op === 'remove') return setting === undefined && R.hasOwn(settings, key) ? E.right({ ...stage, methodSettings: R.remove(settings, key) }) : refused(step)
  if (setting === undefined) return unknownPath(step)
  if (op !== 'replace') return refused(step)
  return E.map((entry: MethodSettingModule.MethodSetting): Stage => setField(stage, 'methodSettings', R.upsert(settings, key, entry)))(
    flatMap(valueOf(step), (v: string) => setting.set(MethodSettingModule.initial(settings, key), v, path))
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
  const { index, op, path } = step
  if (op === 'move' || op === 'test') return refused(step)
  return E.mapLeft(atIndex(index))(
    op === 'copy'
      ? copyOperation(stage, step)
      : flatMap(
          E.mapLeft((e: JsonPointer.PointerError) => invalidPatchPointer(index, path, e.message))(JsonPointer.parseSafe(path)),
          (tokens: JsonPointer.Tokens): Result => {
            const head = tokens[0]
            if (head === 'canarySettings') return canaryOperation(stage, tokens, step)
            if (head === 'variables') return variableOperation(stage, tokens, step)
            if (head === 'accessLogSettings') return accessLogOperation(stage, tokens, step)
            // Anything else (the empty path too) is a method-setting path, or is refused there.
            return tokens.length === 1 && isStageField(head) ? fieldOperation(stage, head, step) : methodSettingOperation(stage, step)
          }
        )
  )
}
