/**
 * `apigw-canary preflight` and `apigw-canary reconcile` as a CI step runs them: the real
 * executable (src/ transpiled as it is, as in cli.process.test.ts) in a child process, on the iac
 * fixtures, checking stdout, stderr and the exit code. (Every option and mistake is checked in
 * process, in iac.test.ts: a process costs half a second.)
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { removeTranspiled, transpileSources } from './transpiled.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
let out = ''
const fixtures = join(root, 'test', 'fixtures', 'iac')
const fixture = (name: string): string => join(fixtures, name)

beforeAll(() => {
  out = transpileSources('iac-e2e')
})

afterAll(() => removeTranspiled(out))

const cli = (args: ReadonlyArray<string>, input?: string) => {
  const r = spawnSync(process.execPath, [join(out, 'cli', 'main.js'), ...args], { input: input ?? '', encoding: 'utf8', timeout: 20_000 })
  return { stdout: r.stdout, stderr: r.stderr, status: r.status }
}

const live = JSON.parse(readFileSync(fixture('canary-deployment.live.json'), 'utf8')) as Record<string, unknown> & { canarySettings: Record<string, unknown> }
const promoted = JSON.stringify({ ...live, deploymentId: 'd4e5f6', variables: { lambdaAlias: 'Dev' }, canarySettings: { ...live.canarySettings, percentTraffic: 0.0 } })

describe('apigw-canary preflight', () => {
  it('a deployment without canary settings to the canary stage (on standard input): AWS\'s text and the fix, exit 3', () => {
    const r = cli(['preflight', '-', '--action', 'deployment'], JSON.stringify(live))
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('AWS will refuse it: BadRequestException: Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.\n  fix: ')
    expect(JSON.parse(r.stdout)[0].operations.rollback).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })
})

describe('apigw-canary reconcile', () => {
  it('after a promotion by hand (stage on standard input): the YAML and CDK to write back, exit 3', () => {
    const r = cli(['reconcile', '-', '--template', fixture('canary-deployment.yaml')], promoted)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('write back (yaml, Resources.Stage.Properties):\n# Resources.Stage.Properties: the canary was promoted')
    expect(r.stdout).toContain('DeploymentId: d4e5f6 # the id of ApiCanaryDeployment: a !Ref to it here would be a circular dependency (it DependsOn the Stage)\nVariables:\n  lambdaAlias: Dev\n')
    expect(r.stdout).toContain("cfnStage.variables = { lambdaAlias: 'Dev' }")
  })

  it('Terraform state against a stage changed by hand: drift, exit 4; --output json', () => {
    const stage = JSON.stringify({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { lambdaAlias: 'Prod', table: 'orders' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 30, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false } })
    const r = cli(['reconcile', '-', '--terraform', fixture('terraform-state.json'), '--output', 'json'], stage)
    expect(r.status).toBe(4)
    const body = JSON.parse(r.stdout)
    expect(body.drift).toBe(true)
    expect(body.differences).toEqual([expect.objectContaining({ field: 'canarySettings.percentTraffic', live: 30, declared: 10, kind: 'drift' })])
  })
})
