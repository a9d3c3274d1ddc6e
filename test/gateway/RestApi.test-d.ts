/**
 * What the types of the REST API aggregate and its shells promise.
 */
import type { HttpHandler } from '@smithy/core/protocols'
import type * as E from 'fp-ts/Either'
import { describe, expectTypeOf, it } from 'vitest'
import type { Gateway, GatewayError, Outcome, RestApi } from '../../src/gateway/control/RestApi.js'
import type { Deployment } from '../../src/gateway/control/RestApi.js'
import { createDeployment } from '../../src/gateway/control/RestApiDeployment.js'
import { route, type Routed } from '../../src/gateway/wire/RestApiHttp.js'
import { updateStage } from '../../src/gateway/control/RestApiStage.js'
import type { Stage } from '../../src/stage/Stage.js'
import { createSimulator } from '../../src/gateway/simulator/index.js'

describe('types', () => {
  it('the simulator handler is an SDK HttpHandler', () => {
    expectTypeOf(createSimulator().requestHandler).toMatchTypeOf<HttpHandler>()
  })

  it('operations return the gateway and the response, or a GatewayError', () => {
    expectTypeOf(createDeployment).returns.toEqualTypeOf<E.Either<GatewayError, Outcome<Deployment>>>()
    expectTypeOf(updateStage).returns.toEqualTypeOf<E.Either<GatewayError, Outcome<Stage>>>()
    expectTypeOf(route).returns.toEqualTypeOf<Routed>()
  })

  it('the aggregate is read-only', () => {
    const g = {} as Gateway
    // @ts-expect-error restApis is readonly
    g.restApis = []
    // @ts-expect-error the list is readonly
    g.restApis.push({} as Gateway['restApis'][number])
    const api = {} as RestApi
    // @ts-expect-error fields are readonly
    api.name = 'x'
  })

  it('a GatewayError always carries an exception name and a message', () => {
    expectTypeOf<GatewayError['name']>().toEqualTypeOf<'BadRequestException' | 'NotFoundException' | 'ConflictException' | 'ValidationException'>()
    expectTypeOf<GatewayError['message']>().toEqualTypeOf<string>()
  })
})
