/**
 * The record of a real run committed to the repository through GitHub's createCommitOnBranch, as
 * the bundle does it on a runner, against the fake GitHub API: what lands where, never over
 * someone else's change, and a warning with the patch when it cannot land.
 */
import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { offlineInputs, runAction, type ActionRun } from '../support/action-runner.js'
import { FakeGitHub } from '../support/fake-github.js'
import { CHANGE, makeProject, PLAN, PLAN_PATH, type Project } from '../support/project.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const REPORT = 'logos/resources/verify/deployment-report.md'

let github: FakeGitHub
let project: Project
let sentinels: string

beforeEach(async () => {
  github = await new FakeGitHub().start()
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  project = await makeProject({ markers: ['VERIFY_PASS', 'SMOKE_PASS'] })
  await project.write(PLAN_PATH, PLAN.replace('    url: ${DEPLOY_URL}/healthz', '    run: "true"'))
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

function deploy(inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace: project.root,
    inputs: offlineInputs(inputs),
    env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels }
  })
}

describe('the record of a real run', () => {
  it('is committed on the branch of the run, expecting its commit, with what deploy-done changes', async () => {
    const run = await deploy()

    expect(run.outputs['status']).toBe('success')
    const [commit] = github.state.commits
    expect(commit).toMatchObject({
      branch: 'main',
      expectedHeadOid: SHA,
      headline: 'deploy-executor: add-login 0123456 to staging: success',
      deletions: [`${CHANGE}/SMOKE_PASS`]
    })
    expect(commit?.additions.map(file => file.path)).toEqual([
      REPORT,
      `${CHANGE}/tasks.md`,
      `${CHANGE}/DEPLOY_DONE`
    ])
    expect(commit?.additions[0]?.contents).toBe(await project.read(REPORT))
    expect(commit?.additions[2]?.contents).toBe('')
    expect(run.outputs['record-commit']).toBe(github.state.branches['main'])
  })

  it('commits only the report of a run that failed', async () => {
    await project.write(
      PLAN_PATH,
      PLAN.replace('run: touch "$SENTINEL_DIR/release-ran"', 'run: exit 4')
    )

    const run = await deploy()

    expect(run.outputs['status']).toBe('rolled-back')
    expect(github.state.commits.map(commit => commit.additions.map(file => file.path))).toEqual([
      [REPORT]
    ])
    expect(github.state.commits[0]?.deletions).toEqual([])
  })

  it('goes on the new head when the branch moved without touching its files', async () => {
    github.state.branches['main'] = 'f'.repeat(40)
    github.state.changedFiles = ['README.md']

    const run = await deploy()

    expect(github.state.commits[0]).toMatchObject({
      branch: 'main',
      expectedHeadOid: 'f'.repeat(40)
    })
    expect(run.outputs['record-commit']).toBeTruthy()
  })

  it.each([
    ['the branch moved and changed a file of the record', { moved: true }, {}],
    ['persist is pull-request', { moved: false }, { persist: 'pull-request' }]
  ])('opens a pull request when %s', async (_, how, inputs) => {
    if (how.moved) {
      github.state.branches['main'] = 'f'.repeat(40)
      github.state.changedFiles = [`${CHANGE}/tasks.md`]
    }

    const run = await deploy(inputs)

    const branch = 'deploy-executor/staging/4242-1'
    expect(github.state.commits[0]).toMatchObject({ branch, expectedHeadOid: SHA })
    expect(github.state.openedPulls).toEqual([
      expect.objectContaining({ head: branch, base: 'main' })
    ])
    expect(github.state.branches['main']).toBe(how.moved ? 'f'.repeat(40) : SHA)
    expect(run.outputs['record-pull-request']).toBe('https://github.com/acme/site/pull/801')
  })

  it('is a warning with the patch in the summary when it cannot land, never a failed deployment', async () => {
    execFileSync('git', ['init', '-q'], { cwd: project.root })
    execFileSync('git', ['add', '-A'], { cwd: project.root })
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'i'], {
      cwd: project.root
    })
    github.state.failures['POST /graphql'] = {
      status: 403,
      message: 'Resource not accessible by integration',
      headers: { 'x-accepted-github-permissions': 'contents=write' }
    }

    const run = await deploy()

    expect(run.outputs['status']).toBe('success')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/::warning::the record was not committed .*contents: write/)
    expect(run.summary).toContain('## The record to commit by hand')
    expect(run.summary).toContain(`new file mode 100644`)
    expect(run.summary).toContain(`b/${CHANGE}/DEPLOY_DONE`)
    expect(run.summary).toContain('-- [ ] Deploy to staging per the plan')
  })

  it('is left alone with persist: off', async () => {
    const run = await deploy({ persist: 'off' })

    expect(run.outputs['status']).toBe('success')
    expect(github.state.commits).toEqual([])
    expect(github.requests.some(request => request.path.includes('/git/'))).toBe(false)
  })
})
