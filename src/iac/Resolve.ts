/**
 * From a declaration to the library's model: {@link toStage} resolves references with the
 * values the caller gives and fills what AWS fills.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type { CanarySettings } from '../stage/CanarySettings.js'
import type * as DeploymentId from '../stage/DeploymentId.js'
import * as Percent from '../stage/Percent.js'
import type { Stage } from '../stage/Stage.js'
import type * as StageVariable from '../stage/StageVariable.js'
import { define, hasOwn } from '../internal/record.js'
import { describeUnresolved, iacError, isUnresolved, type Declared, type DeclaredStage, type DeclaredVariables, type IacError } from './Declared.js'
import { all, bool, cacheSize, deploymentId, percent, str } from './reading.js'

const resolveWith =
  (refs: Readonly<Record<string, string>>) =>
  <A>(value: Declared<A>, where: string): E.Either<IacError, A> => {
    if (!isUnresolved(value)) return E.right(value)
    if (value._tag === 'Ref' && hasOwn(refs, value.logicalId)) return E.right(refs[value.logicalId] as unknown as A)
    return E.left(iacError(where, undefined, `is ${describeUnresolved(value)}: give its value (refs) to read it`))
  }

/**
 * The stage a declaration makes, once every reference is resolved: `refs` gives the value of
 * each `Ref` (the physical id of a deployment, a parameter's value). A canary without
 * `deploymentId` takes the stage's, as AWS fills it. Fields the declaration leaves out stay
 * out. A reference without a value is a Left naming it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromCloudFormationStage, toStage } from 'apigw-canary/iac'
 *
 * const declared = fromCloudFormationStage({ StageName: 'prod', DeploymentId: { Ref: 'ApiDeployment' }, CanarySetting: { PercentTraffic: 10 } }, 'Stage')
 * assert.ok(E.isRight(declared))
 * assert.deepStrictEqual(
 *   toStage(declared.right, { ApiDeployment: 'nfcn0x' }),
 *   E.right({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'nfcn0x', percentTraffic: 10, useStageCache: false } })
 * )
 * const unresolved = toStage(declared.right)
 * assert.ok(E.isLeft(unresolved))
 * assert.strictEqual(unresolved.left.message, 'deploymentId is Ref ApiDeployment: give its value (refs) to read it')
 * ```
 *
 * @category conversions
 * @since 0.2.0
 */
export const toStage = (stage: DeclaredStage, refs: Readonly<Record<string, string>> = {}): E.Either<IacError, Stage> => {
  const resolve = resolveWith(refs)
  const out: Record<string, unknown> = {}
  const one =
    <A>(key: keyof DeclaredStage & keyof Stage, check: (u: unknown, w: string) => E.Either<IacError, A>) =>
    (): E.Either<IacError, void> => {
      const v = stage[key] as Declared<A> | undefined
      if (v === undefined) return E.right(undefined)
      return E.map((a: A) => define(out, key, a))(E.flatMap((a: A) => check(a, key))(resolve(v, key)))
    }
  const vars = (v: Declared<DeclaredVariables>, where: string): E.Either<IacError, StageVariable.Variables> =>
    E.flatMap((record: DeclaredVariables) => {
      const r: Record<string, StageVariable.VariableValue> = {}
      for (const k of Object.keys(record)) {
        const x = resolve(record[k] as Declared<StageVariable.VariableValue>, `${where}.${k}`)
        if (E.isLeft(x)) return x
        define(r, k, x.right)
      }
      return E.right(r as StageVariable.Variables)
    })(resolve(v, where))
  const steps = all([
    one('stageName', str),
    one('deploymentId', deploymentId),
    one('description', str),
    () => (stage.variables === undefined ? E.right(undefined) : E.map((v: StageVariable.Variables) => define(out, 'variables', v))(vars(stage.variables, 'variables'))),
    one('tracingEnabled', bool),
    one('cacheClusterEnabled', bool),
    one('cacheClusterSize', cacheSize)
  ])
  if (E.isLeft(steps)) return steps
  const canary = stage.canarySettings
  if (canary === undefined) return E.right(out as Stage)
  const id = canary.deploymentId === undefined ? E.right(out['deploymentId'] as string | undefined) : resolve(canary.deploymentId, 'canarySettings.deploymentId')
  if (E.isLeft(id)) return id
  if (id.right === undefined) return E.left(iacError('canarySettings.deploymentId', undefined, 'is missing, and so is the stage\'s deploymentId that AWS would fill it with'))
  const pct = canary.percentTraffic === undefined ? E.right(Percent.zero) : E.flatMap((p: Percent.Percent) => percent(p, 'canarySettings.percentTraffic'))(resolve(canary.percentTraffic, 'canarySettings.percentTraffic'))
  if (E.isLeft(pct)) return pct
  const cache = canary.useStageCache === undefined ? E.right(false) : resolve(canary.useStageCache, 'canarySettings.useStageCache')
  if (E.isLeft(cache)) return cache
  const overrides = canary.stageVariableOverrides === undefined ? E.right({} as StageVariable.Variables) : vars(canary.stageVariableOverrides, 'canarySettings.stageVariableOverrides')
  if (E.isLeft(overrides)) return overrides
  const settings: CanarySettings = {
    deploymentId: id.right as DeploymentId.DeploymentId,
    percentTraffic: pct.right,
    ...(Object.keys(overrides.right).length === 0 ? {} : { stageVariableOverrides: overrides.right }),
    useStageCache: cache.right
  }
  define(out, 'canarySettings', settings)
  return E.right(out as Stage)
}
