/**
 * The API without detours (issue 14): each friction point a new user met, as a test that failed
 * on 0.1.0. The type-level half is in `detours.test-d.ts`.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  ApigwCanaryError,
  decodeStage,
  getOrThrow,
  phase,
  promote,
  Rollout,
  setTraffic,
  toError,
  transition,
  Transition,
  type PatchOperation
} from '../../src/index.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

describe('constructors of one form', () => {
  it('Transition.disable() and Rollout.disable() are functions like the others', () => {
    expect(Transition.disable()).toEqual({ _tag: 'Disable' })
    expect(Rollout.disable()).toEqual({ _tag: 'Disable' })
    for (const ns of [Transition, Rollout] as const)
      for (const [name, value] of Object.entries(ns))
        if (/^[a-z]/.test(name) && name !== 'transition' && typeof value !== 'function' && ['disable', 'promote', 'setTraffic'].includes(name))
          expect.unreachable(`${name} is not a function`)
    expect(E.isRight(transition({ canarySettings: getOrThrow(decodeStage({ canarySettings: { deploymentId: 'eh1sby' } })).canarySettings! }, Transition.disable()))).toBe(true)
  })
})

describe('phase', () => {
  it('returns an object whose _tag names the state, and the README says so', () => {
    const s = getOrThrow(decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10.5 } }))
    expect(phase(s)._tag).toBe('CanaryPartial')
    expect(readme).toContain('`phase(stage)` returns an object')
    expect(readme).toContain('phase(stage)._tag')
    expect(readme).not.toContain('`phase(stage)` names the state')
  })
})

describe('without fp-ts', () => {
  it('toError keeps _tag, name, message and the fields, and is an Error', () => {
    const refused = setTraffic(getOrThrow(decodeStage({ deploymentId: 'nfcn0x' })), 50)
    if (E.isRight(refused)) return expect.unreachable()
    const error = toError(refused.left)
    expect(error).toBeInstanceOf(Error)
    expect(error).toBeInstanceOf(ApigwCanaryError)
    if (error._tag !== 'CanaryNotEnabled') return expect.unreachable(error._tag)
    expect({ _tag: error._tag, name: error.name, message: error.message, operation: error.operation }).toEqual(refused.left)
    expect(error.error).toBe(refused.left)
  })

  it('a DecodeError keeps its issues; a field named __proto__ stays a field', () => {
    const decoded = decodeStage({ deploymentId: 42 })
    if (E.isRight(decoded)) return expect.unreachable()
    expect(toError(decoded.left).issues).toEqual(decoded.left.issues)
    const hostile = JSON.parse('{"_tag":"X","__proto__":{"polluted":1}}') as { readonly _tag: string }
    const e = toError(hostile)
    expect(Object.getPrototypeOf(e)).toBe(ApigwCanaryError.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('getOrThrow returns the Right or throws the Left as an Error', () => {
    expect(getOrThrow(E.right(1))).toBe(1)
    expect(() => getOrThrow(promote({}))).toThrow(expect.objectContaining({ _tag: 'PromotionNotAvailable', name: 'BadRequestException', message: 'Promotion not available. Canary does not exist.' }))
    expect(() => getOrThrow(E.left('plain text'))).toThrow('plain text')
    const original = new RangeError('x')
    expect(() => getOrThrow(E.left(original))).toThrow(original)
  })

  it('the README has the section', () => {
    expect(readme).toContain('## Without fp-ts')
  })
})

describe('types by their own names', () => {
  it('PatchOperation is both the namespace and the type', async () => {
    const root = await import('../../src/index.js')
    const op: PatchOperation = root.PatchOperation.replace('/description', 'x')
    expect(op).toEqual({ op: 'replace', path: '/description', value: 'x' })
  })
})
