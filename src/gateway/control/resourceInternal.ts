/**
 * Shared steps of the resource and method calls: find an API and a resource (AWS's resource 404
 * for either), the resources of an API (its root alone until one is written), replace one.
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import type { ApiState, Gateway } from './Gateway.js'
import { resourceError, type Resource, type ResourceError } from './Resource.js'
import { putApi } from './internal.js'

/**
 * What get-resource and delete-resource take.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getResource, type ResourceKey } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key: ResourceKey = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '' }
 * const root = getResource(api.right.gateway, key)
 * assert.ok(E.isRight(root) && root.right.response.path === '/')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface ResourceKey {
  readonly restApiId: string
  readonly resourceId: string
}

/** AWS's 404 for an unknown REST API or resource. @internal */
export const resourceNotFound: ResourceError = /* @__PURE__ */ resourceError('NotFoundException', 'Invalid Resource identifier specified')

/** The resources of an API: its list, or the root alone when none was written yet. @internal */
export const resourcesOf = (api: ApiState): ReadonlyArray<Resource> =>
  api.resources ?? (api.restApi.rootResourceId === undefined ? [] : [{ id: api.restApi.rootResourceId, path: '/' }])

/** The REST API of this id, or AWS's resource 404. @internal */
export const findApiForResource = (gateway: Gateway, restApiId: string): E.Either<ResourceError, ApiState> => {
  const api = gateway.restApis.find((a) => a.restApi.id === restApiId)
  return api === undefined ? E.left(resourceNotFound) : E.right(api)
}

/** The API and its resource of this id, or AWS's resource 404. @internal */
export const findResource = (gateway: Gateway, key: ResourceKey): E.Either<ResourceError, readonly [ApiState, Resource]> =>
  E.chain((api: ApiState) => {
    const resource = resourcesOf(api).find((r) => r.id === key.resourceId)
    return resource === undefined ? E.left(resourceNotFound) : E.right([api, resource] as const)
  })(findApiForResource(gateway, key.restApiId))

/** The gateway with this resource of the API replaced. @internal */
export const replaceResource = (gateway: Gateway, api: ApiState, resource: Resource): Gateway =>
  putApi(gateway, { ...api, resources: resourcesOf(api).map((r) => (r.id === resource.id ? resource : r)) })

/** A resource as get-resource(s) answers it: each method as `{}` (AWS's list view). @internal */
export const resourceView = (resource: Resource): Resource => {
  const { resourceMethods, ...rest } = resource
  return resourceMethods === undefined || Object.keys(resourceMethods).length === 0
    ? rest
    : { ...rest, resourceMethods: Object.fromEntries(Object.keys(resourceMethods).map((m) => [m, {}])) as never }
}


const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/

/** The function ARN (possibly with `${stageVariables.x}`) of an AWS_PROXY Lambda integration URI. @internal */
export const lambdaFunctionOf = (uri: string): string | undefined => LAMBDA_URI.exec(uri)?.[1]
