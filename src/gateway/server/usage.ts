/**
 * The usage text of `apigw-canary serve`, apart so that the command line can list it without
 * loading the server.
 *
 * @since 0.1.0
 *
 * @internal
 */

/** The usage of `apigw-canary serve`. @internal */
export const serveUsage = [
  'usage: apigw-canary serve --port N [--state FILE] [--seed N] [--clock real|fixed:DATE]',
  '',
  'Serves the simulated API Gateway (REST APIs, deployments, stages and their canaries) over HTTP',
  'on 127.0.0.1, for `aws --endpoint-url http://127.0.0.1:N apigateway ...` and the SDKs.',
  '',
  '  --port N      the port (0 picks a free one; the URL is printed once it listens)',
  '  --state FILE  load the state from FILE at start, and save it there after every change,',
  '                before the change is acknowledged',
  '  --seed N      the seed of the generated ids (the default gives the same ids every time)',
  '  --clock C     the dates the server writes: real (the default) or fixed:2017-11-20T00:00:00Z',
  '',
  'GET /_apigw-canary/journal answers every call the server answered, as { "entries": [...] }.',
  '',
  'The state file: one server per file (a lock file FILE.lock beside it names the holder; a',
  'lock left by a killed server is taken over). Only a file this server wrote is used (it starts',
  'with "format": "apigw-canary/gateway-state", "version": 1); any other file is refused and left',
  'untouched; a missing or empty file starts a new state. A symlink is written through to its',
  'target; the file keeps its mode. The folder must exist and be writable, FILE a regular file.',
  '',
  'Limits: headers within 10 s and the whole request within 30 s of connecting; idle keep-alive',
  'connections closed after 5 s; at most 512 connections at once (more get a 503 and are closed);',
  'request bodies up to 1 MiB (413 past it) and JSON nested at most 64 levels deep (400 past it).'
].join('\n')
