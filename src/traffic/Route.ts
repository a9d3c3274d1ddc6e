/**
 * What one request to a stage sees: the channel it goes to (production or canary), the
 * deployment it runs, the stage variables it sees, how it uses the stage cache, and where its
 * logs go. This is section 3 of the reference notes, as a pure function of the stage and one
 * uniform draw `u` in [0, 1).
 *
 * Rules (each is a test in `test/traffic/Route.test.ts`):
 * - a request goes to the canary iff there is a canary and `u < percentTraffic / 100`: at 0%
 *   every request goes to production, at 100% every request goes to the canary (recorded);
 * - a canary request sees the stage variables with the overrides laid on top; a production
 *   request sees the stage variables only, never an override-only key (recorded; the
 *   developer guide's wording suggests otherwise and is wrong);
 * - a canary that uses the stage cache shares production's cache key when both run the same
 *   deployment, and is cached separately on a different deployment (docs); a canary with
 *   `useStageCache: false` does not use the stage cache;
 * - execution logs go to `API-Gateway-Execution-Logs/{rest-api-id}/{stage-name}`, and for the
 *   canary to the same name with `/Canary` appended; the canary's access logs go to the
 *   configured group's name with `/Canary` appended (docs).
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import type { DeploymentId } from '../stage/DeploymentId.js'
import type { Stage } from '../stage/Stage.js'
import type { Variables } from '../stage/StageVariable.js'
import * as R from '../internal/record.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where a request goes: the stage's own deployment, or its canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { type Channel } from 'apigw-canary'
 *
 * const channels: ReadonlyArray<Channel> = ['production', 'canary']
 * assert.strictEqual(channels.length, 2)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Channel = 'production' | 'canary'

/**
 * How a request uses the stage cache:
 * - `Production`: a production request, under production's cache key;
 * - `SharedWithProduction`: a canary request with `useStageCache` on the same deployment as
 *   production: one shared cache key;
 * - `Separate`: a canary request with `useStageCache` on another deployment: cached apart
 *   from production;
 * - `NotUsed`: a canary request with `useStageCache: false`: the canary does not use the
 *   stage cache.
 *
 * Whether anything is cached at all is up to the stage's cache cluster and each method's
 * caching setting; this says only whose entries a request would read and write.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, route, type CacheUse } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd1', percentTraffic: 50, useStageCache: true } })
 * assert.ok(E.isRight(stage))
 * const r = route(stage.right, 0.1)
 * assert.ok(E.isRight(r))
 * const cache: CacheUse = r.right.cache
 * assert.deepStrictEqual(cache, { _tag: 'SharedWithProduction' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type CacheUse =
  | { readonly _tag: 'Production' }
  | { readonly _tag: 'SharedWithProduction' }
  | { readonly _tag: 'Separate' }
  | { readonly _tag: 'NotUsed' }

/**
 * Where a request's access logs go. `LogGroup` when the stage's `destinationArn` is a
 * CloudWatch Logs ARN (for a canary request, the group's name with `/Canary` appended, and
 * the ARN of that group); `Other` for any other destination, such as a Kinesis Data
 * Firehose stream, which is reported as configured (chosen: what AWS does with a canary's
 * Firehose access logs is not recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { accessLogDestination, type AccessLogDestination } from 'apigw-canary'
 *
 * const firehose: AccessLogDestination = accessLogDestination('arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x', 'canary')
 * assert.strictEqual(firehose._tag, 'Other')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type AccessLogDestination =
  | { readonly _tag: 'LogGroup'; readonly logGroupName: string; readonly arn: string }
  | { readonly _tag: 'Other'; readonly destinationArn: string }

/**
 * What one request sees.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, route, type Routing } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
 * assert.ok(E.isRight(stage))
 * const routing: E.Either<unknown, Routing> = route(stage.right, 0.5)
 * assert.deepStrictEqual(routing, E.right({
 *   channel: 'production',
 *   deploymentId: 'nfcn0x',
 *   variables: { sv1: 'val1' },
 *   cache: { _tag: 'Production' },
 *   sharesProductionCacheKey: true
 * }))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Routing {
  readonly channel: Channel
  /** The deployment the request runs. */
  readonly deploymentId: DeploymentId
  /** The stage variables the request sees. */
  readonly variables: Variables
  /** How the request uses the stage cache. */
  readonly cache: CacheUse
  /** Does the request read and write production's cache entries? */
  readonly sharesProductionCacheKey: boolean
  /** The execution log group; present when `restApiId` was given. */
  readonly executionLogGroup?: string
  /** Where access logs go; present when the stage has `accessLogSettings.destinationArn`. */
  readonly accessLog?: AccessLogDestination
}

/**
 * Options of {@link route}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, route, type RouteOptions } from 'apigw-canary'
 *
 * const options: RouteOptions = { restApiId: 'fh4zbbd5nd' }
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const r = route(stage.right, 0.5, options)
 * assert.ok(E.isRight(r) && r.right.executionLogGroup === 'API-Gateway-Execution-Logs/fh4zbbd5nd/prod')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface RouteOptions {
  /** The REST API's id (such as `fh4zbbd5nd`): needed to name the execution log group. */
  readonly restApiId?: string
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The prefix of every execution log group.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { EXECUTION_LOGS_PREFIX } from 'apigw-canary'
 *
 * assert.strictEqual(EXECUTION_LOGS_PREFIX, 'API-Gateway-Execution-Logs')
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const EXECUTION_LOGS_PREFIX = 'API-Gateway-Execution-Logs'

/**
 * What AWS appends to a log group's name for the canary's logs.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CANARY_SUFFIX } from 'apigw-canary'
 *
 * assert.strictEqual(CANARY_SUFFIX, '/Canary')
 * ```
 *
 * @category constants
 * @since 0.1.0
 */
export const CANARY_SUFFIX = '/Canary'

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * Does a request drawn at `u` go to the canary, at `percentTraffic` percent? `u < p / 100`:
 * 0 percent never does and 100 percent always does, for every `u` in [0, 1). The simulator
 * uses this same rule.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { toCanary } from 'apigw-canary'
 *
 * assert.strictEqual(toCanary(10, 0.05), true)
 * assert.strictEqual(toCanary(10, 0.1), false)
 * assert.strictEqual(toCanary(0, 0), false)
 * assert.strictEqual(toCanary(100, 0.9999999), true)
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const toCanary = (percentTraffic: number, u: number): boolean => u < percentTraffic / 100

/**
 * The name of the execution log group of a stage's production or canary requests:
 * `API-Gateway-Execution-Logs/{rest-api-id}/{stage-name}`, with `/Canary` for the canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { executionLogGroup } from 'apigw-canary'
 *
 * assert.strictEqual(executionLogGroup('fh4zbbd5nd', 'prod', 'canary'), 'API-Gateway-Execution-Logs/fh4zbbd5nd/prod/Canary')
 * assert.strictEqual(executionLogGroup('fh4zbbd5nd', 'prod', 'production'), 'API-Gateway-Execution-Logs/fh4zbbd5nd/prod')
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const executionLogGroup = (restApiId: string, stageName: string, channel: Channel): string =>
  `${EXECUTION_LOGS_PREFIX}/${restApiId}/${stageName}${channel === 'canary' ? CANARY_SUFFIX : ''}`

const LOG_GROUP_ARN = /^arn:([a-z0-9-]+):logs:([a-z0-9-]*):(\d*):log-group:([^:]+)(?::\*)?$/

/**
 * Where access logs go, for production or canary requests, given the stage's
 * `accessLogSettings.destinationArn`. A CloudWatch Logs ARN (with or without the trailing
 * `:*`) gives the group's name, with `/Canary` appended for the canary; any other ARN is
 * reported as it is.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { accessLogDestination } from 'apigw-canary'
 *
 * const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_fh4zbbd5nd/prod'
 * assert.deepStrictEqual(accessLogDestination(arn, 'canary'), {
 *   _tag: 'LogGroup',
 *   logGroupName: 'API-Gateway-Access-Logs_fh4zbbd5nd/prod/Canary',
 *   arn: 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_fh4zbbd5nd/prod/Canary'
 * })
 * assert.strictEqual(accessLogDestination(arn, 'production')._tag, 'LogGroup')
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const accessLogDestination = (destinationArn: string, channel: Channel): AccessLogDestination => {
  const match = LOG_GROUP_ARN.exec(destinationArn)
  if (match === null) return { _tag: 'Other', destinationArn }
  const [, partition, region, account] = match
  const logGroupName = `${match[4] ?? ''}${channel === 'canary' ? CANARY_SUFFIX : ''}`
  return { _tag: 'LogGroup', logGroupName, arn: `arn:${partition ?? 'aws'}:logs:${region ?? ''}:${account ?? ''}:log-group:${logGroupName}` }
}

/**
 * The share of a stage's requests, in percent, that run `deploymentId`: the canary's
 * `percentTraffic` if the canary runs it, plus the rest if the stage itself runs it. After a
 * promotion both run the new deployment, so it takes 100%. A value that is not a stage runs
 * nothing: 0.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, deploymentShare } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * assert.strictEqual(deploymentShare(stage.right, 'eh1sby'), 10.5)
 * assert.strictEqual(deploymentShare(stage.right, 'nfcn0x'), 89.5)
 * assert.strictEqual(deploymentShare(stage.right, 'x7yz12'), 0)
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const deploymentShare = (stage: Stage, deploymentId: string): number => {
  if (typeof stage !== 'object' || stage === null) return 0
  const canary = stage.canarySettings
  const p = canary?.percentTraffic ?? 0
  return (canary?.deploymentId === deploymentId ? p : 0) + (stage.deploymentId === deploymentId ? 100 - p : 0)
}

const REST_API_ID = /^[A-Za-z0-9]+$/

/**
 * What a request drawn at `u` (a number in [0, 1), such as one uniform random draw) sees on
 * `stage`. Fails with an {@link InvalidValue} when the stage or the options are not objects,
 * when `u` is not a finite number in [0, 1), when the stage has no deploymentId, or, when
 * `options.restApiId` is given, when it is not an id or the stage has no stageName to name
 * the log group with.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, route } from 'apigw-canary'
 *
 * const stage = decodeStage({
 *   stageName: 'prod',
 *   deploymentId: 'nfcn0x',
 *   variables: { sv1: 'val1' },
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } }
 * })
 * assert.ok(E.isRight(stage))
 *
 * // 10.5%: a draw below 0.105 goes to the canary and sees the overrides on top.
 * const canary = route(stage.right, 0.1, { restApiId: 'fh4zbbd5nd' })
 * assert.ok(E.isRight(canary))
 * assert.strictEqual(canary.right.channel, 'canary')
 * assert.strictEqual(canary.right.deploymentId, 'eh1sby')
 * assert.deepStrictEqual(canary.right.variables, { sv1: 'val2', sv2: 'val3' })
 * assert.strictEqual(canary.right.executionLogGroup, 'API-Gateway-Execution-Logs/fh4zbbd5nd/prod/Canary')
 *
 * // Production never sees an override-only key (sv2).
 * const production = route(stage.right, 0.5)
 * assert.ok(E.isRight(production))
 * assert.deepStrictEqual(production.right.variables, { sv1: 'val1' })
 *
 * assert.ok(E.isLeft(route(stage.right, 1)))
 * assert.ok(E.isLeft(route(stage.right, 0.5, null as never)))
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const route = (stage: Stage, u: number, options: RouteOptions = {}): E.Either<InvalidValue, Routing> => {
  if (typeof stage !== 'object' || stage === null) {
    return E.left(invalidValue('stage', stage, 'is not a stage (an object, such as decodeStage gives)'))
  }
  if (typeof options !== 'object' || options === null) {
    return E.left(invalidValue('options', options, 'is not route options ({ restApiId? }; leave it out for none)'))
  }
  if (typeof u !== 'number' || !Number.isFinite(u) || u < 0 || u >= 1) {
    return E.left(invalidValue('u', u, 'is not a number in [0, 1): pass one uniform draw, such as the output of a seeded generator'))
  }
  const production = stage.deploymentId
  if (production === undefined) {
    return E.left(invalidValue('deploymentId', undefined, 'is missing: a stage serves its requests from its deployment, so name it'))
  }
  const { restApiId } = options
  if (restApiId !== undefined && (typeof restApiId !== 'string' || !REST_API_ID.test(restApiId))) {
    return E.left(invalidValue('restApiId', restApiId, 'is not a REST API id (letters and digits, such as "fh4zbbd5nd")'))
  }
  if (restApiId !== undefined && (stage.stageName === undefined || stage.stageName === '')) {
    return E.left(invalidValue('stageName', undefined, 'is missing: the execution log group is named after the stage'))
  }
  const canary = stage.canarySettings
  const channel: Channel = canary !== undefined && toCanary(canary.percentTraffic, u) ? 'canary' : 'production'
  const variables = stage.variables ?? {}
  const cache: CacheUse =
    channel === 'production' || canary === undefined
      ? { _tag: 'Production' }
      : !canary.useStageCache
        ? { _tag: 'NotUsed' }
        : canary.deploymentId === production
          ? { _tag: 'SharedWithProduction' }
          : { _tag: 'Separate' }
  const destinationArn = stage.accessLogSettings?.destinationArn
  return E.right({
    channel,
    deploymentId: channel === 'canary' && canary !== undefined ? canary.deploymentId : production,
    variables: channel === 'canary' && canary?.stageVariableOverrides !== undefined ? R.merge(variables, canary.stageVariableOverrides) : variables,
    cache,
    sharesProductionCacheKey: cache._tag === 'Production' || cache._tag === 'SharedWithProduction',
    ...(restApiId === undefined || stage.stageName === undefined ? {} : { executionLogGroup: executionLogGroup(restApiId, stage.stageName, channel) }),
    ...(destinationArn === undefined || destinationArn === '' ? {} : { accessLog: accessLogDestination(destinationArn, channel) })
  })
}
