/**
 * The API definition a request travels through, in AWS's wire shape: a REST API's
 * {@link Resource}s (a tree from the root `/`), each resource's {@link Method}s by verb, a
 * method's {@link Integration} (MOCK, HTTP, HTTP_PROXY, AWS, AWS_PROXY) with its
 * {@link IntegrationResponse}s, and the method's {@link MethodResponse}s. Templates are stored
 * as given. The calls are in `RestApiResource` and `RestApiMethod`; their errors are
 * {@link ResourceError}s with AWS's texts (see `docs/gateway.md`).
 *
 * @since 0.2.0
 *
 * @module
 */
import type { ExceptionName } from '../../stage/ApiGatewayError.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The integration types API Gateway knows.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { integrationTypes, type IntegrationType } from 'apigw-canary'
 *
 * const t: IntegrationType = 'AWS_PROXY'
 * assert.ok(integrationTypes.includes(t))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export type IntegrationType = 'HTTP' | 'MOCK' | 'AWS_PROXY' | 'HTTP_PROXY' | 'AWS'

/**
 * The integration types, in the order of AWS's validation message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { integrationTypes } from 'apigw-canary'
 *
 * assert.deepStrictEqual(integrationTypes, ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS'])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const integrationTypes: ReadonlyArray<IntegrationType> = ['HTTP', 'MOCK', 'AWS_PROXY', 'HTTP_PROXY', 'AWS']

/**
 * The verbs a method can have, in AWS's order.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { httpMethods } from 'apigw-canary'
 *
 * assert.deepStrictEqual(httpMethods, ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY'])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export const httpMethods: ReadonlyArray<string> = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'ANY']

/**
 * One integration response: the status it answers with, the pattern that selects it (absent or
 * empty: the default) and its templates.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { IntegrationResponse } from 'apigw-canary'
 *
 * const r: IntegrationResponse = { statusCode: '200', selectionPattern: '2\\d{2}', responseTemplates: { 'application/json': '{"ok":true}' } }
 * assert.strictEqual(r.statusCode, '200')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface IntegrationResponse {
  readonly statusCode: string
  readonly selectionPattern?: string
  readonly responseTemplates?: { readonly [contentType: string]: string }
  readonly responseParameters?: { readonly [name: string]: string }
  readonly contentHandling?: string
}

/**
 * A method's integration, as get-integration answers it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Integration } from 'apigw-canary'
 *
 * const mock: Integration = { type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: 'abc123defg', cacheKeyParameters: [] }
 * assert.strictEqual(mock.uri, undefined)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Integration {
  readonly type: IntegrationType
  readonly httpMethod?: string
  readonly uri?: string
  readonly connectionType?: string
  readonly credentials?: string
  readonly requestParameters?: { readonly [name: string]: string }
  readonly requestTemplates?: { readonly [contentType: string]: string }
  readonly passthroughBehavior: string
  readonly contentHandling?: string
  readonly timeoutInMillis: number
  readonly cacheNamespace: string
  readonly cacheKeyParameters: ReadonlyArray<string>
  readonly integrationResponses?: { readonly [statusCode: string]: IntegrationResponse }
}

/**
 * One method response: a status code the method declares.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { MethodResponse } from 'apigw-canary'
 *
 * const r: MethodResponse = { statusCode: '200' }
 * assert.strictEqual(r.statusCode, '200')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface MethodResponse {
  readonly statusCode: string
  readonly responseParameters?: { readonly [name: string]: boolean }
  readonly responseModels?: { readonly [contentType: string]: string }
}

/**
 * A method of a resource, as get-method answers it.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Method } from 'apigw-canary'
 *
 * const get: Method = { httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: false }
 * assert.strictEqual(get.methodIntegration, undefined)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Method {
  readonly httpMethod: string
  readonly authorizationType: string
  readonly authorizerId?: string
  readonly apiKeyRequired: boolean
  readonly operationName?: string
  readonly requestParameters?: { readonly [name: string]: boolean }
  readonly requestModels?: { readonly [contentType: string]: string }
  readonly methodResponses?: { readonly [statusCode: string]: MethodResponse }
  readonly methodIntegration?: Integration
}

/**
 * A resource of a REST API: the root has only `id` and `path` `/`; the others their parent and
 * path part (`pets`, `{id}`, `{proxy+}`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { Resource } from 'apigw-canary'
 *
 * const pets: Resource = { id: 'abc123defg', parentId: 'root000000', pathPart: 'pets', path: '/pets' }
 * assert.strictEqual(pets.resourceMethods, undefined)
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface Resource {
  readonly id: string
  readonly parentId?: string
  readonly pathPart?: string
  readonly path: string
  readonly resourceMethods?: { readonly [httpMethod: string]: Method }
}

/**
 * An error of the resource, method and integration calls: AWS's exception and text.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { emptyGateway, getResources, type ResourceError } from 'apigw-canary'
 *
 * const got = getResources(emptyGateway(), { restApiId: 'a1b2c3d4e5' })
 * assert.ok(E.isLeft(got) && got.left._tag === 'ResourceError')
 * const e: ResourceError = got.left
 * assert.deepStrictEqual([e.name, e.message], ['NotFoundException', 'Invalid Resource identifier specified'])
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface ResourceError {
  readonly _tag: 'ResourceError'
  readonly name: ExceptionName | 'ValidationException'
  readonly message: string
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * A {@link ResourceError}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { resourceError } from 'apigw-canary'
 *
 * assert.deepStrictEqual(resourceError('ConflictException', 'Method already exists for this resource'), {
 *   _tag: 'ResourceError',
 *   name: 'ConflictException',
 *   message: 'Method already exists for this resource'
 * })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const resourceError = (name: ExceptionName | 'ValidationException', message: string): ResourceError => ({ _tag: 'ResourceError', name, message })
