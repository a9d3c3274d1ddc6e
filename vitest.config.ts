import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// `npm test` output a newcomer can read: the type tests (test/**/*.test-d.ts) are deliberate, so
// vitest's banner calling them an experimental feature is dropped (that one message only; vitest
// writes it to standard error through its own Console, after loading this file).
const write = process.stderr.write.bind(process.stderr) as (chunk: unknown, ...rest: Array<unknown>) => boolean
process.stderr.write = ((chunk: unknown, ...rest: Array<unknown>): boolean =>
  typeof chunk === 'string' && chunk.includes('Testing types with tsc and vue-tsc is an experimental feature') ? true : write(chunk, ...rest)) as typeof process.stderr.write

export default defineConfig({
  resolve: {
    // Doc examples and tests import the package by its public name.
    alias: [
      { find: /^apigw-canary$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/core$/, replacement: fileURLToPath(new URL('./src/core.ts', import.meta.url)) },
      { find: /^apigw-canary\/simulator$/, replacement: fileURLToPath(new URL('./src/gateway/simulator/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/iac$/, replacement: fileURLToPath(new URL('./src/iac/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/testing$/, replacement: fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/vitest$/, replacement: fileURLToPath(new URL('./src/testing/vitest.ts', import.meta.url)) },
      { find: /^apigw-canary\/aws$/, replacement: fileURLToPath(new URL('./src/aws.ts', import.meta.url)) }
    ]
  },
  test: {
    include: ['test/**/*.test.ts', 'docs/examples/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 30_000,
    // One module graph per worker, not per test file: the suite imports the whole library in most
    // files, and importing it again for each of them was most of `npm test`'s time (88 s -> 34 s
    // on this 2-core machine). The tests share no mutable module state (mocks are restored after
    // each test; fast-check's settings are global by design).
    isolate: false,
    // The AWS SDK's notice that its releases after January 2027 need Node 22 is about the SDK,
    // not about these tests: kept out of `npm test`'s output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  }
})
