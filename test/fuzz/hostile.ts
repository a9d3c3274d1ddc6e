/**
 * Hostile input for the fuzz suites: values of every JavaScript kind, prototype-polluting keys
 * in every position and spelling, huge numbers, very long strings and very deep nesting.
 */
import * as fc from 'fast-check'

/** How many runs each fuzz property makes: small inside `npm test`, large under `npm run fuzz`. */
export const runs = (share = 1): number => Math.max(1, Math.round(Number(process.env['FUZZ_RUNS'] ?? 300) * share))

/**
 * Inside a Stryker mutation run (its workers set STRYKER_MUTATOR_WORKER). The tests of inputs
 * sized to find resource bugs (100,000 levels deep, a million keys, 20,000 operations) are
 * skipped there: they cost seconds for every mutant they cover, and no mutant changes how deep
 * the code recurses; the behaviour they also touch is checked on small inputs elsewhere.
 */
export const underMutation = process.env['STRYKER_MUTATOR_WORKER'] !== undefined

export const pollutingKeys = ['__proto__', 'constructor', 'prototype'] as const

/** Keys and pointer tokens that have broken JSON-pointer libraries before. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...pollutingKeys),
  fc.constantFrom('__proto__ ', ' __proto__', '__PROTO__', '__pro__to__', 'constructor.prototype', 'hasOwnProperty', 'toString', 'valueOf', '0', '-', '-1', '01', '1e0', '4294967295', '4294967296', '9007199254740993'),
  fc.string({ maxLength: 6 })
)

const escape = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

/** JSON pointers, valid and not, with polluting tokens in every position and escaping. */
export const hostilePointer: fc.Arbitrary<string> = fc.oneof(
  fc.array(hostileKey, { maxLength: 5 }).map((tokens) => tokens.map((t) => `/${escape(t)}`).join('')),
  fc.array(hostileKey, { maxLength: 5 }).map((tokens) => tokens.map((t) => `/${t}`).join('')),
  fc.constantFrom(
    '/__proto__/polluted',
    '/constructor/prototype/polluted',
    '/a/__proto__/polluted',
    '/__proto__',
    '/~2',
    '/a~',
    '/a/01',
    '/a/1e0',
    '/a/-',
    '/a/4294967296',
    '/variables/__proto__',
    '/canarySettings/stageVariableOverrides/__proto__',
    '/canarySettings/__proto__',
    '/~1__proto__/GET/metrics/enabled',
    '/__proto__/GET/metrics/enabled',
    '/*/*/__proto__/enabled',
    'no-slash',
    '',
    '/',
    '//',
    '/~01',
    '/~10'
  ),
  fc.string({ maxLength: 30 })
)

/** Any JavaScript value a careless caller might pass where a string or an object belongs. */
export const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, 10n, Symbol('s'), () => 1, new Date(Number.NaN), [], {}, 'x'.repeat(100_000)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true })
)

/** A patch operation: well-formed, slightly wrong or entirely wrong. */
export const hostileOperation: fc.Arbitrary<unknown> = fc.oneof(
  fc.record(
    {
      op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.constantFrom('ADD', 'delete', '', '__proto__'), anything),
      path: fc.oneof(hostilePointer, anything),
      value: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('true', 'false', '0.0', '100', '150', 'NaN', '1e400', '-0', 'True', ''), anything),
      from: fc.oneof(hostilePointer, anything)
    },
    { requiredKeys: [] }
  ),
  anything
)

/** An object nested `depth` levels deep under `key`, built without recursion. */
export const deepObject = (depth: number, key = 'a'): unknown => {
  let v: unknown = {}
  for (let i = 0; i < depth; i++) v = { [key]: v }
  return v
}

/** An array nested `depth` levels deep. */
export const deepArray = (depth: number): unknown => {
  let v: unknown = []
  for (let i = 0; i < depth; i++) v = [v]
  return v
}

/** A snapshot of the built-in prototypes' own keys, to compare after a run. */
export const prototypeKeys = (): string =>
  JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Reflect.ownKeys(p).map(String).sort()))
