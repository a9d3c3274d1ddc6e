/// <reference types="node" />
/**
 * The commands of the `apigw-canary` command line, as a table of pure handlers: each takes its
 * own arguments (after the command's name) and an environment that reads files and standard
 * input, and returns what to print and the exit code. Nothing here touches the process; see
 * `main.ts` for the thin shell.
 *
 * To add a command, add an entry to {@link commands}: a summary, a usage text, and `run`.
 *
 * Exit codes: 0 success; 1 bad input (a file that cannot be read, not JSON, not a stage, an
 * operation AWS would refuse, a transition that does not apply); 2 a bad command line
 * (unknown command or option, a missing or malformed argument), with the usage line.
 *
 * @since 0.1.0
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { inputError, usageError, type Failure, type Result } from './failure.js'
import { parseArgs } from 'node:util'
import type { PromoteOptions } from '../lifecycle/Lifecycle.js'
import { diff, toOperations } from '../patch/Operations.js'
import { decodeOperations, type PatchOperation } from '../patch/PatchOperation.js'
import * as Percent from '../stage/Percent.js'
import * as Rollout from '../rollout/Rollout.js'
import * as RolloutPreset from '../rollout/RolloutPreset.js'
import { simulate } from '../traffic/Simulate.js'
import { encodeStage, type Stage } from '../stage/Stage.js'
import { applyPatchUnknown } from '../patch/StagePatch.js'
import * as Transition from '../lifecycle/Transition.js'
import { isJsonWord, isOperationWord, parsePatchOperations, type PatchOperationsArgument } from './shorthand.js'
import { parseArgsMessage } from './suggest.js'
import { readStage as readStageFrom, readText, type CliEnv } from './input.js'
import { deployCanary as deployCanaryStage } from '../lifecycle/Lifecycle.js'
import type { CanaryInput } from '../stage/CanarySettings.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

export type { CliEnv } from './input.js'

/** What the command line prints, and its exit code. @internal */
export interface CliOutput {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

/** One command. @internal */
export interface Command {
  readonly summary: string
  readonly usage: string
  readonly run: (argv: ReadonlyArray<string>, env: CliEnv) => CliOutput
}

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** An error value as one line: `BadRequestException: message (operation N)`. */
const describe = (e: unknown): string => {
  if (typeof e !== 'object' || e === null) return String(e)
  const { name, message, index } = e as { name?: unknown; message?: unknown; index?: unknown }
  const text = typeof message === 'string' ? message : JSON.stringify(e)
  const where = typeof index === 'number' && !text.includes(`[${index}]`) ? ` (patchOperations[${index}])` : ''
  return `${typeof name === 'string' && name !== '' ? `${name}: ` : ''}${text}${where}`
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`

const ok = (stdout: string): CliOutput => ({ stdout, stderr: '', exitCode: 0 })

/** Runs a command body, turning a failure into `apigw-canary {name}: {message}` and its code. */
const handle = (name: string, usage: string, body: () => Result<string>): CliOutput => {
  let result: Result<string>
  try {
    result = body()
  } catch (error) {
    result = E.left(inputError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`))
  }
  return E.match(
    (f: Failure): CliOutput => ({ stdout: '', stderr: `apigw-canary ${name}: ${f.message}\n${f.exitCode === 2 ? `${usage.split('\n')[0] ?? ''}\n` : ''}`, exitCode: f.exitCode }),
    ok
  )(result)
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']

/** One word of the command line as parseArgs read it: an option with its value, or a positional. */
type Token = { readonly kind: 'option'; readonly name: string; readonly value: string | undefined } | { readonly kind: 'positional'; readonly value: string } | { readonly kind: 'terminator' }

interface Parsed {
  readonly values: { readonly [name: string]: string | boolean | ReadonlyArray<string> | undefined }
  readonly positionals: ReadonlyArray<string>
  readonly tokens: ReadonlyArray<Token>
}

/**
 * `--option -5`: the value of an option that takes one, when it is a negative number. parseArgs
 * refuses a value that starts with a dash unless it is written `--option=-5`; a number is never
 * an option, so both spellings are taken.
 */
const joinNegativeNumbers = (argv: ReadonlyArray<string>, options: Options): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? ''
    const next = argv[i + 1]
    const name = word.startsWith('--') && !word.includes('=') ? word.slice(2) : undefined
    const option = name === undefined || options === undefined || !Object.prototype.hasOwnProperty.call(options, name) ? undefined : options[name]
    if (option?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${word}=${next}`)
      i++
    } else out.push(word)
  }
  return out
}

const parse = (argv: ReadonlyArray<string>, options: Options): Result<Parsed> => {
  try {
    const { values, positionals, tokens } = parseArgs({
      args: [...joinNegativeNumbers(argv, options)],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
      tokens: true
    })
    return E.right({
      values: values as Parsed['values'],
      positionals,
      tokens: tokens.map((t): Token => (t.kind === 'option' ? { kind: 'option', name: t.name, value: t.value } : t.kind === 'positional' ? { kind: 'positional', value: t.value } : { kind: 'terminator' }))
    })
  } catch (error) {
    return E.left(usageError(parseArgsMessage(error, [...Object.keys(options ?? {}), 'help'])))
  }
}

const stringValue = (p: Parsed, name: string): string | undefined => {
  const v = p.values[name]
  return typeof v === 'string' ? v : undefined
}

/** Reads a stage: the JSON that `aws apigateway get-stage` prints. */
const readStage = (path: string | undefined, env: CliEnv): Result<Stage> =>
  path === undefined ? E.left(usageError('missing the stage: give a get-stage JSON file, or - for standard input')) : readStageFrom(path, env)

const onlyPositionals = (p: Parsed, max: number): Result<Parsed> =>
  p.positionals.length > max ? E.left(usageError(`unexpected argument ${JSON.stringify(p.positionals[max])}`)) : E.right(p)

type Output = 'operations' | 'stage'

const outputOption = (p: Parsed, fallback: Output): Result<Output> => {
  const o = stringValue(p, 'output') ?? fallback
  return o === 'operations' || o === 'stage' ? E.right(o) : E.left(usageError(`--output: ${JSON.stringify(o)} is not one of operations, stage`))
}

/** A lifecycle transition as a command: prints its operations (or the stage after it). */
const transitionCommand = (
  name: string,
  summary: string,
  usage: string,
  options: Options,
  positionalsBeforeStage: number,
  toTransition: (p: Parsed) => Result<Transition.Transition>
): Command => ({
  summary,
  usage,
  run: (argv, env) =>
    handle(name, usage, () => {
      const parsed = E.flatMap(parse(argv, { ...options, output: { type: 'string' } }), (p: Parsed) => onlyPositionals(p, positionalsBeforeStage + 1))
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${usage}\n`)
      const output = outputOption(p, 'operations')
      if (E.isLeft(output)) return output
      const t = toTransition(p)
      if (E.isLeft(t)) return t
      const stage = readStage(p.positionals[positionalsBeforeStage], env)
      if (E.isLeft(stage)) return stage
      const fail = (e: unknown): Failure => inputError(describe(e))
      return output.right === 'operations'
        ? E.bimap(fail, (ops: ReadonlyArray<PatchOperation>) => json(ops))(toOperations(stage.right, t.right))
        : E.bimap(fail, (s: Stage) => json(encodeStage(s)))(Transition.transition(stage.right, t.right))
    })
})

const OUTPUT_HELP = '  --output operations|stage  print the update-stage operations (default; usable as --patch-operations file://ops.json) or the stage after them'

const wholeNumber = (text: string | undefined, option: string): Result<number | undefined> =>
  text === undefined
    ? E.right(undefined)
    : !/^-?\d+$/.test(text.trim())
      ? E.left(usageError(`${option}: ${JSON.stringify(text)} is not a whole number`))
      : Number.isSafeInteger(Number(text.trim()))
        ? E.right(Number(text.trim()))
        : E.left(usageError(`${option}: ${JSON.stringify(text)} is out of range: give a whole number from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`))

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

const APPLY_USAGE = `usage: apigw-canary apply <stage.json|-> --patch-operations <operation> [<operation> ...] [--deployments id,id] [--output stage|operations]

Applies update-stage patch operations to a stage (the JSON that aws apigateway get-stage
prints) and prints the stage AWS would answer with, or AWS's error.

--patch-operations reads what the AWS CLI reads, as the AWS CLI reads it:
  shorthand   one operation per word:
                op=replace,path=/canarySettings/percentTraffic,value=10 op=remove,path=/variables/x
              spaces around , and = are skipped; a value runs to the next comma and keeps its
              backslashes (C:\\temp stays C:\\temp) except \\, which is a comma; quote a value
              to hold a comma: value="a,b" (\\" and \\\\ unescaped) or value='a,b' (\\' and \\\\)
  JSON        '[{"op":"replace","path":"/canarySettings/percentTraffic","value":"10"}]', or one
              object {"op":...} per word
  file://ops.json  a file holding a JSON list (or {"patchOperations": [...]}); file://- reads
              standard input. As in the AWS CLI, it must be the only value, and shorthand in
              a file is refused
Give --patch-operations once: the AWS CLI would keep only the last one.

  --deployments  the deployment ids that exist: naming another is AWS's "Deployment id does not exist"
  --output stage|operations  print the stage after the patch (default) or the operations as read
                 (op, path, value and from only: update-stage takes nothing else)`

/** The words after each --patch-operations: its value, and the operation words that follow it. */
const operationGroups = (p: Parsed): { readonly groups: ReadonlyArray<ReadonlyArray<string>>; readonly positionals: ReadonlyArray<string> } => {
  const groups: Array<Array<string>> = []
  const positionals: Array<string> = []
  let current: Array<string> | undefined
  for (const t of p.tokens) {
    if (t.kind === 'option') {
      current = t.name === 'patch-operations' ? [t.value ?? ''] : undefined
      if (current !== undefined) groups.push(current)
    } else if (t.kind === 'positional') {
      if (current !== undefined && isOperationWord(t.value, isJsonWord(current[0] ?? ''))) current.push(t.value)
      else {
        current = undefined
        positionals.push(t.value)
      }
    } else current = undefined
  }
  return { groups, positionals }
}

/** An operation with only the members update-stage takes (op, from, path, value, in the order toOperations writes them). */
const wireOperation = (o: PatchOperation): PatchOperation => ({
  op: o.op,
  ...(o.from === undefined ? {} : { from: o.from }),
  path: o.path,
  ...(o.value === undefined ? {} : { value: o.value })
})

const apply: Command = {
  summary: 'apply update-stage patch operations to a stage',
  usage: APPLY_USAGE,
  run: (argv, env) =>
    handle('apply', APPLY_USAGE, () => {
      const parsed = parse(argv, { 'patch-operations': { type: 'string', multiple: true }, deployments: { type: 'string' }, output: { type: 'string' } })
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${APPLY_USAGE}\n`)
      const output = outputOption(p, 'stage')
      if (E.isLeft(output)) return output
      // Operation words after the first arrive as positionals: `--patch-operations a b`.
      const { groups, positionals } = operationGroups(p)
      if (positionals.length > 1) return E.left(usageError(`unexpected argument ${JSON.stringify(positionals[1])}`))
      const [group, second] = groups
      if (group === undefined) return E.left(usageError('missing --patch-operations'))
      if (second !== undefined) {
        return E.left(usageError('--patch-operations is given more than once: the AWS CLI keeps only the last; give every operation after one --patch-operations'))
      }
      const [word] = group
      const file = group.length === 1 && word !== undefined && word.startsWith('file://') ? word.slice('file://'.length) : undefined
      if (file === '-' && positionals[0] === '-') return E.left(usageError('only one of the stage and --patch-operations can be read from standard input'))
      let argument: PatchOperationsArgument = { _tag: 'Words', words: group }
      if (file !== undefined) {
        const text = readText(file, env)
        if (E.isLeft(text)) return text
        argument = { _tag: 'File', path: file, text: text.right }
      }
      const operations = E.mapLeft(inputError)(parsePatchOperations([argument]))
      if (E.isLeft(operations)) return operations
      const stage = readStage(positionals[0], env)
      if (E.isLeft(stage)) return stage
      const deployments = stringValue(p, 'deployments')
      const options = deployments === undefined ? {} : { deployments: deployments.split(',').map((d) => d.trim()).filter((d) => d !== '') }
      const fail = (e: unknown): Failure => inputError(describe(e))
      const after = E.mapLeft(fail)(applyPatchUnknown(stage.right, operations.right, options))
      if (E.isLeft(after)) return after
      return output.right === 'stage'
        ? E.right(json(encodeStage(after.right)))
        : E.bimap(fail, (ops: ReadonlyArray<PatchOperation>) => json(ops.map(wireOperation)))(decodeOperations(operations.right))
    })
}

const PROMOTE_USAGE = `usage: apigw-canary promote <stage.json|-> [--skip-deployment] [--skip-variables] [--keep-traffic] [--output operations|stage]

Promotes the canary: AWS's three operations (traffic to 0, the overrides merged into the stage
variables, the canary's deployment made the stage's). The canary stays enabled; disable it
with apigw-canary disable.

  --skip-deployment  keep the stage's deployment
  --skip-variables   keep the stage variables as they are
  --keep-traffic     keep the canary's share of traffic
${OUTPUT_HELP}`

const promote = transitionCommand(
  'promote',
  'promote the canary (AWS\'s three operations)',
  PROMOTE_USAGE,
  { 'skip-deployment': { type: 'boolean' }, 'skip-variables': { type: 'boolean' }, 'keep-traffic': { type: 'boolean' } },
  0,
  (p) => {
    const options: PromoteOptions = {
      ...(p.values['skip-deployment'] === true ? { deployment: false } : {}),
      ...(p.values['skip-variables'] === true ? { variables: false } : {}),
      ...(p.values['keep-traffic'] === true ? { resetTraffic: false } : {})
    }
    return E.right(Transition.promote(options))
  }
)

const DISABLE_USAGE = `usage: apigw-canary disable <stage.json|-> [--output operations|stage]

Disables the canary (remove /canarySettings): the stage's deployment and variables stay as they
are. Without a promotion first, this is the rollback.

${OUTPUT_HELP}`

const disable = transitionCommand('disable', 'disable the canary (the rollback)', DISABLE_USAGE, {}, 0, () => E.right(Transition.disable()))

const SET_TRAFFIC_USAGE = `usage: apigw-canary set-traffic <percent> <stage.json|-> [--output operations|stage]

Sets the canary's share of traffic, a number from 0 to 100 (such as 10 or 10.5).

${OUTPUT_HELP}`

const setTraffic = transitionCommand('set-traffic', 'set the canary\'s share of traffic', SET_TRAFFIC_USAGE, {}, 1, (p) => {
  const text = p.positionals[0]
  if (text === undefined) return E.left(usageError('missing the percentage (0 to 100)'))
  return E.bimap(
    (e: { message: string }) => usageError(e.message),
    (percent: number) => Transition.setTraffic(percent)
  )(Percent.fromString(text, 'percent'))
})

const CANARY_OPTIONS_HELP = `  --percent P          the canary's share of traffic, 0 to 100 (default 0)
  --override NAME=VALUE  a stage-variable override of the canary (repeat for more)
  --use-stage-cache    the canary uses the stage's cache`

const canaryOptions: Options = { percent: { type: 'string' }, override: { type: 'string', multiple: true }, 'use-stage-cache': { type: 'boolean' } }

/** The canary settings of --percent, --override and --use-stage-cache. */
const canaryInput = (p: Parsed): Result<CanaryInput> => {
  const text = stringValue(p, 'percent')
  const percent = text === undefined ? E.right(undefined) : E.bimap((e: { message: string }) => usageError(e.message), (n: number) => n)(Percent.fromString(text, '--percent'))
  if (E.isLeft(percent)) return percent
  const overrides: Record<string, string> = {}
  const words = p.values['override']
  for (const word of Array.isArray(words) ? (words as ReadonlyArray<string>) : []) {
    const eq = word.indexOf('=')
    if (eq <= 0) return E.left(usageError(`--override: ${JSON.stringify(word)} is not NAME=VALUE`))
    Object.defineProperty(overrides, word.slice(0, eq), { value: word.slice(eq + 1), enumerable: true, writable: true, configurable: true })
  }
  return E.right({
    ...(percent.right === undefined ? {} : { percentTraffic: percent.right }),
    ...(Object.keys(overrides).length === 0 ? {} : { stageVariableOverrides: overrides }),
    ...(p.values['use-stage-cache'] === true ? { useStageCache: true } : {})
  })
}

const ENABLE_USAGE = `usage: apigw-canary enable <stage.json|-> [--deployment ID] [--percent P] [--override NAME=VALUE ...] [--use-stage-cache] [--output operations|stage]

Enables a canary on a stage that has none, with update-stage: on the stage's own deployment
unless --deployment names another, at 0% unless --percent says otherwise.

  --deployment ID      the canary's deployment
${CANARY_OPTIONS_HELP}
${OUTPUT_HELP}`

const enable = transitionCommand('enable', 'enable a canary on a stage (update-stage)', ENABLE_USAGE, { ...canaryOptions, deployment: { type: 'string' } }, 0, (p) =>
  E.map((input: CanaryInput) => {
    const deployment = stringValue(p, 'deployment')
    return Transition.enableCanary(deployment === undefined ? input : { ...input, deploymentId: deployment })
  })(canaryInput(p))
)

const SET_OVERRIDE_USAGE = `usage: apigw-canary set-override <name> <value> <stage.json|-> [--output operations|stage]

Sets one stage-variable override of the canary (replace /canarySettings/stageVariableOverrides/NAME).

${OUTPUT_HELP}`

const setOverride = transitionCommand('set-override', 'set a stage-variable override of the canary', SET_OVERRIDE_USAGE, {}, 2, (p) => {
  const [name, value] = p.positionals
  if (name === undefined || value === undefined || p.positionals.length < 3) return E.left(usageError('set-override needs <name> <value> <stage.json|->'))
  return E.right(Transition.setOverride(name, value))
})

const REMOVE_OVERRIDE_USAGE = `usage: apigw-canary remove-override <name> <stage.json|-> [--output operations|stage]

Removes one stage-variable override of the canary (remove /canarySettings/stageVariableOverrides/NAME);
removing one that is not there changes nothing.

${OUTPUT_HELP}`

const removeOverride = transitionCommand('remove-override', 'remove a stage-variable override of the canary', REMOVE_OVERRIDE_USAGE, {}, 1, (p) => {
  const name = p.positionals[0]
  if (name === undefined || p.positionals.length < 2) return E.left(usageError('remove-override needs <name> <stage.json|->'))
  return E.right(Transition.removeOverride(name))
})

const DEPLOY_CANARY_USAGE = `usage: apigw-canary deploy-canary <stage.json|-> [--rest-api-id ID] [--percent P] [--override NAME=VALUE ...] [--use-stage-cache]

Prints the input of the create-deployment call that deploys a canary to the stage (the new
deployment becomes the canary's; any canary settings are replaced), checked against the stage as
AWS checks it. Use it as: aws apigateway create-deployment --cli-input-json file://input.json

  --rest-api-id ID     the REST API (restApiId in the input)
${CANARY_OPTIONS_HELP}`

const deployCanaryCommand: Command = {
  summary: 'the create-deployment input that deploys a canary to a stage',
  usage: DEPLOY_CANARY_USAGE,
  run: (argv, env) =>
    handle('deploy-canary', DEPLOY_CANARY_USAGE, () => {
      const parsed = E.flatMap(parse(argv, { ...canaryOptions, 'rest-api-id': { type: 'string' } }), (p: Parsed) => onlyPositionals(p, 1))
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${DEPLOY_CANARY_USAGE}\n`)
      const input = canaryInput(p)
      if (E.isLeft(input)) return input
      const stage = readStage(p.positionals[0], env)
      if (E.isLeft(stage)) return stage
      if (stage.right.stageName === undefined) return E.left(inputError('the stage has no stageName: create-deployment needs one'))
      // The new deployment's id is AWS's to make: any id checks the settings against the stage.
      const checked = deployCanaryStage(stage.right, 'pending', input.right)
      if (E.isLeft(checked)) return E.left(inputError(describe(checked.left)))
      const canary = checked.right.canarySettings
      const restApiId = stringValue(p, 'rest-api-id')
      return E.right(
        json({
          ...(restApiId === undefined ? {} : { restApiId }),
          stageName: stage.right.stageName,
          canarySettings: {
            percentTraffic: canary.percentTraffic,
            ...(canary.stageVariableOverrides === undefined ? {} : { stageVariableOverrides: canary.stageVariableOverrides }),
            useStageCache: canary.useStageCache
          }
        })
      )
    })
}

/** The fields of get-stage's output that only the service sets: no patch changes them. */
const SERVICE_FIELDS: ReadonlyArray<string> = ['createdDate', 'lastUpdatedDate', 'cacheClusterStatus', '_links']

const DIFF_USAGE = `usage: apigw-canary diff <before.json|-> <after.json|-> [--strict]

Prints the update-stage operations that turn one stage into the other, or names the first field
no patch can change (stageName, tags...).

Ignores the fields only the service sets: createdDate, lastUpdatedDate, cacheClusterStatus,
_links (two get-stage snapshots differ in lastUpdatedDate whatever changed).

  --strict  compare those fields too: a difference in them is an error`

/** The stage without the fields only the service sets. */
const withoutServiceFields = (stage: Stage): Stage => Object.fromEntries(Object.entries(stage).filter(([k]) => !SERVICE_FIELDS.includes(k))) as Stage

const diffCommand: Command = {
  summary: 'the update-stage operations between two stages',
  usage: DIFF_USAGE,
  run: (argv, env) =>
    handle('diff', DIFF_USAGE, () => {
      const parsed = E.flatMap(parse(argv, { strict: { type: 'boolean' } }), (p: Parsed) => onlyPositionals(p, 2))
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${DIFF_USAGE}\n`)
      if (p.positionals.length < 2) return E.left(usageError('diff needs two stages: <before> <after>'))
      if (p.positionals[0] === '-' && p.positionals[1] === '-') return E.left(usageError('only one of the stages can be read from standard input'))
      const before = readStage(p.positionals[0], env)
      if (E.isLeft(before)) return before
      const after = readStage(p.positionals[1], env)
      if (E.isLeft(after)) return after
      const strict = p.values['strict'] === true
      const fail = (e: unknown): Failure => {
        const field = typeof e === 'object' && e !== null ? (e as { field?: unknown }).field : undefined
        const hint = strict && typeof field === 'string' && SERVICE_FIELDS.includes(field) ? ' (only the service sets it; without --strict it is ignored)' : ''
        return inputError(`${describe(e)}${hint}`)
      }
      return E.bimap(fail, json)(strict ? diff(before.right, after.right) : diff(withoutServiceFields(before.right), withoutServiceFields(after.right)))
    })
}

const SIMULATE_USAGE = `usage: apigw-canary simulate <stage.json|-> --requests N --seed S [--confidence C]

Sends N requests to the stage, each split at random as API Gateway splits them (seeded: the same
seed gives the same run), and prints the counts per channel and deployment with the Wilson
interval of the canary's share (99.9% unless --confidence says otherwise).

  --requests N    how many requests, from 1 to 100000000
  --seed S        any safe whole number, negative ones too (--seed -1 or --seed=-1)
  --confidence C  the interval's confidence, between 0 and 1 (default 0.999)`

const simulateCommand: Command = {
  summary: 'a seeded traffic run: counts per channel and deployment',
  usage: SIMULATE_USAGE,
  run: (argv, env) =>
    handle('simulate', SIMULATE_USAGE, () => {
      const parsed = E.flatMap(parse(argv, { requests: { type: 'string' }, seed: { type: 'string' }, confidence: { type: 'string' } }), (p: Parsed) => onlyPositionals(p, 1))
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${SIMULATE_USAGE}\n`)
      const requests = wholeNumber(stringValue(p, 'requests'), '--requests')
      if (E.isLeft(requests)) return requests
      const seed = wholeNumber(stringValue(p, 'seed'), '--seed')
      if (E.isLeft(seed)) return seed
      if (requests.right === undefined) return E.left(usageError('missing --requests N'))
      if (seed.right === undefined) return E.left(usageError('missing --seed S'))
      const confidenceText = stringValue(p, 'confidence')
      const confidence = confidenceText === undefined ? undefined : Number(confidenceText)
      if (confidenceText !== undefined && (confidenceText.trim() === '' || Number.isNaN(confidence))) {
        return E.left(usageError(`--confidence: ${JSON.stringify(confidenceText)} is not a number`))
      }
      const stage = readStage(p.positionals[0], env)
      if (E.isLeft(stage)) return stage
      return E.bimap(
        (e: { message: string }) => inputError(e.message),
        json
      )(simulate(stage.right, { requests: requests.right, seed: seed.right, ...(confidence === undefined ? {} : { confidence }) }))
    })
}

const PLAN_USAGE = `usage: apigw-canary plan --preset NAME <stage.json|-> [--keep-canary] [--start-at MS]

Runs a preset rollout on the stage (which must have a canary) on a virtual clock, and prints
every step: its time in milliseconds (at), the event, the update-stage operations and the stage
after it.

Each entry's operations are one update-stage request, to send at that entry's time: there is
no single request for the whole rollout (sent at once, the operations of every entry would
promote straight away).

  --preset       one of ${RolloutPreset.presetNames.join(', ')},
                 or CodeDeploy's name for it (CodeDeployDefault.LambdaCanary10Percent5Minutes,
                 CodeDeployDefault.ECSLinear10PercentEvery1Minutes...)
  --keep-canary  keep the canary after the promotion instead of disabling it
  --start-at     the time of the first step (default 0; a whole number of milliseconds)`

const plan: Command = {
  summary: 'the steps, stages and operations of a preset rollout',
  usage: PLAN_USAGE,
  run: (argv, env) =>
    handle('plan', PLAN_USAGE, () => {
      const parsed = E.flatMap(parse(argv, { preset: { type: 'string' }, 'keep-canary': { type: 'boolean' }, 'start-at': { type: 'string' } }), (p: Parsed) => onlyPositionals(p, 1))
      if (E.isLeft(parsed)) return parsed
      const p = parsed.right
      if (p.values['help'] === true) return E.right(`${PLAN_USAGE}\n`)
      const name = stringValue(p, 'preset')
      if (name === undefined) return E.left(usageError('missing --preset NAME'))
      const preset = E.mapLeft((e: { message: string }) => usageError(e.message))(RolloutPreset.preset(name, p.values['keep-canary'] === true ? { keepCanary: true } : {}))
      if (E.isLeft(preset)) return preset
      const startAt = wholeNumber(stringValue(p, 'start-at'), '--start-at')
      if (E.isLeft(startAt)) return startAt
      const stage = readStage(p.positionals[0], env)
      if (E.isLeft(stage)) return stage
      return E.bimap(
        (e: unknown) => inputError(describe(e)),
        (r: Rollout.Advance) =>
          json({
            plan: preset.right.name,
            status: r.rollout.status,
            entries: r.entries.map((e) => ({ ...e, stage: encodeStage(e.stage) }))
          })
      )(Rollout.run(preset.right, stage.right, [], { startAt: startAt.right ?? 0 }))
    })
}

/**
 * The commands, by name.
 *
 * @internal
 */
export const commands: Readonly<Record<string, Command>> = {
  apply,
  promote,
  disable,
  'set-traffic': setTraffic,
  enable,
  'deploy-canary': deployCanaryCommand,
  'set-override': setOverride,
  'remove-override': removeOverride,
  diff: diffCommand,
  simulate: simulateCommand,
  plan
}
