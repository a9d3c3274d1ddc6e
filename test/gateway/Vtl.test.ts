/** The VTL subset and the Lambda proxy mapping: totality and identities, as properties. */
import * as E from 'fp-ts/Either'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { render, resolveUri, type TemplateScope } from '../../src/gateway/data/Vtl.js'
import { proxyResponse } from '../../src/gateway/data/Invoke.js'

const scope: TemplateScope = {
  stageVariables: { a: 'A', lambdaAlias: 'live' },
  context: { stage: 'prod', deploymentId: 'nfcn0x', requestId: 'r1', isCanaryRequest: 'false' },
  body: '{"n":1}',
  params: (name) => (name === 'id' ? '42' : undefined)
}

describe('the VTL subset', () => {
  it('property: a template without $ or # renders as itself', () => {
    fc.assert(fc.property(fc.string().filter((s) => !s.includes('$') && !s.includes('#')), (t) => E.isRight(render(t, scope)) && (render(t, scope) as E.Right<string>).right === t))
  })

  it('property: render is total (a Right or a Left naming the reference, never a throw), and a Left quotes the subset', () => {
    const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('$stageVariables.a', '${stageVariables.a}', '$context.stage', '$input.body', "$input.params('id')", '$util.x', '#if', '#set(', '$!{x}', '$', '#', '{', '}', "$input.params()", '$context.nope', '$stageVariables'))
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const r = render(pieces.join(''), scope)
        return E.isRight(r) || r.left.includes('outside the VTL subset')
      })
    )
  })

  it('examples: the references of the subset, text kept around them', () => {
    expect(render('a=$stageVariables.a;b=${stageVariables.a}b;m=$stageVariables.missing;s=$context.stage;c=$context.isCanaryRequest', scope)).toEqual(E.right('a=A;b=Ab;m=;s=prod;c=false'))
    expect(render("$input.params('id')/$input.params(\"id\")/$input.params('nope')", scope)).toEqual(E.right('42/42/'))
    expect(render('price: $5, 100%', scope)).toEqual(E.right('price: $5, 100%'))
    expect(E.isLeft(render('$input.json("$")', scope))).toBe(true)
    expect(E.isLeft(render('$context.authorizer.principalId', scope))).toBe(true)
    expect(E.isLeft(render('## a comment', scope))).toBe(true)
    expect(render('"color": "#fff"', scope)).toEqual(E.right('"color": "#fff"'))
    expect(resolveUri('arn:x:function:f:${stageVariables.lambdaAlias}', scope.stageVariables)).toEqual(E.right('arn:x:function:f:live'))
    expect(resolveUri('${stageVariables.__proto__}', scope.stageVariables)).toEqual(E.left(['__proto__']))
  })
})

describe('the Lambda proxy mapping', () => {
  it('property: any answer maps to a status from 100 to 599 and text, never a throw; a malformed one to a 502', () => {
    fc.assert(
      fc.property(fc.anything(), (answer) => {
        const r = proxyResponse(answer)
        return Number.isInteger(r.status) && r.status >= 100 && r.status <= 599 && typeof r.body === 'string' && Object.values(r.headers).every((v) => typeof v === 'string')
      })
    )
  })

  it('property: a well-formed answer keeps its status and body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (statusCode, body) => {
        const r = proxyResponse({ statusCode, body })
        return r.status === statusCode && r.body === body
      })
    )
  })
})
