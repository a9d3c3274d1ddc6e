/**
 * The stage fields of create-stage and create-deployment (`src/gateway/control/internal.ts`): which
 * values are refused and why, the stage AWS creates (cache cluster off, size 0.5 when turned
 * on, tracing off), and what a later deployment changes; and `thrownText`, what the shells say
 * about a value something threw.
 */
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { unsafeFromString } from '../../src/stage/DeploymentId.js'
import { checkStageFields, checkStageName, newStage, paginate, thrownText, updateStageFields, type StageFieldsInput } from '../../src/gateway/control/internal.js'
import { emptyGateway } from '../../src/gateway/control/RestApi.js'
import { createDeployment } from '../../src/gateway/control/RestApiDeployment.js'
import { fixedClock, seededIds, type Env } from '../../src/gateway/control/RestApiProviders.js'
import { createStage, getStage } from '../../src/gateway/control/RestApiStage.js'
import * as Timestamp from '../../src/stage/Timestamp.js'
import { unsafeFromRecord } from '../../src/stage/StageVariable.js'
import { createDeployableApi, expectLeft, expectRight } from '../helpers.js'

const t0 = Timestamp.unsafeFromString('2024-01-01T00:00:00Z')
const t1 = Timestamp.unsafeFromString('2024-06-01T00:00:00Z')
const d1 = unsafeFromString('d1')
const bad = (input: StageFieldsInput) => expectLeft(checkStageFields(input))

describe('checkStageFields', () => {
  it('nothing given: nothing set', () => {
    expect(expectRight(checkStageFields({}))).toEqual({})
  })

  it('every field given and valid: every field kept', () => {
    expect(
      expectRight(checkStageFields({ description: 'v2', cacheClusterEnabled: true, cacheClusterSize: '6.1', variables: { sv1: 'val1' }, tracingEnabled: false }))
    ).toEqual({ description: 'v2', cacheClusterEnabled: true, cacheClusterSize: '6.1', variables: { sv1: 'val1' }, tracingEnabled: false })
  })

  it('a field of the wrong type names the field and the rule', () => {
    expect(bad({ description: 7 as unknown as string })).toMatchObject({ _tag: 'InvalidValue', field: 'description', message: 'description: 7 is not a string' })
    expect(bad({ cacheClusterEnabled: 'yes' as unknown as boolean })).toMatchObject({ field: 'cacheClusterEnabled', message: 'cacheClusterEnabled: "yes" is not a boolean' })
    expect(bad({ tracingEnabled: 1 as unknown as boolean })).toMatchObject({ field: 'tracingEnabled', message: 'tracingEnabled: 1 is not a boolean' })
  })

  it('a cache cluster size that is not one of AWS\'s eight', () => {
    expect(bad({ cacheClusterSize: '1.0' })).toMatchObject({
      field: 'cacheClusterSize',
      message: 'cacheClusterSize: "1.0" is not one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237'
    })
    expect(bad({ cacheClusterSize: 0.5 as unknown as string })).toMatchObject({ field: 'cacheClusterSize' })
    for (const size of ['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']) expect(expectRight(checkStageFields({ cacheClusterSize: size }))).toEqual({ cacheClusterSize: size })
  })

  it('variables are checked by the stage variable rules', () => {
    expect(bad({ variables: { 'bad name': 'x' } })._tag).toBe('InvalidValue')
    expect(bad({ variables: { ok: 'bad value!' } })._tag).toBe('InvalidValue')
  })
})

describe('newStage: the stage AWS creates', () => {
  it('defaults: cache off and NOT_AVAILABLE, no size, no method settings, tracing off, both dates now', () => {
    expect(newStage('prod', d1, {}, t0)).toEqual({
      stageName: 'prod',
      deploymentId: d1,
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      methodSettings: {},
      tracingEnabled: false,
      createdDate: t0,
      lastUpdatedDate: t0
    })
  })

  it('the cache on: AVAILABLE, at size 0.5 unless another is asked for', () => {
    expect(newStage('prod', d1, { cacheClusterEnabled: true }, t0)).toMatchObject({ cacheClusterEnabled: true, cacheClusterStatus: 'AVAILABLE', cacheClusterSize: '0.5' })
    expect(newStage('prod', d1, { cacheClusterEnabled: true, cacheClusterSize: '237' }, t0)).toMatchObject({ cacheClusterSize: '237' })
  })

  it('a size with the cache off is kept; the other fields as given; empty variables are no variables', () => {
    const s = newStage('prod', d1, { cacheClusterEnabled: false, cacheClusterSize: '1.6', description: 'first', tracingEnabled: true, variables: {} }, t0)
    expect(s).toMatchObject({ cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE', cacheClusterSize: '1.6', description: 'first', tracingEnabled: true })
    expect('variables' in s).toBe(false)
    expect(newStage('prod', d1, { variables: unsafeFromRecord({ sv1: 'val1' }) }, t0).variables).toEqual({ sv1: 'val1' })
  })
})

describe('updateStageFields: a deployment to an existing stage', () => {
  const stage = newStage('prod', d1, { variables: unsafeFromRecord({ a: '1', b: '2' }), description: 'old' }, t0)

  it('no fields: only lastUpdatedDate moves', () => {
    expect(updateStageFields(stage, {}, t1)).toEqual({ ...stage, lastUpdatedDate: t1 })
  })

  it('variables are merged: given ones set, others kept', () => {
    expect(updateStageFields(stage, { variables: unsafeFromRecord({ b: 'two', c: '3' }) }, t1).variables).toEqual({ a: '1', b: 'two', c: '3' })
  })

  it('the cache turned on: AVAILABLE and 0.5 when the stage had no size; a size it had stays', () => {
    expect(updateStageFields(stage, { cacheClusterEnabled: true }, t1)).toMatchObject({ cacheClusterEnabled: true, cacheClusterStatus: 'AVAILABLE', cacheClusterSize: '0.5' })
    const sized = { ...stage, cacheClusterSize: '13.5' as const }
    expect(updateStageFields(sized, { cacheClusterEnabled: true }, t1).cacheClusterSize).toBe('13.5')
    expect(updateStageFields(sized, { cacheClusterSize: '28.4' }, t1).cacheClusterSize).toBe('28.4')
  })

  it('the cache turned off: NOT_AVAILABLE, no size made up', () => {
    const on = updateStageFields(stage, { cacheClusterEnabled: true }, t1)
    expect(updateStageFields(on, { cacheClusterEnabled: false }, t1)).toMatchObject({ cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE' })
    expect('cacheClusterSize' in updateStageFields(stage, { cacheClusterEnabled: false }, t1)).toBe(false)
  })

  it('description and tracing replaced when given', () => {
    expect(updateStageFields(stage, { description: 'new', tracingEnabled: true }, t1)).toMatchObject({ description: 'new', tracingEnabled: true, createdDate: t0, lastUpdatedDate: t1 })
  })

  it('a stage with no variables and none given keeps none', () => {
    const bare = newStage('prod', d1, {}, t0)
    expect('variables' in updateStageFields(bare, {}, t1)).toBe(false)
  })
})

describe('checkStageName and paginate', () => {
  it('stage names: letters, digits, _ and -, 1 to 128', () => {
    for (const ok of ['prod', 'a', 'A_b-9', 'x'.repeat(128)]) expect(expectRight(checkStageName(ok))).toBe(ok)
    for (const no of ['', 'a b', 'a.b', 'x'.repeat(129), 'é']) expect(expectLeft(checkStageName(no))).toMatchObject({ _tag: 'InvalidStageName', stageName: no })
    expect(expectLeft(checkStageName(5 as unknown as string))).toMatchObject({ stageName: '5' })
  })

  it('pages of 25 by default, up to 500; positions are the ones the service gave', () => {
    const items = Array.from({ length: 30 }, (_, i) => i)
    expect(expectRight(paginate(items, undefined, undefined))).toEqual({ items: items.slice(0, 25), position: '25' })
    expect(expectRight(paginate(items, '25', undefined))).toEqual({ items: items.slice(25) })
    expect(expectRight(paginate(items, '', 30))).toEqual({ items })
    expect(expectRight(paginate(items, '0', 29))).toEqual({ items: items.slice(0, 29), position: '29' })
    expect(expectRight(paginate(items, '40', 5))).toEqual({ items: [] })
    expect(expectRight(paginate(items, '0', 500)).items).toHaveLength(30)
    expect(expectRight(paginate(items, '0', 1))).toEqual({ items: [0], position: '1' })
    for (const limit of [0, 501, 1.5, -1, Number.NaN]) {
      expect(expectLeft(paginate(items, undefined, limit))).toMatchObject({ field: 'limit', message: expect.stringContaining('is not a page size (a whole number from 1 to 500)') })
    }
    for (const position of ['-1', '01', 'abc', '1e3', '1234567890']) {
      expect(expectLeft(paginate(items, position, undefined))).toMatchObject({ field: 'position', rule: 'is not a position this service gave (pass the position of the previous page)' })
    }
    expect(expectRight(paginate(items, '123456789', undefined))).toEqual({ items: [] })
  })
})

describe('through create-stage and create-deployment', () => {
  const env: Env = { now: fixedClock(t0), ids: seededIds(1) }
  const api = expectRight(createDeployableApi(emptyGateway(), { name: 'pets' }, env))
  const restApiId = api.response.id
  const first = expectRight(createDeployment(api.gateway, { restApiId, stageName: 'prod', stageDescription: 'first', cacheClusterEnabled: true, tracingEnabled: true }, env))

  it('create-deployment passes each stage field on', () => {
    const prod = expectRight(getStage(first.gateway, { restApiId, stageName: 'prod' })).response
    expect(prod).toMatchObject({ description: 'first', cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE', tracingEnabled: true })
    const again = expectRight(createDeployment(first.gateway, { restApiId, stageName: 'prod', cacheClusterSize: '1.6', variables: { v: '1' } }, env))
    expect(expectRight(getStage(again.gateway, { restApiId, stageName: 'prod' })).response).toMatchObject({ description: 'first', cacheClusterSize: '1.6', variables: { v: '1' } })
    expect(E.isLeft(createDeployment(first.gateway, { restApiId, stageName: 'prod', cacheClusterSize: '2' }, env))).toBe(true)
  })

  it('create-stage passes each stage field on', () => {
    const made = expectRight(
      createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId: first.response.id, description: 'b', cacheClusterEnabled: true, cacheClusterSize: '6.1', variables: { v: '2' }, tracingEnabled: true }, env)
    ).response
    expect(made).toMatchObject({ stageName: 'beta', description: 'b', cacheClusterEnabled: true, cacheClusterSize: '6.1', variables: { v: '2' }, tracingEnabled: true })
    expect(expectLeft(createStage(first.gateway, { restApiId, stageName: 'beta', deploymentId: first.response.id, tracingEnabled: 'no' as unknown as boolean }, env))).toMatchObject({
      field: 'tracingEnabled'
    })
  })
})

describe('thrownText: what a thrown value says, without trusting it', () => {
  it('an Error its message; a primitive as text', () => {
    expect(thrownText(new TypeError('boom'))).toBe('boom')
    expect(thrownText('plain')).toBe('plain')
    expect(thrownText(7)).toBe('7')
    expect(thrownText(undefined)).toBe('undefined')
    expect(thrownText(Symbol('s'))).toBe('Symbol(s)')
  })

  it('an object that is not an Error, or an Error without a string message: a fixed text', () => {
    expect(thrownText({ toString: () => 'never called' })).toBe('a thrown object')
    expect(thrownText(null)).toBe('null')
    const odd = new Error('x')
    Object.defineProperty(odd, 'message', { value: 42 })
    expect(thrownText(odd)).toBe('an error without a message')
  })

  it('a value that throws when asked (a message getter, a revoked proxy): a fixed text, never a throw', () => {
    const sly = new Error('x')
    Object.defineProperty(sly, 'message', { get: () => { throw new Error('again') } })
    expect(thrownText(sly)).toBe('a thrown value that cannot be shown')
    const { proxy, revoke } = Proxy.revocable({}, {})
    revoke()
    expect(thrownText(proxy)).toBe('a thrown value that cannot be shown')
  })
})
