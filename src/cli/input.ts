/**
 * Where the command line reads from, and the two reads its commands share: a file's text (or
 * standard input's, for `-`) and a stage, the JSON that `aws apigateway get-stage` prints. The
 * stage commands and the infrastructure-as-code ones both use them.
 *
 * @internal
 */
import { E } from '../internal/fp.js'
import { decodeStage, type Stage } from '../stage/Stage.js'
import { inputError, type Result } from './failure.js'

/** Where the command line reads from. @internal */
export interface CliEnv {
  /** A file's text, or why it could not be read. */
  readonly readFile: (path: string) => E.Either<string, string>
  /** Standard input's text (read only when a command is given `-`), or why it could not be read. */
  readonly readStdin: () => E.Either<string, string>
}

/** Reads the text of a file, or of standard input for `-`. @internal */
export const readText = (path: string, env: CliEnv): Result<string> =>
  E.mapLeft((why: string) => inputError(`cannot read ${path === '-' ? 'standard input' : path}: ${why}`))(path === '-' ? env.readStdin() : env.readFile(path))

/** Reads a stage: the JSON that `aws apigateway get-stage` prints, from a file or standard input (`-`). @internal */
export const readStage = (path: string, env: CliEnv): Result<Stage> => {
  const name = path === '-' ? 'standard input' : path
  return E.flatMap(readText(path, env), (text: string): Result<Stage> => {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      return E.left(inputError(`${name} is not JSON: ${error instanceof Error ? error.message : String(error)}`))
    }
    return E.mapLeft((e: { message: string }) => inputError(`${name} is not a stage: ${e.message}`))(decodeStage(parsed))
  })
}
