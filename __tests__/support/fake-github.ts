/**
 * A small fake of the GitHub REST API on 127.0.0.1: a real HTTP server holding state
 * (environments, approvals, deployments and statuses, pulls, comments, compare), reached by the
 * real Octokit through GITHUB_API_URL. Every request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  body: Record<string, unknown>
  authorization: string
}

export interface FakeFailure {
  status: number
  message?: string
  headers?: Record<string, string>
  /** How many times to fail before answering normally; default always. */
  times?: number
}

export interface FakeDeployment {
  id: number
  sha: string
  ref: string
  environment: string
  created_at: string
  creator: { login: string }
  payload: Record<string, unknown>
  statuses: {
    state: string
    log_url: string
    environment_url?: string
    description?: string
    created_at: string
  }[]
}

export interface FakeState {
  environments: Record<string, Record<string, unknown>>
  customRules: Record<string, { enabled: boolean; app: { slug: string } }[]>
  approvals: Record<
    string,
    { environments: { name: string }[]; state: string; user: { login: string }; comment: string }[]
  >
  deployments: FakeDeployment[]
  pulls: Record<
    string,
    {
      number: number
      state: string
      head: { repo: { full_name: string } }
      base: { repo: { full_name: string } }
    }[]
  >
  comments: Record<string, { id: number; body: string; user: { login: string } }[]>
  compare: {
    total_commits: number
    commits: {
      sha: string
      commit: { message: string; author: { name: string } }
      author: { login: string }
    }[]
  }
  /** Who the token is (GET /user); undefined answers 403, as for the job's GITHUB_TOKEN. */
  tokenLogin?: string
  /** Branch heads by name; a commit made through GraphQL moves its branch. */
  branches: Record<string, string>
  /** Files the compare API lists as changed between two commits. */
  changedFiles: string[]
  /** Commits made with createCommitOnBranch, as GitHub received them. */
  commits: {
    branch: string
    expectedHeadOid: string
    headline: string
    additions: { path: string; contents: string }[]
    deletions: string[]
  }[]
  /** Pull requests opened through the API. */
  openedPulls: Record<string, unknown>[]
  /** Routes ("METHOD /path") that never answer. */
  hangs: string[]
  /** Keyed by "METHOD /path" as the route matched, e.g. "GET /repos/acme/site/environments/staging". */
  failures: Record<string, FakeFailure>
}

export function reviewersEnvironment(
  name: string,
  reviewers: string[] = ['alice']
): Record<string, unknown> {
  return {
    name,
    can_admins_bypass: true,
    protection_rules: [
      {
        type: 'required_reviewers',
        prevent_self_review: true,
        reviewers: reviewers.map(login => ({ type: 'User', reviewer: { login } }))
      },
      { type: 'wait_timer', wait_timer: 5 },
      { type: 'branch_policy' }
    ]
  }
}

/** An `approved` review of the run by `user`, naming `environment`, as GitHub lists it. */
export function approvalOf(
  user: string,
  environment = 'production'
): FakeState['approvals'][string][number] {
  return {
    environments: [{ name: environment }],
    state: 'approved',
    user: { login: user },
    comment: 'ship it'
  }
}

/** The final status a real, successful run of the action leaves on its deployment. */
export function recordedSuccess(): FakeDeployment['statuses'][number] {
  return {
    state: 'success',
    log_url: '',
    description: '[deploy-executor] success: earlier-change v1',
    created_at: ''
  }
}

/** An open pull request of this repository (not from a fork). */
export function openPullRequest(number: number): FakeState['pulls'][string][number] {
  return {
    number,
    state: 'open',
    head: { repo: { full_name: 'acme/site' } },
    base: { repo: { full_name: 'acme/site' } }
  }
}

/** A deployment as GitHub's API lists it, made by the job token, with its statuses. */
export function fakeDeployment(
  fields: Pick<FakeDeployment, 'id' | 'sha' | 'environment'> & Partial<FakeDeployment>
): FakeDeployment {
  return {
    ref: 'main',
    created_at: new Date().toISOString(),
    creator: { login: 'github-actions[bot]' },
    payload: {},
    statuses: [],
    ...fields
  }
}

/**
 * A job of run 4242 deploying `sha` to `environment` as GitHub sets it up: pull request #7 of the
 * commit, the last successful deployment (`previous`), the job's own deployment in progress, and
 * one commit in between.
 */
export function stageJobDeployment(
  state: FakeState,
  options: { environment: string; sha: string; previous: { sha: string; version: string } }
): void {
  state.pulls[options.sha] = [openPullRequest(7)]
  state.deployments = [
    fakeDeployment({
      id: 1,
      sha: options.previous.sha,
      environment: options.environment,
      created_at: '2026-05-01T10:00:00Z',
      payload: { version: options.previous.version },
      statuses: [recordedSuccess()]
    }),
    fakeDeployment({
      id: 2,
      sha: options.sha,
      environment: options.environment,
      statuses: [
        {
          state: 'in_progress',
          log_url: 'https://github.com/acme/site/actions/runs/4242/job/1',
          created_at: ''
        }
      ]
    })
  ]
  state.compare = {
    total_commits: 1,
    commits: [
      {
        sha: 'bbbbbbb222',
        commit: { message: 'Add login form\n\nDetails', author: { name: 'Bob' } },
        author: { login: 'bob' }
      }
    ]
  }
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  state: FakeState = {
    environments: {},
    customRules: {},
    approvals: {},
    deployments: [],
    pulls: {},
    comments: {},
    compare: { total_commits: 0, commits: [] },
    branches: { main: '0123456789abcdef0123456789abcdef01234567' },
    changedFiles: [],
    commits: [],
    openedPulls: [],
    hangs: [],
    failures: {}
  }
  /** Requests that never answer, chosen by what they ask. */
  hangWhen: ((method: string, path: string, body: Record<string, unknown>) => boolean) | undefined
  private server: Server | undefined
  private nextId = 1000
  url = ''

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response))
    await new Promise<void>(resolve => this.server?.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise(resolve => this.server?.close(resolve))
  }

  /** Requests as "METHOD /path", the shape assertions read best in. */
  calls(): string[] {
    return this.requests.map(request => `${request.method} ${request.path}`)
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const text = Buffer.concat(chunks).toString('utf8')
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {}
    const method = request.method ?? 'GET'
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: request.headers.authorization ?? ''
    })
    // A route that hangs answers nothing, ever: the client must give up, or be cancelled.
    if (this.state.hangs.includes(`${method} ${url.pathname}`)) return
    if (this.hangWhen?.(method, url.pathname, body)) return
    const failure = this.state.failures[`${method} ${url.pathname}`]
    if (failure && (failure.times === undefined || failure.times > 0)) {
      if (failure.times !== undefined) failure.times--
      response
        .writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers })
        .end(JSON.stringify({ message: failure.message ?? 'fake failure' }))
      return
    }
    const answer = this.route(method, url, body)
    if (answer === undefined) {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'Not Found' }))
      return
    }
    response
      .writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
      .end(JSON.stringify(answer.data))
  }

  /** createCommitOnBranch, as GitHub answers it: errors in the body of a 200 answer. */
  private graphql(body: Record<string, unknown>): { status?: number; data: unknown } {
    const input = (body['variables'] as { input?: CommitInput } | undefined)?.input
    if (!input || !String(body['query']).includes('createCommitOnBranch'))
      return { data: { errors: [{ message: 'unknown query' }] } }
    const head = this.state.branches[input.branch.branchName]
    if (head === undefined || head !== input.expectedHeadOid)
      return {
        data: {
          data: null,
          errors: [
            {
              type: 'STALE_DATA',
              message: `Expected branch to point to "${input.expectedHeadOid}" but it did not`
            }
          ]
        }
      }
    this.state.commits.push({
      branch: input.branch.branchName,
      expectedHeadOid: input.expectedHeadOid,
      headline: input.message.headline,
      additions: (input.fileChanges.additions ?? []).map(file => ({
        path: file.path,
        contents: Buffer.from(file.contents, 'base64').toString('utf8')
      })),
      deletions: (input.fileChanges.deletions ?? []).map(file => file.path)
    })
    const oid = `${String(this.state.commits.length).padStart(2, '0')}${'c'.repeat(38)}`
    this.state.branches[input.branch.branchName] = oid
    return {
      data: {
        data: {
          createCommitOnBranch: {
            commit: { oid, url: `https://github.com/acme/site/commit/${oid}` }
          }
        }
      }
    }
  }

  private route(
    method: string,
    url: URL,
    body: Record<string, unknown>
  ): { status?: number; data: unknown } | undefined {
    if (method === 'POST' && url.pathname === '/graphql') return this.graphql(body)
    if (method === 'GET' && url.pathname === '/user') {
      return this.state.tokenLogin === undefined
        ? { status: 403, data: { message: 'Resource not accessible by integration' } }
        : { data: { login: this.state.tokenLogin } }
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/repos\/[^/]+\/[^/]+/, '')
    let match: RegExpExecArray | null
    if (method === 'GET' && (match = /^\/environments\/([^/]+)$/.exec(path))) {
      const environment = this.state.environments[decodeURIComponent(match[1] ?? '')]
      return environment ? { data: environment } : undefined
    }
    if (
      method === 'GET' &&
      (match = /^\/environments\/([^/]+)\/deployment_protection_rules$/.exec(path))
    ) {
      const rules = this.state.customRules[decodeURIComponent(match[1] ?? '')] ?? []
      return { data: { total_count: rules.length, custom_deployment_protection_rules: rules } }
    }
    if (method === 'GET' && (match = /^\/actions\/runs\/(\d+)\/approvals$/.exec(path))) {
      return { data: this.state.approvals[match[1] ?? ''] ?? [] }
    }
    if (method === 'GET' && path === '/deployments') {
      const environment = url.searchParams.get('environment')
      const list = this.state.deployments.filter(
        deployment => !environment || deployment.environment === environment
      )
      const perPage = Number(url.searchParams.get('per_page') ?? 30)
      const page = Number(url.searchParams.get('page') ?? 1)
      return {
        data: [...list]
          .reverse()
          .slice((page - 1) * perPage, page * perPage)
          .map(withoutStatuses)
      }
    }
    if (method === 'POST' && path === '/deployments') {
      const deployment: FakeDeployment = {
        id: this.nextId++,
        sha: String(body['ref']),
        ref: String(body['ref']),
        environment: String(body['environment']),
        created_at: new Date().toISOString(),
        creator: { login: 'github-actions[bot]' },
        payload: (body['payload'] as Record<string, unknown> | undefined) ?? {},
        statuses: []
      }
      this.state.deployments.push(deployment)
      return { status: 201, data: withoutStatuses(deployment) }
    }
    if ((match = /^\/deployments\/(\d+)\/statuses$/.exec(path))) {
      const deployment = this.state.deployments.find(item => item.id === Number(match?.[1]))
      if (!deployment) return undefined
      if (method === 'GET') return { data: [...deployment.statuses].reverse() }
      const text = (key: string): string => (typeof body[key] === 'string' ? body[key] : '')
      const status = {
        state: text('state'),
        log_url: text('log_url'),
        environment_url: text('environment_url'),
        description: text('description'),
        created_at: new Date().toISOString()
      }
      deployment.statuses.push(status)
      return { status: 201, data: status }
    }
    if (method === 'GET' && (match = /^\/commits\/([^/]+)\/pulls$/.exec(path))) {
      return { data: this.state.pulls[match[1] ?? ''] ?? [] }
    }
    if (method === 'GET' && /^\/compare\//.test(path)) {
      return {
        data: {
          ...this.state.compare,
          files: this.state.changedFiles.map(filename => ({ filename }))
        }
      }
    }
    if (method === 'GET' && (match = /^\/git\/ref\/heads\/(.+)$/.exec(path))) {
      const sha = this.state.branches[decodeURIComponent(match[1] ?? '')]
      return sha === undefined ? undefined : { data: { object: { sha } } }
    }
    if (method === 'POST' && path === '/git/refs') {
      this.state.branches[String(body['ref']).replace(/^refs\/heads\//, '')] = String(body['sha'])
      return { status: 201, data: { ref: body['ref'] } }
    }
    if (method === 'POST' && path === '/pulls') {
      this.state.openedPulls.push(body)
      const number = 800 + this.state.openedPulls.length
      return {
        status: 201,
        data: { number, html_url: `https://github.com/acme/site/pull/${number}` }
      }
    }
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const list = (this.state.comments[match[1] ?? ''] ??= [])
      if (method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30)
        const page = Number(url.searchParams.get('page') ?? 1)
        return { data: list.slice((page - 1) * perPage, page * perPage) }
      }
      const comment = {
        id: this.nextId++,
        body: String(body['body']),
        user: { login: 'github-actions[bot]' }
      }
      list.push(comment)
      return { status: 201, data: comment }
    }
    if (method === 'PATCH' && (match = /^\/issues\/comments\/(\d+)$/.exec(path))) {
      const comment = Object.values(this.state.comments)
        .flat()
        .find(item => item.id === Number(match?.[1]))
      if (!comment) return undefined
      comment.body = String(body['body'])
      return { data: comment }
    }
    return undefined
  }
}

interface CommitInput {
  branch: { branchName: string }
  expectedHeadOid: string
  message: { headline: string }
  fileChanges: { additions?: { path: string; contents: string }[]; deletions?: { path: string }[] }
}

function withoutStatuses(deployment: FakeDeployment): Omit<FakeDeployment, 'statuses'> {
  const copy: Partial<FakeDeployment> = { ...deployment }
  delete copy.statuses
  return copy as Omit<FakeDeployment, 'statuses'>
}
