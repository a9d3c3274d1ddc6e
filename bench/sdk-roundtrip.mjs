// UpdateStage round trips per second through the REAL AWS SDK v3 client with the in-process
// simulator as its requestHandler (no network): serialisation, signing, middleware, the
// simulator's router and the update-stage applier, and deserialisation, per call. Against its
// floor in the same run: the same client with a do-nothing requestHandler that answers every
// call with the simulator's own UpdateStage answer, captured once and replayed (the same status,
// headers and body bytes), so that the difference is what the simulator adds to the SDK's cost.
// Rounds alternate ours and the floor; the figures are the medians of the rounds.
//
//   npm run build && node bench/sdk-roundtrip.mjs [calls per round, 1500] [--rounds 9] [--concurrent] [--handler-time] [--json]
//
// Each round is timed by the wall clock and by this process's CPU time (the same work on one
// thread: on a busy machine the CPU time leaves out the waits for a core, so its ratio is the
// steadier). --concurrent adds 8-in-flight rounds of ours (informational). --handler-time also
// prints the median time spent in the simulator's handler a call, timed inside the loop: the
// steadiest figure of what the simulator's own code costs there (the SDK's code between two calls
// runs ours two to three times slower than a loop over it alone). --json ends with:
//   {"bench":"sdk","oursPerSecond":N,"doNothingPerSecond":N,"ratio":N,"cpuRatio":N}
// APIGW_CANARY_DIST points at another build (default: dist/esm beside this folder).
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { pathToFileURL } from 'node:url'
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway'

const distEnv = process.env.APIGW_CANARY_DIST // a file: URL or a path
const dist = distEnv === undefined ? new URL('../dist/esm/', import.meta.url).href : /^file:/.test(distEnv) ? distEnv : pathToFileURL(distEnv).href
const { createSimulator } = await import(new URL('gateway/simulator/index.js', dist.endsWith('/') ? dist : `${dist}/`).href)

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(name)
const option = (name, fallback) => {
  const i = argv.indexOf(name)
  return i < 0 ? fallback : Number(argv[i + 1])
}
const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--rounds'))
const calls = Number(positional[0] ?? 1500)
const rounds = option('--rounds', 9)
const json = flag('--json')

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' }
const sim = createSimulator()
// --handler-time: the simulator's handler timed inside the loop, call by call (informational; the
// wrapper adds two clock reads a call to ours, so the rates are read without it)
const handlerTimes = []
const timedHandler = {
  ...sim.requestHandler,
  handle: (request, options) => {
    const t = performance.now()
    const answered = sim.requestHandler.handle(request, options)
    handlerTimes.push(performance.now() - t)
    return answered
  }
}
const client = new APIGatewayClient({ requestHandler: flag('--handler-time') ? timedHandler : sim.requestHandler, region: 'us-east-1', credentials })
const api = await client.send(new CreateRestApiCommand({ name: 'bench' }))
const restApiId = api.id
// a MOCK GET /: AWS deploys no API without methods
const key = { restApiId, resourceId: api.rootResourceId, httpMethod: 'GET' }
await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 0 } }))

const command = (n) =>
  new UpdateStageCommand({
    restApiId,
    stageName: 'prod',
    patchOperations: [
      { op: 'replace', path: '/canarySettings/percentTraffic', value: String(n % 101) },
      { op: 'replace', path: '/variables/counter', value: String(n) }
    ]
  })

// The floor: the simulator's answer to one UpdateStage, captured, then replayed for every call.
let canned
const capture = {
  ...sim.requestHandler,
  handle: async (request, options) => {
    const answered = await sim.requestHandler.handle(request, options)
    canned = answered.response
    return answered
  }
}
const captured = await new APIGatewayClient({ requestHandler: capture, region: 'us-east-1', credentials }).send(command(0))
if (canned === undefined || canned.statusCode !== 200 || captured.canarySettings?.percentTraffic !== 0) throw new Error('could not capture an UpdateStage answer')
const cannedHeaders = { ...canned.headers }
const cannedBody = Uint8Array.from(canned.body)
const doNothing = {
  metadata: { handlerProtocol: 'http/1.1' },
  handle: () => Promise.resolve({ response: { statusCode: 200, headers: cannedHeaders, body: cannedBody } }),
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
  destroy() {}
}
const floorClient = new APIGatewayClient({ requestHandler: doNothing, region: 'us-east-1', credentials })

const contenders = { ours: client, doNothing: floorClient }

/** Calls per second of wall time, and per second of this process's CPU time (robust on a busy machine: waits for a core drop out). */
const sequential = async (c, from) => {
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  for (let n = from; n < from + calls; n++) await c.send(command(n))
  const cpu = process.cpuUsage(cpu0)
  return { wall: (calls * 1000) / (performance.now() - t0), cpu: (calls * 1e6) / (cpu.user + cpu.system) }
}
const concurrent = async (c, from, width) => {
  const t0 = performance.now()
  let next = from
  await Promise.all(Array.from({ length: width }, async () => { while (next < from + calls) await c.send(command(next++)) }))
  return { wall: (calls * 1000) / (performance.now() - t0), cpu: NaN }
}

// warm-up of both
for (let n = 1; n <= 500; n++) {
  await client.send(command(n))
  await floorClient.send(command(n))
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
// A full collection before each round, so that each pays for its own garbage (the simulator keeps
// a journal: without this, its collections fall as often in the floor's rounds as in its own).
setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc')
const rates = { ours: [], doNothing: [], ours8: [] }
let next = 1000
for (let r = 0; r < rounds; r++) {
  // alternate which goes first, so that neither always follows the other's garbage
  const order = r % 2 === 0 ? ['ours', 'doNothing'] : ['doNothing', 'ours']
  for (const name of order) {
    collect()
    rates[name].push(await sequential(contenders[name], next))
    next += calls
  }
  if (flag('--concurrent')) {
    rates.ours8.push(await concurrent(client, next, 8))
    next += calls
  }
}
const stage = sim.state.restApis[0].stages[0]
if (!(Number(stage.variables.counter) >= 1000)) throw new Error(`the updates did not land: counter ${stage.variables.counter}`)

const wall = (name) => median(rates[name].map((r) => r.wall))
const cpu = (name) => median(rates[name].map((r) => r.cpu))
const ours = wall('ours')
const floor = wall('doNothing')
const ratio = ours / floor
const cpuRatio = cpu('ours') / cpu('doNothing')
const row = (label, name) =>
  `| ${label} | ${wall(name).toFixed(0)} | ${(1e6 / wall(name)).toFixed(0)} µs | ${Number.isNaN(cpu(name)) ? '' : `${(1e6 / cpu(name)).toFixed(0)} µs`} | ${rates[name].map((r) => r.wall.toFixed(0)).join(' ')} |`
console.log(`sdk-roundtrip: UpdateStage through the real SDK v3 client, ${calls} calls one at a time per round, ${rounds} rounds (median)`)
console.log('| contender | calls/s | wall per call | CPU per call | rounds (calls/s) |')
console.log('| --- | --: | --: | --: | --- |')
console.log(row('createSimulator().requestHandler (ours)', 'ours'))
console.log(row('do-nothing handler (canned answer, floor)', 'doNothing'))
if (rates.ours8.length > 0) console.log(row('ours, 8 in flight', 'ours8'))
if (handlerTimes.length > 0) {
  // the timed rounds' calls only (the setup and warm-up ones left out)
  const timed = handlerTimes.slice(-rounds * calls * (flag('--concurrent') ? 2 : 1))
  const q = (f) => [...timed].sort((a, b) => a - b)[Math.floor(f * (timed.length - 1))] * 1000
  console.log(`the simulator's handler inside the loop: median ${q(0.5).toFixed(1)} µs a call, quartiles ${q(0.25).toFixed(1)} / ${q(0.75).toFixed(1)} µs (a collection falling in a call is in its time)`)
}
console.log(`ours ÷ do-nothing: ${ratio.toFixed(2)} by wall time, ${cpuRatio.toFixed(2)} by CPU time (goal: at least 0.9); the simulator adds ${(1e6 / ours - 1e6 / floor).toFixed(0)} µs of wall time, ${(1e6 / cpu('ours') - 1e6 / cpu('doNothing')).toFixed(0)} µs of CPU a call`)
if (json) console.log(JSON.stringify({ bench: 'sdk', oursPerSecond: Math.round(ours), doNothingPerSecond: Math.round(floor), ratio: Number(ratio.toFixed(3)), cpuRatio: Number(cpuRatio.toFixed(3)) }))
client.destroy()
floorClient.destroy()
