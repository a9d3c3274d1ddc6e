/**
 * Every `@example` in the TSDoc of `src/` is extracted, written out as a module that imports
 * the package by its public name, type-checked with the project's compiler options, and run.
 * An example that does not compile, throws or fails an assertion fails here.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'test', '.examples')

const sourceFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })

interface Example {
  readonly file: string
  readonly name: string
  readonly code: string
}

/** The ```ts blocks after an `@example` tag in each TSDoc comment, with the export they document. */
const extract = (file: string): Array<Example> => {
  const text = readFileSync(file, 'utf8')
  const examples: Array<Example> = []
  const comment = /\/\*\*([\s\S]*?)\*\/\s*(?:export\s+(?:const|function|type|interface|class)\s+([A-Za-z0-9_$]+))?/g
  for (const match of text.matchAll(comment)) {
    const body = (match[1] ?? '').split('\n').map((line) => line.replace(/^\s*\* ?/, '')).join('\n')
    const at = body.indexOf('@example')
    if (at < 0) continue
    const fence = /```ts\n([\s\S]*?)```/g
    let n = 0
    for (const block of body.slice(at).matchAll(fence)) {
      examples.push({ file: relative(root, file), name: `${match[2] ?? 'module'}${n === 0 ? '' : `#${n}`}`, code: block[1] ?? '' })
      n++
    }
  }
  return examples
}

/** The package's entries (from package.json's exports) and the source file behind each. */
const entryPoints = Object.entries(
  (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { readonly exports: { readonly [key: string]: { readonly import?: { readonly types: string } } } }).exports
).flatMap(([key, value]) =>
  value.import === undefined
    ? []
    : [{ name: key === '.' ? 'apigw-canary' : `apigw-canary/${key.slice(2)}`, file: join(root, value.import.types.replace(/^\.\/dist\/esm\//, 'src/').replace(/\.d\.ts$/, '.ts')) }]
)

const examples = sourceFiles(join(root, 'src')).flatMap(extract)
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
const written = examples.map((e, i) => {
  const path = join(out, `${String(i).padStart(3, '0')}-${e.file.replace(/[/\\.]/g, '_')}-${e.name.replace(/[^A-Za-z0-9_]/g, '_')}.ts`)
  writeFileSync(path, `${e.code}\nexport {}\n`)
  return { ...e, path }
})

/**
 * One program for the whole file, made on first use: the examples (importing the entries by
 * their public names, mapped to the sources) and the entries themselves, with the project's
 * options. The examples are type-checked in it and the entries' TSDoc is read from it.
 */
let program: ts.Program | undefined
const shared = (): ts.Program => {
  program ??= ts.createProgram([...written.map((w) => w.path), ...entryPoints.map((e) => e.file)], {
    ...ts.convertCompilerOptionsFromJson(JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions, root).options,
    noEmit: true,
    noUnusedLocals: false,
    paths: Object.fromEntries(entryPoints.map((e) => [e.name, [e.file]]))
  })
  return program
}

describe('TSDoc examples', () => {
  it('there are examples to run', () => {
    expect(written.length).toBeGreaterThan(50)
  })

  it('every example type-checks against the public API', () => {
    // Only the examples' own diagnostics are asked for (the rest of the program is checked as far
    // as they need it), as getPreEmitDiagnostics filtered to them would give, at a fraction of the time.
    const diagnostics = written
      .flatMap((w) => {
        const file = shared().getSourceFile(w.path)
        return file === undefined ? [] : [...shared().getSyntacticDiagnostics(file), ...shared().getSemanticDiagnostics(file)]
      })
      .filter((d) => d.file !== undefined && d.file.fileName.startsWith(out))
      .map((d) => `${relative(root, d.file?.fileName ?? '')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    expect(diagnostics).toEqual([])
  }, 120_000)

  for (const w of written) {
    it(`${w.file} ${w.name}`, async () => {
      await import(pathToFileURL(w.path).href)
    })
  }
})

/**
 * Every export of the public entries, namespaces followed into their members, with what its
 * TSDoc lacks of a one-line summary, one `@category`, `@since` and an `@example` with a ```ts
 * block (which the tests above run).
 */
const undocumented = (): ReadonlyArray<string> => {
  const entries = entryPoints.map((e) => e.file)
  const program = shared()
  const checker = program.getTypeChecker()
  const found = new Map<string, ReadonlyArray<string>>()
  const visit = (moduleSymbol: ts.Symbol, prefix: string): void => {
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
      const name = `${prefix}${exported.name}`
      const declaration = symbol.declarations?.[0]
      if (declaration === undefined) continue
      if (ts.isSourceFile(declaration)) {
        visit(symbol, `${name}.`)
        continue
      }
      const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration
      const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc)
      const tags = docs.flatMap((d) => d.tags ?? []).map((t) => t.tagName.text)
      const text = docs.map((d) => d.getText()).join('\n')
      const lacks = [
        ...(docs.length === 0 || ts.getTextOfJSDocComment(docs[0]?.comment)?.trim() === '' ? ['a summary'] : []),
        ...(tags.filter((t) => t === 'category').length === 1 ? [] : ['one @category']),
        ...(tags.includes('since') ? [] : ['@since']),
        ...(tags.includes('example') && text.includes('```ts') ? [] : ['an @example'])
      ]
      if (lacks.length > 0 && !found.has(name)) found.set(name, lacks)
    }
  }
  for (const entry of entries) {
    const source = program.getSourceFile(entry)
    const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source)
    if (moduleSymbol !== undefined) visit(moduleSymbol, '')
  }
  return [...found].map(([name, lacks]) => `${name}: lacks ${lacks.join(', ')}`).sort()
}

describe('every export is documented', () => {
  it('has a summary, one @category, @since and an executed @example', () => {
    expect(undocumented()).toEqual([])
  }, 120_000)
})
