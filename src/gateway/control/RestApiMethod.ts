/**
 * The method and integration calls of the REST API aggregate: PutMethod, GetMethod,
 * DeleteMethod, PutMethodResponse, GetMethodResponse, PutIntegration, GetIntegration,
 * DeleteIntegration, PutIntegrationResponse, GetIntegrationResponse. Pure; each returns the new
 * {@link Gateway} and the response, or AWS's error with its recorded text (`docs/gateway.md`).
 * Templates are stored as given.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import type { ApiState, Gateway, GatewayError, Outcome } from './Gateway.js'
import {
  httpMethods,
  integrationTypes,
  resourceError,
  type Integration,
  type IntegrationResponse,
  type IntegrationType,
  type Method,
  type MethodResponse,
  type Resource,
  type ResourceError
} from './Resource.js'
import { findResource, lambdaFunctionOf, replaceResource, type ResourceKey } from './resourceInternal.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What the method calls take to name a method.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getMethod, type MethodKey } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key: MethodKey = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const got = getMethod(api.right.gateway, key)
 * assert.ok(E.isLeft(got) && got.left.message === 'Invalid Method identifier specified')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface MethodKey extends ResourceKey {
  readonly httpMethod: string
}

/**
 * What put-method takes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, putMethod, type PutMethodInput } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const input: PutMethodInput = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'ANY', authorizationType: 'NONE' }
 * const put = putMethod(api.right.gateway, input)
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(put), E.right({ httpMethod: 'ANY', authorizationType: 'NONE', apiKeyRequired: false }))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface PutMethodInput extends MethodKey {
  readonly authorizationType: string
  readonly authorizerId?: string
  readonly apiKeyRequired?: boolean
  readonly operationName?: string
  readonly requestParameters?: { readonly [name: string]: boolean }
  readonly requestModels?: { readonly [contentType: string]: string }
}

/**
 * What put-method-response and put-integration-response name: a method and a status code.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { StatusKey } from 'apigw-canary'
 *
 * const key: StatusKey = { restApiId: 'a1b2c3d4e5', resourceId: 'r00t000000', httpMethod: 'GET', statusCode: '200' }
 * assert.strictEqual(key.statusCode, '200')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface StatusKey extends MethodKey {
  readonly statusCode: string
}

/**
 * What put-integration takes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, putIntegration, putMethod, type PutIntegrationInput } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const method = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(method))
 * const input: PutIntegrationInput = { ...key, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }
 * assert.ok(E.isRight(putIntegration(method.right.gateway, input)))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface PutIntegrationInput extends MethodKey {
  readonly type: IntegrationType
  readonly integrationHttpMethod?: string
  readonly uri?: string
  readonly connectionType?: string
  readonly credentials?: string
  readonly requestParameters?: { readonly [name: string]: string }
  readonly requestTemplates?: { readonly [contentType: string]: string }
  readonly passthroughBehavior?: string
  readonly contentHandling?: string
  readonly timeoutInMillis?: number
  readonly cacheNamespace?: string
  readonly cacheKeyParameters?: ReadonlyArray<string>
}

/**
 * What put-method-response takes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { PutMethodResponseInput } from 'apigw-canary'
 *
 * const input: PutMethodResponseInput = { restApiId: 'a1b2c3d4e5', resourceId: 'r00t000000', httpMethod: 'GET', statusCode: '200', responseModels: {} }
 * assert.deepStrictEqual(input.responseModels, {})
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface PutMethodResponseInput extends StatusKey {
  readonly responseParameters?: { readonly [name: string]: boolean }
  readonly responseModels?: { readonly [contentType: string]: string }
}

/**
 * What put-integration-response takes.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import type { PutIntegrationResponseInput } from 'apigw-canary'
 *
 * const input: PutIntegrationResponseInput = { restApiId: 'a1b2c3d4e5', resourceId: 'r00t000000', httpMethod: 'GET', statusCode: '200', selectionPattern: '' }
 * assert.strictEqual(input.selectionPattern, '')
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface PutIntegrationResponseInput extends StatusKey {
  readonly selectionPattern?: string
  readonly responseTemplates?: { readonly [contentType: string]: string }
  readonly responseParameters?: { readonly [name: string]: string }
  readonly contentHandling?: string
}

// -------------------------------------------------------------------------------------
// internal
// -------------------------------------------------------------------------------------

const methodNotFound: ResourceError = /* @__PURE__ */ resourceError('NotFoundException', 'Invalid Method identifier specified')
const integrationNotFound: ResourceError = /* @__PURE__ */ resourceError('NotFoundException', 'Invalid Integration identifier specified')
const statusNotFound: ResourceError = /* @__PURE__ */ resourceError('NotFoundException', 'Invalid Response status code specified')

const STATUS = /^[1-5]\d\d$/
const checkStatus = (statusCode: unknown): E.Either<ResourceError, string> =>
  typeof statusCode === 'string' && STATUS.test(statusCode)
    ? E.right(statusCode)
    : E.left(
        resourceError(
          'ValidationException',
          `1 validation error detected: Value '${String(statusCode).slice(0, 100)}' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d`
        )
      )

type Found = readonly [ApiState, Resource, Method]

const findMethod = (gateway: Gateway, key: MethodKey): E.Either<ResourceError, Found> =>
  E.chain(([api, resource]: readonly [ApiState, Resource]): E.Either<ResourceError, Found> => {
    const method = Object.hasOwn(resource.resourceMethods ?? {}, key.httpMethod) ? resource.resourceMethods?.[key.httpMethod] : undefined
    return method === undefined ? E.left(methodNotFound) : E.right([api, resource, method])
  })(findResource(gateway, key))

const withMethod = (gateway: Gateway, api: ApiState, resource: Resource, method: Method | undefined, verb: string): Gateway => {
  const methods = { ...resource.resourceMethods }
  if (method === undefined) delete methods[verb]
  else methods[verb] = method
  const { resourceMethods: _, ...rest } = resource
  return replaceResource(gateway, api, Object.keys(methods).length === 0 ? rest : { ...rest, resourceMethods: methods })
}

const defined = <A>(a: { readonly [K in keyof A]?: A[K] | undefined }): A => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as A


const checkIntegration = (input: PutIntegrationInput): E.Either<ResourceError, void> => {
  const type = input.type
  if (!integrationTypes.includes(type)) {
    return E.left(
      resourceError(
        'ValidationException',
        `1 validation error detected: Value '${String(type).slice(0, 100)}' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]`
      )
    )
  }
  if (type === 'MOCK') return E.right(undefined)
  if (input.integrationHttpMethod === undefined || input.integrationHttpMethod === '') {
    return E.left(resourceError('BadRequestException', 'Enumeration value for HttpMethod must be non-empty'))
  }
  const uri = input.uri ?? ''
  if (type === 'HTTP' || type === 'HTTP_PROXY') {
    return /^https?:\/\/./.test(uri) ? E.right(undefined) : E.left(resourceError('BadRequestException', 'Invalid HTTP endpoint specified for URI'))
  }
  if (!uri.startsWith('arn:')) return E.left(resourceError('BadRequestException', 'Invalid ARN specified in the request'))
  if (!/^arn:[^:]+:apigateway:[^:]*:[^:]+:(path|action)\//.test(uri)) {
    return E.left(resourceError('BadRequestException', 'AWS ARN for integration must contain path or action'))
  }
  if (type === 'AWS_PROXY' && lambdaFunctionOf(uri) === undefined && !/:firehose:action\//.test(uri)) {
    return E.left(resourceError('BadRequestException', "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."))
  }
  return E.right(undefined)
}

// -------------------------------------------------------------------------------------
// methods
// -------------------------------------------------------------------------------------

/**
 * PutMethod: a new method on a resource. AWS's refusals: an unknown API or resource (404
 * `Invalid Resource identifier specified`), a verb outside GET, PUT, POST, DELETE, PATCH,
 * OPTIONS, HEAD, ANY (400), CUSTOM or COGNITO_USER_POOLS without an authorizer (400), a method
 * that exists (409 `Method already exists for this resource`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', authorizationType: 'NONE' }
 * const get = putMethod(api.right.gateway, { ...key, httpMethod: 'GET' })
 * assert.ok(E.isRight(get))
 * const message = (r: E.Either<{ message: string }, unknown>) => (E.isLeft(r) ? r.left.message : '')
 * assert.strictEqual(message(putMethod(get.right.gateway, { ...key, httpMethod: 'GET' })), 'Method already exists for this resource')
 * assert.strictEqual(message(putMethod(get.right.gateway, { ...key, httpMethod: 'FETCH' })), 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const putMethod = (gateway: Gateway, input: PutMethodInput): E.Either<GatewayError, Outcome<Method>> =>
  E.chain(([api, resource]: readonly [ApiState, Resource]): E.Either<GatewayError, Outcome<Method>> => {
    if (!httpMethods.includes(input.httpMethod)) {
      return E.left(resourceError('BadRequestException', 'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY'))
    }
    if ((input.authorizationType === 'CUSTOM' || input.authorizationType === 'COGNITO_USER_POOLS') && (input.authorizerId ?? '') === '') {
      return E.left(
        resourceError(
          'BadRequestException',
          'Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.'
        )
      )
    }
    if (Object.hasOwn(resource.resourceMethods ?? {}, input.httpMethod)) {
      return E.left(resourceError('ConflictException', 'Method already exists for this resource'))
    }
    const method: Method = defined<Method>({
      httpMethod: input.httpMethod,
      authorizationType: input.authorizationType,
      authorizerId: input.authorizerId,
      apiKeyRequired: input.apiKeyRequired ?? false,
      operationName: input.operationName,
      requestParameters: input.requestParameters,
      requestModels: input.requestModels
    })
    return E.right({ gateway: withMethod(gateway, api, resource, method, input.httpMethod), response: method })
  })(findResource(gateway, input))

/**
 * GetMethod: the method with its responses and integration.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getMethod, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const got = getMethod(put.right.gateway, key)
 * assert.ok(E.isRight(got) && got.right.response === put.right.response)
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getMethod = (gateway: Gateway, input: MethodKey): E.Either<GatewayError, Outcome<Method>> =>
  E.map(([, , method]: Found) => ({ gateway, response: method }))(findMethod(gateway, input))

/**
 * DeleteMethod: the method goes, with its integration.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, deleteMethod, emptyGateway, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const deleted = deleteMethod(put.right.gateway, key)
 * assert.ok(E.isRight(deleted))
 * assert.ok(E.isLeft(deleteMethod(deleted.right.gateway, key)))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const deleteMethod = (gateway: Gateway, input: MethodKey): E.Either<GatewayError, Outcome<undefined>> =>
  E.map(([api, resource]: Found) => ({ gateway: withMethod(gateway, api, resource, undefined, input.httpMethod), response: undefined }))(
    findMethod(gateway, input)
  )

/**
 * PutMethodResponse: declares a status code of the method (replacing one of the same code).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getMethodResponse, putMethod, putMethodResponse } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const ok = putMethodResponse(put.right.gateway, { ...key, statusCode: '200' })
 * assert.ok(E.isRight(ok))
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(getMethodResponse(ok.right.gateway, { ...key, statusCode: '200' })), E.right({ statusCode: '200' }))
 * assert.ok(E.isLeft(putMethodResponse(put.right.gateway, { ...key, statusCode: '2000' })))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const putMethodResponse = (gateway: Gateway, input: PutMethodResponseInput): E.Either<GatewayError, Outcome<MethodResponse>> =>
  E.chain(([api, resource, method]: Found): E.Either<GatewayError, Outcome<MethodResponse>> =>
    E.map((statusCode: string): Outcome<MethodResponse> => {
      const response: MethodResponse = defined<MethodResponse>({ statusCode, responseParameters: input.responseParameters, responseModels: input.responseModels })
      const next: Method = { ...method, methodResponses: { ...method.methodResponses, [statusCode]: response } }
      return { gateway: withMethod(gateway, api, resource, next, input.httpMethod), response }
    })(checkStatus(input.statusCode))
  )(findMethod(gateway, input))

/**
 * GetMethodResponse. An unknown status code: 404 `Invalid Response status code specified`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getMethodResponse, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const got = getMethodResponse(put.right.gateway, { ...key, statusCode: '200' })
 * assert.ok(E.isLeft(got) && got.left.message === 'Invalid Response status code specified')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getMethodResponse = (gateway: Gateway, input: StatusKey): E.Either<GatewayError, Outcome<MethodResponse>> =>
  E.chain(([, , method]: Found): E.Either<GatewayError, Outcome<MethodResponse>> => {
    const response = Object.hasOwn(method.methodResponses ?? {}, input.statusCode) ? method.methodResponses?.[input.statusCode] : undefined
    return response === undefined ? E.left(statusNotFound) : E.right({ gateway, response })
  })(findMethod(gateway, input))

// -------------------------------------------------------------------------------------
// integrations
// -------------------------------------------------------------------------------------

/**
 * PutIntegration: the method's integration (replacing any), with AWS's defaults
 * (`passthroughBehavior` `WHEN_NO_MATCH`, `timeoutInMillis` 29000, the resource id as
 * `cacheNamespace`, `connectionType` `INTERNET` for HTTP ones; a MOCK keeps no URI) and AWS's
 * refusals (a missing `integrationHttpMethod`, a URI that is not an HTTP endpoint or an ARN of
 * the right kind).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, putIntegration, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const resourceId = api.right.response.rootResourceId ?? ''
 * const key = { restApiId: api.right.response.id, resourceId, httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const uri = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.alias}/invocations'
 * const lambda = putIntegration(put.right.gateway, { ...key, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri })
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(lambda), E.right({
 *   type: 'AWS_PROXY', httpMethod: 'POST', uri, passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: resourceId, cacheKeyParameters: []
 * }))
 * const noVerb = putIntegration(put.right.gateway, { ...key, type: 'HTTP', uri: 'http://example.com' })
 * assert.ok(E.isLeft(noVerb) && noVerb.left.message === 'Enumeration value for HttpMethod must be non-empty')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const putIntegration = (gateway: Gateway, input: PutIntegrationInput): E.Either<GatewayError, Outcome<Integration>> =>
  E.chain(([api, resource, method]: Found): E.Either<GatewayError, Outcome<Integration>> =>
    E.map((): Outcome<Integration> => {
      const http = input.type === 'HTTP' || input.type === 'HTTP_PROXY'
      const integration: Integration = defined<Integration>({
        type: input.type,
        httpMethod: input.integrationHttpMethod,
        uri: input.type === 'MOCK' ? undefined : input.uri,
        connectionType: input.connectionType ?? (http ? 'INTERNET' : undefined),
        credentials: input.credentials,
        requestParameters: input.requestParameters,
        requestTemplates: input.requestTemplates,
        passthroughBehavior: input.passthroughBehavior ?? 'WHEN_NO_MATCH',
        contentHandling: input.contentHandling,
        timeoutInMillis: input.timeoutInMillis ?? 29000,
        cacheNamespace: input.cacheNamespace ?? resource.id,
        cacheKeyParameters: input.cacheKeyParameters ?? []
      })
      return { gateway: withMethod(gateway, api, resource, { ...method, methodIntegration: integration }, input.httpMethod), response: integration }
    })(checkIntegration(input))
  )(findMethod(gateway, input))

const findIntegration = (gateway: Gateway, key: MethodKey): E.Either<ResourceError, readonly [ApiState, Resource, Method, Integration]> =>
  E.chain(([api, resource, method]: Found) =>
    method.methodIntegration === undefined ? E.left(integrationNotFound) : E.right([api, resource, method, method.methodIntegration] as const)
  )(findMethod(gateway, key))

/**
 * GetIntegration. A method without one: 404 `Invalid Integration identifier specified`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getIntegration, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const got = getIntegration(put.right.gateway, key)
 * assert.ok(E.isLeft(got) && got.left.message === 'Invalid Integration identifier specified')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getIntegration = (gateway: Gateway, input: MethodKey): E.Either<GatewayError, Outcome<Integration>> =>
  E.map(([, , , integration]: readonly [ApiState, Resource, Method, Integration]) => ({ gateway, response: integration }))(findIntegration(gateway, input))

/**
 * DeleteIntegration: the method keeps no integration.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, deleteIntegration, emptyGateway, getIntegration, putIntegration, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const mock = putIntegration(put.right.gateway, { ...key, type: 'MOCK' })
 * assert.ok(E.isRight(mock))
 * const deleted = deleteIntegration(mock.right.gateway, key)
 * assert.ok(E.isRight(deleted) && E.isLeft(getIntegration(deleted.right.gateway, key)))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const deleteIntegration = (gateway: Gateway, input: MethodKey): E.Either<GatewayError, Outcome<undefined>> =>
  E.map(([api, resource, method]: readonly [ApiState, Resource, Method, Integration]) => {
    const { methodIntegration: _, ...rest } = method
    return { gateway: withMethod(gateway, api, resource, rest, input.httpMethod), response: undefined }
  })(findIntegration(gateway, input))

/**
 * PutIntegrationResponse: an integration response (replacing one of the same status code). A
 * method without an integration: 404 `No integration defined for method` (recorded in a real
 * Terraform log).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, putIntegration, putIntegrationResponse, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const early = putIntegrationResponse(put.right.gateway, { ...key, statusCode: '200' })
 * assert.ok(E.isLeft(early) && early.left.message === 'No integration defined for method')
 * const mock = putIntegration(put.right.gateway, { ...key, type: 'MOCK' })
 * assert.ok(E.isRight(mock))
 * const ok = putIntegrationResponse(mock.right.gateway, { ...key, statusCode: '200', responseTemplates: { 'application/json': '{"stage":"$context.stage"}' } })
 * assert.deepStrictEqual(E.map((o: { response: unknown }) => o.response)(ok), E.right({ statusCode: '200', responseTemplates: { 'application/json': '{"stage":"$context.stage"}' } }))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const putIntegrationResponse = (gateway: Gateway, input: PutIntegrationResponseInput): E.Either<GatewayError, Outcome<IntegrationResponse>> =>
  E.chain(([api, resource, method]: Found): E.Either<GatewayError, Outcome<IntegrationResponse>> => {
    const integration = method.methodIntegration
    if (integration === undefined) return E.left(resourceError('NotFoundException', 'No integration defined for method'))
    return E.map((statusCode: string): Outcome<IntegrationResponse> => {
      const response: IntegrationResponse = defined<IntegrationResponse>({
        statusCode,
        selectionPattern: input.selectionPattern,
        responseTemplates: input.responseTemplates,
        responseParameters: input.responseParameters,
        contentHandling: input.contentHandling
      })
      const next: Integration = { ...integration, integrationResponses: { ...integration.integrationResponses, [statusCode]: response } }
      return { gateway: withMethod(gateway, api, resource, { ...method, methodIntegration: next }, input.httpMethod), response }
    })(checkStatus(input.statusCode))
  })(findMethod(gateway, input))

/**
 * GetIntegrationResponse.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, getIntegrationResponse, putIntegration, putMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const key = { restApiId: api.right.response.id, resourceId: api.right.response.rootResourceId ?? '', httpMethod: 'GET' }
 * const put = putMethod(api.right.gateway, { ...key, authorizationType: 'NONE' })
 * assert.ok(E.isRight(put))
 * const mock = putIntegration(put.right.gateway, { ...key, type: 'MOCK' })
 * assert.ok(E.isRight(mock))
 * const got = getIntegrationResponse(mock.right.gateway, { ...key, statusCode: '200' })
 * assert.ok(E.isLeft(got) && got.left.message === 'Invalid Response status code specified')
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const getIntegrationResponse = (gateway: Gateway, input: StatusKey): E.Either<GatewayError, Outcome<IntegrationResponse>> =>
  E.chain(([, , , integration]: readonly [ApiState, Resource, Method, Integration]): E.Either<GatewayError, Outcome<IntegrationResponse>> => {
    const response = Object.hasOwn(integration.integrationResponses ?? {}, input.statusCode) ? integration.integrationResponses?.[input.statusCode] : undefined
    return response === undefined ? E.left(statusNotFound) : E.right({ gateway, response })
  })(findIntegration(gateway, input))

/**
 * Defines a MOCK `GET` on the REST API's root answering 200 with an empty body: the smallest API
 * that AWS lets you deploy (PutMethod, PutIntegration and PutIntegrationResponse in one step).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, emptyGateway, putMockMethod } from 'apigw-canary'
 *
 * const api = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(api))
 * const restApiId = api.right.response.id
 * const empty = createDeployment(api.right.gateway, { restApiId })
 * assert.ok(E.isLeft(empty) && empty.left.message === "The REST API doesn't contain any methods")
 * const ready = putMockMethod(api.right.gateway, restApiId)
 * assert.ok(E.isRight(ready))
 * assert.ok(E.isRight(createDeployment(ready.right, { restApiId })))
 * ```
 *
 * @category operations
 * @since 0.2.0
 */
export const putMockMethod = (gateway: Gateway, restApiId: string): E.Either<GatewayError, Gateway> => {
  const api = gateway.restApis.find((a) => a.restApi.id === restApiId)
  const key: MethodKey = { restApiId, resourceId: api?.restApi.rootResourceId ?? '', httpMethod: 'GET' }
  return E.map((o: Outcome<unknown>) => o.gateway)(
    E.chain((m: Outcome<Method>) =>
      E.chain((i: Outcome<Integration>) => putIntegrationResponse(i.gateway, { ...key, statusCode: '200', selectionPattern: '' }))(
        putIntegration(m.gateway, { ...key, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } })
      )
    )(putMethod(gateway, { ...key, authorizationType: 'NONE' }))
  )
}
