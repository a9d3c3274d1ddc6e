/**
 * JSON Patch (RFC 6902): examples first (each operation, its failures and their messages,
 * untrusted input, hostile pointers, deep documents), then the laws as properties
 * (statements in `test/laws/JsonPatch.ts`). The RFC's own examples and the public suite run
 * in `JsonPatch.conformance.test.ts`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as fc from 'fast-check'
import { isDeepStrictEqual } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import * as JsonPatch from '../../src/json/JsonPatch.js'
import * as JsonPointer from '../../src/json/JsonPointer.js'
import { deepFreeze, expectLeft, expectRight, prototypesClean } from '../helpers.js'
import * as laws from '../laws/JsonPatch.js'

type Json = JsonPatch.Json
type Operation = JsonPatch.Operation

const apply = (doc: Json, ...ops: ReadonlyArray<Operation>): E.Either<JsonPatch.JsonPatchError, Json> => JsonPatch.applyPatch(deepFreeze(doc), ops)
/** An array with a hole before its last element: `withHole([1, 3])` is `[1, <hole>, 3]`. */
const withHole = (items: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const holey = items.slice(0, -1)
  holey[items.length] = items[items.length - 1]
  return holey
}
/** Feeds anything to the typed API, as a JavaScript caller could. */
const untyped = <A>(u: unknown): A => u as A

describe('add: examples', () => {
  it('adds an object member, replacing one that is there', () => {
    expect(expectRight(apply({ foo: 'bar' }, { op: 'add', path: '/baz', value: 'qux' }))).toEqual({ foo: 'bar', baz: 'qux' })
    expect(expectRight(apply({ foo: null }, { op: 'add', path: '/foo', value: 1 }))).toEqual({ foo: 1 })
  })

  it('inserts into an array at an index, at its length, or at "-"', () => {
    expect(expectRight(apply(['a', 'c'], { op: 'add', path: '/1', value: 'b' }))).toEqual(['a', 'b', 'c'])
    expect(expectRight(apply(['a'], { op: 'add', path: '/1', value: 'b' }))).toEqual(['a', 'b'])
    expect(expectRight(apply({ x: [1, [2]] }, { op: 'add', path: '/x/1/-', value: [3] }))).toEqual({ x: [1, [2, [3]]] })
  })

  it('replaces the whole document at ""', () => {
    expect(expectRight(apply({ a: 1 }, { op: 'add', path: '', value: [1] }))).toEqual([1])
  })

  it('fails past the end of an array, at a missing parent, or inside a scalar', () => {
    expect(expectLeft(apply({ a: [1, 2] }, { op: 'add', path: '/a/3', value: 0 }))).toEqual({
      _tag: 'PathNotFound',
      index: 0,
      path: '/a/3',
      message: 'operation 0 (add): path /a/3: index 3 is out of bounds: the array has 2 elements, so add can insert at 0 to 2 (or "-" for the end)'
    })
    expect(expectLeft(apply({ q: 1 }, { op: 'add', path: '/a/b', value: 0 })).message).toBe(
      'operation 0 (add): path /a/b cannot be added: its parent /a does not exist (add does not create missing parents)'
    )
    expect(expectLeft(apply({ a: 'text' }, { op: 'add', path: '/a/b', value: 0 })).message).toBe(
      'operation 0 (add): path /a/b does not exist: /a is "text", not an object or array'
    )
    expect(expectLeft(apply(['x'], { op: 'add', path: '/bar', value: 0 }))._tag).toBe('InvalidPointer')
  })
})

describe('remove: examples', () => {
  it('removes an object member or an array element', () => {
    expect(expectRight(apply({ a: 1, b: 2 }, { op: 'remove', path: '/a' }))).toEqual({ b: 2 })
    expect(expectRight(apply([1, 2, 3], { op: 'remove', path: '/1' }))).toEqual([1, 3])
  })

  it('says which operation failed and why', () => {
    const doc = { a: {} }
    const ops: ReadonlyArray<Operation> = [
      { op: 'add', path: '/x', value: 1 },
      { op: 'test', path: '/x', value: 1 },
      { op: 'remove', path: '/a/b' }
    ]
    expect(expectLeft(apply(doc, ...ops))).toEqual({ _tag: 'PathNotFound', index: 2, path: '/a/b', message: 'operation 2 (remove): path /a/b does not exist' })
  })

  it('refuses to remove the whole document', () => {
    expect(expectLeft(apply({ a: 1 }, { op: 'remove', path: '' }))).toMatchObject({ _tag: 'InvalidOperation', index: 0 })
  })
})

describe('replace: examples', () => {
  it('replaces an existing member, element or the root', () => {
    expect(expectRight(apply({ a: 1, b: 2 }, { op: 'replace', path: '/a', value: [9] }))).toEqual({ a: [9], b: 2 })
    expect(expectRight(apply([1, 2], { op: 'replace', path: '/1', value: null }))).toEqual([1, null])
    expect(expectRight(apply({ a: 1 }, { op: 'replace', path: '', value: 'x' }))).toBe('x')
  })

  it('keeps the order of the keys', () => {
    expect(Object.keys(expectRight(apply({ a: 1, b: 2, c: 3 }, { op: 'replace', path: '/b', value: 0 })) as object)).toEqual(['a', 'b', 'c'])
  })

  it('fails where nothing exists, and on an index equal to the length', () => {
    expect(expectLeft(apply({ a: 1 }, { op: 'replace', path: '/b', value: 0 }))).toMatchObject({ _tag: 'PathNotFound', path: '/b' })
    expect(expectLeft(apply([1], { op: 'replace', path: '/1', value: 0 })).message).toBe(
      'operation 0 (replace): path /1: index 1 is out of bounds: the array has 1 elements, at indices 0 to 0'
    )
  })
})

describe('move and copy: examples', () => {
  it('moves a member and an array element (RFC 6902 A.6, A.7)', () => {
    expect(expectRight(apply({ foo: { waldo: 'fred' }, qux: {} }, { op: 'move', from: '/foo/waldo', path: '/qux/thud' }))).toEqual({ foo: {}, qux: { thud: 'fred' } })
    expect(expectRight(apply(['all', 'grass', 'cows', 'eat'], { op: 'move', from: '/1', path: '/3' }))).toEqual(['all', 'cows', 'eat', 'grass'])
  })

  it('moving to the same location returns the document itself', () => {
    const doc = deepFreeze({ a: { b: 1 } })
    expect(expectRight(JsonPatch.applyOperation(doc, { op: 'move', from: '/a', path: '/a' }))).toBe(doc)
  })

  it('refuses to move a location into its own child', () => {
    expect(expectLeft(apply({ a: { b: {} } }, { op: 'move', from: '/a', path: '/a/b/c' }))).toEqual({
      _tag: 'InvalidOperation',
      index: 0,
      message: 'operation 0 (move): cannot move /a into its own child /a/b/c; copy it instead'
    })
    expect(expectLeft(apply({ a: 1 }, { op: 'move', from: '', path: '/a' }))._tag).toBe('InvalidOperation')
    expect(expectRight(apply({ a: 1, ab: 2 }, { op: 'move', from: '/a', path: '/ab' }))).toEqual({ ab: 1 })
  })

  it('needs from to exist, and names it', () => {
    expect(expectLeft(apply({ a: 1 }, { op: 'copy', from: '/b', path: '/c' }))).toEqual({
      _tag: 'PathNotFound',
      index: 0,
      path: '/b',
      message: 'operation 0 (copy): from /b does not exist'
    })
    expect(expectLeft(apply([1], { op: 'move', from: '/-', path: '/0' }))._tag).toBe('InvalidPointer')
  })

  it('copy shares the copied value, and later changes to either side leave the other alone', () => {
    const doc = deepFreeze({ a: { b: [1] } })
    const copied = expectRight(JsonPatch.applyOperation(doc, { op: 'copy', from: '/a', path: '/c' })) as { a: Json; c: Json }
    expect(copied.c).toBe(doc.a)
    const changed = expectRight(JsonPatch.applyOperation(copied, { op: 'add', path: '/c/b/-', value: 2 }))
    expect(changed).toEqual({ a: { b: [1] }, c: { b: [1, 2] } })
  })

  it('within one patch, a write under a copy (or under its source) leaves the other side alone', () => {
    // the first operation creates /a and /a/b in this call; the copy must not let the third
    // operation write into them in place, or the change would show at /a and at /c
    const ops: ReadonlyArray<Operation> = [
      { op: 'add', path: '/a/b/-', value: 1 },
      { op: 'copy', from: '/a', path: '/c' },
      { op: 'add', path: '/c/b/-', value: 2 },
      { op: 'replace', path: '/a/x', value: 'source' }
    ]
    expect(expectRight(apply({ a: { b: [0], x: 0 } }, ...ops))).toEqual({ a: { b: [0, 1], x: 'source' }, c: { b: [0, 1, 2], x: 0 } })
  })

  it('within one patch, a copy into its own child does not make a cycle', () => {
    const ops: ReadonlyArray<Operation> = [
      { op: 'add', path: '/x/n', value: 1 },
      { op: 'copy', from: '/x', path: '/x/y' },
      { op: 'add', path: '/x/y/m', value: 2 }
    ]
    expect(expectRight(apply({ x: {} }, ...ops))).toEqual({ x: { n: 1, y: { n: 1, m: 2 } } })
  })

  it('within one patch, a moved container can still be changed where it lands, and only there', () => {
    const ops: ReadonlyArray<Operation> = [
      { op: 'add', path: '/a/k', value: 1 },
      { op: 'move', from: '/a', path: '/b' },
      { op: 'add', path: '/b/l', value: 2 },
      { op: 'add', path: '/a', value: { fresh: true } },
      { op: 'remove', path: '/b/k' }
    ]
    expect(expectRight(apply({ a: {} }, ...ops))).toEqual({ a: { fresh: true }, b: { l: 2 } })
  })

  it('never writes into a value the caller gave, even after it is in the document', () => {
    const value = deepFreeze({ list: [1], o: { p: 1 } })
    const ops: ReadonlyArray<Operation> = [
      { op: 'add', path: '/v', value },
      { op: 'add', path: '/v/list/-', value: 2 },
      { op: 'replace', path: '/v/o/p', value: 2 },
      { op: 'remove', path: '/v/o' }
    ]
    expect(expectRight(apply({}, ...ops))).toEqual({ v: { list: [1, 2] } })
    expect(value).toEqual({ list: [1], o: { p: 1 } })
  })
})

describe('test: examples', () => {
  it('compares deeply: key order does not matter, array order does, numbers by value', () => {
    const doc = { a: { x: 1, y: [1, { z: null }] } }
    expect(E.isRight(apply(doc, { op: 'test', path: '/a', value: { y: [1, { z: null }], x: 1.0 } }))).toBe(true)
    expect(E.isRight(apply({ n: 0 }, { op: 'test', path: '/n', value: -0 }))).toBe(true)
    expect(E.isLeft(apply(doc, { op: 'test', path: '/a/y', value: [{ z: null }, 1] }))).toBe(true)
    expect(E.isLeft(apply({ n: 10 }, { op: 'test', path: '/n', value: '10' }))).toBe(true)
    expect(E.isLeft(apply({ o: {} }, { op: 'test', path: '/o', value: [] }))).toBe(true)
    expect(E.isLeft(apply({ o: { a: 1 } }, { op: 'test', path: '/o', value: { a: 1, b: 2 } }))).toBe(true)
    expect(E.isLeft(apply({ o: { a: 1, c: 2 } }, { op: 'test', path: '/o', value: { a: 1, b: 2 } }))).toBe(true)
  })

  it('returns the document itself on success', () => {
    const doc = deepFreeze({ a: [1] })
    expect(expectRight(JsonPatch.applyOperation(doc, { op: 'test', path: '', value: { a: [1] } }))).toBe(doc)
  })

  it('says what it found', () => {
    expect(expectLeft(apply({ baz: 'qux' }, { op: 'test', path: '/baz', value: 'bar' }))).toEqual({
      _tag: 'TestFailed',
      index: 0,
      path: '/baz',
      message: 'operation 0 (test): path /baz holds "qux", which is not equal to the given value "bar"'
    })
  })

  it('does not read inherited members', () => {
    expect(expectLeft(apply({}, { op: 'test', path: '/toString', value: null }))._tag).toBe('PathNotFound')
    expect(expectLeft(apply([], { op: 'test', path: '/length', value: 0 }))._tag).toBe('InvalidPointer')
  })
})

describe('applyPatch: examples', () => {
  it('the empty patch returns the document itself', () => {
    const doc = deepFreeze({ a: 1 })
    expect(expectRight(JsonPatch.applyPatch(doc, []))).toBe(doc)
  })

  it('each operation sees the result of the ones before', () => {
    expect(
      expectRight(
        apply(
          { list: [] },
          { op: 'add', path: '/list/-', value: 'a' },
          { op: 'add', path: '/list/-', value: 'b' },
          { op: 'copy', from: '/list/0', path: '/first' },
          { op: 'remove', path: '/list/0' },
          { op: 'test', path: '/list', value: ['b'] }
        )
      )
    ).toEqual({ list: ['b'], first: 'a' })
  })

  it('is all or nothing: the first failure is the answer', () => {
    const doc = deepFreeze({ a: 1 })
    const e = expectLeft(JsonPatch.applyPatch(doc, [{ op: 'add', path: '/b', value: 2 }, { op: 'test', path: '/a', value: 2 }, { op: 'remove', path: '/zz' }]))
    expect(e).toMatchObject({ _tag: 'TestFailed', index: 1 })
    expect(doc).toEqual({ a: 1 })
  })

  it('shares every subtree it does not change', () => {
    const doc = deepFreeze({ keep: { deep: [1, 2] }, change: { inner: { x: 1 }, sibling: [3] }, list: [{ a: 1 }, { b: 2 }] })
    const result = expectRight(
      JsonPatch.applyPatch(doc, [
        { op: 'replace', path: '/change/inner/x', value: 2 },
        { op: 'add', path: '/list/1', value: 0 }
      ])
    ) as typeof doc
    expect(result.keep).toBe(doc.keep)
    expect(result.change.sibling).toBe(doc.change.sibling)
    expect(result.list[0]).toBe(doc.list[0])
    expect(result.list[2]).toBe(doc.list[1])
    expect(result.change.inner).toEqual({ x: 2 })
    expect(doc.change.inner.x).toBe(1)
  })
})

describe('decodeOperations: examples', () => {
  it('keeps only the members of each operation', () => {
    expect(
      expectRight(
        JsonPatch.decodeOperations([
          { op: 'add', path: '/a', value: { b: [1] }, extra: 1 },
          { op: 'remove', path: '/a', value: 'ignored' },
          { op: 'move', from: '/x', path: '/y', value: 1 }
        ])
      )
    ).toEqual([
      { op: 'add', path: '/a', value: { b: [1] } },
      { op: 'remove', path: '/a' },
      { op: 'move', from: '/x', path: '/y' }
    ])
  })

  it('accepts objects without a prototype as JSON', () => {
    const value = Object.assign(Object.create(null) as object, { a: 1 })
    expect(E.isRight(JsonPatch.decodeOperations([{ op: 'add', path: '/v', value }]))).toBe(true)
  })

  const cyclic: Record<string, unknown> = {}
  cyclic['self'] = cyclic
  const throwing = Object.defineProperty({}, 'x', {
    enumerable: true,
    get: () => {
      throw new Error('boom')
    }
  })
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const deep = (n: number): unknown => {
    let v: unknown = 0
    for (let i = 0; i < n; i++) v = [v]
    return v
  }
  const shared = [1, 2]

  const invalid: ReadonlyArray<readonly [string, unknown, string]> = [
    ['not an array', { op: 'add', path: '/a', value: 1 }, 'InvalidOperation'],
    ['null', null, 'InvalidOperation'],
    ['a string', '[]', 'InvalidOperation'],
    ['an operation that is not an object', [1], 'InvalidOperation'],
    ['an operation that is an array', [['add', '/a', 1]], 'InvalidOperation'],
    ['no op', [{ path: '/a', value: 1 }], 'InvalidOperation'],
    ['an unknown op', [{ op: 'spam', path: '/a', value: 1 }], 'InvalidOperation'],
    ['an op that is not a string', [{ op: ['add'], path: '/a', value: 1 }], 'InvalidOperation'],
    ['an op in capitals', [{ op: 'ADD', path: '/a', value: 1 }], 'InvalidOperation'],
    ['no path', [{ op: 'remove' }], 'InvalidOperation'],
    ['a null path', [{ op: 'add', path: null, value: 1 }], 'InvalidOperation'],
    ['a number path', [{ op: 'remove', path: 0 }], 'InvalidOperation'],
    ['a path without "/"', [{ op: 'remove', path: 'a' }], 'InvalidPointer'],
    ['no value for add', [{ op: 'add', path: '/a' }], 'InvalidOperation'],
    ['no value for replace', [{ op: 'replace', path: '/a' }], 'InvalidOperation'],
    ['no value for test', [{ op: 'test', path: '/a' }], 'InvalidOperation'],
    ['an undefined value', [{ op: 'add', path: '/a', value: undefined }], 'InvalidOperation'],
    ['no from for move', [{ op: 'move', path: '/a' }], 'InvalidOperation'],
    ['a number from for copy', [{ op: 'copy', from: 1, path: '/a' }], 'InvalidOperation'],
    ['a malformed from', [{ op: 'copy', from: '/a~', path: '/b' }], 'InvalidPointer'],
    ['undefined inside the value', [{ op: 'add', path: '/a', value: { b: undefined } }], 'InvalidJson'],
    ['NaN', [{ op: 'add', path: '/a', value: Number.NaN }], 'InvalidJson'],
    ['Infinity', [{ op: 'add', path: '/a', value: [Number.POSITIVE_INFINITY] }], 'InvalidJson'],
    ['a function', [{ op: 'add', path: '/a', value: () => 1 }], 'InvalidJson'],
    ['a bigint', [{ op: 'add', path: '/a', value: 1n }], 'InvalidJson'],
    ['a symbol', [{ op: 'add', path: '/a', value: Symbol('s') }], 'InvalidJson'],
    ['a Date', [{ op: 'add', path: '/a', value: new Date(0) }], 'InvalidJson'],
    ['a Map', [{ op: 'add', path: '/a', value: new Map() }], 'InvalidJson'],
    ['a sparse array', [{ op: 'add', path: '/a', value: withHole([1, 3]) }], 'InvalidJson'],
    ['a cycle', [{ op: 'add', path: '/a', value: cyclic }], 'InvalidJson'],
    ['a getter that throws', [{ op: 'add', path: '/a', value: throwing }], 'InvalidJson'],
    ['a revoked proxy value', [{ op: 'test', path: '/a', value: revoked.proxy }], 'InvalidJson'],
    ['a revoked proxy operation', [revoked.proxy], 'InvalidJson'],
    ['a revoked proxy patch', revoked.proxy, 'InvalidOperation'],
    ['a value nested deeper than maxDepth', [{ op: 'add', path: '/a', value: deep(JsonPatch.maxDepth + 1) }], 'InvalidJson']
  ]
  for (const [name, input, tag] of invalid) {
    it(`refuses ${name} with ${tag}, without throwing`, () => {
      expect(expectLeft(JsonPatch.decodeOperations(input))._tag).toBe(tag)
    })
  }

  it('accepts a value that shares a subtree (not a cycle) and one exactly maxDepth deep', () => {
    expect(E.isRight(JsonPatch.decodeOperations([{ op: 'add', path: '/a', value: [shared, { s: shared }] }]))).toBe(true)
    expect(E.isRight(JsonPatch.decodeOperations([{ op: 'add', path: '/a', value: deep(JsonPatch.maxDepth) }]))).toBe(true)
  })

  it('messages say which operation and what to do', () => {
    expect(expectLeft(JsonPatch.decodeOperations([{ op: 'remove', path: '/a' }, { op: 'spam', path: '/a' }]))).toEqual({
      _tag: 'InvalidOperation',
      index: 1,
      message: 'operation 1: op is "spam"; use one of add, remove, replace, move, copy, test'
    })
    expect(expectLeft(JsonPatch.decodeOperations([{ op: 'add', path: '/a', value: { d: new Date(0) } }])).message).toBe(
      'operation 0 (add): value is not JSON: it holds an object that is not a plain object or array'
    )
    expect(expectLeft(JsonPatch.decodeOperations('x')).message).toBe('the patch is "x", not an array of operations; send [] for no change')
  })
})

describe('totality: applyPatch never throws', () => {
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const throwingOp = Object.defineProperty({ op: 'add', value: 1 }, 'path', {
    enumerable: true,
    get: () => {
      throw new Error('boom')
    }
  })
  const cases: ReadonlyArray<readonly [string, unknown, unknown, string]> = [
    ['operations that are not an array', {}, { length: 1, 0: { op: 'remove', path: '' } }, 'InvalidOperation'],
    ['a null operation', {}, [null], 'InvalidOperation'],
    ['a hole in the operations', {}, withHole([{ op: 'remove', path: '/a' }]), 'InvalidOperation'],
    ['a non-string path', {}, [{ op: 'remove', path: ['a'] }], 'InvalidOperation'],
    ['an operation whose getter throws', {}, [throwingOp], 'InvalidJson'],
    ['a revoked proxy as the document', revoked.proxy, [{ op: 'add', path: '/a', value: 1 }], 'InvalidJson'],
    ['a revoked proxy as the patch', {}, revoked.proxy, 'InvalidOperation'],
    ['an undefined document', undefined, [{ op: 'remove', path: '/a' }], 'PathNotFound'],
    ['an index of 2^32', { a: [] }, [{ op: 'add', path: '/a/4294967296', value: 1 }], 'InvalidPointer'],
    ['an index of 400 digits', { a: [] }, [{ op: 'add', path: `/a/${'9'.repeat(400)}`, value: 1 }], 'InvalidPointer']
  ]
  for (const [name, doc, ops, tag] of cases) {
    it(`gives a Left (${tag}) for ${name}`, () => {
      expect(expectLeft(JsonPatch.applyPatch(untyped<Json>(doc), untyped<ReadonlyArray<Operation>>(ops)))._tag).toBe(tag)
    })
  }

  it('on any value as document and operations', () => {
    const anyOp = fc.record(
      { op: fc.oneof(fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), fc.anything()), path: fc.oneof(fc.constantFrom('', '/', '/a', '/0', '/-', '/a/b'), fc.anything()), from: fc.anything(), value: fc.anything() },
      { requiredKeys: [] }
    )
    fc.assert(
      fc.property(fc.anything(), fc.oneof(fc.array(fc.oneof(anyOp, fc.anything()), { maxLength: 4 }), fc.anything()), (doc, ops) => {
        const result = JsonPatch.applyPatch(untyped<Json>(doc), untyped<ReadonlyArray<Operation>>(ops))
        return E.isLeft(result) || E.isRight(result)
      })
    )
  })
})

describe('hostile pointers: each is refused, and no prototype gains a key', () => {
  afterEach(() => {
    expect(prototypesClean()).toBe(true)
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
  })

  const doc = (): Json => deepFreeze({ a: { b: 1 }, list: [1, 2] })
  const refused = (op: Operation, tag: JsonPatch.JsonPatchError['_tag']): void => {
    const input = doc()
    const e = expectLeft(JsonPatch.applyPatch(input, [op]))
    expect(e._tag, e.message).toBe(tag)
    expect(input).toEqual({ a: { b: 1 }, list: [1, 2] })
  }

  it('/__proto__/x', () => {
    refused({ op: 'add', path: '/__proto__/x', value: 'polluted' }, 'InvalidPointer')
    refused({ op: 'add', path: '/__proto__/polluted', value: true }, 'InvalidPointer')
    refused({ op: 'replace', path: '/__proto__', value: { polluted: true } }, 'InvalidPointer')
  })

  it('/constructor/prototype/x', () => {
    refused({ op: 'add', path: '/constructor/prototype/x', value: 1 }, 'InvalidPointer')
    refused({ op: 'add', path: '/constructor/prototype/polluted', value: 1 }, 'InvalidPointer')
  })

  it('/a/__proto__', () => refused({ op: 'add', path: '/a/__proto__', value: { polluted: true } }, 'InvalidPointer'))

  it('/a/constructor', () => refused({ op: 'replace', path: '/a/constructor', value: 1 }, 'InvalidPointer'))

  it('/prototype, and forbidden keys in from', () => {
    refused({ op: 'add', path: '/prototype', value: 1 }, 'InvalidPointer')
    refused({ op: 'copy', from: '/__proto__', path: '/p' }, 'InvalidPointer')
    refused({ op: 'move', from: '/a/constructor', path: '/c' }, 'InvalidPointer')
    refused({ op: 'test', path: '/constructor', value: null }, 'InvalidPointer')
  })

  it('~2', () => refused({ op: 'add', path: '/a/~2', value: 1 }, 'InvalidPointer'))

  it('a trailing ~', () => refused({ op: 'remove', path: '/a/b~' }, 'InvalidPointer'))

  it('/a/01 (a leading zero)', () => {
    refused({ op: 'remove', path: '/list/01' }, 'InvalidPointer')
    refused({ op: 'test', path: '/list/00', value: 1 }, 'InvalidPointer')
  })

  it('/a/1e0 (an exponent)', () => refused({ op: 'replace', path: '/list/1e0', value: 0 }, 'InvalidPointer'))

  it('/a/- in remove, replace, test and from', () => {
    refused({ op: 'remove', path: '/list/-' }, 'InvalidPointer')
    refused({ op: 'replace', path: '/list/-', value: 0 }, 'InvalidPointer')
    refused({ op: 'test', path: '/list/-', value: 2 }, 'InvalidPointer')
    refused({ op: 'copy', from: '/list/-', path: '/list/0' }, 'InvalidPointer')
    refused({ op: 'add', path: '/list/-/x', value: 0 }, 'InvalidPointer')
  })

  it('an index past 2^32', () => {
    refused({ op: 'add', path: '/list/4294967296', value: 1 }, 'InvalidPointer')
    refused({ op: 'add', path: '/list/4294967295', value: 1 }, 'InvalidPointer')
    refused({ op: 'remove', path: '/list/18446744073709551616' }, 'InvalidPointer')
    refused({ op: 'add', path: '/list/4294967294', value: 1 }, 'PathNotFound')
  })

  it('escaped forms: __proto__ spelled with JSON \\u escapes, and through decodeOperations', () => {
    const ops = JSON.parse('[{"op":"add","path":"/\\u005f\\u005fproto\\u005f\\u005f/polluted","value":true}]') as unknown
    expect(expectLeft(JsonPatch.decodeOperations(ops))._tag).toBe('InvalidPointer')
    refused(untyped<ReadonlyArray<Operation>>(ops)[0] as Operation, 'InvalidPointer')
    refused({ op: 'remove', path: '/a/constructor~1' }, 'PathNotFound')
  })

  it('a __proto__ key inside a value stays plain data', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true}}') as Json
    const result = expectRight(JsonPatch.applyPatch(doc(), [{ op: 'add', path: '/v', value }, { op: 'add', path: '/v2', value: 1 }])) as Record<string, Json>
    expect(Object.hasOwn(result['v'] as object, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.getPrototypeOf(result['v'])).toBe(Object.prototype)
  })

  it('keys that Object.prototype answers to stay own data properties when written twice in one patch', () => {
    const ops: ReadonlyArray<Operation> = ['toString', 'valueOf', 'hasOwnProperty', '__defineSetter__'].flatMap((k): ReadonlyArray<Operation> => [
      { op: 'add', path: `/${k}`, value: 1 },
      { op: 'replace', path: `/${k}`, value: { k } },
      { op: 'add', path: `/o/${k}`, value: 2 }
    ])
    const result = expectRight(JsonPatch.applyPatch(doc(), [{ op: 'add', path: '/o', value: {} }, ...ops])) as Record<string, Json>
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(result, 'toString')).toEqual({ value: { k: 'toString' }, writable: true, enumerable: true, configurable: true })
    expect(Object.getOwnPropertyDescriptor(result['o'], '__defineSetter__')).toEqual({ value: 2, writable: true, enumerable: true, configurable: true })
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  it('a document with an own __proto__ key keeps it own through updates', () => {
    const input = deepFreeze(JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Json)
    const result = expectRight(JsonPatch.applyPatch(input, [{ op: 'replace', path: '/a', value: 2 }, { op: 'remove', path: '/a' }])) as object
    expect(Object.hasOwn(result, '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype)
    expect((result as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('deep documents', () => {
  const nest = (depth: number, leaf: Json): Json => {
    let v: Json = leaf
    for (let i = 0; i < depth; i++) v = { a: v, s: { i } }
    return v
  }
  const depth = 200_000

  it(`patches ${depth} levels down without recursion, sharing the siblings`, () => {
    const doc = nest(depth, 'leaf')
    const path = '/a'.repeat(depth)
    const result = expectRight(JsonPatch.applyPatch(doc, [{ op: 'replace', path, value: 'new' }, { op: 'test', path, value: 'new' }]))
    expect(E.isRight(JsonPatch.applyPatch(doc, [{ op: 'test', path, value: 'leaf' }]))).toBe(true)
    // (not `expect(result).not.toBe(doc)`: vitest then compares the two deeply, recursively)
    expect(result === doc).toBe(false)
    type Level = { readonly a: Json; readonly s: Json }
    let before = doc as Level
    let after = result as Level
    for (let i = 0; i < depth; i++) {
      if (after === before || after.s !== before.s) expect.unreachable(`level ${i} is shared, or copied its sibling`)
      if (i < depth - 1) [before, after] = [before.a as Level, after.a as Level]
    }
    expect([before.a, after.a]).toEqual(['leaf', 'new'])
  })

  it('compares values nested to maxDepth, and refuses deeper ones with a Left', () => {
    const ok = JsonPatch.maxDepth - 10
    expect(E.isRight(JsonPatch.applyPatch(nest(ok, 1), [{ op: 'test', path: '', value: nest(ok, 1) }]))).toBe(true)
    expect(expectLeft(JsonPatch.applyPatch(nest(ok, 1), [{ op: 'test', path: '', value: nest(ok, 2) }]))._tag).toBe('TestFailed')
    expect(expectLeft(JsonPatch.applyPatch(nest(depth, 1), [{ op: 'test', path: '', value: nest(depth, 1) }]))._tag).toBe('InvalidJson')
  })

  it('a cyclic value given to the typed API gives a Left, not a hang', () => {
    const cyclic: Record<string, unknown> = { k: 1 }
    cyclic['self'] = cyclic
    const other: Record<string, unknown> = { k: 1 }
    other['self'] = other
    expect(expectLeft(JsonPatch.applyPatch(untyped<Json>(cyclic), [{ op: 'test', path: '', value: untyped<Json>(other) }]))._tag).toBe('InvalidJson')
  })
})

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

// Keys with the characters a pointer escapes; never a forbidden key (those have their own tests).
const key = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/', '~', '0', '1', '-', ' '), maxLength: 3 }).filter((k) => !JsonPointer.isForbiddenKey(k))
const scalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)), fc.string({ maxLength: 4 }))
const { json } = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4, noNullPrototype: true })
  )
}))
const container: fc.Arbitrary<Json> = fc.oneof(fc.array(json, { maxLength: 5 }), fc.dictionary(key, json, { maxKeys: 5, noNullPrototype: true }))
const choices = fc.array(fc.nat(), { maxLength: 5 })

/** A location to add at: an existing container, then a fresh or existing key, or an index up to the length. */
const addPath = (doc: Json, cs: ReadonlyArray<number>, k: string, n: number): string => {
  const parent = laws.pickContainer(doc, cs)
  const target = laws.valueAt(doc, parent)
  const last = Array.isArray(target) ? String(n % (target.length + 1)) : k
  return JsonPointer.format([...parent, last])
}

/** A recipe for an operation, made concrete against a document (so most of them apply). */
const recipe = fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test'), path: choices, from: choices, key, n: fc.nat(), value: json })
type Recipe = typeof recipe extends fc.Arbitrary<infer R> ? R : never
const concrete = (doc: Json, r: Recipe): Operation => {
  const existing = JsonPointer.format(laws.pickPath(doc, r.path))
  switch (r.op) {
    case 'add':
      return { op: 'add', path: addPath(doc, r.path, r.key, r.n), value: r.value }
    case 'remove':
      return { op: 'remove', path: existing }
    case 'replace':
    case 'test':
      return { op: r.op, path: existing, value: r.op === 'test' && r.n % 2 === 0 ? (laws.valueAt(doc, laws.pickPath(doc, r.path)) ?? null) : r.value }
    default:
      return { op: r.op as 'move' | 'copy', from: JsonPointer.format(laws.pickPath(doc, r.from)), path: addPath(doc, r.path, r.key, r.n) }
  }
}
const docAndOps = fc.tuple(container, fc.array(recipe, { maxLength: 6 })).map(([doc, rs]) => [doc, rs.map((r) => concrete(doc, r))] as const)

// -------------------------------------------------------------------------------------
// copy-on-first-write: patches that write where a copy or a move has just put a value
// -------------------------------------------------------------------------------------

// One applyPatch call updates in place the containers it created itself. The risk is a
// container reachable from two places (after `copy`) or a caller's value being written to.
// The patches below are made one operation at a time against the document so far, and most
// of their operations act under the source or the destination of a recent copy or move.

/** A deliberately plain RFC 6902 applier: mutable, on a deep clone, no sharing at all; throws on any error. */
const referenceApply = (doc: Json, ops: ReadonlyArray<Operation>): Json => {
  type Node = Array<Json> | Record<string, Json>
  const tokens = (pointer: string): Array<string> => (pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~')))
  const canonical = (v: Json): string =>
    JSON.stringify(v, (_, x: unknown) =>
      typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x
    )
  let root = structuredClone(doc)
  /** The container holding the last token and the key in it; `undefined` for the root. */
  const resolve = (ts: ReadonlyArray<string>, insert: boolean): readonly [Node, string | number] | undefined => {
    if (ts.length === 0) return undefined
    let node: Json | undefined = root
    for (const t of ts.slice(0, -1)) {
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, t) || (Array.isArray(node) && !/^(0|[1-9][0-9]*)$/.test(t))) throw new Error(`no ${t}`)
      node = (node as Record<string, Json>)[t]
    }
    if (typeof node !== 'object' || node === null) throw new Error('not a container')
    const last = ts[ts.length - 1] as string
    if (Array.isArray(node)) {
      const i = last === '-' && insert ? node.length : /^(0|[1-9][0-9]*)$/.test(last) ? Number(last) : Number.NaN
      if (!(i <= node.length - (insert ? 0 : 1))) throw new Error(`bad index ${last}`)
      return [node as Array<Json>, i]
    }
    if (!insert && !Object.hasOwn(node, last)) throw new Error(`no ${last}`)
    return [node as Record<string, Json>, last]
  }
  const get = (ts: ReadonlyArray<string>): Json => {
    const at = resolve(ts, false)
    return at === undefined ? root : ((at[0] as Record<string | number, Json>)[at[1]] as Json)
  }
  const add = (ts: ReadonlyArray<string>, value: Json): void => {
    const at = resolve(ts, true)
    if (at === undefined) root = value
    else if (Array.isArray(at[0])) at[0].splice(at[1] as number, 0, value)
    else Object.defineProperty(at[0], at[1], { value, enumerable: true, writable: true, configurable: true })
  }
  const remove = (ts: ReadonlyArray<string>): void => {
    const at = resolve(ts, false)
    if (at === undefined) throw new Error('cannot remove the root')
    if (Array.isArray(at[0])) at[0].splice(at[1] as number, 1)
    else delete at[0][at[1]]
  }
  for (const op of ops) {
    const path = tokens(op.path)
    switch (op.op) {
      case 'add':
        add(path, structuredClone(op.value))
        break
      case 'remove':
        remove(path)
        break
      case 'replace':
        get(path)
        if (path.length > 0) remove(path)
        add(path, structuredClone(op.value))
        break
      case 'copy':
        add(path, structuredClone(get(tokens(op.from))))
        break
      case 'move': {
        const from = tokens(op.from)
        if (from.length < path.length && from.every((t, i) => t === path[i])) throw new Error('move into its own child')
        const value = get(from)
        if (op.from === op.path) break
        remove(from)
        add(path, value)
        break
      }
      case 'test':
        if (canonical(get(path)) !== canonical(op.value)) throw new Error('test failed')
        break
    }
  }
  return root
}

/** Every object and array reachable from `roots`. */
const containersOf = (...roots: ReadonlyArray<Json>): Set<object> => {
  const seen = new Set<object>()
  const stack: Array<Json> = [...roots]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null || seen.has(node)) continue
    seen.add(node)
    stack.push(...(Array.isArray(node) ? node : Object.values(node)))
  }
  return seen
}

/**
 * Law (copy-on-first-write): on a patch the plain reference applier accepts, applyPatch gives
 * an equal document, whether the input and the values are deep-frozen or plain (and the plain
 * ones are left as they were), and whether the patch is applied in one call or in two (the
 * first call's result deep-frozen before the second). Without a `copy`, no container that
 * the call created (one in neither the input nor an operation's value) is reachable from two
 * places.
 */
const agreesWithReferenceAndSharesNothingItMade = (doc: Json, ops: ReadonlyArray<Operation>, split: number): boolean => {
  const expected = referenceApply(doc, ops)
  const frozenDoc = deepFreeze(structuredClone(doc))
  const frozenOps = deepFreeze(structuredClone(ops))
  const plainDoc = structuredClone(doc)
  const plainOps = structuredClone(ops)
  const onFrozen = JsonPatch.applyPatch(frozenDoc, frozenOps)
  const onPlain = JsonPatch.applyPatch(plainDoc, plainOps)
  const first = JsonPatch.applyPatch(frozenDoc, frozenOps.slice(0, split))
  const inTwo = E.isLeft(first) ? first : JsonPatch.applyPatch(deepFreeze(first.right), frozenOps.slice(split))
  if (E.isLeft(onFrozen) || E.isLeft(onPlain) || E.isLeft(inTwo)) return false
  const unchanged = isDeepStrictEqual(plainDoc, doc) && isDeepStrictEqual(plainOps, ops) && isDeepStrictEqual(frozenDoc, doc)
  const equal = isDeepStrictEqual(onFrozen.right, expected) && isDeepStrictEqual(onPlain.right, expected) && isDeepStrictEqual(inTwo.right, expected)
  // (after a copy, what was copied is legitimately in two places, created or not: there the
  // agreement with the reference, which copies deeply, is what shows that no write leaked)
  const tree = ops.some((op) => op.op === 'copy') || createdContainersAreUnshared(onPlain.right, [plainDoc, ...plainOps.map((op) => ('value' in op ? op.value : null))])
  return unchanged && equal && tree
}

/** No container of `result` outside `given` (the input and the operations' values) is reachable along two paths. */
const createdContainersAreUnshared = (result: Json, given: ReadonlyArray<Json>): boolean => {
  const foreign = containersOf(...given)
  const met = new Set<object>()
  const stack: Array<Json> = [result]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    // a given container may be shared (copy shares what it copies); nothing under it is new
    if (typeof node !== 'object' || node === null || foreign.has(node)) continue
    if (met.has(node)) return false
    met.add(node)
    stack.push(...(Array.isArray(node) ? node : Object.values(node)))
  }
  return true
}

/** One step of a patch: the operation, and where to act (at the root, or under a recent copy or move). */
const step = fc.record({
  op: fc.constantFrom('add', 'add', 'remove', 'replace', 'replace', 'move', 'copy', 'copy', 'test'),
  at: fc.nat(),
  fromAt: fc.nat(),
  path: choices,
  from: choices,
  key,
  n: fc.nat(),
  value: json
})
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never

/**
 * Makes the steps concrete one at a time against the document so far (advanced by the
 * reference applier), keeping the operations it accepts. `hot` holds the sources and
 * destinations of the copies and moves so far; three steps in four act under one of them.
 */
const sequential = (doc: Json, steps: ReadonlyArray<Step>): { readonly ops: ReadonlyArray<Operation>; readonly underCopies: number } => {
  const ops: Array<Operation> = []
  const hot: Array<ReadonlyArray<string>> = []
  let current = doc
  let underCopies = 0
  const isContainer = (u: Json | undefined): boolean => typeof u === 'object' && u !== null
  /** A base location: the root, or a recent copy's or move's end that still holds a container. */
  const base = (n: number): ReadonlyArray<string> => {
    const picked = n % 4 === 0 || hot.length === 0 ? [] : (hot[hot.length - 1 - ((n >> 2) % hot.length)] as ReadonlyArray<string>)
    return isContainer(laws.valueAt(current, picked)) ? picked : []
  }
  const existing = (at: ReadonlyArray<string>, cs: ReadonlyArray<number>): ReadonlyArray<string> => [...at, ...laws.pickPath(laws.valueAt(current, at) ?? null, cs)]
  const insertable = (at: ReadonlyArray<string>, s: Step): ReadonlyArray<string> => {
    const parent = [...at, ...laws.pickContainer(laws.valueAt(current, at) ?? null, s.path)]
    const target = laws.valueAt(current, parent)
    return [...parent, Array.isArray(target) ? String(s.n % (target.length + 1)) : s.key]
  }
  for (const s of steps) {
    const at = base(s.at)
    let op: Operation
    let path: ReadonlyArray<string>
    let ends: ReadonlyArray<ReadonlyArray<string>> = []
    switch (s.op) {
      case 'add':
        path = insertable(at, s)
        op = { op: 'add', path: JsonPointer.format(path), value: s.value }
        break
      case 'remove':
        path = existing(at, s.path)
        op = { op: 'remove', path: JsonPointer.format(path) }
        break
      case 'replace':
        path = existing(at, s.path)
        op = { op: 'replace', path: JsonPointer.format(path), value: s.value }
        break
      case 'test':
        path = existing(at, s.path)
        op = { op: 'test', path: JsonPointer.format(path), value: s.n % 2 === 0 ? structuredClone(laws.valueAt(current, path) ?? null) : s.value }
        break
      default: {
        // mostly a container: copying or moving a scalar puts nothing in two places
        const fromBase = base(s.fromAt)
        const from = s.n % 4 === 0 ? existing(fromBase, s.from) : [...fromBase, ...laws.pickContainer(laws.valueAt(current, fromBase) ?? null, s.from)]
        path = insertable(at, s)
        op = { op: s.op as 'move' | 'copy', from: JsonPointer.format(from), path: JsonPointer.format(path) }
        ends = [from, path]
      }
    }
    let next: Json
    try {
      next = referenceApply(current, [op])
    } catch {
      continue
    }
    if (at.length > 0 && s.op !== 'test' && s.op !== 'copy' && s.op !== 'move') underCopies++
    ops.push(op)
    hot.push(...ends)
    current = next
  }
  return { ops, underCopies }
}

const patchWithCopies = fc
  .tuple(container, fc.array(step, { minLength: 2, maxLength: 16 }), fc.nat())
  .map(([doc, steps, split]) => ({ doc, ...sequential(doc, steps), split }))
  .map(({ doc, ops, underCopies, split }) => ({ doc, ops, underCopies, split: split % (ops.length + 1) }))

describe('laws: copy-on-first-write (a call updates in place only what it created)', () => {
  it('after copies and moves, writes under either end agree with a plain reference applier; input untouched; nothing created is shared', () => {
    fc.assert(fc.property(patchWithCopies, ({ doc, ops, split }) => agreesWithReferenceAndSharesNothingItMade(doc, ops, split)))
  })

  it('the generator reaches the risky cases: writes under the ends of earlier copies and moves', () => {
    const samples = fc.sample(patchWithCopies, { numRuns: 300, seed: 42 })
    const risky = samples.filter(({ ops, underCopies }) => underCopies > 0 && ops.some((op) => op.op === 'copy')).length
    expect(risky).toBeGreaterThan(100)
  })

  it('the reference applier and the oracle catch what they must (the property can fail)', () => {
    expect(referenceApply({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/c' }, { op: 'add', path: '/c/d', value: 2 }])).toEqual({ a: { b: 1 }, c: { b: 1, d: 2 } })
    expect(() => referenceApply({ a: {} }, [{ op: 'move', from: '/a', path: '/a/b' }])).toThrow()
    const shared = { x: [1] }
    expect(createdContainersAreUnshared({ p: shared, q: shared }, [])).toBe(false)
    expect(createdContainersAreUnshared({ p: shared, q: shared }, [shared])).toBe(true)
  })
})

describe('laws', () => {
  it('empty patch: returns the same reference', () => {
    fc.assert(fc.property(json, laws.emptyPatchIsIdentity))
  })

  it('structural sharing: untouched subtrees are the same references', () => {
    fc.assert(fc.property(container, choices, json, (doc, cs, value) => laws.untouchedSubtreesAreShared(doc, laws.pickPath(doc, cs), value)))
  })

  it('no mutation: a deep-frozen input gives the same result, and a plain one is left as it was', () => {
    fc.assert(fc.property(docAndOps, ([doc, ops]) => laws.inputIsNotMutated(doc, ops)))
  })

  it('add then remove at a fresh object key gives back an equal document', () => {
    fc.assert(
      fc.property(container, choices, key, json, (doc, cs, k, value) => {
        const parent = laws.pickContainer(doc, cs)
        const target = laws.valueAt(doc, parent)
        fc.pre(typeof target === 'object' && target !== null && !Array.isArray(target) && !Object.hasOwn(target, k))
        return laws.addThenRemoveRestores(doc, parent, k, value)
      })
    )
  })

  it('a failing patch returns a Left and leaves the input unchanged', () => {
    const failing = fc.constantFrom<Operation>(
      { op: 'remove', path: '/\u0000missing' },
      { op: 'test', path: '/\u0000missing', value: null },
      { op: 'add', path: '/\u0000missing/x', value: 1 },
      { op: 'move', from: '', path: '/\u0000x' }
    )
    fc.assert(fc.property(docAndOps, failing, ([doc, ops], f) => laws.failingPatchChangesNothing(doc, ops, f)))
  })

  it('test of the value just added succeeds', () => {
    fc.assert(fc.property(container, choices, key, fc.nat(), json, (doc, cs, k, n, value) => laws.testAfterAddSucceeds(doc, addPath(doc, cs, k, n), value)))
  })

  it('patches made from recipes mostly apply (the generators reach the interesting cases)', () => {
    const samples = fc.sample(docAndOps, { numRuns: 300, seed: 42 })
    const applied = samples.filter(([doc, ops]) => ops.length > 0 && E.isRight(JsonPatch.applyPatch(doc, ops))).length
    expect(applied).toBeGreaterThan(60)
  })
})
