/**
 * The subset of API Gateway's mapping-template language (Velocity, VTL) the simulated gateway
 * renders: references only, no directives.
 *
 * - `$stageVariables.name` (and `${stageVariables.name}`): the stage variable the request sees;
 * - `$context.stage`, `$context.deploymentId`, `$context.requestId`, `$context.httpMethod`,
 *   `$context.resourcePath`, `$context.resourceId`, `$context.apiId`, `$context.isCanaryRequest`
 *   (`true` or `false`);
 * - `$input.body`: the request body as sent; `$input.params('name')`: the path, query or header
 *   parameter of that name, searched in that order (as API Gateway does);
 * - a `$` that starts no reference (`$ 5`, `$1`) is text.
 *
 * Anything else that looks like VTL (`#set`, `#if`, `$util...`, `$input.json(...)`, an unknown
 * `$context` field) is refused with a message naming it: the simulator never renders a template it
 * does not understand into a silently wrong body. A missing stage variable renders as empty, as in
 * API Gateway.
 *
 * @since 0.2.0
 *
 * @module
 */
import { E } from '../../internal/fp.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/**
 * What a template can read.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Vtl } from 'apigw-canary/simulator'
 *
 * const scope: Vtl.TemplateScope = {
 *   stageVariables: { alias: 'live' },
 *   context: { stage: 'prod', deploymentId: 'nfcn0x', requestId: 'r1', isCanaryRequest: 'false' },
 *   body: '',
 *   params: () => undefined
 * }
 * assert.deepStrictEqual(Vtl.render('$stageVariables.alias', scope), E.right('live'))
 * ```
 *
 * @category model
 * @since 0.2.0
 */
export interface TemplateScope {
  /** The stage variables the request sees (`$stageVariables.x`). */
  readonly stageVariables: { readonly [name: string]: string }
  /** The `$context` fields, by name. */
  readonly context: { readonly [name: string]: string }
  /** The request body as sent (`$input.body`). */
  readonly body: string
  /** A path, query or header parameter of this name (`$input.params('x')`). */
  readonly params: (name: string) => string | undefined
}

// -------------------------------------------------------------------------------------
// rendering
// -------------------------------------------------------------------------------------

const CONTEXT_FIELDS = new Set(['stage', 'deploymentId', 'requestId', 'httpMethod', 'resourcePath', 'resourceId', 'apiId', 'isCanaryRequest'])

const SUBSET =
  "$stageVariables.x, $context.stage, $context.deploymentId, $context.requestId, $context.httpMethod, $context.resourcePath, $context.resourceId, $context.apiId, $context.isCanaryRequest, $input.body, $input.params('x')"

const REFERENCE = /\$!?(?:\{([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}|([A-Za-z][A-Za-z0-9_]*)((?:\.[A-Za-z_][A-Za-z0-9_]*)*)(\((?:'[^']*'|"[^"]*")?\))?)|#(?:set|if|elseif|else|end|foreach|break|stop|define|macro|parse|include|evaluate|\{|\*|#)/g

/**
 * Renders a template, or says which part of it is outside the subset (see the module's notes).
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Vtl } from 'apigw-canary/simulator'
 *
 * const scope: Vtl.TemplateScope = {
 *   stageVariables: { alias: 'canary' },
 *   context: { stage: 'prod', deploymentId: 'eh1sby', requestId: 'r1', isCanaryRequest: 'true' },
 *   body: '{"n":1}',
 *   params: (name) => (name === 'id' ? '42' : undefined)
 * }
 * assert.deepStrictEqual(
 *   Vtl.render('{"alias":"${stageVariables.alias}","deployment":"$context.deploymentId","id":$input.params(\'id\'),"in":$input.body}', scope),
 *   E.right('{"alias":"canary","deployment":"eh1sby","id":42,"in":{"n":1}}')
 * )
 * assert.deepStrictEqual(Vtl.render('costs $5', scope), E.right('costs $5'))
 * const refused = Vtl.render('#set($x = 1)$x', scope)
 * assert.ok(E.isLeft(refused) && refused.left.startsWith('The mapping template uses "#set"'))
 * assert.ok(E.isLeft(Vtl.render('$util.escapeJavaScript($input.body)', scope)))
 * ```
 *
 * @category rendering
 * @since 0.2.0
 */
export const render = (template: string, scope: TemplateScope): E.Either<string, string> => {
  if (!template.includes('$') && !template.includes('#')) return E.right(template)
  let out = ''
  let last = 0
  for (const m of template.matchAll(REFERENCE)) {
    const whole = m[0]
    out += template.slice(last, m.index)
    last = m.index + whole.length
    if (whole.startsWith('#')) return E.left(refuse(whole))
    const braced = m[1] !== undefined
    const root = (braced ? m[1] : m[3]) ?? ''
    const fields = ((braced ? m[2] : m[4]) ?? '').split('.').filter((f) => f !== '')
    const value = resolve(root, fields, braced ? undefined : m[5], scope)
    if (E.isLeft(value)) return E.left(refuse(whole))
    out += value.right
  }
  return E.right(out + template.slice(last))
}

const refuse = (what: string): string =>
  `The mapping template uses ${JSON.stringify(what.slice(0, 60))}, which is outside the VTL subset the simulated gateway renders (${SUBSET}); see docs/gateway.md.`

const unquote = (call: string): string => call.slice(2, -2)

const resolve = (root: string, fields: ReadonlyArray<string>, call: string | undefined, scope: TemplateScope): E.Either<void, string> => {
  if (root === 'stageVariables' && fields.length === 1 && call === undefined) {
    const name = fields[0] ?? ''
    return E.right(Object.hasOwn(scope.stageVariables, name) ? (scope.stageVariables[name] ?? '') : '')
  }
  if (root === 'context' && fields.length === 1 && call === undefined && CONTEXT_FIELDS.has(fields[0] ?? '')) {
    return E.right(scope.context[fields[0] ?? ''] ?? '')
  }
  if (root === 'input' && fields.length === 1 && fields[0] === 'body' && call === undefined) return E.right(scope.body)
  if (root === 'input' && fields.length === 1 && fields[0] === 'params' && call !== undefined && call.length > 4) {
    return E.right(scope.params(unquote(call)) ?? '')
  }
  return E.left(undefined)
}

/**
 * Replaces `${stageVariables.name}` in an integration URI (the only form API Gateway resolves
 * there); gives the names that have no value, if any.
 *
 * @example
 * ```ts
 * import assert from 'node:assert'
 * import * as E from 'fp-ts/lib/Either.js'
 * import { Vtl } from 'apigw-canary/simulator'
 *
 * assert.deepStrictEqual(Vtl.resolveUri('arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.alias}', { alias: 'live' }), E.right('arn:aws:lambda:us-east-1:123456789012:function:orders:live'))
 * assert.deepStrictEqual(Vtl.resolveUri('http://${stageVariables.host}/x', {}), E.left(['host']))
 * ```
 *
 * @category rendering
 * @since 0.2.0
 */
export const resolveUri = (uri: string, variables: { readonly [name: string]: string }): E.Either<ReadonlyArray<string>, string> => {
  const missing: Array<string> = []
  const out = uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (Object.hasOwn(variables, name)) return variables[name] ?? ''
    missing.push(name)
    return ''
  })
  return missing.length > 0 ? E.left(missing) : E.right(out)
}
