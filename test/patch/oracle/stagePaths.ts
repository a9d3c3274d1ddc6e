// ORACLE: a frozen copy of the applier as it was at commit c7d3694, before the speed work of
// issue 16 (only its imports changed). test/patch/StagePatch.oracle.test.ts holds the faster
// applier to the same answers as this one. Do not edit it to follow the applier; edit it
// only if a deliberate change of behaviour is made to the applier, and say so.
/**
 * What the update-stage applier and the differ share: how a patch value (always a string on the
 * wire) is read as a boolean, a whole number, a double or an enum, and back; the table of
 * method-setting paths; and how a method-setting key maps to its patch path.
 *
 * @internal
 */
import * as E from 'fp-ts/lib/Either.js'
import { invalidValue, type InvalidValue } from '../../../src/stage/ApiGatewayError.js'
import * as JsonPointer from './JsonPointer.js'
import { readDouble } from './number.js'
import type { LoggingLevel, MethodSetting, UnauthorizedCacheControlHeaderStrategy } from '../../../src/stage/MethodSetting.js'

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

/** A finite decimal number, read as `percentTraffic` is (see `readDouble`). @internal */
export const parseDouble: Parser<number> = (value, field) => {
  const n = readDouble(value)
  return n === undefined ? E.left(invalidValue(field, value, 'is not a number; expected a decimal such as "10000.0"')) : E.right(n)
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

/**
 * Does a key, read as the resource path it names (each `~1` a `/`, each `~0` a `~`), hold
 * `__proto__`, `constructor` or `prototype` between its slashes? @internal
 */
export const hasForbiddenSegment = (key: string): string | undefined =>
  key
    .split('/')
    .flatMap((segment) => (segment.includes('~') ? segment.replaceAll('~1', '/').replaceAll('~0', '~').split('/') : [segment]))
    .find(JsonPointer.isForbiddenKey)

/** What a method-setting path addresses: an entry's key, and the setting below it when the path names one. @internal */
export interface MethodSettingTarget {
  /** The key as AWS stores it: the path's own text between its leading `/` and the setting, escapes kept. */
  readonly key: string
  readonly setting: SettingPath | undefined
}

/**
 * Reads a path as AWS reads a method-setting path: the last two segments name the setting
 * (`metrics/enabled`...) when they are one of the ten, and everything before them, as written,
 * is the key (`/~1pets/GET/metrics/enabled` is the key `"~1pets/GET"`, `/test/GET/...` is
 * `"test/GET"`, `/*\/*\/...` is `"*\/*"`). Without a setting the whole path is the key, as
 * in `remove /~1pets/GET`. A key is `{resourcePath}/{httpMethod}`: a method and a resource
 * path that are not empty, the resource path not one of the stage's own fields.
 *
 * @internal
 */
export const methodSettingTarget = (path: string): MethodSettingTarget | undefined => {
  const segments = path.slice(1).split('/')
  const n = segments.length
  const setting = n >= 4 ? settingPath(segments[n - 2] as string, segments[n - 1] as string) : undefined
  const keySegments = setting === undefined ? segments : segments.slice(0, -2)
  const key = keySegments.join('/')
  const slash = key.lastIndexOf('/')
  return slash > 0 && slash < key.length - 1 && !reservedHeads.has(keySegments[0] as string) ? { key, setting } : undefined
}

/**
 * The patch path of a method-setting key (`~1pets/GET` → `/~1pets/GET`, `*\/*` → `/*\/*`):
 * the key as it is, after a `/`. `undefined` for a key no path reaches: one that is not
 * `{resourcePath}/{httpMethod}`, that is not a well-formed pointer, or whose path would read
 * as another key or as a setting.
 *
 * @internal
 */
export const keyPath = (key: string): string | undefined => {
  const path = `/${key}`
  // (a key that reads back as itself from its own path also does from `{path}/{setting}`: the
  // same segments come before the setting)
  return methodSettingTarget(path)?.key === key && E.isRight(JsonPointer.parseSafe(path)) && hasForbiddenSegment(key) === undefined ? path : undefined
}
