/**
 * Checks a deploy before it fails: given the live stage (or none) and what a deploy is about to
 * do, says whether API Gateway will refuse it, with AWS's exact text, and how to fix it.
 *
 * The refusals are AWS's (recorded; docs/iac.md and the reference notes quote them): a
 * deployment without canary settings to a stage whose canary is on; a canary deployment to a
 * stage that does not exist, or to no stage; creating a stage that exists.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { toOperations } from '../patch/Operations.js'
import type { PatchOperation } from '../patch/PatchOperation.js'
import * as Transition from '../lifecycle/Transition.js'
import type { Stage } from '../stage/Stage.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a deploy is about to do to a stage: `Deployment` is a create-deployment without canary
 * settings (CloudFormation's `AWS::ApiGateway::Deployment` with a `StageName`, Terraform's
 * `aws_api_gateway_deployment` with `stage_name`, serverless's deploy); `CanaryDeployment` is
 * one with canary settings (`stageCreatedBefore`: the same deploy creates the stage first);
 * `CreateStage` is a create-stage (`managedBy`: the CloudFormation logical id that owns the
 * stage, when the stage's `aws:cloudformation:logical-id` tag names it, the deploy updates it).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { DeployAction } from 'apigw-canary/iac'
 *
 * const actions: ReadonlyArray<DeployAction> = [
 *   { _tag: 'Deployment', stageName: 'prod' },
 *   { _tag: 'CanaryDeployment', stageName: 'prod' },
 *   { _tag: 'CreateStage', stageName: 'prod', logicalId: 'Stage' }
 * ]
 * assert.strictEqual(actions.length, 3)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type DeployAction =
  | { readonly _tag: 'Deployment'; readonly stageName: string }
  | { readonly _tag: 'CanaryDeployment'; readonly stageName: string | null | undefined; readonly stageCreatedBefore?: boolean }
  | { readonly _tag: 'CreateStage'; readonly stageName: string; readonly logicalId?: string }

/**
 * AWS will refuse the action: its exception name and exact message, what to do instead, and
 * the update-stage operations that clear the way when there are any (`promote` then disable,
 * or `rollback`: disable alone).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { preflight, type Refusal } from 'apigw-canary/iac'
 *
 * const r = preflight(undefined, { _tag: 'CanaryDeployment', stageName: 'prod' })
 * assert.ok(E.isLeft(r))
 * const refusal: Refusal = r.left
 * assert.strictEqual(refusal.message, 'Invalid deployment content specified.Stage prod must already be created before making a canary release deployment')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Refusal {
  readonly _tag: 'Refusal'
  readonly name: 'BadRequestException' | 'ConflictException'
  readonly message: string
  readonly fix: string
  readonly operations?: { readonly promote: ReadonlyArray<PatchOperation>; readonly rollback: ReadonlyArray<PatchOperation> }
}

/**
 * AWS will take the action: what it will do.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { preflight, type Accepted } from 'apigw-canary/iac'
 *
 * const r = preflight(undefined, { _tag: 'Deployment', stageName: 'prod' })
 * assert.ok(E.isRight(r))
 * const ok: Accepted = r.right
 * assert.match(ok.effect, /creates stage prod/)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Accepted {
  readonly _tag: 'Accepted'
  readonly effect: string
}

// -------------------------------------------------------------------------------------
// preflight
// -------------------------------------------------------------------------------------

const refusal = (name: Refusal['name'], message: string, fix: string, operations?: Refusal['operations']): E.Either<Refusal, Accepted> =>
  E.left({ _tag: 'Refusal', name, message, fix, ...(operations === undefined ? {} : { operations }) })

const accepted = (effect: string): E.Either<Refusal, Accepted> => E.right({ _tag: 'Accepted', effect })

const clearingOperations = (stage: Stage): Refusal['operations'] => {
  const promote = toOperations(stage, Transition.promote())
  const rollback = toOperations(stage, Transition.disable())
  const disable: ReadonlyArray<PatchOperation> = E.isRight(rollback) ? rollback.right : [{ op: 'remove', path: '/canarySettings' }]
  return { promote: E.isRight(promote) ? [...promote.right, ...disable] : disable, rollback: disable }
}

/**
 * Will API Gateway refuse the action on this stage (`undefined`: the stage does not exist)?
 * A Left is AWS's refusal with its exact message and the fix; a Right says what AWS will do.
 * Pure and total.
 *
 * - A deployment without canary settings to a stage whose canary is on:
 *   `Invalid deployment content specified.Non canary deployment not supported on stage {name}
 *   because Canary is enabled. Provide CanarySettings in deploymentInput.` (serverless issue
 *   11518). Fix: promote and remove the canary (or remove it to roll back) first, or deploy
 *   with canary settings.
 * - A canary deployment to a stage that does not exist:
 *   `Invalid deployment content specified.Stage {name} must already be created before making a
 *   canary release deployment`; to no stage: `...Non null and non empty stageName must be
 *   provided for canary deployment. Provided value is null` (or `is ` for `""`).
 * - A stage creation where the stage exists (and is not the stack's own): `Stage already exists`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage } from 'apigw-canary'
 * import { preflight } from 'apigw-canary/iac'
 *
 * const live = decodeStage({ stageName: 'v1', deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } })
 * assert.ok(E.isRight(live))
 * const r = preflight(live.right, { _tag: 'Deployment', stageName: 'v1' })
 * assert.ok(E.isLeft(r))
 * assert.strictEqual(r.left.message, 'Invalid deployment content specified.Non canary deployment not supported on stage v1 because Canary is enabled. Provide CanarySettings in deploymentInput.')
 * assert.deepStrictEqual(r.left.operations?.rollback, [{ op: 'remove', path: '/canarySettings' }])
 * assert.ok(E.isRight(preflight(live.right, { _tag: 'CanaryDeployment', stageName: 'v1' })))
 * ```
 *
 * @category preflight
 * @since 0.2.0
 */
export const preflight = (stage: Stage | undefined, action: DeployAction): E.Either<Refusal, Accepted> => {
  switch (action._tag) {
    case 'Deployment': {
      const name = action.stageName
      if (stage === undefined) return accepted(`creates stage ${name} on the new deployment (a deployment without canary settings may name a stage that does not exist)`)
      if (stage.canarySettings === undefined) return accepted(`moves stage ${name} to the new deployment; its variables stay`)
      return refusal(
        'BadRequestException',
        `Invalid deployment content specified.Non canary deployment not supported on stage ${name} because Canary is enabled. Provide CanarySettings in deploymentInput.`,
        `the canary on stage ${name} must go first: promote it and remove it (update-stage with operations.promote), or remove it to roll back (operations.rollback); then deploy. Or deploy with canary settings instead (create-deployment --canary-settings, CloudFormation's DeploymentCanarySettings, Terraform's canary_settings), which replaces the canary.`,
        clearingOperations(stage)
      )
    }
    case 'CanaryDeployment': {
      const name = action.stageName
      if (name === null || name === undefined || name === '') {
        return refusal(
          'BadRequestException',
          `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${name === '' ? '' : 'null'}`,
          'name the stage: a canary deployment needs StageName (CloudFormation), stage_name (Terraform) or --stage-name (create-deployment), and the stage must already exist.'
        )
      }
      if (stage === undefined && action.stageCreatedBefore !== true) {
        return refusal(
          'BadRequestException',
          `Invalid deployment content specified.Stage ${name} must already be created before making a canary release deployment`,
          action.stageCreatedBefore === false
            ? `the Stage resource that creates ${name} is in the same template, but the canary deployment does not depend on it: add it to the deployment's DependsOn so that the stage exists first.`
            : `create stage ${name} first (a deployment without canary settings, create-stage, or an AWS::ApiGateway::Stage / aws_api_gateway_stage the canary deployment depends on), then deploy the canary.`
        )
      }
      return accepted(
        stage?.canarySettings === undefined
          ? `the new deployment becomes the canary of stage ${name}; the stage's deployment and variables stay`
          : `the new deployment replaces the canary of stage ${name} (its settings become the new ones; overrides not given are dropped)`
      )
    }
    case 'CreateStage': {
      const name = action.stageName
      if (stage === undefined) return accepted(`creates stage ${name}`)
      const owner = stage.tags?.['aws:cloudformation:logical-id']
      if (action.logicalId !== undefined && owner === action.logicalId) return accepted(`updates stage ${name}, which the stack's ${owner} already manages`)
      return refusal(
        'ConflictException',
        'Stage already exists',
        `stage ${name} exists and is not this stack's ${action.logicalId ?? 'resource'}: import it into the stack (or the Terraform state), use another stage name, or delete the stage first.`
      )
    }
  }
}
