/**
 * The command line, in process: `runCli(argv, env)` with files and standard input given as
 * strings. `test/cli/cli.process.test.ts` runs the real executable.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands, envOf, runCli } from '../../src/cli/run.js'
import { decodeStage, encodeStage, type Stage } from '../../src/index.js'
import { applyPatch } from '../../src/patch/StagePatch.js'
import { expectRight } from '../helpers.js'

const seedText = readFileSync(new URL('../fixtures/seed-before.json', import.meta.url), 'utf8')
const afterText = readFileSync(new URL('../fixtures/seed-after.json', import.meta.url), 'utf8')
const seed = expectRight(decodeStage(JSON.parse(seedText)))
const env = envOf({ 'stage.json': seedText, 'after.json': afterText, 'ops.json': '[{"op":"replace","path":"/canarySettings/percentTraffic","value":"50"}]', 'ops.txt': 'op=remove,path=/canarySettings', 'bad.json': '{"deploymentId": ' })
/** The fields of get-stage's output that only the service sets. */
const withoutServiceFields = (u: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(u as Record<string, unknown>).filter(([k]) => !['createdDate', 'lastUpdatedDate', 'cacheClusterStatus', '_links'].includes(k)))
const cli = (...argv: ReadonlyArray<string>) => runCli(argv, env)
const stdoutJson = (argv: ReadonlyArray<string>, stdin?: string): unknown => {
  const r = runCli(argv, stdin === undefined ? env : envOf({ 'stage.json': seedText }, stdin))
  expect(r.stderr).toBe('')
  expect(r.exitCode).toBe(0)
  return JSON.parse(r.stdout)
}
const stageOf = (u: unknown): Stage => expectRight(decodeStage(u))

describe('help', () => {
  it('apigw-canary --help lists every command, exit 0', () => {
    const r = cli('--help')
    expect(r.exitCode).toBe(0)
    for (const name of Object.keys(commands)) expect(r.stdout).toContain(`  ${name}`)
  })

  it('every command has --help, printed on standard output with exit 0', () => {
    for (const name of Object.keys(commands)) {
      const r = cli(name, '--help')
      expect(r).toMatchObject({ exitCode: 0, stderr: '' })
      expect(r.stdout).toMatch(new RegExp(`^usage: apigw-canary ${name}`))
    }
  })

  it('no command, or an unknown one: exit 2 and a message', () => {
    expect(cli()).toMatchObject({ exitCode: 2, stdout: '' })
    expect(cli('deploy')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown command "deploy"') })
  })
})

describe('apply', () => {
  it('shorthand, several operations as separate words, as the AWS CLI takes them', () => {
    const out = stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'op=replace,path=/canarySettings/percentTraffic,value=50', 'op=remove,path=/variables/sv1']))
    expect(out.canarySettings?.percentTraffic).toBe(50)
    expect(out.variables).toBeUndefined()
  })

  it('JSON, and file://', () => {
    const fromJson = stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', '[{"op":"remove","path":"/canarySettings"}]']))
    expect(fromJson.canarySettings).toBeUndefined()
    expect(stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'file://ops.json'])).canarySettings?.percentTraffic).toBe(50)
    // One JSON object per word, as the AWS CLI takes them.
    const objects = stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', '{"op":"remove","path":"/canarySettings"}', '{"op":"replace","path":"/description","value":"v2"}']))
    expect([objects.canarySettings, objects.description]).toEqual([undefined, 'v2'])
  })

  it('shorthand in a file is refused, as the AWS CLI refuses it: the file must hold a JSON list', () => {
    expect(cli('apply', 'stage.json', '--patch-operations', 'file://ops.txt')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^apigw-canary apply: file:\/\/ops\.txt is not JSON: the AWS CLI reads a file given to --patch-operations as one value/) })
  })

  it('spaces around "," and "=" in a word are skipped; a value keeps its backslashes (the AWS CLI\'s shorthand)', () => {
    const out = stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'op=replace, path=/description, value=C:\\temp', "op=replace,path=/canarySettings/percentTraffic , value='25'"]))
    expect(out.description).toBe('C:\\temp')
    expect(out.canarySettings?.percentTraffic).toBe(25)
  })

  it('--patch-operations twice is refused: the AWS CLI would keep only the last', () => {
    const r = cli('apply', 'stage.json', '--patch-operations', 'op=remove,path=/variables/sv1', '--patch-operations', 'op=replace,path=/description,value=x')
    expect(r).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--patch-operations is given more than once: the AWS CLI keeps only the last') })
  })

  it('the operations from standard input (file://-), the stage from a file; not both from standard input', () => {
    const ops = '[{"op":"replace","path":"/description","value":"from stdin"}]'
    expect(stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'file://-'], ops)).description).toBe('from stdin')
    expect(runCli(['apply', '-', '--patch-operations', 'file://-'], envOf({}, ops))).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('only one of the stage and --patch-operations can be read from standard input')
    })
  })

  it('--output operations prints op, path, value and from only: update-stage takes nothing else', () => {
    const out = stdoutJson(['apply', 'stage.json', '--output', 'operations', '--patch-operations', '[{"op":"replace","path":"/description","value":"x","colour":"red","note":1},{"from":"/canarySettings/deploymentId","op":"copy","path":"/deploymentId","extra":true}]'])
    expect(out).toEqual([
      { op: 'replace', path: '/description', value: 'x' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ])
  })

  it('the promote operations give the docs\' "after" stage (dates apart)', () => {
    const out = stdoutJson(['apply', 'stage.json', '--patch-operations', 'op=replace,path=/canarySettings/percentTraffic,value=0.0', 'op=copy,from=/canarySettings/stageVariableOverrides,path=/variables', 'op=copy,from=/canarySettings/deploymentId,path=/deploymentId']) as Record<string, unknown>
    const { lastUpdatedDate: _a, ...got } = out
    const { lastUpdatedDate: _b, ...want } = encodeStage(stageOf(JSON.parse(afterText)))
    expect(got).toEqual(want)
  })

  it('the stage from standard input (-)', () => {
    expect(stageOf(stdoutJson(['apply', '-', '--patch-operations', 'op=replace,path=/description,value=v2'], seedText)).description).toBe('v2')
  })

  it('quoted and escaped shorthand values', () => {
    const out = stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'op=replace,path=/description,value="a, b"']))
    expect(out.description).toBe('a, b')
    expect(stageOf(stdoutJson(['apply', 'stage.json', '--patch-operations', 'op=replace,path=/description,value=c\\,d'])).description).toBe('c,d')
  })

  it('an operation AWS refuses: AWS\'s message, which operation, exit 1', () => {
    const r = cli('apply', 'stage.json', '--patch-operations', 'op=replace,path=/description,value=x', 'op=add,path=/canarySettings/deploymentId,value=x7yz12')
    expect(r).toEqual({ stdout: '', stderr: 'apigw-canary apply: BadRequestException: Invalid add operation with path: /canarySettings/deploymentId (patchOperations[1])\n', exitCode: 1 })
  })

  it('an unknown path: AWS\'s "Invalid method setting path" with its fixed list', () => {
    const r = cli('apply', 'stage.json', '--patch-operations', 'op=replace,path=/colour,value=red')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toMatch(/^apigw-canary apply: BadRequestException: Invalid method setting path: \/colour\. Must be one of: \[\/deploymentId, /)
  })

  it('--deployments: naming a deployment that does not exist is AWS\'s error', () => {
    const r = cli('apply', 'stage.json', '--deployments', 'nfcn0x,eh1sby', '--patch-operations', 'op=replace,path=/canarySettings/deploymentId,value=zzz')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('Deployment id does not exist')
  })

  it('bad input: a missing file, bad JSON, a malformed operation, bad shorthand', () => {
    expect(cli('apply', 'nope.json', '--patch-operations', 'op=remove,path=/canarySettings')).toEqual({ stdout: '', stderr: 'apigw-canary apply: cannot read nope.json: no such file\n', exitCode: 1 })
    expect(cli('apply', 'bad.json', '--patch-operations', 'op=remove,path=/canarySettings')).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^apigw-canary apply: bad\.json is not JSON: /) })
    expect(cli('apply', 'stage.json', '--patch-operations', '[{"op":"replace","path":"/x","value":5}]')).toMatchObject({ exitCode: 1, stderr: 'apigw-canary apply: BadRequestException: patchOperations[0].value: 5 is not a string\n' })
    expect(cli('apply', 'stage.json', '--patch-operations', 'op=replace,colour=red')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('shorthand key "colour" is not one of op, path, value, from') })
    expect(cli('apply', 'stage.json', '--patch-operations', '[not json')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('--patch-operations is not JSON') })
  })

  it('a stage that is not a stage: the decoder\'s message', () => {
    const r = runCli(['apply', '-', '--patch-operations', 'op=remove,path=/canarySettings'], envOf({}, '{"canarySettings":{"deploymentId":"a","percentTraffic":150}}'))
    expect(r).toEqual({ stdout: '', stderr: 'apigw-canary apply: standard input is not a stage: canarySettings.percentTraffic: 150 is not a percentage (0 to 100)\n', exitCode: 1 })
  })

  it('command-line mistakes: exit 2 and the usage line', () => {
    expect(cli('apply', 'stage.json')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('missing --patch-operations') })
    expect(cli('apply', 'stage.json', '--patch-operations', 'op=remove,path=/x', '--colour')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('unknown option --colour (the options are --patch-operations, --deployments, --output, --help)') })
    expect(cli('apply', '--patch-operations', 'op=remove,path=/canarySettings')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('missing the stage') })
  })
})

describe('promote, disable, set-traffic: operations usable as --patch-operations file://ops.json', () => {
  it('promote: AWS\'s three operations; applied, they promote', () => {
    const ops = stdoutJson(['promote', 'stage.json'])
    expect(ops).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    ])
    expect(expectRight(applyPatch(seed, ops as never)).deploymentId).toBe('eh1sby')
  })

  it('promote --skip-deployment --keep-traffic: only the variables', () => {
    expect(stdoutJson(['promote', 'stage.json', '--skip-deployment', '--keep-traffic'])).toEqual([{ op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' }])
  })

  it('promote --output stage: the stage after', () => {
    expect(stageOf(stdoutJson(['promote', 'stage.json', '--output', 'stage'])).deploymentId).toBe('eh1sby')
  })

  it('promote without a canary: AWS\'s message, exit 1', () => {
    const r = runCli(['promote', '-'], envOf({}, '{"stageName":"prod","deploymentId":"nfcn0x"}'))
    expect(r).toEqual({ stdout: '', stderr: 'apigw-canary promote: BadRequestException: Promotion not available. Canary does not exist.\n', exitCode: 1 })
  })

  it('disable: remove /canarySettings', () => {
    expect(stdoutJson(['disable', 'stage.json'])).toEqual([{ op: 'remove', path: '/canarySettings' }])
  })

  it('set-traffic: the percentage as the AWS docs write it', () => {
    expect(stdoutJson(['set-traffic', '25', 'stage.json'])).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25.0' }])
    expect(stdoutJson(['set-traffic', '10.5', '-'], seedText)).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.5' }])
  })

  it('set-traffic: a bad percentage is a command-line mistake; no canary is an input error', () => {
    expect(cli('set-traffic', '150', 'stage.json')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('percent: "150" is not a percentage (0 to 100)') })
    expect(cli('set-traffic', 'ten', 'stage.json')).toMatchObject({ exitCode: 2 })
    expect(cli('set-traffic')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('missing the percentage') })
    expect(runCli(['set-traffic', '5', '-'], envOf({}, '{"stageName":"prod","deploymentId":"nfcn0x"}'))).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('has no canary') })
    expect(cli('set-traffic', '5', 'stage.json', '--output', 'yaml')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--output: "yaml"') })
  })
})

describe('diff', () => {
  it('the operations between the docs\' before and after stages (the same lastUpdatedDate)', () => {
    const after = { ...(JSON.parse(afterText) as Record<string, unknown>), lastUpdatedDate: (JSON.parse(seedText) as Record<string, unknown>)['lastUpdatedDate'] }
    const r = runCli(['diff', 'stage.json', '-'], envOf({ 'stage.json': seedText }, JSON.stringify(after)))
    expect(r.exitCode).toBe(0)
    const made = expectRight(applyPatch(seed, JSON.parse(r.stdout) as never))
    expect(made).toEqual(stageOf(after))
  })

  it('two get-stage snapshots (the docs\' before and after): the fields only the service sets are ignored', () => {
    const ops = stdoutJson(['diff', 'stage.json', 'after.json'])
    expect(ops).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'replace', path: '/deploymentId', value: 'eh1sby' },
      { op: 'replace', path: '/variables/sv2', value: 'val3' },
      { op: 'replace', path: '/variables/sv1', value: 'val2' }
    ])
    // Applied to the first snapshot, they give the second, but for what only the service sets.
    expect(withoutServiceFields(encodeStage(expectRight(applyPatch(seed, ops as never))))).toEqual(withoutServiceFields(JSON.parse(afterText)))
  })

  it('--strict compares them too: lastUpdatedDate differs, and no patch sets it: named, exit 1', () => {
    expect(cli('diff', 'stage.json', 'after.json', '--strict')).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'apigw-canary diff: lastUpdatedDate: update-stage cannot change it (only the service sets it; without --strict it is ignored)\n'
    })
    const links = { ...(JSON.parse(seedText) as Record<string, unknown>), _links: {} }
    expect(runCli(['diff', 'stage.json', '-', '--strict'], envOf({ 'stage.json': seedText }, JSON.stringify(links)))).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^apigw-canary diff: _links: /) })
    expect(JSON.parse(runCli(['diff', 'stage.json', '-'], envOf({ 'stage.json': seedText }, JSON.stringify(links))).stdout)).toEqual([])
  })

  it('--help says which fields are ignored, and what --strict does', () => {
    const help = cli('diff', '--help').stdout
    expect(help).toContain('Ignores the fields only the service sets: createdDate, lastUpdatedDate, cacheClusterStatus,\n_links')
    expect(help).toContain('--strict  compare those fields too')
  })

  it('a field no patch changes: named, exit 1; two stages needed', () => {
    const r = runCli(['diff', 'a.json', 'b.json'], envOf({ 'a.json': '{"stageName":"prod"}', 'b.json': '{"stageName":"beta"}' }))
    expect(r).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('stageName') })
    expect(cli('diff', 'stage.json')).toMatchObject({ exitCode: 2 })
    expect(cli('diff', '-', '-')).toMatchObject({ exitCode: 2 })
  })
})

describe('simulate', () => {
  it('a seeded run: the same seed, the same output', () => {
    const out = stdoutJson(['simulate', 'stage.json', '--requests', '10000', '--seed', '7']) as { production: number; canary: number; byDeployment: object }
    expect(out.production + out.canary).toBe(10_000)
    expect(out.byDeployment).toEqual({ nfcn0x: out.production, eh1sby: out.canary })
    expect(cli('simulate', 'stage.json', '--requests', '10000', '--seed', '7').stdout).toBe(cli('simulate', '--seed', '7', '--requests', '10000', 'stage.json').stdout)
  })

  it('bad numbers and missing options', () => {
    expect(cli('simulate', 'stage.json', '--requests', 'many', '--seed', '1')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('--requests: "many" is not a whole number') })
    expect(cli('simulate', 'stage.json', '--seed', '1')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('missing --requests') })
    expect(cli('simulate', 'stage.json', '--requests', '0', '--seed', '1')).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('requests: 0 is not a whole number of requests') })
    expect(cli('simulate', 'stage.json', '--requests', '10', '--seed', '1', '--confidence', 'high')).toMatchObject({ exitCode: 2 })
  })
})

describe('plan', () => {
  const fresh = JSON.stringify({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0 } })

  it('each step\'s time, event, operations and stage; no operations joined across time', () => {
    const out = stdoutJson(['plan', '--preset', 'Canary10Percent5Minutes', '-'], fresh) as { plan: string; status: unknown; entries: ReadonlyArray<{ at: number; event: { _tag: string }; operations: unknown; stage: unknown }> }
    expect(Object.keys(out)).toEqual(['plan', 'status', 'entries'])
    expect(out.plan).toBe('Canary10Percent5Minutes')
    expect(out.status).toEqual({ _tag: 'Succeeded' })
    expect(out.entries.map((e) => [e.at, e.event._tag])).toEqual([
      [0, 'TrafficSet'],
      [0, 'BakeStarted'],
      [300_000, 'BakeEnded'],
      [300_000, 'Promoted'],
      [300_000, 'Disabled'],
      [300_000, 'Succeeded']
    ])
    expect(out.entries[0]?.operations).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' }])
    expect(out.entries[5]?.stage).toEqual({ stageName: 'prod', deploymentId: 'eh1sby' })
  })

  it('--help: each entry\'s operations are one request, sent at its time', () => {
    expect(cli('plan', '--help').stdout).toContain('Each entry\'s operations are one update-stage request, to send at that entry\'s time')
  })

  it('CodeDeploy\'s ECS and Lambda names', () => {
    const names = (preset: string) => (stdoutJson(['plan', '--preset', preset, '-'], fresh) as { plan: string }).plan
    expect(names('CodeDeployDefault.ECSLinear10PercentEvery1Minutes')).toBe('Linear10PercentEvery1Minute')
    expect(names('CodeDeployDefault.LambdaLinear10PercentEvery1Minute')).toBe('Linear10PercentEvery1Minute')
  })

  it('--keep-canary and --start-at', () => {
    const out = stdoutJson(['plan', '--preset', 'CodeDeployDefault.AllAtOnce', '--keep-canary', '--start-at', '1000', '-'], fresh) as { entries: ReadonlyArray<{ at: number; event: { _tag: string } }> }
    expect(out.entries.map((e) => [e.at, e.event._tag])).toEqual([[1000, 'Promoted'], [1000, 'Succeeded']])
  })

  it('an unknown preset, a stage without a canary', () => {
    expect(cli('plan', '--preset', 'Fast', 'stage.json')).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('preset: "Fast" is not a preset') })
    expect(runCli(['plan', '--preset', 'AllAtOnce', '-'], envOf({}, '{"stageName":"prod","deploymentId":"nfcn0x"}'))).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('has no canary') })
  })
})
