/**
 * The canary release through `serve`: the deployment script is the real AWS CLI, the traffic
 * plain HTTP (node's fetch, and curl by path and by Host header).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { wilsonInterval } from '../../src/traffic/Simulate.js'
import type { ProxyEvent } from '../../src/gateway/data/Invoke.js'
import { expectRight } from '../helpers.js'
import { apigateway, awsCli, findCli, type AwsCli } from './awsCli.js'

const cli = findCli()
const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:orders'
const URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FUNCTION}:\${stageVariables.lambdaAlias}/invocations`

const curl = (...args: ReadonlyArray<string>): Promise<string> =>
  new Promise((resolve) => execFile('curl', ['-s', '-i', ...args], { timeout: 20_000 }, (_e, stdout) => resolve(stdout)))

describe.skipIf(cli === undefined)('a canary release through serve, the AWS CLI and plain HTTP', () => {
  let server: RunningServer
  let runner: AwsCli
  const home = mkdtempSync(join(tmpdir(), 'apigw-canary-cli-'))
  beforeAll(async () => {
    server = expectRight(await serve({ port: 0, dataPlane: { seed: 3 } }))
    // One CLI process for the file (see awsCli.ts).
    runner = await awsCli(cli?.bin ?? 'aws')
  })
  afterAll(() => {
    runner.close()
    rmSync(home, { recursive: true, force: true })
    return server.close()
  })

  it('deploy with the AWS CLI, 500 requests over HTTP, promote', async () => {
    const aws = apigateway(runner, server.url, home)
    const ok = async (...args: ReadonlyArray<string>): Promise<Record<string, unknown>> => {
      const r = await aws(...args)
      expect(r.stderr).toBe('')
      return r.json as Record<string, unknown>
    }
    const api = await ok('create-rest-api', '--name', 'orders')
    const restApiId = String(api['id'])
    // get-resources, as an older CLI drops rootResourceId (its model does not know it)
    const resources = (await ok('get-resources', '--rest-api-id', restApiId)) as { items: Array<{ id: string; path: string }> }
    const root = resources.items.find((r) => r.path === '/')?.id ?? ''
    const resource = await ok('create-resource', '--rest-api-id', restApiId, '--parent-id', root, '--path-part', '{proxy+}')
    const key = ['--rest-api-id', restApiId, '--resource-id', String(resource['id']), '--http-method', 'ANY']
    await ok('put-method', ...key, '--authorization-type', 'NONE')
    const integration = await ok('put-integration', ...key, '--type', 'AWS_PROXY', '--integration-http-method', 'POST', '--uri', URI)
    expect(integration).toMatchObject({ type: 'AWS_PROXY', httpMethod: 'POST', uri: URI, timeoutInMillis: 29000 })
    const live = await ok('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod', '--variables', 'lambdaAlias=live')
    const canary = await ok('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod', '--canary-settings', 'percentTraffic=10,stageVariableOverrides={lambdaAlias=canary}')
    const stage = await aws('get-stage', '--rest-api-id', restApiId, '--stage-name', 'prod')
    expect(stage.stdout).toMatch(/"percentTraffic": 10\.0/) // a Double, as AWS writes it

    const seen: Array<ProxyEvent> = []
    const handler = (version: string) => (event: ProxyEvent) => {
      seen.push(event)
      return { statusCode: 200, headers: { 'x-version': version }, body: JSON.stringify({ version, deploymentId: event.requestContext.deploymentId, alias: event.stageVariables?.['lambdaAlias'] }) }
    }
    server.dataPlane.registerFunction('orders', handler('live'), { qualifier: 'live' })
    server.dataPlane.registerFunction('orders', handler('canary'), { qualifier: 'canary' })

    const agent = new Agent({ keepAlive: true, maxSockets: 8 })
    const send = async (n: number): Promise<Array<{ version: string; deploymentId: string; alias: string }>> => {
      const out: Array<{ version: string; deploymentId: string; alias: string }> = []
      await Promise.all(
        Array.from({ length: 8 }, async (_, k) => {
          for (let i = k; i < n; i += 8) {
            const r = await fetch(`${server.url}/restapis/${restApiId}/prod/_user_request_/orders/${i}`)
            expect(r.status).toBe(200)
            out.push((await r.json()) as { version: string; deploymentId: string; alias: string })
          }
        })
      )
      return out
    }
    const answers = await send(500)
    const canaries = answers.filter((a) => a.version === 'canary')
    const interval = expectRight(wilsonInterval(canaries.length, 500, 0.999))
    expect(interval.lower <= 0.1 && 0.1 <= interval.upper).toBe(true)
    expect(canaries.every((a) => a.alias === 'canary' && a.deploymentId === canary['id'])).toBe(true)
    expect(answers.filter((a) => a.version === 'live').every((a) => a.alias === 'live' && a.deploymentId === live['id'])).toBe(true)
    expect(seen[0]?.pathParameters).toMatchObject({ proxy: expect.stringMatching(/^orders\/\d+$/) })
    const counts = server.dataPlane.datapoints().filter((d) => d.metricName === 'Count' && !('Resource' in d.dimensions))
    expect(counts.filter((d) => d.dimensions['Stage'] === 'prod/Canary').length).toBe(canaries.length)
    expect(counts.length).toBe(500)

    // curl, by path and by Host header; an unknown stage
    const byPath = await curl(`${server.url}/restapis/${restApiId}/prod/_user_request_/orders/1`)
    expect(byPath).toMatch(/^HTTP\/1\.1 200/)
    expect(byPath).toMatch(/x-version: (live|canary)/i)
    const byHost = await curl('-H', `Host: ${restApiId}.execute-api.localhost`, `${server.url}/prod/orders/1`)
    expect(byHost).toMatch(/^HTTP\/1\.1 200/)
    const hostile = await curl(`${server.url}/restapis/${restApiId}/prod/_user_request_/orders/1?__proto__=x&a=1&a=2`)
    expect(hostile).toMatch(/^HTTP\/1\.1 200/)
    expect(seen[seen.length - 1]?.multiValueQueryStringParameters).toEqual(JSON.parse('{"__proto__":["x"],"a":["1","2"]}'))
    const unknown = await curl(`${server.url}/restapis/${restApiId}/beta/_user_request_/orders/1`)
    expect(unknown).toMatch(/^HTTP\/1\.1 403/)
    expect(unknown).toMatch(/x-amzn-ErrorType: MissingAuthenticationTokenException/i)
    expect(unknown.endsWith('{"message":"Missing Authentication Token"}')).toBe(true)

    // promote with the AWS CLI: every request reaches the new version
    await ok(
      'update-stage', '--rest-api-id', restApiId, '--stage-name', 'prod', '--patch-operations',
      'op=replace,path=/canarySettings/percentTraffic,value=0.0', 'op=copy,from=/canarySettings/stageVariableOverrides,path=/variables', 'op=copy,from=/canarySettings/deploymentId,path=/deploymentId'
    )
    const after = await send(100)
    expect(after.every((a) => a.version === 'canary' && a.deploymentId === canary['id'])).toBe(true)
    agent.destroy()
  }, 60_000)
})
