/**
 * The REST API aggregate's values as API Gateway writes them on the wire: dates as epoch
 * seconds, lists under `item`.
 *
 * @since 0.1.0
 *
 * @module
 */
import type { Deployment, Page, RestApi } from '../control/Gateway.js'
import { encodeStage, type Stage } from '../../stage/Stage.js'

// -------------------------------------------------------------------------------------
// wire encoders
// -------------------------------------------------------------------------------------

const DATES = ['createdDate', 'lastUpdatedDate'] as const

/** Epoch seconds of the dates last read: a stage's dates change seldom, and every answer has them. */
const seconds = new Map<string, number>()

/** Epoch seconds of an ISO date, as the wire writes a stage's dates. @internal */
export const epochSeconds = (date: string): number => {
  let s = seconds.get(date)
  if (s === undefined) {
    if (seconds.size >= 256) seconds.clear()
    s = Date.parse(date) / 1000
    seconds.set(date, s)
  }
  return s
}

const epochDates = (json: { readonly [key: string]: unknown }): { readonly [key: string]: unknown } => {
  let out: Record<string, unknown> | undefined
  for (const key of DATES) {
    const value = json[key]
    if (typeof value === 'string') {
      out ??= { ...json }
      out[key] = epochSeconds(value)
    }
  }
  return out ?? json
}

/**
 * A stage as the REST API sends it: the JSON of `get-stage`, dates as epoch seconds.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiHttp, decodeStage } from 'apigw-canary'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(RestApiHttp.stageToWire(stage.right), { stageName: 'prod', deploymentId: 'nfcn0x', createdDate: 1511152939 })
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const stageToWire = (stage: Stage): { readonly [key: string]: unknown } => epochDates(encodeStage(stage))

/**
 * A REST API as the REST API sends it (dates as epoch seconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiHttp, createRestApi, emptyGateway } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * assert.strictEqual(RestApiHttp.restApiToWire(created.right.response)['createdDate'], 1511152939)
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const restApiToWire = (restApi: RestApi): { readonly [key: string]: unknown } => epochDates({ ...restApi })

/**
 * A deployment as the REST API sends it (dates as epoch seconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, DeploymentId, Timestamp } from 'apigw-canary'
 *
 * const wire = RestApiHttp.deploymentToWire({ id: DeploymentId.unsafeFromString('nfcn0x'), createdDate: Timestamp.unsafeFromString('2017-11-20T04:42:19Z') })
 * assert.deepStrictEqual(wire, { id: 'nfcn0x', createdDate: 1511152939 })
 * ```
 *
 * @category wire encoders
 * @since 0.1.0
 */
export const deploymentToWire = ({ resources: _, ...deployment }: Deployment): { readonly [key: string]: unknown } => epochDates({ ...deployment })

/** @internal */
export const pageToWire =
  <A>(f: (a: A) => unknown) =>
  (page: Page<A>): unknown => ({ item: page.items.map(f), ...(page.position === undefined ? {} : { position: page.position }) })
