/**
 * apigw-canary/vitest: matchers for vitest, registered with `expect.extend` when this module is
 * imported (put `import 'apigw-canary/vitest'` in a setup file or at the top of a test), with
 * their TypeScript declarations: `toBeRight()`, `toBeLeft(tag?)`, `toBeInPhase(name)`,
 * `toHaveCanaryTraffic(percent)` and `toHaveSentOperations(ops)`. vitest is an optional peer
 * dependency; this entry is ESM only, as vitest is.
 *
 * @example
 * ```ts
 * import { expect } from 'vitest'
 * import { promote } from 'apigw-canary'
 * import { stageFixture } from 'apigw-canary/testing'
 * import 'apigw-canary/vitest'
 *
 * const stage = stageFixture({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * expect(stage).toBeInPhase('CanaryPartial')
 * expect(stage).toHaveCanaryTraffic(10)
 * expect(promote(stage)).toBeRight()
 * expect(promote({})).toBeLeft('PromotionNotAvailable')
 * ```
 *
 * @since 0.2.0
 *
 * @module vitest
 */
import { expect } from 'vitest'
import { phase, type Phase } from '../lifecycle/Phase.js'
import type { PatchOperation } from '../patch/PatchOperation.js'
import type { Stage } from '../stage/Stage.js'
import { sentPatchOperations, type JournalEntry } from '../gateway/wire/Journal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The matchers this entry adds to vitest's `expect` (the declarations merged into vitest's
 * `Matchers`, so that `expect(x).toBeInPhase('CanaryIdle')` type-checks).
 *
 * @example
 * ```ts
 * import { expect } from 'vitest'
 * import { createSimulator } from 'apigw-canary/simulator'
 * import type { ApigwCanaryMatchers } from 'apigw-canary/vitest'
 *
 * const sim = createSimulator()
 * await sim.handle({ method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body: JSON.stringify({ patchOperations: [{ op: 'remove', path: '/canarySettings' }] }) })
 * const assertion: ApigwCanaryMatchers<void> = expect(sim)
 * assertion.toHaveSentOperations([{ op: 'remove', path: '/canarySettings' }])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface ApigwCanaryMatchers<R = unknown> {
  /** The value is an fp-ts `Right`. */
  toBeRight(): R
  /** The value is an fp-ts `Left`, and its error's `_tag` is `tag` when given. */
  toBeLeft(tag?: string): R
  /** The stage (the library's `Stage`, or what the SDK or the CLI returned for one) is in the phase `name`. */
  toBeInPhase(name: Phase['_tag']): R
  /** The stage's canary takes `percent` of the traffic (a stage without a canary takes none: it fails). */
  toHaveCanaryTraffic(percent: number): R
  /**
   * The simulator (or its journal, or a list of journal entries) received exactly these
   * update-stage operations, in order, over all its `UpdateStage` calls.
   */
  toHaveSentOperations(ops: ReadonlyArray<PatchOperation>): R
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any -- vitest's own pattern for custom matchers
  interface Matchers<T = any> extends ApigwCanaryMatchers<T> {}
}

// -------------------------------------------------------------------------------------
// matchers
// -------------------------------------------------------------------------------------

interface MatcherContext {
  readonly isNot: boolean
  equals(a: unknown, b: unknown): boolean
  readonly utils: { stringify(value: unknown): string }
}

interface Result {
  readonly pass: boolean
  readonly message: () => string
  readonly actual?: unknown
  readonly expected?: unknown
}

const tagOf = (u: unknown): unknown => (typeof u === 'object' && u !== null ? (u as { readonly _tag?: unknown })._tag : undefined)

const journalOf = (received: unknown): ReadonlyArray<JournalEntry> | undefined => {
  if (Array.isArray(received)) return received as ReadonlyArray<JournalEntry>
  const journal = typeof received === 'object' && received !== null ? (received as { readonly journal?: unknown }).journal : undefined
  return Array.isArray(journal) ? (journal as ReadonlyArray<JournalEntry>) : undefined
}

const percentOf = (received: unknown): number | undefined => {
  const canary = typeof received === 'object' && received !== null ? (received as { readonly canarySettings?: { readonly percentTraffic?: unknown } }).canarySettings : undefined
  return canary === undefined ? undefined : typeof canary.percentTraffic === 'number' ? canary.percentTraffic : 0
}

/** The matchers' code; `matchers` is its public face. */
const implementation = {
  toBeRight(this: MatcherContext, received: unknown): Result {
    const pass = tagOf(received) === 'Right'
    return {
      pass,
      message: () =>
        pass
          ? `expected not a Right, got Right: ${this.utils.stringify((received as { right: unknown }).right)}`
          : `expected a Right, got ${this.utils.stringify(received)}`
    }
  },
  toBeLeft(this: MatcherContext, received: unknown, tag?: string): Result {
    const isLeft = tagOf(received) === 'Left'
    const left = isLeft ? (received as { readonly left: unknown }).left : undefined
    const pass = isLeft && (tag === undefined || tagOf(left) === tag)
    const wanted = tag === undefined ? 'a Left' : `a Left tagged ${tag}`
    return {
      pass,
      message: () => (pass ? `expected not ${wanted}, got ${this.utils.stringify(received)}` : `expected ${wanted}, got ${this.utils.stringify(received)}`),
      ...(tag === undefined ? {} : { actual: tagOf(left), expected: tag })
    }
  },
  toBeInPhase(this: MatcherContext, received: unknown, name: Phase['_tag']): Result {
    const actual = typeof received === 'object' && received !== null ? phase(received as Stage)._tag : undefined
    const pass = actual === name
    return {
      pass,
      message: () => (pass ? `expected the stage not to be in phase ${name}` : `expected the stage to be in phase ${name}, it is in ${String(actual ?? 'no phase (not a stage)')}`),
      actual,
      expected: name
    }
  },
  toHaveCanaryTraffic(this: MatcherContext, received: unknown, percent: number): Result {
    const actual = percentOf(received)
    const pass = actual === percent
    return {
      pass,
      message: () =>
        pass
          ? `expected the canary not to take ${percent}% of the traffic`
          : actual === undefined
            ? `expected the canary to take ${percent}% of the traffic, but the stage has no canary`
            : `expected the canary to take ${percent}% of the traffic, it takes ${actual}%`,
      actual,
      expected: percent
    }
  },
  toHaveSentOperations(this: MatcherContext, received: unknown, ops: ReadonlyArray<PatchOperation>): Result {
    const journal = journalOf(received)
    if (journal === undefined) return { pass: false, message: () => `expected a simulator or a journal, got ${this.utils.stringify(received)}` }
    const actual = sentPatchOperations(journal)
    const pass = this.equals(actual, ops)
    return {
      pass,
      message: () => (pass ? `expected other update-stage operations than ${this.utils.stringify(ops)}` : `expected the update-stage operations sent to be ${this.utils.stringify(ops)}`),
      actual,
      expected: ops
    }
  }
}

/**
 * The matchers as functions, for `expect.extend(matchers)` in a runner that is not vitest but
 * speaks its matcher protocol (Jest); importing this entry registers them with vitest already.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { matchers } from 'apigw-canary/vitest'
 *
 * assert.deepStrictEqual(Object.keys(matchers).sort(), ['toBeInPhase', 'toBeLeft', 'toBeRight', 'toHaveCanaryTraffic', 'toHaveSentOperations'])
 * ```
 *
 * @category matchers
 * @since 0.2.0
 */
export const matchers: {
  readonly [K in keyof ApigwCanaryMatchers]: (
    received: unknown,
    ...expected: ReadonlyArray<never>
  ) => {
    /** Whether the value matched. */
    readonly pass: boolean
    /** What was expected and what was found. */
    readonly message: () => string
  }
} =
  implementation

expect.extend(implementation)
