import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand, GetStageCommand } from '@aws-sdk/client-api-gateway'
const dist = process.env.DIST ?? '/work/wt/wire/dist/esm/'
const { createSimulator } = await import(dist + 'gateway/simulator/index.js')
const { route } = await import(dist + 'gateway/wire/RestApiHttp.js')
const credentials = { accessKeyId: 'x', secretAccessKey: 'x' }
const sim = createSimulator()
let captured = []
const handler = { ...sim.requestHandler, handle: (r, o) => { captured.push(r); return sim.requestHandler.handle(r, o) } }
const client = new APIGatewayClient({ requestHandler: handler, region: 'us-east-1', credentials })
const api = await client.send(new CreateRestApiCommand({ name: 'bench' }))
const restApiId = api.id
const key = { restApiId, resourceId: api.rootResourceId, httpMethod: 'GET' }
await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 0 } }))
captured = []
const cmd = (n) => new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: String(n % 101) }, { op: 'replace', path: '/variables/counter', value: String(n) }] })
await client.send(cmd(1)); await client.send(cmd(2)); await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))
const [u1, u2, g] = captured
const plain = (r) => ({ method: r.method, path: r.path, query: r.query, headers: r.headers, ...(r.body === undefined ? {} : { body: new TextDecoder().decode(r.body) }) })
console.log(route(sim.state, plain(u1)).response.status, route(sim.state, plain(g)).response.status)
const time = async (name, n, f) => {
  for (let i = 0; i < n / 5; i++) await f(i)
  const t0 = process.cpuUsage(); const w0 = performance.now()
  for (let i = 0; i < n; i++) await f(i)
  const t = process.cpuUsage(t0)
  console.log(`${name}: ${(((t.user + t.system)) / n).toFixed(1)} µs cpu, ${((performance.now() - w0) * 1000 / n).toFixed(1)} µs wall`)
}
const reqs = [plain(u1), plain(u2)]
let gw = sim.state
const N = Number(process.argv[2] ?? 20000)
for (let r = 0; r < 1; r++) {


await time('handler update', N, (i) => sim.requestHandler.handle(i & 1 ? u1 : u2))

}
