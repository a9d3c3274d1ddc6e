/**
 * The laws of the REST API aggregate, as plain predicates (the fast-check wiring is in
 * `test/gateway/RestApi.test.ts`), and a deliberately simpler model to run operation sequences against.
 */
import * as E from 'fp-ts/Either'
import type { Gateway, Page } from '../../src/gateway/control/RestApi.js'
import { decodeGateway, encodeGateway } from '../../src/gateway/wire/RestApiCodec.js'

/** 1. The invariants hold: the gateway survives JSON and `decodeGateway` unchanged. */
export const invariantsHold = (gateway: Gateway): boolean => {
  const back = decodeGateway(JSON.parse(JSON.stringify(encodeGateway(gateway))))
  return E.isRight(back) && JSON.stringify(back.right) === JSON.stringify(gateway)
}

/** 2. Ids are unique: REST APIs across the gateway, deployments within their REST API, stage names too. */
export const idsUnique = (gateway: Gateway): boolean => {
  const apis = gateway.restApis.map((a) => a.restApi.id)
  return (
    new Set(apis).size === apis.length &&
    gateway.restApis.every((a) => {
      const ds = a.deployments.map((d) => d.id)
      const ss = a.stages.map((s) => s.stageName)
      return new Set(ds).size === ds.length && new Set(ss).size === ss.length
    })
  )
}

/** 3. Pages laid end to end give the whole list, in order, each page at most `limit` long. */
export const pagesCover = <A>(all: ReadonlyArray<A>, pages: ReadonlyArray<Page<A>>, limit: number): boolean =>
  JSON.stringify(pages.flatMap((p) => p.items)) === JSON.stringify(all) &&
  pages.every((p, i) => p.items.length <= limit && (i === pages.length - 1) === (p.position === undefined))

// -------------------------------------------------------------------------------------
// the simpler model
// -------------------------------------------------------------------------------------

/** One stage, as the model sees it. */
export interface ModelStage {
  readonly deploymentId: string
  readonly canary?: { readonly deploymentId: string; readonly percent: number }
}

/** The model of one REST API: deployment ids in order, stages by name. */
export interface Model {
  readonly deployments: ReadonlyArray<string>
  readonly stages: ReadonlyMap<string, ModelStage>
}

/** The abstract operations the sequence test draws. */
export type Op =
  | { readonly _tag: 'Deploy'; readonly stageName: string | undefined; readonly canary: number | undefined }
  | { readonly _tag: 'CreateStage'; readonly stageName: string; readonly deployment: number; readonly canary: boolean }
  | { readonly _tag: 'SetTraffic'; readonly stageName: string; readonly percent: number }
  | { readonly _tag: 'Promote'; readonly stageName: string }
  | { readonly _tag: 'Disable'; readonly stageName: string }
  | { readonly _tag: 'DeleteStage'; readonly stageName: string }
  | { readonly _tag: 'DeleteDeployment'; readonly deployment: number }

/** What the model says an operation does: `undefined` when it fails, else the next model (`newId` is the deployment a deploy creates). */
export const step = (m: Model, op: Op, newId: string): Model | undefined => {
  const stages = new Map(m.stages)
  switch (op._tag) {
    case 'Deploy': {
      const name = op.stageName
      if (op.canary !== undefined) {
        if (name === undefined || name === '') return undefined
        const s = stages.get(name)
        if (s === undefined || op.canary < 0 || op.canary > 100) return undefined
        stages.set(name, { deploymentId: s.deploymentId, canary: { deploymentId: newId, percent: op.canary } })
        return { deployments: [...m.deployments, newId], stages }
      }
      if (name !== undefined && name !== '') {
        const s = stages.get(name)
        if (s?.canary !== undefined) return undefined
        stages.set(name, { deploymentId: newId })
      }
      return { deployments: [...m.deployments, newId], stages }
    }
    case 'CreateStage': {
      const d = m.deployments[op.deployment]
      if (d === undefined || stages.has(op.stageName)) return undefined
      stages.set(op.stageName, op.canary ? { deploymentId: d, canary: { deploymentId: d, percent: 0 } } : { deploymentId: d })
      return { ...m, stages }
    }
    case 'SetTraffic': {
      const s = stages.get(op.stageName)
      if (s === undefined || op.percent < 0 || op.percent > 100) return undefined
      stages.set(op.stageName, { deploymentId: s.deploymentId, canary: { deploymentId: s.canary?.deploymentId ?? s.deploymentId, percent: op.percent } })
      return { ...m, stages }
    }
    case 'Promote': {
      // The first of the three operations (replace percentTraffic) creates a canary where there
      // is none (recorded), so the three together succeed on any stage.
      const s = stages.get(op.stageName)
      if (s === undefined) return undefined
      const canary = s.canary?.deploymentId ?? s.deploymentId
      stages.set(op.stageName, { deploymentId: canary, canary: { deploymentId: canary, percent: 0 } })
      return { ...m, stages }
    }
    case 'Disable': {
      const s = stages.get(op.stageName)
      if (s === undefined) return undefined
      stages.set(op.stageName, { deploymentId: s.deploymentId })
      return { ...m, stages }
    }
    case 'DeleteStage':
      return stages.delete(op.stageName) ? { ...m, stages } : undefined
    case 'DeleteDeployment': {
      const d = m.deployments[op.deployment]
      if (d === undefined) return undefined
      if ([...stages.values()].some((s) => s.deploymentId === d || s.canary?.deploymentId === d)) return undefined
      return { ...m, deployments: m.deployments.filter((x) => x !== d) }
    }
  }
}

/** The model's view of the aggregate's one REST API. */
export const project = (gateway: Gateway): Model => {
  const api = gateway.restApis[0]
  return {
    deployments: api?.deployments.map((d) => d.id) ?? [],
    stages: new Map(
      (api?.stages ?? []).map((s) => [
        s.stageName ?? '',
        {
          deploymentId: s.deploymentId ?? '',
          ...(s.canarySettings === undefined ? {} : { canary: { deploymentId: s.canarySettings.deploymentId, percent: s.canarySettings.percentTraffic } })
        }
      ])
    )
  }
}

/** Do the model and the projection agree? */
export const sameModel = (a: Model, b: Model): boolean =>
  JSON.stringify(a.deployments) === JSON.stringify(b.deployments) &&
  JSON.stringify([...a.stages.entries()].sort()) === JSON.stringify([...b.stages.entries()].sort())
