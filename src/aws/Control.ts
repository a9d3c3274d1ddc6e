/**
 * The rollout's controls from another process: {@link rolloutStatus} reads what the driver
 * keeps on the stage; {@link pauseRollout}, {@link approveRollout} and {@link abortRollout}
 * leave a request for the running driver (as tags), and abort rolls back directly when no
 * driver holds the lock.
 *
 * @since 0.2.0
 *
 * @module
 */
import { GetStageCommand, TagResourceCommand, UntagResourceCommand, UpdateStageCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { E } from '../internal/fp.js'
import * as DriverState from '../rollout/DriverState.js'
import { decodeStage, hasCanary, type Stage } from '../stage/Stage.js'
import { realClock, type Clock } from './Driver.js'

/**
 * Which stage, with which client.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
 * import type { ControlOptions } from 'apigw-canary/aws'
 *
 * const apiGateway = new APIGatewayClient({ region: 'us-east-1' })
 * const o: ControlOptions = { apiGateway, restApiId: 'a1b2c3d4e5', stageName: 'prod' }
 * assert.strictEqual(o.stageName, 'prod')
 * apiGateway.destroy()
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface ControlOptions {
  readonly apiGateway: APIGatewayClient
  readonly restApiId: string
  readonly stageName: string
  readonly region?: string
  readonly clock?: Clock
}

/**
 * What a control did.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { ControlResult } from 'apigw-canary/aws'
 *
 * const r: ControlResult = { _tag: 'Requested', message: 'the running driver will pause' }
 * assert.strictEqual(r._tag, 'Requested')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type ControlResult =
  | { readonly _tag: 'Requested'; readonly message: string }
  | { readonly _tag: 'RolledBack'; readonly message: string }
  | { readonly _tag: 'Refused'; readonly message: string }
  | { readonly _tag: 'Failed'; readonly message: string }

/**
 * A stage's rollout as the tags say.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { RolloutStatus } from 'apigw-canary/aws'
 *
 * const s: RolloutStatus = { deploymentId: 'nfcn0x', lock: undefined, position: undefined, request: undefined }
 * assert.strictEqual(s.deploymentId, 'nfcn0x')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface RolloutStatus {
  readonly deploymentId: string | undefined
  readonly canary?: { readonly deploymentId: string; readonly percentTraffic: number }
  readonly lock: DriverState.Lock | undefined
  readonly position: DriverState.Position | undefined
  readonly request: DriverState.Request | undefined
}

const messageOf = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))

const read = async (o: ControlOptions): Promise<E.Either<string, Stage>> => {
  try {
    const { $metadata: _m, ...out } = await o.apiGateway.send(new GetStageCommand({ restApiId: o.restApiId, stageName: o.stageName }))
    return E.mapLeft((e: { readonly message: string }) => e.message)(decodeStage(out))
  } catch (e) {
    return E.left(messageOf(e))
  }
}

const arnOf = async (o: ControlOptions): Promise<string> => `arn:aws:apigateway:${o.region ?? (await o.apiGateway.config.region())}::/restapis/${o.restApiId}/stages/${o.stageName}`

/**
 * Reads the stage's rollout: its deployment, canary, lock, position and pending request.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
 * import { createSimulator } from 'apigw-canary/simulator'
 * import { rolloutStatus } from 'apigw-canary/aws'
 *
 * const sim = createSimulator()
 * sim.seed({ restApis: [{ restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
 *   deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }], stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }] })
 * const apiGateway = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * const status = await rolloutStatus({ apiGateway, restApiId: 'fh4zbbd5nd', stageName: 'prod' })
 * assert.ok(E.isRight(status) && status.right.position === undefined && status.right.deploymentId === 'nfcn0x')
 * ```
 *
 * @category controls
 * @since 0.2.0
 */
export const rolloutStatus = async (o: ControlOptions): Promise<E.Either<string, RolloutStatus>> =>
  E.map((s: Stage): RolloutStatus => {
    const tags = s.tags ?? {}
    return {
      deploymentId: s.deploymentId,
      ...(hasCanary(s) ? { canary: { deploymentId: s.canarySettings.deploymentId, percentTraffic: s.canarySettings.percentTraffic } } : {}),
      lock: DriverState.readLock(tags),
      position: DriverState.readPosition(tags),
      request: DriverState.readRequest(tags)
    }
  })(await read(o))

const request = async (o: ControlOptions, tags: DriverState.Tags, message: string): Promise<ControlResult> => {
  const s = await read(o)
  if (E.isLeft(s)) return { _tag: 'Failed', message: s.left }
  if (DriverState.readPosition(s.right.tags ?? {}) === undefined) return { _tag: 'Refused', message: 'there is no rollout on this stage' }
  try {
    await o.apiGateway.send(new TagResourceCommand({ resourceArn: await arnOf(o), tags: { ...tags } }))
    return { _tag: 'Requested', message }
  } catch (e) {
    return { _tag: 'Failed', message: messageOf(e) }
  }
}

/**
 * Asks the running driver to pause (it stops at its next look at the stage, keeping the
 * position; `resume` continues).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
 * import { createSimulator } from 'apigw-canary/simulator'
 * import { pauseRollout } from 'apigw-canary/aws'
 *
 * const sim = createSimulator()
 * sim.seed({ restApis: [{ restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
 *   deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }], stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }] })
 * const apiGateway = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * const r = await pauseRollout({ apiGateway, restApiId: 'fh4zbbd5nd', stageName: 'prod' })
 * assert.deepStrictEqual(r, { _tag: 'Refused', message: 'there is no rollout on this stage' })
 * ```
 *
 * @category controls
 * @since 0.2.0
 */
export const pauseRollout = (o: ControlOptions): Promise<ControlResult> => request(o, DriverState.requestTags('pause'), 'the running driver will pause at its next look at the stage')

/**
 * Approves the approval step the rollout waits at.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { approveRollout } from 'apigw-canary/aws'
 *
 * assert.strictEqual(typeof approveRollout, 'function')
 * ```
 *
 * @category controls
 * @since 0.2.0
 */
export const approveRollout = async (o: ControlOptions): Promise<ControlResult> => {
  const s = await read(o)
  if (E.isLeft(s)) return { _tag: 'Failed', message: s.left }
  const p = DriverState.readPosition(s.right.tags ?? {})
  if (p === undefined) return { _tag: 'Refused', message: 'there is no rollout on this stage' }
  return request(o, DriverState.approvalTags(p.step), `step ${p.step} approved`)
}

/**
 * Aborts the rollout: asks the running driver to roll back, or, when no driver holds the lock,
 * rolls back itself (removes the canary settings). Refuses once the stage is promoted.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { abortRollout } from 'apigw-canary/aws'
 *
 * assert.strictEqual(typeof abortRollout, 'function')
 * ```
 *
 * @category controls
 * @since 0.2.0
 */
export const abortRollout = async (o: ControlOptions): Promise<ControlResult> => {
  const clock = o.clock ?? realClock
  const s = await read(o)
  if (E.isLeft(s)) return { _tag: 'Failed', message: s.left }
  const stage = s.right
  const tags = stage.tags ?? {}
  const position = DriverState.readPosition(tags)
  if (!hasCanary(stage)) return { _tag: 'Refused', message: 'the stage has no canary: nothing to roll back' }
  if (stage.canarySettings.deploymentId === stage.deploymentId) {
    return { _tag: 'Refused', message: 'the stage is already promoted (it runs the canary deployment): a rollback can no longer restore production; deploy the old deployment instead' }
  }
  const lock = DriverState.readLock(tags)
  if (lock !== undefined && lock.expiresAt > clock.now()) {
    return request(
      o,
      DriverState.requestTags('abort'),
      `the running driver (${lock.owner}) will roll back at its next look at the stage; if it is gone, run abort again after ${new Date(lock.expiresAt).toISOString()}`
    )
  }
  if (position === undefined) return { _tag: 'Refused', message: 'there is no rollout on this stage; to remove a canary by hand: apigw-canary disable' }
  try {
    await o.apiGateway.send(
      new UpdateStageCommand({ restApiId: o.restApiId, stageName: o.stageName, patchOperations: [{ op: 'remove', path: '/canarySettings' }] })
    )
    await o.apiGateway.send(
      new UntagResourceCommand({ resourceArn: await arnOf(o), tagKeys: Object.values(DriverState.KEYS) })
    )
    return { _tag: 'RolledBack', message: 'the canary was removed; production is unchanged' }
  } catch (e) {
    return { _tag: 'Failed', message: messageOf(e) }
  }
}
