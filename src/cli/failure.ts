/**
 * How a command fails: the message for standard error and the exit code (2 for a bad command
 * line, 1 for bad input), shared by the stage commands and the infrastructure-as-code ones.
 *
 * @internal
 */
import type { E } from '../internal/fp.js'

/** A failure: the message and the exit code. @internal */
export interface Failure {
  readonly message: string
  readonly exitCode: 1 | 2
}

/** A command's step: its value, or the failure that ends the command. @internal */
export type Result<A> = E.Either<Failure, A>

/** A bad command line (exit 2). @internal */
export const usageError = (message: string): Failure => ({ message, exitCode: 2 })

/** Bad input: a file, standard input or a value (exit 1). @internal */
export const inputError = (message: string): Failure => ({ message, exitCode: 1 })
