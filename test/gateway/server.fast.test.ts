/**
 * `serve` answers a request at once when nothing is queued before it (issue 16): without a state
 * file every request, with one a read that changes nothing. The same requests must get the same
 * answers and journal from a server with a state file (group commit, reads at once) as from one
 * without (everything at once); and a read sent behind a write on the same connection, while
 * the write waits for its batch, must see the write.
 */
import * as fc from 'fast-check'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { JOURNAL_PATH } from '../../src/gateway/wire/Journal.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import { expectRight } from '../helpers.js'
import { call, setupApi } from './server.helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-fast-'))
const servers: Array<RunningServer> = []
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  rmSync(dir, { recursive: true, force: true })
})

const env = { now: () => Timestamp.unsafeFromString('2017-11-20T04:42:19Z') }
const start = async (stateFile?: string): Promise<RunningServer> => {
  const server = expectRight(await serve({ port: 0, env, ...(stateFile === undefined ? {} : { stateFile }) }))
  servers.push(server)
  return server
}

/** What a client sees of an answer, less the date node:http adds. */
const seen = (r: { status: number; headers: Record<string, unknown>; body: string }) => {
  const { date: _, ...headers } = r.headers
  return { status: r.status, headers, body: r.body }
}

describe('serve answers at once when nothing waits', () => {
  it('a server with a state file and one without give the same answers and journal', async () => {
    const plain = await start()
    const saved = await start(join(dir, 'state.json'))
    const restApiId = await setupApi(plain.port)
    expect(await setupApi(saved.port)).toBe(restApiId)
    await call(plain.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod', canarySettings: { percentTraffic: 0 } }))
    await call(saved.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod', canarySettings: { percentTraffic: 0 } }))
    const stage = `/restapis/${restApiId}/stages`
    const request = fc.record({
      method: fc.constantFrom('GET', 'GET', 'PATCH', 'PATCH', 'DELETE', 'POST'),
      path: fc.constantFrom(`${stage}/prod`, `${stage}/beta`, stage, `/restapis/${restApiId}`, '/nowhere'),
      body: fc.oneof(
        fc.constant(undefined),
        fc
          .record({ op: fc.constantFrom('replace', 'remove'), path: fc.constantFrom('/canarySettings/percentTraffic', '/variables/a', '/description'), value: fc.constantFrom('10', '50', 'x') })
          .map((op) => JSON.stringify({ patchOperations: [op] })),
        fc.constant('{')
      )
    })
    const requests = fc.sample(request, { numRuns: 60, seed: 16 })
    for (const r of requests) {
      const a = await call(plain.port, r.method, r.path, r.body)
      const b = await call(saved.port, r.method, r.path, r.body)
      expect(seen(b)).toStrictEqual(seen(a))
    }
    const journals = await Promise.all([plain, saved].map(async (s) => (await call(s.port, 'GET', JOURNAL_PATH)).body))
    expect(journals[1]).toBe(journals[0])
  })

  it('a read behind a write on one connection sees the write (it waits for the write batch)', async () => {
    const saved = await start(join(dir, 'pipelined.json'))
    const restApiId = await setupApi(saved.port)
    await call(saved.port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod', canarySettings: { percentTraffic: 0 } }))
    const path = `/restapis/${restApiId}/stages/prod`
    const patch = JSON.stringify({ patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '30' }] })
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: saved.port })
      let got = ''
      socket.on('data', (c: Buffer) => {
        got += c.toString('utf8')
        if ((got.match(/HTTP\/1\.1 /g) ?? []).length === 2 && /"percentTraffic":[\d.]+[^]*"percentTraffic":[\d.]+/.test(got)) {
          socket.end()
          resolve(got)
        }
      })
      socket.on('error', reject)
      // both requests in one write: the read is parsed while the write waits for its batch
      socket.write(
        `PATCH ${path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(patch)}\r\n\r\n${patch}` +
          `GET ${path} HTTP/1.1\r\nhost: x\r\n\r\n`
      )
    })
    const values = [...text.matchAll(/"percentTraffic":([\d.]+)/g)].map((m) => m[1])
    expect(values).toStrictEqual(['30.0', '30.0'])
  })
})
