// (d) Our generic RFC 6902 core (JsonPatch.applyPatch) against the same libraries on their own
// ground: a small document, 100-operation patches on a mid-size document, array inserts.
// Usage: node bench/generic.mjs <contender>   (see run.mjs, README.md)
import { pathToFileURL } from 'node:url'
import { canonical, jsonClone, prng, referenceApply, runWorkload } from './common.mjs'

const escape = (t) => String(t).replaceAll('~', '~0').replaceAll('/', '~1')

// -------------------------------------------------------------------------------------
// small document: add, replace, remove
// -------------------------------------------------------------------------------------

const smallDoc = { id: 1, name: 'widget', tags: ['a', 'b', 'c'], meta: { created: '2020-01-01', owner: { id: 7, name: 'kim' } } }
const smallOps = [
  { op: 'add', path: '/meta/updated', value: '2021-02-03' },
  { op: 'replace', path: '/name', value: 'gadget' },
  { op: 'remove', path: '/tags/1' }
]

// -------------------------------------------------------------------------------------
// a mid-size document (about 20 kB of JSON) and 100-operation patches on it
// -------------------------------------------------------------------------------------

const midDoc = (() => {
  const random = prng(42)
  const word = () => Math.floor(random() * 36 ** 6).toString(36)
  return {
    users: Array.from({ length: 50 }, (_, i) => ({
      id: i,
      name: `user-${word()}`,
      email: `${word()}@example.com`,
      roles: ['reader', ...(i % 3 === 0 ? ['writer'] : []), ...(i % 10 === 0 ? ['admin'] : [])],
      profile: { age: 20 + (i % 50), city: word(), active: i % 2 === 0 }
    })),
    settings: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key${i}`, i % 4 === 0 ? { on: true, level: i } : `value-${word()}`])),
    counters: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`c${i}`, i * 7]))
  }
})()

/**
 * A valid patch of `count` operations, drawn from `kinds`, each valid on the document the ones
 * before it produce (a scratch copy is patched along, by the reference applier).
 */
const randomPatch = (doc, count, kinds, seed) => {
  const random = prng(seed)
  const pick = (xs) => xs[Math.floor(random() * xs.length)]
  let scratch = jsonClone(doc)
  let fresh = 0
  const ops = []
  while (ops.length < count) {
    const kind = pick(kinds)
    const settings = Object.keys(scratch.settings)
    const user = Math.floor(random() * scratch.users.length)
    let op
    switch (kind) {
      case 'add':
        op = random() < 0.5 ? { op: 'add', path: `/settings/new${fresh++}`, value: { n: fresh, s: 'x' } } : { op: 'add', path: `/users/${user}/roles/-`, value: `role${fresh++}` }
        break
      case 'replace':
        op = random() < 0.5 ? { op: 'replace', path: `/settings/${escape(pick(settings))}`, value: fresh++ } : { op: 'replace', path: `/users/${user}/profile/age`, value: 30 + (fresh++ % 40) }
        break
      case 'remove':
        op = settings.length > 10 ? { op: 'remove', path: `/settings/${escape(pick(settings))}` } : { op: 'remove', path: `/users/${user}/profile/city` }
        if (op.path.endsWith('/city') && !('city' in scratch.users[user].profile)) continue
        break
      case 'move':
        op = { op: 'move', from: `/settings/${escape(pick(settings))}`, path: `/settings/moved${fresh++}` }
        break
      case 'copy':
        op = { op: 'copy', from: `/users/${user}/profile`, path: `/users/${(user + 1) % scratch.users.length}/copied${fresh++}` }
        break
      case 'test': {
        const key = pick(settings)
        op = { op: 'test', path: `/settings/${escape(key)}`, value: jsonClone(scratch.settings[key]) }
        break
      }
    }
    scratch = referenceApply(scratch, [op])
    ops.push(op)
  }
  return ops
}

const allSix = randomPatch(midDoc, 100, ['add', 'replace', 'remove', 'move', 'copy', 'test'], 7)
const threeOps = randomPatch(midDoc, 100, ['add', 'replace', 'remove'], 11)

// -------------------------------------------------------------------------------------
// array inserts: 100 adds into an array of 1,000 numbers
// -------------------------------------------------------------------------------------

const listDoc = { list: Array.from({ length: 1_000 }, (_, i) => i) }
const inserts = (() => {
  const random = prng(3)
  return Array.from({ length: 100 }, (_, i) => ({ op: 'add', path: `/list/${i % 10 === 0 ? '-' : Math.floor(random() * (1_000 + i))}`, value: -i }))
})()

const makeCase = (name, doc, ops) => ({ name, ours: 'json-patch', doc, ops, expected: referenceApply(doc, ops) })

export const cases = [
  makeCase('small doc: add, replace, remove (3 ops)', smallDoc, smallOps),
  makeCase('mid-size doc (20 kB): 100 ops of all six kinds', midDoc, allSix),
  makeCase('mid-size doc (20 kB): 100 ops of add, replace, remove', midDoc, threeOps),
  makeCase('array inserts: 100 adds into 1,000 elements', listDoc, inserts)
]

if (process.env['BENCH_DESCRIBE'] === '1') {
  for (const c of cases) console.error(`${c.name}: ${JSON.stringify(c.doc).length} bytes, ops ${JSON.stringify(c.ops.reduce((n, o) => ({ ...n, [o.op]: (n[o.op] ?? 0) + 1 }), {}))}, result ${canonical(c.expected).length} bytes`)
}

// Run only as a script (the profiling notes in README.md import `cases`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runWorkload('generic', cases)
