// The size budget of the core entry: dist/esm/core.js bundled with everything it imports
// but fp-ts and io-ts (peer dependencies), minified and gzipped, must stay within the budget.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

const BUDGET = 8 * 1024
// The core entry is held to the budget; the root entry (everything, for bundlers that tree-shake)
// is reported for information.
const entries = [
  { name: 'apigw-canary/core', file: 'dist/esm/core.js', budget: BUDGET },
  { name: 'apigw-canary (root, all modules)', file: 'dist/esm/index.js', budget: Number.POSITIVE_INFINITY }
]
let over = false
for (const { name, file, budget } of entries) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    external: ['fp-ts', 'fp-ts/*', 'io-ts', 'io-ts/*'],
    logLevel: 'silent'
  })
  const code = result.outputFiles[0].contents
  const gz = gzipSync(code, { level: 9 }).length
  const limit = Number.isFinite(budget) ? ` (budget ${(budget / 1024).toFixed(0)} KiB)` : ''
  const line = `${name}: ${(code.length / 1024).toFixed(1)} KiB minified, ${(gz / 1024).toFixed(2)} KiB gzipped${limit}`
  if (gz > budget) {
    over = true
    console.error(`size: over budget: ${line}`)
  } else console.log(`size: ${line}`)
}
process.exitCode = over ? 1 : 0
