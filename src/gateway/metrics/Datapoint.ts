/**
 * The metrics of the simulated API Gateway as CloudWatch holds them: one {@link Datapoint} per
 * request and metric, with the namespace, names and dimensions API Gateway uses. The simulated
 * gateway emits them; the in-process CloudWatch answers `GetMetricData` and evaluates alarms
 * over them. This module is the contract between the two.
 *
 * Where API Gateway puts a canary's metrics is not documented (its docs say only that the canary
 * "has its own logs and metrics"; its execution logs go to `.../{stage}/Canary`): the simulator
 * reports them under the `Stage` dimension value {@link canaryStageDimension} (chosen, by
 * analogy with the log group; see `docs/gateway.md`). It is one constant so it can change in one
 * place.
 *
 * @since 0.2.0
 *
 * @module
 */

/**
 * One datapoint: a metric's value at a time (epoch milliseconds, on the simulator's clock).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { API_GATEWAY_NAMESPACE, type Datapoint } from 'apigw-canary/simulator'
 *
 * const d: Datapoint = { namespace: API_GATEWAY_NAMESPACE, metricName: 'Count', dimensions: { ApiName: 'pets', Stage: 'prod' }, timestamp: 0, value: 1, unit: 'Count' }
 * assert.strictEqual(d.namespace, 'AWS/ApiGateway')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Datapoint {
  readonly namespace: string
  readonly metricName: string
  readonly dimensions: { readonly [name: string]: string }
  /** Epoch milliseconds. */
  readonly timestamp: number
  readonly value: number
  readonly unit: 'Count' | 'Milliseconds' | 'None' | 'Percent' | 'Seconds'
}

/**
 * API Gateway's CloudWatch namespace.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { API_GATEWAY_NAMESPACE } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(API_GATEWAY_NAMESPACE, 'AWS/ApiGateway')
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const API_GATEWAY_NAMESPACE = 'AWS/ApiGateway'

/**
 * The `Stage` dimension value under which a canary's metrics are reported (chosen: see the
 * module's header).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryStageDimension } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(canaryStageDimension('prod'), 'prod/Canary')
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const canaryStageDimension = (stageName: string): string => `${stageName}/Canary`
