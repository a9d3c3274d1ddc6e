/**
 * `src/` as the executable runs it, for the process tests: transpiled as it is (TypeScript's
 * transpileModule, no type check: `tsc` checks types) into a scratch directory under
 * `node_modules/.cache`, so that `fp-ts`, `io-ts` and the other dependencies resolve from there.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = fileURLToPath(new URL('../..', import.meta.url))

const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })

/** Transpiles `src/` into `node_modules/.cache/apigw-canary-{name}-{pid}` and gives that folder (its `cli/main.js` is the executable). */
export const transpileSources = (name: string): string => {
  const out = join(root, 'node_modules', '.cache', `apigw-canary-${name}-${process.pid}`)
  rmSync(out, { recursive: true, force: true })
  for (const file of sources(join(root, 'src'))) {
    const target = join(out, relative(join(root, 'src'), file)).replace(/\.ts$/, '.js')
    mkdirSync(dirname(target), { recursive: true })
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: file
    })
    writeFileSync(target, outputText)
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  return out
}

/** Removes a folder {@link transpileSources} made. */
export const removeTranspiled = (out: string): void => rmSync(out, { recursive: true, force: true })
