/**
 * `serve` under hostile traffic: slow clients are dropped by the header timeout (small here,
 * through the `limits` option, so the test stays fast), connections past the cap get a 503 at
 * once, and a deeply nested body is refused before it is parsed, without stalling the others.
 */
import { connect, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { expectLeft, expectRight } from '../helpers.js'
import { call, raw } from './server.helpers.js'

const opened: Array<Socket> = []
afterAll(() => opened.forEach((s) => s.destroy()))

/** `n` connections that send the start of a request's headers and then nothing. */
const slowClients = async (port: number, n: number): Promise<{ readonly closed: () => number; readonly said: () => ReadonlyArray<string> }> => {
  let closed = 0
  const said: Array<string> = []
  await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write('POST /restapis HTTP/1.1\r\nHost: 127.0.0.1\r\n')
            resolve()
          })
          let out = ''
          socket.on('data', (c: Buffer) => (out += c.toString()))
          socket.on('error', () => resolve())
          socket.on('close', () => {
            closed++
            said.push(out)
            resolve()
          })
          opened.push(socket)
        })
    )
  )
  return { closed: () => closed, said: () => said }
}

const until = async (check: () => boolean, ms: number): Promise<boolean> => {
  const end = performance.now() + ms
  while (performance.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return check()
}

const timed = async <A>(f: () => Promise<A>): Promise<readonly [A, number]> => {
  const t = performance.now()
  const a = await f()
  return [a, performance.now() - t]
}

describe('slow clients', () => {
  let server: RunningServer
  afterAll(async () => server?.close())

  it('1,000 slow sockets: a new client is answered at once, and the slow ones are dropped by the header timeout', async () => {
    server = expectRight(await serve({ port: 0, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 2000 } }))
    const slow = await slowClients(server.port, 1000)
    const [created, ms] = await timed(() => call(server.port, 'POST', '/restapis', JSON.stringify({ name: 'pets' })))
    expect(created.status).toBe(201)
    expect(ms).toBeLessThan(5000) // generous for a busy machine: the failure it guards against lasts a minute
    // Node's default is 60 s; here the limit is 300 ms, checked every 300 ms.
    expect(await until(() => slow.closed() === 1000, 10_000)).toBe(true)
    expect(slow.said().filter((s) => !(s === '' || s.startsWith('HTTP/1.1 408 Request Timeout'))).slice(0, 2)).toEqual([])
  })
})

describe('the connection cap', () => {
  it('past the cap a connection gets a 503 at once and its request is not applied; once slow clients are dropped, new ones are served', async () => {
    const s = expectRight(await serve({ port: 0, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, maxConnections: 50 } }))
    const slow = await slowClients(s.port, 50)
    const [busy, ms] = await timed(() => call(s.port, 'POST', '/restapis', JSON.stringify({ name: 'refused' })))
    expect(busy.status).toBe(503)
    expect(busy.headers['x-amzn-errortype']).toBe('ServiceUnavailableException')
    expect(ms).toBeLessThan(5000) // generous for a busy machine: the failure it guards against lasts a minute
    expect(s.state.restApis).toEqual([])
    expect(await until(() => slow.closed() === 50, 10_000)).toBe(true)
    expect((await call(s.port, 'POST', '/restapis', JSON.stringify({ name: 'served' }))).status).toBe(201)
    await s.close()
  })

  it('limits that are not whole numbers of at least 1 are refused before listening', async () => {
    expect(expectLeft(await serve({ port: 0, limits: { maxConnections: 0 } }))).toEqual({
      _tag: 'InvalidOption',
      message: 'limits.maxConnections: 0 is not a whole number of at least 1'
    })
  })
})

describe('deeply nested bodies', () => {
  it('a body nested deeper than the bound: 400 before any parse, and a request beside it is not stalled', async () => {
    const s = expectRight(await serve({ port: 0 }))
    const deep = '['.repeat(1_000_000)
    const [[refused, ok], ms] = await timed(() =>
      Promise.all([
        call(s.port, 'POST', '/restapis', deep),
        (async () => {
          await new Promise((r) => setTimeout(r, 5))
          return call(s.port, 'POST', '/restapis', JSON.stringify({ name: 'beside' }))
        })()
      ])
    )
    expect(refused.status).toBe(400)
    expect((refused.json as { message: string }).message).toBe('The request body nests deeper than 64 levels.')
    expect(ok.status).toBe(201)
    expect(ms).toBeLessThan(5000) // generous for a busy machine: the failure it guards against lasts a minute
    // Brackets inside strings do not count; 64 levels are fine.
    const name = '['.repeat(100)
    expect((await call(s.port, 'POST', '/restapis', JSON.stringify({ name }))).status).toBe(201)
    const at64 = `${'['.repeat(63)}{"name":"x"}${']'.repeat(63)}`
    expect((await raw(s.port, `POST /restapis HTTP/1.1\r\nHost: x\r\nContent-Length: ${at64.length}\r\nConnection: close\r\n\r\n${at64}`)).startsWith('HTTP/1.1 400')).toBe(true)
    expect(s.state.restApis.map((a) => a.restApi.name)).toEqual(['beside', name])
    // A request to a stage is passed on as text, not parsed: the bound is not its answer (here
    // the data plane's own 404 for a REST API that does not exist).
    const deepText = '['.repeat(1000)
    const toStage = await call(s.port, 'POST', '/restapis/a1b2c3d4e5/prod/_user_request_/orders', deepText)
    expect(toStage.status).toBe(404)
    expect(JSON.stringify(toStage.json)).not.toContain('nests deeper')
    await s.close()
  })
})
