/**
 * Fuzzing the two patch appliers: the update-stage applier (`applyPatch`, `applyPatchUnknown`)
 * and the generic RFC 6902 core (`JsonPatch.applyPatch`), with random and hostile operations
 * (non-string paths, arrays as paths, missing fields, unknown ops, huge indices, deep nesting to
 * 100,000 levels, very long strings, `__proto__` / `constructor` / `prototype` in every position
 * and spelling), on random stages and random JSON.
 *
 * For every case: no exception escapes; the deep-frozen inputs (document and patch) are
 * unchanged; no built-in prototype gains a key; a failing patch is a `Left` and changes nothing;
 * a `Right` of the Stage applier is a stage that decodes, a `Right` of the core is JSON.
 *
 * Budget: `runs()` from `hostile.ts` (FUZZ_RUNS; 300 by default). The number of cases this file
 * ran is printed at the end when FUZZ_RUNS is set.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { JsonPatch, JsonPointer, decodeStage, encodeStage, type Stage } from '../../src/index.js'
import { decodeOperations, type PatchOperation } from '../../src/patch/PatchOperation.js'
import { applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import * as arb from '../arbitraries.js'
import { deepFreeze } from '../helpers.js'
import { anything, deepArray, deepObject, hostileKey, hostileOperation, hostilePointer, pollutingKeys, prototypeKeys, runs, underMutation } from './hostile.js'

// -------------------------------------------------------------------------------------
// the checks every case makes
// -------------------------------------------------------------------------------------

const clean = prototypeKeys()
let cases = 0

/** A test's time limit: vitest's 30 s, or about 5 ms a run when FUZZ_RUNS asks for many. */
const limit = (share: number): number => Math.max(30_000, runs(share) * 5)

/** Inputs already deep-frozen here (the big deterministic ones are frozen once, not per case). */
const frozen = new WeakSet<object>()
const freeze = <A>(a: A): A => {
  if (typeof a === 'object' && a !== null && !frozen.has(a)) {
    deepFreeze(a)
    frozen.add(a)
  }
  return a
}

/** 100,000 levels of nesting, built and frozen once for the whole file. */
const deep = (() => {
  let cache: { object: unknown; array: unknown } | undefined
  return () => (cache ??= { object: freeze(deepObject(100_000)), array: freeze(deepArray(100_000)) })
})()

afterAll(() => {
  if (process.env['FUZZ_RUNS'] !== undefined) console.info(`[Patch.fuzz] ${cases} cases`)
})

const json = (u: unknown): string | undefined => {
  try {
    return JSON.stringify(u)
  } catch {
    return undefined // cyclic, BigInt, or too deep for JSON.stringify's recursion
  }
}

const isEither = (u: unknown): u is E.Either<unknown, unknown> =>
  typeof u === 'object' && u !== null && ((u as { _tag?: unknown })._tag === 'Left' || (u as { _tag?: unknown })._tag === 'Right')

/**
 * Calls `f` on deep-frozen inputs. Asserts: no throw (a throw fails the case), an Either back,
 * the inputs unchanged, no built-in prototype touched.
 */
const safely = <A, P>(input: A, patch: P, f: (a: A, p: P) => unknown): E.Either<unknown, unknown> => {
  cases++
  const before = [json(input), json(patch)]
  const frozenInput = freeze(input)
  const frozenPatch = freeze(patch)
  const out = f(frozenInput, frozenPatch)
  expect(isEither(out)).toBe(true)
  if (before[0] !== undefined) expect(json(frozenInput)).toBe(before[0])
  if (before[1] !== undefined) expect(json(frozenPatch)).toBe(before[1])
  expect(prototypeKeys()).toBe(clean)
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  return out as E.Either<unknown, unknown>
}

/** A Right of the Stage applier is a plain stage that survives the codec (through JSON when it can). */
const expectDecodableStage = (r: E.Either<unknown, unknown>): void => {
  if (E.isLeft(r)) return
  const s = r.right as Stage
  expect(Object.getPrototypeOf(s)).toBe(Object.prototype)
  const text = json(encodeStage(s))
  const decoded = text === undefined ? decodeStage(s) : decodeStage(JSON.parse(text))
  if (E.isLeft(decoded)) expect.unreachable(`the result does not decode: ${decoded.left.message}`)
}

/** Are the document and every value of the patch JSON (then so must the result be)? */
const allJson = (doc: unknown, patch: unknown): boolean =>
  JsonPatch.isJson(doc) &&
  Array.isArray(patch) &&
  patch.every((op) => typeof op !== 'object' || op === null || !Object.hasOwn(op, 'value') || JsonPatch.isJson((op as { value: unknown }).value))

/**
 * A Right of the core is JSON when its inputs were (within `maxDepth`), and a Left names an
 * operation of the patch (or none, when the patch is not a list).
 */
const expectCoreResult = (r: E.Either<unknown, unknown>, doc: unknown, patch: unknown): void => {
  if (E.isRight(r)) {
    if (allJson(doc, patch)) expect(JsonPatch.isJson(r.right)).toBe(true)
    return
  }
  const index = (r.left as { index?: unknown }).index
  if (index !== undefined) {
    expect(Number.isInteger(index)).toBe(true)
    expect(Array.isArray(patch) && (index as number) < patch.length).toBe(true)
  }
}

const stageAppliers: ReadonlyArray<readonly [string, (s: Stage, ops: unknown) => unknown]> = [
  ['applyPatch', (s, ops) => applyPatch(s, ops as ReadonlyArray<PatchOperation>)],
  ['applyPatchUnknown', (s, ops) => applyPatchUnknown(s, ops)]
]

// -------------------------------------------------------------------------------------
// arbitraries
// -------------------------------------------------------------------------------------

/** Paths update-stage knows, and some near misses: most random operations then do something. */
const stagePath: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '/canarySettings/percentTraffic',
      '/canarySettings/useStageCache',
      '/canarySettings/deploymentId',
      '/canarySettings',
      '/deploymentId',
      '/description',
      '/cacheClusterEnabled',
      '/cacheClusterSize',
      '/clientCertificateId',
      '/documentationVersion',
      '/tracingEnabled',
      '/accessLogSettings',
      '/accessLogSettings/format',
      '/accessLogSettings/destinationArn',
      '/*/*/metrics/enabled',
      '/*/*/logging/loglevel',
      '/*/*/throttling/rateLimit',
      '/~1pets/GET/throttling/burstLimit',
      '/~1pets/GET/caching/ttlInSeconds',
      '/~1pets/GET',
      '/stageName',
      '/tags/team',
      '/variables',
      '/canarySettings/stageVariableOverrides'
    )
  },
  { weight: 2, arbitrary: arb.variableName.map((n) => `/variables/${n}`) },
  { weight: 2, arbitrary: arb.variableName.map((n) => `/canarySettings/stageVariableOverrides/${n}`) },
  { weight: 3, arbitrary: hostilePointer }
)

const stageValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0.0', '50', '100', '10.5', '150', '-1', 'NaN', 'true', 'false', 'True', 'INFO', 'OFF', 'ERROR', '0.5', '237', '300', '-5', '1e400', ''),
  fc.constantFrom('nfcn0x', 'eh1sby', 'x7yz12', '$context.requestId', 'arn:aws:logs:us-east-1:123456789012:log-group:x'),
  arb.variableValue,
  fc.string({ maxLength: 12 })
)

/** An update-stage operation: plausible, slightly wrong, or entirely hostile. */
const stageOperation: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('replace', 'remove', 'add', 'move', 'test'), path: stagePath, value: stageValue }, { requiredKeys: ['op', 'path'] }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/variables' },
      { op: 'copy', path: '/deploymentId' }
    )
  },
  { weight: 2, arbitrary: hostileOperation }
)

/** A stage, with or without a canary. */
const anyStage: fc.Arbitrary<Stage> = fc.oneof(arb.stage, arb.canaryStage, arb.plainStage)

/** A JSON value that may hold polluting keys as OWN keys (as JSON.parse makes them). */
const hostileJson: fc.Arbitrary<JsonPatch.Json> = fc.letrec<{ value: JsonPatch.Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 8 })),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom('a', 'b', 'list', '0')), tie('value')), { maxLength: 4 }).map((entries) => Object.fromEntries(entries) as JsonPatch.Json)
  )
})).value

/** Every pointer to a location inside a document (with escaping), to aim operations at what exists. */
const pointersOf = (doc: JsonPatch.Json, limit = 200): ReadonlyArray<string> => {
  const out: Array<string> = ['']
  const stack: Array<readonly [JsonPatch.Json, string]> = [[doc, '']]
  while (stack.length > 0 && out.length < limit) {
    const [node, at] = stack.pop() as readonly [JsonPatch.Json, string]
    if (node === null || typeof node !== 'object') continue
    for (const [k, v] of Object.entries(node)) {
      const p = `${at}/${JsonPointer.escape(k)}`
      out.push(p)
      stack.push([v, p])
    }
  }
  return out
}

/** Operations aimed at a document's own locations (and around them), plus hostile ones. */
const coreOperations = (doc: JsonPatch.Json): fc.Arbitrary<ReadonlyArray<unknown>> => {
  const targets = pointersOf(doc)
  const near = fc.oneof(
    fc.constantFrom(...targets),
    fc.constantFrom(...targets).map((p) => `${p}/-`),
    fc.tuple(fc.constantFrom(...targets), fc.oneof(hostileKey, fc.nat({ max: 5 }).map(String))).map(([p, k]) => `${p}/${JsonPointer.escape(k)}`),
    hostilePointer
  )
  const op = fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), path: near, from: near, value: hostileJson }, { requiredKeys: ['op', 'path'] }) },
    { weight: 1, arbitrary: hostileOperation }
  )
  return fc.array(op, { maxLength: 6 })
}

/** A pointer with a polluting token somewhere, written with or without escapes around it. */
const pollutingPointer: fc.Arbitrary<readonly [string, string]> = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom('a', 'list', '0', '-', ''), fc.string({ maxLength: 4 })), { maxLength: 3 }),
    fc.constantFrom(...pollutingKeys),
    fc.array(fc.oneof(fc.constantFrom('polluted', 'x', '0', '-'), fc.constantFrom(...pollutingKeys), fc.string({ maxLength: 4 })), { maxLength: 3 })
  )
  .map(([before, key, after]) => [[...before, key, ...after].map((t) => `/${JsonPointer.escape(t)}`).join(''), key] as const)

// -------------------------------------------------------------------------------------
// the Stage applier
// -------------------------------------------------------------------------------------

describe('the Stage applier, fuzzed', () => {
  for (const [name, apply] of stageAppliers) {
    it(`${name}: random stages, random and hostile operations: no throw, inputs unchanged, a Left or a decodable stage`, () =>
      fc.assert(
        fc.property(anyStage, fc.array(stageOperation, { maxLength: 8 }), (stage, ops) => {
          expectDecodableStage(safely(stage, ops, apply))
        }),
        { numRuns: runs(0.75) }
      ),
      limit(0.75)
    )

    it(`${name}: whatever comes as the request (any value, lists of anything): no throw, inputs unchanged`, () =>
      fc.assert(
        fc.property(anyStage, fc.oneof(anything, fc.array(anything, { maxLength: 4 }), fc.array(hostileOperation, { maxLength: 4 })), (stage, request) => {
          expectDecodableStage(safely(stage, request, apply))
        }),
        { numRuns: runs(0.25) }
      ),
      limit(0.25)
    )
  }

  it('all or nothing: a patch that fails at operation k is a Left naming k, whatever the operations before it did', () =>
    fc.assert(
      fc.property(
        anyStage,
        fc.array(stageOperation, { maxLength: 6 }),
        fc.constantFrom<PatchOperation>(
          { op: 'add', path: '/canarySettings/deploymentId', value: 'x7yz12' },
          { op: 'move', path: '/deploymentId', from: '/canarySettings/deploymentId' },
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '150' },
          { op: 'replace', path: '/__proto__/polluted', value: 'yes' },
          { op: 'replace', path: '/constructor/prototype/polluted', value: 'yes' }
        ),
        (stage, ops, bad) => {
          const prefix = safely(stage, ops, (s, p) => applyPatch(s, p as ReadonlyArray<PatchOperation>))
          const whole = safely(stage, [...ops, bad], (s, p) => applyPatch(s, p as ReadonlyArray<PatchOperation>))
          expect(E.isLeft(whole)).toBe(true)
          const index = (whole as E.Left<{ index?: number }>).left.index
          expect(index).toBe(E.isRight(prefix) ? ops.length : (prefix as E.Left<{ index?: number }>).left.index)
        }
      ),
      { numRuns: runs(0.25) }
    ),
    limit(0.25)
  )

  it('a path with __proto__, constructor or prototype in any position and escaping is a Left', () =>
    fc.assert(
      fc.property(anyStage, pollutingPointer, fc.constantFrom('add', 'remove', 'replace', 'copy', 'move', 'test'), stageValue, (stage, [path], op, value) => {
        const r = safely(stage, [{ op, path, value, from: '/canarySettings/deploymentId' }], (s, p) => applyPatch(s, p as ReadonlyArray<PatchOperation>))
        expect(E.isLeft(r)).toBe(true)
      }),
      { numRuns: runs(0.25) }
    ),
    limit(0.25)
  )

  describe.skipIf(underMutation)('deep, long and huge inputs', () => {
    const stage = (extra: unknown): Stage => {
      const r = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' }, extra })
      if (E.isLeft(r)) expect.unreachable(r.left.message)
      return (r as E.Right<Stage>).right
    }

    /** Both appliers on one case; their answers must agree on Left or Right. */
    const both = (s: Stage, ops: ReadonlyArray<unknown>): E.Either<unknown, unknown> => {
      const [first, second] = stageAppliers.map(([, apply]) => {
        const r = safely(s, ops, apply)
        expectDecodableStage(r)
        return r
      }) as [E.Either<unknown, unknown>, E.Either<unknown, unknown>]
      expect(first._tag).toBe(second._tag)
      return first
    }

    it('a stage holding an unknown field nested 100,000 levels deep is patched, and stays decodable', () => {
      for (const nested of [deep().object, deep().array]) {
        expect(E.isRight(both(stage(nested), [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '5' }]))).toBe(true)
      }
    })

    it('values nested 100,000 levels deep, and paths 100,000 tokens long, are Lefts', () => {
      const s = stage('x')
      for (const value of [deep().object, deep().array]) {
        for (const op of ['add', 'replace']) expect(E.isLeft(both(s, [{ op, path: '/description', value }]))).toBe(true)
      }
      for (const path of ['/a'.repeat(100_000), '/variables' + '/a'.repeat(100_000), '/canarySettings' + '/a'.repeat(100_000), '/~1a/GET' + '/a'.repeat(100_000), '/'.repeat(100_000)]) {
        expect(E.isLeft(both(s, [{ op: 'replace', path, value: 'x' }]))).toBe(true)
      }
    })

    it('very long strings: a Left or a decodable stage, never a throw', () => {
      const s = stage('x')
      const long = 'x'.repeat(1_000_000)
      for (const op of [
        { op: 'replace', path: '/description', value: long },
        { op: 'replace', path: `/variables/${long}`, value: 'v' },
        { op: 'replace', path: '/variables/sv1', value: long },
        { op: 'replace', path: `/${long}/GET/metrics/enabled`, value: 'true' },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: `0.${'0'.repeat(100_000)}1` },
        { op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '9'.repeat(10_000) },
        { op: long, path: '/description', value: 'x' },
        { op: 'copy', from: long, path: '/variables' }
      ]) {
        both(s, [op])
      }
    })

    it('a request of 2,000 operations is applied, or refused at its last one', () => {
      const s = stage('x')
      const many = Array.from({ length: 2_000 }, (_, i) => ({ op: 'replace', path: '/canarySettings/percentTraffic', value: String(i % 101) }))
      expect(E.isRight(both(s, many))).toBe(true)
      const failing = both(s, [...many, { op: 'add', path: '/x', value: 'y' }])
      expect((failing as E.Left<{ index: number }>).left.index).toBe(2_000)
    })
  })

  describe('requests that throw when read', () => {
    const seed = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
    // A request whose element getter or length throws, or a revoked proxy, once threw out of
    // applyPatchUnknown (documented "never throws"); now each is a MalformedPatchOperation.
    const s = arb.stage
    const requests: ReadonlyArray<readonly [string, () => unknown]> = [
      ['an element getter that throws', () => Object.defineProperty([], '0', { get: () => { throw new Error('boom') }, enumerable: true })],
      ['a length that throws', () => new Proxy([], { get: (t, k) => { if (k === 'length') throw new Error('boom'); return Reflect.get(t, k) } })],
      [
        'a revoked proxy',
        () => {
          const r = Proxy.revocable([], {})
          r.revoke()
          return r.proxy
        }
      ]
    ]
    for (const [what, request] of requests) {
      it(`applyPatchUnknown on ${what} is a Left: MalformedPatchOperation, "could not be read"`, () => {
        fc.assert(
          fc.property(s, (stage) => {
            const r = applyPatchUnknown(stage, request())
            return E.isLeft(r) && r.left._tag === 'MalformedPatchOperation' && r.left.message.includes('could not be read: ')
          }),
          { numRuns: 1 }
        )
      })
    }

    it('an exception whose message getter throws too: still a Left', () => {
      const nasty = new Proxy({}, { get: () => { throw new Error('again') } })
      const request = Object.defineProperty([], '0', { get: () => { throw nasty }, enumerable: true })
      const r = applyPatchUnknown((seed as E.Right<Stage>).right, request)
      expect(E.isLeft(r) && r.left.message).toBe('patchOperations[0] could not be read: a thrown object')
    })
  })

  describe("the applier's own reading of an element agrees with PatchOperation.codec", () => {
    // The applier checks a well-formed element by hand and sends only the others to the codec
    // (for its message): the two must accept exactly the same elements.
    const plain = (decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' }) as E.Right<Stage>).right
    const field = fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', '/description', ''), fc.anything(), fc.constant(undefined))
    const element = fc.oneof(
      fc.record({ op: field, path: field, value: field, from: field }, { requiredKeys: [] }),
      fc.anything()
    )
    it('an element is refused as malformed exactly when the codec refuses it, with the codec\'s message', () =>
      fc.assert(
        fc.property(element, (u) => {
          const r = applyPatchUnknown(plain, [u])
          const malformed = E.isLeft(r) && r.left._tag === 'MalformedPatchOperation' ? r.left.message : undefined
          const byCodec = E.mapLeft((e: { message: string }) => e.message)(decodeOperations([u]))
          return E.isLeft(byCodec) ? malformed === byCodec.left.replace(/(^|; )\[0\]/g, '$1patchOperations[0]') : malformed === undefined
        }),
        { numRuns: 2_000 }
      ))
  })
})

// -------------------------------------------------------------------------------------
// the generic core
// -------------------------------------------------------------------------------------

describe('JsonPatch.applyPatch, fuzzed', () => {
  it('random JSON (with own polluting keys), operations aimed at it and hostile ones: no throw, inputs unchanged, JSON or a Left', () =>
    fc.assert(
      fc.property(
        hostileJson.chain((doc) => fc.tuple(fc.constant(doc), coreOperations(doc))),
        ([doc, ops]) => {
          const r = safely(doc, ops, (d, p) => JsonPatch.applyPatch(d, p as ReadonlyArray<JsonPatch.Operation>))
          expectCoreResult(r, doc, ops)
        }
      ),
      { numRuns: runs(1) }
    ),
    limit(1)
  )

  it('whatever comes as the patch or the document (any value, lists of anything, throwing containers): no throw', () =>
    fc.assert(
      fc.property(fc.oneof(hostileJson, anything), fc.oneof(anything, fc.array(anything, { maxLength: 4 }), fc.array(hostileOperation, { maxLength: 4 })), (doc, patch) => {
        const r = safely(doc, patch, (d, p) => JsonPatch.applyPatch(d as JsonPatch.Json, p as ReadonlyArray<JsonPatch.Operation>))
        expectCoreResult(r, doc, patch)
      }),
      { numRuns: runs(0.25) }
    ),
    limit(0.25)
  )

  it('a pointer with __proto__, constructor or prototype in any position and escaping is a Left, even where the key is an own key', () =>
    fc.assert(
      fc.property(hostileJson, pollutingPointer, fc.constantFrom('add', 'remove', 'replace', 'copy', 'move', 'test'), fc.boolean(), (doc, [pointer, key], op, asFrom) => {
        const owner = JSON.parse(`{"${key}": {"polluted": 1, "x": [1]}, "a": 1}`) as JsonPatch.Json
        for (const d of [doc, owner]) {
          const operation = asFrom ? { op: op === 'move' || op === 'copy' ? op : 'copy', from: pointer, path: '/a' } : { op, path: pointer, from: '/a', value: 'polluted' }
          const r = safely(d, [operation], (x, p) => JsonPatch.applyPatch(x, p as ReadonlyArray<JsonPatch.Operation>))
          expect(E.isLeft(r)).toBe(true)
          expect((r as E.Left<{ _tag: string }>).left._tag).toBe('InvalidPointer')
        }
        expect(E.isLeft(JsonPointer.parseSafe(pointer))).toBe(true)
      }),
      { numRuns: runs(0.25) }
    ),
    limit(0.25)
  )

  it('requests that throw when read are Lefts', () => {
    const requests: ReadonlyArray<unknown> = [
      Object.defineProperty([], '0', { get: () => { throw new Error('boom') }, enumerable: true }),
      new Proxy([], { get: (t, k) => { if (k === 'length') throw new Error('boom'); return Reflect.get(t, k) } }),
      [Object.defineProperty({}, 'op', { get: () => { throw new Error('boom') }, enumerable: true })],
      [new Proxy({ op: 'add', path: '/a', value: 1 }, { get: () => { throw new Error('boom') } })],
      (() => {
        const r = Proxy.revocable([], {})
        r.revoke()
        return r.proxy
      })()
    ]
    for (const request of requests) {
      cases++
      expect(E.isLeft(JsonPatch.applyPatch({ a: 1 }, request as ReadonlyArray<JsonPatch.Operation>))).toBe(true)
    }
  })

  describe.skipIf(underMutation)('deep, long and huge inputs', () => {
    const core = (doc: unknown, ops: ReadonlyArray<unknown>): E.Either<unknown, unknown> => {
      const r = safely(doc, ops, (d, p) => JsonPatch.applyPatch(d as JsonPatch.Json, p as ReadonlyArray<JsonPatch.Operation>))
      expectCoreResult(r, doc, ops)
      return r
    }

    it('documents nested 100,000 levels deep: every op at the bottom, no stack overflow', () => {
      const bottom = '/a'.repeat(99_999)
      for (const ops of [
        [{ op: 'add', path: `${bottom}/x`, value: 1 }],
        [{ op: 'replace', path: `${bottom}/a`, value: 1 }],
        [{ op: 'remove', path: `${bottom}/a` }],
        [{ op: 'copy', from: bottom, path: '/b' }],
        [{ op: 'move', from: `${bottom}/a`, path: '/b' }],
        [{ op: 'test', path: '', value: deepObject(100_000) }]
      ]) {
        core(deep().object, ops)
      }
      core(deep().array, [{ op: 'add', path: `${'/0'.repeat(99_999)}/0`, value: 1 }])
    })

    it('values nested 100,000 levels deep are added, replaced, tested and copied', () => {
      for (const value of [deep().object, deep().array]) {
        expect(E.isRight(core({ a: 1 }, [{ op: 'add', path: '/v', value }]))).toBe(true)
        core({ a: 1 }, [{ op: 'replace', path: '/a', value }, { op: 'copy', from: '/a', path: '/b' }, { op: 'test', path: '/b', value }])
        expect(E.isLeft(JsonPatch.decodeOperations([{ op: 'add', path: '/v', value: { wrap: value } }]))).toBe(true)
      }
    })

    it('very long strings as keys, values and pointers', () => {
      const long = 'k'.repeat(1_000_000)
      expect(E.isRight(core({}, [{ op: 'add', path: `/${long}`, value: long }]))).toBe(true)
      core({ [long]: 1 }, [{ op: 'remove', path: `/${long}` }, { op: 'test', path: `/${long}`, value: 1 }])
      core({}, [{ op: 'add', path: `/${'~'.repeat(100_000)}`, value: 1 }])
      core({}, [{ op: 'add', path: `/${'~0'.repeat(100_000)}`, value: 1 }])
    })

    it('huge and malformed array indices are Lefts; the index after the last is an append', () => {
      for (const index of ['4294967295', '4294967294', '9007199254740993', '1e400', '1e0', '-1', '01', ' 1', '1 ', '0x1', '１', '+1', '1.0', 'Infinity', 'NaN', '']) {
        for (const op of ['add', 'replace', 'remove', 'test']) {
          expect(E.isLeft(core({ list: [1, 2, 3] }, [{ op, path: `/list/${index}`, value: 0 }]))).toBe(true)
        }
      }
      expect(core({ list: [1, 2, 3] }, [{ op: 'add', path: '/list/3', value: 4 }])).toEqual(E.right({ list: [1, 2, 3, 4] }))
      expect(core({ list: [1, 2, 3] }, [{ op: 'add', path: '/list/-', value: 4 }])).toEqual(E.right({ list: [1, 2, 3, 4] }))
    })

    it('a patch of 20,000 operations (deeper than a recursive fold could go)', () => {
      const many = Array.from({ length: 20_000 }, (_, i) => ({ op: 'replace', path: '/n', value: i }))
      expect(core({ n: 0 }, many)).toEqual(E.right({ n: 19_999 }))
      const r = core({ n: 0 }, [...many, { op: 'remove', path: '/missing' }])
      expect((r as E.Left<{ index: number }>).left.index).toBe(20_000)
    })
  })
})
