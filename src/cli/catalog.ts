/**
 * The commands of the `apigw-canary` command line as names and summaries only, with the module
 * that implements each: what `--help` lists without loading any command. `main.ts` loads a
 * command's module only when that command runs, so `promote` loads neither the
 * infrastructure-as-code modules (and `yaml`) nor the rollout driver (and the AWS SDK).
 *
 * A command added to `commands.ts` or `iac.ts` gets its line here too (in the same order);
 * test/cli/catalog.test.ts holds the two to the same names and summaries.
 *
 * @since 0.2.0
 *
 * @internal
 */

/** Where a command's implementation lives: `commands.ts`'s table, or `iac.ts`'s. @internal */
export type CommandModule = 'stage' | 'iac'

/** One command as `--help` lists it. @internal */
export interface CatalogEntry {
  readonly summary: string
  readonly module: CommandModule
}

/** Every command that `runCli` runs, by name, in the order of `--help`. @internal */
export const catalog: Readonly<Record<string, CatalogEntry>> = {
  apply: { summary: 'apply update-stage patch operations to a stage', module: 'stage' },
  promote: { summary: 'promote the canary (AWS\'s three operations)', module: 'stage' },
  disable: { summary: 'disable the canary (the rollback)', module: 'stage' },
  'set-traffic': { summary: 'set the canary\'s share of traffic', module: 'stage' },
  enable: { summary: 'enable a canary on a stage (update-stage)', module: 'stage' },
  'deploy-canary': { summary: 'the create-deployment input that deploys a canary to a stage', module: 'stage' },
  'set-override': { summary: 'set a stage-variable override of the canary', module: 'stage' },
  'remove-override': { summary: 'remove a stage-variable override of the canary', module: 'stage' },
  diff: { summary: 'the update-stage operations between two stages', module: 'stage' },
  simulate: { summary: 'a seeded traffic run: counts per channel and deployment', module: 'stage' },
  plan: { summary: 'the steps, stages and operations of a preset rollout', module: 'stage' },
  preflight: { summary: 'will API Gateway refuse this deploy? AWS\'s error and the fix, before the deploy (exit 3 if so)', module: 'iac' },
  reconcile: { summary: 'the live stage against a template or Terraform state: drift, and what to write back after a promotion (exit 3/4)', module: 'iac' }
}
