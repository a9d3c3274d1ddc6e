/**
 * `apigw-canary serve` as a function: {@link runServe} reads the command line, serves until
 * SIGINT or SIGTERM, and gives the exit code. The `apigw-canary` executable (`src/cli/main.ts`)
 * runs it for `serve`; `main.ts` beside this file runs it alone.
 *
 * @since 0.1.0
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import { parseServeArgs, serve, serverEnv } from './serve.js'
import { serveUsage } from './usage.js'
import { parseClock } from './clock.js'

/** The `now` of `--clock`, when it names a fixed one. */
const clockOf = (spec: string | undefined) => {
  const parsed = spec === undefined ? E.right(undefined) : parseClock(spec)
  return E.isRight(parsed) && parsed.right !== undefined ? { now: parsed.right } : {}
}

/**
 * Runs `apigw-canary serve` with `argv` (the word `serve` first is optional): prints the URL on
 * standard output once it listens, serves until SIGINT or SIGTERM, and resolves with the exit
 * code (0 after a signal, 1 when it cannot start, 2 on a bad command line). @internal
 */
export const runServe = async (argv: ReadonlyArray<string>): Promise<number> => {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${serveUsage}\n`)
    return 0
  }
  const args = parseServeArgs(argv)
  if (E.isLeft(args)) {
    process.stderr.write(`apigw-canary serve: ${args.left}\n${serveUsage.split('\n')[0] ?? ''}\n`)
    return 2
  }
  const started = await serve({
    port: args.right.port,
    ...(args.right.stateFile === undefined ? {} : { stateFile: args.right.stateFile }),
    env: { ...serverEnv(args.right.seed), ...clockOf(args.right.clock) }
  })
  if (E.isLeft(started)) {
    process.stderr.write(`apigw-canary serve: ${started.left.message}\n`)
    return 1
  }
  const server = started.right
  process.stdout.write(`apigw-canary: serving ${server.url}\n`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  await server.close()
  return 0
}
