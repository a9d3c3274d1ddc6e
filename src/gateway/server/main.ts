#!/usr/bin/env node
/**
 * The server alone as an executable: `node main.js [serve] --port N [--state FILE] [--seed N]`
 * (the `apigw-canary` executable runs the same for its `serve` command).
 *
 * @since 0.1.0
 *
 * @internal
 */
import { runServe } from './run.js'

void runServe(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`apigw-canary serve: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
