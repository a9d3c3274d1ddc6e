/**
 * The lifecycle transitions as data: a tagged union with one constructor per transition and
 * one interpreter, {@link transition}. Later layers turn each into AWS patch operations, and
 * tests generate sequences of them.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { invalidValue, type LifecycleError } from '../stage/ApiGatewayError.js'
import type { CanaryInput } from '../stage/CanarySettings.js'
import * as L from './Lifecycle.js'
import type { DeploymentCanaryInput, PromoteOptions } from './Lifecycle.js'
import type { Stage } from '../stage/Stage.js'
import * as R from '../internal/record.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One lifecycle transition, as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, transition, Transition, type LifecycleError, type Stage } from 'apigw-canary'
 *
 * const plan: ReadonlyArray<Transition.Transition> = [
 *   Transition.deployCanary('eh1sby', { percentTraffic: 10 }),
 *   Transition.setTraffic(50),
 *   Transition.promote(),
 *   Transition.disable()
 * ]
 * const start = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(start))
 * const end = plan.reduce<E.Either<LifecycleError, Stage>>((s, t) => E.chain((stage: Stage) => transition(stage, t))(s), E.right(start.right))
 * assert.deepStrictEqual(end, E.right({ stageName: 'prod', deploymentId: 'eh1sby' }))
 * assert.deepStrictEqual(JSON.parse(JSON.stringify(plan)), plan) // plain data: store it, replay it
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Transition =
  | { readonly _tag: 'EnableCanary'; readonly settings: CanaryInput }
  | { readonly _tag: 'SetTraffic'; readonly percent: number }
  | { readonly _tag: 'SetOverride'; readonly name: string; readonly value: string }
  | { readonly _tag: 'RemoveOverride'; readonly name: string }
  | { readonly _tag: 'SetUseStageCache'; readonly useStageCache: boolean }
  | { readonly _tag: 'SetCanaryDeployment'; readonly deploymentId: string }
  | { readonly _tag: 'Promote'; readonly options: PromoteOptions }
  | { readonly _tag: 'Disable' }
  | { readonly _tag: 'Deploy'; readonly deploymentId: string }
  | { readonly _tag: 'DeployCanary'; readonly deploymentId: string; readonly settings: DeploymentCanaryInput }

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * {@link enableCanary} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.enableCanary({ percentTraffic: 5 }), { _tag: 'EnableCanary', settings: { percentTraffic: 5 } })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const enableCanary = (settings: CanaryInput = {}): Transition => ({ _tag: 'EnableCanary', settings })

/**
 * {@link setTraffic} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.setTraffic(50), { _tag: 'SetTraffic', percent: 50 })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const setTraffic = (percent: number): Transition => ({ _tag: 'SetTraffic', percent })

/**
 * {@link setOverride} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.strictEqual(Transition.setOverride('sv1', 'val2')._tag, 'SetOverride')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const setOverride = (name: string, value: string): Transition => ({ _tag: 'SetOverride', name, value })

/**
 * {@link removeOverride} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.removeOverride('sv1'), { _tag: 'RemoveOverride', name: 'sv1' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const removeOverride = (name: string): Transition => ({ _tag: 'RemoveOverride', name })

/**
 * {@link setUseStageCache} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.setUseStageCache(true), { _tag: 'SetUseStageCache', useStageCache: true })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const setUseStageCache = (useStageCache: boolean): Transition => ({ _tag: 'SetUseStageCache', useStageCache })

/**
 * {@link setCanaryDeployment} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.setCanaryDeployment('x7yz12'), { _tag: 'SetCanaryDeployment', deploymentId: 'x7yz12' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const setCanaryDeployment = (deploymentId: string): Transition => ({ _tag: 'SetCanaryDeployment', deploymentId })

/**
 * {@link promote} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.promote(), { _tag: 'Promote', options: {} })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const promote = (options: PromoteOptions = {}): Transition => ({ _tag: 'Promote', options })

/**
 * {@link disable} as data. A function like every other constructor (a constant until 0.2.0).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.disable(), { _tag: 'Disable' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const disable = (): Transition => ({ _tag: 'Disable' })

/**
 * {@link deploy} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.deepStrictEqual(Transition.deploy('x7yz12'), { _tag: 'Deploy', deploymentId: 'x7yz12' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const deploy = (deploymentId: string): Transition => ({ _tag: 'Deploy', deploymentId })

/**
 * {@link deployCanary} as data.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { Transition } from 'apigw-canary'
 *
 * assert.strictEqual(Transition.deployCanary('eh1sby', { percentTraffic: 10 })._tag, 'DeployCanary')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const deployCanary = (deploymentId: string, settings: DeploymentCanaryInput = {}): Transition => ({
  _tag: 'DeployCanary',
  deploymentId,
  settings
})

// -------------------------------------------------------------------------------------
// interpreters
// -------------------------------------------------------------------------------------

/**
 * Applies one transition to a stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, transition, Transition } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } })
 * assert.ok(E.isRight(stage))
 * const promoted = transition(stage.right, Transition.promote())
 * assert.ok(E.isRight(promoted))
 * assert.strictEqual(promoted.right.deploymentId, 'eh1sby')
 * ```
 *
 * @category interpreters
 * @since 0.1.0
 */
export const transition = (stage: Stage, t: Transition): E.Either<LifecycleError, Stage> => {
  // (a value from outside the types, such as parsed JSON, may carry any tag, or none)
  const tag: unknown = R.isRecord(t) ? t._tag : undefined
  if (!(tags as ReadonlyArray<unknown>).includes(tag)) {
    return E.left(invalidValue('transition', tag, `is not a transition: expected one of ${tags.join(', ')} (build one with the constructors of Transition)`))
  }
  switch (t._tag) {
    case 'EnableCanary':
      return L.enableCanary(stage, t.settings)
    case 'SetTraffic':
      return L.setTraffic(stage, t.percent)
    case 'SetOverride':
      return L.setOverride(stage, t.name, t.value)
    case 'RemoveOverride':
      return L.removeOverride(stage, t.name)
    case 'SetUseStageCache':
      return L.setUseStageCache(stage, t.useStageCache)
    case 'SetCanaryDeployment':
      return L.setCanaryDeployment(stage, t.deploymentId)
    case 'Promote':
      return L.promote(stage, t.options)
    case 'Disable':
      return E.right(L.disable(stage))
    case 'Deploy':
      return L.deploy(stage, t.deploymentId)
    case 'DeployCanary':
      return L.deployCanary(stage, t.deploymentId, t.settings)
  }
}

const tags: ReadonlyArray<Transition['_tag']> = ['EnableCanary', 'SetTraffic', 'SetOverride', 'RemoveOverride', 'SetUseStageCache', 'SetCanaryDeployment', 'Promote', 'Disable', 'Deploy', 'DeployCanary']
