/**
 * The package's version, for `apigw-canary --version` (the command line is a pure function and
 * reads no file; `test/cli/cli.issue14.test.ts` checks that this is package.json's version).
 *
 * @since 0.2.0
 *
 * @internal
 */

/** The version of the package. @internal */
export const VERSION = '0.1.0'
