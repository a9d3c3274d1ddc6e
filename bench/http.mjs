// One HTTP call to a server on loopback, for the server benchmarks: resolves with the status and
// the parsed JSON body (undefined when empty). `agent` false opens a connection per call.
import { Buffer } from 'node:buffer'
import { request } from 'node:http'

export const call = (port, method, path, body, agent = false) =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString()
        resolve({ status: res.statusCode, json: text === '' ? undefined : JSON.parse(text) })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })

/**
 * A REST API with a `prod` stage, made over HTTP: a MOCK `GET /` first (AWS deploys no API
 * without methods), then the deployment. Throws when a step is refused, so that a benchmark
 * never measures writes to a stage that does not exist. Resolves with the REST API's id.
 */
export const deployedApi = async (port, name) => {
  const api = await call(port, 'POST', '/restapis', JSON.stringify({ name }))
  const method = `/restapis/${api.json.id}/resources/${api.json.rootResourceId}/methods/GET`
  const steps = [
    await call(port, 'PUT', method, JSON.stringify({ authorizationType: 'NONE' })),
    await call(port, 'PUT', `${method}/integration`, JSON.stringify({ type: 'MOCK' })),
    await call(port, 'POST', `/restapis/${api.json.id}/deployments`, JSON.stringify({ stageName: 'prod' }))
  ]
  const refused = [api, ...steps].find((r) => r.status >= 300)
  if (refused !== undefined) throw new Error(`setting up the REST API failed: ${refused.status} ${JSON.stringify(refused.json)}`)
  return api.json.id
}
