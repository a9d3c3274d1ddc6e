import type * as E from 'fp-ts/Either'
import { describe, expectTypeOf, it } from 'vitest'
import {
  decodeStage,
  disable,
  promote,
  setTraffic,
  transition,
  type CanaryStage,
  type DecodeError,
  type InvalidValue,
  type LifecycleError,
  type Percent,
  type PromotionNotAvailable,
  type Stage,
  type Transition
} from '../src/index.js'

describe('what the types promise', () => {
  it('a plain number is not a Percent', () => {
    // @ts-expect-error a number must go through Percent.fromNumber
    const p: Percent.Percent = 50
    expectTypeOf<number>().not.toMatchTypeOf<Percent.Percent>()
    expectTypeOf<Percent.Percent>().toMatchTypeOf<number>()
    void p
  })

  it('a plain string is not a deployment id, nor a variable value', () => {
    const s: Stage = {}
    // @ts-expect-error a string must go through DeploymentId.fromString
    const t: Stage = { ...s, deploymentId: 'nfcn0x' }
    void t
  })

  it('Stage fields are readonly, down to the canary', () => {
    const s = {} as Stage
    // @ts-expect-error readonly
    s.deploymentId = undefined
    const c = {} as CanaryStage
    // @ts-expect-error readonly
    c.canarySettings.useStageCache = true
    // @ts-expect-error readonly map
    c.canarySettings.stageVariableOverrides!['sv1'] = 'x' as never
  })

  it('public signatures are pinned', () => {
    expectTypeOf(decodeStage).toEqualTypeOf<(input: unknown) => E.Either<DecodeError, Stage>>()
    expectTypeOf(setTraffic).toEqualTypeOf<(stage: Stage, percent: number) => E.Either<LifecycleError, CanaryStage>>()
    expectTypeOf(disable).toEqualTypeOf<(stage: Stage) => Stage>()
    expectTypeOf(promote).returns.toEqualTypeOf<E.Either<PromotionNotAvailable | InvalidValue, CanaryStage>>()
    expectTypeOf(transition).toEqualTypeOf<(stage: Stage, t: Transition.Transition) => E.Either<LifecycleError, Stage>>()
  })

  it('errors carry _tag, name and message', () => {
    expectTypeOf<LifecycleError>().toHaveProperty('_tag')
    expectTypeOf<LifecycleError['name']>().toEqualTypeOf<'BadRequestException'>()
    expectTypeOf<LifecycleError['message']>().toBeString()
  })
})
