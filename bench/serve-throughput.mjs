// Requests per second of the built `serve` over loopback (no --state) for get-stage and
// update-stage, against its floor in the same run: a canned `node:http` server in its own process
// that reads each request's body and answers the very bytes our server answered (status,
// headers, body; captured once from ours, pre-serialised). Both are driven by the same client:
// this process, with N keep-alive connections on raw sockets (one request in flight on each; no
// HTTP client library), so that the client costs a few microseconds a request. The table shows
// each server's CPU use during its window: a server near 100% of a core is the bottleneck, not
// the client. Windows alternate ours and the canned server; figures are medians of the rounds.
//
//   npm run build && node bench/serve-throughput.mjs [--seconds 3] [--rounds 3] [--connections 8] [--only getStage|updateStage] [--json]
//
// --json ends with one line:
//   {"bench":"serve","getStage":{"ours":N,"canned":N,"ratio":N},"updateStage":{"ours":N,"canned":N,"ratio":N}}
// APIGW_CANARY_DIST points at another build (default: dist/esm beside this folder);
// APIGW_CANARY_SERVE_NODE_ARGS gives node options to our server alone (`--cpu-prof --cpu-prof-dir=DIR`).
import { Buffer } from 'node:buffer'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer, request } from 'node:http'
import { connect } from 'node:net'
import { performance } from 'node:perf_hooks'
import { setTimeout } from 'node:timers'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { deployedApi } from './http.mjs'

// -------------------------------------------------------------------------------------
// the canned server: `node serve-throughput.mjs --canned-server`, its answers as JSON on stdin
// -------------------------------------------------------------------------------------

if (process.argv[2] === '--canned-server') {
  const answers = JSON.parse(readFileSync(0, 'utf8'))
  const prepared = Object.fromEntries(Object.entries(answers).map(([method, a]) => [method, { status: a.status, headers: a.headers, body: Buffer.from(a.body, 'utf8') }]))
  const server = createServer({ keepAlive: true }, (req, res) => {
    const answer = prepared[req.method]
    req.on('data', () => undefined)
    req.on('end', () => {
      res.writeHead(answer.status, answer.headers)
      res.end(answer.body)
    })
  })
  server.keepAliveTimeout = 5000
  server.listen(0, '127.0.0.1', () => process.stdout.write(`serving http://127.0.0.1:${server.address().port}\n`))
  process.on('SIGTERM', () => process.exit(0))
} else {
  await main()
}

async function main() {
  const argv = process.argv.slice(2)
  const option = (name, fallback) => {
    const i = argv.indexOf(name)
    return i < 0 ? fallback : Number(argv[i + 1])
  }
  const seconds = option('--seconds', 3)
  const rounds = option('--rounds', 3)
  const connections = option('--connections', 8)
  const json = argv.includes('--json')
  const only = argv.includes('--only') ? [argv[argv.indexOf('--only') + 1]] : ['getStage', 'updateStage']

  const distEnv = process.env.APIGW_CANARY_DIST // a file: URL or a path
  const dist = distEnv === undefined ? new URL('../dist/esm/', import.meta.url).href : /^file:/.test(distEnv) ? distEnv : pathToFileURL(distEnv).href
  const mainJs = fileURLToPath(new URL('gateway/server/main.js', dist.endsWith('/') ? dist : `${dist}/`))

  const start = (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] })
      let out = ''
      child.stdout.on('data', (c) => {
        out += c
        const m = /serving http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
        if (m) resolve({ child, port: Number(m[1]) })
      })
      child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)))
      child.stdin.end(input ?? '')
    })
  const stop = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))))

  /** One request with node:http, its answer in full: status, headers as sent (lower case), body. */
  const raw = (port, method, path, body) =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      })
      req.on('error', reject)
      req.end(body)
    })

  // The server's CPU time so far, in ms (Linux: /proc/PID/stat, clock ticks of 10 ms).
  const cpuOf = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  }

  // APIGW_CANARY_SERVE_NODE_ARGS: node options for our server alone (e.g. --cpu-prof --cpu-prof-dir=DIR)
  const nodeArgs = (process.env.APIGW_CANARY_SERVE_NODE_ARGS ?? '').split(' ').filter((a) => a !== '')
  const ours = await start([...nodeArgs, mainJs, 'serve', '--port', '0'])
  const restApiId = await deployedApi(ours.port, 'bench')
  const stagePath = `/restapis/${restApiId}/stages/prod`
  const patchBody = (n) => JSON.stringify({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: n % 2 === 0 ? '10' : '20' }] })
  // a canary first, so that percentTraffic can be replaced
  const canary = await raw(ours.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod', canarySettings: { percentTraffic: 0 } }))
  if (canary.status !== 201) throw new Error(`canary deployment: ${canary.status} ${canary.body}`)
  const got = await raw(ours.port, 'GET', stagePath)
  const updated = await raw(ours.port, 'PATCH', stagePath, patchBody(0))
  if (got.status !== 200 || updated.status !== 200) throw new Error(`capture: ${got.status} ${updated.status}`)
  // What ours sends besides what node:http adds itself (date, connection, keep-alive).
  const own = (r) => ({ status: r.status, body: r.body, headers: Object.fromEntries(Object.entries(r.headers).filter(([k]) => !['date', 'connection', 'keep-alive'].includes(k))) })
  const canned = await start([fileURLToPath(import.meta.url), '--canned-server'], JSON.stringify({ GET: own(got), PATCH: own(updated) }))

  const requests = {
    getStage: [Buffer.from(`GET ${stagePath} HTTP/1.1\r\nhost: 127.0.0.1\r\naccept: application/json\r\n\r\n`)],
    updateStage: [0, 1].map((n) => {
      const body = patchBody(n)
      return Buffer.from(`PATCH ${stagePath} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    })
  }

  /**
   * Drives `port` with `connections` keep-alive connections for `ms`: each sends a request,
   * reads the whole answer (by its content-length), checks the status is 200, sends the next.
   */
  const drive = (port, payloads, ms) =>
    new Promise((resolve, reject) => {
      let done = 0
      let bad = 0
      let stopping = false
      let open = connections
      const sockets = []
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      const finish = () => {
        const elapsed = performance.now() - t0
        const cpu = process.cpuUsage(cpu0)
        resolve({ rate: (done * 1000) / elapsed, bad, clientCpuUs: (cpu.user + cpu.system) / Math.max(1, done) })
      }
      for (let k = 0; k < connections; k++) {
        const socket = connect({ host: '127.0.0.1', port, noDelay: true })
        sockets.push(socket)
        let n = k
        let buffer = Buffer.alloc(0)
        const next = () => socket.write(payloads[n++ % payloads.length])
        socket.on('connect', next)
        socket.on('data', (chunk) => {
          buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk])
          for (;;) {
            const end = buffer.indexOf('\r\n\r\n')
            if (end < 0) return
            const head = buffer.toString('latin1', 0, end)
            const m = /\r\ncontent-length: *(\d+)/i.exec(head)
            const length = m === null ? 0 : Number(m[1])
            if (buffer.length < end + 4 + length) return
            if (!head.startsWith('HTTP/1.1 200')) bad++
            done++
            buffer = buffer.subarray(end + 4 + length)
            if (stopping) return socket.end()
            next()
          }
        })
        socket.on('error', reject)
        socket.on('close', () => {
          if (--open === 0) finish()
        })
      }
      setTimeout(() => {
        stopping = true
      }, ms)
    })

  const measure = async (server, op, ms) => {
    const cpu0 = cpuOf(server.child.pid)
    const t0 = performance.now()
    const r = await drive(server.port, requests[op], ms)
    const serverCpu = (cpuOf(server.child.pid) - cpu0) / (performance.now() - t0)
    if (r.bad > 0) throw new Error(`${op}: ${r.bad} answers were not 200`)
    return { ...r, serverCpu }
  }

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b)
    return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
  }
  const servers = { ours, canned }
  const results = {}
  try {
    for (const op of only) for (const name of ['ours', 'canned']) await measure(servers[name], op, 1000) // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const op of only) {
        for (const name of r % 2 === 0 ? ['ours', 'canned'] : ['canned', 'ours']) {
          const m = await measure(servers[name], op, seconds * 1000)
          ;((results[op] ??= {})[name] ??= []).push(m)
        }
      }
    }
    if (only.includes('updateStage')) {
      const pct = JSON.parse((await raw(ours.port, 'GET', stagePath)).body).canarySettings?.percentTraffic
      if (pct !== 10 && pct !== 20) throw new Error(`the updates did not land: percentTraffic ${pct}`)
    }
  } finally {
    await Promise.all([stop(ours.child), stop(canned.child)])
  }

  const summary = {}
  console.log(`serve-throughput: ${connections} keep-alive connections, ${seconds} s windows, ${rounds} rounds (median); server CPU = its CPU time ÷ wall time`)
  console.log('| request | server | req/s | server CPU | server CPU µs/req | client CPU µs/req | rounds (req/s) |')
  console.log('| --- | --- | --: | --: | --: | --: | --- |')
  for (const op of only) {
    for (const name of ['ours', 'canned']) {
      const ms = results[op][name]
      console.log(
        `| ${op === 'getStage' ? 'get-stage' : 'update-stage'} | ${name === 'ours' ? '`serve` (ours)' : 'canned node:http'} | ${median(ms.map((m) => m.rate)).toFixed(0)} | ${(median(ms.map((m) => m.serverCpu)) * 100).toFixed(0)}% | ${median(ms.map((m) => (m.serverCpu * 1e6) / m.rate)).toFixed(1)} | ${median(ms.map((m) => m.clientCpuUs)).toFixed(1)} | ${ms.map((m) => m.rate.toFixed(0)).join(' ')} |`
      )
    }
    const o = median(results[op].ours.map((m) => m.rate))
    const c = median(results[op].canned.map((m) => m.rate))
    summary[op] = { ours: Math.round(o), canned: Math.round(c), ratio: Number((o / c).toFixed(3)) }
  }
  console.log(`ours ÷ canned: ${only.map((op) => `${op === 'getStage' ? 'get-stage' : 'update-stage'} ${summary[op].ratio.toFixed(2)}`).join(', ')} (goal: at least 0.6)`)
  if (json) console.log(JSON.stringify({ bench: 'serve', ...summary }))
}
