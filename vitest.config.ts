import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Doc examples and tests import the package by its public name.
    alias: [
      { find: /^apigw-canary$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/core$/, replacement: fileURLToPath(new URL('./src/core.ts', import.meta.url)) },
      { find: /^apigw-canary\/simulator$/, replacement: fileURLToPath(new URL('./src/gateway/simulator/index.ts', import.meta.url)) },
      { find: /^apigw-canary\/aws$/, replacement: fileURLToPath(new URL('./src/aws.ts', import.meta.url)) }
    ]
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 30_000
  }
})
