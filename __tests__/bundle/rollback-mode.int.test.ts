/**
 * mode: rollback, run by the bundle against the fake GitHub API: the version before the live one
 * (or the one asked for) is put back by the plan's rollback steps, behind the approval gate,
 * whatever state the proposal is in; GitHub records the version put back as a real deployment and
 * the replaced one as inactive, so the next run's rollback point is right.
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
  recordedSuccess,
  reviewersEnvironment,
  stageJobDeployment
} from '../support/fake-github.js'
import { CHANGE, makeProject, PLAN, PLAN_PATH, type Project } from '../support/project.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const V1 = 'aaaaaaa1111111111111111111111111111111111'
const V2 = 'bbbbbbb2222222222222222222222222222222222'
const REPORT = 'logos/resources/verify/deployment-report.md'

const plan = PLAN.replace(
  'health:\n',
  `rollback:
  steps:
    - id: put-back
      run: |
        echo "mode=$DEPLOY_MODE version=$DEPLOY_VERSION sha=$DEPLOY_SHA" > "$SENTINEL_DIR/put-back"
        echo "from=$DEPLOY_ROLLBACK_FROM_VERSION/$DEPLOY_ROLLBACK_FROM_SHA previous=$DEPLOY_PREVIOUS_VERSION" >> "$SENTINEL_DIR/put-back"
health:
`
).replace('    url: ${DEPLOY_URL}/healthz', '    run: touch "$SENTINEL_DIR/checked-$DEPLOY_MODE"')

let github: FakeGitHub
let project: Project
let sentinels: string

beforeEach(async () => {
  github = await new FakeGitHub().start()
  // The proposal is no longer ready (verification moved on): a rollback must still be possible.
  project = await makeProject({ files: { [PLAN_PATH]: plan }, markers: [] })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  github.state.environments['production'] = reviewersEnvironment('production')
  github.state.approvals['4242'] = [approvalOf('alice')]
  stageJobDeployment(github.state, {
    environment: 'production',
    sha: SHA,
    previous: { sha: V1, version: 'v1' }
  })
  const [first, job] = github.state.deployments
  const live = fakeDeployment({
    id: 3,
    sha: V2,
    environment: 'production',
    created_at: '2026-05-02T10:00:00Z',
    payload: { version: 'v2' },
    statuses: [recordedSuccess()]
  })
  github.state.deployments = [first, live, job].filter(item => item !== undefined)
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

function rollBack(inputs: Record<string, string> = {}, runId = '4242'): Promise<ActionRun> {
  return runAction({
    workspace: project.root,
    inputs: { environment: 'production', mode: 'rollback', persist: 'off', ...inputs },
    env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels, GITHUB_RUN_ID: runId }
  })
}

const created = () => github.state.deployments.filter(item => item.id > 3)

describe('mode: rollback', () => {
  it('puts back the version before the live one and records it as the live one', async () => {
    const run = await rollBack()

    expect(run.exitCode).toBe(0)
    expect(run.outputs['status']).toBe('rolled-back')
    expect(run.outputs['version']).toBe('v1')
    expect(await fs.readFile(path.join(sentinels, 'put-back'), 'utf8')).toBe(
      `mode=rollback version=v1 sha=${V1}\nfrom=v2/${V2} previous=v2\n`
    )
    // Only the rollback steps ran, not the plan's steps; then the health checks.
    expect((await fs.readdir(sentinels)).sort()).toEqual(['checked-rollback', 'put-back'])
    const [record] = created()
    expect(record).toMatchObject({ sha: V1, payload: { version: 'v1', mode: 'rollback' } })
    expect(record?.statuses.map(status => status.state)).toEqual(['in_progress', 'success'])
    expect(record?.statuses.at(-1)?.description).toMatch(/^\[deploy-executor\] /)
    const replaced = github.state.deployments.find(item => item.id === 3)
    expect(replaced?.statuses.at(-1)).toMatchObject({
      state: 'inactive',
      description: '[deploy-executor] replaced by a rollback to v1'
    })
    expect(run.summary).toContain('↩️ Rolled back production from v2 to v1')
    expect(run.summary).toContain('No OpenLogos marker was changed')
    expect(run.summary).toContain('| Replaced version | `v2` |')
    expect(run.summary).toMatch(/\| Authorization \| approved by @\u200balice/)
    expect(run.summary).not.toContain('Rollback point')
    const report = await project.read(REPORT)
    expect(report).toMatch(
      /^<!-- deploy-executor-record \{[^\n]*"status":"rolled-back","version":"v1"[^\n]*"mode":"rollback","replaces":"v2"/
    )
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
    expect(github.state.comments['7']?.[0]?.body).toContain('from v2 to v1')
  })

  it('makes the version put back the next rollback point, and counts the replaced one out', async () => {
    await rollBack()
    github.state.deployments = github.state.deployments.filter(item => item.id !== 2)
    await project.write(`${CHANGE}/VERIFY_PASS`, '')

    const deploy = await runAction({
      workspace: project.root,
      inputs: { environment: 'production', 'github-deployment': 'create', persist: 'off' },
      env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels }
    })
    github.state.approvals['4343'] = [approvalOf('alice')]
    const again = await rollBack({}, '4343')

    expect(deploy.outputs['status']).toBe('success')
    expect(deploy.outputs['previous-version']).toBe('v1')
    // The deployment just made is live; before it, v1; v2 was replaced by a rollback: skipped.
    expect(again.outputs['status']).toBe('rolled-back')
    expect(again.outputs['version']).toBe('v1')
    github.state.approvals['4444'] = [approvalOf('alice')]
    const replaced = await rollBack({ version: 'v2' }, '4444')

    expect(replaced.outputs['status']).toBe('refused')
    expect(replaced.summary).toContain(
      'GitHub deployment 3 (v2) was replaced by a rollback on demand, so it is not a version to go back to'
    )
  })

  it('puts back the version asked for, and refuses one never deployed, naming those found', async () => {
    const asked = await rollBack({ version: 'v9' })

    expect(asked.outputs['status']).toBe('refused')
    expect(asked.summary).toContain('version v9 was never deployed successfully to')
    expect(asked.summary).toContain('v2, v1')
    expect(created()).toEqual([])
    expect(await fs.readdir(sentinels)).toEqual([])

    const live = await rollBack({ version: 'v2' })

    expect(live.outputs['status']).toBe('refused')
    expect(live.summary).toContain("version v2 is the one 'production' runs now")
  })

  it('is refused when nothing was deployed before, and runs nothing', async () => {
    github.state.deployments = github.state.deployments.filter(item => item.id === 2)

    const run = await rollBack()

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain("no successful deployment of 'production' is on record")
    expect(await fs.readdir(sentinels)).toEqual([])
  })

  it('needs the approval like any real run', async () => {
    github.state.approvals['4242'] = []

    const run = await rollBack()

    expect(run.outputs['status']).toBe('refused')
    expect(await fs.readdir(sentinels)).toEqual([])
    expect(created()).toEqual([])
  })

  it('fails when a rollback step fails, and undoes nothing in turn', async () => {
    await project.write(
      PLAN_PATH,
      plan.replace('echo "mode=$DEPLOY_MODE', 'exit 4; echo "mode=$DEPLOY_MODE')
    )

    const run = await rollBack()

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('failure')
    expect(run.summary).toContain('❌ Rollback failed: production from v2 to v1')
    expect(run.summary).toContain('may run neither version')
    expect(created()[0]?.statuses.at(-1)?.state).toBe('failure')
    expect(github.state.deployments.find(item => item.id === 3)?.statuses.at(-1)?.state).toBe(
      'success'
    )
  })

  it('shows both versions and the rollback steps in a dry run, and changes nothing', async () => {
    const run = await rollBack({ 'dry-run': 'true' })

    expect(run.outputs['status']).toBe('dry-run')
    expect(run.summary).toContain('🔍 Dry run of a rollback: production from v2 to v1')
    expect(run.summary).toContain('put-back')
    expect(run.stdout).toContain('Rollback on demand: production from v2 back to v1')
    expect(created()).toEqual([])
    expect(await fs.readdir(sentinels)).toEqual([])
  })

  it('refuses a plan without rollback.steps', async () => {
    await project.write(PLAN_PATH, PLAN)

    const run = await rollBack()

    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain('has no rollback.steps')
    expect(await fs.readdir(sentinels)).toEqual([])
  })
})
