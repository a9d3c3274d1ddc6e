/**
 * How update-stage reads its string values (reference §1: the value is always a string on the
 * wire, stored typed) and which method-setting keys a patch path can reach.
 */
import { describe, expect, it } from 'vitest'
import { formatValue, hasForbiddenSegment, keyPath, parseBoolean, parseDouble, parseInteger, parseOneOf, settingPath, settingPaths } from '../../src/patch/stagePaths.js'
import { expectLeft, expectRight } from '../helpers.js'

describe('wire values', () => {
  it('booleans: exactly "true" or "false" (open question 7: no "True", no "1")', () => {
    expect(expectRight(parseBoolean('true', 'f'))).toBe(true)
    expect(expectRight(parseBoolean('false', 'f'))).toBe(false)
    for (const v of ['True', 'FALSE', '1', '0', '', ' true']) {
      expect(expectLeft(parseBoolean(v, 'tracingEnabled'))).toMatchObject({ field: 'tracingEnabled', value: v, rule: 'is not a boolean; expected "true" or "false"' })
    }
  })

  it('whole numbers: optional sign and decimal digits, safe integers only; -0 is 0', () => {
    for (const [v, n] of [['5000', 5000], ['+7', 7], ['-3', -3], ['007', 7]] as const) expect(expectRight(parseInteger(v, 'f'))).toBe(n)
    expect(Object.is(expectRight(parseInteger('-0', 'f')), 0)).toBe(true)
    for (const v of ['1.5', '1e3', '', ' 1', 'x', '9007199254740993', '--1']) {
      expect(expectLeft(parseInteger(v, 'burst'))).toMatchObject({ field: 'burst', value: v, rule: 'is not a whole number; expected decimal digits such as "5000"' })
    }
  })

  it("decimals: as percentTraffic reads them (Java's Double.parseDouble); finite only; -0 is 0", () => {
    for (const [v, n] of [['10000.0', 10000], ['.5', 0.5], ['5.', 5], ['-2.5', -2.5], ['1e3', 1000], ['+1E-1', 0.1], [' 1', 1], ['2.5d', 2.5], ['7F\t', 7]] as const) {
      expect(expectRight(parseDouble(v, 'f'))).toBe(n)
    }
    expect(Object.is(expectRight(parseDouble('-0.0', 'f')), 0)).toBe(true)
    for (const v of ['', '.', 'e3', '1e', 'NaN', 'Infinity', '1e400', '0x10', '1,5', '1 1', 'd']) {
      expect(expectLeft(parseDouble(v, 'rate'))).toMatchObject({ field: 'rate', value: v, rule: 'is not a number; expected a decimal such as "10000.0"' })
    }
  })

  it('enumerations: one of the listed literals, case and all', () => {
    const level = parseOneOf(['OFF', 'ERROR', 'INFO'])
    expect(expectRight(level('INFO', 'f'))).toBe('INFO')
    expect(expectLeft(level('info', 'loglevel'))).toMatchObject({ field: 'loglevel', rule: 'is not one of OFF, ERROR, INFO' })
  })

  it('formatValue writes values as AWS takes them', () => {
    expect([formatValue(true), formatValue(5000), formatValue(10000.5), formatValue('INFO')]).toEqual(['true', '5000', '10000.5', 'INFO'])
  })
})

const rowOf = (group: string, name: string) => {
  const row = settingPath(group, name)
  if (row === undefined) throw new Error(`no setting at ${group}/${name}`)
  return row
}

describe('method-setting paths', () => {
  it('the ten settings, each at its path below the key (reference §1)', () => {
    expect(settingPaths.map((s) => `${s.path} ${s.field}`)).toEqual([
      'metrics/enabled metricsEnabled',
      'logging/loglevel loggingLevel',
      'logging/dataTrace dataTraceEnabled',
      'throttling/burstLimit throttlingBurstLimit',
      'throttling/rateLimit throttlingRateLimit',
      'caching/enabled cachingEnabled',
      'caching/ttlInSeconds cacheTtlInSeconds',
      'caching/dataEncrypted cacheDataEncrypted',
      'caching/requireAuthorizationForCacheControl requireAuthorizationForCacheControl',
      'caching/unauthorizedCacheControlHeaderStrategy unauthorizedCacheControlHeaderStrategy'
    ])
    expect(settingPath('caching', 'ttlInSeconds')?.field).toBe('cacheTtlInSeconds')
    expect(settingPath('caching', 'nope')).toBeUndefined()
  })

  it('parse reads the wire value as the field\'s', () => {
    const burst = rowOf('throttling', 'burstLimit')
    const ttl = rowOf('caching', 'ttlInSeconds')
    const strategy = rowOf('caching', 'unauthorizedCacheControlHeaderStrategy')
    const level = rowOf('logging', 'loglevel')
    const rate = rowOf('throttling', 'rateLimit')
    expect(expectRight(burst.parse('10', 'f'))).toBe(10)
    expect(expectRight(ttl.parse('60', 'f'))).toBe(60)
    expect(expectRight(rate.parse('2.5', 'f'))).toBe(2.5)
    expect(expectRight(level.parse('ERROR', 'f'))).toBe('ERROR')
    expect(expectRight(strategy.parse('FAIL_WITH_403', 'f'))).toBe('FAIL_WITH_403')
    expect(expectLeft(strategy.parse('FAIL', 'x')).rule).toBe('is not one of FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER, SUCCEED_WITHOUT_RESPONSE_HEADER')
    expect(expectLeft(rowOf('metrics', 'enabled').parse('yes', 'm')).field).toBe('m')
  })

  it('keyPath: the key as AWS stores it, after a "/"; unreachable keys are undefined', () => {
    expect(keyPath('~1pets/GET')).toBe('/~1pets/GET')
    expect(keyPath('test/GET')).toBe('/test/GET')
    expect(keyPath('*/*')).toBe('/*/*')
    expect(keyPath('~0a/GET')).toBe('/~0a/GET')
    expect(keyPath('/pets/GET')).toBe('//pets/GET')
    expect(keyPath('a/b/GET')).toBe('/a/b/GET')
    for (const key of ['GET', '/GET', 'pets/', 'variables/GET', 'canarySettings/x', 'tags/GET', 'a/__proto__', '__proto__/GET', 'a/constructor/GET', '~1__proto__/GET', '~a/GET', 'a~/GET', 'x/y/metrics/enabled']) {
      expect(keyPath(key)).toBeUndefined()
    }
    expect(keyPath('variable/GET')).toBe('/variable/GET')
    expect(hasForbiddenSegment('a/prototype/b')).toBe('prototype')
    expect(hasForbiddenSegment('a/b')).toBeUndefined()
  })
})
