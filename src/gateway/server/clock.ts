/**
 * The clock option of `apigw-canary serve`: `--clock real` (the default: the server is a
 * long-running stand-in for AWS, and the AWS CLI user expects today's dates) or
 * `--clock fixed:2017-11-20T00:00:00Z` (every date the same on every run: for tests that
 * compare output).
 *
 * @since 0.2.0
 *
 * @internal
 */
import { E } from '../../internal/fp.js'
import { fixedClock, type Clock } from '../control/RestApiProviders.js'
import { secondText } from '../control/internal.js'

/** Reads `real` or `fixed:ISO-8601` into a clock (`undefined` for `real`: the server's default). @internal */
export const parseClock = (spec: string): E.Either<string, Clock | undefined> => {
  if (spec === 'real') return E.right(undefined)
  if (spec.startsWith('fixed:')) {
    const at = spec.slice('fixed:'.length)
    const ms = Date.parse(at)
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(at) || !Number.isFinite(ms))
      return E.left(`--clock: ${JSON.stringify(at)} is not a UTC date and time such as 2017-11-20T00:00:00Z`)
    return E.right(fixedClock(secondText(ms)))
  }
  return E.left(`--clock: ${JSON.stringify(spec)} is neither real nor fixed:<UTC date>, such as fixed:2017-11-20T00:00:00Z`)
}
