/**
 * The stage's codecs are built with `internal/codecCore.ts`'s `struct` and `recordOf`, whose
 * encode is the identity: right because every field of every stage codec encodes its value to
 * itself. Here, over random stages, the codecs built with `internal/codec.ts`'s field-by-field
 * encoders (what the stage's codecs used before the core entry dropped them) give back the very
 * same object, so the two encodes are one.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { io } from '../../src/internal/fp.js'
import { finite, integer, oneOf, recordOf, struct } from '../../src/internal/codec.js'
import { decodeStage, encodeStage } from '../../src/index.js'
import * as CanarySettings from '../../src/stage/CanarySettings.js'
import * as MethodSetting from '../../src/stage/MethodSetting.js'
import * as StageVariable from '../../src/stage/StageVariable.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import * as DeploymentId from '../../src/stage/DeploymentId.js'
import * as Percent from '../../src/stage/Percent.js'
import * as arb from '../arbitraries.js'

// the stage's codec tree, its objects and maps rebuilt with the field-by-field encoders
const fieldByField = struct(
  'Stage',
  {
    deploymentId: DeploymentId.codec,
    cacheClusterSize: oneOf('CacheClusterSize', ['0.5', '1.6']),
    methodSettings: recordOf(
      'MethodSettings',
      struct(
        'MethodSetting',
        {
          metricsEnabled: io.boolean,
          loggingLevel: oneOf('LoggingLevel', ['OFF', 'ERROR', 'INFO']),
          throttlingBurstLimit: integer,
          throttlingRateLimit: finite,
          unauthorizedCacheControlHeaderStrategy: oneOf('Strategy', ['FAIL_WITH_403', 'SUCCEED_WITH_RESPONSE_HEADER'])
        },
        { what: 'x' }
      ),
      'x'
    ),
    variables: StageVariable.codec,
    accessLogSettings: struct('AccessLogSettings', { format: io.string, destinationArn: io.string }, { what: 'x' }),
    canarySettings: struct('CanarySettings', { deploymentId: DeploymentId.codec, percentTraffic: Percent.codec, stageVariableOverrides: StageVariable.codec, useStageCache: io.boolean }, { what: 'x' }),
    tags: recordOf('Tags', io.string, 'x'),
    createdDate: Timestamp.codec,
    lastUpdatedDate: Timestamp.codec
  },
  { what: 'x' }
)

describe('the stage codecs encode each value to itself', () => {
  it('encodeStage gives back the stage, as the field-by-field encode does', () => {
    fc.assert(
      fc.property(fc.oneof(arb.stage, arb.canaryStage, arb.methodSettingsStage), (input) => {
        const decoded = decodeStage(input)
        if (E.isLeft(decoded)) return
        expect(encodeStage(decoded.right)).toBe(decoded.right)
        expect(fieldByField.encode(decoded.right)).toBe(decoded.right)
        const { canarySettings, methodSettings } = decoded.right
        if (canarySettings !== undefined) expect(CanarySettings.codec.encode(canarySettings)).toBe(canarySettings)
        if (methodSettings !== undefined) expect(MethodSetting.settingsCodec.encode(methodSettings)).toBe(methodSettings)
      }),
      { numRuns: 200 }
    )
  })
})
