/**
 * Compares the live stage with what a template or a Terraform state declares, sorts each
 * difference into expected (fields only AWS sets, values AWS fills in, references the tool
 * resolves, what a promotion changes) and real drift, and after a promotion (or a rollback done
 * by hand) gives the change to write back so that the next apply keeps it: CloudFormation
 * properties as YAML, CDK properties as TypeScript, Terraform attributes as HCL.
 *
 * No tool can promote a canary (CloudFormation, CDK, SAM and Terraform have no promote): users
 * promote by hand or by script, and the next apply puts the old deployment and variables back
 * unless the code is changed to say what the promotion did.
 *
 * @since 0.2.0
 *
 * @module
 */
import type { Stage } from '../stage/Stage.js'
import { hasOwn } from '../internal/record.js'
import { describeUnresolved, isUnresolved, type Declared, type DeclaredStage, type DeclaredVariables, type Unresolved } from './Declared.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Why a difference is what it is. Expected: `ServiceField` (only AWS sets it: dates, cache
 * status, web ACL), `FilledByAws` (the declaration leaves it out and AWS fills it: the canary's
 * deploymentId), `Unresolved` (a reference only the tool resolves), `Promotion` (what a
 * promotion changed: the deployment, the merged variables, the 0% canary, the canary removed
 * after it). Real: `Drift`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DifferenceReason } from 'apigw-canary/iac'
 *
 * const r: DifferenceReason = 'Promotion'
 * assert.strictEqual(r, 'Promotion')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DifferenceReason = 'ServiceField' | 'FilledByAws' | 'Unresolved' | 'Promotion' | 'Drift'

/**
 * One difference between the live stage and the declaration. `field` is the stage's path
 * (`canarySettings.percentTraffic`, `variables.lambdaAlias`); `live` and `declared` are the two
 * values (`undefined` when absent).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Difference } from 'apigw-canary/iac'
 *
 * const d: Difference = { field: 'createdDate', live: '2017-11-20T04:42:19Z', declared: undefined, kind: 'expected', reason: 'ServiceField', note: 'only AWS sets it' }
 * assert.strictEqual(d.kind, 'expected')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Difference {
  readonly field: string
  readonly live: unknown
  readonly declared: unknown
  readonly kind: 'expected' | 'drift'
  readonly reason: DifferenceReason
  readonly note: string
}

/**
 * What happened to the canary, as far as the live stage and the declaration tell:
 * `Promoted` (the stage runs the canary's deployment, the canary is at 0% and kept),
 * `PromotedAndRemoved` (promoted, then the canary removed), `RolledBack` (the canary removed,
 * the stage as declared), `None`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { CanaryHistory } from 'apigw-canary/iac'
 *
 * const h: CanaryHistory = 'PromotedAndRemoved'
 * assert.notStrictEqual(h, 'None')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type CanaryHistory = 'None' | 'Promoted' | 'PromotedAndRemoved' | 'RolledBack'

/**
 * A text to paste into the code: `language` says which (`yaml` for a CloudFormation template,
 * `typescript` for a CDK app, `hcl` for Terraform), `title` where it goes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Snippet } from 'apigw-canary/iac'
 *
 * const s: Snippet = { language: 'hcl', title: 'aws_api_gateway_stage.prod', text: 'deployment_id = "eh1sby"\n' }
 * assert.strictEqual(s.language, 'hcl')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Snippet {
  readonly language: 'yaml' | 'typescript' | 'hcl'
  readonly title: string
  readonly text: string
}

/**
 * The result of {@link reconcile}: the differences sorted, what happened to the canary, and
 * the snippets to write back (empty when nothing needs writing back).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import { fromTerraformStage, reconcile, type Reconciliation } from 'apigw-canary/iac'
 *
 * const live = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x' })
 * const declared = fromTerraformStage({ stage_name: 'prod', deployment_id: 'nfcn0x' }, 'aws_api_gateway_stage.prod')
 * assert.ok(E.isRight(live) && E.isRight(declared))
 * const r: Reconciliation = reconcile(live.right, declared.right)
 * assert.deepStrictEqual(r, { history: 'None', differences: [], drift: false, writeBack: [] })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Reconciliation {
  readonly history: CanaryHistory
  readonly differences: ReadonlyArray<Difference>
  /** Is any difference real drift? */
  readonly drift: boolean
  readonly writeBack: ReadonlyArray<Snippet>
}

/**
 * Options of {@link reconcile}: `refs` gives the value of CloudFormation references (a
 * deployment's logical id → its id, as `aws cloudformation describe-stack-resources` lists
 * them), so that they can be compared rather than left unresolved.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { ReconcileOptions } from 'apigw-canary/iac'
 *
 * const o: ReconcileOptions = { refs: { ApiDeployment: 'nfcn0x', ApiCanaryDeployment: 'eh1sby' } }
 * assert.strictEqual(o.refs?.['ApiDeployment'], 'nfcn0x')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface ReconcileOptions {
  readonly refs?: Readonly<Record<string, string>>
}

// -------------------------------------------------------------------------------------
// comparing
// -------------------------------------------------------------------------------------

type Known<A> = { readonly known: true; readonly value: A } | { readonly known: false; readonly unresolved: Unresolved }

const knownOf =
  (refs: Readonly<Record<string, string>>) =>
  <A>(d: Declared<A>): Known<A> =>
    !isUnresolved(d)
      ? { known: true, value: d }
      : d._tag === 'Ref' && hasOwn(refs, d.logicalId)
        ? { known: true, value: refs[d.logicalId] as unknown as A }
        : { known: false, unresolved: d }

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

const SERVICE_FIELDS: ReadonlyArray<readonly [keyof Stage, string]> = [
  ['createdDate', 'only AWS sets it'],
  ['lastUpdatedDate', 'only AWS sets it (each update moves it)'],
  ['cacheClusterStatus', 'only AWS sets it (the cache cluster\'s state)'],
  ['webAclArn', 'set by AWS WAF\'s association, not by the stage\'s declaration']
]

/**
 * Compares the live stage (as get-stage prints it, decoded) with a declaration. Only fields
 * the declaration names are compared (a tool leaves the others alone), except the canary:
 * a live canary the declaration does not name is drift (removing `CanarySetting` from a
 * template does not remove the canary from the stage: aws-cdk issue 33901).
 *
 * After a promotion the live stage runs the canary's deployment, its variables are the
 * declared ones merged with the overrides, and the canary is at 0% (or removed): those
 * differences are expected (`Promotion`), and `writeBack` holds what to change in the code so
 * that the next apply keeps the promotion instead of undoing it or failing.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import { fromTerraformStage, reconcile } from 'apigw-canary/iac'
 *
 * // Terraform declares a canary at 10%; the stage was promoted by hand since.
 * const declared = fromTerraformStage({ stage_name: 'prod', deployment_id: 'nfcn0x', variables: { lambdaAlias: 'Prod' },
 *   canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10, stage_variable_overrides: { lambdaAlias: 'Dev' }, use_stage_cache: false }] }, 'aws_api_gateway_stage.prod')
 * const live = decodeStage({ stageName: 'prod', deploymentId: 'eh1sby', variables: { lambdaAlias: 'Dev' }, createdDate: '2026-01-01T00:00:00Z',
 *   canarySettings: { deploymentId: 'eh1sby', percentTraffic: 0, stageVariableOverrides: { lambdaAlias: 'Dev' }, useStageCache: false } })
 * assert.ok(E.isRight(live) && E.isRight(declared))
 * const r = reconcile(live.right, declared.right)
 * assert.strictEqual(r.history, 'Promoted')
 * assert.strictEqual(r.drift, false)
 * assert.deepStrictEqual(r.differences.map((d) => `${d.field} ${d.reason}`), [
 *   'createdDate ServiceField', 'deploymentId Promotion', 'variables.lambdaAlias Promotion', 'canarySettings.percentTraffic Promotion'
 * ])
 * assert.match(r.writeBack[0]?.text ?? '', /deployment_id = "eh1sby"/)
 * ```
 *
 * @category reconcile
 * @since 0.2.0
 */
export const reconcile = (live: Stage, declared: DeclaredStage, options: ReconcileOptions = {}): Reconciliation => {
  const known = knownOf(options.refs ?? {})
  const differences: Array<Difference> = []
  const add = (field: string, l: unknown, d: unknown, reason: DifferenceReason, note: string): void => {
    differences.push({ field, live: l, declared: d, kind: reason === 'Drift' ? 'drift' : 'expected', reason, note })
  }
  const liveCanary = live.canarySettings
  const declCanary = declared.canarySettings

  // --- what happened to the canary --------------------------------------------------------
  const declStageDep = declared.deploymentId === undefined ? undefined : known(declared.deploymentId)
  const declCanaryDep = declCanary?.deploymentId === undefined ? undefined : known(declCanary.deploymentId)
  const declOverrides: Readonly<Record<string, unknown>> =
    declCanary?.stageVariableOverrides === undefined || isUnresolved(declCanary.stageVariableOverrides) ? {} : declCanary.stageVariableOverrides
  const liveOverrides: Readonly<Record<string, unknown>> = liveCanary?.stageVariableOverrides ?? {}
  const overrides = { ...declOverrides, ...liveOverrides }
  const declVars: Readonly<Record<string, unknown>> = declared.variables === undefined || isUnresolved(declared.variables) ? {} : declared.variables
  const liveVars: Readonly<Record<string, unknown>> = live.variables ?? {}
  // the live variables are the declared ones with the overrides laid on top, and differ from them
  const varsMerged =
    Object.keys(overrides).length > 0 &&
    Object.keys(overrides).every((k) => same(liveVars[k], overrides[k])) &&
    Object.keys(liveVars).some((k) => hasOwn(overrides, k) && !same(declVars[k], liveVars[k]))
  // the stage moved off its declared deployment, onto the canary's
  const depMoved =
    live.deploymentId !== undefined &&
    ((declStageDep?.known === true && declStageDep.value !== live.deploymentId && (declCanaryDep === undefined || !declCanaryDep.known || declCanaryDep.value === live.deploymentId)) ||
      (declStageDep?.known !== true && declCanaryDep?.known === true && declCanaryDep.value === live.deploymentId) ||
      (declStageDep?.known === false && declCanaryDep?.known === false && !same(declStageDep.unresolved, declCanaryDep.unresolved) && liveCanary?.deploymentId === live.deploymentId))
  const history: CanaryHistory =
    declCanary === undefined
      ? 'None'
      : liveCanary !== undefined
        ? liveCanary.percentTraffic === 0 && live.deploymentId === liveCanary.deploymentId && (depMoved || varsMerged)
          ? 'Promoted'
          : 'None'
        : depMoved || varsMerged
          ? 'PromotedAndRemoved'
          : 'RolledBack'
  const promoted = history === 'Promoted' || history === 'PromotedAndRemoved'

  // --- fields only AWS sets ---------------------------------------------------------------
  for (const [key, note] of SERVICE_FIELDS) if (live[key] !== undefined) add(key, live[key], undefined, 'ServiceField', note)

  // --- the stage's own fields -------------------------------------------------------------
  const simple = (field: 'stageName' | 'description' | 'tracingEnabled' | 'cacheClusterEnabled' | 'cacheClusterSize', fallback?: unknown): void => {
    const d = declared[field]
    if (d === undefined) return
    const k = known(d)
    const l = live[field] ?? fallback
    if (!k.known) add(field, l, d, 'Unresolved', `declared as ${describeUnresolved(k.unresolved)}, which only the tool resolves`)
    else if (!same(k.value, l)) add(field, live[field], d, 'Drift', 'changed outside the tool, or not applied yet')
  }
  simple('stageName')
  if (declared.deploymentId !== undefined) {
    const k = known(declared.deploymentId)
    const movedToCanary = depMoved || (!k.known && declCanary?.deploymentId !== undefined && !same(declCanary.deploymentId, declared.deploymentId))
    if (promoted && (!k.known || k.value !== live.deploymentId) && movedToCanary) {
      add('deploymentId', live.deploymentId, declared.deploymentId, 'Promotion', 'the promotion moved the stage to the canary\'s deployment: write it back')
    } else if (!k.known) {
      add('deploymentId', live.deploymentId, declared.deploymentId, 'Unresolved', `declared as ${describeUnresolved(k.unresolved)}: give its value (refs) to compare`)
    } else if (k.value !== live.deploymentId) add('deploymentId', live.deploymentId, declared.deploymentId, 'Drift', 'the stage runs another deployment than declared')
  }
  simple('description')
  simple('tracingEnabled', false)
  simple('cacheClusterEnabled', false)
  simple('cacheClusterSize')
  compareVariables('variables', liveVars, declared.variables, declared.variables !== undefined || (promoted && varsMerged), known, add, promoted ? overrides : undefined)

  // --- the canary -------------------------------------------------------------------------
  if (liveCanary !== undefined && declCanary === undefined) {
    add('canarySettings', liveCanary, undefined, 'Drift', 'the stage has a canary the declaration does not name (removing it from a template does not remove it from the stage: remove it with update-stage remove /canarySettings)')
  } else if (liveCanary === undefined && declCanary !== undefined) {
    add(
      'canarySettings',
      undefined,
      declCanary,
      promoted ? 'Promotion' : 'Drift',
      promoted ? 'the canary was removed after the promotion: write the removal back' : 'the canary was removed outside the tool (a rollback?): write the removal back, or the next apply creates it again'
    )
  } else if (liveCanary !== undefined && declCanary !== undefined) {
    if (declCanary.deploymentId === undefined) {
      add('canarySettings.deploymentId', liveCanary.deploymentId, undefined, 'FilledByAws', 'not declared: AWS fills it (with the stage\'s deployment, or the deployment that made the canary)')
    } else {
      const k = known(declCanary.deploymentId)
      if (!k.known) add('canarySettings.deploymentId', liveCanary.deploymentId, declCanary.deploymentId, 'Unresolved', `declared as ${describeUnresolved(k.unresolved)}: give its value (refs) to compare`)
      else if (k.value !== liveCanary.deploymentId) add('canarySettings.deploymentId', liveCanary.deploymentId, declCanary.deploymentId, 'Drift', 'the canary runs another deployment than declared')
    }
    const pct = declCanary.percentTraffic === undefined ? ({ known: true, value: 0 } as Known<number>) : known<number>(declCanary.percentTraffic)
    if (!pct.known) add('canarySettings.percentTraffic', liveCanary.percentTraffic, declCanary.percentTraffic, 'Unresolved', `declared as ${describeUnresolved(pct.unresolved)}`)
    else if (pct.value !== liveCanary.percentTraffic) {
      if (promoted && liveCanary.percentTraffic === 0) add('canarySettings.percentTraffic', 0, declCanary.percentTraffic, 'Promotion', 'a promotion sets the canary to 0%: write it back, or the next apply sends traffic to the canary again')
      else if (liveCanary.percentTraffic === 0 && live.deploymentId === liveCanary.deploymentId && live.deploymentId !== undefined) {
        // promoted and written back; a Deployment's DeploymentCanarySettings cannot follow without replacing the deployment
        add('canarySettings.percentTraffic', 0, declCanary.percentTraffic, 'Promotion', 'the stage runs the canary\'s deployment with the canary at 0%: a promotion (DeploymentCanarySettings cannot be changed without replacing the deployment)')
      }
      else add('canarySettings.percentTraffic', liveCanary.percentTraffic, declCanary.percentTraffic, 'Drift', 'the canary takes another share of traffic than declared')
    }
    const cache = declCanary.useStageCache === undefined ? ({ known: true, value: false } as Known<boolean>) : known<boolean>(declCanary.useStageCache)
    if (!cache.known) add('canarySettings.useStageCache', liveCanary.useStageCache, declCanary.useStageCache, 'Unresolved', `declared as ${describeUnresolved(cache.unresolved)}`)
    else if (cache.value !== liveCanary.useStageCache) add('canarySettings.useStageCache', liveCanary.useStageCache, declCanary.useStageCache, 'Drift', 'changed outside the tool')
    compareVariables('canarySettings.stageVariableOverrides', liveOverrides, declCanary.stageVariableOverrides, true, known, add, undefined)
  }

  const drift = differences.some((d) => d.kind === 'drift')
  const writeBack = history === 'None' ? [] : snippets(live, declared, history, known)
  return { history, differences, drift, writeBack }
}

const compareVariables = (
  field: string,
  live: Readonly<Record<string, unknown>>,
  declared: Declared<DeclaredVariables> | undefined,
  compare: boolean,
  known: <A>(d: Declared<A>) => Known<A>,
  add: (field: string, l: unknown, d: unknown, reason: DifferenceReason, note: string) => void,
  promotedOverrides: Readonly<Record<string, unknown>> | undefined
): void => {
  if (!compare) return
  if (declared !== undefined && isUnresolved(declared)) {
    add(field, live, declared, 'Unresolved', `declared as ${describeUnresolved(declared)}`)
    return
  }
  const decl: DeclaredVariables = declared ?? {}
  const keys = [...new Set([...Object.keys(decl), ...Object.keys(live)])].sort()
  for (const key of keys) {
    const d = hasOwn(decl, key) ? decl[key] : undefined
    const l = hasOwn(live, key) ? live[key] : undefined
    const at = `${field}.${key}`
    if (d !== undefined) {
      const k = known(d)
      if (!k.known) {
        add(at, l, d, 'Unresolved', `declared as ${describeUnresolved(k.unresolved)}`)
        continue
      }
      if (same(k.value, l)) continue
    }
    if (promotedOverrides !== undefined && hasOwn(promotedOverrides, key) && same(promotedOverrides[key], l)) {
      add(at, l, d, 'Promotion', 'the promotion merged the canary\'s override into the stage variables: write it back')
    } else add(at, l, d, 'Drift', l === undefined ? 'declared but not on the stage' : d === undefined ? 'on the stage but not declared' : 'changed outside the tool')
  }
}

// -------------------------------------------------------------------------------------
// writing back
// -------------------------------------------------------------------------------------

interface Target {
  /** The stage's deployment after the change: a declared value (a reference kept as such). */
  readonly deploymentId: Declared<string> | undefined
  readonly deploymentLiteral: string | undefined
  readonly variables: Readonly<Record<string, Declared<string>>> | undefined
  /** The canary after the change, or undefined when it is to go. */
  readonly canary: { readonly deploymentId?: Declared<string>; readonly percentTraffic: Declared<number>; readonly stageVariableOverrides?: Declared<DeclaredVariables>; readonly useStageCache?: Declared<boolean> } | undefined
}

const targetOf = (live: Stage, declared: DeclaredStage, history: CanaryHistory, known: <A>(d: Declared<A>) => Known<A>): Target => {
  const declCanary = declared.canarySettings
  if (history === 'RolledBack') {
    return { deploymentId: declared.deploymentId, deploymentLiteral: live.deploymentId, variables: undefined, canary: undefined }
  }
  const canaryDep = declCanary?.deploymentId
  // A canary made by a Deployment's DeploymentCanarySettings: that deployment DependsOn the Stage
  // (the stage must exist first), so a Ref to it in the Stage would be a circular dependency.
  const viaDeployment = declared.origin._tag === 'CloudFormation' && declared.origin.canary?.shape === 'DeploymentCanarySettings'
  const useDeclared = !viaDeployment && canaryDep !== undefined && (!known(canaryDep).known || (known(canaryDep) as { value: unknown }).value === live.deploymentId)
  const declVars: DeclaredVariables = declared.variables === undefined || isUnresolved(declared.variables) ? {} : declared.variables
  const declOverrides: DeclaredVariables = declCanary?.stageVariableOverrides === undefined || isUnresolved(declCanary.stageVariableOverrides) ? {} : declCanary.stageVariableOverrides
  const variables: Record<string, Declared<string>> = {}
  const liveVars = live.variables ?? {}
  for (const key of Object.keys(liveVars).sort()) {
    const d = hasOwn(declOverrides, key) ? declOverrides[key] : hasOwn(declVars, key) ? declVars[key] : undefined
    const value = d !== undefined && (isUnresolved(d) || d === liveVars[key]) ? d : (liveVars[key] as string)
    Object.defineProperty(variables, key, { value, enumerable: true, writable: true, configurable: true })
  }
  return {
    deploymentId: useDeclared ? canaryDep : live.deploymentId,
    deploymentLiteral: live.deploymentId,
    variables,
    canary:
      history === 'Promoted' && declCanary !== undefined
        ? {
            ...(declCanary.deploymentId === undefined ? {} : { deploymentId: declCanary.deploymentId }),
            percentTraffic: 0,
            ...(declCanary.stageVariableOverrides === undefined ? {} : { stageVariableOverrides: declCanary.stageVariableOverrides }),
            ...(declCanary.useStageCache === undefined ? {} : { useStageCache: declCanary.useStageCache })
          }
        : undefined
  }
}

const PLAIN = /^[A-Za-z0-9_./:-]+$/
const yamlScalar = (v: unknown): string => {
  if (isUnresolved(v)) return v._tag === 'Ref' ? `!Ref ${v.logicalId}` : v._tag === 'Intrinsic' ? `{ ${JSON.stringify(v.fn)}: ${JSON.stringify(v.args)} }` : JSON.stringify(v.reason)
  if (typeof v === 'string') return PLAIN.test(v) && !/^(true|false|null|yes|no|on|off|~|[-+.0-9eE]+)$/i.test(v) ? v : JSON.stringify(v)
  return JSON.stringify(v)
}
const yamlMap = (record: Readonly<Record<string, unknown>>, indent: string): string =>
  Object.keys(record).length === 0 ? ' {}\n' : `\n${Object.keys(record).map((k) => `${indent}${k}: ${yamlScalar(record[k])}\n`).join('')}`

const tsValue = (v: unknown, literal?: string): string => {
  if (isUnresolved(v)) return `${literal === undefined ? 'undefined' : JSON.stringify(literal).replace(/"/g, "'")} /* ${describeUnresolved(v)} */`
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v)
}
const tsMap = (record: Readonly<Record<string, unknown>>, live: Readonly<Record<string, unknown>>): string =>
  `{ ${Object.keys(record).map((k) => `${k}: ${tsValue(record[k], typeof live[k] === 'string' ? (live[k] as string) : undefined)}`).join(', ')} }`

const hclValue = (v: unknown, deployments: Readonly<Record<string, string>>, literal?: string): string => {
  if (isUnresolved(v)) return literal === undefined ? 'null' : JSON.stringify(literal)
  if (typeof v === 'string' && hasOwn(deployments, v)) return `${deployments[v]}.id`
  return JSON.stringify(v)
}

const snippets = (live: Stage, declared: DeclaredStage, history: CanaryHistory, known: <A>(d: Declared<A>) => Known<A>): ReadonlyArray<Snippet> => {
  const t = targetOf(live, declared, history, known)
  const liveVars: Readonly<Record<string, unknown>> = live.variables ?? {}
  const why =
    history === 'RolledBack'
      ? 'the canary was removed (rolled back) outside the tool'
      : history === 'Promoted'
        ? 'the canary was promoted (the stage runs its deployment and variables; the canary stays at 0%)'
        : 'the canary was promoted, then removed'
  const origin = declared.origin
  if (origin._tag === 'Terraform') {
    const deployments = origin.deployments ?? {}
    const lines = [`# ${origin.address}: ${why}.`, `resource "${origin.address.split('.').slice(-2, -1)[0] ?? 'aws_api_gateway_stage'}" "${origin.address.split('.').at(-1) ?? 'stage'}" {`, '  # ... the other arguments as they are']
    if (history !== 'RolledBack') {
      lines.push(`  deployment_id = ${hclValue(t.deploymentId, deployments, t.deploymentLiteral)}${t.deploymentLiteral !== undefined && hasOwn(deployments, t.deploymentLiteral) ? ` # ${t.deploymentLiteral}` : ''}`)
      const vars = t.variables ?? {}
      lines.push(Object.keys(vars).length === 0 ? '  variables = {}' : `  variables = {\n${Object.keys(vars).map((k) => `    ${k} = ${hclValue(vars[k], {}, liveVars[k] as string | undefined)}`).join('\n')}\n  }`)
    }
    if (t.canary !== undefined) {
      const c = live.canarySettings
      const overrides = c?.stageVariableOverrides ?? {}
      lines.push('  canary_settings {')
      lines.push(`    deployment_id            = ${hclValue(c?.deploymentId, deployments, c?.deploymentId)}`)
      lines.push('    percent_traffic          = 0')
      lines.push(`    stage_variable_overrides = { ${Object.keys(overrides).map((k) => `${k} = ${JSON.stringify(overrides[k])}`).join(', ')} }`)
      lines.push(`    use_stage_cache          = ${String(c?.useStageCache ?? false)}`)
      lines.push('  }')
    } else lines.push('  # and delete the canary_settings block')
    lines.push('}')
    return [{ language: 'hcl', title: origin.address, text: `${lines.join('\n')}\n` }]
  }

  // CloudFormation (and CDK, whose synthesised template this is)
  const onStage = origin.resourceType === 'AWS::ApiGateway::Stage'
  const base = onStage ? `Resources.${origin.logicalId}.Properties` : `Resources.${origin.logicalId}.Properties.StageDescription`
  const yaml: Array<string> = [`# ${base}: ${why}.`]
  const ts: Array<string> = [
    `// ${why}.`,
    onStage
      ? `// cfnStage: the CfnStage of ${origin.logicalId} (for an L2 Stage: stage.node.defaultChild as apigateway.CfnStage)`
      : `// cfnDeployment: the CfnDeployment of ${origin.logicalId} (deployment.node.defaultChild as apigateway.CfnDeployment)`
  ]
  const target = onStage ? 'cfnStage' : 'cfnDeployment'
  if (history !== 'RolledBack' && onStage) {
    const circular = origin.canary?.shape === 'DeploymentCanarySettings' ? ` # the id of ${origin.canary.logicalId}: a !Ref to it here would be a circular dependency (it DependsOn the Stage)` : ''
    yaml.push(`DeploymentId: ${yamlScalar(t.deploymentId)}${isUnresolved(t.deploymentId) && t.deploymentLiteral !== undefined ? ` # ${t.deploymentLiteral}` : ''}${circular}`)
    ts.push(`${target}.deploymentId = ${tsValue(t.deploymentId, t.deploymentLiteral)}`)
  }
  if (history !== 'RolledBack') {
    yaml.push(`Variables:${yamlMap(t.variables ?? {}, '  ').trimEnd()}`)
    ts.push(
      onStage
        ? `${target}.variables = ${tsMap(t.variables ?? {}, liveVars)}`
        : `${target}.addPropertyOverride('StageDescription.Variables', ${tsMap(t.variables ?? {}, liveVars)})`
    )
  }
  const canaryOrigin = origin.canary
  if (t.canary !== undefined && canaryOrigin?.shape === 'DeploymentCanarySettings') {
    yaml.push(
      `# ${canaryOrigin.logicalId}: leave DeploymentCanarySettings as it is. Any change to it replaces the deployment`,
      '# (Update requires: Replacement), and the new deployment is a canary deployment again. Before the next',
      '# release, remove the canary from the stage (update-stage remove /canarySettings), then drop',
      `# DeploymentCanarySettings from ${canaryOrigin.logicalId} or give the new release its own canary deployment.`
    )
    ts.push(`// ${canaryOrigin.logicalId}: leave deploymentCanarySettings as it is (a change replaces the deployment).`)
  } else if (t.canary !== undefined) {
    const c = t.canary
    const indent = '  '
    yaml.push('CanarySetting:')
    if (onStage && c.deploymentId !== undefined) yaml.push(`${indent}DeploymentId: ${yamlScalar(c.deploymentId)}`)
    yaml.push(`${indent}PercentTraffic: 0`)
    if (c.stageVariableOverrides !== undefined) yaml.push(`${indent}StageVariableOverrides:${yamlMap(isUnresolved(c.stageVariableOverrides) ? {} : c.stageVariableOverrides, `${indent}  `).trimEnd()}`)
    if (c.useStageCache !== undefined) yaml.push(`${indent}UseStageCache: ${yamlScalar(c.useStageCache)}`)
    const liveOverrides: Readonly<Record<string, unknown>> = live.canarySettings?.stageVariableOverrides ?? {}
    const fields = [
      ...(onStage && c.deploymentId !== undefined ? [`deploymentId: ${tsValue(c.deploymentId, live.canarySettings?.deploymentId)}`] : []),
      'percentTraffic: 0',
      ...(c.stageVariableOverrides !== undefined && !isUnresolved(c.stageVariableOverrides) ? [`stageVariableOverrides: ${tsMap(c.stageVariableOverrides, liveOverrides)}`] : []),
      ...(c.useStageCache !== undefined ? [`useStageCache: ${tsValue(c.useStageCache)}`] : [])
    ]
    ts.push(onStage ? `${target}.canarySetting = { ${fields.join(', ')} }` : `${target}.addPropertyOverride('StageDescription.CanarySetting.PercentTraffic', 0)`)
  } else {
    if (canaryOrigin?.shape === 'DeploymentCanarySettings') {
      yaml.push(`# ${canaryOrigin.logicalId}: remove DeploymentCanarySettings (the deployment is replaced by a plain one, which the stage, now without a canary, accepts).`)
      ts.push(`// ${canaryOrigin.logicalId}: remove deploymentCanarySettings.`)
    } else {
      yaml.push('# and delete CanarySetting')
      ts.push(onStage ? `${target}.canarySetting = undefined` : `${target}.addPropertyDeletionOverride('StageDescription.CanarySetting')`)
    }
  }
  return [
    { language: 'yaml', title: base, text: `${yaml.join('\n')}\n` },
    { language: 'typescript', title: `CDK: ${origin.logicalId}`, text: `${ts.join('\n')}\n` }
  ]
}
