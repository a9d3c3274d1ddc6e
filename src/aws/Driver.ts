/**
 * The rollout driver: runs a rollout plan (`Rollout`, `RolloutPreset`) on a real API Gateway
 * stage with the AWS SDK v3 clients it is given, judging gates on CloudWatch, until the canary
 * is promoted or rolled back. The pure state machine decides; this shell reads the stage, sends
 * each step's `UpdateStage`, gathers metrics, waits, and keeps its lock and position on the
 * stage as tags (`DriverState`) so that another process can resume, pause, abort or approve.
 *
 * Safety:
 * - before every write it re-reads the stage and compares it with what it last saw (tags and
 *   `lastUpdatedDate` aside); on any difference it stops without writing and reports the
 *   update-stage operations between the two (`Drift`);
 * - throttling, 5xx and network errors are retried with capped exponential backoff and full
 *   jitter (`Backoff`); any other error stops the driver;
 * - a lock tag (owner and expiry, refreshed while running) makes a second driver refuse to
 *   start; it takes the lock by writing it and reading it back (see `docs/driver.md` for the
 *   window in which two drivers could still race);
 * - the position (plan hash, step, step start) is written after each step, so `resume` continues
 *   where a crashed driver stopped (a bake ends at its start plus its duration) and `abort`
 *   rolls back from anywhere before the promotion. A plan whose hash differs is refused;
 * - a promotion is the three parts in one `UpdateStage` call (with the disable unless the plan
 *   keeps the canary); a rollback only removes the canary settings.
 *
 * Time, sleeping and randomness are injected ({@link Clock}); tests use a virtual clock.
 *
 * @since 0.2.0
 *
 * @module
 */
import {
  CreateDeploymentCommand,
  GetRestApiCommand,
  GetStageCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStageCommand,
  type APIGatewayClient,
  type Op
} from '@aws-sdk/client-api-gateway'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { E } from '../internal/fp.js'
import * as Transition from '../lifecycle/Transition.js'
import { diff, toOperations } from '../patch/Operations.js'
import type { PatchOperation } from '../patch/PatchOperation.js'
import * as Backoff from '../rollout/Backoff.js'
import * as DriverState from '../rollout/DriverState.js'
import * as Gates from '../rollout/Gates.js'
import * as Rollout from '../rollout/Rollout.js'
import { decodeStage, hasCanary, type Stage } from '../stage/Stage.js'
import { gatherMetrics, type MetricWindow } from './Metrics.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Time and sleeping, injected: {@link realClock} by default; tests pass a virtual one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Clock } from 'apigw-canary/aws'
 *
 * let t = 0
 * const virtual: Clock = { now: () => t, sleep: async (ms) => { t += ms } }
 * await virtual.sleep(5000)
 * assert.strictEqual(virtual.now(), 5000)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Clock {
  /** Epoch milliseconds. */
  readonly now: () => number
  /** Resolves after `ms` milliseconds (earlier when `signal` aborts). */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

/**
 * Where the canary's deployment comes from: a new deployment made by the driver, an existing
 * deployment id, or the canary already on the stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DeploymentSource } from 'apigw-canary/aws'
 *
 * const sources: ReadonlyArray<DeploymentSource> = [{ _tag: 'Create', description: 'v2' }, { _tag: 'Existing', deploymentId: 'eh1sby' }, { _tag: 'OnStage' }]
 * assert.strictEqual(sources.length, 3)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DeploymentSource =
  | { readonly _tag: 'Create'; readonly description?: string; readonly stageVariableOverrides?: { readonly [name: string]: string } }
  | { readonly _tag: 'Existing'; readonly deploymentId: string }
  | { readonly _tag: 'OnStage' }

/**
 * What the driver reports as it goes. `at` is the clock's time; `dryRun` marks what a dry run
 * would have done.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DriverEvent } from 'apigw-canary/aws'
 *
 * const e: DriverEvent = { _tag: 'TrafficSet', at: 0, step: 0, percent: 10 }
 * assert.strictEqual(e._tag, 'TrafficSet')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DriverEvent =
  | { readonly _tag: 'Started'; readonly at: number; readonly plan: string; readonly planHash: string; readonly resumed: boolean; readonly canaryDeploymentId: string; readonly dryRun?: true }
  | { readonly _tag: 'StepStarted'; readonly at: number; readonly step: number; readonly kind: string; readonly until?: number; readonly dryRun?: true }
  | { readonly _tag: 'TrafficSet'; readonly at: number; readonly step: number; readonly percent: number; readonly dryRun?: true }
  | { readonly _tag: 'Sent'; readonly at: number; readonly operations: ReadonlyArray<PatchOperation>; readonly dryRun?: true }
  | {
      readonly _tag: 'Measured'
      readonly at: number
      readonly step: number
      readonly gate: string
      readonly verdict: Rollout.Verdict | 'error'
      readonly reason: string
      readonly metrics: Rollout.Metrics
      readonly dryRun?: true
    }
  | { readonly _tag: 'WaitingForApproval'; readonly at: number; readonly step: number; readonly until: number }
  | { readonly _tag: 'Paused'; readonly at: number; readonly step: number; readonly reason: string; readonly dryRun?: true }
  | { readonly _tag: 'Promoted'; readonly at: number; readonly dryRun?: true }
  | { readonly _tag: 'RolledBack'; readonly at: number; readonly reason: string; readonly dryRun?: true }
  | { readonly _tag: 'Retry'; readonly at: number; readonly operation: string; readonly attempt: number; readonly delayMs: number; readonly error: string }
  | { readonly _tag: 'Drift'; readonly at: number; readonly operations: ReadonlyArray<PatchOperation>; readonly message: string }
  | { readonly _tag: 'Error'; readonly at: number; readonly message: string }

/**
 * How a run ended.
 * - `Promoted`, `RolledBack`: the rollout finished;
 * - `Paused`: an inconclusive gate, a pause request or the signal stopped it; `resume` continues;
 * - `WaitingForApproval`: only with `waitForApproval: false`, at an approval step;
 * - `Drift`: the stage changed under the driver; nothing was written after the change;
 * - `Refused`: the lock is held, the plan changed since the rollout started, or there is no
 *   rollout to resume (nothing was written);
 * - `Failed`: an error (AWS's, or a call that kept failing after its retries);
 * - `DryRun`: what a dry run found.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { RolloutResult } from 'apigw-canary/aws'
 *
 * const r: RolloutResult = { _tag: 'Refused', message: 'the stage is locked by ci-41 until 2026-01-01T00:05:00.000Z' }
 * assert.strictEqual(r._tag, 'Refused')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type RolloutResult =
  | { readonly _tag: 'Promoted'; readonly stage: Stage }
  | { readonly _tag: 'RolledBack'; readonly reason: string; readonly stage: Stage }
  | { readonly _tag: 'Paused'; readonly step: number; readonly reason: string }
  | { readonly _tag: 'WaitingForApproval'; readonly step: number }
  | { readonly _tag: 'Drift'; readonly operations: ReadonlyArray<PatchOperation>; readonly message: string }
  | { readonly _tag: 'Refused'; readonly message: string }
  | { readonly _tag: 'Failed'; readonly message: string }
  | { readonly _tag: 'DryRun'; readonly status: string; readonly operations: ReadonlyArray<PatchOperation> }

/**
 * What {@link runRollout} needs. Only `apiGateway`, `restApiId`, `stageName`, `plan` and
 * `deployment` are required.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
 * import { RolloutPreset } from 'apigw-canary'
 * import type { RolloutOptions } from 'apigw-canary/aws'
 *
 * const apiGateway = new APIGatewayClient({ region: 'us-east-1' })
 * const options: RolloutOptions = { apiGateway, restApiId: 'a1b2c3d4e5', stageName: 'prod', plan: RolloutPreset.Canary10Percent5Minutes, deployment: { _tag: 'OnStage' } }
 * assert.strictEqual(options.stageName, 'prod')
 * apiGateway.destroy()
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface RolloutOptions {
  readonly apiGateway: APIGatewayClient
  /** Needed by error-rate, latency and alarm gates. */
  readonly cloudWatch?: CloudWatchClient
  readonly restApiId: string
  readonly stageName: string
  readonly plan: Rollout.Plan
  readonly deployment: DeploymentSource
  /** `start` (the default) begins a rollout; `resume` continues the one on the stage. */
  readonly mode?: 'start' | 'resume'
  readonly clock?: Clock
  /** A draw in [0, 1), for the backoff's jitter. */
  readonly random?: () => number
  /** Aborting it stops the driver where it is (the rollout stays on the stage, `Paused`). */
  readonly signal?: AbortSignal
  /** Called with every event, in order (an error it throws is ignored). */
  readonly onEvent?: (event: DriverEvent) => void
  /** Names the lock's holder; `apigw-canary` by default. */
  readonly owner?: string
  /** How long the lock lasts without a refresh; 5 minutes by default. */
  readonly lockTtlMs?: number
  /** The longest sleep between two looks at the stage; 15 seconds by default. */
  readonly pollMs?: number
  /** Reads only: says what each gate would decide and what would be sent. */
  readonly dryRun?: boolean
  /** A metric source for plain gates: its metrics are merged with CloudWatch's. */
  readonly metrics?: (window: MetricWindow) => Promise<Rollout.Metrics>
  /** The `ApiName` dimension; read with `GetRestApi` when not given. */
  readonly apiName?: string
  /** The `Stage` dimension of the canary's metrics; `{stage}/Canary` by default. */
  readonly canaryStage?: (stageName: string) => string
  /** The region of the stage's ARN; the API Gateway client's by default. */
  readonly region?: string
  readonly retry?: Backoff.Settings
  /** With `false`, stop with `WaitingForApproval` at an approval step instead of waiting. */
  readonly waitForApproval?: boolean
}

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The process's clock: `Date.now()` and `setTimeout`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { realClock } from 'apigw-canary/aws'
 *
 * assert.ok(realClock.now() > 0)
 * await realClock.sleep(0)
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const realClock: Clock = {
  // eslint-disable-next-line no-restricted-syntax -- the shell, not the library, reads the clock
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted === true) return resolve()
      const timer = setTimeout(done, Math.max(0, ms))
      function done(): void {
        clearTimeout(timer)
        signal?.removeEventListener('abort', done)
        resolve()
      }
      signal?.addEventListener('abort', done, { once: true })
    })
}

// -------------------------------------------------------------------------------------
// internals
// -------------------------------------------------------------------------------------

/** What a dry run measures: the last five minutes. */
const DRY_RUN_WINDOW_MS = 5 * 60_000

class Stop {
  constructor(readonly result: RolloutResult) {}
}

const messageOf = (e: unknown): string => {
  if (e instanceof Error) return `${e.name}: ${e.message}`
  return typeof e === 'string' ? e : JSON.stringify(e) ?? String(e)
}

/** A stage as the SDK gives it, decoded by the library (the SDK's `$metadata` dropped). */
const decodeSdkStage = (out: object): E.Either<string, Stage> => {
  const { $metadata: _m, ...rest } = out as { readonly $metadata?: unknown }
  return E.mapLeft((e: { readonly message: string }) => `the stage could not be read: ${e.message}`)(decodeStage(rest))
}

/** What the drift check compares: the stage without tags and its update date. */
const comparable = (s: Stage): Stage => {
  const { tags: _t, lastUpdatedDate: _l, ...rest } = s
  return rest
}

const checkPlanForDriver = (plan: Rollout.Plan): string | undefined => {
  for (const [i, s] of plan.steps.entries()) {
    if (s._tag === 'Promote' && (s.options.deployment === false || s.options.variables === false)) {
      return `steps[${i}]: the driver always promotes all three parts (deployment, variables, traffic); remove the promote options`
    }
    if (s._tag === 'Gate') {
      for (const spec of Gates.specsOf(s.gate)) {
        const checked = Gates.checkSpec(spec)
        if (E.isLeft(checked)) return `steps[${i}].gate ${s.gate.name}: ${checked.left.message}`
      }
    }
  }
  return undefined
}

// -------------------------------------------------------------------------------------
// the driver
// -------------------------------------------------------------------------------------

/**
 * Runs a rollout on a stage to its end (or until it pauses, drifts or fails). Never rejects:
 * every outcome, errors included, is a {@link RolloutResult}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { APIGatewayClient, GetStageCommand } from '@aws-sdk/client-api-gateway'
 * import { Rollout } from 'apigw-canary'
 * import { createSimulator } from 'apigw-canary/simulator'
 * import { runRollout, type Clock } from 'apigw-canary/aws'
 *
 * const sim = createSimulator()
 * sim.seed({ restApis: [{ restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
 *   deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }, { id: 'eh1sby', createdDate: '2017-11-20T04:42:19Z' }],
 *   stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }] })
 * const apiGateway = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 })
 * let t = 0
 * const clock: Clock = { now: () => t, sleep: async (ms) => { t += ms } }
 * const plan = Rollout.fromSteps([Rollout.setTraffic(10), Rollout.bake(60_000), Rollout.promote(), Rollout.disable()], 'quick')
 * assert.ok(plan._tag === 'Right')
 * const result = await runRollout({ apiGateway, restApiId: 'fh4zbbd5nd', stageName: 'prod', plan: plan.right, deployment: { _tag: 'Existing', deploymentId: 'eh1sby' }, clock })
 * assert.strictEqual(result._tag, 'Promoted')
 * assert.strictEqual(t, 60_000)
 * const stage = await apiGateway.send(new GetStageCommand({ restApiId: 'fh4zbbd5nd', stageName: 'prod' }))
 * assert.strictEqual(stage.deploymentId, 'eh1sby')
 * assert.strictEqual(stage.canarySettings, undefined)
 * assert.strictEqual(stage.tags, undefined) // lock and position removed
 * ```
 *
 * @category driver
 * @since 0.2.0
 */
export const runRollout = async (options: RolloutOptions): Promise<RolloutResult> => {
  if (typeof options !== 'object' || options === null) return { _tag: 'Failed', message: 'runRollout takes options ({ apiGateway, restApiId, stageName, plan, deployment, ... })' }
  if (typeof options.restApiId !== 'string' || typeof options.stageName !== 'string' || typeof options.apiGateway?.send !== 'function') {
    return { _tag: 'Failed', message: 'runRollout needs apiGateway (an APIGatewayClient), restApiId and stageName (strings)' }
  }
  const src = options.deployment as DeploymentSource | undefined
  if (typeof src !== 'object' || src === null || !['Create', 'Existing', 'OnStage'].includes(src._tag)) {
    return { _tag: 'Failed', message: "runRollout needs deployment: { _tag: 'Create' }, { _tag: 'Existing', deploymentId } or { _tag: 'OnStage' }" }
  }
  const clock = options.clock ?? realClock
  // eslint-disable-next-line no-restricted-syntax -- the shell's default random source
  const random = options.random ?? Math.random
  const emit = (e: DriverEvent): void => {
    try {
      options.onEvent?.(e)
    } catch {
      // A listener's error is its own.
    }
  }
  try {
    return await drive(options, clock, random, emit)
  } catch (e) {
    if (e instanceof Stop) return e.result
    const message = messageOf(e)
    emit({ _tag: 'Error', at: clock.now(), message })
    return { _tag: 'Failed', message }
  }
}

const drive = async (o: RolloutOptions, clock: Clock, random: () => number, emit: (e: DriverEvent) => void): Promise<RolloutResult> => {
  const { apiGateway, restApiId, stageName, plan } = o
  const owner = DriverState.ownerName(o.owner ?? 'apigw-canary')
  const ttl = o.lockTtlMs ?? 5 * 60_000
  const pollMs = o.pollMs ?? 15_000
  const settings = o.retry ?? Backoff.DEFAULT_SETTINGS
  const dry = o.dryRun === true

  const checkedPlan = Rollout.fromSteps(plan?.steps, plan?.name)
  if (E.isLeft(checkedPlan)) return { _tag: 'Refused', message: `the plan is not valid: ${checkedPlan.left.message}` }
  const planProblem = checkPlanForDriver(plan)
  if (planProblem !== undefined) return { _tag: 'Refused', message: `the plan is not valid: ${planProblem}` }
  const hash = DriverState.planHash(plan)

  /** One AWS call, retried on throttling, 5xx and network errors. */
  const call = async <A>(operation: string, f: () => Promise<A>): Promise<A> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await f()
      } catch (e) {
        const kind = Backoff.classify(e)
        if (kind === 'final' || attempt >= settings.maxRetries) throw new Stop(failed(`${operation} failed${attempt > 0 ? ` after ${attempt + 1} attempts` : ''}: ${messageOf(e)}`))
        const delayMs = Backoff.delay(attempt, settings, random())
        emit({ _tag: 'Retry', at: clock.now(), operation, attempt: attempt + 1, delayMs, error: messageOf(e) })
        await clock.sleep(delayMs)
      }
    }
  }
  const failed = (message: string): RolloutResult => {
    emit({ _tag: 'Error', at: clock.now(), message })
    return { _tag: 'Failed', message }
  }

  const region = o.region ?? (await apiGateway.config.region())
  const resourceArn = `arn:aws:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`

  const getStage = async (): Promise<Stage> => {
    const out = await call('GetStage', () => apiGateway.send(new GetStageCommand({ restApiId, stageName })))
    const s = decodeSdkStage(out)
    if (E.isLeft(s)) throw new Stop(failed(s.left))
    return s.right
  }
  const tag = (tags: DriverState.Tags): Promise<unknown> => call('TagResource', () => apiGateway.send(new TagResourceCommand({ resourceArn, tags: { ...tags } })))
  const untag = (keys: ReadonlyArray<string>): Promise<unknown> => call('UntagResource', () => apiGateway.send(new UntagResourceCommand({ resourceArn, tagKeys: [...keys] })))

  // ---- the stage, the lock ------------------------------------------------------------
  let seen = await getStage()
  let now = clock.now()
  if (!dry) {
    const status = DriverState.lockStatus(seen.tags ?? {}, owner, now)
    if (status._tag === 'Held') {
      return { _tag: 'Refused', message: `the stage is locked by ${status.lock.owner} until ${new Date(status.lock.expiresAt).toISOString()}; wait for it, or remove the tag ${DriverState.KEYS.lock} if that driver is gone` }
    }
    await tag(DriverState.lockTags({ owner, expiresAt: now + ttl }))
    // Check after write: a driver that wrote its lock just after ours wins, and we stand down.
    seen = await getStage()
    if (DriverState.lockStatus(seen.tags ?? {}, owner, clock.now())._tag !== 'Mine') {
      const lock = DriverState.readLock(seen.tags ?? {})
      return { _tag: 'Refused', message: `another driver (${lock?.owner ?? 'unknown'}) took the lock at the same time` }
    }
  }
  let lockExpires = now + ttl

  const release = async (keys: ReadonlyArray<string>): Promise<void> => {
    if (!dry) await untag(keys)
  }
  const allKeys = [DriverState.KEYS.lock, DriverState.KEYS.position, DriverState.KEYS.request, DriverState.KEYS.approved]

  /** Before every write: the stage must be as we last saw it, and the lock still ours. */
  const checkBeforeWrite = async (): Promise<Stage> => {
    const current = await getStage()
    const d = diff(comparable(seen), comparable(current))
    const ops = E.isRight(d) ? d.right : []
    if (E.isLeft(d) || ops.length > 0) {
      const message = E.isLeft(d)
        ? `the stage changed since the driver last read it (${d.left.message}); nothing was written`
        : `the stage changed since the driver last read it: ${ops.map((op) => JSON.stringify(op)).join(', ')}; nothing was written`
      emit({ _tag: 'Drift', at: clock.now(), operations: ops, message })
      throw new Stop({ _tag: 'Drift', operations: ops, message })
    }
    if (!dry && DriverState.lockStatus(current.tags ?? {}, owner, clock.now())._tag !== 'Mine') {
      const lock = DriverState.readLock(current.tags ?? {})
      const message = `the lock was taken by ${lock?.owner ?? 'nobody (expired)'}; nothing was written`
      emit({ _tag: 'Drift', at: clock.now(), operations: [], message })
      throw new Stop({ _tag: 'Drift', operations: [], message })
    }
    seen = current
    return current
  }

  const send = async (operations: ReadonlyArray<PatchOperation>): Promise<void> => {
    if (operations.length === 0) return
    emit({ _tag: 'Sent', at: clock.now(), operations, ...(dry ? { dryRun: true as const } : {}) })
    if (dry) return
    await checkBeforeWrite()
    const out = await call('UpdateStage', () => apiGateway.send(new UpdateStageCommand({ restApiId, stageName, patchOperations: operations.map((op) => ({ ...op }) as { op: Op }) })))
    const s = decodeSdkStage(out)
    if (E.isLeft(s)) throw new Stop(failed(s.left))
    seen = s.right
  }

  // ---- the rollout: start or resume ----------------------------------------------------
  const position = DriverState.readPosition(seen.tags ?? {})
  let rollout: Rollout.Rollout
  let canaryId: string
  let windowStart = now
  let since = now
  let resumed = false
  const firstEntries: Array<Rollout.Entry> = []
  let firstOps: ReadonlyArray<PatchOperation> = []

  if (o.mode === 'resume') {
    if (position === undefined) {
      await release([DriverState.KEYS.lock])
      return { _tag: 'Refused', message: 'there is no rollout on this stage to resume (no position tag); start one' }
    }
    if (position.planHash !== hash) {
      await release([DriverState.KEYS.lock])
      return { _tag: 'Refused', message: `the plan changed since the rollout started (hash ${position.planHash} on the stage, ${hash} now): resume with the same plan, or abort` }
    }
    canaryId = position.canaryDeploymentId
    if (!hasCanary(seen)) {
      // Finished before the crash: promoted (the stage runs the canary's deployment) or rolled back.
      await release(allKeys)
      return seen.deploymentId === canaryId ? { _tag: 'Promoted', stage: seen } : { _tag: 'RolledBack', reason: 'the canary was already removed', stage: seen }
    }
    if (seen.canarySettings.deploymentId !== canaryId) {
      return { _tag: 'Drift', operations: [], message: `the canary on the stage (${seen.canarySettings.deploymentId}) is not the rollout's (${canaryId})` }
    }
    const step = plan.steps[position.step]
    if (step === undefined) return { _tag: 'Refused', message: `the position's step ${position.step} is not in the plan` }
    const noProgress = { passed: 0, failed: 0, inconclusive: 0, errors: 0, consecutiveErrors: 0 }
    const status: Rollout.Status =
      step._tag === 'Bake'
        ? { _tag: 'Baking', step: position.step, until: position.since + step.durationMs }
        : position.paused && step._tag === 'Gate'
          ? { _tag: 'Paused', step: position.step, progress: noProgress }
          : { _tag: 'Gating', step: position.step, nextMeasurementAt: now, progress: noProgress }
    rollout = { plan, stage: seen, clock: Math.min(now, position.since), status }
    windowStart = position.windowStart
    since = position.since
    resumed = true
    if (status._tag === 'Paused') {
      const r = Rollout.advance(rollout, Rollout.resume(now))
      if (E.isLeft(r)) return failed(r.left.message)
      rollout = r.right.rollout
      firstEntries.push(...r.right.entries)
      firstOps = r.right.operations
    }
  } else {
    if (position !== undefined && hasCanary(seen) && seen.canarySettings.deploymentId === position.canaryDeploymentId && !dry) {
      await release([DriverState.KEYS.lock])
      return { _tag: 'Refused', message: `a rollout is already in progress on this stage (step ${position.step}); resume it, or abort it` }
    }
    // The canary.
    let stage = seen
    const src = o.deployment
    if (src._tag === 'OnStage') {
      if (!hasCanary(stage)) {
        await release([DriverState.KEYS.lock])
        return { _tag: 'Refused', message: 'the stage has no canary: give a deployment id or create a deployment' }
      }
    } else if (src._tag === 'Existing') {
      const t = hasCanary(stage) ? Transition.deployCanary(src.deploymentId, { percentTraffic: 0 }) : Transition.enableCanary({ deploymentId: src.deploymentId, percentTraffic: 0 })
      const ops = toOperations(stage, t)
      if (E.isLeft(ops)) return failed(ops.left.message)
      await send(ops.right)
      stage = dry ? E.getOrElse(() => stage)(Transition.transition(stage, t)) : seen
    } else {
      if (dry) {
        stage = E.getOrElse(() => stage)(Transition.transition(stage, Transition.enableCanary({ deploymentId: 'new-deployment', percentTraffic: 0 })))
      } else {
        await checkBeforeWrite()
        const made = await call('CreateDeployment', () =>
          apiGateway.send(
            new CreateDeploymentCommand({
              restApiId,
              stageName,
              ...(src.description === undefined ? {} : { description: src.description }),
              canarySettings: { percentTraffic: 0, ...(src.stageVariableOverrides === undefined ? {} : { stageVariableOverrides: { ...src.stageVariableOverrides } }) }
            })
          )
        )
        emit({ _tag: 'Sent', at: clock.now(), operations: [{ op: 'add', path: '/canarySettings/deploymentId', value: made.id ?? '' }] })
        seen = await getStage()
        stage = seen
      }
    }
    if (!hasCanary(stage)) return failed('the stage has no canary after deploying it')
    canaryId = stage.canarySettings.deploymentId
    now = clock.now()
    windowStart = now
    const started = Rollout.start(plan, stage, now)
    if (E.isLeft(started)) return failed(started.left.message)
    rollout = started.right.rollout
    firstEntries.push(...started.right.entries)
    firstOps = started.right.operations
  }
  // A dry run judges the traffic of the last five minutes, as it is.
  if (dry) windowStart = now - DRY_RUN_WINDOW_MS
  emit({ _tag: 'Started', at: now, plan: plan.name, planHash: hash, resumed, canaryDeploymentId: canaryId, ...(dry ? { dryRun: true as const } : {}) })

  // ---- metrics ------------------------------------------------------------------------
  let apiName = o.apiName
  const measure = async (gate: Rollout.Gate, at: number): Promise<Rollout.Metrics> => {
    const specs = Gates.specsOf(gate)
    const window: MetricWindow = { startMs: Math.min(windowStart, at - 60_000), endMs: at }
    let metrics: Rollout.Metrics = {}
    const needsCloudWatch = specs.some((s) => s._tag !== 'Approval')
    if (needsCloudWatch) {
      if (o.cloudWatch === undefined) throw new Stop(failed(`gate ${gate.name} needs CloudWatch: pass a CloudWatch client (cloudWatch)`))
      if (apiName === undefined) {
        const api = await call('GetRestApi', () => apiGateway.send(new GetRestApiCommand({ restApiId })))
        apiName = api.name ?? restApiId
      }
      const cw = o.cloudWatch
      const name = apiName
      metrics = await call('GetMetricData', () =>
        gatherMetrics(cw, specs, { apiName: name, productionStage: stageName, canaryStage: (o.canaryStage ?? ((s: string) => `${s}/Canary`))(stageName) }, window)
      )
    }
    if (o.metrics !== undefined) {
      const source = o.metrics
      const extra = await call('metrics', () => source(window))
      metrics = { ...metrics, ...extra }
    }
    return metrics
  }

  // ---- the loop -----------------------------------------------------------------------
  const writePosition = async (r: Rollout.Rollout, paused: boolean): Promise<void> => {
    const s = r.status
    if (dry || !('step' in s)) return
    await tag(DriverState.positionTags({ planHash: hash, step: s.step, since: stepSince(r), paused, canaryDeploymentId: canaryId, windowStart }))
  }
  const stepSince = (r: Rollout.Rollout): number => (r.status._tag === 'Baking' ? r.status.until - ((plan.steps[r.status.step] as { durationMs?: number }).durationMs ?? 0) : since)

  /** Sends the entries' operations (one call), then reports them (so an event never announces a write that failed), and writes the position. */
  const apply = async (entries: ReadonlyArray<Rollout.Entry>, operations: ReadonlyArray<PatchOperation>, next: Rollout.Rollout): Promise<void> => {
    await send(operations)
    for (const e of entries) {
      const flag = dry ? { dryRun: true as const } : {}
      switch (e.event._tag) {
        case 'TrafficSet':
          if (!dry) windowStart = e.at
          emit({ _tag: 'TrafficSet', at: e.at, step: e.step ?? -1, percent: e.event.percent, ...flag })
          break
        case 'BakeStarted':
          since = e.at
          emit({ _tag: 'StepStarted', at: e.at, step: e.step ?? -1, kind: 'Bake', until: e.event.until, ...flag })
          break
        case 'GateStarted':
          since = e.at
          emit({ _tag: 'StepStarted', at: e.at, step: e.step ?? -1, kind: 'Gate', ...flag })
          break
        case 'GateInconclusive':
          emit({ _tag: 'Paused', at: e.at, step: e.step ?? -1, reason: `gate ${e.event.gate}: ${e.event.reason}`, ...flag })
          break
        case 'Promoted':
          emit({ _tag: 'Promoted', at: e.at, ...flag })
          break
        case 'RolledBack':
          emit({ _tag: 'RolledBack', at: e.at, reason: e.event.reason, ...flag })
          break
        default:
          break
      }
    }
    rollout = next
    const s = next.status
    if (s._tag === 'Baking' || s._tag === 'Gating') await writePosition(next, false)
  }

  try {
    await apply(firstEntries, firstOps, rollout)
    return await loop()
  } catch (e) {
    // Drift or a failure: free the stage for a person or another driver (best effort, once).
    if (e instanceof Stop && !dry && (e.result._tag === 'Drift' || e.result._tag === 'Failed')) {
      await apiGateway.send(new UntagResourceCommand({ resourceArn, tagKeys: [DriverState.KEYS.lock] })).catch(() => undefined)
    }
    throw e
  }

  async function loop(): Promise<RolloutResult> {
    const dryMetrics = new Map<string, Rollout.Metrics>()
    let announced = -1
    for (;;) {
      const s = rollout.status
      if (s._tag === 'Succeeded') {
        await release(allKeys)
        return dry ? { _tag: 'DryRun', status: 'Succeeded', operations: [] } : { _tag: 'Promoted', stage: rollout.stage }
      }
      if (s._tag === 'RolledBack') {
        await release(allKeys)
        return dry ? { _tag: 'DryRun', status: `RolledBack: ${s.reason}`, operations: [] } : { _tag: 'RolledBack', reason: s.reason, stage: rollout.stage }
      }
      if (s._tag === 'Paused') {
        const reason = 'a gate was inconclusive: check the metrics, then resume (continues after the gate) or abort'
        if (!dry) {
          await writePosition(rollout, true)
          await release([DriverState.KEYS.lock])
        }
        return dry ? { _tag: 'DryRun', status: 'Paused', operations: [] } : { _tag: 'Paused', step: s.step, reason }
      }

      now = clock.now()
      if (o.signal?.aborted === true) {
        await release([DriverState.KEYS.lock])
        emit({ _tag: 'Paused', at: now, step: s.step, reason: 'stopped by the signal' })
        return { _tag: 'Paused', step: s.step, reason: 'stopped by the signal; resume continues' }
      }

      // Look at the stage: someone else's change, requests, the lock.
      let input: Rollout.Input | undefined
      if (!dry) {
        const current = await checkBeforeWrite()
        const tags = current.tags ?? {}
        const request = DriverState.readRequest(tags)
        if (request === 'abort') {
          input = Rollout.abort(now, 'requested (apigw-canary rollout abort)')
        } else if (request === 'pause') {
          // Not the inconclusive pause: resume measures this step again rather than skipping it.
          await writePosition(rollout, false)
          await release([DriverState.KEYS.lock, DriverState.KEYS.request])
          emit({ _tag: 'Paused', at: now, step: s.step, reason: 'paused on request' })
          return { _tag: 'Paused', step: s.step, reason: 'paused on request (apigw-canary rollout pause); resume continues' }
        }
        if (lockExpires - now < ttl / 2) {
          await tag(DriverState.lockTags({ owner, expiresAt: now + ttl }))
          lockExpires = now + ttl
          seen = await getStage()
        }
        if (input === undefined && s._tag === 'Gating') {
          const step = plan.steps[s.step]
          const specs = step?._tag === 'Gate' ? Gates.specsOf(step.gate) : []
          const approvalSpec = specs.find((x) => x._tag === 'Approval')
          if (approvalSpec !== undefined && approvalSpec._tag === 'Approval') {
            const until = since + approvalSpec.timeoutMs
            if (DriverState.isApproved(tags, s.step)) input = Rollout.observe(now, { [Gates.metricNames.approved]: 1 })
            else if (now >= until) input = Rollout.observe(now, { [Gates.metricNames.approved]: 0 })
            else {
              if (o.waitForApproval === false) {
                await release([DriverState.KEYS.lock])
                return { _tag: 'WaitingForApproval', step: s.step }
              }
              if (announced !== s.step) emit({ _tag: 'WaitingForApproval', at: now, step: s.step, until })
            announced = s.step
            }
          }
        }
      }
      if (input === undefined) {
        if (s._tag === 'Baking') {
          if (now >= s.until || dry) input = Rollout.tick(dry ? Math.max(now, s.until) : now)
        } else {
          const step = plan.steps[s.step]
          const isApproval = step?._tag === 'Gate' && Gates.specsOf(step.gate).some((x) => x._tag === 'Approval')
          if (isApproval && dry) {
            input = Rollout.observe(Math.max(now, s.nextMeasurementAt, rollout.clock), { [Gates.metricNames.approved]: 1 })
          } else if (!isApproval && step?._tag === 'Gate' && (now >= s.nextMeasurementAt || dry)) {
            const at = dry ? Math.max(now, s.nextMeasurementAt, rollout.clock) : now
            const key = step.gate.name
            const metrics = dry ? (dryMetrics.get(key) ?? (await measure(step.gate, now))) : await measure(step.gate, at)
            if (dry) dryMetrics.set(key, metrics)
            const judged = Gates.specsOf(step.gate).length > 0 ? Gates.judgeAll(Gates.specsOf(step.gate), metrics) : undefined
            let verdict: Rollout.Verdict | 'error'
            try {
              verdict = step.gate.check(metrics)
            } catch {
              verdict = 'error'
            }
            emit({ _tag: 'Measured', at, step: s.step, gate: step.gate.name, verdict, reason: judged?.reason ?? `check: ${verdict}`, metrics, ...(dry ? { dryRun: true as const } : {}) })
            input = Rollout.observe(at, metrics)
          }
        }
      }
      if (input !== undefined) {
        const next = Rollout.advance(rollout, input)
        if (E.isLeft(next)) return failed(next.left.message)
        await apply(next.right.entries, next.right.operations, next.right.rollout)
        continue
      }
      // Sleep until something is due, at most pollMs.
      const due = s._tag === 'Baking' ? s.until : s.nextMeasurementAt
      // Never longer than a third of the lock's life, so the lock is refreshed in time.
      const wait = Math.max(1, Math.min(pollMs, ttl / 3, due - now > 0 ? due - now : pollMs))
      await clock.sleep(wait, o.signal)
    }
  }
}
