#!/usr/bin/env node
/// <reference types="node" />
/**
 * The `apigw-canary` executable: the thin shell around {@link runCli}. It reads files and
 * standard input for it, prints what it returns, and exits with its code.
 *
 * Commands that run as a process rather than compute an answer (a server, say) go in
 * {@link processCommands}: they get the whole command line and the process, and are listed by
 * `--help` with the others.
 *
 * Every command's module is loaded only when that command runs (`--help` lists them from
 * `catalog.ts`): `promote` loads neither the infrastructure-as-code modules and `yaml`, nor the
 * rollout driver and the AWS SDK, nor the server, which keeps the cold start short (issue 16).
 *
 * @since 0.1.0
 *
 * @internal
 */
import { readFileSync } from 'node:fs'
import { serveUsage } from '../gateway/server/usage.js'
import { catalog, type CommandModule } from './catalog.js'
import { dispatch } from './dispatch.js'
import type { CliEnv, Command } from './commands.js'

/** A command that runs as a process: `main` gets the whole command line and returns the exit code. @internal */
interface ProcessCommand {
  readonly summary: string
  readonly usage: string
  readonly main: (argv: ReadonlyArray<string>) => Promise<number>
}

/**
 * The process commands, by name. For the HTTP server:
 * `serve: { summary: 'serve the simulated API Gateway over HTTP', usage: '...', main: () => import('../gateway/server/main.js').then(...) }`.
 *
 * @internal
 */
const processCommands: Readonly<Record<string, ProcessCommand>> = {
  serve: {
    summary: 'serve the simulated API Gateway over HTTP on 127.0.0.1 (for the AWS CLI and SDKs)',
    usage: serveUsage,
    main: (argv) => import('../gateway/server/run.js').then((m) => m.runServe(argv))
  },
  rollout: {
    summary: 'run a canary rollout on an API Gateway stage: start, status, resume, abort, approve, pause',
    usage: 'usage: apigw-canary rollout <start|status|resume|abort|approve|pause> --rest-api-id ID --stage-name NAME [options] (--help for all)',
    main: (argv) => import('./rollout.js').then((m) => m.runRolloutCommand(argv))
  }
}

/** Loads the table of a command module, on demand. */
const loaders: Readonly<Record<CommandModule, () => Promise<Readonly<Record<string, Command>>>>> = {
  stage: () => import('./commands.js').then((m) => m.commands),
  iac: () => import('./iac.js').then((m) => m.iacCommands)
}

const why = (error: unknown): string => {
  const code = (error as { code?: unknown }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'it is a directory'
  if (code === 'EACCES') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}

/**
 * A file by its path, or standard input (file descriptor 0). The `Either`s are written out (the values fp-ts's
 * `right` and `left` make): main loads no fp-ts, so `--help` loads neither fp-ts nor io-ts, and a
 * command loads only the parts of them its module uses.
 */
const read = (source: string | 0): ReturnType<CliEnv['readFile']> => {
  try {
    return { _tag: 'Right', right: readFileSync(source, 'utf8') }
  } catch (error) {
    return { _tag: 'Left', left: why(error) }
  }
}

/** The process's files and standard input. */
const processEnv: CliEnv = { readFile: read, readStdin: () => read(0) }

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const name = argv[0]
  const processCommand = name !== undefined && Object.prototype.hasOwnProperty.call(processCommands, name) ? processCommands[name] : undefined
  if (processCommand !== undefined) return processCommand.main(argv)
  // Every command is listed (for the usage and the suggestions) by its summary; only the one
  // that runs is loaded. Process commands appear in the usage; they are run above, never here.
  const listed: Record<string, Command> = {}
  for (const [n, c] of Object.entries(catalog)) listed[n] = { summary: c.summary, usage: '', run: () => ({ stdout: '', stderr: `apigw-canary: ${n} is not loaded\n`, exitCode: 1 }) }
  for (const [n, c] of Object.entries(processCommands)) listed[n] = { summary: c.summary, usage: c.usage, run: () => ({ stdout: `${c.usage}\n`, stderr: '', exitCode: 0 }) }
  const entry = name !== undefined && Object.prototype.hasOwnProperty.call(catalog, name) ? catalog[name] : undefined
  // Without a command (--help, --version, a mistake) nothing is read.
  const nothing = { _tag: 'Left', left: 'no command reads here' } as const
  let env: CliEnv = { readFile: () => nothing, readStdin: () => nothing }
  if (name !== undefined && entry !== undefined) {
    const table = await loaders[entry.module]()
    const command = table[name]
    if (command !== undefined) listed[name] = command
    env = processEnv
  }
  const { stdout, stderr, exitCode } = dispatch(argv, env, listed)
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  return exitCode
}

void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`apigw-canary: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
)
