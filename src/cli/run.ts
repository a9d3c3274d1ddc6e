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
import { dispatch } from './dispatch.js'

export type { CliEnv, CliOutput, Command } from './commands.js'
export { usage } from './dispatch.js'

/** Every command of {@link runCli}, by name: the stage commands, then the infrastructure-as-code ones. @internal */
export const commands: Readonly<Record<string, Command>> = { ...coreCommands, ...iacCommands }

/**
 * Runs one command line. Never throws.
 *
 * @internal
 */
export const runCli = (argv: ReadonlyArray<string>, env: CliEnv, table: Readonly<Record<string, Command>> = commands): CliOutput => dispatch(argv, env, table)

/**
 * An environment over fixed contents, for tests: `files` by path, and standard input.
 *
 * @internal
 */
export const envOf = (files: Readonly<Record<string, string>>, stdin?: string): CliEnv => ({
  readFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? E.right(files[path] ?? '') : E.left('no such file')),
  readStdin: () => (stdin === undefined ? E.left('nothing on standard input') : E.right(stdin))
})
