/**
 * fast-check arbitraries for update-stage patch operations: mostly operations AWS accepts
 * (values written the ways tools write them), some it refuses, and hostile ones. Stages and
 * transitions come from `test/arbitraries.ts`.
 */
import * as fc from 'fast-check'
import { cacheClusterSizes } from '../../src/index.js'
import type { PatchOperation } from '../../src/patch/PatchOperation.js'
import * as arb from '../arbitraries.js'

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })
const remove = (path: string): PatchOperation => ({ op: 'remove', path })

/** A method-setting key's patch path, written independently of the library: the key as AWS stores it, after a `/` (`~1pets/GET` → `/~1pets/GET`). */
export const keyToPath = (key: string): string => `/${key}`

/** A percentage the ways tools write it: `"50"`, `"50.0"`, `"66.660000"`. */
export const percentText: fc.Arbitrary<string> = fc
  .tuple(arb.percent, fc.constantFrom('plain', 'fixed1', 'fixed6'))
  .map(([p, how]) => (how === 'plain' ? String(p) : how === 'fixed1' ? p.toFixed(1) : p.toFixed(6)))

const booleanText = fc.constantFrom('true', 'false')

/** A value for each method-setting path, valid. */
const settingValue: fc.Arbitrary<readonly [string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom('metrics/enabled', 'logging/dataTrace', 'caching/enabled', 'caching/dataEncrypted', 'caching/requireAuthorizationForCacheControl'), booleanText),
  fc.tuple(fc.constant('logging/loglevel'), fc.constantFrom('OFF', 'ERROR', 'INFO')),
  fc.tuple(fc.constantFrom('throttling/burstLimit', 'caching/ttlInSeconds'), fc.integer({ min: -1, max: 10_000 }).map(String)),
  fc.tuple(fc.constant('throttling/rateLimit'), fc.double({ min: 0, max: 10_000, noNaN: true, noDefaultInfinity: true }).map((n) => String(n))),
  fc.tuple(
    fc.constant('caching/unauthorizedCacheControlHeaderStrategy'),
    fc.constantFrom('FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER', 'SUCCEED_WITHOUT_RESPONSE_HEADER')
  )
)

/** Method-setting operations on a few keys, the wildcard among them: first touches, edits, removals. */
export const methodSettingOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('*/*', '~1pets/GET', 'test/GET'), settingValue).map(([k, [p, v]]) => replace(`${keyToPath(k)}/${p}`, v)) },
  { weight: 1, arbitrary: fc.constantFrom('*/*', '~1pets/GET', 'test/GET').map((k) => remove(keyToPath(k))) }
)

/** A stage whose method settings hold a wildcard entry (with any subset of fields) and maybe others. */
export const methodSettingsStage = fc
  .tuple(arb.deployedStage, arb.methodSetting, fc.dictionary(fc.constantFrom('~1pets/GET', 'test/GET'), arb.methodSetting, { maxKeys: 2 }))
  .map(([s, wildcard, others]) => ({ ...s, methodSettings: { ...others, '*/*': wildcard } }))

/** Operations AWS accepts (on a stage with a deploymentId; the copies also need a canary). */
export const validOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  percentText.map((v) => replace('/canarySettings/percentTraffic', v)),
  arb.deploymentId.map((v) => replace('/canarySettings/deploymentId', v)),
  booleanText.map((v) => replace('/canarySettings/useStageCache', v)),
  fc.tuple(arb.variableName, arb.variableValue).map(([n, v]) => replace(`/canarySettings/stageVariableOverrides/${n}`, v)),
  arb.variableName.map((n) => remove(`/canarySettings/stageVariableOverrides/${n}`)),
  fc.constant(remove('/canarySettings')),
  fc.constant<PatchOperation>({ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }),
  fc.constant<PatchOperation>({ op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' }),
  arb.deploymentId.map((v) => replace('/deploymentId', v)),
  fc.tuple(fc.constantFrom('/description', '/clientCertificateId', '/documentationVersion'), fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }))).map(([p, v]) =>
    replace(p, v)
  ),
  fc.tuple(fc.constantFrom('/cacheClusterEnabled', '/tracingEnabled'), booleanText).map(([p, v]) => replace(p, v)),
  fc.constantFrom(...cacheClusterSizes).map((v) => replace('/cacheClusterSize', v)),
  fc.tuple(arb.variableName, arb.variableValue).map(([n, v]) => replace(`/variables/${n}`, v)),
  arb.variableName.map((n) => remove(`/variables/${n}`)),
  fc.tuple(arb.methodSettingKey, settingValue).map(([k, [p, v]]) => replace(`${keyToPath(k)}/${p}`, v)),
  arb.methodSettingKey.map((k) => remove(keyToPath(k))),
  fc
    .tuple(fc.constantFrom<'add' | 'replace'>('add', 'replace'), fc.constantFrom('destinationArn', 'format'), fc.string({ minLength: 1, maxLength: 12 }))
    .map(([op, f, v]): PatchOperation => ({ op, path: `/accessLogSettings/${f}`, value: v })),
  fc.constant(remove('/accessLogSettings'))
)

/** Paths that reach for a prototype, or are not JSON Pointers at all. */
export const hostilePath: fc.Arbitrary<string> = fc.constantFrom(
  '/__proto__/x',
  '/__proto__',
  '/constructor/prototype/x',
  '/constructor/prototype/metrics/enabled',
  '/variables/__proto__',
  '/variables/constructor',
  '/canarySettings/stageVariableOverrides/__proto__',
  '/canarySettings/stageVariableOverrides/prototype',
  '/~1__proto__/GET/metrics/enabled',
  '/~1__proto__/GET',
  '/a~1constructor/GET/caching/enabled',
  '/*/prototype/metrics/enabled',
  '/~2/GET/metrics/enabled',
  '/variables/x~',
  '/canarySettings/percentTraffic~',
  'variables/x',
  '/accessLogSettings/__proto__'
)

/** Any operation: valid ones, wrong values, unknown paths, unsupported ops, hostile paths. */
export const anyOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  { weight: 6, arbitrary: validOperation },
  {
    weight: 2,
    arbitrary: fc
      .record(
        {
          op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'),
          path: fc.oneof(
            fc.constantFrom('/canarySettings', '/canarySettings/percentTraffic', '/canarySettings/stageVariableOverrides', '/deploymentId', '/variables', '/tags/team', '/*/*', '/accessLogSettings/level'),
            fc.string({ maxLength: 12 }).map((s) => `/${s}`)
          ),
          value: fc.oneof(fc.constantFrom('True', '1', '', '150', 'x7yz12', 'ten'), fc.string({ maxLength: 8 })),
          from: fc.constantFrom('/canarySettings/deploymentId', '/variables', '/deploymentId')
        },
        { requiredKeys: ['op', 'path'], noNullPrototype: true }
      )
      .map((r) => r as PatchOperation)
  },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('add', 'remove', 'replace') as fc.Arbitrary<'add' | 'remove' | 'replace'>, hostilePath).map(([op, path]) => ({ op, path, value: 'x' })) }
)
