/**
 * `serve --state`: one owner per file, only its own file, nothing left behind. Two servers on
 * one file (the second refused, nothing lost), a lock left by a killed server taken over, a
 * foreign JSON file untouched, a symlink kept and written through, the file's mode kept, stale
 * temporary files removed, a bad location refused at start-up, a deeply nested state refused
 * at load.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { expectLeft, expectRight } from '../helpers.js'
import { call, exited, setupApi, spawnServer, type Child } from './server.helpers.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-state-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const start = async (stateFile: string): Promise<RunningServer> => expectRight(await serve({ port: 0, stateFile }))

const setVariable = (port: number, restApiId: string, name: string, value: string) =>
  call(port, 'PATCH', `/restapis/${restApiId}/stages/prod`, JSON.stringify({ patchOperations: [{ op: 'replace', path: `/variables/${name}`, value }] }))

/** The pid of a process that has exited (and been reaped). */
const deadPid = (): number => {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
  return Number(r.stdout.toString())
}

const marker = { format: 'apigw-canary/gateway-state', version: 1 }

describe('one server per state file', () => {
  it('a second server on the same file is refused, naming the holder; nothing of the first is lost', async () => {
    const file = join(dir, 'shared.json')
    const first = await start(file)
    const restApiId = await setupApi(first.port)
    const second = expectLeft(await serve({ port: 0, stateFile: file }))
    expect(second._tag).toBe('StateFileLocked')
    expect(second.message).toContain(`pid ${process.pid}, since `)
    expect(second.message).toContain(`${file}.lock`)
    expect(second.message).toMatch(/Stop that server, or give this one another --state file\.$/)
    // Also through a symlink to the same file: one lock for one file.
    const alias = join(dir, 'alias.json')
    symlinkSync(file, alias)
    expect(expectLeft(await serve({ port: 0, stateFile: alias }))._tag).toBe('StateFileLocked')
    expect((await setVariable(first.port, restApiId, 'v', '1')).status).toBe(200)
    await first.close()
    expect(existsSync(`${file}.lock`)).toBe(false) // released at close
    const third = await start(file)
    const stage = await call(third.port, 'GET', `/restapis/${restApiId}/stages/prod`)
    expect((stage.json as { variables: unknown }).variables).toEqual({ v: '1' })
    await third.close()
  })

  it('a lock left by a killed server (its pid gone) is taken over', async () => {
    const file = join(dir, 'orphan.json')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), since: '2026-01-01T00:00:00.000Z' }))
    const s = await start(file)
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid })
    await s.close()
    // A lock whose pid is alive but is another process (the pid reused): its start time differs.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid, since: '2026-01-01T00:00:00.000Z', start: '1' }))
    const t = await start(file)
    await t.close()
  })
})

describe('one server per state file, across processes', () => {
  it('four servers started at once on a file with a stale lock: exactly one serves, the others are refused', async () => {
    const file = join(dir, 'race.json')
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), since: '2026-01-01T00:00:00.000Z' }))
    const started = await Promise.allSettled([0, 1, 2, 3].map(() => spawnServer(['--port', '0', '--state', file])))
    const serving = started.filter((r): r is PromiseFulfilledResult<Child> => r.status === 'fulfilled').map((r) => r.value)
    const refused = started.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason))
    try {
      expect(serving).toHaveLength(1)
      expect(refused).toHaveLength(3)
      for (const reason of refused) expect(reason).toMatch(/is in use by another apigw-canary serve \(pid \d+, since |cannot take the lock/)
    } finally {
      for (const child of serving) {
        child.process.kill('SIGTERM')
        await exited(child.process)
      }
    }
    expect(existsSync(`${file}.lock`)).toBe(false)
  })
})

describe('only its own file', () => {
  it('a JSON file without the format marker (a package.json) is refused and left untouched, mode included', async () => {
    const file = join(dir, 'package.json')
    const text = '{\n  "name": "my-project",\n  "version": "1.0.0"\n}\n'
    writeFileSync(file, text)
    chmodSync(file, 0o644)
    const before = statSync(file)
    const e = expectLeft(await serve({ port: 0, stateFile: file }))
    expect(e._tag).toBe('StateFileUnreadable')
    expect(e.message).toContain('is not an apigw-canary state file')
    expect(e.message).toContain('"format": "apigw-canary/gateway-state", "version": 1')
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(statSync(file).mode & 0o777).toBe(0o644)
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs)
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  it('an empty file starts a new state; what is written carries the marker and keeps the mode', async () => {
    const file = join(dir, 'empty.json')
    writeFileSync(file, '')
    chmodSync(file, 0o640)
    const s = await start(file)
    await setupApi(s.port)
    await s.close()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject(marker)
    expect(statSync(file).mode & 0o777).toBe(0o640)
  })

  it('a symlinked state file is written through to its target; the link stays', async () => {
    const targetDir = join(dir, 'real')
    mkdirSync(targetDir)
    const target = join(targetDir, 'state.json')
    const link = join(dir, 'link.json')
    symlinkSync(target, link) // dangling at first: the target is created
    const s = await start(link)
    const restApiId = await setupApi(s.port)
    expect((await setVariable(s.port, restApiId, 'v', '2')).status).toBe(200)
    await s.close()
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readlinkSync(link)).toBe(target)
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject(marker)
    const again = await start(link)
    const stage = await call(again.port, 'GET', `/restapis/${restApiId}/stages/prod`)
    expect((stage.json as { variables: unknown }).variables).toEqual({ v: '2' })
    await again.close()
    expect(lstatSync(link).isSymbolicLink()).toBe(true)
    expect(readdirSync(targetDir).sort()).toEqual(['state.json'])
  })

  it('a state nested 5,000 levels deep is refused at load with a clear message, not a 503 on every write', async () => {
    const file = join(dir, 'deep.json')
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    const text = `{"format":"apigw-canary/gateway-state","version":1,"accountId":"123456789012","issued":0,"restApis":[],"extra":${deep}}`
    writeFileSync(file, text)
    const e = expectLeft(await serve({ port: 0, stateFile: file }))
    expect(e.message).toMatch(/is nested more than 128 levels deep/)
    expect(readFileSync(file, 'utf8')).toBe(text)
  })
})

describe('nothing left behind, and a bad location refused at start', () => {
  it("stale temporary files of killed servers are removed at start-up; other files are not", async () => {
    const file = join(dir, 'temps.json')
    const dead = deadPid()
    const stale = [`.temps.json.${dead}.1.tmp`, `.temps.json.${dead}.7.tmp`, `temps.json.lock.${dead}.3.tmp`]
    const kept = ['.other.json.123.1.tmp', 'temps.json.bak', '.temps.json.notes']
    for (const f of [...stale, ...kept]) writeFileSync(join(dir, f), 'x')
    const s = await start(file)
    await s.close()
    const left = readdirSync(dir)
    for (const f of stale) expect(left).not.toContain(f)
    for (const f of kept) expect(left).toContain(f)
  })

  it('a missing folder, a FIFO, a folder as the file, an unwritable place: refused at start with a clear message', async () => {
    const missing = expectLeft(await serve({ port: 0, stateFile: join(dir, 'no-such-folder', 'state.json') }))
    expect(missing).toMatchObject({ _tag: 'StateFileUnreadable' })
    expect(missing.message).toMatch(/no-such-folder does not exist/)

    const fifo = join(dir, 'pipe.json')
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0)
    expect(expectLeft(await serve({ port: 0, stateFile: fifo })).message).toMatch(/it is a FIFO, not a regular file$/)

    const folder = join(dir, 'a-folder')
    mkdirSync(folder)
    expect(expectLeft(await serve({ port: 0, stateFile: folder })).message).toMatch(/it is a folder, not a regular file$/)

    // /proc takes no new files, even for root (tests here may run as root, which ignores modes).
    const unwritable = expectLeft(await serve({ port: 0, stateFile: '/proc/apigw-canary-state.json' }))
    expect(unwritable.message).toMatch(/cannot create the lock file .*is the folder writable\?$/)
  })
})
