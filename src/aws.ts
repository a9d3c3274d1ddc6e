/**
 * `apigw-canary/aws`: the rollout driver for real API Gateway stages (and the simulated ones),
 * with the AWS SDK v3 clients as optional peer dependencies (`@aws-sdk/client-api-gateway`,
 * and `@aws-sdk/client-cloudwatch` for metric gates).
 *
 * @since 0.2.0
 *
 * @module
 */
export * from './aws/Driver.js'
export * from './aws/Control.js'
export type { MetricWindow } from './aws/Metrics.js'
export * as Gates from './rollout/Gates.js'
export * as DriverState from './rollout/DriverState.js'
export * as Backoff from './rollout/Backoff.js'
