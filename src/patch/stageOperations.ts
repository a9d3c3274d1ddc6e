/**
 * The update-stage applier's single-operation step, path by path: the canary and the promotion
 * copies, the stage's own fields, stage variables, access logs and method settings. The public
 * API, its rules and its chosen behaviour are documented in `StagePatch.ts`.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
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
  type InvalidValue
} from '../stage/ApiGatewayError.js'
import * as CanarySettingsModule from '../stage/CanarySettings.js'
import * as DeploymentId from '../stage/DeploymentId.js'
import * as JsonPointer from '../json/JsonPointer.js'
import { promoteParts } from '../lifecycle/promotion.js'
import { putOverride, setCanaryField } from '../lifecycle/canary.js'
import * as MethodSettingModule from '../stage/MethodSetting.js'
import type { Op } from './PatchOperation.js'
import * as Percent from '../stage/Percent.js'
import { cacheClusterSizes, hasCanary, type CanaryStage, type Stage } from '../stage/Stage.js'
import type { PatchOptions } from './PatchOptions.js'
import * as StageVariable from '../stage/StageVariable.js'
import * as R from '../internal/record.js'
import { hasForbiddenSegment, methodSettingTarget, parseBoolean, parseOneOf } from './stagePaths.js'
import { flatMap } from '../internal/either.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** What one operation gives. @internal */
export type Result = E.Either<ApiGatewayError, Stage>

/**
 * One operation in its request: the operation (its fields read and checked), where it is, what
 * the caller knows, and what the request has made so far. Every step has the same seven fields,
 * `undefined` for a missing `value` or `from`, so that the code below sees one shape. @internal
 */
export interface Step {
  readonly op: Op
  readonly path: string
  readonly value: string | undefined
  readonly from: string | undefined
  readonly index: number
  readonly options: PatchOptions
  /**
   * The objects the request has made so far (copy-on-first-write, see `R.Owned`): each step
   * sets their fields in place, so a request copies the stage, and each map it changes, once
   * (and again for a new key, see `R.put`), not once per operation.
   */
  readonly owned: R.Owned
}

/**
 * The errors of the operation at `index`, as update-stage answers them: a value the lifecycle or
 * a value reader refused becomes an {@link invalidPatchValue}. {@link route} maps every error
 * of an operation through this once, so the steps below return those errors as they come.
 */
const atIndex = (index: number, result: E.Left<ApiGatewayError>): Result => {
  const e = result.left
  return e._tag === 'InvalidValue' ? E.left(invalidPatchValue(index, e.field, e.value, e.rule)) : result
}

/** AWS's answer to a path it does not know. */
const unknownPath = ({ index, path }: Step): Result => E.left(invalidPatchPath(index, path))

/** AWS's answer to an op the path does not take: `Cannot remove method setting...` for a remove, `Invalid {op} operation...` otherwise. */
const refused = ({ index, op, path }: Step): Result =>
  E.left(op === 'remove' ? cannotRemoveMethodSetting(index, path) : unsupportedPatchOperation(index, op, path))

/** The operation's value, which it needs. */
const valueOf = (step: Step): E.Either<ApiGatewayError, string> =>
  step.value === undefined ? missingValue(step) : E.right(step.value)

/** The error of an operation without the value it needs. */
const missingValue = (step: Step): E.Either<ApiGatewayError, never> =>
  E.left(invalidPatchValue(step.index, step.path, undefined, `is missing: ${step.op} needs a value`))

/** The operation's value read by `parse`, the path naming it in errors. */
const parsedValue = <A>(step: Step, parse: (value: string, field: string) => E.Either<InvalidValue, A>): E.Either<ApiGatewayError, A> =>
  step.value === undefined ? missingValue(step) : parse(step.value, step.path)

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

// -------------------------------------------------------------------------------------
// canary
// -------------------------------------------------------------------------------------

/**
 * Reads the value, makes sure of a canary (the stage's own, or the default one update-stage
 * creates on the first accepted replace of a canary path: the deployment the value names for
 * `deploymentId`, else the stage's, 0 percent, no stage cache), then runs the update on the
 * request's draft.
 */
const updateCanary = <A>(stage: Stage, step: Step, value: E.Either<ApiGatewayError, A>, update: (stage: CanaryStage, a: A) => Result, isDeployment?: boolean): Result =>
  flatMap(value, (a: A) =>
    flatMap(
      hasCanary(stage)
        ? E.right(stage)
        : E.map((canary: CanarySettingsModule.CanarySettings): CanaryStage => R.put(step.owned, stage, 'canarySettings', canary) as CanaryStage)(
            CanarySettingsModule.fromInput({}, isDeployment ? (a as DeploymentId.DeploymentId) : stage.deploymentId)
          ),
      (s: CanaryStage) => update(s, a)
    )
  )

/** The operation's value read as a boolean. */
const booleanValue = (step: Step): E.Either<ApiGatewayError, boolean> => parsedValue(step, parseBoolean)

/** The canary's fields a replace sets, and how each reads its value. */
const canaryFields: { readonly [K in 'percentTraffic' | 'useStageCache' | 'deploymentId']: (step: Step) => E.Either<ApiGatewayError, CanarySettingsModule.CanarySettings[K]> } = {
  percentTraffic: (step) => parsedValue(step, Percent.fromString),
  useStageCache: booleanValue,
  deploymentId: existingDeployment
}

const canaryOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { op, owned } = step
  const field = tokens[1]
  const name = tokens[2]
  if (op === 'add') return refused(step)
  if (field === undefined) return op === 'remove' ? E.right(R.drop(owned, stage, 'canarySettings')) : unknownPath(step)
  if (field === 'stageVariableOverrides' && name !== undefined && tokens.length === 3) {
    return flatMap(StageVariable.nameFromString(name, step.path), (n: StageVariable.VariableName) =>
      op === 'remove'
        ? hasCanary(stage)
          ? putOverride(owned, stage, n, undefined)
          : E.right(stage)
        : updateCanary(stage, step, parsedValue(step, StageVariable.valueFromString), (s, v: StageVariable.VariableValue) => putOverride(owned, s, n, v))
    )
  }
  if (op === 'remove') return refused(step)
  if (name !== undefined || !R.hasOwn(canaryFields, field)) return unknownPath(step)
  const key = field as keyof typeof canaryFields
  const value: E.Either<ApiGatewayError, CanarySettingsModule.CanarySettings[typeof key]> = canaryFields[key](step)
  return updateCanary(stage, step, value, (s, v) => E.right(setCanaryField(owned, s, key, v)), key === 'deploymentId')
}

/**
 * The two promotion copies AWS takes, `from /canarySettings/deploymentId to /deploymentId` and
 * `from /canarySettings/stageVariableOverrides to /variables`: each the one part of a promotion.
 */
const copyOperation = (stage: Stage, step: Step): Result => {
  const { index, path, from } = step
  if (path === '/deploymentId' && from === '/canarySettings/deploymentId') return promotion(stage, step, false)
  if (path === '/variables' && from === '/canarySettings/stageVariableOverrides') return promotion(stage, step, true)
  // A missing from is one more pair AWS does not take; Java writes it as null (chosen).
  return E.left(invalidCopyOperation(index, path, from ?? 'null'))
}

/** One part of a promotion (`Lifecycle.promote`'s), without its options to read. */
const promotion = (stage: Stage, step: Step, variables: boolean): Result =>
  hasCanary(stage) ? promoteParts(stage, false, variables, !variables, step.owned) : E.left(noCanaryToPromote(step.index))

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
  cacheClusterEnabled: booleanValue,
  tracingEnabled: booleanValue,
  cacheClusterSize: (step) => parsedValue(step, parseOneOf(cacheClusterSizes))
}

const isStageField = (key: string | undefined): key is StageField => key !== undefined && R.hasOwn(stageFields, key)

/**
 * `replace` of one of the {@link stageFields}. An empty value clears the field (chosen); only the
 * text fields can have one (the others refuse it).
 */
const fieldOperation = <K extends StageField>(stage: Stage, key: K, step: Step): Result =>
  step.op === 'replace'
    ? E.map((v: NonNullable<Stage[K]>) => (v === '' ? R.drop(step.owned, stage, key) : R.put(step.owned, stage, key, v)))(stageFields[key](step))
    : refused(step)

const variableOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op, path, owned } = step
  const name = tokens[1]
  if (name === undefined || tokens.length > 2) return unknownPath(step)
  if (op === 'add') return refused(step)
  const variables = stage.variables ?? {}
  return flatMap(StageVariable.nameFromString(name, path), (n: StageVariable.VariableName): Result => {
    if (op === 'remove') {
      if (!R.hasOwn(variables, n)) return E.right(stage)
      const rest = R.drop(owned, variables, n)
      return E.right(R.isEmpty(rest) ? R.drop(owned, stage, 'variables') : R.put(owned, stage, 'variables', rest))
    }
    return flatMap(parsedValue(step, StageVariable.valueFromString), (v: StageVariable.VariableValue): Result => {
      if (R.hasOwn(variables, n) && variables[n] === v) return E.right(stage)
      const next = R.put(owned, variables, n, v)
      return Object.keys(next).length > StageVariable.MAX_VARIABLES
        ? E.left(invalidPatchValue(index, path, v, `would be variable number ${StageVariable.MAX_VARIABLES + 1}; at most ${StageVariable.MAX_VARIABLES} are allowed`))
        : E.right(R.put(owned, stage, 'variables', next))
    })
  })
}

const accessLogOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op, path, owned } = step
  const field = tokens[1]
  if (op === 'remove') return field === undefined ? E.right(R.drop(owned, stage, 'accessLogSettings')) : refused(step)
  if (tokens.length !== 2 || (field !== 'destinationArn' && field !== 'format')) return E.left(invalidAccessLogPath(index, path))
  return flatMap(valueOf(step), (v: string): Result => {
    if (v === '') return E.left(emptyAccessLogValue(index, path))
    // The format: a line break only as its last character (AWS's rule, recorded in a user's notes).
    // The destination: the ARN's resource (after its fifth `:`), less a leading `log-group:`,
    // within a-z, A-Z, 0-9, `_`, `-`, `/`, `.`: inferred from ONE recorded case (a trailing `:*`).
    const bad = field === 'format' ? /\n[^]/.test(v) : !/^(arn(:[^:]*){4}:)?(log-group:)?[\w\-/.]*$/.test(v)
    if (bad) return E.left(invalidAccessLogValue(index, path, v))
    return E.right(R.put(owned, stage, 'accessLogSettings', R.put(owned, stage.accessLogSettings ?? {}, field, v)))
  })
}

// -------------------------------------------------------------------------------------
// method settings
// -------------------------------------------------------------------------------------

const methodSettingOperation = (stage: Stage, tokens: JsonPointer.Tokens, step: Step): Result => {
  const { index, op, path, owned } = step
  // (its tokens serve as its segments: a setting's names and the stage's own fields, which the
  // target compares them with, hold neither `~` nor `/`, so a token is one of them only as written)
  const target = methodSettingTarget(path, tokens)
  if (target === undefined) return unknownPath(step)
  const { key, setting } = target
  // (a key without `~` is the path's own first tokens, which parseSafe has checked)
  const forbidden = path.includes('~') ? hasForbiddenSegment(key) : undefined
  if (forbidden !== undefined) return E.left(invalidPatchPointer(index, path, JsonPointer.forbiddenKey(path, forbidden).message))
  const settings = stage.methodSettings ?? {}
  if (op === 'remove') return setting === undefined && R.hasOwn(settings, key) ? E.right(R.put(owned, stage, 'methodSettings', R.drop(owned, settings, key))) : refused(step)
  if (setting === undefined) return unknownPath(step)
  if (op !== 'replace') return refused(step)
  return E.map((v: MethodSettingModule.MethodSetting[keyof MethodSettingModule.MethodSetting]): Stage => {
    // A new entry starts as a copy of the `*/*` entry (or AWS's defaults), never as that object itself.
    const entry = R.hasOwn(settings, key) ? (settings[key] as MethodSettingModule.MethodSetting) : R.own(owned, { ...MethodSettingModule.initial(settings, key) })
    return R.put(owned, stage, 'methodSettings', R.put(owned, settings, key, R.put(owned, entry, setting.field, v)))
  })(flatMap(valueOf(step), (v: string) => setting.parse(v, path)))
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
  const op = step.op
  if (op === 'move' || op === 'test') return refused(step)
  const result = op === 'copy' ? copyOperation(stage, step) : pathOperation(stage, step)
  return E.isLeft(result) ? atIndex(step.index, result) : result
}

/**
 * The stage's own paths (its fields, the canary's and the access logs'), parsed: the tokens
 * `JsonPointer.parseSafe` gives them (none holds `/` or `~`), without splitting them again for each operation.
 */
const ownPaths = new Map<string, JsonPointer.Tokens>(
  ['canarySettings', 'variables', 'accessLogSettings', 'accessLogSettings/format', 'accessLogSettings/destinationArn', ...Object.keys(canaryFields).map((field) => `canarySettings/${field}`), ...Object.keys(stageFields)].map(
    (path) => [`/${path}`, path.split('/')]
  )
)

/** An operation with a path: dispatches on the path's first token. */
const pathOperation = (stage: Stage, step: Step): Result => {
  const path = step.path
  let tokens = ownPaths.get(path)
  if (tokens === undefined) {
    const parsed = JsonPointer.parseSafe(path)
    if (E.isLeft(parsed)) return E.left(invalidPatchPointer(step.index, path, parsed.left.message))
    tokens = parsed.right
  }
  const head = tokens[0]
  if (head === 'canarySettings') return canaryOperation(stage, tokens, step)
  if (head === 'variables') return variableOperation(stage, tokens, step)
  if (head === 'accessLogSettings') return accessLogOperation(stage, tokens, step)
  // Anything else (the empty path too) is a method-setting path, or is refused there.
  return tokens.length === 1 && isStageField(head) ? fieldOperation(stage, head, step) : methodSettingOperation(stage, tokens, step)
}
