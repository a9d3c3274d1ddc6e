// (a) The promotion of the AWS docs' example stage: three update-stage operations; and one
// operation that adds a stage field (`replace /description`), the spread's slow path.
// Usage: node bench/promote.mjs <contender>   (see run.mjs, README.md)
import { runWorkload } from './common.mjs'
import { descriptionCase, promoteCase } from './stages.mjs'

await runWorkload('promote', [promoteCase, descriptionCase])
