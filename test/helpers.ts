import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import { createRestApi, type CreateRestApiInput, type Gateway, type GatewayError, type Outcome, type RestApi } from '../src/gateway/control/RestApi.js'
import type { Env } from '../src/gateway/control/RestApiProviders.js'
import { putMockMethod } from '../src/gateway/control/RestApiMethod.js'

/** The value of a Right; fails the test with the Left's message otherwise. */
export const expectRight = <L, A>(either: E.Either<L, A>): A => {
  if (E.isLeft(either)) {
    expect.unreachable(`expected a Right, got Left: ${JSON.stringify(either.left)}`)
  }
  return (either as E.Right<A>).right
}

/** The error of a Left; fails the test with the Right's value otherwise. */
export const expectLeft = <L, A>(either: E.Either<L, A>): L => {
  if (E.isRight(either)) {
    expect.unreachable(`expected a Left, got Right: ${JSON.stringify(either.right)}`)
  }
  return (either as E.Left<L>).left
}

/** Freezes a value and everything reachable from it, so that any mutation throws. */
export const deepFreeze = <A>(value: A): A => {
  const seen = new Set<object>()
  const stack: Array<unknown> = [value]
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null || seen.has(v) || ArrayBuffer.isView(v)) continue
    seen.add(v)
    Object.freeze(v)
    for (const key of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[key])
  }
  return value
}

/** A deep copy (structuredClone), for before/after comparisons. */
export const snapshot = <A>(value: A): A => structuredClone(value)

/** Object.prototype, Array.prototype and Function.prototype have no own keys beyond the built-in ones. */
export const prototypesClean = (): boolean =>
  (Object.prototype as Record<string, unknown>)['polluted'] === undefined &&
  Object.keys(Object.prototype).length === 0 &&
  Object.keys(Array.prototype).length === 0 &&
  Object.keys(Function.prototype).length === 0

/**
 * CreateRestApi, then a MOCK `GET /` (putMockMethod): an API that AWS lets you deploy (a
 * deployment of an API without methods is refused). Same answer as createRestApi's.
 */
export const createDeployableApi = (
  gateway: Gateway,
  input: CreateRestApiInput,
  env?: Env
): E.Either<GatewayError, Outcome<RestApi>> =>
  E.chain((o: Outcome<RestApi>) => E.map((g: Gateway): Outcome<RestApi> => ({ gateway: g, response: o.response }))(putMockMethod(o.gateway, o.response.id)))(
    createRestApi(gateway, input, env)
  )

/** The raw requests (RestApiHttp.route / sim.handle) that define a MOCK `GET /` on a REST API. */
export const mockMethodRequests = (restApiId: string, rootResourceId: string): ReadonlyArray<{ method: string; path: string; body: string }> => {
  const m = `/restapis/${restApiId}/resources/${rootResourceId}/methods/GET`
  return [
    { method: 'PUT', path: m, body: '{"authorizationType":"NONE"}' },
    { method: 'PUT', path: `${m}/integration`, body: '{"type":"MOCK","requestTemplates":{"application/json":"{\\"statusCode\\": 200}"}}' },
    { method: 'PUT', path: `${m}/integration/responses/200`, body: '{"selectionPattern":""}' }
  ]
}
