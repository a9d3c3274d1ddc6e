// The rollout driver's own cost, on the in-process gateway and CloudWatch with a virtual clock:
// one Canary10Percent5Minutes rollout with its default gate over traffic of 10 requests a
// second (12,000 datapoints), and GetMetricData of the gate's 8 queries over 10k to 1M
// datapoints (the in-process CloudWatch scans every datapoint per query). Median of three.
//
//   npm run build && node bench/driver.mjs
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { createCloudWatch, createSimulator } from 'apigw-canary/simulator'
import { Gates, runRollout } from 'apigw-canary/aws'

const creds = { accessKeyId: 'x', secretAccessKey: 'x' }
const fixture = {
  restApis: [{ restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
    deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }, { id: 'eh1sby', createdDate: '2017-11-20T04:42:19Z' }],
    stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }]
}
const points = (n, rps = 10) => {
  const out = []
  for (let i = 0; out.length < n; i++) {
    const dims = { ApiName: 'pets', Stage: i % 10 === 0 ? 'prod/Canary' : 'prod' }
    const base = { namespace: 'AWS/ApiGateway', dimensions: dims, timestamp: Math.floor((i * 1000) / rps), unit: 'Count' }
    out.push({ ...base, metricName: 'Count', value: 1 }, { ...base, metricName: '5XXError', value: 0 }, { ...base, metricName: 'Latency', value: 40 + (i % 7) })
  }
  return out
}
const median = (xs) => [...xs].sort((a, b) => a - b)[1]

const rollout = async () => {
  const sim = createSimulator()
  sim.seed(fixture)
  let t = 0
  const data = points(12_000)
  const cw = createCloudWatch({ datapoints: () => data, now: () => t })
  const apiGateway = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: creds, maxAttempts: 1 })
  const cloudWatch = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: creds, maxAttempts: 1 })
  const plan = Gates.preset('Canary10Percent5Minutes')
  const start = performance.now()
  const r = await runRollout({ apiGateway, cloudWatch, restApiId: 'fh4zbbd5nd', stageName: 'prod', plan: plan.right, deployment: { _tag: 'Existing', deploymentId: 'eh1sby' }, clock: { now: () => t, sleep: async (ms) => { t += ms } } })
  if (r._tag !== 'Promoted') throw new Error(JSON.stringify(r))
  return performance.now() - start
}

const query = async (n) => {
  const data = points(n)
  const cw = createCloudWatch({ datapoints: () => data, now: () => 0 })
  const client = new CloudWatchClient({ requestHandler: cw.requestHandler, region: 'us-east-1', credentials: creds, maxAttempts: 1 })
  const q = (Id, MetricName, Stage, Stat) => ({ Id, MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName, Dimensions: [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: Stage }] }, Period: 3600, Stat } })
  const queries = ['prod', 'prod/Canary'].flatMap((s, i) => [q(`c${i}`, 'Count', s, 'SampleCount'), q(`e${i}`, '5XXError', s, 'Sum'), q(`l${i}`, 'Latency', s, 'p99'), q(`a${i}`, 'Latency', s, 'Average')])
  const start = performance.now()
  await client.send(new GetMetricDataCommand({ StartTime: new Date(0), EndTime: new Date(3600_000 * 1000), MetricDataQueries: queries }))
  return performance.now() - start
}

console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`)
const runs = []
for (let i = 0; i < 3; i++) runs.push(await rollout())
console.log(`one Canary10Percent5Minutes rollout with its gate (12,000 datapoints): ${median(runs).toFixed(0)} ms`)
for (const n of [10_000, 100_000, 1_000_000]) {
  const xs = []
  for (let i = 0; i < 3; i++) xs.push(await query(n))
  console.log(`GetMetricData, 8 queries over ${n.toLocaleString('en')} datapoints: ${median(xs).toFixed(1)} ms`)
}
