import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeStage, encodeStage, StageCodec, type Stage } from '../../src/index.js'
import * as arb from '../arbitraries.js'
import { expectLeft, expectRight, prototypesClean } from '../helpers.js'

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))
const message = (u: unknown): string => expectLeft(decodeStage(u)).message

describe('decodeStage: examples', () => {
  it('reads what the AWS CLI prints (the docs seed stage, raw REST _links included) and gives it back unchanged', () => {
    const input = fixture('seed-before.json')
    const stage = expectRight(decodeStage(input))
    expect(stage.canarySettings).toEqual({ deploymentId: 'eh1sby', useStageCache: false, stageVariableOverrides: { sv2: 'val3', sv1: 'val2' }, percentTraffic: 10.5 })
    expect(encodeStage(stage)).toEqual(input)
    expect(JSON.parse(JSON.stringify(stage))).toEqual(input)
  })

  it('reads what SDK v3 GetStageCommand returns: Date objects become ISO strings', () => {
    const stage = expectRight(
      decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', createdDate: new Date('2017-11-20T04:42:19Z'), lastUpdatedDate: new Date(Date.UTC(2017, 10, 22)) })
    )
    expect(stage.createdDate).toBe('2017-11-20T04:42:19.000Z')
    expect(stage.lastUpdatedDate).toBe('2017-11-22T00:00:00.000Z')
  })

  it('reads the raw REST wire dates (epoch seconds)', () => {
    expect(expectRight(decodeStage({ createdDate: 1511152939 })).createdDate).toBe('2017-11-20T04:42:19.000Z')
  })

  it('keeps unknown fields at every level (AWS adds fields over time)', () => {
    const input = { stageName: 'prod', futureField: { a: [1, 2] }, canarySettings: { deploymentId: 'x', percentTraffic: 1, useStageCache: false, newKnob: true } }
    expect(encodeStage(expectRight(decodeStage(input)))).toEqual(input)
  })

  it('fills AWS defaults for a canary that leaves them out', () => {
    expect(expectRight(decodeStage({ canarySettings: { deploymentId: 'eh1sby' } })).canarySettings).toEqual({ deploymentId: 'eh1sby', percentTraffic: 0, useStageCache: false })
  })

  it('drops fields whose value is undefined (SDK objects may carry them)', () => {
    const stage = expectRight(decodeStage({ stageName: 'prod', description: undefined }))
    expect(Object.keys(stage)).toEqual(['stageName'])
  })

  it('shares nothing with its input: a later change to the input cannot reach the stage, nor bypass its rules', () => {
    const input = { stageName: 'prod', variables: { sv1: 'val1' }, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 }, _links: { self: { href: '/x' } } }
    const stage = expectRight(decodeStage(input))
    expect(stage).toEqual({ ...input, canarySettings: { ...input.canarySettings, useStageCache: false } })
    input.variables.sv1 = 'not valid!'
    input.canarySettings.percentTraffic = 150
    input._links.self.href = '/y'
    expect(stage.variables).toEqual({ sv1: 'val1' })
    expect(stage.canarySettings?.percentTraffic).toBe(10)
    expect(stage['_links' as keyof typeof stage]).toEqual({ self: { href: '/x' } })
  })

  it('reads each field once: a getter cannot answer the check one value and the stage another', () => {
    let reads = 0
    const input = {
      get deploymentId(): string {
        reads += 1
        return reads === 1 ? 'nfcn0x' : ''
      }
    }
    expect(expectRight(decodeStage(input))).toEqual({ deploymentId: 'nfcn0x' })
    expect(Object.getOwnPropertyDescriptor(expectRight(decodeStage({ deploymentId: 'a' })), 'deploymentId')?.value).toBe('a')
  })

  it('SDK v3 output: $metadata is the response, not the stage, and is left out', () => {
    const output = { $metadata: { httpStatusCode: 200, requestId: 'r' }, stageName: 'prod', deploymentId: 'nfcn0x', createdDate: new Date(Date.UTC(2017, 10, 20, 4, 42, 19)) }
    expect(JSON.stringify(expectRight(decodeStage(output)))).toBe('{"stageName":"prod","deploymentId":"nfcn0x","createdDate":"2017-11-20T04:42:19.000Z"}')
  })

  it('plain objects only: a Map, a Set or a class instance where an object belongs is refused', () => {
    for (const input of [new Map(), { variables: new Map([['a', 'b']]) }, { canarySettings: new (class Canary {})() }, { tags: new Set() }]) {
      expect(E.isLeft(decodeStage(input))).toBe(true)
    }
    expect(E.isRight(decodeStage(Object.assign(Object.create(null) as object, { stageName: 'prod' })))).toBe(true)
  })
})

describe('decodeStage: errors name the field, the value and the rule', () => {
  it.each([
    [{ canarySettings: { deploymentId: 'eh1sby', percentTraffic: 150 } }, 'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'],
    [{ canarySettings: { deploymentId: 'eh1sby', percentTraffic: '50' } }, 'canarySettings.percentTraffic: "50" is not a number; expected a percentage (0 to 100)'],
    [{ canarySettings: { deploymentId: 'eh1sby', useStageCache: 'true' } }, 'canarySettings.useStageCache: "true" is not a boolean'],
    [{ canarySettings: { percentTraffic: 5 } }, 'canarySettings.deploymentId is missing; it is required on canary settings (an object)'],
    [{ canarySettings: 'on' }, 'canarySettings: "on" is not canary settings (an object)'],
    [{ deploymentId: '' }, 'deploymentId: "" is not a deployment id (a non-empty string such as "nfcn0x")'],
    [{ variables: { 'my-var': 'x' } }, 'variables: "my-var" is not a stage variable name: only letters, digits and _ are allowed'],
    [{ variables: { sv1: 'two words' } }, 'variables.sv1: "two words" is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed'],
    [{ variables: { sv1: 'x'.repeat(513) } }, `variables.sv1: "${'x'.repeat(80)}..." is not a stage variable value: it has 513 characters, at most 512 are allowed`],
    [{ variables: { ['a'.repeat(65)]: 'x' } }, `variables: "${'a'.repeat(65)}" is not a stage variable name: it has 65 characters, at most 64 are allowed`],
    [{ variables: { sv1: 1 } }, 'variables.sv1: 1 is not a string'],
    [{ methodSettings: { '*/*': { loggingLevel: 'DEBUG' } } }, 'methodSettings["*/*"].loggingLevel: "DEBUG" is not one of OFF, ERROR, INFO'],
    [{ methodSettings: { '~1pets/GET': { throttlingBurstLimit: 1.5 } } }, 'methodSettings["~1pets/GET"].throttlingBurstLimit: 1.5 is not a whole number'],
    [{ cacheClusterSize: '2' }, 'cacheClusterSize: "2" is not one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237'],
    [{ createdDate: 'yesterday' }, 'createdDate: "yesterday" is not a date (an ISO 8601 string, a Date, or epoch seconds)'],
    [{ tracingEnabled: 'yes' }, 'tracingEnabled: "yes" is not a boolean'],
    [null, 'input: null is not a stage (an object)'],
    [[], 'input: an array is not a stage (an object)']
  ])('%j', (input, expected) => {
    expect(message(input)).toBe(expected)
  })

  it('refuses more than 100 variables', () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'x']))
    expect(message({ variables: many })).toBe('variables: an object has 101 variables, at most 100 are allowed')
  })

  it('reports every problem, not only the first', () => {
    const e = expectLeft(decodeStage({ tracingEnabled: 1, deploymentId: 2 }))
    expect(e.issues.map((i) => i.path)).toEqual(['deploymentId', 'tracingEnabled'])
    expect(e._tag).toBe('DecodeError')
    expect(e.name).toBe('BadRequestException')
  })

  it('never throws, even on input whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'stageName', { enumerable: true, get: () => { throw new Error('boom') } })
    expect(message(hostile)).toBe('input: an object could not be read: boom')
  })

  it('a __proto__ key in untrusted JSON stays an own field and pollutes nothing', () => {
    const input: unknown = JSON.parse('{"stageName":"p","__proto__":{"polluted":true},"tags":{"__proto__":"x"},"methodSettings":{"__proto__":{"metricsEnabled":true}}}')
    const stage = expectRight(decodeStage(input))
    expect(Object.getPrototypeOf(stage)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(stage.tags)).toBe(Object.prototype)
    expect(prototypesClean()).toBe(true)
    expect(message(JSON.parse('{"variables":{"__proto__":"x"}}'))).toMatch(/reserved/)
  })
})

/** The stage's dates as the decoder writes a Date or epoch seconds: `toISOString`, milliseconds shown. */
const isoDates = (stage: Stage): Partial<Stage> =>
  Object.fromEntries((['createdDate', 'lastUpdatedDate'] as const).flatMap((k) => (stage[k] === undefined ? [] : [[k, new Date(stage[k]).toISOString()]])))

describe('codec laws', () => {
  it('every generated Stage passes the codec and round-trips through it', () =>
    fc.assert(
      fc.property(arb.stage, (stage: Stage) => {
        expect(StageCodec.is(stage)).toBe(true)
        const wire: unknown = JSON.parse(JSON.stringify(encodeStage(stage)))
        expect(decodeStage(wire)).toEqual(E.right(stage))
      })
    ))

  it('every wire form of a stage decodes to the same stage: unknown fields and _links kept, dates as epoch seconds or Dates, SDK $metadata left out', () =>
    fc.assert(
      fc.property(
        arb.stage,
        fc.dictionary(fc.constantFrom('_links', 'futureField', 'x-extra'), fc.jsonValue(), { maxKeys: 2 }),
        fc.constantFrom('iso', 'epoch', 'date'),
        fc.boolean(),
        (stage, unknown, dates, sdk) => {
          const wire = { ...(JSON.parse(JSON.stringify(encodeStage(stage))) as Record<string, unknown>), ...unknown }
          for (const k of ['createdDate', 'lastUpdatedDate'] as const) {
            const iso = stage[k]
            if (iso === undefined || dates === 'iso') continue
            wire[k] = dates === 'date' ? new Date(iso) : Date.parse(iso) / 1000
          }
          if (sdk) wire['$metadata'] = { httpStatusCode: 200, requestId: 'r' }
          const expected = { ...stage, ...unknown, ...(dates === 'iso' ? {} : isoDates(stage)) }
          expect(decodeStage(wire)).toEqual(E.right(expected))
        }
      )
    ))

  it('decoding is idempotent on its own output', () =>
    fc.assert(
      fc.property(arb.stage, (stage) => {
        const once = expectRight(decodeStage(stage))
        expect(decodeStage(once)).toEqual(E.right(once))
      })
    ))

  it('never throws on arbitrary JSON', () =>
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = decodeStage(json)
        expect(E.isLeft(r) || E.isRight(r)).toBe(true)
      })
    ))
})
