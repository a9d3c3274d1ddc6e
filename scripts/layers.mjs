// The layering check: every module of src/ sits in a layer named by its folder, and imports only
// from its own layer and the layers its row below allows. Also fails on any import cycle.
// `node scripts/layers.mjs` prints the graph's depth and exits 1 on the first kind of breach;
// `--graph` prints every edge. docs/architecture.md explains the layers.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** What each layer may import besides itself, lowest first. The order is the architecture's. */
export const LAYERS = {
  internal: [],
  stage: ['internal'],
  json: ['internal'],
  lifecycle: ['internal', 'stage'],
  patch: ['internal', 'stage', 'json', 'lifecycle'],
  traffic: ['internal', 'stage', 'lifecycle'],
  rollout: ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic'],
  'gateway/metrics': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout'],
  'gateway/control': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics'],
  'gateway/wire': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/control'],
  'gateway/data': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/control', 'gateway/wire'],
  'gateway/cloudwatch': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/wire'],
  'gateway/server': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/control', 'gateway/wire', 'gateway/cloudwatch', 'gateway/data'],
  'gateway/simulator': ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/control', 'gateway/wire', 'gateway/cloudwatch', 'gateway/server', 'gateway/data'],
  aws: ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout'],
  iac: ['internal', 'stage', 'json', 'lifecycle', 'patch'],
  testing: ['internal', 'stage', 'json', 'lifecycle', 'patch', 'traffic', 'rollout', 'gateway/metrics', 'gateway/control', 'gateway/wire', 'gateway/cloudwatch', 'gateway/server', 'gateway/simulator', 'aws', 'iac', 'gateway/data'],
  cli: ['*'],
  entry: ['*']
}

const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : []
  })

/** The layer of a file: the longest folder prefix that names a layer; files at src/'s top are entries. */
const layerOf = (file) => {
  const dir = dirname(relative(root, file)).split('\\').join('/')
  if (dir === '.') return 'entry'
  const parts = dir.split('/')
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('/')
    if (key in LAYERS) return key
  }
  return undefined
}

const specifiers = (text) => {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  return [...code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2])
}

export const graph = () => {
  const edges = new Map()
  for (const file of files(root)) {
    const targets = specifiers(readFileSync(file, 'utf8')).map((s) => resolve(dirname(file), s).replace(/\.js$/, '.ts'))
    edges.set(file, [...new Set(targets)])
  }
  return edges
}

const main = () => {
  const edges = graph()
  const problems = []
  for (const [file, targets] of edges) {
    const from = layerOf(file)
    if (from === undefined) problems.push(`${relative(root, file)} is in no layer: move it into one of ${Object.keys(LAYERS).join(', ')}`)
    for (const target of targets) {
      if (!edges.has(target)) {
        problems.push(`${relative(root, file)} imports ${relative(root, target)}, which does not exist`)
        continue
      }
      const to = layerOf(target)
      const allowed = from === to || LAYERS[from]?.includes('*') || LAYERS[from]?.includes(to)
      if (!allowed && to !== undefined && from !== undefined)
        problems.push(`${relative(root, file)} (layer ${from}) imports ${relative(root, target)} (layer ${to}): ${from} may import only ${[from, ...LAYERS[from]].join(', ')}. Move the shared piece down to a layer both may import.`)
    }
  }
  // Cycles (Tarjan's strongly connected components).
  let index = 0
  const stack = []
  const info = new Map()
  const cycles = []
  const visit = (v) => {
    info.set(v, { index, low: index, on: true })
    index++
    stack.push(v)
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue
      if (!info.has(w)) {
        visit(w)
        info.get(v).low = Math.min(info.get(v).low, info.get(w).low)
      } else if (info.get(w).on) info.get(v).low = Math.min(info.get(v).low, info.get(w).index)
    }
    if (info.get(v).low === info.get(v).index) {
      const component = []
      let w
      do {
        w = stack.pop()
        info.get(w).on = false
        component.push(relative(root, w))
      } while (w !== v)
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component)
    }
  }
  for (const v of edges.keys()) if (!info.has(v)) visit(v)
  for (const c of cycles) problems.push(`import cycle: ${c.join(' -> ')}. Move the type or helper both need into a module below both.`)
  // Depth: the longest import chain (only meaningful without cycles).
  const depth = new Map()
  const depthOf = (v) => {
    if (depth.has(v)) return depth.get(v)
    depth.set(v, 0)
    const d = 1 + Math.max(0, ...(edges.get(v) ?? []).filter((w) => edges.has(w)).map(depthOf))
    depth.set(v, d)
    return d
  }
  const deepest = Math.max(...[...edges.keys()].map(depthOf))
  // The same over layers: the longest chain of layers that import one another.
  const layerEdges = new Map()
  for (const [file, targets] of edges)
    for (const t of targets) {
      const [a, b] = [layerOf(file), layerOf(t)]
      if (a !== b && a !== undefined && b !== undefined && edges.has(t)) layerEdges.set(a, new Set([...(layerEdges.get(a) ?? []), b]))
    }
  const layerDepth = new Map()
  const layerDepthOf = (l) => {
    if (layerDepth.has(l)) return layerDepth.get(l)
    layerDepth.set(l, 0)
    const d = 1 + Math.max(0, ...[...(layerEdges.get(l) ?? [])].map(layerDepthOf))
    layerDepth.set(l, d)
    return d
  }
  const layerLevels = Math.max(...[...new Set([...edges.keys()].map(layerOf))].filter((l) => l !== undefined).map(layerDepthOf))
  if (process.argv.includes('--graph'))
    for (const [file, targets] of edges) for (const t of targets) console.log(`${relative(root, file)} -> ${relative(root, t)}`)
  if (problems.length > 0) {
    for (const p of problems) console.error(`layers: ${p}`)
    console.error(`layers: ${problems.length} problem(s); the layers are in docs/architecture.md`)
    process.exitCode = 1
  } else console.log(`layers: ${edges.size} modules in ${new Set([...edges.keys()].map(layerOf)).size} layers, ${layerLevels} layer levels (${deepest} module levels), no import runs upward, no cycle`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main()
