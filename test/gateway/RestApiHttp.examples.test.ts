/**
 * The REST surface in process (`RestApiHttp.route`): every operation's method, path, status
 * and wire shape (dates as epoch seconds, as the AWS REST API sends them), and each kind of bad
 * request answered in AWS's error shape without touching the gateway.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { emptyGateway, type Gateway } from '../../src/gateway/control/RestApi.js'
import { errorResponse, operations, route, type HttpRequest, type HttpResponse } from '../../src/gateway/wire/RestApiHttp.js'
import { fixedClock, seededIds, type Env } from '../../src/gateway/control/RestApiProviders.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import { mockMethodRequests } from '../helpers.js'

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
  const defined = mockMethodRequests(id, json(created.response)['rootResourceId'] as string).reduce((g, r) => call(g, r).gateway, created.gateway)
  const deployed = call(defined, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod","description":"v1","variables":{"sv1":"val1"}}' })
  const deploymentId = json(deployed.response)['id'] as string
  return { gateway: deployed.gateway, id, deploymentId, created, deployed }
}

describe('the operations', () => {
  it('AWS\'s twenty-seven operations: method, path and status', () => {
    expect(operations.filter((o) => !o.path.startsWith('/tags/')).map((o) => `${o.name} ${o.method} ${o.path} ${o.status}`)).toEqual([
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
      'DeleteStage DELETE /restapis/{restApiId}/stages/{stageName} 202',
      'GetResources GET /restapis/{restApiId}/resources 200',
      'GetResource GET /restapis/{restApiId}/resources/{resourceId} 200',
      'CreateResource POST /restapis/{restApiId}/resources/{parentId} 201',
      'DeleteResource DELETE /restapis/{restApiId}/resources/{resourceId} 202',
      'PutMethod PUT /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod} 201',
      'GetMethod GET /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod} 200',
      'DeleteMethod DELETE /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod} 204',
      'PutMethodResponse PUT /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode} 201',
      'GetMethodResponse GET /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/responses/{statusCode} 200',
      'PutIntegration PUT /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration 201',
      'GetIntegration GET /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration 200',
      'DeleteIntegration DELETE /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration 204',
      'PutIntegrationResponse PUT /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode} 201',
      'GetIntegrationResponse GET /restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}/integration/responses/{statusCode} 200'
    ])
  })

  it('the stage tag operations: method, path and status', () => {
    expect(operations.filter((o) => o.path.startsWith('/tags/')).map((o) => `${o.name} ${o.method} ${o.path} ${o.status}`)).toEqual([
      'GetTags GET /tags/{resourceArn} 200',
      'TagResource PUT /tags/{resourceArn} 204',
      'UntagResource DELETE /tags/{resourceArn} 204'
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
    expect((json(call(g, { method: 'GET', path: '/restapis', query: { limit: [], position: null } }).response)['item'] as Array<unknown>)).toHaveLength(3)
    expect(awsError(call(g, { method: 'GET', path: '/restapis', query: { limit: [1 as unknown as string] } }).response, 400, 'BadRequestException')).toBe(
      'The request query parameter "limit" item 0 1 is not a string.'
    )
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
  const { gateway, id, deploymentId } = setup()

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
    // create-stage naming a deployment that does not exist: AWS's 400, not get-deployment's 404 (recorded).
    expect(awsError(call(gateway, { method: 'POST', path: `/restapis/${id}/stages`, body: JSON.stringify({ stageName: 'beta', deploymentId: 'x' }) }).response, 400, 'BadRequestException')).toBe('Deployment id does not exist')
    expect(
      awsError(
        call(gateway, { method: 'POST', path: `/restapis/${id}/stages`, body: JSON.stringify({ stageName: 'beta', deploymentId, canarySettings: { deploymentId: 'x' } }) }).response,
        400,
        'BadRequestException'
      )
    ).toBe('Deployment id does not exist')
    expect(awsError(call(gateway, { method: 'GET', path: `/restapis/${id}/deployments/x` }).response, 404, 'NotFoundException')).toBe('Invalid Deployment identifier specified')
    expect(awsError(call(gateway, { method: 'DELETE', path: `/restapis/${id}/deployments/x` }).response, 404, 'NotFoundException')).toBe('Invalid Deployment identifier specified')
  })

  it('delete-deployment of a deployment in use: the stage text, or the canary text when only canaries run it', () => {
    const canary = call(gateway, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod","canarySettings":{"percentTraffic":10}}' })
    const canaryId = json(canary.response)['id'] as string
    expect(awsError(call(canary.gateway, { method: 'DELETE', path: `/restapis/${id}/deployments/${deploymentId}` }).response, 400, 'BadRequestException')).toBe(
      'Active stages pointing to this deployment must be moved or deleted'
    )
    expect(awsError(call(canary.gateway, { method: 'DELETE', path: `/restapis/${id}/deployments/${canaryId}` }).response, 400, 'BadRequestException')).toBe(
      'Active stages with canary settings pointing to this deployment must be moved or deleted'
    )
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

describe('a request value that is not an HttpRequest: a 400 naming the field, never a throw', () => {
  const { gateway, id } = setup()
  /** Routes a value of any shape, as plain JavaScript may pass it. */
  const raw = (request: unknown) => call(gateway, request as HttpRequest)
  const malformed = (request: unknown): string => {
    const r = raw(request)
    expect(r.gateway).toBe(gateway)
    expect(r.operation).toBeUndefined()
    return awsError(r.response, 400, 'BadRequestException')
  }
  /** A proxy over `target` whose every trap throws `error`. */
  const throwing = (error: unknown, target: object = {}): object =>
    new Proxy(target, {
      get: () => {
        throw error
      },
      ownKeys: () => {
        throw error
      },
      getPrototypeOf: () => {
        throw error
      },
      getOwnPropertyDescriptor: () => {
        throw error
      }
    })
  const revoked = (): object => {
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    return proxy
  }

  it('no path (sim.handle({ method: "GET" })), or a path that is not a string starting with /', () => {
    expect(malformed({ method: 'GET' })).toBe('The request path is missing; it must be a path (a string starting with /).')
    expect(malformed({ method: 'GET', path: 7 })).toBe('The request path 7 is not a path (a string starting with /).')
    expect(malformed({ method: 'GET', path: null })).toBe('The request path null is not a path (a string starting with /).')
    expect(malformed({ method: 'GET', path: ['/restapis'] })).toBe('The request path an array is not a path (a string starting with /).')
    expect(malformed({ method: 'GET', path: 'restapis' })).toBe('The request path "restapis" is not a path (a string starting with /).')
    expect(malformed({ method: 'GET', path: '' })).toBe('The request path "" is not a path (a string starting with /).')
  })

  it('no method, or one that is not an HTTP method (a token)', () => {
    expect(malformed({ path: '/restapis' })).toBe('The request method is missing; it must be an HTTP method (a token such as GET).')
    expect(malformed({ method: 7, path: '/restapis' })).toBe('The request method 7 is not an HTTP method (a token such as GET).')
    expect(malformed({ method: null, path: '/restapis' })).toBe('The request method null is not an HTTP method (a token such as GET).')
    expect(malformed({ method: '', path: '/restapis' })).toBe('The request method "" is not an HTTP method (a token such as GET).')
    expect(malformed({ method: 'GE T', path: '/restapis' })).toBe('The request method "GE T" is not an HTTP method (a token such as GET).')
    // Any case is a method; one this path does not answer is a 405, as before.
    expect(raw({ method: 'get', path: '/restapis' }).response.status).toBe(200)
    expect(awsError(raw({ method: 'PURGE', path: '/restapis' }).response, 405, 'MethodNotAllowedException')).toBe('PURGE is not allowed on /restapis; use POST or GET.')
  })

  it('not an object at all', () => {
    for (const value of [null, undefined, 42, true, 'GET /restapis', Symbol('r'), 10n, () => ({ method: 'GET', path: '/restapis' })]) {
      expect(malformed(value)).toMatch(/^The request (.+ is not|is missing; it must be) an HTTP request \(an object with a method and a path\)\.$/)
    }
    expect(malformed(null)).toBe('The request null is not an HTTP request (an object with a method and a path).')
    expect(malformed(undefined)).toBe('The request is missing; it must be an HTTP request (an object with a method and a path).')
  })

  it('a query that is not a map of strings or lists of strings', () => {
    const get = (query: unknown) => ({ method: 'GET', path: '/restapis', query })
    expect(malformed(get('limit=1'))).toBe('The request query "limit=1" is not a map of query parameters (an object).')
    expect(malformed(get(null))).toBe('The request query null is not a map of query parameters (an object).')
    expect(malformed(get([]))).toBe('The request query an array is not a map of query parameters (an object).')
    expect(malformed(get(new Map([['limit', '1']])))).toBe('The request query an object is not a map of query parameters (an object).')
    expect(malformed(get({ limit: 5 }))).toBe('The request query parameter "limit" 5 is not a string or a list of strings.')
    expect(malformed(get({ limit: { first: '1' } }))).toBe('The request query parameter "limit" an object is not a string or a list of strings.')
    expect(malformed(get({ limit: ['1', null] }))).toBe('The request query parameter "limit" item 1 null is not a string.')
    // A sparse list: refused by its own keys, without walking its length.
    const sparse: Array<string> = []
    sparse[2 ** 32 - 2] = '1'
    expect(malformed(get({ limit: sparse }))).toBe('The request query parameter "limit" an array is not a list of strings without holes.')
    // null and [] are a parameter without a value; a null-prototype map is a map.
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { limit: '1' })
    expect((json(raw(get(bare)).response)['item'] as Array<unknown>)).toHaveLength(1)
    expect(raw(get({ limit: null, position: [] })).response.status).toBe(200)
  })

  it('headers that are not a map of strings; a body that is not text', () => {
    expect(malformed({ method: 'GET', path: '/restapis', headers: 'host: x' })).toBe('The request headers "host: x" is not a map of header names to values (an object).')
    expect(malformed({ method: 'GET', path: '/restapis', headers: { 'content-length': 0 } })).toBe('The request header "content-length" 0 is not a string.')
    expect(raw({ method: 'GET', path: '/restapis', headers: { host: 'x', absent: undefined } }).response.status).toBe(200)
    expect(malformed({ method: 'POST', path: '/restapis', body: { name: 'pets' } })).toBe('The request body an object is not text (a string).')
    expect(malformed({ method: 'POST', path: '/restapis', body: 7 })).toBe('The request body 7 is not text (a string).')
    expect(malformed({ method: 'POST', path: '/restapis', body: null })).toBe('The request body null is not text (a string).')
    expect(malformed({ method: 'POST', path: '/restapis', body: new Uint8Array([123, 125]) })).toBe('The request body an object is not text (a string).')
    // Every field is checked, even one the operation does not read (a GET's body).
    expect(malformed({ method: 'GET', path: '/restapis', body: 7 })).toBe('The request body 7 is not text (a string).')
  })

  it('hostile values: getters and proxy traps that throw, revoked proxies, values that change between reads', () => {
    const boom = new Error('boom')
    expect(malformed({ method: 'GET', get path(): string { throw boom } })).toBe('The request path could not be read: boom.')
    expect(malformed(throwing(boom))).toBe('The request method could not be read: boom.')
    expect(malformed(revoked())).toMatch(/^The request method could not be read: /)
    expect(malformed({ method: 'GET', path: '/restapis', query: throwing(boom) })).toBe('The request query could not be read: boom.')
    expect(malformed({ method: 'GET', path: '/restapis', query: revoked() })).toMatch(/^The request query could not be read: /)
    expect(malformed({ method: 'GET', path: '/restapis', query: { limit: throwing(boom, []) } })).toBe('The request query parameter "limit" could not be read: boom.')
    expect(malformed({ method: 'GET', path: '/restapis', query: { limit: revoked() } })).toMatch(/^The request query parameter "limit" could not be read: /)
    expect(malformed({ method: 'GET', path: '/restapis', headers: throwing(boom) })).toBe('The request headers could not be read: boom.')
    expect(malformed({ method: 'POST', path: '/restapis', get body(): string { throw boom } })).toBe('The request body could not be read: boom.')
    // What is thrown is not trusted either: a non-Error, an object whose toString throws, an Error whose message getter throws.
    expect(malformed({ method: 'GET', get path(): string { throw 'plain' } })).toBe('The request path could not be read: plain.')
    const nasty = { toString: () => { throw new Error('again') } }
    expect(malformed({ method: 'GET', get path(): string { throw nasty } })).toBe('The request path could not be read: a thrown object.')
    const sly = new Error('x')
    Object.defineProperty(sly, 'message', { get: () => { throw new Error('again') } })
    expect(malformed({ method: 'GET', get path(): string { throw sly } })).toBe('The request path could not be read: a thrown value that cannot be shown.')
    expect(malformed({ method: 'GET', get path(): string { throw throwing(boom) } })).toBe('The request path could not be read: a thrown value that cannot be shown.')
    // Each field is read once: a getter that answers differently the second time is not asked again.
    let reads = 0
    const fickle = { method: 'GET', get path(): unknown { reads++; return reads === 1 ? `/restapis/${id}` : 7 } }
    expect(raw(fickle).response.status).toBe(200)
    expect(reads).toBe(1)
  })

  it('a provider that throws a hostile value: still the 500, never a throw', () => {
    const nasty: Env = { ...env, now: () => { throw { toString: () => { throw new Error('again') } } } }
    const r = route(gateway, { method: 'POST', path: '/restapis', body: '{"name":"x"}' }, nasty)
    expect(r.gateway).toBe(gateway)
    expect(awsError(r.response, 500, 'InternalFailure')).toBe('The request failed: a thrown object')
  })

  it('property: any value in any field gets an AWS-shaped response and never a throw; a malformed one a 400 with the gateway untouched', () => {
    const valid = {
      method: fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'put'),
      path: fc.constantFrom('/restapis', `/restapis/${id}`, `/restapis/${id}/stages/prod`, `/restapis/${id}/deployments`, '/nowhere'),
      query: fc.option(fc.dictionary(fc.constantFrom('limit', 'position', 'deploymentId', '__proto__'), fc.oneof(fc.constantFrom('1', '2', 'x'), fc.array(fc.constantFrom('1', '2')))), { nil: undefined }),
      headers: fc.option(fc.dictionary(fc.string(), fc.string()), { nil: undefined }),
      body: fc.option(fc.constantFrom('{"name":"pets"}', '{', '{"stageName":"beta","deploymentId":"x"}'), { nil: undefined })
    }
    type Field = keyof typeof valid
    // Proxies are made inside the property: fast-check itself inspects the values it generates.
    const hostile = fc.oneof(
      fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBigInt: true }).map((value) => ({ make: () => value, proxy: false })),
      fc.constantFrom(revoked, () => throwing(new Error('boom')), () => throwing(new Error('boom'), [])).map((make) => ({ make, proxy: true }))
    )
    /** Whether a field's value is certainly not of the field's shape (a proxy that throws never is). */
    const wrongShape = (name: Field, value: unknown, proxy: boolean): boolean => {
      if (proxy) return true
      if (name === 'method' || name === 'path') return typeof value !== 'string'
      if (name === 'body') return value !== undefined && typeof value !== 'string'
      return value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))
    }
    fc.assert(
      fc.property(
        fc.record(valid, { requiredKeys: ['method', 'path'] }),
        fc.option(fc.tuple(fc.constantFrom<Field>('method', 'path', 'query', 'headers', 'body'), hostile), { nil: undefined }),
        (request, spoiled) => {
          const made = spoiled === undefined ? undefined : { name: spoiled[0], value: spoiled[1].make(), proxy: spoiled[1].proxy }
          const value = made === undefined ? request : { ...request, [made.name]: made.value }
          let r: ReturnType<typeof route> | undefined
          expect(() => (r = raw(value))).not.toThrow()
          if (r === undefined) return false
          const { status, headers, body } = r.response
          expect([200, 201, 202, 400, 404, 405, 409]).toContain(status)
          if (status >= 400) {
            expect(r.gateway).toBe(gateway)
            expect(headers['x-amzn-errortype']).toMatch(/Exception$/)
            expect(typeof (JSON.parse(body) as { message: unknown }).message).toBe('string')
          }
          if (made !== undefined && wrongShape(made.name, made.value, made.proxy)) expect(status).toBe(400)
          return true
        }
      )
    )
  })
})
