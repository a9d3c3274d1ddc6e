/**
 * The lifecycle's updates of a stage's canary, their values already checked, within a request
 * that owns its copies (`R.Owned`): the transitions of `Lifecycle.ts` run them with a set of
 * their own, the update-stage applier with its request's, so that a request's operations on
 * the canary copy it once.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from '../stage/ApiGatewayError.js'
import type { CanarySettings } from '../stage/CanarySettings.js'
import type { CanaryStage } from '../stage/Stage.js'
import * as StageVariable from '../stage/StageVariable.js'
import * as R from '../internal/record.js'

/** Sets one field of the canary. @internal */
export const setCanaryField = <K extends 'deploymentId' | 'percentTraffic' | 'useStageCache'>(owned: R.Owned, stage: CanaryStage, key: K, value: CanarySettings[K]): CanaryStage =>
  R.put(owned, stage, 'canarySettings', R.put(owned, stage.canarySettings, key, value))

/**
 * Sets one override, or removes it (`value` undefined; removing one that is not there changes
 * nothing). At most 100 overrides. A change puts the overrides after the canary's other fields,
 * and the last one removed takes the map with it, as AWS reports them. @internal
 */
export const putOverride = (
  owned: R.Owned,
  stage: CanaryStage,
  name: StageVariable.VariableName,
  value: StageVariable.VariableValue | undefined
): E.Either<InvalidValue, CanaryStage> => {
  const canary = stage.canarySettings
  const before = canary.stageVariableOverrides ?? {}
  const had = R.hasOwn(before, name)
  // (asked before the change: an owned map is changed in place)
  const same = value === undefined ? !had : had && before[name] === value
  const overrides = value === undefined ? R.drop(owned, before, name) : R.put(owned, before, name, value)
  if (value !== undefined && Object.keys(overrides).length > StageVariable.MAX_VARIABLES) {
    return E.left(invalidValue('canarySettings.stageVariableOverrides', name, `would be override number ${StageVariable.MAX_VARIABLES + 1}; at most ${StageVariable.MAX_VARIABLES} are allowed`))
  }
  if (same) return E.right(stage)
  const keys = Object.keys(canary)
  const next = R.isEmpty(overrides)
    ? R.drop(owned, canary, 'stageVariableOverrides')
    : // (where the overrides are last already, they are set where they are)
      R.put(owned, keys[keys.length - 1] === 'stageVariableOverrides' ? canary : R.drop(owned, canary, 'stageVariableOverrides'), 'stageVariableOverrides', overrides)
  return E.right(R.put(owned, stage, 'canarySettings', next))
}
