/**
 * Building blocks for the wire codecs: `internal/codecCore.ts`'s, with the object and record
 * codecs whose `encode` encodes each field (the gateway's codecs, whose fields include arrays of
 * objects). The stage's codecs encode every value to itself and are built from
 * `internal/codecCore.ts` directly, so that the core entry does not carry these encoders.
 *
 * @internal
 */
import type * as t from 'io-ts'
import { hasOwn } from './record.js'
import * as core from './codecCore.js'

export { decoding, finite, integer, oneOf, refinement, total, type StructOptions } from './codecCore.js'

/**
 * {@link core.struct}, whose encode encodes each declared field with its codec, and copies the
 * object only when a field's encoded value is another value.
 *
 * @internal
 */
export const struct = <A>(name: string, props: Readonly<Record<string, t.Mixed>>, options: core.StructOptions): t.Type<A, unknown, unknown> => {
  const entries = Object.entries(props)
  return core.struct<A>(name, props, options, ((record: Readonly<Record<string, unknown>>) => {
    let out: Record<string, unknown> | undefined
    for (const [k, codec] of entries) {
      if (!hasOwn(record, k) || record[k] === undefined) continue
      const encoded: unknown = codec.encode(record[k])
      if (encoded !== record[k]) {
        out ??= { ...record }
        out[k] = encoded
      }
    }
    return out ?? record
  }) as (a: A) => unknown)
}

/**
 * {@link core.recordOf}, whose encode encodes each value with `value`, and copies the record only
 * when one of them is another value.
 *
 * @internal
 */
export const recordOf = <A>(
  name: string,
  value: t.Type<A, unknown, unknown>,
  what: string
): t.Type<Readonly<Record<string, A>>, unknown, unknown> =>
  core.recordOf(name, value, what, (a) => {
    const entries = Object.entries(a).map(([k, v]) => [k, value.encode(v)] as const)
    return entries.some(([k, v]) => v !== a[k]) ? Object.fromEntries(entries) : a
  })
