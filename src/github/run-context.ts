/**
 * Facts about the run that do not come from inputs: the commit and ref, the event, the run's link.
 * On a runner they come from GITHUB_* variables and the event file; locally from git.
 */
import { childProcess } from '../core/lazy-builtins.js'
import { readFileSync } from 'node:fs'

export interface RunContext {
  isGitHub: boolean
  sha?: string
  /** Full ref: refs/heads/main, refs/tags/v1.2.0, refs/pull/7/merge. */
  ref?: string
  /** Branch names that may follow the `change/<slug>` convention, most specific first. */
  branches: string[]
  eventName?: string
  actor?: string
  /** Who re-ran the workflow, on a re-run (GITHUB_TRIGGERING_ACTOR). */
  triggeringActor?: string
  repository?: string
  runId?: number
  runAttempt?: number
  /** The step of the job running the action (GITHUB_ACTION): two uses in one job differ here. */
  stepId?: string
  runUrl?: string
  apiUrl?: string
  /** The event payload (GITHUB_EVENT_PATH), or {} when there is none. */
  event: Record<string, unknown>
  workspace: string
}

type Env = Readonly<Record<string, string | undefined>>

export function githubRunContext(env: Env): RunContext {
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com'
  const repository = env['GITHUB_REPOSITORY']
  const runId = toNumber(env['GITHUB_RUN_ID'])
  const branches = [env['GITHUB_HEAD_REF'], env['GITHUB_REF_NAME']].filter(
    (name): name is string => name !== undefined && name !== ''
  )
  const context: RunContext = {
    isGitHub: true,
    branches,
    event: readEvent(env['GITHUB_EVENT_PATH']),
    workspace: env['GITHUB_WORKSPACE'] || process.cwd()
  }
  assign(context, 'sha', env['GITHUB_SHA'])
  assign(context, 'ref', env['GITHUB_REF'])
  assign(context, 'eventName', env['GITHUB_EVENT_NAME'])
  assign(context, 'actor', env['GITHUB_ACTOR'])
  assign(context, 'triggeringActor', env['GITHUB_TRIGGERING_ACTOR'])
  assign(context, 'repository', repository)
  assign(context, 'apiUrl', env['GITHUB_API_URL'])
  if (runId !== undefined) context.runId = runId
  const stepId = env['GITHUB_ACTION']?.replace(/[^\w.-]/g, '_').slice(0, 100)
  if (stepId) context.stepId = stepId
  const attempt = toNumber(env['GITHUB_RUN_ATTEMPT'])
  if (attempt !== undefined) context.runAttempt = attempt
  if (repository && runId !== undefined) {
    context.runUrl = `${server}/${repository}/actions/runs/${runId}`
  }
  return context
}

/** Outside GitHub: the commit and branch of the git checkout, when there is one. */
export function localRunContext(cwd: string): RunContext {
  const git = (...args: string[]): string | undefined => {
    try {
      return childProcess()
        .execFileSync('git', args, {
          cwd,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore']
        })
        .trim()
    } catch {
      return undefined
    }
  }
  const context: RunContext = { isGitHub: false, branches: [], event: {}, workspace: cwd }
  const sha = git('rev-parse', 'HEAD')
  const branch = git('symbolic-ref', '--quiet', '--short', 'HEAD')
  assign(context, 'sha', sha)
  if (branch) {
    context.ref = `refs/heads/${branch}`
    context.branches = [branch]
  }
  return context
}

/** The tag for a tag ref, else the 7-character SHA. */
export function defaultVersion(context: RunContext): string {
  if (context.ref?.startsWith('refs/tags/')) return context.ref.slice('refs/tags/'.length)
  return context.sha ? context.sha.slice(0, 7) : 'local'
}

function readEvent(file: string | undefined): Record<string, unknown> {
  if (!file) return {}
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function toNumber(text: string | undefined): number | undefined {
  return text && /^\d+$/.test(text) ? Number(text) : undefined
}

function assign(
  context: RunContext,
  key: 'sha' | 'ref' | 'eventName' | 'actor' | 'triggeringActor' | 'repository' | 'apiUrl',
  value: string | undefined
): void {
  if (value) context[key] = value
}

/** Identifies a run in the report file and the journal: the run and its attempt on GitHub. */
export function runKeyOf(context: RunContext, now: number): string {
  if (context.runId !== undefined)
    return `${context.runId}-${context.runAttempt ?? 1}${context.stepId ? `-${context.stepId}` : ''}`
  return `local-${now.toString(36)}-${process.pid}`
}
