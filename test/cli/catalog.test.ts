/**
 * The names and summaries that `--help` lists without loading the commands (src/cli/catalog.ts)
 * are the commands' own, in the same order, each in the module that implements it.
 */
import { describe, expect, it } from 'vitest'
import { catalog } from '../../src/cli/catalog.js'
import { commands as stageCommands } from '../../src/cli/commands.js'
import { iacCommands } from '../../src/cli/iac.js'
import { commands, usage } from '../../src/cli/run.js'

describe('the catalog of commands', () => {
  it('names every command of runCli, in order, with its summary', () => {
    expect(Object.keys(catalog)).toEqual(Object.keys(commands))
    for (const [name, entry] of Object.entries(catalog)) expect([name, entry.summary]).toEqual([name, commands[name]?.summary])
    expect(usage(catalog)).toEqual(usage(commands))
  })

  it('says which module implements each command', () => {
    for (const [name, entry] of Object.entries(catalog)) {
      const table = entry.module === 'iac' ? iacCommands : stageCommands
      expect([name, Object.prototype.hasOwnProperty.call(table, name)]).toEqual([name, true])
    }
  })
})
