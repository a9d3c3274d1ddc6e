/** The resource tree as a pure aggregate: properties, and the state file with and without it. */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRestApi, emptyGateway, type Gateway } from '../../src/gateway/control/RestApi.js'
import { createResource, deleteResource, getResources } from '../../src/gateway/control/RestApiResource.js'
import { putMockMethod } from '../../src/gateway/control/RestApiMethod.js'
import { createDeployment } from '../../src/gateway/control/RestApiDeployment.js'
import { decodeGateway, encodeGateway } from '../../src/gateway/wire/RestApiCodec.js'
import { resolveRequest } from '../../src/gateway/data/Invoke.js'
import { expectRight } from '../helpers.js'

const part = fc.oneof(fc.constantFrom('a', 'b', 'pets', '{id}', '{x}', '{proxy+}', 'a.b', 'bad/part', ''), fc.string({ maxLength: 4 }))
const ops = fc.array(fc.oneof(fc.record({ kind: fc.constant('create' as const), parent: fc.nat(20), part }), fc.record({ kind: fc.constant('delete' as const), target: fc.nat(20) })), { maxLength: 25 })

describe('the resource tree', () => {
  it('property: any sequence of create and delete keeps the tree whole: one root, parents exist, paths are the parent\'s path and the part, siblings distinct, at most one variable sibling, nothing under a greedy part', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const api = expectRight(createRestApi(emptyGateway(), { name: 'pets' }))
        const restApiId = api.response.id
        let g: Gateway = api.gateway
        for (const op of sequence) {
          const items = expectRight(getResources(g, { restApiId })).response.items
          const pick = (n: number) => items[n % items.length]?.id ?? ''
          const r: E.Either<unknown, { readonly gateway: Gateway }> = op.kind === 'create' ? createResource(g, { restApiId, parentId: pick(op.parent), pathPart: op.part }) : deleteResource(g, { restApiId, resourceId: pick(op.target) })
          if (E.isRight(r)) g = r.right.gateway
        }
        const items = g.restApis[0]?.resources ?? []
        const byId = new Map(items.map((r) => [r.id, r]))
        const roots = items.filter((r) => r.parentId === undefined)
        if (items.length > 0 && roots.length !== 1) return false
        return items.every((r) => {
          if (r.parentId === undefined) return r.path === '/'
          const parent = byId.get(r.parentId)
          if (parent === undefined || parent.pathPart?.endsWith('+}') === true) return false
          const siblings = items.filter((s) => s.parentId === r.parentId)
          return (
            r.path === `${parent.path === '/' ? '' : parent.path}/${r.pathPart ?? ''}` &&
            siblings.filter((s) => s.pathPart === r.pathPart).length === 1 &&
            siblings.filter((s) => s.pathPart?.startsWith('{') === true).length <= 1
          )
        })
      })
    )
  })

  it('property: a path built from the tree routes to its resource', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', '{id}', '{proxy+}'), { minLength: 1, maxLength: 4 }), fc.array(fc.stringMatching(/^[a-z0-9]{1,5}$/), { minLength: 4, maxLength: 4 }), (parts, values) => {
        const api = expectRight(createRestApi(emptyGateway(), { name: 'pets' }))
        const restApiId = api.response.id
        let g = expectRight(putMockMethod(api.gateway, restApiId))
        let parent = api.response.rootResourceId ?? ''
        const path: Array<string> = []
        for (const [i, p] of parts.entries()) {
          const made = createResource(g, { restApiId, parentId: parent, pathPart: p })
          if (E.isLeft(made)) break
          g = made.right.gateway
          parent = made.right.response.id
          path.push(p.startsWith('{') ? (values[i] ?? 'v') : p)
          if (p.endsWith('+}')) break
        }
        const target = expectRight(getResources(g, { restApiId })).response.items.find((r) => r.id === parent)
        const withGet = g.restApis[0]?.resources?.map((r) => (r.id === parent ? { ...r, resourceMethods: g.restApis[0]?.resources?.[0]?.resourceMethods ?? {} } : r))
        const ready: Gateway = { ...g, restApis: g.restApis.map((a) => ({ ...a, resources: withGet ?? [] })) }
        const deployed = expectRight(createDeployment(ready, { restApiId, stageName: 'prod' }))
        const found = resolveRequest(deployed.gateway, { restApiId, stageName: 'prod', method: 'GET', path: `/${path.join('/')}` }, 0.5)
        return E.isRight(found) && found.right.resource.path === target?.path
      })
    )
  })

  it('the state file keeps resources and snapshots; an old one without them still loads and gets its root', () => {
    const api = expectRight(createRestApi(emptyGateway(), { name: 'pets' }))
    const restApiId = api.response.id
    const ready = expectRight(putMockMethod(api.gateway, restApiId))
    const deployed = expectRight(createDeployment(ready, { restApiId, stageName: 'prod' })).gateway
    expect(decodeGateway(JSON.parse(JSON.stringify(encodeGateway(deployed))))).toEqual(E.right(deployed))
    const old = { restApis: [{ restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z', rootResourceId: 'r00tr00t00' }, deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }], stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }] }] }
    const loaded = expectRight(decodeGateway(old))
    expect(expectRight(getResources(loaded, { restApiId: 'fh4zbbd5nd' })).response.items).toEqual([{ id: 'r00tr00t00', path: '/' }])
    // its deployment has no snapshot: it serves nothing (403), never a throw
    const r = resolveRequest(loaded, { restApiId: 'fh4zbbd5nd', stageName: 'prod', method: 'GET', path: '/' }, 0.5)
    expect(E.isLeft(r) && r.left.response.status).toBe(403)
    expect(E.isLeft(decodeGateway({ restApis: [{ ...old.restApis[0], resources: [{ id: 'x' }] }] }))).toBe(true) // a resource needs a path
  })
})
