// Quick A/B of the Stage applier against the floor in one process, the best of many short
// rounds of CPU time (robust on a busy machine): node bench/quick.mjs [promote|description|mixed ...]
// Not a replacement for run.mjs (one process per contender); a development aid.
import { stageApplier } from './common.mjs'
import { descriptionCase, mixedCase, promoteCase } from './stages.mjs'

const cases = { promote: promoteCase, description: descriptionCase, mixed: mixedCase }
const selected = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(cases)
let sink = 0
// CPU time of this thread, not wall time: on a shared machine the waits for a core drop out.
const time = (f, n) => {
  const t0 = process.cpuUsage()
  for (let i = 0; i < n; i++) sink ^= f() === undefined ? 1 : 0
  const t = process.cpuUsage(t0)
  return ((t.user + t.system) * 1000) / n
}
for (const name of selected) {
  const c = cases[name]
  const ours = () => stageApplier.applyPatch(c.stage, c.awsOps)
  const floor = () => c.floor(c.stage)
  const n = name === 'mixed' ? 2_000 : 20_000
  let best = [Infinity, Infinity]
  for (let r = 0; r < 60; r++) {
    best = [Math.min(best[0], time(ours, n)), Math.min(best[1], time(floor, n))]
  }
  console.log(`${name}: ours ${best[0].toFixed(0)} ns, floor ${best[1].toFixed(0)} ns, ${(best[0] / best[1]).toFixed(2)}x the floor`)
}
if (sink === 42) console.log('')
