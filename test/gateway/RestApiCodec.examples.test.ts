/**
 * A saved gateway read back (`decodeGateway`): the codec's defaults and rules, and the
 * invariants it cannot express (unique ids and names, deployments that exist), by example,
 * plus the simulator shells' small helpers.
 */
import { describe, expect, it } from 'vitest'
import { decodeGateway, GatewayCodec, RestApiCodec } from '../../src/gateway/wire/RestApiCodec.js'
import { copyOf, readBody, requestId, serialiser } from '../../src/gateway/wire/transport.js'
import { expectLeft, expectRight } from '../helpers.js'

const api = (id: string, extra: Record<string, unknown> = {}) => ({ restApi: { id, name: 'pets', createdDate: '2017-11-20T04:42:19Z' }, ...extra })
const dep = (id: string) => ({ id, createdDate: '2017-11-20T04:42:19Z' })
const message = (u: unknown): string => expectLeft(decodeGateway(u)).message

describe('decodeGateway: defaults', () => {
  it('an empty object is an empty gateway with AWS\'s defaults', () => {
    expect(expectRight(decodeGateway({}))).toEqual({ accountId: '123456789012', issued: 0, restApis: [] })
  })

  it('a REST API gets HEADER keys, an EDGE endpoint, the execute-api endpoint on, no deployments or stages', () => {
    expect(expectRight(decodeGateway({ restApis: [api('a')] })).restApis[0]).toEqual({
      restApi: { id: 'a', name: 'pets', createdDate: '2017-11-20T04:42:19Z', apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] }, disableExecuteApiEndpoint: false },
      deployments: [],
      stages: []
    })
    const given = expectRight(decodeGateway({ restApis: [{ restApi: { ...api('a').restApi, endpointConfiguration: {}, apiKeySource: 'AUTHORIZER', tags: { team: 'x' } } }] })).restApis[0]
    expect(given?.restApi).toMatchObject({ endpointConfiguration: { types: ['EDGE'] }, apiKeySource: 'AUTHORIZER', tags: { team: 'x' } })
  })
})

describe('decodeGateway: the codec\'s rules', () => {
  it('the id must be a non-empty string; issued a count', () => {
    expect(message({ restApis: [{ restApi: { id: '', name: 'p', createdDate: '2017-11-20T04:42:19Z' } }] })).toBe('restApis[0].restApi.id: "" is not a non-empty string')
    expect(message({ restApis: [{ restApi: { id: 5, name: 'p', createdDate: '2017-11-20T04:42:19Z' } }] })).toBe('restApis[0].restApi.id: 5 is not a non-empty string')
    expect(message({ issued: -1 })).toBe('issued: -1 is not a count (a whole number, 0 or more)')
    expect(message({ issued: 1.5 })).toBe('issued: 1.5 is not a count (a whole number, 0 or more)')
    expect(message({ issued: '1' })).toBe('issued: "1" is not a count (a whole number, 0 or more)')
    expect(expectRight(decodeGateway({ issued: 0 })).issued).toBe(0)
    expect(expectRight(decodeGateway({ issued: 7 })).issued).toBe(7)
  })

  it('required fields, enumerations and shapes', () => {
    expect(message({ restApis: [{ restApi: { id: 'a', name: 'p' } }] })).toBe('restApis[0].restApi.createdDate is missing; it is required on a REST API (an object)')
    expect(message({ restApis: [{ deployments: [] }] })).toBe('restApis[0].restApi is missing; it is required on a REST API with its deployments and stages (an object)')
    expect(message({ restApis: [{ restApi: { ...api('a').restApi, apiKeySource: 'QUERY' } }] })).toBe('restApis[0].restApi.apiKeySource: "QUERY" is not one of HEADER, AUTHORIZER')
    expect(message({ restApis: [{ restApi: { ...api('a').restApi, endpointConfiguration: { types: ['EDGE', 'LOCAL'] } } }] })).toBe(
      'restApis[0].restApi.endpointConfiguration.types[1]: "LOCAL" is not one of EDGE, REGIONAL, PRIVATE'
    )
    expect(message({ restApis: [{ restApi: { ...api('a').restApi, endpointConfiguration: 'EDGE' } }] })).toBe('restApis[0].restApi.endpointConfiguration: "EDGE" is not an endpoint configuration (an object)')
    expect(message({ restApis: [{ restApi: { ...api('a').restApi, tags: { a: 1 } } }] })).toBe('restApis[0].restApi.tags.a: 1 is not a string')
    expect(message({ restApis: [{ restApi: { ...api('a').restApi, tags: [] } }] })).toBe('restApis[0].restApi.tags: an array is not a map of tags (an object of string values)')
    expect(message({ restApis: [api('a', { deployments: [{ id: 'd' }] })] })).toBe('restApis[0].deployments[0].createdDate is missing; it is required on a deployment (an object)')
    expect(message('x')).toBe('input: "x" is not a gateway (an object)')
  })
})

describe('the codecs\' guards', () => {
  it('is: a REST API needs a non-empty id; a gateway\'s issued counter is a count', () => {
    const restApi = { id: 'a', name: 'pets', createdDate: '2017-11-20T04:42:19Z' }
    expect(RestApiCodec.is(restApi)).toBe(true)
    for (const id of ['', 5, undefined]) expect(RestApiCodec.is({ ...restApi, id })).toBe(false)
    expect(GatewayCodec.is({ accountId: '1', issued: 0, restApis: [] })).toBe(true)
    expect(GatewayCodec.is({ accountId: '1', issued: 3, restApis: [] })).toBe(true)
    for (const issued of [-1, 1.5, '1']) expect(GatewayCodec.is({ accountId: '1', issued, restApis: [] })).toBe(false)
  })
})

describe('decodeGateway: the invariants', () => {
  it('two REST APIs with one id', () => {
    expect(message({ restApis: [api('a'), api('a')] })).toBe('restApis[1].restApi.id: "a" is the id of another REST API')
  })

  it('two deployments with one id', () => {
    expect(message({ restApis: [api('a', { deployments: [dep('d1'), dep('d2'), dep('d1')] })] })).toBe('restApis[0].deployments[2].id: "d1" is the id of another deployment of this REST API')
    // Deployment ids are per REST API.
    expect(expectRight(decodeGateway({ restApis: [api('a', { deployments: [dep('d1')] }), api('b', { deployments: [dep('d1')] })] })).restApis).toHaveLength(2)
  })

  it('a stage without a name, or with another stage\'s name', () => {
    const deployments = [dep('d1')]
    expect(message({ restApis: [api('a', { deployments, stages: [{ deploymentId: 'd1' }] })] })).toBe('restApis[0].stages[0].stageName is missing: every stage has a name')
    expect(message({ restApis: [api('a', { deployments, stages: [{ stageName: '', deploymentId: 'd1' }] })] })).toBe('restApis[0].stages[0].stageName: "" is missing: every stage has a name')
    expect(message({ restApis: [api('a', { deployments, stages: [{ stageName: 'prod', deploymentId: 'd1' }, { stageName: 'prod', deploymentId: 'd1' }] })] })).toBe(
      'restApis[0].stages[1].stageName: "prod" is the name of another stage of this REST API'
    )
    expect(expectRight(decodeGateway({ restApis: [api('a', { deployments, stages: [{ stageName: 'prod', deploymentId: 'd1' }, { stageName: 'beta', deploymentId: 'd1' }] })] })).restApis[0]?.stages).toHaveLength(2)
  })

  it('a stage or a canary on a deployment that is not there', () => {
    expect(message({ restApis: [api('a', { deployments: [dep('d1')], stages: [{ stageName: 'prod', deploymentId: 'd2' }] })] })).toBe(
      'restApis[0].stages[0].deploymentId: "d2" is not a deployment of this REST API'
    )
    expect(message({ restApis: [api('a', { deployments: [dep('d1')], stages: [{ stageName: 'prod', deploymentId: 'd1', canarySettings: { deploymentId: 'd3', percentTraffic: 5 } }] })] })).toBe(
      'restApis[0].stages[0].canarySettings.deploymentId: "d3" is not a deployment of this REST API'
    )
    expect(expectRight(decodeGateway({ restApis: [api('a', { deployments: [dep('d1')], stages: [{ stageName: 'prod' }] })] })).restApis[0]?.stages[0]?.stageName).toBe('prod')
  })

  it('every broken invariant is reported, in order', () => {
    expect(message({ restApis: [api('a', { deployments: [dep('d1'), dep('d1')], stages: [{ stageName: 'p', deploymentId: 'x' }] }), api('a')] })).toBe(
      'restApis[0].deployments[1].id: "d1" is the id of another deployment of this REST API; restApis[0].stages[0].deploymentId: "x" is not a deployment of this REST API; restApis[1].restApi.id: "a" is the id of another REST API'
    )
  })

  it('input that throws when read is a Left, not a throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom') }, ownKeys: () => { throw new Error('boom') } })
    expect(message(hostile)).toMatch(/^input: .* could not be read: boom$/)
  })
})

describe('the simulator shells\' helpers', () => {
  it('serialiser: each task starts after the one before settled, failures included', async () => {
    const run = serialiser()
    const log: Array<string> = []
    const slow = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) => setTimeout(() => (log.push(name), fail ? reject(new Error(name)) : resolve(name)), ms))
    const results = await Promise.allSettled([run(slow('a', 20)), run(slow('b', 1, true)), run(() => (log.push('c'), 'c'))])
    expect(log).toEqual(['a', 'b', 'c'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })

  it('requestId: UUID-shaped, from the counter', () => {
    expect(requestId(1)).toBe('00000000-0000-4000-8000-000000000001')
    expect(requestId(255)).toBe('00000000-0000-4000-8000-0000000000ff')
    expect(requestId(2 ** 52)).toBe('00000000-0000-4000-8000-' + (2 ** 52).toString(16).padStart(12, '0').slice(-12))
  })

  it('readBody: strings, bytes, buffers and streams of either, as text', async () => {
    expect(await readBody(undefined)).toBeUndefined()
    expect(await readBody(null)).toBeUndefined()
    expect(await readBody('{"a":1}')).toBe('{"a":1}')
    expect(await readBody(new TextEncoder().encode('héllo'))).toBe('héllo')
    expect(await readBody(new TextEncoder().encode('ab').buffer)).toBe('ab')
    async function* chunks() {
      yield 'a'
      yield new TextEncoder().encode('b')
      yield 42
    }
    expect(await readBody(chunks())).toBe('ab')
    expect(await readBody(12)).toBe('12')
  })

  it('copyOf: a deep copy, or the value itself when it cannot be copied', () => {
    const data = { a: [1, { b: 2 }] }
    const copy = copyOf(data)
    expect(copy).toEqual(data)
    expect(copy).not.toBe(data)
    const fn = () => 1
    expect(copyOf(fn)).toBe(fn)
  })
})
