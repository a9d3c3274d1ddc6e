/// <reference types="node" />
/**
 * The command line's infrastructure-as-code commands: `preflight` (will API Gateway refuse
 * this deploy?) and `reconcile` (the live stage against a CloudFormation / CDK template or a
 * Terraform state or plan, and what to write back after a promotion). Pure handlers, as the
 * other commands.
 *
 * Exit codes, for a CI step: 0 all clear; 3 `preflight`: AWS will refuse an action /
 * `reconcile`: a promotion (or a rollback) to write back, no drift; 4 `reconcile`: real drift;
 * 1 bad input; 2 a bad command line.
 *
 * @since 0.2.0
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { inputError, usageError, type Failure, type Result } from './failure.js'
import { parseArgs } from 'node:util'
import type { Stage } from '../stage/Stage.js'
import { describeUnresolved, isUnresolved, type DeclaredStage, type IacError } from '../iac/Declared.js'
import { parseTemplate, readTemplate, templateActions, type TemplateAction } from '../iac/CloudFormation.js'
import { parseTerraform, readTerraform, terraformActions } from '../iac/Terraform.js'
import { preflight, type DeployAction } from '../iac/Preflight.js'
import { reconcile, type Difference, type Reconciliation } from '../iac/Reconcile.js'
import type { CliOutput, Command } from './commands.js'
import { readStage, readText } from './input.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']

interface Parsed {
  readonly values: { readonly [name: string]: string | boolean | ReadonlyArray<string> | undefined }
  readonly positionals: ReadonlyArray<string>
}

const parse = (argv: ReadonlyArray<string>, options: Options): Result<Parsed> => {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    return E.right({ values: values as Parsed['values'], positionals })
  } catch (error) {
    return E.left(usageError(error instanceof Error ? error.message : String(error)))
  }
}

const stringValue = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name]
  return typeof v === 'string' ? v : undefined
}

const fromIac = (file: string) => (e: IacError): Failure => inputError(e.message.startsWith(file) ? e.message : `${file}: ${e.message}`)

const handle = (name: string, usage: string, body: () => Result<CliOutput>): CliOutput => {
  let result: Result<CliOutput>
  try {
    result = body()
  } catch (error) {
    result = E.left(inputError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`))
  }
  return E.getOrElse((f: Failure): CliOutput => ({
    stdout: '',
    stderr: `apigw-canary ${name}: ${f.message}\n${f.exitCode === 2 ? `${usage.split('\n')[0] ?? ''}\n` : ''}`,
    exitCode: f.exitCode
  }))(result)
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

// -------------------------------------------------------------------------------------
// preflight
// -------------------------------------------------------------------------------------

const PREFLIGHT_USAGE = `usage: apigw-canary preflight [<stage.json|->] (--action deployment|canary-deployment|create-stage | --template FILE | --terraform PLAN) [--stage-name NAME] [--no-stage]

Says whether API Gateway will refuse a deploy, before it runs: with AWS's exact error and the
fix. The stage is what aws apigateway get-stage prints (a file, or - for standard input); give
--no-stage when the stage does not exist (get-stage answered NotFoundException).

  --action       what the deploy does: a deployment without canary settings, a canary
                 deployment, or a stage creation (to --stage-name, or the stage's name)
  --template     a CloudFormation template (JSON or YAML; a CDK synth output too): each of its
                 deployments and stages that concern the stage is checked
  --terraform    a Terraform plan as terraform show -json prints it: each deployment and stage
                 it creates that concerns the stage is checked
  --stage-name   the stage the deploy targets (default: the stage's stageName)
  --no-stage     the stage does not exist

Prints one JSON entry per action (accepted, or refused with AWS's exception name, message, the
fix and the update-stage operations that clear the way); each refusal is also on stderr.

Exit codes: 0 AWS will accept every action; 3 AWS will refuse at least one; 1 bad input;
2 a bad command line.`

const ACTIONS = ['deployment', 'canary-deployment', 'create-stage'] as const

const preflightCommand: Command = {
  summary: 'will API Gateway refuse this deploy? AWS\'s error and the fix, before the deploy (exit 3 if so)',
  usage: PREFLIGHT_USAGE,
  run: (argv, env) =>
    handle('preflight', PREFLIGHT_USAGE, () => {
      const parsed = parse(argv, { action: { type: 'string' }, template: { type: 'string' }, terraform: { type: 'string' }, 'stage-name': { type: 'string' }, 'no-stage': { type: 'boolean' } })
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right({ stdout: `${PREFLIGHT_USAGE}\n`, stderr: '', exitCode: 0 })
      if (p.positionals.length > 1) return E.left(usageError(`unexpected argument ${JSON.stringify(p.positionals[1])}`))
      const noStage = p.values['no-stage'] === true
      const path = p.positionals[0]
      if (noStage && path !== undefined) return E.left(usageError('give the stage or --no-stage, not both'))
      if (!noStage && path === undefined) return E.left(usageError('missing the stage: give a get-stage JSON file, - for standard input, or --no-stage when it does not exist'))
      const action = stringValue(p, 'action')
      const template = stringValue(p, 'template')
      const terraform = stringValue(p, 'terraform')
      if ([action, template, terraform].filter((x) => x !== undefined).length !== 1) return E.left(usageError('give one of --action, --template and --terraform'))
      if (action !== undefined && !(ACTIONS as ReadonlyArray<string>).includes(action)) return E.left(usageError(`--action: ${JSON.stringify(action)} is not one of ${ACTIONS.join(', ')}`))
      const stage = path === undefined ? E.right(undefined) : readStage(path, env)
      if (E.isLeft(stage)) return stage
      const stageName = stringValue(p, 'stage-name') ?? stage.right?.stageName
      let actions: ReadonlyArray<{ readonly logicalId?: string; readonly action: DeployAction }>
      if (action !== undefined) {
        if (stageName === undefined && action !== 'canary-deployment') return E.left(usageError('missing --stage-name (the stage has no stageName to take it from)'))
        const name = stageName ?? null
        actions = [
          {
            action:
              action === 'deployment'
                ? { _tag: 'Deployment', stageName: name ?? '' }
                : action === 'canary-deployment'
                  ? { _tag: 'CanaryDeployment', stageName: name }
                  : { _tag: 'CreateStage', stageName: name ?? '' }
          }
        ]
      } else {
        const file = template ?? terraform ?? ''
        const text = readText(file, env)
        if (E.isLeft(text)) return text
        // the whole document is read (and so checked) before its actions are listed
        const found = E.mapLeft(fromIac(file))(
          template !== undefined
            ? E.flatMap((t: unknown) => E.flatMap(readTemplate(t), () => templateActions(t)))(parseTemplate(text.right, file))
            : E.flatMap((t: unknown) => E.flatMap(readTerraform(t), () => terraformActions(t)))(parseTerraform(text.right, file))
        )
        if (E.isLeft(found)) return found
        actions = found.right.filter((a: Pick<TemplateAction, 'action'>) => stageName === undefined || a.action.stageName === null || a.action.stageName === stageName)
      }
      const results = actions.map((a) => ({ ...(a.logicalId === undefined ? {} : { logicalId: a.logicalId }), action: a.action, result: preflight(stage.right, a.action) }))
      const refused = results.filter((r) => E.isLeft(r.result))
      const out = results.map((r) =>
        E.isLeft(r.result)
          ? { ...(r.logicalId === undefined ? {} : { logicalId: r.logicalId }), action: r.action, refused: true, name: r.result.left.name, message: r.result.left.message, fix: r.result.left.fix, ...(r.result.left.operations === undefined ? {} : { operations: r.result.left.operations }) }
          : { ...(r.logicalId === undefined ? {} : { logicalId: r.logicalId }), action: r.action, refused: false, effect: r.result.right.effect }
      )
      const stderr = refused
        .map((r) => (E.isLeft(r.result) ? `apigw-canary preflight: ${r.logicalId === undefined ? '' : `${r.logicalId}: `}AWS will refuse it: ${r.result.left.name}: ${r.result.left.message}\n  fix: ${r.result.left.fix}\n` : ''))
        .join('')
      return E.right({ stdout: json(out), stderr, exitCode: refused.length > 0 ? 3 : 0 })
    })
}

// -------------------------------------------------------------------------------------
// reconcile
// -------------------------------------------------------------------------------------

const RECONCILE_USAGE = `usage: apigw-canary reconcile <stage.json|-> (--template FILE | --terraform FILE) [--stage-name NAME | --resource ID] [--ref LogicalId=id ...] [--output text|json]

Compares the live stage (what aws apigateway get-stage prints) with what a CloudFormation or
CDK template, or a Terraform state or plan (terraform show -json), declares. Each difference is
expected (a field only AWS sets, a value AWS fills in, a reference only the tool resolves, what
a promotion changed) or drift. After a promotion made outside the tool, prints what to write
back so that the next apply keeps it: template properties (YAML), CDK properties (TypeScript),
Terraform attributes (HCL).

  --template     a CloudFormation template, JSON or YAML (a cdk synth output too)
  --terraform    terraform show -json output (a state or a plan)
  --stage-name   which declared stage (default: the live stage's name)
  --resource     which declared stage, by logical id or Terraform address
  --ref          the value of a CloudFormation Ref, to compare instead of leaving it unresolved
                 (ApiDeployment=nfcn0x; aws cloudformation describe-stack-resources lists them);
                 may be repeated
  --output       text (default) or json

Exit codes: 0 in step (expected differences only); 3 a promotion or rollback to write back, and
no drift; 4 drift; 1 bad input; 2 a bad command line.`

const pick = (stages: ReadonlyArray<DeclaredStage>, live: Stage, stageName: string | undefined, resource: string | undefined): Result<DeclaredStage> => {
  const idOf = (s: DeclaredStage): string => (s.origin._tag === 'Terraform' ? s.origin.address : s.origin.logicalId)
  const name = stageName ?? live.stageName
  const candidates =
    resource !== undefined
      ? stages.filter((s) => idOf(s) === resource)
      : name !== undefined && stages.some((s) => s.stageName === name)
        ? stages.filter((s) => s.stageName === name)
        : stages.length === 1
          ? stages
          : []
  const [first, second] = candidates
  const listed = stages.map((s) => `${idOf(s)} (${s.stageName === undefined ? 'no stage name' : isUnresolved(s.stageName) ? describeUnresolved(s.stageName) : s.stageName})`).join(', ')
  if (first === undefined) {
    return E.left(inputError(stages.length === 0 ? 'declares no API Gateway stage' : `declares no stage ${resource ?? name ?? ''}: it declares ${listed}; choose with --stage-name or --resource`))
  }
  if (second !== undefined) return E.left(inputError(`declares more than one stage ${name ?? ''}: ${listed}; choose with --resource`))
  return E.right(first)
}

const show = (v: unknown): string => (v === undefined ? '(none)' : isUnresolved(v) ? describeUnresolved(v) : JSON.stringify(v))

const HISTORY: Readonly<Record<Reconciliation['history'], string>> = {
  None: '',
  Promoted: 'the canary was promoted outside the tool',
  PromotedAndRemoved: 'the canary was promoted, then removed, outside the tool',
  RolledBack: 'the canary was removed (rolled back) outside the tool'
}

const text = (declared: DeclaredStage, r: Reconciliation): string => {
  const where = declared.origin._tag === 'Terraform' ? declared.origin.address : `Resources.${declared.origin.logicalId} (${declared.origin.resourceType})`
  const line = (d: Difference): string => `  ${d.field}: live ${show(d.live)}, declared ${show(d.declared)} (${d.reason}: ${d.note})`
  const expected = r.differences.filter((d) => d.kind === 'expected')
  const drift = r.differences.filter((d) => d.kind === 'drift')
  const parts = [
    `stage ${show(declared.stageName)}, declared by ${where}: ${r.drift ? 'drift' : r.writeBack.length > 0 ? 'write back' : 'in step'}${r.history === 'None' ? '' : `; ${HISTORY[r.history]}`}`,
    ...(expected.length === 0 ? [] : ['expected:', ...expected.map(line)]),
    ...(drift.length === 0 ? [] : ['drift:', ...drift.map(line)]),
    ...r.writeBack.flatMap((s) => [`write back (${s.language}, ${s.title}):`, s.text.trimEnd()])
  ]
  return `${parts.join('\n')}\n`
}

const reconcileCommand: Command = {
  summary: 'the live stage against a template or Terraform state: drift, and what to write back after a promotion (exit 3/4)',
  usage: RECONCILE_USAGE,
  run: (argv, env) =>
    handle('reconcile', RECONCILE_USAGE, () => {
      const parsed = parse(argv, {
        template: { type: 'string' },
        terraform: { type: 'string' },
        'stage-name': { type: 'string' },
        resource: { type: 'string' },
        ref: { type: 'string', multiple: true },
        output: { type: 'string' }
      })
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right({ stdout: `${RECONCILE_USAGE}\n`, stderr: '', exitCode: 0 })
      if (p.positionals.length > 1) return E.left(usageError(`unexpected argument ${JSON.stringify(p.positionals[1])}`))
      const path = p.positionals[0]
      if (path === undefined) return E.left(usageError('missing the stage: give a get-stage JSON file, or - for standard input'))
      const template = stringValue(p, 'template')
      const terraform = stringValue(p, 'terraform')
      if ((template === undefined) === (terraform === undefined)) return E.left(usageError('give one of --template and --terraform'))
      const output = stringValue(p, 'output') ?? 'text'
      if (output !== 'text' && output !== 'json') return E.left(usageError(`--output: ${JSON.stringify(output)} is not one of text, json`))
      const refs: Record<string, string> = {}
      const refWords = p.values['ref']
      for (const word of Array.isArray(refWords) ? (refWords as ReadonlyArray<string>) : []) {
        const at = word.indexOf('=')
        if (at <= 0 || at === word.length - 1) return E.left(usageError(`--ref: ${JSON.stringify(word)} is not LogicalId=value`))
        Object.defineProperty(refs, word.slice(0, at), { value: word.slice(at + 1), enumerable: true, writable: true, configurable: true })
      }
      if (template !== undefined && terraform === undefined && path === '-' && template === '-') return E.left(usageError('only one of the stage and the template can be read from standard input'))
      if (terraform !== undefined && path === '-' && terraform === '-') return E.left(usageError('only one of the stage and the Terraform document can be read from standard input'))
      const file = template ?? terraform ?? ''
      const source = readText(file, env)
      if (E.isLeft(source)) return source
      const live = readStage(path, env)
      if (E.isLeft(live)) return live
      const declaredStages = E.mapLeft(fromIac(file))(
        template !== undefined ? E.flatMap(readTemplate)(parseTemplate(source.right, file)) : E.flatMap(readTerraform)(parseTerraform(source.right, file))
      )
      if (E.isLeft(declaredStages)) return declaredStages
      const chosen = E.mapLeft((f: Failure) => inputError(`${file} ${f.message}`))(pick(declaredStages.right, live.right, stringValue(p, 'stage-name'), stringValue(p, 'resource')))
      if (E.isLeft(chosen)) return chosen
      const r = reconcile(live.right, chosen.right, { refs })
      const exitCode = r.drift ? 4 : r.writeBack.length > 0 ? 3 : 0
      return E.right({ stdout: output === 'json' ? json({ origin: chosen.right.origin, ...r }) : text(chosen.right, r), stderr: '', exitCode })
    })
}

/**
 * The infrastructure-as-code commands, by name.
 *
 * @internal
 */
export const iacCommands: Readonly<Record<string, Command>> = {
  preflight: preflightCommand,
  reconcile: reconcileCommand
}
