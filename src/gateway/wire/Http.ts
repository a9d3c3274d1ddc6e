/**
 * The HTTP side of the simulated API Gateway's wire protocols, shared by every router: the
 * request and response values, AWS-shaped error responses, the checks that turn an untrusted
 * request value into plain data (a 400 naming the field otherwise), and path matching.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'
import { showValue } from '../../stage/DecodeError.js'
import type { GatewayError } from '../control/Gateway.js'
import { thrownText } from '../control/internal.js'
import { httpStatusOf } from '../control/RestApiError.js'
import { patchBodyOf } from './patchBody.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A request as it comes off the wire: `method` an HTTP method (a token such as `GET`, any case),
 * `path` percent-encoded, starting with `/` and without the query string; `query` the query
 * parameters (a repeated one as a list, the first value counts; `null` for a name without a
 * value); `headers` (checked, not otherwise read); `body` the text of the body. {@link route}
 * checks each field, so a value of another shape gets a 400 rather than a throw.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const request: RestApiHttp.HttpRequest = { method: 'post', path: '/restapis', headers: { 'content-type': 'application/json' }, body: '{"name":"pets"}' }
 * const created = RestApiHttp.route(emptyGateway(), request)
 * assert.strictEqual(created.response.status, 201) // the method in any case
 * const again = RestApiHttp.route(created.gateway, { ...request, body: '{"name":"orders"}' })
 * // A repeated query parameter: the first value counts.
 * const listed = RestApiHttp.route(again.gateway, { method: 'GET', path: '/restapis', query: { limit: ['1', '5'] } })
 * assert.deepStrictEqual(JSON.parse(listed.response.body).item.map((a: { name: string }) => a.name), ['pets'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface HttpRequest {
  readonly method: string
  readonly path: string
  readonly query?: { readonly [name: string]: string | ReadonlyArray<string> | null | undefined }
  readonly headers?: { readonly [name: string]: string | undefined }
  readonly body?: string
}

/**
 * A response: status, headers (lower-case names) and a body (empty or JSON).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, emptyGateway } from 'apigw-canary'
 *
 * const response: RestApiHttp.HttpResponse = RestApiHttp.route(emptyGateway(), { method: 'GET', path: '/restapis/a1b2c3d4e5' }).response
 * assert.strictEqual(response.status, 404)
 * assert.strictEqual(response.headers['x-amzn-errortype'], 'NotFoundException')
 * assert.deepStrictEqual(JSON.parse(response.body), { message: 'Invalid API identifier specified 123456789012:a1b2c3d4e5' })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface HttpResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string }
  readonly body: string
}

// -------------------------------------------------------------------------------------
// responses
// -------------------------------------------------------------------------------------

/** @internal */
export const JSON_HEADERS = { 'content-type': 'application/json' } as const

/**
 * An error response in AWS's shape: the status, `x-amzn-errortype` naming the exception, and
 * `{"message": ...}`. SDK v3 turns it into its exception class of that name.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp } from 'apigw-canary'
 *
 * const r = RestApiHttp.errorResponse(404, 'NotFoundException', 'Invalid stage identifier specified')
 * assert.strictEqual(r.headers['x-amzn-errortype'], 'NotFoundException')
 * assert.deepStrictEqual(JSON.parse(r.body), { message: 'Invalid stage identifier specified' })
 * ```
 *
 * @category responses
 * @since 0.1.0
 */
export const errorResponse = (status: number, type: string, message: string, headers: { readonly [name: string]: string } = {}): HttpResponse => ({
  status,
  headers: { ...JSON_HEADERS, 'x-amzn-errortype': type, ...headers },
  body: JSON.stringify({ message })
})

/**
 * The response to an error of the aggregate: its exception's status and name, its message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { RestApiHttp, stageNotFound } from 'apigw-canary'
 *
 * assert.strictEqual(RestApiHttp.gatewayErrorResponse(stageNotFound('prod')).status, 404)
 * ```
 *
 * @category responses
 * @since 0.1.0
 */
export const gatewayErrorResponse = (error: GatewayError): HttpResponse => errorResponse(httpStatusOf(error.name), error.name, error.message)

// -------------------------------------------------------------------------------------
// paths and bodies
// -------------------------------------------------------------------------------------

/** A route's path as match patterns: `/restapis/{restApiId}` → `['restapis', ':restApiId']`. @internal */
export const patternOf = (path: string): ReadonlyArray<string> =>
  path
    .split('/')
    .slice(1)
    .map((s) => (s.startsWith('{') && s.endsWith('}') ? `:${s.slice(1, -1)}` : s))

/** @internal */
export const match = (segments: ReadonlyArray<string>, pattern: ReadonlyArray<string>): { readonly [name: string]: string } | undefined => {
  if (segments.length !== pattern.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? ''
    const s = segments[i] ?? ''
    if (p.startsWith(':')) {
      if (s === '') return undefined
      params[p.slice(1)] = s
    } else if (p !== s) return undefined
  }
  return params
}

/** @internal */
export const splitPath = (path: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  const raw = path.split('/').slice(1)
  if (raw.length > 1 && raw[raw.length - 1] === '') raw.pop()
  try {
    // a segment without `%` decodes to itself: only the others are decoded
    for (let i = 0; i < raw.length; i++) {
      const s = raw[i] as string
      if (s.includes('%')) raw[i] = decodeURIComponent(s)
    }
    return E.right(raw)
  } catch {
    return E.left(errorResponse(400, 'BadRequestException', `The request path ${JSON.stringify(path.slice(0, 200))} is not properly percent-encoded.`))
  }
}

/** @internal */
export const parseJson = (body: string | undefined): E.Either<HttpResponse, unknown> => {
  if (body === undefined || body.trim() === '') return E.right({})
  // an update-stage body as the SDK and the CLI send it: the same value, without JSON.parse
  const patch = patchBodyOf(body)
  if (patch !== undefined) return E.right(patch)
  try {
    return E.right(JSON.parse(body))
  } catch (error) {
    return E.left(errorResponse(400, 'BadRequestException', `Could not parse request body into json: ${thrownText(error)}`))
  }
}

// -------------------------------------------------------------------------------------
// checking the request
// -------------------------------------------------------------------------------------

/** A request whose every field has been read once and checked: plain data from here on. */
/** @internal */
export interface CheckedRequest {
  readonly method: string
  readonly path: string
  /** The first value of each query parameter that has one. */
  readonly query: ReadonlyMap<string, string>
  /** Every value of each query parameter that has one (`?tagKeys=a&tagKeys=b`). */
  readonly queryAll: ReadonlyMap<string, ReadonlyArray<string>>
  readonly body: string | undefined
}

/** Whether the caller's value is an array (a revoked proxy throws when asked). */
const isArray = (value: object, what: string): E.Either<HttpResponse, boolean> => {
  try {
    return E.right(Array.isArray(value))
  } catch (error) {
    return unreadable(what, error)
  }
}

/** A request value as a message shows it: primitives as they are, never reading into an object. */
const shown = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return showValue(value)
  const array = isArray(value, '')
  return E.isRight(array) && array.right ? 'an array' : 'an object'
}

const malformed = (message: string): E.Either<HttpResponse, never> => E.left(errorResponse(400, 'BadRequestException', message))

/** The 400 for a part of the caller's request that threw when read (a getter, a proxy trap; `what` built only then). */
const unreadable = (what: string, error: unknown): E.Either<HttpResponse, never> => malformed(`The request ${what} could not be read: ${thrownText(error)}.`)

/** `what` (`''` for the request itself) must be `rule`: the 400 that says so, with the value shown. */
const notA = (what: string, value: unknown, rule: string): E.Either<HttpResponse, never> => {
  const subject = what === '' ? 'The request' : `The request ${what}`
  return malformed(value === undefined ? `${subject} is missing; it must be ${rule}.` : `${subject} ${shown(value)} is not ${rule}.`)
}

/** Reads one field of an object the caller gave, once: a getter or a proxy trap may throw. */
const field = (from: object, name: string, what: string): E.Either<HttpResponse, unknown> => {
  try {
    return E.right((from as { readonly [name: string]: unknown })[name])
  } catch (error) {
    return unreadable(what, error)
  }
}

/** The own enumerable names of an object the caller gave (a proxy trap may throw). */
const namesOf = (from: object, what: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  try {
    return E.right(Object.keys(from))
  } catch (error) {
    return unreadable(what, error)
  }
}

/**
 * The names of a map the caller gave: a plain object (not an array, a `Map` or a class
 * instance, whose entries `Object.keys` would not see).
 */
const mapNames = (map: unknown, what: string, rule: string): E.Either<HttpResponse, ReadonlyArray<string>> => {
  if (typeof map !== 'object' || map === null) return notA(what, map, rule)
  let plain: boolean
  try {
    const proto: unknown = Object.getPrototypeOf(map)
    plain = !Array.isArray(map) && (proto === null || Object.getPrototypeOf(proto) === null)
  } catch (error) {
    return unreadable(what, error)
  }
  return plain ? namesOf(map, what) : notA(what, map, rule)
}

/** An HTTP method is a token (RFC 9110): `GET`, `delete`, never empty nor with spaces. */
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const nameOf = (what: string, name: string): string => `${what} ${JSON.stringify(name.slice(0, 100))}`

/**
 * One query parameter's first value: a string, a list of strings (the first counts), or none
 * (`null`, `undefined`, `[]`). A list is read by its own keys, so a sparse one costs what it
 * holds; a list with holes is refused.
 */
const checkParameter = (name: string, value: unknown): E.Either<HttpResponse, ReadonlyArray<string>> => {
  if (value === undefined || value === null) return E.right([])
  if (typeof value === 'string') return E.right([value])
  const what = nameOf('query parameter', name)
  const array = typeof value === 'object' ? isArray(value, what) : E.right(false)
  if (E.isLeft(array)) return array
  if (!array.right) return notA(what, value, 'a string or a list of strings')
  const list = value as object
  const length = field(list, 'length', what)
  if (E.isLeft(length)) return length
  const keys = namesOf(list, what)
  if (E.isLeft(keys)) return keys
  if (length.right !== keys.right.length) return notA(what, value, 'a list of strings without holes')
  const items: Array<string> = []
  for (const key of keys.right) {
    const item = field(list, key, what)
    if (E.isLeft(item)) return item
    if (typeof item.right !== 'string') return notA(`${what} item ${key.slice(0, 20)}`, item.right, 'a string')
    items.push(item.right)
  }
  return E.right(items)
}

/** The values of no parameters: one map for every request without a query (the SDK sends `{}`). */
const NO_PARAMETERS: ReadonlyMap<string, ReadonlyArray<string>> = new Map()

const checkQuery = (query: unknown): E.Either<HttpResponse, ReadonlyMap<string, ReadonlyArray<string>>> => {
  if (query === undefined) return E.right(NO_PARAMETERS)
  const names = mapNames(query, 'query', 'a map of query parameters (an object)')
  if (E.isLeft(names)) return names
  if (names.right.length === 0) return E.right(NO_PARAMETERS)
  const values = new Map<string, ReadonlyArray<string>>()
  for (const name of names.right) {
    let raw: unknown
    try {
      raw = (query as { readonly [name: string]: unknown })[name]
    } catch (error) {
      return unreadable(nameOf('query parameter', name), error)
    }
    const value = checkParameter(name, raw)
    if (E.isLeft(value)) return value
    if (value.right.length > 0) values.set(name, value.right)
  }
  return E.right(values)
}

/** The first values of no parameters: one map for every request without a query. */
const NO_QUERY: ReadonlyMap<string, string> = new Map()

const firstValues = (all: ReadonlyMap<string, ReadonlyArray<string>>): ReadonlyMap<string, string> => {
  if (all.size === 0) return NO_QUERY
  const first = new Map<string, string>()
  for (const [name, values] of all) if (values[0] !== undefined) first.set(name, values[0])
  return first
}

const checkHeaders = (headers: unknown): E.Either<HttpResponse, undefined> => {
  if (headers === undefined) return E.right(undefined)
  const names = mapNames(headers, 'headers', 'a map of header names to values (an object)')
  if (E.isLeft(names)) return names
  for (const name of names.right) {
    let value: unknown
    try {
      value = (headers as { readonly [name: string]: unknown })[name]
    } catch (error) {
      return unreadable(nameOf('header', name), error)
    }
    // the header's name is quoted (JSON.stringify) only for the message of a bad one
    if (value !== undefined && typeof value !== 'string') return notA(nameOf('header', name), value, 'a string')
  }
  return E.right(undefined)
}

/**
 * Reads each field of the request once and checks it, in order (method, path, query, headers,
 * body), stopping at the first that is wrong: the request as plain data, or the 400 that says
 * what is wrong. Written as plain statements: it runs on every request.
 */
/** @internal */
export const checkRequest = (request: unknown): E.Either<HttpResponse, CheckedRequest> => {
  if (typeof request !== 'object' || request === null) return notA('', request, 'an HTTP request (an object with a method and a path)')
  const from = request as { readonly [field: string]: unknown }
  let raw: unknown
  try {
    raw = from['method']
  } catch (error) {
    return unreadable('method', error)
  }
  // the methods the routes answer, as clients send them, need no pattern nor case change
  const usual = raw === 'PATCH' || raw === 'GET' || raw === 'POST' || raw === 'PUT' || raw === 'DELETE'
  if (!usual && (typeof raw !== 'string' || !METHOD.test(raw))) return notA('method', raw, 'an HTTP method (a token such as GET)')
  const method: string = usual ? (raw as string) : (raw as string).toUpperCase()
  try {
    raw = from['path']
  } catch (error) {
    return unreadable('path', error)
  }
  if (typeof raw !== 'string' || !raw.startsWith('/')) return notA('path', raw, 'a path (a string starting with /)')
  const path = raw
  try {
    raw = from['query']
  } catch (error) {
    return unreadable('query', error)
  }
  const queryAll = checkQuery(raw)
  if (E.isLeft(queryAll)) return queryAll
  try {
    raw = from['headers']
  } catch (error) {
    return unreadable('headers', error)
  }
  const headers = checkHeaders(raw)
  if (E.isLeft(headers)) return headers
  try {
    raw = from['body']
  } catch (error) {
    return unreadable('body', error)
  }
  if (raw !== undefined && typeof raw !== 'string') return notA('body', raw, 'text (a string)')
  return E.right({ method, path, query: firstValues(queryAll.right), queryAll: queryAll.right, body: raw })
}
