/**
 * The HTTP server driven by the REAL AWS CLI (`aws --endpoint-url http://127.0.0.1:N apigateway
 * ...`), starting from nothing: the canary lifecycle and the create-deployment errors of the
 * reference, comparing the CLI's JSON output with what the server holds.
 *
 * The CLI is looked for as `$AWS_CLI`, then `/usr/bin/aws` (Debian's `awscli` package, v2), then
 * `aws` on the PATH; version 2 is preferred, version 1 works too (it prints dates as epoch
 * seconds, v2 as ISO strings; the comparison reads both). Without any, the tests are skipped
 * with a message saying how to install it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restApiToWire, stageToWire, deploymentToWire } from '../../src/gateway/wire/RestApiHttp.js'
import { DEFAULT_TIME, fixedClock } from '../../src/gateway/control/RestApiProviders.js'
import { serve, type RunningServer } from '../../src/gateway/server/serve.js'
import { JOURNAL_PATH, sentPatchOperations, type JournalEntry } from '../../src/gateway/wire/Journal.js'
import { expectRight, mockMethodRequests } from '../helpers.js'
import { apigateway, awsCli, findCli, type ApiGatewayRun, type AwsCli } from './awsCli.js'

const cli = findCli()
const home = mkdtempSync(join(tmpdir(), 'apigw-canary-cli-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

/** Dates in either CLI's form (ISO string or epoch seconds) as epoch seconds, everywhere in a value. */
const epochs = (u: unknown): unknown => {
  if (Array.isArray(u)) return u.map(epochs)
  if (typeof u !== 'object' || u === null) return u
  return Object.fromEntries(
    Object.entries(u).map(([k, v]) => [k, (k === 'createdDate' || k === 'lastUpdatedDate') && typeof v === 'string' ? Date.parse(v) / 1000 : epochs(v)])
  )
}

describe.skipIf(cli === undefined)(
  cli === undefined ? 'AWS CLI: SKIPPED, no `aws` binary found (install it: apt-get update && apt-get install -y awscli)' : `AWS CLI (${cli.version})`,
  () => {
    let server: RunningServer
    let runner: AwsCli
    beforeAll(async () => {
      server = expectRight(await serve({ port: 0, env: { now: fixedClock(DEFAULT_TIME) } }))
      // One CLI process for the file (see awsCli.ts): the same CLI, without its start-up per call.
      runner = await awsCli(cli?.bin ?? 'aws')
    })
    afterAll(() => {
      runner.close()
      return server.close()
    })

    const aws = (...args: ReadonlyArray<string>): Promise<ApiGatewayRun> => apigateway(runner, server.url, home)(...args)

    const ok = async (...args: ReadonlyArray<string>): Promise<unknown> => {
      const r = await aws(...args)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      return epochs(r.json)
    }

    /** The CLI's one-line report of a failed call. */
    const failure = (type: string, operation: string, message: string): string => `An error occurred (${type}) when calling the ${operation} operation: ${message}\n`

    const stage = (restApiId: string): unknown => {
      const s = server.state.restApis.find((a) => a.restApi.id === restApiId)?.stages.find((x) => x.stageName === 'prod')
      return s === undefined ? undefined : JSON.parse(JSON.stringify(stageToWire(s)))
    }

    /** A MOCK `GET /` through the AWS CLI (get-resources, put-method, put-integration, put-integration-response): AWS deploys no API without methods. */
    const defineMockMethodWithCli = async (restApiId: string): Promise<void> => {
      const resources = (await ok('get-resources', '--rest-api-id', restApiId)) as { items: Array<{ id: string; path: string }> }
      const resourceId = resources.items.find((r) => r.path === '/')?.id ?? ''
      const key = ['--rest-api-id', restApiId, '--resource-id', resourceId, '--http-method', 'GET']
      await ok('put-method', ...key, '--authorization-type', 'NONE')
      await ok('put-integration', ...key, '--type', 'MOCK', '--request-templates', '{"application/json":"{\\"statusCode\\": 200}"}')
      await ok('put-integration-response', ...key, '--status-code', '200', '--selection-pattern', '')
    }

    it('the lifecycle: create-rest-api, create-deployment creating the stage, a canary deployment, traffic, promote, disable', async () => {
      const api = (await ok('create-rest-api', '--name', 'pets')) as { id: string }
      const restApiId = api.id
      await defineMockMethodWithCli(restApiId)
      // An older CLI (2.9) drops `rootResourceId`, which its model does not know yet.
      const { rootResourceId, ...wire } = restApiToWire(server.state.restApis[0]?.restApi ?? expect.unreachable())
      expect(api).toEqual('rootResourceId' in api ? { ...wire, rootResourceId } : wire)
      expect(api).toMatchObject({ name: 'pets', createdDate: 1511152939, apiKeySource: 'HEADER', endpointConfiguration: { types: ['EDGE'] } })

      const first = (await ok('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod', '--variables', 'sv1=val1')) as { id: string }
      expect(first).toEqual(deploymentToWire(server.state.restApis[0]?.deployments[0] ?? expect.unreachable()))
      const created = await ok('get-stage', '--rest-api-id', restApiId, '--stage-name', 'prod')
      expect(created).toEqual({
        deploymentId: first.id,
        stageName: 'prod',
        cacheClusterEnabled: false,
        cacheClusterStatus: 'NOT_AVAILABLE',
        methodSettings: {},
        variables: { sv1: 'val1' },
        tracingEnabled: false,
        createdDate: 1511152939,
        lastUpdatedDate: 1511152939
      })

      const canary = (await ok(
        'create-deployment',
        '--rest-api-id',
        restApiId,
        '--stage-name',
        'prod',
        '--canary-settings',
        '{"percentTraffic":10.5,"stageVariableOverrides":{"sv1":"val2","sv2":"val3"}}'
      )) as { id: string }
      const withCanary = await ok('get-stage', '--rest-api-id', restApiId, '--stage-name', 'prod')
      expect(withCanary).toEqual(stage(restApiId))
      expect(withCanary).toMatchObject({
        deploymentId: first.id,
        variables: { sv1: 'val1' },
        canarySettings: { deploymentId: canary.id, percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
      })

      const shifted = await ok('update-stage', '--rest-api-id', restApiId, '--stage-name', 'prod', '--patch-operations', 'op=replace,path=/canarySettings/percentTraffic,value=50.0')
      expect(shifted).toEqual(stage(restApiId))
      expect(shifted).toMatchObject({ canarySettings: { percentTraffic: 50 } })

      const promoted = await ok(
        'update-stage',
        '--rest-api-id',
        restApiId,
        '--stage-name',
        'prod',
        '--patch-operations',
        JSON.stringify([
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
        ])
      )
      expect(promoted).toEqual(stage(restApiId))
      expect(promoted).toMatchObject({
        deploymentId: canary.id,
        variables: { sv1: 'val2', sv2: 'val3' },
        canarySettings: { deploymentId: canary.id, percentTraffic: 0, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' }, useStageCache: false }
      })

      const disabled = (await ok('update-stage', '--rest-api-id', restApiId, '--stage-name', 'prod', '--patch-operations', 'op=remove,path=/canarySettings')) as Record<string, unknown>
      expect(disabled).toEqual(stage(restApiId))
      expect(disabled['canarySettings']).toBeUndefined()
      expect(disabled).toMatchObject({ deploymentId: canary.id, variables: { sv1: 'val2', sv2: 'val3' } })

      const stages = (await ok('get-stages', '--rest-api-id', restApiId)) as { item: Array<unknown> }
      expect(stages.item).toEqual([stage(restApiId)])
    }, 120_000)

    it('the create-deployment errors of the reference, and NotFound, as the CLI reports them', async () => {
      const api = (await ok('create-rest-api', '--name', 'errors')) as { id: string }
      const restApiId = api.id
      await defineMockMethodWithCli(restApiId)
      await ok('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod')
      await ok('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod', '--canary-settings', 'percentTraffic=10')
      const before = server.state
      const prefix = 'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
      const runs = await Promise.all([
        aws('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'prod'),
        aws('create-deployment', '--rest-api-id', restApiId, '--stage-name', 'beta', '--canary-settings', 'percentTraffic=10'),
        aws('create-deployment', '--rest-api-id', restApiId, '--canary-settings', 'percentTraffic=10'),
        aws('create-deployment', '--rest-api-id', restApiId, '--stage-name', '', '--canary-settings', 'percentTraffic=10'),
        aws('get-stage', '--rest-api-id', restApiId, '--stage-name', 'beta'),
        aws('get-rest-api', '--rest-api-id', 'a1b2c3d4e5')
      ])
      const expected = [
        failure(
          'BadRequestException',
          'CreateDeployment',
          'Invalid deployment content specified.Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
        ),
        failure('BadRequestException', 'CreateDeployment', 'Invalid deployment content specified.Stage beta must already be created before making a canary release deployment'),
        failure('BadRequestException', 'CreateDeployment', `${prefix}null`),
        failure('BadRequestException', 'CreateDeployment', prefix),
        failure('NotFoundException', 'GetStage', 'Invalid stage identifier specified'),
        failure('NotFoundException', 'GetRestApi', 'Invalid API identifier specified 123456789012:a1b2c3d4e5')
      ]
      runs.forEach((r, i) => {
        expect(r.code).not.toBe(0)
        expect(r.stdout).toBe('')
        expect(r.stderr.trimStart()).toBe(expected[i])
      })
      expect(server.state).toBe(before)
    }, 120_000)

    it('the journal on GET /_apigw-canary/journal holds the update-stage operations the CLI sent, as it sent them', async () => {
      // Set up over plain HTTP (one CLI start is slow enough); the update-stage call is the CLI's.
      const { id: restApiId, rootResourceId } = (await (await fetch(`${server.url}/restapis`, { method: 'POST', body: '{"name":"orders"}' })).json()) as { id: string; rootResourceId: string }
      // AWS deploys no API without methods: a MOCK GET / first.
      for (const r of mockMethodRequests(restApiId, rootResourceId)) await fetch(`${server.url}${r.path}`, { method: r.method, body: r.body })
      await fetch(`${server.url}/restapis/${restApiId}/deployments`, { method: 'POST', body: '{"stageName":"prod"}' })
      await ok('update-stage', '--rest-api-id', restApiId, '--stage-name', 'prod', '--patch-operations', 'op=replace,path=/canarySettings/percentTraffic,value=25', 'op=replace,path=/variables/sv1,value=val1')
      const { entries } = (await (await fetch(`${server.url}${JOURNAL_PATH}`)).json()) as { entries: ReadonlyArray<JournalEntry> }
      expect(sentPatchOperations(entries, { restApiId })).toEqual([
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '25' },
        { op: 'replace', path: '/variables/sv1', value: 'val1' }
      ])
      expect(entries.filter((e) => e.input['restApiId'] === restApiId || e.output !== undefined && (e.output as { id?: unknown }).id === restApiId).map((e) => [e.operation, e.status, e.at])).toEqual([
        ['CreateRestApi', 201, DEFAULT_TIME],
        ['PutMethod', 201, DEFAULT_TIME],
        ['PutIntegration', 201, DEFAULT_TIME],
        ['PutIntegrationResponse', 201, DEFAULT_TIME],
        ['CreateDeployment', 201, DEFAULT_TIME],
        ['UpdateStage', 200, DEFAULT_TIME]
      ])
    }, 60_000)
  }
)
