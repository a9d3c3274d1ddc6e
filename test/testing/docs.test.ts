/**
 * docs/testing.md shows the worked example exactly as `docs/examples/` holds it (which the suite
 * runs, and `npm run smoke` runs again from the packed tarball).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('docs/testing.md', () => {
  it('holds the example files verbatim', () => {
    const doc = read('docs/testing.md')
    const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1])
    expect(blocks).toContain(read('docs/examples/canary-script.ts'))
    expect(blocks).toContain(read('docs/examples/canary-script.test.ts'))
  })

  it('says which clock is the default, and why', () => {
    const doc = read('docs/testing.md')
    expect(doc).toContain('the default is a virtual clock')
    expect(doc).toContain('defaults to the real time')
  })
})
