// Issue 16's table in one run: every workload against its floor and the peers, each measured
// by its own benchmark (one process per contender, as the others do), then one table with the
// ratios and the goals. Run it on the built package, on a machine with nothing else running:
//
//   npm run build && node bench/issue16.mjs [--rounds 3] [--only applier,decode,sdk,serve,cold]
//
// What it runs (each also works on its own; see bench/README.md):
//   applier, decode  node bench/run.mjs promote mixed decode --rounds N --json FILE
//   sdk              node bench/sdk-roundtrip.mjs --json
//   serve            node bench/serve-throughput.mjs --json
//   cold             node bench/cold-start.mjs --json
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, only: { type: 'string', default: 'applier,decode,sdk,serve,cold' } }
})
const only = new Set(values.only.split(','))
const here = (file) => fileURLToPath(new URL(file, import.meta.url))
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
const loadBefore = load()

/** Runs a benchmark script; its progress goes to our stderr, its last JSON line is the answer. */
const run = (args) => {
  process.stderr.write(`# node ${args.map((a) => a.replace(/^.*\/bench\//, 'bench/')).join(' ')}\n`)
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 })
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}`)
  const json = child.stdout.split('\n').filter((l) => l.startsWith('{"bench"'))
  return json.length === 0 ? undefined : JSON.parse(json[json.length - 1])
}

const rows = []
const time = (ns) => (ns < 1e3 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(2)} µs` : `${(ns / 1e6).toFixed(2)} ms`)
const rate = (n) => (n >= 1e3 ? `${(n / 1e3).toFixed(1)}k/s` : `${n.toFixed(0)}/s`)
const x = (r) => `${r.toFixed(2)}x`

// ---------------------------------------------------------------------------------------------
// the appliers and decodeStage: run.mjs, one process per contender, medians of the rounds
// ---------------------------------------------------------------------------------------------
const workloads = [...(only.has('applier') ? ['promote', 'mixed'] : []), ...(only.has('decode') ? ['decode'] : [])]
if (workloads.length > 0) {
  const dir = mkdtempSync(join(os.tmpdir(), 'apigw-canary-issue16-'))
  const file = join(dir, 'run.json')
  try {
    const child = spawnSync(process.execPath, [here('./run.mjs'), ...workloads, '--rounds', values.rounds, '--json', file], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (child.status !== 0) throw new Error(`run.mjs exited ${child.status}`)
    const { results } = JSON.parse(readFileSync(file, 'utf8'))
    const ok = results.filter((r) => r.status === 'ok')
    /** One row: ours, the fastest peer (anything but ours and the floors), the floor. */
    const timed = (workload, casePattern, label, goal, met, floorName = 'floor') => {
      const of = ok.filter((r) => r.workload === workload && casePattern.test(r.case))
      const ours = of.find((r) => r.contender === 'apigw-canary')
      const floor = of.find((r) => r.contender === floorName)
      const parse = of.find((r) => r.contender === 'JSON.parse')
      if (ours === undefined || floor === undefined) return
      const peers = of.filter((r) => !['apigw-canary', 'floor', 'JSON.parse'].includes(r.contender)).sort((a, b) => a.p50 - b.p50)
      // decodeStage's goal names zod: its row shows zod first, then the fastest other peer
      const shown = workload === 'decode' ? [...peers.filter((p) => p.contender === 'zod'), ...peers.filter((p) => p.contender !== 'zod').slice(0, 1)] : peers.slice(0, 1)
      const ratio = ours.p50 / floor.p50
      rows.push({
        label,
        ours: time(ours.p50),
        peer: shown.map((p) => `${p.contender} ${time(p.p50)} (ours ${x(ours.p50 / p.p50)})`).join('; '),
        floor: `${time(floor.p50)} (ours ${x(ratio)})${parse === undefined ? '' : `; JSON.parse ${time(parse.p50)} (ours ${x(ours.p50 / parse.p50)})`}`,
        goal,
        met: met({ ours: ours.p50, floor: floor.p50, peers })
      })
    }
    const fasterThanPeers = ({ ours, peers }) => peers.every((p) => ours < p.p50)
    timed('promote', /^promote/, 'promote, 3 ops on the docs\' stage', 'at most 1.5x the floor', ({ ours, floor }) => ours <= 1.5 * floor)
    timed('promote', /^replace \/description/, '`replace /description` (not yet on the stage)', 'at most 1.5x the floor', ({ ours, floor }) => ours <= 1.5 * floor)
    timed('mixed', /^mixed/, 'mixed, 20 ops', 'faster than every peer', fasterThanPeers)
    for (const c of [...new Set(ok.filter((r) => r.workload === 'decode').map((r) => r.case))]) {
      timed('decode', new RegExp(`^${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), c, 'faster than zod', ({ ours, peers }) => peers.filter((p) => p.contender === 'zod').every((p) => ours < p.p50))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------
// the SDK through createSimulator(), serve over loopback, cold start
// ---------------------------------------------------------------------------------------------
if (only.has('sdk')) {
  const r = run([here('./sdk-roundtrip.mjs'), '--json'])
  if (r !== undefined)
    rows.push({ label: 'SDK v3 UpdateStage through `createSimulator()`', ours: rate(r.oursPerSecond), peer: '', floor: `do-nothing handler ${rate(r.doNothingPerSecond)} (ours ${x(r.ratio)}, CPU ${x(r.cpuRatio)})`, goal: 'at least 0.9 of the do-nothing handler', met: r.ratio >= 0.9 })
}
if (only.has('serve')) {
  const r = run([here('./serve-throughput.mjs'), '--json'])
  if (r !== undefined)
    for (const [key, label] of [['getStage', 'get-stage'], ['updateStage', 'update-stage']])
      rows.push({ label: `\`serve\` ${label} over loopback`, ours: rate(r[key].ours), peer: '', floor: `canned node:http ${rate(r[key].canned)} (ours ${x(r[key].ratio)})`, goal: 'at least 0.6 of the canned server', met: r[key].ratio >= 0.6 })
}
if (only.has('cold')) {
  const r = run([here('./cold-start.mjs'), '--json'])
  if (r !== undefined)
    for (const [name, c] of Object.entries(r.cases))
      rows.push({
        label: `cold start: ${name}`,
        ours: `${c.ms.toFixed(0)} ms (CPU ${c.cpuMs.toFixed(0)} ms)`,
        peer: '',
        floor: `\`node -e 0\` ${r.nodeE0Ms.toFixed(0)} ms, CPU ${r.nodeE0CpuMs.toFixed(0)} ms (ours ${x(c.ratio)}, CPU ${x(c.cpuRatio)})`,
        goal: 'at most 1.5x `node -e 0`',
        met: c.ratio <= 1.5 && c.cpuRatio <= 1.5
      })
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
console.log(`# Issue 16: each workload against its floor\n`)
console.log(`${cpu}, ${os.availableParallelism()} cores; Node ${process.version}; ${os.type()} ${os.release()}; load average ${loadBefore} before, ${load()} after; ${values.rounds} rounds for the appliers and the decoder.\n`)
console.log('| workload | ours | best peer | floor | goal | met |')
console.log('| --- | --: | --- | --- | --- | --- |')
for (const r of rows) console.log(`| ${r.label} | ${r.ours} | ${r.peer} | ${r.floor} | ${r.goal} | ${r.met ? 'yes' : '**no**'} |`)
