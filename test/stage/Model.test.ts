/**
 * Sequences of transitions against a deliberately simpler model (fast-check's model-based
 * testing), and a bounded exhaustive exploration of a small domain that checks every law in
 * every reachable state.
 */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStage, transition, Transition, type Stage } from '../../src/index.js'
import * as arb from '../arbitraries.js'
import { deepFreeze, expectRight } from '../helpers.js'
import { stateLaws, trafficGetSet, trafficSetSet } from '../laws/Lifecycle.js'
import { fromStage, render, step, type Model } from '../laws/Model.js'

interface Real {
  stage: Stage
}

class TransitionCommand implements fc.Command<{ value: Model }, Real> {
  constructor(readonly t: Transition.Transition) {}
  check = (): boolean => true
  run(model: { value: Model }, real: Real): void {
    const expected = step(model.value, this.t)
    const actual = transition(deepFreeze(real.stage), this.t)
    if (expected === undefined) {
      expect(E.isLeft(actual), `${this.toString()} should fail`).toBe(true)
      return
    }
    expect(E.isRight(actual), `${this.toString()} should succeed: ${JSON.stringify(actual)}`).toBe(true)
    const next = (actual as E.Right<Stage>).right
    expect(render(fromStage(next))).toEqual(render(expected))
    for (const [name, law] of stateLaws) expect(law(next), name).toBe(true)
    model.value = expected
    real.stage = next
  }
  toString = (): string => JSON.stringify(this.t)
}

describe('model-based: random sequences of transitions against a simpler model', () => {
  it('the library and the model agree at every step, and every law holds in every state', () =>
    fc.assert(
      fc.property(fc.oneof(arb.plainStage, arb.canaryStage), fc.commands([arb.transition.map((t) => new TransitionCommand(t))], { maxCommands: 40 }), (stage, commands) => {
        fc.modelRun(() => ({ model: { value: fromStage(stage) }, real: { stage } }), commands)
      }),
      { numRuns: 150 }
    ))
})

describe('bounded exhaustive exploration', () => {
  // A small domain: 3 deployments, a few percentages (one invalid), 2 variable names, 2 values.
  const deployments = ['d1', 'd2', 'd3']
  const domain: ReadonlyArray<Transition.Transition> = [
    Transition.enableCanary(),
    Transition.enableCanary({ deploymentId: 'd2', percentTraffic: 10.5, stageVariableOverrides: { a: 'y' } }),
    ...[0, 10.5, 100, 150].map(Transition.setTraffic),
    Transition.setOverride('a', 'y'),
    Transition.setOverride('b', 'x'),
    Transition.removeOverride('a'),
    Transition.setUseStageCache(true),
    ...deployments.slice(1).map(Transition.setCanaryDeployment),
    Transition.promote(),
    Transition.promote({ variables: false }),
    Transition.promote({ deployment: false, resetTraffic: false }),
    Transition.disable(),
    Transition.deploy('d3'),
    Transition.deployCanary('d2', { percentTraffic: 50 })
  ]
  const starts: ReadonlyArray<Stage> = [
    expectRight(decodeStage({ stageName: 'prod', deploymentId: 'd1' })),
    expectRight(decodeStage({ stageName: 'prod', deploymentId: 'd1', variables: { a: 'x' } }))
  ]

  it('walks every sequence up to depth 6, checking every law in every reachable state and every step against the model', () => {
    const key = (s: Stage): string => JSON.stringify(render(fromStage(s))) + JSON.stringify(s)
    const seen = new Map<string, Stage>()
    let frontier: Array<Stage> = [...starts]
    for (const s of starts) seen.set(key(s), s)
    let edges = 0
    // EXPLORATION_DEPTH lowers the depth where a run must be quick (mutation testing).
    const maxDepth = Number(process.env['EXPLORATION_DEPTH'] ?? 6)
    for (let depth = 0; depth < maxDepth; depth++) {
      const next: Array<Stage> = []
      for (const s of frontier) {
        for (const [name, law] of stateLaws) expect(law(s), `${name} in ${JSON.stringify(s)}`).toBe(true)
        for (const p of [0, 10.5, 100, 150]) {
          expect(trafficGetSet(s, p)).toBe(true)
          expect(trafficSetSet(s, p, 50)).toBe(true)
        }
        const before = JSON.stringify(s)
        for (const t of domain) {
          edges++
          const expected = step(fromStage(s), t)
          const actual = transition(deepFreeze(s), t)
          // no transition mutates its input (frozen, it would throw in strict mode; and it is unchanged)
          expect(JSON.stringify(s)).toBe(before)
          expect(E.isRight(actual), `${JSON.stringify(t)} on ${JSON.stringify(s)}`).toBe(expected !== undefined)
          if (E.isLeft(actual) || expected === undefined) continue
          expect(render(fromStage(actual.right))).toEqual(render(expected))
          const k = key(actual.right)
          if (!seen.has(k)) {
            seen.set(k, actual.right)
            next.push(actual.right)
          }
        }
      }
      frontier = next
    }
    for (const s of frontier) for (const [name, law] of stateLaws) expect(law(s), name).toBe(true)
    // Every sequence of length 6 from a start is covered: transitions are deterministic, so the
    // sequences from equal states are the same, and each reachable state was expanded.
    expect(seen.size).toBeGreaterThan(maxDepth >= 6 ? 1000 : 10)
    expect(edges).toBeGreaterThan(maxDepth >= 6 ? 10_000 : 100)
    if (process.env['REPORT_EXPLORATION'] !== undefined) console.info(`exhaustive exploration: ${seen.size} states, ${edges} transitions checked`)
  })
})
