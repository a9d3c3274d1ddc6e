/**
 * An in-process CloudWatch for `@aws-sdk/client-cloudwatch`: {@link createCloudWatch} gives a
 * `requestHandler` for `new CloudWatchClient({ requestHandler, ... })` that answers
 * `GetMetricData`, `PutMetricAlarm`, `DescribeAlarms` and `DeleteAlarms` over the datapoints a
 * function gives (the simulated gateway's, or a test's own), on the clock it is given. Other
 * operations, and parameters outside the subset documented in `docs/driver.md`, answer a clear
 * `InvalidParameterValue` or `UnknownOperationException` error.
 *
 * The installed client (3.1142) speaks AWS JSON 1.0 (`x-amz-target:
 * GraniteServiceVersion20100801.{Operation}`, timestamps as epoch seconds) in its "query
 * compatible" mode: errors carry `__type` and the `x-amzn-query-error: {Code};Sender` header,
 * from which the SDK takes the error's `Code`. Nothing of the SDK is imported here.
 *
 * @since 0.2.0
 *
 * @module
 */
import type { Datapoint } from '../metrics/Datapoint.js'
import { fromSdkRequest, requestId } from '../wire/transport.js'
import { byName, evaluate, isPeriod, isStat, series, type AlarmDefinition, type AlarmState, type MetricId } from './MetricQuery.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Where the in-process CloudWatch reads its datapoints and its time (epoch milliseconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createCloudWatch, type CloudWatchOptions } from 'apigw-canary/simulator'
 *
 * const options: CloudWatchOptions = { datapoints: () => [], now: () => 0 }
 * assert.strictEqual(createCloudWatch(options).alarmNames().length, 0)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface CloudWatchOptions {
  /** Every datapoint so far (the simulator's `datapoints`, or a test's). */
  readonly datapoints: () => ReadonlyArray<Datapoint>
  /** The time now, in epoch milliseconds (a virtual clock in tests). */
  readonly now: () => number
  /** For alarm ARNs; `123456789012` by default. */
  readonly accountId?: string
  /** For alarm ARNs; `us-east-1` by default. */
  readonly region?: string
}

/**
 * A running in-process CloudWatch.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
 * import { createCloudWatch, type CloudWatchSimulator, type Datapoint } from 'apigw-canary/simulator'
 *
 * const points: Array<Datapoint> = [0, 1, 2].map((i) => ({
 *   namespace: 'AWS/ApiGateway', metricName: 'Count', dimensions: { ApiName: 'pets', Stage: 'prod' }, timestamp: i * 1000, value: 1, unit: 'Count'
 * }))
 * const cw: CloudWatchSimulator = createCloudWatch({ datapoints: () => points, now: () => 60_000 })
 * const client = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * const out = await client.send(new GetMetricDataCommand({
 *   StartTime: new Date(0), EndTime: new Date(60_000),
 *   MetricDataQueries: [{ Id: 'n', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'Sum' } }]
 * }))
 * assert.deepStrictEqual(out.MetricDataResults?.[0]?.Values, [3])
 * client.destroy()
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface CloudWatchSimulator {
  /** Pass it as `requestHandler` to `new CloudWatchClient(...)`. */
  readonly requestHandler: {
    /** The protocol the SDK's middleware reads: always `http/1.1`. */
    readonly metadata: { readonly handlerProtocol: string }
    /** Answers one request of the SDK's; never rejects (a bad request gets CloudWatch's error). */
    handle(request: unknown, options?: unknown): Promise<{ response: { statusCode: number; headers: { [name: string]: string }; body: Uint8Array } }>
    /** Part of the SDK's handler contract; nothing to configure. */
    updateHttpClientConfig(key: never, value: never): void
    /** Part of the SDK's handler contract: no configuration, `{}`. */
    httpHandlerConfigs(): { readonly [key: string]: never }
    /** Part of the SDK's handler contract; nothing to release. */
    destroy(): void
  }
  /** The names of the alarms defined so far. */
  alarmNames(): ReadonlyArray<string>
  /** Every request answered, in order: its operation and status (a journal for tests). */
  readonly journal: ReadonlyArray<{ readonly operation: string; readonly status: number }>
}

// -------------------------------------------------------------------------------------
// protocol
// -------------------------------------------------------------------------------------

interface Reply {
  readonly status: number
  readonly body: unknown
  readonly queryError?: string
}

class Invalid {
  constructor(
    readonly code: string,
    readonly type: string,
    readonly message: string
  ) {}
}

const invalid = (message: string): Invalid => new Invalid('InvalidParameterValue', 'InvalidParameterValueException', message)
const missing = (name: string): Invalid => new Invalid('MissingParameter', 'MissingRequiredParameterException', `The parameter ${name} is required.`)

const isObj = (u: unknown): u is { readonly [k: string]: unknown } => typeof u === 'object' && u !== null && !Array.isArray(u)
const get = (o: { readonly [k: string]: unknown }, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined)

const str = (o: { readonly [k: string]: unknown }, k: string, required = true): string | undefined => {
  const v = get(o, k)
  if (v === undefined) {
    if (required) throw missing(k)
    return undefined
  }
  if (typeof v !== 'string' || v === '') throw invalid(`The parameter ${k} must be a non-empty string.`)
  return v
}

const numberOf = (o: { readonly [k: string]: unknown }, k: string, required = true): number | undefined => {
  const v = get(o, k)
  if (v === undefined) {
    if (required) throw missing(k)
    return undefined
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`The parameter ${k} must be a number.`)
  return v
}

const metricOf = (m: unknown, where: string): MetricId => {
  if (!isObj(m)) throw missing(`${where}.Metric`)
  const dims = get(m, 'Dimensions') ?? []
  if (!Array.isArray(dims) || dims.length > 30) throw invalid(`${where}.Dimensions must be a list of at most 30 { Name, Value }.`)
  const dimensions: Record<string, string> = {}
  for (const d of dims as ReadonlyArray<unknown>) {
    if (!isObj(d)) throw invalid(`${where}.Dimensions must be a list of { Name, Value }.`)
    const name = str(d, 'Name') ?? ''
    Object.defineProperty(dimensions, name, { value: str(d, 'Value') ?? '', enumerable: true, writable: true, configurable: true })
  }
  return { namespace: str(m, 'Namespace') ?? '', metricName: str(m, 'MetricName') ?? '', dimensions }
}

const checkStat = (stat: string, field: string): string => {
  if (!isStat(stat)) {
    throw invalid(`The value ${stat.slice(0, 50)} for parameter ${field} is not supported by this simulator: use Sum, SampleCount, Average, Minimum, Maximum or a percentile pNN.`)
  }
  return stat
}

const checkPeriod = (p: number | undefined, field: string): number => {
  if (!isPeriod(p)) throw invalid(`The parameter ${field} must be a multiple of 60 seconds (or 1, 5, 10, 30).`)
  return p
}

const seconds = (ms: number): number => ms / 1000

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

const encoder = new TextEncoder()
/** CloudWatch's limit on a request (1 MB), as characters. */
const MAX_BODY_CHARS = 1_048_576

/**
 * Starts an in-process CloudWatch over `datapoints()` at `now()`. With the simulated gateway:
 * `createCloudWatch({ datapoints: () => simulator.datapoints(), now })`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch'
 * import { createCloudWatch, type Datapoint } from 'apigw-canary/simulator'
 *
 * // 5XXError of 1 at every second of the first two minutes.
 * const points: Array<Datapoint> = Array.from({ length: 120 }, (_, i) => ({
 *   namespace: 'AWS/ApiGateway', metricName: '5XXError', dimensions: { ApiName: 'pets', Stage: 'prod' }, timestamp: i * 1000, value: 1, unit: 'Count'
 * }))
 * let now = 120_000
 * const cw = createCloudWatch({ datapoints: () => points, now: () => now })
 * const client = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
 * await client.send(new PutMetricAlarmCommand({
 *   AlarmName: 'high-5xx', Namespace: 'AWS/ApiGateway', MetricName: '5XXError',
 *   Dimensions: [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: 'prod' }],
 *   Statistic: 'Sum', Period: 60, EvaluationPeriods: 2, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching'
 * }))
 * const a = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['high-5xx'] }))
 * assert.strictEqual(a.MetricAlarms?.[0]?.StateValue, 'ALARM')
 * now = 300_000 // two quiet minutes later
 * const b = await client.send(new DescribeAlarmsCommand({ AlarmNames: ['high-5xx'] }))
 * assert.strictEqual(b.MetricAlarms?.[0]?.StateValue, 'OK')
 * client.destroy()
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const createCloudWatch = (options: CloudWatchOptions): CloudWatchSimulator => {
  const accountId = options.accountId ?? '123456789012'
  const region = options.region ?? 'us-east-1'
  const alarms = new Map<string, { readonly def: AlarmDefinition; state: AlarmState; updated: number }>()
  const journal: Array<{ readonly operation: string; readonly status: number }> = []
  let count = 0

  const stateOf = (name: string): AlarmState => {
    const entry = alarms.get(name)
    if (entry === undefined) return { value: 'INSUFFICIENT_DATA', reason: 'no such alarm' }
    const next = evaluate(entry.def, options.datapoints(), options.now(), entry.state.value)
    if (next.value !== entry.state.value) entry.updated = options.now()
    entry.state = next
    return next
  }

  const getMetricData = (input: { readonly [k: string]: unknown }): Reply => {
    const start = numberOf(input, 'StartTime') ?? 0
    const end = numberOf(input, 'EndTime') ?? 0
    if (!(end > start)) throw invalid('The parameter StartTime must be earlier than EndTime.')
    const scanBy = get(input, 'ScanBy') ?? 'TimestampDescending'
    if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') throw invalid('The parameter ScanBy must be TimestampDescending or TimestampAscending.')
    if (get(input, 'NextToken') !== undefined) throw invalid('NextToken is not supported by this simulator: every result fits one answer.')
    const queries = get(input, 'MetricDataQueries')
    if (!Array.isArray(queries) || queries.length === 0 || queries.length > 500) throw invalid('The parameter MetricDataQueries must be a list of 1 to 500 queries.')
    const pointsOf = byName(options.datapoints())
    const results = (queries as ReadonlyArray<unknown>).flatMap((q, i) => {
      const where = `MetricDataQueries.member.${i + 1}`
      if (!isObj(q)) throw invalid(`${where} must be a query.`)
      const id = str(q, 'Id') ?? ''
      if (get(q, 'Expression') !== undefined) throw invalid(`${where}.Expression: metric math is not supported by this simulator; use MetricStat.`)
      const ms = get(q, 'MetricStat')
      if (!isObj(ms)) throw missing(`${where}.MetricStat`)
      const metric = metricOf(get(ms, 'Metric'), `${where}.MetricStat`)
      const period = checkPeriod(numberOf(ms, 'Period'), `${where}.MetricStat.Period`)
      const stat = checkStat(str(ms, 'Stat') ?? '', `${where}.MetricStat.Stat`)
      const points = series(pointsOf(metric), stat, period, start * 1000, end * 1000)
      const ordered = scanBy === 'TimestampAscending' ? points : [...points].reverse()
      if (get(q, 'ReturnData') === false) return []
      return [
        {
          Id: id,
          Label: str(q, 'Label', false) ?? metric.metricName,
          Timestamps: ordered.map((p) => seconds(p.timestamp)),
          Values: ordered.map((p) => p.value),
          StatusCode: 'Complete'
        }
      ]
    })
    return { status: 200, body: { MetricDataResults: results, Messages: [] } }
  }

  const COMPARISONS = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const
  const MISSING = ['missing', 'notBreaching', 'breaching', 'ignore'] as const

  const putMetricAlarm = (input: { readonly [k: string]: unknown }): Reply => {
    const alarmName = str(input, 'AlarmName') ?? ''
    if (get(input, 'Metrics') !== undefined) throw invalid('Metrics (metric math alarms) are not supported by this simulator; give Namespace, MetricName and Dimensions.')
    const metric = metricOf({ Namespace: get(input, 'Namespace'), MetricName: get(input, 'MetricName'), Dimensions: get(input, 'Dimensions') }, 'alarm')
    const statistic = str(input, 'Statistic', false)
    const extended = str(input, 'ExtendedStatistic', false)
    if ((statistic === undefined) === (extended === undefined)) throw invalid('Exactly one of Statistic and ExtendedStatistic must be given.')
    const stat = checkStat(statistic ?? extended ?? '', statistic === undefined ? 'ExtendedStatistic' : 'Statistic')
    const periodSeconds = checkPeriod(numberOf(input, 'Period'), 'Period')
    const evaluationPeriods = numberOf(input, 'EvaluationPeriods') ?? 0
    if (!Number.isSafeInteger(evaluationPeriods) || evaluationPeriods < 1) throw invalid('The parameter EvaluationPeriods must be a whole number of at least 1.')
    const datapointsToAlarm = numberOf(input, 'DatapointsToAlarm', false) ?? evaluationPeriods
    if (!Number.isSafeInteger(datapointsToAlarm) || datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
      throw invalid('The parameter DatapointsToAlarm must be a whole number from 1 to EvaluationPeriods.')
    }
    const threshold = numberOf(input, 'Threshold') ?? 0
    const comparison = str(input, 'ComparisonOperator') ?? ''
    const c = COMPARISONS.find((x) => x === comparison)
    if (c === undefined) throw invalid(`The parameter ComparisonOperator must be one of ${COMPARISONS.join(', ')} (anomaly detection is not supported).`)
    const treat = str(input, 'TreatMissingData', false) ?? 'missing'
    const t = MISSING.find((x) => x === treat)
    if (t === undefined) throw invalid(`The parameter TreatMissingData must be one of ${MISSING.join(', ')}.`)
    const def: AlarmDefinition = { alarmName, metric, stat, periodSeconds, evaluationPeriods, datapointsToAlarm, threshold, comparison: c, treatMissingData: t }
    alarms.set(alarmName, { def, state: { value: 'INSUFFICIENT_DATA', reason: 'Unchecked: Initial alarm creation' }, updated: options.now() })
    return { status: 200, body: {} }
  }

  const alarmToWire = (name: string): unknown => {
    const entry = alarms.get(name)
    if (entry === undefined) return undefined
    const state = stateOf(name)
    const d = entry.def
    return {
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`,
      StateValue: state.value,
      StateReason: state.reason,
      StateUpdatedTimestamp: seconds(entry.updated),
      Namespace: d.metric.namespace,
      MetricName: d.metric.metricName,
      Dimensions: Object.entries(d.metric.dimensions).map(([Name, Value]) => ({ Name, Value })),
      ...(d.stat.startsWith('p') ? { ExtendedStatistic: d.stat } : { Statistic: d.stat }),
      Period: d.periodSeconds,
      EvaluationPeriods: d.evaluationPeriods,
      DatapointsToAlarm: d.datapointsToAlarm,
      Threshold: d.threshold,
      ComparisonOperator: d.comparison,
      TreatMissingData: d.treatMissingData,
      ActionsEnabled: true
    }
  }

  const describeAlarms = (input: { readonly [k: string]: unknown }): Reply => {
    const names = get(input, 'AlarmNames')
    if (names !== undefined && (!Array.isArray(names) || names.length > 100 || !names.every((n) => typeof n === 'string'))) {
      throw invalid('The parameter AlarmNames must be a list of at most 100 names.')
    }
    const prefix = str(input, 'AlarmNamePrefix', false)
    if (prefix !== undefined && names !== undefined) throw new Invalid('InvalidParameterCombination', 'InvalidParameterCombinationException', 'AlarmNamePrefix and AlarmNames cannot be given together.')
    const stateValue = str(input, 'StateValue', false)
    const chosen = (names as ReadonlyArray<string> | undefined) ?? [...alarms.keys()].filter((n) => prefix === undefined || n.startsWith(prefix))
    const listed = chosen.filter((n) => alarms.has(n)).sort()
    const wire = listed.map(alarmToWire).filter((a) => stateValue === undefined || (a as { StateValue: string }).StateValue === stateValue)
    return { status: 200, body: { MetricAlarms: wire, CompositeAlarms: [] } }
  }

  const deleteAlarms = (input: { readonly [k: string]: unknown }): Reply => {
    const names = get(input, 'AlarmNames')
    if (!Array.isArray(names)) throw missing('AlarmNames')
    const absent = (names as ReadonlyArray<unknown>).filter((n) => typeof n !== 'string' || !alarms.has(n))
    if (absent.length > 0) return { status: 404, body: { __type: 'com.amazonaws.cloudwatch#ResourceNotFound', message: `${String(absent[0])} does not exist` }, queryError: 'ResourceNotFound;Sender' }
    for (const n of names as ReadonlyArray<string>) alarms.delete(n)
    return { status: 200, body: {} }
  }

  const OPERATIONS: { readonly [name: string]: (input: { readonly [k: string]: unknown }) => Reply } = {
    GetMetricData: getMetricData,
    PutMetricAlarm: putMetricAlarm,
    DescribeAlarms: describeAlarms,
    DeleteAlarms: deleteAlarms
  }

  const answer = (target: unknown, body: string | undefined): { readonly operation: string; readonly reply: Reply } => {
    const prefix = 'GraniteServiceVersion20100801.'
    const operation = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : String(target)
    const run = Object.prototype.hasOwnProperty.call(OPERATIONS, operation) ? OPERATIONS[operation] : undefined
    if (run === undefined) {
      return {
        operation,
        reply: {
          status: 400,
          body: { __type: 'com.amazonaws.cloudwatch#UnknownOperationException', message: `${operation.slice(0, 100)} is not an operation of this simulator. It answers: ${Object.keys(OPERATIONS).join(', ')}.` }
        }
      }
    }
    if (body !== undefined && body.length > MAX_BODY_CHARS) {
      return { operation, reply: { status: 413, body: { __type: 'com.amazonaws.cloudwatch#RequestEntityTooLarge', message: `The request body is larger than ${MAX_BODY_CHARS} characters.` } } }
    }
    let input: unknown
    try {
      input = body === undefined || body.trim() === '' ? {} : JSON.parse(body)
    } catch {
      return { operation, reply: { status: 400, body: { __type: 'com.amazonaws.cloudwatch#SerializationException', message: 'The request body is not JSON.' } } }
    }
    try {
      if (!isObj(input)) throw invalid('The request body must be a JSON object.')
      return { operation, reply: run(input) }
    } catch (e) {
      if (e instanceof Invalid) return { operation, reply: { status: 400, body: { __type: `com.amazonaws.cloudwatch#${e.type}`, message: e.message }, queryError: `${e.code};Sender` } }
      return { operation, reply: { status: 500, body: { __type: 'com.amazonaws.cloudwatch#InternalServiceFault', message: String(e) }, queryError: 'InternalServiceError;Receiver' } }
    }
  }

  return {
    requestHandler: {
      metadata: { handlerProtocol: 'http/1.1' },
      async handle(request) {
        const read = await fromSdkRequest(request)
        const headers = (typeof request === 'object' && request !== null ? (request as { headers?: { [k: string]: string } }).headers : undefined) ?? {}
        const target = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1]
        const body = 'right' in read ? (read.right as { body?: string }).body : undefined
        const { operation, reply } = answer(target, body)
        journal.push({ operation, status: reply.status })
        const text = JSON.stringify(reply.body)
        return {
          response: {
            statusCode: reply.status,
            headers: {
              'content-type': 'application/x-amz-json-1.0',
              'x-amzn-requestid': requestId(++count),
              'content-length': String(encoder.encode(text).length),
              ...(reply.queryError === undefined ? {} : { 'x-amzn-query-error': reply.queryError })
            },
            body: encoder.encode(text)
          }
        }
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {}
    },
    alarmNames: () => [...alarms.keys()],
    journal
  }
}
