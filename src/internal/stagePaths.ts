/**
 * What the update-stage applier and the differ share: how a patch value (always a string on the
 * wire) is read as a boolean, a whole number, a double or an enum, and back; the table of
 * method-setting paths; and how a method-setting key maps to its patch path.
 *
 * @internal
 */
import * as E from 'fp-ts/lib/Either.js'
import { invalidValue, type InvalidValue } from '../ApiGatewayError.js'
import * as JsonPointer from '../JsonPointer.js'
import type { LoggingLevel, MethodSetting, UnauthorizedCacheControlHeaderStrategy } from '../MethodSetting.js'

// -------------------------------------------------------------------------------------
// values
// -------------------------------------------------------------------------------------

/** Reads a wire value; `field` names it in the error. @internal */
export type Parser<A> = (value: string, field: string) => E.Either<InvalidValue, A>

/** Exactly `"true"` or `"false"` (chosen: `"True"`, `"1"` are refused). @internal */
export const parseBoolean: Parser<boolean> = (value, field) =>
  value === 'true' ? E.right(true) : value === 'false' ? E.right(false) : E.left(invalidValue(field, value, 'is not a boolean; expected "true" or "false"'))

/** A whole number in decimal digits, with an optional sign. @internal */
export const parseInteger: Parser<number> = (value, field) => {
  const n = /^[+-]?\d+$/.test(value) ? Number(value) : Number.NaN
  return Number.isSafeInteger(n)
    ? E.right(Object.is(n, -0) ? 0 : n)
    : E.left(invalidValue(field, value, 'is not a whole number; expected decimal digits such as "5000"'))
}

/** A finite decimal number, as Java's `Double.parseDouble` reads it (an exponent is allowed). @internal */
export const parseDouble: Parser<number> = (value, field) => {
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? Number(value) : Number.NaN
  return Number.isFinite(n)
    ? E.right(Object.is(n, -0) ? 0 : n)
    : E.left(invalidValue(field, value, 'is not a number; expected a decimal such as "10000.0"'))
}

/** One of a fixed set of literals, exactly. @internal */
export const parseOneOf =
  <L extends string>(literals: ReadonlyArray<L>): Parser<L> =>
  (value, field) =>
    (literals as ReadonlyArray<string>).includes(value) ? E.right(value as L) : E.left(invalidValue(field, value, `is not one of ${literals.join(', ')}`))

/** How a typed value is written on the wire: booleans and numbers as `String` does. @internal */
export const formatValue = (value: boolean | number | string): string => String(value)

// -------------------------------------------------------------------------------------
// method settings
// -------------------------------------------------------------------------------------

/** One patchable field of a method setting. @internal */
export interface SettingPath {
  /** The path below the key, such as `metrics/enabled`. */
  readonly path: string
  readonly field: keyof MethodSetting
  /** Reads the wire value and sets the field. */
  readonly set: (setting: MethodSetting, value: string, field: string) => E.Either<InvalidValue, MethodSetting>
}

const row = <K extends keyof MethodSetting>(path: string, field: K, parse: Parser<NonNullable<MethodSetting[K]>>): SettingPath => ({
  path,
  field,
  set: (setting, value, name) =>
    E.map((v: NonNullable<MethodSetting[K]>): MethodSetting => (setting[field] === v ? setting : { ...setting, [field]: v }))(parse(value, name))
})

/** The method-setting paths of reference section 1, in AWS's order. @internal */
export const settingPaths: ReadonlyArray<SettingPath> = [
  row('metrics/enabled', 'metricsEnabled', parseBoolean),
  row('logging/loglevel', 'loggingLevel', parseOneOf<LoggingLevel>(['OFF', 'ERROR', 'INFO'])),
  row('logging/dataTrace', 'dataTraceEnabled', parseBoolean),
  row('throttling/burstLimit', 'throttlingBurstLimit', parseInteger),
  row('throttling/rateLimit', 'throttlingRateLimit', parseDouble),
  row('caching/enabled', 'cachingEnabled', parseBoolean),
  row('caching/ttlInSeconds', 'cacheTtlInSeconds', parseInteger),
  row('caching/dataEncrypted', 'cacheDataEncrypted', parseBoolean),
  row('caching/requireAuthorizationForCacheControl', 'requireAuthorizationForCacheControl', parseBoolean),
  row(
    'caching/unauthorizedCacheControlHeaderStrategy',
    'unauthorizedCacheControlHeaderStrategy',
    parseOneOf<UnauthorizedCacheControlHeaderStrategy>(['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER'])
  )
]

/** The row for `{group}/{name}`, if it is one. @internal */
export const settingPath = (group: string, name: string): SettingPath | undefined => settingPaths.find((s) => s.path === `${group}/${name}`)

/**
 * The first tokens of paths that are not method-setting keys: a key whose resource path is one
 * of these cannot be addressed (`/variables/GET` is a stage variable). @internal
 */
export const reservedHeads: ReadonlySet<string> = new Set([
  'canarySettings',
  'accessLogSettings',
  'variables',
  'deploymentId',
  'description',
  'cacheClusterEnabled',
  'cacheClusterSize',
  'cacheClusterStatus',
  'clientCertificateId',
  'documentationVersion',
  'tracingEnabled',
  'methodSettings',
  'stageName',
  'tags',
  'webAclArn',
  'createdDate',
  'lastUpdatedDate'
])

/** Does a key hold `__proto__`, `constructor` or `prototype` between its slashes? @internal */
export const hasForbiddenSegment = (key: string): string | undefined => key.split('/').find(JsonPointer.isForbiddenKey)

/**
 * The patch path of a method-setting key (`/pets/GET` → `/~1pets/GET`, `*\/*` → `/*\/*`): the
 * resource path is everything before the last `/`. `undefined` for a key no path reaches.
 *
 * @internal
 */
export const keyPath = (key: string): string | undefined => {
  const slash = key.lastIndexOf('/')
  const resource = key.slice(0, slash)
  const method = key.slice(slash + 1)
  return slash <= 0 || method === '' || reservedHeads.has(resource) || hasForbiddenSegment(key) !== undefined
    ? undefined
    : JsonPointer.format([resource, method])
}
