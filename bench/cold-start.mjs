// The cold start: wall time of whole `node` processes, median of N runs, against `node -e 0`
// (issue 16 asks for at most 1.5x): the executable (`promote`, `--help`) and the library's
// import (`import('apigw-canary')`, `import('apigw-canary/core')`, run in the checkout's folder,
// where the package resolves by its own name, through package.json's "exports" as for a user).
// Runs interleave (one of each command per round), so a busy machine colours every figure alike.
// `--against DIR` adds the same commands on another checkout's build (say, the commit before a
// change), interleaved with this one's. `--json` ends with one line:
// {"bench":"cold-start","nodeE0Ms":N,"nodeE0CpuMs":N,"load":[before,after],"cases":{"<name>":{"ms":N,"ratio":N,"cpuMs":N,"cpuRatio":N},...}}.
// The load average (one minute) before and after is printed too: on a busy machine the wall
// times, `node -e 0`'s included, move by a third from run to run, the CPU times far less.
//
//   npm run build && node bench/cold-start.mjs [--runs 10] [--against /tmp/before] [--json]
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, against: { type: 'string' }, json: { type: 'boolean', default: false } } })
const runs = Number(values.runs)
const here = resolve(import.meta.dirname, '..')
const trees = values.against === undefined ? [['', here]] : [['before ', resolve(values.against)], ['after ', here]]
const fixture = resolve(here, 'test/fixtures/seed-before.json')
const cases = [['node -e 0', here, ['-e', '0']]]
for (const [label, root] of trees) {
  // The executable that package.json's "bin" names (dist/esm/cli/main.js before issue 16's build).
  const main = resolve(root, JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).bin['apigw-canary'])
  cases.push(
    [`${label}promote seed-before.json`, root, [main, 'promote', fixture]],
    [`${label}--help`, root, [main, '--help']],
    [`${label}import('apigw-canary')`, root, ['-e', "import('apigw-canary')"]],
    [`${label}import('apigw-canary/core')`, root, ['-e', "import('apigw-canary/core')"]]
  )
}
// The children's CPU time too (user + system, from /proc/self/stat's cutime and cstime, in clock
// ticks), which a busy machine disturbs less than the wall time: mean per run.
const tick = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout || 100)
const childCpu = () => {
  if (process.platform !== 'linux') return Number.NaN
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return (Number(fields[13]) + Number(fields[14])) * tick
}
const loadBefore = loadavg()[0]
const times = new Map(cases.map(([name]) => [name, []]))
const cpu = new Map(cases.map(([name]) => [name, 0]))
for (let round = 0; round < runs; round++) {
  for (const [name, cwd, args] of cases) {
    const cpu0 = childCpu()
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`)
    times.get(name).push(ms)
    cpu.set(name, cpu.get(name) + childCpu() - cpu0)
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const floor = median(times.get('node -e 0'))
const cpuFloor = cpu.get('node -e 0') / runs
const load = [loadBefore, loadavg()[0]].map((l) => Math.round(l * 100) / 100)
console.log(`wall time, median of ${runs} runs (ms), and against node -e 0; CPU time (user + system), mean (ms), and against node -e 0 (load average ${load[0]} before, ${load[1]} after):`)
const json = {}
for (const [name] of cases) {
  const m = median(times.get(name))
  const c = cpu.get(name) / runs
  console.log(`  ${name.padEnd(40)} ${m.toFixed(0).padStart(5)}  ${(m / floor).toFixed(2)}x   cpu ${c.toFixed(0).padStart(5)}  ${(c / cpuFloor).toFixed(2)}x`)
  if (name !== 'node -e 0') json[name] = { ms: Math.round(m * 10) / 10, ratio: Math.round((m / floor) * 100) / 100, cpuMs: Math.round(c * 10) / 10, cpuRatio: Math.round((c / cpuFloor) * 100) / 100 }
}
// Whether the collector ran (once per command, `--trace-gc`): the root's import ends just under
// V8's first scavenge (new space 996 of 1,024 KiB), which costs 3 to 12 ms here when it comes back.
const collections = Object.fromEntries(
  cases.map(([name, cwd, args]) => {
    const r = spawnSync(process.execPath, ['--trace-gc', ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' })
    return [name, (r.stdout.match(/: (Scavenge|Mark-Compact|Minor Mark-Compact)\b/g) ?? []).length]
  })
)
console.log(`  collections during each command (--trace-gc, one run): ${Object.entries(collections).map(([n, c]) => `${n} ${c}`).join(', ')}`)
if (values.json) console.log(JSON.stringify({ bench: 'cold-start', nodeE0Ms: Math.round(floor * 10) / 10, nodeE0CpuMs: Math.round(cpuFloor * 10) / 10, load, collections, cases: json }))
