/**
 * apigw-canary/iac: CloudFormation, CDK and Terraform. Reads their canary settings (the three
 * CloudFormation shapes, CDK's camelCase properties, Terraform's `aws_api_gateway_stage` in
 * `terraform show -json`), checks a deploy before API Gateway refuses it (`preflight`), and
 * compares the live stage with the declaration, saying what to write back after a promotion
 * (`reconcile`). A separate entry: only it imports the YAML parser.
 *
 * @packageDocumentation
 */

export * from './Declared.js'
export * from './Resolve.js'
export * from './CloudFormation.js'
export * from './Terraform.js'
export * from './Preflight.js'
export * from './Reconcile.js'
