// (b) A 20-operation update-stage patch over every kind of path: canary, overrides, variables,
// stage fields, method settings, access logs and the promotion copies.
// Usage: node bench/mixed.mjs <contender>   (see run.mjs, README.md)
import { runWorkload } from './common.mjs'
import { mixedCase } from './stages.mjs'

await runWorkload('mixed', [mixedCase])
