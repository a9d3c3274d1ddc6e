// The test set Stryker runs against each mutant: the whole suite but the tests that spawn
// processes, open sockets or only type-check, which say nothing more about a mutant of the
// pure core and would slow every run. Fuzz budgets stay at their small default.
import { defineConfig, mergeConfig } from 'vitest/config'
import base from './vitest.config.js'

export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/docs-examples.test.ts', 'test/cli.process.test.ts', 'test/server.load.process.test.ts', 'test/server.cli.process.test.ts', 'test/**/node_modules/**'],
      typecheck: { enabled: false },
      // Each mutant reruns the tests that cover it: smaller property budgets keep a run short.
      env: { FC_NUM_RUNS: '60', EXPLORATION_DEPTH: '4' }
    }
  })
)
