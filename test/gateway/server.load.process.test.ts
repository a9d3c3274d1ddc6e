/**
 * Load and crash tests of the HTTP server, on loopback only (127.0.0.1), bounded in count and time.
 *
 * - Load: 8 concurrent clients, 10,000 updates in all (`APIGW_LOAD_UPDATES` to change), each
 *   client owning one stage variable that it sets to 1, 2, 3, ...: every acknowledged update is
 *   in the final state.
 * - Kill: the server as a child process with `--state`, killed with SIGKILL during that load
 *   (once `APIGW_KILL_AFTER` updates, 1,500 by default, are acknowledged), then restarted on the
 *   same file: every acknowledged change is there, and nothing that was never sent.
 *
 * `bench/server-load.mjs` runs the same against the built server with the state file and the
 * full 10,000 updates, and reports the rates.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serve } from '../../src/gateway/server/serve.js'
import { expectRight } from '../helpers.js'
import { bundledServer, exited, runLoad, setupApi, spawnServer, variablesOf } from './server.helpers.js'

const CLIENTS = 8
const UPDATES = Number(process.env['APIGW_LOAD_UPDATES'] ?? 10_000)
const KILL_AFTER = Number(process.env['APIGW_KILL_AFTER'] ?? 1_500)
const PER_CLIENT = Math.ceil(UPDATES / CLIENTS)

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-load-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('load and crash (loopback only)', () => {
  it(`load: ${CLIENTS} concurrent clients, ${PER_CLIENT * CLIENTS} updates in all; every acknowledged update is in the final state`, async () => {
    const server = expectRight(await serve({ port: 0 }))
    try {
      const restApiId = await setupApi(server.port)
      const result = await runLoad(server.port, restApiId, CLIENTS, PER_CLIENT)
      expect(result.failures).toBe(0)
      expect(result.acked).toEqual(new Array(CLIENTS).fill(PER_CLIENT))
      const expected = Object.fromEntries(result.acked.map((n, k) => [`c${k}`, String(n)]))
      expect(await variablesOf(server.port, restApiId)).toEqual(expected)
      expect(server.state.restApis[0]?.stages[0]?.variables).toEqual(expected)
      // Figures belong in bench/ (npm run bench:load); REPORT_LOAD=1 prints this run's.
      if (process.env['REPORT_LOAD'] !== undefined) console.info(`load: ${PER_CLIENT * CLIENTS} updates in ${result.ms.toFixed(0)} ms (${((PER_CLIENT * CLIENTS * 1000) / result.ms).toFixed(0)}/s)`)
    } finally {
      await server.close()
    }
  }, 60_000)

  it('kill -9 during the load, restart on the same state file: every acknowledged change is there', async () => {
    await bundledServer()
    const file = join(dir, 'state.json')
    const first = await spawnServer(['--port', '0', '--state', file])
    const restApiId = await setupApi(first.port)
    let acks = 0
    let killed = false
    const result = await runLoad(
      first.port,
      restApiId,
      CLIENTS,
      PER_CLIENT,
      () => killed,
      () => {
        if (++acks >= KILL_AFTER && !killed) {
          killed = true
          first.process.kill('SIGKILL')
        }
      }
    )
    await exited(first.process)
    expect(first.process.signalCode).toBe('SIGKILL')
    const total = result.acked.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThanOrEqual(KILL_AFTER)

    const second = await spawnServer(['--port', '0', '--state', file])
    try {
      const variables = await variablesOf(second.port, restApiId)
      result.acked.forEach((acked, k) => {
        const saved = Number(variables[`c${k}`] ?? '0')
        // Every acknowledged update is there; at most the one in flight at the kill is too.
        expect(saved, `client ${k}`).toBeGreaterThanOrEqual(acked)
        expect(saved, `client ${k}`).toBeLessThanOrEqual(result.sent[k] ?? 0)
      })
      if (process.env['REPORT_LOAD'] !== undefined) console.info(`kill: ${total} updates acknowledged before SIGKILL (${result.failures} in flight lost their answer); all found after restart`)
    } finally {
      second.process.kill('SIGTERM')
      await exited(second.process)
    }
    expect(second.process.exitCode).toBe(0)
  }, 60_000)
})
