/**
 * The report on the pull request: one comment per environment, found by a hidden marker and
 * updated in place, with the earlier attempts' one-line results kept in a collapsed history.
 * Best effort: a comment that cannot be posted is a warning, never a failed deployment.
 */
import { formatDuration } from '../core/duration.js'
import { explainApiError, GitHubApiError, type GitHubClient } from './client.js'
import { escapeHtml, truncateMarkdown } from '../report/markdown-safe.js'
import { LIMITS } from '../core/limits.js'
import type { SecretRegistry } from '../core/redact.js'
import type { DeploymentReport } from '../report/model.js'

import type { RunContext } from './run-context.js'

/** The hidden marker that finds this action's PR comment for an environment. */
export function commentMarker(environment: string): string {
  return `<!-- deploy-executor:${environment} -->`
}

const HISTORY_PATTERN = /<!-- deploy-executor-history (\[.*\]) -->/
const HISTORY_LIMIT = 20

export interface Attempt {
  at: string
  status: DeploymentReport['status']
  version: string
  durationMs: number
  runUrl?: string
}

export type CommentResult =
  | { kind: 'posted'; pullRequest: number; commentId: number; isUpdate: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; warning: string }

/** `pr-number`, else the event's pull request, else the pull requests of the commit (open first). */
export async function findPullRequest(
  client: GitHubClient,
  context: RunContext,
  prNumber: number | undefined
): Promise<number | undefined> {
  if (prNumber !== undefined) return prNumber
  const fromEvent = (context.event['pull_request'] as { number?: unknown } | undefined)?.number
  if (typeof fromEvent === 'number') return fromEvent
  if (!context.sha) return undefined
  const pulls = await client.listPullRequestsOfCommit(context.sha)
  return (pulls.find(pull => pull.state === 'open') ?? pulls[0])?.number
}

export async function publishComment(
  client: GitHubClient,
  context: RunContext,
  report: DeploymentReport,
  markdown: string,
  options: { prNumber: number | undefined; secrets: SecretRegistry }
): Promise<CommentResult> {
  const headRepo = (
    context.event['pull_request'] as { head?: { repo?: { full_name?: string } } } | undefined
  )?.head?.repo?.full_name
  if (headRepo && context.repository && headRepo !== context.repository) {
    return {
      kind: 'failed',
      warning: `no PR comment: the pull request comes from the fork ${headRepo}, whose runs get a read-only token; read the report in the job summary`
    }
  }
  const environment = report.deployment.environment ?? 'unknown'
  let pullRequest: number | undefined
  try {
    pullRequest = await findPullRequest(client, context, options.prNumber)
    if (pullRequest === undefined)
      return {
        kind: 'skipped',
        reason: 'no pull request is associated with this commit; set pr-number to comment on one'
      }
    const marker = commentMarker(environment)
    const existing = (await client.listIssueComments(pullRequest)).find(comment =>
      comment.body.includes(marker)
    )
    const body = composeComment(
      environment,
      options.secrets.redact(markdown),
      existing?.body,
      attemptOf(report, context)
    )
    if (existing) {
      try {
        await client.updateIssueComment(existing.id, body)
        return { kind: 'posted', pullRequest, commentId: existing.id, isUpdate: true }
      } catch (error) {
        // A comment we may not edit (someone else's, or deleted meanwhile): post a fresh one.
        if (!(error instanceof GitHubApiError && (error.status === 403 || error.status === 404)))
          throw error
      }
    }
    const created = await client.createIssueComment(pullRequest, body)
    return { kind: 'posted', pullRequest, commentId: created.id, isUpdate: false }
  } catch (error) {
    const where = pullRequest === undefined ? 'the pull request' : `pull request #${pullRequest}`
    return {
      kind: 'failed',
      warning: `could not comment on ${where}: ${explainApiError(error, 'pull-requests: write')}`
    }
  }
}

export function attemptOf(report: DeploymentReport, context: RunContext): Attempt {
  return {
    at: report.finishedAt,
    status: report.status,
    version: report.deployment.version,
    durationMs: report.durationMs,
    ...(context.runUrl ? { runUrl: context.runUrl } : {})
  }
}

/** The comment body: marker, report (cut to fit), earlier attempts, and the history they come from. */
export function composeComment(
  environment: string,
  reportMarkdown: string,
  previousBody: string | undefined,
  attempt: Attempt
): string {
  const history = [attempt, ...readHistory(previousBody)].slice(0, HISTORY_LIMIT)
  const earlier = history.slice(1)
  const historyBlock = [
    earlier.length > 0
      ? `<details><summary>Earlier attempts (${earlier.length})</summary>\n\n${earlier.map(describeAttempt).join('\n')}\n\n</details>`
      : '',
    `<!-- deploy-executor-history ${JSON.stringify(history).replace(/-->/g, '--\\u003e')} -->`
  ]
    .filter(Boolean)
    .join('\n\n')
  const head = `${commentMarker(environment)}\n`
  const room = LIMITS.commentChars - head.length - historyBlock.length - 4
  const link = attempt.runUrl
    ? `the job summary of [the run](${attempt.runUrl}) and the report file hold the whole report`
    : 'the job summary and the report file hold the whole report'
  return `${head}${truncateMarkdown(reportMarkdown, room, link).trimEnd()}\n\n${historyBlock}\n`
}

function readHistory(body: string | undefined): Attempt[] {
  const match = body ? HISTORY_PATTERN.exec(body) : null
  if (!match) return []
  try {
    const parsed: unknown = JSON.parse(match[1] ?? '[]')
    return Array.isArray(parsed)
      ? (parsed as Attempt[]).filter(
          item => typeof item.at === 'string' && typeof item.status === 'string'
        )
      : []
  } catch {
    return []
  }
}

function describeAttempt(attempt: Attempt): string {
  const run = attempt.runUrl ? ` · [run](${attempt.runUrl})` : ''
  return `- ${escapeHtml(attempt.at)} · ${escapeHtml(attempt.status)} · ${escapeHtml(attempt.version)} · ${formatDuration(attempt.durationMs)}${run}`
}
