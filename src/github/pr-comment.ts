/**
 * The report on the pull request: one comment per environment, updated in place, with the earlier
 * attempts' one-line results kept in a collapsed history. Best effort: a comment that cannot be
 * posted is a warning, never a failed deployment.
 *
 * Only a comment this action wrote is ever edited: its first line is the environment's marker and
 * its author is the token's own identity. The history is read only from the comment's last line,
 * where the action writes it, and every field of it is checked before it is shown again; untrusted
 * text in the report can write neither (markdown-safe.ts never lets it open an HTML comment).
 */
import { formatDuration } from '../core/duration.js'
import { LIMITS } from '../core/limits.js'
import { text, truncateMarkdown } from '../report/markdown-safe.js'
import type { Locale, Message } from '../core/message.js'
import type { DeploymentReport } from '../report/model.js'
import { reportText, type ReportText } from '../report/text.js'
import { explainApiError, GitHubApiError, type GitHubClient, type IssueComment } from './client.js'
import { say } from './messages.js'
import type { RunContext } from './run-context.js'

/** The hidden marker, first line of this action's PR comment for an environment. */
export function commentMarker(environment: string): string {
  return `<!-- deploy-executor:${environment} -->`
}

const HISTORY_PREFIX = '<!-- deploy-executor-history '
const HISTORY_SUFFIX = ' -->'
const HISTORY_LIMIT = 20
/** The job's GITHUB_TOKEN comments as this bot; GitHub does not let that token read /user. */
const ACTIONS_BOT = 'github-actions[bot]'

export interface Attempt {
  at: string
  status: DeploymentReport['status']
  version: string
  durationMs: number
  runUrl?: string
}

export type CommentResult =
  | { kind: 'posted'; pullRequest: number; commentId: number; isUpdate: boolean }
  | { kind: 'skipped'; reason: Message }
  | { kind: 'failed'; warning: Message }

/**
 * `pr-number`, else the event's pull request, else the pull requests of the commit: the open one
 * first, and never one from a fork (anyone can open a pull request holding any commit).
 */
export async function findPullRequest(
  client: GitHubClient,
  context: RunContext,
  prNumber: number | undefined
): Promise<number | undefined> {
  if (prNumber !== undefined) return prNumber
  const fromEvent = (context.event['pull_request'] as { number?: unknown } | undefined)?.number
  if (typeof fromEvent === 'number') return fromEvent
  if (!context.sha || !context.repository) return undefined
  const ours = (await client.listPullRequestsOfCommit(context.sha)).filter(
    pull => pull.headRepo === context.repository && pull.baseRepo === context.repository
  )
  return (ours.find(pull => pull.state === 'open') ?? ours[0])?.number
}

/** `markdown` is rendered from a redacted report; `report` is the same redacted report. */
export async function publishComment(
  client: GitHubClient,
  context: RunContext,
  report: DeploymentReport,
  markdown: string,
  options: { prNumber: number | undefined }
): Promise<CommentResult> {
  const headRepo = (
    context.event['pull_request'] as { head?: { repo?: { full_name?: string } } } | undefined
  )?.head?.repo?.full_name
  if (headRepo && context.repository && headRepo !== context.repository) {
    return {
      kind: 'failed',
      warning: say.fromForkNoComment(headRepo)
    }
  }
  const environment = report.deployment.environment ?? 'unknown'
  let pullRequest: number | undefined
  try {
    pullRequest = await findPullRequest(client, context, options.prNumber)
    if (pullRequest === undefined) return { kind: 'skipped', reason: say.noPullRequestForCommit }
    const existing = await findOwnComment(client, pullRequest, environment)
    const body = composeComment(
      environment,
      markdown,
      existing?.body,
      attemptOf(report, context),
      report.locale
    )
    if (existing) {
      try {
        await client.updateIssueComment(existing.id, body)
        return { kind: 'posted', pullRequest, commentId: existing.id, isUpdate: true }
      } catch (error) {
        // Deleted meanwhile, or no longer ours to edit: post a fresh one.
        if (!(error instanceof GitHubApiError && (error.status === 403 || error.status === 404)))
          throw error
      }
    }
    const created = await client.createIssueComment(pullRequest, body)
    return { kind: 'posted', pullRequest, commentId: created.id, isUpdate: false }
  } catch (error) {
    const where = pullRequest === undefined ? say.thePullRequest : say.pullRequest(pullRequest)
    return {
      kind: 'failed',
      warning: say.commentFailed(where, explainApiError(error, 'pull-requests: write'))
    }
  }
}

/** The newest comment whose first line is the marker and whose author the token acts as. */
async function findOwnComment(
  client: GitHubClient,
  pullRequest: number,
  environment: string
): Promise<IssueComment | undefined> {
  const marker = commentMarker(environment)
  const candidates = (await client.listIssueComments(pullRequest)).filter(
    comment => comment.body.split('\n', 1)[0]?.trim() === marker
  )
  if (candidates.length === 0) return undefined
  const self = (await client.getAuthenticatedLogin()) ?? ACTIONS_BOT
  return candidates.filter(comment => comment.author === self).at(-1)
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

/**
 * The comment body: marker, report (cut to fit), earlier attempts, and the history they come from
 * as the last line. Measured as sent: never more than GitHub accepts.
 */
export function composeComment(
  environment: string,
  reportMarkdown: string,
  previousBody: string | undefined,
  attempt: Attempt,
  locale: Locale
): string {
  const t = reportText(locale)
  const history = [attempt, ...readHistory(previousBody)].slice(0, HISTORY_LIMIT)
  const earlier = history.slice(1)
  const historyBlock = [
    earlier.length > 0
      ? `<details><summary>${t.comment.earlierAttempts(earlier.length)}</summary>\n\n${earlier.map(item => describeAttempt(item, t)).join('\n')}\n\n</details>`
      : '',
    `${HISTORY_PREFIX}${JSON.stringify(history).replace(/--/g, '-\\u002d')}${HISTORY_SUFFIX}`
  ]
    .filter(Boolean)
    .join('\n\n')
  const head = `${commentMarker(environment)}\n`
  const notice = t.truncated(
    attempt.runUrl ? t.comment.restWithRun(attempt.runUrl) : t.comment.rest
  )
  const compose = (room: number): string =>
    `${head}${truncateMarkdown(reportMarkdown, room, notice).trimEnd()}\n\n${historyBlock}\n`
  // Characters, as GitHub counts them; truncation works in bytes, so shrink until it fits.
  let room = LIMITS.commentChars - head.length - historyBlock.length - 4
  let body = compose(room)
  while (body.length > LIMITS.commentChars && room > 0) {
    room -= body.length - LIMITS.commentChars + 64
    body = compose(Math.max(0, room))
  }
  return body
}

/** The history the action wrote as the comment's last line; anything malformed is dropped. */
function readHistory(body: string | undefined): Attempt[] {
  const last = body?.trimEnd().split('\n').at(-1) ?? ''
  if (!last.startsWith(HISTORY_PREFIX) || !last.endsWith(HISTORY_SUFFIX)) return []
  try {
    const parsed: unknown = JSON.parse(
      last.slice(HISTORY_PREFIX.length, last.length - HISTORY_SUFFIX.length)
    )
    return Array.isArray(parsed) ? parsed.filter(isAttempt) : []
  } catch {
    return []
  }
}

const STATUSES = new Set(['success', 'failure', 'rolled-back', 'cancelled', 'refused', 'dry-run'])

/** A history entry exactly as the action writes one: anything else may have been forged. */
function isAttempt(value: unknown): value is Attempt {
  if (typeof value !== 'object' || value === null) return false
  const item = value as Record<string, unknown>
  return (
    typeof item['at'] === 'string' &&
    /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(item['at']) &&
    typeof item['status'] === 'string' &&
    STATUSES.has(item['status']) &&
    typeof item['version'] === 'string' &&
    item['version'].length <= 100 &&
    typeof item['durationMs'] === 'number' &&
    Number.isFinite(item['durationMs']) &&
    (item['runUrl'] === undefined ||
      (typeof item['runUrl'] === 'string' &&
        /^https:\/\/[\w.-]+(:\d+)?\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/.test(item['runUrl'])))
  )
}

function describeAttempt(attempt: Attempt, t: ReportText): string {
  const run = attempt.runUrl ? ` · [${t.comment.run}](${attempt.runUrl})` : ''
  return `- ${attempt.at} · ${t.comment.status[attempt.status]} · ${text(attempt.version)} · ${formatDuration(attempt.durationMs)}${run}`
}
