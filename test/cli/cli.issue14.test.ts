/**
 * The commands added in 0.2.0 (enable, deploy-canary, set-override, remove-override, --version)
 * and the command line's own one-line message for an unknown option, with the nearest valid one.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { envOf, runCli } from '../../src/cli/run.js'
import { VERSION } from '../../src/cli/version.js'
import { nearest } from '../../src/cli/suggest.js'

const plain = JSON.stringify({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
const canary = JSON.stringify({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, useStageCache: false, stageVariableOverrides: { sv1: 'val2' } } })
const env = envOf({ 'plain.json': plain, 'canary.json': canary })
const run = (...argv: ReadonlyArray<string>) => runCli(argv, env)
const out = (...argv: ReadonlyArray<string>): unknown => {
  const r = run(...argv)
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return JSON.parse(r.stdout)
}

describe('--version', () => {
  it("prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    expect(VERSION).toBe(pkg.version)
    expect(run('--version')).toEqual({ stdout: `${pkg.version}\n`, stderr: '', exitCode: 0 })
    expect(run('-v').stdout).toBe(`${pkg.version}\n`)
  })
})

describe('enable', () => {
  it("enables a canary on the stage's deployment, or another, with traffic and overrides", () => {
    expect(out('enable', 'plain.json')).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }
    ].length > 0 ? out('enable', 'plain.json') : [])
    const ops = out('enable', 'plain.json', '--deployment', 'eh1sby', '--percent', '10', '--override', 'sv1=val2', '--use-stage-cache') as ReadonlyArray<{ path: string; value?: string }>
    expect(ops).toContainEqual({ op: 'replace', path: '/canarySettings/deploymentId', value: 'eh1sby' })
    expect(ops).toContainEqual({ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' })
    expect(ops).toContainEqual({ op: 'replace', path: '/canarySettings/stageVariableOverrides/sv1', value: 'val2' })
    expect(ops).toContainEqual({ op: 'replace', path: '/canarySettings/useStageCache', value: 'true' })
    const stage = out('enable', 'plain.json', '--percent', '25', '--output', 'stage') as { canarySettings: unknown }
    expect(stage.canarySettings).toEqual({ deploymentId: 'nfcn0x', percentTraffic: 25, useStageCache: false })
  })

  it('refuses a stage that has a canary, and a bad percentage', () => {
    const twice = run('enable', 'canary.json')
    expect(twice.exitCode).toBe(1)
    expect(twice.stderr).toMatch(/^apigw-canary enable: BadRequestException: Stage prod already has a canary/)
    const bad = run('enable', 'plain.json', '--percent', '150')
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('--percent: "150" is not a percentage (0 to 100)')
    expect(run('enable', 'plain.json', '--override', 'novalue').stderr).toContain('--override: "novalue" is not NAME=VALUE')
  })
})

describe('set-override and remove-override', () => {
  it('print the one operation', () => {
    expect(out('set-override', 'sv2', 'val3', 'canary.json')).toEqual([{ op: 'replace', path: '/canarySettings/stageVariableOverrides/sv2', value: 'val3' }])
    expect(out('remove-override', 'sv1', 'canary.json')).toEqual([{ op: 'remove', path: '/canarySettings/stageVariableOverrides/sv1' }])
    expect((out('remove-override', 'sv1', 'canary.json', '--output', 'stage') as { canarySettings: object }).canarySettings).not.toHaveProperty('stageVariableOverrides')
  })

  it('refuse a stage without a canary, a bad name and missing arguments', () => {
    expect(run('set-override', 'sv2', 'val3', 'plain.json')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('BadRequestException') })
    expect(run('set-override', 'bad-name', 'x', 'canary.json').exitCode).toBe(1)
    expect(run('set-override', 'sv2', 'canary.json')).toMatchObject({ exitCode: 2 })
    expect(run('remove-override', 'canary.json')).toMatchObject({ exitCode: 2 })
  })
})

describe('deploy-canary', () => {
  it('prints the create-deployment input', () => {
    expect(out('deploy-canary', 'plain.json', '--rest-api-id', 'fh4zbbd5nd', '--percent', '10.5', '--override', 'sv1=val2')).toEqual({
      restApiId: 'fh4zbbd5nd',
      stageName: 'prod',
      canarySettings: { percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: false }
    })
    expect(out('deploy-canary', 'canary.json')).toEqual({ stageName: 'prod', canarySettings: { percentTraffic: 0, useStageCache: false } })
  })

  it('refuses a stage without a name, and bad settings', () => {
    const env2 = envOf({ 'nameless.json': JSON.stringify({ deploymentId: 'nfcn0x' }) })
    expect(runCli(['deploy-canary', 'nameless.json'], env2)).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('no stageName') })
    expect(run('deploy-canary', 'plain.json', '--override', 'bad-name=x').exitCode).toBe(1)
  })
})

describe('an unknown option: our own one line, with the nearest valid option', () => {
  it('names the nearest option, not Node parser text', () => {
    const r = run('enable', 'plain.json', '--percnt', '10')
    expect(r.exitCode).toBe(2)
    const first = r.stderr.split('\n')[0] ?? ''
    expect(first).toMatch(/^apigw-canary enable: unknown option --percnt; did you mean --percent\? \(the options are /)
    expect(r.stderr).not.toContain('To specify a positional argument')
    expect(run('promote', 'canary.json', '--skip-deploy').stderr).toContain('did you mean --skip-deployment?')
    expect(run('simulate', 'canary.json', '--seeds', '1', '--requests', '10').stderr).toContain('did you mean --seed?')
    expect(run('promote', 'canary.json', '--zzzzzzzz').stderr).not.toContain('did you mean')
    expect(run('promote', 'canary.json', '--output').stderr.split('\n')[0]).toBe('apigw-canary promote: --output needs a value')
  })

  it('an unknown command or top-level option gets the nearest too', () => {
    expect(run('promte').stderr).toMatch(/^apigw-canary: unknown command "promte" \(did you mean promote\?\); the commands are /)
    expect(run('--verison').stderr).toMatch(/did you mean --version\?/)
    expect(nearest('set-o', ['set-traffic', 'set-override'])).toBe('set-override')
  })
})
