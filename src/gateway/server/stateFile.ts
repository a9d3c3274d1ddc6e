/**
 * The server's state file: read at start, written atomically after every change (a temporary
 * file in the same folder, flushed to disk, renamed over the old one, and the folder flushed),
 * so a server killed at any moment leaves either the old state or the new one, never a torn file.
 *
 * @internal
 */
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import type { Gateway } from '../control/RestApi.js'
import { decodeGateway, encodeGateway } from '../wire/RestApiCodec.js'

let written = 0

/**
 * Reads the gateway saved at `path`: `undefined` when there is no file yet, the error's message
 * when it cannot be read or does not decode. @internal
 */
export const loadState = async (path: string): Promise<E.Either<string, Gateway | undefined>> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return E.right(undefined)
    return E.left(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return E.left(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  return E.mapLeft((e: { message: string }) => `${path} is not a saved gateway: ${e.message}`)(decodeGateway(json))
}

/**
 * Writes the gateway to `path` atomically and durably: a temporary file in the same folder,
 * flushed to disk, renamed over `path`, then the folder flushed. Synchronous on purpose: the
 * server answers nothing while a write is under way anyway, and one blocking step per batch
 * costs less than the thread-pool round trips of the asynchronous calls. Throws when it could
 * not (the caller answers 503). @internal
 */
export const saveState = (path: string, gateway: Gateway): void => {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${++written}.tmp`)
  const data = JSON.stringify(encodeGateway(gateway))
  try {
    const fd = openSync(tmp, 'w', 0o600)
    try {
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
