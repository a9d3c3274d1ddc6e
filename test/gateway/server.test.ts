/**
 * The HTTP server: the protocol on loopback, bad input answered in AWS's error shape without
 * crashing or changing the state, and the state file (loaded at start, written before every
 * acknowledgement, refused when it is not a saved gateway).
 */
import * as E from 'fp-ts/Either'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeGateway } from '../../src/gateway/wire/RestApiCodec.js'
import { parseServeArgs, serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { expectLeft, expectRight } from '../helpers.js'
import { call, raw, setupApi } from './server.helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-server-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const start = async (options: Parameters<typeof serve>[0] = {}): Promise<RunningServer> => expectRight(await serve({ port: 0, ...options }))


const awsError = (r: { status: number; headers: Record<string, unknown>; json: unknown }, status: number, type: string): string => {
  expect(r.status).toBe(status)
  expect(r.headers['x-amzn-errortype']).toBe(type)
  expect(r.headers['content-type']).toBe('application/json')
  const message = (r.json as { message?: unknown }).message
  expect(typeof message).toBe('string')
  return message as string
}

describe('bad input: an AWS-shaped error, the state unchanged, the server still up', () => {
  let server: RunningServer
  let restApiId: string
  beforeAll(async () => {
    server = await start({ maxBodyBytes: 64 * 1024 })
    restApiId = await setupApi(server.port)
  })
  afterAll(() => server.close())

  const unchanged = async <A>(f: () => Promise<A>): Promise<A> => {
    const before = server.state
    const a = await f()
    expect(server.state).toBe(before)
    expect((await call(server.port, 'GET', `/restapis/${restApiId}/stages/prod`)).status).toBe(200)
    return a
  }

  it('malformed JSON: 400 BadRequestException', async () => {
    const r = await unchanged(() => call(server.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, '{"patchOperations": ['))
    expect(awsError(r, 400, 'BadRequestException')).toMatch(/^Could not parse request body into json/)
  })

  it('a body of the wrong shape: 400 naming the field', async () => {
    const r = await unchanged(() => call(server.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 42 })))
    expect(awsError(r, 400, 'BadRequestException')).toBe('stageName: 42 is not a string')
    const ops = await unchanged(() => call(server.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'jump', path: '/a' }] })))
    awsError(ops, 400, 'BadRequestException')
  })

  it('unknown routes: 404 UnknownOperationException', async () => {
    for (const path of ['/', '/nowhere', `/restapis/${restApiId}/authorizers`, '/restapis/a/b/c/d/e']) {
      awsError(await unchanged(() => call(server.port, 'GET', path)), 404, 'UnknownOperationException')
    }
  })

  it('wrong methods: 405 MethodNotAllowedException with allow', async () => {
    const r = await unchanged(() => call(server.port, 'PUT', `/restapis/${restApiId}/stages/prod`, '{}'))
    awsError(r, 405, 'MethodNotAllowedException')
    expect(r.headers['allow']).toBe('GET, PATCH, DELETE')
  })

  it('an oversized body: 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ patchOperations: [{ op: 'replace', path: '/description', value: 'x'.repeat(100 * 1024) }] })
    awsError(await unchanged(() => call(server.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, big)), 413, 'PayloadTooLargeException')
    const chunked = await unchanged(() => call(server.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, Buffer.from(big), { headers: { 'transfer-encoding': 'chunked' } }))
    awsError(chunked, 413, 'PayloadTooLargeException')
  })

  it('a body that is not UTF-8, a path that is not percent-encoded properly: 400', async () => {
    awsError(await unchanged(() => call(server.port, 'POST', '/restapis', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))), 400, 'BadRequestException')
    awsError(await unchanged(() => call(server.port, 'GET', `/restapis/${restApiId}/stages/%E0%A4%A`)), 400, 'BadRequestException')
  })

  it('garbage that is not HTTP: a 400 and the connection closed', async () => {
    const out = await unchanged(() => raw(server.port, 'NOT HTTP AT ALL\r\n\r\n'))
    expect(out).toMatch(/^HTTP\/1\.1 400/)
    expect(out).toMatch(/x-amzn-errortype: BadRequestException/)
  })

  it('what the AWS CLI sees: create-stage naming an unknown deployment is a 400, delete-deployment of a canary-only deployment the canary text', async () => {
    const stage = await unchanged(() => call(server.port, 'POST', `/restapis/${restApiId}/stages`, JSON.stringify({ stageName: 'beta', deploymentId: 'nope00' })))
    expect(awsError(stage, 400, 'BadRequestException')).toBe('Deployment id does not exist')
    const canary = await call(server.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod', canarySettings: { percentTraffic: 10 } }))
    const canaryId = (canary.json as { id: string }).id
    const gone = await unchanged(() => call(server.port, 'DELETE', `/restapis/${restApiId}/deployments/${canaryId}`))
    expect(awsError(gone, 400, 'BadRequestException')).toBe('Active stages with canary settings pointing to this deployment must be moved or deleted')
    const off = await call(server.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'remove', path: '/canarySettings' }] }))
    expect(off.status).toBe(200)
  })

  it('the query: limit and position page through get-rest-apis; a bad limit is a 400', async () => {
    const page = await call(server.port, 'GET', '/restapis?limit=1')
    expect(page.json).toMatchObject({ item: [{ id: restApiId }] })
    awsError(await unchanged(() => call(server.port, 'GET', '/restapis?limit=ten')), 400, 'BadRequestException')
  })
})

describe('the state file', () => {
  it('is written atomically before each acknowledgement, and read back at start', async () => {
    const file = join(dir, 'gateway.json')
    const a = await start({ stateFile: file })
    expect(existsSync(file)).toBe(false) // nothing changed yet
    const restApiId = await setupApi(a.port)
    const r = await call(a.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/v', value: '1' }] }))
    expect(r.status).toBe(200)
    // Acknowledged, so already on disk: no need to close first.
    const { format, version, ...saved } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    expect([format, version]).toEqual(['apigw-canary/gateway-state', 1])
    expect(expectRight(decodeGateway(saved))).toEqual(a.state)
    await a.close()
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])

    const b = await start({ stateFile: file })
    const stage = await call(b.port, 'GET', `/restapis/${restApiId}/stages/prod`)
    expect((stage.json as { variables: unknown }).variables).toEqual({ v: '1' })
    // The id counter carries on: no id is issued twice.
    const next = await call(b.port, 'POST', `/restapis/${restApiId}/deployments`, '{}')
    const ids = b.state.restApis[0]?.deployments.map((d) => d.id) ?? []
    expect(new Set(ids).size).toBe(ids.length)
    expect(next.status).toBe(201)
    await b.close()
  })

  it('a state file that is not a saved gateway: the server does not start, and the file is left alone', async () => {
    const file = join(dir, 'broken.json')
    const text = '{"format": "apigw-canary/gateway-state", "version": 1, "restApis": 7}'
    writeFileSync(file, text)
    const e = expectLeft(await serve({ port: 0, stateFile: file }))
    expect(e._tag).toBe('StateFileUnreadable')
    expect(e.message).toMatch(/restApis: 7/)
    expect(readFileSync(file, 'utf8')).toBe(text)
    writeFileSync(file, 'not json')
    expect(expectLeft(await serve({ port: 0, stateFile: file }))._tag).toBe('StateFileUnreadable')
  })

  it('a write that fails: 503 ServiceUnavailableException, the request not applied', async () => {
    const sub = mkdtempSync(join(dir, 'gone-'))
    const s = await start({ stateFile: join(sub, 'state.json') })
    const restApiId = await setupApi(s.port)
    const before = s.state
    rmSync(sub, { recursive: true, force: true })
    const r = await call(s.port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: '/variables/v', value: '1' }] }))
    awsError(r, 503, 'ServiceUnavailableException')
    expect(s.state).toBe(before)
    await s.close()
  })
})

describe('serving', () => {
  it('listens on 127.0.0.1 only', async () => {
    const s = await start()
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`)
    await s.close()
  })

  it('a port in use, or a bad option: a Left, not a throw', async () => {
    const a = await start()
    expect(expectLeft(await serve({ port: a.port }))._tag).toBe('ListenFailed')
    expect(expectLeft(await serve({ port: 70000 }))._tag).toBe('InvalidOption')
    await a.close()
  })

  it('the command line', () => {
    expect(parseServeArgs(['serve', '--port', '0', '--state', 'f.json', '--seed', '7'])).toEqual(E.right({ port: 0, stateFile: 'f.json', seed: 7 }))
    expect(E.isLeft(parseServeArgs(['--port']))).toBe(true)
    expect(E.isLeft(parseServeArgs(['--port', '1', '--verbose']))).toBe(true)
    expect(E.isLeft(parseServeArgs(['--port', '65536']))).toBe(true)
  })
})
