// Simulated requests per second: simulate(stage, { requests, seed }) on the AWS docs' example
// stage (10.5% to the canary), for runs of 10,000 to 10,000,000 requests, each timed three
// times after a warm-up; prints the median per size and the machine.
//
//   npm run build && node bench/simulate.mjs [--quick]
//
// Each run is checked before it is timed: the counts add up to the requests, and the same
// seed gives the same counts.
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { decodeStage, simulate } from 'apigw-canary'
import { readJson } from './common.mjs'

const quick = process.argv.includes('--quick')
const stage = decodeStage(readJson('../test/fixtures/seed-before.json'))
if (stage._tag !== 'Right') throw new Error(stage.left.message)

const run = (requests, seed) => {
  const r = simulate(stage.right, { requests, seed })
  if (r._tag !== 'Right') throw new Error(r.left.message)
  return r.right
}

const check = (requests) => {
  const a = run(requests, 7)
  const b = run(requests, 7)
  if (a.production + a.canary !== requests) throw new Error(`counts do not add up to ${requests}`)
  if (a.canary !== b.canary) throw new Error('the same seed gave two runs')
}

const cpu = os.cpus()[0]?.model ?? 'unknown'
console.log(`# simulate: requests per second\n\nMachine: ${cpu}, ${os.availableParallelism?.() ?? os.cpus().length} cores; Node ${process.version}; load ${os.loadavg()[0].toFixed(2)}\n`)
console.log('| requests | median time | requests per second |')
console.log('| --: | --: | --: |')
run(100_000, 1) // warm-up
for (const requests of quick ? [10_000, 1_000_000] : [10_000, 100_000, 1_000_000, 10_000_000]) {
  check(Math.min(requests, 1_000_000))
  const times = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    run(requests, 42 + i)
    times.push(performance.now() - t0)
  }
  const median = times.sort((x, y) => x - y)[1]
  console.log(`| ${requests.toLocaleString('en')} | ${median.toFixed(1)} ms | ${Math.round((requests / median) * 1000).toLocaleString('en')} |`)
}
