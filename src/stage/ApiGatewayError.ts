/**
 * The errors of the lifecycle and of the update-stage applier, as values. Each carries a `_tag` to match on, the `name` of the
 * exception API Gateway answers with, and a `message`: AWS's exact text where it is known
 * (see the reference notes), a sentence saying what was wrong and how to fix it otherwise.
 *
 * Nothing in this library throws across its public API; every failure is one of these in a
 * `Left`. The promise, exactly: every entry point that takes untrusted input (`decodeStage`,
 * `decodeOperations`, `applyPatch`'s operations, the gateway's routers, `parseServeArgs`, and
 * every exported io-ts codec's `decode` and `is`) answers any JavaScript value, a throwing
 * getter or a revoked proxy included, with a `Right` or a `Left`. A parameter typed as a
 * `Stage` (or a `Gateway`, a simulator's options) is trusted by its type: it must be a value
 * that `decodeStage` (or the matching decoder) gave; `null`, `undefined` or a hand-made object
 * there is outside the promise and may throw a `TypeError`. Decode first what comes from outside.
 *
 * @since 0.1.0
 *
 * @module
 */
import type { LifecycleError } from './LifecycleError.js'
import type { PatchError } from './PatchError.js'

export * from './LifecycleError.js'
export * from './PatchError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * Any error API Gateway answers with, as this library models it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { invalidPatchPath, promotionNotAvailable, type ApiGatewayError } from 'apigw-canary'
 *
 * const errors: ReadonlyArray<ApiGatewayError> = [invalidPatchPath(0, '/tags/team'), promotionNotAvailable]
 * assert.ok(errors.every((e) => e.name === 'BadRequestException'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type ApiGatewayError = LifecycleError | PatchError
