/**
 * GitHub API requests that never answer, with the runner's cancellation: SIGINT, SIGTERM 7.5 s
 * later, SIGKILL 2.5 s after that. The main step honours it at every request; a deployment whose
 * steps all succeeded is never rolled back because a request hung while it was being recorded.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runPostStep, startAction, type ActionOptions } from '../support/action-runner.js'
import { waitForFile } from '../support/builders.js'
import {
  approvalOf,
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
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  project = await makeProject({
    files: { [PLAN_PATH]: PLAN.replace('    url: ${DEPLOY_URL}/healthz', '    run: "true"') }
  })
  github.state.environments['production'] = reviewersEnvironment('production')
  github.state.approvals['4242'] = [approvalOf('alice')]
  stageJobDeployment(github.state, {
    environment: 'production',
    sha: SHA,
    previous: { sha: 'aaaaaaa111', version: 'v1' }
  })
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

/** The runner's cancellation of a step: SIGINT, then SIGTERM, then SIGKILL. */
function cancelAsTheRunner(child: { kill: (signal: NodeJS.Signals) => boolean }): void {
  child.kill('SIGINT')
  setTimeout(() => child.kill('SIGTERM'), 7_500).unref()
  setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
}

const options = (): ActionOptions => ({
  workspace: project.root,
  inputs: { environment: 'production', comment: 'false', persist: 'off' },
  env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels }
})

describe('a request that never answers', () => {
  it('while the deployment is recorded: cancellation stops the wait, and nothing is rolled back', async () => {
    // This run creates its own deployment; only its final status hangs.
    github.state.deployments = github.state.deployments.filter(deployment => deployment.id !== 2)
    github.hangWhen = (method, route, body) =>
      method === 'POST' && route.endsWith('/statuses') && body['state'] !== 'in_progress'
    const run = { ...options(), inputs: { ...options().inputs, 'github-deployment': 'create' } }
    const main = await startAction(run)
    await waitForFile(path.join(sentinels, 'release-ran'), 20_000)
    await new Promise(resolve => setTimeout(resolve, 1_500))
    const cancelledAt = Date.now()

    cancelAsTheRunner(main.child)
    const done = await main.result
    const post = await runPostStep(run, main, done)

    expect(Date.now() - cancelledAt).toBeLessThan(7_500)
    expect(done.outputs['status']).toBe('success')
    expect(done.stdout).toContain('::warning::Cancellation received')
    expect((await fs.readdir(sentinels)).sort()).toEqual(['migrate-ran', 'release-ran'])
    expect(post.stdout).toContain('Nothing to finish')
    expect(await project.read('logos/resources/verify/deployment-report.md')).toMatch(
      /^<!-- deploy-executor-record \{[^\n]*"status":"success"/
    )
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('while the approval is proven: cancellation refuses the run at once, and nothing runs', async () => {
    github.state.hangs = ['GET /repos/acme/site/actions/runs/4242/approvals']
    const main = await startAction(options())
    await new Promise(resolve => setTimeout(resolve, 2_000))
    const cancelledAt = Date.now()

    cancelAsTheRunner(main.child)
    const done = await main.result

    expect(Date.now() - cancelledAt).toBeLessThan(7_500)
    expect(done.outputs['status']).toBe('refused')
    expect(await fs.readdir(sentinels)).toEqual([])
    await fs.rm(main.files, { recursive: true, force: true })
  })
})

describe('a run stopped while its GitHub deployment is being opened', () => {
  /** This run creates its own deployment; the request `hangs` describes never answers. */
  async function startHanging(
    hangs: (method: string, route: string, body: Record<string, unknown>) => boolean,
    isOpened: (statuses: string[]) => boolean
  ) {
    github.state.deployments = github.state.deployments.filter(deployment => deployment.id !== 2)
    github.hangWhen = hangs
    const run = { ...options(), inputs: { ...options().inputs, 'github-deployment': 'create' } }
    const main = await startAction(run)
    const opened = () =>
      github.state.deployments.find(
        deployment =>
          deployment.id !== 1 && isOpened(deployment.statuses.map(status => status.state))
      )
    const deadline = Date.now() + 20_000
    while (!opened() && Date.now() < deadline) await new Promise(done => setTimeout(done, 50))
    const deployment = opened()
    if (!deployment) throw new Error('the run never created its deployment')
    await new Promise(done => setTimeout(done, 300))
    return { run, main, deployment }
  }

  it('killed while listing the changes: the post step closes the deployment', async () => {
    const { run, main, deployment } = await startHanging(
      (method, route) => method === 'GET' && route.includes('/compare/'),
      states => states.includes('in_progress')
    )

    main.child.kill('SIGKILL')
    const killed = await main.result
    github.hangWhen = undefined
    const post = await runPostStep(run, main, killed)

    expect(post.stdout).toContain('did not finish in the main step (killed or crashed)')
    expect(deployment.statuses.map(status => status.state)).toEqual(['in_progress', 'failure'])
    expect(deployment.statuses.at(-1)?.description).toMatch(/^\[deploy-executor\] failure/)
    expect(post.summary).toContain('nothing was rolled back')
    expect(await fs.readdir(sentinels)).toEqual([])
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('killed before it was marked in progress: the post step still closes it', async () => {
    const { run, main, deployment } = await startHanging(
      (method, route, body) =>
        method === 'POST' && route.endsWith('/statuses') && body['state'] === 'in_progress',
      states => states.length === 0
    )

    main.child.kill('SIGKILL')
    const killed = await main.result
    github.hangWhen = undefined
    await runPostStep(run, main, killed)

    expect(deployment.statuses.map(status => status.state)).toEqual(['failure'])
    expect(await fs.readdir(sentinels)).toEqual([])
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('cancelled before it was marked in progress: the run stops at once, the post step closes it', async () => {
    const { run, main, deployment } = await startHanging(
      (method, route, body) =>
        method === 'POST' && route.endsWith('/statuses') && body['state'] === 'in_progress',
      states => states.length === 0
    )
    const cancelledAt = Date.now()

    cancelAsTheRunner(main.child)
    const done = await main.result
    github.hangWhen = undefined
    const post = await runPostStep(run, main, done)

    expect(Date.now() - cancelledAt).toBeLessThan(7_500)
    expect(done.outputs['status']).toBe('cancelled')
    expect(done.stdout).toContain('Deployment cancelled before any step ran')
    expect(post.summary).toContain('nothing was rolled back')
    expect(deployment.statuses.map(status => status.state)).toEqual(['error'])
    expect(await fs.readdir(sentinels)).toEqual([])
    await fs.rm(main.files, { recursive: true, force: true })
  })
})

describe('a main step killed after every step and check passed', () => {
  it('is recorded as deployed by the post step, never rolled back', async () => {
    github.state.deployments = github.state.deployments.filter(deployment => deployment.id !== 2)
    github.hangWhen = (method, route, body) =>
      method === 'POST' && route.endsWith('/statuses') && body['state'] !== 'in_progress'
    const run = { ...options(), inputs: { ...options().inputs, 'github-deployment': 'create' } }
    const main = await startAction(run)
    await waitForFile(path.join(sentinels, 'release-ran'), 20_000)
    await new Promise(resolve => setTimeout(resolve, 1_500))

    main.child.kill('SIGKILL')
    const killed = await main.result
    github.hangWhen = undefined
    const post = await runPostStep(run, main, killed)

    expect(post.stdout).toContain('every step and health check had passed')
    expect((await fs.readdir(sentinels)).sort()).toEqual(['migrate-ran', 'release-ran'])
    expect(await project.read('logos/resources/verify/deployment-report.md')).toMatch(
      /^<!-- deploy-executor-record \{[^\n]*"status":"success"/
    )
    expect(await project.exists('logos/changes/add-login/DEPLOY_DONE')).toBe(true)
    await fs.rm(main.files, { recursive: true, force: true })
  })
})

describe('the journal', () => {
  it('is said loudly when the post step cannot read it, and nothing is rolled back', async () => {
    const run = { ...options(), inputs: { ...options().inputs, 'github-deployment': 'off' } }
    const main = await startAction(run)
    const done = await main.result
    await fs.writeFile(done.state['journal'] ?? '', '{ not json')

    const post = await runPostStep(run, main, done)

    expect(post.exitCode).toBe(1)
    expect(post.stdout).toMatch(/::error::the journal of this run's deployment .* cannot be read/)
    expect(post.summary).toContain('Deployment state unknown')
    expect((await fs.readdir(sentinels)).sort()).toEqual(['migrate-ran', 'release-ran'])
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('is sealed: a journal another step rewrote runs nothing in the post step', async () => {
    const run = { ...options(), inputs: { ...options().inputs, 'github-deployment': 'off' } }
    const main = await startAction(run)
    const done = await main.result
    const file = done.state['journal'] ?? ''
    const [seal, body] = splitOnce(await fs.readFile(file, 'utf8'))
    const evil = `echo "$DEPLOY_TOKEN" > "${sentinels}/stolen"`
    const forged = JSON.stringify(
      withEveryRun(JSON.parse(body), evil, { isComplete: false, runningStep: 'release' })
    )
    for (const text of [forged, `${seal}\n${forged}`, `${'0'.repeat(64)}\n${forged}`]) {
      await fs.writeFile(file, text)

      const post = await runPostStep(run, main, done)

      expect(post.exitCode).toBe(1)
      expect(post.stdout).toContain('or was changed by something other than this action')
      expect(await fs.readdir(sentinels)).not.toContain('stolen')
    }
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('is kept apart for each use of the action in one job', async () => {
    const use = (step: string): ActionOptions => ({
      ...options(),
      inputs: { ...options().inputs, 'github-deployment': 'off', redeploy: 'true' },
      env: { ...options().env, GITHUB_ACTION: step }
    })
    const first = await startAction(use('deploy-staging'))
    const firstDone = await first.result
    const second = await startAction({ ...use('deploy-production'), files: first.files })
    const secondDone = await second.result

    expect(firstDone.state['journal']).toContain('4242-1-deploy-staging')
    expect(secondDone.state['journal']).toContain('4242-1-deploy-production')
    await fs.rm(first.files, { recursive: true, force: true })
  })
})

function splitOnce(text: string): [string, string] {
  const newline = text.indexOf('\n')
  return [text.slice(0, newline), text.slice(newline + 1)]
}

/** The journal with every command in it replaced, and the given fields set. */
function withEveryRun(value: unknown, command: string, fields: Record<string, unknown>): unknown {
  const replace = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(replace)
    if (item === null || typeof item !== 'object') return item
    return Object.fromEntries(
      Object.entries(item).map(([key, inner]) => [
        key,
        key === 'run' && typeof inner === 'string' ? command : replace(inner)
      ])
    )
  }
  return { ...(replace(value) as Record<string, unknown>), ...fields }
}
