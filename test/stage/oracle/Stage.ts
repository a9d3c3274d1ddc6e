// ORACLE: the stage codec as it was at commit 56a8060, before the speed work of issue 16 on
// decodeStage: StageCodec and the codecs it is made of (src/stage/Stage.ts, MethodSetting.ts,
// StageVariable.ts, CanarySettings.ts, AccessLogSettings.ts, and DecodeError.ts's
// fromValidationErrors), copied and built on the frozen
// copy of internal/codec.ts beside it. The rules of single values (deployment ids, percentages,
// dates, variable names and values) and the formatting of an issue are src's own, which this work
// did not change. test/stage/Stage.oracle.test.ts holds the faster decoder to the same answers
// as this one. Do not edit it to follow the decoder; edit it only if a deliberate change of
// behaviour is made, and say so.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { invalidValue, type InvalidValue } from '../../../src/stage/ApiGatewayError.js'
import { decodeError, decodeIssue, MAX_ISSUES, type DecodeError } from '../../../src/stage/DecodeError.js'
import * as DeploymentId from '../../../src/stage/DeploymentId.js'
import * as Percent from '../../../src/stage/Percent.js'
import * as Timestamp from '../../../src/stage/Timestamp.js'
import { readingSafely } from '../../../src/stage/reading.js'
import { isEmpty, isRecord, omit } from '../../../src/internal/record.js'
import type { CanarySettings } from '../../../src/stage/CanarySettings.js'
import type { MethodSetting, MethodSettings } from '../../../src/stage/MethodSetting.js'
import type { AccessLogSettings } from '../../../src/stage/AccessLogSettings.js'
import type { Variables } from '../../../src/stage/StageVariable.js'
import type { Stage } from '../../../src/stage/Stage.js'
import { decoding, finite, integer, oneOf, recordOf, refinement, struct } from './codec.js'

// -------------------------------------------------------------------------------------
// the leaf codecs, as src builds them (on the frozen refinement and decoding)
// -------------------------------------------------------------------------------------

const deploymentIdCodec = refinement('DeploymentId', DeploymentId.isDeploymentId, DeploymentId.rule)
const percentCodec = decoding('Percent', Percent.isPercent, (u) =>
  typeof u === 'number' ? Percent.fromNumber(u) : E.left({ rule: 'is not a number; expected a percentage (0 to 100)' })
)
const timestampCodec = decoding('Timestamp', Timestamp.isTimestamp, Timestamp.fromUnknown)

// -------------------------------------------------------------------------------------
// StageVariable.ts
// -------------------------------------------------------------------------------------

const MAX_VARIABLES = 100
const MAX_NAME_LENGTH = 64
const MAX_VALUE_LENGTH = 512
const NAME = /^[A-Za-z0-9_]+$/
const VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])

const nameRule = (s: unknown): string | undefined =>
  typeof s !== 'string'
    ? 'is not a stage variable name: it is not a string'
    : s.length === 0
      ? 'is not a stage variable name: it is empty'
      : s.length > MAX_NAME_LENGTH
        ? `is not a stage variable name: it has ${s.length} characters, at most ${MAX_NAME_LENGTH} are allowed`
        : !NAME.test(s)
          ? 'is not a stage variable name: only letters, digits and _ are allowed'
          : RESERVED.has(s)
            ? 'is not a stage variable name this library accepts: __proto__, constructor and prototype are reserved'
            : undefined

const valueRule = (s: unknown): string | undefined =>
  typeof s !== 'string'
    ? 'is not a stage variable value: it is not a string'
    : s.length === 0
      ? 'is not a stage variable value: it is empty'
      : s.length > MAX_VALUE_LENGTH
        ? `is not a stage variable value: it has ${s.length} characters, at most ${MAX_VALUE_LENGTH} are allowed`
        : !VALUE.test(s)
          ? 'is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed'
          : undefined

const fromRecord = (u: unknown, field = 'variables'): E.Either<InvalidValue, Variables> => readingSafely(field, u, () => checkRecord(u, field))

const checkRecord = (u: unknown, field: string): E.Either<InvalidValue, Variables> => {
  if (!isRecord(u)) return E.left(invalidValue(field, u, 'is not a map of stage variables (an object of string values)'))
  const keys = Object.keys(u)
  if (keys.length > MAX_VARIABLES) {
    return E.left(invalidValue(field, u, `has ${keys.length} variables, at most ${MAX_VARIABLES} are allowed`))
  }
  const entries: Array<readonly [string, string]> = []
  for (const key of keys) {
    const broken = nameRule(key)
    if (broken !== undefined) return E.left(invalidValue(field, key, broken))
    const value = u[key]
    if (typeof value !== 'string') return E.left(invalidValue(`${field}.${key}`, value, 'is not a string'))
    const badValue = valueRule(value)
    if (badValue !== undefined) return E.left(invalidValue(`${field}.${key}`, value, badValue))
    entries.push([key, value])
  }
  return E.right(Object.fromEntries(entries) as Variables)
}

const variablesCodec = new t.Type<Variables, Readonly<Record<string, string>>, unknown>(
  'Variables',
  (u): u is Variables => E.isRight(fromRecord(u)),
  (u, c) =>
    E.match(
      (e: InvalidValue) => {
        const dot = e.field.indexOf('.')
        return t.failure<Variables>(e.value, dot < 0 ? c : t.appendContext(c, e.field.slice(dot + 1), t.string, e.value), e.rule)
      },
      (v: Variables) => t.success(v)
    )(fromRecord(u)),
  (a) => a
)

// -------------------------------------------------------------------------------------
// MethodSetting.ts, AccessLogSettings.ts, CanarySettings.ts
// -------------------------------------------------------------------------------------

const methodSettingCodec = struct<MethodSetting>(
  'MethodSetting',
  {
    metricsEnabled: t.boolean,
    loggingLevel: oneOf('LoggingLevel', ['OFF', 'ERROR', 'INFO']),
    dataTraceEnabled: t.boolean,
    throttlingBurstLimit: integer,
    throttlingRateLimit: finite,
    cachingEnabled: t.boolean,
    cacheTtlInSeconds: integer,
    cacheDataEncrypted: t.boolean,
    requireAuthorizationForCacheControl: t.boolean,
    unauthorizedCacheControlHeaderStrategy: oneOf('UnauthorizedCacheControlHeaderStrategy', ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'])
  },
  { what: 'a method setting (an object)' }
)

const methodSettingsCodec: t.Type<MethodSettings, unknown, unknown> = recordOf(
  'MethodSettings',
  methodSettingCodec,
  'a map of method settings (an object keyed "{resourcePath}/{httpMethod}")'
)

const accessLogSettingsCodec = struct<AccessLogSettings>('AccessLogSettings', { format: t.string, destinationArn: t.string }, { what: 'access log settings (an object)' })

const canarySettingsStruct = struct<CanarySettings>(
  'CanarySettings',
  {
    deploymentId: deploymentIdCodec,
    percentTraffic: percentCodec,
    stageVariableOverrides: variablesCodec,
    useStageCache: t.boolean
  },
  {
    what: 'canary settings (an object)',
    required: ['deploymentId'],
    defaults: { percentTraffic: Percent.zero, useStageCache: false }
  }
)

const canarySettingsCodec = new t.Type<CanarySettings, unknown, unknown>(
  'CanarySettings',
  canarySettingsStruct.is,
  (u, c) =>
    E.map((canary: CanarySettings): CanarySettings =>
      canary.stageVariableOverrides !== undefined && isEmpty(canary.stageVariableOverrides) ? omit(canary, 'stageVariableOverrides') : canary
    )(canarySettingsStruct.validate(u, c)),
  canarySettingsStruct.encode
)

// -------------------------------------------------------------------------------------
// Stage.ts
// -------------------------------------------------------------------------------------

export const StageCodec: t.Type<Stage, unknown, unknown> = struct<Stage>(
  'Stage',
  {
    deploymentId: deploymentIdCodec,
    clientCertificateId: t.string,
    stageName: t.string,
    description: t.string,
    cacheClusterEnabled: t.boolean,
    cacheClusterSize: oneOf('CacheClusterSize', ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']),
    cacheClusterStatus: oneOf('CacheClusterStatus', ['AVAILABLE', 'CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS', 'NOT_AVAILABLE']),
    methodSettings: methodSettingsCodec,
    variables: variablesCodec,
    documentationVersion: t.string,
    accessLogSettings: accessLogSettingsCodec,
    canarySettings: canarySettingsCodec,
    tracingEnabled: t.boolean,
    webAclArn: t.string,
    tags: recordOf('Tags', t.string, 'a map of tags (an object of string values)'),
    createdDate: timestampCodec,
    lastUpdatedDate: timestampCodec
  },
  { what: 'a stage (an object)', drop: ['$metadata'] }
)

/** DecodeError.ts's fromValidationErrors. */
const fromValidationErrors = (errors: t.Errors): DecodeError =>
  decodeError(
    errors.slice(0, MAX_ISSUES).map((e) => {
      const keys = e.context.map((entry) => entry.key).filter((_, i) => i > 0)
      const expected = e.context.at(-1)?.type.name ?? 'a value'
      const rule = e.message ?? (expected === 'number' || expected === 'boolean' || expected === 'string' ? `is not a ${expected}` : `is not ${expected}`)
      return decodeIssue(keys, e.value, rule)
    }),
    errors.length
  )

export const decodeStage = (input: unknown): E.Either<DecodeError, Stage> => E.mapLeft(fromValidationErrors)(StageCodec.decode(input))

export const encodeStage = (stage: Stage): { readonly [key: string]: unknown } => StageCodec.encode(stage) as { readonly [key: string]: unknown }

/** The oracle's leaf codecs, to compare with src's one by one. */
export const codecs = { deploymentId: deploymentIdCodec, percent: percentCodec, timestamp: timestampCodec, variables: variablesCodec, methodSetting: methodSettingCodec, methodSettings: methodSettingsCodec, accessLogSettings: accessLogSettingsCodec, canarySettings: canarySettingsCodec }
