/**
 * The public entries export exactly the names listed in `test/fixtures/entry-names.json`,
 * types included (read with the compiler, not at run time). Moving a module between folders
 * must not change them; adding or removing an export is a deliberate change to that file.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  readonly exports: { readonly [entry: string]: { readonly import?: { readonly types: string } } }
}
const expected = JSON.parse(readFileSync(new URL('./fixtures/entry-names.json', import.meta.url), 'utf8')) as { readonly [entry: string]: ReadonlyArray<string> }

/** `./dist/esm/gateway/simulator/index.d.ts` → `src/gateway/simulator/index.ts`. */
const sourceOf = (types: string): string => `${root}${types.replace(/^\.\/dist\/esm\//, 'src/').replace(/\.d\.ts$/, '.ts')}`

const entries = Object.entries(pkg.exports).flatMap(([key, value]) =>
  value.import === undefined ? [] : [{ name: key === '.' ? 'apigw-canary' : `apigw-canary/${key.slice(2)}`, file: sourceOf(value.import.types) }]
)

describe('the public entries', () => {
  const program = ts.createProgram(
    entries.map((e) => e.file),
    { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true, types: ['node'] }
  )
  const checker = program.getTypeChecker()
  const namesOf = (file: string): ReadonlyArray<string> => {
    const source = program.getSourceFile(file)
    const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    return symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((s) => s.getName()).sort()
  }

  it('every entry of package.json is listed, and nothing else', () => {
    expect(entries.map((e) => e.name).sort()).toEqual(Object.keys(expected).sort())
  })

  for (const entry of entries) {
    it(`${entry.name} exports the listed names, types included`, () => {
      expect(namesOf(entry.file)).toEqual(expected[entry.name])
    })
  }
})
