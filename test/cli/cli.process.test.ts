/**
 * The real executable, end to end: `src/` is transpiled as it is (TypeScript's transpileModule,
 * no type check: `tsc` checks types) into a scratch directory under `node_modules/.cache`, so
 * that `fp-ts` and `pure-rand` resolve, and `cli/main.js` runs in a child process on the docs'
 * seed stage, with good and bad input.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { removeTranspiled, transpileSources } from './transpiled.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
let out = ''
const seed = join(root, 'test', 'fixtures', 'seed-before.json')

beforeAll(() => {
  out = transpileSources('cli-e2e')
})

afterAll(() => removeTranspiled(out))

const cli = (args: ReadonlyArray<string>, input?: string) => {
  const r = spawnSync(process.execPath, [join(out, 'cli', 'main.js'), ...args], { input: input ?? '', encoding: 'utf8', timeout: 20_000 })
  return { stdout: r.stdout, stderr: r.stderr, status: r.status }
}

describe('apigw-canary, the executable', () => {
  it('promote on the docs\' seed stage: AWS\'s three operations on standard output, exit 0', () => {
    const r = cli(['promote', seed])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ])
  })

  it('apply with shorthand, the stage on standard input', () => {
    const r = cli(['apply', '-', '--patch-operations', 'op=replace,path=/canarySettings/percentTraffic,value=50', 'op=remove,path=/variables/sv1'], readFileSync(seed, 'utf8'))
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ deploymentId: 'nfcn0x', canarySettings: { percentTraffic: 50 } })
  })

  it('apply with the AWS CLI\'s shorthand: spaces after commas, a backslash kept', () => {
    const r = cli(['apply', seed, '--patch-operations', 'op=replace, path=/description, value=C:\\temp', '--output', 'stage'])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ description: 'C:\\temp' })
  })

  it('diff of two real get-stage snapshots: the service\'s own fields ignored, exit 0; --strict names lastUpdatedDate, exit 1', () => {
    const after = join(root, 'test', 'fixtures', 'seed-after.json')
    const r = cli(['diff', seed, after])
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toContainEqual({ op: 'replace', path: '/deploymentId', value: 'eh1sby' })
    expect(cli(['diff', seed, after, '--strict'])).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^apigw-canary diff: lastUpdatedDate: /) })
  })

  it('a negative number after its option, without "="', () => {
    const r = cli(['simulate', seed, '--requests', '100', '--seed', '-1'])
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ requests: 100, seed: -1 })
  })

  it('a missing file: named on standard error, exit 1', () => {
    const r = cli(['disable', join(root, 'test', 'fixtures', 'no-such-stage.json')])
    expect(r).toEqual({ stdout: '', stderr: `apigw-canary disable: cannot read ${join(root, 'test', 'fixtures', 'no-such-stage.json')}: no such file\n`, status: 1 })
  })

  it('bad JSON on standard input: the parser\'s message, exit 1', () => {
    const r = cli(['disable', '-'], '{"stageName": ')
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^apigw-canary disable: standard input is not JSON: /)
  })

  it('an invalid operation: AWS\'s message and which operation, exit 1', () => {
    const r = cli(['apply', seed, '--patch-operations', 'op=add,path=/canarySettings/deploymentId,value=x7yz12'])
    expect(r).toEqual({ stdout: '', stderr: 'apigw-canary apply: BadRequestException: Invalid add operation with path: /canarySettings/deploymentId (patchOperations[0])\n', status: 1 })
  })

  it('a bad command line: exit 2', () => {
    expect(cli(['set-traffic', '150', seed]).status).toBe(2)
    expect(cli(['fly']).status).toBe(2)
  })

  it('--help: exit 0', () => {
    const r = cli(['plan', '--help'])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^usage: apigw-canary plan --preset NAME/)
  })
})
