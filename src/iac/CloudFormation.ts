/**
 * CloudFormation and CDK: templates (JSON or YAML, short-form intrinsics included) read into
 * {@link DeclaredStage}s, the three canary shapes and the `AWS::ApiGateway::Stage` resource to
 * and from the model, and CDK's camelCase properties (`CfnStage.CanarySettingProperty`,
 * `CfnDeployment.DeploymentCanarySettingsProperty`, `CfnDeployment.CanarySettingProperty`).
 *
 * Sources: the CloudFormation registry schemas of `AWS::ApiGateway::Stage` and
 * `AWS::ApiGateway::Deployment` and the CDK API reference (docs/iac.md quotes them).
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { parseDocument, type Tags } from 'yaml'
import type { CanarySettings } from '../stage/CanarySettings.js'
import type { Stage } from '../stage/Stage.js'
import { define, hasOwn, isRecord } from '../internal/record.js'
import { describeError } from '../internal/either.js'
import { iacError, type CanaryShape, type Declared, type DeclaredCanary, type DeclaredStage, type IacError, type Ref } from './Declared.js'
import { all, bool, cacheSize, deploymentId, field, intrinsicOf, percent, str, tooDeep, variables } from './reading.js'
import type { DeployAction } from './Preflight.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * How property names are spelled: `Pascal` in templates (`PercentTraffic`), `camel` in CDK's
 * L1 properties (`percentTraffic`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromCloudFormationCanary, type Casing } from 'apigw-canary/iac'
 *
 * const casing: Casing = 'camel'
 * assert.deepStrictEqual(fromCloudFormationCanary({ percentTraffic: 5 }, 'StageCanarySetting', { casing }), E.right({ percentTraffic: 5 }))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Casing = 'Pascal' | 'camel'

/**
 * A CloudFormation template's deployments and stage creations, in the order of `Resources`:
 * what a stack create or update asks API Gateway to do (see `preflight`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, templateActions, type TemplateAction } from 'apigw-canary/iac'
 *
 * const t = parseTemplate('Resources:\n  D:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref Api\n      StageName: v1\n')
 * const actions = E.flatMap(templateActions)(t)
 * const expected: ReadonlyArray<TemplateAction> = [{ logicalId: 'D', action: { _tag: 'Deployment', stageName: 'v1' } }]
 * assert.deepStrictEqual(actions, E.right(expected))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface TemplateAction {
  readonly logicalId: string
  readonly action: DeployAction
}

/**
 * The largest template read: CloudFormation takes no template over 1 MB (from S3); the
 * margin is for YAML's whitespace.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { MAX_TEMPLATE_LENGTH, parseTemplate } from 'apigw-canary/iac'
 *
 * const huge = parseTemplate(' '.repeat(MAX_TEMPLATE_LENGTH + 1))
 * assert.ok(E.isLeft(huge) && huge.left.message.includes('too large'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const MAX_TEMPLATE_LENGTH = 4 * 1024 * 1024

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

// The short forms and the node kinds each takes (AWS's intrinsic function reference; the same
// list as AWS CDK's own CloudFormation YAML reader). Each gets a tag per node kind.
const SHORT_FORMS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Sub', 'Select', 'Split', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'GetAtt', 'Ref', 'Condition']

const longForm = (name: string, value: unknown): Record<string, unknown> => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`
  // `!GetAtt A.B` is `Fn::GetAtt: [A, B]` (split at the first dot)
  const v = name === 'GetAtt' && typeof value === 'string' && value.includes('.') ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] : value
  const out: Record<string, unknown> = {}
  define(out, key, v)
  return out
}

const toJs = (node: unknown): unknown => (typeof node === 'object' && node !== null && 'toJSON' in node && typeof node.toJSON === 'function' ? (node.toJSON as () => unknown).call(node) : node)

const cfnTags: Tags = SHORT_FORMS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => longForm(name, value) },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (seq: unknown) => longForm(name, toJs(seq)) },
  { tag: `!${name}`, collection: 'map' as const, resolve: (map: unknown) => longForm(name, toJs(map)) }
])

const lineColumn = (text: string, offset: number): { readonly line: number; readonly column: number } => {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)))
  const lines = before.split('\n')
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
}

/**
 * Parses a CloudFormation template's text, JSON or YAML. The YAML short forms (`!Ref X`,
 * `!GetAtt A.B`, `!Sub ...`, `!If [...]`, ...) become their long forms (`{"Ref": "X"}`,
 * `{"Fn::GetAtt": ["A", "B"]}`), which the readers keep as unresolved values. Never throws:
 * text that does not parse is a Left with its line and column; `name` (the file's) prefixes
 * the message. Aliases are limited (no alias bombs), nesting and size are bounded.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate } from 'apigw-canary/iac'
 *
 * assert.deepStrictEqual(parseTemplate('Name: !Ref RestApiName\nSub: !Sub "${AWS::StackName}-api"\n'), E.right({ Name: { Ref: 'RestApiName' }, Sub: { 'Fn::Sub': '${AWS::StackName}-api' } }))
 * const bad = parseTemplate('Resources:\n  A: [1, 2\n', 'template.yaml')
 * assert.ok(E.isLeft(bad))
 * assert.strictEqual(bad.left.line, 3)
 * assert.match(bad.left.message, /^template\.yaml: line 3, column 1: /)
 * ```
 *
 * @category parsing
 * @since 0.2.0
 */
export const parseTemplate = (text: string, name = 'template'): E.Either<IacError, unknown> => {
  if (typeof text !== 'string') return E.left(iacError(name, text, 'is not text'))
  if (text.length > MAX_TEMPLATE_LENGTH) {
    return E.left(iacError(name, undefined, `is too large (${text.length} characters; at most ${MAX_TEMPLATE_LENGTH}): CloudFormation takes no template over 1 MB`))
  }
  const at = (line: number, column: number, message: string): IacError => ({ _tag: 'IacError', where: name, line, column, message: `${name}: line ${line}, column ${column}: ${message}` })
  const checked = (value: unknown): E.Either<IacError, unknown> =>
    tooDeep(value) ? E.left(iacError(name, undefined, 'nests deeper than 64 levels (or refers to itself): no CloudFormation template does')) : E.right(value)
  // A text that starts as JSON does ({ and a quoted key, or [) is JSON, and its errors are JSON's;
  // anything else is YAML (a YAML flow mapping, { Resources: ... }, starts with a brace too).
  if (/^\s*(\[|\{\s*("|\}))/.test(text)) {
    try {
      return checked(JSON.parse(text))
    } catch (error) {
      const message = describeError(error)
      const m = /position (\d+)/.exec(message)
      const lc = /line (\d+) column (\d+)/.exec(message)
      const { line, column } = lc !== null ? { line: Number(lc[1]), column: Number(lc[2]) } : lineColumn(text, m === null ? text.length : Number(m[1]))
      return E.left(at(line, column, `not JSON: ${message}`))
    }
  }
  try {
    const doc = parseDocument(text, { customTags: cfnTags, logLevel: 'error', prettyErrors: true, uniqueKeys: true })
    const error = doc.errors[0]
    if (error !== undefined) {
      const pos = error.linePos?.[0] ?? lineColumn(text, error.pos[0])
      const line = 'line' in pos ? pos.line : 1
      const column = 'col' in pos ? pos.col : 'column' in pos ? pos.column : 1
      return E.left(at(line, column, `not YAML: ${error.message.split('\n')[0] ?? ''}`))
    }
    return checked(doc.toJS({ maxAliasCount: 100 }))
  } catch (error) {
    return E.left(iacError(name, undefined, `could not be read: ${describeError(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// canary shapes
// -------------------------------------------------------------------------------------

const nameIn = (casing: Casing, pascal: string): string => (casing === 'Pascal' ? pascal : pascal.charAt(0).toLowerCase() + pascal.slice(1))

const SHAPE_NAMES: Readonly<Record<CanaryShape, string>> = {
  StageCanarySetting: 'AWS::ApiGateway::Stage CanarySetting',
  DeploymentCanarySettings: 'AWS::ApiGateway::Deployment DeploymentCanarySettings',
  StageDescriptionCanarySetting: 'AWS::ApiGateway::Deployment StageDescription.CanarySetting'
}

const canaryFields = (shape: CanaryShape): ReadonlyArray<string> =>
  shape === 'StageCanarySetting' ? ['DeploymentId', 'PercentTraffic', 'StageVariableOverrides', 'UseStageCache'] : ['PercentTraffic', 'StageVariableOverrides', 'UseStageCache']

/**
 * Reads one of the three canary shapes (`casing: 'camel'` for CDK's properties). Every field is
 * optional; unknown fields are refused, as CloudFormation's schema refuses them, and a
 * `DeploymentId` in the two deployment shapes is refused with the reason. `where` prefixes the
 * place in messages.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromCloudFormationCanary } from 'apigw-canary/iac'
 *
 * assert.deepStrictEqual(
 *   fromCloudFormationCanary({ DeploymentId: { Ref: 'Canary' }, PercentTraffic: '10.5', UseStageCache: 'false' }, 'StageCanarySetting'),
 *   E.right({ deploymentId: { _tag: 'Ref', logicalId: 'Canary' }, percentTraffic: 10.5, useStageCache: false })
 * )
 * const bad = fromCloudFormationCanary({ DeploymentId: 'x' }, 'DeploymentCanarySettings', { where: 'Resources.D.Properties.DeploymentCanarySettings' })
 * assert.ok(E.isLeft(bad))
 * assert.match(bad.left.message, /^Resources\.D\.Properties\.DeploymentCanarySettings\.DeploymentId is not a property of/)
 * ```
 *
 * @category canary shapes
 * @since 0.2.0
 */
export const fromCloudFormationCanary = (
  u: unknown,
  shape: CanaryShape,
  options: { readonly casing?: Casing; readonly where?: string } = {}
): E.Either<IacError, DeclaredCanary> => {
  const casing = options.casing ?? 'Pascal'
  const where = options.where ?? nameIn(casing, shape === 'DeploymentCanarySettings' ? 'DeploymentCanarySettings' : 'CanarySetting')
  if (!isRecord(u)) return E.left(iacError(where, u, `is not ${SHAPE_NAMES[shape]} (an object)`))
  const known = canaryFields(shape).map((f) => nameIn(casing, f))
  for (const key of Object.keys(u)) {
    if (!known.includes(key)) {
      const why = key === nameIn(casing, 'DeploymentId') ? ': the deployment itself is the canary' : ''
      return E.left(iacError(`${where}.${key}`, undefined, `is not a property of ${SHAPE_NAMES[shape]} (${known.join(', ')})${why}`))
    }
  }
  const out: Record<string, unknown> = {}
  const r = all([
    () => (shape === 'StageCanarySetting' ? field(out, 'deploymentId', u, nameIn(casing, 'DeploymentId'), where, deploymentId) : E.right(undefined)),
    () => field(out, 'percentTraffic', u, nameIn(casing, 'PercentTraffic'), where, percent),
    () => field(out, 'stageVariableOverrides', u, nameIn(casing, 'StageVariableOverrides'), where, variables),
    () => field(out, 'useStageCache', u, nameIn(casing, 'UseStageCache'), where, bool)
  ])
  return E.map(() => out as DeclaredCanary)(r)
}

/** A declared value as a template writes it: a reference in its long form. */
const written = (v: unknown): unknown => {
  if (typeof v !== 'object' || v === null || !hasOwn(v, '_tag')) return v
  const u = v as { readonly _tag: string; readonly logicalId?: string; readonly fn?: string; readonly args?: unknown }
  if (u._tag === 'Ref') return { Ref: u.logicalId }
  if (u._tag === 'Intrinsic') return longForm((u.fn ?? '').replace(/^Fn::/, ''), u.args)
  return v
}

const writtenVariables = (v: unknown): unknown => {
  if (!isRecord(v) || hasOwn(v, '_tag')) return written(v)
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(v)) define(out, k, written(v[k]))
  return out
}

/**
 * Writes a canary (the model's, or a declared one) in one of the three shapes: the deployment
 * shapes have no `DeploymentId`, so it is left out of them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { toCloudFormationCanary } from 'apigw-canary/iac'
 * import { CanarySettings, DeploymentId } from 'apigw-canary'
 *
 * const canary = { ...CanarySettings.make(DeploymentId.unsafeFromString('eh1sby')), percentTraffic: 50 as never }
 * assert.deepStrictEqual(toCloudFormationCanary(canary, 'StageCanarySetting'), { DeploymentId: 'eh1sby', PercentTraffic: 50, UseStageCache: false })
 * assert.deepStrictEqual(toCloudFormationCanary(canary, 'DeploymentCanarySettings', 'camel'), { percentTraffic: 50, useStageCache: false })
 * ```
 *
 * @category canary shapes
 * @since 0.2.0
 */
export const toCloudFormationCanary = (canary: CanarySettings | DeclaredCanary, shape: CanaryShape, casing: Casing = 'Pascal'): Readonly<Record<string, unknown>> => {
  const out: Record<string, unknown> = {}
  if (shape === 'StageCanarySetting' && canary.deploymentId !== undefined) define(out, nameIn(casing, 'DeploymentId'), written(canary.deploymentId))
  if (canary.percentTraffic !== undefined) define(out, nameIn(casing, 'PercentTraffic'), written(canary.percentTraffic))
  if (canary.stageVariableOverrides !== undefined) define(out, nameIn(casing, 'StageVariableOverrides'), writtenVariables(canary.stageVariableOverrides))
  if (canary.useStageCache !== undefined) define(out, nameIn(casing, 'UseStageCache'), written(canary.useStageCache))
  return out
}

// -------------------------------------------------------------------------------------
// the stage resource
// -------------------------------------------------------------------------------------

const STAGE_FIELDS: ReadonlyArray<readonly [keyof DeclaredStage & string, string, (u: unknown, w: string) => E.Either<IacError, unknown>]> = [
  ['stageName', 'StageName', str],
  ['deploymentId', 'DeploymentId', deploymentId],
  ['description', 'Description', str],
  ['variables', 'Variables', variables],
  ['tracingEnabled', 'TracingEnabled', bool],
  ['cacheClusterEnabled', 'CacheClusterEnabled', bool],
  ['cacheClusterSize', 'CacheClusterSize', cacheSize]
]

/**
 * Reads the properties of an `AWS::ApiGateway::Stage` resource (`casing: 'camel'` for CDK's
 * `CfnStageProps`): the stage's name, deployment, description, variables, tracing, cache
 * cluster and `CanarySetting`. Other properties (method settings, access logs, tags) are not
 * read.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromCloudFormationStage } from 'apigw-canary/iac'
 *
 * const s = fromCloudFormationStage({ RestApiId: { Ref: 'Api' }, StageName: 'prod', DeploymentId: 'nfcn0x', Variables: { lambdaAlias: 'Prod' } }, 'Stage')
 * assert.deepStrictEqual(s, E.right({
 *   origin: { _tag: 'CloudFormation', logicalId: 'Stage', resourceType: 'AWS::ApiGateway::Stage' },
 *   stageName: 'prod', deploymentId: 'nfcn0x', variables: { lambdaAlias: 'Prod' }
 * }))
 * ```
 *
 * @category stage resource
 * @since 0.2.0
 */
export const fromCloudFormationStage = (
  properties: unknown,
  logicalId: string,
  options: { readonly casing?: Casing; readonly where?: string } = {}
): E.Either<IacError, DeclaredStage> => {
  const casing = options.casing ?? 'Pascal'
  const where = options.where ?? `Resources.${logicalId}.Properties`
  if (!isRecord(properties)) return E.left(iacError(where, properties, 'is not the properties of an AWS::ApiGateway::Stage (an object)'))
  const out: Record<string, unknown> = { origin: { _tag: 'CloudFormation', logicalId, resourceType: 'AWS::ApiGateway::Stage' } }
  const r = all([
    ...STAGE_FIELDS.map(([key, name, check]) => () => field(out, key, properties, nameIn(casing, name), where, check)),
    () => {
      const key = nameIn(casing, 'CanarySetting')
      const c = properties[key]
      if (!hasOwn(properties, key) || c === null || c === undefined) return E.right(undefined)
      return E.map((canary: DeclaredCanary) => define(out, 'canarySettings', canary))(fromCloudFormationCanary(c, 'StageCanarySetting', { casing, where: `${where}.${key}` }))
    }
  ])
  return E.map(() => out as unknown as DeclaredStage)(r)
}

/**
 * Writes a stage (the model's, or a declared one) as the properties of an
 * `AWS::ApiGateway::Stage` (`casing: 'camel'` for CDK's `CfnStageProps`); `RestApiId` is the
 * template's business and is left out.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import { toCloudFormationStage } from 'apigw-canary/iac'
 *
 * const stage = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(stage))
 * assert.deepStrictEqual(toCloudFormationStage(stage.right), {
 *   StageName: 'prod', DeploymentId: 'nfcn0x',
 *   CanarySetting: { DeploymentId: 'eh1sby', PercentTraffic: 10, UseStageCache: false }
 * })
 * ```
 *
 * @category stage resource
 * @since 0.2.0
 */
export const toCloudFormationStage = (stage: Stage | DeclaredStage, casing: Casing = 'Pascal'): Readonly<Record<string, unknown>> => {
  const out: Record<string, unknown> = {}
  const s = stage as Readonly<Record<string, unknown>>
  for (const [key, name] of STAGE_FIELDS) {
    const v = s[key]
    if (v !== undefined) define(out, nameIn(casing, name), key === 'variables' ? writtenVariables(v) : written(v))
  }
  if (stage.canarySettings !== undefined) define(out, nameIn(casing, 'CanarySetting'), toCloudFormationCanary(stage.canarySettings, 'StageCanarySetting', casing))
  return out
}

// -------------------------------------------------------------------------------------
// templates
// -------------------------------------------------------------------------------------

interface Resource {
  readonly logicalId: string
  readonly type: string
  readonly properties: Readonly<Record<string, unknown>>
  readonly dependsOn: ReadonlyArray<string>
}

const resourcesOf = (template: unknown): E.Either<IacError, ReadonlyArray<Resource>> => {
  if (tooDeep(template)) return E.left(iacError('template', undefined, 'nests deeper than 64 levels (or refers to itself): no CloudFormation template does'))
  if (!isRecord(template)) return E.left(iacError('template', template, 'is not a CloudFormation template (an object with Resources)'))
  const resources = template['Resources']
  if (!isRecord(resources)) return E.left(iacError('Resources', resources, 'is missing or not an object: a CloudFormation template declares its resources there'))
  const out: Array<Resource> = []
  for (const logicalId of Object.keys(resources)) {
    const r = resources[logicalId]
    const where = `Resources.${logicalId}`
    if (!isRecord(r)) return E.left(iacError(where, r, 'is not a resource (an object with Type and Properties)'))
    const type = r['Type']
    if (typeof type !== 'string') return E.left(iacError(`${where}.Type`, type, 'is not a resource type (a string such as "AWS::ApiGateway::Stage")'))
    const properties = hasOwn(r, 'Properties') ? r['Properties'] : {}
    if (!isRecord(properties)) return E.left(iacError(`${where}.Properties`, properties, 'is not an object'))
    const d = r['DependsOn']
    const dependsOn = typeof d === 'string' ? [d] : Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : []
    out.push({ logicalId, type, properties, dependsOn })
  }
  return E.right(out)
}

const stageNameOf = (r: Resource): Declared<string> | undefined => {
  const n = r.properties['StageName']
  return typeof n === 'string' ? n : intrinsicOf(n)
}

const sameName = (a: Declared<string> | undefined, b: Declared<string> | undefined): boolean =>
  a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)

const STAGE_DESCRIPTION_FIELDS: ReadonlyArray<readonly [keyof DeclaredStage & string, string, (u: unknown, w: string) => E.Either<IacError, unknown>]> = [
  ['description', 'Description', str],
  ['variables', 'Variables', variables],
  ['tracingEnabled', 'TracingEnabled', bool],
  ['cacheClusterEnabled', 'CacheClusterEnabled', bool],
  ['cacheClusterSize', 'CacheClusterSize', cacheSize]
]

const fromDeployment = (r: Resource, stages: Array<Record<string, unknown>>): E.Either<IacError, void> => {
  const where = `Resources.${r.logicalId}.Properties`
  const name = stageNameOf(r)
  if (name === undefined) return E.right(undefined) // a deployment to no stage declares none
  const self: Ref = { _tag: 'Ref', logicalId: r.logicalId }
  const existing = stages.find((s) => sameName(s['stageName'] as Declared<string> | undefined, name))
  if (hasOwn(r.properties, 'DeploymentCanarySettings')) {
    const c = fromCloudFormationCanary(r.properties['DeploymentCanarySettings'], 'DeploymentCanarySettings', { where: `${where}.DeploymentCanarySettings` })
    if (E.isLeft(c)) return c
    // create-deployment with canary settings: the new deployment is the canary (recorded)
    const canary: DeclaredCanary = { deploymentId: self, ...c.right }
    const canaryOrigin = { logicalId: r.logicalId, shape: 'DeploymentCanarySettings' as const }
    if (existing !== undefined) {
      define(existing, 'canarySettings', canary)
      define(existing, 'origin', { ...(existing['origin'] as object), canary: canaryOrigin })
    } else {
      stages.push({ origin: { _tag: 'CloudFormation', logicalId: r.logicalId, resourceType: 'AWS::ApiGateway::Deployment', canary: canaryOrigin }, stageName: name, canarySettings: canary })
    }
    return E.right(undefined)
  }
  if (existing !== undefined) return E.right(undefined)
  const out: Record<string, unknown> = { origin: { _tag: 'CloudFormation', logicalId: r.logicalId, resourceType: 'AWS::ApiGateway::Deployment' }, stageName: name, deploymentId: self }
  const description = r.properties['StageDescription']
  if (description !== undefined && description !== null) {
    const dw = `${where}.StageDescription`
    if (!isRecord(description)) return E.left(iacError(dw, description, 'is not a StageDescription (an object)'))
    const steps = all([
      ...STAGE_DESCRIPTION_FIELDS.map(([key, n, check]) => () => field(out, key, description, n, dw, check)),
      () => {
        const c = description['CanarySetting']
        if (c === undefined || c === null) return E.right(undefined)
        define(out, 'origin', { ...(out['origin'] as object), canary: { logicalId: r.logicalId, shape: 'StageDescriptionCanarySetting' } })
        return E.map((canary: DeclaredCanary) => define(out, 'canarySettings', canary))(fromCloudFormationCanary(c, 'StageDescriptionCanarySetting', { where: `${dw}.CanarySetting` }))
      }
    ])
    if (E.isLeft(steps)) return steps
  }
  stages.push(out)
  return E.right(undefined)
}

/**
 * Every stage a template declares: each `AWS::ApiGateway::Stage`; each
 * `AWS::ApiGateway::Deployment` with a `StageName` and no Stage resource of that name (its
 * `StageDescription`, with its `CanarySetting`, describes the stage); and a deployment's
 * `DeploymentCanarySettings` becomes the canary of the stage it names, with the deployment
 * itself (`Ref`) as the canary's deployment. Works on CDK's synthesised templates as they are.
 * A malformed value is a Left naming the resource and the property path.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, readTemplate } from 'apigw-canary/iac'
 *
 * const yaml = [
 *   'Resources:',
 *   '  Stage:',
 *   '    Type: AWS::ApiGateway::Stage',
 *   '    Properties: { RestApiId: !Ref Api, DeploymentId: !Ref ApiDeployment, StageName: prod, Variables: { lambdaAlias: Prod } }',
 *   '  ApiCanaryDeployment:',
 *   '    Type: AWS::ApiGateway::Deployment',
 *   '    DependsOn: [Stage]',
 *   '    Properties:',
 *   '      RestApiId: !Ref Api',
 *   '      StageName: prod',
 *   '      DeploymentCanarySettings: { PercentTraffic: 50, StageVariableOverrides: { lambdaAlias: Dev } }'
 * ].join('\n')
 * const stages = E.flatMap(readTemplate)(parseTemplate(yaml))
 * assert.ok(E.isRight(stages))
 * assert.deepStrictEqual(stages.right[0]?.canarySettings, {
 *   deploymentId: { _tag: 'Ref', logicalId: 'ApiCanaryDeployment' }, percentTraffic: 50, stageVariableOverrides: { lambdaAlias: 'Dev' }
 * })
 * ```
 *
 * @category templates
 * @since 0.2.0
 */
export const readTemplate = (template: unknown): E.Either<IacError, ReadonlyArray<DeclaredStage>> =>
  E.flatMap((resources: ReadonlyArray<Resource>) => {
    const stages: Array<Record<string, unknown>> = []
    for (const r of resources) {
      if (r.type !== 'AWS::ApiGateway::Stage') continue
      const s = fromCloudFormationStage(r.properties, r.logicalId)
      if (E.isLeft(s)) return s
      stages.push({ ...s.right })
    }
    for (const r of resources) {
      if (r.type !== 'AWS::ApiGateway::Deployment') continue
      const d = fromDeployment(r, stages)
      if (E.isLeft(d)) return d
    }
    return E.right(stages as unknown as ReadonlyArray<DeclaredStage>)
  })(resourcesOf(template))

/**
 * What a stack create or update asks API Gateway to do, resource by resource: each
 * `AWS::ApiGateway::Stage` is a stage creation; each `AWS::ApiGateway::Deployment` with a
 * `StageName` is a deployment to that stage (a canary deployment when it has
 * `DeploymentCanarySettings`, which is then `stageCreatedBefore` when it `DependsOn` the Stage
 * resource of that name); a canary deployment without a `StageName` names `null`. Stage names
 * given by reference are left out (unknown until the stack resolves them).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, templateActions } from 'apigw-canary/iac'
 *
 * const t = parseTemplate('Resources:\n  D:\n    Type: AWS::ApiGateway::Deployment\n    Properties:\n      RestApiId: !Ref Api\n      DeploymentCanarySettings: { PercentTraffic: 5 }\n')
 * assert.deepStrictEqual(E.flatMap(templateActions)(t), E.right([{ logicalId: 'D', action: { _tag: 'CanaryDeployment', stageName: null } }]))
 * ```
 *
 * @category templates
 * @since 0.2.0
 */
export const templateActions = (template: unknown): E.Either<IacError, ReadonlyArray<TemplateAction>> =>
  E.map((resources: ReadonlyArray<Resource>) => {
    const out: Array<TemplateAction> = []
    const stageResources = resources.filter((r) => r.type === 'AWS::ApiGateway::Stage')
    for (const r of resources) {
      const name = stageNameOf(r)
      if (r.type === 'AWS::ApiGateway::Stage' && typeof name === 'string') out.push({ logicalId: r.logicalId, action: { _tag: 'CreateStage', stageName: name, logicalId: r.logicalId } })
      if (r.type !== 'AWS::ApiGateway::Deployment') continue
      const canary = hasOwn(r.properties, 'DeploymentCanarySettings')
      if (canary && (name === undefined || name === '')) {
        out.push({ logicalId: r.logicalId, action: { _tag: 'CanaryDeployment', stageName: null } })
      } else if (typeof name === 'string') {
        const creator = stageResources.find((s) => stageNameOf(s) === name)
        out.push({
          logicalId: r.logicalId,
          action: canary
            ? { _tag: 'CanaryDeployment', stageName: name, ...(creator === undefined ? {} : { stageCreatedBefore: r.dependsOn.includes(creator.logicalId) }) }
            : { _tag: 'Deployment', stageName: name }
        })
      }
    }
    return out
  })(resourcesOf(template))
