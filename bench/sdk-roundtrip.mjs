// UpdateStage round trips per second through the REAL AWS SDK v3 client with the in-process
// simulator as its requestHandler (no network): serialisation, signing, middleware, the
// simulator's router and the update-stage applier, and deserialisation, per call.
//
//   npm run build && node bench/sdk-roundtrip.mjs [calls]
//
// APIGW_CANARY_DIST points at another build (default: dist/esm beside this folder).
import { performance } from 'node:perf_hooks'
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway'

const dist = process.env.APIGW_CANARY_DIST ?? new URL('../dist/esm/', import.meta.url).href
const { createSimulator } = await import(new URL('gateway/simulator/index.js', dist.endsWith('/') ? dist : `${dist}/`).href)

const calls = Number(process.argv[2] ?? 5000)
const sim = createSimulator()
const client = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
const api = await client.send(new CreateRestApiCommand({ name: 'bench' }))
const restApiId = api.id
// a MOCK GET /: AWS deploys no API without methods
const key = { restApiId, resourceId: api.rootResourceId, httpMethod: 'GET' }
await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 0 } }))

const update = (n) =>
  client.send(
    new UpdateStageCommand({
      restApiId,
      stageName: 'prod',
      patchOperations: [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: String(n % 101) },
        { op: 'replace', path: '/variables/counter', value: String(n) }
      ]
    })
  )

for (let n = 0; n < 500; n++) await update(n) // warm-up

const sequential = async () => {
  const t0 = performance.now()
  for (let n = 1; n <= calls; n++) await update(n)
  return performance.now() - t0
}
const concurrent = async (width) => {
  const t0 = performance.now()
  let next = 1
  await Promise.all(Array.from({ length: width }, async () => { while (next <= calls) await update(next++) }))
  return performance.now() - t0
}

const rate = (ms) => ((calls * 1000) / ms).toFixed(0)
const seq = await sequential()
const par = await concurrent(8)
const stage = sim.state.restApis[0].stages[0]
if (stage.variables.counter === undefined) throw new Error('the updates did not land')
console.log(`sdk-roundtrip: ${calls} UpdateStage calls, one at a time: ${seq.toFixed(0)} ms, ${rate(seq)} round trips/s (${((seq * 1000) / calls).toFixed(0)} us each)`)
console.log(`sdk-roundtrip: ${calls} UpdateStage calls, 8 in flight:    ${par.toFixed(0)} ms, ${rate(par)} round trips/s`)
