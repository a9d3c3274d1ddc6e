import { APIGatewayClient, TooManyRequestsException } from '@aws-sdk/client-api-gateway'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimulator, sentPatchOperations, throttle, type Simulator } from 'apigw-canary/simulator'
import { gatewayFixture, percent, stageFixture } from 'apigw-canary/testing'
import 'apigw-canary/vitest'
import { shiftCanary } from './canary-script.js'

// 1. Fixtures: what `aws apigateway get-stage --rest-api-id fh4zbbd5nd --stage-name prod` printed,
//    pasted as it is. A typo here fails the test with every decode issue listed.
const prod = {
  stageName: 'prod',
  deploymentId: 'nfcn0x',
  variables: { sv1: 'val1' },
  canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { sv1: 'val2' }, useStageCache: false },
  createdDate: '2017-11-20T04:42:19Z',
  lastUpdatedDate: '2017-11-20T04:42:19Z'
}

// 2. The simulated gateway, holding that stage, and the real SDK client on it. The retry strategy
//    is the SDK's standard one with no backoff delay: its classification of errors is unchanged.
const gateway = gatewayFixture({
  restApis: [
    {
      restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
      deployments: [
        { id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' },
        { id: 'eh1sby', createdDate: '2017-11-20T04:42:19Z' }
      ],
      stages: [prod]
    }
  ]
})

const setup = (maxAttempts = 3): { readonly sim: Simulator; readonly client: APIGatewayClient } => {
  const sim = createSimulator({ gateway })
  const client = new APIGatewayClient({
    requestHandler: sim.requestHandler,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 0)
  })
  return { sim, client }
}

const prodStage = (sim: Simulator) => sim.state.restApis[0]?.stages[0]

describe('shiftCanary', () => {
  it('starts from a canary at 10%', () => {
    const stage = stageFixture(prod)
    expect(stage).toBeInPhase('CanaryPartial')
    expect(stage).toHaveCanaryTraffic(10)
  })

  // 3. The journal: what the script sent, exactly.
  it('sends one update-stage call with one operation', async () => {
    const { sim, client } = setup()
    await expect(shiftCanary(client, 'fh4zbbd5nd', 'prod', 50)).resolves.toBe(50)
    expect(sim).toHaveSentOperations([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }])
    expect(sim.journal.map((e) => e.operation)).toEqual(['GetStage', 'UpdateStage'])
    expect(prodStage(sim)).toHaveCanaryTraffic(50)
  })

  // 4. Arbitraries: for any share of traffic, the stage ends there, in the right phase.
  it('for any share, the stage ends at that share', async () => {
    await fc.assert(
      fc.asyncProperty(percent, async (p) => {
        const { sim, client } = setup()
        await shiftCanary(client, 'fh4zbbd5nd', 'prod', p)
        expect(prodStage(sim)).toHaveCanaryTraffic(p)
        expect(prodStage(sim)).toBeInPhase(p === 0 ? 'CanaryIdle' : p === 100 ? 'CanaryFull' : 'CanaryPartial')
        expect(sentPatchOperations(sim.journal)).toHaveLength(1)
      }),
      { numRuns: 25 }
    )
  })

  // 5. A fault: API Gateway throttles the next two update-stage calls (HTTP 429). The SDK retries
  //    them as it retries AWS's, and the script succeeds on the third attempt.
  it('survives throttling', async () => {
    const { sim, client } = setup()
    sim.inject({ operation: 'UpdateStage', times: 2, fault: throttle() })
    await expect(shiftCanary(client, 'fh4zbbd5nd', 'prod', 25)).resolves.toBe(25)
    expect(sim.journal.filter((e) => e.operation === 'UpdateStage').map((e) => [e.status, e.fault])).toEqual([
      [429, 'Throttle'],
      [429, 'Throttle'],
      [200, undefined]
    ])
  })

  it('with no retry left, the throttle reaches the caller and the stage is unchanged', async () => {
    const { sim, client } = setup(1)
    sim.inject({ operation: 'UpdateStage', times: 1, fault: throttle() })
    await expect(shiftCanary(client, 'fh4zbbd5nd', 'prod', 25)).rejects.toBeInstanceOf(TooManyRequestsException)
    expect(prodStage(sim)).toHaveCanaryTraffic(10)
  })
})
