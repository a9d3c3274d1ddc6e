/**
 * The laws of the canary lifecycle, as plain predicates. The fast-check wiring that checks
 * them lives in the test files; the exhaustive exploration checks them in every reachable
 * state of a small domain.
 */
import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import { isDeepStrictEqual } from 'node:util'
import { decodeStage, disable, enableCanary, encodeStage, promote, setTraffic, traffic, type Stage } from '../../src/index.js'

const own = (record: object | undefined, key: string): boolean => record !== undefined && Object.prototype.hasOwnProperty.call(record, key)

/** percentTraffic is always a finite number from 0 to 100. */
export const percentInRange = (s: Stage): boolean => {
  const p = s.canarySettings?.percentTraffic
  return p === undefined || (Number.isFinite(p) && p >= 0 && p <= 100)
}

/** A canary's stageVariableOverrides is absent or non-empty (AWS omits an empty map). */
export const overridesCanonical = (s: Stage): boolean => {
  const o = s.canarySettings?.stageVariableOverrides
  return o === undefined || Object.keys(o).length > 0
}

/** Promote keeps the canary enabled, with its deploymentId, overrides and useStageCache. */
export const promoteKeepsCanary = (s: Stage): boolean =>
  E.match(
    () => s.canarySettings === undefined,
    (p: Stage) =>
      p.canarySettings !== undefined &&
      p.canarySettings.deploymentId === s.canarySettings?.deploymentId &&
      isDeepStrictEqual(p.canarySettings.stageVariableOverrides, s.canarySettings.stageVariableOverrides) &&
      p.canarySettings.useStageCache === s.canarySettings.useStageCache &&
      p.canarySettings.percentTraffic === 0
  )(promote(s))

/** Promote makes the stage's deploymentId the canary's. */
export const promoteTakesDeployment = (s: Stage): boolean =>
  E.match(() => s.canarySettings === undefined, (p: Stage) => p.deploymentId === s.canarySettings?.deploymentId)(promote(s))

/** Promote keeps every stage variable that is not overridden, and the overrides win. */
export const promoteMergesVariables = (s: Stage): boolean =>
  E.match(
    () => s.canarySettings === undefined,
    (p: Stage) => {
      const before = s.variables ?? {}
      const overrides = s.canarySettings?.stageVariableOverrides ?? {}
      const after = p.variables ?? {}
      const keptAll = Object.keys(before).every((k) => own(overrides, k) || after[k] === before[k])
      const overridesWin = Object.keys(overrides).every((k) => after[k] === overrides[k])
      const nothingElse = Object.keys(after).every((k) => own(before, k) || own(overrides, k))
      return keptAll && overridesWin && nothingElse
    }
  )(promote(s))

/** Promote touches nothing but deploymentId, variables and the canary's traffic. */
export const promoteTouchesOnlyItsFields = (s: Stage): boolean =>
  E.match(
    () => true,
    (p: Stage) => {
      const rest = (x: Stage): Stage => {
        const { deploymentId: _d, variables: _v, canarySettings: _c, ...others } = x
        return others
      }
      return isDeepStrictEqual(rest(p), rest(s))
    }
  )(promote(s))

/** Promoting twice is promoting once. */
export const promoteIdempotent = (s: Stage): boolean =>
  isDeepStrictEqual(E.chain((p: Stage) => promote(p))(promote(s)), promote(s))

/** Lens law, get after set: reading the traffic after setting p gives p. */
export const trafficGetSet = (s: Stage, p: number): boolean =>
  E.match(
    () => s.canarySettings === undefined || !(p >= 0 && p <= 100),
    (t: Stage) => isDeepStrictEqual(traffic(t), O.some(Object.is(p, -0) ? 0 : p))
  )(setTraffic(s, p))

/** Lens law, set what you got: setting the traffic it already has gives the same stage. */
export const trafficSetGet = (s: Stage): boolean =>
  O.match(
    () => E.isLeft(setTraffic(s, 0)),
    (p: number) => isDeepStrictEqual(setTraffic(s, p), E.right(s))
  )(traffic(s))

/** Lens law, set twice: setting p then q is setting q. */
export const trafficSetSet = (s: Stage, p: number, q: number): boolean => {
  const twice = E.chain((t: Stage) => setTraffic(t, q))(setTraffic(s, p))
  const once = setTraffic(s, q)
  // When p itself is refused, the first step fails; otherwise both agree.
  return E.isLeft(setTraffic(s, p)) ? E.isLeft(twice) : isDeepStrictEqual(twice, once)
}

/** Disabling twice is disabling once. */
export const disableIdempotent = (s: Stage): boolean => isDeepStrictEqual(disable(disable(s)), disable(s))

/** Disable removes the canary and leaves everything else (deploymentId and variables included) as it was. */
export const disableKeepsStage = (s: Stage): boolean => {
  const d = disable(s)
  const { canarySettings: _, ...rest } = s
  return d.canarySettings === undefined && d.deploymentId === s.deploymentId && isDeepStrictEqual(d.variables, s.variables) && isDeepStrictEqual(d, rest)
}

/** Enabling a canary and disabling it gives back the stage. */
export const enableThenDisable = (s: Stage): boolean =>
  E.match(
    () => s.canarySettings !== undefined || s.deploymentId === undefined,
    (e: Stage) => isDeepStrictEqual(disable(e), s)
  )(enableCanary(s))

/** A stage survives the codec: encoded and decoded again, it is the same stage. */
export const codecRoundTrip = (s: Stage): boolean => {
  const again = decodeStage(JSON.parse(JSON.stringify(encodeStage(s))))
  return E.isRight(again) && isDeepStrictEqual(again.right, s)
}

/** Every law that speaks of one stage. */
export const stateLaws: ReadonlyArray<readonly [string, (s: Stage) => boolean]> = [
  ['percentTraffic stays in 0 to 100', percentInRange],
  ['stageVariableOverrides is absent or non-empty', overridesCanonical],
  ['promote keeps the canary enabled', promoteKeepsCanary],
  ["promote makes the stage's deploymentId the canary's", promoteTakesDeployment],
  ['promote keeps every stage variable not overridden', promoteMergesVariables],
  ['promote touches only deploymentId, variables and traffic', promoteTouchesOnlyItsFields],
  ['promote is idempotent', promoteIdempotent],
  ['setTraffic: set what you got', trafficSetGet],
  ['disable is idempotent', disableIdempotent],
  ['disable leaves deploymentId and variables as they were', disableKeepsStage],
  ['enableCanary then disable gives back the stage', enableThenDisable],
  ['the stage round-trips through the codec', codecRoundTrip]
]
