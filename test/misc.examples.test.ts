/**
 * Small rules checked by example: create-rest-api's fields and defaults, delete-deployment's
 * refusal while a stage uses the deployment, input that throws when read, the statistics
 * helpers against textbook values, and the rollout presets' argument checks.
 */
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { decodeOperations } from '../src/patch/PatchOperation.js'
import { applyPatch, isJson } from '../src/json/JsonPatch.js'
import { fromValidationErrors } from '../src/stage/DecodeError.js'
import { chiSquare1Survival, erfc, normalUpperQuantile, normalUpperTail, wilson } from '../src/traffic/stats.js'
import * as O from 'fp-ts/Option'
import { deleteRestApi, emptyGateway, findStage } from '../src/gateway/control/RestApi.js'
import { createDeployment, deleteDeployment } from '../src/gateway/control/RestApiDeployment.js'
import { createStage, updateStage } from '../src/gateway/control/RestApiStage.js'
import * as RolloutPreset from '../src/rollout/RolloutPreset.js'
import { sampleRatioMismatch, simulate, uniforms, wilsonInterval } from '../src/traffic/Simulate.js'
import { accessLogDestination, route } from '../src/traffic/Route.js'
import { decodeStage } from '../src/stage/Stage.js'
import { createDeployableApi, expectLeft, expectRight } from './helpers.js'

const throwing = new Proxy([], {
  get: () => {
    throw new Error('boom')
  },
  getPrototypeOf: () => {
    throw new Error('boom')
  },
  ownKeys: () => {
    throw new Error('boom')
  }
})

describe('create-rest-api', () => {
  it('every field given is kept; AWS\'s defaults for the others', () => {
    const made = expectRight(
      createDeployableApi(emptyGateway(), {
        name: 'pets',
        description: 'the pet store',
        version: '1',
        apiKeySource: 'AUTHORIZER',
        endpointConfiguration: { types: ['REGIONAL'] },
        disableExecuteApiEndpoint: true,
        tags: { team: 'x' }
      })
    ).response
    expect(made).toMatchObject({ name: 'pets', description: 'the pet store', version: '1', apiKeySource: 'AUTHORIZER', endpointConfiguration: { types: ['REGIONAL'] }, disableExecuteApiEndpoint: true, tags: { team: 'x' } })
    const plain = expectRight(createDeployableApi(emptyGateway(), { name: 'pets', endpointConfiguration: {} })).response
    expect(plain).toMatchObject({ apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] }, disableExecuteApiEndpoint: false })
    for (const key of ['description', 'version', 'tags']) expect(key in plain).toBe(false)
    expect(plain.rootResourceId).not.toBe(plain.id)
  })

  it('never issues an id in use: REST API ids and root resource ids are skipped', () => {
    const first = expectRight(createDeployableApi(emptyGateway(), { name: 'a' }))
    const used = [first.response.id, first.response.rootResourceId ?? '']
    // A provider that repeats itself: the used ids first, then fresh ones.
    const ids = (_kind: string, n: number): string => used[n] ?? `fresh${n}`
    const env = { ids, now: () => '2017-11-20T04:42:19Z' as never }
    const second = expectRight(createDeployableApi({ ...first.gateway, issued: 0 }, { name: 'b' }, env)).response
    expect(used).not.toContain(second.id)
    expect(used).not.toContain(second.rootResourceId)
    expect(second.id).toBe('fresh2')
    expect(second.rootResourceId).toBe('fresh3')
  })

  it('delete-rest-api removes that REST API only', () => {
    const a = expectRight(createDeployableApi(emptyGateway(), { name: 'a' }))
    const b = expectRight(createDeployableApi(a.gateway, { name: 'b' }))
    const left = expectRight(deleteRestApi(b.gateway, { restApiId: a.response.id })).gateway
    expect(left.restApis.map((x) => x.restApi.name)).toEqual(['b'])
    expect(expectLeft(deleteRestApi(left, { restApiId: a.response.id }))._tag).toBe('RestApiNotFound')
  })

  it('findStage finds the stage of that name', () => {
    const api = expectRight(createDeployableApi(emptyGateway(), { name: 'pets' }))
    const restApiId = api.response.id
    const d = expectRight(createDeployment(api.gateway, { restApiId, stageName: 'prod' }))
    const both = expectRight(createStage(d.gateway, { restApiId, stageName: 'beta', deploymentId: d.response.id, description: 'b' }))
    expect(O.toUndefined(findStage(both.gateway, restApiId, 'beta'))?.description).toBe('b')
    expect(O.toUndefined(findStage(both.gateway, restApiId, 'prod'))?.stageName).toBe('prod')
    expect(O.isNone(findStage(both.gateway, restApiId, 'gamma'))).toBe(true)
    expect(O.isNone(findStage(both.gateway, 'nope', 'prod'))).toBe(true)
  })

  it('a name that is not a non-empty string', () => {
    expect(expectLeft(createDeployableApi(emptyGateway(), { name: '' }))).toMatchObject({ field: 'name', message: 'name: "" is not a REST API name (a non-empty string)' })
    expect(expectLeft(createDeployableApi(emptyGateway(), { name: 7 as unknown as string }))).toMatchObject({ field: 'name' })
  })
})

describe('create-stage and delete-deployment', () => {
  const api = expectRight(createDeployableApi(emptyGateway(), { name: 'pets' }))
  const restApiId = api.response.id
  const first = expectRight(createDeployment(api.gateway, { restApiId, description: 'v1' }))
  const deploymentId = first.response.id

  it('create-deployment keeps its description; create-stage its documentation version and tags', () => {
    expect(first.response.description).toBe('v1')
    const stage = expectRight(createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId, documentationVersion: '2', tags: { a: 'b' } })).response
    expect(stage).toMatchObject({ documentationVersion: '2', tags: { a: 'b' } })
    const bare = expectRight(createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId })).response
    // No canarySettings key at all means no canary (reference §1).
    expect('documentationVersion' in bare || 'tags' in bare || 'canarySettings' in bare).toBe(false)
  })

  it('update-stage knows the REST API\'s deployments: naming another is AWS\'s "Deployment id does not exist"', () => {
    const second = expectRight(createDeployment(first.gateway, { restApiId }))
    const staged = expectRight(createStage(second.gateway, { restApiId, stageName: 'beta', deploymentId }))
    const moved = expectRight(updateStage(staged.gateway, { restApiId, stageName: 'beta', patchOperations: [{ op: 'replace', path: '/canarySettings/deploymentId', value: second.response.id }] }))
    expect(moved.response.canarySettings?.deploymentId).toBe(second.response.id)
    expect(expectLeft(updateStage(staged.gateway, { restApiId, stageName: 'beta', patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'nope00' }] }))._tag).toBe('DeploymentIdDoesNotExist')
  })

  it('a deployment a stage or a canary uses cannot go: the stages are named', () => {
    const staged = expectRight(createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId }))
    expect(expectLeft(deleteDeployment(staged.gateway, { restApiId, deploymentId }))).toMatchObject({ _tag: 'DeploymentInUse', stageNames: ['beta'] })
    expect(E.isRight(deleteDeployment(first.gateway, { restApiId, deploymentId }))).toBe(true)
    // Only a canary runs it: AWS's canary text.
    const canary = expectRight(createDeployment(staged.gateway, { restApiId, stageName: 'beta', canarySettings: { percentTraffic: 5 } }))
    expect(expectLeft(deleteDeployment(canary.gateway, { restApiId, deploymentId: canary.response.id }))).toMatchObject({
      _tag: 'CanaryDeploymentInUse',
      stageNames: ['beta'],
      message: 'Active stages with canary settings pointing to this deployment must be moved or deleted'
    })
  })

  it('create-stage naming a deployment that does not exist is a 400, "Deployment id does not exist"', () => {
    expect(expectLeft(createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId: 'nope00' }))).toMatchObject({
      _tag: 'StageDeploymentDoesNotExist',
      name: 'BadRequestException',
      message: 'Deployment id does not exist'
    })
  })
})

describe('input that throws when read', () => {
  it('decodeOperations: a Left saying it could not be read', () => {
    expect(expectLeft(decodeOperations(throwing)).message).toMatch(/could not be read: Error: boom/)
  })

  it('isJson is false; the applier answers a Left', () => {
    expect(isJson(throwing)).toBe(false)
    expect(isJson({ get a() { throw new Error('x') } })).toBe(false)
    const op = new Proxy({}, { get: () => { throw new TypeError('no') }, has: () => true, ownKeys: () => ['op', 'path'], getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: 1 }) })
    expect(expectLeft(applyPatch({}, [op as never])).message).toBe('operation 0: the document or the operation could not be read: TypeError: no')
    const thrown = new Proxy({}, { get: () => { throw 'a string' }, has: () => true, ownKeys: () => ['op', 'path'], getOwnPropertyDescriptor: () => ({ configurable: true, enumerable: true, value: 1 }) })
    expect(expectLeft(applyPatch({}, [thrown as never])).message).toBe('operation 0: the document or the operation could not be read: a string')
  })

  it('fromValidationErrors: an error with no context and no message is "input: ... is not a value"', () => {
    expect(fromValidationErrors([{ value: 1, context: [] }]).message).toBe('input: 1 is not a value')
  })
})

describe('statistics helpers, against textbook values', () => {
  it('erfc and the normal tail', () => {
    expect(erfc(0)).toBe(1)
    expect(erfc(1)).toBeCloseTo(0.157299207050285, 12)
    expect(erfc(3)).toBeCloseTo(2.20904969985854e-5, 15)
    expect(erfc(-1)).toBeCloseTo(1.842700792949715, 12)
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0)
    expect(erfc(Number.NaN)).toBeNaN()
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 12)
    expect(normalUpperQuantile(0.025)).toBeCloseTo(1.959963984540054, 9)
    expect(normalUpperQuantile(0.0005)).toBeCloseTo(3.290526731491926, 9)
    expect(chiSquare1Survival(3.841458820694124)).toBeCloseTo(0.05, 12)
    expect(chiSquare1Survival(0)).toBe(1)
    expect(chiSquare1Survival(-1)).toBe(1)
  })

  it('wilson: the score interval, exact at the ends, everything for no trials', () => {
    expect(wilson(0, 0, 1.96)).toEqual({ lower: 0, upper: 1 })
    const mid = wilson(50, 100, 1.959963984540054)
    expect(mid.lower).toBeCloseTo(0.4038315, 6)
    expect(mid.upper).toBeCloseTo(0.5961685, 6)
    expect(wilson(0, 10, 1.96).lower).toBe(0)
    expect(wilson(0, 10, 1.96).upper).toBeCloseTo(0.2775, 3)
    expect(wilson(10, 10, 1.96).upper).toBe(1)
  })
})

describe('argument checks', () => {
  it('uniforms: a count from 0 to 1,000,000', () => {
    expect(expectRight(uniforms(1, 0))).toEqual([])
    expect(expectRight(uniforms(1, 3))).toHaveLength(3)
    expect(expectRight(uniforms(1, 1_000_000))).toHaveLength(1_000_000)
    for (const count of [-1, 1.5, 1_000_001, Number.NaN, '3' as unknown as number]) {
      expect(expectLeft(uniforms(1, count))).toMatchObject({ field: 'count', rule: 'is not a whole number from 0 to 1000000' })
    }
  })

  it('simulate and the statistics: each refusal names its field and rule', () => {
    const st = expectRight(decodeStage({ stageName: 'prod', deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 10 } }))
    expect(expectLeft(simulate(st, { requests: 10, seed: 1.5 }))).toMatchObject({ field: 'seed', rule: 'is not a seed (a safe integer, such as 42)' })
    expect(expectLeft(simulate(st, { requests: 10, seed: 1, confidence: 1 }))).toMatchObject({ field: 'confidence', rule: 'is not a confidence level (a number strictly between 0 and 1, such as 0.999)' })
    expect(expectLeft(wilsonInterval(1, 0))).toMatchObject({ field: 'trials', rule: 'is not a positive whole number' })
    expect(expectLeft(wilsonInterval(11, 10))).toMatchObject({ field: 'successes', rule: 'is not a whole number from 0 to trials (10)' })
    expect(expectLeft(wilsonInterval(1, 10, 0))).toMatchObject({ field: 'confidence', rule: 'is not a confidence level (a number strictly between 0 and 1, such as 0.999)' })
    expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 1 }, 10, 1))).toMatchObject({ field: 'alpha', rule: 'is not a significance level (a number strictly between 0 and 1, such as 0.001)' })
    expect(expectLeft(sampleRatioMismatch({ production: -1, canary: 1 }, 10))).toMatchObject({ field: 'observed.production', rule: 'is not a count (a whole number, 0 or more)' })
    expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 0.5 }, 10))).toMatchObject({ field: 'observed.canary' })
    for (const observed of [null, 5]) expect(expectLeft(sampleRatioMismatch(observed as never, 10))).toMatchObject({ field: 'observed', rule: 'is not a pair of counts ({ production, canary })' })
    for (const p of [101, -1, Number.NaN, '50' as unknown as number]) expect(expectLeft(sampleRatioMismatch({ production: 1, canary: 1 }, p))).toMatchObject({ field: 'percentTraffic', rule: 'is not a percentage (0 to 100)' })
    expect(expectLeft(simulate(st, null as never))).toMatchObject({ field: 'options', rule: 'is not an object ({ requests, seed })' })
    for (const stage of [null, undefined, 'prod']) {
      expect(expectLeft(simulate(stage as never, { requests: 1, seed: 1 }))).toMatchObject({ field: 'stage', rule: 'is not a stage (an object, such as decodeStage gives)' })
    }
    expect(expectLeft(simulate(expectRight(decodeStage({ stageName: 'p' })), { requests: 1, seed: 1 }))).toMatchObject({
      field: 'deploymentId',
      message: 'deploymentId is missing: a stage serves its requests from its deployment, so name it'
    })
    // Consistent unless the p-value is below alpha: a p-value equal to alpha is consistent.
    const observed = { production: 850, canary: 150 }
    const p = expectRight(sampleRatioMismatch(observed, 10)).pValue
    expect(expectRight(sampleRatioMismatch(observed, 10, p)).consistent).toBe(true)
    expect(expectRight(sampleRatioMismatch(observed, 10, Math.min(0.999, p * 1.0001))).consistent).toBe(false)
  })

  it('custom presets need a list of steps; canary and linear shares are checked', () => {
    expect(expectLeft(RolloutPreset.custom('x' as never))).toMatchObject({ field: 'steps', rule: 'is not a list of steps' })
    expect(expectRight(RolloutPreset.custom([], { keepCanary: true })).steps.map((s) => s._tag)).toEqual(['Promote'])
    expect(expectRight(RolloutPreset.custom([])).name).toBe('Custom')
    for (const p of [0, 100, -1, Number.NaN, '50' as unknown as number]) expect(expectLeft(RolloutPreset.canary(p, 1000))).toMatchObject({ field: 'percent', rule: 'is not a canary share (more than 0 and less than 100)' })
    expect(expectRight(RolloutPreset.canary(99.5, 1000)).name).toBe('Canary99.5Percent1000ms')
    for (const p of [0, 0.05, 100.5, Number.NaN, '50' as unknown as number]) {
      expect(expectLeft(RolloutPreset.linear(p, 1000))).toMatchObject({ field: 'increment', rule: 'is not a linear increment (from 0.1 to 100 percent: a finer one would take over a thousand steps to reach 100%)' })
    }
    for (const ms of [-1, 1.5, '60000' as unknown as number]) {
      expect(expectLeft(RolloutPreset.linear(10, ms))).toMatchObject({ field: 'intervalMs', rule: 'is not a duration (a whole number of milliseconds, 0 or more)' })
      expect(expectLeft(RolloutPreset.canary(10, ms))).toMatchObject({ field: 'bakeMs' })
    }
    expect(expectRight(RolloutPreset.linear(100, 1000)).steps.map((s) => s._tag)).toEqual(['Promote', 'Disable'])
    expect(expectRight(RolloutPreset.linear(50, 1000)).steps.map((s) => s._tag)).toEqual(['SetTraffic', 'Bake', 'Promote', 'Disable'])
  })

  it('an unknown preset names the presets there are', () => {
    expect(expectLeft(RolloutPreset.preset('Canary50Percent1Minute'))).toMatchObject({
      field: 'preset',
      rule: `is not a preset; the presets are ${RolloutPreset.presetNames.join(', ')} (also with the prefix CodeDeployDefault. or CodeDeployDefault.Lambda), and CodeDeploy's ECS names CodeDeployDefault.ECSCanary10Percent5Minutes, CodeDeployDefault.ECSCanary10Percent15Minutes, CodeDeployDefault.ECSLinear10PercentEvery1Minutes, CodeDeployDefault.ECSLinear10PercentEvery3Minutes, CodeDeployDefault.ECSAllAtOnce`
    })
    expect(RolloutPreset.presetNames).toHaveLength(9)
  })

  it('route: each refusal names its field and rule', () => {
    const st = (u: unknown) => expectRight(decodeStage(u))
    const prod = st({ stageName: 'prod', deploymentId: 'd1' })
    expect(expectLeft(route(st({ stageName: 'prod' }), 0.5))).toMatchObject({ field: 'deploymentId', message: 'deploymentId is missing: a stage serves its requests from its deployment, so name it' })
    expect(expectLeft(route(prod, 0.5, { restApiId: 123 as unknown as string }))).toMatchObject({
      field: 'restApiId',
      message: 'restApiId: 123 is not a REST API id (letters and digits, such as "fh4zbbd5nd")'
    })
    for (const stage of [st({ deploymentId: 'd1' }), st({ stageName: '', deploymentId: 'd1' })]) {
      expect(expectLeft(route(stage, 0.5, { restApiId: 'abc' }))).toMatchObject({ field: 'stageName', message: 'stageName is missing: the execution log group is named after the stage' })
    }
    expect(expectRight(route(st({ stageName: '', deploymentId: 'd1' }), 0.5)).deploymentId).toBe('d1')
    // An empty destination is no access log.
    expect('accessLog' in expectRight(route(st({ stageName: 'prod', deploymentId: 'd1', accessLogSettings: { destinationArn: '', format: 'f' } }), 0.5))).toBe(false)
  })

  it('access log destinations: the partition, region and account of the ARN', () => {
    expect(accessLogDestination('arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:g', 'canary')).toEqual({
      _tag: 'LogGroup',
      logGroupName: 'g/Canary',
      arn: 'arn:aws-us-gov:logs:us-gov-west-1:123456789012:log-group:g/Canary'
    })
    expect(accessLogDestination('arn:aws:logs:::log-group:g', 'production')).toEqual({ _tag: 'LogGroup', logGroupName: 'g', arn: 'arn:aws:logs:::log-group:g' })
    expect(accessLogDestination('arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-x', 'canary')).toEqual({ _tag: 'Other', destinationArn: 'arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-x' })
  })
})
