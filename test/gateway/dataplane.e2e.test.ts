/**
 * The README's question, end to end in process: a deployment script with the real SDK v3 client
 * builds an API with a Lambda-proxy method whose URI names `${stageVariables.lambdaAlias}`,
 * deploys production, deploys a canary at 10% overriding `lambdaAlias`, sends 10,000 requests
 * over the virtual clock, and checks the split, the overrides, the deployments and the metrics;
 * then promotes, and every request reaches the new version.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import * as Transition from '../../src/lifecycle/Transition.js'
import { toOperations } from '../../src/patch/Operations.js'
import { findStage } from '../../src/gateway/control/RestApi.js'
import { wilsonInterval } from '../../src/traffic/Simulate.js'
import { canaryStageDimension } from '../../src/gateway/metrics/Datapoint.js'
import { createSimulator, type ProxyEvent, type Simulator } from '../../src/gateway/simulator/index.js'
import { expectRight } from '../helpers.js'

const clientOf = (sim: Simulator) =>
  new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })

const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:orders'
const URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION}:\${stageVariables.lambdaAlias}/invocations`

/** The deployment script: the API, production on `live`, the canary at 10% on `canary`. */
const deployScript = async (sim: Simulator) => {
  const client = clientOf(sim)
  const api = await client.send(new CreateRestApiCommand({ name: 'orders' }))
  const restApiId = api.id ?? ''
  const orders = await client.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId ?? '', pathPart: 'orders' }))
  const one = await client.send(new CreateResourceCommand({ restApiId, parentId: orders.id ?? '', pathPart: '{id}' }))
  const key = { restApiId, resourceId: one.id ?? '', httpMethod: 'GET' }
  await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
  await client.send(new PutIntegrationCommand({ ...key, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: URI }))
  const live = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { lambdaAlias: 'live', region: 'eu' } }))
  const canary = await client.send(
    new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'canary', onlyCanary: 'yes' } } })
  )
  return { client, restApiId, liveId: live.id ?? '', canaryId: canary.id ?? '' }
}

describe('a canary release served in process', () => {
  it('10,000 requests: the split, the overrides, the deployments and the metrics; then promote', async () => {
    const sim = createSimulator({ dataPlane: { seed: 42 } })
    const { client, restApiId, liveId, canaryId } = await deployScript(sim)
    const seen: Record<string, Array<ProxyEvent>> = { live: [], canary: [] }
    const handler = (version: string) => (event: ProxyEvent) => {
      seen[version]?.push(event)
      return { statusCode: 200, body: JSON.stringify({ version, deploymentId: event.requestContext.deploymentId, id: event.pathParameters?.['id'] }) }
    }
    sim.registerFunction(FUNCTION, handler('live'), { qualifier: 'live', latencyMs: 20 })
    sim.registerFunction('orders', handler('canary'), { qualifier: 'canary', latencyMs: 80 }) // the canary is slow

    // One request by hand: the answer and its record.
    const first = await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/orders/42' })
    expect(first.status).toBe(200)
    expect(JSON.parse(first.body)).toMatchObject({ id: '42' })

    const start = sim.now()
    const run = expectRight(await sim.load({ restApiId, stageName: 'prod', requests: 10_000, perSecond: 100, path: '/orders/7' }))
    expect(run.endedAt - start).toBeGreaterThanOrEqual(100_000) // 100 virtual seconds
    expect(run.production + run.canary).toBe(10_000)
    expect(run.byStatus).toEqual({ '200': 10_000 })
    expect(run.byDeployment).toEqual({ [liveId]: run.production, [canaryId]: run.canary })
    const interval = expectRight(wilsonInterval(run.canary, 10_000, 0.999))
    expect(interval.lower).toBeLessThanOrEqual(0.1)
    expect(interval.upper).toBeGreaterThanOrEqual(0.1)

    // Every canary request saw the override and the canary's deployment; production never an override-only key.
    const canaryEvents = seen['canary'] ?? []
    const liveEvents = seen['live'] ?? []
    expect(canaryEvents.length + liveEvents.length).toBe(10_001)
    expect(canaryEvents.every((e) => e.stageVariables?.['lambdaAlias'] === 'canary' && e.stageVariables['onlyCanary'] === 'yes' && e.requestContext.deploymentId === canaryId)).toBe(true)
    expect(liveEvents.every((e) => e.stageVariables?.['lambdaAlias'] === 'live' && !('onlyCanary' in (e.stageVariables ?? {})) && e.requestContext.deploymentId === liveId)).toBe(true)
    expect(liveEvents[0]?.stageVariables).toEqual({ lambdaAlias: 'live', region: 'eu' })

    // Metrics per channel add up to the requests; the canary is the slow one.
    const points = sim.datapoints().filter((d) => !('Resource' in d.dimensions))
    const sum = (metric: string, stage: string) => points.filter((d) => d.metricName === metric && d.dimensions['Stage'] === stage).reduce((a, d) => a + d.value, 0)
    const production = sim.records().filter((r) => r.channel === 'production').length
    const canary = sim.records().filter((r) => r.channel === 'canary').length
    expect(sum('Count', 'prod')).toBe(production)
    expect(sum('Count', canaryStageDimension('prod'))).toBe(canary)
    expect(production + canary).toBe(10_001)
    expect(sum('5XXError', 'prod') + sum('4XXError', 'prod')).toBe(0)
    expect(sum('Latency', canaryStageDimension('prod')) / canary).toBe(80)
    expect(sum('Latency', 'prod') / production).toBe(20)
    const detailed = sim.datapoints().filter((d) => d.metricName === 'Count' && d.dimensions['Resource'] === '/orders/{id}' && d.dimensions['Method'] === 'GET')
    expect(detailed).toHaveLength(10_001)
    expect(sim.executionLogs(`API-Gateway-Execution-Logs/${restApiId}/prod/Canary`).filter((l) => l.message.includes('Method completed')).length).toBe(canary)

    // Promote (AWS's three operations), then every request reaches the new version.
    const stage = findStage(sim.state, restApiId, 'prod')
    if (stage._tag === 'None') return expect.unreachable()
    const operations = expectRight(toOperations(stage.value, Transition.promote()))
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: operations.map((o) => ({ ...o })) as never }))
    seen['live'] = []
    seen['canary'] = []
    const after = expectRight(await sim.load({ restApiId, stageName: 'prod', requests: 1000, perSecond: 100, path: '/orders/1' }))
    expect(after.byDeployment).toEqual({ [canaryId]: 1000 })
    expect(seen['live']).toEqual([])
    expect(seen['canary']?.every((e) => e.stageVariables?.['lambdaAlias'] === 'canary')).toBe(true)
    client.destroy()
  })

  it('the same seed, the same run', async () => {
    const split = async (seed: number) => {
      const sim = createSimulator({ dataPlane: { seed } })
      const { restApiId } = await deployScript(sim)
      sim.registerFunction('orders', () => ({ statusCode: 200 }), { qualifier: 'live' })
      sim.registerFunction('orders', () => ({ statusCode: 200 }), { qualifier: 'canary' })
      await sim.load({ restApiId, stageName: 'prod', requests: 200, perSecond: 10, path: '/orders/1' })
      return sim.records().map((r) => r.channel)
    }
    expect(await split(7)).toEqual(await split(7))
    expect(await split(7)).not.toEqual(await split(8))
  })

  it('bad input and failing functions get API Gateway\'s answers, never a throw', async () => {
    const sim = createSimulator()
    const { restApiId } = await deployScript(sim)
    const get = (path: string, stageName = 'prod', method = 'GET') => sim.invoke({ restApiId, stageName, method, path })
    // no function registered for the ARN: the Lambda API refuses the invocation, 500
    const missing = await get('/orders/1')
    expect([missing.status, missing.body, missing.headers['x-amzn-ErrorType']]).toEqual([500, '{"message": "Internal server error"}', 'InternalServerErrorException'])
    expect(missing.headers['x-apigw-canary-reason']).toMatch(/Function not found: arn:aws:lambda:us-east-1:123456789012:function:orders:(live|canary)/)
    // a function that throws, or answers a malformed proxy response: 502
    sim.registerFunction('orders', () => {
      throw new Error('boom')
    }, { qualifier: 'live' })
    sim.registerFunction('orders', () => ({ statusCode: 200, wrongValue: 1 }), { qualifier: 'canary' })
    for (let i = 0; i < 20; i++) expect((await get('/orders/1')).status).toBe(502)
    // unknown path, undefined method, unknown stage: 403 Missing Authentication Token
    for (const r of [await get('/nowhere'), await get('/orders'), await get('/orders/1', 'prod', 'POST'), await get('/orders/1', 'beta')]) {
      expect([r.status, r.body, r.headers['x-amzn-ErrorType']]).toEqual([403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException'])
    }
    // not a request at all
    const junk = await sim.invoke(null as never)
    expect([junk.status, junk.headers['x-amzn-ErrorType']]).toEqual([400, 'BadRequestException'])
    const throwing = await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', get path(): string { throw new Error('boom') } })
    expect(JSON.parse(throwing.body)).toEqual({ message: 'The request could not be read: boom.' })
    expect((await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: 'orders' })).status).toBe(400)
    expect((await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/orders/1', body: {} as never })).status).toBe(400)
    // hostile names are data, never prototypes
    const hostile = await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/__proto__/constructor', query: JSON.parse('{"__proto__":["x"]}'), headers: JSON.parse('{"__proto__":"x"}') })
    expect(hostile.status).toBe(403)
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
    expect(E.isLeft(await sim.load({ restApiId, stageName: 'prod', requests: 0, perSecond: 1 }))).toBe(true)
    expect(E.isLeft(await sim.load({ restApiId, stageName: 'prod', requests: 1, perSecond: -1 }))).toBe(true)
    // failures count as 5XX / 4XX
    const points = sim.datapoints().filter((d) => !('Resource' in d.dimensions))
    const total = (metric: string) => points.filter((d) => d.metricName === metric).reduce((a, d) => a + d.value, 0)
    expect(total('5XXError')).toBe(21)
    expect(total('4XXError')).toBe(4) // the unknown stage has no channel, so no datapoint; the hostile path is a 403
  })
})
