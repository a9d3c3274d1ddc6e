import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeStage, type Stage } from '../../src/index.js'
import { accessLogDestination, deploymentShare, executionLogGroup, route, toCanary, type Routing } from '../../src/traffic/Route.js'
import * as arb from '../arbitraries.js'
import { deepFreeze, expectLeft, expectRight, snapshot } from '../helpers.js'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const stage = (u: unknown): Stage => expectRight(decodeStage(u))
const seed = stage(fixture('seed-before.json'))
const go = (s: Stage, u: number, restApiId?: string): Routing => expectRight(route(s, u, restApiId === undefined ? {} : { restApiId }))

/** A number in [0, 1), ends included. */
const unit = fc.oneof(fc.constantFrom(0, 0.5, 1 - Number.EPSILON / 2), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }).map((u) => (Object.is(u, -0) ? 0 : u)))

describe('which channel a request goes to (reference section 3)', () => {
  it('the seed stage at 10.5%: a draw below 0.105 goes to the canary, the rest to production', () => {
    expect(go(seed, 0).channel).toBe('canary')
    expect(go(seed, 0.104999).channel).toBe('canary')
    expect(go(seed, 0.105).channel).toBe('production')
    expect(go(seed, 0.999999).channel).toBe('production')
    expect(go(seed, 0).deploymentId).toBe('eh1sby')
    expect(go(seed, 0.5).deploymentId).toBe('nfcn0x')
  })

  it('0% sends every request to production, even u = 0 (recorded)', () => {
    const s = stage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 0 } })
    for (const u of [0, Number.MIN_VALUE, 0.5, 1 - Number.EPSILON / 2]) expect(go(s, u).channel).toBe('production')
  })

  it('100% sends every request to the canary, even the largest u below 1 (recorded)', () => {
    const s = stage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 100 } })
    for (const u of [0, 0.5, 1 - Number.EPSILON / 2]) expect(go(s, u)).toMatchObject({ channel: 'canary', deploymentId: 'd2' })
  })

  it('no canary: production', () => {
    expect(go(stage({ deploymentId: 'd1' }), 0)).toEqual({ channel: 'production', deploymentId: 'd1', variables: {}, cache: { _tag: 'Production' }, sharesProductionCacheKey: true })
  })

  it('a promoted canary (0%, same deployment) takes no request', () => {
    const promoted = stage(fixture('seed-after.json'))
    expect(go(promoted, 0)).toMatchObject({ channel: 'production', deploymentId: 'eh1sby' })
  })

  it('toCanary is u < p / 100', () => {
    expect(toCanary(50, 0.49)).toBe(true)
    expect(toCanary(50, 0.5)).toBe(false)
    expect(toCanary(0, 0)).toBe(false)
    expect(toCanary(100, 1 - Number.EPSILON / 2)).toBe(true)
  })
})

describe('which stage variables a request sees (reference section 3)', () => {
  it('the seed stage: the canary sees the overrides on top, production only its own variables', () => {
    expect(go(seed, 0).variables).toEqual({ sv1: 'val2', sv2: 'val3' })
    expect(go(seed, 0.5).variables).toEqual({ sv1: 'val1' })
  })

  it('production never sees an override-only key (recorded; the developer guide is wrong)', () => {
    const s = stage({ deploymentId: 'd1', variables: { testVar: 'test', testVar2: 'test2' }, canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { testVar: 'override', onlyCanary: 'x' } } })
    expect(go(s, 0.9).variables).toEqual({ testVar: 'test', testVar2: 'test2' })
    expect(go(s, 0.1).variables).toEqual({ testVar: 'override', testVar2: 'test2', onlyCanary: 'x' })
  })

  it('no stage variables: production sees none, the canary sees its overrides', () => {
    const s = stage({ deploymentId: 'd1', canarySettings: { deploymentId: 'd2', percentTraffic: 50, stageVariableOverrides: { a: 'b' } } })
    expect(go(s, 0.9).variables).toEqual({})
    expect(go(s, 0.1).variables).toEqual({ a: 'b' })
  })

  it('a canary without overrides sees the stage variables themselves (the same object)', () => {
    const s = stage({ deploymentId: 'd1', variables: { a: 'b' }, canarySettings: { deploymentId: 'd2', percentTraffic: 50 } })
    expect(go(s, 0.1).variables).toBe(s.variables)
  })
})

describe('the stage cache (reference section 3)', () => {
  const on = (canaryDeployment: string, useStageCache: boolean): Stage =>
    stage({ deploymentId: 'd1', cacheClusterEnabled: true, canarySettings: { deploymentId: canaryDeployment, percentTraffic: 50, useStageCache } })

  it('a canary on the same deployment that uses the stage cache shares production\'s cache key', () => {
    expect(go(on('d1', true), 0.1)).toMatchObject({ channel: 'canary', cache: { _tag: 'SharedWithProduction' }, sharesProductionCacheKey: true })
  })

  it('a canary on another deployment that uses the stage cache is cached separately', () => {
    expect(go(on('d2', true), 0.1)).toMatchObject({ channel: 'canary', cache: { _tag: 'Separate' }, sharesProductionCacheKey: false })
  })

  it('a canary with useStageCache false does not use the stage cache, even on the same deployment', () => {
    expect(go(on('d1', false), 0.1)).toMatchObject({ cache: { _tag: 'NotUsed' }, sharesProductionCacheKey: false })
    expect(go(on('d2', false), 0.1)).toMatchObject({ cache: { _tag: 'NotUsed' }, sharesProductionCacheKey: false })
  })

  it('a production request uses production\'s key', () => {
    expect(go(on('d2', true), 0.9)).toMatchObject({ channel: 'production', cache: { _tag: 'Production' }, sharesProductionCacheKey: true })
  })
})

describe('where the logs go (reference section 3)', () => {
  it('execution logs: API-Gateway-Execution-Logs/{rest-api-id}/{stage-name}, /Canary for the canary', () => {
    expect(go(seed, 0.5, 'fh4zbbd5nd').executionLogGroup).toBe('API-Gateway-Execution-Logs/fh4zbbd5nd/prod')
    expect(go(seed, 0, 'fh4zbbd5nd').executionLogGroup).toBe('API-Gateway-Execution-Logs/fh4zbbd5nd/prod/Canary')
    expect(executionLogGroup('a1', 'beta', 'canary')).toBe('API-Gateway-Execution-Logs/a1/beta/Canary')
  })

  it('no restApiId: no execution log group', () => {
    expect(go(seed, 0)).not.toHaveProperty('executionLogGroup')
  })

  it('access logs: the configured group for production, its name with /Canary appended for the canary', () => {
    expect(go(seed, 0.5).accessLog).toEqual({
      _tag: 'LogGroup',
      logGroupName: 'API-Gateway-Access-Logs_fh4zbbd5nd/prod',
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_fh4zbbd5nd/prod'
    })
    expect(go(seed, 0).accessLog).toEqual({
      _tag: 'LogGroup',
      logGroupName: 'API-Gateway-Access-Logs_fh4zbbd5nd/prod/Canary',
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_fh4zbbd5nd/prod/Canary'
    })
  })

  it('the group name is read from the ARN: with the :* suffix, other partitions', () => {
    expect(accessLogDestination('arn:aws:logs:eu-west-1:123456789012:log-group:my-group:*', 'canary')).toEqual({
      _tag: 'LogGroup',
      logGroupName: 'my-group/Canary',
      arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:my-group/Canary'
    })
    expect(accessLogDestination('arn:aws-cn:logs:cn-north-1:123456789012:log-group:g', 'production')).toEqual({
      _tag: 'LogGroup',
      logGroupName: 'g',
      arn: 'arn:aws-cn:logs:cn-north-1:123456789012:log-group:g'
    })
  })

  it('a destination that is not a log group (Firehose) is reported as configured', () => {
    const firehose = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-logs'
    expect(accessLogDestination(firehose, 'canary')).toEqual({ _tag: 'Other', destinationArn: firehose })
  })

  it('no access log settings: no access log destination', () => {
    expect(go(stage({ deploymentId: 'd1' }), 0)).not.toHaveProperty('accessLog')
  })
})

describe('deploymentShare', () => {
  it('the seed stage: 10.5% on the canary\'s deployment, 89.5% on the stage\'s, 0 elsewhere', () => {
    expect(deploymentShare(seed, 'eh1sby')).toBe(10.5)
    expect(deploymentShare(seed, 'nfcn0x')).toBe(89.5)
    expect(deploymentShare(seed, 'other')).toBe(0)
  })

  it('no canary: 100% on the stage\'s deployment; a promoted stage: 100% on the new one', () => {
    expect(deploymentShare(stage({ deploymentId: 'd1' }), 'd1')).toBe(100)
    expect(deploymentShare(stage(fixture('seed-after.json')), 'eh1sby')).toBe(100)
  })

  it('the shares of a stage\'s deployments add up to 100', () => {
    fc.assert(
      fc.property(arb.deployedStage, (s) => {
        const ids = [...new Set([s.deploymentId ?? '', s.canarySettings?.deploymentId ?? s.deploymentId ?? ''])]
        return ids.reduce((acc, id) => acc + deploymentShare(s, id), 0) === 100
      })
    )
  })
})

describe('failures: tagged errors in a Left, never a throw', () => {
  it('u outside [0, 1), not finite, or not a number', () => {
    for (const u of [1, -0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(expectLeft(route(seed, u))).toMatchObject({ _tag: 'InvalidValue', field: 'u' })
    }
    expect(expectLeft(route(seed, '0.5' as unknown as number)).field).toBe('u')
    expect(expectLeft(route(seed, 1)).message).toBe('u: 1 is not a number in [0, 1): pass one uniform draw, such as the output of a seeded generator')
  })

  it('a stage without a deploymentId', () => {
    expect(expectLeft(route(stage({ stageName: 'prod' }), 0.5))).toMatchObject({ _tag: 'InvalidValue', field: 'deploymentId' })
  })

  it('a restApiId that is not an id, or a stage without a name to name the log group with', () => {
    expect(expectLeft(route(seed, 0.5, { restApiId: 'a/b' })).field).toBe('restApiId')
    expect(expectLeft(route(seed, 0.5, { restApiId: '' })).field).toBe('restApiId')
    expect(expectLeft(route(stage({ deploymentId: 'd1' }), 0.5, { restApiId: 'abc' })).field).toBe('stageName')
  })

  it('a stage or options that are not objects (null included): a Left, not a throw', () => {
    for (const s of [null, undefined, 'prod', 5]) {
      expect(expectLeft(route(s as never, 0.5))).toMatchObject({ _tag: 'InvalidValue', field: 'stage', rule: 'is not a stage (an object, such as decodeStage gives)' })
    }
    for (const o of [null, 'abc', 5]) {
      expect(expectLeft(route(seed, 0.5, o as never))).toMatchObject({ _tag: 'InvalidValue', field: 'options', rule: 'is not route options ({ restApiId? }; leave it out for none)' })
    }
    expect(expectRight(route(seed, 0.5, undefined)).channel).toBe('production')
  })

  it('deploymentShare of a value that is not a stage: 0', () => {
    expect(deploymentShare(null as never, 'd1')).toBe(0)
  })
})

describe('laws', () => {
  it('route is total: Right exactly when u is in [0, 1) and the stage has a deploymentId', () => {
    fc.assert(
      fc.property(arb.stage, fc.oneof(unit, arb.anyNumber), (s, u) =>
        E.isRight(route(s, u)) === (Number.isFinite(u) && u >= 0 && u < 1 && s.deploymentId !== undefined)
      )
    )
  })

  it('the channel is the canary iff there is a canary and u < percentTraffic / 100, and the deployment follows the channel', () => {
    fc.assert(
      fc.property(arb.deployedStage, unit, (s, u) => {
        const r = go(s, u)
        const canary = s.canarySettings !== undefined && u < s.canarySettings.percentTraffic / 100
        expect(r.channel).toBe(canary ? 'canary' : 'production')
        expect(r.deploymentId).toBe(canary ? s.canarySettings?.deploymentId : s.deploymentId)
      })
    )
  })

  it('production sees exactly the stage variables; the canary sees them with every override on top', () => {
    fc.assert(
      fc.property(arb.canaryStage, unit, (s, u) => {
        const r = go(s, u)
        const own = s.variables ?? {}
        const overrides = s.canarySettings?.stageVariableOverrides ?? {}
        expect(r.variables).toEqual(r.channel === 'production' ? own : { ...own, ...overrides })
        if (r.channel === 'production') {
          for (const key of Object.keys(overrides)) if (!(key in own)) expect(r.variables).not.toHaveProperty(key)
        }
      })
    )
  })

  it('sharesProductionCacheKey: production, or a canary on the same deployment that uses the stage cache', () => {
    fc.assert(
      fc.property(arb.deployedStage, unit, (s, u) => {
        const r = go(s, u)
        const c = s.canarySettings
        expect(r.sharesProductionCacheKey).toBe(r.channel === 'production' || (c !== undefined && c.useStageCache && c.deploymentId === s.deploymentId))
      })
    )
  })

  it('0% never routes to the canary and 100% always does', () => {
    fc.assert(
      fc.property(arb.canaryStage, unit, fc.constantFrom(0, 100), (s, u, p) => {
        const c = s.canarySettings
        const t = { ...s, canarySettings: { ...c, percentTraffic: p } } as Stage
        expect(go(t, u).channel).toBe(p === 0 ? 'production' : 'canary')
      })
    )
  })

  it('nothing throws, whatever the arguments', () => {
    const junk = fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.array(fc.anything(), { maxLength: 3 }), fc.object())
    fc.assert(
      fc.property(fc.oneof(junk, arb.stage), junk, junk, (s, u, o) => {
        expect(() => route(s as never, u as never, o as never)).not.toThrow()
        expect(() => deploymentShare(s as never, u as never)).not.toThrow()
      })
    )
  })

  it('route never mutates the stage', () => {
    fc.assert(
      fc.property(arb.deployedStage, unit, (s, u) => {
        const before = snapshot(s)
        route(deepFreeze(s), u, { restApiId: 'abc123' })
        expect(s).toEqual(before)
      })
    )
  })
})
