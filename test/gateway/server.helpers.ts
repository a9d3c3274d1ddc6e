/**
 * Helpers for the server tests: a small HTTP client on loopback, the load generator (N clients,
 * each owning one stage variable that it increments), and a bundled copy of the server entry to
 * run as a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { Agent, request as httpRequest } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mockMethodRequests } from '../helpers.js'

export interface Reply {
  readonly status: number
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly body: string
  readonly json: unknown
}

/** One request to 127.0.0.1:port; rejects on a connection error. */
export const call = (
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  options: { readonly agent?: Agent; readonly headers?: Record<string, string> } = {}
): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent: options.agent ?? false, headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = text === '' ? undefined : JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json })
        })
      }
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })

/** Creates a REST API and a `prod` stage; gives the REST API id. */
export const setupApi = async (port: number): Promise<string> => {
  const api = await call(port, 'POST', '/restapis', JSON.stringify({ name: 'load' }))
  const { id: restApiId, rootResourceId } = api.json as { id: string; rootResourceId: string }
  for (const r of mockMethodRequests(restApiId, rootResourceId)) await call(port, r.method, r.path, r.body)
  const dep = await call(port, 'POST', `/restapis/${restApiId}/deployments`, JSON.stringify({ stageName: 'prod' }))
  if (dep.status !== 201) throw new Error(`setup failed: ${dep.body}`)
  return restApiId
}

export interface LoadResult {
  /** The last value each client saw acknowledged (0 when none was). */
  readonly acked: ReadonlyArray<number>
  /** The last value each client sent. */
  readonly sent: ReadonlyArray<number>
  /** Requests that failed at the connection (after a kill). */
  readonly failures: number
  readonly ms: number
}

/**
 * `clients` clients, each sending `perClient` updates in sequence on its own keep-alive
 * connection: `replace /variables/c{k}` with 1, 2, 3, ... A client stops at its first
 * connection error or non-200 answer, or when `stop()` says so.
 */
export const runLoad = async (
  port: number,
  restApiId: string,
  clients: number,
  perClient: number,
  stop: () => boolean = () => false,
  onAck: () => void = () => undefined
): Promise<LoadResult> => {
  const acked = new Array<number>(clients).fill(0)
  const sent = new Array<number>(clients).fill(0)
  let failures = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: clients }, async (_, k) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 })
      try {
        for (let n = 1; n <= perClient && !stop(); n++) {
          sent[k] = n
          const body = JSON.stringify({ patchOperations: [{ op: 'replace', path: `/variables/c${k}`, value: String(n) }] })
          let reply: Reply
          try {
            reply = await call(port, 'PATCH', `/restapis/${restApiId}/stages/prod`, body, { agent })
          } catch {
            failures++
            return
          }
          if (reply.status !== 200) throw new Error(`update ${n} of client ${k}: ${reply.status} ${reply.body}`)
          acked[k] = n
          onAck()
        }
      } finally {
        agent.destroy()
      }
    })
  )
  return { acked, sent, failures, ms: performance.now() - started }
}

/** The stage's variables, by GET. */
export const variablesOf = async (port: number, restApiId: string): Promise<Record<string, string>> => {
  const r = await call(port, 'GET', `/restapis/${restApiId}/stages/prod`)
  return ((r.json as { variables?: Record<string, string> }).variables ?? {})
}

let bundled: Promise<string> | undefined

/** The `apigw-canary` executable (`src/cli/main.ts`, which runs `serve`) bundled into one CommonJS file (with esbuild), to run with plain node. */
export const bundledServer = (): Promise<string> =>
  (bundled ??= (async () => {
    const { build } = await import('esbuild')
    const out = join(mkdtempSync(join(tmpdir(), 'apigw-canary-bundle-')), 'server.cjs')
    await build({
      entryPoints: [fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      outfile: out,
      logLevel: 'silent'
    })
    return out
  })())

export interface Child {
  readonly process: ChildProcess
  readonly port: number
}

/** Spawns the bundled server; resolves with its port once it prints that it serves. */
export const spawnServer = async (args: ReadonlyArray<string>): Promise<Child> => {
  const script = await bundledServer()
  const child = spawn(process.execPath, [script, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 10_000)
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()))
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /serving http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      if (m !== null) {
        clearTimeout(timer)
        resolve({ process: child, port: Number(m[1]) })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${err}`))
    })
  })
}

/** Waits for a child to exit. */
export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()))

/** A raw exchange on a fresh connection: what the server writes back before closing. */
export const raw = (port: number, bytes: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes))
    let out = ''
    socket.on('data', (c) => (out += c.toString()))
    socket.on('end', () => resolve(out))
    socket.on('close', () => resolve(out))
    socket.on('error', reject)
  })
