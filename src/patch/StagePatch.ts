/**
 * The update-stage patch applier: given a stage and the `patchOperations` a tool sends to
 * `aws apigateway update-stage`, the stage API Gateway answers with, or the error it answers
 * with (AWS's exact text where it is known).
 *
 * {@link applyPatch} folds the pure single-operation {@link applyOperation} over the
 * operations, in order, each seeing the result of the ones before (recorded).
 *
 * Laws (checked as properties in `test/patch/StagePatch.test.ts`, statements in `test/laws/StagePatch.ts`):
 * - all or nothing: a failing operation gives a `Left` naming its index, and nothing applies;
 * - the empty patch returns the stage itself (the same reference);
 * - the input is never mutated, and every subtree an operation does not touch is shared;
 * - no path reaches `__proto__`, `constructor` or `prototype`;
 * - the lifecycle as operations, and the differ, round-trip through it (see `Operations.ts`).
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { malformedPatchOperation, type ApiGatewayError, type MalformedPatchOperation } from '../stage/ApiGatewayError.js'
import { showValue } from '../stage/DecodeError.js'
import type { Op, PatchOperation } from './PatchOperation.js'
import type { Stage } from '../stage/Stage.js'
import * as R from '../internal/record.js'
import { describeError, flatMap, foldLeft } from '../internal/either.js'
import type { PatchOptions } from './PatchOptions.js'
import { route, type Result, type Step } from './stageOperations.js'

export type { PatchOptions } from './PatchOptions.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

// -------------------------------------------------------------------------------------
// reading the request
// -------------------------------------------------------------------------------------

const ops: ReadonlySet<string> = new Set<Op>(['add', 'remove', 'replace', 'move', 'copy', 'test'])

/** A field of an operation: read once (a getter cannot change it after the check), and only if it is the element's own. */
const own = (element: Readonly<Record<string, unknown>>, key: string): unknown => (R.hasOwn(element, key) ? element[key] : undefined)

/**
 * One element of the request, as the step {@link route} applies. The fields are read once into
 * locals (a getter cannot change one after the check) and checked by hand: the same rules and
 * the same messages as `PatchOperation.codec` (a property holds the two to it), at a fraction of
 * its cost. A field that is `undefined` counts as missing, as in the codec.
 */
const readOperation = (element: unknown, index: number, options: PatchOptions, owned: R.Owned): E.Either<MalformedPatchOperation, Step> => {
  if (!R.isRecord(element)) return E.left(malformedPatchOperation(index, `patchOperations[${index}]: ${showValue(element)} is not ${OPERATION}`))
  const op = own(element, 'op')
  const path = own(element, 'path')
  const value = own(element, 'value')
  const from = own(element, 'from')
  // The valid request, the common case, builds no message (and the step has one shape).
  if (typeof op === 'string' && ops.has(op) && typeof path === 'string' && (value === undefined || typeof value === 'string') && (from === undefined || typeof from === 'string')) {
    return E.right({ op: op as Op, path, value, from, index, options, owned } as Step)
  }
  const at = `patchOperations[${index}]`
  const issues = [
    op === undefined ? `${at}.op ${MISSING}` : typeof op !== 'string' || !ops.has(op) ? `${at}.op: ${showValue(op)} is not one of ${[...ops].join(', ')}` : '',
    path === undefined ? `${at}.path ${MISSING}` : notString(`${at}.path`, path),
    notString(`${at}.value`, value),
    notString(`${at}.from`, from)
  ].filter((issue) => issue !== '')
  return E.left(malformedPatchOperation(index, issues.join('; ')))
}

/** The issue of a field that must be a string when present; `''` when it is one. */
const notString = (field: string, u: unknown): string => (u === undefined || typeof u === 'string' ? '' : `${field}: ${showValue(u)} is not a string`)

const OPERATION = 'a patch operation (an object with op and path)'
const MISSING = `is missing; it is required on ${OPERATION}`


/** {@link readOperation} of `list[at]`, where reading throws (a getter, a revoked proxy) giving a `Left`. */
const readSafely = (list: ReadonlyArray<unknown>, at: number, index: number, options: PatchOptions, owned: R.Owned): E.Either<MalformedPatchOperation, Step> => {
  try {
    return readOperation(list[at], index, options, owned)
  } catch (error) {
    return E.left(malformedPatchOperation(index, `patchOperations[${index}] could not be read: ${describeError(error)}`))
  }
}

/**
 * The whole request: a list whose every element is an operation. Never throws: a list whose
 * length or elements throw when read (getters, proxies, a revoked proxy) is refused.
 */
const readOperations = (u: unknown, options: PatchOptions, owned: R.Owned): E.Either<MalformedPatchOperation, ReadonlyArray<Step>> => {
  let length: number
  try {
    if (!Array.isArray(u)) return E.left(malformedPatchOperation(undefined, `patchOperations: ${showValue(u)} is not a list of patch operations`))
    length = u.length
  } catch (error) {
    return E.left(malformedPatchOperation(undefined, `patchOperations could not be read: ${describeError(error)}`))
  }
  const steps: Array<Step> = []
  for (let index = 0; index < length; index++) {
    const step = readSafely(u, index, index, options, owned)
    if (E.isLeft(step)) return step
    steps.push(step.right)
  }
  return E.right(steps)
}

/** The fold of the single-operation step over the request; then the time, when given. */
const run = (stage: Stage, input: unknown, options: PatchOptions = {}): Result => {
  // one set for the whole request: what an operation copies, the ones after it change in place
  const owned = R.draft()
  const steps = readOperations(input, options, owned)
  if (E.isLeft(steps)) return steps
  if (steps.right.length === 0) return E.right(stage)
  const applied = foldLeft(steps.right, stage, route)
  const now = options.now
  return now === undefined ? applied : E.map((s: Stage) => R.put(owned, s, 'lastUpdatedDate', now))(applied)
}

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * Applies one update-stage operation, as the operation at `index` of its request (the index
 * errors carry). {@link applyPatch} folds this over a request; see it for the rules.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyOperation, decodeStage, PatchOperation } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(
 *   applyOperation(stage.right, PatchOperation.replace('/canarySettings/percentTraffic', '10.5')),
 *   E.right({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'nfcn0x', percentTraffic: 10.5, useStageCache: false } })
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const applyOperation = (stage: Stage, operation: PatchOperation, options: PatchOptions = {}, index = 0): E.Either<ApiGatewayError, Stage> =>
  flatMap(readSafely([operation], 0, index, options, new Set()), (step: Step) => route(stage, step))

/**
 * Applies an update-stage request to a stage: what API Gateway answers, the new stage or its
 * error. Operations apply in order, each seeing the result of the ones before; the request is
 * all or nothing, and an error carries the `index` of the operation that failed. Pure and
 * total: it never throws, never mutates `stage`, returns `stage` itself for an empty request,
 * and shares every subtree it does not change.
 *
 * What it accepts (reference sections 1, 2, 4, 5):
 * - canary: `replace` of `/canarySettings/percentTraffic` (`"50"`, `"0.0"`, `"66.660000"`),
 *   `/deploymentId`, `/useStageCache`, `/stageVariableOverrides/{name}`; on a stage without a
 *   canary the first such replace creates `{deploymentId: <stage's>, percentTraffic: 0,
 *   useStageCache: false}`, then applies; `remove /canarySettings`, `remove
 *   /canarySettings/stageVariableOverrides/{name}`; the promotion copies `from
 *   /canarySettings/deploymentId` to `/deploymentId` and `from
 *   /canarySettings/stageVariableOverrides` to `/variables` (a merge: overrides win, other
 *   variables stay, the canary keeps its overrides);
 * - stage: `replace` of `/deploymentId`, `/description`, `/cacheClusterEnabled`,
 *   `/cacheClusterSize`, `/clientCertificateId`, `/documentationVersion`, `/tracingEnabled`
 *   (booleans stored typed), `/variables/{name}` (creates or overwrites); `remove
 *   /variables/{name}`;
 * - method settings: `replace /{resourcePath}/{httpMethod}/{setting}` for the ten settings,
 *   values typed; a first touch starts the entry from a copy of `*\/*`, else AWS's defaults;
 *   `remove /{resourcePath}/{httpMethod}`. The key is the path's own text before the setting,
 *   escapes kept, as AWS stores it (recorded: `/~1resourceName/GET/logging/dataTrace` makes
 *   the key `"~1resourceName/GET"`; `/test/GET/...` is `"test/GET"`, `/*\/*\/...` is `"*\/*"`),
 *   so an entry read from get-stage is the one its own path changes;
 * - access logs: `add`/`replace` of `/accessLogSettings/destinationArn` and `/format`
 *   (creating the object), `remove /accessLogSettings`; `remove` of any path under
 *   `/accessLogSettings/` (a field, an unknown sub-path, `*`) answers AWS's `Cannot remove
 *   method setting accessLogSettings/{rest} because ...` (recorded); a format with a line break
 *   before its end answers AWS's `Access Log format must be single line...` (recorded).
 *
 * Errors: AWS's texts for `add` on a canary path, a bad copy, a promotion copy without a
 * canary, an unknown path (with AWS's fixed list), a `remove` of what is not there, access-log
 * paths and empty values, and unknown deployments (when `options.deployments` is given);
 * {@link InvalidPatchValue} naming the path, the value and what is expected for a value of the
 * wrong form; {@link MalformedPatchOperation} when the request is not a list of operations.
 *
 * Chosen behaviour (AWS's answer is not recorded):
 * - `percentTraffic` out of 0 to 100, or not a number: refused, naming the value and the range;
 * - booleans are exactly `"true"` or `"false"`; `"True"`, `"1"` are refused;
 * - `replace /canarySettings/useStageCache` also creates the default canary, as the other
 *   canary replaces do; when the stage has no deploymentId for the default canary to run,
 *   refused (`replace /canarySettings/deploymentId` then creates the canary on its value);
 * - `remove /canarySettings/stageVariableOverrides/{name}`: supported; a missing override (or
 *   no canary) is a no-op; when the last override goes, `stageVariableOverrides` goes;
 * - `remove /canarySettings` without a canary: a no-op success;
 * - `remove` of any canary sub-path but one override (`/percentTraffic`, the whole overrides
 *   map, unknown ones): AWS's `Cannot remove method setting {path} because ...`;
 * - `remove` of a stage field (`/description`...) or of a method setting's field: the same
 *   `Cannot remove method setting` text;
 * - `add` anywhere but the two access-log fields: `Invalid add operation with path: {path}`;
 *   `move` and `test` everywhere: `Invalid move operation with path: {path}` (and `test`);
 * - `replace /deploymentId` while a canary is on: allowed;
 * - `replace` of `/description`, `/clientCertificateId` or `/documentationVersion` with `""`
 *   removes the field;
 * - `remove /variables/{name}` of a missing variable: a no-op; when the last variable goes,
 *   `variables` goes; more than 100 variables: refused;
 * - `add`/`replace /accessLogSettings` (the object itself), and unknown access-log sub-paths
 *   under `add`/`replace`: `Invalid accessLogSettings path...`; `remove /accessLogSettings`
 *   without one: a no-op;
 * - an access-log destination is checked by the rule of AWS's one recorded answer (see
 *   {@link invalidAccessLogValue}): the ARN's resource part, less a leading `log-group:`, may
 *   hold only a-z, A-Z, 0-9, `_`, `-`, `/`, `.` (inferred from one case);
 * - a path that is not a JSON Pointer (`~2`, a trailing `~`, no leading `/`), or that holds
 *   `__proto__`, `constructor` or `prototype` (also inside a method-setting key such as
 *   `/~1__proto__/GET`): {@link InvalidPatchPointer}; a method-setting key with an empty
 *   resource path or method: `Invalid method setting path` (recorded for
 *   `/{proxy+}/ANY//throttling/burstLimit`); a resource path of several unescaped segments
 *   (`//pets/GET/...`) is kept as written, as AWS keeps it;
 * - a missing `value` where one is needed: {@link InvalidPatchValue}; a copy without `from`:
 *   AWS's `Invalid copy operation with path: {path} and from null...` (Java's text for a
 *   missing value);
 * - with `options.deployments`, a deployment id that is not listed, `""` included: `Deployment
 *   id does not exist`;
 * - values are checked by form only: a `cacheTtlInSeconds` of `"-5"` is a whole number and is
 *   kept; log levels and strategies must be AWS's exact upper-case names;
 * - `lastUpdatedDate` changes only when `options.now` is given, on a successful non-empty
 *   request (even one that changes nothing else).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation } from 'apigw-canary'
 *
 * const stage = decodeStage({
 *   stageName: 'prod',
 *   deploymentId: 'nfcn0x',
 *   variables: { sv1: 'val1' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } }
 * })
 * assert.ok(E.isRight(stage))
 * // Promote, as the AWS docs do it.
 * const promoted = applyPatch(stage.right, [
 *   PatchOperation.replace('/canarySettings/percentTraffic', '0.0'),
 *   PatchOperation.copy('/canarySettings/stageVariableOverrides', '/variables'),
 *   PatchOperation.copy('/canarySettings/deploymentId', '/deploymentId')
 * ])
 * assert.deepStrictEqual(promoted, E.right({
 *   stageName: 'prod',
 *   deploymentId: 'eh1sby',
 *   variables: { sv1: 'val2', sv2: 'val3' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
 * }))
 * // All or nothing: the second operation fails, and says so.
 * const failed = applyPatch(stage.right, [
 *   PatchOperation.replace('/canarySettings/percentTraffic', '50'),
 *   PatchOperation.add('/canarySettings/deploymentId', 'x7yz12')
 * ])
 * assert.ok(E.isLeft(failed))
 * assert.strictEqual(failed.left.message, 'Invalid add operation with path: /canarySettings/deploymentId')
 * assert.strictEqual((failed.left as { index: number }).index, 1)
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const applyPatch: (stage: Stage, operations: ReadonlyArray<PatchOperation>, options?: PatchOptions) => E.Either<ApiGatewayError, Stage> = run

/**
 * {@link applyPatch} for a request read from untrusted input (JSON, `--cli-input-json`): the
 * request is checked first, and anything that is not a list of patch operations is a
 * {@link MalformedPatchOperation} naming the element and the rule it breaks.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatchUnknown, decodeStage } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const ok: unknown = JSON.parse('[{"op":"replace","path":"/canarySettings/percentTraffic","value":"50"}]')
 * assert.ok(E.isRight(applyPatchUnknown(stage.right, ok)))
 * const bad: unknown = JSON.parse('[{"op":"replace","path":"/canarySettings/percentTraffic","value":50}]')
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(applyPatchUnknown(stage.right, bad)),
 *   E.left('patchOperations[0].value: 50 is not a string')
 * )
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const applyPatchUnknown: (stage: Stage, input: unknown, options?: PatchOptions) => E.Either<ApiGatewayError, Stage> = run
