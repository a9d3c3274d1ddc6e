/**
 * RFC 6902 errors by example: each way an operation can be malformed or fail, with the tag,
 * the failing operation's index and pointer, and the message a person reads.
 */
import * as E from 'fp-ts/Either'
import { describe, expect, it } from 'vitest'
import { applyPatch, decodeOperations, isJson, type Json } from '../../src/json/JsonPatch.js'

/** Decodes then applies: the first Left of either. */
const patch = (doc: unknown, ops: unknown) => {
  const decoded = decodeOperations(ops)
  return E.isLeft(decoded) ? decoded : applyPatch(doc as Json, decoded.right)
}
const fails = (doc: unknown, ops: unknown) => {
  const r = patch(doc, ops)
  if (E.isRight(r)) throw new Error(`expected a Left, got ${JSON.stringify(r.right)}`)
  return r.left
}

describe('malformed operations', () => {
  it('the patch and each operation must be objects of the right shape', () => {
    // No index when the patch as a whole is at fault.
    expect(fails({}, 'x')).toStrictEqual({ _tag: 'InvalidOperation', message: 'the patch is "x", not an array of operations; send [] for no change' })
    expect(fails({}, [null])).toEqual({ _tag: 'InvalidOperation', index: 0, message: 'operation 0 is null, not an operation object such as {"op":"remove","path":"/a"}' })
    expect(fails({}, [{ op: 'remove', path: '/x' }, [1]]).message).toBe('operation 1 is an array, not an operation object such as {"op":"remove","path":"/a"}')
  })

  it('op: missing, unknown, not a string', () => {
    expect(fails({}, [{ path: '/a' }]).message).toBe('operation 0: op is missing; use one of add, remove, replace, move, copy, test')
    expect(fails({}, [{ op: 'jump', path: '/a' }]).message).toBe('operation 0: op is "jump"; use one of add, remove, replace, move, copy, test')
    expect(fails({}, [{ op: 7, path: '/a' }]).message).toBe('operation 0: op is 7; use one of add, remove, replace, move, copy, test')
  })

  it('path and from: missing, not strings, not pointers', () => {
    expect(fails({}, [{ op: 'add', value: 1 }]).message).toBe('operation 0 (add): path is missing; give a JSON Pointer such as "/a/0" ("" for the whole document)')
    expect(fails({}, [{ op: 'add', path: 5, value: 1 }]).message).toBe('operation 0 (add): path is 5, not a string; give a JSON Pointer such as "/a/0" ("" for the whole document)')
    expect(fails({}, [{ op: 'add', path: 'a', value: 1 }])).toEqual({
      _tag: 'InvalidPointer',
      index: 0,
      path: 'a',
      message: 'operation 0 (add): path: JSON Pointer "a" is malformed: it must be "" (the whole document) or start with "/", as in "/a"'
    })
    expect(fails({}, [{ op: 'copy', path: '/a' }]).message).toBe('operation 0 (copy): from is missing; give a JSON Pointer such as "/a/0" ("" for the whole document)')
    expect(fails({}, [{ op: 'move', path: '/a', from: 3 }]).message).toBe('operation 0 (move): from is 3, not a string; give a JSON Pointer such as "/a/0" ("" for the whole document)')
    expect(fails({}, [{ op: 'move', path: '/a', from: 'x' }])).toMatchObject({ _tag: 'InvalidPointer', path: 'x', message: 'operation 0 (move): from: JSON Pointer "x" is malformed: it must be "" (the whole document) or start with "/", as in "/x"' })
  })

  it('value: missing, or not JSON', () => {
    expect(fails({}, [{ op: 'replace', path: '/a' }]).message).toBe('operation 0 (replace): value is missing; give the JSON value to replace')
    expect(fails({}, [{ op: 'test', path: '/a' }]).message).toBe('operation 0 (test): value is missing; give the JSON value to test')
    expect(fails({}, [{ op: 'add', path: '/a', value: Number.NaN }])).toEqual({ _tag: 'InvalidJson', index: 0, message: 'operation 0 (add): value is not JSON: NaN is not a JSON number' })
    expect(fails({}, [{ op: 'add', path: '/a', value: { f: () => 1 } }]).message).toBe('operation 0 (add): value is not JSON: a function is not a JSON value')
    expect(fails({}, [{ op: 'add', path: '/a', value: [new Date(0)] }]).message).toBe('operation 0 (add): value is not JSON: it holds an object that is not a plain object or array')
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(fails({}, [{ op: 'add', path: '/a', value: cyclic }]).message).toBe('operation 0 (add): value is not JSON: it contains a cycle')
    let deep: unknown = 1
    for (let i = 0; i < 100_001; i++) deep = [deep]
    expect(fails({}, [{ op: 'add', path: '/a', value: deep }]).message).toBe('operation 0 (add): value is not JSON: it nests deeper than 100000 levels')
    // A subtree shared by two parents is not a cycle.
    const shared = { x: 1 }
    expect(patch({}, [{ op: 'add', path: '/a', value: { p: shared, q: shared } }])).toEqual(E.right({ a: { p: { x: 1 }, q: { x: 1 } } }))
    expect(patch({}, [{ op: 'add', path: '/a', value: Object.create(null) as object }])).toEqual(E.right({ a: {} }))
  })
})

describe('decodeOperations keeps only the fields of each op', () => {
  it('remove: op and path; move and copy: op, from and path; the others: op, path and value', () => {
    const extra = { note: 'x', from: '/f', value: 1 }
    expect(decodeOperations([{ op: 'remove', path: '/a', ...extra }])).toStrictEqual(E.right([{ op: 'remove', path: '/a' }]))
    expect(decodeOperations([{ op: 'move', path: '/a', ...extra }])).toEqual(E.right([{ op: 'move', from: '/f', path: '/a' }]))
    expect(decodeOperations([{ op: 'copy', path: '/a', ...extra }])).toEqual(E.right([{ op: 'copy', from: '/f', path: '/a' }]))
    for (const op of ['add', 'replace', 'test']) expect(decodeOperations([{ op, path: '/a', ...extra }])).toStrictEqual(E.right([{ op, path: '/a', value: 1 }]))
    expect(decodeOperations([])).toEqual(E.right([]))
  })

  it('a patch that throws when read: a Left naming the exception', () => {
    const list = new Proxy([], {
      get: (target, key) => {
        if (key === 'length') throw new RangeError('no length')
        return Reflect.get(target, key)
      }
    })
    expect(fails({}, list)).toEqual({ _tag: 'InvalidOperation', index: undefined, message: 'the patch could not be read: RangeError: no length' })
    const element = new Proxy({}, { get: () => { throw new Error('bad element') } })
    expect(fails({}, [element])).toEqual({ _tag: 'InvalidJson', index: 0, message: 'operation 0 could not be read: Error: bad element' })
  })

  it('applyPatch on its own: a patch that is not an array, or throws when read', () => {
    expect(applyPatch({}, 'x' as never)).toEqual(E.left({ _tag: 'InvalidOperation', index: undefined, message: 'the patch is "x", not an array of operations; send [] for no change' }))
    const list = new Proxy([], { get: (target, key) => (key === 'length' ? (() => { throw new RangeError('no length') })() : Reflect.get(target, key)) })
    expect(applyPatch({}, list)).toEqual(E.left({ _tag: 'InvalidOperation', index: undefined, message: 'the patch could not be read: RangeError: no length' }))
    const doc = { a: 1 }
    expect(applyPatch(doc, [])).toEqual(E.right(doc))
  })

  it('isJson: JSON values only', () => {
    for (const u of [null, true, 0, -1.5, '', 'x', [], {}, { a: [1, null, { b: 'c' }] }, Object.create(null) as object]) expect(isJson(u)).toBe(true)
    for (const u of [undefined, Number.NaN, Number.POSITIVE_INFINITY, () => 1, Symbol('s'), 1n, new Date(0), [undefined], { a: undefined }, new Map()]) expect(isJson(u)).toBe(false)
  })
})

describe('operations that fail on the document', () => {
  it('array indices: out of bounds (PathNotFound), not an index or "-" where it cannot go (InvalidPointer)', () => {
    expect(fails({ a: [1, 2] }, [{ op: 'add', path: '/a/5', value: 1 }])).toEqual({
      _tag: 'PathNotFound',
      index: 0,
      path: '/a/5',
      message: 'operation 0 (add): path /a/5: index 5 is out of bounds: the array has 2 elements, so add can insert at 0 to 2 (or "-" for the end)'
    })
    expect(fails({ a: [1, 2] }, [{ op: 'add', path: '/a/x', value: 1 }])).toMatchObject({
      _tag: 'InvalidPointer',
      message: 'operation 0 (add): path /a/x: "x" is not an array index: use decimal digits without leading zeros or sign, such as "0" or "12"'
    })
    expect(fails({ a: [1, 2] }, [{ op: 'replace', path: '/a/5/b', value: 1 }])).toMatchObject({
      _tag: 'PathNotFound',
      message: 'operation 0 (replace): path /a/5/b: index 5 is out of bounds: the array has 2 elements, at indices 0 to 1 (in the array at /a)'
    })
    expect(fails({ a: [1, 2] }, [{ op: 'replace', path: '/a/-', value: 1 }])).toMatchObject({
      _tag: 'InvalidPointer',
      message: 'operation 0 (replace): path /a/-: "-" names the position after the last element, which only add (and the path of move and copy) can use; name an existing element such as "0"'
    })
    expect(patch({ a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'add', path: '/a/0', value: 0 }])).toEqual(E.right({ a: [0, 1, 2, 3] }))
  })

  it('missing members: the last one, a parent, or a value that is not a container', () => {
    expect(fails({ a: {} }, [{ op: 'add', path: '/a/b/c', value: 1 }]).message).toBe('operation 0 (add): path /a/b/c cannot be added: its parent /a/b does not exist (add does not create missing parents)')
    expect(fails({ a: {} }, [{ op: 'replace', path: '/a/b/c', value: 1 }]).message).toBe('operation 0 (replace): path /a/b/c does not exist: /a/b does not exist')
    expect(fails({ a: {} }, [{ op: 'remove', path: '/a/b' }])).toEqual({ _tag: 'PathNotFound', index: 0, path: '/a/b', message: 'operation 0 (remove): path /a/b does not exist' })
    expect(fails({ a: 1 }, [{ op: 'remove', path: '/a/b' }]).message).toBe('operation 0 (remove): path /a/b does not exist: /a is 1, not an object or array')
    expect(fails(5, [{ op: 'remove', path: '/a' }]).message).toBe('operation 0 (remove): path /a does not exist: the document is 5, not an object or array')
    expect(fails({ a: 1 }, [{ op: 'copy', from: '/z', path: '/b' }])).toEqual({ _tag: 'PathNotFound', index: 0, path: '/z', message: 'operation 0 (copy): from /z does not exist' })
  })

  it('the whole document: replaced or added, never removed', () => {
    expect(fails({ a: 1 }, [{ op: 'remove', path: '' }])).toEqual({ _tag: 'InvalidOperation', index: 0, message: 'operation 0 (remove): path "" is the whole document, which cannot be removed; replace it instead' })
    expect(patch({ a: 1 }, [{ op: 'replace', path: '', value: [1] }])).toEqual(E.right([1]))
    expect(patch({ a: 1 }, [{ op: 'add', path: '', value: 'x' }])).toEqual(E.right('x'))
  })

  it('test: equal values pass, others fail saying both', () => {
    expect(fails({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toEqual({ _tag: 'TestFailed', index: 0, path: '/a', message: 'operation 0 (test): path /a holds 1, which is not equal to the given value 2' })
    const doc = { a: { b: [1, { c: null }], d: 'x' } }
    expect(patch(doc, [{ op: 'test', path: '/a', value: { d: 'x', b: [1, { c: null }] } }])).toEqual(E.right(doc))
    for (const value of [{ b: [1, { c: null }] }, { b: [1, { c: null }], d: 'x', e: 1 }, { b: [1], d: 'x' }, { b: [1, { c: 0 }], d: 'x' }, { b: { 0: 1, 1: { c: null } }, d: 'x' }, [1], null]) {
      expect(fails(doc, [{ op: 'test', path: '/a', value }])._tag).toBe('TestFailed')
    }
    expect(fails({ a: [1] }, [{ op: 'test', path: '/a', value: { 0: 1 } }])._tag).toBe('TestFailed')
    expect(fails({ a: { x: 1, y: 2 } }, [{ op: 'test', path: '/a', value: { x: 1, z: 2 } }])._tag).toBe('TestFailed')
  })

  it('test compares by value: kinds, lengths and own members only', () => {
    for (const [found, given] of [
      [1, {}],
      [{}, 1],
      [null, {}],
      [{}, null],
      [[1], [1, 2]],
      [[1, 2], [1]],
      [[], {}],
      [{}, []]
    ] as const) {
      expect(fails({ a: found }, [{ op: 'test', path: '/a', value: given }])._tag).toBe('TestFailed')
    }
    // A member named __proto__ (an own key, as JSON.parse makes it) is not the prototype another value inherits.
    const doc = JSON.parse('{"a":{"__proto__":{}}}') as Json
    expect(fails(doc, [{ op: 'test', path: '/a', value: { b: {} } }])._tag).toBe('TestFailed')
    expect(patch(doc, [{ op: 'test', path: '/a', value: JSON.parse('{"__proto__":{}}') }])).toEqual(E.right(doc))
  })

  it('test: values nested deeper than maxDepth cannot be compared', () => {
    const nest = (n: number): Json => {
      let v: Json = 1
      for (let i = 0; i < n; i++) v = [v]
      return v
    }
    const r = applyPatch({ a: nest(100_001) }, [{ op: 'test', path: '/a', value: nest(100_001) }])
    expect(r).toEqual(E.left({ _tag: 'InvalidJson', index: 0, message: 'operation 0 (test): the values at /a nest deeper than 100000 levels (or are cyclic) and cannot be compared' }))
    expect(applyPatch({ a: nest(99_999) }, [{ op: 'test', path: '/a', value: nest(99_999) }])._tag).toBe('Right')
  })

  it('copy into its own child is fine (only move is refused)', () => {
    expect(patch({ a: { b: 1 } }, [{ op: 'copy', from: '/a', path: '/a/c' }])).toEqual(E.right({ a: { b: 1, c: { b: 1 } } }))
  })

  it('move: never into its own child; onto itself is no change; a move is a remove then an add', () => {
    expect(fails({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/b' }])).toEqual({ _tag: 'InvalidOperation', index: 0, message: 'operation 0 (move): cannot move /a into its own child /a/b; copy it instead' })
    expect(fails({ a: { b: 1 } }, [{ op: 'move', from: '', path: '/a/c' }]).message).toBe('operation 0 (move): cannot move "" into its own child /a/c; copy it instead')
    const doc = { a: 1 }
    expect(patch(doc, [{ op: 'move', from: '/a', path: '/a' }])).toEqual(E.right(doc))
    expect(patch(doc, [{ op: 'move', from: '/a', path: '/b' }])).toEqual(E.right({ b: 1 }))
    expect(patch({ a: [1, 2, 3] }, [{ op: 'move', from: '/a/0', path: '/a/2' }])).toEqual(E.right({ a: [2, 3, 1] }))
    expect(fails({ a: [1] }, [{ op: 'move', from: '/a/0', path: '/a/1' }]).message).toBe(
      'operation 0 (move): path /a/1: index 1 is out of bounds: the array has 0 elements, so add can insert at 0 to 0 (or "-" for the end)'
    )
    expect(patch({ a: { b: 1 } }, [{ op: 'move', from: '/a/b', path: '/c' }])).toEqual(E.right({ a: {}, c: 1 }))
  })

  it('the index of the failing operation, after those before it applied', () => {
    expect(fails({}, [{ op: 'add', path: '/a', value: 1 }, { op: 'remove', path: '/a' }, { op: 'remove', path: '/a' }])).toMatchObject({ index: 2, message: 'operation 2 (remove): path /a does not exist' })
  })
})
