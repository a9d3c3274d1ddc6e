/**
 * The data plane's fast paths against the slower computations they replace: the request
 * template chosen by content type (an absent or exact `application/json` read without
 * splitting), the invoke request's checks (same order, same messages), and the records kept in
 * fixed-size chunks (read across a chunk boundary).
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDeployment, createRestApi, emptyGateway, putIntegration, putIntegrationResponse, putMockMethod } from '../../src/index.js'
import { createSimulator } from '../../src/gateway/simulator/index.js'

const setup = () => {
  const api = createRestApi(emptyGateway(), { name: 'fast' })
  if (api._tag === 'Left') throw new Error(api.left.message)
  const restApiId = api.right.response.id
  const key = { restApiId, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
  const ready = putMockMethod(api.right.gateway, restApiId)
  if (ready._tag === 'Left') throw new Error(ready.left.message)
  const integrated = putIntegration(ready.right, { ...key, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}', 'text/plain': '{"statusCode": 404}' } })
  if (integrated._tag === 'Left') throw new Error(integrated.left.message)
  const ok = putIntegrationResponse(integrated.right.gateway, { ...key, statusCode: '200', selectionPattern: '', responseTemplates: { 'application/json': '{"ok":"$context.stage"}' } })
  if (ok._tag === 'Left') throw new Error(ok.left.message)
  const missing = putIntegrationResponse(ok.right.gateway, { ...key, statusCode: '404', selectionPattern: '404', responseTemplates: { 'application/json': '{"missing":true}' } })
  if (missing._tag === 'Left') throw new Error(missing.left.message)
  const deployed = createDeployment(missing.right.gateway, { restApiId, stageName: 'prod' })
  if (deployed._tag === 'Left') throw new Error(deployed.left.message)
  return { restApiId, gateway: deployed.right.gateway }
}

/** The request template's content type as the data plane read it before its fast path. */
const typeBefore = (contentType: string | undefined): string => (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json'

/** The invoke request's checks as they were written before (a list of the three names). */
const checkBefore = (r: { readonly [k: string]: unknown }): string | undefined => {
  for (const [name, value] of [['restApiId', r['restApiId']], ['stageName', r['stageName']], ['method', r['method']]] as const) {
    if (typeof value !== 'string' || value === '') return `${name} is not a non-empty string.`
  }
  if (typeof r['path'] !== 'string' || !r['path'].startsWith('/')) return 'path is not a path (a string starting with /, such as /orders/7).'
  return undefined
}

describe('data plane fast paths', () => {
  it('chooses the request template by content type as the general reading does', async () => {
    const { restApiId, gateway } = setup()
    const sim = createSimulator({ gateway })
    const contentType = fc.option(
      fc.oneof(
        fc.constantFrom('application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', ' text/plain ', 'text/plain;x=1', 'text/html', 'Text/Plain'),
        fc.string({ maxLength: 20 })
      ),
      { nil: undefined }
    )
    await fc.assert(
      fc.asyncProperty(contentType, async (type) => {
        const answer = await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: '/', ...(type === undefined ? {} : { headers: { 'Content-Type': type } }) })
        const expected = typeBefore(type) === 'text/plain' ? [404, '{"missing":true}'] : [200, '{"ok":"prod"}']
        expect([answer.status, answer.body]).toEqual(expected)
      }),
      { numRuns: 200 }
    )
  })

  it('refuses a malformed request with the message the list of checks gave', async () => {
    const { restApiId, gateway } = setup()
    const sim = createSimulator({ gateway })
    const field = fc.oneof(fc.constant(undefined), fc.constant(''), fc.constant(7), fc.constant(null), fc.constantFrom(restApiId, 'prod', 'GET', '/', 'x'))
    await fc.assert(
      fc.asyncProperty(fc.record({ restApiId: field, stageName: field, method: field, path: field }), async (r) => {
        const answer = await sim.invoke(r as never)
        const expected = checkBefore(r)
        if (expected === undefined) expect(answer.status).not.toBe(400)
        else expect([answer.status, JSON.parse(answer.body)]).toEqual([400, { message: expected }])
      }),
      { numRuns: 300 }
    )
  })

  it('keeps records across the boundary of a chunk', async () => {
    const { restApiId, gateway } = setup()
    const sim = createSimulator({ gateway })
    const n = 65_540
    for (let i = 0; i < n; i++) await sim.invoke({ restApiId, stageName: 'prod', method: 'GET', path: i % 2 === 0 ? '/' : `/p${i}` })
    const records = sim.records()
    expect(records.length).toBe(n)
    for (const i of [0, 1, 65_534, 65_535, 65_536, 65_537, n - 1]) {
      expect([records[i]?.path, records[i]?.status, records[i]?.method]).toEqual([i % 2 === 0 ? '/' : `/p${i}`, i % 2 === 0 ? 200 : 403, 'GET'])
    }
  })
})
