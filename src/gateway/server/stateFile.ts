/**
 * The server's state file: checked and locked at start, read once, written atomically after
 * every change (a temporary file in the same folder, flushed to disk, renamed over the old one,
 * and the folder flushed), so a server killed at any moment leaves either the old state or the
 * new one, never a torn file.
 *
 * What the server will and will not touch:
 * - the file is ours only when it says so: a top-level `"format": "apigw-canary/gateway-state"`
 *   and `"version": 1`. A file without them (another program's JSON, or a state file of
 *   apigw-canary 0.1, which wrote none) is refused at start and left untouched; a missing or
 *   empty file starts a new state;
 * - a symlink is written through: the state goes to the link's target (its temporary file in
 *   the target's folder), and the link stays;
 * - the file keeps its mode (a new file gets 0600);
 * - only a regular file: a FIFO, a folder, a device is refused at start, before any read;
 * - the folder must exist and take files (the lock file proves it at start);
 * - a state nested deeper than {@link MAX_STATE_DEPTH} levels is refused at start, so encoding
 *   it later cannot overflow the stack;
 * - our own temporary files left by a killed server (`.{name}.{pid}.{n}.tmp`) are removed at
 *   start, once the lock is held.
 *
 * @internal
 */
import {
  closeSync,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats
} from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { E } from '../../internal/fp.js'
import type { Gateway } from '../control/RestApi.js'
import { decodeGateway, encodeGateway } from '../wire/RestApiCodec.js'
import { acquireLock, holderAlive, type HeldLock } from './lock.js'
import { jsonDepthOver } from './limits.js'

/** The format marker every state file carries at its top level. @internal */
export const STATE_FORMAT = 'apigw-canary/gateway-state'

/** The version of the state file this server writes and reads. @internal */
export const STATE_VERSION = 1

/** The deepest state file read (the server writes about 10 levels; bodies are bounded at 64). @internal */
export const MAX_STATE_DEPTH = 128

let written = 0

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

const codeOf = (error: unknown): unknown => (error as { code?: unknown }).code

/** What kind of thing a path is, for the message that refuses it. */
const kindOf = (s: Stats): string =>
  s.isDirectory() ? 'a folder' : s.isFIFO() ? 'a FIFO' : s.isSocket() ? 'a socket' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : 'not a regular file'

/**
 * The file the state lives in: `path` with every symlink resolved (also a dangling one: its
 * target is where the file will be created). A `Left` when its folder does not exist.
 */
const resolveTarget = (path: string): E.Either<string, string> => {
  let p = resolve(path)
  for (let hops = 0; hops < 40; hops++) {
    let s: Stats
    try {
      s = lstatSync(p)
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') return E.left(`cannot use ${path}: ${errorText(error)}`)
      break
    }
    if (!s.isSymbolicLink()) break
    p = resolve(dirname(p), readlinkSync(p))
  }
  try {
    return E.right(join(realpathSync(dirname(p)), basename(p)))
  } catch (error) {
    return E.left(`cannot use ${path}: its folder ${dirname(p)} does not exist or cannot be read (${errorText(error)})`)
  }
}

/**
 * Reads the text of a state file: a `Left` with the reason when it is not a saved gateway of
 * this format. `undefined` when there is no state yet (no file, or an empty one). @internal
 */
export const readState = (path: string, text: string): E.Either<string, Gateway | undefined> => {
  if (text.trim() === '') return E.right(undefined)
  if (jsonDepthOver(text, MAX_STATE_DEPTH)) return E.left(`${path} is nested more than ${MAX_STATE_DEPTH} levels deep: it is not a state file this server wrote`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return E.left(`${path} is not JSON: ${errorText(error)}`)
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return E.left(`${path} is not a saved gateway: it is not a JSON object`)
  const { format, version, ...rest } = json as Record<string, unknown>
  if (format !== STATE_FORMAT) {
    return E.left(
      `${path} is not an apigw-canary state file (it has no "format": "${STATE_FORMAT}"), so it was left untouched. ` +
        'Give --state a new file name; a state file of apigw-canary 0.1 (written without the marker) can be used after adding ' +
        `"format": "${STATE_FORMAT}", "version": ${STATE_VERSION} at its top level.`
    )
  }
  if (version !== STATE_VERSION) {
    return E.left(`${path} is an apigw-canary state file of version ${JSON.stringify(version)}; this server reads version ${STATE_VERSION} (a newer apigw-canary wrote it?)`)
  }
  return E.mapLeft((e: { message: string }) => `${path} is not a saved gateway: ${e.message}`)(decodeGateway(rest))
}

/**
 * Reads the gateway saved at `path`: `undefined` when there is no file yet (or an empty one),
 * the error's message when it cannot be read or is not a state file. @internal
 */
export const loadState = async (path: string): Promise<E.Either<string, Gateway | undefined>> => {
  let text: string
  try {
    const s = statSync(path)
    if (!s.isFile()) return E.left(`cannot read ${path}: it is ${kindOf(s)}, not a regular file`)
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return E.right(undefined)
    return E.left(`cannot read ${path}: ${errorText(error)}`)
  }
  return Promise.resolve(readState(path, text))
}

/** A state file opened by a server: where it writes, with which mode, the lock it holds and what it read. @internal */
export interface OpenedState {
  /** The file written (symlinks resolved). */
  readonly target: string
  /** The mode new versions of the file get: the file's own, or 0600 for a new one. */
  readonly mode: number
  readonly lock: HeldLock
  readonly gateway: Gateway | undefined
}

/** Why a state file was refused at start: held by another server (`locked`), or not usable. @internal */
export interface StateRefused {
  readonly locked: boolean
  readonly message: string
}

/** Removes our temporary files of servers that are gone (the lock is held, so no other server writes here). */
const removeStaleTemps = (target: string): void => {
  const dir = dirname(target)
  const name = basename(target)
  let entries: ReadonlyArray<string>
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const stateTemp = new RegExp(`^\\.${quoted}\\.(\\d+)\\.\\d+\\.tmp$`)
  const lockTemp = new RegExp(`^${quoted}\\.lock\\.(\\d+)\\.\\d+\\.(?:tmp|stale)$`)
  for (const entry of entries) {
    const state = stateTemp.exec(entry)
    const lock = state === null ? lockTemp.exec(entry) : null
    const pid = Number((state ?? lock)?.[1] ?? process.pid)
    if (pid === process.pid) continue
    // A state temporary of any other pid is stale (the lock is held: no other server writes
    // here); a lock temporary only when its pid is gone (another server may be starting).
    if (lock !== null && holderAlive({ pid, since: '' })) continue
    try {
      unlinkSync(join(dir, entry))
    } catch {
      // Gone already.
    }
  }
}

/**
 * Opens the state file of a server starting now: checks the location (a folder that exists
 * and takes files, a regular file or none), takes the lock, removes stale temporary files and
 * reads the state. A `Left` says why it cannot, for the user; nothing is written then. @internal
 */
export const openState = (path: string, now: Date): E.Either<StateRefused, OpenedState> => {
  const refused = (message: string): E.Either<StateRefused, never> => E.left({ locked: false, message })
  const target = resolveTarget(path)
  if (E.isLeft(target)) return refused(target.left)
  const file = target.right
  let stats: Stats | undefined
  try {
    stats = statSync(file)
  } catch (error) {
    if (codeOf(error) !== 'ENOENT') return refused(`cannot use ${path}: ${errorText(error)}`)
  }
  if (stats !== undefined && !stats.isFile()) return refused(`cannot use ${path}: it is ${kindOf(stats)}, not a regular file`)
  const lock = acquireLock(file, now)
  if (E.isLeft(lock)) return E.left(lock.left)
  removeStaleTemps(file)
  let text = ''
  try {
    if (stats !== undefined) text = readFileSync(file, 'utf8')
  } catch (error) {
    lock.right.release()
    return refused(`cannot read ${path}: ${errorText(error)}`)
  }
  const read = readState(path, text)
  if (E.isLeft(read)) {
    lock.right.release()
    return refused(read.left)
  }
  return E.right({ target: file, mode: stats === undefined ? 0o600 : stats.mode & 0o7777, lock: lock.right, gateway: read.right })
}

/** The text of a state file: the format marker and version first, then the gateway's JSON form. @internal */
export const stateText = (gateway: Gateway): string => JSON.stringify({ format: STATE_FORMAT, version: STATE_VERSION, ...encodeGateway(gateway) })

/**
 * Writes the gateway to `path` atomically and durably: a temporary file in the same folder,
 * flushed to disk, renamed over `path`, then the folder flushed. `path` is the resolved target
 * (never a symlink, so the link stays); the file gets `mode`. Synchronous on purpose: the
 * server answers nothing while a write is under way anyway, and one blocking step per batch
 * costs less than the thread-pool round trips of the asynchronous calls. Throws when it could
 * not (the caller answers 503). @internal
 */
export const saveState = (path: string, gateway: Gateway, mode = 0o600): void => {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++written}.tmp`)
  const data = stateText(gateway)
  try {
    const fd = openSync(tmp, 'w', mode)
    try {
      fchmodSync(fd, mode) // exactly the file's mode, whatever the umask
      writeFileSync(fd, data, 'utf8')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, path)
  } catch (error) {
    try {
      unlinkSync(tmp)
    } catch {
      // Nothing to clean up.
    }
    throw error
  }
  // Flush the folder so that the rename itself survives a crash (not supported everywhere).
  try {
    const folder = openSync(dir, 'r')
    try {
      fsyncSync(folder)
    } finally {
      closeSync(folder)
    }
  } catch {
    // A platform that cannot open or flush a folder: the rename is as durable as it gets there.
  }
}
