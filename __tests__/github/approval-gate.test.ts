import { describe, expect, it } from '@jest/globals'
import { githubApprovalGate } from '../../src/github/approval-gate.js'
import { GitHubApiError, type RunApproval } from '../../src/github/client.js'
import type { RunContext } from '../../src/github/run-context.js'
import { githubContext } from '../support/builders.js'
import { inEnglish } from '../support/english.js'
import { MemoryGitHub, rules, forbidden } from '../support/memory-github.js'

const context = githubContext({
  actor: 'bob',
  eventName: 'workflow_dispatch',
  sha: 'abc',
  runUrl: undefined
})

function gateFor(
  client: MemoryGitHub,
  options: {
    requireApproval?: boolean
    requireDistinctApprover?: boolean
    context?: Partial<RunContext>
  } = {}
) {
  const gate = githubApprovalGate(
    client,
    { ...context, ...options.context },
    {
      requireApproval: options.requireApproval ?? true,
      requireDistinctApprover: options.requireDistinctApprover ?? false
    }
  )
  // What a reader of an English project is told.
  return { authorize: async (environment: string) => inEnglish(await gate.authorize(environment)) }
}

function approvedClient(): MemoryGitHub {
  const client = new MemoryGitHub()
  client.environments['production'] = rules({
    requiredReviewers: [
      { type: 'User', name: 'alice' },
      { type: 'Team', name: 'ops' }
    ],
    preventSelfReview: true,
    waitTimerMinutes: 5,
    hasBranchPolicy: true
  })
  client.approvals = [
    { environments: ['production'], state: 'approved', user: 'alice', comment: 'ship it' }
  ]
  return client
}

describe('the GitHub approval gate', () => {
  it('approves a run a required reviewer approved, and says who, under which rules', async () => {
    const decision = await gateFor(approvedClient()).authorize('production')

    expect(decision).toEqual({
      kind: 'approved',
      approvals: [{ user: 'alice', comment: 'ship it' }],
      authorization:
        'approved by @alice ("ship it") for production; rules: required reviewers @alice, team ops (self-review prevented), wait timer 5m, branch policy; run started by @bob'
    })
  })

  it.each<[string, RunApproval, Record<string, unknown>]>([
    [
      'the reviewer rejected',
      { environments: ['production'], state: 'rejected', user: 'carol', comment: 'not now' },
      { problem: "@carol rejected the deployment to 'production'" }
    ],
    [
      'no approval names this environment (job without environment:, or admin bypass)',
      { environments: ['staging'], state: 'approved', user: 'alice', comment: '' },
      {
        problem: expect.stringContaining('or an administrator bypassed the review'),
        fix: expect.stringContaining("declare 'environment: production'")
      }
    ]
  ])('refuses when %s', async (_, approval, expected) => {
    const client = approvedClient()
    client.approvals = [approval]

    expect(await gateFor(client).authorize('production')).toMatchObject({
      kind: 'refused',
      ...expected
    })
  })

  it('refuses an environment without required reviewers', async () => {
    const client = approvedClient()
    client.environments['production'] = rules({ requiredReviewers: [] })

    expect(await gateFor(client).authorize('production')).toMatchObject({
      kind: 'refused',
      fix: expect.stringContaining('set require-approval: false')
    })
  })

  it('accepts an enabled custom protection rule instead of reviewers, still requiring the approval', async () => {
    const client = approvedClient()
    client.environments['production'] = rules({ requiredReviewers: [] })
    client.customRules['production'] = [{ app: 'change-board', isEnabled: true }]

    const decision = await gateFor(client).authorize('production')

    expect(decision).toMatchObject({
      kind: 'approved',
      authorization: expect.stringContaining('custom protection rule change-board')
    })
  })

  it('refuses an environment that does not exist (404), showing the environment: line to add', async () => {
    const client = new MemoryGitHub()

    expect(await gateFor(client).authorize('prod')).toMatchObject({
      kind: 'refused',
      fix: expect.stringContaining("add 'environment: prod' to the deploying job")
    })
  })

  it('refuses when the only approver started the run and a distinct approver is required', async () => {
    const client = approvedClient()
    client.approvals = [
      { environments: ['production'], state: 'approved', user: 'Bob', comment: '' }
    ]

    expect(
      await gateFor(client, { requireDistinctApprover: true }).authorize('production')
    ).toMatchObject({
      kind: 'refused',
      problem: expect.stringContaining('is @bob, who started the run')
    })
    expect(await gateFor(client).authorize('production')).toMatchObject({ kind: 'approved' })
  })

  it('fails closed on a 403 and names the permission to add', async () => {
    const client = approvedClient()
    client.errors.listRunApprovals = forbidden('actions=read')

    expect(await gateFor(client).authorize('production')).toMatchObject({
      kind: 'refused',
      fix: "the token was refused (HTTP 403): add 'actions: read' under permissions: in the job"
    })
  })

  it('fails closed on a server error', async () => {
    const client = approvedClient()
    client.errors.getEnvironment = new GitHubApiError('Server Error', 500)

    expect(await gateFor(client).authorize('production')).toMatchObject({
      kind: 'refused',
      fix: 'GitHub answered HTTP 500: Server Error'
    })
  })

  it('deploys without a reviewer when require-approval is false, saying so, without calling the API', async () => {
    const client = new MemoryGitHub()

    const decision = await gateFor(client, { requireApproval: false }).authorize('staging')

    expect(decision).toEqual({
      kind: 'approved',
      approvals: [],
      authorization: 'no human approval: require-approval is false; run started by @bob'
    })
    expect(client.calls).toEqual([])
  })

  it('refuses pull_request_target and pull requests from forks, even without approval required', async () => {
    const fork = {
      pull_request: { number: 7, head: { repo: { full_name: 'mallory/site', fork: true } } }
    }

    const target = await gateFor(approvedClient(), {
      context: { eventName: 'pull_request_target' }
    }).authorize('production')
    const fromFork = await gateFor(approvedClient(), {
      requireApproval: false,
      context: { eventName: 'pull_request', event: fork }
    }).authorize('staging')

    expect(target).toMatchObject({
      kind: 'refused',
      problem: expect.stringContaining('pull_request_target')
    })
    expect(fromFork).toMatchObject({
      kind: 'refused',
      problem: expect.stringContaining('comes from a fork (mallory/site)')
    })
  })
})

describe('the gate fails closed on missing facts', () => {
  it.each([
    ['an issue_comment event', { eventName: 'issue_comment' }, 'issue_comment'],
    ['a workflow_run event', { eventName: 'workflow_run' }, 'workflow_run'],
    [
      'a pull_request event without its pull request',
      { eventName: 'pull_request', event: {} },
      'carries no pull request'
    ],
    [
      'a pull request whose head repository is gone',
      { eventName: 'pull_request', event: { pull_request: { number: 3, head: { repo: null } } } },
      'unknown or deleted repository'
    ],
    ['an empty GITHUB_REPOSITORY', { repository: undefined }, 'GITHUB_REPOSITORY is empty']
  ] as [string, Partial<RunContext>, string][])('refuses %s', async (_, context, problem) => {
    const decision = await gateFor(approvedClient(), { requireApproval: false, context }).authorize(
      'staging'
    )

    expect(decision).toMatchObject({ kind: 'refused', problem: expect.stringContaining(problem) })
  })

  it.each([
    ['an unknown actor', { actor: undefined }, 'GITHUB_ACTOR is empty'],
    [
      'the person who re-ran the run',
      { actor: 'carol', triggeringActor: 'alice' },
      'who started the run'
    ]
  ] as [string, Partial<RunContext>, string][])(
    'refuses a distinct approver check with %s',
    async (_, context, problem) => {
      const decision = await gateFor(approvedClient(), {
        requireDistinctApprover: true,
        context
      }).authorize('production')

      expect(decision).toMatchObject({ kind: 'refused', problem: expect.stringContaining(problem) })
    }
  )
})
