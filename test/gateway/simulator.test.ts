/**
 * The simulator driven through the REAL AWS SDK v3 client, starting from nothing: every call goes
 * through the SDK's serializers, signer, middleware and deserializers, and errors come back as
 * the SDK's own exception classes.
 */
import {
  APIGatewayClient,
  APIGatewayServiceException,
  BadRequestException,
  ConflictException,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
  NotFoundException,
  UpdateStageCommand,
  paginateGetRestApis,
  type PatchOperation
} from '@aws-sdk/client-api-gateway'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { HttpRequest } from '../../src/gateway/wire/RestApiHttp.js'
import { createSimulator, type SdkHttpRequest, type Simulator } from '../../src/gateway/simulator/index.js'
import { expectLeft, expectRight } from '../helpers.js'
import { defineMockMethod } from './sdk.helpers.js'

const at = new Date('2017-11-20T04:42:19Z')

const clientOf = (sim: Simulator): APIGatewayClient =>
  new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })

/** The SDK's rejection, checked to be an instance of `Class` with exactly `message`. */
const rejectsWith = async (p: Promise<unknown>, Class: abstract new (...args: never) => Error, message: string): Promise<void> => {
  const error = await p.then(
    () => expect.unreachable('expected the call to fail'),
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(Class)
  expect(error).toBeInstanceOf(APIGatewayServiceException)
  expect((error as Error).message).toBe(message)
}

const promote: Array<PatchOperation> = [
  { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
  { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
  { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
]

describe('the canary lifecycle through the real SDK v3 client, from nothing', () => {
  it('create-rest-api, first deployment creating the stage, canary deployment, traffic, promote, disable', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)

    const api = await client.send(new CreateRestApiCommand({ name: 'pets', description: 'Pet store' }))
    expect(api).toMatchObject({ name: 'pets', description: 'Pet store', createdDate: at, apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] } })
    expect(api.$metadata.httpStatusCode).toBe(201)
    const restApiId = api.id ?? ''
    expect(restApiId).toMatch(/^[a-z0-9]{10}$/)
    await defineMockMethod(client, restApiId)

    const first = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { sv1: 'val1' } }))
    const prodId = first.id ?? ''
    expect(prodId).toMatch(/^[a-z0-9]{6}$/)
    expect(first.createdDate).toEqual(at)

    const created = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))
    const { $metadata: _m1, ...createdStage } = created
    expect(createdStage).toEqual({
      stageName: 'prod',
      deploymentId: prodId,
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      variables: { sv1: 'val1' },
      tracingEnabled: false,
      createdDate: at,
      lastUpdatedDate: at
    })

    const canary = await client.send(
      new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } } })
    )
    const canaryId = canary.id ?? ''
    const withCanary = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))
    expect(withCanary.deploymentId).toBe(prodId)
    expect(withCanary.variables).toEqual({ sv1: 'val1' })
    expect(withCanary.canarySettings).toEqual({ deploymentId: canaryId, percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false })

    const shifted = await client.send(
      new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50.0' }] })
    )
    expect(shifted.canarySettings?.percentTraffic).toBe(50)
    const cached = await client.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
          { op: 'replace', path: '/canarySettings/stageVariableOverrides/sv3', value: 'new' },
          { op: 'remove', path: '/canarySettings/stageVariableOverrides/sv3' }
        ]
      })
    )
    expect(cached.canarySettings).toEqual({ deploymentId: canaryId, percentTraffic: 50, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: true })

    const promoted = await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: promote }))
    expect(promoted.deploymentId).toBe(canaryId)
    expect(promoted.variables).toEqual({ sv1: 'val2', sv2: 'val3' })
    expect(promoted.canarySettings).toEqual({ deploymentId: canaryId, percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: true })

    const disabled = await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'remove', path: '/canarySettings' }] }))
    expect(disabled.canarySettings).toBeUndefined()
    expect(disabled.deploymentId).toBe(canaryId)
    expect(disabled.variables).toEqual({ sv1: 'val2', sv2: 'val3' })

    // With the canary gone, a plain deployment is accepted again, and the old one can go.
    const third = await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
    expect((await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId).toBe(third.id)
    await client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: prodId }))
    expect((await client.send(new GetDeploymentsCommand({ restApiId }))).items?.map((d) => d.id)).toEqual([canaryId, third.id])

    // What the SDK saw is what the simulator holds.
    const held = sim.state.restApis[0]?.stages[0]
    expect(held?.deploymentId).toBe(third.id)
  })

  it('each create-deployment error of reference section 4, as the SDK exception class with the exact message', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const restApiId = (await client.send(new CreateRestApiCommand({ name: 'pets' }))).id ?? ''
    await defineMockMethod(client, restApiId)
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } }))
    const before = sim.state

    await rejectsWith(
      client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' })),
      BadRequestException,
      'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
    )
    await rejectsWith(
      client.send(new CreateDeploymentCommand({ restApiId, stageName: 'beta', canarySettings: { percentTraffic: 10 } })),
      BadRequestException,
      'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'
    )
    await rejectsWith(
      client.send(new CreateDeploymentCommand({ restApiId, canarySettings: { percentTraffic: 10 } })),
      BadRequestException,
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'
    )
    await rejectsWith(
      client.send(new CreateDeploymentCommand({ restApiId, stageName: '', canarySettings: { percentTraffic: 10 } })),
      BadRequestException,
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
    )
    await rejectsWith(
      client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 150 } })),
      BadRequestException,
      'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
    )
    expect(sim.state).toBe(before)
  })

  it('NotFound, Conflict and the applier errors reach the caller as the SDK classes', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    await rejectsWith(client.send(new GetRestApiCommand({ restApiId: 'a1b2c3d4e5' })), NotFoundException, 'Invalid API identifier specified 123456789012:a1b2c3d4e5')
    const restApiId = (await client.send(new CreateRestApiCommand({ name: 'pets' }))).id ?? ''
    await defineMockMethod(client, restApiId)
    const prodId = (await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))).id ?? ''
    await rejectsWith(client.send(new GetStageCommand({ restApiId, stageName: 'beta' })), NotFoundException, 'Invalid stage identifier specified')
    await rejectsWith(client.send(new GetDeploymentCommand({ restApiId, deploymentId: 'nope00' })), NotFoundException, 'Invalid Deployment identifier specified')
    await rejectsWith(client.send(new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: prodId })), ConflictException, 'Stage already exists')
    // create-stage naming a deployment that does not exist: a 400 BadRequestException (recorded), not get-deployment's 404.
    await rejectsWith(client.send(new CreateStageCommand({ restApiId, stageName: 'beta', deploymentId: 'nope00' })), BadRequestException, 'Deployment id does not exist')
    await rejectsWith(
      client.send(new CreateStageCommand({ restApiId, stageName: 'beta', deploymentId: prodId, canarySettings: { deploymentId: 'nope00', percentTraffic: 10 } })),
      BadRequestException,
      'Deployment id does not exist'
    )
    await rejectsWith(
      client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: prodId })),
      BadRequestException,
      'Active stages pointing to this deployment must be moved or deleted'
    )
    await rejectsWith(
      client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'add', path: '/canarySettings/deploymentId', value: prodId }] })),
      BadRequestException,
      'Invalid add operation with path: /canarySettings/deploymentId'
    )
    await rejectsWith(
      client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/canarySettings/deploymentId', value: 'nope00' }] })),
      BadRequestException,
      'Deployment id does not exist'
    )
    await rejectsWith(
      client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }] })),
      BadRequestException,
      'Promotion not available. Canary does not exist.'
    )
    // A deployment that only the stage's canary runs: AWS's canary text (terraform-provider-aws matches it).
    const canaryId = (await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } }))).id ?? ''
    await rejectsWith(
      client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canaryId })),
      BadRequestException,
      'Active stages with canary settings pointing to this deployment must be moved or deleted'
    )
    await rejectsWith(
      client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: prodId })),
      BadRequestException,
      'Active stages pointing to this deployment must be moved or deleted'
    )
    await rejectsWith(client.send(new DeleteDeploymentCommand({ restApiId, deploymentId: 'nope00' })), NotFoundException, 'Invalid Deployment identifier specified')
  })

  it('the other calls: create-stage with canary defaults, get-stages, get-rest-apis (paginated), delete-stage, delete-rest-api', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const ids: Array<string> = []
    for (let i = 0; i < 30; i++) ids.push((await client.send(new CreateRestApiCommand({ name: `api${i}` }))).id ?? '')
    const all: Array<string> = []
    for await (const page of paginateGetRestApis({ client, pageSize: 7 }, {})) all.push(...(page.items ?? []).map((a) => a.id ?? ''))
    expect(all).toEqual(ids)

    const restApiId = ids[0] ?? ''
    await defineMockMethod(client, restApiId)
    const deploymentId = (await client.send(new CreateDeploymentCommand({ restApiId }))).id ?? ''
    const beta = await client.send(new CreateStageCommand({ restApiId, stageName: 'beta', deploymentId, canarySettings: { percentTraffic: 5 } }))
    expect(beta.canarySettings).toEqual({ deploymentId, percentTraffic: 5, useStageCache: false })
    expect((await client.send(new GetStagesCommand({ restApiId }))).item?.map((s) => s.stageName)).toEqual(['beta'])
    expect((await client.send(new GetStagesCommand({ restApiId, deploymentId: 'other0' }))).item).toEqual([])
    await client.send(new DeleteStageCommand({ restApiId, stageName: 'beta' }))
    await client.send(new DeleteRestApiCommand({ restApiId }))
    await rejectsWith(client.send(new GetRestApiCommand({ restApiId })), NotFoundException, `Invalid API identifier specified 123456789012:${restApiId}`)
  })
})

describe('seeding and state', () => {
  const fixture = (name: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

  it('seeded with the AWS docs example stage, the three promote operations give the docs result', async () => {
    const before = fixture('seed-before.json')
    const after = fixture('seed-after.json')
    const sim = createSimulator()
    const seeded = sim.seed({
      restApis: [
        {
          restApi: { id: 'fh4zbbd5nd', name: 'docs', createdDate: '2017-11-20T04:42:19Z' },
          deployments: [
            { id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' },
            { id: 'eh1sby', createdDate: '2017-11-21T04:42:19Z' }
          ],
          stages: [before]
        }
      ]
    })
    expectRight(seeded)
    const client = clientOf(sim)
    const promoted = await client.send(new UpdateStageCommand({ restApiId: 'fh4zbbd5nd', stageName: 'prod', patchOperations: promote }))
    const { $metadata: _m, ...stage } = promoted
    const { _links: _l, ...expected } = after
    expect(JSON.parse(JSON.stringify({ ...stage, createdDate: undefined, lastUpdatedDate: undefined }))).toEqual({
      ...expected,
      createdDate: undefined,
      lastUpdatedDate: undefined
    })
  })

  it('seed refuses a fixture that breaks the invariants, and keeps the state', () => {
    const sim = createSimulator()
    const state = sim.state
    const e = expectLeft(sim.seed({ restApis: [{ restApi: { id: 'a', name: 'a', createdDate: 0 }, stages: [{ stageName: 'prod', deploymentId: 'gone00' }] }] }))
    expect(e.message).toBe('restApis[0].stages[0].deploymentId: "gone00" is not a deployment of this REST API')
    expect(sim.state).toBe(state)
  })

  it('concurrent writers never lose an update: 8 clients x 50 increments through the SDK', async () => {
    const sim = createSimulator()
    const client = clientOf(sim)
    const restApiId = (await client.send(new CreateRestApiCommand({ name: 'pets' }))).id ?? ''
    await defineMockMethod(client, restApiId)
    await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }))
    await Promise.all(
      Array.from({ length: 8 }, async (_, k) => {
        for (let n = 1; n <= 50; n++) {
          await client.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: `/variables/c${k}`, value: String(n) }] }))
        }
      })
    )
    const stage = await client.send(new GetStageCommand({ restApiId, stageName: 'prod' }))
    expect(stage.variables).toEqual(Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`c${k}`, '50'])))
  })

  it('calls are applied in the order they arrive, whether one is queued (a raw call, a body to stream) or applied at once', async () => {
    const sim = createSimulator()
    const decode = (body: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(body))
    const stream = (text: string): AsyncIterable<Uint8Array> => ({
      async *[Symbol.asyncIterator]() {
        yield new TextEncoder().encode(text)
      }
    })
    // queued raw call, then an SDK call while it waits, then one with a streamed body, then one more
    const first = sim.handle({ method: 'POST', path: '/restapis', body: '{"name":"a"}' })
    const second = sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: '{"name":"b"}' })
    const third = sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: stream('{"name":"c"}') })
    const fourth = sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: new TextEncoder().encode('{"name":"d"}') })
    const answers = await Promise.all([first, second, third, fourth])
    expect(sim.state.restApis.map((a) => a.restApi.name)).toEqual(['a', 'b', 'd', 'c'])
    expect(sim.journal.map((e) => e.seq)).toEqual([1, 2, 3, 4])
    expect(sim.journal.map((e) => (e.input as { name: string }).name)).toEqual(['a', 'b', 'd', 'c'])
    expect(answers[0].response.status).toBe(201)
    for (const [k, name] of [[1, 'b'], [2, 'c'], [3, 'd']] as const) {
      const { response } = answers[k]
      expect(response.statusCode).toBe(201)
      expect((decode(response.body) as { name: string }).name).toBe(name)
      expect(response.headers['content-length']).toBe(String(response.body.length))
      // the bytes are the body's text, UTF-8, and nothing else
      expect(decode(response.body)).toEqual(sim.journal.find((e) => (e.input as { name: string }).name === name)?.output)
      expect(response.body).toBeInstanceOf(Uint8Array)
    }
    expect(answers.slice(1).map((a) => a.response.headers['x-amzn-requestid'])).toEqual([1, 3, 2].map((n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`))
  })

  it('a raw request goes through the same queue: an unknown route is a 404 UnknownOperationException', async () => {
    const sim = createSimulator()
    const routed = await sim.handle({ method: 'GET', path: '/restapis/x/authorizers' })
    expect(routed.response.status).toBe(404)
    expect(routed.response.headers['x-amzn-errortype']).toBe('UnknownOperationException')
  })

  it('a raw request that is not one (no path, null, a getter that throws): resolves with a 400, never rejects, the state untouched', async () => {
    const sim = createSimulator()
    const state = sim.state
    const noPath = await sim.handle({ method: 'GET' } as unknown as HttpRequest)
    expect(noPath.response).toEqual({
      status: 400,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'BadRequestException' },
      body: JSON.stringify({ message: 'The request path is missing; it must be a path (a string starting with /).' })
    })
    for (const request of [null, 7, { method: 'GET', path: 7 }, { method: 'GET', path: '/restapis', body: 1 }, { method: 'GET', get path(): string { throw new Error('boom') } }]) {
      const routed = await sim.handle(request as unknown as HttpRequest)
      expect(routed.response.status).toBe(400)
      expect(routed.response.headers['x-amzn-errortype']).toBe('BadRequestException')
    }
    expect(sim.state).toBe(state)
    // The queue goes on.
    expect((await sim.handle({ method: 'GET', path: '/restapis' })).response.status).toBe(200)
  })

  it('the SDK handler never rejects either: a request or a body that cannot be read is a 400 in AWS\'s shape', async () => {
    const sim = createSimulator()
    const decode = (body: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(body))
    const failing: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('stream broke')) })
    }
    const unreadable = await sim.requestHandler.handle({ method: 'POST', path: '/restapis', body: failing })
    expect(unreadable.response.statusCode).toBe(400)
    expect(unreadable.response.headers['x-amzn-errortype']).toBe('BadRequestException')
    expect(decode(unreadable.response.body)).toEqual({ message: 'The request could not be read: stream broke.' })
    const hostile = new Proxy({}, { get: () => { throw new Error('boom') } }) as SdkHttpRequest
    expect(decode((await sim.requestHandler.handle(hostile)).response.body)).toEqual({ message: 'The request could not be read: boom.' })
    const noPath = await sim.requestHandler.handle({ method: 'GET' } as unknown as SdkHttpRequest)
    expect(noPath.response.statusCode).toBe(400)
    expect(decode(noPath.response.body)).toEqual({ message: 'The request path is missing; it must be a path (a string starting with /).' })
    expect((await sim.requestHandler.handle(null as unknown as SdkHttpRequest)).response.statusCode).toBe(400)
    const badQuery = await sim.requestHandler.handle({ method: 'GET', path: '/restapis', query: { limit: 5 } } as unknown as SdkHttpRequest)
    expect(decode(badQuery.response.body)).toEqual({ message: 'The request query parameter "limit" 5 is not a string or a list of strings.' })
    expect(noPath.response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('packaging', () => {
  it('nothing under src/ imports the SDK (the simulator only fits its interface), so the SDK loads only where the caller imports it', () => {
    const root = fileURLToPath(new URL('../../src', import.meta.url))
    const files = (dir: string): Array<string> =>
      readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []))
    // The rollout driver (src/aws/, the `apigw-canary/aws` entry) is the adapter to the SDK: importing it is asking for the SDK.
    // Elsewhere only type imports (erased) and dynamic imports (loaded when used) may name it.
    const offenders = files(root)
      .filter((f) => !f.startsWith(join(root, 'aws')))
      .filter((f) => /^import (?!type )[^'"]*from '@(aws-sdk|smithy)\//m.test(readFileSync(f, 'utf8').replace(/^\s*\*.*$/gm, '')))
    expect(offenders).toEqual([])
  })
})
