// A full canary lifecycle on the example stage of the AWS developer guide ("Promote a canary
// release"), run against the built package exactly as a user imports it. Each step is a
// lifecycle transition; the update-stage command printed for it is computed by toOperations,
// and applying those operations with applyPatch gives the same stage (checked at each step).
//
//   npm run demo
import { isDeepStrictEqual } from 'node:util'
import { applyPatch, decodeStage, encodeStage, phase, toOperations, transition, Transition } from 'apigw-canary'

/** A shorthand value as the AWS CLI reads it: as it is when plain, else in double quotes (a `,` would end it). */
const value = (v) => (/^[A-Za-z0-9._~:/?#&=@+*-]*$/.test(v) ? v : `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)
/** A word for a POSIX shell: in single quotes when it holds anything the shell would read. */
const shellWord = (w) => (/^[A-Za-z0-9._~:/=,@+-]*$/.test(w) ? w : `'${w.replaceAll("'", "'\\''")}'`)
const shorthand = (ops) =>
  ops
    .map((o) => [`op=${o.op}`, o.from === undefined ? '' : `from=${o.from}`, `path=${value(o.path)}`, o.value === undefined ? '' : `value=${value(o.value)}`].filter(Boolean).join(','))
    .map(shellWord)
    .join(' ')

const print = (stage) => console.log(JSON.stringify(encodeStage(stage), null, 2).replace(/^/gm, '  '))

/** One step: the transition, the AWS command for it, and the stage after it (or the error). */
const step = (title, stage, t) => {
  const next = transition(stage, t)
  if (next._tag === 'Left') {
    console.log(`\n✗ ${title}\n  refused: ${next.left._tag} (${next.left.name}): ${next.left.message}`)
    return stage
  }
  const ops = toOperations(stage, t)
  if (ops._tag === 'Right') {
    const patched = applyPatch(stage, ops.right)
    if (patched._tag !== 'Right' || !isDeepStrictEqual(patched.right, next.right)) throw new Error(`${title}: the operations do not give the transition's stage`)
  }
  console.log(`\n▶ ${title}`)
  if (ops._tag === 'Right') console.log(`  aws apigateway update-stage --rest-api-id fh4zbbd5nd --stage-name prod \\\n    --patch-operations ${shorthand(ops.right)}`)
  console.log(`  phase: ${phase(next.right)._tag}`)
  print(next.right)
  return next.right
}

// 1. The production stage: deployment nfcn0x, one stage variable.
const decoded = decodeStage({ stageName: 'prod', deploymentId: 'nfcn0x', variables: { sv1: 'val1' } })
if (decoded._tag === 'Left') throw new Error(decoded.left.message)
console.log('▶ The production stage')
console.log(`  phase: ${phase(decoded.right)._tag}`)
print(decoded.right)

// 2. Enable a canary on deployment eh1sby at 10.5%, overriding sv1 and adding sv2: the docs' example stage.
let stage = step(
  'Enable a canary: deployment eh1sby at 10.5%, overrides sv1=val2 and sv2=val3',
  decoded.right,
  Transition.enableCanary({ deploymentId: 'eh1sby', percentTraffic: 10.5, stageVariableOverrides: { sv1: 'val2', sv2: 'val3' } })
)

// 3. A percentage out of range is refused, with a message that says why.
stage = step('Shift traffic to 150%', stage, Transition.setTraffic(150))

// 4. Shift more traffic to the canary, then add one more override.
stage = step('Shift traffic to 50%', stage, Transition.setTraffic(50))
stage = step('Override sv3 on the canary', stage, Transition.setOverride('sv3', 'val4'))

// 5. Promote: the stage takes eh1sby, the overrides merge into the variables, traffic goes to 0;
//    the canary stays enabled.
stage = step('Promote the canary', stage, Transition.promote())

// 6. Disable the canary: its settings go, the promoted stage stays.
stage = step('Disable the canary', stage, Transition.disable())

// 7. Promoting a stage with no canary is refused with AWS's own message.
step('Promote again, with no canary', stage, Transition.promote())
