/**
 * The model's fast-check arbitraries now ship in the package (`apigw-canary/testing`,
 * `src/testing/arbitraries.ts`); the tests import them from there through this module.
 */
export * from '../src/testing/arbitraries.js'
