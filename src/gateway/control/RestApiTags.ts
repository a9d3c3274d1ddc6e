/**
 * Tags on stages, as API Gateway's `TagResource`, `UntagResource` and `GetTags` answer them. The
 * resource is named by its ARN, `arn:aws:apigateway:{region}::/restapis/{id}/stages/{name}` (no
 * account field); the tags live on the stage itself, so `GetStage` shows them in its `tags`
 * field, as AWS does (research: `/work/research/gateway.md` §4).
 *
 * Chosen where AWS's answer is not recorded: an ARN that is not a stage's ARN is a
 * `BadRequestException` `Invalid ARN specified in the request`; a well-formed ARN of a missing
 * stage is the usual `NotFoundException`. Keys are 1 to 128 characters, not starting with
 * `aws:`; values up to 256 characters; both from the characters AWS allows in tags (letters,
 * digits, spaces and `_ . : / = + - @`); at most 50 tags per stage.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import { pipe } from 'fp-ts/lib/function.js'
import { invalidValue, type InvalidValue } from '../../stage/ApiGatewayError.js'
import type { Stage } from '../../stage/Stage.js'
import type { Gateway, GatewayError, Outcome } from './Gateway.js'
import { stageNotFound } from './RestApiError.js'
import { findApi, findStage, putApi, putStage } from './internal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * TagResource's input: the stage's ARN and the tags to add or overwrite.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { TagResourceInput } from 'apigw-canary'
 *
 * const input: TagResourceInput = { resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod', tags: { team: 'store' } }
 * assert.strictEqual(input.tags.team, 'store')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface TagResourceInput {
  readonly resourceArn: string
  readonly tags: { readonly [key: string]: string }
}

/**
 * UntagResource's input: the stage's ARN and the keys to remove (absent keys are ignored).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { UntagResourceInput } from 'apigw-canary'
 *
 * const input: UntagResourceInput = { resourceArn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod', tagKeys: ['team'] }
 * assert.deepStrictEqual(input.tagKeys, ['team'])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface UntagResourceInput {
  readonly resourceArn: string
  readonly tagKeys: ReadonlyArray<string>
}

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

const STAGE_ARN = /^arn:(aws|aws-cn|aws-us-gov):apigateway:([a-z0-9-]{1,40})::\/restapis\/([^/]{1,64})\/stages\/([^/]{1,128})$/
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u
/** AWS's limit of tags on one resource. */
const MAX_TAGS = 50

const invalidArn = (arn: unknown): InvalidValue => ({
  ...invalidValue('resourceArn', arn, 'is not a stage ARN (arn:aws:apigateway:{region}::/restapis/{id}/stages/{name})'),
  message: 'Invalid ARN specified in the request'
})

const parseArn = (arn: unknown): E.Either<InvalidValue, { readonly restApiId: string; readonly stageName: string }> => {
  const m = typeof arn === 'string' ? STAGE_ARN.exec(arn) : null
  return m === null ? E.left(invalidArn(arn)) : E.right({ restApiId: m[3] ?? '', stageName: m[4] ?? '' })
}

const checkKey = (key: string): E.Either<InvalidValue, string> =>
  key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)
    ? E.left(invalidValue('tags', key, 'is not a tag key (1 to 128 letters, digits, spaces or _ . : / = + - @)'))
    : key.toLowerCase().startsWith('aws:')
      ? E.left(invalidValue('tags', key, 'is a reserved tag key: keys starting with aws: are for AWS'))
      : E.right(key)

const checkTags = (tags: unknown): E.Either<InvalidValue, ReadonlyArray<readonly [string, string]>> => {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return E.left(invalidValue('tags', tags, 'is not a map of tags (an object of string values)'))
  const entries = Object.entries(tags as object) as ReadonlyArray<readonly [string, unknown]>
  if (entries.length > MAX_TAGS) return E.left(invalidValue('tags', entries.length, `is too many tags: a stage holds at most ${MAX_TAGS}`))
  for (const [k, v] of entries) {
    const key = checkKey(k)
    if (E.isLeft(key)) return key
    if (typeof v !== 'string' || v.length > 256 || !TAG_TEXT.test(v)) {
      return E.left(invalidValue(`tags.${k}`, v, 'is not a tag value (up to 256 letters, digits, spaces or _ . : / = + - @)'))
    }
  }
  return E.right(entries as ReadonlyArray<readonly [string, string]>)
}

/** Finds the stage an ARN names, and changes its tags with `f`. */
const onStage = (
  gateway: Gateway,
  arn: unknown,
  f: (tags: { readonly [key: string]: string }) => E.Either<GatewayError, { readonly [key: string]: string }>
): E.Either<GatewayError, Outcome<Stage>> =>
  pipe(
    parseArn(arn),
    E.chainW(({ restApiId, stageName }) =>
      pipe(
        findApi(gateway, restApiId),
        E.chainW((api) => {
          const stage = findStage(api, stageName)
          if (stage === undefined) return E.left(stageNotFound(stageName))
          return E.map((tags: { readonly [key: string]: string }): Outcome<Stage> => {
            if (tags === (stage.tags ?? {})) return { gateway, response: stage }
            const { tags: _old, ...rest } = stage
            const next: Stage = Object.keys(tags).length === 0 ? rest : { ...rest, tags }
            return { gateway: putApi(gateway, putStage(api, next)), response: next }
          })(f(stage.tags ?? {}))
        })
      )
    )
  )

/** A record built from entries, safe with `__proto__` as a key. */
const recordOf = (entries: ReadonlyArray<readonly [string, string]>): { readonly [key: string]: string } => {
  const out: Record<string, string> = {}
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  return out
}

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * TagResource: adds the tags to the stage (a key already there gets the new value). Answers
 * nothing (AWS's 204).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getStage, getTags, tagResource, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId) // AWS deploys no API without methods
 * assert.ok(E.isRight(ready))
 * const made = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const resourceArn = `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod`
 * const tagged = tagResource(made.right.gateway, { resourceArn, tags: { team: 'store' } })
 * assert.ok(E.isRight(tagged))
 * const stage = getStage(tagged.right.gateway, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(stage) && stage.right.response.tags?.team === 'store')
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(getTags(tagged.right.gateway, { resourceArn })), E.right({ team: 'store' }))
 * const bad = tagResource(made.right.gateway, { resourceArn: 'arn:aws:s3:::bucket', tags: {} })
 * assert.ok(E.isLeft(bad) && bad.left.message === 'Invalid ARN specified in the request')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const tagResource = (gateway: Gateway, input: TagResourceInput): E.Either<GatewayError, Outcome<undefined>> =>
  E.map((o: Outcome<Stage>): Outcome<undefined> => ({ gateway: o.gateway, response: undefined }))(
    onStage(gateway, input.resourceArn, (old) =>
      E.chain((entries: ReadonlyArray<readonly [string, string]>) => {
        if (entries.length === 0) return E.right(old)
        const merged = recordOf([...Object.entries(old), ...entries])
        return Object.keys(merged).length > MAX_TAGS ? E.left(invalidValue('tags', Object.keys(merged).length, `is too many tags: a stage holds at most ${MAX_TAGS}`)) : E.right(merged)
      })(checkTags(input.tags))
    )
  )

/**
 * UntagResource: removes the tags of these keys (keys the stage does not have are ignored).
 * Answers nothing (AWS's 204).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getTags, tagResource, untagResource, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId) // AWS deploys no API without methods
 * assert.ok(E.isRight(ready))
 * const made = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const resourceArn = `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod`
 * const tagged = tagResource(made.right.gateway, { resourceArn, tags: { a: '1', b: '2' } })
 * assert.ok(E.isRight(tagged))
 * const untagged = untagResource(tagged.right.gateway, { resourceArn, tagKeys: ['a', 'zzz'] })
 * assert.ok(E.isRight(untagged))
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(getTags(untagged.right.gateway, { resourceArn })), E.right({ b: '2' }))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const untagResource = (gateway: Gateway, input: UntagResourceInput): E.Either<GatewayError, Outcome<undefined>> =>
  E.map((o: Outcome<Stage>): Outcome<undefined> => ({ gateway: o.gateway, response: undefined }))(
    onStage(gateway, input.resourceArn, (old) => {
      if (!Array.isArray(input.tagKeys) || !input.tagKeys.every((k) => typeof k === 'string')) {
        return E.left(invalidValue('tagKeys', input.tagKeys, 'is not a list of tag keys (strings)'))
      }
      const drop = new Set(input.tagKeys)
      const kept = Object.entries(old).filter(([k]) => !drop.has(k))
      return E.right(kept.length === Object.keys(old).length ? old : recordOf(kept))
    })
  )

/**
 * GetTags: the stage's tags (`{}` when it has none).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, getTags, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const ready = putMockMethod(api.right.gateway, restApiId) // AWS deploys no API without methods
 * assert.ok(E.isRight(ready))
 * const made = createDeployment(ready.right, { restApiId, stageName: 'prod' })
 * assert.ok(E.isRight(made))
 * const tags = getTags(made.right.gateway, { resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod` })
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(tags), E.right({}))
 * const missing = getTags(made.right.gateway, { resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/beta` })
 * assert.ok(E.isLeft(missing) && missing.left.message === 'Invalid stage identifier specified')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getTags = (gateway: Gateway, input: { readonly resourceArn: string }): E.Either<GatewayError, Outcome<{ readonly [key: string]: string }>> =>
  E.map((o: Outcome<Stage>) => ({ gateway, response: o.response.tags ?? {} }))(onStage(gateway, input.resourceArn, (old) => E.right(old)))
