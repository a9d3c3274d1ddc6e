/**
 * apigw-canary/iac on real-shaped inputs: a CloudFormation template (YAML, short forms) and a
 * CDK-synthesised template with each of the three canary shapes, the case LocalStack recorded
 * against AWS (a Stage plus a canary Deployment), `terraform show -json` state and plan; then
 * malformed and hostile input; then the round-trip laws.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import {
  fromCloudFormationCanary,
  fromCloudFormationStage,
  fromTerraformStage,
  parseTemplate,
  parseTerraform,
  preflight,
  readTemplate,
  readTerraform,
  reconcile,
  templateActions,
  toCloudFormationCanary,
  toCloudFormationStage,
  toStage,
  toTerraformStage,
  type DeclaredStage
} from '../../src/iac/index.js'
import * as arb from '../arbitraries.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/iac/${name}`, import.meta.url), 'utf8')

const right = <E, A>(r: E.Either<E, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected Right, got ${JSON.stringify(r.left)}`)
  return r.right
}
const left = <E, A>(r: E.Either<E, A>): E => {
  if (E.isRight(r)) throw new Error(`expected Left, got ${JSON.stringify(r.right)}`)
  return r.left
}

const stagesOf = (name: string): ReadonlyArray<DeclaredStage> => right(E.flatMap(readTemplate)(parseTemplate(fixture(name), name)))
const ref = (logicalId: string) => ({ _tag: 'Ref', logicalId })

describe('CloudFormation: the three canary shapes', () => {
  it('a YAML template with short forms: Stage.CanarySetting, DeploymentCanarySettings, StageDescription.CanarySetting', () => {
    const [prod, beta, dev] = stagesOf('three-shapes.yaml')
    expect(prod).toEqual({
      origin: { _tag: 'CloudFormation', logicalId: 'ProdStage', resourceType: 'AWS::ApiGateway::Stage' },
      stageName: 'prod',
      deploymentId: ref('ProdDeployment'),
      description: { _tag: 'Intrinsic', fn: 'Fn::If', args: ['IsProd', 'production', 'staging'] },
      variables: { lambdaAlias: 'Prod', table: { _tag: 'Intrinsic', fn: 'Fn::Sub', args: '${ApiName}-orders' } },
      tracingEnabled: true,
      canarySettings: { deploymentId: ref('ProdCanaryDeployment'), percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false }
    })
    expect(beta?.origin).toEqual({ _tag: 'CloudFormation', logicalId: 'BetaStage', resourceType: 'AWS::ApiGateway::Stage', canary: { logicalId: 'BetaCanaryDeployment', shape: 'DeploymentCanarySettings' } })
    expect(beta?.canarySettings).toEqual({ deploymentId: ref('BetaCanaryDeployment'), percentTraffic: 25.5, stageVariableOverrides: { lambdaAlias: 'BetaNext' }, useStageCache: true })
    expect(dev).toEqual({
      origin: { _tag: 'CloudFormation', logicalId: 'DevDeployment', resourceType: 'AWS::ApiGateway::Deployment', canary: { logicalId: 'DevDeployment', shape: 'StageDescriptionCanarySetting' } },
      stageName: 'dev',
      deploymentId: ref('DevDeployment'),
      description: 'development',
      variables: { lambdaAlias: 'Dev' },
      canarySettings: { percentTraffic: 50, stageVariableOverrides: { lambdaAlias: 'DevNext' } }
    })
  })

  it('a CDK-synthesised template (hashed logical ids, Metadata, Rules) with the three shapes', () => {
    const [prod, beta, dev] = stagesOf('cdk-synth.template.json')
    expect(prod?.canarySettings).toEqual({ deploymentId: ref('CanaryDeployment3E4F5A6B'), percentTraffic: 50, stageVariableOverrides: { stage: 'test' } })
    expect(prod?.deploymentId).toEqual(ref('ordersapiDeployment8A9B0C1Dd41d8cd98f00b204e9800998ecf8427e'))
    expect(beta?.canarySettings).toEqual({ deploymentId: ref('BetaCanary4D5E6F7A'), percentTraffic: 5, stageVariableOverrides: { stage: 'beta-next' }, useStageCache: false })
    expect(dev?.canarySettings).toEqual({ percentTraffic: 20, useStageCache: true })
    // resolved with the stack's physical ids, each is the library's Stage
    expect(right(toStage(dev as DeclaredStage, { DevDeployment8B9C0D1E: 'dv1234' }))).toEqual({
      stageName: 'dev',
      deploymentId: 'dv1234',
      variables: { stage: 'dev' },
      canarySettings: { deploymentId: 'dv1234', percentTraffic: 20, useStageCache: true }
    })
  })

  it('CDK\'s camelCase properties: CfnStage.CanarySettingProperty, CfnDeployment.DeploymentCanarySettingsProperty, CfnDeployment.CanarySettingProperty', () => {
    expect(right(fromCloudFormationCanary({ deploymentId: 'eh1sby', percentTraffic: 12.3, stageVariableOverrides: { stageVariableOverridesKey: 'stageVariableOverrides' }, useStageCache: false }, 'StageCanarySetting', { casing: 'camel' }))).toEqual({
      deploymentId: 'eh1sby',
      percentTraffic: 12.3,
      stageVariableOverrides: { stageVariableOverridesKey: 'stageVariableOverrides' },
      useStageCache: false
    })
    expect(right(fromCloudFormationCanary({ percentTraffic: 50, useStageCache: true }, 'DeploymentCanarySettings', { casing: 'camel' }))).toEqual({ percentTraffic: 50, useStageCache: true })
    expect(left(fromCloudFormationCanary({ deploymentId: 'x' }, 'StageDescriptionCanarySetting', { casing: 'camel' })).message).toBe(
      'canarySetting.deploymentId is not a property of AWS::ApiGateway::Deployment StageDescription.CanarySetting (percentTraffic, stageVariableOverrides, useStageCache): the deployment itself is the canary'
    )
    // PascalCase given where camelCase is expected is refused, not ignored
    expect(left(fromCloudFormationCanary({ PercentTraffic: 5 }, 'StageCanarySetting', { casing: 'camel' })).where).toBe('canarySetting.PercentTraffic')
    expect(right(fromCloudFormationStage({ stageName: 'prod', restApiId: 'a', canarySetting: { percentTraffic: 5 } }, 'MyCfnStage', { casing: 'camel' })).canarySettings).toEqual({ percentTraffic: 5 })
  })
})

describe('the case LocalStack recorded against AWS: a Stage and a second Deployment with DeploymentCanarySettings', () => {
  const [declared] = stagesOf('canary-deployment.yaml')
  const live = right(decodeStage(JSON.parse(fixture('canary-deployment.live.json'))))
  const refs = { ApiDeployment: 'a1b2c3', ApiCanaryDeployment: 'd4e5f6' }

  it('reads as the stage prod with the canary deployment as its canary (percent 50, lambdaAlias: Dev)', () => {
    expect(declared?.canarySettings).toEqual({ deploymentId: ref('ApiCanaryDeployment'), percentTraffic: 50, stageVariableOverrides: { lambdaAlias: 'Dev' } })
    // resolved, it is the stage AWS answered with (the service's own fields aside)
    const { createdDate: _c, lastUpdatedDate: _l, cacheClusterStatus: _s, tags: _t, methodSettings: _m, cacheClusterEnabled: _e, tracingEnabled: _r, ...rest } = live
    expect(right(toStage(declared as DeclaredStage, refs))).toEqual(rest)
  })

  it('AWS\'s answer reconciles with no drift: the dates and cache status are the service\'s, the references unresolved', () => {
    const r = reconcile(live, declared as DeclaredStage)
    expect(r.drift).toBe(false)
    expect(r.history).toBe('None')
    expect(r.differences.map((d) => `${d.field}:${d.reason}`)).toEqual([
      'createdDate:ServiceField',
      'lastUpdatedDate:ServiceField',
      'cacheClusterStatus:ServiceField',
      'deploymentId:Unresolved',
      'canarySettings.deploymentId:Unresolved'
    ])
    expect(reconcile(live, declared as DeclaredStage, { refs }).differences.map((d) => d.reason)).toEqual(['ServiceField', 'ServiceField', 'ServiceField'])
    // a canary on another deployment than the stack's is drift once the references are known
    const moved = reconcile({ ...live, canarySettings: { ...live.canarySettings!, deploymentId: 'zzz999' as never } }, declared as DeclaredStage, { refs })
    expect(moved.drift).toBe(true)
    expect(moved.differences.at(-1)).toMatchObject({ field: 'canarySettings.deploymentId', kind: 'drift' })
  })

  it('the deploy passes preflight: the canary deployment depends on the Stage', () => {
    const actions = right(E.flatMap(templateActions)(parseTemplate(fixture('canary-deployment.yaml'))))
    expect(actions).toEqual([
      { logicalId: 'Stage', action: { _tag: 'CreateStage', stageName: 'prod', logicalId: 'Stage' } },
      { logicalId: 'ApiCanaryDeployment', action: { _tag: 'CanaryDeployment', stageName: 'prod', stageCreatedBefore: true } }
    ])
    for (const { action } of actions) expect(E.isRight(preflight(undefined, action))).toBe(true)
    // the stack's own stage, updated: accepted (its aws:cloudformation:logical-id tag names it)
    expect(E.isRight(preflight(live, actions[0]!.action))).toBe(true)
    // without DependsOn: Stage, the canary deployment may run first
    const noDepends = fixture('canary-deployment.yaml').replace('DependsOn: [PostMethod, Stage]', 'DependsOn: [PostMethod]')
    const [, canary] = right(E.flatMap(templateActions)(parseTemplate(noDepends)))
    const refusal = left(preflight(undefined, canary!.action))
    expect(refusal.message).toBe('Invalid deployment content specified.Stage prod must already be created before making a canary release deployment')
    expect(refusal.fix).toMatch(/DependsOn/)
  })

  it('after a promotion by hand: expected differences, and a write-back that the next reconcile accepts', () => {
    const promoted: Stage = { ...live, deploymentId: 'd4e5f6' as never, variables: { lambdaAlias: 'Dev' } as never, canarySettings: { ...live.canarySettings!, percentTraffic: 0 as never } }
    const r = reconcile(promoted, declared as DeclaredStage)
    expect(r.history).toBe('Promoted')
    expect(r.drift).toBe(false)
    expect(r.differences.filter((d) => d.reason === 'Promotion').map((d) => d.field)).toEqual(['deploymentId', 'variables.lambdaAlias', 'canarySettings.percentTraffic'])
    const [yaml, cdk] = r.writeBack
    expect(yaml?.language).toBe('yaml')
    expect(yaml?.text).toContain('DeploymentId: d4e5f6 # the id of ApiCanaryDeployment: a !Ref to it here would be a circular dependency (it DependsOn the Stage)\nVariables:\n  lambdaAlias: Dev\n')
    expect(cdk?.text).toContain("cfnStage.variables = { lambdaAlias: 'Dev' }")
    // paste the YAML into the Stage's properties: the template now says what the stage is
    const patch = right(parseTemplate(yaml?.text ?? '')) as Record<string, unknown>
    const template = right(parseTemplate(fixture('canary-deployment.yaml'))) as { Resources: { Stage: { Properties: Record<string, unknown> } } }
    const written = { ...template, Resources: { ...template.Resources, Stage: { ...template.Resources.Stage, Properties: { ...template.Resources.Stage.Properties, ...patch } } } }
    const again = reconcile(promoted, right(readTemplate(written))[0] as DeclaredStage)
    expect(again.drift).toBe(false)
    expect(again.writeBack).toEqual([])
  })

  it('promoted then removed: the removal is written back too; removed without a promotion is a rollback', () => {
    const { canarySettings: _, ...rest } = live
    const promotedRemoved: Stage = { ...rest, deploymentId: 'd4e5f6' as never, variables: { lambdaAlias: 'Dev' } as never }
    const r = reconcile(promotedRemoved, declared as DeclaredStage)
    expect(r.history).toBe('PromotedAndRemoved')
    expect(r.drift).toBe(false)
    expect(r.writeBack[0]?.text).toMatch(/ApiCanaryDeployment: remove DeploymentCanarySettings/)
    const rolledBack = reconcile(rest, declared as DeclaredStage, { refs })
    expect(rolledBack.history).toBe('RolledBack')
    expect(rolledBack.drift).toBe(true)
    expect(rolledBack.differences.at(-1)).toMatchObject({ field: 'canarySettings', kind: 'drift' })
  })
})

describe('Terraform: terraform show -json', () => {
  const state = right(parseTerraform(fixture('terraform-state.json')))
  const plan = right(parseTerraform(fixture('terraform-plan.json')))

  it('a state: the canary stage, a child module\'s stage (a provider before 5.75.0: no canary deployment_id); data sources skipped', () => {
    const [prod, legacy, ...none] = right(readTerraform(state))
    expect(none).toEqual([])
    expect(prod).toEqual({
      origin: { _tag: 'Terraform', address: 'aws_api_gateway_stage.prod', deployments: { nfcn0x: 'aws_api_gateway_deployment.v1', eh1sby: 'aws_api_gateway_deployment.v2' } },
      stageName: 'prod',
      deploymentId: 'nfcn0x',
      variables: { lambdaAlias: 'Prod', table: 'orders' },
      tracingEnabled: false,
      cacheClusterEnabled: false,
      canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false }
    })
    expect(legacy?.canarySettings).toEqual({ percentTraffic: 5 })
    // the canary's deployment was AWS's to fill: expected, not drift
    const live = right(decodeStage({ stageName: 'v1', deploymentId: 'q9w8e7', description: 'legacy provider (before 5.75.0): no canary deployment_id', canarySettings: { deploymentId: 'q9w8e7', percentTraffic: 5 } }))
    expect(reconcile(live, legacy as DeclaredStage).differences).toEqual([
      expect.objectContaining({ field: 'canarySettings.deploymentId', kind: 'expected', reason: 'FilledByAws' })
    ])
  })

  it('a plan: planned_values, with the canary deployment_id known only after apply', () => {
    const [prod] = right(readTerraform(plan))
    expect(prod?.canarySettings).toEqual({ deploymentId: { _tag: 'Unknown', reason: 'known after apply' }, percentTraffic: 20, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false })
    expect(prod?.origin).toEqual({ _tag: 'Terraform', address: 'aws_api_gateway_stage.prod', deployments: { nfcn0x: 'aws_api_gateway_deployment.v1' } })
  })

  it('a promotion by hand: the HCL to write back names the deployment resource', () => {
    const [prod] = right(readTerraform(state))
    const live = right(decodeStage({
      stageName: 'prod', deploymentId: 'eh1sby', variables: { lambdaAlias: 'Canary', table: 'orders' },
      canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false }
    }))
    const r = reconcile(live, prod as DeclaredStage)
    expect(r.history).toBe('Promoted')
    expect(r.drift).toBe(false)
    expect(r.writeBack).toEqual([
      {
        language: 'hcl',
        title: 'aws_api_gateway_stage.prod',
        text: [
          '# aws_api_gateway_stage.prod: the canary was promoted (the stage runs its deployment and variables; the canary stays at 0%).',
          'resource "aws_api_gateway_stage" "prod" {',
          '  # ... the other arguments as they are',
          '  deployment_id = aws_api_gateway_deployment.v2.id # eh1sby',
          '  variables = {',
          '    lambdaAlias = "Canary"',
          '    table = "orders"',
          '  }',
          '  canary_settings {',
          '    deployment_id            = aws_api_gateway_deployment.v2.id',
          '    percent_traffic          = 0',
          '    stage_variable_overrides = { lambdaAlias = "Canary" }',
          '    use_stage_cache          = false',
          '  }',
          '}',
          ''
        ].join('\n')
      }
    ])
    // written back, the state says what the stage is
    const after = right(fromTerraformStage({ ...toTerraformStage(live) }, 'aws_api_gateway_stage.prod'))
    expect(reconcile(live, after)).toEqual({ history: 'None', differences: [], drift: false, writeBack: [] })
  })
})

describe('preflight: AWS\'s refusals, exactly', () => {
  const canary = right(decodeStage({ stageName: 'v1', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } }))
  const plain = right(decodeStage({ stageName: 'v1', deploymentId: 'nfcn0x' }))

  it('a deployment without canary settings to a canary stage (serverless issue 11518), with the operations that clear the way', () => {
    const r = left(preflight(canary, { _tag: 'Deployment', stageName: 'v1' }))
    expect(r).toMatchObject({
      name: 'BadRequestException',
      message: 'Invalid deployment content specified.Non canary deployment not supported on stage v1 because Canary is enabled. Provide CanarySettings in deploymentInput.'
    })
    expect(r.operations).toEqual({
      promote: [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
        { op: 'remove', path: '/canarySettings' }
      ],
      rollback: [{ op: 'remove', path: '/canarySettings' }]
    })
    expect(right(preflight(plain, { _tag: 'Deployment', stageName: 'v1' })).effect).toMatch(/moves stage v1/)
  })

  it('a canary deployment to no stage, to an empty name, to a stage that does not exist', () => {
    const prefix = 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
    expect(left(preflight(undefined, { _tag: 'CanaryDeployment', stageName: null })).message).toBe(`${prefix}null`)
    expect(left(preflight(plain, { _tag: 'CanaryDeployment', stageName: '' })).message).toBe(prefix)
    expect(left(preflight(undefined, { _tag: 'CanaryDeployment', stageName: 'beta' })).message).toBe(
      'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'
    )
    expect(E.isRight(preflight(canary, { _tag: 'CanaryDeployment', stageName: 'v1' }))).toBe(true)
  })

  it('a stage creation where the stage exists and is not the stack\'s', () => {
    expect(left(preflight(plain, { _tag: 'CreateStage', stageName: 'v1', logicalId: 'Stage' }))).toMatchObject({ name: 'ConflictException', message: 'Stage already exists' })
    expect(E.isRight(preflight(undefined, { _tag: 'CreateStage', stageName: 'v1' }))).toBe(true)
  })

  it('a serverless-style template (a Deployment naming the stage) against a canary stage is refused', () => {
    const t = parseTemplate('Resources:\n  ApiGatewayDeployment16669:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref ApiGatewayRestApi\n      StageName: v1\n')
    const [first] = right(E.flatMap(templateActions)(t))
    expect(first?.action).toEqual({ _tag: 'Deployment', stageName: 'v1' })
    expect(left(preflight(canary, first!.action)).message).toMatch(/^Invalid deployment content specified\.Non canary deployment not supported on stage v1/)
  })
})

describe('malformed templates: the error names the place', () => {
  const read = (text: string) => E.flatMap(readTemplate)(parseTemplate(text, 'template.yaml'))
  const stage = (props: string) => `Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n${props}`

  it('YAML that does not parse: its line and column', () => {
    const e = left(parseTemplate('Resources:\n  Prod:\n    Type: AWS::ApiGateway::Stage\n    Properties: { StageName: prod\n', 'template.yaml'))
    expect(e).toMatchObject({ where: 'template.yaml', line: 5 })
    expect(e.message).toMatch(/^template\.yaml: line 5, column \d+: not YAML: /)
    expect(left(parseTemplate('{"Resources": {"A": }}', 't.json')).message).toMatch(/^t\.json: line 1, column \d+: not JSON: /)
    expect(left(parseTemplate('a: 1\na: 2\n')).message).toMatch(/line 2.*not YAML: Map keys must be unique/)
  })

  it('a value that breaks a rule: the resource, the property path and the rule', () => {
    expect(left(read(stage('      CanarySetting:\n        PercentTraffic: 150\n'))).message).toBe('Resources.Prod.Properties.CanarySetting.PercentTraffic: 150 is not a percentage (0 to 100)')
    expect(left(read(stage('      Variables:\n        bad-name: x\n'))).message).toBe('Resources.Prod.Properties.Variables.bad-name is not a stage variable name (letters, digits and _, at most 64 characters)')
    expect(left(read(stage('      CanarySetting:\n        StageVariableOverrides:\n          a: "x y"\n'))).where).toBe('Resources.Prod.Properties.CanarySetting.StageVariableOverrides.a')
    expect(left(read(stage('      CanarySetting:\n        Percent: 5\n'))).message).toMatch(/^Resources\.Prod\.Properties\.CanarySetting\.Percent is not a property of AWS::ApiGateway::Stage CanarySetting/)
    expect(left(read(stage('      CacheClusterSize: 2\n'))).message).toMatch(/CacheClusterSize: 2 is not a cache cluster size/)
    expect(left(read('Resources:\n  D:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      StageName: prod\n      StageDescription:\n        CanarySetting:\n          UseStageCache: maybe\n')).message).toBe(
      'Resources.D.Properties.StageDescription.CanarySetting.UseStageCache: "maybe" is not a boolean'
    )
    expect(left(read('Resources:\n  D:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      StageName: prod\n      DeploymentCanarySettings: 50\n')).message).toBe(
      'Resources.D.Properties.DeploymentCanarySettings: 50 is not AWS::ApiGateway::Deployment DeploymentCanarySettings (an object)'
    )
    expect(left(read('AWSTemplateFormatVersion: "2010-09-09"\n')).where).toBe('Resources')
    expect(left(read('Resources:\n  A:\n    Properties: {}\n')).where).toBe('Resources.A.Type')
  })

  it('Terraform: the resource address and the attribute', () => {
    const doc = (values: unknown) => ({ values: { root_module: { resources: [{ address: 'aws_api_gateway_stage.prod', mode: 'managed', type: 'aws_api_gateway_stage', values }] } } })
    expect(left(readTerraform(doc({ canary_settings: [{}, {}] }))).message).toMatch(/^aws_api_gateway_stage\.prod\.canary_settings: .* is not a canary_settings block/)
    expect(left(readTerraform(doc({ stage_name: 'prod', variables: { a: 1 } }))).message).toBe('aws_api_gateway_stage.prod.variables.a: 1 is not a string')
    expect(left(readTerraform({ format_version: '1.0' })).where).toBe('values')
  })
})

describe('hostile input', () => {
  it('__proto__ keys are data, and pollute nothing', () => {
    for (const text of [
      '{"Resources":{"__proto__":{"Type":"AWS::ApiGateway::Stage","Properties":{"StageName":"p","Variables":{"a":"b"}}}}}',
      'Resources:\n  __proto__:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      StageName: p\n      Variables:\n        a: b\n'
    ]) {
      const [s] = right(E.flatMap(readTemplate)(parseTemplate(text)))
      expect(s?.origin).toEqual({ _tag: 'CloudFormation', logicalId: '__proto__', resourceType: 'AWS::ApiGateway::Stage' })
      expect(s?.variables).toEqual({ a: 'b' })
      expect(({} as Record<string, unknown>)['Type']).toBeUndefined()
    }
    // as a variable name it is refused, as AWS's name rule refuses it here, naming the place
    const e = left(E.flatMap(readTemplate)(parseTemplate('{"Resources":{"S":{"Type":"AWS::ApiGateway::Stage","Properties":{"Variables":{"__proto__":"x"}}}}}')))
    expect(e.where).toBe('Resources.S.Properties.Variables.__proto__')
    const tpl = right(parseTemplate('{"__proto__": {"polluted": true}, "Resources": {}}'))
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(right(readTemplate(tpl))).toEqual([])
    const tf = right(readTerraform({ values: { root_module: { resources: [{ address: 'aws_api_gateway_stage.p', type: 'aws_api_gateway_stage', values: { stage_name: 'p', canary_settings: [{ percent_traffic: 1, ['__proto__']: { x: 1 } }] } }] } } }))
    expect(tf[0]?.canarySettings).toEqual({ percentTraffic: 1 })
  })

  it('deep nesting, alias bombs and huge files are Lefts, fast', () => {
    expect(left(parseTemplate(`{"Resources":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)).message).toMatch(/nests deeper|not JSON/)
    expect(E.isLeft(parseTemplate(`Resources: ${'['.repeat(10_000)}${']'.repeat(10_000)}`))).toBe(true)
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n')
    expect(left(parseTemplate(bomb)).message).toMatch(/could not be read: .*alias/i)
    expect(left(parseTemplate(`# ${'x'.repeat(5 * 1024 * 1024)}`)).message).toMatch(/too large/)
    expect(E.isLeft(readTerraform(JSON.parse(`{"values":{"root_module":${'{"child_modules":['.repeat(300)}{}${']}'.repeat(300)}}}`)))).toBe(true)
    expect(E.isLeft(readTemplate(null))).toBe(true)
    // objects built in code: a cycle is refused; parts shared so often that the paths are 2^40 are walked once
    const cyclic: Record<string, unknown> = { Resources: {} }
    ;(cyclic['Resources'] as Record<string, unknown>)['loop'] = cyclic
    expect(left(readTemplate(cyclic)).message).toMatch(/or refers to itself/)
    let shared: unknown = 'x'
    for (let i = 0; i < 40; i++) shared = [shared, shared]
    expect(right(readTerraform({ values: { root_module: { resources: [], extra: shared } } }))).toEqual([])
    expect(E.isLeft(parseTemplate(42 as unknown as string))).toBe(true)
  })
})

// -------------------------------------------------------------------------------------
// laws: model → CloudFormation / CDK / Terraform → model
// -------------------------------------------------------------------------------------

/** The fields the tools declare. */
const declarable = (s: Stage): Stage => {
  const out: Record<string, unknown> = {}
  for (const k of ['stageName', 'deploymentId', 'description', 'variables', 'tracingEnabled', 'cacheClusterEnabled', 'cacheClusterSize', 'canarySettings'] as const) {
    if (s[k] !== undefined) out[k] = s[k]
  }
  return out as Stage
}

const stages = fc.oneof(arb.stage, arb.canaryStage).map(declarable)

describe('laws', () => {
  it('model → CloudFormation Stage properties (JSON text, then YAML text) → model', () => {
    fc.assert(
      fc.property(stages, (s) => {
        const props = toCloudFormationStage(s)
        const json = right(fromCloudFormationStage(JSON.parse(JSON.stringify(props)), 'Stage'))
        expect(right(toStage(json))).toEqual(s)
        const yamlText = `Resources:\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties: ${JSON.stringify(props)}\n`
        const [viaYaml] = right(E.flatMap(readTemplate)(parseTemplate(yamlText)))
        expect(right(toStage(viaYaml as DeclaredStage))).toEqual(s)
      }),
      { numRuns: 100 }
    )
  })

  it('model → CDK (camelCase) → model', () => {
    fc.assert(
      fc.property(stages, (s) => {
        expect(right(toStage(right(fromCloudFormationStage(toCloudFormationStage(s, 'camel'), 'MyCfnStage', { casing: 'camel' }))))).toEqual(s)
      }),
      { numRuns: 100 }
    )
  })

  it('model → Terraform attributes → model', () => {
    fc.assert(
      fc.property(stages, (s) => {
        // Terraform writes an unset optional string as "": an empty description reads as none
        const { description, ...rest } = s
        const expected = description === '' ? rest : s
        expect(right(toStage(right(fromTerraformStage(JSON.parse(JSON.stringify(toTerraformStage(s))), 'aws_api_gateway_stage.s'))))).toEqual(expected)
      }),
      { numRuns: 100 }
    )
  })

  it('each canary shape round-trips (the deployment shapes without deploymentId, which AWS fills)', () => {
    fc.assert(
      fc.property(arb.canarySettings, fc.constantFrom('Pascal' as const, 'camel' as const), (c, casing) => {
        expect(right(fromCloudFormationCanary(toCloudFormationCanary(c, 'StageCanarySetting', casing), 'StageCanarySetting', { casing }))).toEqual(c)
        for (const shape of ['DeploymentCanarySettings', 'StageDescriptionCanarySetting'] as const) {
          const { deploymentId: _, ...rest } = c
          expect(right(fromCloudFormationCanary(toCloudFormationCanary(c, shape, casing), shape, { casing }))).toEqual(rest)
        }
      }),
      { numRuns: 100 }
    )
  })

  it('a stage reconciled with its own declaration has no differences, whichever tool declares it', () => {
    fc.assert(
      fc.property(stages, (s) => {
        const tf = right(fromTerraformStage(toTerraformStage(s), 'aws_api_gateway_stage.s'))
        const cfn = right(fromCloudFormationStage(toCloudFormationStage(s), 'Stage'))
        expect(reconcile(s, tf).differences).toEqual([])
        expect(reconcile(s, cfn).differences).toEqual([])
      }),
      { numRuns: 100 }
    )
  })
})

describe('parseTemplate', () => {
  it('a YAML flow mapping that starts with a brace is YAML, not broken JSON', () => {
    expect(right(parseTemplate('{ Resources: { S: { Type: AWS::ApiGateway::Stage, Properties: { StageName: !Ref Name } } } }'))).toEqual({
      Resources: { S: { Type: 'AWS::ApiGateway::Stage', Properties: { StageName: { Ref: 'Name' } } } }
    })
  })

  it('every short form, scalar, sequence and mapping, nested', () => {
    const text = [
      'a: !Ref X',
      'b: !GetAtt A.B.C',
      'c: !GetAtt [A, B]',
      'd: !Sub "${AWS::Region}-x"',
      'e: !Sub ["${A}-x", { A: !Ref Y }]',
      'f: !Join [":", [a, !Ref B]]',
      'g: !If [Cond, !Ref T, !Ref "AWS::NoValue"]',
      'h: !Condition IsProd',
      'i: !Transform { Name: "AWS::Include", Parameters: { Location: s3://b/k } }',
      'j: !Select [0, !GetAZs ""]',
      'k: !Base64 abc',
      'l: !Unknown kept'
    ].join('\n')
    expect(right(parseTemplate(text))).toEqual({
      a: { Ref: 'X' },
      b: { 'Fn::GetAtt': ['A', 'B.C'] },
      c: { 'Fn::GetAtt': ['A', 'B'] },
      d: { 'Fn::Sub': '${AWS::Region}-x' },
      e: { 'Fn::Sub': ['${A}-x', { A: { Ref: 'Y' } }] },
      f: { 'Fn::Join': [':', ['a', { Ref: 'B' }]] },
      g: { 'Fn::If': ['Cond', { Ref: 'T' }, { Ref: 'AWS::NoValue' }] },
      h: { Condition: 'IsProd' },
      i: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      j: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      k: { 'Fn::Base64': 'abc' },
      l: 'kept'
    })
  })
})

describe('write-back for the other two shapes', () => {
  const [prod, , dev] = stagesOf('three-shapes.yaml')

  it('Stage.CanarySetting promoted: DeploymentId and the canary at 0% written back; pasted, the stage is in step', () => {
    const refs = { ProdDeployment: 'p41aaa', ProdCanaryDeployment: 'p42bbb' }
    const live = right(decodeStage({
      stageName: 'prod', deploymentId: 'p42bbb', tracingEnabled: true, description: 'production',
      variables: { lambdaAlias: 'Canary', table: 'orders-orders' },
      canarySettings: { deploymentId: 'p42bbb', percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false }
    }))
    const r = reconcile(live, prod as DeclaredStage, { refs })
    expect(r.history).toBe('Promoted')
    expect(r.drift).toBe(false)
    const yaml = r.writeBack[0]?.text ?? ''
    expect(yaml).toContain('DeploymentId: !Ref ProdCanaryDeployment\n')
    expect(yaml).toContain("Variables:\n  lambdaAlias: Canary\n  table: { \"Fn::Sub\": \"${ApiName}-orders\" }\n")
    expect(yaml).toContain('CanarySetting:\n  DeploymentId: !Ref ProdCanaryDeployment\n  PercentTraffic: 0\n  StageVariableOverrides:\n    lambdaAlias: Canary\n  UseStageCache: false\n')
    expect(r.writeBack[1]?.text).toContain("cfnStage.canarySetting = { deploymentId: 'p42bbb' /* Ref ProdCanaryDeployment */, percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'Canary' }, useStageCache: false }")
    const pasted = right(fromCloudFormationStage({ ...toCloudFormationStage(prod as DeclaredStage), ...(right(parseTemplate(yaml)) as object) }, 'ProdStage'))
    const again = reconcile(live, pasted, { refs })
    expect(again.writeBack).toEqual([])
    expect(again.differences.filter((d) => d.reason !== 'Unresolved')).toEqual([])
  })

  it('StageDescription.CanarySetting promoted (the canary on the stage\'s own deployment): the variables and 0% under StageDescription', () => {
    const live = right(decodeStage({
      stageName: 'dev', deploymentId: 'dv1234', description: 'development', variables: { lambdaAlias: 'DevNext' },
      canarySettings: { deploymentId: 'dv1234', percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'DevNext' } }
    }))
    const r = reconcile(live, dev as DeclaredStage, { refs: { DevDeployment: 'dv1234' } })
    expect(r.history).toBe('Promoted')
    expect(r.writeBack[0]).toMatchObject({ language: 'yaml', title: 'Resources.DevDeployment.Properties.StageDescription' })
    expect(r.writeBack[0]?.text).toContain('Variables:\n  lambdaAlias: DevNext\nCanarySetting:\n  PercentTraffic: 0\n')
    expect(r.writeBack[0]?.text).not.toContain('DeploymentId')
    expect(r.writeBack[1]?.text).toContain("cfnDeployment.addPropertyOverride('StageDescription.CanarySetting.PercentTraffic', 0)")
  })

  it('a canary removed by hand from a Stage.CanarySetting stage: a rollback, the removal to write back', () => {
    const live = right(decodeStage({ stageName: 'prod', deploymentId: 'p41aaa', tracingEnabled: true, variables: { lambdaAlias: 'Prod', table: 'orders-orders' } }))
    const r = reconcile(live, prod as DeclaredStage, { refs: { ProdDeployment: 'p41aaa', ProdCanaryDeployment: 'p42bbb' } })
    expect(r.history).toBe('RolledBack')
    expect(r.writeBack[0]?.text).toContain('# and delete CanarySetting')
    expect(r.writeBack[1]?.text).toContain('cfnStage.canarySetting = undefined')
  })
})
