import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DeploymentId, Percent, StageVariable, Timestamp } from '../../src/index.js'
import * as arb from '../arbitraries.js'
import { expectLeft } from '../helpers.js'

describe('Percent', () => {
  it('accepts 0, 100 and everything between; -0 becomes 0', () => {
    expect(Percent.fromNumber(0)).toEqual(E.right(0))
    expect(Percent.fromNumber(100)).toEqual(E.right(100))
    expect(Percent.fromNumber(10.5)).toEqual(E.right(10.5))
    expect(Object.is(E.getOrElse(() => 1)(Percent.fromNumber(-0)), 0)).toBe(true)
  })
  it.each([-0.0001, 100.0001, 150, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (n) => {
    expect(expectLeft(Percent.fromNumber(n)).message).toBe(`percentTraffic: ${n} is not a percentage (0 to 100)`)
  })
  it('reads the wire strings AWS sends', () => {
    expect(Percent.fromString('50')).toEqual(E.right(50))
    expect(Percent.fromString('0.0')).toEqual(E.right(0))
    expect(Percent.fromString('100.0')).toEqual(E.right(100))
    expect(Percent.fromString('66.660000')).toEqual(E.right(66.66))
    // As Java's Double.parseDouble: white space around it and a d/f suffix are allowed.
    expect(Percent.fromString(' 5\t')).toEqual(E.right(5))
    expect(Percent.fromString('12.5d')).toEqual(E.right(12.5))
    for (const bad of ['', ' ', '5%', 'NaN', 'Infinity', '0x10', '1,5', '100.01', '-1', '5 5', '5dd']) expect(E.isLeft(Percent.fromString(bad))).toBe(true)
  })
  it('law: fromNumber accepts exactly the finite numbers in [0, 100]', () =>
    fc.assert(fc.property(arb.anyNumber, (n) => E.isRight(Percent.fromNumber(n)) === (Number.isFinite(n) && n >= 0 && n <= 100))))
  it('law: fromString(String(p)) gives p back', () =>
    fc.assert(fc.property(arb.percent, (p) => E.isRight(Percent.fromString(String(p))) && E.getOrElse(() => -1)(Percent.fromString(String(p))) === p)))
})

describe('DeploymentId', () => {
  it('is a non-empty string', () => {
    expect(DeploymentId.fromString('nfcn0x')).toEqual(E.right('nfcn0x'))
    expect(expectLeft(DeploymentId.fromString('')).message).toBe('deploymentId: "" is not a deployment id (a non-empty string such as "nfcn0x")')
  })
})

describe('StageVariable', () => {
  it('names: [A-Za-z0-9_]+, at most 64 characters, reserved words refused', () => {
    expect(E.isRight(StageVariable.nameFromString('a'.repeat(64)))).toBe(true)
    for (const bad of ['', 'a'.repeat(65), 'a-b', 'a b', 'é', '__proto__', 'constructor', 'prototype']) {
      expect(E.isLeft(StageVariable.nameFromString(bad))).toBe(true)
    }
  })
  it('values: [A-Za-z0-9-._~:/?#&=,]+, at most 512 characters', () => {
    expect(E.isRight(StageVariable.valueFromString('https://example.com:8080/a-b_c.d~e?f=g&h#i,j'))).toBe(true)
    expect(E.isRight(StageVariable.valueFromString('x'.repeat(512)))).toBe(true)
    for (const bad of ['', 'x'.repeat(513), 'a b', 'a;b', 'a"b', '${x}']) expect(E.isLeft(StageVariable.valueFromString(bad))).toBe(true)
  })
  it('law: every generated name and value passes its guard', () =>
    fc.assert(fc.property(arb.variableName, arb.variableValue, (n, v) => StageVariable.isName(n) && StageVariable.isValue(v))))
  it('law: a name is accepted exactly when it matches the rule', () =>
    fc.assert(
      fc.property(fc.string({ maxLength: 70 }), (s) =>
        StageVariable.isName(s) === (/^[A-Za-z0-9_]{1,64}$/.test(s) && !['__proto__', 'constructor', 'prototype'].includes(s))
      )
    ))
})

describe('Timestamp', () => {
  it('keeps ISO strings as given and converts Dates and epoch seconds', () => {
    expect(Timestamp.fromUnknown('2017-11-20T04:42:19Z')).toEqual(E.right('2017-11-20T04:42:19Z'))
    expect(Timestamp.fromUnknown('2017-11-20T04:42:19+00:00')).toEqual(E.right('2017-11-20T04:42:19+00:00'))
    expect(Timestamp.fromUnknown(0)).toEqual(E.right('1970-01-01T00:00:00.000Z'))
    for (const bad of ['2017-11-20', 'tomorrow', new Date(Number.NaN), Number.NaN, 1e20, null]) expect(E.isLeft(Timestamp.fromUnknown(bad))).toBe(true)
  })
})
