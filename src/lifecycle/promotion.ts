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

/** Carries out each part of a promotion that is asked for, on a stage with a canary. @internal */
export const promoteParts = (stage: CanaryStage, resetTraffic: boolean, variables: boolean, deployment: boolean): E.Either<InvalidValue, CanaryStage> => {
  const canary = stage.canarySettings
  let next: CanaryStage = stage
  // Each part is carried out unless the options skip it.
  if (resetTraffic && canary.percentTraffic !== Percent.zero) {
    next = { ...next, canarySettings: { ...canary, percentTraffic: Percent.zero } }
  }
  if (variables && canary.stageVariableOverrides !== undefined) {
    const merged = R.merge(stage.variables ?? {}, canary.stageVariableOverrides)
    const count = Object.keys(merged).length
    if (count > StageVariable.MAX_VARIABLES) {
      return E.left(invalidValue('variables', count, `would be the number of stage variables after the overrides are merged; at most ${StageVariable.MAX_VARIABLES} are allowed`))
    }
    if (merged !== stage.variables) next = { ...next, variables: merged }
  }
  if (deployment && stage.deploymentId !== canary.deploymentId) {
    next = { ...next, deploymentId: canary.deploymentId }
  }
  return E.right(next)
}
