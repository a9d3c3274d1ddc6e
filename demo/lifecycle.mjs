// A full canary lifecycle on the example stage of the AWS developer guide ("Promote a canary
// release"), run against the built package exactly as a user imports it.
//
//   npm run demo
import * as E from 'fp-ts/lib/Either.js'
import { decodeStage, disable, encodeStage, enableCanary, phase, promote, setOverride, setTraffic } from 'apigw-canary'

const show = (title, operations, either) => {
  if (E.isLeft(either)) {
    console.log(`\n✗ ${title}\n  ${either.left._tag} (${either.left.name}): ${either.left.message}`)
    return undefined
  }
  const stage = either.right
  console.log(`\n▶ ${title}`)
  if (operations.length > 0) console.log(`  aws apigateway update-stage --rest-api-id fh4zbbd5nd --stage-name prod --patch-operations ${operations.join(' ')}`)
  console.log(`  phase: ${phase(stage)._tag}`)
  console.log(JSON.stringify(encodeStage(stage), null, 2).replace(/^/gm, '  '))
  return stage
}

const chain = (stage, f) => (stage === undefined ? E.left({ _tag: 'Skipped', name: '-', message: 'previous step failed' }) : f(stage))

// 1. The production stage: deployment nfcn0x, one stage variable.
const production = show('The production stage', [], decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } }))

// 2. Enable a canary on deployment eh1sby, at 10.5%, overriding sv1 and adding sv2.
const canary = show(
  'Enable a canary: deployment eh1sby at 10.5%, overrides sv1=val2 and sv2=val3',
  [
    'op=replace,path=/canarySettings/deploymentId,value=eh1sby',
    'op=replace,path=/canarySettings/percentTraffic,value=10.5',
    'op=replace,path=/canarySettings/stageVariableOverrides/sv1,value=val2',
    'op=replace,path=/canarySettings/stageVariableOverrides/sv2,value=val3'
  ],
  chain(production, (s) => enableCanary(s, { deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } }))
)

// 3. A percentage out of range is refused, with a message that says why.
show('Shift traffic to 150% (refused)', [], chain(canary, (s) => setTraffic(s, 150)))

// 4. Shift more traffic to the canary, then add one more override.
const shifted = show('Shift traffic to 50%', ['op=replace,path=/canarySettings/percentTraffic,value=50.0'], chain(canary, (s) => setTraffic(s, 50)))
const edited = show(
  'Override sv3 on the canary',
  ['op=replace,path=/canarySettings/stageVariableOverrides/sv3,value=val4'],
  chain(shifted, (s) => setOverride(s, 'sv3', 'val4'))
)

// 5. Promote: the stage takes eh1sby, the overrides merge into the variables, traffic goes to 0;
//    the canary stays enabled.
const promoted = show(
  'Promote the canary',
  [
    'op=replace,path=/canarySettings/percentTraffic,value=0.0',
    'op=copy,from=/canarySettings/stageVariableOverrides,path=/variables',
    'op=copy,from=/canarySettings/deploymentId,path=/deploymentId'
  ],
  chain(edited, (s) => promote(s))
)

// 6. Disable the canary: its settings go, the promoted stage stays.
show('Disable the canary', ['op=remove,path=/canarySettings'], chain(promoted, (s) => E.right(disable(s))))

// 7. Promoting a stage with no canary is refused with AWS's own message.
show('Promote again, with no canary (refused)', [], chain(production, (s) => promote(s)))
