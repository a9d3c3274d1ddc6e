// The data plane's speed, on the built package:
// 1. in-process `sim.invoke` of a MOCK method, against the floor: the route/variables
//    computation alone (`route(stage, u)` of the traffic layer) for the same stage;
// 2. `serve`'s data plane over loopback HTTP, against a bare node:http server answering a canned
//    body, in the same run, with the same keep-alive clients.
//
//   npm run build && node bench/dataplane.mjs [--requests 200000] [--seconds 5] [--clients 16]
import { Buffer } from 'node:buffer'
import { createServer, Agent, request } from 'node:http'
import { performance } from 'node:perf_hooks'

const dist = new URL('../dist/esm/', import.meta.url).href
const pkg = await import(new URL('index.js', dist).href)
const { createSimulator, serve } = await import(new URL('gateway/simulator/index.js', dist).href)
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`)
  return at < 0 ? fallback : Number(process.argv[at + 1])
}
const N = arg('requests', 200_000)
const SECONDS = arg('seconds', 5)
const CLIENTS = arg('clients', 16)

// An API with a MOCK GET /, production and a 10% canary.
const api = pkg.createRestApi(pkg.emptyGateway(), { name: 'bench' }).right
const restApiId = api.response.id
const ready = pkg.putMockMethod(api.gateway, restApiId).right
const prod = pkg.createDeployment(ready, { restApiId, stageName: 'prod', variables: { v: '1' } }).right
const gateway = pkg.createDeployment(prod.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10, stageVariableOverrides: { v: '2' } } }).right.gateway
const stage = pkg.findStage(gateway, restApiId, 'prod').value

// 1a. the floor
let sink = 0
const floor = () => {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) sink += pkg.route(stage, (i % 1000) / 1000, { restApiId }).right.channel.length
  return N / ((performance.now() - t0) / 1000)
}
// 1b. in-process invoke
const sim = createSimulator({ gateway })
const request1 = { restApiId, stageName: 'prod', method: 'GET', path: '/' }
const invoke = async () => {
  const t0 = performance.now()
  for (let i = 0; i < N; i++) sink += (await sim.invoke(request1)).status
  return N / ((performance.now() - t0) / 1000)
}
floor()
await invoke() // warm up
const floorRate = floor()
const invokeRate = await invoke()
console.log(JSON.stringify({ case: 'in-process', requests: N, floorPerSecond: Math.round(floorRate), invokePerSecond: Math.round(invokeRate), ratio: +(floorRate / invokeRate).toFixed(2) }))

// 2. loopback HTTP: bare node:http against serve's data plane
const load = (port, path) =>
  new Promise((resolve) => {
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS })
    let done = 0
    let failed = 0
    const end = performance.now() + SECONDS * 1000
    let running = CLIENTS
    const loop = () => {
      if (performance.now() >= end) {
        if (--running === 0) {
          agent.destroy()
          resolve({ perSecond: Math.round(done / SECONDS), failed })
        }
        return
      }
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode === 200) done++
          else failed++
          loop()
        })
      })
      req.on('error', () => {
        failed++
        loop()
      })
      req.end()
    }
    for (let i = 0; i < CLIENTS; i++) loop()
  })

const canned = Buffer.from('{}')
const bare = createServer({ keepAlive: true }, (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(canned.length) })
  res.end(canned)
})
await new Promise((r) => bare.listen(0, '127.0.0.1', r))
const served = (await serve({ port: 0, gateway })).right
const path = `/restapis/${restApiId}/prod/_user_request_/`
await load(bare.address().port, '/')
await load(served.port, path) // warm up both
const bareRate = await load(bare.address().port, '/')
const serveRate = await load(served.port, path)
console.log(JSON.stringify({ case: 'loopback', seconds: SECONDS, clients: CLIENTS, barePerSecond: bareRate.perSecond, servePerSecond: serveRate.perSecond, share: +(serveRate.perSecond / bareRate.perSecond).toFixed(2), failed: bareRate.failed + serveRate.failed }))
bare.close()
await served.close()
if (sink === 42) console.log('')
