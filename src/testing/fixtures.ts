/**
 * Fixtures from what a user pastes: the JSON that `aws apigateway get-stage` (or
 * `get-rest-apis`, ...) printed, or an object literal, turned into a typed `Stage` in one call,
 * without an `Either` to unwrap. A fixture that does not decode throws an `Error` listing every
 * issue, so a typo in a test's data fails the test with the reason. And `expectRight` /
 * `expectLeft` for asserting on the library's results in any test runner.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type { DecodeError } from '../stage/DecodeError.js'
import { decodeStage, type Stage } from '../stage/Stage.js'
import type { Gateway } from '../gateway/control/Gateway.js'
import { decodeGateway } from '../gateway/wire/RestApiCodec.js'

const describe = (u: unknown): string => {
  try {
    return JSON.stringify(u) ?? String(u)
  } catch {
    return String(u)
  }
}

/** JSON text is parsed first; anything else is taken as it is. */
const parsed = (what: string, input: unknown): unknown => {
  if (typeof input !== 'string') return input
  try {
    return JSON.parse(input) as unknown
  } catch (error) {
    throw new Error(`The ${what} fixture is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const failure = (what: string, e: DecodeError): Error =>
  Object.assign(new Error([`The ${what} fixture does not decode (${e.issues.length} ${e.issues.length === 1 ? 'issue' : 'issues'}):`, ...e.issues.map((i) => `  - ${i.message}`)].join('\n')), {
    issues: e.issues
  })

// -------------------------------------------------------------------------------------
// fixtures
// -------------------------------------------------------------------------------------

/**
 * A typed `Stage` from the JSON `aws apigateway get-stage` printed (as text or parsed), or
 * from an object literal; throws an `Error` listing every decode issue (also on its `issues`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { phase } from 'apigw-canary'
 * import { stageFixture } from 'apigw-canary/testing'
 *
 * const stage = stageFixture(`{
 *   "deploymentId": "nfcn0x",
 *   "stageName": "prod",
 *   "canarySettings": { "deploymentId": "eh1sby", "percentTraffic": 10.5, "useStageCache": false },
 *   "createdDate": "2017-11-20T04:42:19Z"
 * }`)
 * assert.strictEqual(phase(stage)._tag, 'CanaryPartial')
 * assert.throws(() => stageFixture({ deploymentId: 42, canarySettings: { percentTraffic: 150 } }), (e: unknown) =>
 *   e instanceof Error &&
 *   e.message.startsWith('The stage fixture does not decode (3 issues):') &&
 *   e.message.includes('canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'))
 * ```
 *
 * @category fixtures
 * @since 0.2.0
 */
export const stageFixture = (json: unknown): Stage => {
  const decoded = decodeStage(parsed('stage', json))
  if (E.isLeft(decoded)) throw failure('stage', decoded.left)
  return decoded.right
}

/**
 * A whole simulated gateway (REST APIs, their deployments and stages) from JSON, as
 * `createSimulator({ gateway })` and `sim.seed` take it; throws an `Error` listing every issue.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator } from 'apigw-canary/simulator'
 * import { gatewayFixture } from 'apigw-canary/testing'
 *
 * const gateway = gatewayFixture({
 *   restApis: [{
 *     restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
 *     deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }],
 *     stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }]
 *   }]
 * })
 * const sim = createSimulator({ gateway })
 * assert.strictEqual(sim.state.restApis[0]?.stages[0]?.stageName, 'prod')
 * assert.throws(() => gatewayFixture({ restApis: 'none' }), /does not decode/)
 * ```
 *
 * @category fixtures
 * @since 0.2.0
 */
export const gatewayFixture = (json: unknown): Gateway => {
  const decoded = decodeGateway(parsed('gateway', json))
  if (E.isLeft(decoded)) throw failure('gateway', decoded.left)
  return decoded.right
}

// -------------------------------------------------------------------------------------
// assertions
// -------------------------------------------------------------------------------------

/**
 * The value of a `Right`; throws an `Error` showing the `Left` otherwise. Works in any test
 * runner.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { promote } from 'apigw-canary'
 * import { expectRight, stageFixture } from 'apigw-canary/testing'
 *
 * const promoted = expectRight(promote(stageFixture({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby' } })))
 * assert.strictEqual(promoted.deploymentId, 'eh1sby')
 * assert.throws(() => expectRight(promote({})), /expected a Right, got a Left: .*PromotionNotAvailable/)
 * ```
 *
 * @category assertions
 * @since 0.2.0
 */
export const expectRight = <L, A>(either: E.Either<L, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected a Right, got a Left: ${describe(either.left)}`)
  return either.right
}

/**
 * The error of a `Left`; throws an `Error` showing the `Right` otherwise.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { promote, setTraffic } from 'apigw-canary'
 * import { expectLeft, stageFixture } from 'apigw-canary/testing'
 *
 * assert.strictEqual(expectLeft(promote({}))._tag, 'PromotionNotAvailable')
 * assert.throws(() => expectLeft(setTraffic(stageFixture({ canarySettings: { deploymentId: 'eh1sby' } }), 5)), /expected a Left, got a Right/)
 * ```
 *
 * @category assertions
 * @since 0.2.0
 */
export const expectLeft = <L, A>(either: E.Either<L, A>): L => {
  if (E.isRight(either)) throw new Error(`expected a Left, got a Right: ${describe(either.right)}`)
  return either.left
}
