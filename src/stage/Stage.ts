/**
 * A REST API stage in AWS's wire shape: `JSON.stringify(stage)` prints what
 * `aws apigateway get-stage` prints. Every field is optional on the wire, and so here.
 *
 * {@link decodeStage} reads untrusted JSON: what the AWS CLI prints (ISO dates; the raw REST
 * shape with `_links`) and what SDK v3's `GetStageCommand` returns (`Date` objects). Unknown
 * fields are kept, so a round trip loses nothing.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { io } from '../internal/fp.js'
import type * as t from 'io-ts'
import * as AccessLogSettingsModule from './AccessLogSettings.js'
import type { AccessLogSettings } from './AccessLogSettings.js'
import * as CanarySettingsModule from './CanarySettings.js'
import type { CanarySettings } from './CanarySettings.js'
import { fromValidationErrors, type DecodeError } from './DecodeError.js'
import * as DeploymentId from './DeploymentId.js'
import * as MethodSettingModule from './MethodSetting.js'
import type { MethodSettings } from './MethodSetting.js'
import * as StageVariable from './StageVariable.js'
import * as Timestamp from './Timestamp.js'
import { codecs, decoders, oneOf, type Build } from '../internal/codecCore.js'
import { accessLogSettingsOf, canarySettingsOf, methodSettingOf, methodSettingsOf } from './shapes.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The cache cluster sizes AWS offers, in GB.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, type CacheClusterSize } from 'apigw-canary'
 *
 * const size: CacheClusterSize = '0.5'
 * const stage = decodeStage({ cacheClusterEnabled: true, cacheClusterSize: size })
 * assert.ok(E.isRight(stage))
 * assert.strictEqual(stage.right.cacheClusterSize, '0.5')
 * assert.ok(E.isLeft(decodeStage({ cacheClusterSize: 0.5 }))) // a string on the wire
 * assert.ok(E.isLeft(decodeStage({ cacheClusterSize: '1.0' }))) // not a size AWS offers
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type CacheClusterSize = '0.5' | '1.6' | '6.1' | '13.5' | '28.4' | '58.2' | '118' | '237'

/**
 * The cache cluster sizes, in order.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, cacheClusterSizes, decodeStage, PatchOperation } from 'apigw-canary'
 *
 * assert.deepStrictEqual(cacheClusterSizes, ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237'])
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const resize = (size: string) => applyPatch(stage.right, [PatchOperation.replace('/cacheClusterSize', size)])
 * assert.ok(cacheClusterSizes.every((size) => E.isRight(resize(size))))
 * assert.ok(E.isLeft(resize('2')))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const cacheClusterSizes: ReadonlyArray<CacheClusterSize> = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']

/**
 * The states of a stage's cache cluster.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation, type CacheClusterStatus } from 'apigw-canary'
 *
 * const stage = decodeStage({ cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE' })
 * assert.ok(E.isRight(stage))
 * const status: CacheClusterStatus | undefined = stage.right.cacheClusterStatus
 * assert.strictEqual(status, 'AVAILABLE')
 * assert.ok(E.isLeft(decodeStage({ cacheClusterStatus: 'READY' })))
 * // AWS reports it; update-stage cannot set it.
 * const patched = applyPatch(stage.right, [PatchOperation.replace('/cacheClusterStatus', 'NOT_AVAILABLE')])
 * assert.ok(E.isLeft(patched) && patched.left._tag === 'InvalidPatchPath')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type CacheClusterStatus = 'AVAILABLE' | 'CREATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS' | 'FLUSH_IN_PROGRESS' | 'NOT_AVAILABLE'

/**
 * A stage, as `get-stage` prints it. Unknown fields that came in through {@link decodeStage}
 * are kept on the object at run time.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, encodeStage, type Stage } from 'apigw-canary'
 *
 * const json = { stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, createdDate: '2017-11-20T04:42:19Z' }
 * const decoded = decodeStage(json)
 * assert.ok(E.isRight(decoded))
 * const stage: Stage = decoded.right
 * assert.strictEqual(stage.variables?.sv1, 'val1')
 * assert.strictEqual(stage.canarySettings, undefined) // no canarySettings: no canary
 * assert.deepStrictEqual(encodeStage(stage), json) // the shape get-stage prints
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Stage {
  readonly deploymentId?: DeploymentId.DeploymentId
  readonly clientCertificateId?: string
  readonly stageName?: string
  readonly description?: string
  readonly cacheClusterEnabled?: boolean
  readonly cacheClusterSize?: CacheClusterSize
  readonly cacheClusterStatus?: CacheClusterStatus
  readonly methodSettings?: MethodSettings
  readonly variables?: StageVariable.Variables
  readonly documentationVersion?: string
  readonly accessLogSettings?: AccessLogSettings
  readonly canarySettings?: CanarySettings
  readonly tracingEnabled?: boolean
  readonly webAclArn?: string
  readonly tags?: { readonly [key: string]: string }
  readonly createdDate?: Timestamp.Timestamp
  readonly lastUpdatedDate?: Timestamp.Timestamp
}

/**
 * A stage with a canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, hasCanary, setTraffic, type CanaryStage } from 'apigw-canary'
 *
 * const decoded = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(decoded) && hasCanary(decoded.right))
 * const stage: CanaryStage = decoded.right
 * assert.strictEqual(stage.canarySettings.percentTraffic, 10) // no `?.`: the canary is there
 * const shifted = setTraffic(stage, 50)
 * assert.ok(E.isRight(shifted))
 * assert.strictEqual(shifted.right.canarySettings.percentTraffic, 50)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type CanaryStage = Stage & { readonly canarySettings: CanarySettings }

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Does the stage have a canary?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, hasCanary } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })
 * assert.ok(E.isRight(stage) && hasCanary(stage.right))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const hasCanary = (stage: Stage): stage is CanaryStage => stage.canarySettings !== undefined

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The stage's shape, built with `build` from its parts' codecs: {@link StageCodec}, and the
 * decoder-only tree `decodeStage` reads with (`internal/codecCore.ts`, `./shapes.ts`).
 */
const stageOf = (
  build: Build,
  methodSettings: t.Mixed,
  accessLogSettings: t.Mixed,
  canarySettings: t.Mixed
): t.Type<Stage, unknown, unknown> =>
  build.struct<Stage>(
    'Stage',
    {
      deploymentId: DeploymentId.codec,
      clientCertificateId: io.string,
      stageName: io.string,
      description: io.string,
      cacheClusterEnabled: io.boolean,
      cacheClusterSize: /* @__PURE__ */ oneOf<CacheClusterSize>('CacheClusterSize', cacheClusterSizes),
      cacheClusterStatus: /* @__PURE__ */ oneOf<CacheClusterStatus>('CacheClusterStatus', [
        'AVAILABLE',
        'CREATE_IN_PROGRESS',
        'DELETE_IN_PROGRESS',
        'FLUSH_IN_PROGRESS',
        'NOT_AVAILABLE'
      ]),
      methodSettings,
      variables: StageVariable.codec,
      documentationVersion: io.string,
      accessLogSettings,
      canarySettings,
      tracingEnabled: io.boolean,
      webAclArn: io.string,
      tags: build.recordOf('Tags', io.string, 'a map of tags (an object of string values)'),
      createdDate: Timestamp.codec,
      lastUpdatedDate: Timestamp.codec
    },
    // `$metadata` is the SDK v3 response's, not the stage's: GetStageCommand's output carries it
    { what: 'a stage (an object)', drop: ['$metadata'] }
  )

/**
 * The io-ts codec for a stage. Decoding accepts the AWS CLI's JSON and SDK v3's objects;
 * encoding gives the JSON shape (dates as ISO strings).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageCodec } from 'apigw-canary'
 *
 * assert.ok(E.isRight(StageCodec.decode({ stageName: 'prod', deploymentId: 'nfcn0x' })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const StageCodec: t.Type<Stage, unknown, unknown> = /* @__PURE__ */ stageOf(
  codecs,
  MethodSettingModule.settingsCodec,
  AccessLogSettingsModule.codec,
  CanarySettingsModule.codec
)

/** {@link StageCodec}'s validation, without the `is` of its objects and maps: what `decodeStage` decodes with. */
const stageDecoder = /* @__PURE__ */ stageOf(
  decoders,
  methodSettingsOf(decoders, methodSettingOf(decoders)),
  accessLogSettingsOf(decoders),
  canarySettingsOf(decoders)
)

/**
 * Reads a stage from untrusted input: what `aws apigateway get-stage` prints (ISO dates, or
 * epoch seconds as CLI v1 prints them; the raw REST shape with `_links`) and what SDK v3's
 * `GetStageCommand` returns (`Date`s, and its `$metadata`, which is the response's and is left
 * out). Unknown fields are kept. Dates become ISO strings (an ISO string is kept as written).
 *
 * The stage is a new value that shares nothing with the input: each field is read once, so a
 * getter cannot show the check one value and the stage another, and a later change to the
 * input cannot reach the stage or get round its rules. Objects must be plain (a `Map` or a
 * class instance where an object belongs is refused). Never throws: input that cannot even be
 * read (a getter that throws, a revoked proxy) is a `Left` too.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 *
 * const ok = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * assert.ok(E.isRight(ok))
 *
 * const bad = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 150 } })
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(bad),
 *   E.left('canarySettings.percentTraffic: 150 is not a percentage (0 to 100)')
 * )
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const decodeStage = (input: unknown): E.Either<DecodeError, Stage> =>
  // Total without a catch of its own: every codec's validate catches what it cannot read (internal/codecCore.ts).
  E.mapLeft(fromValidationErrors)(stageDecoder.decode(input))

/**
 * The JSON form of a stage (dates as ISO strings), ready for `JSON.stringify` or for the
 * CLI's `--cli-input-json`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, encodeStage } from 'apigw-canary'
 *
 * const input = { stageName: 'prod', createdDate: '2017-11-20T04:42:19Z', _links: { self: { href: '/restapis/a/stages/prod' } } }
 * const stage = decodeStage(input)
 * assert.ok(E.isRight(stage))
 * if (E.isRight(stage)) assert.deepStrictEqual(encodeStage(stage.right), input)
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const encodeStage = (stage: Stage): { readonly [key: string]: unknown } =>
  stageDecoder.encode(stage) as { readonly [key: string]: unknown }
