import * as fc from 'fast-check'

// Global fast-check settings. A failure prints its seed and path; replay it with
// FC_SEED=<seed> (and FC_PATH=<path>) in the environment.
const seed = process.env['FC_SEED']
const path = process.env['FC_PATH']
fc.configureGlobal({
  numRuns: Number(process.env['FC_NUM_RUNS'] ?? 200),
  ...(seed === undefined ? {} : { seed: Number(seed) }),
  ...(path === undefined ? {} : { path })
})
