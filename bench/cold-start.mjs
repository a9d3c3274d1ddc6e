// The command line's cold start: wall time of whole `node` processes, median of N runs, against
// `node -e 0` (issue 16 asks for at most 1.5x). Runs interleave (one of each command per round),
// so a busy machine colours every figure alike. `--against DIR` adds the same commands on
// another checkout's build (say, the commit before a change), interleaved with this one's.
//
//   npm run build && node bench/cold-start.mjs [--runs 10] [--against /tmp/before]
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, against: { type: 'string' } } })
const runs = Number(values.runs)
const here = resolve(import.meta.dirname, '..')
const trees = values.against === undefined ? [['', here]] : [['before ', resolve(values.against)], ['after ', here]]
const fixture = resolve(here, 'test/fixtures/seed-before.json')
const cases = [['node -e 0', here, ['-e', '0']]]
for (const [label, root] of trees) {
  const main = resolve(root, 'dist/esm/cli/main.js')
  cases.push([`${label}promote seed-before.json`, root, [main, 'promote', fixture]], [`${label}--help`, root, [main, '--help']])
}
const times = new Map(cases.map(([name]) => [name, []]))
for (let round = 0; round < runs; round++) {
  for (const [name, cwd, args] of cases) {
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`)
    times.get(name).push(ms)
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const floor = median(times.get('node -e 0'))
console.log(`median of ${runs} runs (ms), and against node -e 0:`)
for (const [name] of cases) {
  const m = median(times.get(name))
  console.log(`  ${name.padEnd(34)} ${m.toFixed(0).padStart(5)}  ${(m / floor).toFixed(2)}x`)
}
