/**
 * The faster decoder against the decoder as it was before the speed work of issue 16 (a frozen
 * copy in `test/stage/oracle/`): over random stages in every wire form, and over random
 * corruptions of them (wrong types, broken rules, hostile keys, unreadable values), the two
 * give the same answer: the same stage (key order and prototypes included) or the same
 * DecodeError (issues, values and message), and io-ts's own errors with the same paths, types
 * and messages. `is` and `encode` answer the same too.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { decodeStage, encodeStage, StageCodec } from '../../src/index.js'
import * as AccessLogSettings from '../../src/stage/AccessLogSettings.js'
import * as CanarySettings from '../../src/stage/CanarySettings.js'
import * as DeploymentId from '../../src/stage/DeploymentId.js'
import * as MethodSetting from '../../src/stage/MethodSetting.js'
import * as Percent from '../../src/stage/Percent.js'
import * as StageVariable from '../../src/stage/StageVariable.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import * as arb from '../arbitraries.js'
import { anything, hostileKey } from '../fuzz/hostile.js'
import * as oracle from './oracle/Stage.js'

/** io-ts's errors as plain data: the path's keys and types' names, the value and the message. */
const plainErrors = (errors: t.Errors): unknown =>
  errors.map((e) => ({ keys: e.context.map((c) => c.key), types: e.context.map((c) => c.type.name), actual: e.context.map((c) => c.actual), value: e.value, message: e.message }))

const plain = (r: t.Validation<unknown>): unknown => (E.isLeft(r) ? E.left(plainErrors(r.left)) : r)

/**
 * Deep equality for this comparison: the same primitives (`Object.is`), or objects with the same
 * prototype and the same own properties in the same order (enumerability and writability
 * included), Dates by their time. (vitest's `toStrictEqual` compares objects' `constructor`
 * properties, so an input's own `constructor: NaN` differs from itself; node's
 * `isDeepStrictEqual` finds two invalid Dates different.)
 */
const same = (a: unknown, b: unknown, seen = new Map<object, unknown>()): boolean => {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false
  if (seen.get(a) === b) return true
  seen.set(a, b)
  if (a instanceof Date) return Object.is(a.getTime(), (b as Date).getTime())
  const ka = Reflect.ownKeys(a)
  const kb = Reflect.ownKeys(b)
  return (
    ka.length === kb.length &&
    ka.every((k, i) => {
      const da = Object.getOwnPropertyDescriptor(a, k)
      const db = Object.getOwnPropertyDescriptor(b, k)
      return k === kb[i] && da?.enumerable === db?.enumerable && da?.writable === db?.writable && same(da?.value, db?.value, seen)
    })
  )
}

/** Both answers agree: the same error, or the same value (key order and prototypes included). */
const sameAnswer = (got: E.Either<unknown, unknown>, want: E.Either<unknown, unknown>): void => {
  expect(got._tag).toBe(want._tag)
  if (!same(got, want)) expect(got).toStrictEqual(want)
  expect(same(got, want)).toBe(true)
}

const agree = (input: unknown): void => {
  sameAnswer(decodeStage(input), oracle.decodeStage(input))
  sameAnswer(plain(StageCodec.decode(input)) as E.Either<unknown, unknown>, plain(oracle.StageCodec.decode(input)) as E.Either<unknown, unknown>)
  expect(StageCodec.is(input)).toBe(oracle.StageCodec.is(input))
  const decoded = oracle.decodeStage(input)
  if (E.isRight(decoded)) expect(same(encodeStage(decoded.right), oracle.encodeStage(decoded.right))).toBe(true)
}

/** A stage as it comes over the wire: JSON, maybe with unknown fields, Dates or epoch seconds, SDK `$metadata`, `undefined` fields. */
const wireStage: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.oneof(arb.stage, arb.canaryStage, arb.methodSettingsStage),
    fc.dictionary(fc.constantFrom('_links', 'futureField', 'x-extra', '0', '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 }),
    fc.constantFrom('iso', 'epoch', 'date'),
    fc.boolean(),
    fc.boolean()
  )
  .map(([stage, unknown, dates, sdk, undef]) => {
    const wire = JSON.parse(JSON.stringify(stage)) as Record<string, unknown>
    for (const [k, v] of Object.entries(unknown)) Object.defineProperty(wire, k, { value: v, enumerable: true, writable: true, configurable: true })
    for (const k of ['createdDate', 'lastUpdatedDate'] as const) {
      const iso = stage[k]
      if (iso === undefined || dates === 'iso') continue
      wire[k] = dates === 'date' ? new Date(iso) : Date.parse(iso) / 1000
    }
    if (sdk) wire['$metadata'] = { httpStatusCode: 200, requestId: 'r' }
    if (undef) wire['description'] = undefined
    return wire
  })

/** Values that break one rule or another, and some that do not. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, '', 'x', 'DEBUG', '0.5', '1.5', 'yesterday', '2017-02-30T00:00:00Z', 'two words', 'x'.repeat(513), 1.5, -1, 150, -0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 0, true, false, [], {}, new Date(Number.NaN), new Date(0), new Map()),
  anything
)

const stageFields = ['deploymentId', 'clientCertificateId', 'stageName', 'description', 'cacheClusterEnabled', 'cacheClusterSize', 'cacheClusterStatus', 'methodSettings', 'variables', 'documentationVersion', 'accessLogSettings', 'canarySettings', 'tracingEnabled', 'webAclArn', 'tags', 'createdDate', 'lastUpdatedDate', '$metadata']
const settingFields = ['metricsEnabled', 'loggingLevel', 'dataTraceEnabled', 'throttlingBurstLimit', 'throttlingRateLimit', 'cachingEnabled', 'cacheTtlInSeconds', 'cacheDataEncrypted', 'requireAuthorizationForCacheControl', 'unauthorizedCacheControlHeaderStrategy', 'extra']
const canaryFields = ['deploymentId', 'percentTraffic', 'stageVariableOverrides', 'useStageCache', 'extra']

const put = (target: Record<string, unknown>, key: string, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** One change to a wire stage: a field of the stage, of a method setting, of the canary, a variable or a tag, set to a bad value, a hostile key added, or a field removed. */
const corruption = fc.oneof(
  fc.record({ at: fc.constant('stage' as const), key: fc.oneof(fc.constantFrom(...stageFields), hostileKey), value: badValue }),
  fc.record({ at: fc.constant('setting' as const), entry: fc.oneof(arb.methodSettingKey, hostileKey), key: fc.oneof(fc.constantFrom(...settingFields), hostileKey), value: badValue }),
  fc.record({ at: fc.constant('canary' as const), key: fc.oneof(fc.constantFrom(...canaryFields), hostileKey), value: badValue }),
  fc.record({ at: fc.constantFrom('variables' as const, 'tags' as const, 'overrides' as const), key: fc.oneof(arb.variableName, hostileKey, fc.constantFrom('', 'a'.repeat(65), 'my-var')), value: badValue }),
  fc.record({ at: fc.constant('remove' as const), key: fc.constantFrom(...stageFields, 'canarySettings.deploymentId') })
)

type Corruption = typeof corruption extends fc.Arbitrary<infer C> ? C : never

const corrupt = (wire: Record<string, unknown>, changes: ReadonlyArray<Corruption>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...wire }
  const child = (parent: Record<string, unknown>, key: string): Record<string, unknown> => {
    const v = parent[key]
    const copy = typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) ? { ...(v as Record<string, unknown>) } : {}
    put(parent, key, copy)
    return copy
  }
  for (const c of changes) {
    if (c.at === 'stage') put(out, c.key, c.value)
    else if (c.at === 'setting') put(child(child(out, 'methodSettings'), c.entry), c.key, c.value)
    else if (c.at === 'canary') put(child(out, 'canarySettings'), c.key, c.value)
    else if (c.at === 'variables' || c.at === 'tags') put(child(out, c.at), c.key, c.value)
    else if (c.at === 'overrides') put(child(child(out, 'canarySettings'), 'stageVariableOverrides'), c.key, c.value)
    else if (c.key === 'canarySettings.deploymentId') delete child(out, 'canarySettings')['deploymentId']
    else delete out[c.key]
  }
  return out
}

/** Values that cannot even be read: a throwing getter, a revoked proxy, a proxy whose traps throw. */
const unreadable = (kind: number): object => {
  if (kind === 0) return Object.defineProperty({}, 'deploymentId', { enumerable: true, get: () => { throw new Error('boom') } })
  if (kind === 1) {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }
  return new Proxy({}, { ownKeys: () => { throw new Error('ownKeys') } })
}

describe('the faster decoder gives the answers of the decoder it replaced (the oracle)', () => {
  it('valid stages in every wire form: the same stage, key order and prototypes included', () => {
    fc.assert(fc.property(wireStage, (wire) => {
      expect(E.isRight(oracle.decodeStage(wire))).toBe(true)
      agree(wire)
    }), { numRuns: 200 })
  })

  it('corrupted stages: the same stage or the same error, message, paths and order included', () => {
    fc.assert(fc.property(wireStage, fc.array(corruption, { minLength: 1, maxLength: 4 }), (wire, changes) => agree(corrupt(wire, changes))), { numRuns: 400 })
  })

  it('any value at all, and unreadable values anywhere: the same answer, no throw', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.jsonValue()), (u) => agree(u)),
      { numRuns: 200 }
    )
    fc.assert(
      fc.property(wireStage, fc.constantFrom('', 'variables', 'tags', 'methodSettings', 'canarySettings', 'accessLogSettings', 'setting'), fc.integer({ min: 0, max: 2 }), (wire, where, kind) => {
        const input = { ...wire }
        if (where === '') return agree(unreadable(kind))
        if (where === 'setting') put(input, 'methodSettings', { '*/*': unreadable(kind) })
        else put(input, where, unreadable(kind))
        agree(input)
      }),
      { numRuns: 100 }
    )
  })

  it('large maps (past the point where the record decoder changes strategy): the same answer', () => {
    const settings = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`/r${i}/GET`, { metricsEnabled: i % 2 === 0, throttlingBurstLimit: i }]))
    const input = { stageName: 'p', methodSettings: { ...settings, __proto__: null, toString: { loggingLevel: 'INFO' } }, tags: Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, `v${i}`])) }
    put(input.methodSettings, '__proto__', { cachingEnabled: true })
    agree(input)
    agree({ ...input, methodSettings: { ...input.methodSettings, '/r7/GET': { throttlingBurstLimit: 1.5 }, '/r9/GET': 'x' } })
  })

  it('the stage codecs one by one: the same decode, is and encode', () => {
    const pairs: ReadonlyArray<readonly [t.Mixed, t.Mixed]> = [
      [DeploymentId.codec, oracle.codecs.deploymentId],
      [Percent.codec, oracle.codecs.percent],
      [Timestamp.codec, oracle.codecs.timestamp],
      [StageVariable.codec, oracle.codecs.variables],
      [MethodSetting.codec, oracle.codecs.methodSetting],
      [MethodSetting.settingsCodec, oracle.codecs.methodSettings],
      [AccessLogSettings.codec, oracle.codecs.accessLogSettings],
      [CanarySettings.codec, oracle.codecs.canarySettings]
    ]
    fc.assert(
      fc.property(fc.oneof(badValue, arb.methodSetting, arb.canarySettings, arb.variables(), arb.accessLogSettings, fc.dictionary(arb.methodSettingKey, arb.methodSetting)), (u) => {
        for (const [ours, theirs] of pairs) {
          sameAnswer(plain(ours.decode(u)) as E.Either<unknown, unknown>, plain(theirs.decode(u)) as E.Either<unknown, unknown>)
          expect(ours.is(u)).toBe(theirs.is(u))
          if (theirs.is(u)) expect(same(ours.encode(u), theirs.encode(u))).toBe(true)
        }
      }),
      { numRuns: 200 }
    )
  })
})

