/**
 * The REST surface in process (`RestApiHttp.route`): every operation's method, path, status
 * and wire shape (dates as epoch seconds, as the AWS REST API sends them), and each kind of bad
 * request answered in AWS's error shape without touching the gateway.
 */
import { describe, expect, it } from 'vitest'
import { emptyGateway, type Gateway } from '../src/RestApi.js'
import { errorResponse, operations, route, type HttpRequest, type HttpResponse } from '../src/RestApiHttp.js'
import { fixedClock, seededIds, type Env } from '../src/RestApiProviders.js'
import * as Timestamp from '../src/Timestamp.js'

const env: Env = { now: fixedClock(Timestamp.unsafeFromString('2017-11-20T04:42:19Z')), ids: seededIds(7) }
const EPOCH = Date.parse('2017-11-20T04:42:19Z') / 1000

const call = (gateway: Gateway, request: HttpRequest) => route(gateway, request, env)
const json = (r: HttpResponse): Record<string, unknown> => JSON.parse(r.body) as Record<string, unknown>
const awsError = (r: HttpResponse, status: number, type: string): string => {
  expect(r.status).toBe(status)
  expect(r.headers).toEqual({ 'content-type': 'application/json', 'x-amzn-errortype': type, ...(status === 405 ? { allow: expect.any(String) } : {}) })
  return json(r)['message'] as string
}

/** A REST API with a deployment and a `prod` stage. */
const setup = () => {
  const created = call(emptyGateway(), { method: 'POST', path: '/restapis', body: '{"name":"pets","description":"d","tags":{"t":"v"}}' })
  const id = json(created.response)['id'] as string
  const deployed = call(created.gateway, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod","description":"v1","variables":{"sv1":"val1"}}' })
  const deploymentId = json(deployed.response)['id'] as string
  return { gateway: deployed.gateway, id, deploymentId, created, deployed }
}

describe('the operations', () => {
  it('AWS\'s thirteen operations: method, path and status', () => {
    expect(operations.map((o) => `${o.name} ${o.method} ${o.path} ${o.status}`)).toEqual([
      'CreateRestApi POST /restapis 201',
      'GetRestApis GET /restapis 200',
      'GetRestApi GET /restapis/{restApiId} 200',
      'DeleteRestApi DELETE /restapis/{restApiId} 202',
      'CreateDeployment POST /restapis/{restApiId}/deployments 201',
      'GetDeployments GET /restapis/{restApiId}/deployments 200',
      'GetDeployment GET /restapis/{restApiId}/deployments/{deploymentId} 200',
      'DeleteDeployment DELETE /restapis/{restApiId}/deployments/{deploymentId} 202',
      'CreateStage POST /restapis/{restApiId}/stages 201',
      'GetStages GET /restapis/{restApiId}/stages 200',
      'GetStage GET /restapis/{restApiId}/stages/{stageName} 200',
      'UpdateStage PATCH /restapis/{restApiId}/stages/{stageName} 200',
      'DeleteStage DELETE /restapis/{restApiId}/stages/{stageName} 202'
    ])
  })

  it('create-rest-api and create-deployment: 201, the resource with epoch-second dates', () => {
    const { created, deployed, id, deploymentId } = setup()
    expect(created.operation).toBe('CreateRestApi')
    expect(created.response.status).toBe(201)
    expect(created.response.headers).toEqual({ 'content-type': 'application/json' })
    expect(json(created.response)).toMatchObject({ id, name: 'pets', description: 'd', tags: { t: 'v' }, createdDate: EPOCH, apiKeySource: 'HEADER' })
    expect(deployed.operation).toBe('CreateDeployment')
    expect(json(deployed.response)).toEqual({ id: deploymentId, description: 'v1', createdDate: EPOCH })
  })

  it('the reads: get-rest-api(s), get-deployment(s), get-stage(s)', () => {
    const { gateway, id, deploymentId } = setup()
    const apis = call(gateway, { method: 'GET', path: '/restapis' })
    expect(apis.response.status).toBe(200)
    expect(apis.gateway).toBe(gateway)
    expect((json(apis.response)['item'] as Array<{ id: string }>).map((a) => a.id)).toEqual([id])
    expect('position' in json(apis.response)).toBe(false)
    expect(json(call(gateway, { method: 'GET', path: `/restapis/${id}` }).response)['name']).toBe('pets')
    expect(json(call(gateway, { method: 'GET', path: `/restapis/${id}/deployments` }).response)).toEqual({ item: [{ id: deploymentId, description: 'v1', createdDate: EPOCH }] })
    expect(json(call(gateway, { method: 'GET', path: `/restapis/${id}/deployments/${deploymentId}` }).response)['id']).toBe(deploymentId)
    const stage = json(call(gateway, { method: 'GET', path: `/restapis/${id}/stages/prod` }).response)
    expect(stage).toMatchObject({ stageName: 'prod', deploymentId, variables: { sv1: 'val1' }, createdDate: EPOCH, lastUpdatedDate: EPOCH })
    const stages = call(gateway, { method: 'GET', path: `/restapis/${id}/stages`, query: { deploymentId } })
    expect((json(stages.response)['item'] as Array<{ stageName: string }>).map((s) => s.stageName)).toEqual(['prod'])
    expect(json(call(gateway, { method: 'GET', path: `/restapis/${id}/stages`, query: { deploymentId: 'other0' } }).response)).toEqual({ item: [] })
    expect((json(call(gateway, { method: 'GET', path: `/restapis/${id}/stages` }).response)['item'] as Array<unknown>)).toHaveLength(1)
  })

  it('pages: limit and position from the query, the first value of a repeated parameter', () => {
    let g = emptyGateway()
    for (const name of ['a', 'b', 'c']) g = call(g, { method: 'POST', path: '/restapis', body: JSON.stringify({ name }) }).gateway
    const first = json(call(g, { method: 'GET', path: '/restapis', query: { limit: '2' } }).response)
    expect((first['item'] as Array<{ name: string }>).map((a) => a.name)).toEqual(['a', 'b'])
    expect(first['position']).toBe('2')
    const next = json(call(g, { method: 'GET', path: '/restapis', query: { limit: ['1', '5'], position: ['2'] } }).response)
    expect((next['item'] as Array<{ name: string }>).map((a) => a.name)).toEqual(['c'])
    expect((json(call(g, { method: 'GET', path: '/restapis', query: { limit: [1 as unknown as string] } }).response)['item'] as Array<unknown>)).toHaveLength(3)
    expect(awsError(call(g, { method: 'GET', path: '/restapis', query: { limit: 'ten' } }).response, 400, 'BadRequestException')).toBe(
      'limit: "ten" is not a page size (a whole number from 1 to 500)'
    )
    expect(awsError(call(g, { method: 'GET', path: '/restapis', query: { limit: '-1' } }).response, 400, 'BadRequestException')).toMatch(/^limit: "-1"/)
    expect(awsError(call(g, { method: 'GET', path: '/restapis', query: { limit: '5x' } }).response, 400, 'BadRequestException')).toMatch(/^limit: "5x"/)
    expect((json(call(g, { method: 'GET', path: '/restapis', query: { limit: '10' } }).response)['item'] as Array<unknown>)).toHaveLength(3)
    expect(awsError(call(g, { method: 'GET', path: '/restapis', query: { limit: '0' } }).response, 400, 'BadRequestException')).toMatch(/^limit: 0/)
    const { gateway, id } = setup()
    expect(awsError(call(gateway, { method: 'GET', path: `/restapis/${id}/deployments`, query: { limit: 'x' } }).response, 400, 'BadRequestException')).toMatch(/^limit: "x"/)
    expect((json(call(gateway, { method: 'GET', path: `/restapis/${id}/deployments`, query: { limit: '1', position: '1' } }).response)['item'] as Array<unknown>)).toEqual([])
  })

  it('update-stage: the operations applied; no patchOperations changes nothing', () => {
    const { gateway, id } = setup()
    const updated = call(gateway, { method: 'PATCH', path: `/restapis/${id}/stages/prod`, body: '{"patchOperations":[{"op":"replace","path":"/canarySettings/percentTraffic","value":"10"}]}' })
    expect(updated.operation).toBe('UpdateStage')
    expect(updated.response.status).toBe(200)
    expect(json(updated.response)['canarySettings']).toMatchObject({ percentTraffic: 10 })
    const none = call(gateway, { method: 'PATCH', path: `/restapis/${id}/stages/prod`, body: '{}' })
    expect(none.response.status).toBe(200)
    expect(json(none.response)['canarySettings']).toBeUndefined()
    expect(awsError(call(gateway, { method: 'PATCH', path: `/restapis/${id}/stages/prod`, body: '[]' }).response, 400, 'BadRequestException')).toBe(
      'input: an array is not an update-stage request (a JSON object)'
    )
  })

  it('create-stage and the deletes: 201, then 202 with an empty body', () => {
    const { gateway, id, deploymentId } = setup()
    const made = call(gateway, { method: 'POST', path: `/restapis/${id}/stages`, body: JSON.stringify({ stageName: 'beta', deploymentId, canarySettings: { percentTraffic: 5 } }) })
    expect(made.response.status).toBe(201)
    expect(json(made.response)).toMatchObject({ stageName: 'beta', canarySettings: { deploymentId, percentTraffic: 5, useStageCache: false } })
    const stageGone = call(made.gateway, { method: 'DELETE', path: `/restapis/${id}/stages/beta` })
    expect(stageGone.response).toEqual({ status: 202, headers: { 'content-type': 'application/json' }, body: '' })
    expect(stageGone.operation).toBe('DeleteStage')
    expect(call(stageGone.gateway, { method: 'GET', path: `/restapis/${id}/stages/prod` }).response.status).toBe(200)
    expect(call(stageGone.gateway, { method: 'GET', path: `/restapis/${id}/stages/beta` }).response.status).toBe(404)
    const prodGone = call(stageGone.gateway, { method: 'DELETE', path: `/restapis/${id}/stages/prod` })
    expect(prodGone.response.status).toBe(202)
    const deploymentGone = call(prodGone.gateway, { method: 'DELETE', path: `/restapis/${id}/deployments/${deploymentId}` })
    expect(deploymentGone.response.status).toBe(202)
    const apiGone = call(deploymentGone.gateway, { method: 'delete', path: `/restapis/${id}/` })
    expect(apiGone.response.status).toBe(202)
    expect(apiGone.gateway.restApis).toEqual([])
    expect(awsError(call(gateway, { method: 'POST', path: `/restapis/${id}/stages`, body: '{"stageName":"x"}' }).response, 400, 'BadRequestException')).toBe(
      'deploymentId is missing; it is required on a create-stage request (a JSON object)'
    )
  })
})

describe('bad requests: AWS\'s error shape, the gateway untouched', () => {
  const { gateway, id } = setup()

  it('an unknown path: 404 UnknownOperationException listing the operations', () => {
    const r = call(gateway, { method: 'GET', path: '/nowhere' })
    expect(r.gateway).toBe(gateway)
    expect(r.operation).toBeUndefined()
    const message = awsError(r.response, 404, 'UnknownOperationException')
    expect(message).toBe(`GET /nowhere is not an operation of this simulator. It answers: ${operations.map((o) => `${o.method} ${o.path}`).join(', ')}.`)
    expect(awsError(call(gateway, { method: 'GET', path: `/restapis/${id}/stages/prod/extra` }).response, 404, 'UnknownOperationException')).toMatch(/^GET \/restapis\//)
    expect(awsError(call(gateway, { method: 'GET', path: '/restapis//stages' }).response, 404, 'UnknownOperationException')).toMatch(/^GET /)
    expect(awsError(call(gateway, { method: 'GET', path: `/${'x'.repeat(300)}` }).response, 404, 'UnknownOperationException')).toContain(`GET /${'x'.repeat(199)} is not`)
  })

  it('a known path with another method: 405 with the allowed methods', () => {
    const r = call(gateway, { method: 'PUT', path: '/restapis' })
    expect(awsError(r.response, 405, 'MethodNotAllowedException')).toBe('PUT is not allowed on /restapis; use POST or GET.')
    expect(r.response.headers['allow']).toBe('POST, GET')
    expect(awsError(call(gateway, { method: 7 as unknown as string, path: '/restapis' }).response, 405, 'MethodNotAllowedException')).toBe(' is not allowed on /restapis; use POST or GET.')
    const long = `/restapis/${'x'.repeat(300)}`
    expect(awsError(call(gateway, { method: 'PUT', path: long }).response, 405, 'MethodNotAllowedException')).toBe(`PUT is not allowed on ${long.slice(0, 200)}; use GET or DELETE.`)
  })

  it('a path that is not percent-encoded properly, or not a string', () => {
    expect(awsError(call(gateway, { method: 'GET', path: '/restapis/%E0%A4%A' }).response, 400, 'BadRequestException')).toBe(
      'The request path "/restapis/%E0%A4%A" is not properly percent-encoded.'
    )
    expect(call(gateway, { method: 'GET', path: `/restapis/${encodeURIComponent(id)}` }).response.status).toBe(200)
    const long = `/restapis/%E0%A4%A${'x'.repeat(300)}`
    expect(awsError(call(gateway, { method: 'GET', path: long }).response, 400, 'BadRequestException')).toBe(`The request path ${JSON.stringify(long.slice(0, 200))} is not properly percent-encoded.`)
  })

  it('a body that is not JSON: AWS\'s "Could not parse request body into json"', () => {
    const r = call(gateway, { method: 'POST', path: '/restapis', body: '{' })
    expect(r.operation).toBe('CreateRestApi')
    expect(awsError(r.response, 400, 'BadRequestException')).toMatch(/^Could not parse request body into json: \S/)
    // An empty or blank body reads as {}; GET and DELETE bodies are not read.
    expect(awsError(call(gateway, { method: 'POST', path: '/restapis', body: '  ' }).response, 400, 'BadRequestException')).toBe('name is missing; it is required on a create-rest-api request (a JSON object)')
    expect(call(gateway, { method: 'GET', path: '/restapis', body: '{' }).response.status).toBe(200)
  })

  it('an error of the aggregate: its HTTP status and exception name', () => {
    expect(awsError(call(gateway, { method: 'GET', path: '/restapis/nope' }).response, 404, 'NotFoundException')).toBe('Invalid API identifier specified 123456789012:nope')
    expect(awsError(call(gateway, { method: 'POST', path: `/restapis/${id}/stages`, body: JSON.stringify({ stageName: 'prod', deploymentId: 'x' }) }).response, 404, 'NotFoundException')).toBe('Invalid Deployment identifier specified')
  })

  it('a provider that throws: 500 InternalFailure, the gateway as it was', () => {
    const throwing: Env = { ...env, now: () => { throw new Error('clock broke') } }
    const r = route(gateway, { method: 'POST', path: '/restapis', body: '{"name":"x"}' }, throwing)
    expect(r.gateway).toBe(gateway)
    expect(r.operation).toBe('CreateRestApi')
    expect(awsError(r.response, 500, 'InternalFailure')).toBe('The request failed: clock broke')
    const weird: Env = { ...env, now: () => { throw 'plain' } }
    expect(json(route(gateway, { method: 'POST', path: '/restapis', body: '{"name":"x"}' }, weird).response)['message']).toBe('The request failed: plain')
  })

  it('errorResponse: extra headers win over nothing, never over the type', () => {
    expect(errorResponse(418, 'Teapot', 'short and stout', { allow: 'GET' })).toEqual({
      status: 418,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'Teapot', allow: 'GET' },
      body: '{"message":"short and stout"}'
    })
  })
})
