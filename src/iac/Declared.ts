/**
 * What a template or a Terraform state declares about a stage, in the library's terms: the
 * {@link DeclaredStage}. Its fields are the stage's, but each may be a reference that only the
 * deployment tool resolves (CloudFormation's `Ref` and `Fn::*` functions, Terraform's values
 * known after apply): such a value is kept as an {@link Unresolved} value, never refused.
 *
 * Laws (checked in test/iac/):
 * - a stage's fields written by any tool's encoder read back to the same stage
 *   (`toStage(fromX(toX(stage))) = stage` on the fields the tools declare);
 * - reading never throws, and a value that breaks a rule is a Left naming its place.
 *
 * @since 0.2.0
 *
 * @module
 */
import type * as DeploymentId from '../stage/DeploymentId.js'
import type * as Percent from '../stage/Percent.js'
import type { CacheClusterSize } from '../stage/Stage.js'
import type * as StageVariable from '../stage/StageVariable.js'
import { showValue } from '../internal/show.js'
import { hasOwn } from '../internal/record.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * CloudFormation's `Ref` (`!Ref X`, `{"Ref": "X"}`): a resource's or parameter's logical id.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, readTemplate, type Ref } from 'apigw-canary/iac'
 *
 * const template = parseTemplate('Resources:\n  Stage:\n    Type: AWS::ApiGateway::Stage\n    Properties:\n      RestApiId: !Ref Api\n      StageName: prod\n      DeploymentId: !Ref Deployment\n')
 * const stages = E.flatMap(readTemplate)(template)
 * assert.ok(E.isRight(stages))
 * const ref: Ref = { _tag: 'Ref', logicalId: 'Deployment' }
 * assert.deepStrictEqual(stages.right[0]?.deploymentId, ref)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Ref {
  readonly _tag: 'Ref'
  readonly logicalId: string
}

/**
 * Any other CloudFormation intrinsic function (`Fn::GetAtt`, `Fn::Sub`, `Fn::If`, `Condition`...),
 * kept as written in its long form: `fn` is the key (`Fn::Sub`), `args` its value.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, type Intrinsic } from 'apigw-canary/iac'
 *
 * const template = parseTemplate('A: !GetAtt RestApi.RootResourceId\n')
 * assert.deepStrictEqual(template, E.right({ A: { 'Fn::GetAtt': ['RestApi', 'RootResourceId'] } }))
 * const value: Intrinsic = { _tag: 'Intrinsic', fn: 'Fn::GetAtt', args: ['RestApi', 'RootResourceId'] }
 * assert.strictEqual(value.fn, 'Fn::GetAtt')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Intrinsic {
  readonly _tag: 'Intrinsic'
  readonly fn: string
  readonly args: unknown
}

/**
 * A value a Terraform plan knows only after apply (`after_unknown`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Unknown } from 'apigw-canary/iac'
 *
 * const v: Unknown = { _tag: 'Unknown', reason: 'known after apply' }
 * assert.strictEqual(v._tag, 'Unknown')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Unknown {
  readonly _tag: 'Unknown'
  readonly reason: string
}

/**
 * A value only the deployment tool can resolve.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { isUnresolved, type Unresolved } from 'apigw-canary/iac'
 *
 * const v: Unresolved = { _tag: 'Ref', logicalId: 'ApiDeployment' }
 * assert.ok(isUnresolved(v))
 * assert.ok(!isUnresolved('nfcn0x'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Unresolved = Ref | Intrinsic | Unknown

/**
 * A declared value: the value itself, or a reference to resolve.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Declared } from 'apigw-canary/iac'
 *
 * const a: Declared<string> = 'prod'
 * const b: Declared<string> = { _tag: 'Ref', logicalId: 'StageName' }
 * assert.notDeepStrictEqual(a, b)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Declared<A> = A | Unresolved

/**
 * Declared stage variables (or canary overrides): each value may be a reference.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DeclaredVariables } from 'apigw-canary/iac'
 *
 * const v: DeclaredVariables = { lambdaAlias: 'Prod' as DeclaredVariables[string] }
 * assert.strictEqual(v['lambdaAlias'], 'Prod')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DeclaredVariables = { readonly [name: string]: Declared<StageVariable.VariableValue> }

/**
 * A declared canary. A missing field is one the tool leaves to AWS: a missing `deploymentId`
 * is filled by AWS with the stage's deployment (create-stage, recorded) or, for a canary
 * declared on a deployment, is that deployment (create-deployment, recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromCloudFormationCanary, type DeclaredCanary } from 'apigw-canary/iac'
 *
 * const canary = fromCloudFormationCanary({ PercentTraffic: 50, StageVariableOverrides: { lambdaAlias: 'Dev' } }, 'DeploymentCanarySettings')
 * assert.ok(E.isRight(canary))
 * const c: DeclaredCanary = canary.right
 * assert.deepStrictEqual(c, { percentTraffic: 50, stageVariableOverrides: { lambdaAlias: 'Dev' } })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface DeclaredCanary {
  readonly deploymentId?: Declared<DeploymentId.DeploymentId>
  readonly percentTraffic?: Declared<Percent.Percent>
  readonly stageVariableOverrides?: Declared<DeclaredVariables>
  readonly useStageCache?: Declared<boolean>
}

/**
 * CloudFormation's three canary shapes: `AWS::ApiGateway::Stage.CanarySetting`,
 * `AWS::ApiGateway::Deployment.DeploymentCanarySettings` (no `DeploymentId`: the deployment is
 * the canary; any change replaces the deployment) and
 * `AWS::ApiGateway::Deployment.StageDescription.CanarySetting` (no `DeploymentId`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryShapes, type CanaryShape } from 'apigw-canary/iac'
 *
 * const shape: CanaryShape = 'StageCanarySetting'
 * assert.deepStrictEqual(canaryShapes, ['StageCanarySetting', 'DeploymentCanarySettings', 'StageDescriptionCanarySetting'])
 * assert.ok(canaryShapes.includes(shape))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type CanaryShape = 'StageCanarySetting' | 'DeploymentCanarySettings' | 'StageDescriptionCanarySetting'

/**
 * The three shapes, in the order above.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { canaryShapes } from 'apigw-canary/iac'
 *
 * assert.strictEqual(canaryShapes.length, 3)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const canaryShapes: ReadonlyArray<CanaryShape> = ['StageCanarySetting', 'DeploymentCanarySettings', 'StageDescriptionCanarySetting']

/**
 * Where a declared stage comes from: a CloudFormation resource (with the resource and shape of
 * its canary, when it has one), or a Terraform resource address.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Origin } from 'apigw-canary/iac'
 *
 * const cfn: Origin = { _tag: 'CloudFormation', logicalId: 'Stage', resourceType: 'AWS::ApiGateway::Stage', canary: { logicalId: 'ApiCanaryDeployment', shape: 'DeploymentCanarySettings' } }
 * const tf: Origin = { _tag: 'Terraform', address: 'aws_api_gateway_stage.prod' }
 * assert.notStrictEqual(cfn._tag, tf._tag)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type Origin =
  | {
      readonly _tag: 'CloudFormation'
      readonly logicalId: string
      readonly resourceType: 'AWS::ApiGateway::Stage' | 'AWS::ApiGateway::Deployment'
      readonly canary?: { readonly logicalId: string; readonly shape: CanaryShape }
    }
  | { readonly _tag: 'Terraform'; readonly address: string; readonly deployments?: { readonly [id: string]: string } }

/**
 * A stage as a template or a state declares it: the fields the tools can set that matter to a
 * canary (method settings, access logs, tags and the client certificate are left out).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromTerraformStage, type DeclaredStage } from 'apigw-canary/iac'
 *
 * const declared = fromTerraformStage({ stage_name: 'prod', deployment_id: 'nfcn0x', canary_settings: [{ deployment_id: 'eh1sby', percent_traffic: 10 }] }, 'aws_api_gateway_stage.prod')
 * assert.ok(E.isRight(declared))
 * const s: DeclaredStage = declared.right
 * assert.strictEqual(s.stageName, 'prod')
 * assert.deepStrictEqual(s.canarySettings, { deploymentId: 'eh1sby', percentTraffic: 10 })
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface DeclaredStage {
  readonly origin: Origin
  readonly stageName?: Declared<string>
  readonly deploymentId?: Declared<DeploymentId.DeploymentId>
  readonly description?: Declared<string>
  readonly variables?: Declared<DeclaredVariables>
  readonly tracingEnabled?: Declared<boolean>
  readonly cacheClusterEnabled?: Declared<boolean>
  readonly cacheClusterSize?: Declared<CacheClusterSize>
  readonly canarySettings?: DeclaredCanary
}

/**
 * A template, a state or a declared value that cannot be read: `where` names the place
 * (`Resources.Stage.Properties.CanarySetting.PercentTraffic`, or a resource address), `line`
 * and `column` are set when a YAML or JSON text did not parse.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { parseTemplate, readTemplate, type IacError } from 'apigw-canary/iac'
 *
 * const r = E.flatMap(readTemplate)(parseTemplate('{"Resources":{"Stage":{"Type":"AWS::ApiGateway::Stage","Properties":{"CanarySetting":{"PercentTraffic":150}}}}}'))
 * assert.ok(E.isLeft(r))
 * const e: IacError = r.left
 * assert.strictEqual(e.where, 'Resources.Stage.Properties.CanarySetting.PercentTraffic')
 * assert.strictEqual(e.message, 'Resources.Stage.Properties.CanarySetting.PercentTraffic: 150 is not a percentage (0 to 100)')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface IacError {
  readonly _tag: 'IacError'
  readonly where: string
  readonly message: string
  readonly line?: number
  readonly column?: number
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * An error at a place: the message reads `{where}: {value} {rule}`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { iacError } from 'apigw-canary/iac'
 *
 * assert.strictEqual(iacError('Resources.Stage.Properties.StageName', 5, 'is not a string').message, 'Resources.Stage.Properties.StageName: 5 is not a string')
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const iacError = (where: string, value: unknown, rule: string): IacError => ({
  _tag: 'IacError',
  where,
  message: value === undefined ? `${where} ${rule}` : `${where}: ${showValue(value)} ${rule}`
})

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is the value a reference left to the deployment tool?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { isUnresolved } from 'apigw-canary/iac'
 *
 * assert.ok(isUnresolved({ _tag: 'Intrinsic', fn: 'Fn::Sub', args: '${AWS::StackName}' }))
 * assert.ok(!isUnresolved({ lambdaAlias: 'Dev' }))
 * ```
 *
 * @category guards
 * @since 0.2.0
 */
export const isUnresolved = (u: unknown): u is Unresolved => {
  if (typeof u !== 'object' || u === null || !hasOwn(u, '_tag')) return false
  const tag = (u as { readonly _tag?: unknown })._tag
  return tag === 'Ref' || tag === 'Intrinsic' || tag === 'Unknown'
}

/**
 * Says what an unresolved value is: `Ref ApiDeployment`, `Fn::GetAtt`, `known after apply`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { describeUnresolved } from 'apigw-canary/iac'
 *
 * assert.strictEqual(describeUnresolved({ _tag: 'Ref', logicalId: 'ApiDeployment' }), 'Ref ApiDeployment')
 * assert.strictEqual(describeUnresolved({ _tag: 'Intrinsic', fn: 'Fn::Sub', args: 'x' }), 'Fn::Sub')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const describeUnresolved = (u: Unresolved): string => (u._tag === 'Ref' ? `Ref ${u.logicalId}` : u._tag === 'Intrinsic' ? u.fn : u.reason)

