/**
 * `apigw-canary serve` in process: its command line (every mistake named), the usage text, the
 * exit codes of `runServe`, and the options `serve` refuses before it listens.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { runServe } from '../../src/gateway/server/run.js'
import { parseServeArgs, serve } from '../../src/gateway/server/serve.js'
import { loadState } from '../../src/gateway/server/stateFile.js'
import { serveUsage } from '../../src/gateway/server/usage.js'
import { defaultLimits } from '../../src/gateway/server/limits.js'
import { expectLeft, expectRight } from '../helpers.js'
import { raw } from './server.helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-mutation-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `runServe`, capturing what it writes; `during` runs once it printed its URL. */
const captured = async (argv: ReadonlyArray<string>, during?: (stdout: string) => void) => {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk)
    if (during !== undefined && stdout.includes('serving')) setImmediate(() => during(stdout))
    return true
  })
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk)
    return true
  })
  try {
    const code = await runServe(argv)
    return { code, stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

afterEach(() => vi.restoreAllMocks())

describe('the usage text', () => {
  it('names the command, each option and what it does', () => {
    const lines = serveUsage.split('\n')
    expect(lines[0]).toBe('usage: apigw-canary serve --port N [--state FILE] [--seed N] [--clock real|fixed:DATE]')
    expect(lines[1]).toBe('')
    expect(serveUsage).toContain('aws --endpoint-url http://127.0.0.1:N apigateway')
    for (const option of ['--port N', '--state FILE', '--seed N', '--clock C']) expect(lines.some((l) => l.startsWith(`  ${option}`))).toBe(true)
    expect(lines).toHaveLength(22)
  })

  it('states the limits serve holds traffic to, as defaultLimits sets them', () => {
    const text = serveUsage.replace(/\s+/g, ' ')
    expect(defaultLimits).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 512, maxJsonDepth: 64 })
    for (const phrase of ['headers within 10 s', 'whole request within 30 s', 'after 5 s', 'at most 512 connections', 'up to 1 MiB', 'at most 64 levels deep', 'FILE.lock']) {
      expect(text).toContain(phrase)
    }
  })
})

describe('parseServeArgs', () => {
  it('the word serve first is optional; --name value and --name=value', () => {
    expect(expectRight(parseServeArgs(['serve', '--port', '4566', '--state', 'gw.json']))).toEqual({ port: 4566, stateFile: 'gw.json' })
    expect(expectRight(parseServeArgs(['--port=0', '--seed=-12']))).toEqual({ port: 0, seed: -12 })
    expect(expectRight(parseServeArgs(['--port', '65535']))).toEqual({ port: 65535 })
    expect(expectRight(parseServeArgs(['--seed', '1', '--port', '1']))).toEqual({ port: 1, seed: 1 })
  })

  it('each mistake, named', () => {
    expect(expectLeft(parseServeArgs(['--port', '1', '--verbose']))).toBe('unknown option "--verbose"')
    expect(expectLeft(parseServeArgs(['--colour=red']))).toBe('unknown option "--colour=red"')
    expect(expectLeft(parseServeArgs(['--port']))).toBe('--port needs a value')
    expect(expectLeft(parseServeArgs(['--port=']))).toBe('--port needs a value')
    expect(expectLeft(parseServeArgs(['--state', '--port', '1']))).toBe('unknown option "1"')
    expect(expectLeft(parseServeArgs([]))).toBe('--port N is required (0 picks a free port)')
    expect(expectLeft(parseServeArgs(['serve']))).toBe('--port N is required (0 picks a free port)')
    expect(expectLeft(parseServeArgs(['--port', 'http']))).toBe('--port: "http" is not a port (0 to 65535)')
    expect(expectLeft(parseServeArgs(['--port', '65536']))).toBe('--port: "65536" is not a port (0 to 65535)')
    expect(expectLeft(parseServeArgs(['--port', '123456']))).toBe('--port: "123456" is not a port (0 to 65535)')
    expect(expectLeft(parseServeArgs(['--port', '-1']))).toBe('--port: "-1" is not a port (0 to 65535)')
    expect(expectLeft(parseServeArgs(['--port', '1', '--seed', 'x']))).toBe('--seed: "x" is not a whole number')
    expect(expectLeft(parseServeArgs(['--port', '1', '--seed', '12345678901']))).toBe('--seed: "12345678901" is not a whole number')
    expect(expectLeft(parseServeArgs(['--port', '1', '--seed', '1.5']))).toBe('--seed: "1.5" is not a whole number')
  })

  it('a seed beyond 32 bits wraps as a 32-bit integer', () => {
    expect(expectRight(parseServeArgs(['--port', '1', '--seed', '4294967297']))).toEqual({ port: 1, seed: 1 })
  })
})

describe('serve: options refused before listening', () => {
  it('a port out of range, a body limit that is not a size', async () => {
    expect(expectLeft(await serve({ port: -1 }))).toEqual({ _tag: 'InvalidOption', message: 'port: -1 is not a port (0 to 65535)' })
    expect(expectLeft(await serve({ port: 1.5 }))._tag).toBe('InvalidOption')
    expect(expectLeft(await serve({ port: 65536 }))._tag).toBe('InvalidOption')
    expect(expectLeft(await serve({ port: 0, maxBodyBytes: -1 }))).toEqual({ _tag: 'InvalidOption', message: 'maxBodyBytes: -1 is not a size in bytes' })
    expect(expectLeft(await serve({ port: 0, maxBodyBytes: 0.5 }))._tag).toBe('InvalidOption')
  })

  it('a state file that is not JSON, or not a saved gateway', async () => {
    const notJson = join(dir, 'not.json')
    writeFileSync(notJson, '{')
    expect(expectLeft(await loadState(notJson))).toMatch(new RegExp(`^${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not JSON: `))
    const notGateway = join(dir, 'gw.json')
    writeFileSync(notGateway, '{"format": "apigw-canary/gateway-state", "version": 1, "restApis": 5}')
    expect(expectLeft(await loadState(notGateway))).toMatch(/ is not a saved gateway: restApis: 5 /)
    writeFileSync(notGateway, '{"restApis": []}')
    expect(expectLeft(await loadState(notGateway))).toMatch(/ is not an apigw-canary state file \(it has no "format": "apigw-canary\/gateway-state"\), so it was left untouched/)
    writeFileSync(notGateway, '{"format": "apigw-canary/gateway-state", "version": 2}')
    expect(expectLeft(await loadState(notGateway))).toMatch(/ of version 2; this server reads version 1/)
    writeFileSync(notGateway, ' \n')
    expect(expectRight(await loadState(notGateway))).toBeUndefined()
    expect(expectRight(await loadState(join(dir, 'missing.json')))).toBeUndefined()
    expect(expectLeft(await loadState(dir))).toMatch(/^cannot read /)
    expect(expectLeft(await serve({ port: 0, stateFile: notJson }))).toMatchObject({ _tag: 'StateFileUnreadable', path: notJson })
  })
})

describe('runServe: exit codes', () => {
  it('--help or -h: the usage on standard output, 0', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await captured(['serve', '--port', '1', flag])
      expect(r).toEqual({ code: 0, stdout: `${serveUsage}\n`, stderr: '' })
    }
  })

  it('a bad command line: the mistake and the usage line on standard error, 2', async () => {
    const r = await captured(['serve', '--port', 'x'])
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'apigw-canary serve: --port: "x" is not a port (0 to 65535)\nusage: apigw-canary serve --port N [--state FILE] [--seed N] [--clock real|fixed:DATE]\n' })
  })

  it('cannot start (a state file that cannot be read): the reason on standard error, 1', async () => {
    const bad = join(dir, 'bad-state.json')
    writeFileSync(bad, 'nope')
    const r = await captured(['--port', '0', '--state', bad])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^apigw-canary serve: .* is not JSON: /)
  })

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`serving: prints the URL, and a ${signal} stops it with 0`, async () => {
      const r = await captured(['--port', '0', '--seed', '3'], () => process.emit(signal))
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^apigw-canary: serving http:\/\/127\.0\.0\.1:\d+\n$/)
      expect(r.stderr).toBe('')
    })
  }
})



describe('serve: requests refused before routing', () => {
  it('a declared body larger than the limit: 413 at once; a request target that is not a path: 400', async () => {
    const server = expectRight(await serve({ port: 0, maxBodyBytes: 10 }))
    try {
      const tooLarge = await raw(server.port, 'POST /restapis HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{"name":"a"}')
      expect(tooLarge).toMatch(/^HTTP\/1\.1 413 /)
      expect(tooLarge).toContain('x-amzn-errortype: PayloadTooLargeException')
      expect(tooLarge).toContain('The request body is larger than 10 bytes.')
      const notPath = await raw(server.port, 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
      expect(notPath).toMatch(/^HTTP\/1\.1 400 /)
      expect(notPath).toContain('The request target is not a path.')
      expect(server.state.restApis).toEqual([])
    } finally {
      await server.close()
    }
  })
})
