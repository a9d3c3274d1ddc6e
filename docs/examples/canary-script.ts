// The deployment code under test: moves a stage's canary to a share of the traffic, with the
// operations the library computes from the stage as AWS reports it.
import { GetStageCommand, UpdateStageCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { decodeStage, getOrThrow, toOperations, Transition } from 'apigw-canary'

/** Moves the canary of a stage to `percent` of the traffic; resolves with the share AWS reports. */
export const shiftCanary = async (client: APIGatewayClient, restApiId: string, stageName: string, percent: number): Promise<number> => {
  const stage = getOrThrow(decodeStage(await client.send(new GetStageCommand({ restApiId, stageName }))))
  const patchOperations = getOrThrow(toOperations(stage, Transition.setTraffic(percent)))
  const updated = await client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations: [...patchOperations] }))
  return updated.canarySettings?.percentTraffic ?? 0
}
