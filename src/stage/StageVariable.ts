/**
 * Stage variables: names, values and the map of them, with AWS's rules (REST API quotas):
 * names `[A-Za-z0-9_]+` of at most 64 characters; values `[A-Za-z0-9-._~:/?#&=,]+` of at most
 * 512 characters; at most 100 variables on a stage.
 *
 * Chosen (not AWS's rule): the names `__proto__`, `constructor` and `prototype` are refused,
 * so that no tool that reads this library's output can have a prototype replaced through a
 * stage variable.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { io as t } from '../internal/fp.js'
import { invalidValue, type InvalidValue } from './ApiGatewayError.js'
import { readingSafely } from './reading.js'
import { define, isRecord } from '../internal/record.js'
import { same } from '../internal/codecCore.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * The brand that makes a {@link VariableName} a distinct type: only the smart constructors give one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * // Only the smart constructors give a string that carries the brand.
 * const checked = StageVariable.nameFromString('sv1')
 * assert.ok(E.isRight(checked))
 * const branded: string & StageVariable.VariableNameBrand = checked.right
 * assert.strictEqual(branded, 'sv1')
 * // @ts-expect-error a plain string lacks the brand
 * const plain: StageVariable.VariableNameBrand = 'sv1'
 * assert.strictEqual(typeof plain, 'string') // the brand is erased at run time
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface VariableNameBrand {
  readonly VariableName: unique symbol
}

/**
 * The brand that makes a {@link VariableValue} a distinct type: only the smart constructors give one.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * // Only the smart constructors give a string that carries the brand.
 * const checked = StageVariable.valueFromString('val1')
 * assert.ok(E.isRight(checked))
 * const branded: string & StageVariable.VariableValueBrand = checked.right
 * assert.strictEqual(branded, 'val1')
 * // @ts-expect-error a plain string lacks the brand
 * const plain: StageVariable.VariableValueBrand = 'val1'
 * assert.strictEqual(typeof plain, 'string') // the brand is erased at run time
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface VariableValueBrand {
  readonly VariableValue: unique symbol
}

/**
 * A stage variable name. Build one with {@link nameFromString}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * const name: E.Either<unknown, StageVariable.VariableName> = StageVariable.nameFromString('stage_1')
 * assert.deepStrictEqual(name, E.right('stage_1'))
 * assert.ok(E.isLeft(StageVariable.nameFromString('my-var'))) // letters, digits and _ only
 * // @ts-expect-error a plain string is not a VariableName
 * const unchecked: StageVariable.VariableName = 'stage_1'
 * assert.ok(StageVariable.isName(unchecked))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type VariableName = string & VariableNameBrand

/**
 * A stage variable value. Build one with {@link valueFromString}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * const value: E.Either<unknown, StageVariable.VariableValue> = StageVariable.valueFromString('https://example.com/a?b=c')
 * assert.deepStrictEqual(value, E.right('https://example.com/a?b=c'))
 * assert.ok(E.isLeft(StageVariable.valueFromString('two words'))) // no spaces
 * // @ts-expect-error a plain string is not a VariableValue
 * const unchecked: StageVariable.VariableValue = 'val1'
 * assert.ok(StageVariable.isValue(unchecked))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type VariableValue = string & VariableValueBrand

/**
 * A map of stage variables (or of canary overrides): name to value. Keys are plain strings so
 * that `stage.variables?.sv1` reads naturally; the codec and the transitions check them.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, StageVariable } from 'apigw-canary'
 *
 * const stage = decodeStage({ deploymentId: 'nfcn0x', variables: { sv1: 'val1', url: 'https://example.com/a' } })
 * assert.ok(E.isRight(stage))
 * const variables: StageVariable.Variables = stage.right.variables ?? {}
 * assert.strictEqual(variables.sv1, 'val1')
 * assert.ok(E.isLeft(decodeStage({ variables: { 'bad-name': 'x' } }))) // every name and value is checked
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Variables = { readonly [name: string]: VariableValue }

/**
 * The most variables a stage may have.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.strictEqual(StageVariable.MAX_VARIABLES, 100)
 * const variables = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${i}`, 'x']))
 * assert.ok(E.isRight(StageVariable.fromRecord(variables(StageVariable.MAX_VARIABLES))))
 * assert.ok(E.isLeft(StageVariable.fromRecord(variables(StageVariable.MAX_VARIABLES + 1))))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const MAX_VARIABLES = 100

/**
 * The longest name allowed.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.strictEqual(StageVariable.MAX_NAME_LENGTH, 64)
 * assert.ok(StageVariable.isName('a'.repeat(StageVariable.MAX_NAME_LENGTH)))
 * assert.ok(!StageVariable.isName('a'.repeat(StageVariable.MAX_NAME_LENGTH + 1)))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const MAX_NAME_LENGTH = 64

/**
 * The longest value allowed.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { applyPatch, decodeStage, PatchOperation, StageVariable } from 'apigw-canary'
 *
 * assert.strictEqual(StageVariable.MAX_VALUE_LENGTH, 512)
 * const stage = decodeStage({ deploymentId: 'nfcn0x' })
 * assert.ok(E.isRight(stage))
 * const set = (value: string) => applyPatch(stage.right, [PatchOperation.replace('/variables/url', value)])
 * assert.ok(E.isRight(set('a'.repeat(StageVariable.MAX_VALUE_LENGTH))))
 * assert.ok(E.isLeft(set('a'.repeat(StageVariable.MAX_VALUE_LENGTH + 1))))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const MAX_VALUE_LENGTH = 512

const NAME = /^[A-Za-z0-9_]+$/
const VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/
const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * The rule a stage variable's name or value breaks, worded for `what` (`undefined` when it
 * breaks none): a string of 1 to `max` characters matching `pattern` (`allowed` names the
 * characters besides letters and digits). The name's and the value's rules are this one.
 */
const ruleOf =
  (what: string, max: number, pattern: RegExp, allowed: string) =>
  (s: unknown): string | undefined =>
    typeof s !== 'string'
      ? `is not a stage variable ${what}: it is not a string`
      : s.length === 0
        ? `is not a stage variable ${what}: it is empty`
        : s.length > max
          ? `is not a stage variable ${what}: it has ${s.length} characters, at most ${max} are allowed`
          : pattern.test(s)
            ? undefined
            : `is not a stage variable ${what}: only letters, digits and ${allowed} are allowed`

const nameShape = ruleOf('name', MAX_NAME_LENGTH, NAME, '_')

const nameRule = (s: unknown): string | undefined =>
  nameShape(s) ?? (RESERVED.has(s as string) ? 'is not a stage variable name this library accepts: __proto__, constructor and prototype are reserved' : undefined)

const valueRule = ruleOf('value', MAX_VALUE_LENGTH, VALUE, '- . _ ~ : / ? # & = ,')

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this a valid stage variable name?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.ok(StageVariable.isName('sv1'))
 * assert.ok(!StageVariable.isName('my-var'))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isName = (u: unknown): u is VariableName => nameRule(u) === undefined

/**
 * Is this a valid stage variable value?
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.ok(StageVariable.isValue('https://example.com/a?b=c'))
 * assert.ok(!StageVariable.isValue('two words'))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isValue = (u: unknown): u is VariableValue => valueRule(u) === undefined

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * Checks a stage variable name. `field` names it in the error message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.deepStrictEqual(StageVariable.nameFromString('sv1'), E.right('sv1'))
 * assert.ok(E.isLeft(StageVariable.nameFromString('a'.repeat(65))))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const nameFromString = (s: string, field = 'variables'): E.Either<InvalidValue, VariableName> => {
  const broken = nameRule(s)
  return broken === undefined ? E.right(s as VariableName) : E.left(invalidValue(field, s, broken))
}

/**
 * Checks a stage variable value. `field` names it in the error message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.deepStrictEqual(StageVariable.valueFromString('val1'), E.right('val1'))
 * assert.ok(E.isLeft(StageVariable.valueFromString('')))
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const valueFromString = (s: string, field = 'variables'): E.Either<InvalidValue, VariableValue> => {
  const broken = valueRule(s)
  return broken === undefined ? E.right(s as VariableValue) : E.left(invalidValue(field, s, broken))
}

/**
 * Checks a whole map of variables: every name, every value, and the count. `field` names the
 * map in error messages (`variables`, `canarySettings.stageVariableOverrides`).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.deepStrictEqual(StageVariable.fromRecord({ sv1: 'val1' }), E.right({ sv1: 'val1' }))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: { message: string }) => e.message)(StageVariable.fromRecord({ sv1: 'a b' })),
 *   E.left('variables.sv1: "a b" is not a stage variable value: only letters, digits and - . _ ~ : / ? # & = , are allowed')
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromRecord = (u: unknown, field = 'variables'): E.Either<InvalidValue, Variables> => readingSafely(field, u, () => checkRecord(u, field))

const checkRecord = (u: unknown, field: string): E.Either<InvalidValue, Variables> => {
  if (!isRecord(u)) return E.left(invalidValue(field, u, 'is not a map of stage variables (an object of string values)'))
  const keys = Object.keys(u)
  if (keys.length > MAX_VARIABLES) {
    return E.left(invalidValue(field, u, `has ${keys.length} variables, at most ${MAX_VARIABLES} are allowed`))
  }
  const out: Record<string, string> = {}
  for (const key of keys) {
    const broken = nameRule(key)
    if (broken !== undefined) return E.left(invalidValue(field, key, broken))
    const value = u[key]
    if (typeof value !== 'string') return E.left(invalidValue(`${field}.${key}`, value, 'is not a string'))
    const badValue = valueRule(value)
    if (badValue !== undefined) return E.left(invalidValue(`${field}.${key}`, value, badValue))
    define(out, key, value)
  }
  // a new map: each value read once, and a later change to `u` cannot reach it
  return E.right(out as Variables)
}

/**
 * A map of variables from a literal known to be valid, for tests and examples.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.deepStrictEqual(StageVariable.unsafeFromRecord({ sv1: 'val1' }), { sv1: 'val1' })
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const unsafeFromRecord = (record: Readonly<Record<string, string>>): Variables => record as Variables

// -------------------------------------------------------------------------------------
// codecs
// -------------------------------------------------------------------------------------

/**
 * The io-ts codec for a map of stage variables. A failure names the key and the rule.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { StageVariable } from 'apigw-canary'
 *
 * assert.ok(E.isRight(StageVariable.codec.decode({ sv1: 'val1' })))
 * assert.ok(E.isLeft(StageVariable.codec.decode({ 'bad-name': 'x' })))
 * ```
 *
 * @category codecs
 * @since 0.1.0
 */
export const codec: t.Type<Variables, Readonly<Record<string, string>>, unknown> = /* @__PURE__ */ new t.Type<
  Variables,
  Readonly<Record<string, string>>,
  unknown
>(
  'Variables',
  (u): u is Variables => E.isRight(fromRecord(u)),
  (u, c) =>
    E.match(
      (e: InvalidValue) => {
        // Report the failing key (after the map's own field, `variables.{key}`) as a path
        // segment below the map, as io-ts does for records.
        const dot = e.field.indexOf('.')
        return t.failure<Variables>(e.value, dot < 0 ? c : t.appendContext(c, e.field.slice(dot + 1), t.string, e.value), e.rule)
      },
      t.success<Variables>
    )(fromRecord(u)),
  same
)
