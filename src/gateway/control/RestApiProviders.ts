/**
 * Where the REST API aggregate gets its ids and its dates: an {@link Env} of two providers,
 * passed in. The defaults make everything deterministic: ids shaped like AWS's (10 lowercase
 * letters and digits for a REST API and its root resource, 6 for a deployment) drawn from a
 * pure seeded generator, and a clock that always says the same time.
 *
 * An {@link IdProvider} is a pure function of the id's kind and a counter that the aggregate
 * keeps (`Gateway.issued`), so the aggregate stays plain JSON and a saved one carries on where it
 * stopped.
 *
 * @since 0.1.0
 *
 * @module
 */
// The one generator and distribution, not pure-rand's index (every generator and distribution).
import { uniformIntDistribution } from 'pure-rand/distribution/UniformIntDistribution'
import { xoroshiro128plus } from 'pure-rand/generator/XoroShiro'
import type { Timestamp } from '../../stage/Timestamp.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The kinds of ids the aggregate issues.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { idLengths, seededIds, type IdKind } from 'apigw-canary'
 *
 * const kinds: ReadonlyArray<IdKind> = ['restApi', 'deployment', 'resource']
 * const ids = seededIds(42)
 * assert.deepStrictEqual(kinds.map((kind) => ids(kind, 0).length), [10, 6, 10])
 * assert.deepStrictEqual(kinds.map((kind) => idLengths[kind]), [10, 6, 10])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type IdKind = 'restApi' | 'deployment' | 'resource'

/**
 * Gives the `n`th id of a kind. Pure: the same arguments give the same id. The aggregate skips
 * an id that is already in use and asks for the next `n`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createDeployment, createRestApi, defaultEnv, emptyGateway, type Env, type IdProvider, putMockMethod } from 'apigw-canary'
 *
 * // Pure: the kind and the gateway's counter name the id, so a test knows it in advance.
 * const ids: IdProvider = (kind, n) => `${kind}${n}`
 * const env: Env = { ...defaultEnv, ids }
 * const api = createRestApi(emptyGateway(), { name: 'pets' }, env)
 * assert.ok(E.isRight(api))
 * const apiReady = putMockMethod(api.right.gateway, api.right.response.id) // a MOCK GET /: AWS deploys no API without methods
 * assert.ok(E.isRight(apiReady))
 * assert.deepStrictEqual([api.right.response.id, api.right.response.rootResourceId], ['restApi0', 'resource1'])
 * const made = createDeployment(apiReady.right, { restApiId: 'restApi0' }, env)
 * assert.ok(E.isRight(made))
 * assert.strictEqual(made.right.response.id, 'deployment2')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type IdProvider = (kind: IdKind, n: number) => string

/**
 * Gives the time of a change (the `createdDate` and `lastUpdatedDate` it writes).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, defaultEnv, emptyGateway, fixedClock, Timestamp, type Clock } from 'apigw-canary'
 *
 * const clock: Clock = fixedClock(Timestamp.unsafeFromString('2024-05-01T12:00:00Z'))
 * const created = createRestApi(emptyGateway(), { name: 'pets' }, { ...defaultEnv, now: clock })
 * assert.ok(E.isRight(created))
 * assert.strictEqual(created.right.response.createdDate, '2024-05-01T12:00:00Z')
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Clock = () => Timestamp

/**
 * The providers an operation of the aggregate uses.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { createRestApi, emptyGateway, fixedClock, seededIds, Timestamp, type Env } from 'apigw-canary'
 *
 * const env: Env = { ids: seededIds(7), now: fixedClock(Timestamp.unsafeFromString('2024-05-01T12:00:00Z')) }
 * const first = createRestApi(emptyGateway(), { name: 'pets' }, env)
 * const second = createRestApi(emptyGateway(), { name: 'pets' }, env)
 * assert.deepStrictEqual(first, second) // the same env and gateway give the same result
 * assert.ok(E.isRight(first))
 * assert.strictEqual(first.right.response.id, seededIds(7)('restApi', 0))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface Env {
  readonly ids: IdProvider
  readonly now: Clock
}

/**
 * The length of each kind of id, as AWS issues them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { idLengths } from 'apigw-canary'
 *
 * assert.deepStrictEqual(idLengths, { restApi: 10, deployment: 6, resource: 10 })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const idLengths: { readonly [K in IdKind]: number } = { restApi: 10, deployment: 6, resource: 10 }

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const KIND_SALT: { readonly [K in IdKind]: number } = { restApi: 0x1b873593, deployment: 0x5bd1e995, resource: 0x27d4eb2f }

/** murmur3's 32-bit finaliser: spreads nearby seeds apart. */
const fmix32 = (h0: number): number => {
  let h = h0 | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Ids drawn from a pure seeded generator (pure-rand's xoroshiro128+), shaped like AWS's: 10
 * lowercase letters and digits for a REST API or a resource, 6 for a deployment.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { seededIds } from 'apigw-canary'
 *
 * const ids = seededIds(42)
 * assert.match(ids('restApi', 0), /^[a-z0-9]{10}$/)
 * assert.match(ids('deployment', 0), /^[a-z0-9]{6}$/)
 * assert.strictEqual(ids('deployment', 7), seededIds(42)('deployment', 7)) // deterministic
 * assert.notStrictEqual(ids('deployment', 7), ids('deployment', 8))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const seededIds =
  (seed: number): IdProvider =>
  (kind, n) => {
    let rng = xoroshiro128plus(fmix32(fmix32(seed) ^ fmix32(Math.imul(n + 1, 0x9e3779b1) ^ KIND_SALT[kind])))
    let id = ''
    for (let i = 0; i < idLengths[kind]; i++) {
      const [v, next] = uniformIntDistribution(0, ALPHABET.length - 1, rng)
      id += ALPHABET.charAt(v)
      rng = next
    }
    return id
  }

/**
 * A clock that always gives `at`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { fixedClock, Timestamp } from 'apigw-canary'
 *
 * const clock = fixedClock(Timestamp.unsafeFromString('2017-11-20T04:42:19Z'))
 * assert.strictEqual(clock(), '2017-11-20T04:42:19Z')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fixedClock =
  (at: Timestamp): Clock =>
  () =>
    at

/**
 * The default seed of {@link defaultEnv}'s ids.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DEFAULT_SEED, defaultEnv, seededIds } from 'apigw-canary'
 *
 * assert.strictEqual(defaultEnv.ids('deployment', 3), seededIds(DEFAULT_SEED)('deployment', 3))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const DEFAULT_SEED = 20171120

/**
 * The default time of {@link defaultEnv}'s clock: the date of the AWS developer guide's canary
 * example.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { DEFAULT_TIME, defaultEnv } from 'apigw-canary'
 *
 * assert.strictEqual(defaultEnv.now(), DEFAULT_TIME)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const DEFAULT_TIME = '2017-11-20T04:42:19Z' as Timestamp

/**
 * The default providers: ids from `seededIds(DEFAULT_SEED)` and a clock fixed at `DEFAULT_TIME`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { defaultEnv } from 'apigw-canary'
 *
 * assert.strictEqual(defaultEnv.now(), '2017-11-20T04:42:19Z')
 * assert.match(defaultEnv.ids('restApi', 0), /^[a-z0-9]{10}$/)
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const defaultEnv: Env = { ids: seededIds(DEFAULT_SEED), now: fixedClock(DEFAULT_TIME) }
