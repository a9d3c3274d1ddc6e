/**
 * What the simulated gateway keeps of each request it served ({@link RequestRecord}), and what
 * API Gateway makes of them: CloudWatch datapoints ({@link datapointsOf}) and execution log
 * entries ({@link executionLogsOf}). Pure functions of the records.
 *
 * Metrics (API Gateway's developer guide, "Amazon API Gateway dimensions and metrics"): per
 * request, `Count` 1, `4XXError` and `5XXError` 0 or 1 (so Sum is the count of errors and
 * Average the rate), `Latency` and `IntegrationLatency` in milliseconds, each under the
 * dimensions `{ApiName, Stage}` and `{ApiName, Stage, Resource, Method}` (the latter is the
 * detailed metrics; the simulator always emits it). `ApiName` is the API's name without its
 * non-ASCII characters, or its id when none is left (docs). A canary request is reported under
 * `Stage` = `canaryStageDimension(stage)` (`prod/Canary`; chosen, as AWS does not document the
 * canary's dimension: see `docs/gateway.md`), a production one under the stage's name.
 *
 * @since 0.2.0
 *
 * @module
 */
import { API_GATEWAY_NAMESPACE, canaryStageDimension, type Datapoint } from '../metrics/Datapoint.js'
import type { Channel } from '../../traffic/Route.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One request the simulated gateway served: when (epoch milliseconds on the simulator's virtual
 * clock), where it went (channel and deployment, absent when the stage was unknown), what it got
 * (status) and how long it took.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { datapointsOf, type RequestRecord } from 'apigw-canary/simulator'
 *
 * const r: RequestRecord = {
 *   requestId: 'r1', timestamp: 0, restApiId: 'a1b2c3d4e5', apiName: 'pets', stageName: 'prod', channel: 'canary', deploymentId: 'eh1sby',
 *   method: 'GET', path: '/', resourcePath: '/', status: 200, latencyMs: 12, integrationLatencyMs: 10, variables: {}
 * }
 * assert.strictEqual(datapointsOf([r]).length, 10)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface RequestRecord {
  readonly requestId: string
  readonly timestamp: number
  readonly restApiId: string
  readonly apiName?: string
  readonly stageName: string
  readonly channel?: Channel
  readonly deploymentId?: string
  readonly method: string
  readonly path: string
  readonly resourcePath?: string
  readonly status: number
  readonly latencyMs: number
  readonly integrationLatencyMs: number
  /** The stage variables the request saw. */
  readonly variables?: { readonly [name: string]: string }
  readonly executionLogGroup?: string
  /** Why the request failed, when the simulator knows (a template outside the subset, a function that threw...). */
  readonly reason?: string
}

/**
 * One execution log entry.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { LogEntry } from 'apigw-canary/simulator'
 *
 * const e: LogEntry = { logGroupName: 'API-Gateway-Execution-Logs/a1b2c3d4e5/prod/Canary', timestamp: 0, message: '(r1) Method completed with status: 200' }
 * assert.ok(e.logGroupName.endsWith('/Canary'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface LogEntry {
  readonly logGroupName: string
  readonly timestamp: number
  readonly message: string
}

// -------------------------------------------------------------------------------------
// metrics
// -------------------------------------------------------------------------------------

/**
 * The `ApiName` dimension of an API: its name without non-ASCII characters, or its id if
 * nothing is left (docs).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { apiNameDimension } from 'apigw-canary/simulator'
 *
 * assert.strictEqual(apiNameDimension('pets', 'a1b2c3d4e5'), 'pets')
 * assert.strictEqual(apiNameDimension('café', 'a1b2c3d4e5'), 'caf')
 * assert.strictEqual(apiNameDimension('ペット', 'a1b2c3d4e5'), 'a1b2c3d4e5')
 * ```
 *
 * @category metrics
 * @since 0.2.0
 */
export const apiNameDimension = (name: string | undefined, restApiId: string): string => {
  // eslint-disable-next-line no-control-regex
  const ascii = (name ?? '').replace(/[^\x00-\x7f]/g, '')
  return ascii === '' ? restApiId : ascii
}

/**
 * The CloudWatch datapoints of the requests (see the module's notes); requests to an unknown
 * stage or API have none.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { datapointsOf, type RequestRecord } from 'apigw-canary/simulator'
 *
 * const base = { restApiId: 'a1b2c3d4e5', apiName: 'pets', stageName: 'prod', method: 'GET', path: '/', resourcePath: '/', latencyMs: 5, integrationLatencyMs: 5 }
 * const records: ReadonlyArray<RequestRecord> = [
 *   { ...base, requestId: 'r1', timestamp: 0, channel: 'production', deploymentId: 'nfcn0x', status: 200 },
 *   { ...base, requestId: 'r2', timestamp: 1, channel: 'canary', deploymentId: 'eh1sby', status: 502 }
 * ]
 * const errors = datapointsOf(records).filter((d) => d.metricName === '5XXError' && !('Resource' in d.dimensions))
 * assert.deepStrictEqual(errors.map((d) => [d.dimensions['Stage'], d.value]), [['prod', 0], ['prod/Canary', 1]])
 * ```
 *
 * @category metrics
 * @since 0.2.0
 */
export const datapointsOf = (records: ReadonlyArray<RequestRecord>): ReadonlyArray<Datapoint> => {
  const out: Array<Datapoint> = []
  for (const r of records) {
    if (r.channel === undefined) continue
    const stage = r.channel === 'canary' ? canaryStageDimension(r.stageName) : r.stageName
    const apiName = apiNameDimension(r.apiName, r.restApiId)
    const sets: Array<{ readonly [name: string]: string }> = [{ ApiName: apiName, Stage: stage }]
    if (r.resourcePath !== undefined) sets.push({ ApiName: apiName, Stage: stage, Resource: r.resourcePath, Method: r.method })
    const values: ReadonlyArray<readonly [string, number, Datapoint['unit']]> = [
      ['Count', 1, 'Count'],
      ['4XXError', r.status >= 400 && r.status < 500 ? 1 : 0, 'Count'],
      ['5XXError', r.status >= 500 ? 1 : 0, 'Count'],
      ['Latency', r.latencyMs, 'Milliseconds'],
      ['IntegrationLatency', r.integrationLatencyMs, 'Milliseconds']
    ]
    for (const dimensions of sets) {
      for (const [metricName, value, unit] of values) out.push({ namespace: API_GATEWAY_NAMESPACE, metricName, dimensions, timestamp: r.timestamp, value, unit })
    }
  }
  return out
}

/**
 * The execution log entries of the requests, in AWS's words, each to its channel's log group
 * (`API-Gateway-Execution-Logs/{id}/{stage}`, the canary's with `/Canary`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { executionLogsOf } from 'apigw-canary/simulator'
 *
 * const logs = executionLogsOf([{
 *   requestId: 'r1', timestamp: 0, restApiId: 'a1b2c3d4e5', stageName: 'prod', channel: 'canary', deploymentId: 'eh1sby', method: 'GET', path: '/',
 *   resourcePath: '/', status: 200, latencyMs: 1, integrationLatencyMs: 1, executionLogGroup: 'API-Gateway-Execution-Logs/a1b2c3d4e5/prod/Canary'
 * }])
 * assert.deepStrictEqual(logs.map((l) => l.message), ['(r1) Starting execution for request: r1', '(r1) HTTP Method: GET, Resource Path: /', '(r1) Method completed with status: 200'])
 * ```
 *
 * @category logs
 * @since 0.2.0
 */
export const executionLogsOf = (records: ReadonlyArray<RequestRecord>): ReadonlyArray<LogEntry> =>
  records.flatMap((r) => {
    const group = r.executionLogGroup
    if (group === undefined) return []
    const at = (message: string, dt = 0): LogEntry => ({ logGroupName: group, timestamp: r.timestamp + dt, message: `(${r.requestId}) ${message}` })
    return [
      at(`Starting execution for request: ${r.requestId}`),
      at(`HTTP Method: ${r.method}, Resource Path: ${r.path}`),
      ...(r.reason === undefined ? [] : [at(r.reason, r.latencyMs)]),
      at(`Method completed with status: ${r.status}`, r.latencyMs)
    ]
  })
