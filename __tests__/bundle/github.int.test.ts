/**
 * The bundle against a fake GitHub API on 127.0.0.1: the real Octokit, real HTTP, real JSON
 * shapes. Asserts what the action asked GitHub and what it refused to do.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../support/action-runner.js'
import {
  approvalOf,
  fakeDeployment,
  FakeGitHub,
  reviewersEnvironment,
  stageJobDeployment
} from '../support/fake-github.js'
import { makeProject, PLAN, PLAN_PATH, type Project } from '../support/project.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'

let github: FakeGitHub
let project: Project
let sentinels: string

beforeEach(async () => {
  github = await new FakeGitHub().start()
  project = await makeProject({
    files: {
      [PLAN_PATH]: PLAN.replace('    url: ${DEPLOY_URL}/healthz', '    run: test -n "$DEPLOY_URL"')
    }
  })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  github.state.environments['production'] = reviewersEnvironment('production')
  stageJobDeployment(github.state, {
    environment: 'production',
    sha: SHA,
    previous: { sha: 'aaaaaaa111', version: 'v1.0.0' }
  })
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

function deployTo(
  environment: string,
  inputs: Record<string, string> = {},
  extra: { event?: Record<string, unknown>; eventName?: string } = {}
): Promise<ActionRun> {
  return runAction({
    workspace: project.root,
    inputs: { environment, ...inputs },
    env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels },
    ...extra
  })
}

describe('an approved deployment', () => {
  it('proves the approval, uses the job deployment, records the rollback point and comments on the PR', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]

    const run = await deployTo('production')

    expect(run.outputs['status']).toBe('success')
    expect(run.outputs).toMatchObject({ 'deployment-id': '2', 'previous-version': 'v1.0.0' })
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran', 'release-ran'])
    expect(github.calls()).toEqual([
      'GET /repos/acme/site/environments/production',
      'GET /repos/acme/site/actions/runs/4242/approvals',
      'GET /repos/acme/site/deployments',
      'GET /repos/acme/site/deployments/2/statuses',
      'GET /repos/acme/site/deployments/1/statuses',
      'GET /repos/acme/site/compare/aaaaaaa111...0123456789abcdef0123456789abcdef01234567',
      'GET /repos/acme/site/git/ref/heads/main',
      'POST /graphql',
      'GET /repos/acme/site/commits/0123456789abcdef0123456789abcdef01234567/pulls',
      'GET /repos/acme/site/issues/7/comments',
      'POST /repos/acme/site/issues/7/comments'
    ])
    expect(github.requests[0]?.authorization).toBe('token ghs_testTokenForTheFakeApi')
    const comment = github.state.comments['7']?.[0]?.body ?? ''
    expect(comment.startsWith('<!-- deploy-executor:production -->\n# ✅ Deployed add-login')).toBe(
      true
    )
    expect(comment).toContain(
      'approved by @\u200balice (&quot;ship it&quot;) for production; rules: required reviewers @\u200balice (self-review prevented), wait timer 5m, branch policy; run started by @\u200boctocat'
    )
    expect(comment).toContain('`bbbbbbb` Add login form (@\u200bbob)')
    expect(run.summary).toContain('| GitHub deployment | 2 |')
  })

  it('updates its PR comment in place on the next run', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    await deployTo('production', { 'dry-run': 'true' })

    await deployTo('production', { 'dry-run': 'true', version: 'v2' })

    expect(github.state.comments['7']).toHaveLength(1)
    expect(github.calls().filter(call => call.startsWith('PATCH'))).toHaveLength(1)
    expect(github.state.comments['7']?.[0]?.body).toContain('Earlier attempts (1)')
  })

  it('finds its comment behind 1,200 others on a busy pull request, and posts no second one', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    github.state.comments['7'] = Array.from({ length: 1_200 }, (_, index) => ({
      id: 100_000 + index,
      body: `review comment ${index}`,
      user: { login: index % 2 === 0 ? 'alice' : 'github-actions[bot]' }
    }))
    await deployTo('production', { 'dry-run': 'true' })

    await deployTo('production', { 'dry-run': 'true', version: 'v2' })

    const ours = github.state.comments['7']?.filter(comment =>
      comment.body.startsWith('<!-- deploy-executor:production')
    )
    expect(ours).toHaveLength(1)
    expect(github.state.comments['7']).toHaveLength(1_201)
    expect(ours?.[0]?.body).toContain('Earlier attempts (1)')
  })

  it('finds the last success behind 150 failed deployments, in bounded requests', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    const [last, job] = github.state.deployments
    const failed = Array.from({ length: 150 }, (_, index) =>
      fakeDeployment({
        id: 500 + index,
        sha: `f${String(index).padStart(39, '0')}`,
        environment: 'production',
        created_at: '2026-05-02T10:00:00Z',
        payload: { version: `v1.1.${index}` },
        statuses: [{ state: 'failure', log_url: '', created_at: '' }]
      })
    )
    github.state.deployments = [last!, ...failed.slice(0, 99), job!]

    const run = await deployTo('production')

    expect(run.outputs['previous-version']).toBe('v1.0.0')
    // Two pages of deployments, the job's own statuses, then one lookup per deployment back to it.
    expect(github.calls().filter(call => call.includes('/deployments'))).toHaveLength(2 + 1 + 100)

    github.state.deployments = [last!, ...failed, { ...job!, id: 3 }]
    // Nor does the report file know one: the first run's entry is gone.
    await project.remove('logos/resources/verify/deployment-report.md')
    const farther = await deployTo('production', { redeploy: 'true' })
    expect(farther.outputs['previous-version']).toBe('')
    expect(farther.stdout).toContain(
      'no deployment recorded by deploy-executor among the newest 100 of 151'
    )
  })

  it('creates a deployment when the job has none, and marks it with the result', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    github.state.deployments = []

    const run = await deployTo('production', { comment: 'false' })

    const created = github.state.deployments[0]
    expect(run.outputs['deployment-id']).toBe(String(created?.id))
    expect(created?.payload).toEqual({
      proposal: 'add-login',
      version: '0123456',
      mode: 'deploy',
      tool: 'deploy-executor'
    })
    expect(
      created?.statuses.map(status => [status.state, status.log_url, status.environment_url])
    ).toEqual([
      ['in_progress', 'https://github.com/acme/site/actions/runs/4242', ''],
      ['success', 'https://github.com/acme/site/actions/runs/4242', 'https://example.com']
    ])
    expect(
      github.requests.find(
        request => request.method === 'POST' && request.path.endsWith('/deployments')
      )?.body
    ).toMatchObject({ auto_merge: false, required_contexts: [] })
  })
})

describe('refusals', () => {
  it('refuses a run nobody approved and runs nothing', async () => {
    const run = await deployTo('production')

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain(
      'no reviewer approved this run for &#39;production&#39;'.replace(/&#39;/g, "'")
    )
    expect(await fs.readdir(sentinels)).toEqual([])
    expect(github.calls().some(call => call.startsWith('POST /repos/acme/site/deployments'))).toBe(
      false
    )
  })

  it('names the missing permission when GitHub answers 403', async () => {
    github.state.failures['GET /repos/acme/site/actions/runs/4242/approvals'] = {
      status: 403,
      message: 'Resource not accessible by integration',
      headers: { 'x-accepted-github-permissions': 'actions=read' }
    }

    const run = await deployTo('production', { comment: 'false' })

    expect(run.outputs['status']).toBe('refused')
    expect(run.stdout).toContain("add 'actions: read' under permissions: in the job")
  })

  it('retries a 5xx answer and goes on', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    github.state.failures['GET /repos/acme/site/environments/production'] = {
      status: 502,
      times: 1
    }

    const run = await deployTo('production', { comment: 'false' })

    expect(run.outputs['status']).toBe('success')
    expect(
      github.calls().filter(call => call === 'GET /repos/acme/site/environments/production')
    ).toHaveLength(2)
  })

  it('refuses an environment that does not exist in the repository', async () => {
    const run = await deployTo('staging', { comment: 'false' })

    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain("add 'environment: staging' to the deploying job")
  })

  it('refuses pull_request_target before asking GitHub anything about approvals', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]

    const run = await deployTo(
      'production',
      { comment: 'false' },
      { eventName: 'pull_request_target' }
    )

    expect(run.outputs['status']).toBe('refused')
    expect(github.calls()).toEqual([])
    expect(await fs.readdir(sentinels)).toEqual([])
  })

  it('warns, and does not fail, when the PR comment is forbidden', async () => {
    github.state.approvals['4242'] = [approvalOf('alice')]
    github.state.failures['POST /repos/acme/site/issues/7/comments'] = {
      status: 403,
      message: 'Resource not accessible by integration',
      headers: { 'x-accepted-github-permissions': 'pull_requests=write' }
    }

    const run = await deployTo('production')

    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain(
      "::warning::could not comment on pull request #7: the token was refused (HTTP 403): add 'pull-requests: write'"
    )
  })
})
