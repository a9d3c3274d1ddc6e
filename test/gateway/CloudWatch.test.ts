/** The in-process CloudWatch through the real @aws-sdk/client-cloudwatch (AWS JSON 1.0, query-compatible errors). */
import {
  CloudWatchClient,
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  InvalidParameterValueException,
  ListMetricsCommand,
  PutMetricAlarmCommand,
  type MetricDataQuery
} from '@aws-sdk/client-cloudwatch'
import { describe, expect, it } from 'vitest'
import { createCloudWatch, type Datapoint } from '../../src/gateway/simulator/index.js'

const dims = [
  { Name: 'ApiName', Value: 'pets' },
  { Name: 'Stage', Value: 'prod' }
]
const point = (metricName: string, timestamp: number, value: number, stage = 'prod'): Datapoint => ({
  namespace: 'AWS/ApiGateway',
  metricName,
  dimensions: { ApiName: 'pets', Stage: stage },
  timestamp,
  value,
  unit: 'Count'
})

const setup = (points: ReadonlyArray<Datapoint>, at = 600_000) => {
  let now = at
  const cw = createCloudWatch({ datapoints: () => points, now: () => now })
  const client = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 })
  return { cw, client, setNow: (t: number) => (now = t) }
}

const query = (Id: string, Stat: string, Period = 60, MetricName = 'Latency', Dimensions = dims): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions }, Period, Stat }
})

describe('GetMetricData', () => {
  // Latency 1..100 ms in the first minute, 1000 ms once in the second.
  const points = [...Array.from({ length: 100 }, (_, i) => point('Latency', i * 500, i + 1)), point('Latency', 61_000, 1000), point('Latency', 62_000, 5, 'prod/Canary')]
  it('every statistic, per period, newest first by default', async () => {
    const { client } = setup(points)
    const out = await client.send(
      new GetMetricDataCommand({
        StartTime: new Date(0),
        EndTime: new Date(120_000),
        MetricDataQueries: ['Sum', 'SampleCount', 'Average', 'Minimum', 'Maximum', 'p50', 'p99', 'p99.9'].map((s, i) => query(`q${i}`, s))
      })
    )
    const values = Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id, r.Values]))
    expect(values).toEqual({
      q0: [1000, 5050],
      q1: [1, 100],
      q2: [1000, 50.5],
      q3: [1000, 1],
      q4: [1000, 100],
      q5: [1000, 50],
      q6: [1000, 99],
      q7: [1000, 100]
    })
    expect(out.MetricDataResults?.[0]?.Timestamps).toEqual([new Date(60_000), new Date(0)])
    expect(out.MetricDataResults?.[0]?.StatusCode).toBe('Complete')
  })
  it('periods and time ranges: one 5-minute period, a range that leaves points out, ascending order', async () => {
    const { client } = setup(points)
    const one = await client.send(new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(300_000), MetricDataQueries: [query('a', 'SampleCount', 300)] }))
    expect(one.MetricDataResults?.[0]?.Values).toEqual([101])
    const late = await client.send(
      new GetMetricDataCommand({ StartTime: new Date(60_000), EndTime: new Date(180_000), ScanBy: 'TimestampAscending', MetricDataQueries: [query('a', 'Sum')] })
    )
    expect(late.MetricDataResults?.[0]?.Values).toEqual([1000])
    const canary = await client.send(
      new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(180_000), MetricDataQueries: [query('a', 'Sum', 60, 'Latency', [dims[0]!, { Name: 'Stage', Value: 'prod/Canary' }])] })
    )
    expect(canary.MetricDataResults?.[0]?.Values).toEqual([5])
    // A subset of the dimensions is another metric (CloudWatch matches the whole set).
    const partial = await client.send(new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(180_000), MetricDataQueries: [query('a', 'Sum', 60, 'Latency', [dims[0]!])] }))
    expect(partial.MetricDataResults?.[0]?.Values).toEqual([])
  })
  it('outside the subset: a clear InvalidParameterValue', async () => {
    const { client } = setup(points)
    const fails = async (input: ConstructorParameters<typeof GetMetricDataCommand>[0], message: RegExp) => {
      const e = await client.send(new GetMetricDataCommand(input)).catch((x: unknown) => x)
      expect(e).toBeInstanceOf(InvalidParameterValueException)
      expect((e as { Code?: string }).Code).toBe('InvalidParameterValue')
      expect((e as Error).message).toMatch(message)
    }
    await fails({ StartTime: new Date(0), EndTime: new Date(60_000), MetricDataQueries: [{ Id: 'e', Expression: 'SUM(METRICS())' }] }, /metric math is not supported/)
    await fails({ StartTime: new Date(0), EndTime: new Date(60_000), MetricDataQueries: [query('a', 'tm99')] }, /not supported by this simulator/)
    await fails({ StartTime: new Date(0), EndTime: new Date(60_000), MetricDataQueries: [query('a', 'Sum', 45)] }, /multiple of 60/)
    await fails({ StartTime: new Date(60_000), EndTime: new Date(0), MetricDataQueries: [query('a', 'Sum')] }, /earlier than EndTime/)
    const unknown = await client.send(new ListMetricsCommand({})).catch((x: unknown) => x)
    expect((unknown as Error).message).toMatch(/ListMetrics is not an operation of this simulator/)
  })
})

describe('alarms on the virtual clock', () => {
  const alarm = (o: Partial<ConstructorParameters<typeof PutMetricAlarmCommand>[0]> = {}) =>
    new PutMetricAlarmCommand({
      AlarmName: 'errors',
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      ...o
    })
  // Minute 0: 10 errors, minute 1: 0, minute 2: 10; nothing after.
  const points = [...Array.from({ length: 10 }, (_, i) => point('5XXError', i * 1000, 1)), point('5XXError', 60_000, 0), ...Array.from({ length: 10 }, (_, i) => point('5XXError', 120_000 + i * 1000, 1))]
  const state = async (client: CloudWatchClient, name = 'errors') => (await client.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0]?.StateValue

  it('M out of N: two breaching of three is ALARM; one is OK', async () => {
    const { client, setNow } = setup(points, 180_000)
    await client.send(alarm())
    expect(await state(client)).toBe('ALARM')
    setNow(240_000) // periods 1, 2, 3: one breaching, one missing
    expect(await state(client)).toBe('OK')
  })
  it('missing data: missing → INSUFFICIENT_DATA, breaching → ALARM, notBreaching → OK, ignore keeps the state', async () => {
    const { client, setNow } = setup(points, 180_000)
    for (const [name, treat] of [
      ['m', 'missing'],
      ['b', 'breaching'],
      ['n', 'notBreaching'],
      ['i', 'ignore']
    ] as const) {
      await client.send(alarm({ AlarmName: name, TreatMissingData: treat }))
    }
    expect(await state(client, 'i')).toBe('ALARM')
    setNow(900_000) // only missing periods
    const all = await client.send(new DescribeAlarmsCommand({}))
    expect(Object.fromEntries((all.MetricAlarms ?? []).map((a) => [a.AlarmName, a.StateValue]))).toEqual({ b: 'ALARM', i: 'ALARM', m: 'INSUFFICIENT_DATA', n: 'OK' })
  })
  it('a percentile alarm, LessThan comparisons, DescribeAlarms filters, DeleteAlarms', async () => {
    const { client } = setup(points, 180_000)
    await client.send(alarm({ AlarmName: 'low', Statistic: undefined, ExtendedStatistic: 'p50', Threshold: 0.5, ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: 1, DatapointsToAlarm: 1 }))
    expect(await state(client, 'low')).toBe('OK')
    const described = await client.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'lo' }))
    expect(described.MetricAlarms?.[0]).toMatchObject({ AlarmName: 'low', ExtendedStatistic: 'p50', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:low' })
    await client.send(new DeleteAlarmsCommand({ AlarmNames: ['low'] }))
    expect((await client.send(new DescribeAlarmsCommand({}))).MetricAlarms).toEqual([])
  })
  it('bad alarms are refused with the reason', async () => {
    const { client } = setup(points)
    await expect(client.send(alarm({ DatapointsToAlarm: 4 }))).rejects.toThrow(/DatapointsToAlarm must be a whole number from 1 to EvaluationPeriods/)
    await expect(client.send(alarm({ ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' }))).rejects.toThrow(/anomaly detection is not supported/)
    await expect(client.send(alarm({ ExtendedStatistic: 'p90' }))).rejects.toThrow(/Exactly one of Statistic and ExtendedStatistic/)
  })
})
