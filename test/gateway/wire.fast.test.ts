/**
 * The wire layer's fast paths (issue 16) against the code they replaced, frozen in
 * test/gateway/oracle/: the router (the request checks written as plain statements, header
 * names quoted only for a message, routes matched by a table of their lengths, update-stage
 * bodies read directly, no pipe), the Double fields' encoder (one regular expression over
 * `JSON.stringify`'s text instead of a replacer) and the journal (entries built when read).
 * Random requests, valid and not, must get the same status, headers, body, operation and
 * gateway from both.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDeployment, createRestApi, emptyGateway, putMockMethod, type Gateway } from '../../src/index.js'
import { route, type HttpRequest } from '../../src/gateway/wire/RestApiHttp.js'
import { captureEntry, entryOf, journalEntry, operationOf } from '../../src/gateway/wire/Journal.js'
import { stringifyWire } from '../../src/gateway/wire/doubles.js'
import { route as oracleRoute } from './oracle/RestApiHttp.js'
import { journalEntry as oracleJournalEntry, operationOf as oracleOperationOf } from './oracle/Journal.js'
import { stringifyWire as oracleStringifyWire } from './oracle/doubles.js'
import type { Timestamp } from '../../src/stage/Timestamp.js'
import { requestId } from '../../src/gateway/wire/transport.js'

const right = <A>(e: { readonly _tag: 'Left'; readonly left: { readonly message: string } } | { readonly _tag: 'Right'; readonly right: A }): A => {
  if (e._tag === 'Left') throw new Error(e.left.message)
  return e.right
}

/** A REST API with a `prod` stage (and a canary on it) and a `beta` one. */
const setup = (): { readonly gateway: Gateway; readonly restApiId: string; readonly rootId: string } => {
  const api = right(createRestApi(emptyGateway(), { name: 'fast' }))
  const restApiId = api.response.id
  const ready = right(putMockMethod(api.gateway, restApiId))
  const prod = right(createDeployment(ready, { restApiId, stageName: 'prod' }))
  const canary = right(createDeployment(prod.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10 } }))
  const beta = right(createDeployment(canary.gateway, { restApiId, stageName: 'beta', variables: { a: '1' } }))
  return { gateway: beta.gateway, restApiId, rootId: api.response.rootResourceId ?? '' }
}

const { gateway: start, restApiId, rootId } = setup()

const segment = fc.oneof(
  fc.constantFrom(restApiId, rootId, 'prod', 'beta', 'nope', 'restapis', 'stages', 'deployments', 'resources', 'methods', 'GET', 'integration', 'tags', ''),
  fc.constantFrom('%zz', '%2F', 'pr%6Fd', '%E0%A4%A', '__proto__', 'a b'),
  fc.string({ maxLength: 6 })
)

const path = fc.oneof(
  fc.constantFrom(
    '/restapis',
    `/restapis/${restApiId}`,
    `/restapis/${restApiId}/stages`,
    `/restapis/${restApiId}/stages/prod`,
    `/restapis/${restApiId}/stages/beta`,
    `/restapis/${restApiId}/stages/prod/`,
    `/restapis/${restApiId}/deployments`,
    `/restapis/${restApiId}/resources`,
    `/restapis/${restApiId}/resources/${rootId}/methods/GET`,
    `/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2F${restApiId}%2Fstages%2Fprod`,
    '/',
    '//',
    'restapis',
    '/nowhere'
  ),
  fc.array(segment, { minLength: 1, maxLength: 7 }).map((parts) => `/${parts.join('/')}`)
)

const stagePath = fc.constantFrom(
  '/canarySettings/percentTraffic',
  '/variables/a',
  '/variables/b',
  '/canarySettings/stageVariableOverrides/a',
  '/description',
  '/tracingEnabled',
  '/*/*/throttling/rateLimit',
  '/deploymentId',
  '/canarySettings',
  '/nope',
  ''
)
const operation = fc.record(
  {
    op: fc.constantFrom('replace', 'add', 'remove', 'copy', 'move', 'test', 'bad'),
    path: stagePath,
    value: fc.oneof(fc.constantFrom('10', '50.5', '0', 'true', 'x', '-1', '101', ''), fc.integer().map(String)),
    from: stagePath
  },
  { requiredKeys: ['op'] }
)
const body = fc.oneof(
  fc.constant(undefined),
  fc.array(operation, { maxLength: 3 }).map((patchOperations) => JSON.stringify({ patchOperations })),
  fc.array(operation, { maxLength: 2 }).map((patchOperations) => JSON.stringify({ patchOperations, extra: { x: [1] } })),
  fc.constantFrom('', ' ', '{', '[]', '{}', 'null', '42', '{"patchOperations":null}', '{"patchOperations":{}}', '{"__proto__":{"x":1}}', '{"name":"pets"}', '{"stageName":"prod","canarySettings":{"percentTraffic":5}}'),
  fc.json({ maxDepth: 3 }),
  fc.constant(42 as unknown as string)
)
const query = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom({}, { limit: '2' }, { limit: ['1', '5'] }, { limit: 'x' }, { position: 'a', limit: '1' }, { tagKeys: ['a', 'b'] }, { x: 5 }, { x: null }, { x: [] }, { x: [1] }),
  fc.constantFrom([] as unknown, 'q', null)
)
const headers = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom({}, { 'content-type': 'application/json', authorization: 'AWS4 x' }, { a: undefined }, { 'we"ird': 7 }, { a: 'b', n: 5 }),
  fc.constantFrom([] as unknown, 'h', new Map())
)
const method = fc.oneof(fc.constantFrom('GET', 'PATCH', 'POST', 'PUT', 'DELETE', 'get', 'patch', 'Options', 'BAD METHOD', ''), fc.constant(7 as unknown as string))

/** An object whose `name` throws when read. */
const throwing = (base: Record<string, unknown>, name: string): HttpRequest =>
  Object.defineProperties(
    { ...base },
    {
      [name]: {
        get() {
          throw new Error(`no ${name}`)
        },
        enumerable: true
      },
      // how fast-check shows it in a report (a symbol: no request check sees it)
      [fc.toStringMethod]: { value: () => `{ ${Object.keys(base).join(', ')}, get ${name}() { throw } }` }
    }
  ) as unknown as HttpRequest

/** What `f` gives, or the message it throws with. */
const attempt = <A>(f: () => A): A | { readonly threw: string } => {
  try {
    return f()
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) }
  }
}

/** A request such as a client sends: a known method, a path of this API, a patch or no body. */
const likely = fc.record(
  {
    method: fc.constantFrom('GET', 'PATCH', 'DELETE', 'POST', 'PUT'),
    path: fc.constantFrom(
      `/restapis/${restApiId}/stages/prod`,
      `/restapis/${restApiId}/stages/beta`,
      `/restapis/${restApiId}/stages/nope`,
      `/restapis/${restApiId}/stages`,
      `/restapis/${restApiId}/deployments`,
      `/restapis/${restApiId}`,
      '/restapis'
    ),
    headers: fc.constant({ 'content-type': 'application/json' }),
    body: fc.oneof(fc.array(operation, { minLength: 1, maxLength: 3 }).map((patchOperations) => JSON.stringify({ patchOperations })), body)
  },
  { requiredKeys: ['method', 'path'] }
)

const request: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ method, path, query, headers, body }, { requiredKeys: ['method', 'path'] }) },
  { weight: 12, arbitrary: likely },
  { weight: 1, arbitrary: fc.constantFrom(null, 'GET /', 42, [] as unknown) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('method', 'path', 'query', 'headers', 'body'), path)
      .map(([name, p]) => throwing({ method: 'GET', path: p, query: {}, headers: {} }, name))
  },
  { weight: 1, arbitrary: path.map((p) => ({ method: 'GET', path: p, headers: throwing({}, 'x-h') })) },
  { weight: 1, arbitrary: path.map((p) => ({ method: 'GET', path: p, query: throwing({}, 'limit') })) }
)

const AT = '2017-11-20T04:42:19Z' as Timestamp

describe('wire fast paths', () => {
  it('route answers every request as the router before it did, step after step', () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 8 }), (requests) => {
        let gateway = start
        for (const r of requests) {
          const fast = route(gateway, r as HttpRequest)
          const old = oracleRoute(gateway, r as HttpRequest)
          expect(fast.response).toStrictEqual(old.response)
          expect(fast.operation).toBe(old.operation)
          expect(fast.gateway === gateway).toBe(old.gateway === gateway)
          expect(fast.gateway).toStrictEqual(old.gateway)
          // the journal entry of the call, built later from what was captured, as it was built at once
          // (a query whose getter throws makes both throw: the router answered it with a 400 already)
          const req = r as HttpRequest
          expect(attempt(() => entryOf(captureEntry(1, req, fast.response, fast.operation, AT)))).toStrictEqual(
            attempt(() => oracleJournalEntry(1, req, old.response, old.operation, AT))
          )
          expect(attempt(() => entryOf(captureEntry(2, req, fast.response, { of: req }, AT, 'Late')))).toStrictEqual(
            attempt(() => oracleJournalEntry(2, req, old.response, oracleOperationOf(req), AT, 'Late'))
          )
          expect(attempt(() => journalEntry(3, req, fast.response, operationOf(req), AT))).toStrictEqual(
            attempt(() => oracleJournalEntry(3, req, old.response, oracleOperationOf(req), AT))
          )
          gateway = fast.gateway
        }
      }),
      { numRuns: 400 }
    )
  })

  it('makes request ids as the template with padStart did', () => {
    const old = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0').slice(-12)}`
    fc.assert(
      fc.property(fc.oneof(fc.nat(), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(0, 15, 16, 2 ** 44 - 1, 2 ** 44, 2 ** 48, 2 ** 53)), (n) => {
        expect(requestId(n)).toBe(old(n))
      })
    )
  })

  it('writes Double fields as the replacer did, whatever the strings and keys around them', () => {
    const key = fc.oneof(
      fc.constantFrom('percentTraffic', 'throttlingRateLimit', 'rateLimit', 'burstLimit', 'x"rateLimit', 'rateLimit"', '{', ',', '"percentTraffic":1,', 'a\\'),
      fc.string({ maxLength: 4 })
    )
    const leaf = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(0, -0, 1e20, 1e21, -5, 5.5, 2 ** 53, 1e-7),
      fc.constantFrom(',"rateLimit":5}', '{"percentTraffic":7,', '\\', '"', 'rateLimit":3'),
      fc.string({ maxLength: 6 }),
      fc.boolean(),
      fc.constant(null)
    )
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 3 }),
      object: fc.dictionary(key, tie('node'), { maxKeys: 4 })
    })).node
    fc.assert(
      fc.property(value, (v) => {
        expect(stringifyWire(v)).toBe(oracleStringifyWire(v))
      }),
      { numRuns: 2000 }
    )
    expect(stringifyWire(undefined)).toBe(oracleStringifyWire(undefined))
  })
})
