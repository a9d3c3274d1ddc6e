/**
 * What a decoder says when untrusted input does not fit: every problem with its field path,
 * the value and the rule it breaks, for example
 * `canarySettings.percentTraffic: 150 is not a percentage (0 to 100)`.
 *
 * @since 0.1.0
 *
 * @module
 */
import { showValue } from '../internal/show.js'
import type * as t from 'io-ts'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One problem in the input.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, type DecodeIssue } from 'apigw-canary'
 *
 * const bad = decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 150 } })
 * assert.ok(E.isLeft(bad))
 * const issue: DecodeIssue | undefined = bad.left.issues[0]
 * assert.deepStrictEqual(issue, {
 *   path: 'canarySettings.percentTraffic',
 *   value: 150,
 *   rule: 'is not a percentage (0 to 100)',
 *   message: 'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
 * })
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DecodeIssue {
  /** Where: `canarySettings.percentTraffic`, `methodSettings["*\/*"].cachingEnabled`; empty for the root. */
  readonly path: string
  /** The value found there (`undefined` when it is missing). */
  readonly value: unknown
  /** The rule it breaks. */
  readonly rule: string
  /** `{path}: {value} {rule}`. */
  readonly message: string
}

/**
 * Untrusted input did not decode. `message` joins the first few issues' messages.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { decodeStage, type DecodeError } from 'apigw-canary'
 *
 * const bad = decodeStage({ tracingEnabled: 'yes', cacheClusterSize: '2' })
 * assert.ok(E.isLeft(bad))
 * const e: DecodeError = bad.left
 * assert.strictEqual(e._tag, 'DecodeError')
 * assert.strictEqual(e.name, 'BadRequestException')
 * assert.deepStrictEqual(e.issues.map((i) => i.path), ['cacheClusterSize', 'tracingEnabled'])
 * assert.strictEqual(e.message, e.issues.map((i) => i.message).join('; '))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export interface DecodeError {
  readonly _tag: 'DecodeError'
  readonly name: 'BadRequestException'
  readonly message: string
  readonly issues: ReadonlyArray<DecodeIssue>
}

/**
 * How many issues an error keeps: a hostile input can have millions.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { decodeError, decodeIssue, MAX_ISSUES } from 'apigw-canary'
 *
 * assert.strictEqual(MAX_ISSUES, 20)
 * const issues = Array.from({ length: 25 }, (_, i) => decodeIssue(['variables', `v${i}`], 1, 'is not a string'))
 * const e = decodeError(issues)
 * assert.strictEqual(e.issues.length, MAX_ISSUES)
 * assert.ok(e.message.endsWith('; and 5 more'))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const MAX_ISSUES = 20

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

export { showValue } from '../internal/show.js'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/**
 * Joins path keys as a reader would write them: `a.b`, `a["*\/*"]`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { formatPath } from 'apigw-canary'
 *
 * assert.strictEqual(formatPath(['canarySettings', 'percentTraffic']), 'canarySettings.percentTraffic')
 * assert.strictEqual(formatPath(['0', 'op']), '[0].op')
 * assert.strictEqual(formatPath(['methodSettings', '*' + '/*', 'cachingEnabled']), 'methodSettings["*' + '/*"].cachingEnabled')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const formatPath = (keys: ReadonlyArray<string>): string =>
  keys.reduce(
    (acc, key) =>
      /^(0|[1-9]\d*)$/.test(key)
        ? `${acc}[${key}]`
        : IDENTIFIER.test(key)
          ? acc === '' ? key : `${acc}.${key}`
          : `${acc}[${JSON.stringify(key)}]`,
    ''
  )

/**
 * One issue from a path, a value and a rule.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { decodeIssue } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   decodeIssue(['canarySettings', 'percentTraffic'], 150, 'is not a percentage (0 to 100)').message,
 *   'canarySettings.percentTraffic: 150 is not a percentage (0 to 100)'
 * )
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const decodeIssue = (keys: ReadonlyArray<string>, value: unknown, rule: string): DecodeIssue => {
  const path = formatPath(keys)
  const where = path === '' ? 'input' : path
  return {
    path,
    value,
    rule,
    message: value === undefined && rule.startsWith('is missing') ? `${where} ${rule}` : `${where}: ${showValue(value)} ${rule}`
  }
}

/**
 * A decode error from its issues. `total`, when larger, counts issues that were not formatted.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { decodeError, decodeIssue } from 'apigw-canary'
 *
 * const e = decodeError([decodeIssue(['tracingEnabled'], 'yes', 'is not a boolean')])
 * assert.strictEqual(e.message, 'tracingEnabled: "yes" is not a boolean')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const decodeError = (issues: ReadonlyArray<DecodeIssue>, total: number = issues.length): DecodeError => {
  const kept = issues.slice(0, MAX_ISSUES)
  return withIssues(kept, Math.max(total, issues.length) - kept.length)
}

/** The decode error of the issues `kept`, with `more` that were left out. */
const withIssues = (kept: ReadonlyArray<DecodeIssue>, more: number): DecodeError => ({
  _tag: 'DecodeError',
  name: 'BadRequestException',
  issues: kept,
  message: kept.map((i) => i.message).join('; ') + (more > 0 ? `; and ${more} more` : '')
})

/**
 * Turns io-ts's validation errors into a {@link DecodeError}. Context entries with an empty key
 * (the root) are left out of paths; a failure without a message says which type it expected.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as t from 'io-ts'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { fromValidationErrors } from 'apigw-canary'
 *
 * const r = t.type({ a: t.number }).decode({ a: 'x' })
 * assert.ok(E.isLeft(r))
 * if (E.isLeft(r)) assert.strictEqual(fromValidationErrors(r.left).message, 'a: "x" is not a number')
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromValidationErrors = (errors: t.Errors): DecodeError => {
  const kept = errors.slice(0, MAX_ISSUES).map((e) => {
    // (the first entry is the root, whose key is empty; an empty key further down is a real one)
    const keys = e.context.map((entry) => entry.key).slice(1)
    const expected = e.context.at(-1)?.type.name ?? 'a value'
    const rule = e.message ?? (/^(number|boolean|string)$/.test(expected) ? `is not a ${expected}` : `is not ${expected}`)
    return decodeIssue(keys, e.value, rule)
  })
  return withIssues(kept, errors.length - kept.length)
}
