/** Runs the real AWS CLI against a local endpoint (the same setup as server.cli.process.test.ts). */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const versionOf = (bin: string): string | undefined => {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim()
  } catch {
    return undefined
  }
}

/** The AWS CLI on this machine (v2 preferred), if any. */
export const findCli = (): { readonly bin: string; readonly version: string } | undefined => {
  const candidates = [process.env['AWS_CLI'], '/usr/bin/aws', '/usr/local/bin/aws', 'aws'].filter((c): c is string => c !== undefined && c !== '')
  const found = candidates.flatMap((bin) => {
    const version = versionOf(bin)
    return version === undefined ? [] : [{ bin, version }]
  })
  return found.find((f) => f.version.startsWith('aws-cli/2')) ?? found[0]
}

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  readonly json: unknown
}

/** `aws --endpoint-url {url} --output json apigateway ...args`, with throwaway credentials and config. */
export const awsCli = (bin: string, url: string) => {
  const home = mkdtempSync(join(tmpdir(), 'apigw-canary-cli-'))
  return (...args: ReadonlyArray<string>): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(
        bin,
        ['--endpoint-url', url, '--output', 'json', 'apigateway', ...args],
        {
          timeout: 60_000,
          env: {
            PATH: process.env['PATH'] ?? '/usr/bin:/bin',
            HOME: home,
            AWS_ACCESS_KEY_ID: 'x',
            AWS_SECRET_ACCESS_KEY: 'x',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_PAGER: '',
            AWS_CONFIG_FILE: join(home, 'config'),
            AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
            AWS_EC2_METADATA_DISABLED: 'true'
          }
        },
        (error, stdout, stderr) => {
          let json: unknown
          try {
            json = stdout.trim() === '' ? undefined : JSON.parse(stdout)
          } catch {
            json = undefined
          }
          resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr, json })
        }
      )
    })
}
