/**
 * The pure part of the in-process CloudWatch: statistics over datapoints, `GetMetricData`'s
 * MetricStat queries, and threshold alarms evaluated at a given time. The shell
 * (`CloudWatch.ts`) holds the alarms and speaks the wire protocol.
 *
 * The subset (anything else is a clear `InvalidParameterValue` error, never a silent answer):
 * - a metric is its namespace, name and exact set of dimensions (as CloudWatch);
 * - statistics `Sum`, `SampleCount`, `Average`, `Minimum`, `Maximum` and percentiles `pNN` or
 *   `pNN.N` (nearest rank over the period's values: the simulator keeps every value, where
 *   CloudWatch estimates);
 * - periods are whole multiples of 60 seconds (1, 5, 10, 30 also accepted, as high-resolution
 *   periods); the time range is `[StartTime, EndTime)`, cut into periods from `StartTime`;
 *   periods without datapoints are left out, newest first unless `ScanBy` is
 *   `TimestampAscending`;
 * - no metric math (`Expression`), no `Unit` filter other than the datapoints' own, no
 *   `NextToken` paging (every result fits one answer);
 * - alarms: one metric, `Statistic` or `ExtendedStatistic`, the four threshold comparisons,
 *   `EvaluationPeriods`, `DatapointsToAlarm` (M out of N), `TreatMissingData` (`missing`,
 *   `notBreaching`, `breaching`, `ignore`). They are evaluated when read, over the last
 *   `EvaluationPeriods` whole periods before `now` (periods aligned to the epoch).
 *
 * @since 0.2.0
 *
 * @internal
 */
import type { Datapoint } from '../metrics/Datapoint.js'

/** A metric's identity. @internal */
export interface MetricId {
  readonly namespace: string
  readonly metricName: string
  readonly dimensions: { readonly [name: string]: string }
}

/** An alarm as PutMetricAlarm defines it. @internal */
export interface AlarmDefinition {
  readonly alarmName: string
  readonly metric: MetricId
  readonly stat: string
  readonly periodSeconds: number
  readonly evaluationPeriods: number
  readonly datapointsToAlarm: number
  readonly threshold: number
  readonly comparison: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold'
  readonly treatMissingData: 'missing' | 'notBreaching' | 'breaching' | 'ignore'
}

/** An alarm's state and why. @internal */
export interface AlarmState {
  readonly value: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'
  readonly reason: string
}

const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/

/** Whether a statistic is one the simulator computes. @internal */
export const isStat = (stat: string): boolean => ['Sum', 'SampleCount', 'Average', 'Minimum', 'Maximum'].includes(stat) || PERCENTILE.test(stat)

/** Whether a period (seconds) is one CloudWatch accepts. @internal */
export const isPeriod = (p: unknown): p is number => typeof p === 'number' && Number.isSafeInteger(p) && p > 0 && (p % 60 === 0 || [1, 5, 10, 30].includes(p))

/** A statistic of values (at least one). @internal */
export const statistic = (stat: string, values: ReadonlyArray<number>): number => {
  switch (stat) {
    case 'Sum':
      return values.reduce((a, b) => a + b, 0)
    case 'SampleCount':
      return values.length
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length
    case 'Minimum':
      return Math.min(...values)
    case 'Maximum':
      return Math.max(...values)
    default: {
      const p = Number(stat.slice(1))
      const sorted = [...values].sort((a, b) => a - b)
      const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
      return sorted[rank - 1] ?? Number.NaN
    }
  }
}

/** Whether a datapoint's dimensions are exactly the metric's (`size` of them), allocating nothing. */
const sameDimensions = (d: { readonly [name: string]: string }, m: { readonly [name: string]: string }, size: number): boolean => {
  let n = 0
  for (const k in d) {
    if (!Object.prototype.hasOwnProperty.call(d, k)) continue
    n++
    if (n > size || !Object.prototype.hasOwnProperty.call(m, k) || m[k] !== d[k]) return false
  }
  return n === size
}

/** The datapoints of one metric. @internal */
export const ofMetric = (all: ReadonlyArray<Datapoint>, m: MetricId): ReadonlyArray<Datapoint> => {
  const size = Object.keys(m.dimensions).length
  return all.filter((d) => d.metricName === m.metricName && d.namespace === m.namespace && sameDimensions(d.dimensions, m.dimensions, size))
}

/** The datapoints by namespace and metric name, in one pass: each query then scans only its own. @internal */
export const byName = (all: ReadonlyArray<Datapoint>): ((m: MetricId) => ReadonlyArray<Datapoint>) => {
  const groups = new Map<string, Array<Datapoint>>()
  for (const d of all) {
    const key = `${d.namespace}\n${d.metricName}`
    const g = groups.get(key)
    if (g === undefined) groups.set(key, [d])
    else g.push(d)
  }
  return (m) => ofMetric(groups.get(`${m.namespace}\n${m.metricName}`) ?? [], m)
}

/**
 * One MetricStat query: the statistic per period over `[startMs, endMs)`, periods cut from
 * `startMs`, empty periods left out, in time order. @internal
 */
export const series = (
  points: ReadonlyArray<Datapoint>,
  stat: string,
  periodSeconds: number,
  startMs: number,
  endMs: number
): ReadonlyArray<{ readonly timestamp: number; readonly value: number }> => {
  const periodMs = periodSeconds * 1000
  const buckets = new Map<number, Array<number>>()
  for (const d of points) {
    if (d.timestamp < startMs || d.timestamp >= endMs) continue
    const b = startMs + Math.floor((d.timestamp - startMs) / periodMs) * periodMs
    const list = buckets.get(b)
    if (list === undefined) buckets.set(b, [d.value])
    else list.push(d.value)
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([timestamp, values]) => ({ timestamp, value: statistic(stat, values) }))
}

const breaches = (a: AlarmDefinition, v: number): boolean => {
  switch (a.comparison) {
    case 'GreaterThanThreshold':
      return v > a.threshold
    case 'GreaterThanOrEqualToThreshold':
      return v >= a.threshold
    case 'LessThanThreshold':
      return v < a.threshold
    case 'LessThanOrEqualToThreshold':
      return v <= a.threshold
  }
}

/**
 * An alarm's state at `nowMs`: over the last `evaluationPeriods` whole periods (aligned to the
 * epoch), `ALARM` when at least `datapointsToAlarm` of them breach, with missing periods as
 * `treatMissingData` says; `previous` is the state `ignore` keeps when every period is missing.
 * @internal
 */
export const evaluate = (a: AlarmDefinition, all: ReadonlyArray<Datapoint>, nowMs: number, previous: AlarmState['value']): AlarmState => {
  const periodMs = a.periodSeconds * 1000
  const end = Math.floor(nowMs / periodMs) * periodMs
  const start = end - a.evaluationPeriods * periodMs
  const found = new Map(series(ofMetric(all, a.metric), a.stat, a.periodSeconds, start, end).map((p) => [p.timestamp, p.value]))
  let breaching = 0
  let present = 0
  const values: Array<string> = []
  for (let t = start; t < end; t += periodMs) {
    const v = found.get(t)
    if (v === undefined) {
      values.push('missing')
      if (a.treatMissingData === 'breaching') breaching++
      if (a.treatMissingData === 'breaching' || a.treatMissingData === 'notBreaching') present++
      continue
    }
    present++
    values.push(String(v))
    if (breaches(a, v)) breaching++
  }
  const said = `[${values.join(', ')}] over ${a.evaluationPeriods} period(s) of ${a.periodSeconds} s, ${a.datapointsToAlarm} to alarm, threshold ${a.comparison} ${a.threshold}`
  if (present === 0) {
    const value = a.treatMissingData === 'ignore' ? previous : 'INSUFFICIENT_DATA'
    return { value, reason: `Insufficient Data: ${said}` }
  }
  return breaching >= a.datapointsToAlarm
    ? { value: 'ALARM', reason: `Threshold Crossed: ${breaching} datapoint(s) breaching: ${said}` }
    : { value: 'OK', reason: `Threshold not crossed: ${breaching} datapoint(s) breaching: ${said}` }
}
