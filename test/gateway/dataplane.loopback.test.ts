/** serve's HTTP integrations reach a real server on 127.0.0.1 when no handler is registered (and never another address). */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { expectRight } from '../helpers.js'

describe('serve: an HTTP_PROXY integration to a loopback server', () => {
  let server: RunningServer
  let backend: Server
  let port = 0
  beforeAll(async () => {
    server = expectRight(await serve({ port: 0 }))
    backend = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        res.writeHead(req.url?.startsWith('/v1/missing') === true ? 404 : 200, { 'content-type': 'text/plain', 'x-backend': 'real' })
        res.end(`${req.method ?? ''} ${req.url ?? ''} ${body}`)
      })
    })
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve))
    port = (backend.address() as AddressInfo).port
  })
  afterAll(async () => {
    await server.close()
    await new Promise((resolve) => backend.close(resolve))
  })

  it('the URI with the stage variable and {proxy}, the verb, query and body passed through; another host refused', async () => {
    const call = async (method: string, path: string, body?: string) => {
      const r = await fetch(`${server.url}${path}`, { method, ...(body === undefined ? {} : { body }) })
      return { status: r.status, text: await r.text(), headers: r.headers }
    }
    const api = JSON.parse((await call('POST', '/restapis', '{"name":"files"}')).text) as { id: string; rootResourceId: string }
    const made = JSON.parse((await call('POST', `/restapis/${api.id}/resources/${api.rootResourceId}`, '{"pathPart":"{proxy+}"}')).text) as { id: string }
    const method = `/restapis/${api.id}/resources/${made.id}/methods/ANY`
    expect((await call('PUT', method, '{"authorizationType":"NONE"}')).status).toBe(201)
    const integration = { type: 'HTTP_PROXY', httpMethod: 'ANY', uri: 'http://${stageVariables.backend}/v1/{proxy}' }
    expect((await call('PUT', `${method}/integration`, JSON.stringify(integration))).status).toBe(201)
    const deploy = await call('POST', `/restapis/${api.id}/deployments`, JSON.stringify({ stageName: 'prod', variables: { backend: `127.0.0.1:${port}` } }))
    expect(deploy.status).toBe(201)
    const posted = await call('POST', `/restapis/${api.id}/prod/_user_request_/a/b?x=1`, 'hello')
    expect([posted.status, posted.text, posted.headers.get('x-backend')]).toEqual([200, 'POST /v1/a/b?x=1 hello', 'real'])
    const missing = await call('GET', `/restapis/${api.id}/prod/_user_request_/missing`)
    expect(missing.status).toBe(404) // the backend's status, passed through
    // a stage that points elsewhere than loopback: refused, nothing sent
    await call('PATCH', `/restapis/${api.id}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/backend', value: 'example.com' }] }))
    const away = await call('GET', `/restapis/${api.id}/prod/_user_request_/a`)
    expect(away.status).toBe(500)
    expect(away.headers.get('x-apigw-canary-reason')).toMatch(/not on 127\.0\.0\.1 or localhost/)
  })
})
