/**
 * The formal state of a stage's canary, derived from the stage: no canary; a canary taking no
 * traffic (idle, or just promoted); a canary taking part of the traffic; a canary taking all
 * of it. `docs/state-model.md` draws the states and the transitions between them.
 *
 * @since 0.1.0
 *
 * @module
 */
import type { Percent } from '../stage/Percent.js'
import type { Stage } from '../stage/Stage.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The phase of a stage's canary.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CanarySettings, DeploymentId, Percent, phase, type Phase } from 'apigw-canary'
 *
 * const canary = CanarySettings.make(DeploymentId.unsafeFromString('eh1sby'))
 * const at = (percent: number): Phase => phase({ canarySettings: { ...canary, percentTraffic: Percent.unsafeFromNumber(percent) } })
 * assert.deepStrictEqual(phase({}), { _tag: 'NoCanary' })
 * assert.deepStrictEqual(at(0), { _tag: 'CanaryIdle' }) // idle, or just promoted
 * assert.deepStrictEqual(at(25), { _tag: 'CanaryPartial', percentTraffic: 25 })
 * assert.deepStrictEqual(at(100), { _tag: 'CanaryFull' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Phase =
  | { readonly _tag: 'NoCanary' }
  | { readonly _tag: 'CanaryIdle' }
  | { readonly _tag: 'CanaryPartial'; readonly percentTraffic: Percent }
  | { readonly _tag: 'CanaryFull' }

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The phase a stage is in.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, phase } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(phase(stage.right), { _tag: 'CanaryPartial', percentTraffic: 10.5 })
 * assert.deepStrictEqual(phase({}), { _tag: 'NoCanary' })
 * ```
 *
 * @category destructors
 * @since 0.1.0
 */
export const phase = (stage: Stage): Phase => {
  const canary = stage.canarySettings
  if (canary === undefined) return { _tag: 'NoCanary' }
  if (canary.percentTraffic === 0) return { _tag: 'CanaryIdle' }
  if (canary.percentTraffic === 100) return { _tag: 'CanaryFull' }
  return { _tag: 'CanaryPartial', percentTraffic: canary.percentTraffic }
}
