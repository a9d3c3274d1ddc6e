/**
 * The dispatch of one command line over a table of commands, apart from the table itself so
 * that `main.ts` can run it over the names and summaries of `catalog.ts` and the one command it
 * loaded, without loading the others. `run.ts`'s {@link runCli} is this over every command.
 *
 * @since 0.2.0
 *
 * @internal
 */
import type { CliEnv, CliOutput, Command } from './commands.js'
import { VERSION } from './version.js'
import { nearest } from './suggest.js'

/** The usage of the whole command line, listing `table`'s commands. @internal */
export const usage = (table: Readonly<Record<string, Pick<Command, 'summary'>>>): string => {
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
 * Runs one command line over `table`. Never throws.
 *
 * @internal
 */
export const dispatch = (argv: ReadonlyArray<string>, env: CliEnv, table: Readonly<Record<string, Command>>): CliOutput => {
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
