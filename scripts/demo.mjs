/**
 * npm run demo: the built command-line program on a copy of the OpenLogos example project in
 * examples/acme-site (copied to a temporary folder, so the example stays clean):
 *   1. a dry run to staging: nothing runs;
 *   2. a real local deployment of version v1 to staging, health-checked against a local web server
 *      that serves the `current` release;
 *   3. a deliberately broken version v2: its health check fails and the rollback puts v1 back.
 */
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(repo, 'bin/deploy-executor.js')
const project = mkdtempSync(path.join(os.tmpdir(), 'acme-site-'))
cpSync(path.join(repo, 'examples/acme-site'), project, { recursive: true, verbatimSymlinks: true })
const releases = path.join(project, '.deploy/staging')

/** The "staging web server": serves whatever release `current` points at. */
function startServer() {
  const server = createServer((request, response) => {
    const name =
      new URL(request.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'index.html'
    try {
      const body = readFileSync(path.join(releases, 'current', path.normalize(name)))
      response.writeHead(200, { 'content-type': 'text/html' }).end(body)
    } catch {
      response.writeHead(404).end('not found')
    }
  })
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function banner(text) {
  console.log(`\n${'='.repeat(78)}\n${text}\n${'='.repeat(78)}`)
}

function deployExecutor(args, env) {
  console.log(`$ deploy-executor ${args.join(' ')}`)
  return new Promise(resolve => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: project,
      stdio: 'inherit',
      env: { ...process.env, ...env }
    })
    child.on('close', code => resolve(code))
  })
}

function current() {
  try {
    return readlinkSync(path.join(releases, 'current'))
  } catch {
    return '(none)'
  }
}

const server = await startServer()
const env = { DEMO_PORT: String(server.address().port) }
const failures = []
try {
  banner('1. Dry run of examples/acme-site to staging: nothing runs')
  if ((await deployExecutor(['--dry-run', '--environment', 'staging'], env)) !== 0)
    failures.push('dry run')

  banner('2. Real local deployment of v1 to staging (authorized by --confirm staging)')
  if (
    (await deployExecutor(
      ['--environment', 'staging', '--confirm', 'staging', '--version', 'v1'],
      env
    )) !== 0
  )
    failures.push('v1')
  console.log(`\ncurrent -> ${current()}`)

  banner(
    '3. A broken v2 (a redeployment: v1 wrote DEPLOY_DONE): the health check fails, the rollback restores v1'
  )
  const broken = await deployExecutor(
    ['--environment', 'staging', '--confirm', 'staging', '--version', 'v2', '--redeploy'],
    { ...env, DEMO_BREAK: '1' }
  )
  console.log(
    `\ndeploy-executor exited with ${broken} (expected 1: rolled back); current -> ${current()}`
  )
  const newest = readFileSync(
    path.join(project, 'logos/resources/verify/deployment-report.md'),
    'utf8'
  )
  const isRolledBack =
    newest.startsWith('<!-- deploy-executor-record ') &&
    newest.split('\n', 1)[0].includes('"status":"rolled-back"')
  if (broken !== 1 || !isRolledBack || current() !== 'releases/v1') failures.push('rollback of v2')

  // The CLI printed each run's report above; the file keeps them for OpenLogos, newest first.
  const headlines = readFileSync(
    path.join(project, 'logos/resources/verify/deployment-report.md'),
    'utf8'
  )
    .split('\n')
    .filter(line => line.startsWith('# '))
  banner(
    `logos/resources/verify/deployment-report.md holds ${headlines.length} entries, newest first`
  )
  console.log(headlines.map(line => `  ${line.slice(2)}`).join('\n'))
} finally {
  server.close()
  rmSync(project, { recursive: true, force: true })
}
if (failures.length > 0) {
  console.error(`demo: unexpected result for ${failures.join(', ')}`)
  process.exitCode = 1
} else {
  console.log('demo: dry run, deployment and rollback all behaved as expected')
}
