/**
 * Per-method settings of a stage (`methodSettings`, keyed `"{resourcePath}/{httpMethod}"` such
 * as `"~1pets/GET"`, or `"*\/*"` for every method), with the defaults AWS gives an entry that a
 * patch creates.
 *
 * @since 0.1.0
 *
 * @module
 */
import type * as t from 'io-ts'
import { codecs } from '../internal/codecCore.js'
import { methodSettingOf, methodSettingsOf } from './shapes.js'
import { hasOwn } from '../internal/record.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Execution logging level.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, MethodSetting, PatchOperation } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const path = `/${MethodSetting.WILDCARD}/logging/loglevel`
 * const logged = applyPatch(stage.right, [PatchOperation.replace(path, 'ERROR')])
 * assert.ok(E.isRight(logged))
 * const level: MethodSetting.LoggingLevel | undefined = logged.right.methodSettings?.[MethodSetting.WILDCARD]?.loggingLevel
 * assert.strictEqual(level, 'ERROR')
 * assert.ok(E.isLeft(applyPatch(stage.right, [PatchOperation.replace(path, 'DEBUG')]))) // OFF, ERROR or INFO only
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type LoggingLevel = 'OFF' | 'ERROR' | 'INFO'

/**
 * What a request that asks to bypass the cache without authorisation gets.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MethodSetting } from 'apigw-canary'
 *
 * const byDefault: MethodSetting.UnauthorizedCacheControlHeaderStrategy | undefined = MethodSetting.defaults.unauthorizedCacheControlHeaderStrategy
 * assert.strictEqual(byDefault, 'SUCCEED_WITH_RESPONSE_HEADER') // AWS's default (recorded)
 * const strict: MethodSetting.MethodSetting = { requireAuthorizationForCacheControl: true, unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403' }
 * assert.ok(E.isRight(MethodSetting.codec.decode(strict)))
 * assert.ok(E.isLeft(MethodSetting.codec.decode({ unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_401' })))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type UnauthorizedCacheControlHeaderStrategy =
  | 'FAIL_WITH_403'
  | 'SUCCEED_WITH_RESPONSE_HEADER'
  | 'SUCCEED_WITHOUT_RESPONSE_HEADER'

/**
 * The settings of one method (or of all, under `"*\/*"`), as `get-stage` prints them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, MethodSetting, PatchOperation } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * // The first patch of a key creates its entry with AWS's defaults, then applies the change.
 * const cached = applyPatch(stage.right, [PatchOperation.replace('/~1pets/GET/caching/enabled', 'true')])
 * assert.ok(E.isRight(cached))
 * const setting: MethodSetting.MethodSetting | undefined = cached.right.methodSettings?.['~1pets/GET']
 * assert.deepStrictEqual(setting, { ...MethodSetting.defaults, cachingEnabled: true })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface MethodSetting {
  readonly metricsEnabled?: boolean
  readonly loggingLevel?: LoggingLevel
  readonly dataTraceEnabled?: boolean
  readonly throttlingBurstLimit?: number
  readonly throttlingRateLimit?: number
  readonly cachingEnabled?: boolean
  readonly cacheTtlInSeconds?: number
  readonly cacheDataEncrypted?: boolean
  readonly requireAuthorizationForCacheControl?: boolean
  readonly unauthorizedCacheControlHeaderStrategy?: UnauthorizedCacheControlHeaderStrategy
}

/**
 * The method settings of a stage, by key.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MethodSetting } from 'apigw-canary'
 *
 * const decoded = MethodSetting.settingsCodec.decode({
 *   [MethodSetting.WILDCARD]: { metricsEnabled: true },
 *   '~1pets/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 }
 * })
 * assert.ok(E.isRight(decoded))
 * const settings: MethodSetting.MethodSettings = decoded.right
 * assert.strictEqual(settings['~1pets/GET']?.cacheTtlInSeconds, 60)
 * assert.ok(E.isLeft(MethodSetting.settingsCodec.decode({ '~1pets/GET': { cacheTtlInSeconds: 1.5 } }))) // an int
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type MethodSettings = { readonly [key: string]: MethodSetting }

/**
 * The key of the stage-wide entry.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, MethodSetting, PatchOperation } from 'apigw-canary'
 *
 * assert.strictEqual(MethodSetting.WILDCARD, '*' + '/*')
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const wide = applyPatch(stage.right, [PatchOperation.replace(`/${MethodSetting.WILDCARD}/metrics/enabled`, 'true')])
 * assert.ok(E.isRight(wide))
 * assert.strictEqual(wide.right.methodSettings?.[MethodSetting.WILDCARD]?.metricsEnabled, true)
 * // A method's own entry starts as a copy of the stage-wide one.
 * assert.strictEqual(MethodSetting.initial(wide.right.methodSettings ?? {}, '~1pets/GET').metricsEnabled, true)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const WILDCARD = '*/*'

/**
 * The values AWS gives an entry when a patch first touches its key (recorded; no
 * `loggingLevel`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { MethodSetting } from 'apigw-canary'
 *
 * assert.strictEqual(MethodSetting.defaults.cacheTtlInSeconds, 300)
 * assert.strictEqual(MethodSetting.defaults.loggingLevel, undefined)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const defaults: MethodSetting = {
  cacheDataEncrypted: false,
  cacheTtlInSeconds: 300,
  cachingEnabled: false,
  dataTraceEnabled: false,
  metricsEnabled: false,
  requireAuthorizationForCacheControl: true,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000.0,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The entry a patch starts from when it first touches `key`: a copy of the stage-wide `"*\/*"`
 * entry when there is one, AWS's defaults otherwise (recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { MethodSetting } from 'apigw-canary'
 *
 * const wide = { ...MethodSetting.defaults, cachingEnabled: true }
 * assert.strictEqual(MethodSetting.initial({ [MethodSetting.WILDCARD]: wide }, '~1pets/GET').cachingEnabled, true)
 * assert.strictEqual(MethodSetting.initial({}, '~1pets/GET').cachingEnabled, false)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const initial = (settings: MethodSettings, key: string): MethodSetting =>
  hasOwn(settings, key) ? (settings[key] as MethodSetting) : hasOwn(settings, WILDCARD) ? (settings[WILDCARD] as MethodSetting) : defaults

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for one method setting. Unknown fields are kept.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MethodSetting } from 'apigw-canary'
 *
 * assert.ok(E.isRight(MethodSetting.codec.decode({ loggingLevel: 'INFO' })))
 * assert.ok(E.isLeft(MethodSetting.codec.decode({ loggingLevel: 'DEBUG' })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<MethodSetting, unknown, unknown> = /* @__PURE__ */ methodSettingOf<MethodSetting>(codecs)

/**
 * The io-ts codec for the `methodSettings` map.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MethodSetting } from 'apigw-canary'
 *
 * assert.ok(E.isRight(MethodSetting.settingsCodec.decode({ [MethodSetting.WILDCARD]: { metricsEnabled: true } })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const settingsCodec: t.Type<MethodSettings, unknown, unknown> = /* @__PURE__ */ methodSettingsOf(codecs, codec)
