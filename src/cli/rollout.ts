/// <reference types="node" />
/**
 * `apigw-canary rollout start|status|resume|abort|approve|pause`: the rollout driver
 * (`apigw-canary/aws`) on the command line, with the SDK's default credential chain. A process
 * command (it talks to AWS and waits): `main.ts` loads it only when asked.
 *
 * Exit codes (documented in `docs/driver.md`): 0 promoted (or the control done), 1 error,
 * 2 usage, 3 rolled back, 4 paused or waiting for approval, 5 drift (the stage changed under
 * the driver), 6 refused (the lock is held, the plan changed, nothing to resume).
 *
 * @since 0.2.0
 *
 * @internal
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { E } from '../internal/fp.js'
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { DriverEvent, RolloutOptions, RolloutResult } from '../aws/Driver.js'
import type { RolloutStatus } from '../aws/Control.js'
import * as Gates from '../rollout/Gates.js'
import * as Rollout from '../rollout/Rollout.js'

/** The exit codes. @internal */
export const EXIT = { promoted: 0, error: 1, usage: 2, rolledBack: 3, paused: 4, drift: 5, refused: 6 } as const

/** The usage of `apigw-canary rollout`. @internal */
export const rolloutUsage = [
  'usage: apigw-canary rollout <start|status|resume|abort|approve|pause> --rest-api-id ID --stage-name NAME [options]',
  '',
  'Runs a canary rollout on an API Gateway stage: sets the canary, waits and judges it, promotes',
  'or rolls back; keeps a lock and its position on the stage as tags (see docs/driver.md).',
  '',
  '  --deployment-id ID       (start) the canary deployment (default: the canary already on the stage)',
  '  --create-deployment      (start) create a new deployment as the canary [--description TEXT]',
  '  --preset NAME            a preset (Canary10Percent5Minutes, Linear10PercentEvery1Minute, ...,',
  '                           CodeDeployDefault.* names too); default Canary10Percent5Minutes',
  '  --plan FILE              a plan as JSON (steps: setTraffic, bake, gate, approve, promote, disable)',
  '  --alarm NAME             a CloudWatch alarm that fails the gate when in ALARM (repeatable)',
  '  --max-error-increase X   error-rate gate: the canary at most X above production (0.01)',
  '  --min-requests N         below N canary requests a gate is inconclusive (50)',
  '  --p99-ratio X            latency gate: canary p99 at most X times production (1.5)',
  '  --max-p99-ms N           latency gate: canary p99 at most N ms',
  '  --no-gates               a preset without gates (no CloudWatch needed)',
  '  --keep-canary            keep the canary (at 0%) after promoting',
  '  --dry-run                read the stage and metrics, say what would happen, write nothing',
  '  --no-wait                stop (exit 4) at an approval step instead of waiting',
  '  --output text|json       a live progress line (text) or JSON lines (json)',
  '  --owner NAME             the lock owner (default: $GITHUB_RUN_ID or the host and pid)',
  '  --poll SECONDS           the longest wait between two looks at the stage (15)',
  '  --region R --profile P --endpoint-url URL --cloudwatch-endpoint-url URL',
  '',
  'exit codes: 0 promoted/done, 1 error, 2 usage, 3 rolled back, 4 paused or waiting for approval,',
  '5 drift, 6 refused (lock held, plan changed, nothing to resume)'
].join('\n')

// -------------------------------------------------------------------------------------
// plan files
// -------------------------------------------------------------------------------------

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/
const durationOf = (u: unknown, field: string): number => {
  if (typeof u === 'number' && Number.isSafeInteger(u) && u >= 0) return u
  const m = typeof u === 'string' ? DURATION.exec(u) : null
  if (m === null) throw new Error(`${field}: ${JSON.stringify(u)} is not a duration (milliseconds, or "30s", "5m", "1h")`)
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'])
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u)

/** A plan from its JSON file form. @internal */
export const planFromJson = (u: unknown): E.Either<string, Rollout.Plan> => {
  try {
    if (!isObj(u) || !Array.isArray(u.steps)) throw new Error('a plan file is { "name"?: string, "steps": [ ... ] }')
    const steps = (u.steps as ReadonlyArray<unknown>).map((s, i): Rollout.Step => {
      const field = `steps[${i}]`
      if (!isObj(s) || Object.keys(s).length !== 1) throw new Error(`${field}: a step is one of { "setTraffic": 10 }, { "bake": "5m" }, { "gate": {...} }, { "approve": { "timeout": "1h" } }, { "promote": {} }, { "disable": {} }`)
      const [kind, v] = Object.entries(s)[0] as [string, unknown]
      switch (kind) {
        case 'setTraffic':
          return Rollout.setTraffic(v as number)
        case 'bake':
          return Rollout.bake(durationOf(v, `${field}.bake`))
        case 'promote':
          return Rollout.promote()
        case 'disable':
          return Rollout.disable()
        case 'approve':
          return Rollout.gate(Gates.gateOf('approve', [Gates.approval(durationOf(isObj(v) ? v.timeout : undefined, `${field}.approve.timeout`))]))
        case 'gate': {
          if (!isObj(v)) throw new Error(`${field}.gate: a gate is { "name", "errorRate"?: {...}, "latency"?: {...}, "alarms"?: [names], "interval"?, "count"? }`)
          const specs: Array<Gates.GateSpec> = []
          if (isObj(v.errorRate)) specs.push(Gates.errorRate(v.errorRate as Parameters<typeof Gates.errorRate>[0]))
          if (isObj(v.latency)) specs.push(Gates.latency(v.latency as Parameters<typeof Gates.latency>[0]))
          if (Array.isArray(v.alarms)) specs.push(Gates.alarms(v.alarms as ReadonlyArray<string>))
          if (specs.length === 0) throw new Error(`${field}.gate: give errorRate, latency or alarms`)
          for (const spec of specs) {
            const checked = Gates.checkSpec(spec)
            if (E.isLeft(checked)) throw new Error(`${field}.gate: ${checked.left.message}`)
          }
          return Rollout.gate(
            Gates.gateOf(typeof v.name === 'string' ? v.name : `gate${i}`, specs, {
              ...(v.interval === undefined ? {} : { interval: durationOf(v.interval, `${field}.gate.interval`) }),
              ...(typeof v.count === 'number' ? { count: v.count } : {}),
              ...(typeof v.failureLimit === 'number' ? { failureLimit: v.failureLimit } : {}),
              ...(typeof v.inconclusiveLimit === 'number' ? { inconclusiveLimit: v.inconclusiveLimit } : {})
            })
          )
        }
        default:
          throw new Error(`${field}: ${JSON.stringify(kind)} is not a step (setTraffic, bake, gate, approve, promote, disable)`)
      }
    })
    return E.mapLeft((e: { readonly message: string }) => e.message)(Rollout.fromSteps(steps, typeof u.name === 'string' ? u.name : 'PlanFile'))
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e))
  }
}

// -------------------------------------------------------------------------------------
// output
// -------------------------------------------------------------------------------------

const clockText = (ms: number): string => new Date(ms).toISOString().slice(11, 19)

/** One event as a line of text. @internal */
export const eventText = (e: DriverEvent): string => {
  const dry = 'dryRun' in e && e.dryRun === true ? ' (dry run)' : ''
  switch (e._tag) {
    case 'Started':
      return `${e.resumed ? 'resumed' : 'started'} ${e.plan} (plan ${e.planHash}), canary ${e.canaryDeploymentId}${dry}`
    case 'StepStarted':
      return `step ${e.step}: ${e.kind}${e.until === undefined ? '' : ` until ${clockText(e.until)}`}${dry}`
    case 'TrafficSet':
      return `step ${e.step}: canary traffic ${e.percent}%${dry}`
    case 'Sent':
      return `${dry ? 'would send' : 'sent'} update-stage ${JSON.stringify(e.operations)}`
    case 'Measured':
      return `step ${e.step}: gate ${e.gate}: ${e.verdict.toUpperCase()}: ${e.reason}${dry}`
    case 'WaitingForApproval':
      return `step ${e.step}: waiting for approval until ${clockText(e.until)} (apigw-canary rollout approve)`
    case 'Paused':
      return `paused at step ${e.step}: ${e.reason}${dry}`
    case 'Promoted':
      return `promoted${dry}`
    case 'RolledBack':
      return `rolled back: ${e.reason}${dry}`
    case 'Retry':
      return `retrying ${e.operation} in ${e.delayMs} ms (attempt ${e.attempt}): ${e.error}`
    case 'Drift':
      return `drift: ${e.message}`
    case 'Error':
      return `error: ${e.message}`
  }
}

const exitOf = (r: RolloutResult): number => {
  switch (r._tag) {
    case 'Promoted':
    case 'DryRun':
      return EXIT.promoted
    case 'RolledBack':
      return EXIT.rolledBack
    case 'Paused':
    case 'WaitingForApproval':
      return EXIT.paused
    case 'Drift':
      return EXIT.drift
    case 'Refused':
      return EXIT.refused
    case 'Failed':
      return EXIT.error
  }
}

const resultText = (r: RolloutResult): string => {
  switch (r._tag) {
    case 'Promoted':
      return `promoted: the stage runs ${r.stage.deploymentId ?? '?'}`
    case 'RolledBack':
      return `rolled back: ${r.reason}`
    case 'Paused':
      return `paused at step ${r.step}: ${r.reason}`
    case 'WaitingForApproval':
      return `waiting for approval at step ${r.step}: run apigw-canary rollout approve, then resume`
    case 'Drift':
      return `stopped: ${r.message}`
    case 'Refused':
      return `refused: ${r.message}`
    case 'Failed':
      return `failed: ${r.message}`
    case 'DryRun':
      return `dry run: the rollout would end ${r.status}; nothing was written`
  }
}

const summary = (args: { readonly stage: string; readonly events: ReadonlyArray<DriverEvent>; readonly result: RolloutResult }): string =>
  [
    `## Canary rollout of ${args.stage}: ${args.result._tag}`,
    '',
    resultText(args.result),
    '',
    '| time (UTC) | event |',
    '| --- | --- |',
    ...args.events.filter((e) => e._tag !== 'Retry').map((e) => `| ${clockText(e.at)} | ${eventText(e).replace(/\|/g, '\\|')} |`),
    ''
  ].join('\n')

// -------------------------------------------------------------------------------------
// the command
// -------------------------------------------------------------------------------------

const OPTIONS = {
  'rest-api-id': { type: 'string' },
  'stage-name': { type: 'string' },
  'deployment-id': { type: 'string' },
  'create-deployment': { type: 'boolean' },
  description: { type: 'string' },
  preset: { type: 'string' },
  plan: { type: 'string' },
  alarm: { type: 'string', multiple: true },
  'max-error-increase': { type: 'string' },
  'min-requests': { type: 'string' },
  'p99-ratio': { type: 'string' },
  'max-p99-ms': { type: 'string' },
  'no-gates': { type: 'boolean' },
  'keep-canary': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  'no-wait': { type: 'boolean' },
  output: { type: 'string' },
  owner: { type: 'string' },
  poll: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'cloudwatch-endpoint-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

const num = (s: string | undefined, name: string): number | undefined => {
  if (s === undefined) return undefined
  const n = Number(s)
  if (s.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name}: ${JSON.stringify(s)} is not a number`)
  return n
}

class UsageError extends Error {}

/** Where the command writes, and the environment it reads (the process's by default). @internal */
export interface RolloutIo {
  readonly out: (s: string) => void
  readonly err: (s: string) => void
  readonly env: { readonly [name: string]: string | undefined }
  readonly tty: boolean
}

const processIo = (): RolloutIo => ({
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  env: process.env,
  tty: process.stderr.isTTY === true
})

/** Runs `apigw-canary rollout ...`; resolves with the exit code. @internal */
export const runRolloutCommand = async (argv: ReadonlyArray<string>, io: RolloutIo = processIo()): Promise<number> => {
  const { out, err } = io
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...argv.slice(1)], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    err(`apigw-canary rollout: ${e instanceof Error ? e.message : String(e)}\n${rolloutUsage}\n`)
    return EXIT.usage
  }
  const v = parsed.values
  const sub = parsed.positionals[0]
  if (v.help === true || sub === 'help') {
    out(`${rolloutUsage}\n`)
    return 0
  }
  const json = v.output === 'json'
  try {
    if (sub === undefined || !['start', 'status', 'resume', 'abort', 'approve', 'pause'].includes(sub)) throw new UsageError(`the subcommand must be one of start, status, resume, abort, approve, pause (got ${JSON.stringify(sub)})`)
    if (parsed.positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[1])}`)
    if (v.output !== undefined && v.output !== 'json' && v.output !== 'text') throw new UsageError('--output must be text or json')
    const restApiId = v['rest-api-id']
    const stageName = v['stage-name']
    if (restApiId === undefined || stageName === undefined) throw new UsageError('--rest-api-id and --stage-name are required')
    if (v['deployment-id'] !== undefined && v['create-deployment'] === true) throw new UsageError('give --deployment-id or --create-deployment, not both')
    if (v.preset !== undefined && v.plan !== undefined) throw new UsageError('give --preset or --plan, not both')

    const sdk = await import('@aws-sdk/client-api-gateway')
    const common = {
      maxAttempts: 1, // the driver retries itself, with its own backoff
      ...(v.region === undefined ? {} : { region: v.region }),
      ...(v.profile === undefined ? {} : { profile: v.profile })
    }
    const apiGateway: APIGatewayClient = new sdk.APIGatewayClient({ ...common, ...(v['endpoint-url'] === undefined ? {} : { endpoint: v['endpoint-url'] }) })
    const control = { apiGateway, restApiId, stageName }
    const aws = await import('../aws.js')

    if (sub === 'status' || sub === 'pause' || sub === 'approve' || sub === 'abort') {
      if (sub === 'status') {
        const s = await aws.rolloutStatus(control)
        if (E.isLeft(s)) {
          err(`apigw-canary rollout status: ${s.left}\n`)
          return EXIT.error
        }
        out(json ? `${JSON.stringify(s.right)}\n` : `${statusText(s.right)}\n`)
        return 0
      }
      const r = await (sub === 'pause' ? aws.pauseRollout(control) : sub === 'approve' ? aws.approveRollout(control) : aws.abortRollout(control))
      out(json ? `${JSON.stringify(r)}\n` : `${r._tag === 'Failed' || r._tag === 'Refused' ? `${r._tag.toLowerCase()}: ` : ''}${r.message}\n`)
      return r._tag === 'Failed' ? EXIT.error : r._tag === 'Refused' ? EXIT.refused : r._tag === 'RolledBack' ? EXIT.rolledBack : 0
    }

    // start / resume
    let plan: Rollout.Plan
    if (v.plan !== undefined) {
      let text: string
      try {
        text = readFileSync(v.plan, 'utf8')
      } catch (e) {
        throw new Error(`--plan ${v.plan}: ${e instanceof Error ? e.message : String(e)}`)
      }
      let data: unknown
      try {
        data = JSON.parse(text)
      } catch {
        throw new Error(`--plan ${v.plan}: not JSON`)
      }
      const p = planFromJson(data)
      if (E.isLeft(p)) throw new Error(`--plan ${v.plan}: ${p.left}`)
      plan = p.right
    } else {
      const specs: Array<Gates.GateSpec> =
        v['no-gates'] === true
          ? []
          : [
              Gates.errorRate({ ...(v['max-error-increase'] === undefined ? {} : { maxIncrease: num(v['max-error-increase'], 'max-error-increase') ?? 0 }), ...(v['min-requests'] === undefined ? {} : { minRequests: num(v['min-requests'], 'min-requests') ?? 0 }) }),
              Gates.latency({
                percentile: 'p99',
                ...(v['p99-ratio'] === undefined ? {} : { maxRatio: num(v['p99-ratio'], 'p99-ratio') ?? 0 }),
                ...(v['max-p99-ms'] === undefined ? {} : { maxMs: num(v['max-p99-ms'], 'max-p99-ms') ?? 0 }),
                ...(v['min-requests'] === undefined ? {} : { minRequests: num(v['min-requests'], 'min-requests') ?? 0 })
              }),
              ...(v.alarm === undefined || v.alarm.length === 0 ? [] : [Gates.alarms(v.alarm)])
            ]
      const p = Gates.preset(v.preset ?? 'Canary10Percent5Minutes', specs, v['keep-canary'] === true ? { keepCanary: true } : {})
      if (E.isLeft(p)) throw new UsageError(p.left.message)
      plan = p.right
    }
    const needsCloudWatch = plan.steps.some((s) => s._tag === 'Gate' && Gates.specsOf(s.gate).some((x) => x._tag !== 'Approval'))
    let cloudWatch: CloudWatchClient | undefined
    if (needsCloudWatch) {
      const cw = await import('@aws-sdk/client-cloudwatch')
      cloudWatch = new cw.CloudWatchClient({ ...common, ...(v['cloudwatch-endpoint-url'] === undefined ? {} : { endpoint: v['cloudwatch-endpoint-url'] }) })
    }
    const deployment: RolloutOptions['deployment'] =
      v['create-deployment'] === true
        ? { _tag: 'Create', ...(v.description === undefined ? {} : { description: v.description }) }
        : v['deployment-id'] !== undefined
          ? { _tag: 'Existing', deploymentId: v['deployment-id'] }
          : { _tag: 'OnStage' }
    const events: Array<DriverEvent> = []
    const tty = !json && io.tty
    // The live line on a terminal: step, traffic, time left in a bake, the last verdict; redrawn each second.
    const live = { step: -1, percent: 0, until: undefined as number | undefined, verdict: '' }
    const draw = (): void => {
      const left = live.until === undefined ? '' : ` | bake ${Math.max(0, Math.ceil((live.until - aws.realClock.now()) / 1000))} s left`
      err(`\r\x1b[2Kstep ${live.step < 0 ? '-' : live.step} | canary ${live.percent}%${left}${live.verdict === '' ? '' : ` | last: ${live.verdict}`}`)
    }
    const timer = tty ? setInterval(draw, 1000) : undefined
    timer?.unref()
    const poll = num(v.poll, 'poll')
    const controller = new AbortController()
    const stop = (): void => controller.abort()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const result = await aws.runRollout({
      apiGateway,
      ...(cloudWatch === undefined ? {} : { cloudWatch }),
      restApiId,
      stageName,
      plan,
      deployment,
      mode: sub === 'resume' ? 'resume' : 'start',
      signal: controller.signal,
      owner: v.owner ?? io.env.GITHUB_RUN_ID ?? `${io.env.HOSTNAME ?? 'host'}-${process.pid}`,
      ...(poll === undefined ? {} : { pollMs: Math.max(1, poll * 1000) }),
      ...(v['dry-run'] === true ? { dryRun: true } : {}),
      ...(v['no-wait'] === true ? { waitForApproval: false } : {}),
      onEvent: (e) => {
        events.push(e)
        if (json) out(`${JSON.stringify(e)}\n`)
        else if (tty) {
          if ('step' in e) live.step = e.step
          if (e._tag === 'TrafficSet') live.percent = e.percent
          if (e._tag === 'StepStarted') live.until = e.until
          if (e._tag === 'Promoted' || e._tag === 'RolledBack') Object.assign(live, { percent: e._tag === 'Promoted' ? 100 : 0, until: undefined })
          if (e._tag === 'Measured') live.verdict = `${e.gate} ${e.verdict.toUpperCase()} (${e.reason})`
          if (e._tag === 'Sent' || e._tag === 'Promoted' || e._tag === 'RolledBack' || e._tag === 'Drift' || e._tag === 'Error' || e._tag === 'Paused') {
            err(`\r\x1b[2K${clockText(e.at)} ${eventText(e)}\n`)
          }
          draw()
        } else err(`${clockText(e.at)} ${eventText(e)}\n`)
      }
    })
    if (timer !== undefined) clearInterval(timer)
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    apiGateway.destroy()
    cloudWatch?.destroy()
    if (tty) err('\n')
    out(json ? `${JSON.stringify({ _tag: 'Result', result: result, exitCode: exitOf(result) })}\n` : `${resultText(result)}\n`)
    const file = io.env.GITHUB_STEP_SUMMARY
    if (file !== undefined && file !== '') {
      try {
        appendFileSync(file, summary({ stage: `${restApiId}/${stageName}`, events, result }))
      } catch (e) {
        err(`apigw-canary rollout: could not write the step summary: ${e instanceof Error ? e.message : String(e)}\n`)
      }
    }
    return exitOf(result)
  } catch (e) {
    if (e instanceof UsageError) {
      err(`apigw-canary rollout: ${e.message}\n${rolloutUsage}\n`)
      return EXIT.usage
    }
    err(`apigw-canary rollout: ${e instanceof Error ? e.message : String(e)}\n`)
    return EXIT.error
  }
}

const statusText = (s: RolloutStatus): string =>
  [
    `deployment: ${s.deploymentId ?? 'none'}`,
    `canary: ${s.canary === undefined ? 'none' : `${s.canary.deploymentId} at ${s.canary.percentTraffic}%`}`,
    `lock: ${s.lock === undefined ? 'free' : `${s.lock.owner} until ${new Date(s.lock.expiresAt).toISOString()}`}`,
    `rollout: ${s.position === undefined ? 'none' : `step ${s.position.step} since ${new Date(s.position.since).toISOString()}${s.position.paused ? ' (paused)' : ''}, plan ${s.position.planHash}`}`,
    ...(s.request === undefined ? [] : [`request: ${s.request}`])
  ].join('\n')
