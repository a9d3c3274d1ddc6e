/**
 * Codecs for the REST API aggregate: read a {@link Gateway} from untrusted JSON (a saved state
 * file, a test fixture) and write it back. Decoding checks the aggregate's invariants too: ids
 * unique, every stage named (uniquely), and every deployment a stage or a canary runs one of the
 * REST API's. Dates are kept as ISO strings; epoch seconds and `Date`s are read as well.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import { io } from '../../internal/fp.js'
import type * as t from 'io-ts'
import { decodeError, decodeIssue, fromValidationErrors, type DecodeError, type DecodeIssue } from '../../stage/DecodeError.js'
import * as DeploymentIdModule from '../../stage/DeploymentId.js'
import { DEFAULT_ACCOUNT_ID, type ApiKeySource, type ApiState, type Deployment, type EndpointType, type Gateway, type RestApi } from '../control/RestApi.js'
import { StageCodec } from '../../stage/Stage.js'
import * as Timestamp from '../../stage/Timestamp.js'
import { integer, oneOf, recordOf, struct } from '../../internal/codec.js'
import { integrationTypes, type Integration, type IntegrationResponse, type IntegrationType, type Method, type MethodResponse, type Resource } from '../control/Resource.js'

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

const nonEmpty = /* @__PURE__ */ new io.Type<string, string, unknown>(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) => (typeof u === 'string' && u.length > 0 ? io.success(u) : io.failure(u, c, 'is not a non-empty string')),
  (a) => a
)

const count = /* @__PURE__ */ new io.Type<number, number, unknown>(
  'Count',
  (u): u is number => integer.is(u) && u >= 0,
  (u, c) => (integer.is(u) && u >= 0 ? io.success(u) : io.failure(u, c, 'is not a count (a whole number, 0 or more)')),
  (a) => a
)

/**
 * The io-ts codec for a REST API. `id`, `name` and `createdDate` are required; the other
 * fields take AWS's defaults.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { RestApiCodec } from 'apigw-canary'
 *
 * assert.deepStrictEqual(RestApiCodec.decode({ id: 'a1b2c3d4e5', name: 'pets', createdDate: 1511152939 }), E.right({
 *   id: 'a1b2c3d4e5',
 *   name: 'pets',
 *   createdDate: '2017-11-20T04:42:19.000Z',
 *   apiKeySource: 'HEADER',
 *   endpointConfiguration: { types: ['EDGE'] },
 *   disableExecuteApiEndpoint: false
 * }))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const RestApiCodec: t.Type<RestApi, unknown, unknown> = /* @__PURE__ */ struct<RestApi>(
  'RestApi',
  {
    id: nonEmpty,
    name: io.string,
    description: io.string,
    version: io.string,
    createdDate: Timestamp.codec,
    apiKeySource: /* @__PURE__ */ oneOf<ApiKeySource>('ApiKeySource', ['HEADER', 'AUTHORIZER']),
    endpointConfiguration: /* @__PURE__ */ struct<{ readonly types: ReadonlyArray<EndpointType> }>(
      'EndpointConfiguration',
      { types: io.readonlyArray(/* @__PURE__ */ oneOf<EndpointType>('EndpointType', ['EDGE', 'REGIONAL', 'PRIVATE'])) },
      { what: 'an endpoint configuration (an object)', defaults: { types: ['EDGE'] } }
    ),
    disableExecuteApiEndpoint: io.boolean,
    rootResourceId: io.string,
    tags: /* @__PURE__ */ recordOf('Tags', io.string, 'a map of tags (an object of string values)')
  },
  {
    what: 'a REST API (an object)',
    required: ['id', 'name', 'createdDate'],
    defaults: { apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] }, disableExecuteApiEndpoint: false }
  }
)

const strings = /* @__PURE__ */ recordOf('StringMap', io.string, 'a map of strings (an object of string values)')
const booleans = /* @__PURE__ */ recordOf('BooleanMap', io.boolean, 'a map of booleans (an object of boolean values)')

const IntegrationResponseCodec = /* @__PURE__ */ struct<IntegrationResponse>(
  'IntegrationResponse',
  { statusCode: io.string, selectionPattern: io.string, responseTemplates: strings, responseParameters: strings, contentHandling: io.string },
  { what: 'an integration response (an object)', required: ['statusCode'] }
)

const IntegrationCodec = /* @__PURE__ */ struct<Integration>(
  'Integration',
  {
    type: /* @__PURE__ */ oneOf<IntegrationType>('IntegrationType', integrationTypes),
    httpMethod: io.string,
    uri: io.string,
    connectionType: io.string,
    credentials: io.string,
    requestParameters: strings,
    requestTemplates: strings,
    passthroughBehavior: io.string,
    contentHandling: io.string,
    timeoutInMillis: integer,
    cacheNamespace: io.string,
    cacheKeyParameters: /* @__PURE__ */ io.readonlyArray(io.string),
    integrationResponses: /* @__PURE__ */ recordOf('IntegrationResponses', IntegrationResponseCodec, 'integration responses by status code (an object)')
  },
  { what: 'an integration (an object)', required: ['type'], defaults: { passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: '', cacheKeyParameters: [] } }
)

const MethodResponseCodec = /* @__PURE__ */ struct<MethodResponse>(
  'MethodResponse',
  { statusCode: io.string, responseParameters: booleans, responseModels: strings },
  { what: 'a method response (an object)', required: ['statusCode'] }
)

const MethodCodec = /* @__PURE__ */ struct<Method>(
  'Method',
  {
    httpMethod: io.string,
    authorizationType: io.string,
    authorizerId: io.string,
    apiKeyRequired: io.boolean,
    operationName: io.string,
    requestParameters: booleans,
    requestModels: strings,
    methodResponses: /* @__PURE__ */ recordOf('MethodResponses', MethodResponseCodec, 'method responses by status code (an object)'),
    methodIntegration: IntegrationCodec
  },
  { what: 'a method (an object)', required: ['httpMethod'], defaults: { authorizationType: 'NONE', apiKeyRequired: false } }
)

const ResourceCodec = /* @__PURE__ */ struct<Resource>(
  'Resource',
  {
    id: nonEmpty,
    parentId: io.string,
    pathPart: io.string,
    path: io.string,
    resourceMethods: /* @__PURE__ */ recordOf('ResourceMethods', MethodCodec, 'methods by verb (an object)')
  },
  { what: 'a resource (an object)', required: ['id', 'path'] }
)

/**
 * The io-ts codec for a deployment.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { DeploymentCodec } from 'apigw-canary'
 *
 * assert.ok(E.isRight(DeploymentCodec.decode({ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' })))
 * assert.ok(E.isLeft(DeploymentCodec.decode({ id: 'nfcn0x' })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const DeploymentCodec: t.Type<Deployment, unknown, unknown> = /* @__PURE__ */ struct<Deployment>(
  'Deployment',
  { id: DeploymentIdModule.codec, description: io.string, createdDate: Timestamp.codec, resources: /* @__PURE__ */ io.readonlyArray(ResourceCodec) },
  { what: 'a deployment (an object)', required: ['id', 'createdDate'] }
)

const ApiStateCodec: t.Type<ApiState, unknown, unknown> = /* @__PURE__ */ struct<ApiState>(
  'ApiState',
  { restApi: RestApiCodec, deployments: io.readonlyArray(DeploymentCodec), stages: io.readonlyArray(StageCodec), resources: /* @__PURE__ */ io.readonlyArray(ResourceCodec) },
  { what: 'a REST API with its deployments and stages (an object)', required: ['restApi'], defaults: { deployments: [], stages: [] } }
)

/**
 * The io-ts codec for a whole gateway, without the invariant checks of {@link decodeGateway}.
 * Missing fields take defaults: account `123456789012`, no id issued, no REST API.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { GatewayCodec } from 'apigw-canary'
 *
 * assert.deepStrictEqual(GatewayCodec.decode({}), E.right({ accountId: '123456789012', issued: 0, restApis: [] }))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const GatewayCodec: t.Type<Gateway, unknown, unknown> = /* @__PURE__ */ struct<Gateway>(
  'Gateway',
  { accountId: io.string, issued: count, restApis: io.readonlyArray(ApiStateCodec) },
  { what: 'a gateway (an object)', defaults: { accountId: DEFAULT_ACCOUNT_ID, issued: 0, restApis: [] } }
)

/** The invariants the codec cannot say: unique ids and names, deployments that exist. */
const invariants = (gateway: Gateway): ReadonlyArray<DecodeIssue> => {
  const issues: Array<DecodeIssue> = []
  const apiIds = new Set<string>()
  gateway.restApis.forEach((api, i) => {
    const at = ['restApis', String(i)]
    if (apiIds.has(api.restApi.id)) issues.push(decodeIssue([...at, 'restApi', 'id'], api.restApi.id, 'is the id of another REST API'))
    apiIds.add(api.restApi.id)
    const deployments = new Set<string>()
    api.deployments.forEach((d, j) => {
      if (deployments.has(d.id)) issues.push(decodeIssue([...at, 'deployments', String(j), 'id'], d.id, 'is the id of another deployment of this REST API'))
      deployments.add(d.id)
    })
    const names = new Set<string>()
    api.stages.forEach((s, j) => {
      const st = [...at, 'stages', String(j)]
      if (s.stageName === undefined || s.stageName === '') issues.push(decodeIssue([...st, 'stageName'], s.stageName, 'is missing: every stage has a name'))
      else if (names.has(s.stageName)) issues.push(decodeIssue([...st, 'stageName'], s.stageName, 'is the name of another stage of this REST API'))
      else names.add(s.stageName)
      if (s.deploymentId !== undefined && !deployments.has(s.deploymentId)) {
        issues.push(decodeIssue([...st, 'deploymentId'], s.deploymentId, 'is not a deployment of this REST API'))
      }
      if (s.canarySettings !== undefined && !deployments.has(s.canarySettings.deploymentId)) {
        issues.push(decodeIssue([...st, 'canarySettings', 'deploymentId'], s.canarySettings.deploymentId, 'is not a deployment of this REST API'))
      }
    })
  })
  return issues
}

/**
 * Reads a gateway from untrusted input (a saved state file, a fixture), checking the codec and
 * the aggregate's invariants. Never throws.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeGateway } from 'apigw-canary'
 *
 * const fixture = {
 *   restApis: [{
 *     restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
 *     deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }],
 *     stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }]
 *   }]
 * }
 * assert.ok(E.isRight(decodeGateway(fixture)))
 * const broken = { restApis: [{ ...fixture.restApis[0], deployments: [] }] }
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(decodeGateway(broken)),
 *   E.left('restApis[0].stages[0].deploymentId: "nfcn0x" is not a deployment of this REST API')
 * )
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const decodeGateway = (input: unknown): E.Either<DecodeError, Gateway> => {
  try {
    return E.chain((gateway: Gateway): E.Either<DecodeError, Gateway> => {
      const issues = invariants(gateway)
      return issues.length === 0 ? E.right(gateway) : E.left(decodeError(issues))
    })(E.mapLeft(fromValidationErrors)(GatewayCodec.decode(input)))
  } catch (error) {
    return E.left(decodeError([decodeIssue([], input, `could not be read: ${error instanceof Error ? error.message : String(error)}`)]))
  }
}

/**
 * The JSON form of a gateway (dates as ISO strings), as `decodeGateway` reads it back.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, decodeGateway, emptyGateway, encodeGateway } from 'apigw-canary'
 *
 * const created = createRestApi(emptyGateway(), { name: 'pets' })
 * assert.ok(E.isRight(created))
 * const json: unknown = JSON.parse(JSON.stringify(encodeGateway(created.right.gateway)))
 * assert.deepStrictEqual(decodeGateway(json), E.right(created.right.gateway))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const encodeGateway = (gateway: Gateway): { readonly [key: string]: unknown } =>
  GatewayCodec.encode(gateway) as { readonly [key: string]: unknown }
