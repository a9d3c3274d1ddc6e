/**
 * The errors of the update-stage applier, as values, with AWS's exact texts (the lifecycle's
 * are in `LifecycleError`; both are re-exported by `ApiGatewayError`).
 *
 * @since 0.1.0
 *
 * @module
 */
import { badRequest } from './badRequest.js'
import { invalidValue, promotionNotAvailable } from './LifecycleError.js'

// -------------------------------------------------------------------------------------
// patch errors (update-stage)
// -------------------------------------------------------------------------------------

/**
 * The part of {@link validPatchPaths} for the method settings under `key`: AWS lists them
 * twice, under `/{resourcePath}/{httpMethod}` and under `/*\/*`, and between the throttling
 * paths and the first caching one writes `gap` (nothing, then a space) instead of a comma.
 */
const methodSettingPaths = (key: string, gap: string): string =>
  `${key}/metrics/enabled, ${key}/logging/dataTrace, ${key}/logging/loglevel, ${key}/throttling/burstLimit${gap}${key}/throttling/rateLimit${gap}${key}/caching/ttlInSeconds, ${key}/caching/enabled, ${key}/caching/dataEncrypted, ${key}/caching/requireAuthorizationForCacheControl, ${key}/caching/unauthorizedCacheControlHeaderStrategy`

/**
 * AWS's fixed list of the paths update-stage accepts, as its `Invalid method setting path`
 * error quotes it, character for character (AWS's own missing commas included).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { validPatchPaths } from 'apigw-canary'
 *
 * assert.ok(validPatchPaths.startsWith('[/deploymentId, /description, '))
 * assert.ok(validPatchPaths.includes('/throttling/burstLimit /*' + '/*' + '/throttling/rateLimit'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const validPatchPaths = `[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, ${methodSettingPaths('/{resourcePath}/{httpMethod}', '')}, ${methodSettingPaths('/*/*', ' ')}, /variables/{variable_name}, /tracingEnabled]`

/**
 * AWS's answer to a path update-stage does not know (or to `replace /canarySettings`):
 * `Invalid method setting path: {path}. Must be one of: [...]`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPath, type InvalidPatchPath } from 'apigw-canary'
 *
 * const e: InvalidPatchPath = invalidPatchPath(0, '/tags/team')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.path, '/tags/team')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidPatchPath {
  readonly _tag: 'InvalidPatchPath'
  readonly name: 'BadRequestException'
  /** The 0-based index of the failing operation in the request. */
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * AWS's answer to an operation the path does not support: `Invalid add operation with path:
 * {path}` (recorded for `add` on a canary path; the same wording is used for `move` and `test`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { unsupportedPatchOperation, type UnsupportedPatchOperation } from 'apigw-canary'
 *
 * const e: UnsupportedPatchOperation = unsupportedPatchOperation(1, 'add', '/canarySettings/deploymentId')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.op, 'add')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface UnsupportedPatchOperation {
  readonly _tag: 'UnsupportedPatchOperation'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly op: string
  readonly path: string
  readonly message: string
}

/**
 * AWS's answer to a copy other than the two promotion copies.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidCopyOperation, type InvalidCopyOperation } from 'apigw-canary'
 *
 * const e: InvalidCopyOperation = invalidCopyOperation(0, '/variables', '/deploymentId')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.from, '/deploymentId')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidCopyOperation {
  readonly _tag: 'InvalidCopyOperation'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly from: string
  readonly message: string
}

/**
 * AWS's answer to a `remove` of something that cannot be removed or is not there:
 * `Cannot remove method setting {path without its leading slash} because there is no method
 * setting for this method ` (with the trailing space).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { cannotRemoveMethodSetting, type CannotRemoveMethodSetting } from 'apigw-canary'
 *
 * const e: CannotRemoveMethodSetting = cannotRemoveMethodSetting(0, '/accessLogSettings/destinationArn')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.ok(e.message.endsWith('for this method '))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface CannotRemoveMethodSetting {
  readonly _tag: 'CannotRemoveMethodSetting'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * AWS's answer to an `accessLogSettings` sub-path it does not know.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidAccessLogPath, type InvalidAccessLogPath } from 'apigw-canary'
 *
 * const e: InvalidAccessLogPath = invalidAccessLogPath(0, '/accessLogSettings/level')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.path, '/accessLogSettings/level')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidAccessLogPath {
  readonly _tag: 'InvalidAccessLogPath'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly message: 'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
}

/**
 * AWS's answer to an empty access-log value.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { emptyAccessLogValue, type EmptyAccessLogValue } from 'apigw-canary'
 *
 * const e: EmptyAccessLogValue = emptyAccessLogValue(0, '/accessLogSettings/format')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.path, '/accessLogSettings/format')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface EmptyAccessLogValue {
  readonly _tag: 'EmptyAccessLogValue'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly message: 'Access Log value must not be empty'
}

/**
 * AWS's answer to an access-log value of the wrong form: a destination whose log-group part
 * holds a character other than a-z, A-Z, 0-9, `_`, `-`, `/`, `.` (`Access log destination must
 * only contain characters ...: '{the ARN's resource part}'`), or a format with a line break
 * before its end (`Access Log format must be single line, ...`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidAccessLogValue, type InvalidAccessLogValue } from 'apigw-canary'
 *
 * const e: InvalidAccessLogValue = invalidAccessLogValue(0, '/accessLogSettings/format', 'a\nb')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.value, 'a\nb')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface InvalidAccessLogValue {
  readonly _tag: 'InvalidAccessLogValue'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly value: string
  readonly message: string
}

/**
 * AWS's answer to a `replace` of `/deploymentId` or `/canarySettings/deploymentId` naming a
 * deployment that does not exist.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { deploymentIdDoesNotExist, type DeploymentIdDoesNotExist } from 'apigw-canary'
 *
 * const e: DeploymentIdDoesNotExist = deploymentIdDoesNotExist(0, '/deploymentId', 'x7yz12')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.deploymentId, 'x7yz12')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DeploymentIdDoesNotExist {
  readonly _tag: 'DeploymentIdDoesNotExist'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly deploymentId: string
  readonly message: 'Deployment id does not exist'
}

/**
 * AWS's answer to a promotion copy on a stage without a canary, in a patch.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { noCanaryToPromote, type NoCanaryToPromote } from 'apigw-canary'
 *
 * const e: NoCanaryToPromote = noCanaryToPromote(2)
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.index, 2)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface NoCanaryToPromote {
  readonly _tag: 'NoCanaryToPromote'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly message: 'Promotion not available. Canary does not exist.'
}

/**
 * A `path` that is not a well-formed JSON Pointer (`~` not followed by `0` or `1`, no leading
 * `/`), or that names `__proto__`, `constructor` or `prototype` (chosen: refused).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPointer, type InvalidPatchPointer } from 'apigw-canary'
 *
 * const e: InvalidPatchPointer = invalidPatchPointer(0, '/a~2', 'the pointer is malformed')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.path, '/a~2')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidPatchPointer {
  readonly _tag: 'InvalidPatchPointer'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly path: string
  readonly message: string
}

/**
 * An operation's value (or `from`) of the wrong form, or missing: {@link InvalidValue} with
 * the index of the operation. `field` is the operation's path (or the field of the rule that
 * was broken); the message reads `{field}: {value} {rule}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchValue, type InvalidPatchValue } from 'apigw-canary'
 *
 * const e: InvalidPatchValue = invalidPatchValue(0, '/tracingEnabled', '1', 'is not a boolean')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.field, '/tracingEnabled')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface InvalidPatchValue {
  readonly _tag: 'InvalidPatchValue'
  readonly name: 'BadRequestException'
  readonly index: number
  readonly field: string
  readonly value: unknown
  readonly rule: string
  readonly message: string
}

/**
 * The request is not a list of patch operations: an element is not an object, `op` is not one
 * of AWS's six, `path`, `value` or `from` is not a string. `index` is the element's, or
 * `undefined` when the list itself is not a list.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { malformedPatchOperation, type MalformedPatchOperation } from 'apigw-canary'
 *
 * const e: MalformedPatchOperation = malformedPatchOperation(undefined, 'patchOperations: 1 is not a list of patch operations')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.strictEqual(e.index, undefined)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface MalformedPatchOperation {
  readonly _tag: 'MalformedPatchOperation'
  readonly name: 'BadRequestException'
  readonly index: number | undefined
  readonly message: string
}

/**
 * Any error of an update-stage patch.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPath, type PatchError } from 'apigw-canary'
 *
 * const e: PatchError = invalidPatchPath(0, '/tags/team')
 * assert.strictEqual(e._tag, 'InvalidPatchPath')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type PatchError =
  | InvalidPatchPath
  | UnsupportedPatchOperation
  | InvalidCopyOperation
  | CannotRemoveMethodSetting
  | InvalidAccessLogPath
  | EmptyAccessLogValue
  | InvalidAccessLogValue
  | DeploymentIdDoesNotExist
  | NoCanaryToPromote
  | InvalidPatchPointer
  | InvalidPatchValue
  | MalformedPatchOperation


/**
 * `Invalid method setting path: {path}. Must be one of: [...]`, AWS's fixed list included.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPath, validPatchPaths } from 'apigw-canary'
 *
 * const e = invalidPatchPath(0, '/tags/team')
 * assert.strictEqual(e.message, `Invalid method setting path: /tags/team. Must be one of: ${validPatchPaths}`)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidPatchPath = (index: number, path: string): InvalidPatchPath =>
  badRequest('InvalidPatchPath', { index, path }, `Invalid method setting path: ${path}. Must be one of: ${validPatchPaths}`)

/**
 * `Invalid {op} operation with path: {path}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { unsupportedPatchOperation } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   unsupportedPatchOperation(0, 'add', '/canarySettings/deploymentId').message,
 *   'Invalid add operation with path: /canarySettings/deploymentId'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsupportedPatchOperation = (index: number, op: string, path: string): UnsupportedPatchOperation =>
  badRequest('UnsupportedPatchOperation', { index, op, path }, `Invalid ${op} operation with path: ${path}`)

/**
 * `Invalid copy operation with path: {path} and from {from}. Valid copy:path are [...] and
 * valid copy:from are [...]`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidCopyOperation } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   invalidCopyOperation(0, '/canarySettings/stageVariableOverrides', '/variables').message,
 *   'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidCopyOperation = (index: number, path: string, from: string): InvalidCopyOperation =>
  badRequest(
    'InvalidCopyOperation',
    { index, path, from },
    `Invalid copy operation with path: ${path} and from ${from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]`
  )

/**
 * `Cannot remove method setting {path without its leading slash} because there is no method
 * setting for this method ` (AWS's trailing space kept).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { cannotRemoveMethodSetting } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   cannotRemoveMethodSetting(0, '/*' + '/*').message,
 *   'Cannot remove method setting *' + '/* because there is no method setting for this method '
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const cannotRemoveMethodSetting = (index: number, path: string): CannotRemoveMethodSetting =>
  badRequest(
    'CannotRemoveMethodSetting',
    { index, path },
    `Cannot remove method setting ${path.startsWith('/') ? path.slice(1) : path} because there is no method setting for this method `
  )

/**
 * `Invalid accessLogSettings path. Must be one of : [...]`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidAccessLogPath } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   invalidAccessLogPath(0, '/accessLogSettings/level').message,
 *   'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidAccessLogPath = (index: number, path: string): InvalidAccessLogPath =>
  badRequest(
    'InvalidAccessLogPath',
    { index, path },
    'Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]'
  )

/**
 * AWS's answer to an access-log value of the wrong form. For `/accessLogSettings/format`:
 * `Access Log format must be single line, new line character is allowed only at end of the
 * format` (recorded in a user's notes). For the destination: `Access log destination must only
 * contain characters a-z, A-Z, 0-9, '_', '-', '/', '.': '{resource}'`, where `{resource}` is
 * the ARN's resource part (the text after its fifth `:`, or the whole value when it is not an
 * ARN). Recorded in a user's notes for one case, `log-group:/aws/apigateway/a1kintaiAPI:*`:
 * which part is quoted is inferred from that one case.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidAccessLogValue } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   invalidAccessLogValue(0, '/accessLogSettings/destinationArn', 'arn:aws:logs:us-east-1:123456789012:log-group:api:*').message,
 *   "Access log destination must only contain characters a-z, A-Z, 0-9, '_', '-', '/', '.': 'log-group:api:*'"
 * )
 * assert.strictEqual(
 *   invalidAccessLogValue(0, '/accessLogSettings/format', 'a\nb').message,
 *   'Access Log format must be single line, new line character is allowed only at end of the format'
 * )
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const invalidAccessLogValue = (index: number, path: string, value: string): InvalidAccessLogValue =>
  badRequest(
    'InvalidAccessLogValue',
    { index, path, value },
    path.endsWith('format')
      ? 'Access Log format must be single line, new line character is allowed only at end of the format'
      : `Access log destination must only contain characters a-z, A-Z, 0-9, '_', '-', '/', '.': '${value.split(':').slice(5).join(':') || value}'`
  )

/**
 * `Access Log value must not be empty`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { emptyAccessLogValue } from 'apigw-canary'
 *
 * assert.strictEqual(emptyAccessLogValue(0, '/accessLogSettings/format').message, 'Access Log value must not be empty')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const emptyAccessLogValue = (index: number, path: string): EmptyAccessLogValue =>
  badRequest('EmptyAccessLogValue', { index, path }, 'Access Log value must not be empty')

/**
 * `Deployment id does not exist`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { deploymentIdDoesNotExist } from 'apigw-canary'
 *
 * assert.strictEqual(deploymentIdDoesNotExist(0, '/canarySettings/deploymentId', 'deploy').message, 'Deployment id does not exist')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const deploymentIdDoesNotExist = (index: number, path: string, deploymentId: string): DeploymentIdDoesNotExist =>
  badRequest('DeploymentIdDoesNotExist', { index, path, deploymentId }, 'Deployment id does not exist')

/**
 * `Promotion not available. Canary does not exist.`, for the operation at `index`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { noCanaryToPromote } from 'apigw-canary'
 *
 * assert.strictEqual(noCanaryToPromote(1).message, 'Promotion not available. Canary does not exist.')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const noCanaryToPromote = (index: number): NoCanaryToPromote =>
  badRequest('NoCanaryToPromote', { index }, promotionNotAvailable.message)

/**
 * A path that is not a usable JSON Pointer; `message` (the pointer error's) says why.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPointer } from 'apigw-canary'
 *
 * const e = invalidPatchPointer(0, '/variables/__proto__', 'the key "__proto__" is refused')
 * assert.strictEqual(e.message, 'the key "__proto__" is refused')
 * assert.strictEqual(e.path, '/variables/__proto__')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidPatchPointer = (index: number, path: string, message: string): InvalidPatchPointer =>
  badRequest('InvalidPatchPointer', { index, path }, message)

/**
 * A value of the wrong form in the operation at `index`. The message is {@link invalidValue}'s.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchValue } from 'apigw-canary'
 *
 * const e = invalidPatchValue(2, '/tracingEnabled', 'True', 'is not a boolean; expected "true" or "false"')
 * assert.strictEqual(e.message, '/tracingEnabled: "True" is not a boolean; expected "true" or "false"')
 * assert.strictEqual(e.index, 2)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const invalidPatchValue = (index: number, field: string, value: unknown, rule: string): InvalidPatchValue =>
  badRequest('InvalidPatchValue', { index, field, value, rule }, invalidValue(field, value, rule).message)

/**
 * A request that is not a list of patch operations; `index` names the bad element.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { malformedPatchOperation } from 'apigw-canary'
 *
 * assert.strictEqual(malformedPatchOperation(0, 'patchOperations[0].path: 1 is not a string').index, 0)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const malformedPatchOperation = (index: number | undefined, message: string): MalformedPatchOperation =>
  badRequest('MalformedPatchOperation', { index }, message)
