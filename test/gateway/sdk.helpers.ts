/** SDK v3 helpers for the simulator tests. */
import { GetResourcesCommand, PutIntegrationCommand, PutIntegrationResponseCommand, PutMethodCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway'

/** Defines a MOCK `GET /` on the REST API through the SDK, so that it can be deployed (AWS refuses an API without methods). */
export const defineMockMethod = async (client: APIGatewayClient, restApiId: string): Promise<void> => {
  const resources = await client.send(new GetResourcesCommand({ restApiId }))
  const resourceId = resources.items?.find((r) => r.path === '/')?.id ?? ''
  const key = { restApiId, resourceId, httpMethod: 'GET' }
  await client.send(new PutMethodCommand({ ...key, authorizationType: 'NONE' }))
  await client.send(new PutIntegrationCommand({ ...key, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }))
  await client.send(new PutIntegrationResponseCommand({ ...key, statusCode: '200', selectionPattern: '' }))
}
