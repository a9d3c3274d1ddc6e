/**
 * The command line in process, by example: the exact shape of its messages (which mistakes are
 * command-line mistakes, exit 2 with the usage line, and which are input errors, exit 1), and
 * the options each command reads.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands, envOf, runCli, type CliEnv } from '../../src/cli/run.js'
import * as E from 'fp-ts/Either'

const seedText = readFileSync(new URL('../fixtures/seed-before.json', import.meta.url), 'utf8')
const noCanary = JSON.stringify({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
const env = envOf({ 'stage.json': seedText, 'plain.json': noCanary, 'ops.json': '[{"op":"remove","path":"/canarySettings"}]', 'not.json': '{', 'array.json': '[1]' })
const cli = (...argv: ReadonlyArray<string>) => runCli(argv, env)
const usageLine = (name: string): string => (commands[name]?.usage ?? '').split('\n')[0] ?? ''
const usageError = (name: string, message: string) => ({ exitCode: 2, stdout: '', stderr: `apigw-canary ${name}: ${message}\n${usageLine(name)}\n` })
const inputError = (name: string, message: string) => ({ exitCode: 1, stdout: '', stderr: `apigw-canary ${name}: ${message}\n` })

describe('the top level', () => {
  it('help, -h and --help print the usage; no command is a usage error', () => {
    for (const h of ['help', '-h', '--help']) {
      const r = cli(h)
      expect(r.exitCode).toBe(0)
      expect(r.stderr).toBe('')
      expect(r.stdout.startsWith('usage: apigw-canary <command> [arguments] (apigw-canary <command> --help for more)\n\n')).toBe(true)
      expect(r.stdout).toMatch(/\n\ncommands:\n {2}apply +apply update-stage patch operations to a stage\n {2}promote +promote the canary \(AWS's three operations\)\n/)
      expect(r.stdout).toMatch(/ {2}plan +the steps, stages and operations of a preset rollout\n/)
      expect(r.stdout).toMatch(/\n {2}reconcile +the live stage against a template or Terraform state: drift, and what to write back after a promotion \(exit 3\/4\)\n/)
      expect(r.stdout).toContain(
        '\n\nAmazon API Gateway canary releases, modelled exactly as AWS behaves. Stages are the JSON that\n`aws apigateway get-stage` prints, read from a file or from standard input (-); results are\nJSON on standard output; operations are usable as `aws apigateway update-stage\n--patch-operations file://ops.json`.\n\n'
      )
    }
    const none = cli()
    expect(none.exitCode).toBe(2)
    expect(none.stderr.startsWith('apigw-canary: missing the command\nusage: apigw-canary <command>')).toBe(true)
    expect(cli('toString')).toMatchObject({ exitCode: 2, stdout: '', stderr: `apigw-canary: unknown command "toString"; the commands are ${Object.keys(commands).join(', ')}\n` })
  })

  it('a command that throws is an input error, not a crash', () => {
    const throwing: CliEnv = {
      readFile: () => {
        throw new Error('disk on fire')
      },
      readStdin: () => E.left('none')
    }
    expect(runCli(['disable', 'stage.json'], throwing)).toEqual(inputError('disable', 'unexpected error: disk on fire'))
    const weird: CliEnv = {
      readFile: () => {
        throw 'plain'
      },
      readStdin: () => E.left('none')
    }
    expect(runCli(['disable', 'stage.json'], weird)).toEqual(inputError('disable', 'unexpected error: plain'))
  })
})

describe('reading stages', () => {
  it('a missing file, a file that is not JSON or not a stage, standard input that is not there', () => {
    expect(cli('disable', 'nope.json')).toEqual(inputError('disable', 'cannot read nope.json: no such file'))
    expect(cli('disable', '-')).toEqual(inputError('disable', 'cannot read standard input: nothing on standard input'))
    expect(cli('disable', 'not.json').stderr).toMatch(/^apigw-canary disable: not\.json is not JSON: \S/)
    expect(cli('disable', 'array.json')).toEqual(inputError('disable', 'array.json is not a stage: input: an array is not a stage (an object)'))
    expect(runCli(['disable', '-'], envOf({}, '{')).stderr).toMatch(/^apigw-canary disable: standard input is not JSON: /)
    expect(cli('disable')).toEqual(usageError('disable', 'missing the stage: give a get-stage JSON file, or - for standard input'))
  })

  it('one positional too many is named', () => {
    expect(cli('disable', 'stage.json', 'extra.json')).toEqual(usageError('disable', 'unexpected argument "extra.json"'))
    expect(cli('set-traffic', '5', 'stage.json', 'x')).toEqual(usageError('set-traffic', 'unexpected argument "x"'))
    expect(cli('apply', 'stage.json', 'other.json', '--patch-operations', 'op=remove,path=/canarySettings')).toEqual(usageError('apply', 'unexpected argument "other.json"'))
    expect(cli('diff', 'a', 'b', 'c')).toEqual(usageError('diff', 'unexpected argument "c"'))
  })

  it('an unknown option is a usage error', () => {
    const r = cli('disable', 'stage.json', '--colour')
    expect(r.exitCode).toBe(2)
    expect(r.stderr.endsWith(`\n${usageLine('disable')}\n`)).toBe(true)
    expect(r.stderr).toMatch(/^apigw-canary disable: .*--colour/)
  })
})

describe('the commands\' options', () => {
  it('--output: operations by default, the stage on request, nothing else', () => {
    expect(JSON.parse(cli('disable', 'stage.json').stdout)).toEqual([{ op: 'remove', path: '/canarySettings' }])
    expect(JSON.parse(cli('disable', 'stage.json', '--output', 'stage').stdout)['canarySettings']).toBeUndefined()
    expect(cli('disable', 'stage.json', '--output', 'yaml')).toEqual(usageError('disable', '--output: "yaml" is not one of operations, stage'))
    expect(cli('apply', 'stage.json', '--patch-operations', 'op=remove,path=/canarySettings', '--output', 'yaml')).toEqual(usageError('apply', '--output: "yaml" is not one of operations, stage'))
    expect(JSON.parse(cli('apply', 'stage.json', '--patch-operations', 'file://ops.json', '--output', 'operations').stdout)).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('promote: each skip option drops its operation', () => {
    const ops = (...flags: ReadonlyArray<string>) => (JSON.parse(cli('promote', 'stage.json', ...flags).stdout) as Array<{ op: string; path: string }>).map((o) => `${o.op} ${o.path}`)
    expect(ops()).toEqual(['replace /canarySettings/percentTraffic', 'copy /variables', 'copy /deploymentId'])
    expect(ops('--skip-variables')).toEqual(['replace /canarySettings/percentTraffic', 'copy /deploymentId'])
    expect(ops('--skip-deployment')).toEqual(['replace /canarySettings/percentTraffic', 'copy /variables'])
    expect(ops('--keep-traffic')).toEqual(['copy /variables', 'copy /deploymentId'])
  })

  it('set-traffic: a missing percentage', () => {
    expect(cli('set-traffic')).toEqual(usageError('set-traffic', 'missing the percentage (0 to 100)'))
  })

  it('apply: file:// that cannot be read; shorthand errors are input errors; --deployments trimmed', () => {
    expect(cli('apply', 'stage.json', '--patch-operations', 'file://missing.txt')).toEqual(inputError('apply', 'cannot read missing.txt: no such file'))
    expect(cli('apply', 'stage.json')).toEqual(usageError('apply', 'missing --patch-operations'))
    expect(cli('apply', 'stage.json', '--patch-operations', 'op=replace,colour=red')).toEqual(inputError('apply', '--patch-operations: shorthand key "colour" is not one of op, path, value, from'))
    const ok = cli('apply', 'stage.json', '--patch-operations', 'op=replace,path=/canarySettings/deploymentId,value=abc', '--deployments', ' abc , ,x')
    expect(ok.exitCode).toBe(0)
    const refused = cli('apply', 'stage.json', '--patch-operations', 'op=replace,path=/canarySettings/deploymentId,value=abc', '--deployments', 'x,y')
    expect(refused).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('Deployment id does not exist') })
  })

  it('apply: words after --patch-operations are operations while they look like one; the stage may come after them', () => {
    const out = cli('apply', '--patch-operations', 'op=remove,path=/variables/sv1', 'op=replace,path=/description,value=x', 'stage.json')
    expect(out.exitCode).toBe(0)
    expect(JSON.parse(out.stdout)).toMatchObject({ description: 'x' })
    expect(cli('apply', '--patch-operations', 'op=remove,path=/variables/sv1', 'stage.json', 'op=remove,path=/description')).toEqual(usageError('apply', 'unexpected argument "op=remove,path=/description"'))
    expect(cli('apply', 'stage.json', '--patch-operations', 'op=remove,path=/x', 'file://ops.json')).toEqual(
      inputError('apply', 'file://ops.json: a file must be the only value of its --patch-operations (the AWS CLI reads a file only then)')
    )
  })

  it('diff: two stages, at most one from standard input', () => {
    expect(cli('diff', 'stage.json')).toEqual(usageError('diff', 'diff needs two stages: <before> <after>'))
    expect(cli('diff', '-', '-')).toEqual(usageError('diff', 'only one of the stages can be read from standard input'))
    expect(cli('diff', 'nope.json', 'stage.json')).toEqual(inputError('diff', 'cannot read nope.json: no such file'))
    expect(cli('diff', 'stage.json', 'nope.json')).toEqual(inputError('diff', 'cannot read nope.json: no such file'))
    expect(JSON.parse(cli('diff', 'stage.json', 'stage.json').stdout)).toEqual([])
    expect(JSON.parse(runCli(['diff', '-', 'stage.json'], envOf({ 'stage.json': seedText }, seedText)).stdout)).toEqual([])
    // A diff error has no exception name: the message alone.
    expect(runCli(['diff', 'stage.json', 'plain.json'], envOf({ 'stage.json': noCanary, 'plain.json': JSON.stringify({ stageName: 'beta', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } }) }))).toEqual(
      inputError('diff', 'stageName: update-stage cannot change it')
    )
    expect(JSON.parse(runCli(['diff', 'stage.json', '-'], envOf({ 'stage.json': seedText }, seedText)).stdout)).toEqual([])
  })

  it('simulate: --requests and --seed required and whole; --confidence a number', () => {
    expect(cli('simulate', 'stage.json', '--seed', '1')).toEqual(usageError('simulate', 'missing --requests N'))
    expect(cli('simulate', 'stage.json', '--requests', '10')).toEqual(usageError('simulate', 'missing --seed S'))
    expect(cli('simulate', 'stage.json', '--requests', '1.5', '--seed', '1')).toEqual(usageError('simulate', '--requests: "1.5" is not a whole number'))
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', 'x')).toEqual(usageError('simulate', '--seed: "x" is not a whole number'))
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', '1', '--confidence', ' ')).toEqual(usageError('simulate', '--confidence: " " is not a number'))
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', '1', '--confidence', 'high')).toEqual(usageError('simulate', '--confidence: "high" is not a number'))
    const run = JSON.parse(cli('simulate', 'stage.json', '--requests', ' 100 ', '--seed=-3', '--confidence', '0.95').stdout) as unknown
    expect(run).toMatchObject({ requests: 100, seed: -3, interval: { confidence: 0.95 } })
    // A negative number after its option, without "=", is its value.
    expect(cli('simulate', 'stage.json', '--requests', '100', '--seed', '-3', '--confidence', '0.95').stdout).toBe(cli('simulate', 'stage.json', '--requests', ' 100 ', '--seed=-3', '--confidence', '0.95').stdout)
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', '-x')).toEqual(usageError('simulate', '--seed needs a value; to give one that starts with a dash, write --seed=-VALUE'))
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', '9007199254740993')).toEqual(
      usageError('simulate', '--seed: "9007199254740993" is out of range: give a whole number from -9007199254740991 to 9007199254740991')
    )
    expect(cli('simulate', 'stage.json', '--requests', '0', '--seed', '1')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^apigw-canary simulate: requests: 0 /) })
  })

  it('simulate and plan: an unknown option is a usage error; a stage that cannot be read an input error', () => {
    expect(cli('simulate', 'stage.json', '--colour').exitCode).toBe(2)
    expect(cli('plan', 'stage.json', '--colour').exitCode).toBe(2)
    expect(cli('simulate', 'nope.json', '--requests', '1', '--seed', '1')).toEqual(inputError('simulate', 'cannot read nope.json: no such file'))
    expect(cli('plan', 'nope.json', '--preset', 'AllAtOnce')).toEqual(inputError('plan', 'cannot read nope.json: no such file'))
  })

  it('plan: --preset required; --keep-canary; --start-at whole; a stage without a canary', () => {
    expect(cli('plan', 'stage.json')).toEqual(usageError('plan', 'missing --preset NAME'))
    expect(cli('plan', 'stage.json', '--preset', 'Nope').exitCode).toBe(2)
    expect(cli('plan', 'stage.json', '--preset', 'AllAtOnce', '--start-at', 'soon')).toEqual(usageError('plan', '--start-at: "soon" is not a whole number'))
    expect(cli('plan', 'stage.json', '--preset', 'AllAtOnce', '--start-at', '99999999999999999999')).toEqual(
      usageError('plan', '--start-at: "99999999999999999999" is out of range: give a whole number from -9007199254740991 to 9007199254740991')
    )
    const before = JSON.parse(cli('plan', 'stage.json', '--preset', 'AllAtOnce', '--start-at', '-5').stdout) as { entries: Array<{ at: number }> }
    expect(before.entries[0]?.at).toBe(-5)
    const kept = JSON.parse(cli('plan', 'stage.json', '--preset', 'AllAtOnce', '--keep-canary', '--start-at', '7').stdout) as { plan: string; entries: Array<{ at: number; event: { _tag: string } }> }
    expect(kept.plan).toBe('AllAtOnce')
    expect(kept.entries.map((e) => e.event._tag)).toEqual(['Promoted', 'Succeeded'])
    expect(kept.entries[0]?.at).toBe(7)
    const all = JSON.parse(cli('plan', 'stage.json', '--preset', 'CodeDeployDefault.AllAtOnce').stdout) as { entries: Array<{ event: { _tag: string } }> }
    expect(all.entries.map((e) => e.event._tag)).toEqual(['Promoted', 'Disabled', 'Succeeded'])
    expect(cli('plan', 'plain.json', '--preset', 'AllAtOnce')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('has no canary') })
  })
})
