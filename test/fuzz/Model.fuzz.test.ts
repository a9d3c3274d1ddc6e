/**
 * Fuzzing the model's public functions: decoders of untrusted JSON and the lifecycle with
 * arguments of every kind. For every case no exception escapes, the (deep-frozen) inputs are
 * unchanged and no built-in prototype gains a key.
 */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PatchOperation, decodeStage, encodeStage, phase, transition, type Stage, type Transition } from '../../src/index.js'
import * as arb from '../arbitraries.js'
import { deepFreeze } from '../helpers.js'
import { anything, deepArray, deepObject, hostileKey, prototypeKeys, runs, underMutation } from './hostile.js'

const clean = prototypeKeys()

/** Calls f on deep-frozen input; asserts no throw, no change to the input, no pollution. */
const safely = <A>(input: A, f: (a: A) => unknown): unknown => {
  let before: string | undefined
  try {
    before = JSON.stringify(input)
  } catch {
    before = undefined
  }
  const frozen = deepFreeze(input)
  const out = f(frozen)
  if (before !== undefined) expect(JSON.stringify(frozen)).toBe(before)
  expect(prototypeKeys()).toBe(clean)
  return out
}

const isEither = (u: unknown): boolean => E.isLeft(u as E.Either<unknown, unknown>) || E.isRight(u as E.Either<unknown, unknown>)

describe('decoders of untrusted JSON', () => {
  it('decodeStage never throws and answers an Either, on any value', () =>
    fc.assert(fc.property(anything, (u) => isEither(safely(u, decodeStage))), { numRuns: runs() }))

  it('decodeStage on stage-shaped objects with hostile keys and values in every field', () =>
    fc.assert(
      fc.property(arb.stage, fc.constantFrom('variables', 'tags', 'methodSettings', 'canarySettings', 'accessLogSettings', ''), hostileKey, anything, (stage, field, key, value) => {
        const record: Record<string, unknown> = JSON.parse(JSON.stringify(stage))
        const target = field === '' ? record : ((record[field] ??= {}) as Record<string, unknown>)
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
        const r = safely(record, decodeStage) as E.Either<unknown, Stage>
        if (E.isRight(r)) expect(Object.getPrototypeOf(r.right)).toBe(Object.prototype)
        return isEither(r)
      }),
      { numRuns: runs() }
    ))

  it('decodeOperations never throws on any value', () =>
    fc.assert(fc.property(fc.oneof(anything, fc.array(anything, { maxLength: 5 })), (u) => isEither(safely(u, PatchOperation.decodeOperations))), { numRuns: runs() }))

  it.skipIf(underMutation)('deep nesting to 100,000 levels is handled without a stack overflow', () => {
    for (const deep of [deepObject(100_000), deepArray(100_000)]) {
      for (const input of [deep, { stageName: 'p', extra: deep }, { variables: deep }, { canarySettings: deep }, { methodSettings: { '*/*': deep } }, { tags: { a: deep } }]) {
        expect(isEither(decodeStage(input))).toBe(true)
      }
      expect(isEither(PatchOperation.decodeOperations([deep]))).toBe(true)
    }
    // JSON text nested that deep too, as a tool would receive it.
    const text = '{"extra":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'
    expect(E.isRight(decodeStage(JSON.parse(text)))).toBe(true)
  })

  it.skipIf(underMutation)('a million keys is refused (variables) or handled (tags, method settings) without blowing up', () => {
    const many = <V>(n: number, value: V): Record<string, V> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]))
    const n = Number(process.env['FUZZ_RUNS'] ?? 0) >= 10_000 ? 1_000_000 : 200_000
    expect(expectLeftMessage(decodeStage({ variables: many(1_000_000, 'x') }))).toMatch(/has 1000000 variables, at most 100 are allowed/)
    expect(E.isRight(decodeStage({ tags: many(n, 'x') }))).toBe(true)
    // Every entry wrong: the error keeps the first few issues and counts the rest.
    expect(expectLeftMessage(decodeStage({ methodSettings: many(n, 1) }))).toMatch(new RegExp(`and ${n - 20} more$`))
    // How the cost grows with the size is measured in bench/decode-scaling.mjs, not asserted here.
  }, 60_000)
})

const expectLeftMessage = (e: E.Either<{ message: string }, unknown>): string => (E.isLeft(e) ? e.left.message : 'Right')

describe('the lifecycle with arguments of every kind', () => {
  const hostileTransition: fc.Arbitrary<Transition.Transition> = fc.oneof(
    arb.transition,
    fc
      .record({ _tag: fc.constantFrom('EnableCanary', 'SetTraffic', 'SetOverride', 'RemoveOverride', 'SetUseStageCache', 'SetCanaryDeployment', 'Promote', 'Deploy', 'DeployCanary'), percent: anything, name: fc.oneof(hostileKey, anything), value: anything, useStageCache: anything, deploymentId: anything, settings: fc.oneof(fc.constant({}), fc.record({ percentTraffic: anything, stageVariableOverrides: anything, useStageCache: anything, deploymentId: anything }, { requiredKeys: [] })), options: fc.constant({}) })
      .map((t) => t as unknown as Transition.Transition)
  )

  it('transition never throws, never mutates, and keeps the stage decodable', () =>
    fc.assert(
      fc.property(fc.oneof(arb.canaryStage, arb.plainStage), hostileTransition, (stage, t) => {
        const r = safely(stage, (s) => transition(s, t)) as E.Either<unknown, Stage>
        if (E.isRight(r)) {
          expect(E.isRight(decodeStage(JSON.parse(JSON.stringify(encodeStage(r.right)))))).toBe(true)
          expect(typeof phase(r.right)._tag).toBe('string')
        }
        return isEither(r)
      }),
      { numRuns: runs() }
    ))
})
