// The HTTP server under load, on loopback only (127.0.0.1), with the state file: 8 concurrent
// clients, 10,000 updates in all (each client owns one stage variable and sets it to 1, 2, 3,
// ...), then the same with the server killed (SIGKILL) half-way and restarted on the same file.
// Checks that every acknowledged update is in the final state, and reports the rates.
//
//   npm run build && node bench/server-load.mjs [updates] [kill-after]
//
// APIGW_CANARY_DIST points at another build (default: dist/esm beside this folder).
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { call, deployedApi } from './http.mjs'

const dist = process.env.APIGW_CANARY_DIST ?? new URL('../dist/esm/', import.meta.url).href
const main = fileURLToPath(new URL('gateway/server/main.js', dist.endsWith('/') ? dist : `${dist}/`))
const UPDATES = Number(process.argv[2] ?? 10_000)
const KILL_AFTER = Number(process.argv[3] ?? UPDATES / 2)
const CLIENTS = 8
const PER_CLIENT = Math.ceil(UPDATES / CLIENTS)
const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-bench-'))

const start = (stateFile) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--state', stateFile], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (c) => {
      out += c
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m) resolve({ child, port: Number(m[1]) })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })

const stop = (child, signal) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', resolve), child.kill(signal))))

const load = async (port, restApiId, onAck = () => false) => {
  const acked = new Array(CLIENTS).fill(0)
  const sent = new Array(CLIENTS).fill(0)
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, k) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      for (let n = 1; n <= PER_CLIENT; n++) {
        sent[k] = n
        const body = JSON.stringify({ patchOperations: [{ op: 'replace', path: `/variables/c${k}`, value: String(n) }] })
        try {
          const r = await call(port, 'PATCH', `/restapis/${restApiId}/stages/prod`, body, agent)
          if (r.status !== 200) throw new Error(`status ${r.status}`)
        } catch {
          break
        }
        acked[k] = n
        if (onAck()) break
      }
      agent.destroy()
    })
  )
  return { acked, sent, ms: performance.now() - t0 }
}

const variables = async (port, restApiId) => (await call(port, 'GET', `/restapis/${restApiId}/stages/prod`)).json.variables ?? {}

const setup = (port) => deployedApi(port, 'bench')

try {
  // 1. The full load with the state file.
  {
    const { child, port } = await start(join(dir, 'load.json'))
    const restApiId = await setup(port)
    const r = await load(port, restApiId)
    const v = await variables(port, restApiId)
    const lost = r.acked.filter((n, k) => v[`c${k}`] !== String(n)).length
    console.log(`server-load: ${CLIENTS * PER_CLIENT} updates, ${CLIENTS} clients, state file: ${r.ms.toFixed(0)} ms, ${((CLIENTS * PER_CLIENT * 1000) / r.ms).toFixed(0)} updates/s; lost: ${lost}`)
    await stop(child, 'SIGTERM')
    if (lost > 0) process.exitCode = 1
  }
  // 2. Killed with SIGKILL after KILL_AFTER acknowledgements, restarted on the same file.
  {
    const file = join(dir, 'kill.json')
    const first = await start(file)
    const restApiId = await setup(first.port)
    let acks = 0
    let killed = false
    const r = await load(first.port, restApiId, () => {
      if (++acks >= KILL_AFTER && !killed) {
        killed = true
        first.child.kill('SIGKILL')
      }
      return killed
    })
    await stop(first.child, 'SIGKILL')
    const second = await start(file)
    const v = await variables(second.port, restApiId)
    const missing = r.acked.filter((n, k) => Number(v[`c${k}`] ?? 0) < n || Number(v[`c${k}`] ?? 0) > r.sent[k]).length
    console.log(`server-load: SIGKILL after ${r.acked.reduce((a, b) => a + b, 0)} acknowledged updates; after restart, clients whose acknowledged updates are missing: ${missing}`)
    await stop(second.child, 'SIGTERM')
    if (missing > 0) process.exitCode = 1
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
