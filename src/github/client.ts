/**
 * GitHub behind domain verbs. The real client wraps @actions/github's Octokit (which honours
 * GITHUB_API_URL, so GitHub Enterprise Server works), retries 5xx answers and secondary rate
 * limits, pages through lists, and counts every request it makes.
 */
import { errorMessage, MessageError, verbatim, type Message } from '../core/message.js'
import { say } from './messages.js'
import type { Clock } from '../core/clock.js'
import type { Commit } from '../plan/deployment.js'

export interface EnvironmentRules {
  name: string
  requiredReviewers: { type: 'User' | 'Team'; name: string }[]
  preventSelfReview: boolean
  waitTimerMinutes: number
  hasBranchPolicy: boolean
  canAdminsBypass: boolean
}

export interface CustomProtectionRule {
  app: string
  isEnabled: boolean
}

export interface RunApproval {
  environments: string[]
  state: 'approved' | 'rejected'
  user: string
  comment: string
}

export interface DeploymentInfo {
  id: number
  sha: string
  ref: string
  environment: string
  createdAt: string
  creator: string
  payload: Record<string, unknown>
}

export interface DeploymentStatusInfo {
  state: string
  description: string
  logUrl: string
  createdAt: string
}

export type DeploymentState =
  'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'queued' | 'pending'

export interface BranchCommit {
  branch: string
  expectedHeadOid: string
  headline: string
  body: string
  /** Repository-relative paths and their new contents. */
  additions: { path: string; contents: Buffer }[]
  deletions: string[]
}

/**
 * Pages of 100 deployments read for the rollback point: a last success behind a run of failed
 * deployments is still found, and the common case (the newest one succeeded) costs one page.
 */
const DEPLOYMENT_PAGES = 2
/** Pages of 100 comments read to find this action's comment: 5,000 comments. */
const COMMENT_PAGES = 50

export interface PullRequest {
  number: number
  state: string
  headRepo: string
  baseRepo: string
}

export interface IssueComment {
  id: number
  body: string
  author: string
}

export interface GitHubClient {
  /** Undefined when the environment does not exist (404). */
  getEnvironment: (name: string) => Promise<EnvironmentRules | undefined>
  listCustomProtectionRules: (environment: string) => Promise<CustomProtectionRule[]>
  listRunApprovals: (runId: number) => Promise<RunApproval[]>
  /** Newest first. */
  listDeployments: (environment: string) => Promise<DeploymentInfo[]>
  /** Newest first. */
  listDeploymentStatuses: (deploymentId: number) => Promise<DeploymentStatusInfo[]>
  createDeployment: (request: {
    ref: string
    environment: string
    payload: Record<string, unknown>
    description: string
  }) => Promise<DeploymentInfo>
  createDeploymentStatus: (
    deploymentId: number,
    status: {
      state: DeploymentState
      environmentUrl?: string
      logUrl?: string
      description: string
    }
  ) => Promise<void>
  compareCommits: (base: string, head: string) => Promise<{ total: number; commits: Commit[] }>
  listPullRequestsOfCommit: (sha: string) => Promise<PullRequest[]>
  listIssueComments: (issueNumber: number) => Promise<IssueComment[]>
  /** The login the token acts as; undefined where GitHub does not say (the job's GITHUB_TOKEN). */
  getAuthenticatedLogin: () => Promise<string | undefined>
  /** The commit a branch points at; undefined when there is no such branch. */
  getBranchHead: (branch: string) => Promise<string | undefined>
  /** Paths changed between two commits. */
  listChangedFiles: (base: string, head: string) => Promise<string[]>
  createBranch: (branch: string, sha: string) => Promise<void>
  /** A commit GitHub signs, made only if the branch still points at expectedHeadOid. */
  commitOnBranch: (commit: BranchCommit) => Promise<{ sha: string; url: string }>
  createPullRequest: (pull: {
    title: string
    body: string
    head: string
    base: string
  }) => Promise<{ number: number; url: string }>
  createIssueComment: (issueNumber: number, body: string) => Promise<IssueComment>
  updateIssueComment: (commentId: number, body: string) => Promise<IssueComment>
  requestCount: () => number
}

/** A failed API call, with what the caller needs to explain it. */
const COMMIT_MUTATION = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}`

export class GitHubApiError extends MessageError {
  constructor(
    /** GitHub's own words, or the action's when no answer came. */
    message: string | Message,
    readonly status: number,
    /** From X-Accepted-GitHub-Permissions: the permission the token lacks, e.g. "actions=read". */
    readonly acceptedPermissions?: string,
    options?: { cause?: unknown }
  ) {
    super(typeof message === 'string' ? verbatim(message) : message, options)
    this.name = 'GitHubApiError'
  }

  /** `actions: read`, as it is written under `permissions:` in a workflow. */
  get missingPermission(): string | undefined {
    const first = this.acceptedPermissions?.split(/[;,]/)[0]?.trim()
    if (!first?.includes('=')) return undefined
    const [scope = '', level = ''] = first.split('=')
    // The header says pull_requests=write; a workflow's permissions: says pull-requests: write.
    return `${scope.replace(/_/g, '-')}: ${level}`
  }
}

/** The fix for a failed call, in words: which `permissions:` entry to add, or what else to check. */
export function explainApiError(error: unknown, fallbackPermission: string): Message {
  if (error instanceof GitHubApiError) {
    if (error.status === 403 || error.status === 401)
      return say.tokenRefused(error.status, error.missingPermission ?? fallbackPermission)
    return say.httpError(error.status, error.text)
  }
  return say.unreachable(errorMessage(error))
}

export interface RetryPolicy {
  /** Attempts for a 5xx answer or a secondary rate limit, the first included. */
  attempts: number
  baseDelayMs: number
  /** The longest a rate limit is waited out; beyond it the call fails. */
  maxWaitMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1_000, maxWaitMs: 60_000 }

/**
 * The longest one request may take. GitHub answers in well under a second; a request that hangs
 * must not hold the job, or keep the main step from honouring a cancellation.
 */
export const REQUEST_TIMEOUT_MS = 30_000

export interface RequestLimits {
  timeoutMs: number
  /** Aborted on cancellation: a request under way stops, and no retry starts. */
  signal?: AbortSignal
}

interface ErrorLike {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined> }
}

/** How long to wait before retrying, or undefined when the failure is final. */
export function retryDelayMs(
  error: unknown,
  attempt: number,
  policy: RetryPolicy
): number | undefined {
  if (attempt >= policy.attempts) return undefined
  const { status, response, message } = error as ErrorLike
  const headers = response?.headers ?? {}
  const retryAfter = Number(headers['retry-after'])
  const isSecondaryLimit =
    (status === 403 || status === 429) &&
    (/secondary rate limit/i.test(message ?? '') || headers['retry-after'] !== undefined)
  if (isSecondaryLimit) {
    const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 60_000
    return waitMs <= policy.maxWaitMs ? waitMs : undefined
  }
  if (status !== undefined && status >= 500) return policy.baseDelayMs * 2 ** (attempt - 1)
  return undefined
}

/** The part of Octokit the client uses: a request function and its hook. */
export interface OctokitLike {
  graphql: (query: string, variables: Record<string, unknown>) => Promise<unknown>
  request: (
    route: string,
    parameters?: Record<string, unknown>
  ) => Promise<{ data: unknown; headers: Record<string, unknown> }>
  hook: {
    wrap: (
      name: 'request',
      wrapper: (
        request: (options: unknown) => Promise<unknown>,
        options: unknown
      ) => Promise<unknown>
    ) => void
  }
}

export interface Repository {
  owner: string
  repo: string
}

export function octokitClient(
  octokit: OctokitLike,
  repository: Repository,
  clock: Clock,
  policy: RetryPolicy = DEFAULT_RETRY,
  limits: RequestLimits = { timeoutMs: REQUEST_TIMEOUT_MS }
): GitHubClient {
  let requests = 0
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      requests++
      if (limits.signal?.aborted) throw new GitHubApiError(say.notSent, 0)
      const signals = [
        AbortSignal.timeout(limits.timeoutMs),
        ...(limits.signal ? [limits.signal] : [])
      ]
      const bounded = {
        ...(options as Record<string, unknown>),
        request: {
          ...((options as { request?: Record<string, unknown> }).request ?? {}),
          signal: AbortSignal.any(signals)
        }
      }
      try {
        return await untilAborted(request(bounded), AbortSignal.any(signals))
      } catch (error) {
        if (limits.signal?.aborted)
          throw new GitHubApiError(say.stopped, 0, undefined, { cause: error })
        if (isTimeout(error)) {
          if (attempt >= policy.attempts)
            throw new GitHubApiError(say.noAnswer(limits.timeoutMs / 1000, attempt), 0, undefined, {
              cause: error
            })
          continue
        }
        const delay = retryDelayMs(error, attempt, policy)
        if (delay === undefined) throw toApiError(error)
        await clock.sleep(delay, limits.signal)
      }
    }
  })
  const repo = { owner: repository.owner, repo: repository.repo }
  const call = async <T>(route: string, parameters: Record<string, unknown> = {}): Promise<T> =>
    (await octokit.request(route, { ...repo, ...parameters })).data as T
  /** Pages until a short page: lists here are small, and a bound keeps a runaway list finite. */
  const paginate = async <T>(
    route: string,
    parameters: Record<string, unknown>,
    pick: (data: unknown) => T[],
    maxPages = 10
  ): Promise<T[]> => {
    const all: T[] = []
    for (let page = 1; page <= maxPages; page++) {
      const items = pick(await call<unknown>(route, { ...parameters, per_page: 100, page }))
      all.push(...items)
      if (items.length < 100) break
    }
    return all
  }
  return {
    requestCount: () => requests,
    getEnvironment: async name => {
      try {
        return toEnvironment(
          await call<RawEnvironment>('GET /repos/{owner}/{repo}/environments/{environment_name}', {
            environment_name: name
          })
        )
      } catch (error) {
        if (error instanceof GitHubApiError && error.status === 404) return undefined
        throw error
      }
    },
    listCustomProtectionRules: async environment => {
      const data = await call<{
        custom_deployment_protection_rules?: { enabled?: boolean; app?: { slug?: string } }[]
      }>('GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules', {
        environment_name: environment
      })
      return (data.custom_deployment_protection_rules ?? []).map(rule => ({
        app: rule.app?.slug ?? 'app',
        isEnabled: rule.enabled === true
      }))
    },
    listRunApprovals: async runId => {
      const data = await call<RawApproval[]>(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
        { run_id: runId }
      )
      return data.map(approval => ({
        environments: (approval.environments ?? []).map(environment => environment.name ?? ''),
        state: approval.state === 'approved' ? 'approved' : 'rejected',
        user: approval.user?.login ?? '',
        comment: approval.comment ?? ''
      }))
    },
    listDeployments: async environment =>
      (
        await paginate(
          'GET /repos/{owner}/{repo}/deployments',
          { environment },
          data => {
            if (Array.isArray(data)) return data as RawDeployment[]
            throw new MessageError(say.notAList)
          },
          DEPLOYMENT_PAGES
        )
      ).map(toDeployment),
    listDeploymentStatuses: async id =>
      (
        await call<RawStatus[]>('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
          deployment_id: id,
          per_page: 30
        })
      ).map(status => ({
        state: status.state ?? '',
        description: status.description ?? '',
        logUrl: status.log_url ?? status.target_url ?? '',
        createdAt: status.created_at ?? ''
      })),
    createDeployment: async request =>
      toDeployment(
        await call<RawDeployment>('POST /repos/{owner}/{repo}/deployments', {
          ref: request.ref,
          environment: request.environment,
          payload: request.payload,
          description: request.description.slice(0, 140),
          auto_merge: false,
          required_contexts: [],
          transient_environment: false
        })
      ),
    createDeploymentStatus: async (id, status) => {
      await call('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        deployment_id: id,
        state: status.state,
        description: status.description.slice(0, 140),
        ...(status.environmentUrl ? { environment_url: status.environmentUrl } : {}),
        ...(status.logUrl ? { log_url: status.logUrl } : {}),
        auto_inactive: true
      })
    },
    compareCommits: async (base, head) => {
      const data = await call<{
        total_commits?: number
        commits?: {
          sha: string
          commit?: { message?: string; author?: { name?: string } }
          author?: { login?: string } | null
        }[]
      }>('GET /repos/{owner}/{repo}/compare/{basehead}', {
        basehead: `${base}...${head}`,
        per_page: 20
      })
      return {
        total: data.total_commits ?? 0,
        commits: (data.commits ?? []).map(commit => ({
          sha: commit.sha,
          message: (commit.commit?.message ?? '').split('\n')[0] ?? '',
          author: commit.author?.login ?? commit.commit?.author?.name ?? ''
        }))
      }
    },
    listPullRequestsOfCommit: async sha =>
      (
        await call<RawPull[]>('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
          commit_sha: sha
        })
      ).map(pull => ({
        number: pull.number,
        state: pull.state ?? '',
        headRepo: pull.head?.repo?.full_name ?? '',
        baseRepo: pull.base?.repo?.full_name ?? ''
      })),
    // A busy pull request may hold thousands of comments; ours must be found among them.
    listIssueComments: issueNumber =>
      paginate(
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { issue_number: issueNumber },
        data => (data as RawComment[]).map(toComment),
        COMMENT_PAGES
      ),
    getBranchHead: async branch => {
      try {
        // {+branch}: the slashes of a branch such as change/add-login stay slashes.
        const data = await call<{ object?: { sha?: string } }>(
          'GET /repos/{owner}/{repo}/git/ref/heads/{+branch}',
          { branch }
        )
        return data.object?.sha
      } catch (error) {
        if (error instanceof GitHubApiError && error.status === 404) return undefined
        throw error
      }
    },
    listChangedFiles: async (base, head) =>
      (
        await call<{ files?: { filename: string }[] }>(
          'GET /repos/{owner}/{repo}/compare/{basehead}',
          { basehead: `${base}...${head}` }
        )
      ).files?.map(file => file.filename) ?? [],
    createBranch: async (branch, sha) => {
      await call('POST /repos/{owner}/{repo}/git/refs', { ref: `refs/heads/${branch}`, sha })
    },
    commitOnBranch: async commit => {
      const data = (await octokit.graphql(COMMIT_MUTATION, {
        input: {
          branch: {
            repositoryNameWithOwner: `${repository.owner}/${repository.repo}`,
            branchName: commit.branch
          },
          message: { headline: commit.headline, body: commit.body },
          expectedHeadOid: commit.expectedHeadOid,
          fileChanges: {
            additions: commit.additions.map(file => ({
              path: file.path,
              contents: file.contents.toString('base64')
            })),
            deletions: commit.deletions.map(file => ({ path: file }))
          }
        }
      })) as { createCommitOnBranch?: { commit?: { oid?: string; url?: string } } }
      const made = data.createCommitOnBranch?.commit
      return { sha: made?.oid ?? '', url: made?.url ?? '' }
    },
    createPullRequest: async pull => {
      const data = await call<{ number: number; html_url: string }>(
        'POST /repos/{owner}/{repo}/pulls',
        pull
      )
      return { number: data.number, url: data.html_url }
    },
    getAuthenticatedLogin: async () => {
      try {
        return (await call<{ login?: string }>('GET /user')).login
      } catch (error) {
        // An installation token (the job's GITHUB_TOKEN) may not read /user: 403.
        if (error instanceof GitHubApiError && (error.status === 403 || error.status === 401))
          return undefined
        throw error
      }
    },
    createIssueComment: async (issueNumber, body) =>
      toComment(
        await call<RawComment>('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          issue_number: issueNumber,
          body
        })
      ),
    updateIssueComment: async (commentId, body) =>
      toComment(
        await call<RawComment>('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
          comment_id: commentId,
          body
        })
      )
  }
}

/**
 * Settles with the request, or rejects as soon as the signal aborts, whatever the HTTP stack below
 * does with the signal: a request that hangs must never hold the run.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error)
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => reject(signal.reason as Error)
    signal.addEventListener('abort', abort, { once: true })
    promise.then(
      value => {
        signal.removeEventListener('abort', abort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort)
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    )
  })
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: string; cause?: { name?: string } }).name
  const cause = (error as { cause?: { name?: string } }).cause?.name
  return [name, cause].some(value => value === 'AbortError' || value === 'TimeoutError')
}

function toApiError(error: unknown): GitHubApiError {
  if (error instanceof GitHubApiError) return error
  const { status, message, response } = error as ErrorLike
  const accepted = response?.headers?.['x-accepted-github-permissions']
  return new GitHubApiError(
    message ?? String(error),
    status ?? 0,
    accepted === undefined ? undefined : String(accepted),
    { cause: error }
  )
}

interface RawEnvironment {
  name?: string
  can_admins_bypass?: boolean
  protection_rules?: {
    type?: string
    wait_timer?: number
    prevent_self_review?: boolean
    reviewers?: { type?: string; reviewer?: { login?: string; slug?: string; name?: string } }[]
  }[]
}

function toEnvironment(raw: RawEnvironment): EnvironmentRules {
  const rules = raw.protection_rules ?? []
  const reviewers = rules.filter(rule => rule.type === 'required_reviewers')
  return {
    name: raw.name ?? '',
    requiredReviewers: reviewers.flatMap(rule =>
      (rule.reviewers ?? []).map(reviewer => ({
        type: reviewer.type === 'Team' ? ('Team' as const) : ('User' as const),
        name: reviewer.reviewer?.login ?? reviewer.reviewer?.slug ?? reviewer.reviewer?.name ?? '?'
      }))
    ),
    preventSelfReview: reviewers.some(rule => rule.prevent_self_review === true),
    waitTimerMinutes: rules.find(rule => rule.type === 'wait_timer')?.wait_timer ?? 0,
    hasBranchPolicy: rules.some(rule => rule.type === 'branch_policy'),
    canAdminsBypass: raw.can_admins_bypass ?? true
  }
}

interface RawApproval {
  environments?: { name?: string }[]
  state?: string
  user?: { login?: string }
  comment?: string
}

interface RawDeployment {
  id: number
  sha?: string
  ref?: string
  environment?: string
  created_at?: string
  creator?: { login?: string } | null
  payload?: unknown
}

function toDeployment(raw: RawDeployment): DeploymentInfo {
  const payload =
    typeof raw.payload === 'object' && raw.payload !== null
      ? (raw.payload as Record<string, unknown>)
      : {}
  return {
    id: raw.id,
    sha: raw.sha ?? '',
    ref: raw.ref ?? '',
    environment: raw.environment ?? '',
    createdAt: raw.created_at ?? '',
    creator: raw.creator?.login ?? '',
    payload
  }
}

interface RawStatus {
  state?: string
  description?: string
  log_url?: string
  target_url?: string
  created_at?: string
}

interface RawPull {
  number: number
  state?: string
  head?: { repo?: { full_name?: string } | null }
  base?: { repo?: { full_name?: string } | null }
}

interface RawComment {
  id: number
  body?: string
  user?: { login?: string } | null
}

function toComment(raw: RawComment): IssueComment {
  return { id: raw.id, body: raw.body ?? '', author: raw.user?.login ?? '' }
}

/**
 * The real client. @actions/github (with Octokit and undici, most of the bundle's bytes) is loaded
 * on the first request, not before: a run that never calls GitHub, such as one refused in
 * pre-flight, never pays for it.
 */
export function createGitHubClient(
  token: string,
  repository: string,
  clock: Clock,
  signal?: AbortSignal
): GitHubClient {
  const [owner = '', repo = ''] = repository.split('/')
  const load = async (): Promise<OctokitLike> => {
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(token, {
      log: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined
      }
    })
    return octokit as unknown as OctokitLike
  }
  return octokitClient(lazyOctokit(load), { owner, repo }, clock, DEFAULT_RETRY, {
    timeoutMs: REQUEST_TIMEOUT_MS,
    ...(signal ? { signal } : {})
  })
}

type RequestWrapper = Parameters<OctokitLike['hook']['wrap']>[1]

/** An Octokit made on the first request; the request hooks added before then are added to it. */
export function lazyOctokit(load: () => Promise<OctokitLike>): OctokitLike {
  const wrappers: RequestWrapper[] = []
  let loaded: Promise<OctokitLike> | undefined
  const octokit = (): Promise<OctokitLike> =>
    (loaded ??= load().then(real => {
      for (const wrapper of wrappers) real.hook.wrap('request', wrapper)
      return real
    }))
  return {
    request: async (route, parameters) => (await octokit()).request(route, parameters),
    graphql: async (query, variables) => (await octokit()).graphql(query, variables),
    hook: { wrap: (_name, wrapper) => void wrappers.push(wrapper) }
  }
}
