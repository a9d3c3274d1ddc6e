/**
 * Where `serve` sends a request to a stage rather than to the control plane: the path
 * `/restapis/{id}/{stage}/_user_request_/{path}` (the convention of other emulators), or any path
 * under the Host `{id}.execute-api.localhost` (`/{stage}/{path}`). And the loopback HTTP client
 * that HTTP integrations without a registered handler use (127.0.0.1 and localhost only).
 *
 * @internal
 */
import type { InvokeRequest } from '../data/Invoke.js'
import type { BackendRequest, BackendResponse } from '../data/DataPlane.js'

const USER_REQUEST = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/
const EXECUTE_API_HOST = /^([a-z0-9]+)\.execute-api\.localhost(?::\d+)?$/i

/** The stage request a path and Host name, if they name one. @internal */
export const dataPlaneTarget = (path: string, host: string | undefined): Pick<InvokeRequest, 'restApiId' | 'stageName' | 'path'> | undefined => {
  const byPath = USER_REQUEST.exec(path)
  if (byPath !== null) return { restApiId: byPath[1] ?? '', stageName: decodeURIComponent(byPath[2] ?? ''), path: byPath[3] ?? '/' }
  const byHost = host === undefined ? null : EXECUTE_API_HOST.exec(host)
  if (byHost === null) return undefined
  const rest = path.split('/')
  return { restApiId: byHost[1] ?? '', stageName: decodeURIComponent(rest[1] ?? ''), path: `/${rest.slice(2).join('/')}` }
}

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/

/** An HTTP integration's request to a real server on this machine (never another address). @internal */
export const loopbackBackend = async (request: BackendRequest): Promise<BackendResponse> => {
  if (!LOOPBACK.test(request.url)) throw new Error(`${request.url} is not on 127.0.0.1 or localhost; the simulated gateway calls loopback servers only (or register a handler)`)
  const method = request.method.toUpperCase()
  const response = await fetch(request.url, {
    method,
    headers: Object.fromEntries(Object.entries(request.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k.toLowerCase()))),
    ...(method === 'GET' || method === 'HEAD' || request.body === '' ? {} : { body: request.body })
  })
  const headers: Record<string, string> = {}
  response.headers.forEach((v, k) => {
    if (!['content-length', 'connection', 'transfer-encoding', 'keep-alive'].includes(k)) headers[k] = v
  })
  return { status: response.status, headers, body: await response.text() }
}
