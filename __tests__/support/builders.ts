/**
 * Builders for the values many tests need, so that a test states only what differs from an
 * ordinary run: a run context, a deployment, a report, the inputs of a local action run.
 */
import { promises as fs, readFileSync } from 'node:fs'
import type { RunContext } from '../../src/github/run-context.js'
import type { Deployment } from '../../src/plan/deployment.js'
import type { DeploymentReport } from '../../src/report/model.js'

/** A run on GitHub: run 42 of acme/site. */
export function githubContext(overrides: Partial<RunContext> = {}): RunContext {
  return {
    isGitHub: true,
    branches: [],
    event: {},
    workspace: '/w',
    runId: 42,
    repository: 'acme/site',
    sha: 'abc123',
    runUrl: 'https://github.com/acme/site/actions/runs/42',
    ...overrides
  }
}

/** A run outside GitHub, from a git checkout of `root`. */
export function localContext(root: string, overrides: Partial<RunContext> = {}): RunContext {
  return {
    isGitHub: false,
    branches: [],
    event: {},
    workspace: root,
    sha: 'abcdef0123456789',
    ref: 'refs/heads/main',
    ...overrides
  }
}

/** The deployment of proposal add-login, version v2, to staging. */
export function deploymentOf(overrides: Partial<Deployment> = {}): Deployment {
  return {
    proposal: 'add-login',
    proposalFolder: 'logos/changes/add-login',
    environment: 'staging',
    targets: ['default'],
    mode: 'deploy',
    isDryRun: false,
    version: 'v2',
    sha: 'abc123',
    ref: 'refs/heads/main',
    ...overrides
  }
}

/** A successful report of that deployment, with nothing run. */
export function reportOf(
  overrides: Partial<Omit<DeploymentReport, 'deployment'>> & {
    deployment?: Partial<Deployment>
  } = {}
): DeploymentReport {
  const { deployment, ...rest } = overrides
  return {
    status: 'success',
    locale: 'en',
    deployment: deploymentOf(deployment),
    startedAt: '2026-05-24T10:04:00.000Z',
    finishedAt: '2026-05-24T10:05:00.000Z',
    durationMs: 65_000,
    checks: [],
    steps: [],
    health: [],
    approvals: [],
    isSmokeRequired: false,
    warnings: [],
    ...rest
  }
}

/** Whether a process still exists (signal 0 tests for it without touching it). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * Whether a process still runs: a zombie (dead, not yet reaped by an init that reaps slowly or never,
 * as in some containers) does not.
 */
export function isRunning(pid: number): boolean {
  if (!isAlive(pid)) return false
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z'
  } catch {
    return false
  }
}

/** Waits until a file exists (a step's sentinel), failing after `ms`. */
export async function waitForFile(file: string, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (
      await fs.access(file).then(
        () => true,
        () => false
      )
    )
      return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`${file} did not appear within ${ms} ms`)
}
