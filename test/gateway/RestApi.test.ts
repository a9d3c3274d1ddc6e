import * as E from 'fp-ts/Either'
import * as O from 'fp-ts/Option'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as PatchOperation from '../../src/patch/PatchOperation.js'
import { deleteRestApi, emptyGateway, findStage, getRestApi, getRestApis, type Gateway, type GatewayError, type Outcome } from '../../src/gateway/control/RestApi.js'
import { decodeGateway, encodeGateway } from '../../src/gateway/wire/RestApiCodec.js'
import { createDeployment, deleteDeployment, getDeployment, getDeployments, type CreateDeploymentInput } from '../../src/gateway/control/RestApiDeployment.js'
import { defaultEnv, fixedClock, seededIds, type Env } from '../../src/gateway/control/RestApiProviders.js'
import { createStage, deleteStage, getStage, getStages, updateStage } from '../../src/gateway/control/RestApiStage.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import { createDeployableApi, deepFreeze, expectLeft, expectRight } from '../helpers.js'
import { idsUnique, invariantsHold, pagesCover, project, sameModel, step, type Model, type Op } from '../laws/RestApi.js'

const ok = <A>(r: E.Either<GatewayError, Outcome<A>>): Outcome<A> => expectRight(r)
const fail = <A>(r: E.Either<GatewayError, Outcome<A>>): GatewayError => expectLeft(r)

/** A gateway with one REST API and a `prod` stage on its first deployment. */
const setup = (env: Env = defaultEnv) => {
  const api = ok(createDeployableApi(emptyGateway(), { name: 'pets' }, env))
  const restApiId = api.response.id
  const first = ok(createDeployment(api.gateway, { restApiId, stageName: 'prod', variables: { sv1: 'val1' } }, env))
  return { gateway: first.gateway, restApiId, prodId: first.response.id }
}

describe('CreateDeployment: the create-deployment errors of reference section 4, exact', () => {
  const { gateway, restApiId } = setup()
  const canary = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10.5 } }))

  it('a deployment without canary settings on a canary stage', () => {
    const e = fail(createDeployment(canary.gateway, { restApiId, stageName: 'prod' }))
    expect(e).toMatchObject({ _tag: 'NonCanaryDeploymentNotSupported', name: 'BadRequestException' })
    expect(e.message).toBe(
      'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
    )
  })

  it('a canary deployment to a stage that does not exist', () => {
    const e = fail(createDeployment(canary.gateway, { restApiId, stageName: 'beta', canarySettings: {} }))
    expect(e).toMatchObject({ _tag: 'CanaryStageNotFound', name: 'BadRequestException' })
    expect(e.message).toBe('Invalid deployment content specified.Stage beta must already be created before making a canary release deployment')
  })

  it('a canary deployment without a stage name: "is null"; with an empty one: "is " and nothing', () => {
    const prefix = 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
    expect(fail(createDeployment(canary.gateway, { restApiId, canarySettings: { percentTraffic: 5 } })).message).toBe(`${prefix}null`)
    expect(fail(createDeployment(canary.gateway, { restApiId, stageName: '', canarySettings: {} })).message).toBe(prefix)
  })

  it('a refused deployment creates nothing (no deployment, no id issued)', () => {
    const refused: ReadonlyArray<CreateDeploymentInput> = [
      { restApiId, stageName: 'prod' },
      { restApiId, stageName: 'beta', canarySettings: {} },
      { restApiId, canarySettings: {} },
      { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 150 } },
      { restApiId, stageName: 'beta', variables: { 'bad-name': 'x' } },
      { restApiId, stageName: 'pr od' }
    ]
    for (const input of refused) expect(E.isLeft(createDeployment(canary.gateway, input))).toBe(true)
  })

  it('an invalid percentage is refused with the chosen clear message', () => {
    expect(fail(createDeployment(canary.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 150 } })).message).toBe(
      'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
    )
  })
})

describe('CreateDeployment: what it does to the stage (reference section 2)', () => {
  it('a first deployment with a stage name creates the stage, with AWS defaults', () => {
    const { gateway, restApiId, prodId } = setup()
    expect(O.toUndefined(findStage(gateway, restApiId, 'prod'))).toEqual({
      stageName: 'prod',
      deploymentId: prodId,
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      variables: { sv1: 'val1' },
      tracingEnabled: false,
      createdDate: '2017-11-20T04:42:19Z',
      lastUpdatedDate: '2017-11-20T04:42:19Z'
    })
  })

  it('a canary deployment: the new deployment is the canary; the stage keeps its deployment and variables; useStageCache defaults to false', () => {
    const { gateway, restApiId, prodId } = setup()
    const canary = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' } } }))
    const stage = O.toUndefined(findStage(canary.gateway, restApiId, 'prod'))
    expect(stage?.deploymentId).toBe(prodId)
    expect(stage?.variables).toEqual({ sv1: 'val1' })
    expect(stage?.canarySettings).toEqual({ deploymentId: canary.response.id, percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2' }, useStageCache: false })
  })

  it('a second canary deployment replaces the canary settings; overrides not given are dropped (recorded)', () => {
    const { gateway, restApiId } = setup()
    const one = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10, stageVariableOverrides: { sv1: 'x' } } }))
    const two = ok(createDeployment(one.gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 20 } }))
    expect(O.toUndefined(findStage(two.gateway, restApiId, 'prod'))?.canarySettings).toEqual({ deploymentId: two.response.id, percentTraffic: 20, useStageCache: false })
  })

  it('a deployment without a stage name (or with an empty one) creates only the deployment', () => {
    const { gateway, restApiId } = setup()
    for (const input of [{ restApiId }, { restApiId, stageName: '' }]) {
      const r = ok(createDeployment(gateway, input))
      expect(r.gateway.restApis[0]?.stages).toBe(gateway.restApis[0]?.stages)
      expect(r.gateway.restApis[0]?.deployments.map((d) => d.id)).toContain(r.response.id)
    }
  })

  it('a non-canary deployment to a stage without a canary repoints it, sets the given variables and keeps the others', () => {
    const { gateway, restApiId } = setup()
    const r = ok(createDeployment(gateway, { restApiId, stageName: 'prod', variables: { sv2: 'two' }, stageDescription: 'v2' }))
    expect(O.toUndefined(findStage(r.gateway, restApiId, 'prod'))).toMatchObject({ deploymentId: r.response.id, variables: { sv1: 'val1', sv2: 'two' }, description: 'v2' })
  })

  it('an unknown REST API: AWS NotFoundException text with the account id', () => {
    const e = fail(createDeployment(emptyGateway('111122223333'), { restApiId: 'abcdefghij', stageName: 'prod' }))
    expect(e).toMatchObject({ name: 'NotFoundException', message: 'Invalid API identifier specified 111122223333:abcdefghij' })
  })
})

describe('CreateStage, GetStage(s), UpdateStage, DeleteStage', () => {
  it('create-stage with canary settings that name no deployment: the stage deployment, useStageCache false (recorded)', () => {
    const { gateway, restApiId, prodId } = setup()
    const r = ok(createStage(gateway, { restApiId, stageName: 'beta', deploymentId: prodId, canarySettings: { percentTraffic: 25 } }))
    expect(r.response.canarySettings).toEqual({ deploymentId: prodId, percentTraffic: 25, useStageCache: false })
  })

  it('create-stage naming a deployment that does not exist: BadRequestException "Deployment id does not exist" (recorded), for the stage\'s and the canary\'s', () => {
    const { gateway, restApiId, prodId } = setup()
    expect(fail(createStage(gateway, { restApiId, stageName: 'beta', deploymentId: 'nope00' }))).toEqual({
      _tag: 'StageDeploymentDoesNotExist',
      name: 'BadRequestException',
      deploymentId: 'nope00',
      field: 'deploymentId',
      message: 'Deployment id does not exist'
    })
    expect(fail(createStage(gateway, { restApiId, stageName: 'beta', deploymentId: prodId, canarySettings: { deploymentId: 'nope00' } }))).toEqual({
      _tag: 'StageDeploymentDoesNotExist',
      name: 'BadRequestException',
      deploymentId: 'nope00',
      field: 'canarySettings.deploymentId',
      message: 'Deployment id does not exist'
    })
    // Both unknown: the stage's is named first. An unknown REST API still comes before either.
    expect(fail(createStage(gateway, { restApiId, stageName: 'beta', deploymentId: 'nope00', canarySettings: { deploymentId: 'nope01' } }))).toMatchObject({
      field: 'deploymentId',
      deploymentId: 'nope00'
    })
    expect(fail(createStage(gateway, { restApiId: 'abcdefghij', stageName: 'beta', deploymentId: 'nope00' })).name).toBe('NotFoundException')
    // get-deployment and delete-deployment of an unknown id keep the 404.
    expect(fail(getDeployment(gateway, { restApiId, deploymentId: 'nope00' }))).toMatchObject({ name: 'NotFoundException', message: 'Invalid Deployment identifier specified' })
    expect(fail(deleteDeployment(gateway, { restApiId, deploymentId: 'nope00' }))).toMatchObject({ name: 'NotFoundException', message: 'Invalid Deployment identifier specified' })
  })

  it('create-stage errors: taken name, bad name', () => {
    const { gateway, restApiId, prodId } = setup()
    expect(fail(createStage(gateway, { restApiId, stageName: 'prod', deploymentId: prodId }))).toMatchObject({ name: 'ConflictException', message: 'Stage already exists' })
    expect(fail(createStage(gateway, { restApiId, stageName: 'pr/od', deploymentId: prodId }))).toMatchObject({
      name: 'BadRequestException',
      message: 'Stage name only allows a-zA-Z0-9_'
    })
    expect(E.isRight(createStage(gateway, { restApiId, stageName: 'pr-od_2', deploymentId: prodId }))).toBe(true)
  })

  it('get-stage of an unknown stage: NotFoundException', () => {
    const { gateway, restApiId } = setup()
    expect(fail(getStage(gateway, { restApiId, stageName: 'beta' }))).toMatchObject({ name: 'NotFoundException', message: 'Invalid stage identifier specified' })
  })

  it('get-stages filters by deployment', () => {
    const { gateway, restApiId, prodId } = setup()
    const two = ok(createDeployment(gateway, { restApiId, stageName: 'beta' }))
    expect(ok(getStages(two.gateway, { restApiId })).response.map((s) => s.stageName)).toEqual(['prod', 'beta'])
    expect(ok(getStages(two.gateway, { restApiId, deploymentId: prodId })).response.map((s) => s.stageName)).toEqual(['prod'])
  })

  it('update-stage: the lifecycle through patches, with the REST API deployments as those that exist and the clock as lastUpdatedDate', () => {
    const later = Timestamp.unsafeFromString('2017-11-22T05:29:47Z')
    const env: Env = { ...defaultEnv, now: fixedClock(later) }
    const { gateway, restApiId, prodId } = setup()
    const canary = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: { percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } } }))
    const canaryId = canary.response.id
    const shifted = ok(updateStage(canary.gateway, { restApiId, stageName: 'prod', patchOperations: [PatchOperation.replace('/canarySettings/percentTraffic', '50.0')] }, env))
    expect(shifted.response.canarySettings?.percentTraffic).toBe(50)
    expect(shifted.response.lastUpdatedDate).toBe(later)
    const promoted = ok(
      updateStage(shifted.gateway, {
        restApiId,
        stageName: 'prod',
        patchOperations: [
          PatchOperation.replace('/canarySettings/percentTraffic', '0.0'),
          PatchOperation.copy('/canarySettings/stageVariableOverrides', '/variables'),
          PatchOperation.copy('/canarySettings/deploymentId', '/deploymentId')
        ]
      })
    )
    expect(promoted.response).toMatchObject({
      deploymentId: canaryId,
      variables: { sv1: 'val2', sv2: 'val3' },
      canarySettings: { deploymentId: canaryId, percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
    })
    const disabled = ok(updateStage(promoted.gateway, { restApiId, stageName: 'prod', patchOperations: [PatchOperation.remove('/canarySettings')] }))
    expect(disabled.response.canarySettings).toBeUndefined()
    expect(disabled.response.deploymentId).toBe(canaryId)
    // The deployment the stage ran before promotion is free again.
    expect(E.isRight(deleteDeployment(disabled.gateway, { restApiId, deploymentId: prodId }))).toBe(true)
    expect(fail(updateStage(disabled.gateway, { restApiId, stageName: 'prod', patchOperations: [PatchOperation.replace('/deploymentId', 'nope00')] })).message).toBe(
      'Deployment id does not exist'
    )
  })

  it('update-stage without operations returns the stage and the same gateway', () => {
    const { gateway, restApiId } = setup()
    const r = ok(updateStage(gateway, { restApiId, stageName: 'prod' }))
    expect(r.gateway).toBe(gateway)
  })

  it('delete-stage keeps the deployments; deleting it twice is NotFound', () => {
    const { gateway, restApiId } = setup()
    const r = ok(deleteStage(gateway, { restApiId, stageName: 'prod' }))
    expect(r.gateway.restApis[0]?.deployments).toHaveLength(1)
    expect(fail(deleteStage(r.gateway, { restApiId, stageName: 'prod' })).name).toBe('NotFoundException')
  })
})

describe('deployments and REST APIs', () => {
  it('delete-deployment of a stage\'s own deployment: "Active stages pointing to this deployment must be moved or deleted"', () => {
    const { gateway, restApiId, prodId } = setup()
    const canary = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: {} }))
    expect(fail(deleteDeployment(canary.gateway, { restApiId, deploymentId: prodId }))).toEqual({
      _tag: 'DeploymentInUse',
      name: 'BadRequestException',
      deploymentId: prodId,
      stageNames: ['prod'],
      message: 'Active stages pointing to this deployment must be moved or deleted'
    })
    expect(fail(deleteDeployment(canary.gateway, { restApiId, deploymentId: 'nope00' }))).toMatchObject({ message: 'Invalid Deployment identifier specified' })
  })

  it('delete-deployment of a deployment only canaries run: "Active stages with canary settings pointing to this deployment must be moved or deleted"', () => {
    const { gateway, restApiId, prodId } = setup()
    const canary = ok(createDeployment(gateway, { restApiId, stageName: 'prod', canarySettings: {} }))
    const canaryId = canary.response.id
    expect(fail(deleteDeployment(canary.gateway, { restApiId, deploymentId: canaryId }))).toEqual({
      _tag: 'CanaryDeploymentInUse',
      name: 'BadRequestException',
      deploymentId: canaryId,
      stageNames: ['prod'],
      message: 'Active stages with canary settings pointing to this deployment must be moved or deleted'
    })
    // Canaries of two stages: both named.
    const beta = ok(createStage(canary.gateway, { restApiId, stageName: 'beta', deploymentId: prodId, canarySettings: { deploymentId: canaryId } }))
    expect(fail(deleteDeployment(beta.gateway, { restApiId, deploymentId: canaryId }))).toMatchObject({ _tag: 'CanaryDeploymentInUse', stageNames: ['prod', 'beta'] })
    // Once the canaries are disabled it can go.
    const off = [PatchOperation.remove('/canarySettings')]
    const prodOff = ok(updateStage(beta.gateway, { restApiId, stageName: 'prod', patchOperations: off }))
    const bothOff = ok(updateStage(prodOff.gateway, { restApiId, stageName: 'beta', patchOperations: off }))
    expect(E.isRight(deleteDeployment(bothOff.gateway, { restApiId, deploymentId: canaryId }))).toBe(true)
  })

  it('delete-deployment of a deployment a stage and a canary both run: the stage text (chosen), naming every stage that uses it', () => {
    const { gateway, restApiId, prodId } = setup()
    // beta runs prod's deployment as its canary; prod runs it as its own.
    const beta = ok(createStage(gateway, { restApiId, stageName: 'beta', deploymentId: prodId, canarySettings: { deploymentId: prodId } }))
    const betaOwn = ok(createDeployment(beta.gateway, { restApiId }))
    const moved = ok(updateStage(betaOwn.gateway, { restApiId, stageName: 'beta', patchOperations: [PatchOperation.replace('/deploymentId', betaOwn.response.id)] }))
    expect(fail(deleteDeployment(moved.gateway, { restApiId, deploymentId: prodId }))).toMatchObject({
      _tag: 'DeploymentInUse',
      stageNames: ['prod', 'beta'],
      message: 'Active stages pointing to this deployment must be moved or deleted'
    })
    // A stage whose own deployment is also its canary's: the stage text.
    expect(fail(deleteDeployment(beta.gateway, { restApiId, deploymentId: prodId })).message).toBe('Active stages pointing to this deployment must be moved or deleted')
  })

  it('get-deployment(s), get-rest-api(s), delete-rest-api', () => {
    const { gateway, restApiId, prodId } = setup()
    expect(ok(getDeployment(gateway, { restApiId, deploymentId: prodId })).response).toMatchObject({ id: prodId, createdDate: '2017-11-20T04:42:19Z' })
    expect(ok(getDeployment(gateway, { restApiId, deploymentId: prodId })).response.resources?.[0]?.resourceMethods?.['GET']?.methodIntegration?.type).toBe('MOCK') // the snapshot
    expect(ok(getDeployments(gateway, { restApiId })).response.items.map((d) => d.id)).toEqual([prodId])
    expect(ok(getRestApi(gateway, { restApiId })).response.name).toBe('pets')
    expect(ok(getRestApis(gateway)).response.items).toHaveLength(1)
    const gone = ok(deleteRestApi(gateway, { restApiId }))
    expect(gone.gateway.restApis).toEqual([])
    expect(fail(getRestApi(gone.gateway, { restApiId })).message).toBe(`Invalid API identifier specified 123456789012:${restApiId}`)
  })

  it('page arguments out of range are refused', () => {
    const { gateway } = setup()
    expect(E.isLeft(getRestApis(gateway, { limit: 0 }))).toBe(true)
    expect(E.isLeft(getRestApis(gateway, { limit: 501 }))).toBe(true)
    expect(E.isLeft(getRestApis(gateway, { position: 'abc' }))).toBe(true)
  })

  it('ids are shaped like AWS ids and deterministic; a provider that repeats itself is skipped past, then refused', () => {
    const a = setup()
    const b = setup()
    expect(a.restApiId).toMatch(/^[a-z0-9]{10}$/)
    expect(a.prodId).toMatch(/^[a-z0-9]{6}$/)
    expect(a).toEqual(b)
    const stuck: Env = { ...defaultEnv, ids: () => 'same00' }
    const one = ok(createDeployment(a.gateway, { restApiId: a.restApiId }, stuck))
    expect(one.response.id).toBe('same00')
    expect(fail(createDeployment(one.gateway, { restApiId: a.restApiId }, stuck))).toMatchObject({ _tag: 'IdsExhausted', name: 'ConflictException' })
  })

  it('create-rest-api refuses an empty name', () => {
    expect(fail(createDeployableApi(emptyGateway(), { name: '' })).name).toBe('BadRequestException')
  })
})

describe('the codec', () => {
  it('round-trips a gateway through JSON and checks invariants', () => {
    const { gateway } = setup()
    expect(expectRight(decodeGateway(JSON.parse(JSON.stringify(encodeGateway(gateway)))))).toEqual(gateway)
    const dup = { restApis: [gateway.restApis[0], gateway.restApis[0]] }
    expect(expectLeft(decodeGateway(dup)).message).toMatch(/is the id of another REST API/)
    expect(E.isLeft(decodeGateway({ issued: -1 }))).toBe(true)
    expect(E.isLeft(decodeGateway('nope'))).toBe(true)
  })
})

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

const stageNames = fc.constantFrom('prod', 'beta', 'dev')
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    _tag: fc.constant('Deploy' as const),
    stageName: fc.option(fc.oneof(stageNames, fc.constant('')), { nil: undefined }),
    canary: fc.option(fc.constantFrom(0, 10.5, 100, 150), { nil: undefined })
  }),
  fc.record({ _tag: fc.constant('CreateStage' as const), stageName: stageNames, deployment: fc.nat(6), canary: fc.boolean() }),
  fc.record({ _tag: fc.constant('SetTraffic' as const), stageName: stageNames, percent: fc.constantFrom(0, 25, 100, 101) }),
  fc.record({ _tag: fc.constant('Promote' as const), stageName: stageNames }),
  fc.record({ _tag: fc.constant('Disable' as const), stageName: stageNames }),
  fc.record({ _tag: fc.constant('DeleteStage' as const), stageName: stageNames }),
  fc.record({ _tag: fc.constant('DeleteDeployment' as const), deployment: fc.nat(6) })
)

/**
 * Law: a refused delete-deployment or create-stage says why, as the model sees it: an unknown
 * deployment to delete is `DeploymentNotFound` (404); one a stage runs as its own is
 * `DeploymentInUse`; one only canaries run is `CanaryDeploymentInUse`; create-stage naming an
 * unknown deployment is `StageDeploymentDoesNotExist` (400). `undefined`: the law says nothing.
 */
const refusalOf = (m: Model, op: Op): string | undefined => {
  if (op._tag === 'DeleteDeployment') {
    const d = m.deployments[op.deployment]
    const stages = [...m.stages.values()]
    if (d === undefined) return 'DeploymentNotFound'
    if (stages.some((s) => s.deploymentId === d)) return 'DeploymentInUse'
    if (stages.some((s) => s.canary?.deploymentId === d)) return 'CanaryDeploymentInUse'
  }
  if (op._tag === 'CreateStage' && m.deployments[op.deployment] === undefined) return 'StageDeploymentDoesNotExist'
  return undefined
}

const run = (g: Gateway, restApiId: string, op: Op, m: Model): E.Either<GatewayError, Outcome<unknown>> => {
  const key = { restApiId, stageName: 'stageName' in op ? (op.stageName ?? '') : '' }
  switch (op._tag) {
    case 'Deploy':
      return createDeployment(g, {
        restApiId,
        ...(op.stageName === undefined ? {} : { stageName: op.stageName }),
        ...(op.canary === undefined ? {} : { canarySettings: { percentTraffic: op.canary } })
      })
    case 'CreateStage':
      return createStage(g, { ...key, deploymentId: m.deployments[op.deployment] ?? 'nope00', ...(op.canary ? { canarySettings: {} } : {}) })
    case 'SetTraffic':
      return updateStage(g, { ...key, patchOperations: [PatchOperation.replace('/canarySettings/percentTraffic', String(op.percent))] })
    case 'Promote':
      return updateStage(g, {
        ...key,
        patchOperations: [
          PatchOperation.replace('/canarySettings/percentTraffic', '0.0'),
          PatchOperation.copy('/canarySettings/stageVariableOverrides', '/variables'),
          PatchOperation.copy('/canarySettings/deploymentId', '/deploymentId')
        ]
      })
    case 'Disable':
      return updateStage(g, { ...key, patchOperations: [PatchOperation.remove('/canarySettings')] })
    case 'DeleteStage':
      return deleteStage(g, key)
    case 'DeleteDeployment':
      return deleteDeployment(g, { restApiId, deploymentId: m.deployments[op.deployment] ?? 'nope00' })
  }
}

describe('laws', () => {
  it('sequences of operations agree with the simpler model step by step, refusals say why; invariants hold and ids stay unique; inputs are never mutated', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.integer(), (ops, seed) => {
        const env: Env = { ...defaultEnv, ids: seededIds(seed) }
        const api = ok(createDeployableApi(emptyGateway(), { name: 'pets' }, env))
        const restApiId = api.response.id
        let g = deepFreeze(api.gateway)
        let m: Model = { deployments: [], stages: new Map() }
        for (const op of ops) {
          const r = run(g, restApiId, op, m)
          const newId = E.isRight(r) && op._tag === 'Deploy' ? (r.right.response as { id: string }).id : ''
          const expected = step(m, op, newId)
          expect(E.isRight(r), `${JSON.stringify(op)} on ${JSON.stringify([...m.stages])}`).toBe(expected !== undefined)
          const refusal = refusalOf(m, op)
          if (E.isLeft(r) && refusal !== undefined) expect(r.left._tag).toBe(refusal)
          if (E.isRight(r) && expected !== undefined) {
            g = deepFreeze(r.right.gateway)
            m = expected
          }
          expect(sameModel(project(g), m)).toBe(true)
        }
        return invariantsHold(g) && idsUnique(g)
      })
    )
  })

  it('delete-deployment says who holds the deployment: the stage text when a stage runs it, the canary text when only canaries do, and names every stage that uses it', () => {
    // Each stage: its own deployment and its canary's, each the one deleted (0), another (1), or no canary.
    const stageArb = fc.record({ own: fc.constantFrom(0, 1), canary: fc.constantFrom<0 | 1 | undefined>(0, 1, undefined) })
    fc.assert(
      fc.property(fc.array(stageArb, { maxLength: 4 }), (stages) => {
        const { gateway, restApiId, prodId } = setup()
        const other = ok(createDeployment(gateway, { restApiId }))
        const ids = [prodId, other.response.id] as const
        let g = ok(deleteStage(other.gateway, { restApiId, stageName: 'prod' })).gateway
        stages.forEach((s, i) => {
          g = ok(createStage(g, { restApiId, stageName: `s${i}`, deploymentId: ids[s.own], ...(s.canary === undefined ? {} : { canarySettings: { deploymentId: ids[s.canary] } }) })).gateway
        })
        const users = stages.flatMap((s, i) => (s.own === 0 || s.canary === 0 ? [`s${i}`] : []))
        const expected = stages.some((s) => s.own === 0) ? 'DeploymentInUse' : users.length > 0 ? 'CanaryDeploymentInUse' : undefined
        const r = deleteDeployment(g, { restApiId, deploymentId: prodId })
        if (expected === undefined) return E.isRight(r)
        return E.isLeft(r) && r.left._tag === expected && 'stageNames' in r.left && JSON.stringify(r.left.stageNames) === JSON.stringify(users)
      })
    )
  })

  it('reads and failures give back the same gateway reference', () => {
    fc.assert(
      fc.property(fc.constantFrom('prod', 'beta'), (stageName) => {
        const { gateway, restApiId } = setup()
        const reads = [getStage(gateway, { restApiId, stageName }), getStages(gateway, { restApiId }), getRestApis(gateway), getDeployments(gateway, { restApiId })]
        return reads.every((r) => E.isLeft(r) || r.right.gateway === gateway)
      })
    )
  })

  it('pages laid end to end give the whole list', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 5 }), (n, limit) => {
        let g = emptyGateway()
        for (let i = 0; i < n; i++) g = ok(createDeployableApi(g, { name: `api${i}` })).gateway
        const pages = []
        let position: string | undefined
        do {
          const page = ok(getRestApis(g, { limit, ...(position === undefined ? {} : { position }) })).response
          pages.push(page)
          position = page.position
        } while (position !== undefined)
        return pagesCover(
          g.restApis.map((a) => a.restApi),
          pages,
          limit
        )
      })
    )
  })
})
