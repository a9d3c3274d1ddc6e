/**
 * The parts of a promotion on a stage with a canary, its options already read: what
 * `Lifecycle.promote` does once it has read its options, and what each of the update-stage
 * applier's two promotion copies does (one part each), with no options to read or copy.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import * as Percent from '../stage/Percent.js'
import type { CanaryStage } from '../stage/Stage.js'
import * as StageVariable from '../stage/StageVariable.js'
import * as R from '../internal/record.js'

/**
 * Carries out each part of a promotion that is asked for, on a stage with a canary. The copies
 * it makes go to `owned` (the update-stage request's, or a set of this call's own), and what
 * `owned` holds it changes in place. @internal
 */
export const promoteParts = (
  stage: CanaryStage,
  resetTraffic: boolean,
  variables: boolean,
  deployment: boolean,
  owned: R.Owned = new Set()
): E.Either<InvalidValue, CanaryStage> => {
  const canary = stage.canarySettings
  let next: CanaryStage = stage
  // Each part is carried out unless the options skip it.
  if (resetTraffic) next = R.put(owned, next, 'canarySettings', R.put(owned, canary, 'percentTraffic', Percent.zero))
  const overrides = canary.stageVariableOverrides
  if (variables && overrides !== undefined) {
    // The overrides laid over the variables: they win, the other variables stay.
    let merged: StageVariable.Variables = stage.variables ?? {}
    for (const name of Object.keys(overrides)) merged = R.put(owned, merged, name, overrides[name] as StageVariable.VariableValue)
    const count = Object.keys(merged).length
    if (count > StageVariable.MAX_VARIABLES) {
      return E.left(invalidValue('variables', count, `would be the number of stage variables after the overrides are merged; at most ${StageVariable.MAX_VARIABLES} are allowed`))
    }
    next = R.put(owned, next, 'variables', merged)
  }
  if (deployment) next = R.put(owned, next, 'deploymentId', canary.deploymentId)
  return E.right(next)
}
