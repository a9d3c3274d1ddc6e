/**
 * Terraform: the `aws_api_gateway_stage` resource as `terraform show -json` prints it, for a
 * state (`values.root_module`) and for a plan (`planned_values`, with `after_unknown` read from
 * `resource_changes`), to and from the model. `canary_settings` is a block of at most one
 * (a list of one object in JSON): `percent_traffic`, `stage_variable_overrides`,
 * `use_stage_cache` and, since provider 5.75.0, `deployment_id`.
 *
 * Sources: the provider's schema of `aws_api_gateway_stage`, its 5.75.0 changelog, and
 * Terraform's JSON output format (docs/iac.md quotes them).
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import type { CanarySettings } from '../stage/CanarySettings.js'
import type { Stage } from '../stage/Stage.js'
import { define, hasOwn, isRecord } from '../internal/record.js'
import { describeError } from '../internal/either.js'
import { iacError, isUnresolved, type DeclaredCanary, type DeclaredStage, type IacError, type Unknown } from './Declared.js'
import type { DeployAction } from './Preflight.js'
import { all, bool, cacheSize, deploymentId, field, percent, str, tooDeep, variables } from './reading.js'

/**
 * The largest `terraform show -json` output read (a state of thousands of resources is far
 * below).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MAX_TERRAFORM_LENGTH, parseTerraform } from 'apigw-canary/iac'
 *
 * assert.ok(E.isLeft(parseTerraform(' '.repeat(MAX_TERRAFORM_LENGTH + 1))))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const MAX_TERRAFORM_LENGTH = 64 * 1024 * 1024

const UNKNOWN: Unknown = { _tag: 'Unknown', reason: 'known after apply' }

// attribute name, model key, check; empty strings are Terraform's "not set" for optional strings
const STAGE_ATTRIBUTES: ReadonlyArray<readonly [string, keyof DeclaredStage & string, (u: unknown, w: string) => E.Either<IacError, unknown>]> = [
  ['stage_name', 'stageName', str],
  ['deployment_id', 'deploymentId', deploymentId],
  ['description', 'description', str],
  ['variables', 'variables', variables],
  ['xray_tracing_enabled', 'tracingEnabled', bool],
  ['cache_cluster_enabled', 'cacheClusterEnabled', bool],
  ['cache_cluster_size', 'cacheClusterSize', cacheSize]
]

const CANARY_ATTRIBUTES: ReadonlyArray<readonly [string, keyof DeclaredCanary & string, (u: unknown, w: string) => E.Either<IacError, unknown>]> = [
  ['deployment_id', 'deploymentId', deploymentId],
  ['percent_traffic', 'percentTraffic', percent],
  ['stage_variable_overrides', 'stageVariableOverrides', variables],
  ['use_stage_cache', 'useStageCache', bool]
]

/** Values with `after_unknown` marks laid in as Unknown. */
const withUnknown = (values: Readonly<Record<string, unknown>>, unknown: unknown): Readonly<Record<string, unknown>> => {
  if (!isRecord(unknown)) return values
  const out: Record<string, unknown> = { ...values }
  for (const k of Object.keys(unknown)) {
    const u = unknown[k]
    if (u === true) define(out, k, UNKNOWN)
    else if (Array.isArray(u) && Array.isArray(values[k])) {
      define(out, k, (values[k] as ReadonlyArray<unknown>).map((v, i) => (isRecord(v) ? withUnknown(v, u[i]) : u[i] === true ? UNKNOWN : v)))
    } else if (isRecord(u) && isRecord(values[k])) define(out, k, withUnknown(values[k] as Readonly<Record<string, unknown>>, u))
  }
  return out
}

const readAttributes = (
  out: Record<string, unknown>,
  values: Readonly<Record<string, unknown>>,
  table: ReadonlyArray<readonly [string, string, (u: unknown, w: string) => E.Either<IacError, unknown>]>,
  where: string
): E.Either<IacError, void> =>
  all(
    table.map(([name, key, check]) => () => (values[name] === '' && key !== 'deploymentId' && key !== 'stageName' ? E.right(undefined) : field(out, key, values, name, where, check)))
  )

/**
 * Reads the `values` of one `aws_api_gateway_stage` (from a state, or a plan's
 * `planned_values`) into a declared stage; `address` names it in messages. Values a plan knows
 * only after apply are `Unknown` when `afterUnknown` marks them. A `canary_settings` without
 * `deployment_id` (providers before 5.75.0) leaves the canary's deployment to AWS.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromTerraformStage } from 'apigw-canary/iac'
 *
 * const values = { stage_name: 'prod', deployment_id: 'nfcn0x', description: '', variables: { lambdaAlias: 'Prod' }, xray_tracing_enabled: false,
 *   canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10, stage_variable_overrides: { lambdaAlias: 'Dev' }, use_stage_cache: false }] }
 * assert.deepStrictEqual(fromTerraformStage(values, 'aws_api_gateway_stage.prod'), E.right({
 *   origin: { _tag: 'Terraform', address: 'aws_api_gateway_stage.prod' },
 *   stageName: 'prod', deploymentId: 'nfcn0x', variables: { lambdaAlias: 'Prod' }, tracingEnabled: false,
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10, stageVariableOverrides: { lambdaAlias: 'Dev' }, useStageCache: false }
 * }))
 * const bad = fromTerraformStage({ canary_settings: [{ percent_traffic: 150 }] }, 'aws_api_gateway_stage.prod')
 * assert.ok(E.isLeft(bad) && bad.left.message === 'aws_api_gateway_stage.prod.canary_settings[0].percent_traffic: 150 is not a percentage (0 to 100)')
 * ```
 *
 * @category terraform
 * @since 0.2.0
 */
export const fromTerraformStage = (values: unknown, address: string, afterUnknown?: unknown): E.Either<IacError, DeclaredStage> => {
  if (!isRecord(values)) return E.left(iacError(address, values, 'is not the values of an aws_api_gateway_stage (an object)'))
  const v = withUnknown(values, afterUnknown)
  const out: Record<string, unknown> = { origin: { _tag: 'Terraform', address } }
  const r = readAttributes(out, v, STAGE_ATTRIBUTES, address)
  if (E.isLeft(r)) return r
  const blocks = v['canary_settings']
  if (blocks === undefined || blocks === null) return E.right(out as unknown as DeclaredStage)
  const where = `${address}.canary_settings`
  if (isUnresolved(blocks)) return E.left(iacError(where, undefined, 'is known only after apply: read the state after the apply instead'))
  if (!Array.isArray(blocks) || blocks.length > 1) return E.left(iacError(where, blocks, 'is not a canary_settings block (a list of at most one object)'))
  const block: unknown = blocks[0]
  if (block === undefined) return E.right(out as unknown as DeclaredStage)
  if (!isRecord(block)) return E.left(iacError(`${where}[0]`, block, 'is not a canary_settings block (an object)'))
  const canary: Record<string, unknown> = {}
  const c = readAttributes(canary, block, CANARY_ATTRIBUTES, `${where}[0]`)
  if (E.isLeft(c)) return c
  define(out, 'canarySettings', canary)
  return E.right(out as unknown as DeclaredStage)
}

/**
 * Writes a stage (the model's) as `aws_api_gateway_stage` attribute values, as they appear in
 * `terraform show -json` (a canary as a list of one `canary_settings` block, with its
 * `deployment_id` as provider 5.75.0 and later require).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import { toTerraformStage } from 'apigw-canary/iac'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(toTerraformStage(stage.right), {
 *   stage_name: 'prod', deployment_id: 'nfcn0x',
 *   canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10, use_stage_cache: false }]
 * })
 * ```
 *
 * @category terraform
 * @since 0.2.0
 */
export const toTerraformStage = (stage: Stage): Readonly<Record<string, unknown>> => {
  const out: Record<string, unknown> = {}
  const s = stage as Readonly<Record<string, unknown>>
  for (const [name, key] of STAGE_ATTRIBUTES) if (s[key] !== undefined) define(out, name, s[key])
  const canary: CanarySettings | undefined = stage.canarySettings
  if (canary !== undefined) {
    const block: Record<string, unknown> = {}
    const c = canary as unknown as Readonly<Record<string, unknown>>
    for (const [name, key] of CANARY_ATTRIBUTES) if (c[key] !== undefined) define(block, name, c[key])
    define(out, 'canary_settings', [block])
  }
  return out
}

// -------------------------------------------------------------------------------------
// terraform show -json
// -------------------------------------------------------------------------------------

/**
 * Parses the text `terraform show -json` prints (a state or a plan). Never throws.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTerraform } from 'apigw-canary/iac'
 *
 * assert.ok(E.isRight(parseTerraform('{"format_version":"1.0","values":{"root_module":{}}}')))
 * const bad = parseTerraform('{"format_version":', 'state.json')
 * assert.ok(E.isLeft(bad) && bad.left.message.startsWith('state.json: not JSON'))
 * ```
 *
 * @category terraform
 * @since 0.2.0
 */
export const parseTerraform = (text: string, name = 'terraform show -json output'): E.Either<IacError, unknown> => {
  if (typeof text !== 'string') return E.left(iacError(name, text, 'is not text'))
  if (text.length > MAX_TERRAFORM_LENGTH) return E.left(iacError(name, undefined, `is too large (${text.length} characters; at most ${MAX_TERRAFORM_LENGTH})`))
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return E.left({ _tag: 'IacError', where: name, message: `${name}: not JSON: ${describeError(error)}` })
  }
  return tooDeep(value, 256) ? E.left(iacError(name, undefined, 'nests deeper than 256 levels (or refers to itself): no terraform show -json output does')) : E.right(value)
}

interface Module {
  readonly resources?: unknown
  readonly child_modules?: unknown
}

const stageResources = (module: unknown, at: string, out: Array<{ readonly address: string; readonly values: unknown }>): E.Either<IacError, void> => {
  const pending: Array<readonly [unknown, string]> = [[module, at]]
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [m, where] = next
    if (m === undefined || m === null) continue
    if (!isRecord(m)) return E.left(iacError(where, m, 'is not a module (an object with resources and child_modules)'))
    const { resources, child_modules: children } = m as Module
    if (resources !== undefined && resources !== null) {
      if (!Array.isArray(resources)) return E.left(iacError(`${where}.resources`, resources, 'is not a list of resources'))
      resources.forEach((r: unknown, i: number) => {
        if (isRecord(r) && r['type'] === 'aws_api_gateway_stage' && (r['mode'] === undefined || r['mode'] === 'managed')) {
          out.push({ address: typeof r['address'] === 'string' ? r['address'] : `${where}.resources[${i}]`, values: r['values'] })
        }
      })
    }
    if (Array.isArray(children)) children.forEach((c: unknown, i: number) => pending.push([c, `${where}.child_modules[${i}]`]))
  }
  return E.right(undefined)
}

/** The ids of the deployments a state or plan holds, to name them in write-backs: id → address. */
const deploymentAddresses = (module: unknown): Readonly<Record<string, string>> => {
  const out: Record<string, string> = {}
  const pending: Array<unknown> = [module]
  for (let m = pending.pop(); m !== undefined; m = pending.pop()) {
    if (!isRecord(m)) continue
    if (Array.isArray(m['resources'])) {
      for (const r of m['resources'] as ReadonlyArray<unknown>) {
        if (!isRecord(r) || r['type'] !== 'aws_api_gateway_deployment' || typeof r['address'] !== 'string') continue
        const values = r['values']
        const id = isRecord(values) ? values['id'] : undefined
        if (typeof id === 'string' && id !== '' && !hasOwn(out, id)) define(out, id, r['address'])
      }
    }
    if (Array.isArray(m['child_modules'])) pending.push(...(m['child_modules'] as ReadonlyArray<unknown>))
  }
  return out
}

/**
 * Every `aws_api_gateway_stage` of a `terraform show -json` document: a state (its
 * `values.root_module`, child modules included) or a plan (its `planned_values`, with what
 * `resource_changes` marks as known only after apply). Each stage's origin carries the ids of
 * the `aws_api_gateway_deployment`s the state knows, by address, so that a write-back can name
 * the resource rather than an id. Data sources are skipped.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { readTerraform } from 'apigw-canary/iac'
 *
 * const state = { format_version: '1.0', values: { root_module: { resources: [
 *   { address: 'aws_api_gateway_deployment.v2', mode: 'managed', type: 'aws_api_gateway_deployment', name: 'v2', values: { id: 'eh1sby' } },
 *   { address: 'aws_api_gateway_stage.prod', mode: 'managed', type: 'aws_api_gateway_stage', name: 'prod',
 *     values: { stage_name: 'prod', deployment_id: 'nfcn0x', canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10 }] } }
 * ] } } }
 * const stages = readTerraform(state)
 * assert.ok(E.isRight(stages))
 * assert.deepStrictEqual(stages.right[0]?.origin, { _tag: 'Terraform', address: 'aws_api_gateway_stage.prod', deployments: { eh1sby: 'aws_api_gateway_deployment.v2' } })
 * assert.ok(E.isLeft(readTerraform({ format_version: '1.0' })))
 * ```
 *
 * @category terraform
 * @since 0.2.0
 */
export const readTerraform = (document: unknown): E.Either<IacError, ReadonlyArray<DeclaredStage>> => {
  if (tooDeep(document, 256)) return E.left(iacError('document', undefined, 'nests deeper than 256 levels (or refers to itself)'))
  if (!isRecord(document)) return E.left(iacError('document', document, 'is not terraform show -json output (an object)'))
  const isPlan = hasOwn(document, 'planned_values')
  const valuesKey = isPlan ? 'planned_values' : 'values'
  const values = document[valuesKey]
  if (!isRecord(values)) {
    return E.left(iacError(valuesKey, values, 'is missing: this is not what terraform show -json prints for a state (values) or a plan (planned_values)'))
  }
  const found: Array<{ readonly address: string; readonly values: unknown }> = []
  const r = stageResources(values['root_module'], `${valuesKey}.root_module`, found)
  if (E.isLeft(r)) return r
  const unknownByAddress: Record<string, unknown> = {}
  const changes = document['resource_changes']
  if (isPlan && Array.isArray(changes)) {
    for (const c of changes as ReadonlyArray<unknown>) {
      if (isRecord(c) && typeof c['address'] === 'string' && isRecord(c['change'])) define(unknownByAddress, c['address'], (c['change'] as Record<string, unknown>)['after_unknown'])
    }
  }
  const prior = isPlan && isRecord(document['prior_state']) ? (document['prior_state'] as Record<string, unknown>)['values'] : undefined
  const deployments = { ...deploymentAddresses(isRecord(prior) ? prior['root_module'] : undefined), ...deploymentAddresses(values['root_module']) }
  const out: Array<DeclaredStage> = []
  for (const s of found) {
    const d = fromTerraformStage(s.values, s.address, hasOwn(unknownByAddress, s.address) ? unknownByAddress[s.address] : undefined)
    if (E.isLeft(d)) return d
    out.push({ ...d.right, origin: Object.keys(deployments).length === 0 ? d.right.origin : { _tag: 'Terraform', address: s.address, deployments } })
  }
  return E.right(out)
}

/**
 * What a Terraform plan asks API Gateway to do, from its `resource_changes`: each
 * `aws_api_gateway_stage` to create is a stage creation; each `aws_api_gateway_deployment` to
 * create (or replace) with a `stage_name` is a deployment to that stage, a canary deployment
 * when its `canary_settings` block is set. A state has no changes: it is a Left that says to
 * give a plan (`terraform plan -out plan && terraform show -json plan`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { terraformActions } from 'apigw-canary/iac'
 *
 * const plan = { planned_values: { root_module: {} }, resource_changes: [
 *   { address: 'aws_api_gateway_deployment.v3', type: 'aws_api_gateway_deployment', change: { actions: ['create'], after: { stage_name: 'prod', canary_settings: [] } } }
 * ] }
 * assert.deepStrictEqual(terraformActions(plan), E.right([{ logicalId: 'aws_api_gateway_deployment.v3', action: { _tag: 'Deployment', stageName: 'prod' } }]))
 * assert.ok(E.isLeft(terraformActions({ values: { root_module: {} } })))
 * ```
 *
 * @category terraform
 * @since 0.2.0
 */
export const terraformActions = (document: unknown): E.Either<IacError, ReadonlyArray<{ readonly logicalId: string; readonly action: DeployAction }>> => {
  if (tooDeep(document, 256)) return E.left(iacError('document', undefined, 'nests deeper than 256 levels (or refers to itself)'))
  if (!isRecord(document) || !Array.isArray(document['resource_changes'])) {
    return E.left(iacError('resource_changes', undefined, 'is missing: preflight needs a plan (terraform plan -out plan, then terraform show -json plan), not a state'))
  }
  const out: Array<{ readonly logicalId: string; readonly action: DeployAction }> = []
  for (const c of document['resource_changes'] as ReadonlyArray<unknown>) {
    if (!isRecord(c) || typeof c['address'] !== 'string' || !isRecord(c['change'])) continue
    const change = c['change'] as Readonly<Record<string, unknown>>
    const actions = Array.isArray(change['actions']) ? (change['actions'] as ReadonlyArray<unknown>) : []
    if (!actions.includes('create')) continue
    const after = isRecord(change['after']) ? change['after'] : {}
    const stageName = after['stage_name']
    if (c['type'] === 'aws_api_gateway_stage' && typeof stageName === 'string') {
      out.push({ logicalId: c['address'], action: { _tag: 'CreateStage', stageName } })
    } else if (c['type'] === 'aws_api_gateway_deployment') {
      const canary = Array.isArray(after['canary_settings']) && (after['canary_settings'] as ReadonlyArray<unknown>).length > 0
      if (canary) out.push({ logicalId: c['address'], action: { _tag: 'CanaryDeployment', stageName: typeof stageName === 'string' ? stageName : null } })
      else if (typeof stageName === 'string' && stageName !== '') out.push({ logicalId: c['address'], action: { _tag: 'Deployment', stageName } })
    }
  }
  return E.right(out)
}
