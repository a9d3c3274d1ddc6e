/**
 * The faster applier against the applier as it was before the speed work of issue 16 (a frozen
 * copy in `test/patch/oracle/`): over random stages and random requests, valid, refused and
 * hostile, the two give the same answer: the same stage (key order included, and the same
 * reference when nothing changes) or the same error, message, tag and index included.
 *
 * The applier copies on first write within a request (a copy made by one operation is changed in
 * place by the next): the draft-focused requests below aim several operations at the same maps
 * (the stage's own variables, overrides and method-setting entries), and end some with an
 * operation that fails after the others wrote into the draft; the input stays as it was (the
 * stages are frozen, and compared with a copy taken before).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Stage } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import type { PatchOptions } from '../../src/patch/PatchOptions.js'
import { applyOperation, applyPatch, applyPatchUnknown } from '../../src/patch/StagePatch.js'
import * as arb from '../arbitraries.js'
import { deepFreeze } from '../helpers.js'
import * as oracle from './oracle/StagePatch.js'
import { anyOperation, methodSettingOperation, methodSettingsStage, validOperation } from './StagePatch.arbitraries.js'

/** Both answers agree: the same error, or stages equal as values and as JSON text (key order), the same reference when the oracle's is the input. */
const sameAnswer = (stage: Stage, got: E.Either<unknown, Stage>, want: E.Either<unknown, Stage>): void => {
  expect(got._tag).toBe(want._tag)
  if (E.isLeft(got) && E.isLeft(want)) {
    expect(got.left).toStrictEqual(want.left)
    return
  }
  if (E.isRight(got) && E.isRight(want)) {
    expect(got.right).toStrictEqual(want.right)
    expect(JSON.stringify(got.right)).toBe(JSON.stringify(want.right))
    expect(got.right === stage).toBe(want.right === stage)
  }
}

const stages: fc.Arbitrary<Stage> = fc.oneof(arb.stage, arb.deployedStage, arb.canaryStage, arb.plainStage, methodSettingsStage).map(deepFreeze)

/** Operations aimed at what the stage holds (its own variables and overrides) as well as anywhere. */
const operations: fc.Arbitrary<ReadonlyArray<PatchOperation>> = fc.array(fc.oneof({ weight: 3, arbitrary: anyOperation }, validOperation, methodSettingOperation), {
  maxLength: 12
})

const options: fc.Arbitrary<PatchOptions> = fc.oneof(
  fc.constant({}),
  fc.record({ deployments: fc.array(arb.deploymentId, { maxLength: 3 }) }),
  fc.record({ now: arb.timestamp })
)

/** Raw request elements as untrusted JSON brings them: operations, and values that are not. */
const rawElement: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: anyOperation },
  fc.constantFrom(null, 1, 'op', [], {}, { op: 'replace' }, { path: '/description' }, { op: 'nope', path: 1, value: 2, from: false }),
  fc.record({ op: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), path: fc.oneof(fc.string({ maxLength: 6 }), fc.boolean()), value: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] })
)

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })
const remove = (path: string): PatchOperation => ({ op: 'remove', path })

/** A few values, so that a later operation often writes what an earlier one (or the stage) holds. */
const value = fc.constantFrom('v1', 'v2', 'val1')

/**
 * Operations on what the stage holds and on a few names besides, many on the same map: its
 * variables and overrides, its method-setting entries (and new ones, which start from the `*\/*`
 * entry), its own fields, the canary and the access logs; the promotion copies among them.
 */
const draftOperation = (stage: Stage): fc.Arbitrary<PatchOperation> => {
  const names = fc.constantFrom('a', 'b', 'sv1', '__proto__', 'toString', ...Object.keys(stage.variables ?? {}), ...Object.keys(stage.canarySettings?.stageVariableOverrides ?? {}))
  const keys = fc.constantFrom('*/*', '~1pets/GET', 'test/GET', ...Object.keys(stage.methodSettings ?? {}))
  return fc.oneof(
    fc.tuple(names, value).map(([n, v]) => replace(`/variables/${n}`, v)),
    names.map((n) => remove(`/variables/${n}`)),
    fc.tuple(names, value).map(([n, v]) => replace(`/canarySettings/stageVariableOverrides/${n}`, v)),
    names.map((n) => remove(`/canarySettings/stageVariableOverrides/${n}`)),
    fc.tuple(keys, fc.constantFrom('metrics/enabled', 'caching/enabled'), fc.constantFrom('true', 'false')).map(([k, p, v]) => replace(`/${k}/${p}`, v)),
    fc.tuple(keys, fc.constantFrom('5', '60')).map(([k, v]) => replace(`/${k}/caching/ttlInSeconds`, v)),
    keys.map((k) => remove(`/${k}`)),
    fc.tuple(fc.constantFrom('/description', '/documentationVersion', '/clientCertificateId'), fc.constantFrom('', 'd1', 'd2')).map(([p, v]) => replace(p, v)),
    fc.tuple(fc.constantFrom('/tracingEnabled', '/cacheClusterEnabled', '/canarySettings/useStageCache'), fc.constantFrom('true', 'false')).map(([p, v]) => replace(p, v)),
    fc.constantFrom('0.0', '10', '50.5').map((v) => replace('/canarySettings/percentTraffic', v)),
    fc.constantFrom('/deploymentId', '/canarySettings/deploymentId').map((p) => replace(p, 'x7yz12')),
    fc.constantFrom(remove('/canarySettings'), remove('/accessLogSettings')),
    fc.tuple(fc.constantFrom('/accessLogSettings/format', '/accessLogSettings/destinationArn'), fc.constantFrom('f1', 'f2')).map(([p, v]) => replace(p, v)),
    fc.constantFrom<PatchOperation>(
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    )
  )
}

/** An operation that fails, whatever the stage. */
const failing: fc.Arbitrary<PatchOperation> = fc.constantFrom(
  replace('/canarySettings/percentTraffic', '101'),
  replace('/variables/bad-name', 'v'),
  replace('/*/*/metrics/enabled', 'yes'),
  { op: 'add', path: '/description', value: 'd' },
  remove('/description'),
  replace('/nope', 'x')
)

/** A stage and a request focused on it: up to 16 operations, and maybe a failing one somewhere after the first. */
const draftRequest: fc.Arbitrary<readonly [Stage, ReadonlyArray<PatchOperation>]> = stages.chain((stage) =>
  fc.tuple(fc.constant(stage), fc.array(draftOperation(stage), { minLength: 1, maxLength: 16 }), fc.option(fc.tuple(failing, fc.nat()), { freq: 3 })).map(
    ([s, ops, fail]) => [s, fail === null ? ops : [...ops.slice(0, 1 + (fail[1] % ops.length)), fail[0], ...ops.slice(1 + (fail[1] % ops.length))]] as const
  )
)

/**
 * The stage's own paths, which the applier reads from a table of parsed paths: each as it is,
 * and odd variants that must fall to the general reader (escapes, a trailing or doubled `/`,
 * no leading `/`, another case, a refused key, a bad escape, a longer path) with any op and a
 * value of many forms.
 */
const ownPaths = [
  '/canarySettings',
  '/variables',
  '/accessLogSettings',
  '/accessLogSettings/format',
  '/accessLogSettings/destinationArn',
  '/canarySettings/percentTraffic',
  '/canarySettings/useStageCache',
  '/canarySettings/deploymentId',
  '/canarySettings/stageVariableOverrides',
  '/deploymentId',
  '/description',
  '/clientCertificateId',
  '/documentationVersion',
  '/cacheClusterEnabled',
  '/tracingEnabled',
  '/cacheClusterSize',
  '/methodSettings',
  '/stageName',
  '/cacheClusterStatus'
]
const ownPathVariant: fc.Arbitrary<string> = fc.constantFrom(...ownPaths).chain((p) =>
  fc.constantFrom(
    p,
    p,
    `${p}/`,
    `${p}//`,
    `/${p}`,
    p.slice(1),
    p.toUpperCase(),
    p.replace('/', '/~0'),
    `${p}~1x`,
    `${p}~01`,
    `${p}/__proto__`,
    `${p}/constructor`,
    `${p}/toString`,
    `${p}~`,
    `${p}~2`,
    p.replace('s', '~1'),
    `${p}/x`,
    `${p}/*/metrics/enabled`,
    `/~1${p.slice(1)}`,
    `${p}/GET/caching/enabled`
  )
)
const ownPathOperation: fc.Arbitrary<PatchOperation> = fc
  .record(
    {
      op: fc.constantFrom('replace', 'replace', 'remove', 'add', 'copy', 'move', 'test'),
      path: ownPathVariant,
      value: fc.constantFrom('', '0.0', '50', '0.5', 'true', 'false', 'x7yz12', 'nfcn0x', 'd1', '$context.requestId', 'arn:aws:logs:us-east-1:1:log-group:a', '1e2', ' 5'),
      from: fc.oneof(ownPathVariant, fc.constantFrom('/canarySettings/stageVariableOverrides', '/canarySettings/deploymentId'))
    },
    { requiredKeys: ['op', 'path'] }
  )
  .map((o) => o as PatchOperation)

/**
 * Method-setting paths whose tokens the applier reads as their segments: keys with escapes
 * (`~0`, `~1`, a refused key behind a `~1`), settings and reserved heads written with an
 * escape (which then name no setting, no stage field), too few or too many segments.
 */
const methodPathVariant: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('*/*', '~1pets/GET', 'test/GET', '~1a~0b/GET', '~1__proto__/GET', 'a~1constructor/GET', '~1x~1prototype~1y/GET', 'variables/GET', 'variable~0s/GET', 'canarySettings/GET', '~1/GET', 'GET', ''),
    fc.constantFrom('metrics/enabled', 'caching/ttlInSeconds', 'logging/loglevel', 'throttling/rateLimit', 'metric~0s/enabled', 'metrics/enable~1d', 'metrics', '', 'metrics/enabled/x')
  )
  .map(([key, setting]) => (setting === '' ? `/${key}` : `/${key}/${setting}`))
const methodPathOperation: fc.Arbitrary<PatchOperation> = fc
  .record({ op: fc.constantFrom('replace', 'replace', 'remove', 'add'), path: methodPathVariant, value: fc.constantFrom('true', '5', '50.5', 'INFO', 'x') }, { requiredKeys: ['op', 'path'] })
  .map((o) => o as PatchOperation)

describe('the faster applier gives the answers of the applier it replaced (the oracle)', () => {
  it('applyPatch: the same stage or the same error, over random stages and requests', () => {
    fc.assert(
      fc.property(stages, operations, options, (stage, ops, opts) => {
        sameAnswer(stage, applyPatch(stage, ops, opts), oracle.applyPatch(stage, ops, opts))
        // and the same again on the stage after the oracle's answer, so that the second request meets what the first made
        const next = oracle.applyPatch(stage, ops, opts)
        if (E.isRight(next)) sameAnswer(next.right, applyPatch(next.right, ops, opts), oracle.applyPatch(next.right, ops, opts))
      }),
      { numRuns: 400 }
    )
  })

  it('applyPatch: the same answer for requests that write the same maps again and again, and the input untouched, a failing operation after the writes included', () => {
    fc.assert(
      fc.property(draftRequest, options, ([stage, ops], opts) => {
        const before = structuredClone(stage)
        const got = applyPatch(stage, ops, opts)
        sameAnswer(stage, got, oracle.applyPatch(stage, ops, opts))
        expect(stage).toStrictEqual(before)
        // the result, patched again, meets a draft made from objects of an earlier request
        if (E.isRight(got)) {
          const again = deepFreeze(got.right)
          sameAnswer(again, applyPatch(again, ops, opts), oracle.applyPatch(again, ops, opts))
        }
      }),
      { numRuns: 400 }
    )
  })

  it('a map holding an own __proto__ key is copied key by key, the key kept as data and the prototype untouched', () => {
    const stage = deepFreeze(JSON.parse('{"deploymentId":"nfcn0x","variables":{"__proto__":"p","a":"1"},"canarySettings":{"deploymentId":"eh1sby","percentTraffic":5,"stageVariableOverrides":{"__proto__":"q"},"useStageCache":false}}') as Stage)
    const ops: ReadonlyArray<PatchOperation> = [
      replace('/variables/b', '2'),
      replace('/variables/a', '3'),
      replace('/canarySettings/stageVariableOverrides/c', '4'),
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' }
    ]
    const got = applyPatch(stage, ops)
    sameAnswer(stage, got, oracle.applyPatch(stage, ops))
    expect(E.isRight(got) && Object.getPrototypeOf(got.right.variables)).toBe(Object.prototype)
    expect(E.isRight(got) && Object.keys(got.right.variables ?? {})).toEqual(['__proto__', 'a', 'b', 'c'])
  })

  it("applyPatch: the same answer on the stage's own paths (read from a table) and their odd variants (read by the general reader), and on method-setting paths with escapes", () => {
    fc.assert(
      fc.property(stages, fc.array(fc.oneof({ weight: 3, arbitrary: ownPathOperation }, { weight: 2, arbitrary: methodPathOperation }, validOperation), { minLength: 1, maxLength: 8 }), options, (stage, ops, opts) => {
        sameAnswer(stage, applyPatch(stage, ops, opts), oracle.applyPatch(stage, ops, opts))
        for (const op of ops) sameAnswer(stage, applyOperation(stage, op, opts, 3), oracle.applyOperation(stage, op, opts, 3))
      }),
      { numRuns: 500 }
    )
  })

  it('applyPatch: the same answer on long requests, whose draft holds more objects than its short list (past 8, a Set)', () => {
    fc.assert(
      fc.property(stages, fc.array(fc.oneof({ weight: 3, arbitrary: methodSettingOperation }, { weight: 2, arbitrary: methodPathOperation }, ownPathOperation, validOperation), { minLength: 12, maxLength: 40 }), (stage, ops) => {
        sameAnswer(stage, applyPatch(stage, ops), oracle.applyPatch(stage, ops))
      }),
      { numRuns: 150 }
    )
  })

  it('applyPatch: a draft past its short list still tells its own objects from the input\'s (a frozen method setting after ten new ones)', () => {
    const seeded = applyPatch(deepFreeze({ deploymentId: 'nfcn0x', stageName: 'prod' }) as Stage, [{ op: 'replace', path: '/~1pets/GET/metrics/enabled', value: 'true' }])
    if (E.isLeft(seeded)) throw new Error(seeded.left.message)
    const stage = deepFreeze(seeded.right)
    const ops: Array<PatchOperation> = Array.from({ length: 10 }, (_, i) => ({ op: 'replace', path: `/~1r${i}/GET/metrics/enabled`, value: 'true' }))
    ops.push({ op: 'replace', path: '/~1pets/GET/logging/loglevel', value: 'INFO' }, { op: 'replace', path: '/~1r3/GET/caching/enabled', value: 'true' })
    sameAnswer(stage, applyPatch(stage, ops), oracle.applyPatch(stage, ops))
  })

  it('applyPatchUnknown: the same answer for untrusted requests (not lists, wrong fields, wrong types)', () => {
    fc.assert(
      fc.property(stages, fc.oneof({ weight: 5, arbitrary: fc.array(rawElement, { maxLength: 6 }) }, fc.anything({ maxDepth: 1 })), (stage, input) => {
        sameAnswer(stage, applyPatchUnknown(stage, input), oracle.applyPatchUnknown(stage, input))
      })
    )
  })

  it('applyOperation: the same answer for one operation at any index', () => {
    fc.assert(
      fc.property(stages, anyOperation, fc.nat({ max: 50 }), (stage, op, index) => {
        sameAnswer(stage, applyOperation(stage, op, {}, index), oracle.applyOperation(stage, op, {}, index))
      })
    )
  })
})
