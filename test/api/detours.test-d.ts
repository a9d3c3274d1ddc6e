import { describe, expectTypeOf, it } from 'vitest'
import type { CanarySettings} from '../../src/index.js';
import { MethodSetting, PatchOperation, Transition, Rollout, type AccessLogSettings, type DeploymentId, type Percent, type Timestamp } from '../../src/index.js'

describe('every model type by its own name (issue 14)', () => {
  it('the type and the namespace share the name', () => {
    const op: PatchOperation = PatchOperation.replace('/description', 'x')
    expectTypeOf(op).toEqualTypeOf<PatchOperation.PatchOperation>()
    expectTypeOf<CanarySettings>().toEqualTypeOf<CanarySettings.CanarySettings>()
    expectTypeOf<MethodSetting>().toEqualTypeOf<MethodSetting.MethodSetting>()
    expectTypeOf<Transition>().toEqualTypeOf<Transition.Transition>()
    expectTypeOf<Rollout>().toEqualTypeOf<Rollout.Rollout>()
    expectTypeOf<AccessLogSettings>().toHaveProperty('format')
    expectTypeOf<DeploymentId>().toMatchTypeOf<string>()
    expectTypeOf<Percent>().toMatchTypeOf<number>()
    expectTypeOf<Timestamp>().toMatchTypeOf<string>()
    expectTypeOf(MethodSetting.defaults).toEqualTypeOf<MethodSetting>()
  })

  it('disable is a function, as the other constructors', () => {
    expectTypeOf(Transition.disable).toBeFunction()
    expectTypeOf(Rollout.disable).toBeFunction()
    expectTypeOf(Transition.disable()).toEqualTypeOf<Transition>()
  })
})
