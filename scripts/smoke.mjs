// Packs the package as npm would publish it, installs the tarball into a scratch project
// (with the repository's fp-ts and io-ts as its peers, no network), and imports it both ways:
// ESM `import` and CJS `require`. Then checks, on the packed code, the docs' promote example:
// promote(decodeStage(seed before)) equals the docs' "after" stage apart from dates, and
// disable after it leaves no canarySettings.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(join(tmpdir(), 'apigw-canary-smoke-'))
try {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }))[0]
  const files = packed.files.map((f) => f.path)
  const unexpected = files.filter(
    (f) => !(f === 'package.json' || f === 'README.md' || f === 'LICENSE' || f === 'CHANGELOG.md' || f.startsWith('dist/') || f.startsWith('src/') || /^docs\/[^/]+\.md$/.test(f))
  )
  if (unexpected.length > 0) throw new Error(`the tarball holds files users do not need: ${unexpected.join(', ')}`)
  if (files.some((f) => /\.test\.|\.tsbuildinfo$/.test(f))) throw new Error('the tarball holds test or build-info files')
  console.log(`packed ${packed.filename}: ${files.length} files, ${packed.size} bytes (unpacked ${packed.unpackedSize})`)

  const project = join(scratch, 'project')
  const modules = join(project, 'node_modules')
  mkdirSync(join(modules, 'apigw-canary'), { recursive: true })
  execFileSync('tar', ['-xzf', join(scratch, packed.filename), '-C', join(modules, 'apigw-canary'), '--strip-components=1'])
  for (const peer of ['fp-ts', 'io-ts', 'pure-rand', 'yaml']) symlinkSync(join(root, 'node_modules', peer), join(modules, peer), 'dir')
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true }))
  cpSync(join(root, 'test', 'fixtures'), join(project, 'fixtures'), { recursive: true })

  const check = `
    const before = JSON.parse(readFileSync('fixtures/seed-before.json', 'utf8'))
    const after = JSON.parse(readFileSync('fixtures/seed-after.json', 'utf8'))
    const decoded = lib.decodeStage(before)
    if (decoded._tag !== 'Right') throw new Error('decode failed: ' + JSON.stringify(decoded.left))
    const promoted = lib.promote(decoded.right)
    if (promoted._tag !== 'Right') throw new Error('promote failed')
    const strip = ({ lastUpdatedDate, createdDate, ...rest }) => rest
    if (!isDeepStrictEqual(strip(JSON.parse(JSON.stringify(promoted.right))), strip(after))) throw new Error('promote differs from the docs')
    const disabled = lib.disable(promoted.right)
    if ('canarySettings' in disabled) throw new Error('disable left canarySettings')
    const none = lib.promote(disabled)
    if (none._tag !== 'Left' || none.left.message !== 'Promotion not available. Canary does not exist.') throw new Error('promote without canary')
  `
  // The other entries: the lean core must promote the same way, and the simulator must load
  // without the AWS SDK installed (it is an optional peer) and answer a request.
  const entries = `
    if (core.promote !== undefined && typeof core.applyPatch !== 'function') throw new Error('core lacks applyPatch')
    if ('route' in core || 'Rollout' in core) throw new Error('core exports more than the core')
    const sim = simulator.createSimulator()
    const answer = await sim.requestHandler.handle({ method: 'GET', path: '/restapis', query: {}, headers: {}, body: undefined, protocol: 'https:', hostname: 'localhost' })
    if (answer.response.statusCode !== 200) throw new Error('simulator GET /restapis: ' + answer.response.statusCode)
    const template = iac.parseTemplate('Resources:\\n  S:\\n    Type: AWS::ApiGateway::Stage\\n    Properties: { StageName: prod, DeploymentId: !Ref D }\\n')
    if (template._tag !== 'Right' || iac.readTemplate(template.right).right?.[0]?.deploymentId?.logicalId !== 'D') throw new Error('iac: the YAML template was not read')
  `
  // The package carries its own copy of fp-ts's Either and io-ts (scripts/build.mjs; docs/architecture.md,
  // "The build"): the user's own fp-ts and io-ts (the project's, here the repository's) must work
  // with its values and codecs, and the entries must share one copy of the library's code.
  const theirs = `
    const ok = { deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } }
    const Mine = t.type({ stage: lib.StageCodec, note: t.string })
    const good = Mine.decode({ stage: ok, note: 'n' })
    if (!E.isRight(good) || good.right.stage.canarySettings.percentTraffic !== 10) throw new Error('their t.type over our StageCodec: ' + JSON.stringify(good))
    const bad = Mine.decode({ stage: { ...ok, canarySettings: { deploymentId: 'eh1sby', percentTraffic: 'ten' } }, note: 'n' })
    if (!E.isLeft(bad) || !PathReporter.report(bad).some((m) => m.includes('expected a percentage'))) throw new Error('their t.type over our StageCodec, bad: ' + JSON.stringify(PathReporter.report(bad)))
    if (!E.isRight(t.array(t.exact(t.type({ s: lib.StageCodec }))).decode([{ s: ok }])) || !t.union([lib.StageCodec, t.null]).is(null)) throw new Error('their array/exact/union over our StageCodec')
    const promotedId = pipe(lib.decodeStage(ok), E.chainW(lib.promote), E.map((s) => s.deploymentId), E.getOrElse(() => 'failed'))
    if (promotedId !== 'eh1sby') throw new Error('their pipe/chainW over our Either: ' + promotedId)
    const refused = pipe(core.promote({ deploymentId: 'nfcn0x' }), E.match((e) => e.message, () => 'promoted'))
    if (refused !== 'Promotion not available. Canary does not exist.') throw new Error('their match over our Left: ' + refused)
    if (core.promote !== lib.promote || core.decodeStage !== lib.decodeStage) throw new Error('the root and core entries hold two copies of the library')
  `
  writeFileSync(join(project, 'esm.mjs'), `import * as lib from 'apigw-canary'\nimport * as core from 'apigw-canary/core'\nimport * as simulator from 'apigw-canary/simulator'\nimport * as iac from 'apigw-canary/iac'\nimport * as t from 'io-ts'\nimport { PathReporter } from 'io-ts/lib/PathReporter.js'\nimport * as E from 'fp-ts/lib/Either.js'\nimport { pipe } from 'fp-ts/lib/function.js'\nimport { readFileSync } from 'node:fs'\nimport { isDeepStrictEqual } from 'node:util'\n${check}\n${entries}\n${theirs}\nconsole.log('esm: ok (root, core, simulator, iac; the user\\'s fp-ts and io-ts)')\n`)
  writeFileSync(join(project, 'cjs.cjs'), `const lib = require('apigw-canary')\nconst core = require('apigw-canary/core')\nconst simulator = require('apigw-canary/simulator')\nconst iac = require('apigw-canary/iac')\nconst t = require('io-ts')\nconst { PathReporter } = require('io-ts/lib/PathReporter.js')\nconst E = require('fp-ts/lib/Either.js')\nconst { pipe } = require('fp-ts/lib/function.js')\nconst { readFileSync } = require('node:fs')\nconst { isDeepStrictEqual } = require('node:util')\n;(async () => {\n${check}\n${entries}\n${theirs}\nconsole.log('cjs: ok (root, core, simulator, iac; the user\\'s fp-ts and io-ts)')\n})().catch((e) => { console.error(e); process.exit(1) })\n`)
  for (const file of ['esm.mjs', 'cjs.cjs']) execFileSync(process.execPath, [file], { cwd: project, stdio: 'inherit' })
  // A bundler (esbuild here; webpack, Rollup and Vite read the same "module" condition) takes
  // dist/bundler, which imports fp-ts and io-ts: the application's bundle holds one copy of each.
  writeFileSync(join(project, 'app.mjs'), `import { decodeStage, promote } from 'apigw-canary/core'\nimport * as E from 'fp-ts/lib/Either.js'\nimport { pipe } from 'fp-ts/lib/function.js'\nconsole.log(pipe(decodeStage({ deploymentId: 'nfcn0x', canarySettings: { deploymentId: 'eh1sby', percentTraffic: 10 } }), E.chainW(promote), E.map((s) => s.deploymentId), E.getOrElse(() => 'failed')))\n`)
  const { build } = await import('esbuild')
  const bundled = await build({ entryPoints: [join(project, 'app.mjs')], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, outfile: join(project, 'app.bundle.mjs'), logLevel: 'silent' })
  const inputs = Object.keys(bundled.metafile.inputs)
  if (!inputs.some((f) => f.includes('apigw-canary/dist/bundler/'))) throw new Error(`the bundler did not take dist/bundler: ${inputs.filter((f) => f.includes('apigw-canary')).join(', ')}`)
  const eithers = inputs.filter((f) => /fp-ts\/(lib|es6)\/Either\.js$/.test(f))
  if (eithers.length !== 1) throw new Error(`the bundle holds ${eithers.length} copies of fp-ts's Either: ${eithers.join(', ')}`)
  writeFileSync(join(project, 'app.bundle.mjs'), bundled.outputFiles[0].contents)
  if (execFileSync(process.execPath, ['app.bundle.mjs'], { cwd: project, encoding: 'utf8' }).trim() !== 'eh1sby') throw new Error('the bundled app did not promote')
  console.log("bundler: esbuild takes dist/bundler, one fp-ts in the application's bundle")
  // The executable, as npm links it.
  const bin = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin['apigw-canary']
  const help = execFileSync(process.execPath, [join(modules, 'apigw-canary', bin), '--help'], { cwd: project, encoding: 'utf8' })
  if (!/promote/.test(help) || !/serve/.test(help)) throw new Error('apigw-canary --help does not list its commands')
  // promote (the stage commands' chunk, fp-ts and io-ts inlined) and preflight (the iac chunk, which requires yaml).
  const ops = JSON.parse(execFileSync(process.execPath, [join(modules, 'apigw-canary', bin), 'promote', 'fixtures/seed-before.json'], { cwd: project, encoding: 'utf8' }))
  if (!Array.isArray(ops) || ops.length !== 3) throw new Error(`apigw-canary promote: ${JSON.stringify(ops)}`)
  const checked = JSON.parse(execFileSync(process.execPath, [join(modules, 'apigw-canary', bin), 'preflight', '--no-stage', '--template', 'fixtures/iac/canary-deployment.yaml'], { cwd: project, encoding: 'utf8' }))
  if (!Array.isArray(checked) || checked.length === 0) throw new Error(`apigw-canary preflight: ${JSON.stringify(checked)}`)
  console.log('bin: apigw-canary --help lists its commands; promote and preflight run')
  const pkg = JSON.parse(readFileSync(join(modules, 'apigw-canary', 'package.json'), 'utf8'))
  // Only the vitest entry has an effect (it registers the matchers with expect.extend).
  if (JSON.stringify(pkg.sideEffects) !== JSON.stringify(['./dist/esm/testing/vitest.js', './dist/cjs/testing/vitest.js', './dist/bundler/testing/vitest.js'])) throw new Error('sideEffects must name the vitest entry only')
  // The README's relative links (docs/*.md) must work from the registry page and the unpacked package.
  const linked = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\(((?:docs\/[^)#]+\.md)|CHANGELOG\.md)\)/g)].map((m) => m[1])
  for (const doc of [...linked, 'docs/testing.md', 'CHANGELOG.md']) if (!files.includes(doc)) throw new Error(`the tarball lacks ${doc}, which the README links to`)

  // docs/testing.md's worked example, as a user runs it: the test and the script under test
  // copied into the scratch project, the testing kit, the matchers and the simulator imported
  // from the packed package, type-checked with tsc and run with vitest.
  for (const dep of ['vitest', 'fast-check', '@aws-sdk/client-api-gateway', '@smithy/core', 'typescript']) {
    mkdirSync(join(modules, dep, '..'), { recursive: true })
    symlinkSync(join(root, 'node_modules', dep), join(modules, dep), 'dir')
  }
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }))
  for (const file of ['canary-script.ts', 'canary-script.test.ts']) cpSync(join(root, 'docs', 'examples', file), join(project, file))
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['*.ts'] })
  )
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: project, stdio: 'inherit' })
  execFileSync(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', project, '--reporter', 'dot'], {
    cwd: project,
    stdio: 'inherit',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
  })
  console.log("docs/testing.md: the worked example type-checks and passes against the packed package")
  console.log('smoke: the packed package imports both ways and promotes the docs example correctly')
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
