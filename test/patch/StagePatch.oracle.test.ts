/**
 * The faster applier against the applier as it was before the speed work of issue 16 (a frozen
 * copy in `test/patch/oracle/`): over random stages and random requests, valid, refused and
 * hostile, the two give the same answer: the same stage (key order included, and the same
 * reference when nothing changes) or the same error, message, tag and index included.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Stage } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import type { PatchOptions } from '../../src/patch/PatchOptions.js'
import { applyOperation, applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import * as arb from '../arbitraries.js'
import { deepFreeze } from '../helpers.js'
import * as oracle from './oracle/StagePatch.js'
import { anyOperation, methodSettingOperation, methodSettingsStage, validOperation } from './StagePatch.arbitraries.js'

/** Both answers agree: the same error, or stages equal as values and as JSON text (key order), the same reference when the oracle's is the input. */
const sameAnswer = (stage: Stage, got: E.Either<unknown, Stage>, want: E.Either<unknown, Stage>): void => {
  expect(got._tag).toBe(want._tag)
  if (E.isLeft(got) && E.isLeft(want)) {
    expect(got.left).toStrictEqual(want.left)
    return
  }
  if (E.isRight(got) && E.isRight(want)) {
    expect(got.right).toStrictEqual(want.right)
    expect(JSON.stringify(got.right)).toBe(JSON.stringify(want.right))
    expect(got.right === stage).toBe(want.right === stage)
  }
}

const stages: fc.Arbitrary<Stage> = fc.oneof(arb.stage, arb.deployedStage, arb.canaryStage, arb.plainStage, methodSettingsStage).map(deepFreeze)

/** Operations aimed at what the stage holds (its own variables and overrides) as well as anywhere. */
const operations: fc.Arbitrary<ReadonlyArray<PatchOperation>> = fc.array(fc.oneof({ weight: 3, arbitrary: anyOperation }, validOperation, methodSettingOperation), {
  maxLength: 12
})

const options: fc.Arbitrary<PatchOptions> = fc.oneof(
  fc.constant({}),
  fc.record({ deployments: fc.array(arb.deploymentId, { maxLength: 3 }) }),
  fc.record({ now: arb.timestamp })
)

/** Raw request elements as untrusted JSON brings them: operations, and values that are not. */
const rawElement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyOperation },
  fc.constantFrom(null, 1, 'op', [], {}, { op: 'replace' }, { path: '/description' }, { op: 'nope', path: 1, value: 2, from: false }),
  fc.record({ op: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), path: fc.oneof(fc.string({ maxLength: 6 }), fc.boolean()), value: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] })
)

describe('the faster applier gives the answers of the applier it replaced (the oracle)', () => {
  it('applyPatch: the same stage or the same error, over random stages and requests', () => {
    fc.assert(
      fc.property(stages, operations, options, (stage, ops, opts) => {
        sameAnswer(stage, applyPatch(stage, ops, opts), oracle.applyPatch(stage, ops, opts))
        // and the same again on the stage after the oracle's answer, so that the second request meets what the first made
        const next = oracle.applyPatch(stage, ops, opts)
        if (E.isRight(next)) sameAnswer(next.right, applyPatch(next.right, ops, opts), oracle.applyPatch(next.right, ops, opts))
      }),
      { numRuns: 400 }
    )
  })

  it('applyPatchUnknown: the same answer for untrusted requests (not lists, wrong fields, wrong types)', () => {
    fc.assert(
      fc.property(stages, fc.oneof({ weight: 5, arbitrary: fc.array(rawElement, { maxLength: 6 }) }, fc.anything({ maxDepth: 1 })), (stage, input) => {
        sameAnswer(stage, applyPatchUnknown(stage, input), oracle.applyPatchUnknown(stage, input))
      })
    )
  })

  it('applyOperation: the same answer for one operation at any index', () => {
    fc.assert(
      fc.property(stages, anyOperation, fc.nat({ max: 50 }), (stage, op, index) => {
        sameAnswer(stage, applyOperation(stage, op, {}, index), oracle.applyOperation(stage, op, {}, index))
      })
    )
  })
})
