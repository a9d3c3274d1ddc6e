/**
 * A deliberately simpler model of a stage's canary state, written without the library's
 * code: plain maps, plain numbers, its own checks. The model-based and exhaustive tests run
 * every transition on both and compare.
 */
import type { Stage, Transition } from '../../src/index.js'

export interface ModelCanary {
  readonly deployment: string
  readonly percent: number
  readonly overrides: ReadonlyMap<string, string>
  readonly cache: boolean
}

export interface Model {
  readonly deployment: string | undefined
  readonly vars: ReadonlyMap<string, string>
  readonly canary: ModelCanary | undefined
}

const validName = (n: unknown): n is string =>
  typeof n === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(n) && n !== '__proto__' && n !== 'constructor' && n !== 'prototype'
const validValue = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/.test(v)
const validPercent = (p: unknown): p is number => typeof p === 'number' && p >= 0 && p <= 100
const validId = (d: unknown): d is string => typeof d === 'string' && d !== ''

const mapOf = (record: Readonly<Record<string, string>> | undefined): Map<string, string> | undefined => {
  const entries = Object.entries(record ?? {})
  if (entries.length > 100 || !entries.every(([k, v]) => validName(k) && validValue(v))) return undefined
  return new Map(entries)
}

export const fromStage = (s: Stage): Model => ({
  deployment: s.deploymentId,
  vars: new Map(Object.entries(s.variables ?? {})),
  canary:
    s.canarySettings === undefined
      ? undefined
      : {
          deployment: s.canarySettings.deploymentId,
          percent: s.canarySettings.percentTraffic,
          overrides: new Map(Object.entries(s.canarySettings.stageVariableOverrides ?? {})),
          cache: s.canarySettings.useStageCache
        }
})

const newCanary = (
  deployment: unknown,
  settings: { percentTraffic?: number; stageVariableOverrides?: Readonly<Record<string, string>>; useStageCache?: boolean }
): ModelCanary | undefined => {
  const percent = settings.percentTraffic ?? 0
  const overrides = mapOf(settings.stageVariableOverrides)
  if (!validId(deployment) || !validPercent(percent) || overrides === undefined) return undefined
  return { deployment, percent: percent === 0 ? 0 : percent, overrides, cache: settings.useStageCache ?? false }
}

/** One transition on the model; `undefined` where the transition must fail. */
export const step = (m: Model, t: Transition.Transition): Model | undefined => {
  const c = m.canary
  switch (t._tag) {
    case 'EnableCanary': {
      if (c !== undefined) return undefined
      const canary = newCanary(t.settings.deploymentId ?? m.deployment, t.settings)
      return canary === undefined ? undefined : { ...m, canary }
    }
    case 'SetTraffic':
      return c === undefined || !validPercent(t.percent) ? undefined : { ...m, canary: { ...c, percent: t.percent === 0 ? 0 : t.percent } }
    case 'SetOverride': {
      if (c === undefined || !validName(t.name) || !validValue(t.value)) return undefined
      const overrides = new Map(c.overrides).set(t.name, t.value)
      return overrides.size > 100 ? undefined : { ...m, canary: { ...c, overrides } }
    }
    case 'RemoveOverride': {
      if (c === undefined || !validName(t.name)) return undefined
      const overrides = new Map(c.overrides)
      overrides.delete(t.name)
      return { ...m, canary: { ...c, overrides } }
    }
    case 'SetUseStageCache':
      return c === undefined ? undefined : { ...m, canary: { ...c, cache: t.useStageCache } }
    case 'SetCanaryDeployment':
      return c === undefined || !validId(t.deploymentId) ? undefined : { ...m, canary: { ...c, deployment: t.deploymentId } }
    case 'Promote': {
      if (c === undefined) return undefined
      const { deployment = true, variables = true, resetTraffic = true } = t.options
      const vars = variables ? new Map([...m.vars, ...c.overrides]) : m.vars
      // at most 100 stage variables, as AWS's quota says
      return vars.size > 100
        ? undefined
        : {
            deployment: deployment ? c.deployment : m.deployment,
            vars,
            canary: resetTraffic ? { ...c, percent: 0 } : c
          }
    }
    case 'Disable':
      return { ...m, canary: undefined }
    case 'Deploy':
      return c !== undefined || !validId(t.deploymentId) ? undefined : { ...m, deployment: t.deploymentId }
    case 'DeployCanary': {
      const canary = newCanary(t.deploymentId, t.settings)
      return canary === undefined ? undefined : { ...m, canary }
    }
  }
}

const sorted = (map: ReadonlyMap<string, string>): Array<[string, string]> => [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** A comparable rendering of a model. */
export const render = (m: Model): unknown => ({
  deployment: m.deployment,
  vars: sorted(m.vars),
  canary: m.canary === undefined ? undefined : { ...m.canary, overrides: sorted(m.canary.overrides) }
})
