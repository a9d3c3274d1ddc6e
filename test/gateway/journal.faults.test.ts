/**
 * The simulator's journal and its fault injection, driven by the real SDK v3 client: the SDK's
 * own retry logic (StandardRetryStrategy's classification, with no backoff so that no real time
 * passes) must see the injected faults as it sees AWS's (docs: /work/research/iac-driver.md §8).
 */
import { defineMockMethod } from './sdk.helpers.js'
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetRestApisCommand,
  ServiceUnavailableException,
  TooManyRequestsException,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { ConfiguredRetryStrategy } from '@smithy/core/retry'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { fixedClock, Timestamp } from '../../src/index.js'
import { anyOperation } from '../../src/testing/arbitraries.js'
import {
  createSimulator,
  JOURNAL_PATH,
  late,
  networkError,
  parseServeArgs,
  sentPatchOperations,
  serve,
  serverError,
  throttle,
  type JournalEntry,
  type Simulator
} from '../../src/gateway/simulator/index.js'

const clientOf = (sim: Simulator, maxAttempts = 3): APIGatewayClient =>
  new APIGatewayClient({
    requestHandler: sim.requestHandler,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 0)
  })

const withStage = async (_sim: Simulator, client: APIGatewayClient): Promise<string> => {
  const { id } = await client.send(new CreateRestApiCommand({ name: 'pets' }))
  await defineMockMethod(client, id ?? '') // AWS deploys no API without methods
  await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }))
  await client.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod', canarySettings: { percentTraffic: 10 } }))
  return id ?? ''
}

describe('the journal', () => {
  it('records every call: operation, input, answer or error, time', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const restApiId = await withStage(sim, client)
    await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }] }))
    await expect(client.send(new UpdateStageCommand({ restApiId, stageName: 'beta', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }))).rejects.toThrow()
    expect(sim.journal.map((e) => [e.seq, e.operation, e.status])).toEqual([
      [1, 'CreateRestApi', 201],
      [2, 'GetResources', 200],
      [3, 'PutMethod', 201],
      [4, 'PutIntegration', 201],
      [5, 'PutIntegrationResponse', 201],
      [6, 'CreateDeployment', 201],
      [7, 'CreateDeployment', 201],
      [8, 'UpdateStage', 200],
      [9, 'UpdateStage', 404]
    ])
    const update = sim.journal[7]
    expect(update?.input).toEqual({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }] })
    expect(update?.at).toBe('2017-11-20T04:42:19Z')
    expect((update?.output as { canarySettings: { percentTraffic: number } }).canarySettings.percentTraffic).toBe(50)
    expect(sim.journal[8]?.error?.name).toBe('NotFoundException')
    expect(sentPatchOperations(sim.journal)).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' },
      { op: 'remove', path: '/canarySettings' }
    ])
    expect(sentPatchOperations(sim.journal, { answered: true })).toHaveLength(1)
    client.destroy()
  })

  it('is a copy: the caller cannot rewrite history', async () => {
    const sim = createSimulator()
    await sim.handle({ method: 'GET', path: '/restapis' })
    ;(sim.journal as Array<unknown>).length = 0
    expect(sim.journal).toHaveLength(1)
  })

  it('the times follow the virtual clock, and the gateway dates too', async () => {
    const sim = createSimulator()
    await sim.clock.advance(3_600_000)
    await sim.handle({ method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
    expect(sim.journal[0]?.at).toBe('2017-11-20T05:42:19Z')
    expect(sim.state.restApis[0]?.restApi.createdDate).toBe('2017-11-20T05:42:19Z')
  })
})

describe('faults, as the SDK retry logic sees them', () => {
  it('a throttle of the next 2 UpdateStage calls: the SDK retries and succeeds on the 3rd attempt', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const restApiId = await withStage(sim, client)
    sim.inject({ operation: 'UpdateStage', times: 2, fault: throttle() })
    const out = await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }] }))
    expect(out.canarySettings?.percentTraffic).toBe(50)
    expect(out.$metadata.attempts).toBe(3)
    expect(sim.journal.slice(-3).map((e) => [e.status, e.fault, e.error?.name])).toEqual([
      [429, 'Throttle', 'TooManyRequestsException'],
      [429, 'Throttle', 'TooManyRequestsException'],
      [200, undefined, undefined]
    ])
    client.destroy()
  })

  it('with maxAttempts 1 the throttle reaches the caller as TooManyRequestsException, and nothing changed', async () => {
    const sim = createSimulator()
    const client = clientOf(sim, 1)
    const restApiId = await withStage(sim, client)
    const before = sim.state
    sim.inject({ operation: 'UpdateStage', times: 1, fault: throttle({ retryAfterSeconds: 0 }) })
    const call = client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }))
    await expect(call).rejects.toBeInstanceOf(TooManyRequestsException)
    await expect(call).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 }, retryAfterSeconds: '0' })
    expect(sim.state).toBe(before)
    client.destroy()
  })

  it('a 503 and a network error are transient: retried', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    sim.inject({ operation: 'GetRestApis', times: 1, fault: serverError(503) })
    sim.inject({ operation: 'GetRestApis', times: 1, fault: networkError() })
    const out = await client.send(new GetRestApisCommand({}))
    expect(out.$metadata.attempts).toBe(3)
    expect(sim.journal.map((e) => e.fault)).toEqual(['ServerError', 'NetworkError', undefined])
    const once = clientOf(sim, 1)
    sim.inject({ operation: 'GetRestApis', times: 1, fault: serverError() })
    await expect(once.send(new GetRestApisCommand({}))).rejects.toBeInstanceOf(ServiceUnavailableException)
    sim.inject({ operation: '*', times: 1, fault: networkError('ECONNREFUSED') })
    await expect(once.send(new GetRestApisCommand({}))).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    client.destroy()
    once.destroy()
  })

  it('a late answer waits for the virtual clock; the change is applied at once', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const restApiId = await withStage(sim, client)
    sim.inject({ operation: 'UpdateStage', times: 1, fault: late(30_000) })
    let settled = false
    const call = client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }] })).finally(() => (settled = true))
    await new Promise((r) => setImmediate(r))
    expect(sim.state.restApis[0]?.stages[0]?.canarySettings?.percentTraffic).toBe(25)
    await sim.clock.advance(29_999)
    expect(settled).toBe(false)
    await sim.clock.advance(1)
    expect((await call).canarySettings?.percentTraffic).toBe(25)
    expect(sim.journal.at(-1)?.fault).toBe('Late')
    client.destroy()
  })

  it('rules fire in order, only for their operation, and a bad count injects nothing', async () => {
    const sim = createSimulator()
    sim.inject({ operation: 'CreateRestApi', times: 1, fault: throttle() })
    sim.inject({ operation: 'GetRestApis', times: 0, fault: throttle() })
    sim.inject({ operation: 'GetRestApis', times: Number.NaN, fault: throttle() })
    expect((await sim.requestHandler.handle({ method: 'GET', path: '/restapis' })).response.statusCode).toBe(200)
    expect((await sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: '{"name":"a"}' })).response.statusCode).toBe(429)
    expect((await sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: '{"name":"a"}' })).response.statusCode).toBe(201)
  })
})

describe('serve: the journal on a local path, and --clock', () => {
  it('GET /_apigw-canary/journal answers every call, with the fixed clock', async () => {
    const parsed = parseServeArgs(['serve', '--port', '0', '--clock', 'fixed:2017-11-20T00:00:00Z'])
    expect(parsed).toEqual(E.right({ port: 0, clock: 'fixed:2017-11-20T00:00:00Z' }))
    expect(parseServeArgs(['--port', '0', '--clock', 'fixed:yesterday'])).toEqual(E.left('--clock: "yesterday" is not a UTC date and time such as 2017-11-20T00:00:00Z'))
    expect(E.isLeft(parseServeArgs(['--port', '0', '--clock', 'sundial']))).toBe(true)
    const started = await serve({ port: 0, env: { now: fixedClock(Timestamp.unsafeFromString('2017-11-20T00:00:00Z')) } })
    if (E.isLeft(started)) return expect.unreachable(started.left.message)
    const server = started.right
    try {
      const created = (await (await fetch(`${server.url}/restapis`, { method: 'POST', body: '{"name":"pets"}' })).json()) as { id: string; createdDate: number }
      const patch = { patchOperations: [{ op: 'replace', path: '/description', value: 'x' }] }
      await fetch(`${server.url}/restapis/${created.id}/stages/prod`, { method: 'PATCH', body: JSON.stringify(patch) })
      const answer = await fetch(`${server.url}${JOURNAL_PATH}`)
      expect(answer.status).toBe(200)
      const { entries } = (await answer.json()) as { entries: ReadonlyArray<JournalEntry> }
      expect(entries.map((e) => [e.operation, e.status, e.at])).toEqual([
        ['CreateRestApi', 201, '2017-11-20T00:00:00Z'],
        ['UpdateStage', 404, '2017-11-20T00:00:00Z']
      ])
      expect(sentPatchOperations(entries, { restApiId: created.id })).toEqual(patch.patchOperations)
      // The journal's own path is not journalled, and is no AWS route.
      expect(((await (await fetch(`${server.url}${JOURNAL_PATH}`)).json()) as { entries: ReadonlyArray<unknown> }).entries).toHaveLength(2)
    } finally {
      await server.close()
    }
  })
})

describe('properties', () => {
  it('the journal gives back every update-stage operation sent, in order, whatever the answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(anyOperation, { maxLength: 3 }), { maxLength: 4 }), async (calls) => {
        const sim = createSimulator()
        for (const ops of calls) await sim.handle({ method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body: JSON.stringify({ patchOperations: ops }) })
        expect(sentPatchOperations(sim.journal)).toEqual(JSON.parse(JSON.stringify(calls.flat())))
        expect(sim.journal.map((e) => e.seq)).toEqual(calls.map((_, i) => i + 1))
      }),
      { numRuns: 40 }
    )
  })

  it('n throttles against m attempts: the call succeeds exactly when n < m, after min(n + 1, m) attempts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), async (n, m) => {
        const sim = createSimulator()
        const client = clientOf(sim, m)
        sim.inject({ operation: 'GetRestApis', times: n, fault: throttle() })
        const outcome = await client.send(new GetRestApisCommand({})).then(
          (r) => ({ ok: true, attempts: r.$metadata.attempts }),
          (e: unknown) => ({ ok: false, attempts: (e as { $metadata?: { attempts?: number } }).$metadata?.attempts, name: (e as Error).name })
        )
        client.destroy()
        expect(outcome.ok).toBe(n < m)
        expect(outcome.attempts).toBe(Math.min(n + 1, m))
        expect(sim.journal).toHaveLength(Math.min(n + 1, m))
      }),
      { numRuns: 25 }
    )
  })
})
