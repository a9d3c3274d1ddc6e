// (a) The promotion of the AWS docs' example stage: three update-stage operations.
// Usage: node bench/promote.mjs <contender>   (see run.mjs, README.md)
import { runWorkload } from './common.mjs'
import { promoteCase } from './stages.mjs'

await runWorkload('promote', [promoteCase])
