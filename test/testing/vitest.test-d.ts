import { describe, expect, expectTypeOf, it } from 'vitest'
import type { Stage } from '../../src/index.js'
import '../../src/testing/vitest.js'

describe('the matchers type-check on expect (module augmentation)', () => {
  it('toBeInPhase takes a phase name only', () => {
    const stage: Stage = {}
    expect(stage).toBeInPhase('CanaryIdle')
    // @ts-expect-error not a phase
    expect(stage).toBeInPhase('Canary')
    expect(stage).toHaveCanaryTraffic(10)
    expect(stage).toHaveSentOperations([{ op: 'remove', path: '/canarySettings' }])
    // @ts-expect-error an operation needs a path
    expect(stage).toHaveSentOperations([{ op: 'remove' }])
    expectTypeOf(expect(stage).toBeLeft).parameter(0).toEqualTypeOf<string | undefined>()
  })
})
