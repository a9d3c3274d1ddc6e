/**
 * The library's promise for its io-ts codecs: every exported codec's `decode` and `is` are total.
 * Input that cannot even be read (a getter that throws, a revoked proxy, a proxy whose traps
 * throw), at the top or nested in any field, gives a `Left` (or `false`), never a throw.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import * as root from '../../src/index.js'
import * as simulator from '../../src/gateway/simulator/index.js'
import * as arb from '../arbitraries.js'
import { runs } from './hostile.js'

/** Every io-ts codec the public entries export, at the top or one namespace down. */
const codecs = (): ReadonlyArray<readonly [string, t.Type<unknown, unknown, unknown>]> => {
  const found: Array<readonly [string, t.Type<unknown, unknown, unknown>]> = []
  for (const [entry, module] of [['apigw-canary', root], ['apigw-canary/simulator', simulator]] as const) {
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof t.Type) found.push([`${entry} ${name}`, value])
      else if (typeof value === 'object' && value !== null)
        for (const [inner, v] of Object.entries(value)) if (v instanceof t.Type) found.push([`${entry} ${name}.${inner}`, v])
    }
  }
  return found
}

const throwingGetter = (): object =>
  Object.defineProperty({}, 'deploymentId', {
    enumerable: true,
    get() {
      throw new Error('boom')
    }
  })

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

const trapping = (): object =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('ownKeys')
      },
      getPrototypeOf() {
        throw new Error('getPrototypeOf')
      },
      get() {
        throw new Error('get')
      }
    }
  )

const unreadable: fc.Arbitrary<() => object> = fc.constantFrom(throwingGetter, revoked, trapping)

const isEither = (u: unknown): boolean => E.isLeft(u as E.Either<unknown, unknown>) || E.isRight(u as E.Either<unknown, unknown>)

describe('every exported codec is total', () => {
  const all = codecs()

  it('finds the codecs (a guard against an empty list)', () => {
    expect(all.length).toBeGreaterThanOrEqual(10)
  })

  it('decode and is on unreadable input: a Left and false, no throw', () => {
    for (const [name, codec] of all) {
      for (const make of [throwingGetter, revoked, trapping]) {
        const u = make()
        let r: unknown
        expect(() => (r = codec.decode(u)), name).not.toThrow()
        expect(isEither(r), name).toBe(true)
        expect(() => codec.is(u), name).not.toThrow()
      }
    }
  })

  it('decode on a generated stage with an unreadable value in any field: no throw', () =>
    fc.assert(
      fc.property(arb.stage, fc.constantFrom('variables', 'canarySettings', 'accessLogSettings', 'methodSettings', 'stageName', 'tags'), unreadable, (stage, field, make) => {
        const record: Record<string, unknown> = { ...(JSON.parse(JSON.stringify(stage)) as Record<string, unknown>), [field]: make() }
        return all.every(([, codec]) => isEither(codec.decode(record)) && typeof codec.is(record) === 'boolean')
      }),
      { numRuns: runs(0.2) }
    ))
})
