/**
 * One server per state file: an exclusive lock taken at start-up, held while serving, released
 * at close. The lock is a file beside the state file (`{state file}.lock`, beside the symlink's
 * target when the state file is a symlink, so two names of one file share one lock) holding the
 * holder's pid, when it started, and (on Linux) its process start time.
 *
 * - The lock file is created whole and exclusively: written to a temporary file, then linked to
 *   its name (`link` fails when the name exists), so a reader never sees half a lock.
 * - A second server finds the lock, sees its holder alive, and refuses to start with a message
 *   naming it (pid, since when, the lock file).
 * - A lock whose holder is gone (no such process, a zombie, or on Linux a process of that pid
 *   that started at another time: the pid was reused) is stale: it is moved aside, checked to be
 *   the very lock judged stale (or else put back), removed, and the lock is taken again.
 *
 * @internal
 */
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { E } from '../../internal/fp.js'

/** What a lock file holds. @internal */
export interface LockHolder {
  readonly pid: number
  /** When the holder took the lock (ISO 8601). */
  readonly since: string
  /** The holder's process start time in clock ticks after boot (Linux), to tell a reused pid. */
  readonly start?: string
}

/** A lock that is held: release it at close. @internal */
export interface HeldLock {
  readonly path: string
  release(): void
}

/** The start time of a process in clock ticks after boot, from `/proc` (Linux only). */
const processStart = (pid: number): string | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which is in parentheses and may hold spaces): state is the
    // first, start time the 20th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[0] === 'Z' ? 'zombie' : fields[19]
  } catch {
    return undefined
  }
}

/**
 * Whether the process that wrote `holder` still runs: a signal 0 reaches it, it is not a
 * zombie, and (where `/proc` tells) it started when the holder said. @internal
 */
export const holderAlive = (holder: LockHolder): boolean => {
  if (!Number.isSafeInteger(holder.pid) || holder.pid <= 0) return false
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EPERM') return false
  }
  const start = processStart(holder.pid)
  if (start === 'zombie') return false
  return start === undefined || holder.start === undefined || start === holder.start
}

const readHolder = (path: string): LockHolder | undefined => {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (typeof parsed !== 'object' || parsed === null) return undefined
    const { pid, since, start } = parsed as Record<string, unknown>
    return typeof pid === 'number' && typeof since === 'string'
      ? { pid, since, ...(typeof start === 'string' ? { start } : {}) }
      : undefined
  } catch {
    return undefined
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error))

let made = 0

/**
 * Takes the lock of the state file `target` (an absolute path, symlinks resolved): a `Left`
 * with a message for the user when another live server holds it or the folder refuses the lock
 * file. `now` is when this server starts. @internal
 */
export const acquireLock = (target: string, now: Date): E.Either<{ readonly locked: boolean; readonly message: string }, HeldLock> => {
  const refused = (message: string, locked = false) => E.left({ locked, message })
  const path = `${target}.lock`
  const me: LockHolder = { pid: process.pid, since: now.toISOString(), ...withStart(processStart(process.pid)) }
  const text = `${JSON.stringify(me)}\n`
  const tmp = `${path}.${process.pid}.${++made}.tmp`
  try {
    const fd = openSync(tmp, 'wx', 0o644)
    try {
      writeSync(fd, text)
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    return refused(`cannot create the lock file beside ${target} (${errorText(error)}); is the folder writable?`)
  }
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(tmp, path)
        return E.right({ path, release: () => release(path, text) })
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST') return refused(`cannot create the lock file ${path} (${errorText(error)}); is the folder writable?`)
      }
      const holder = readHolder(path)
      if (holder !== undefined && holderAlive(holder)) {
        return refused(
          `${target} is in use by another apigw-canary serve (pid ${holder.pid}, since ${holder.since}; lock file ${path}). ` +
            'Stop that server, or give this one another --state file.',
          true
        )
      }
      if (holder === undefined && attempt === 0) continue // a lock being replaced right now: look again
      takeOver(path, holder)
    }
    return refused(`cannot take the lock ${path}: it keeps changing; is another server starting on ${target}?`, true)
  } finally {
    try {
      unlinkSync(tmp)
    } catch {
      // Already gone.
    }
  }
}

const withStart = (start: string | undefined): { readonly start?: string } => (start === undefined || start === 'zombie' ? {} : { start })

/** Removes a stale lock: moved aside first, and put back when it is not the one judged stale. */
const takeOver = (path: string, stale: LockHolder | undefined): void => {
  const aside = `${path}.${process.pid}.${++made}.stale`
  try {
    renameSync(path, aside)
  } catch {
    return // gone already: the next attempt links
  }
  const moved = readHolder(aside)
  if (stale !== undefined && moved !== undefined && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path) // someone else's fresh lock: put it back
    } catch {
      // A third server has the name now; its lock stands.
    }
  }
  try {
    unlinkSync(aside)
  } catch {
    // Nothing to clean up.
  }
}

/** Removes the lock file if it is still this server's. */
const release = (path: string, text: string): void => {
  try {
    if (readFileSync(path, 'utf8') === text) unlinkSync(path)
  } catch {
    // Gone already.
  }
}
