// Soak: `apigw-canary serve --state` killed with SIGKILL again and again under concurrent writes,
// on loopback only (127.0.0.1). Then the latency of create-rest-api against the number of REST
// APIs.
//
// 1. Kill cycles. 16 concurrent writers, each on its own keep-alive connection, each owning one
//    stage variable that it sets to 1, 2, 3, ... (so the value found tells how many of its writes
//    are in the state). Each cycle starts the server on the same state file, checks that every
//    write acknowledged so far is there, checks that a second server on the file is refused and
//    that no temporary file is left, lets the writers run for a random 150 to 600 ms, and kills
//    the server with SIGKILL. Reports acknowledged writes, writes found after the restarts and
//    writes lost (acknowledged but not found: must be 0).
// 2. Create latency: one server without a state file; REST APIs created one at a time up to
//    20,000; the median and 99th percentile of 200 creates at 1,000 and at 20,000 REST APIs,
//    over HTTP and (the control plane alone) in process.
//
//   npm run build && node bench/soak.mjs [cycles] [apis]
//
// APIGW_CANARY_DIST points at another build (default: dist/esm beside this folder).
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout } from 'node:timers'
import { fileURLToPath } from 'node:url'
import { call, deployedApi } from './http.mjs'

const dist = process.env.APIGW_CANARY_DIST ?? new URL('../dist/esm/', import.meta.url).href
const base = dist.endsWith('/') ? dist : `${dist}/`
const main = fileURLToPath(new URL('gateway/server/main.js', base))
const CYCLES = Number(process.argv[2] ?? 10)
const APIS = Number(process.argv[3] ?? 20_000)
const WRITERS = 16
const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-soak-'))

/** Starts the server; resolves with its port, or rejects with what it printed when it exits. */
const start = (args) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stderr.on('data', (c) => (err += c))
    child.stdout.on('data', (c) => {
      out += c
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.on('exit', (code) => reject(Object.assign(new Error(`server exited with ${code}: ${err.trim()}`), { code, stderr: err })))
  })

const stop = (child, signal) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', resolve), child.kill(signal))))

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]
}

const soak = async () => {
  const file = join(dir, 'state.json')
  const acked = new Array(WRITERS).fill(0)
  const sent = new Array(WRITERS).fill(0)
  let restApiId
  let lost = 0
  let ahead = 0
  let refusedSeconds = 0
  let tempsLeft = 0
  let found = 0
  for (let cycle = 0; cycle <= CYCLES; cycle++) {
    const { child, port } = await start(['--state', file])
    if (restApiId === undefined) {
      restApiId = await deployedApi(port, 'soak')
    }
    // Every acknowledged write is there after the restart (and none beyond what was sent).
    const v = (await call(port, 'GET', `/restapis/${restApiId}/stages/prod`)).json.variables ?? {}
    found = 0
    for (let k = 0; k < WRITERS; k++) {
      const n = Number(v[`w${k}`] ?? 0)
      found += n
      lost += Math.max(0, acked[k] - n)
      if (n > sent[k]) ahead++
      acked[k] = Math.max(acked[k], n) // a write sent, not acknowledged, yet saved: the writer carries on from it
    }
    tempsLeft += readdirSync(dir).filter((f) => f.endsWith('.tmp') || f.endsWith('.stale')).length
    // A second server on the same file is refused while this one runs.
    try {
      const second = await start(['--state', file])
      await stop(second.child, 'SIGKILL')
    } catch (error) {
      if (/is in use by another apigw-canary serve/.test(error.stderr ?? '')) refusedSeconds++
    }
    if (cycle === CYCLES) {
      await stop(child, 'SIGTERM')
      break
    }
    let killed = false
    const runFor = 150 + Math.floor(Math.random() * 450)
    setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, runFor)
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, k) => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 })
        while (!killed) {
          const n = acked[k] + 1
          sent[k] = Math.max(sent[k], n)
          try {
            const r = await call(port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: `/variables/w${k}`, value: String(n) }] }), agent)
            if (r.status !== 200) throw new Error(`status ${r.status}`)
          } catch {
            break
          }
          acked[k] = n
        }
        agent.destroy()
      })
    )
    await stop(child, 'SIGKILL')
  }
  const total = acked.reduce((a, b) => a + b, 0)
  console.log(
    `soak: ${CYCLES} SIGKILL/restart cycles, ${WRITERS} concurrent writers: ${total} writes acknowledged, ${found} found after the last restart, ` +
      `${lost} lost; values beyond what was sent: ${ahead}; second servers refused: ${refusedSeconds}/${CYCLES + 1}; temporary files seen after start-up: ${tempsLeft}`
  )
  // A soak in which no write was acknowledged proves nothing: it fails too.
  return total > 0 && lost === 0 && ahead === 0 && refusedSeconds === CYCLES + 1 && tempsLeft === 0
}

const createLatency = async () => {
  const marks = [1000, APIS]
  // Over HTTP, without a state file.
  const { child, port } = await start([])
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  const http = {}
  let count = 0
  const body = JSON.stringify({ name: 'api' })
  for (const mark of marks) {
    while (count < mark - 100) {
      await call(port, 'POST', '/restapis', body, agent)
      count++
    }
    const times = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      const r = await call(port, 'POST', '/restapis', body, agent)
      times.push(performance.now() - t)
      if (r.status !== 201) throw new Error(`create: ${r.status}`)
      count++
    }
    http[mark] = times
  }
  agent.destroy()
  await stop(child, 'SIGTERM')
  // In process: the control plane alone.
  const lib = await import(new URL('index.js', base).href)
  let g = lib.emptyGateway()
  const inproc = {}
  for (const mark of marks) {
    while (g.restApis.length < mark - 100) g = lib.createRestApi(g, { name: 'api' }).right.gateway
    const times = []
    for (let i = 0; i < 200; i++) {
      const t = performance.now()
      const r = lib.createRestApi(g, { name: 'api' })
      times.push(performance.now() - t)
      g = r.right.gateway
    }
    inproc[mark] = times
  }
  for (const mark of marks) {
    console.log(
      `create-rest-api at ${mark} REST APIs: over HTTP p50 ${quantile(http[mark], 0.5).toFixed(3)} ms, p99 ${quantile(http[mark], 0.99).toFixed(3)} ms; ` +
        `control plane alone p50 ${quantile(inproc[mark], 0.5).toFixed(3)} ms, p99 ${quantile(inproc[mark], 0.99).toFixed(3)} ms`
    )
  }
}

try {
  console.log(`machine: ${cpus()[0]?.model ?? '?'} x${cpus().length}, node ${process.version}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  if (!(await soak())) process.exitCode = 1
  await createLatency()
  console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
