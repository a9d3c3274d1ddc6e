/** Doubles on the wire as AWS writes them: `50.0`, `10000.0`, in the JSON text of every answer. */
import { describe, expect, it } from 'vitest'
import { emptyGateway, type Gateway } from '../../src/gateway/control/RestApi.js'
import { route, type HttpRequest } from '../../src/gateway/wire/RestApiHttp.js'
import { stringifyWire } from '../../src/gateway/wire/doubles.js'
import { mockMethodRequests } from '../helpers.js'

describe('Double fields', () => {
  it('percentTraffic and throttlingRateLimit carry a decimal point in get-stage, update-stage and get-stages', () => {
    const call = (g: Gateway, r: HttpRequest) => route(g, r)
    const created = call(emptyGateway(), { method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
    const { id, rootResourceId } = JSON.parse(created.response.body) as { id: string; rootResourceId: string }
    const defined = mockMethodRequests(id, rootResourceId).reduce((g, r) => call(g, r).gateway, created.gateway)
    const prod = call(defined, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod"}' })
    const canary = call(prod.gateway, { method: 'POST', path: `/restapis/${id}/deployments`, body: '{"stageName":"prod","canarySettings":{"percentTraffic":50}}' })
    const ops = [
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '10000' },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }
    ]
    const updated = call(canary.gateway, { method: 'PATCH', path: `/restapis/${id}/stages/prod`, body: JSON.stringify({ patchOperations: ops }) })
    expect(updated.response.status).toBe(200)
    for (const body of [updated.response.body, call(updated.gateway, { method: 'GET', path: `/restapis/${id}/stages/prod` }).response.body, call(updated.gateway, { method: 'GET', path: `/restapis/${id}/stages` }).response.body]) {
      expect(body).toContain('"percentTraffic":50.0')
      expect(body).toContain('"throttlingRateLimit":10000.0')
    }
  })

  it('a fraction stays as it is; other numbers and strings are untouched', () => {
    expect(stringifyWire({ percentTraffic: 10.5, timeoutInMillis: 29000, burst: 5, name: 'percentTraffic' })).toBe('{"percentTraffic":10.5,"timeoutInMillis":29000,"burst":5,"name":"percentTraffic"}')
    expect(stringifyWire({ a: [{ throttlingRateLimit: -3 }], percentTraffic: 0 })).toBe('{"a":[{"throttlingRateLimit":-3.0}],"percentTraffic":0.0}')
    expect(JSON.parse(stringifyWire({ percentTraffic: 1e21 }))).toEqual({ percentTraffic: 1e21 })
  })
})
