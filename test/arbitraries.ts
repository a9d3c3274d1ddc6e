/**
 * fast-check arbitraries for the model, built from the smart constructors: every value is
 * produced by a `fromX` and kept only when it is a `Right`, so a generated value is valid by
 * the same rules the library enforces (and `test/stage/Stage.test.ts` checks that each one passes
 * the codec).
 */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import type {
  CanarySettings} from '../src/index.js';
import {
  DeploymentId,
  Percent,
  StageVariable,
  Timestamp,
  Transition,
  cacheClusterSizes,
  type AccessLogSettings,
  type MethodSetting,
  type Stage
} from '../src/index.js'

const refine = <A, B>(arb: fc.Arbitrary<A>, f: (a: A) => E.Either<unknown, B>): fc.Arbitrary<B> =>
  arb.map(f).filter(E.isRight).map((r) => (r as E.Right<B>).right)

export const percent: fc.Arbitrary<Percent.Percent> = refine(
  fc.oneof(fc.constantFrom(0, 100, 10.5, 50, 66.66), fc.double({ min: 0, max: 100, noNaN: true })),
  (n) => Percent.fromNumber(n)
)

/** Numbers a caller might pass as a percentage, valid or not. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.constantFrom(-1, -0, 100.0001, 150, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.double({ min: 0, max: 100, noNaN: true })
)

export const deploymentId: fc.Arbitrary<DeploymentId.DeploymentId> = refine(
  fc.oneof(fc.constantFrom('nfcn0x', 'eh1sby', 'x7yz12'), fc.stringMatching(/^[a-z0-9]{6}$/)),
  (s) => DeploymentId.fromString(s)
)

export const variableName: fc.Arbitrary<StageVariable.VariableName> = refine(
  fc.oneof(fc.constantFrom('sv1', 'sv2', 'sv3', 'testVar', 'testVar2'), fc.stringMatching(/^[A-Za-z0-9_]{1,12}$/)),
  (s) => StageVariable.nameFromString(s)
)

export const variableValue: fc.Arbitrary<StageVariable.VariableValue> = refine(
  fc.oneof(fc.constantFrom('val1', 'val2', 'val3', 'https://example.com/a?b=c&d=e'), fc.stringMatching(/^[A-Za-z0-9\-._~:/?#&=,]{1,16}$/)),
  (s) => StageVariable.valueFromString(s)
)

export const variables = (options: { minKeys?: number; maxKeys?: number } = {}): fc.Arbitrary<StageVariable.Variables> =>
  refine(
    fc.dictionary(variableName, variableValue, { minKeys: options.minKeys ?? 0, maxKeys: options.maxKeys ?? 6 }),
    (record) => StageVariable.fromRecord({ ...record })
  )

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

export const methodSetting: fc.Arbitrary<MethodSetting.MethodSetting> = fc.record(
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

export const methodSettingKey: fc.Arbitrary<string> = fc.oneof(
  fc.constant('*/*'),
  fc.constantFrom('/pets/GET', '/pets/{petId}/DELETE', 'test/GET', '/orders/POST')
)

export const accessLogSettings: fc.Arbitrary<AccessLogSettings.AccessLogSettings> = fc.record(
  {
    format: fc.constantFrom('$context.requestId', '{"requestId":"$context.requestId"}'),
    destinationArn: fc.constantFrom('arn:aws:logs:us-east-1:123456789012:log-group:access-logs')
  },
  { requiredKeys: [], noNullPrototype: true }
)

export const timestamp: fc.Arbitrary<Timestamp.Timestamp> = fc
  .date({ min: new Date('2015-07-09T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => Timestamp.unsafeFromString(d.toISOString()))

/** Any stage, every field optional, as AWS may report it. */
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

/** A stage that runs a deployment (every canary-related transition needs one to default to). */
export const deployedStage: fc.Arbitrary<Stage> = fc.tuple(stage, deploymentId).map(([s, id]) => ({ ...s, deploymentId: s.deploymentId ?? id }))

/** A deployed stage with a canary. */
export const canaryStage: fc.Arbitrary<Stage> = fc.tuple(deployedStage, canarySettings).map(([s, c]) => ({ ...s, canarySettings: c }))

/** A deployed stage without a canary. */
export const plainStage: fc.Arbitrary<Stage> = deployedStage.map((s) => {
  const { canarySettings: _, ...rest } = s
  return rest
})

/** Transitions with valid and invalid arguments. */
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
