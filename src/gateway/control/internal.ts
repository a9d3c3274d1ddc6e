/**
 * Shared steps of the REST API aggregate's operations and its shells: find a REST API, put it
 * back, issue an id, find and replace a stage, page through a list, say what a thrown value
 * says. All pure.
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import { invalidValue, type InvalidValue } from '../../stage/ApiGatewayError.js'
import type { ApiState, Gateway, Page } from './Gateway.js'
import { apiById, replaceApi } from './apiIndex.js'
import { idsExhausted, invalidStageName, restApiNotFound, type IdsExhausted, type InvalidStageName, type RestApiNotFound } from './RestApiError.js'
import type { DeploymentId } from '../../stage/DeploymentId.js'
import type { Env, IdKind } from './RestApiProviders.js'
import { cacheClusterSizes, type CacheClusterSize, type Stage } from '../../stage/Stage.js'
import * as StageVariable from '../../stage/StageVariable.js'
import type { Variables } from '../../stage/StageVariable.js'
import { unsafeFromString, type Timestamp } from '../../stage/Timestamp.js'
import * as R from '../../internal/record.js'

/** What a thrown value says, for a message (see `describeError`). @internal */
export { describeError as thrownText } from '../../internal/either.js'

/** How many ids in a row may be in use before the provider is taken to repeat itself. @internal */
export const MAX_ID_TRIES = 1000

/** The REST API of this id. @internal */
export const findApi = (gateway: Gateway, restApiId: string): E.Either<RestApiNotFound, ApiState> => {
  const api = apiById(gateway.restApis, restApiId)
  return api === undefined ? E.left(restApiNotFound(gateway.accountId, restApiId)) : E.right(api)
}

/** Replaces the REST API of the same id. @internal */
export const putApi = (gateway: Gateway, api: ApiState): Gateway => ({
  ...gateway,
  restApis: replaceApi(gateway.restApis, api)
})

/**
 * The next id of `kind` that `taken` does not refuse, and the gateway with its counter moved
 * past it. @internal
 */
export const issueId = (
  gateway: Gateway,
  env: Env,
  kind: IdKind,
  taken: (id: string) => boolean
): E.Either<IdsExhausted, readonly [string, Gateway]> => {
  for (let n = gateway.issued; n < gateway.issued + MAX_ID_TRIES; n++) {
    const id = env.ids(kind, n)
    if (typeof id === 'string' && id.length > 0 && !taken(id)) return E.right([id, { ...gateway, issued: n + 1 }])
  }
  return E.left(idsExhausted(kind))
}

/** The stage of this name, if any. @internal */
export const findStage = (api: ApiState, stageName: string): Stage | undefined => api.stages.find((s) => s.stageName === stageName)

/** Replaces the stage of the same name, or appends it. @internal */
export const putStage = (api: ApiState, stage: Stage): ApiState => {
  const stages = api.stages
  let at = 0
  while (at < stages.length && (stages[at] as Stage).stageName !== stage.stageName) at++
  const next = stages.slice()
  next[at] = stage
  return { ...api, stages: next }
}

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/

/** Checks a stage name: letters, digits, `_` and `-`, 1 to 128 of them (docs). @internal */
export const checkStageName = (stageName: string): E.Either<InvalidStageName, string> =>
  typeof stageName === 'string' && STAGE_NAME.test(stageName) ? E.right(stageName) : E.left(invalidStageName(String(stageName)))

/** AWS's default and largest page size. @internal */
export const DEFAULT_LIMIT = 25
/** @internal */
export const MAX_LIMIT = 500

/**
 * One page of `items`: `position` is where the page starts (an opaque token to the caller: the
 * index, as a string), `limit` how many it holds (1 to 500, 25 by default). @internal
 */
export const paginate = <A>(items: ReadonlyArray<A>, position: string | undefined, limit: number | undefined): E.Either<InvalidValue, Page<A>> => {
  const start = position === undefined || position === '' ? 0 : /^(0|[1-9]\d{0,8})$/.test(position) ? Number(position) : -1
  if (start < 0) return E.left(invalidValue('position', position, 'is not a position this service gave (pass the position of the previous page)'))
  const size = limit ?? DEFAULT_LIMIT
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_LIMIT) {
    return E.left(invalidValue('limit', limit, `is not a page size (a whole number from 1 to ${MAX_LIMIT})`))
  }
  const end = start + size
  return E.right(end < items.length ? { items: items.slice(start, end), position: String(end) } : { items: items.slice(start) })
}

/** The stage fields create-deployment and create-stage take, unchecked. @internal */
export interface StageFieldsInput {
  readonly description?: string
  readonly cacheClusterEnabled?: boolean
  readonly cacheClusterSize?: string
  readonly variables?: Readonly<Record<string, string>>
  readonly tracingEnabled?: boolean
}

/** The same fields, checked. @internal */
export interface StageFields {
  readonly description?: string
  readonly cacheClusterEnabled?: boolean
  readonly cacheClusterSize?: CacheClusterSize
  readonly variables?: Variables
  readonly tracingEnabled?: boolean
}

const isSize = (u: unknown): u is CacheClusterSize => typeof u === 'string' && (cacheClusterSizes as ReadonlyArray<string>).includes(u)

/** Checks the stage fields of a request against AWS's rules. @internal */
export const checkStageFields = (input: StageFieldsInput): E.Either<InvalidValue, StageFields> => {
  if (input.description !== undefined && typeof input.description !== 'string') return E.left(invalidValue('description', input.description, 'is not a string'))
  if (input.cacheClusterEnabled !== undefined && typeof input.cacheClusterEnabled !== 'boolean') {
    return E.left(invalidValue('cacheClusterEnabled', input.cacheClusterEnabled, 'is not a boolean'))
  }
  if (input.tracingEnabled !== undefined && typeof input.tracingEnabled !== 'boolean') {
    return E.left(invalidValue('tracingEnabled', input.tracingEnabled, 'is not a boolean'))
  }
  const size = input.cacheClusterSize
  if (size !== undefined && !isSize(size)) return E.left(invalidValue('cacheClusterSize', size, `is not one of ${cacheClusterSizes.join(', ')}`))
  return E.map((variables: Variables | undefined): StageFields => ({
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.cacheClusterEnabled === undefined ? {} : { cacheClusterEnabled: input.cacheClusterEnabled }),
    ...(size === undefined ? {} : { cacheClusterSize: size }),
    ...(variables === undefined ? {} : { variables }),
    ...(input.tracingEnabled === undefined ? {} : { tracingEnabled: input.tracingEnabled })
  }))(input.variables === undefined ? E.right(undefined) : StageVariable.fromRecord(input.variables))
}

/**
 * A new stage as AWS creates one: the cache cluster off unless asked for (size 0.5 by default
 * when on), no method settings, tracing off, both dates `now`. @internal
 */
export const newStage = (stageName: string, deploymentId: DeploymentId, fields: StageFields, now: Timestamp): Stage => {
  const cache = fields.cacheClusterEnabled ?? false
  return {
    stageName,
    deploymentId,
    ...(fields.description === undefined ? {} : { description: fields.description }),
    cacheClusterEnabled: cache,
    ...(cache ? { cacheClusterSize: fields.cacheClusterSize ?? '0.5' } : fields.cacheClusterSize === undefined ? {} : { cacheClusterSize: fields.cacheClusterSize }),
    cacheClusterStatus: cache ? 'AVAILABLE' : 'NOT_AVAILABLE',
    methodSettings: {},
    ...(fields.variables === undefined || R.isEmpty(fields.variables) ? {} : { variables: fields.variables }),
    tracingEnabled: fields.tracingEnabled ?? false,
    createdDate: now,
    lastUpdatedDate: now
  }
}

/**
 * An existing stage after a deployment that sets some of its fields: the given variables are set
 * and the others kept; the other given fields replace theirs. @internal
 */
export const updateStageFields = (stage: Stage, fields: StageFields, now: Timestamp): Stage => {
  const cache = fields.cacheClusterEnabled
  const variables = fields.variables === undefined ? stage.variables : R.merge(stage.variables ?? {}, fields.variables)
  return {
    ...stage,
    ...(fields.description === undefined ? {} : { description: fields.description }),
    ...(cache === undefined ? {} : { cacheClusterEnabled: cache, cacheClusterStatus: cache ? 'AVAILABLE' : 'NOT_AVAILABLE' }),
    ...(fields.cacheClusterSize === undefined ? (cache === true && stage.cacheClusterSize === undefined ? { cacheClusterSize: '0.5' as const } : {}) : { cacheClusterSize: fields.cacheClusterSize }),
    ...(variables === undefined || R.isEmpty(variables) ? {} : { variables: variables as Variables }),
    ...(fields.tracingEnabled === undefined ? {} : { tracingEnabled: fields.tracingEnabled }),
    lastUpdatedDate: now
  }
}

/** The time `ms` (milliseconds since the epoch) as AWS reports dates: whole seconds, as in `2017-11-20T04:42:19Z`. @internal */
export const secondText = (ms: number): Timestamp => unsafeFromString(new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'))

/**
 * {@link secondText} with each second's text made once: for a clock that every call reads and
 * that moves seldom (a virtual clock, or the real one read many times a second). @internal
 */
export const secondTexts = (): ((ms: number) => Timestamp) => {
  let second = NaN
  let text: Timestamp | undefined
  return (ms) => {
    const s = Math.floor(ms / 1000)
    if (s !== second || text === undefined) {
      text = secondText(ms)
      second = s
    }
    return text
  }
}
