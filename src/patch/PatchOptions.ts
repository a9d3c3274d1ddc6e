/**
 * What the update-stage applier is told besides the stage and the operations (its own module so
 * that the applier and its single-operation step both import it, and neither imports the other).
 *
 * @since 0.1.0
 *
 * @module
 */
import type { Timestamp } from '../stage/Timestamp.js'

/**
 * What the caller knows besides the stage and the operations.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation, Timestamp, type PatchOptions } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const options: PatchOptions = { deployments: ['nfcn0x', 'eh1sby'], now: Timestamp.unsafeFromString('2017-11-22T05:29:47Z') }
 * const moved = applyPatch(stage.right, [PatchOperation.replace('/deploymentId', 'eh1sby')], options)
 * assert.deepStrictEqual(moved, E.right({ stageName: 'prod', deploymentId: 'eh1sby', lastUpdatedDate: '2017-11-22T05:29:47Z' }))
 * const unknown = applyPatch(stage.right, [PatchOperation.replace('/deploymentId', 'x7yz12')], options)
 * assert.deepStrictEqual(E.mapLeft((e: { message: string }) => e.message)(unknown), E.left('Deployment id does not exist'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface PatchOptions {
  /**
   * The ids of the deployments that exist. When given, `replace /deploymentId` and
   * `replace /canarySettings/deploymentId` naming any other id fail with AWS's
   * `Deployment id does not exist`; when absent, every well-formed id is accepted.
   */
  readonly deployments?: ReadonlyArray<string>
  /** When given, a successful non-empty patch sets `lastUpdatedDate` to it (the library reads no clock). */
  readonly now?: Timestamp
}
