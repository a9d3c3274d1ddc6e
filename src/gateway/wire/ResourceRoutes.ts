/**
 * The routes of the resource, method and integration calls (the paths and bodies of
 * `apigateway.{region}.amazonaws.com`), which `RestApiHttp.route` answers with the others.
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import { pipe } from 'fp-ts/lib/function.js'
import { io } from '../../internal/fp.js'
import type * as t from 'io-ts'
import { fromValidationErrors } from '../../stage/DecodeError.js'
import type { Gateway, GatewayError, Outcome } from '../control/Gateway.js'
import type { Env } from '../control/RestApiProviders.js'
import { createResource, deleteResource, getResource, getResources } from '../control/RestApiResource.js'
import {
  deleteIntegration,
  deleteMethod,
  getIntegration,
  getIntegrationResponse,
  getMethod,
  getMethodResponse,
  putIntegration,
  putIntegrationResponse,
  putMethod,
  putMethodResponse,
  type PutIntegrationInput,
  type PutIntegrationResponseInput,
  type PutMethodInput,
  type PutMethodResponseInput
} from '../control/RestApiMethod.js'
import type { IntegrationType } from '../control/Resource.js'
import { recordOf, struct } from '../../internal/codec.js'

/** What a route's `run` reads (the same as `RestApiHttp`'s context). @internal */
export interface RouteContext {
  readonly gateway: Gateway
  readonly params: { readonly [name: string]: string }
  readonly query: (name: string) => string | undefined
  readonly body: unknown
  readonly env: Env
}

/** One route (the same shape as `RestApiHttp`'s). @internal */
export interface ResourceRoute {
  readonly name: string
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT'
  readonly path: string
  readonly status: 200 | 201 | 202 | 204
  readonly run: (ctx: RouteContext) => E.Either<GatewayError, Outcome<unknown>>
}

const strings = /* @__PURE__ */ recordOf('StringMap', io.string, 'a map of strings (an object of string values)')
const booleans = /* @__PURE__ */ recordOf('BooleanMap', io.boolean, 'a map of booleans (an object of boolean values)')

type Key = 'restApiId' | 'resourceId' | 'httpMethod' | 'statusCode'

const CreateResourceBody = /* @__PURE__ */ struct<{ readonly pathPart: string }>('CreateResourceRequest', { pathPart: io.string }, {
  what: 'a create-resource request (a JSON object)',
  required: ['pathPart']
})

const PutMethodBody = /* @__PURE__ */ struct<Omit<PutMethodInput, Key>>(
  'PutMethodRequest',
  {
    authorizationType: io.string,
    authorizerId: io.string,
    apiKeyRequired: io.boolean,
    operationName: io.string,
    requestParameters: booleans,
    requestModels: strings,
    requestValidatorId: io.string,
    authorizationScopes: io.unknown
  },
  { what: 'a put-method request (a JSON object)', required: ['authorizationType'], drop: ['requestValidatorId', 'authorizationScopes'] }
)

const PutMethodResponseBody = /* @__PURE__ */ struct<Omit<PutMethodResponseInput, Key>>(
  'PutMethodResponseRequest',
  { responseParameters: booleans, responseModels: strings },
  { what: 'a put-method-response request (a JSON object)' }
)

/** The body names the integration's verb `httpMethod` (the SDK's `integrationHttpMethod`). */
const PutIntegrationBody = /* @__PURE__ */ struct<Omit<PutIntegrationInput, Key | 'integrationHttpMethod'> & { readonly httpMethod?: string }>(
  'PutIntegrationRequest',
  {
    type: io.string,
    httpMethod: io.string,
    uri: io.string,
    connectionType: io.string,
    connectionId: io.string,
    credentials: io.string,
    requestParameters: strings,
    requestTemplates: strings,
    passthroughBehavior: io.string,
    contentHandling: io.string,
    timeoutInMillis: io.number,
    cacheNamespace: io.string,
    cacheKeyParameters: /* @__PURE__ */ io.readonlyArray(io.string),
    tlsConfig: io.unknown
  },
  { what: 'a put-integration request (a JSON object)', required: ['type'], drop: ['connectionId', 'tlsConfig'] }
)

const PutIntegrationResponseBody = /* @__PURE__ */ struct<Omit<PutIntegrationResponseInput, Key>>(
  'PutIntegrationResponseRequest',
  { selectionPattern: io.string, responseTemplates: strings, responseParameters: strings, contentHandling: io.string },
  { what: 'a put-integration-response request (a JSON object)' }
)

const decodeBody = <A>(codec: t.Type<A, unknown, unknown>, body: unknown): E.Either<GatewayError, A> => E.mapLeft(fromValidationErrors)(codec.decode(body))

const p = (ctx: RouteContext, name: string): string => ctx.params[name] ?? ''
const resourceKey = (ctx: RouteContext) => ({ restApiId: p(ctx, 'restApiId'), resourceId: p(ctx, 'resourceId') })
const methodKey = (ctx: RouteContext) => ({ ...resourceKey(ctx), httpMethod: p(ctx, 'httpMethod') })
const statusKey = (ctx: RouteContext) => ({ ...methodKey(ctx), statusCode: p(ctx, 'statusCode') })

const METHOD = '/restapis/{restApiId}/resources/{resourceId}/methods/{httpMethod}'

/** The resource, method and integration routes. @internal */
export const RESOURCE_ROUTES: ReadonlyArray<ResourceRoute> = [
  {
    name: 'GetResources',
    method: 'GET',
    path: '/restapis/{restApiId}/resources',
    status: 200,
    run: (ctx) => E.map((o: Outcome<{ readonly items: ReadonlyArray<unknown> }>) => ({ gateway: o.gateway, response: { item: o.response.items } }))(getResources(ctx.gateway, { restApiId: p(ctx, 'restApiId') }))
  },
  { name: 'GetResource', method: 'GET', path: '/restapis/{restApiId}/resources/{resourceId}', status: 200, run: (ctx) => getResource(ctx.gateway, resourceKey(ctx)) },
  {
    name: 'CreateResource',
    method: 'POST',
    path: '/restapis/{restApiId}/resources/{parentId}',
    status: 201,
    run: (ctx) =>
      pipe(
        decodeBody(CreateResourceBody, ctx.body),
        E.chain((body) => createResource(ctx.gateway, { restApiId: p(ctx, 'restApiId'), parentId: p(ctx, 'parentId'), pathPart: body.pathPart }, ctx.env))
      )
  },
  { name: 'DeleteResource', method: 'DELETE', path: '/restapis/{restApiId}/resources/{resourceId}', status: 202, run: (ctx) => deleteResource(ctx.gateway, resourceKey(ctx)) },
  {
    name: 'PutMethod',
    method: 'PUT',
    path: METHOD,
    status: 201,
    run: (ctx) => pipe(decodeBody(PutMethodBody, ctx.body), E.chain((body) => putMethod(ctx.gateway, { ...body, ...methodKey(ctx) })))
  },
  { name: 'GetMethod', method: 'GET', path: METHOD, status: 200, run: (ctx) => getMethod(ctx.gateway, methodKey(ctx)) },
  { name: 'DeleteMethod', method: 'DELETE', path: METHOD, status: 204, run: (ctx) => deleteMethod(ctx.gateway, methodKey(ctx)) },
  {
    name: 'PutMethodResponse',
    method: 'PUT',
    path: `${METHOD}/responses/{statusCode}`,
    status: 201,
    run: (ctx) => pipe(decodeBody(PutMethodResponseBody, ctx.body), E.chain((body) => putMethodResponse(ctx.gateway, { ...body, ...statusKey(ctx) })))
  },
  { name: 'GetMethodResponse', method: 'GET', path: `${METHOD}/responses/{statusCode}`, status: 200, run: (ctx) => getMethodResponse(ctx.gateway, statusKey(ctx)) },
  {
    name: 'PutIntegration',
    method: 'PUT',
    path: `${METHOD}/integration`,
    status: 201,
    run: (ctx) =>
      pipe(
        decodeBody(PutIntegrationBody, ctx.body),
        E.chain(({ httpMethod, ...body }) =>
          putIntegration(ctx.gateway, { ...body, ...(httpMethod === undefined ? {} : { integrationHttpMethod: httpMethod }), type: body.type as IntegrationType, ...methodKey(ctx) })
        )
      )
  },
  { name: 'GetIntegration', method: 'GET', path: `${METHOD}/integration`, status: 200, run: (ctx) => getIntegration(ctx.gateway, methodKey(ctx)) },
  { name: 'DeleteIntegration', method: 'DELETE', path: `${METHOD}/integration`, status: 204, run: (ctx) => deleteIntegration(ctx.gateway, methodKey(ctx)) },
  {
    name: 'PutIntegrationResponse',
    method: 'PUT',
    path: `${METHOD}/integration/responses/{statusCode}`,
    status: 201,
    run: (ctx) =>
      pipe(decodeBody(PutIntegrationResponseBody, ctx.body), E.chain((body) => putIntegrationResponse(ctx.gateway, { ...body, ...statusKey(ctx) })))
  },
  {
    name: 'GetIntegrationResponse',
    method: 'GET',
    path: `${METHOD}/integration/responses/{statusCode}`,
    status: 200,
    run: (ctx) => getIntegrationResponse(ctx.gateway, statusKey(ctx))
  }
]
