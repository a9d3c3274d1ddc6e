/**
 * What the rollout driver keeps on the stage, as tags: the lock (owner and expiry), the
 * rollout's position (plan hash, step, when the step started, the canary's deployment, the
 * start of the measuring window) and the requests of other processes (pause, abort, approve).
 * Pure encoding and decoding; the driver (`apigw-canary/aws`) reads and writes them.
 *
 * Every value uses only the characters AWS allows in tags (letters, digits, spaces and
 * `_ . : / = + - @`). Tag keys start with {@link TAG_PREFIX}.
 *
 * @since 0.2.0
 *
 * @module
 */
import type { Gate, Plan, Step } from './Plan.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A stage's tags.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const tags: DriverState.Tags = { team: 'store' }
 * assert.strictEqual(DriverState.readLock(tags), undefined)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Tags = { readonly [key: string]: string }

/**
 * The lock: who holds it and until when (epoch milliseconds).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const lock: DriverState.Lock = { owner: 'ci-42', expiresAt: 60_000 }
 * assert.deepStrictEqual(DriverState.readLock(DriverState.lockTags(lock)), lock)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Lock {
  readonly owner: string
  readonly expiresAt: number
}

/**
 * Where a rollout is: its plan's hash, the step it waits at, when that step started, whether
 * it is paused there, the canary's deployment, and when the measuring window started.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const p: DriverState.Position = { planHash: 'abcd1234', step: 1, since: 0, paused: false, canaryDeploymentId: 'eh1sby', windowStart: 0 }
 * assert.deepStrictEqual(DriverState.readPosition(DriverState.positionTags(p)), p)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Position {
  readonly planHash: string
  readonly step: number
  readonly since: number
  readonly paused: boolean
  readonly canaryDeploymentId: string
  readonly windowStart: number
}

/**
 * A request left on the stage by another process (`rollout pause|abort|approve`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const r: DriverState.Request = 'pause'
 * assert.deepStrictEqual(DriverState.readRequest(DriverState.requestTags(r)), 'pause')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Request = 'pause' | 'abort'

// -------------------------------------------------------------------------------------
// constants
// -------------------------------------------------------------------------------------

/**
 * The prefix of every tag the driver writes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.TAG_PREFIX, 'apigw-canary:')
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const TAG_PREFIX = 'apigw-canary:'

/**
 * The tag keys, by what they hold.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.KEYS.lock, 'apigw-canary:lock')
 * ```
 *
 * @category constants
 * @since 0.2.0
 */
export const KEYS = {
  lock: `${TAG_PREFIX}lock`,
  position: `${TAG_PREFIX}position`,
  request: `${TAG_PREFIX}request`,
  approved: `${TAG_PREFIX}approved`
} as const

// -------------------------------------------------------------------------------------
// encoding
// -------------------------------------------------------------------------------------

const ALLOWED = /[^\p{L}\p{N}_.:/=+\-@]/gu
const has = (tags: Tags, key: string): string | undefined =>
  typeof tags === 'object' && tags !== null && Object.prototype.hasOwnProperty.call(tags, key) ? tags[key] : undefined
const whole = (s: string | undefined): number | undefined => (s !== undefined && /^-?\d{1,16}$/.test(s) ? Number(s) : undefined)

/**
 * An owner name as a tag can hold it: characters AWS refuses become `-`, at most 100.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.ownerName('ci run #42 (main)'), 'ci-run--42--main-')
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const ownerName = (owner: string): string => (String(owner).replace(ALLOWED, '-').slice(0, 100) || 'driver')

/**
 * The lock as tags: `apigw-canary:lock` = `{owner} {expiresAt}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(DriverState.lockTags({ owner: 'ci-42', expiresAt: 300000 }), { 'apigw-canary:lock': 'ci-42 300000' })
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const lockTags = (lock: Lock): Tags => ({ [KEYS.lock]: `${ownerName(lock.owner)} ${Math.floor(lock.expiresAt)}` })

/**
 * The lock the tags hold, if any (a malformed one counts as none).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(DriverState.readLock({ 'apigw-canary:lock': 'ci-42 300000' }), { owner: 'ci-42', expiresAt: 300000 })
 * assert.strictEqual(DriverState.readLock({ 'apigw-canary:lock': 'nonsense' }), undefined)
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const readLock = (tags: Tags): Lock | undefined => {
  const parts = (has(tags, KEYS.lock) ?? '').split(' ')
  const expiresAt = whole(parts[1])
  return parts.length === 2 && parts[0] !== '' && expiresAt !== undefined ? { owner: parts[0] ?? '', expiresAt } : undefined
}

/**
 * Who may take the lock at `now`: `free` (none, or expired), `mine`, or the holder.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const tags = DriverState.lockTags({ owner: 'a', expiresAt: 1000 })
 * assert.deepStrictEqual(DriverState.lockStatus(tags, 'b', 500), { _tag: 'Held', lock: { owner: 'a', expiresAt: 1000 } })
 * assert.deepStrictEqual(DriverState.lockStatus(tags, 'a', 500), { _tag: 'Mine' })
 * assert.deepStrictEqual(DriverState.lockStatus(tags, 'b', 1000), { _tag: 'Free' })
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const lockStatus = (tags: Tags, owner: string, now: number): { readonly _tag: 'Free' } | { readonly _tag: 'Mine' } | { readonly _tag: 'Held'; readonly lock: Lock } => {
  const lock = readLock(tags)
  if (lock === undefined || lock.expiresAt <= now) return { _tag: 'Free' }
  return lock.owner === ownerName(owner) ? { _tag: 'Mine' } : { _tag: 'Held', lock }
}

/**
 * The position as tags: `apigw-canary:position` =
 * `plan={hash} step={n} since={ms} paused={0|1} canary={deploymentId} window={ms}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const tags = DriverState.positionTags({ planHash: 'abcd1234', step: 1, since: 5, paused: false, canaryDeploymentId: 'eh1sby', windowStart: 0 })
 * assert.deepStrictEqual(tags, { 'apigw-canary:position': 'plan=abcd1234 step=1 since=5 paused=0 canary=eh1sby window=0' })
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const positionTags = (p: Position): Tags => ({
  [KEYS.position]: `plan=${ownerName(p.planHash)} step=${p.step} since=${Math.floor(p.since)} paused=${p.paused ? 1 : 0} canary=${ownerName(p.canaryDeploymentId)} window=${Math.floor(p.windowStart)}`
})

/**
 * The position the tags hold, if any (a malformed one counts as none).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.readPosition({}), undefined)
 * assert.strictEqual(DriverState.readPosition({ 'apigw-canary:position': 'step=x' }), undefined)
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const readPosition = (tags: Tags): Position | undefined => {
  const fields = new Map((has(tags, KEYS.position) ?? '').split(' ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)] as const))
  const step = whole(fields.get('step'))
  const since = whole(fields.get('since'))
  const windowStart = whole(fields.get('window'))
  const planHash = fields.get('plan')
  const canaryDeploymentId = fields.get('canary')
  const paused = fields.get('paused')
  if (step === undefined || since === undefined || windowStart === undefined || planHash === undefined || canaryDeploymentId === undefined) return undefined
  if (paused !== '0' && paused !== '1') return undefined
  return { planHash, step, since, paused: paused === '1', canaryDeploymentId, windowStart }
}

/**
 * A request as tags.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.deepStrictEqual(DriverState.requestTags('abort'), { 'apigw-canary:request': 'abort' })
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const requestTags = (r: Request): Tags => ({ [KEYS.request]: r })

/**
 * The request the tags hold, if any.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.readRequest({ 'apigw-canary:request': 'dance' }), undefined)
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const readRequest = (tags: Tags): Request | undefined => {
  const r = has(tags, KEYS.request)
  return r === 'pause' || r === 'abort' ? r : undefined
}

/**
 * The approval as tags: the step approved.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.isApproved(DriverState.approvalTags(3), 3), true)
 * assert.strictEqual(DriverState.isApproved(DriverState.approvalTags(3), 4), false)
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const approvalTags = (step: number): Tags => ({ [KEYS.approved]: String(step) })

/**
 * Whether the tags approve this step.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * assert.strictEqual(DriverState.isApproved({}, 0), false)
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const isApproved = (tags: Tags, step: number): boolean => whole(has(tags, KEYS.approved)) === step

// -------------------------------------------------------------------------------------
// plan hash
// -------------------------------------------------------------------------------------

const gateText = (g: Gate): string => {
  const specs = (g as { readonly specs?: unknown }).specs
  return JSON.stringify([g.name, g.failureLimit, g.inconclusiveLimit, g.interval ?? 0, g.count ?? 1, g.consecutiveErrorLimit ?? null, specs ?? null])
}

const stepText = (s: Step): string => {
  switch (s._tag) {
    case 'SetTraffic':
      return `T${s.percent}`
    case 'Bake':
      return `B${s.durationMs}`
    case 'Gate':
      return `G${gateText(s.gate)}`
    case 'Promote':
      return `P${JSON.stringify([s.options.deployment ?? null, s.options.variables ?? null, s.options.resetTraffic ?? null])}`
    case 'Disable':
      return 'D'
  }
}

/**
 * A short hash of a plan (FNV-1a, 64 bits as 16 hex digits) over its name and steps: every
 * number, and each gate's name, limits and specs (a gate's check function is not hashed: a
 * plain gate changed only in its code keeps its hash). Resume refuses a plan whose hash
 * differs from the one on the stage.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RolloutPreset } from 'apigw-canary'
 * import { DriverState } from 'apigw-canary/aws'
 *
 * const a = DriverState.planHash(RolloutPreset.Canary10Percent5Minutes)
 * assert.match(a, /^[0-9a-f]{16}$/)
 * assert.notStrictEqual(a, DriverState.planHash(RolloutPreset.Canary10Percent10Minutes))
 * ```
 *
 * @category encoding
 * @since 0.2.0
 */
export const planHash = (plan: Plan): string => {
  const text = JSON.stringify([plan.name, plan.steps.map(stepText)])
  let h = 0xcbf29ce484222325n
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i))
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return h.toString(16).padStart(16, '0')
}
