/**
 * The metrics a gate needs, read from CloudWatch: for each channel (production: `Stage` =
 * the stage's name; canary: `Stage` = `{stage}/Canary`, see `docs/gateway.md`), the request
 * count (`Count` Sum), the error counts (`5XXError` and `4XXError` Sum) and the latency
 * percentiles (`Latency` pNN), over the same window; and the state of the alarms named.
 *
 * @since 0.2.0
 *
 * @module
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch'
import type * as Gates from '../rollout/Gates.js'
import type { Metrics } from '../rollout/Plan.js'

/**
 * The time a measurement covers, in epoch milliseconds: `[startMs, endMs)`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { MetricWindow } from 'apigw-canary/aws'
 *
 * const w: MetricWindow = { startMs: 0, endMs: 300_000 }
 * assert.strictEqual(w.endMs - w.startMs, 300_000)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface MetricWindow {
  readonly startMs: number
  readonly endMs: number
}

/** The dimensions of the two channels. @internal */
export interface Dimensions {
  readonly apiName: string
  readonly productionStage: string
  readonly canaryStage: string
}

const NAMESPACE = 'AWS/ApiGateway'
const ERROR_METRIC = { '5XX': '5XXError', '4XX': '4XXError' } as const

/** Reads what the specs need; one GetMetricData call, one DescribeAlarms call when alarms are named. @internal */
export const gatherMetrics = async (cw: CloudWatchClient, specs: ReadonlyArray<Gates.GateSpec>, dims: Dimensions, window: MetricWindow): Promise<Metrics> => {
  const { GetMetricDataCommand, DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch')
  const minutes = Math.max(1, Math.ceil((window.endMs - window.startMs) / 60_000))
  const period = minutes * 60
  const queries: Array<MetricDataQuery & { readonly key: string; readonly combine: 'sum' | 'max' }> = []
  const channels = [
    ['canary', dims.canaryStage],
    ['production', dims.productionStage]
  ] as const
  const add = (key: string, metricName: string, stage: string, stat: string, combine: 'sum' | 'max'): void => {
    if (queries.some((q) => q.key === key)) return
    queries.push({
      key,
      combine,
      Id: `m${queries.length}`,
      MetricStat: {
        Metric: { Namespace: NAMESPACE, MetricName: metricName, Dimensions: [{ Name: 'ApiName', Value: dims.apiName }, { Name: 'Stage', Value: stage }] },
        Period: period,
        Stat: stat
      }
    })
  }
  const alarmNames = new Set<string>()
  for (const spec of specs) {
    if (spec._tag === 'ErrorRate' || spec._tag === 'Latency') {
      for (const [channel, stage] of channels) add(`${channel}.requests`, 'Count', stage, 'SampleCount', 'sum')
    }
    if (spec._tag === 'ErrorRate') for (const [channel, stage] of channels) add(`${channel}.${spec.errors}`, ERROR_METRIC[spec.errors], stage, 'Sum', 'sum')
    if (spec._tag === 'Latency') for (const [channel, stage] of channels) add(`${channel}.${spec.percentile}`, 'Latency', stage, spec.percentile, 'max')
    if (spec._tag === 'Alarms') for (const n of spec.names) alarmNames.add(n)
  }
  const out: Record<string, number> = {}
  if (queries.length > 0) {
    const res = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(window.startMs),
        EndTime: new Date(window.endMs),
        MetricDataQueries: queries.map(({ key: _k, combine: _c, ...q }) => q)
      })
    )
    for (const q of queries) {
      const values = res.MetricDataResults?.find((r) => r.Id === q.Id)?.Values ?? []
      // Counts add up over periods; a percentile of several periods is taken at its worst.
      if (values.length > 0) out[q.key] = q.combine === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values)
      else if (q.combine === 'sum') out[q.key] = 0
    }
  }
  if (alarmNames.size > 0) {
    const res = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [...alarmNames] }))
    for (const a of res.MetricAlarms ?? []) {
      if (a.AlarmName !== undefined) out[`alarm:${a.AlarmName}`] = a.StateValue === 'OK' ? 0 : a.StateValue === 'ALARM' ? 1 : 2
    }
  }
  return out
}
