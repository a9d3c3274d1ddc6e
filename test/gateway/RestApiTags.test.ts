/** Stage tags through the real SDK v3 client: TagResource, UntagResource, GetTags and get-stage's `tags`. */
import {
  APIGatewayClient,
  BadRequestException,
  GetStageCommand,
  GetTagsCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand
} from '@aws-sdk/client-api-gateway'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createSimulator } from '../../src/gateway/simulator/index.js'
import { route } from '../../src/gateway/wire/RestApiHttp.js'
import { getTags, tagResource } from '../../src/gateway/control/RestApiTags.js'

const fixture = {
  restApis: [
    {
      restApi: { id: 'fh4zbbd5nd', name: 'pets', createdDate: '2017-11-20T04:42:19Z' },
      deployments: [{ id: 'nfcn0x', createdDate: '2017-11-20T04:42:19Z' }],
      stages: [{ stageName: 'prod', deploymentId: 'nfcn0x' }]
    }
  ]
}
const arn = 'arn:aws:apigateway:us-east-1::/restapis/fh4zbbd5nd/stages/prod'

describe('stage tags through SDK v3', () => {
  it('tags, reads, untags several keys at once, and get-stage shows them', async () => {
    const sim = createSimulator()
    expect(E.isRight(sim.seed(fixture))).toBe(true)
    const client = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
    const tagged = await client.send(new TagResourceCommand({ resourceArn: arn, tags: { a: '1', b: '2', c: 'x y:z' } }))
    expect(tagged.$metadata.httpStatusCode).toBe(204)
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ a: '1', b: '2', c: 'x y:z' })
    expect((await client.send(new GetStageCommand({ restApiId: 'fh4zbbd5nd', stageName: 'prod' }))).tags).toEqual({ a: '1', b: '2', c: 'x y:z' })
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['a', 'c'] }))
    expect((await client.send(new GetTagsCommand({ resourceArn: arn }))).tags).toEqual({ b: '2' })
    await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['b'] }))
    expect((await client.send(new GetStageCommand({ restApiId: 'fh4zbbd5nd', stageName: 'prod' }))).tags).toBeUndefined()
  })

  it("answers AWS's errors: a bad ARN, a missing stage, a reserved key", async () => {
    const sim = createSimulator()
    sim.seed(fixture)
    const client = new APIGatewayClient({ requestHandler: sim.requestHandler, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } })
    await expect(client.send(new GetTagsCommand({ resourceArn: 'arn:aws:s3:::bucket' }))).rejects.toThrow(BadRequestException)
    await expect(client.send(new GetTagsCommand({ resourceArn: arn.replace('prod', 'beta') }))).rejects.toThrow(NotFoundException)
    await expect(client.send(new TagResourceCommand({ resourceArn: arn, tags: { 'aws:x': '1' } }))).rejects.toThrow(/reserved/)
    await expect(client.send(new TagResourceCommand({ resourceArn: arn, tags: { a: 'semi;colon' } }))).rejects.toThrow(BadRequestException)
  })

  it('is safe with __proto__ as a key, and a read keeps the same gateway', () => {
    const sim = createSimulator()
    sim.seed(fixture)
    const t = tagResource(sim.state, { resourceArn: arn, tags: JSON.parse('{"__proto__":"x"}') })
    expect(E.isRight(t)).toBe(true)
    if (E.isLeft(t)) return
    const got = getTags(t.right.gateway, { resourceArn: arn })
    expect(E.isRight(got) && Object.keys(got.right.response)).toEqual(['__proto__'])
    const read = route(t.right.gateway, { method: 'GET', path: `/tags/${encodeURIComponent(arn)}` })
    expect(read.gateway).toBe(t.right.gateway)
    expect(read.operation).toBe('GetTags')
  })
})
