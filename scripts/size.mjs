// The size budget of the core entry: dist/esm/index.js bundled with everything it imports
// but fp-ts and io-ts (peer dependencies), minified and gzipped, must stay within the budget.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

const BUDGET = 8 * 1024
const entries = [{ name: 'apigw-canary', file: 'dist/esm/index.js', budget: BUDGET }]
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
  const line = `${name}: ${(code.length / 1024).toFixed(1)} KiB minified, ${(gz / 1024).toFixed(2)} KiB gzipped (budget ${(budget / 1024).toFixed(0)} KiB)`
  if (gz > budget) {
    over = true
    console.error(`size: over budget: ${line}`)
  } else console.log(`size: ${line}`)
}
process.exitCode = over ? 1 : 0
