// How decodeStage's cost grows with its input: variables up to 100 (the most a stage can
// have), tags and method settings up to 1,000,000 keys, an unknown field nested up to 100,000
// levels deep. Prints, per series, the median (p50) and p99, the cost per element, and the
// growth from the smallest input to the largest against the growth of the input. For the big
// maps it also times a plain copy of the same map (Object.fromEntries over its entries) as a
// baseline: where the cost per key grows with n for both alike, the growth is the engine's
// (memory, hashing, garbage collection), not the decoder's.
//
//   npm run build && node --expose-gc bench/decode-scaling.mjs [--quick]   (--quick: up to 100,000 keys)
import os from 'node:os'
import { bench, do_not_optimize, run } from 'mitata'
import { decodeStage } from 'apigw-canary'

const quick = process.argv.includes('--quick')
const upTo = (sizes, max) => sizes.filter((n) => n <= max)

const record = (n, value) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value(i)]))
const nested = (depth) => {
  let v = {}
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

const base = { stageName: 'prod', deploymentId: 'nfcn0x' }
const copyOf = (field) => (input) => Object.fromEntries(Object.keys(input[field]).map((k) => [k, input[field][k]]))
const series = [
  { name: 'variables', unit: 'variable', sizes: [1, 10, 50, 100], input: (n) => ({ ...base, variables: record(n, (i) => `value${i}`) }) },
  { name: 'tags', unit: 'key', sizes: upTo([10, 1_000, 10_000, 100_000, 1_000_000], quick ? 100_000 : Infinity), input: (n) => ({ ...base, tags: record(n, (i) => `tag${i}`) }), baseline: copyOf('tags') },
  {
    name: 'methodSettings',
    unit: 'key',
    sizes: upTo([10, 1_000, 10_000, 100_000, 1_000_000], quick ? 100_000 : Infinity),
    input: (n) => ({ ...base, methodSettings: Object.fromEntries(Array.from({ length: n }, (_, i) => [`/r${i}/GET`, { metricsEnabled: true, loggingLevel: 'INFO', throttlingBurstLimit: i }])) }),
    baseline: copyOf('methodSettings')
  },
  { name: 'unknown field nested', unit: 'level', sizes: [10, 1_000, 10_000, 100_000], input: (n) => ({ ...base, extra: nested(n) }) }
]

// Every input decodes (a Right) before anything is timed.
const cases = []
for (const s of series) {
  for (const n of s.sizes) {
    const input = s.input(n)
    const r = decodeStage(input)
    if (r._tag !== 'Right') throw new Error(`${s.name} n=${n} does not decode: ${r.left.message}`)
    cases.push({ series: s, n, input, what: 'decodeStage' })
    bench(`${s.name} n=${n}`, () => do_not_optimize(decodeStage(input)))
    if (s.baseline !== undefined) {
      const copy = s.baseline
      cases.push({ series: s, n, input, what: 'baseline: copy of the map' })
      bench(`${s.name} n=${n} (baseline)`, () => do_not_optimize(copy(input)))
    }
  }
}
// And one past the limit is refused, as AWS does.
if (decodeStage({ ...base, variables: record(101, (i) => `v${i}`) })._tag !== 'Left') throw new Error('101 variables should be refused')

const { benchmarks, context } = await run({ format: 'quiet' })

const time = (ns) => (ns < 1e3 ? `${ns.toFixed(0)} ns` : ns < 1e6 ? `${(ns / 1e3).toFixed(2)} µs` : ns < 1e9 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e9).toFixed(2)} s`)
const stats = benchmarks.map((b) => b.runs[0].stats)

console.log(`# decodeStage: cost against input size\n`)
console.log(`Machine: ${os.cpus()[0]?.model ?? context.cpu.name}, ${os.availableParallelism?.() ?? os.cpus().length} cores; Node ${process.version}; ${os.type()} ${os.release()} ${os.arch()}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`)
console.log('| series | n | what | p50 | p99 | p50 per element | ÷ baseline |')
console.log('|---|--:|---|--:|--:|--:|--:|')
cases.forEach((c, i) => {
  const baseline = c.what === 'decodeStage' ? cases.findIndex((b) => b.series === c.series && b.n === c.n && b.what !== 'decodeStage') : -1
  const rel = baseline === -1 ? '' : `${(stats[i].p50 / stats[baseline].p50).toFixed(1)}×`
  console.log(`| ${c.series.name} | ${c.n.toLocaleString('en')} | ${c.what} | ${time(stats[i].p50)} | ${time(stats[i].p99)} | ${time(stats[i].p50 / c.n)} | ${rel} |`)
})
console.log('')
for (const s of series) {
  const rows = cases.map((c, i) => ({ ...c, p50: stats[i].p50 })).filter((c) => c.series === s && c.what === 'decodeStage')
  const baselines = cases.map((c, i) => ({ ...c, p50: stats[i].p50 })).filter((c) => c.series === s && c.what !== 'decodeStage')
  const first = rows[0]
  const last = rows[rows.length - 1]
  const head = `- ${s.name}: n ${first.n.toLocaleString('en')} → ${last.n.toLocaleString('en')} (${(last.n / first.n).toLocaleString('en')}×), p50 ${time(first.p50)} → ${time(last.p50)} (${(last.p50 / first.p50).toFixed(1)}×); per ${s.unit} ${time(first.p50 / first.n)} → ${time(last.p50 / last.n)}`
  if (baselines.length > 0) {
    // Against the plain copy of the same map, from 1,000 keys up (below, fixed costs dominate).
    const ratios = rows.filter((r) => r.n >= 1_000).map((r) => r.p50 / baselines.find((b) => b.n === r.n).p50)
    const lo = Math.min(...ratios)
    const hi = Math.max(...ratios)
    const copyGrowth = baselines[baselines.length - 1].p50 / baselines[baselines.length - 1].n / (baselines[0].p50 / baselines[0].n)
    console.log(
      `${head}; a plain copy's cost per ${s.unit} grows ${copyGrowth.toFixed(1)}× over the same range, and decodeStage stays within ${lo.toFixed(1)}×–${hi.toFixed(1)}× of it: ${hi / lo < 2.5 ? 'linear (the growth per key is the engine\'s: memory, hashing, garbage collection)' : 'GROWS FASTER THAN A COPY'}`
    )
  } else {
    const [a, b] = rows.slice(-2)
    const perKeyGrowth = b.p50 / b.n / (a.p50 / a.n)
    console.log(`${head}: ${last.p50 / first.p50 < 2 ? 'flat (the field is kept, not walked)' : perKeyGrowth < 2 ? 'linear (or better)' : 'SUPER-LINEAR'}`)
  }
}
