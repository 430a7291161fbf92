/**
 * The record of a real run, committed to the repository so that OpenLogos sees it: the report
 * file, and after a success tasks.md, DEPLOY_DONE added and SMOKE_PASS/SMOKE_FAIL removed. A commit
 * GitHub makes and signs (GraphQL createCommitOnBranch: no git credentials), on the branch the
 * proposal lives on, and only if that branch still points where this run expects.
 *
 * Never over someone else's change: when the branch has moved since the run's commit, the record
 * is committed on the new head only if none of its files changed there; otherwise, and always in
 * `pull-request` mode, it goes to a branch `deploy-executor/<environment>/<run id>` and a pull
 * request. A record that cannot land is a warning with its fix, never a failed deployment.
 */
import { verbatim, type Message } from '../core/message.js'
import { explainApiError, type GitHubClient } from './client.js'
import { say } from './messages.js'
import type { RunContext } from './run-context.js'

export const PERSIST_MODES = ['commit', 'pull-request', 'off'] as const
export type PersistMode = (typeof PERSIST_MODES)[number]

export interface RecordFiles {
  /** Repository-relative paths with their contents as the run left them. */
  written: { path: string; contents: Buffer }[]
  /** Repository-relative paths the run removed. */
  deleted: string[]
}

export type PersistOutcome =
  | { kind: 'committed'; sha: string; url: string; branch: string }
  | { kind: 'pull-request'; number: number; url: string; branch: string }
  | { kind: 'skipped'; reason: Message }
  | { kind: 'failed'; warning: Message }

export interface PersistRequest {
  mode: PersistMode
  files: RecordFiles
  /** Commit message: a headline naming proposal, environment, version and result. */
  headline: string
  body: string
  environment: string
}

export async function persistRecord(
  client: GitHubClient,
  context: RunContext,
  request: PersistRequest
): Promise<PersistOutcome> {
  if (request.mode === 'off') return { kind: 'skipped', reason: say.persistOff }
  if (request.files.written.length + request.files.deleted.length === 0)
    return { kind: 'skipped', reason: say.noFileChanged }
  const branch = branchOf(context)
  if (!branch || !context.sha)
    return {
      kind: 'failed',
      warning: say.notABranch(context.ref ? verbatim(context.ref) : say.noRef)
    }
  try {
    if (request.mode === 'commit') {
      const head = await client.getBranchHead(branch)
      if (head === undefined)
        return {
          kind: 'failed',
          warning: say.branchGone(branch)
        }
      const touched = new Set([
        ...request.files.written.map(file => file.path),
        ...request.files.deleted
      ])
      const isSafe =
        head === context.sha ||
        (await client.listChangedFiles(context.sha, head)).every(file => !touched.has(file))
      if (isSafe) {
        const made = await client.commitOnBranch(commitOf(branch, head, request))
        return { kind: 'committed', sha: made.sha, url: made.url, branch }
      }
    }
    return await viaPullRequest(
      client,
      context,
      branch,
      request,
      request.mode === 'commit'
        ? `The branch ${branch} moved while the deployment ran and changed files of this record, so the record waits here for a person to merge.`
        : 'persist: pull-request: the record of the deployment waits here for a person to merge.'
    )
  } catch (error) {
    return {
      kind: 'failed',
      warning: say.notCommitted(explainApiError(error, 'contents: write'), branch)
    }
  }
}

async function viaPullRequest(
  client: GitHubClient,
  context: RunContext,
  base: string,
  request: PersistRequest,
  why: string
): Promise<PersistOutcome> {
  const sha = context.sha ?? ''
  const branch = `deploy-executor/${request.environment}/${context.runId ?? Date.now()}-${context.runAttempt ?? 1}`
  await client.createBranch(branch, sha)
  await client.commitOnBranch(commitOf(branch, sha, request))
  const pull = await client.createPullRequest({
    title: request.headline,
    body: `${request.body}\n\n${why}`,
    head: branch,
    base
  })
  return { kind: 'pull-request', number: pull.number, url: pull.url, branch }
}

function commitOf(
  branch: string,
  head: string,
  request: PersistRequest
): Parameters<GitHubClient['commitOnBranch']>[0] {
  return {
    branch,
    expectedHeadOid: head,
    headline: request.headline,
    body: request.body,
    additions: request.files.written,
    deletions: request.files.deleted
  }
}

/** The branch the proposal lives on: the pull request's head, else the branch being run. */
export function branchOf(context: RunContext): string | undefined {
  const head = (context.event['pull_request'] as { head?: { ref?: unknown } } | undefined)?.head
    ?.ref
  if (typeof head === 'string' && head !== '') return head
  return context.ref?.startsWith('refs/heads/')
    ? context.ref.slice('refs/heads/'.length)
    : undefined
}
