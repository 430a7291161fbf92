/**
 * npm run demo: runs the built command-line program on a copy of the OpenLogos example project
 * in examples/acme-site (the copy lives in a temporary folder, so the example stays clean).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(repo, 'bin/deploy-executor.js')
const project = mkdtempSync(path.join(os.tmpdir(), 'acme-site-'))
cpSync(path.join(repo, 'examples/acme-site'), project, { recursive: true, verbatimSymlinks: true })

function banner(text) {
  console.log(`\n${'='.repeat(78)}\n${text}\n${'='.repeat(78)}`)
}

function deployExecutor(args, env = {}) {
  console.log(`$ deploy-executor ${args.join(' ')}`)
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: project,
    stdio: 'inherit',
    env: { ...process.env, DEMO_PORT: '8080', ...env }
  })
  return result.status
}

try {
  banner('Dry run of the example project (examples/acme-site) to staging: nothing runs')
  const status = deployExecutor(['--dry-run', '--environment', 'staging'])
  if (status !== 0) process.exitCode = status ?? 1
} finally {
  rmSync(project, { recursive: true, force: true })
}
