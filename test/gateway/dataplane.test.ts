/**
 * The data plane by example: routing through the resource tree ({param}, {proxy+}, ANY, static
 * before variable), MOCK with the VTL subset, HTTP and HTTP_PROXY to registered backends, the
 * Lambda proxy's response mapping, and the control plane's resource calls through SDK v3 with
 * AWS's exception classes.
 */
import {
  APIGatewayClient,
  ConflictException,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteResourceCommand,
  GetIntegrationCommand,
  GetResourcesCommand,
  NotFoundException,
  BadRequestException,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand
} from '@aws-sdk/client-api-gateway'
import { describe, expect, it } from 'vitest'
import { createSimulator, proxyResponse, type Simulator } from '../../src/gateway/simulator/index.js'

const clientOf = (sim: Simulator) =>
  new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })

const rejectsWith = async (p: Promise<unknown>, cls: new (...args: never) => Error, message: string) => {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error
  )
  expect(e).toBeInstanceOf(cls)
  expect((e as Error).message).toBe(message)
}

/** An API: /pets (GET MOCK), /pets/{id} (GET MOCK templated), /pets/mine (GET MOCK), /files/{proxy+} (ANY HTTP_PROXY), /legacy (POST HTTP). */
const build = async (sim: Simulator) => {
  const client = clientOf(sim)
  const api = await client.send(new CreateRestApiCommand({ name: 'pets' }))
  const restApiId = api.id ?? ''
  const root = api.rootResourceId ?? ''
  const make = async (parentId: string, pathPart: string) => (await client.send(new CreateResourceCommand({ restApiId, parentId, pathPart }))).id ?? ''
  const pets = await make(root, 'pets')
  const one = await make(pets, '{id}')
  const mine = await make(pets, 'mine')
  const files = await make(root, 'files')
  const proxy = await make(files, '{proxy+}')
  const legacy = await make(root, 'legacy')
  const mock = async (resourceId: string, template: string, requestTemplate = '{"statusCode": 200}') => {
    const key = { restApiId, resourceId, httpMethod: 'GET' }
    await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
    await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK', requestTemplates: { 'application/json': requestTemplate } }))
    await client.send(new PutIntegrationResponseCommand({ ...key, statusCode: '200', selectionPattern: '', responseTemplates: { 'application/json': template } }))
  }
  await mock(pets, '{"list":true,"stage":"$context.stage","v":"$stageVariables.v"}')
  await mock(one, '{"id":"$input.params(\'id\')","q":"$input.params(\'q\')","canary":$context.isCanaryRequest,"deployment":"$context.deploymentId"}')
  await mock(mine, '#set($x = 1){"x":$x}')
  const anyKey = { restApiId, resourceId: proxy, httpMethod: 'ANY' }
  await client.send(new PutMethodCommand({ ...anyKey, authorizationType: 'NONE' }))
  await client.send(new PutIntegrationCommand({ ...anyKey, type: 'HTTP_PROXY', integrationHttpMethod: 'ANY', uri: 'http://${stageVariables.host}/files/{proxy}' }))
  const legacyKey = { restApiId, resourceId: legacy, httpMethod: 'POST' }
  await client.send(new PutMethodCommand({ ...legacyKey, authorizationType: 'NONE' }))
  await client.send(new PutIntegrationCommand({ ...legacyKey, type: 'HTTP', integrationHttpMethod: 'POST', uri: 'http://legacy.internal/submit', requestTemplates: { 'application/json': '{"wrapped":$input.body}' } }))
  await client.send(new PutIntegrationResponseCommand({ ...legacyKey, statusCode: '201', selectionPattern: '2\\d{2}', responseTemplates: { 'application/json': '{"accepted":$input.body}' } }))
  await client.send(new PutIntegrationResponseCommand({ ...legacyKey, statusCode: '400', selectionPattern: '4\\d{2}' }))
  await client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod', variables: { v: 'one', host: 'files.internal' } }))
  return { client, restApiId, ids: { root, pets, one, mine, files, proxy, legacy } }
}

describe('the data plane', () => {
  it('MOCK: routing, the VTL subset, and a template outside it', async () => {
    const sim = createSimulator()
    const { restApiId } = await build(sim)
    const get = (path: string, query?: Record<string, string>) => sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path, ...(query === undefined ? {} : { query }) })
    const list = await get('/pets')
    expect([list.status, JSON.parse(list.body)]).toEqual([200, { list: true, stage: 'prod', v: 'one' }])
    const one = await get('/pets/42', { q: 'x' })
    expect(JSON.parse(one.body)).toEqual({ id: '42', q: 'x', canary: false, deployment: one.record.deploymentId })
    expect(one.record.resourcePath).toBe('/pets/{id}')
    // a static part wins over a variable one: /pets/mine is its own resource, whose template is outside the subset
    const mine = await get('/pets/mine')
    expect(mine.status).toBe(500)
    expect(mine.body).toBe('{"message": "Internal server error"}')
    expect(mine.headers['x-apigw-canary-reason']).toMatch(/^The mapping template uses "#set", which is outside the VTL subset/)
    expect(sim.executionLogs().some((l) => l.message.includes('outside the VTL subset'))).toBe(true)
    // the root has no method; /pets/42/x no resource
    expect((await get('/')).status).toBe(403)
    expect((await get('/pets/42/x')).status).toBe(403)
  })

  it('HTTP_PROXY and HTTP: the URI with stage variables and path parameters, to a registered backend', async () => {
    const sim = createSimulator()
    const { restApiId } = await build(sim)
    const calls: Array<{ method: string; url: string; body: string }> = []
    sim.registerHttp('http://files.internal/', (r) => {
      calls.push(r)
      return { status: 200, headers: { 'x-backend': 'files' }, body: `got ${r.url}` }
    }, { latencyMs: 30 })
    sim.registerHttp('http://legacy.internal/', (r) => {
      calls.push(r)
      return r.body.includes('bad') ? { status: 422, body: '{"error":"bad"}' } : { status: 200, body: r.body }
    })
    const file = await sim.invoke({ restApiId, stageName: 'prod', method: 'DELETE', path: '/files/a/b.txt', query: { v: '2' } })
    expect([file.status, file.body, file.headers['x-backend']]).toEqual([200, 'got http://files.internal/files/a/b.txt?v=2', 'files'])
    expect(calls[0]?.method).toBe('DELETE')
    expect(file.record.integrationLatencyMs).toBe(30)
    const posted = await sim.invoke({ restApiId, stageName: 'prod', method: 'POST', path: '/legacy', body: '{"n":1}' })
    expect([posted.status, JSON.parse(posted.body)]).toEqual([201, { accepted: { wrapped: { n: 1 } } }])
    expect(calls[1]).toMatchObject({ method: 'POST', url: 'http://legacy.internal/submit', body: '{"wrapped":{"n":1}}' })
    const refused = await sim.invoke({ restApiId, stageName: 'prod', method: 'POST', path: '/legacy', body: '"bad"' })
    expect([refused.status, refused.body]).toEqual([400, '{"error":"bad"}'])
  })

  it('the Lambda proxy response mapping (recorded cases)', () => {
    expect(proxyResponse({ statusCode: 200 })).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: '' })
    expect(proxyResponse({ headers: { a: 'b' } }).status).toBe(200)
    expect(proxyResponse({ statusCode: 'test' }).status).toBe(502)
    expect(proxyResponse({ statusCode: 200, body: { not: 'a string' } }).status).toBe(502)
    expect(proxyResponse({ statusCode: 200, multiValueHeaders: { 'test-multi': 'x' } }).status).toBe(502)
    expect(proxyResponse({ statusCode: 200, multiValueHeaders: { 'test-multi': ['value1', 'value2'] } }).headers['test-multi']).toBe('value1, value2')
    expect(proxyResponse({ statusCode: 200, headers: { 'Content-Type': 'text/plain' } }).headers).toEqual({ 'Content-Type': 'text/plain' })
    expect(proxyResponse(null).status).toBe(502)
    expect(proxyResponse([]).status).toBe(502)
  })
})

describe('the resource calls through SDK v3', () => {
  it('AWS\'s answers and exception classes', async () => {
    const sim = createSimulator()
    const { client, restApiId, ids } = await build(sim)
    const resources = await client.send(new GetResourcesCommand({ restApiId }))
    expect(resources.items?.map((r) => r.path).sort()).toEqual(['/', '/files', '/files/{proxy+}', '/legacy', '/pets', '/pets/mine', '/pets/{id}'])
    expect(resources.items?.find((r) => r.path === '/pets')?.resourceMethods).toEqual({ GET: {} })
    await rejectsWith(client.send(new CreateResourceCommand({ restApiId, parentId: ids.root, pathPart: 'pets' })), ConflictException, 'Another resource with the same parent already has this name: pets')
    await rejectsWith(client.send(new CreateResourceCommand({ restApiId, parentId: ids.pets, pathPart: '{other}' })), BadRequestException, 'A sibling ({id}) of this resource already has a variable path part -- only one is allowed')
    await rejectsWith(client.send(new CreateResourceCommand({ restApiId, parentId: ids.proxy, pathPart: 'x' })), BadRequestException, 'Cannot create a child of a resource with a greedy path variable: {proxy+}')
    await rejectsWith(client.send(new CreateResourceCommand({ restApiId, parentId: 'nope', pathPart: 'x' })), NotFoundException, 'Invalid Resource identifier specified')
    await rejectsWith(client.send(new PutMethodCommand({ restApiId, resourceId: ids.pets, httpMethod: 'GET', authorizationType: 'NONE' })), ConflictException, 'Method already exists for this resource')
    await rejectsWith(client.send(new GetIntegrationCommand({ restApiId: 'nope', resourceId: ids.pets, httpMethod: 'GET' })), NotFoundException, 'Invalid Resource identifier specified')
    await rejectsWith(client.send(new GetIntegrationCommand({ restApiId, resourceId: ids.pets, httpMethod: 'POST' })), NotFoundException, 'Invalid Method identifier specified')
    const got = await client.send(new GetIntegrationCommand({ restApiId, resourceId: ids.pets, httpMethod: 'GET' }))
    expect(got).toMatchObject({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: ids.pets, integrationResponses: { '200': { statusCode: '200' } } })
    // a method without integration refuses the deployment, and nothing is created
    await client.send(new PutMethodCommand({ restApiId, resourceId: ids.pets, httpMethod: 'POST', authorizationType: 'NONE' }))
    const before = sim.state
    await rejectsWith(client.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' })), BadRequestException, 'No integration defined for method')
    expect(sim.state).toBe(before)
    await client.send(new DeleteResourceCommand({ restApiId, resourceId: ids.pets }))
    expect((await client.send(new GetResourcesCommand({ restApiId }))).items?.map((r) => r.path).sort()).toEqual(['/', '/files', '/files/{proxy+}', '/legacy'])
    // the deployed snapshot still serves /pets: a deployment is a snapshot
    expect((await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/pets' })).status).toBe(200)
    const empty = await client.send(new CreateRestApiCommand({ name: 'empty' }))
    await rejectsWith(client.send(new CreateDeploymentCommand({ restApiId: empty.id ?? '', stageName: 'prod' })), BadRequestException, "The REST API doesn't contain any methods")
    client.destroy()
  })
})
