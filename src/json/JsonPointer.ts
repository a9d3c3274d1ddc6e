/**
 * JSON Pointer (RFC 6901): the `path` and `from` of a JSON Patch operation. A pointer is
 * `""` (the whole document) or a sequence of `/`-prefixed tokens, in which `~1` stands for
 * `/` and `~0` for `~`; any other `~` is an error.
 *
 * Laws (checked as properties in `test/json/JsonPointer.test.ts`):
 * - `parse(format(tokens))` is `Right(tokens)` for every list of tokens;
 * - `format(parse(pointer))` is `pointer` for every pointer that parses.
 *
 * A chosen safety rule beyond the RFC: {@link parseSafe} and {@link checkKeys} refuse the
 * tokens `__proto__`, `constructor` and `prototype`, which could reach an object's prototype.
 *
 * @since 0.1.0
 *
 * @module
 */
import { E } from '../internal/fp.js'
import { showValue } from '../internal/show.js'
import { flatMap } from '../internal/either.js'
import { segments, unescapeToken } from '../internal/text.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * A parsed pointer: its tokens, unescaped. `[]` is the whole document.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const tokens: JsonPointer.Tokens = ['a/b', 'c']
 * assert.deepStrictEqual(JsonPointer.parse('/a~1b/c'), E.right(tokens))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type Tokens = ReadonlyArray<string>

/**
 * How an array index is used: `existing` names an element that must exist (remove, replace,
 * test, `from`, and every token before the last); `insert` names a position to add at, from
 * `0` to the length, where `-` means the end (add, and the `path` of move and copy).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const mode: JsonPointer.IndexMode = 'insert'
 * assert.deepStrictEqual(JsonPointer.parseArrayIndex('-', 2, mode), E.right(2))
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export type IndexMode = 'insert' | 'existing'

/**
 * The largest array index: 2^32 - 2 (an ECMAScript array holds at most 2^32 - 1 elements).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPointer.maxIndex, 4294967294)
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const maxIndex = 4294967294

/**
 * The keys refused anywhere in a pointer (a chosen rule, not RFC 6901's): they could reach an
 * object's prototype.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.forbiddenKeys, ['__proto__', 'constructor', 'prototype'])
 * ```
 *
 * @category model
 * @since 0.1.0
 */
export const forbiddenKeys: ReadonlyArray<string> = ['__proto__', 'constructor', 'prototype']

// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const badEscape = /~[^01]|~$/
const decimal = /^(?:0|[1-9][0-9]*)$/

/**
 * Escapes one token: `~` becomes `~0`, then `/` becomes `~1`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPointer.escape('a/b~c'), 'a~1b~0c')
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const escape = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1')

/**
 * Unescapes one token: `~1` becomes `/`, then `~0` becomes `~`. Any other `~` is an error.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.unescape('~01'), E.right('~1'))
 * assert.ok(E.isLeft(JsonPointer.unescape('a~2')))
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const unescape = (token: string): E.Either<MalformedPointer, string> =>
  typeof token !== 'string' || token.includes('/') || badEscape.test(token)
    ? E.left(malformedPointer(token, typeof token === 'string' && token.includes('/') ? 'a token cannot contain "/"; write it as "~1"' : escapeRule))
    : E.right(unescapeToken(token))

const escapeRule = '"~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"'

/**
 * Parses a pointer (RFC 6901, strictly): `""` is the whole document; otherwise it starts with
 * `/`, and `~` is followed by `0` or `1`. Refuses nothing else: see {@link parseSafe}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.parse('/a/0/m~0n'), E.right(['a', '0', 'm~n']))
 * assert.deepStrictEqual(JsonPointer.parse(''), E.right([]))
 * assert.deepStrictEqual(JsonPointer.parse('/'), E.right(['']))
 * assert.ok(E.isLeft(JsonPointer.parse('a/b')))
 * assert.ok(E.isLeft(JsonPointer.parse('/a~')))
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const parse = (pointer: string): E.Either<MalformedPointer, Tokens> => {
  if (typeof pointer !== 'string') return E.left(malformedPointer(pointer, 'it is not a string; write a pointer such as "/a/0"'))
  if (pointer === '') return E.right([])
  if (!pointer.startsWith('/')) return E.left(malformedPointer(pointer, `it must be "" (the whole document) or start with "/", as in "/${pointer}"`))
  const escaped = pointer.includes('~')
  if (escaped && badEscape.test(pointer)) return E.left(malformedPointer(pointer, escapeRule))
  const tokens = segments(pointer, 1)
  return E.right(escaped ? tokens.map(unescapeToken) : tokens)
}

/**
 * Formats tokens as a pointer: the inverse of {@link parse}. Total: a token that is not a
 * string (the types rule it out) is written as error messages show values.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPointer.format(['a/b', '', '~']), '/a~1b//~0')
 * assert.strictEqual(JsonPointer.format([]), '')
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const format = (tokens: Tokens): string => tokens.map((token) => `/${escape(typeof token === 'string' ? token : showValue(token))}`).join('')

/**
 * Parses a pointer, then refuses the {@link forbiddenKeys}: what the appliers use.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.parseSafe('/a/b'), E.right(['a', 'b']))
 * assert.deepStrictEqual(
 *   E.mapLeft((e: JsonPointer.PointerError) => e._tag)(JsonPointer.parseSafe('/a/__proto__')),
 *   E.left('ForbiddenKey')
 * )
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const parseSafe = (pointer: string): E.Either<MalformedPointer | ForbiddenKey, Tokens> =>
  flatMap(parse(pointer), (tokens: Tokens) => refuseForbiddenKeys(tokens, pointer))

/**
 * Reads an array index (RFC 6901 and 6902): decimal digits without leading zeros, at most
 * {@link maxIndex}, within the array for the {@link IndexMode}; `-` (the end) only to insert.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.parseArrayIndex('1', 2, 'existing'), E.right(1))
 * assert.deepStrictEqual(JsonPointer.parseArrayIndex('2', 2, 'insert'), E.right(2))
 * const tag = E.mapLeft((e: JsonPointer.PointerError) => e._tag)
 * assert.deepStrictEqual(tag(JsonPointer.parseArrayIndex('2', 2, 'existing')), E.left('IndexOutOfBounds'))
 * assert.deepStrictEqual(tag(JsonPointer.parseArrayIndex('01', 2, 'existing')), E.left('InvalidIndex'))
 * assert.deepStrictEqual(tag(JsonPointer.parseArrayIndex('-', 2, 'existing')), E.left('InvalidIndex'))
 * ```
 *
 * @category parsing
 * @since 0.1.0
 */
export const parseArrayIndex = (token: string, length: number, mode: IndexMode): E.Either<InvalidIndex | IndexOutOfBounds, number> => {
  if (token === '-') {
    return mode === 'insert'
      ? E.right(length)
      : E.left(invalidIndex(token, 'names the position after the last element, which only add (and the path of move and copy) can use; name an existing element such as "0"'))
  }
  if (typeof token !== 'string' || !decimal.test(token)) {
    return E.left(invalidIndex(token, 'is not an array index: use decimal digits without leading zeros or sign, such as "0" or "12"'))
  }
  const index = token.length > 10 ? Number.POSITIVE_INFINITY : Number(token)
  if (index > maxIndex) return E.left(invalidIndex(token, `is too large for an array index (at most ${maxIndex})`))
  return index < length || (mode === 'insert' && index === length) ? E.right(index) : E.left(indexOutOfBounds(token, index, length, mode))
}

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/**
 * Is this token one of the {@link forbiddenKeys} (after unescaping)? A chosen safety rule:
 * `__proto__`, `constructor` and `prototype` could reach an object's prototype.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.ok(JsonPointer.isForbiddenKey('__proto__'))
 * assert.ok(!JsonPointer.isForbiddenKey('__PROTO__'))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isForbiddenKey = (token: string): boolean => token === '__proto__' || token === 'constructor' || token === 'prototype'

/**
 * Is `prefix` a proper prefix of `tokens` (an ancestor location)? Compares tokens, so `/a`
 * is an ancestor of `/a/b` but not of `/ab`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.ok(JsonPointer.isProperPrefix(['a'], ['a', 'b']))
 * assert.ok(!JsonPointer.isProperPrefix(['a'], ['a']))
 * assert.ok(!JsonPointer.isProperPrefix(['a'], ['ab']))
 * ```
 *
 * @category guards
 * @since 0.1.0
 */
export const isProperPrefix = (prefix: Tokens, tokens: Tokens): boolean =>
  prefix.length < tokens.length && prefix.every((token, i) => token === tokens[i])

// -------------------------------------------------------------------------------------
// operations
// -------------------------------------------------------------------------------------

/**
 * Refuses parsed tokens that hold one of the {@link forbiddenKeys}, or a token that is not a
 * string (an array `['__proto__']` would be coerced to one of them); `pointer` names them in
 * the message.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.deepStrictEqual(JsonPointer.checkKeys(['a', 'b']), E.right(['a', 'b']))
 * assert.ok(E.isLeft(JsonPointer.checkKeys(['constructor', 'prototype'])))
 * ```
 *
 * @category operations
 * @since 0.1.0
 */
export const checkKeys = (tokens: Tokens, pointer: string = format(tokens)): E.Either<ForbiddenKey, Tokens> => refuseForbiddenKeys(tokens, pointer)

/** {@link checkKeys} with the pointer given, so that {@link parseSafe} needs no {@link format}. */
const refuseForbiddenKeys = (tokens: Tokens, pointer: string): E.Either<ForbiddenKey, Tokens> => {
  // A token that is not a string (which the types rule out, but a caller's `as` does not) is
  // refused too: an array `['__proto__']` passes a `===` check and is coerced to "__proto__" when
  // used as a key (jsonpointer's CVE-2021-23807).
  const token: unknown = tokens.find((t: unknown) => typeof t !== 'string' || isForbiddenKey(t))
  if (token === undefined) return E.right(tokens)
  return E.left(forbiddenKey(pointer, typeof token === 'string' ? token : `not a string: ${showValue(token)}`))
}

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

/**
 * The pointer breaks RFC 6901's syntax.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const expected: JsonPointer.MalformedPointer = {
 *   _tag: 'MalformedPointer',
 *   pointer: '/a~2',
 *   message: 'JSON Pointer "/a~2" is malformed: "~" must be followed by 0 or 1: write "~0" for "~" and "~1" for "/"'
 * }
 * assert.deepStrictEqual(JsonPointer.parse('/a~2'), E.left(expected))
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface MalformedPointer {
  readonly _tag: 'MalformedPointer'
  readonly pointer: string
  readonly message: string
}

/**
 * The pointer holds one of the {@link forbiddenKeys}.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const result = JsonPointer.parseSafe('/constructor/prototype')
 * assert.ok(E.isLeft(result) && result.left._tag === 'ForbiddenKey' && result.left.token === 'constructor')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface ForbiddenKey {
  readonly _tag: 'ForbiddenKey'
  readonly pointer: string
  readonly token: string
  readonly message: string
}

/**
 * A token used on an array is not an index there (`01`, `1e0`, `-1`, `-` outside add, too large).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const result = JsonPointer.parseArrayIndex('1e0', 5, 'existing')
 * assert.ok(E.isLeft(result) && result.left._tag === 'InvalidIndex')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface InvalidIndex {
  readonly _tag: 'InvalidIndex'
  readonly token: string
  readonly message: string
}

/**
 * An index past the end of the array (for `insert`, past the length).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const result = JsonPointer.parseArrayIndex('3', 2, 'insert')
 * assert.ok(E.isLeft(result) && result.left._tag === 'IndexOutOfBounds' && result.left.length === 2)
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export interface IndexOutOfBounds {
  readonly _tag: 'IndexOutOfBounds'
  readonly index: number
  readonly length: number
  readonly message: string
}

/**
 * Any pointer error.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JsonPointer } from 'apigw-canary'
 *
 * const tags = ['a', '/__proto__'].map((p) => E.mapLeft((e: JsonPointer.PointerError) => e._tag)(JsonPointer.parseSafe(p)))
 * assert.deepStrictEqual(tags, [E.left('MalformedPointer'), E.left('ForbiddenKey')])
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export type PointerError = MalformedPointer | ForbiddenKey | InvalidIndex | IndexOutOfBounds

/**
 * A pointer that breaks the syntax, and why. A pointer that is not a string is shown briefly.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPointer.malformedPointer('a', 'it must start with "/"').message, 'JSON Pointer "a" is malformed: it must start with "/"')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const malformedPointer = (pointer: unknown, reason: string): MalformedPointer => ({
  _tag: 'MalformedPointer',
  pointer: typeof pointer === 'string' ? pointer : showValue(pointer),
  message: `JSON Pointer ${showValue(pointer)} is malformed: ${reason}`
})

/**
 * A pointer that holds a forbidden key.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.match(JsonPointer.forbiddenKey('/__proto__/x', '__proto__').message, /refused/)
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const forbiddenKey = (pointer: string, token: string): ForbiddenKey => ({
  _tag: 'ForbiddenKey',
  pointer,
  token,
  message: `JSON Pointer ${JSON.stringify(pointer)} uses the key ${JSON.stringify(token)}, which is refused: __proto__, constructor and prototype could reach an object's prototype`
})

/**
 * A token that is not an array index, and why.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(JsonPointer.invalidIndex('01', 'has a leading zero').message, '"01" has a leading zero')
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const invalidIndex = (token: string, reason: string): InvalidIndex => ({
  _tag: 'InvalidIndex',
  token,
  message: `${showValue(token)} ${reason}`
})

/**
 * An index past the end of an array of `length` elements.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { JsonPointer } from 'apigw-canary'
 *
 * assert.strictEqual(
 *   JsonPointer.indexOutOfBounds('5', 5, 2, 'existing').message,
 *   'index 5 is out of bounds: the array has 2 elements, at indices 0 to 1'
 * )
 * ```
 *
 * @category errors
 * @since 0.1.0
 */
export const indexOutOfBounds = (token: string, index: number, length: number, mode: IndexMode): IndexOutOfBounds => ({
  _tag: 'IndexOutOfBounds',
  index,
  length,
  message:
    mode === 'insert'
      ? `index ${token} is out of bounds: the array has ${length} elements, so add can insert at 0 to ${length} (or "-" for the end)`
      : length === 0
        ? `index ${token} is out of bounds: the array is empty`
        : `index ${token} is out of bounds: the array has ${length} elements, at indices 0 to ${length - 1}`
})
