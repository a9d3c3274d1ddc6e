// (c) One operation on stages with n = 10, 1,000 and 10,000 variables and method settings: one
// that touches neither map (flat), one that touches the method settings (linear), and one that
// touches the variables (at most 100 of them in a stage AWS accepts, so n = 10 and 100).
// Usage: node bench/scaling.mjs <contender>   (see run.mjs, README.md)
import { runWorkload } from './common.mjs'
import { scalingCases } from './stages.mjs'

await runWorkload('scaling', scalingCases([10, 1_000, 10_000], [10, 100]))
