/**
 * An index of a gateway's REST APIs by id, so that finding an API and checking that an id is
 * free do not scan every API (create latency stays flat from 1,000 to 20,000 REST APIs).
 *
 * The aggregate stays what it was: an immutable `ReadonlyArray<ApiState>`, encoded as before.
 * The index lives beside it, in a `WeakMap` keyed by the array itself, and is never part of the
 * value. One index serves a family of arrays that share their positions: an array made by
 * appending to another ({@link appendApi}) or by replacing one API in place ({@link replaceApi})
 * shares its parent's index, which only grows. Each id maps to the positions it was ever given
 * in that family, and a hit counts only when the array holds that id at that position, so an
 * array never sees an API that is not its own, whichever branch of the family added it, and
 * never misses one it holds. Any other array (decoded, filtered, made by hand) gets a fresh
 * index on its first look-up, built once in one pass.
 *
 * @internal
 */
import type { ApiState } from './Gateway.js'

interface Index {
  /** REST API id to the positions it was given in this family of arrays. */
  readonly ids: Map<string, Array<number>>
  /** Root-resource id to the positions it was given. */
  readonly roots: Map<string, Array<number>>
}

const indexes = new WeakMap<ReadonlyArray<ApiState>, Index>()

const note = (map: Map<string, Array<number>>, key: string | undefined, at: number): void => {
  if (key === undefined) return
  const positions = map.get(key)
  if (positions === undefined) map.set(key, [at])
  else if (!positions.includes(at)) positions.push(at)
}

/**
 * The array the last {@link replaceApi} made and its index, outside the `WeakMap`: a run of
 * updates (each replacing the array before) makes no `WeakMap` entry. The array it replaces
 * gets no entry either: a look-up in it (an old gateway someone kept) builds its index again,
 * once. A latest array replaced by one of another family (two simulators taking turns) is moved
 * to the `WeakMap`, so each keeps its index.
 */
let latest: ReadonlyArray<ApiState> | undefined
let latestIndex: Index | undefined

const indexOf = (apis: ReadonlyArray<ApiState>): Index => {
  if (apis === latest && latestIndex !== undefined) return latestIndex
  let index = indexes.get(apis)
  if (index === undefined) {
    index = { ids: new Map(), roots: new Map() }
    for (let i = 0; i < apis.length; i++) {
      const api = apis[i] as ApiState
      note(index.ids, api.restApi.id, i)
      note(index.roots, api.restApi.rootResourceId, i)
    }
    indexes.set(apis, index)
  }
  return index
}

/** Where the REST API with this id is in the list (-1 when it is not), without scanning it. */
const positionOf = (apis: ReadonlyArray<ApiState>, id: string): number => {
  for (const at of indexOf(apis).ids.get(id) ?? []) if (apis[at]?.restApi.id === id) return at
  return -1
}

/** The REST API with this id, without scanning the list. @internal */
export const apiById = (apis: ReadonlyArray<ApiState>, id: string): ApiState | undefined => apis[positionOf(apis, id)]

/** Whether `id` is a REST API's id or a root resource's id in this list. @internal */
export const idInUse = (apis: ReadonlyArray<ApiState>, id: string): boolean => {
  if (apiById(apis, id) !== undefined) return true
  for (const at of indexOf(apis).roots.get(id) ?? []) if (apis[at]?.restApi.rootResourceId === id) return true
  return false
}

/** The list with `api` appended; the new list shares (and extends) the old one's index. @internal */
export const appendApi = (apis: ReadonlyArray<ApiState>, api: ApiState): ReadonlyArray<ApiState> => {
  const index = indexOf(apis)
  const next = apis.concat([api])
  note(index.ids, api.restApi.id, apis.length)
  note(index.roots, api.restApi.rootResourceId, apis.length)
  indexes.set(next, index)
  return next
}

/**
 * The list with the API of `api`'s id replaced by `api` (same position, same ids), sharing the
 * old one's index. @internal
 */
export const replaceApi = (apis: ReadonlyArray<ApiState>, api: ApiState): ReadonlyArray<ApiState> => {
  const at = positionOf(apis, api.restApi.id)
  if (at < 0 || apis[at]?.restApi.rootResourceId !== api.restApi.rootResourceId) return apis.map((a) => (a.restApi.id === api.restApi.id ? api : a))
  const next = apis.slice()
  next[at] = api
  const index = indexOf(apis)
  // another family's latest (a second simulator's) goes to the WeakMap, so that it stays indexed
  if (latest !== undefined && latest !== apis && latestIndex !== undefined) indexes.set(latest, latestIndex)
  latest = next
  latestIndex = index
  return next
}
