/**
 * fast-check arbitraries for the model, built from the smart constructors: every value is
 * produced by a `fromX` and kept only when it is a `Right`, so a generated value is valid by the
 * same rules the library enforces (each passes `decodeStage` and the codecs). Stages in each
 * phase, canary settings, update-stage patch operations (accepted, refused and hostile) and
 * rollout plans. fast-check is an optional peer dependency: install it to use this module.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import * as fc from 'fast-check'
import * as DeploymentId from '../stage/DeploymentId.js'
import * as Percent from '../stage/Percent.js'
import * as StageVariable from '../stage/StageVariable.js'
import * as Timestamp from '../stage/Timestamp.js'
import type * as CanarySettings from '../stage/CanarySettings.js'
import type { AccessLogSettings as AccessLogSettingsT } from '../stage/AccessLogSettings.js'
import type { MethodSetting as MethodSettingT } from '../stage/MethodSetting.js'
import { cacheClusterSizes, type Stage } from '../stage/Stage.js'
import * as Transition from '../lifecycle/Transition.js'
import type { Phase } from '../lifecycle/Phase.js'
import type { PatchOperation } from '../patch/PatchOperation.js'
import * as Plan from '../rollout/Plan.js'

const refine = <A, B>(arb: fc.Arbitrary<A>, f: (a: A) => E.Either<unknown, B>): fc.Arbitrary<B> =>
  arb.map(f).filter(E.isRight).map((r) => (r as E.Right<B>).right)

/**
 * A valid percentage (0 to 100), the edges and AWS's examples first.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { Percent } from 'apigw-canary'
 * import { percent } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(percent, (p) => E.isRight(Percent.fromNumber(p))), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const percent: fc.Arbitrary<Percent.Percent> = refine(
  fc.oneof(fc.constantFrom(0, 100, 10.5, 50, 66.66), fc.double({ min: 0, max: 100, noNaN: true })),
  (n) => Percent.fromNumber(n)
)

/**
 * Any number a caller might pass as a percentage, valid or not (negative, over 100, NaN, infinities).
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { anyNumber } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(anyNumber, (n) => typeof n === 'number'), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(-1, -0, 100.0001, 150, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: 0, max: 100, noNaN: true })
)

/**
 * A deployment id as AWS makes them: six lower-case letters and digits.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { deploymentId } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(deploymentId, (id) => /^[a-z0-9]{6}$/.test(id)), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const deploymentId: fc.Arbitrary<DeploymentId.DeploymentId> = refine(
  fc.oneof(fc.constantFrom('nfcn0x', 'eh1sby', 'x7yz12'), fc.stringMatching(/^[a-z0-9]{6}$/)),
  (s) => DeploymentId.fromString(s)
)

/**
 * A stage variable name AWS accepts (`[A-Za-z0-9_]`, 1 to 12 characters here).
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { variableName } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(variableName, (n) => /^[A-Za-z0-9_]+$/.test(n)), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const variableName: fc.Arbitrary<StageVariable.VariableName> = refine(
  fc.oneof(fc.constantFrom('sv1', 'sv2', 'sv3', 'testVar', 'testVar2'), fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/)),
  (s) => StageVariable.nameFromString(s)
)

/**
 * A stage variable value AWS accepts (`[A-Za-z0-9-._~:/?#&=,]`, 1 to 16 characters here).
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { StageVariable } from 'apigw-canary'
 * import { variableValue } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(variableValue, (v) => E.isRight(StageVariable.valueFromString(v))), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const variableValue: fc.Arbitrary<StageVariable.VariableValue> = refine(
  fc.oneof(fc.constantFrom('val1', 'val2', 'val3', 'https://example.com/a?b=c&d=e'), fc.stringMatching(/^[A-Za-z0-9\-._~:/?#&=,]{1,16}$/)),
  (s) => StageVariable.valueFromString(s)
)

/**
 * A map of stage variables, between `minKeys` (0) and `maxKeys` (6) entries.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { variables } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(variables({ minKeys: 1, maxKeys: 3 }), (v) => Object.keys(v).length >= 1 && Object.keys(v).length <= 3), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const variables = (options: { minKeys?: number; maxKeys?: number } = {}): fc.Arbitrary<StageVariable.Variables> =>
  refine(
    fc.dictionary(variableName, variableValue, { minKeys: options.minKeys ?? 0, maxKeys: options.maxKeys ?? 6 }),
    (record) => StageVariable.fromRecord({ ...record })
  )

/**
 * Canary settings: a deployment, a valid percentage, the stage-cache flag and maybe 1 to 4 overrides.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { CanarySettings } from 'apigw-canary'
 * import { canarySettings } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canarySettings, (c) => E.isRight(CanarySettings.codec.decode(c))), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const canarySettings: fc.Arbitrary<CanarySettings.CanarySettings> = fc
  .record(
    {
      deploymentId,
      percentTraffic: percent,
      stageVariableOverrides: variables({ minKeys: 1, maxKeys: 4 }),
      useStageCache: fc.boolean()
    },
    { requiredKeys: ['deploymentId', 'percentTraffic', 'useStageCache'], noNullPrototype: true }
  )
  .map((c) => ({
    deploymentId: c.deploymentId,
    percentTraffic: c.percentTraffic,
    ...(c.stageVariableOverrides === undefined ? {} : { stageVariableOverrides: c.stageVariableOverrides }),
    useStageCache: c.useStageCache
  }))

/**
 * A method setting with any subset of its fields, each valid.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { MethodSetting } from 'apigw-canary'
 * import { methodSetting } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(methodSetting, (m) => E.isRight(MethodSetting.codec.decode(m))), { numRuns: 50 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const methodSetting: fc.Arbitrary<MethodSettingT> = fc.record(
  {
    metricsEnabled: fc.boolean(),
    loggingLevel: fc.constantFrom('OFF' as const, 'ERROR' as const, 'INFO' as const),
    dataTraceEnabled: fc.boolean(),
    throttlingBurstLimit: fc.integer({ min: 0, max: 10_000 }),
    throttlingRateLimit: fc.double({ min: 0, max: 10_000, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    cachingEnabled: fc.boolean(),
    cacheTtlInSeconds: fc.integer({ min: 0, max: 3600 }),
    cacheDataEncrypted: fc.boolean(),
    requireAuthorizationForCacheControl: fc.boolean(),
    unauthorizedCacheControlHeaderStrategy: fc.constantFrom(
      'FAIL_WITH_403' as const,
      'SUCCEED_WITH_RESPONSE_HEADER' as const,
      'SUCCEED_WITHOUT_RESPONSE_HEADER' as const
    )
  },
  { requiredKeys: [], noNullPrototype: true }
)

/**
 * A method-setting key: the wildcard `*\/*` or a resource path and method as AWS stores them.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { MethodSetting } from 'apigw-canary'
 * import { methodSettingKey } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(methodSettingKey, (k) => k === MethodSetting.WILDCARD || k.includes('/')), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const methodSettingKey: fc.Arbitrary<string> = fc.oneof(
  fc.constant('*/*'),
  fc.constantFrom('/pets/GET', '/pets/{petId}/DELETE', 'test/GET', '/orders/POST')
)

/**
 * Access log settings with a format and a destination ARN, each maybe absent.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { AccessLogSettings } from 'apigw-canary'
 * import { accessLogSettings } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(accessLogSettings, (a) => E.isRight(AccessLogSettings.codec.decode(a))), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const accessLogSettings: fc.Arbitrary<AccessLogSettingsT> = fc.record(
  {
    format: fc.constantFrom('$context.requestId', '{"requestId":"$context.requestId"}'),
    destinationArn: fc.constantFrom('arn:aws:logs:us-east-1:123456789012:log-group:access-logs')
  },
  { requiredKeys: [], noNullPrototype: true }
)

/**
 * A date between API Gateway's launch (2015) and 2030, as an ISO timestamp.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { timestamp } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(timestamp, (t) => Number.isFinite(Date.parse(t))), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const timestamp: fc.Arbitrary<Timestamp.Timestamp> = fc
  .date({ min: new Date('2015-07-09T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => Timestamp.unsafeFromString(d.toISOString()))

/**
 * Any stage AWS may report: every field optional and valid, canary or not.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { decodeStage, encodeStage } from 'apigw-canary'
 * import { stage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(stage, (s) => E.isRight(decodeStage(encodeStage(s)))), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const stage: fc.Arbitrary<Stage> = fc.record(
  {
    deploymentId,
    clientCertificateId: fc.constantFrom('cert01'),
    stageName: fc.constantFrom('prod', 'beta', 'dev'),
    description: fc.string({ maxLength: 20 }),
    cacheClusterEnabled: fc.boolean(),
    cacheClusterSize: fc.constantFrom(...cacheClusterSizes),
    cacheClusterStatus: fc.constantFrom('AVAILABLE' as const, 'NOT_AVAILABLE' as const),
    methodSettings: fc.dictionary(methodSettingKey, methodSetting, { maxKeys: 3 }).map((r) => ({ ...r })),
    variables: variables(),
    documentationVersion: fc.constantFrom('1.0', '2.1'),
    accessLogSettings,
    canarySettings,
    tracingEnabled: fc.boolean(),
    webAclArn: fc.constantFrom('arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/1'),
    tags: fc.dictionary(fc.constantFrom('team', 'env'), fc.string({ maxLength: 8 })).map((r) => ({ ...r })),
    createdDate: timestamp,
    lastUpdatedDate: timestamp
  },
  { requiredKeys: [], noNullPrototype: true }
)

/**
 * A stage that runs a deployment (what every canary transition needs to default to).
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { deployedStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(deployedStage, (s) => s.deploymentId !== undefined), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const deployedStage: fc.Arbitrary<Stage> = fc.tuple(stage, deploymentId).map(([s, id]) => ({ ...s, deploymentId: s.deploymentId ?? id }))

/**
 * A deployed stage with a canary, at any traffic.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { hasCanary } from 'apigw-canary'
 * import { canaryStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canaryStage, (s) => hasCanary(s)), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const canaryStage: fc.Arbitrary<Stage> = fc.tuple(deployedStage, canarySettings).map(([s, c]) => ({ ...s, canarySettings: c }))

/**
 * A deployed stage without a canary.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { phase } from 'apigw-canary'
 * import { plainStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(plainStage, (s) => phase(s)._tag === 'NoCanary'), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const plainStage: fc.Arbitrary<Stage> = deployedStage.map((s) => {
  const { canarySettings: _, ...rest } = s
  return rest
})

/**
 * A lifecycle transition, with valid and invalid arguments (bad percentages, bad variable names): for laws that must hold whatever the input.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { transition as transitionOf } from 'apigw-canary'
 * import { transition, canaryStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canaryStage, transition, (s, t) => typeof transitionOf(s, t)._tag === 'string'), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const transition: fc.Arbitrary<Transition.Transition> = fc.oneof(
  fc.record({ percentTraffic: fc.oneof(percent, anyNumber), deploymentId }, { requiredKeys: [], noNullPrototype: true }).map((s) => Transition.enableCanary(s)),
  fc.oneof(percent, anyNumber).map(Transition.setTraffic),
  fc.tuple(variableName, variableValue).map(([n, v]) => Transition.setOverride(n, v)),
  fc.tuple(fc.constantFrom('bad-name', ''), variableValue).map(([n, v]) => Transition.setOverride(n, v)),
  variableName.map(Transition.removeOverride),
  fc.boolean().map(Transition.setUseStageCache),
  deploymentId.map(Transition.setCanaryDeployment),
  fc.record({ deployment: fc.boolean(), variables: fc.boolean(), resetTraffic: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }).map(Transition.promote),
  fc.constant(Transition.disable()),
  deploymentId.map(Transition.deploy),
  fc
    .tuple(deploymentId, fc.record({ percentTraffic: percent, stageVariableOverrides: variables({ maxKeys: 3 }), useStageCache: fc.boolean() }, { requiredKeys: [], noNullPrototype: true }))
    .map(([id, s]) => Transition.deployCanary(id, s))
)

/**
 * A stage in the given phase: `NoCanary`, `CanaryIdle` (a canary at 0%), `CanaryPartial` (strictly between 0 and 100%) or `CanaryFull` (100%).
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { phase } from 'apigw-canary'
 * import { stageIn } from 'apigw-canary/testing'
 *
 * for (const name of ['NoCanary', 'CanaryIdle', 'CanaryPartial', 'CanaryFull'] as const)
 *   fc.assert(fc.property(stageIn(name), (s) => phase(s)._tag === name), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const stageIn = (name: Phase['_tag']): fc.Arbitrary<Stage> => {
  const at = (p: fc.Arbitrary<Percent.Percent>): fc.Arbitrary<Stage> =>
    fc.tuple(canaryStage, p).map(([s, percentTraffic]) => ({ ...s, canarySettings: { ...(s.canarySettings as CanarySettings.CanarySettings), percentTraffic } }))
  switch (name) {
    case 'NoCanary':
      return plainStage
    case 'CanaryIdle':
      return at(fc.constant(Percent.unsafeFromNumber(0)))
    case 'CanaryFull':
      return at(fc.constant(Percent.unsafeFromNumber(100)))
    default:
      return at(percent.filter((p) => p > 0 && p < 100))
  }
}

const replace = (path: string, value: string): PatchOperation => ({ op: 'replace', path, value })
const remove = (path: string): PatchOperation => ({ op: 'remove', path })

/** A method-setting key's patch path, written independently of the library: the key as AWS stores it, after a `/` (`~1pets/GET` → `/~1pets/GET`). */
const keyToPath = (key: string): string => `/${key}`

/**
 * A percentage written the ways tools write it in a patch value: `"50"`, `"50.0"`, `"66.660000"`.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { percentText } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(percentText, (t) => Number(t) >= 0 && Number(t) <= 100), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const percentText: fc.Arbitrary<string> = fc
  .tuple(percent, fc.constantFrom('plain', 'fixed1', 'fixed6'))
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

/**
 * An update-stage operation on the method settings of a few keys (the wildcard among them): first touches, edits and removals, all accepted.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { methodSettingOperation } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(methodSettingOperation, (op) => op.op === 'replace' || op.op === 'remove'), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const methodSettingOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('*/*', '~1pets/GET', 'test/GET'), settingValue).map(([k, [p, v]]) => replace(`${keyToPath(k)}/${p}`, v)) },
  { weight: 1, arbitrary: fc.constantFrom('*/*', '~1pets/GET', 'test/GET').map((k) => remove(keyToPath(k))) }
)

/**
 * A deployed stage whose method settings hold a `*\/*` entry (any subset of fields) and maybe others.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { MethodSetting } from 'apigw-canary'
 * import { methodSettingsStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(methodSettingsStage, (s) => s.methodSettings?.[MethodSetting.WILDCARD] !== undefined), { numRuns: 20 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const methodSettingsStage = fc
  .tuple(deployedStage, methodSetting, fc.dictionary(fc.constantFrom('~1pets/GET', 'test/GET'), methodSetting, { maxKeys: 2 }))
  .map(([s, wildcard, others]) => ({ ...s, methodSettings: { ...others, '*/*': wildcard } }))

/**
 * An update-stage operation AWS accepts on a stage with a deployment (the promotion copies also need a canary): every kind of path, values written as tools write them.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { applyPatch } from 'apigw-canary'
 * import { validOperation, canaryStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canaryStage, validOperation, (s, op) => op.op !== 'copy' || E.isRight(applyPatch(s, [op]))), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const validOperation: fc.Arbitrary<PatchOperation> = fc.oneof(
  percentText.map((v) => replace('/canarySettings/percentTraffic', v)),
  deploymentId.map((v) => replace('/canarySettings/deploymentId', v)),
  booleanText.map((v) => replace('/canarySettings/useStageCache', v)),
  fc.tuple(variableName, variableValue).map(([n, v]) => replace(`/canarySettings/stageVariableOverrides/${n}`, v)),
  variableName.map((n) => remove(`/canarySettings/stageVariableOverrides/${n}`)),
  fc.constant(remove('/canarySettings')),
  fc.constant<PatchOperation>({ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }),
  fc.constant<PatchOperation>({ op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' }),
  deploymentId.map((v) => replace('/deploymentId', v)),
  fc.tuple(fc.constantFrom('/description', '/clientCertificateId', '/documentationVersion'), fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }))).map(([p, v]) =>
    replace(p, v)
  ),
  fc.tuple(fc.constantFrom('/cacheClusterEnabled', '/tracingEnabled'), booleanText).map(([p, v]) => replace(p, v)),
  fc.constantFrom(...cacheClusterSizes).map((v) => replace('/cacheClusterSize', v)),
  fc.tuple(variableName, variableValue).map(([n, v]) => replace(`/variables/${n}`, v)),
  variableName.map((n) => remove(`/variables/${n}`)),
  fc.tuple(methodSettingKey, settingValue).map(([k, [p, v]]) => replace(`${keyToPath(k)}/${p}`, v)),
  methodSettingKey.map((k) => remove(keyToPath(k))),
  fc
    .tuple(fc.constantFrom<'add' | 'replace'>('add', 'replace'), fc.constantFrom('destinationArn', 'format'), fc.string({ minLength: 1, maxLength: 12 }))
    .map(([op, f, v]): PatchOperation => ({ op, path: `/accessLogSettings/${f}`, value: v })),
  fc.constant(remove('/accessLogSettings'))
)

/**
 * A patch path that reaches for a prototype (`__proto__`, `constructor`, `prototype`) or is no JSON Pointer at all: every one must be refused.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { applyPatch } from 'apigw-canary'
 * import { hostilePath, canaryStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canaryStage, hostilePath, (s, path) => E.isLeft(applyPatch(s, [{ op: 'replace', path, value: 'x' }]))), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
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

/**
 * Any update-stage operation: mostly accepted ones, then wrong values, unknown paths, unsupported ops and hostile paths. The applier must answer each with a stage or an AWS-shaped error, never throw.
 *
 * @example
 * ```ts
 * import * as fc from 'fast-check'
 * import { applyPatch } from 'apigw-canary'
 * import { anyOperation, canaryStage } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(canaryStage, fc.array(anyOperation, { maxLength: 4 }), (s, ops) => typeof applyPatch(s, ops)._tag === 'string'), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
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

/** A rollout step of the kinds that need no metrics: set traffic (a valid percentage) and bake (a minute to an hour). */
const trafficStep: fc.Arbitrary<Plan.Step> = fc.oneof(
  percent.map((p) => Plan.setTraffic(p)),
  fc.integer({ min: 60_000, max: 3_600_000 }).map((ms) => Plan.bake(ms))
)

/**
 * A valid rollout plan: 1 to 6 set-traffic and bake steps (a minute to an hour), then a promotion and, unless it keeps the canary, a disable.
 *
 * @example
 * ```ts
 * import * as E from 'fp-ts/lib/Either.js'
 * import * as fc from 'fast-check'
 * import { Rollout } from 'apigw-canary'
 * import { rolloutPlan } from 'apigw-canary/testing'
 *
 * fc.assert(fc.property(rolloutPlan, (plan) => E.isRight(Rollout.fromSteps(plan.steps))), { numRuns: 30 })
 * ```
 *
 * @category arbitraries
 * @since 0.2.0
 */
export const rolloutPlan: fc.Arbitrary<Plan.Plan> = refine(
  fc.tuple(fc.array(trafficStep, { minLength: 1, maxLength: 6 }), fc.boolean()).map(([steps, keep]) => [...steps, Plan.promote(), ...(keep ? [] : [Plan.disable()])]),
  (steps) => Plan.fromSteps(steps, 'Generated')
)
