/**
 * `apigw-canary preflight` and `apigw-canary reconcile` in process, by example: exit codes,
 * which mistakes are command-line mistakes (exit 2) and which are bad input (exit 1), the
 * options each reads. The executable itself is run in iac.process.test.ts.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { commands, envOf, runCli } from '../../src/cli/run.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/iac/${name}`, import.meta.url), 'utf8')
const live = JSON.parse(fixture('canary-deployment.live.json')) as Record<string, unknown> & { canarySettings: Record<string, unknown> }
const { canarySettings: _, ...withoutCanary } = live
const env = envOf({
  'live.json': JSON.stringify(live),
  'plain.json': JSON.stringify(withoutCanary),
  'promoted.json': JSON.stringify({ ...live, deploymentId: 'd4e5f6', variables: { lambdaAlias: 'Dev' }, canarySettings: { ...live.canarySettings, percentTraffic: 0 } }),
  'template.yaml': fixture('canary-deployment.yaml'),
  'three.yaml': fixture('three-shapes.yaml'),
  'state.json': fixture('terraform-state.json'),
  'bad.yaml': 'Resources:\n  S:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      CanarySetting: { PercentTraffic: 150 }\n',
  'not-a-stage.json': '{"stageName": 5}',
  'plan.json': JSON.stringify({
    format_version: '1.2',
    planned_values: { root_module: {} },
    resource_changes: [
      { address: 'aws_api_gateway_deployment.v3', mode: 'managed', type: 'aws_api_gateway_deployment', name: 'v3', change: { actions: ['create'], before: null, after: { stage_name: 'prod', canary_settings: [], description: 'release 43' } } },
      { address: 'aws_api_gateway_deployment.c4', mode: 'managed', type: 'aws_api_gateway_deployment', name: 'c4', change: { actions: ['delete', 'create'], before: {}, after: { stage_name: 'prod', canary_settings: [{ percent_traffic: 10 }] } } },
      { address: 'aws_api_gateway_stage.qa', mode: 'managed', type: 'aws_api_gateway_stage', name: 'qa', change: { actions: ['create'], before: null, after: { stage_name: 'qa' } } }
    ]
  })
})
const cli = (...argv: ReadonlyArray<string>) => runCli(argv, env)
const usageLine = (name: string): string => (commands[name]?.usage ?? '').split('\n')[0] ?? ''
const usageError = (name: string, message: string) => ({ exitCode: 2, stdout: '', stderr: `apigw-canary ${name}: ${message}\n${usageLine(name)}\n` })
const inputError = (name: string, message: string) => ({ exitCode: 1, stdout: '', stderr: `apigw-canary ${name}: ${message}\n` })

describe('apigw-canary preflight', () => {
  it('exit 0 when AWS will accept every action, 3 when it will refuse one', () => {
    expect(cli('preflight', 'plain.json', '--action', 'deployment')).toMatchObject({ exitCode: 0, stderr: '' })
    expect(cli('preflight', 'live.json', '--action', 'canary-deployment')).toMatchObject({ exitCode: 0, stderr: '' })
    const refused = cli('preflight', 'live.json', '--action', 'deployment')
    expect(refused.exitCode).toBe(3)
    expect(JSON.parse(refused.stdout)).toEqual([
      expect.objectContaining({ refused: true, name: 'BadRequestException', message: expect.stringMatching(/^Invalid deployment content specified\.Non canary deployment not supported on stage prod/) })
    ])
    expect(cli('preflight', '--no-stage', '--action', 'canary-deployment')).toMatchObject({
      exitCode: 3,
      stderr: expect.stringContaining('Non null and non empty stageName must be provided for canary deployment. Provided value is null')
    })
    expect(cli('preflight', 'live.json', '--action', 'create-stage').stderr).toContain('ConflictException: Stage already exists')
  })

  it('--terraform: a plan\'s deployments and stage creations on that stage', () => {
    const r = cli('preflight', 'live.json', '--terraform', 'plan.json')
    expect(r.exitCode).toBe(3)
    expect(JSON.parse(r.stdout)).toEqual([
      expect.objectContaining({ logicalId: 'aws_api_gateway_deployment.v3', refused: true, message: expect.stringMatching(/^Invalid deployment content specified\.Non canary deployment not supported on stage prod/) }),
      expect.objectContaining({ logicalId: 'aws_api_gateway_deployment.c4', refused: false, action: { _tag: 'CanaryDeployment', stageName: 'prod' } })
    ])
    expect(cli('preflight', 'plain.json', '--terraform', 'plan.json').exitCode).toBe(0)
    expect(JSON.parse(cli('preflight', '--no-stage', '--stage-name', 'qa', '--terraform', 'plan.json').stdout)).toEqual([
      expect.objectContaining({ logicalId: 'aws_api_gateway_stage.qa', refused: false, action: { _tag: 'CreateStage', stageName: 'qa' } })
    ])
  })

  it('--template: the template\'s actions on that stage (the stack\'s own Stage, named by its tag, is an update)', () => {
    const r = cli('preflight', 'live.json', '--template', 'template.yaml')
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout).map((a: { logicalId: string }) => a.logicalId)).toEqual(['Stage', 'ApiCanaryDeployment'])
    // another stack's template for the same stage name: its Stage resource would collide
    expect(cli('preflight', 'live.json', '--template', 'three.yaml').exitCode).toBe(3)
    // only the actions on stage beta
    expect(JSON.parse(cli('preflight', '--no-stage', '--stage-name', 'beta', '--template', 'three.yaml').stdout).map((a: { logicalId: string }) => a.logicalId)).toEqual(['BetaStage', 'BetaCanaryDeployment'])
  })

  it('command-line and input mistakes', () => {
    expect(cli('preflight', 'live.json')).toEqual(usageError('preflight', 'give one of --action, --template and --terraform'))
    expect(cli('preflight', 'live.json', '--action', 'deployment', '--template', 'template.yaml')).toEqual(usageError('preflight', 'give one of --action, --template and --terraform'))
    expect(cli('preflight', 'live.json', '--terraform', 'state.json')).toEqual(inputError('preflight', 'state.json: resource_changes is missing: preflight needs a plan (terraform plan -out plan, then terraform show -json plan), not a state'))
    expect(cli('preflight', 'live.json', '--action', 'deploy')).toEqual(usageError('preflight', '--action: "deploy" is not one of deployment, canary-deployment, create-stage'))
    expect(cli('preflight', '--action', 'deployment')).toEqual(usageError('preflight', 'missing the stage: give a get-stage JSON file, - for standard input, or --no-stage when it does not exist'))
    expect(cli('preflight', 'live.json', '--no-stage', '--action', 'deployment')).toEqual(usageError('preflight', 'give the stage or --no-stage, not both'))
    expect(cli('preflight', '--no-stage', '--action', 'deployment')).toEqual(usageError('preflight', 'missing --stage-name (the stage has no stageName to take it from)'))
    expect(cli('preflight', 'not-a-stage.json', '--action', 'deployment')).toEqual(inputError('preflight', 'not-a-stage.json is not a stage: stageName: 5 is not a string'))
    expect(cli('preflight', 'live.json', '--template', 'bad.yaml')).toEqual(inputError('preflight', 'bad.yaml: Resources.S.Properties.CanarySetting.PercentTraffic: 150 is not a percentage (0 to 100)'))
    expect(cli('preflight', '--help')).toMatchObject({ exitCode: 0, stdout: expect.stringContaining('Exit codes: 0 AWS will accept every action; 3 AWS will refuse at least one') })
  })
})

describe('apigw-canary reconcile', () => {
  it('exit 0 in step, 3 a promotion to write back, 4 drift', () => {
    expect(cli('reconcile', 'live.json', '--template', 'template.yaml').exitCode).toBe(0)
    const promoted = cli('reconcile', 'promoted.json', '--template', 'template.yaml', '--output', 'json')
    expect(promoted.exitCode).toBe(3)
    expect(JSON.parse(promoted.stdout)).toMatchObject({ history: 'Promoted', drift: false, origin: { logicalId: 'Stage' } })
    const drift = cli('reconcile', 'live.json', '--template', 'template.yaml', '--ref', 'ApiDeployment=zzz999', '--ref', 'ApiCanaryDeployment=d4e5f6')
    expect(drift.exitCode).toBe(4)
    expect(drift.stdout).toContain('drift:\n  deploymentId: live "a1b2c3", declared Ref ApiDeployment (Drift: the stage runs another deployment than declared)\n')
  })

  it('which declared stage: the live stage\'s name, --stage-name or --resource', () => {
    expect(cli('reconcile', 'live.json', '--template', 'three.yaml').stdout).toMatch(/^stage "prod", declared by Resources\.ProdStage/)
    expect(cli('reconcile', 'live.json', '--template', 'three.yaml', '--stage-name', 'beta').stdout).toMatch(/^stage "beta", declared by Resources\.BetaStage/)
    expect(cli('reconcile', 'live.json', '--template', 'three.yaml', '--resource', 'DevDeployment').stdout).toMatch(/^stage "dev", declared by Resources\.DevDeployment \(AWS::ApiGateway::Deployment\)/)
    expect(cli('reconcile', 'live.json', '--template', 'three.yaml', '--stage-name', 'qa')).toEqual(
      inputError('reconcile', 'three.yaml declares no stage qa: it declares ProdStage (prod), BetaStage (beta), DevDeployment (dev); choose with --stage-name or --resource')
    )
    expect(cli('reconcile', 'live.json', '--terraform', 'state.json').stdout).toMatch(/^stage "prod", declared by aws_api_gateway_stage\.prod: drift/)
  })

  it('command-line and input mistakes', () => {
    expect(cli('reconcile', 'live.json')).toEqual(usageError('reconcile', 'give one of --template and --terraform'))
    expect(cli('reconcile', 'live.json', '--template', 'template.yaml', '--terraform', 'state.json')).toEqual(usageError('reconcile', 'give one of --template and --terraform'))
    expect(cli('reconcile', 'live.json', '--template', 'template.yaml', '--ref', 'ApiDeployment')).toEqual(usageError('reconcile', '--ref: "ApiDeployment" is not LogicalId=value'))
    expect(cli('reconcile', 'live.json', '--template', 'template.yaml', '--output', 'yaml')).toEqual(usageError('reconcile', '--output: "yaml" is not one of text, json'))
    expect(cli('reconcile', '-', '--template', '-')).toEqual(usageError('reconcile', 'only one of the stage and the template can be read from standard input'))
    expect(cli('reconcile', 'live.json', '--template', 'missing.yaml')).toEqual(inputError('reconcile', 'cannot read missing.yaml: no such file'))
    expect(cli('reconcile', 'live.json', '--terraform', 'template.yaml').stderr).toMatch(/^apigw-canary reconcile: template\.yaml: not JSON: /)
    expect(cli('reconcile', 'live.json', '--template', 'bad.yaml')).toEqual(inputError('reconcile', 'bad.yaml: Resources.S.Properties.CanarySetting.PercentTraffic: 150 is not a percentage (0 to 100)'))
  })
})
