// How long apigw-canary/iac takes on large inputs: a CloudFormation YAML template and the same
// as JSON with N stages (each with a canary and two variables), a `terraform show -json` state
// with N stages, and reconcile of one stage; the median of three runs each.
//
//   npm run build && node bench/iac.mjs
//
// Measured once (AMD EPYC, 2 cores shared, load average 12.5, so several times slower than a
// quiet machine): YAML 33 KiB / 336 KiB / 1.7 MiB in 470 / 815 / 4898 ms (the yaml package's
// parse; the readers add little: the same stages as JSON take 8 / 51 / 82 ms), terraform show
// -json 33 KiB / 330 KiB / 1.6 MiB in 13 / 65 / 127 ms, reconcile with a write-back 41 µs.
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import { decodeStage } from 'apigw-canary'
import { parseTemplate, parseTerraform, readTemplate, readTerraform, reconcile } from 'apigw-canary/iac'

const yamlOf = (n) =>
  ['Resources:', ...Array.from({ length: n }, (_, i) => [
    `  Stage${i}:`,
    '    Type: AWS::ApiGateway::Stage',
    '    Properties:',
    '      RestApiId: !Ref Api',
    `      StageName: s${i}`,
    `      DeploymentId: !Ref Deployment${i}`,
    '      Variables: { lambdaAlias: Prod, table: !Sub "${AWS::StackName}-t" }',
    `      CanarySetting: { DeploymentId: !Ref Canary${i}, PercentTraffic: 10, StageVariableOverrides: { lambdaAlias: Canary } }`
  ]).flat()].join('\n')

const jsonOf = (n) => {
  const resources = {}
  for (let i = 0; i < n; i++) {
    resources[`Stage${i}`] = { Type: 'AWS::ApiGateway::Stage', Properties: { RestApiId: { Ref: 'Api' }, StageName: `s${i}`, DeploymentId: { Ref: `Deployment${i}` }, Variables: { lambdaAlias: 'Prod' }, CanarySetting: { DeploymentId: { Ref: `Canary${i}` }, PercentTraffic: 10 } } }
  }
  return JSON.stringify({ Resources: resources })
}

const stateOf = (n) =>
  JSON.stringify({
    format_version: '1.0',
    values: { root_module: { resources: Array.from({ length: n }, (_, i) => ({ address: `aws_api_gateway_stage.s${i}`, mode: 'managed', type: 'aws_api_gateway_stage', name: `s${i}`, values: { stage_name: `s${i}`, deployment_id: 'nfcn0x', variables: { lambdaAlias: 'Prod' }, canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10, stage_variable_overrides: { lambdaAlias: 'Canary' }, use_stage_cache: false }] } })) } }
  })

const median = (f) => {
  const times = []
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const r = f()
    times.push(performance.now() - t0)
    if (r._tag === 'Left') throw new Error(r.left.message)
  }
  return times.sort((a, b) => a - b)[1]
}

console.log(`# apigw-canary/iac on large inputs\n\nMachine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism?.() ?? os.cpus().length} cores; Node ${process.version}; load ${os.loadavg()[0].toFixed(2)}\n`)
console.log('| input | size | parse + read, median of 3 |')
console.log('| --- | --: | --: |')
for (const n of [100, 1000, 5000]) {
  const yaml = yamlOf(n)
  const json = jsonOf(n)
  const state = stateOf(n)
  const row = (name, text, f) => console.log(`| ${name}, ${n} stages | ${(text.length / 1024).toFixed(0)} KiB | ${median(f).toFixed(1)} ms |`)
  row('CloudFormation YAML', yaml, () => { const t = parseTemplate(yaml); return t._tag === 'Left' ? t : readTemplate(t.right) })
  row('CloudFormation JSON', json, () => { const t = parseTemplate(json); return t._tag === 'Left' ? t : readTemplate(t.right) })
  row('terraform show -json', state, () => { const t = parseTerraform(state); return t._tag === 'Left' ? t : readTerraform(t.right) })
}
const live = decodeStage({ stageName: 'prod', deploymentId: 'eh1sby', variables: { lambdaAlias: 'Canary' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'Canary' } } })
const declared = readTerraform(JSON.parse(stateOf(1)))
const t0 = performance.now()
for (let i = 0; i < 10_000; i++) reconcile(live.right, declared.right[0])
console.log(`\nreconcile (a promotion, with the HCL write-back): ${((performance.now() - t0) / 10_000 * 1000).toFixed(1)} µs a call`)
