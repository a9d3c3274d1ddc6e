/**
 * fp-ts's `Either` and io-ts, imported once for the whole library. Every module imports them from
 * here, so a bundle of an entry holds one import of each instead of one per module (esbuild keeps
 * each module's import of an external package): 190 bytes of the core entry's gzipped size,
 * measured with `npm run size`.
 *
 * @internal
 */
export * as E from 'fp-ts/lib/Either.js'
export * as io from 'io-ts'
