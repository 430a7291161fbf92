/** An in-memory GitHubClient for unit tests: data in plain fields, errors by method name. */
import type {
  BranchCommit,
  DeploymentInfo,
  DeploymentStatusInfo,
  EnvironmentRules,
  GitHubClient,
  IssueComment,
  PullRequest,
  RunApproval
} from '../../src/github/client.js'
import { GitHubApiError } from '../../src/github/client.js'

export class MemoryGitHub implements GitHubClient {
  environments: Record<string, EnvironmentRules> = {}
  customRules: Record<string, { app: string; isEnabled: boolean }[]> = {}
  approvals: RunApproval[] = []
  deployments: DeploymentInfo[] = []
  statuses: Record<number, DeploymentStatusInfo[]> = {}
  pulls: PullRequest[] = []
  comments: Record<number, IssueComment[]> = {}
  errors: Partial<Record<keyof GitHubClient, GitHubApiError>> = {}
  calls: string[] = []
  private nextId = 500

  private record(name: keyof GitHubClient): void {
    this.calls.push(name)
    const error = this.errors[name]
    if (error) throw error
  }

  getEnvironment = (name: string): Promise<EnvironmentRules | undefined> =>
    this.answer('getEnvironment', () => this.environments[name])
  listCustomProtectionRules = (
    environment: string
  ): Promise<{ app: string; isEnabled: boolean }[]> =>
    this.answer('listCustomProtectionRules', () => this.customRules[environment] ?? [])
  listRunApprovals = (): Promise<RunApproval[]> =>
    this.answer('listRunApprovals', () => this.approvals)
  listDeployments = (environment: string): Promise<DeploymentInfo[]> =>
    this.answer('listDeployments', () =>
      this.deployments.filter(d => d.environment === environment)
    )
  listDeploymentStatuses = (id: number): Promise<DeploymentStatusInfo[]> =>
    this.answer('listDeploymentStatuses', () => this.statuses[id] ?? [])
  createDeployment = (request: {
    ref: string
    environment: string
    payload: Record<string, unknown>
  }): Promise<DeploymentInfo> =>
    this.answer('createDeployment', () => {
      const deployment = {
        id: this.nextId++,
        sha: request.ref,
        ref: request.ref,
        environment: request.environment,
        createdAt: '2026-05-24T10:00:00Z',
        creator: 'bot',
        payload: request.payload
      }
      this.deployments.unshift(deployment)
      return deployment
    })
  createDeploymentStatus = (
    id: number,
    status: { state: string; description?: string; logUrl?: string }
  ): Promise<void> =>
    this.answer('createDeploymentStatus', () => {
      ;(this.statuses[id] ??= []).unshift({
        state: status.state,
        description: status.description ?? '',
        logUrl: status.logUrl ?? '',
        createdAt: ''
      })
    })
  compareCommits = (): Promise<{
    total: number
    commits: { sha: string; message: string; author: string }[]
  }> =>
    this.answer('compareCommits', () => ({
      total: 2,
      commits: [
        { sha: 'c1c1c1c1', message: 'Fix login', author: 'bob' },
        { sha: 'c2c2c2c2', message: 'Add form', author: 'alice' }
      ]
    }))
  listPullRequestsOfCommit = (): Promise<PullRequest[]> =>
    this.answer('listPullRequestsOfCommit', () => this.pulls)
  /** The token's login, as GET /user gives it; undefined as for the job's GITHUB_TOKEN. */
  tokenLogin: string | undefined = undefined
  getAuthenticatedLogin = (): Promise<string | undefined> =>
    this.answer('getAuthenticatedLogin', () => this.tokenLogin)
  listIssueComments = (issue: number): Promise<IssueComment[]> =>
    this.answer('listIssueComments', () => this.comments[issue] ?? [])
  createIssueComment = (issue: number, body: string): Promise<IssueComment> =>
    this.answer('createIssueComment', () => {
      const comment = { id: this.nextId++, body, author: 'github-actions[bot]' }
      ;(this.comments[issue] ??= []).push(comment)
      return comment
    })
  updateIssueComment = (id: number, body: string): Promise<IssueComment> =>
    this.answer('updateIssueComment', () => {
      const comment = Object.values(this.comments)
        .flat()
        .find(item => item.id === id)
      if (!comment) throw new GitHubApiError('Not Found', 404)
      comment.body = body
      return comment
    })
  requestCount = (): number => this.calls.length

  /** Branch heads by name, and what was committed and opened. */
  branches: Record<string, string> = {}
  changedFiles: string[] = []
  commits: BranchCommit[] = []
  pullRequests: { title: string; body: string; head: string; base: string }[] = []

  getBranchHead = (branch: string): Promise<string | undefined> =>
    this.answer('getBranchHead', () => this.branches[branch])
  listChangedFiles = (): Promise<string[]> =>
    this.answer('listChangedFiles', () => this.changedFiles)
  createBranch = (branch: string, sha: string): Promise<void> =>
    this.answer('createBranch', () => {
      this.branches[branch] = sha
    })
  commitOnBranch = (commit: BranchCommit): Promise<{ sha: string; url: string }> =>
    this.answer('commitOnBranch', () => {
      if (this.branches[commit.branch] !== commit.expectedHeadOid)
        throw new GitHubApiError('Expected branch to point to a different commit', 0)
      this.commits.push(commit)
      const sha = `commit${this.commits.length}`
      this.branches[commit.branch] = sha
      return { sha, url: `https://github.com/acme/site/commit/${sha}` }
    })
  createPullRequest = (pull: {
    title: string
    body: string
    head: string
    base: string
  }): Promise<{ number: number; url: string }> =>
    this.answer('createPullRequest', () => {
      this.pullRequests.push(pull)
      const number = 900 + this.pullRequests.length
      return { number, url: `https://github.com/acme/site/pull/${number}` }
    })

  private answer<T>(name: keyof GitHubClient, value: () => T): Promise<T> {
    try {
      this.record(name)
      return Promise.resolve(value())
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)))
    }
  }
}

export function rules(overrides: Partial<EnvironmentRules> = {}): EnvironmentRules {
  return {
    name: 'production',
    requiredReviewers: [{ type: 'User', name: 'alice' }],
    preventSelfReview: false,
    waitTimerMinutes: 0,
    hasBranchPolicy: false,
    canAdminsBypass: true,
    ...overrides
  }
}

/** The 403 GitHub answers when the token lacks a permission, naming it as its header does. */
export function forbidden(permission: string): GitHubApiError {
  return new GitHubApiError('Resource not accessible by integration', 403, permission)
}
