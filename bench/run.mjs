// The benchmark driver: one process per workload and contender (`node bench/<workload>.mjs
// <contender>`), run one after the other; collects their JSON lines and prints, per workload, a
// table of medians (p50) and p99 with the ratio of each contender to our applier, then the
// targets. Run it against the built package:
//
//   npm run build && node bench/run.mjs                  every workload, every contender
//   node bench/run.mjs promote scaling                   some workloads
//   node bench/run.mjs decode                            decodeStage against zod, plain io-ts,
//                                                        a hand-written floor and JSON.parse
//   node bench/run.mjs --contenders apigw-canary,floor   some contenders
//   node bench/run.mjs --check                           check every answer, time nothing
//   node bench/run.mjs --json results.json               also write the raw lines
//   node bench/run.mjs --rounds 3                        run everything 3 times, interleaved, and
//                                                        report the median of the rounds' medians
//
// Correctness comes first: each child checks its contender's answer against the expected
// document (and that the input is unchanged) before timing it; a wrong answer is reported, not
// timed. The children run with NODE_ENV=production (immer's production paths) and --expose-gc
// (mitata collects garbage between benchmarks).
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

const here = (file) => fileURLToPath(new URL(file, import.meta.url))

const workloads = ['promote', 'mixed', 'scaling', 'generic', 'decode']
const allContenders = ['apigw-canary', 'fast-json-patch', 'rfc6902', 'json-joy', 'immer', 'floor']
// decodeStage has contenders of its own (bench/decode.mjs)
const decodeContenders = ['apigw-canary', 'zod', 'io-ts', 'floor', 'JSON.parse']

const args = process.argv.slice(2)
const option = (name) => {
  const i = args.indexOf(name)
  return i === -1 ? undefined : args.splice(i, 2)[1]
}
const check = args.includes('--check') ? (args.splice(args.indexOf('--check'), 1), true) : false
const jsonOut = option('--json')
const rounds = Number(option('--rounds') ?? 1)
const chosen = option('--contenders')?.split(',')
const contendersOf = (workload) => (workload === 'decode' ? decodeContenders : allContenders).filter((c) => chosen === undefined || chosen.includes(c))
const selected = args.length === 0 ? workloads : args
for (const w of selected) if (!workloads.includes(w)) throw new Error(`unknown workload ${w}; one of ${workloads.join(', ')}`)

if (!existsSync(here('../dist/esm/index.js'))) {
  console.error('The built package is missing: run `npm run build` first.')
  process.exit(1)
}

// -------------------------------------------------------------------------------------
// the machine
// -------------------------------------------------------------------------------------

const cpus = os.cpus()
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: os.availableParallelism?.() ?? cpus.length,
  node: process.version,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
  loadBefore: os.loadavg().map((l) => l.toFixed(2)).join(' ')
}
console.log(`# apigw-canary benchmarks\n`)
console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}; Node ${machine.node}; ${machine.os}`)
console.log(`Load average (1, 5, 15 min) before: ${machine.loadBefore}${rounds > 1 ? `; ${rounds} rounds, each figure the median of the rounds' (p50 range in brackets)` : ''}\n`)

// -------------------------------------------------------------------------------------
// running the children
// -------------------------------------------------------------------------------------

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** Runs one child; retries when the build vanished under it (another `npm run build`). */
const runChild = (workload, contender) => {
  for (let attempt = 1; ; attempt++) {
    const child = spawnSync(process.execPath, ['--expose-gc', here(`./${workload}.mjs`), contender], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production', ...(check ? { BENCH_CHECK_ONLY: '1' } : {}) },
      maxBuffer: 64 * 2 ** 20
    })
    const lines = child.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
    if (child.status === 0) return lines
    const rebuilt = /ERR_MODULE_NOT_FOUND|Cannot find module/.test(child.stderr)
    if (rebuilt && attempt < 5) {
      process.stderr.write(`  (${workload} ${contender}: the build is missing, probably being rebuilt; retrying in 20 s)\n`)
      sleep(20_000)
      continue
    }
    return [...lines, { workload, case: '(process)', contender, status: 'error', detail: child.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 300) }]
  }
}

// The floor is a hand-written Stage update: it has no counterpart in the generic workload.
const appliesTo = (workload, contender) => !(workload === 'generic' && contender === 'floor')

const raw = []
for (let round = 1; round <= rounds; round++) {
  for (const workload of selected) {
    for (const contender of contendersOf(workload).filter((c) => appliesTo(workload, c))) {
      process.stderr.write(`${rounds > 1 ? `round ${round}/${rounds}, ` : ''}${workload}: ${contender}...\n`)
      raw.push(...runChild(workload, contender).map((r) => ({ ...r, round })))
    }
  }
}

/** One line per workload, case and contender: over several rounds, the median of each statistic. */
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const results = []
for (const r of raw) {
  if (results.some((x) => x.workload === r.workload && x.case === r.case && x.contender === r.contender)) continue
  const same = raw.filter((x) => x.workload === r.workload && x.case === r.case && x.contender === r.contender)
  const ok = same.filter((x) => x.status === 'ok')
  const { round: _round, ...first } = same.find((x) => x.status !== 'ok') ?? r
  results.push(
    ok.length === same.length && ok.length > 1
      ? { ...first, rounds: ok.length, p50: median(ok.map((x) => x.p50)), p99: median(ok.map((x) => x.p99)), p50Min: Math.min(...ok.map((x) => x.p50)), p50Max: Math.max(...ok.map((x) => x.p50)) }
      : first
  )
}
machine.loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ')
machine.mitataCpu = results.find((r) => r.cpu)?.cpu
machine.stageApplier = results.find((r) => r.source)?.source

// -------------------------------------------------------------------------------------
// the tables
// -------------------------------------------------------------------------------------

const time = (ns) =>
  ns === undefined ? '' : ns < 1e3 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(2)} µs` : ns < 1e9 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e9).toFixed(2)} s`
const ratio = (x) => (x === undefined || !Number.isFinite(x) ? '' : `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`)

const find = (workload, c, contender) => results.find((r) => r.workload === workload && r.case === c && r.contender === contender)

for (const workload of selected) {
  const rows = results.filter((r) => r.workload === workload)
  const cases = [...new Set(rows.map((r) => r.case))]
  console.log(`## ${workload}\n`)
  console.log('| case | contender | p50 | p99 | p50 ÷ ours | note |')
  console.log('|---|---|--:|--:|--:|---|')
  for (const c of cases) {
    const ours = find(workload, c, 'apigw-canary')
    for (const r of rows.filter((x) => x.case === c)) {
      const note = r.status === 'ok' ? '' : r.status === 'checked' ? 'answer checked, not timed' : `${r.status === 'wrong' ? 'WRONG ANSWER (not timed)' : r.status}: ${r.detail ?? ''}`
      const rel = r.status === 'ok' && ours?.status === 'ok' ? ratio(r.p50 / ours.p50) : ''
      const range = r.p50Min === undefined ? '' : ` [${time(r.p50Min)}–${time(r.p50Max)}]`
      console.log(`| ${c} | ${r.contender} | ${time(r.p50)}${range} | ${time(r.p99)} | ${rel} | ${note.replaceAll('|', '\\|')} |`)
    }
  }
  console.log('')
}

// -------------------------------------------------------------------------------------
// the targets
// -------------------------------------------------------------------------------------

const targets = []
const promote = results.filter((r) => r.workload === 'promote' && r.status === 'ok')
const ours = promote.find((r) => r.contender === 'apigw-canary')
const fjp = promote.find((r) => r.contender === 'fast-json-patch')
const floor = promote.find((r) => r.contender === 'floor')
if (ours && fjp) targets.push(`promote: fast-json-patch (safe mode) p50 ÷ ours = ${ratio(fjp.p50 / ours.p50)} (target ≥ 3×): ${fjp.p50 / ours.p50 >= 3 ? 'met' : 'MISSED'}`)
if (ours && floor) targets.push(`promote: ours p50 ÷ hand-written floor = ${ratio(ours.p50 / floor.p50)} (target ≤ 3×): ${ours.p50 / floor.p50 <= 3 ? 'met' : 'MISSED'}`)
const scaling = results.filter((r) => r.workload === 'scaling' && r.contender === 'apigw-canary' && r.status === 'ok')
for (const prefix of ['replace /canarySettings/percentTraffic', 'replace /~1r1/GET/metrics/enabled', 'replace /variables/v1']) {
  const series = scaling.filter((r) => r.case.startsWith(prefix)).sort((a, b) => a.size - b.size)
  if (series.length < 2) continue
  const first = series[0]
  const last = series[series.length - 1]
  const growth = last.p50 / first.p50
  const sizeGrowth = last.size / first.size
  const shape = growth < 2 ? 'flat' : growth > sizeGrowth / 4 ? 'linear' : 'sub-linear'
  targets.push(`scaling, ${prefix}: n ${first.size} → ${last.size} (${sizeGrowth}×): ours p50 ${time(first.p50)} → ${time(last.p50)} (${ratio(growth)}): ${shape}`)
}
for (const r of results.filter((x) => x.workload === 'decode' && x.contender === 'apigw-canary' && x.status === 'ok')) {
  const zod = find('decode', r.case, 'zod')
  const floorOf = find('decode', r.case, 'floor')
  if (zod?.status !== 'ok') continue
  const toFloor = floorOf?.status === 'ok' ? `; ours ÷ hand-written floor = ${ratio(r.p50 / floorOf.p50)}` : ''
  targets.push(`${r.case}: zod p50 ÷ ours = ${ratio(zod.p50 / r.p50)} (target > 1×, faster than zod): ${zod.p50 > r.p50 ? 'met' : 'MISSED'}${toFloor}`)
}
if (targets.length > 0) console.log(`## Targets\n\n${targets.map((t) => `- ${t}`).join('\n')}\n`)
console.log(`Load average after: ${machine.loadAfter}. mitata's CPU: ${machine.mitataCpu ?? 'n/a'}. Our Stage applier from: ${machine.stageApplier ?? 'n/a'}.`)

if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify({ machine, rounds, results, raw }, null, 1) + '\n')
