/**
 * apigw-canary/testing: a kit for testing deployment code. fast-check arbitraries built from the
 * smart constructors (stages in each phase, canary settings, accepted and hostile patch
 * operations, rollout plans), fixtures from the JSON `aws apigateway get-stage` prints, and
 * `expectRight` / `expectLeft`. fast-check is an optional peer dependency: install it to use
 * the arbitraries. The vitest matchers are in `apigw-canary/vitest`; the simulated gateway, with
 * its journal and fault injection, in `apigw-canary/simulator`. `docs/testing.md` has a worked
 * example.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as fc from 'fast-check'
 * import { phase, promote } from 'apigw-canary'
 * import { expectRight, stageIn } from 'apigw-canary/testing'
 *
 * // Law: promoting a partial canary leaves it idle.
 * fc.assert(fc.property(stageIn('CanaryPartial'), (stage) => phase(expectRight(promote(stage)))._tag === 'CanaryIdle'), { numRuns: 50 })
 * ```
 *
 * @since 0.2.0
 *
 * @module testing
 */
export * from './arbitraries.js'
export * from './fixtures.js'
