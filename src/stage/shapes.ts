/**
 * The shapes of the stage's parts, each described once and built twice: with `codecs`, the
 * io-ts codecs the package root exports (`MethodSetting.codec`, `CanarySettings.codec`, ...),
 * and with `decoders`, the decoder-only tree `decodeStage` decodes with (the same validation,
 * without the `is` that only the root's codecs need; see `internal/codecCore.ts`). The type
 * parameters are the parts' types, named by their own modules.
 *
 * @internal
 */
import { io } from '../internal/fp.js'
import type * as t from 'io-ts'
import { finite, integer, oneOf, type Build } from '../internal/codecCore.js'
import * as DeploymentId from './DeploymentId.js'
import * as Percent from './Percent.js'
import * as StageVariable from './StageVariable.js'

/** A method setting: each field optional, unknown fields kept. @internal */
export const methodSettingOf = <A>(build: Build): t.Type<A, unknown, unknown> =>
  build.struct<A>(
    'MethodSetting',
    {
      metricsEnabled: io.boolean,
      loggingLevel: /* @__PURE__ */ oneOf('LoggingLevel', ['OFF', 'ERROR', 'INFO']),
      dataTraceEnabled: io.boolean,
      throttlingBurstLimit: integer,
      throttlingRateLimit: finite,
      cachingEnabled: io.boolean,
      cacheTtlInSeconds: integer,
      cacheDataEncrypted: io.boolean,
      requireAuthorizationForCacheControl: io.boolean,
      unauthorizedCacheControlHeaderStrategy: /* @__PURE__ */ oneOf('UnauthorizedCacheControlHeaderStrategy', [
        'FAIL_WITH_403',
        'SUCCEED_WITH_RESPONSE_HEADER',
        'SUCCEED_WITHOUT_RESPONSE_HEADER'
      ])
    },
    { what: 'a method setting (an object)' }
  )

/** The `methodSettings` map of `setting`s. @internal */
export const methodSettingsOf = <A>(build: Build, setting: t.Type<A, unknown, unknown>): t.Type<Readonly<Record<string, A>>, unknown, unknown> =>
  build.recordOf('MethodSettings', setting, 'a map of method settings (an object keyed "{resourcePath}/{httpMethod}")')

/** A stage's access log settings. @internal */
export const accessLogSettingsOf = <A>(build: Build): t.Type<A, unknown, unknown> =>
  build.struct<A>('AccessLogSettings', { format: io.string, destinationArn: io.string }, { what: 'access log settings (an object)' })

/**
 * A stage's canary: `deploymentId` required, AWS's defaults for `percentTraffic` (0) and
 * `useStageCache` (false), and an empty `stageVariableOverrides` left out. @internal
 */
export const canarySettingsOf = <A>(build: Build): t.Type<A, unknown, unknown> =>
  build.struct<A>(
    'CanarySettings',
    {
      deploymentId: DeploymentId.codec,
      percentTraffic: Percent.codec,
      stageVariableOverrides: StageVariable.codec,
      useStageCache: io.boolean
    },
    {
      what: 'canary settings (an object)',
      required: ['deploymentId'],
      defaults: { percentTraffic: Percent.zero, useStageCache: false },
      omitEmpty: ['stageVariableOverrides']
    }
  )
