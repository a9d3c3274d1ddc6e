/**
 * The index of REST APIs by id (`src/gateway/control/apiIndex.ts`) against a plain scan, as the
 * oracle: over any history of appends, replaces and deletes that branches from any earlier
 * version (the aggregate is immutable, so old versions stay in use), every version answers every
 * look-up as a scan of its own list does.
 */
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apiById, appendApi, idInUse, replaceApi } from '../../src/gateway/control/apiIndex.js'
import type { ApiState } from '../../src/gateway/control/Gateway.js'

const api = (id: string, root: string, name = 'x'): ApiState => ({ restApi: { id, name, rootResourceId: root }, deployments: [], stages: [] }) as unknown as ApiState

type Step =
  | { readonly kind: 'append'; readonly from: number; readonly id: string; readonly root: string }
  | { readonly kind: 'replace'; readonly from: number; readonly pick: number; readonly name: string }
  | { readonly kind: 'delete'; readonly from: number; readonly pick: number }
  | { readonly kind: 'copy'; readonly from: number }

const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('append' as const), from: fc.nat(), id: ids, root: ids.map((i) => `r${i}`) }),
  fc.record({ kind: fc.constant('replace' as const), from: fc.nat(), pick: fc.nat(), name: fc.constantFrom('p', 'q') }),
  fc.record({ kind: fc.constant('delete' as const), from: fc.nat(), pick: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const), from: fc.nat() })
)

const scanById = (apis: ReadonlyArray<ApiState>, id: string): ApiState | undefined => apis.find((a) => a.restApi.id === id)
const scanInUse = (apis: ReadonlyArray<ApiState>, id: string): boolean => apis.some((a) => a.restApi.id === id || a.restApi.rootResourceId === id)

describe('the REST API index', () => {
  it('every version answers as a scan of its own list, whatever branch added to the shared index', () =>
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const versions: Array<ReadonlyArray<ApiState>> = [[]]
        for (const s of steps) {
          const base = versions[s.from % versions.length] as ReadonlyArray<ApiState>
          if (s.kind === 'append') {
            // The control plane appends only an id that is free in that version.
            if (!scanInUse(base, s.id) && !scanInUse(base, s.root)) versions.push(appendApi(base, api(s.id, s.root)))
          } else if (s.kind === 'replace' && base.length > 0) {
            const old = base[s.pick % base.length] as ApiState
            versions.push(replaceApi(base, api(old.restApi.id, old.restApi.rootResourceId as string, s.name)))
          } else if (s.kind === 'delete' && base.length > 0) {
            const gone = base[s.pick % base.length]
            versions.push(base.filter((a) => a !== gone))
          } else if (s.kind === 'copy') versions.push([...base])
          for (const v of versions) {
            for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'ra', 'rb', 'rc', 'rd', 're', 'rf']) {
              if (apiById(v, id) !== scanById(v, id)) return false
              if (idInUse(v, id) !== scanInUse(v, id)) return false
            }
          }
        }
        return true
      }),
      { numRuns: 300 }
    ))

  it('replace keeps the position and the other APIs, and an unknown id leaves the list as it was', () => {
    const list = appendApi(appendApi([], api('a', 'ra')), api('b', 'rb'))
    const replaced = replaceApi(list, api('a', 'ra', 'renamed'))
    expect(replaced.map((a) => [a.restApi.id, a.restApi.name])).toEqual([
      ['a', 'renamed'],
      ['b', 'x']
    ])
    expect(list.map((a) => a.restApi.name)).toEqual(['x', 'x']) // the old version is unchanged
    expect(replaceApi(list, api('z', 'rz'))).toEqual(list)
  })
})
