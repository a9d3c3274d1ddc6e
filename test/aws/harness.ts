/**
 * The test bed of the rollout driver: the in-process gateway (SDK v3 through its request
 * handler), the in-process CloudWatch over synthetic datapoints, and a virtual clock whose
 * sleeps generate traffic (per second, split by the stage's current percentTraffic) — the
 * data-plane simulator's `datapoints()` will plug in here in one line.
 */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { createCloudWatch, createSimulator, canaryStageDimension, API_GATEWAY_NAMESPACE, type Datapoint, type Simulator } from '../../src/gateway/simulator/index.js'
import type { Clock, DriverEvent } from '../../src/aws.js'

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0)
export const API = 'fh4zbbd5nd'

export const fixture = (stage: Record<string, unknown> = { stageName: 'prod', deploymentId: 'nfcn0x', variables: { alias: 'live' } }) => ({
  restApis: [
    {
      restApi: { id: API, name: 'pets', createdDate: '2017-11-20T04:42:19Z', rootResourceId: 'a1b2c3d4e5' },
      deployments: [
        { id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' },
        { id: 'eh1sby', createdDate: '2017-11-20T04:42:19Z' }
      ],
      stages: [stage]
    }
  ]
})

export interface Channel {
  /** Share of requests that fail with a 5xx. */
  readonly errorRate: number
  /** Latency in ms of every request. */
  readonly latencyMs: number
}

export interface Bed {
  readonly sim: Simulator
  readonly apiGateway: APIGatewayClient
  readonly cloudWatch: CloudWatchClient
  readonly clock: Clock
  readonly now: () => number
  /** Every API Gateway request: time, method, path, body. */
  readonly journal: Array<{ readonly at: number; readonly method: string; readonly path: string; readonly body?: string }>
  readonly events: Array<DriverEvent>
  readonly datapoints: Array<Datapoint>
  /** Run at each virtual second, before its traffic (for a person's edits). */
  onSecond: (t: number) => void | Promise<void>
  /** Answer the next n API Gateway writes with 429. */
  throttle: (n: number) => void
}

export const bed = (o: { readonly rps?: number; readonly production?: Channel; readonly canary?: Channel; readonly gateway?: unknown } = {}): Bed => {
  const rps = o.rps ?? 10
  const production = o.production ?? { errorRate: 0.001, latencyMs: 40 }
  const canary = o.canary ?? production
  const sim = createSimulator()
  sim.seed(o.gateway ?? fixture())
  let t = T0
  let throttles = 0
  const journal: Bed['journal'] = []
  const datapoints: Array<Datapoint> = []
  const handler = {
    ...sim.requestHandler,
    async handle(request: { method: string; path: string; body?: unknown }, options?: unknown) {
      const body = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : undefined
      journal.push({ at: t, method: request.method, path: decodeURIComponent(request.path), ...(body === undefined ? {} : { body }) })
      if (throttles > 0 && request.method !== 'GET') {
        throttles--
        const text = JSON.stringify({ message: 'Too Many Requests' })
        return { response: { statusCode: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException', 'content-type': 'application/json' }, body: new TextEncoder().encode(text) } }
      }
      return sim.requestHandler.handle(request, options)
    }
  }
  const creds = { accessKeyId: 'x', secretAccessKey: 'x' }
  const apiGateway = new APIGatewayClient({ requestHandler: handler, region: 'us-east-1', credentials: creds, maxAttempts: 1 })
  const cw = createCloudWatch({ datapoints: () => datapoints, now: () => t })
  const cloudWatch = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: creds, maxAttempts: 1 })
  let seq = 0
  const traffic = (second: number): void => {
    const stage = sim.state.restApis[0]?.stages[0]
    const pct = stage?.canarySettings?.percentTraffic ?? 0
    for (let i = 0; i < rps; i++) {
      seq++
      // Deterministic split and failures: a low-discrepancy sequence.
      const toCanary = ((seq * 0.6180339887) % 1) * 100 < pct
      const ch = toCanary ? canary : production
      const fails = ((seq * 0.7548776662) % 1) < ch.errorRate
      const dims = { ApiName: 'pets', Stage: toCanary ? canaryStageDimension('prod') : 'prod' }
      const at = second + Math.floor((i * 1000) / rps)
      const base = { namespace: API_GATEWAY_NAMESPACE, dimensions: dims, timestamp: at } as const
      datapoints.push(
        { ...base, metricName: 'Count', value: 1, unit: 'Count' },
        { ...base, metricName: '5XXError', value: fails ? 1 : 0, unit: 'Count' },
        { ...base, metricName: '4XXError', value: 0, unit: 'Count' },
        { ...base, metricName: 'Latency', value: ch.latencyMs + (seq % 7), unit: 'Milliseconds' }
      )
    }
  }
  const b: Bed = {
    sim,
    apiGateway,
    cloudWatch,
    journal,
    events: [],
    datapoints,
    now: () => t,
    onSecond: () => undefined,
    throttle: (n) => {
      throttles = n
    },
    clock: {
      now: () => t,
      sleep: async (ms) => {
        const end = t + ms
        while (t < end) {
          const next = Math.min(end, Math.floor(t / 1000) * 1000 + 1000)
          if (next - t >= 1 && t % 1000 === 0) {
            await b.onSecond(t)
            if (rps > 0) traffic(t)
          }
          t = next
        }
      }
    }
  }
  return b
}

/** The writes the driver sent, with their time relative to T0 (seconds) and their body. */
export const writes = (b: Bed): ReadonlyArray<string> =>
  b.journal.filter((j) => j.method !== 'GET').map((j) => `${(j.at - T0) / 1000}s ${j.method} ${j.path.replace(/arn:aws:apigateway:us-east-1::\/restapis\/fh4zbbd5nd\/stages\/prod/, 'ARN')} ${j.body ?? ''}`)

export const updates = (b: Bed): ReadonlyArray<string> =>
  b.journal.filter((j) => j.method === 'PATCH').map((j) => `${(j.at - T0) / 1000}s ${JSON.stringify(JSON.parse(j.body ?? '{}').patchOperations)}`)
