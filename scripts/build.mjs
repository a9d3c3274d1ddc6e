// Builds the package (issue 16: the cold start). tsc writes the declarations only, one .d.ts per
// module as before: dist/esm (the package is "type": "module") and dist/cjs, marked CommonJS by its
// own package.json so that Node and TypeScript read its .js and .d.ts files as CommonJS. The
// JavaScript is bundled with esbuild:
//
// - the library: every entry of package.json's "exports" (index, core, simulator, iac, aws) in one
//   build with code splitting, so that the code two entries share is one chunk (dist/esm/chunks/):
//   one copy and one module identity when a program imports two entries (the testing kit's two
//   entries are a build of their own, below). fp-ts's Either, io-ts and pure-rand are inlined from
//   their ES builds and tree-shaken (why, and what it means for users' own fp-ts and io-ts:
//   docs/build.md). The CommonJS
//   build is the same files, each converted to CommonJS (dist/cjs), so its entries share the same
//   chunks. Other dependencies (yaml, the AWS SDK, vitest, fast-check) stay imports.
// - for bundlers (the "module" condition): the same entries with fp-ts, io-ts and pure-rand left
//   as imports (dist/bundler), so that an application's bundle holds one copy of each.
// - the executable (package.json "bin": dist/cli/main.js): its own build, CommonJS (Node loads a
//   CommonJS file faster than an ES module): main.js, and one self-contained bundle per command
//   module, loaded when its command runs.
// - dist/esm/gateway/server/main.js, the server alone as an executable (bench/server-load.mjs),
//   an entry of the library's build.
//
// Source maps point at src/ (published with the package for them); the licenses of the inlined
// packages are in dist/THIRD_PARTY_LICENSES.md.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { decode, encode } from '@jridgewell/sourcemap-codec'
import { build } from 'esbuild'

const require = createRequire(import.meta.url)
const tsc = require.resolve('typescript/bin/tsc')
const pkg = JSON.parse(readFileSync('package.json', 'utf8'))

/** The packages copied into the bundles (their ES builds); the others stay imports. */
const inlined = ['fp-ts', 'io-ts', 'pure-rand']
const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
  .filter((name) => !inlined.includes(name))
  .flatMap((name) => [name, `${name}/*`])

/** `fp-ts/lib/X.js` (CommonJS, what the sources import so that the .d.ts name it) read as `fp-ts/es6/X.js`. */
const fpTsEs6 = {
  name: 'fp-ts-es6',
  setup(b) {
    b.onResolve({ filter: /^fp-ts\/lib\// }, async (args) => {
      const resolved = await b.resolve(args.path.replace(/^fp-ts\/lib\//, 'fp-ts/es6/').replace(/\.js$/, ''), { kind: args.kind, resolveDir: args.resolveDir })
      if (resolved.errors.length > 0) return { errors: resolved.errors }
      return { path: resolved.path }
    })
  }
}

/**
 * For the builds that inline fp-ts and io-ts: each module's `import { E } from '../internal/fp.js'`
 * read as `import * as E from 'fp-ts/lib/Either.js'` (and `io` as io-ts). `internal/fp.ts`
 * re-exports them as namespaces (`export * as E`), one import of each for the bundler build and the
 * size budget; but a namespace re-export is an object holding every export, so esbuild kept all of
 * fp-ts's `Either` and io-ts in the bundles. Imported directly, only what the library calls is kept
 * (issue 16, the cold start: the root entry's code from 212 to 174 KiB, the core's from 90 to 58).
 * The line is replaced by a line, so the source maps stay right. Any other import of `fp.js` fails
 * the build, so that a new form is not silently left as a namespace.
 */
const fpDirect = {
  name: 'fp-direct',
  setup(b) {
    const packages = { E: 'fp-ts/lib/Either.js', io: 'io-ts' }
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('fp.js')) return undefined
      const contents = text.replace(/^import (type )?\{ ([^}]*) \} from '(?:\.\.?\/)+(?:internal\/)?fp\.js'$/gm, (line, type, names) => {
        const imports = names.split(', ').map((spec) => {
          const [, name, alias] = /^(\w+)(?: as (\w+))?$/.exec(spec) ?? []
          if (!(name in packages)) throw new Error(`${args.path}: ${line}: fp.js exports E and io only`)
          return `import ${type ?? ''}* as ${alias ?? name} from '${packages[name]}'`
        })
        return imports.join('; ')
      })
      const left = contents.split('\n').find((l) => /['"](?:\.\.?\/)+(?:internal\/)?fp\.js['"]/.test(l) && !/^import type \* as \w+ from/.test(l))
      if (left !== undefined) throw new Error(`${args.path}: an import of internal/fp.js that the build does not read as direct imports: ${left}`)
      return { contents, loader: 'ts' }
    })
  }
}

/**
 * For the builds Node loads: arrow functions written as `function` expressions. V8 11 (Node 20)
 * parses a top-level arrow function in full when it compiles a module (it cannot skip its body, as
 * it does a function's, until it is called), and the bundles are mostly top-level `const f = (...) =>`:
 * compiling the root entry's six files took 11.5 ms of CPU with arrows, 7.2 ms without, and
 * `import('apigw-canary')` 4 ms less in all (issue 16, the cold start). esbuild keeps `this` and
 * `arguments` as the arrows had them. Not for the bundler build, which the application's bundler
 * rewrites anyway (and whose size it counts).
 */
const node = { supported: { arrow: false } }

const common = {
  ...node,
  bundle: true,
  platform: 'node',
  target: 'node18',
  // io-ts and pure-rand: their ES builds ("module").
  mainFields: ['module', 'main'],
  plugins: [fpDirect, fpTsEs6],
  external,
  sourcemap: 'linked',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning'
}

/** The files under `dir` whose names end with `suffix`, recursively. */
const filesEndingWith = (dir, suffix) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesEndingWith(path, suffix) : path.endsWith(suffix) ? [path] : []
  })
const jsFiles = (dir) => filesEndingWith(dir, '.js')

/** Each ES module under `from` converted to CommonJS under `to` (import() becomes require), source maps chained back to src/. */
const toCommonJs = async (from, to) => {
  await build({
    entryPoints: jsFiles(from),
    outbase: from,
    outdir: to,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    supported: { ...node.supported, 'dynamic-import': false },
    sourcemap: 'linked',
    minifyWhitespace: true,
    logLevel: 'warning'
  })
  // An entry that only re-exports chunks has an empty map; esbuild then maps its CommonJS copy to
  // the ES file. Empty there too, so that every map names src/ (or an inlined package) only.
  for (const file of jsFiles(from)) {
    const map = join(to, relative(from, file)) + '.map'
    if (JSON.parse(readFileSync(file + '.map', 'utf8')).sources.length === 0) {
      writeFileSync(map, JSON.stringify({ version: 3, sources: [], sourcesContent: [], mappings: '', names: [] }) + '\n')
    }
  }
}

/**
 * A source map without the shims of the merge below (modules of re-exports only, which esbuild
 * lists as sources, `shim:/abs/path`, and maps the import statements to): their segments keep
 * their place in the output but name no source, and the sources that no segment names are left out.
 * The mappings are read and written by `@jridgewell/sourcemap-codec` (the codec of esbuild's peers:
 * rollup, magic-string, babel), whose segments hold absolute fields.
 */
const withoutShims = (map) => {
  if (!map.sources.some((s) => s.startsWith('shim:'))) return map
  const lines = decode(map.mappings)
  const used = new Set(lines.flat().filter((s) => s.length > 1 && !map.sources[s[1]].startsWith('shim:')).map((s) => s[1]))
  const index = new Map([...used].sort((a, b) => a - b).map((old, i) => [old, i]))
  const mappings = encode(lines.map((line) => line.map((s) => (s.length > 1 && used.has(s[1]) ? [s[0], index.get(s[1]), ...s.slice(2)] : [s[0]]))))
  const keep = (_, i) => used.has(i)
  return { ...map, sources: map.sources.filter(keep), ...(map.sourcesContent ? { sourcesContent: map.sourcesContent.filter(keep) } : {}), mappings }
}

/**
 * The chunks that the root entry loads, merged into one (issue 16, the cold start). esbuild gives
 * each set of entries that share code its own chunk, so `import('apigw-canary')` loaded six files
 * (the entry and five chunks); each costs Node's ES loader a resolve, a read on the thread pool, a
 * compile and a link, and each chunk's text was a young-generation string (V8 puts one of more
 * than 128 KiB in the large-object space): the root's import paid a scavenge that a single file
 * does not. Now the root loads two files: `index.js` and `chunks/lib-<hash>.js`, with every chunk
 * of the root in it. The other entries import that one chunk too, so there is still one copy of
 * every function across entries; the core entry loads it whole (about 6 ms more for
 * `import('apigw-canary/core')`, 9 ms less for the root's import, both measured in CPU).
 *
 * How: the chunks are bundled again, with their exports renamed apart (`name$k`: two chunks may
 * export one name for two bindings), into one file; every other file that imported them is
 * bundled again alone (its other imports left as they are) through a shim per chunk that names
 * the merged file's exports back. esbuild chains the source maps, so they still name `src/`. The
 * exports of every entry are checked to be the same names before and after.
 */
const rootChunksAsOne = async (metafile, rootEntry) => {
  const chunksOf = (file, seen = new Set()) => {
    for (const i of metafile.outputs[file].imports) if (i.kind === 'import-statement' && !i.external && !seen.has(i.path)) chunksOf(i.path, seen.add(i.path))
    return seen
  }
  const merged = [...chunksOf(rootEntry)]
  const dir = 'dist/esm/chunks'
  const exported = (file) => metafile.outputs[file].exports
  const rename = new Map(merged.map((file, k) => [file, new Map(exported(file).map((name) => [name, `${name}$${k}`]))]))
  // both passes below bundle built ES modules again, as the library's build wrote them
  const again = { bundle: true, format: 'esm', platform: 'node', target: 'node18', ...node, sourcemap: 'linked', minifySyntax: true, minifyWhitespace: true, logLevel: 'warning' }
  const before = Object.fromEntries(Object.keys(metafile.outputs).filter((f) => f.endsWith('.js')).map((f) => [f, [...exported(f)].sort()]))
  const lib = await build({
    stdin: {
      contents: merged.map((file) => `export { ${[...rename.get(file)].map(([name, as]) => `${name} as ${as}`).join(', ')} } from './${relative(dir, file)}'`).join('\n'),
      resolveDir: dir,
      sourcefile: 'lib.js'
    },
    ...again,
    external: ['*'],
    plugins: [{ name: 'only-chunks', setup: (b) => b.onResolve({ filter: /^\.\/chunk-/ }, (args) => ({ path: resolve(args.resolveDir, args.path) })) }],
    outdir: dir,
    entryNames: 'lib-[hash]',
    metafile: true
  })
  const libFile = Object.keys(lib.metafile.outputs).find((f) => f.endsWith('.js'))
  const shims = new Map(merged.map((file) => [resolve(file), `export { ${[...rename.get(file)].map(([name, as]) => `${as} as ${name}`).join(', ')} } from '${resolve(libFile)}'`]))
  const importers = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js') && !merged.includes(f) && metafile.outputs[f].imports.some((i) => merged.includes(i.path)))
  for (const file of importers) {
    const out = await build({
      entryPoints: [file],
      ...again,
      write: false,
      outfile: file,
      allowOverwrite: true,
      plugins: [
        {
          name: 'through-shims',
          setup: (b) => {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (args.kind === 'entry-point') return undefined
              const path = resolve(args.resolveDir, args.path)
              if (shims.has(path)) return { path, namespace: 'shim' }
              if (path === resolve(libFile)) return { path: relative(dirname(file), libFile).replace(/^(?!\.)/, './'), external: true }
              return { path: args.path, external: true }
            })
            b.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({ contents: shims.get(args.path), resolveDir: dir }))
          }
        }
      ]
    })
    for (const o of out.outputFiles) writeFileSync(o.path, o.text)
  }
  for (const file of merged) for (const f of [file, file + '.map']) rmSync(f)
  // The same exports, entry by entry and chunk by chunk.
  const after = await build({ entryPoints: Object.keys(before).filter((f) => existsSync(f)), bundle: false, write: false, outdir: 'dist/check', format: 'esm', metafile: true, logLevel: 'warning' })
  for (const [f, o] of Object.entries(after.metafile.outputs)) {
    const name = Object.keys(before).find((b) => resolve(b) === resolve(o.entryPoint ?? ''))
    if (name !== undefined && JSON.stringify([...o.exports].sort()) !== JSON.stringify(before[name])) throw new Error(`${name}: its exports changed when the root's chunks were merged (${f})`)
  }
}

rmSync('dist', { recursive: true, force: true })
for (const project of ['tsconfig.build.json', 'tsconfig.cjs.json']) {
  execFileSync(process.execPath, [tsc, '-p', project, '--emitDeclarationOnly'], { stdio: 'inherit' })
}

// The library's entries: package.json's "exports", import side.
const entryPoints = Object.values(pkg.exports)
  .map((target) => (typeof target === 'object' ? target.import.default : undefined))
  .filter((path) => typeof path === 'string')
  .map((path) => {
    const name = relative('dist/esm', path).replace(/\.js$/, '')
    return { in: `src/${name}.ts`, out: name }
  })
// and the server alone as an executable (bench/server-load.mjs, bench/soak.mjs), sharing the simulator's chunks.
entryPoints.push({ in: 'src/gateway/server/main.ts', out: 'gateway/server/main' })
// The testing kit's entries (testing, vitest) are a build of their own, with their own copy of
// what they use: in one build with the others they split the root entry's code into twice as many
// chunks (12 files to load instead of 6, about 20 ms of CPU at each import). They export no
// function or class of the library's (arbitraries, fixtures, matchers: plain data out), so two
// copies cannot be told apart.
const isTesting = (entry) => entry.out.startsWith('testing/')
const library = await build({ ...common, entryPoints: entryPoints.filter((e) => !isTesting(e)), format: 'esm', splitting: true, outdir: 'dist/esm', chunkNames: 'chunks/[name]-[hash]', metafile: true })
await rootChunksAsOne(library.metafile, 'dist/esm/index.js')
await build({ ...common, entryPoints: entryPoints.filter(isTesting), format: 'esm', splitting: true, outdir: 'dist/esm', chunkNames: 'chunks/testing-[hash]' })
await toCommonJs('dist/esm', 'dist/cjs')
writeFileSync('dist/cjs/package.json', JSON.stringify({ type: 'commonjs' }) + '\n')

// For bundlers ("module" condition of "exports", which webpack, Rollup, Vite and esbuild read and
// Node does not): the same entries and chunks with every package left as an import, so that an
// application's bundler holds one fp-ts and one io-ts, its own, and tree-shakes them.
await build({
  ...common,
  entryPoints: entryPoints.filter((entry) => entry.out !== 'gateway/server/main'),
  plugins: [],
  supported: {},
  external: [...external, ...inlined.flatMap((name) => [name, `${name}/*`])],
  format: 'esm',
  splitting: true,
  outdir: 'dist/bundler',
  chunkNames: 'chunks/[name]-[hash]'
})

// The executable, CommonJS: main.js, and one self-contained bundle per module that main.ts imports
// on demand (the stage commands, the infrastructure-as-code ones, the rollout driver, the server),
// named after its path (dist/cli/commands.js, dist/cli/gateway-server-run.js). A process runs one
// command, so the bundles need not share code: `promote` loads 2 files instead of the 10 of a
// split build (main, the command module and 8 chunks), and no chunk's exports are copied into
// getters at load (issue 16, the cold start: about 9 ms of CPU less for promote). The price is
// package size: the stage model is in each bundle (dist/cli is 520 KB of JavaScript, was 385).
mkdirSync('dist/cli', { recursive: true })
const commandModules = new Map()
const commandModulesApart = {
  name: 'command-modules-apart',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import' || resolve(args.importer) !== resolve('src/cli/main.ts')) return undefined
      const source = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts')
      const name = relative(resolve('src/cli'), source).replace(/\.ts$/, '').replace(/^(\.\.\/)+/, '').replaceAll('/', '-')
      if (commandModules.has(name) && commandModules.get(name) !== source) throw new Error(`two command modules named ${name}`)
      commandModules.set(name, source)
      return { path: `./${name}.js`, external: true }
    })
  }
}
const cli = { ...common, format: 'cjs', supported: { ...node.supported, 'dynamic-import': false }, outdir: 'dist/cli' }
await build({ ...cli, plugins: [commandModulesApart, ...common.plugins], entryPoints: { main: 'src/cli/main.ts' } })
await build({ ...cli, entryPoints: Object.fromEntries(commandModules) })
writeFileSync('dist/cli/package.json', JSON.stringify({ type: 'commonjs' }) + '\n')

// The maps name src/, which the package ships ("files"): its sources are left out of the maps
// (they would be there three times, ESM, CommonJS and the executable); those of the inlined
// packages, which are not beside the package once installed, stay in.
for (const path of filesEndingWith('dist', '.js.map')) {
  const json = withoutShims(JSON.parse(readFileSync(path, 'utf8')))
  json.sourcesContent = json.sources.map((source, i) => (/(^|\/)src\//.test(source) && !source.includes('node_modules') ? null : json.sourcesContent[i]))
  writeFileSync(path, JSON.stringify(json))
}

writeFileSync(
  'dist/THIRD_PARTY_LICENSES.md',
  [
    '# Third-party licenses',
    '',
    `The bundles in dist/ contain code of ${inlined.join(', ')} (their ES builds, tree-shaken). Their licenses:`,
    ...inlined.flatMap((name) => {
      const dir = join('node_modules', name)
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f))
      return ['', `## ${name} ${version}`, '', '```', (file === undefined ? 'MIT' : readFileSync(join(dir, file), 'utf8')).trim(), '```']
    }),
    ''
  ].join('\n')
)
