/**
 * The journal of a simulated gateway: every call it answered, in order, with the operation
 * (`UpdateStage`, ...), its input as the SDK's command takes it (the path's parameters, the
 * query and the JSON body merged: `{ restApiId, stageName, patchOperations }`), the answer or
 * the error, and the time on the gateway's clock. The in-process simulator keeps one
 * (`sim.journal`) and `serve` answers it on `GET /_apigw-canary/journal`
 * ({@link JOURNAL_PATH}). {@link sentPatchOperations} pulls the update-stage operations a
 * deployment script sent.
 *
 * @since 0.2.0
 *
 * @module
 */
import type { PatchOperation } from '../../patch/PatchOperation.js'
import type { Timestamp } from '../../stage/Timestamp.js'
import { define } from '../../internal/record.js'
import { operations, type HttpRequest, type HttpResponse } from './RestApiHttp.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * One call the gateway answered.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, type JournalEntry } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * await sim.handle({ method: 'POST', path: '/restapis', body: '{"name":"pets"}' })
 * const entry: JournalEntry | undefined = sim.journal[0]
 * assert.strictEqual(entry?.operation, 'CreateRestApi')
 * assert.deepStrictEqual(entry?.input, { name: 'pets' })
 * assert.strictEqual(entry?.status, 201)
 * assert.strictEqual(entry?.at, '2017-11-20T04:42:19Z') // the simulator's clock
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface JournalEntry {
  /** 1 for the first call, then 2, 3, ... */
  readonly seq: number
  /** The operation, as SDK v3's command is named less `Command`; absent for a request that is no operation. */
  readonly operation?: string
  readonly method: string
  readonly path: string
  /** The path's parameters, the query and the JSON body, merged (the SDK command's input). */
  readonly input: { readonly [field: string]: unknown }
  /** The HTTP status of the answer. */
  readonly status: number
  /** The answer's body on success (the parsed JSON). */
  readonly output?: unknown
  /** The error on failure: AWS's exception name and message. */
  readonly error?: { readonly name: string; readonly message: string }
  /** The injected fault that answered the call instead of the gateway, if one did. */
  readonly fault?: string
  /** When, on the gateway's clock. */
  readonly at: Timestamp
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/**
 * The local path on which `serve` answers its journal (`GET`), as `{ "entries": [...] }`.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { JOURNAL_PATH, serve, type JournalEntry } from 'apigw-canary/simulator'
 *
 * const started = await serve({ port: 0 })
 * assert.ok(E.isRight(started))
 * await fetch(`${started.right.url}/restapis`, { method: 'POST', body: '{"name":"pets"}' })
 * const { entries } = (await (await fetch(`${started.right.url}${JOURNAL_PATH}`)).json()) as { entries: ReadonlyArray<JournalEntry> }
 * assert.deepStrictEqual(entries.map((e) => [e.operation, e.status]), [['CreateRestApi', 201]])
 * await started.right.close()
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const JOURNAL_PATH = '/_apigw-canary/journal'

const templates = operations.map((o) => ({
  name: o.name,
  method: o.method,
  parts: o.path.split('/')
}))

const match = (method: string, path: string): { readonly name: string; readonly params: { readonly [name: string]: string } } | undefined => {
  const parts = path.split('/')
  for (const t of templates) {
    if (t.method !== method || t.parts.length !== parts.length) continue
    const params: Record<string, string> = {}
    let ok = true
    for (let i = 0; i < t.parts.length; i++) {
      const p = t.parts[i] as string
      const actual = parts[i] ?? ''
      if (p.startsWith('{') && p.endsWith('}')) {
        try {
          params[p.slice(1, -1)] = decodeURIComponent(actual)
        } catch {
          params[p.slice(1, -1)] = actual
        }
      } else if (p !== actual) ok = false
    }
    if (ok) return { name: t.name, params }
  }
  return undefined
}

const paramsOf = (method: string, path: string): { readonly [name: string]: string } => match(method, path)?.params ?? {}

/** The operation a request is (by method and path), before it is routed. @internal */
export const operationOf = (request: HttpRequest): string | undefined => {
  try {
    return typeof request === 'object' && request !== null && typeof request.method === 'string' && typeof request.path === 'string'
      ? match(request.method, request.path)?.name
      : undefined
  } catch {
    return undefined
  }
}

const parse = (text: string | undefined): unknown => {
  if (text === undefined || text === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

const isRecord = (u: unknown): u is { readonly [field: string]: unknown } => typeof u === 'object' && u !== null && !Array.isArray(u)

/** Own fields only, set with `define` so that `__proto__` in a body stays a field. */
const merge = (...parts: ReadonlyArray<unknown>): { readonly [field: string]: unknown } => {
  const out: Record<string, unknown> = {}
  for (const part of parts)
    if (isRecord(part)) for (const key of Object.keys(part)) define(out, key, part[key])
  return out
}

/**
 * The journal entry of one call: the request, the answer, the operation the router named, the
 * time and the injected fault, if any.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { journalEntry } from 'apigw-canary/simulator'
 * import { Timestamp } from 'apigw-canary'
 *
 * const entry = journalEntry(
 *   1,
 *   { method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body: '{"patchOperations":[]}' },
 *   { status: 404, headers: { 'x-amzn-errortype': 'NotFoundException' }, body: '{"message":"Invalid stage identifier specified"}' },
 *   'UpdateStage',
 *   Timestamp.unsafeFromString('2017-11-20T00:00:00Z')
 * )
 * assert.deepStrictEqual(entry.input, { restApiId: 'fh4zbbd5nd', stageName: 'prod', patchOperations: [] })
 * assert.deepStrictEqual(entry.error, { name: 'NotFoundException', message: 'Invalid stage identifier specified' })
 * ```
 *
 * @category constructors
 * @since 0.2.0
 */
export const journalEntry = (
  seq: number,
  request: HttpRequest,
  response: HttpResponse,
  operation: string | undefined,
  at: Timestamp,
  fault?: string
): JournalEntry => entryOf(captureEntry(seq, request, response, operation, at, fault))

/**
 * What a journal entry is made of, read from the call when it is answered: the request's
 * fields (each read once, as {@link journalEntry} reads them; the query's own fields copied),
 * the answer's status, error type and body. {@link entryOf} builds the entry from it later,
 * when the journal is read: parsing the bodies and matching the path cost nothing on a call
 * whose entry no one reads. `operation` is either the name the router gave or `request` itself,
 * for the operation its method and path name (`operationOf`). @internal
 */
export interface CapturedEntry {
  readonly captured: true
  readonly seq: number
  readonly operation: string | undefined | { readonly of: HttpRequest }
  readonly method: string
  readonly path: string
  readonly query: { readonly [field: string]: unknown } | undefined
  readonly requestBody: string | undefined
  readonly status: number
  readonly errorType: string | undefined
  readonly responseBody: string
  readonly fault: string | undefined
  readonly at: Timestamp
}

/** One field of the request, read once and totally: it may be anything a caller handed over (null, getters that throw). */
const requestField = (request: unknown, name: 'method' | 'path' | 'query' | 'body'): unknown => {
  try {
    return typeof request === 'object' && request !== null ? (request as Record<string, unknown>)[name] : undefined
  } catch {
    return undefined
  }
}

/** What `merge` makes of a query with no fields (the SDK sends `{}`): one object for every such call, frozen, read only by `merge`. */
const NO_FIELDS: { readonly [field: string]: unknown } = Object.freeze({})

/** `merge(query)`: the query's own fields copied as `merge` copies them, its keys read once. */
const queryCopy = (query: unknown): { readonly [field: string]: unknown } => {
  if (!isRecord(query)) return NO_FIELDS
  const keys = Object.keys(query)
  if (keys.length === 0) return NO_FIELDS
  const out: Record<string, unknown> = {}
  for (const key of keys) define(out, key, query[key])
  return out
}

/** The parts of a call its journal entry is built from, read now (see {@link CapturedEntry}). @internal */
export const captureEntry = (
  seq: number,
  request: HttpRequest,
  response: HttpResponse,
  operation: string | undefined | { readonly of: HttpRequest },
  at: Timestamp,
  fault?: string
): CapturedEntry => {
  const rawMethod = requestField(request, 'method')
  const rawPath = requestField(request, 'path')
  const method = typeof rawMethod === 'string' ? rawMethod.slice(0, 20) : ''
  const path = typeof rawPath === 'string' ? rawPath.slice(0, 2048) : ''
  const requestBody = requestField(request, 'body')
  const query = requestField(request, 'query')
  return {
    captured: true,
    seq,
    operation,
    method,
    path,
    query: query === undefined ? undefined : queryCopy(query),
    requestBody: typeof requestBody === 'string' ? requestBody : undefined,
    status: response.status,
    errorType: response.headers['x-amzn-errortype'] ?? response.headers['x-amzn-ErrorType'],
    responseBody: response.body,
    fault,
    at
  }
}

/** The journal entry of a captured call. @internal */
export const entryOf = (c: CapturedEntry): JournalEntry => {
  const operation = typeof c.operation === 'object' ? operationOf(c.operation.of) : c.operation
  const body = parse(c.responseBody)
  const ok = c.status < 300
  return {
    seq: c.seq,
    ...(operation === undefined ? {} : { operation }),
    method: c.method,
    path: c.path,
    input: merge(paramsOf(c.method, c.path), c.query, parse(c.requestBody)),
    status: c.status,
    ...(ok
      ? body === undefined
        ? {}
        : { output: body }
      : {
          error: {
            name: (c.errorType ?? 'UnknownError').split(':')[0] ?? 'UnknownError',
            message: isRecord(body) && typeof body['message'] === 'string' ? body['message'] : String(body ?? '')
          }
        }),
    ...(c.fault === undefined ? {} : { fault: c.fault }),
    at: c.at
  }
}

/**
 * The entries of a journal kept as captured calls and entries: each captured call is built
 * once, the first time it is read, and kept built in `journal`. A copy of the list. @internal
 */
export const entriesOf = (journal: Array<CapturedEntry | JournalEntry>): ReadonlyArray<JournalEntry> => {
  for (let i = 0; i < journal.length; i++) {
    const item = journal[i] as CapturedEntry | JournalEntry
    if ('captured' in item) journal[i] = entryOf(item)
  }
  return journal.slice() as ReadonlyArray<JournalEntry>
}

// -------------------------------------------------------------------------------------
// destructors
// -------------------------------------------------------------------------------------

/**
 * The update-stage patch operations a script sent, in order (every `UpdateStage` call's
 * `patchOperations`, flattened), optionally only for one stage. Calls that failed count too: the
 * script sent them. Pass `{ answered: true }` for the accepted ones only.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import { createSimulator, sentPatchOperations } from 'apigw-canary/simulator'
 *
 * const sim = createSimulator()
 * await sim.handle({ method: 'PATCH', path: '/restapis/fh4zbbd5nd/stages/prod', body: JSON.stringify({ patchOperations: [{ op: 'remove', path: '/canarySettings' }] }) })
 * assert.deepStrictEqual(sentPatchOperations(sim.journal), [{ op: 'remove', path: '/canarySettings' }])
 * assert.deepStrictEqual(sentPatchOperations(sim.journal, { answered: true }), []) // no such REST API: refused
 * assert.deepStrictEqual(sentPatchOperations(sim.journal, { stageName: 'beta' }), [])
 * ```
 *
 * @category destructors
 * @since 0.2.0
 */
export const sentPatchOperations = (
  journal: ReadonlyArray<JournalEntry>,
  filter: { readonly restApiId?: string; readonly stageName?: string; readonly answered?: boolean } = {}
): ReadonlyArray<PatchOperation> =>
  journal.flatMap((e) => {
    if (e.operation !== 'UpdateStage') return []
    if (filter.restApiId !== undefined && e.input['restApiId'] !== filter.restApiId) return []
    if (filter.stageName !== undefined && e.input['stageName'] !== filter.stageName) return []
    if (filter.answered === true && e.status >= 300) return []
    const ops = e.input['patchOperations']
    return Array.isArray(ops) ? (ops as ReadonlyArray<PatchOperation>) : []
  })
