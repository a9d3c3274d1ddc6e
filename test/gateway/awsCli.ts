/**
 * The real AWS CLI for end-to-end tests, one process for a whole test file: the CLI's own
 * driver (`awscli.clidriver`, what the `aws` script runs) is loaded once in its own Python, and
 * each call runs `create_clidriver().main(args)` in it with the call's environment, capturing
 * what it writes and its exit code. Starting the CLI costs about 0.7 s of CPU a call here
 * (Python and botocore loading), so a file of 25 calls spent most of its time starting it.
 *
 * Where the CLI is not a Python script whose interpreter can be found (a frozen binary, an
 * unusual install), or the driver does not start, every call spawns `aws` as before: the same
 * calls, one process each. `AWS_CLI_PER_CALL=1` forces that way.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'

/** What one call gave. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A CLI to call, one call at a time, and to close when the file is done. */
export interface AwsCli {
  readonly run: (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>) => Promise<CliRun>
  /** How calls are made: `one process` or `a process per call`. */
  readonly mode: string
  readonly close: () => void
}

// The driver loop: one JSON request a line on stdin ({args, env}), one JSON answer a line on stdout.
const DRIVER = String.raw`
import io, json, os, sys
before = dict(os.environ)
from awscli.clidriver import create_clidriver
# what importing the CLI put in the environment (its AWS_DATA_PATH), kept for every call
own = {k: v for k, v in os.environ.items() if before.get(k) != v}
out = sys.stdout
print(json.dumps({"ready": True}), file=out, flush=True)
for line in sys.stdin:
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(own)
    os.environ.update(request["env"])
    stdout, stderr = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stdout, sys.stderr = stdout, stderr
    try:
        code = create_clidriver().main(request["args"])
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException as e:
        stderr.write(repr(e))
        code = 255
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    stdout.flush()
    stderr.flush()
    answer = {"code": code if isinstance(code, int) else 0, "stdout": stdout.buffer.getvalue().decode("utf-8"), "stderr": stderr.buffer.getvalue().decode("utf-8")}
    print(json.dumps(answer), file=out, flush=True)
`

/** The Python interpreter of a CLI installed as a Python script (through a pyenv shim too), if it is one. */
const pythonOf = (bin: string): string | undefined => {
  try {
    const path = bin.includes('/') ? bin : execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim()
    const head = readFileSync(path, 'utf8').slice(0, 2000)
    const script = head.includes('pyenv') && !/^#!.*python/.test(head) ? execFileSync('pyenv', ['which', basename(path)], { encoding: 'utf8' }).trim() : path
    const shebang = /^#!\s*(\S*python[\d.]*)\s*$/m.exec(readFileSync(script, 'utf8').split('\n', 1)[0] ?? '')
    return shebang?.[1]
  } catch {
    return undefined
  }
}

/** Each call a process of its own. */
const perCall = (bin: string): AwsCli => ({
  mode: 'a process per call',
  close: () => undefined,
  run: (args, env) =>
    new Promise((resolve) => {
      execFile(bin, [...args], { timeout: 60_000, env }, (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr })
      )
    })
})

/** The driver in one Python process; `undefined` when it does not start. */
const oneProcess = async (python: string): Promise<AwsCli | undefined> => {
  const child: ChildProcess = spawn(python, ['-c', DRIVER], { stdio: ['pipe', 'pipe', 'pipe'] })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const waiting: Array<(line: string | undefined) => void> = []
  lines.on('line', (line) => waiting.shift()?.(line))
  child.on('exit', () => {
    for (const w of waiting.splice(0)) w(undefined)
  })
  child.on('error', () => {
    for (const w of waiting.splice(0)) w(undefined)
  })
  const next = (): Promise<string | undefined> => new Promise((resolve) => waiting.push(resolve))
  const ready = await Promise.race([next(), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 30_000).unref())])
  if (ready === undefined) {
    child.kill()
    return undefined
  }
  let queue: Promise<unknown> = Promise.resolve()
  return {
    mode: 'one process',
    close: () => {
      child.stdin?.end()
      child.kill()
    },
    run: (args, env) => {
      const call = queue.then(async (): Promise<CliRun> => {
        const answer = next()
        child.stdin?.write(`${JSON.stringify({ args, env })}\n`)
        const line = await answer
        if (line === undefined) return { code: -1, stdout: '', stderr: 'the AWS CLI driver process ended' }
        return JSON.parse(line) as CliRun
      })
      queue = call.catch(() => undefined)
      return call
    }
  }
}

/** The CLI at `bin`, in one process when it can be, else a process per call. */
export const awsCli = async (bin: string): Promise<AwsCli> => {
  const python = process.env['AWS_CLI_PER_CALL'] === '1' ? undefined : pythonOf(bin)
  return (python === undefined ? undefined : await oneProcess(python)) ?? perCall(bin)
}

const versionOf = (bin: string): string | undefined => {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 }).trim()
  } catch {
    return undefined
  }
}

/** The AWS CLI on this machine (v2 preferred; `AWS_CLI` names another), if any. */
export const findCli = (): { readonly bin: string; readonly version: string } | undefined => {
  const candidates = [process.env['AWS_CLI'], '/usr/bin/aws', '/usr/local/bin/aws', 'aws'].filter((c): c is string => c !== undefined && c !== '')
  const found = candidates.flatMap((bin) => {
    const version = versionOf(bin)
    return version === undefined ? [] : [{ bin, version }]
  })
  return found.find((f) => f.version.startsWith('aws-cli/2')) ?? found[0]
}

/** One call's answer, with its standard output read as JSON (undefined when it is not). */
export interface ApiGatewayRun extends CliRun {
  readonly json: unknown
}

/**
 * `aws --endpoint-url {url} --output json apigateway ...args` through `cli`, with throwaway
 * credentials and the config files in `home` (a folder the caller made and removes).
 */
export const apigateway =
  (cli: AwsCli, url: string, home: string) =>
  async (...args: ReadonlyArray<string>): Promise<ApiGatewayRun> => {
    const { code, stdout, stderr } = await cli.run(['--endpoint-url', url, '--output', 'json', 'apigateway', ...args], {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true'
    })
    let json: unknown
    try {
      json = stdout.trim() === '' ? undefined : JSON.parse(stdout)
    } catch {
      json = undefined
    }
    return { code, stdout, stderr, json }
  }
