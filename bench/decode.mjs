// (e) decodeStage: reading an untrusted stage, the docs' seed stage with 10 variables and 20
// method settings, and with 100 variables and 2,000 method settings.
// Usage: node bench/decode.mjs <contender> [--cpu]   (see run.mjs, README.md)
//
// The contenders:
//   apigw-canary  decodeStage from the built package
//   zod           a zod 4 schema with the same rules as our codecs (see README.md for the rules
//                 and the two places where zod does less than ours)
//   io-ts         plain io-ts (t.partial, t.type, t.record of t.string/t.number/t.boolean),
//                 without our refinements: the issue's "plain io-ts"
//   floor         a decoder written by hand for this one shape, with the same checks
//   JSON.parse    JSON.parse of the stage's JSON text: the issue's reference row (it checks nothing)
//
// Correctness first: each contender must accept the valid stage and return the same data (as
// JSON, keys in any order) and must refuse one invalid stage (a method setting's
// throttlingBurstLimit of "1.5", a string, deep in the map); JSON.parse only takes the first check.
import { bench, do_not_optimize, run } from 'mitata'
import { readFileSync } from 'node:fs'
import * as z from 'zod'
import * as t from 'io-ts'
import { decodeStage } from 'apigw-canary'

// -------------------------------------------------------------------------------------
// the inputs
// -------------------------------------------------------------------------------------

const seed = JSON.parse(readFileSync(new URL('../test/fixtures/seed-before.json', import.meta.url), 'utf8'))
const levels = ['OFF', 'ERROR', 'INFO']

/** The docs' seed stage (ISO dates, `_links`, a canary with overrides) with `variables` and `methodSettings` of the given sizes. */
const stageOf = (variables, settings) => ({
  ...seed,
  variables: Object.fromEntries(Array.from({ length: variables }, (_, i) => [`sv${i}`, `value-${i}.example/path?q=${i}`])),
  methodSettings: Object.fromEntries(
    Array.from({ length: settings }, (_, i) => [
      i === 0 ? '*/*' : `~1pets~1r${i}/${['GET', 'POST', 'PUT', 'DELETE'][i % 4]}`,
      {
        metricsEnabled: i % 2 === 0,
        loggingLevel: levels[i % 3],
        dataTraceEnabled: false,
        throttlingBurstLimit: 100 + i,
        throttlingRateLimit: 50.5 + i,
        cachingEnabled: i % 5 === 0,
        cacheTtlInSeconds: 300
      }
    ])
  ),
  tags: { team: 'payments', env: 'prod', 'cost-center': 'cc-1234' }
})

/** The same stage with one method setting, in the middle of the map, that breaks a rule. */
const brokenOf = (stage) => {
  const keys = Object.keys(stage.methodSettings)
  const key = keys[Math.floor(keys.length / 2)]
  return { input: { ...stage, methodSettings: { ...stage.methodSettings, [key]: { ...stage.methodSettings[key], throttlingBurstLimit: '1.5' } } }, key }
}

const cases = [
  { name: 'decodeStage, 10 variables and 20 method settings', input: stageOf(10, 20) },
  { name: 'decodeStage, 100 variables and 2,000 method settings', input: stageOf(100, 2000) }
].map((c) => ({ ...c, text: JSON.stringify(c.input), broken: brokenOf(c.input) }))

// -------------------------------------------------------------------------------------
// the rules, shared by zod's schema and the hand-written floor (copied from src/stage/)
// -------------------------------------------------------------------------------------

const NAME = /^[A-Za-z0-9_]+$/
const VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])
const ISO = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/
const [FIRST, LAST] = [-62167219200000, 253402300799999]
const isCalendarDay = (year, month, day) => {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date.getUTCDate() === day
}
const isTimestamp = (u) => {
  const m = typeof u === 'string' ? ISO.exec(u) : null
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) && !Number.isNaN(Date.parse(m[0]))
}
const inRange = (ms) => ms >= FIRST && ms <= LAST
const sizes = ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']
const statuses = ['AVAILABLE', 'CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'FLUSH_IN_PROGRESS', 'NOT_AVAILABLE']
const strategies = ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER']

// -------------------------------------------------------------------------------------
// zod, with our rules and our rule texts
// -------------------------------------------------------------------------------------

const zVariables = z
  .record(
    z
      .string()
      .min(1, 'is not a stage variable name: it is empty')
      .max(64, 'is not a stage variable name: at most 64 characters are allowed')
      .regex(NAME, 'is not a stage variable name: only letters, digits and _ are allowed')
      .refine((s) => !RESERVED.has(s), 'is not a stage variable name this library accepts: __proto__, constructor and prototype are reserved'),
    z
      .string('is not a string')
      .min(1, 'is not a stage variable value: it is empty')
      .max(512, 'is not a stage variable value: at most 512 characters are allowed')
      .regex(VALUE, 'is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed')
  )
  .refine((o) => Object.keys(o).length <= 100, 'has more than 100 variables, at most 100 are allowed')

const zTimestamp = z.union([
  z.string().refine(isTimestamp),
  z
    .number()
    .refine((n) => inRange(n * 1000))
    .transform((n) => new Date(n * 1000).toISOString()),
  z
    .date()
    .refine((d) => inRange(d.getTime()))
    .transform((d) => d.toISOString())
], 'is not a date (an ISO 8601 string, a Date, or epoch seconds)')

const zMethodSetting = z.looseObject({
  metricsEnabled: z.boolean().optional(),
  loggingLevel: z.enum(['OFF', 'ERROR', 'INFO']).optional(),
  dataTraceEnabled: z.boolean().optional(),
  throttlingBurstLimit: z.int('is not a whole number').optional(),
  throttlingRateLimit: z.number('is not a finite number').optional(),
  cachingEnabled: z.boolean().optional(),
  cacheTtlInSeconds: z.int('is not a whole number').optional(),
  cacheDataEncrypted: z.boolean().optional(),
  requireAuthorizationForCacheControl: z.boolean().optional(),
  unauthorizedCacheControlHeaderStrategy: z.enum(strategies).optional()
})

const zCanary = z
  .looseObject({
    deploymentId: z.string().min(1, 'is not a deployment id (a non-empty string such as "nfcn0x")'),
    percentTraffic: z
      .number('is not a number; expected a percentage (0 to 100)')
      .min(0, 'is not a percentage (0 to 100)')
      .max(100, 'is not a percentage (0 to 100)')
      .transform((n) => (Object.is(n, -0) ? 0 : n))
      .default(0),
    stageVariableOverrides: zVariables.optional(),
    useStageCache: z.boolean().default(false)
  })
  .transform((c) => {
    if (c.stageVariableOverrides === undefined || Object.keys(c.stageVariableOverrides).length > 0) return c
    const { stageVariableOverrides: _, ...rest } = c
    return rest
  })

const zStage = z
  .looseObject({
    deploymentId: z.string().min(1, 'is not a deployment id (a non-empty string such as "nfcn0x")').optional(),
    clientCertificateId: z.string().optional(),
    stageName: z.string().optional(),
    description: z.string().optional(),
    cacheClusterEnabled: z.boolean().optional(),
    cacheClusterSize: z.enum(sizes).optional(),
    cacheClusterStatus: z.enum(statuses).optional(),
    methodSettings: z.record(z.string(), zMethodSetting).optional(),
    variables: zVariables.optional(),
    documentationVersion: z.string().optional(),
    accessLogSettings: z.looseObject({ format: z.string().optional(), destinationArn: z.string().optional() }).optional(),
    canarySettings: zCanary.optional(),
    tracingEnabled: z.boolean().optional(),
    webAclArn: z.string().optional(),
    tags: z.record(z.string(), z.string()).optional(),
    createdDate: zTimestamp.optional(),
    lastUpdatedDate: zTimestamp.optional()
  })
  .transform((s) => {
    if (!Object.hasOwn(s, '$metadata')) return s
    const { $metadata: _, ...rest } = s
    return rest
  })

// -------------------------------------------------------------------------------------
// plain io-ts: the shape only
// -------------------------------------------------------------------------------------

const tMethodSetting = t.partial({
  metricsEnabled: t.boolean,
  loggingLevel: t.string,
  dataTraceEnabled: t.boolean,
  throttlingBurstLimit: t.number,
  throttlingRateLimit: t.number,
  cachingEnabled: t.boolean,
  cacheTtlInSeconds: t.number,
  cacheDataEncrypted: t.boolean,
  requireAuthorizationForCacheControl: t.boolean,
  unauthorizedCacheControlHeaderStrategy: t.string
})
const tStage = t.partial({
  deploymentId: t.string,
  clientCertificateId: t.string,
  stageName: t.string,
  description: t.string,
  cacheClusterEnabled: t.boolean,
  cacheClusterSize: t.string,
  cacheClusterStatus: t.string,
  methodSettings: t.record(t.string, tMethodSetting),
  variables: t.record(t.string, t.string),
  documentationVersion: t.string,
  accessLogSettings: t.partial({ format: t.string, destinationArn: t.string }),
  canarySettings: t.intersection([
    t.type({ deploymentId: t.string }),
    t.partial({ percentTraffic: t.number, stageVariableOverrides: t.record(t.string, t.string), useStageCache: t.boolean })
  ]),
  tracingEnabled: t.boolean,
  webAclArn: t.string,
  tags: t.record(t.string, t.string),
  createdDate: t.string,
  lastUpdatedDate: t.string
})

// -------------------------------------------------------------------------------------
// the floor: written by hand for this shape, the same checks, a new object out
// -------------------------------------------------------------------------------------

const isPlain = (u) => {
  if (typeof u !== 'object' || u === null || Array.isArray(u)) return false
  const p = Object.getPrototypeOf(u)
  return p === null || Object.getPrototypeOf(p) === null
}
class Failure extends Error {}
const fail = (path, rule) => {
  throw new Failure(`${path} ${rule}`)
}
/** A key the caller's object may not get by assignment (an inherited one, such as `__proto__`). */
const put = (o, k, v) => {
  if (k in o) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  else o[k] = v
}
/** A copy of plain JSON-like data (unknown fields are kept, copied). */
const copy = (v) => {
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) return v.map(copy)
  const out = {}
  for (const k of Object.keys(v)) put(out, k, copy(v[k]))
  return out
}
/**
 * A map of n keys: a large one is filled without a prototype (a dictionary from the start, no
 * hidden class per key), then given Object.prototype; a small one is faster built from `{}`.
 */
const mapOf = (n) => (n > 99 ? Object.create(null) : {})
const finish = (o) => (Object.getPrototypeOf(o) === null ? Object.setPrototypeOf(o, Object.prototype) : o)

const floorVariables = (u, path) => {
  if (!isPlain(u)) fail(path, 'is not a map of stage variables')
  const keys = Object.keys(u)
  if (keys.length > 100) fail(path, 'has more than 100 variables')
  const out = mapOf(keys.length)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const v = u[k]
    if (k.length === 0 || k.length > 64 || !NAME.test(k) || RESERVED.has(k)) fail(path, 'has a bad variable name')
    if (typeof v !== 'string' || v.length === 0 || v.length > 512 || !VALUE.test(v)) fail(`${path}.${k}`, 'is not a stage variable value')
    put(out, k, v)
  }
  return finish(out)
}
const floorTimestamp = (v, path) =>
  isTimestamp(v)
    ? v
    : typeof v === 'number' && inRange(v * 1000)
      ? new Date(v * 1000).toISOString()
      : v instanceof Date && inRange(v.getTime())
        ? v.toISOString()
        : fail(path, 'is not a date')

// (the path of an error is built only when there is one)
const floorMethodSetting = (u, key) => {
  const path = () => `methodSettings[${JSON.stringify(key)}]`
  if (!isPlain(u)) fail(path(), 'is not a method setting')
  const out = {}
  const keys = Object.keys(u)
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]
    const v = u[k]
    if (v === undefined) continue
    switch (k) {
      case 'metricsEnabled':
      case 'dataTraceEnabled':
      case 'cachingEnabled':
      case 'cacheDataEncrypted':
      case 'requireAuthorizationForCacheControl':
        out[k] = typeof v === 'boolean' ? v : fail(`${path()}.${k}`, 'is not a boolean')
        break
      case 'loggingLevel':
        out[k] = v === 'OFF' || v === 'ERROR' || v === 'INFO' ? v : fail(`${path()}.${k}`, 'is not a logging level')
        break
      case 'throttlingBurstLimit':
      case 'cacheTtlInSeconds':
        out[k] = Number.isSafeInteger(v) ? v : fail(`${path()}.${k}`, 'is not a whole number')
        break
      case 'throttlingRateLimit':
        out[k] = Number.isFinite(v) ? v : fail(`${path()}.${k}`, 'is not a finite number')
        break
      case 'unauthorizedCacheControlHeaderStrategy':
        out[k] = strategies.includes(v) ? v : fail(`${path()}.${k}`, 'is not a strategy')
        break
      default:
        put(out, k, copy(v))
    }
  }
  return out
}

const floorCanary = (u, path) => {
  if (!isPlain(u)) fail(path, 'is not canary settings')
  const out = {}
  for (const k of Object.keys(u)) {
    const v = u[k]
    if (v === undefined) continue
    if (k === 'deploymentId') out[k] = typeof v === 'string' && v.length > 0 ? v : fail(`${path}.${k}`, 'is not a deployment id')
    else if (k === 'percentTraffic') out[k] = typeof v === 'number' && v >= 0 && v <= 100 ? (Object.is(v, -0) ? 0 : v) : fail(`${path}.${k}`, 'is not a percentage')
    else if (k === 'stageVariableOverrides') out[k] = floorVariables(v, 'canarySettings.stageVariableOverrides')
    else if (k === 'useStageCache') out[k] = typeof v === 'boolean' ? v : fail(`${path}.${k}`, 'is not a boolean')
    else put(out, k, copy(v))
  }
  if (out.deploymentId === undefined) fail(`${path}.deploymentId`, 'is missing')
  if (out.percentTraffic === undefined) out.percentTraffic = 0
  if (out.useStageCache === undefined) out.useStageCache = false
  if (out.stageVariableOverrides !== undefined && Object.keys(out.stageVariableOverrides).length === 0) delete out.stageVariableOverrides
  return out
}

const floorStage = (u) => {
  if (!isPlain(u)) fail('input', 'is not a stage')
  const out = {}
  for (const k of Object.keys(u)) {
    const v = u[k]
    if (v === undefined || k === '$metadata') continue
    switch (k) {
      case 'deploymentId':
        out[k] = typeof v === 'string' && v.length > 0 ? v : fail(k, 'is not a deployment id')
        break
      case 'clientCertificateId':
      case 'stageName':
      case 'description':
      case 'documentationVersion':
      case 'webAclArn':
        out[k] = typeof v === 'string' ? v : fail(k, 'is not a string')
        break
      case 'cacheClusterEnabled':
      case 'tracingEnabled':
        out[k] = typeof v === 'boolean' ? v : fail(k, 'is not a boolean')
        break
      case 'cacheClusterSize':
        out[k] = sizes.includes(v) ? v : fail(k, 'is not a size')
        break
      case 'cacheClusterStatus':
        out[k] = statuses.includes(v) ? v : fail(k, 'is not a status')
        break
      case 'methodSettings': {
        if (!isPlain(v)) fail(k, 'is not a map of method settings')
        const keys = Object.keys(v)
        const settings = mapOf(keys.length)
        for (let i = 0; i < keys.length; i++) put(settings, keys[i], floorMethodSetting(v[keys[i]], keys[i]))
        out[k] = finish(settings)
        break
      }
      case 'variables':
        out[k] = floorVariables(v, k)
        break
      case 'accessLogSettings': {
        if (!isPlain(v)) fail(k, 'is not access log settings')
        const settings = {}
        for (const key of Object.keys(v)) {
          const value = v[key]
          if (value === undefined) continue
          if (key === 'format' || key === 'destinationArn') settings[key] = typeof value === 'string' ? value : fail(`${k}.${key}`, 'is not a string')
          else put(settings, key, copy(value))
        }
        out[k] = settings
        break
      }
      case 'canarySettings':
        out[k] = floorCanary(v, k)
        break
      case 'tags': {
        if (!isPlain(v)) fail(k, 'is not a map of tags')
        const keys = Object.keys(v)
        const tags = mapOf(keys.length)
        for (const key of keys) {
          const value = v[key]
          put(tags, key, typeof value === 'string' ? value : fail(`${k}.${key}`, 'is not a string'))
        }
        out[k] = finish(tags)
        break
      }
      case 'createdDate':
      case 'lastUpdatedDate':
        out[k] = floorTimestamp(v, k)
        break
      default:
        put(out, k, copy(v))
    }
  }
  return out
}

const floorDecode = (u) => {
  try {
    return { ok: true, value: floorStage(u) }
  } catch (error) {
    if (error instanceof Failure) return { ok: false, error: error.message }
    return { ok: false, error: `could not be read: ${String(error)}` }
  }
}

// -------------------------------------------------------------------------------------
// the contenders: for a case, `run` (timed) and `result` (reads the decoded stage, or
// { error } for a refusal); `refuse` decodes the broken input
// -------------------------------------------------------------------------------------

const either = (r) => (r._tag === 'Right' ? r.right : { error: r.left.message ?? r.left })
const zodResult = (r) => (r.success ? r.data : { error: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') })
const floorResult = (r) => (r.ok ? r.value : { error: r.error })

const contenders = {
  'apigw-canary': (c) => ({ run: () => decodeStage(c.input), result: either, refuse: () => either(decodeStage(c.broken.input)) }),
  zod: (c) => ({ run: () => zStage.safeParse(c.input), result: zodResult, refuse: () => zodResult(zStage.safeParse(c.broken.input)) }),
  // (plain io-ts gives back its input when nothing changed: it copies nothing)
  'io-ts': (c) => ({ shares: true, run: () => tStage.decode(c.input), result: (r) => (r._tag === 'Right' ? r.right : { error: 'refused' }), refuse: () => (tStage.decode(c.broken.input)._tag === 'Left' ? { error: 'refused' } : {}) }),
  floor: (c) => ({ run: () => floorDecode(c.input), result: floorResult, refuse: () => floorResult(floorDecode(c.broken.input)) }),
  'JSON.parse': (c) => ({ shares: true, run: () => JSON.parse(c.text), result: (r) => r })
}

// -------------------------------------------------------------------------------------
// the harness (the same JSON lines as common.mjs's)
// -------------------------------------------------------------------------------------

const canonical = (value) =>
  JSON.stringify(value, (_key, v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v
  )
const isRefusal = (out) => out !== null && typeof out === 'object' && 'error' in out && Object.keys(out).length === 1

/** Checks one contender on one case; `undefined` when it is right. */
const check = (adapter, c) => {
  const before = canonical(c.input)
  let out
  try {
    out = adapter.result(adapter.run())
  } catch (error) {
    return { status: 'error', detail: `threw: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200) }
  }
  if (canonical(c.input) !== before) return { status: 'wrong', detail: 'mutated its input' }
  if (isRefusal(out)) return { status: 'wrong', detail: `refused the valid stage: ${JSON.stringify(out.error).slice(0, 200)}` }
  // The stage as our decoder gives it is the stage as written: ISO dates, every canary field present.
  if (canonical(out) !== before) return { status: 'wrong', detail: 'decoded a different stage' }
  if (!adapter.shares && (out === c.input || out.methodSettings === c.input.methodSettings)) return { status: 'wrong', detail: 'returned its input, not a copy' }
  if (adapter.refuse !== undefined) {
    let refused
    try {
      refused = adapter.refuse()
    } catch (error) {
      return { status: 'error', detail: `threw on the invalid stage: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200) }
    }
    if (!isRefusal(refused)) return { status: 'wrong', detail: `accepted the invalid stage (methodSettings["${c.broken.key}"].throttlingBurstLimit: "1.5")` }
  }
  return undefined
}

const emit = (line) => process.stdout.write(JSON.stringify(line) + '\n')
const name = process.argv[2]
const make = contenders[name]
if (make === undefined) {
  console.error(`usage: node bench/decode.mjs <contender>\ncontenders: ${Object.keys(contenders).join(', ')}`)
  process.exit(2)
}

// Our own message for the invalid stage must be the one the decoder has always given.
for (const c of cases) {
  const r = decodeStage(c.broken.input)
  const expected = `methodSettings[${JSON.stringify(c.broken.key)}].throttlingBurstLimit: "1.5" is not a whole number`
  if (r._tag !== 'Left' || r.left.message !== expected) throw new Error(`decodeStage's message for the invalid stage changed: ${JSON.stringify(r.left?.message)}`)
}

// `--cpu`: instead of mitata, the best of 40 short rounds of this thread's CPU time per call
// (robust on a busy machine, where the waits for a core drop out); still one process per contender.
const cpu = process.argv.includes('--cpu')
const cpuBest = (f, n) => {
  let best = Infinity
  for (let round = 0; round < 40; round++) {
    const t0 = process.cpuUsage()
    for (let i = 0; i < n; i++) do_not_optimize(f())
    const t = process.cpuUsage(t0)
    best = Math.min(best, ((t.user + t.system) * 1000) / n)
  }
  return best
}

const timed = []
for (const c of cases) {
  const base = { workload: 'decode', case: c.name, contender: name }
  const adapter = make(c)
  const problem = check(adapter, c)
  if (problem !== undefined) {
    emit({ ...base, ...problem })
    continue
  }
  if (process.env['BENCH_CHECK_ONLY'] === '1') {
    emit({ ...base, status: 'checked' })
    continue
  }
  const f = adapter.run
  if (cpu) {
    emit({ ...base, status: 'ok', cpuBest: cpuBest(f, c.input.methodSettings && Object.keys(c.input.methodSettings).length > 100 ? 5 : 500) })
    continue
  }
  bench(c.name, () => do_not_optimize(f()))
  timed.push(base)
}
if (timed.length > 0) {
  const { benchmarks, context } = await run({ format: 'quiet' })
  benchmarks.forEach((b, i) => {
    const stats = b.runs[0].stats
    if (stats === undefined) emit({ ...timed[i], status: 'error', detail: String(b.runs[0].error) })
    else emit({ ...timed[i], status: 'ok', p50: stats.p50, p99: stats.p99, avg: stats.avg, min: stats.min, max: stats.max, samples: stats.samples.length, ticks: stats.ticks, cpu: context.cpu.name })
  })
}
