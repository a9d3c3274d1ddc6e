// How a rollout's cost grows with its length: Rollout.run over plans of 100 to 20,000
// set-traffic-and-bake pairs (3 log entries a pair), the median of three runs each. The time
// per entry should stay flat (it grew with the log when every entry copied it).
//
//   npm run build && node bench/rollout.mjs
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { Rollout, decodeStage } from 'apigw-canary'
import { readJson } from './common.mjs'

const stage = decodeStage(readJson('../test/fixtures/seed-before.json'))
if (stage._tag !== 'Right') throw new Error(stage.left.message)

const planOf = (pairs) => {
  const steps = Array.from({ length: pairs }, (_, k) => [Rollout.setTraffic((k % 99) + 1), Rollout.bake(1000)]).flat()
  const plan = Rollout.fromSteps([...steps, Rollout.promote(), Rollout.disable()])
  if (plan._tag !== 'Right') throw new Error(plan.left.message)
  return plan.right
}

console.log(`# Rollout.run: time against length\n\nMachine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism?.() ?? os.cpus().length} cores; Node ${process.version}; load ${os.loadavg()[0].toFixed(2)}\n`)
console.log('| steps | entries | median time | per entry |')
console.log('| --: | --: | --: | --: |')
for (const pairs of [100, 1_000, 10_000, 20_000]) {
  const plan = planOf(pairs)
  const times = []
  let entries = 0
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const r = Rollout.run(plan, stage.right, [])
    times.push(performance.now() - t0)
    if (r._tag !== 'Right' || r.right.rollout.status._tag !== 'Succeeded') throw new Error('the rollout did not succeed')
    entries = r.right.entries.length
  }
  const median = times.sort((a, b) => a - b)[1]
  console.log(`| ${(pairs * 2 + 2).toLocaleString('en')} | ${entries.toLocaleString('en')} | ${median.toFixed(1)} ms | ${((median * 1000) / entries).toFixed(2)} µs |`)
}
