/**
 * `apigw-canary rollout` as a real process against `serve` (in this process, on loopback) with
 * --endpoint-url: checked from its exit code, its JSON lines and the stage afterwards. `src/` is
 * transpiled as in cli.process.test.ts. serve has no CloudWatch, so the plans here have no metric
 * gate (a short bake, or an approval step).
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { removeTranspiled, transpileSources } from './transpiled.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { decodeGateway } from '../../src/gateway/wire/RestApiCodec.js'
import { fixture } from '../aws/harness.js'
import { runRolloutCommand } from '../../src/cli/rollout.js'

let out = ''

let server: RunningServer
beforeAll(async () => {
  out = transpileSources('rollout-e2e')
  writeFileSync(join(out, 'quick.json'), JSON.stringify({ name: 'quick', steps: [{ setTraffic: 25 }, { bake: '300ms' }, { promote: {} }, { disable: {} }] }))
  writeFileSync(join(out, 'approve.json'), JSON.stringify({ name: 'approved', steps: [{ setTraffic: 10 }, { approve: { timeout: '1h' } }, { promote: {} }, { disable: {} }] }))
  const gateway = decodeGateway(fixture())
  if (E.isLeft(gateway)) throw new Error(gateway.left.message)
  const started = await serve({ port: 0, gateway: gateway.right })
  if (E.isLeft(started)) throw new Error(String(started.left))
  server = started.right
})

afterAll(async () => {
  await server.close()
  removeTranspiled(out)
})

const cli = (args: ReadonlyArray<string>, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(out, 'cli', 'main.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: out, AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true', ...env }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

const target = () => ['--rest-api-id', 'fh4zbbd5nd', '--stage-name', 'prod', '--endpoint-url', server.url, '--owner', 'ci-1']
const stage = () => server.state.restApis[0]?.stages[0]

describe('apigw-canary rollout against serve', () => {
  it('start runs a plan to the promotion: exit 0, JSON lines, the stage promoted, the summary written', async () => {
    const summaryFile = join(out, 'summary.md')
    const r = await cli(['rollout', 'start', ...target(), '--deployment-id', 'eh1sby', '--plan', join(out, 'quick.json'), '--output', 'json', '--poll', '0.05'], { GITHUB_STEP_SUMMARY: summaryFile })
    expect(r.stderr.replace(/.*NodeVersionSupportWarning[\s\S]*?trace-warnings[^\n]*\n/, '')).toBe('')
    expect(r.code).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { _tag: string })
    expect(lines.map((l) => l._tag)).toEqual(['Sent', 'Started', 'Sent', 'TrafficSet', 'StepStarted', 'Sent', 'Promoted', 'Result'])
    expect(lines.at(-1)).toMatchObject({ _tag: 'Result', exitCode: 0, result: { _tag: 'Promoted' } })
    expect(stage()).toMatchObject({ deploymentId: 'eh1sby', variables: { alias: 'live' } })
    expect(stage()?.canarySettings).toBeUndefined()
    expect(stage()?.tags).toBeUndefined()
    expect(readFileSync(summaryFile, 'utf8')).toMatch(/^## Canary rollout of fh4zbbd5nd\/prod: Promoted\n/)
  })

})

/** The same command in this process (its output captured), for the controls: a process costs a second of SDK loading. */
const inProcess = async (args: ReadonlyArray<string>): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = ''
  let stderr = ''
  const code = await runRolloutCommand(['rollout', ...args], { out: (x) => (stdout += x), err: (x) => (stderr += x), env: {}, tty: false })
  return { code, stdout, stderr }
}

describe('apigw-canary rollout: the controls (in process, through serve)', () => {
  const saved = { ...process.env }
  beforeAll(() => Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' }))
  afterAll(() => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'AWS_EC2_METADATA_DISABLED']) if (saved[k] === undefined) delete process.env[k]
  })

  it('an approval step: --no-wait exits 4; a changed plan is refused (6); approve, then resume promotes; status tells where it is', async () => {
    const waiting = await inProcess(['start', ...target(), '--deployment-id', 'nfcn0x', '--plan', join(out, 'approve.json'), '--no-wait', '--poll', '0.05'])
    expect(waiting.code).toBe(4)
    expect(waiting.stdout).toBe('waiting for approval at step 1: run apigw-canary rollout approve, then resume\n')
    const status = await inProcess(['status', ...target(), '--output', 'json'])
    expect(JSON.parse(status.stdout)).toMatchObject({ canary: { deploymentId: 'nfcn0x', percentTraffic: 10 }, position: { step: 1, paused: false } })
    const text = await inProcess(['status', ...target()])
    expect(text.stdout).toMatch(/^deployment: eh1sby\ncanary: nfcn0x at 10%\nlock: free\nrollout: step 1 since /)
    const refused = await inProcess(['resume', ...target(), '--plan', join(out, 'quick.json')])
    expect(refused.code).toBe(6)
    expect(refused.stdout).toMatch(/^refused: the plan changed since the rollout started/)
    expect(await inProcess(['approve', ...target()])).toMatchObject({ code: 0, stdout: 'step 1 approved\n' })
    const resumed = await inProcess(['resume', ...target(), '--plan', join(out, 'approve.json'), '--poll', '0.05'])
    expect(resumed.stderr).toMatch(/resumed approved/)
    expect(resumed.code).toBe(0)
    expect(stage()?.deploymentId).toBe('nfcn0x')
    expect(stage()?.canarySettings).toBeUndefined()
  })

  it('abort rolls back a rollout no driver is running (3); a promoted stage cannot be aborted; usage errors exit 2', async () => {
    const waiting = await inProcess(['start', ...target(), '--deployment-id', 'eh1sby', '--plan', join(out, 'approve.json'), '--no-wait'])
    expect(waiting.code).toBe(4)
    const aborted = await inProcess(['abort', ...target()])
    expect(aborted).toMatchObject({ code: 3, stdout: 'the canary was removed; production is unchanged\n' })
    expect(stage()?.deploymentId).toBe('nfcn0x')
    expect(stage()?.canarySettings).toBeUndefined()
    expect(stage()?.tags).toBeUndefined()
    expect((await inProcess(['abort', ...target()])).code).toBe(6)
    expect((await inProcess(['start', '--stage-name', 'prod'])).code).toBe(2)
    expect((await inProcess(['dance', ...target()])).code).toBe(2)
    expect((await inProcess(['start', ...target(), '--preset', 'Sideways'])).code).toBe(2)
    expect((await inProcess(['start', ...target(), '--bogus'])).code).toBe(2)
    const badPlan = await inProcess(['start', ...target(), '--plan', join(out, 'nope.json')])
    expect(badPlan.code).toBe(1)
    expect(badPlan.stderr).toMatch(/--plan .*nope.json: ENOENT/)
  })
})
