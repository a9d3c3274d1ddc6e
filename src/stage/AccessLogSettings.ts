/**
 * Where a stage's access logs go and in what format.
 *
 * @since 0.1.0
 *
 * @module
 */
import type * as t from 'io-ts'
import { codecs } from '../internal/codecCore.js'
import { accessLogSettingsOf } from './shapes.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Access log settings, as `get-stage` prints them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation } from 'apigw-canary'
 * import type { AccessLogSettings } from 'apigw-canary/core'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:access'
 * // `add /accessLogSettings/destinationArn` creates the object (recorded).
 * const logged = applyPatch(stage.right, [
 *   PatchOperation.add('/accessLogSettings/destinationArn', arn),
 *   PatchOperation.replace('/accessLogSettings/format', '$context.requestId')
 * ])
 * assert.ok(E.isRight(logged))
 * const settings: AccessLogSettings | undefined = logged.right.accessLogSettings
 * assert.deepStrictEqual(settings, { destinationArn: arn, format: '$context.requestId' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface AccessLogSettings {
  /** The log format, such as `$context.requestId`. */
  readonly format?: string
  /** The ARN of the CloudWatch Logs log group or Kinesis Data Firehose stream. */
  readonly destinationArn?: string
}

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for access log settings. Unknown fields are kept.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { AccessLogSettings } from 'apigw-canary'
 *
 * assert.ok(E.isRight(AccessLogSettings.codec.decode({ format: '$context.requestId' })))
 * assert.ok(E.isLeft(AccessLogSettings.codec.decode({ format: 1 })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<AccessLogSettings, unknown, unknown> = /* @__PURE__ */ accessLogSettingsOf<AccessLogSettings>(codecs)
