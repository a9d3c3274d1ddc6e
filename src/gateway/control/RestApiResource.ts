/**
 * The resource calls of the REST API aggregate: GetResources, GetResource, CreateResource,
 * DeleteResource. Pure; each returns the new {@link Gateway} and the response, or AWS's error
 * (`docs/gateway.md` lists the texts and where each is recorded).
 *
 * The root resource `/` is the one CreateRestApi named in `rootResourceId`; a REST API read from
 * an older state file has no resource list, and gets its root the first time one is asked for.
 * Every call on an unknown REST API answers `Invalid Resource identifier specified`, as AWS
 * does for the sub-resources of an API (recorded).
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import type { ApiState, Gateway, GatewayError, Outcome } from './Gateway.js'
import { resourceError, type Resource } from './Resource.js'
import { defaultEnv, type Env } from './RestApiProviders.js'
import { issueId, putApi } from './internal.js'
import { findApiForResource, findResource, resourcesOf, resourceView, type ResourceKey } from './resourceInternal.js'

export type { ResourceKey } from './resourceInternal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What create-resource takes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createResource, createRestApi, emptyGateway, type CreateResourceInput } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const input: CreateResourceInput = { restApiId: api.right.response.id, parentId: api.right.response.rootResourceId ?? '', pathPart: 'pets' }
 * const made = createResource(api.right.gateway, input)
 * assert.ok(E.isRight(made) && made.right.response.path === '/pets')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface CreateResourceInput {
  readonly restApiId: string
  readonly parentId: string
  readonly pathPart: string
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const PATH_PART = /^(?:[a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/
const isVariable = (part: string | undefined): boolean => part !== undefined && part.startsWith('{')
const isGreedy = (part: string | undefined): boolean => part !== undefined && part.endsWith('+}')

const childPath = (parent: Resource, pathPart: string): string => (parent.path === '/' ? `/${pathPart}` : `${parent.path}/${pathPart}`)

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * GetResources: every resource of the REST API, the root first (no paging: all on one page).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getResources } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const got = getResources(api.right.gateway, { restApiId: api.right.response.id })
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(got), E.right({ items: [{ id: api.right.response.rootResourceId, path: '/' }] }))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getResources = (gateway: Gateway, input: { readonly restApiId: string }): E.Either<GatewayError, Outcome<{ readonly items: ReadonlyArray<Resource> }>> =>
  E.map((api: ApiState) => ({ gateway, response: { items: resourcesOf(api).map(resourceView) } }))(findApiForResource(gateway, input.restApiId))

/**
 * GetResource: one resource; its methods as `{}` per verb.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getResource } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * assert.ok(E.isRight(getResource(api.right.gateway, { restApiId, resourceId: api.right.response.rootResourceId ?? '' })))
 * const missing = getResource(api.right.gateway, { restApiId, resourceId: 'nope' })
 * assert.ok(E.isLeft(missing) && missing.left.message === 'Invalid Resource identifier specified')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getResource = (gateway: Gateway, input: ResourceKey): E.Either<GatewayError, Outcome<Resource>> =>
  E.map(([, r]: readonly [ApiState, Resource]) => ({ gateway, response: resourceView(r) }))(findResource(gateway, input))

/**
 * CreateResource: a child of `parentId` (id from `env.ids`). AWS's refusals: an unknown parent
 * (404), a path part that is not `name`, `{name}` or `{name+}` (400), a child of a greedy
 * `{proxy+}` (400), a second variable part among siblings (400), a sibling of the same name (409).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createResource, createRestApi, emptyGateway } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const root = api.right.response.rootResourceId ?? ''
 * const proxy = createResource(api.right.gateway, { restApiId, parentId: root, pathPart: '{proxy+}' })
 * assert.ok(E.isRight(proxy))
 * assert.deepStrictEqual(proxy.right.response, { id: proxy.right.response.id, parentId: root, pathPart: '{proxy+}', path: '/{proxy+}' })
 * const message = (r: E.Either<{ message: string }, unknown>) => (E.isLeft(r) ? r.left.message : '')
 * assert.strictEqual(
 *   message(createResource(proxy.right.gateway, { restApiId, parentId: root, pathPart: '{id}' })),
 *   'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed'
 * )
 * assert.strictEqual(
 *   message(createResource(proxy.right.gateway, { restApiId, parentId: proxy.right.response.id, pathPart: 'x' })),
 *   'Cannot create a child of a resource with a greedy path variable: {proxy+}'
 * )
 * assert.strictEqual(
 *   message(createResource(proxy.right.gateway, { restApiId, parentId: root, pathPart: '{proxy+}' })),
 *   'Another resource with the same parent already has this name: {proxy+}'
 * )
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const createResource = (gateway: Gateway, input: CreateResourceInput, env: Env = defaultEnv): E.Either<GatewayError, Outcome<Resource>> =>
  E.chain(([api, parent]: readonly [ApiState, Resource]): E.Either<GatewayError, Outcome<Resource>> => {
    const { pathPart } = input
    if (typeof pathPart !== 'string' || !PATH_PART.test(pathPart)) {
      return E.left(
        resourceError(
          'BadRequestException',
          "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."
        )
      )
    }
    if (isGreedy(parent.pathPart)) {
      return E.left(resourceError('BadRequestException', `Cannot create a child of a resource with a greedy path variable: ${parent.pathPart ?? ''}`))
    }
    const resources = resourcesOf(api)
    const siblings = resources.filter((r) => r.parentId === parent.id)
    if (siblings.some((s) => s.pathPart === pathPart)) {
      return E.left(resourceError('ConflictException', `Another resource with the same parent already has this name: ${pathPart}`))
    }
    const variable = siblings.find((s) => isVariable(s.pathPart))
    if (isVariable(pathPart) && variable !== undefined) {
      return E.left(
        resourceError('BadRequestException', `A sibling (${variable.pathPart ?? ''}) of this resource already has a variable path part -- only one is allowed`)
      )
    }
    const taken = new Set(gateway.restApis.flatMap((a) => resourcesOf(a).map((r) => r.id)))
    return E.map(([id, g]: readonly [string, Gateway]): Outcome<Resource> => {
      const resource: Resource = { id, parentId: parent.id, pathPart, path: childPath(parent, pathPart) }
      return { gateway: putApi(g, { ...api, resources: [...resources, resource] }), response: resource }
    })(issueId(gateway, env, 'resource', (id) => taken.has(id)))
  })(findResource(gateway, { restApiId: input.restApiId, resourceId: input.parentId }))

/**
 * DeleteResource: the resource goes, with its children and their methods. The root cannot be
 * deleted (chosen text: AWS's answer is not recorded).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createResource, createRestApi, deleteResource, emptyGateway, getResources } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const root = api.right.response.rootResourceId ?? ''
 * const pets = createResource(api.right.gateway, { restApiId, parentId: root, pathPart: 'pets' })
 * assert.ok(E.isRight(pets))
 * const one = createResource(pets.right.gateway, { restApiId, parentId: pets.right.response.id, pathPart: '{id}' })
 * assert.ok(E.isRight(one))
 * const deleted = deleteResource(one.right.gateway, { restApiId, resourceId: pets.right.response.id })
 * assert.ok(E.isRight(deleted))
 * const left = getResources(deleted.right.gateway, { restApiId })
 * assert.ok(E.isRight(left) && left.right.response.items.length === 1) // the root only
 * assert.ok(E.isLeft(deleteResource(deleted.right.gateway, { restApiId, resourceId: root })))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const deleteResource = (gateway: Gateway, input: ResourceKey): E.Either<GatewayError, Outcome<undefined>> =>
  E.chain(([api, resource]: readonly [ApiState, Resource]): E.Either<GatewayError, Outcome<undefined>> => {
    if (resource.parentId === undefined) return E.left(resourceError('BadRequestException', 'Cannot delete the root resource.'))
    const resources = resourcesOf(api)
    const gone = new Set([resource.id])
    let grew = true
    while (grew) {
      grew = false
      for (const r of resources) {
        if (r.parentId !== undefined && gone.has(r.parentId) && !gone.has(r.id)) {
          gone.add(r.id)
          grew = true
        }
      }
    }
    return E.right({ gateway: putApi(gateway, { ...api, resources: resources.filter((r) => !gone.has(r.id)) }), response: undefined })
  })(findResource(gateway, input))
