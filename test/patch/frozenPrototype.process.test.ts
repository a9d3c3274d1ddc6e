/**
 * The applier on a hardened runtime (`Object.prototype` frozen, as SES does), in a process of its
 * own (freezing the prototype would change every other test's world): a record holding a key
 * the prototype also has (`toString`), own but not enumerable, so that a copy of the record lacks
 * it. Setting it on the copy must define it (an assignment would hit the frozen prototype's
 * read-only `toString` and throw): a `Right`, never a throw, the input untouched.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { removeTranspiled, transpileSources } from '../cli/transpiled.js'

let out = ''

beforeAll(() => {
  out = transpileSources('frozen-prototype')
})

afterAll(() => removeTranspiled(out))

const script = (dir: string): string => `
const { applyPatch } = await import(${JSON.stringify(join(dir, 'patch', 'StagePatch.js'))})
Object.freeze(Object.prototype)
const variables = { a: '1' }
Object.defineProperty(variables, 'toString', { value: 'old', enumerable: false, writable: true, configurable: true })
const stage = Object.freeze({ stageName: 'prod', deploymentId: 'nfcn0x', variables: Object.freeze(variables) })
const answers = [
  [{ op: 'replace', path: '/variables/toString', value: 'new' }],
  [{ op: 'replace', path: '/variables/a', value: '2' }, { op: 'replace', path: '/variables/toString', value: 'new' }]
].map((ops) => {
  try {
    const r = applyPatch(stage, ops)
    return r._tag === 'Right' ? { variables: { ...r.right.variables }, own: Object.hasOwn(r.right.variables, 'toString') } : r.left.message
  } catch (e) {
    return 'threw: ' + e.message
  }
})
process.stdout.write(JSON.stringify({ answers, input: variables.toString }))
`

describe('the applier with Object.prototype frozen', () => {
  it('sets a key the prototype holds on a copy that lacks it: defined, not assigned', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(out)], { encoding: 'utf8', timeout: 20_000 })
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toStrictEqual({
      answers: [
        { variables: { a: '1', toString: 'new' }, own: true },
        { variables: { a: '2', toString: 'new' }, own: true }
      ],
      input: 'old'
    })
  })
})
