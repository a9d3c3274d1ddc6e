// The stages, patches and hand-written floors of the Stage workloads (promote, mixed, scaling),
// each with its RFC 6902 translation for the generic libraries. See README.md.
import { decodeStage, readJson } from './common.mjs'

const decoded = (json) => {
  const r = decodeStage(json)
  if (r._tag !== 'Right') throw new Error(`bench stage does not decode: ${r.left.message}`)
  return r.right
}

// -------------------------------------------------------------------------------------
// (a) promote: the AWS docs' example
// -------------------------------------------------------------------------------------

export const seedBefore = readJson('../test/fixtures/seed-before.json')
const seedAfter = readJson('../test/fixtures/seed-after.json')

/** The three operations of the AWS docs' "promote a canary release" example. */
export const promoteOps = [
  { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
  { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
]

/**
 * The same promotion in plain RFC 6902: an RFC copy to /variables would REPLACE the variables,
 * while update-stage MERGES the overrides into them; so one add per override instead.
 */
export const promoteAsRfc6902 = (doc) => [
  { op: 'replace', path: '/canarySettings/percentTraffic', value: 0 },
  ...Object.entries(doc.canarySettings.stageVariableOverrides ?? {}).map(([k, v]) => ({ op: 'add', path: `/variables/${k}`, value: v })),
  { op: 'replace', path: '/deploymentId', value: doc.canarySettings.deploymentId }
]

/** The floor: the promotion written by hand with object spreads. */
export const promoteByHand = (s) => {
  const c = s.canarySettings
  return { ...s, deploymentId: c.deploymentId, variables: { ...s.variables, ...c.stageVariableOverrides }, canarySettings: { ...c, percentTraffic: 0 } }
}

export const promoteCase = {
  name: 'promote (AWS docs example, 3 ops)',
  ours: 'stage',
  stage: decoded(seedBefore),
  awsOps: promoteOps,
  doc: seedBefore,
  ops: promoteAsRfc6902(seedBefore),
  floor: promoteByHand,
  // What get-stage prints after the promotion in the AWS docs; lastUpdatedDate is the one field
  // we leave alone (no `now` is given to the applier).
  expected: { ...seedAfter, lastUpdatedDate: seedBefore.lastUpdatedDate }
}

/** One stage field not yet on the stage: `replace /description` (update-stage's replace creates it). */
export const descriptionCase = {
  name: 'replace /description (a field not yet on the stage)',
  ours: 'stage',
  stage: decoded(seedBefore),
  awsOps: [{ op: 'replace', path: '/description', value: 'the production stage' }],
  doc: seedBefore,
  ops: [{ op: 'add', path: '/description', value: 'the production stage' }],
  floor: (s) => ({ ...s, description: 'the production stage' }),
  expected: { ...seedBefore, description: 'the production stage' }
}

// -------------------------------------------------------------------------------------
// (b) a 20-operation mixed patch
// -------------------------------------------------------------------------------------

const setting = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 60,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'
}

const mixedDoc = {
  ...seedBefore,
  variables: { sv1: 'val1', sv3: 'a', sv4: 'b', sv5: 'c' },
  methodSettings: { '*/*': { ...setting }, '~1pets/GET': { ...setting } }
}

/** Twenty update-stage operations over every kind of path, as [AWS operation, RFC 6902 equivalents]. */
const mixedPairs = [
  [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25.5' }, [{ op: 'replace', path: '/canarySettings/percentTraffic', value: 25.5 }]],
  [{ op: 'replace', path: '/canarySettings/stageVariableOverrides/sv3', value: 'val4' }, [{ op: 'add', path: '/canarySettings/stageVariableOverrides/sv3', value: 'val4' }]],
  [{ op: 'remove', path: '/canarySettings/stageVariableOverrides/sv2' }, [{ op: 'remove', path: '/canarySettings/stageVariableOverrides/sv2' }]],
  [{ op: 'replace', path: '/canarySettings/useStageCache', value: 'true' }, [{ op: 'replace', path: '/canarySettings/useStageCache', value: true }]],
  [{ op: 'replace', path: '/variables/sv6', value: 'v6' }, [{ op: 'add', path: '/variables/sv6', value: 'v6' }]],
  [{ op: 'replace', path: '/variables/sv1', value: 'val9' }, [{ op: 'replace', path: '/variables/sv1', value: 'val9' }]],
  [{ op: 'remove', path: '/variables/sv5' }, [{ op: 'remove', path: '/variables/sv5' }]],
  [{ op: 'replace', path: '/description', value: 'mixed patch' }, [{ op: 'add', path: '/description', value: 'mixed patch' }]],
  [{ op: 'replace', path: '/tracingEnabled', value: 'true' }, [{ op: 'add', path: '/tracingEnabled', value: true }]],
  [{ op: 'replace', path: '/cacheClusterEnabled', value: 'true' }, [{ op: 'replace', path: '/cacheClusterEnabled', value: true }]],
  [{ op: 'replace', path: '/cacheClusterSize', value: '0.5' }, [{ op: 'add', path: '/cacheClusterSize', value: '0.5' }]],
  [{ op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }, [{ op: 'replace', path: '/methodSettings/*~1*/metricsEnabled', value: true }]],
  [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }, [{ op: 'replace', path: '/methodSettings/*~1*/loggingLevel', value: 'INFO' }]],
  [{ op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '100' }, [{ op: 'replace', path: '/methodSettings/~01pets~1GET/throttlingBurstLimit', value: 100 }]],
  [{ op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '50.5' }, [{ op: 'replace', path: '/methodSettings/~01pets~1GET/throttlingRateLimit', value: 50.5 }]],
  [{ op: 'replace', path: '/~1pets/GET/caching/ttlInSeconds', value: '300' }, [{ op: 'replace', path: '/methodSettings/~01pets~1GET/cacheTtlInSeconds', value: 300 }]],
  [{ op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' }, [{ op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId' }]],
  [{ op: 'replace', path: '/documentationVersion', value: '2.1' }, [{ op: 'add', path: '/documentationVersion', value: '2.1' }]],
  // The promotion copies: the overrides are now {sv1: val2, sv3: val4}, merged into the variables.
  [
    { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    [
      { op: 'add', path: '/variables/sv1', value: 'val2' },
      { op: 'add', path: '/variables/sv3', value: 'val4' }
    ]
  ],
  [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }, [{ op: 'replace', path: '/deploymentId', value: 'eh1sby' }]]
]

/** The floor: the same twenty changes written by hand with object spreads. */
const mixedByHand = (s) => {
  const { sv2: _sv2, ...overrides } = s.canarySettings.stageVariableOverrides
  const canaryOverrides = { ...overrides, sv3: 'val4' }
  const { sv5: _sv5, ...variables } = s.variables
  const ms = s.methodSettings
  return {
    ...s,
    canarySettings: { ...s.canarySettings, percentTraffic: 25.5, stageVariableOverrides: canaryOverrides, useStageCache: true },
    variables: { ...variables, sv6: 'v6', sv1: 'val9', ...canaryOverrides },
    description: 'mixed patch',
    tracingEnabled: true,
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    methodSettings: {
      ...ms,
      '*/*': { ...ms['*/*'], metricsEnabled: true, loggingLevel: 'INFO' },
      '~1pets/GET': { ...ms['~1pets/GET'], throttlingBurstLimit: 100, throttlingRateLimit: 50.5, cacheTtlInSeconds: 300 }
    },
    accessLogSettings: { ...s.accessLogSettings, format: '$context.requestId' },
    documentationVersion: '2.1',
    deploymentId: s.canarySettings.deploymentId
  }
}

const mixedStage = decoded(mixedDoc)

export const mixedCase = {
  name: 'mixed (20 ops)',
  ours: 'stage',
  stage: mixedStage,
  awsOps: mixedPairs.map(([aws]) => aws),
  doc: mixedDoc,
  ops: mixedPairs.flatMap(([, rfc]) => rfc),
  floor: mixedByHand,
  expected: mixedByHand(mixedDoc)
}

// -------------------------------------------------------------------------------------
// (c) one operation on stages with n variables and n method settings
// -------------------------------------------------------------------------------------

/**
 * A stage with `n` variables and `n` method settings. Built directly, not decoded: update-stage
 * allows at most 100 variables, so decodeStage refuses the stages with more (they exist here
 * to show that an operation that does not touch a map does not pay for its size).
 */
export const bigStage = (n) => ({
  stageName: 'prod',
  deploymentId: 'nfcn0x',
  variables: Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, `val${i}`])),
  methodSettings: Object.fromEntries(Array.from({ length: n }, (_, i) => [`~1r${i}/GET`, { ...setting }])),
  canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { v1: 'canary' }, useStageCache: false }
})

export const scalingCases = (sizes, variableSizes) => [
  ...sizes.map((n) => {
    const s = bigStage(n)
    return {
      name: `replace /canarySettings/percentTraffic, n=${n}`,
      size: n,
      ours: 'stage',
      stage: s,
      awsOps: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }],
      doc: s,
      ops: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: 25 }],
      floor: (x) => ({ ...x, canarySettings: { ...x.canarySettings, percentTraffic: 25 } }),
      expected: { ...s, canarySettings: { ...s.canarySettings, percentTraffic: 25 } }
    }
  }),
  ...sizes.map((n) => {
    const s = bigStage(n)
    const byHand = (x) => ({ ...x, methodSettings: { ...x.methodSettings, '~1r1/GET': { ...x.methodSettings['~1r1/GET'], metricsEnabled: true } } })
    return {
      name: `replace /~1r1/GET/metrics/enabled (touches the n method settings), n=${n}`,
      size: n,
      ours: 'stage',
      stage: s,
      awsOps: [{ op: 'replace', path: '/~1r1/GET/metrics/enabled', value: 'true' }],
      doc: s,
      ops: [{ op: 'replace', path: '/methodSettings/~01r1~1GET/metricsEnabled', value: true }],
      floor: byHand,
      expected: byHand(s)
    }
  }),
  ...variableSizes.map((n) => {
    const s = bigStage(n)
    const byHand = (x) => ({ ...x, variables: { ...x.variables, v1: 'changed' } })
    return {
      name: `replace /variables/v1 (touches the n variables), n=${n}`,
      size: n,
      ours: 'stage',
      stage: s,
      awsOps: [{ op: 'replace', path: '/variables/v1', value: 'changed' }],
      doc: s,
      ops: [{ op: 'replace', path: '/variables/v1', value: 'changed' }],
      floor: byHand,
      expected: byHand(s)
    }
  })
]
