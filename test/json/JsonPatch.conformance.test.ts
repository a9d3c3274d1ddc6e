/**
 * The public JSON Patch conformance suite (json-patch/json-patch-tests, see
 * `../shared/conformance/json-patch-tests/README.md`): every case that is not `disabled`,
 * each its own test. A case with `expected` must give a Right equal to it; a case with
 * `error` must give a Left. Each runs twice: through `decodeOperations` then `applyPatch`
 * (untrusted input), and straight into `applyPatch` (which must refuse a malformed operation
 * just the same, without throwing). Documents are deep-frozen.
 */
import * as E from 'fp-ts/lib/Either.js'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as JsonPatch from '../../src/json/JsonPatch.js'
import { deepFreeze } from '../helpers.js'

interface Case {
  readonly doc: JsonPatch.Json
  readonly patch: unknown
  readonly expected?: JsonPatch.Json
  readonly error?: string
  readonly comment?: string
  readonly disabled?: boolean
}

const dir = new URL('../../../shared/conformance/json-patch-tests/', import.meta.url)
const load = (file: string): ReadonlyArray<Case> => JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as ReadonlyArray<Case>

const viaDecode = (c: Case): E.Either<JsonPatchErrorLike, JsonPatch.Json> =>
  E.flatMap(JsonPatch.decodeOperations(c.patch), (ops: ReadonlyArray<JsonPatch.Operation>) => JsonPatch.applyPatch(c.doc, ops))
const direct = (c: Case): E.Either<JsonPatchErrorLike, JsonPatch.Json> => JsonPatch.applyPatch(c.doc, c.patch as ReadonlyArray<JsonPatch.Operation>)
type JsonPatchErrorLike = JsonPatch.JsonPatchError

for (const file of ['tests.json', 'spec_tests.json']) {
  const cases = load(file)

  describe(`conformance: ${file}`, () => {
    it('has the cases the README lists', () => {
      expect(cases.length).toBe(file === 'tests.json' ? 95 : 17)
    })

    cases.forEach((raw, i) => {
      if (raw.disabled === true) return
      const c: Case = { ...raw, doc: deepFreeze(raw.doc) }
      it(`#${i} ${c.comment ?? c.error ?? ''}`.trim(), () => {
        for (const result of [viaDecode(c), direct(c)]) {
          if (c.expected !== undefined) {
            expect(result, JSON.stringify(result)).toEqual(E.right(c.expected))
          } else if (c.error !== undefined) {
            expect(E.isLeft(result), `expected an error (${c.error}), got ${JSON.stringify(result)}`).toBe(true)
          } else {
            expect(E.isRight(result), JSON.stringify(result)).toBe(true)
          }
        }
        expect(viaDecode(c)._tag).toBe(direct(c)._tag)
      })
    })
  })
}
