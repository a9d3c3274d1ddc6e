// What every workload shares: the contenders (each behind one adapter), the correctness check
// that runs before any timing, a reference RFC 6902 applier for the expected documents, and the
// harness that times one contender with mitata and prints one JSON line per case.
//
// A workload file calls `runWorkload(name, cases)`; `node bench/<workload>.mjs <contender>`
// then times that one contender on every case (one process per contender, see run.mjs).
//
// A case is
//   { name, doc, ops,                 the plain JSON document and the RFC 6902 patch for the generic libraries
//     stage?, awsOps?,                the Stage and the update-stage operations for our Stage applier
//     ours?: 'stage' | 'json-patch',  which of our appliers this case measures
//     floor?: (input) => output,      a hand-written object-spread version (the floor), on `stage`
//     expected }                      the document every contender must produce
import { readFileSync } from 'node:fs'
import { bench, do_not_optimize, run } from 'mitata'
import fastJsonPatch from 'fast-json-patch'
import * as rfc6902 from 'rfc6902'
import * as jsonJoy from 'json-joy/lib/json-patch/index.js'
import { applyPatches as immerApplyPatches, enablePatches } from 'immer'

enablePatches()

// -------------------------------------------------------------------------------------
// the library under test: the BUILT package, imported by its own name
// -------------------------------------------------------------------------------------

const pkg = await import('apigw-canary')

/**
 * The Stage applier. The package's index re-exports it once `StagePatch` is public; until
 * then it is read from the built module itself (`dist/esm/patch/StagePatch.js`), and `source` says so.
 */
const stageModule = typeof pkg.applyPatch === 'function' ? pkg : await import('../dist/esm/patch/StagePatch.js')
export const stageApplier = {
  applyPatch: stageModule.applyPatch,
  source: stageModule === pkg ? "import { applyPatch } from 'apigw-canary'" : "dist/esm/patch/StagePatch.js (applyPatch is not yet exported from the package's index)"
}
export const { decodeStage, JsonPatch } = pkg

// -------------------------------------------------------------------------------------
// JSON helpers
// -------------------------------------------------------------------------------------

/** JSON text with object keys sorted: equal for documents that are equal as JSON. */
export const canonical = (value) =>
  JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v
  )

export const jsonClone = (value) => JSON.parse(JSON.stringify(value))

export const readJson = (relative) => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'))

/** The first place two JSON values differ, for the report of a wrong answer. */
export const firstDifference = (a, b, path = '') => {
  if (canonical(a) === canonical(b)) return undefined
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '/'}: got ${JSON.stringify(a)?.slice(0, 80)}, expected ${JSON.stringify(b)?.slice(0, 80)}`
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[key], b[key], `${path}/${key}`)
    if (d !== undefined) return d
  }
  return `${path || '/'}: differs`
}

const unescapeToken = (t) => t.replaceAll('~1', '/').replaceAll('~0', '~')
export const pointerTokens = (pointer) => (pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeToken))

/** A deterministic pseudo-random source (mulberry32), so that every run builds the same workloads. */
export const prng = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

// -------------------------------------------------------------------------------------
// reference RFC 6902 applier: plain and mutable, on a JSON clone; the source of `expected`
// for the generic workloads (independent of every contender)
// -------------------------------------------------------------------------------------

const referenceOp = (root, op) => {
  const resolve = (pointer, insert) => {
    const tokens = pointerTokens(pointer)
    if (tokens.length === 0) return { parent: undefined, key: undefined }
    let node = root
    for (const t of tokens.slice(0, -1)) {
      const k = Array.isArray(node) ? Number(t) : t
      if (node === null || typeof node !== 'object' || !Object.hasOwn(node, k)) throw new Error(`reference: ${pointer} does not exist`)
      node = node[k]
    }
    const last = tokens[tokens.length - 1]
    if (node === null || typeof node !== 'object') throw new Error(`reference: the parent of ${pointer} is not a container`)
    if (Array.isArray(node)) {
      const i = last === '-' && insert ? node.length : Number(last)
      if (!(Number.isInteger(i) && i >= 0 && (insert ? i <= node.length : i < node.length))) throw new Error(`reference: bad index in ${pointer}`)
      return { parent: node, key: i }
    }
    if (!insert && !Object.hasOwn(node, last)) throw new Error(`reference: ${pointer} does not exist`)
    return { parent: node, key: last }
  }
  const get = (pointer) => {
    const { parent, key } = resolve(pointer, false)
    return parent === undefined ? root : parent[key]
  }
  const add = (pointer, value) => {
    const { parent, key } = resolve(pointer, true)
    if (parent === undefined) return value
    if (Array.isArray(parent)) parent.splice(key, 0, value)
    else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true })
    return root
  }
  const remove = (pointer) => {
    const { parent, key } = resolve(pointer, false)
    if (Array.isArray(parent)) parent.splice(key, 1)
    else delete parent[key]
    return root
  }
  switch (op.op) {
    case 'add':
      return add(op.path, jsonClone(op.value))
    case 'remove':
      return remove(op.path)
    case 'replace':
      return (remove(op.path), add(op.path, jsonClone(op.value)))
    case 'copy':
      return add(op.path, jsonClone(get(op.from)))
    case 'move': {
      const value = get(op.from)
      remove(op.from)
      return add(op.path, value)
    }
    case 'test':
      if (canonical(get(op.path)) !== canonical(op.value)) throw new Error(`reference: test ${op.path} failed`)
      return root
    default:
      throw new Error(`reference: unknown op ${op.op}`)
  }
}

/** Applies an RFC 6902 patch to a JSON clone of `doc`, plainly; throws on any error. */
export const referenceApply = (doc, ops) => ops.reduce(referenceOp, jsonClone(doc))

// -------------------------------------------------------------------------------------
// immer: JSON Patch with array paths, and only add, replace and remove
// -------------------------------------------------------------------------------------

/**
 * The patch in immer's form (array paths, numeric indices, `-` resolved to the array's length
 * at that point), or the reason immer cannot express it.
 */
const toImmerPatches = (doc, ops) => {
  const unsupported = ops.find((op) => op.op !== 'add' && op.op !== 'replace' && op.op !== 'remove')
  if (unsupported !== undefined) return { reason: `immer's applyPatches has no ${unsupported.op} operation (only add, replace, remove)` }
  let scratch = jsonClone(doc)
  const patches = ops.map((op) => {
    const tokens = pointerTokens(op.path)
    let node = scratch
    const path = tokens.map((t, i) => {
      const key = Array.isArray(node) ? (t === '-' ? node.length : Number(t)) : t
      if (i < tokens.length - 1) node = node[key]
      return key
    })
    scratch = referenceOp(scratch, op)
    return op.op === 'remove' ? { op: 'remove', path } : { op: op.op, path, value: op.value }
  })
  return { patches }
}

// -------------------------------------------------------------------------------------
// contenders
// -------------------------------------------------------------------------------------

const either = (r) => (r._tag === 'Right' ? r.right : { error: r.left })

/**
 * Each contender: for a case, either `{ run, result }` (run is what is timed; result reads the
 * final document from its return value) or `{ reason }` when it cannot take part.
 */
export const contenders = {
  'apigw-canary': (c) => {
    if (c.ours === 'stage') {
      const { applyPatch } = stageApplier
      return { run: () => applyPatch(c.stage, c.awsOps), result: either, input: () => c.stage }
    }
    return { run: () => JsonPatch.applyPatch(c.doc, c.ops), result: either, input: () => c.doc }
  },
  // Its safe mode: validate the operations, and clone the document instead of mutating it.
  'fast-json-patch': (c) => ({ run: () => fastJsonPatch.applyPatch(c.doc, c.ops, true, false), result: (r) => r.newDocument, input: () => c.doc }),
  // It mutates its argument: the clone is part of the cost of an immutable update.
  rfc6902: (c) => ({
    run: () => {
      const doc = jsonClone(c.doc)
      return { doc, errors: rfc6902.applyPatch(doc, c.ops) }
    },
    result: (r) => (r.errors.every((e) => e === null) ? r.doc : { error: String(r.errors.find((e) => e !== null)) }),
    input: () => c.doc
  }),
  'json-joy': (c) => ({ run: () => jsonJoy.applyPatch(c.doc, c.ops, { mutate: false }), result: (r) => r.doc, input: () => c.doc }),
  immer: (c) => {
    const translated = toImmerPatches(c.doc, c.ops)
    if (translated.patches === undefined) return { reason: translated.reason }
    const patches = translated.patches
    return { run: () => immerApplyPatches(c.doc, patches), result: (r) => r, input: () => c.doc }
  },
  floor: (c) =>
    c.floor === undefined
      ? { reason: 'no hand-written version for this case' }
      : { run: () => c.floor(c.stage), result: (r) => r, input: () => c.stage }
}

export const contenderNames = Object.keys(contenders)

// -------------------------------------------------------------------------------------
// the harness
// -------------------------------------------------------------------------------------

const emit = (line) => process.stdout.write(JSON.stringify(line) + '\n')

/** Checks one contender's answer on one case; `undefined` when it is right. */
const check = (adapter, c) => {
  const before = canonical(adapter.input())
  let out
  try {
    out = adapter.result(adapter.run())
  } catch (error) {
    return { status: 'error', detail: `threw: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200) }
  }
  if (canonical(adapter.input()) !== before) return { status: 'wrong', detail: 'mutated its input' }
  if (out !== null && typeof out === 'object' && 'error' in out && Object.keys(out).length === 1) {
    return { status: 'wrong', detail: `refused the patch: ${JSON.stringify(out.error).slice(0, 200)}` }
  }
  const d = firstDifference(out, c.expected)
  return d === undefined ? undefined : { status: 'wrong', detail: d }
}

/** BENCH_CHECK_ONLY=1: check every answer, time nothing (`node bench/run.mjs --check`). */
const checkOnly = process.env['BENCH_CHECK_ONLY'] === '1'

/** Times one contender (named by argv[2]) on every case; prints one JSON line per case. */
export const runWorkload = async (workload, cases) => {
  const name = process.argv[2]
  const make = contenders[name]
  if (make === undefined) {
    console.error(`usage: node bench/${workload}.mjs <contender>\ncontenders: ${contenderNames.join(', ')}`)
    process.exit(2)
  }
  const timed = []
  for (const c of cases) {
    const base = { workload, case: c.name, contender: name, ...(c.size === undefined ? {} : { size: c.size }) }
    const adapter = make(c)
    if (adapter.reason !== undefined) {
      emit({ ...base, status: 'n/a', detail: adapter.reason })
      continue
    }
    const problem = check(adapter, c)
    if (problem !== undefined) {
      emit({ ...base, ...problem })
      continue
    }
    if (checkOnly) {
      emit({ ...base, status: 'checked' })
      continue
    }
    const f = adapter.run
    bench(c.name, () => do_not_optimize(f()))
    timed.push(base)
  }
  if (timed.length === 0) return
  const { benchmarks, context } = await run({ format: 'quiet' })
  benchmarks.forEach((b, i) => {
    const stats = b.runs[0].stats
    if (stats === undefined) {
      emit({ ...timed[i], status: 'error', detail: String(b.runs[0].error) })
      return
    }
    emit({
      ...timed[i],
      status: 'ok',
      p50: stats.p50,
      p99: stats.p99,
      avg: stats.avg,
      min: stats.min,
      max: stats.max,
      samples: stats.samples.length,
      ticks: stats.ticks,
      cpu: context.cpu.name,
      ...(name === 'apigw-canary' && cases.find((c) => c.name === timed[i].case)?.ours === 'stage' ? { source: stageApplier.source } : {})
    })
  })
}
