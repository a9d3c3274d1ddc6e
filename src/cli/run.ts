/**
 * The `apigw-canary` command line as a pure function: {@link runCli} takes the arguments and an
 * environment that reads files and standard input, and returns what to print and the exit
 * code. `main.ts` is the thin shell that gives it the process's.
 *
 * @since 0.1.0
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { commands as coreCommands, type CliEnv, type CliOutput, type Command } from './commands.js'
import { iacCommands } from './iac.js'
import { VERSION } from './version.js'
import { nearest } from './suggest.js'

export type { CliEnv, CliOutput, Command } from './commands.js'

/** Every command of {@link runCli}, by name: the stage commands, then the infrastructure-as-code ones. @internal */
export const commands: Readonly<Record<string, Command>> = { ...coreCommands, ...iacCommands }

/** The usage of the whole command line, listing `table`'s commands. @internal */
export const usage = (table: Readonly<Record<string, Command>>): string => {
  const names = Object.keys(table)
  const width = Math.max(...names.map((n) => n.length))
  return [
    'usage: apigw-canary <command> [arguments] (apigw-canary <command> --help for more)',
    '',
    'Amazon API Gateway canary releases, modelled exactly as AWS behaves. Stages are the JSON that',
    '`aws apigateway get-stage` prints, read from a file or from standard input (-); results are',
    'JSON on standard output; operations are usable as `aws apigateway update-stage',
    '--patch-operations file://ops.json`.',
    '',
    'commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${table[n]?.summary ?? ''}`)
  ].join('\n')
}

/**
 * Runs one command line. Never throws.
 *
 * @internal
 */
export const runCli = (argv: ReadonlyArray<string>, env: CliEnv, table: Readonly<Record<string, Command>> = commands): CliOutput => {
  const [name, ...rest] = argv
  if (name === undefined) return { stdout: '', stderr: `apigw-canary: missing the command\n${usage(table)}\n`, exitCode: 2 }
  if (name === '--help' || name === '-h' || name === 'help') return { stdout: `${usage(table)}\n`, stderr: '', exitCode: 0 }
  if (name === '--version' || name === '-v') return { stdout: `${VERSION}\n`, stderr: '', exitCode: 0 }
  const command = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined
  if (command === undefined) {
    const near = nearest(name.replace(/^-+/, ''), name.startsWith('-') ? ['help', 'version'] : Object.keys(table))
    const hint = near === undefined ? '' : ` (did you mean ${name.startsWith('-') ? '--' : ''}${near}?)`
    return { stdout: '', stderr: `apigw-canary: unknown ${name.startsWith('-') ? 'option' : 'command'} ${JSON.stringify(name)}${hint}; the commands are ${Object.keys(table).join(', ')}\n`, exitCode: 2 }
  }
  return command.run(rest, env)
}

/**
 * An environment over fixed contents, for tests: `files` by path, and standard input.
 *
 * @internal
 */
export const envOf = (files: Readonly<Record<string, string>>, stdin?: string): CliEnv => ({
  readFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? E.right(files[path] ?? '') : E.left('no such file')),
  readStdin: () => (stdin === undefined ? E.left('nothing on standard input') : E.right(stdin))
})
