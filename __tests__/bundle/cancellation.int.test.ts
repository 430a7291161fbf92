/**
 * Cancellation as GitHub's runner does it: a real SIGINT to the bundle in the middle of a step,
 * then the post step. Nothing of the step survives; the report says cancelled; the post step
 * rolls back and publishes the final record.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  POST_BUNDLE,
  runPostStep,
  runAction,
  startAction,
  offlineInputs
} from '../support/action-runner.js'
import { FakeGitHub } from '../support/fake-github.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'
import { isAlive, waitForFile } from '../support/builders.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const OLD_REPORT = '# older entry\n'

let github: FakeGitHub
let project: Project
let sentinels: string

const plan = `---
deploy-executor: 1
environments: { staging: { url: https://staging.example.com } }
steps:
  - id: migrate
    run: touch "$SENTINEL_DIR/migrate-ran"
    rollback: touch "$SENTINEL_DIR/migrate-undone"
  - id: release
    run: |
      sleep 600 &
      echo $! > "$SENTINEL_DIR/sleeper.pid"
      trap '' TERM
      wait
    rollback: touch "$SENTINEL_DIR/release-undone-$DEPLOY_FAILED_STEP"
  - id: announce
    run: touch "$SENTINEL_DIR/announce-ran"
---
`

beforeEach(async () => {
  github = await new FakeGitHub().start()
  project = await makeProject({ files: { [PLAN_PATH]: plan, [REPORT]: OLD_REPORT } })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

/** A run of the project with no GitHub API, its steps writing their sentinels. */
function offlineRun(): {
  workspace: string
  inputs: Record<string, string>
  env: Record<string, string>
} {
  return { workspace: project.root, inputs: offlineInputs(), env: { SENTINEL_DIR: sentinels } }
}

/** What the sentinels show after the post step rolled back the interrupted release. */
async function expectRolledBack(): Promise<void> {
  expect((await fs.readdir(sentinels)).sort()).toEqual([
    'migrate-ran',
    'migrate-undone',
    'release-undone-release',
    'sleeper.pid'
  ])
}

describe('a cancelled deployment', () => {
  it('stops the step tree, reports cancelled at once, and the post step rolls back and publishes', async () => {
    const options = {
      workspace: project.root,
      inputs: offlineInputs({ 'github-deployment': 'create' }),
      env: { GITHUB_API_URL: github.url, SENTINEL_DIR: sentinels }
    }
    const main = await startAction(options)
    await waitForFile(path.join(sentinels, 'sleeper.pid'), 20_000)
    const sleeper = Number(await fs.readFile(path.join(sentinels, 'sleeper.pid'), 'utf8'))
    const signalledAt = Date.now()

    main.child.kill('SIGINT')
    const cancelled = await main.result

    expect(Date.now() - signalledAt).toBeLessThan(7_500)
    expect(isAlive(sleeper)).toBe(false)
    expect(cancelled.outputs['status']).toBe('cancelled')
    expect(cancelled.summary).toContain('⏹️ cancelled')
    expect(cancelled.stdout).toContain('::error::Deployment cancelled: the post step rolls it back')
    const sealed = await fs.readFile(cancelled.state['journal'] ?? '', 'utf8')
    expect(sealed).toMatch(/^[0-9a-f]{64}\n\{/)
    const journal = JSON.parse(sealed.slice(sealed.indexOf('\n') + 1)) as {
      isComplete: boolean
      pendingRollback?: { cause: string }
      report: { status: string }
    }
    expect(journal).toMatchObject({
      isComplete: false,
      pendingRollback: { cause: 'release' },
      report: { status: 'cancelled' }
    })
    expect(
      (await project.read(REPORT)).startsWith(
        '<!-- deploy-executor-record {"run":"4242-1","markers":true,"environment":"staging","status":"cancelled"'
      )
    ).toBe(true)
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran', 'sleeper.pid'])
    // Between the two steps, someone annotates the older entry: the post step keeps the edit.
    const annotated = `${OLD_REPORT}annotated by hand between the steps\n`
    await project.write(REPORT, (await project.read(REPORT)).replace(OLD_REPORT, annotated))

    const finished = await runPostStep(options, main, cancelled)

    expect(finished.exitCode).toBe(1)
    await expectRolledBack()
    expect(finished.summary).toContain('⏹️ cancelled')
    expect(finished.summary).toContain('Every rollback step succeeded.')
    const report = await project.read(REPORT)
    expect(report.match(/deploy-executor-record/g)).toHaveLength(1)
    expect(report).toContain('finished by the post step after the main step was cancelled')
    expect(report.endsWith(`\n---\n\n${annotated}`)).toBe(true)
    expect(github.state.deployments[0]?.statuses.map(status => status.state)).toEqual([
      'in_progress',
      'error'
    ])
    expect(await project.exists('logos/changes/add-login/DEPLOY_DONE')).toBe(false)
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('has the post step do nothing after a main step that finished', async () => {
    const options = offlineRun()
    await project.write(
      PLAN_PATH,
      plan.replace(/ {2}- id: release[\s\S]*?(?= {2}- id: announce)/, '')
    )
    const main = await startAction(options)
    const done = await main.result

    const after = await runPostStep(options, main, done)

    expect(done.outputs['status']).toBe('success')
    expect(after.exitCode).toBe(0)
    expect(after.stdout).toContain('Nothing to finish: the main step recorded the deployment')
    expect(after.summary).toBe('')
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('has the post step do nothing after a dry run', async () => {
    const run = await runAction({
      workspace: project.root,
      inputs: { environment: 'staging', 'dry-run': 'true', comment: 'false' },
      script: POST_BUNDLE
    })

    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('Nothing to finish')
  })
})

describe('the journal the post step reads', () => {
  it('is only the last one the main step wrote: an older copy put back is refused, nothing rolled back', async () => {
    const options = offlineRun()
    // A step that keeps a copy of the journal as it stands while it runs (it says the step is
    // running), as any later step of the job could, to put it back once the run has succeeded.
    await project.write(
      PLAN_PATH,
      plan.replace(
        /( {2}- id: release\n {4}run: )\|[\s\S]*?(?=\n {4}rollback)/,
        '$1cp "$RUNNER_TEMP"/deploy-executor-journal-*.json "$SENTINEL_DIR/journal-copy"'
      )
    )
    const main = await startAction(options)
    const done = await main.result
    const [journal] = (await fs.readdir(main.files)).filter(name =>
      /^deploy-executor-journal-.*\.json$/.test(name)
    )
    const copy = await fs.readFile(path.join(sentinels, 'journal-copy'))
    await fs.rm(path.join(main.files, journal ?? 'missing'), { force: true })
    await fs.writeFile(path.join(main.files, journal ?? 'missing'), copy)

    const after = await runPostStep(options, main, done)

    expect(done.outputs['status']).toBe('success')
    expect(copy.toString()).toContain('"runningStep":"release"')
    expect(after.exitCode).not.toBe(0)
    expect(after.stdout).toContain(
      'cannot be read, or was changed by something other than this action'
    )
    expect((await fs.readdir(sentinels)).sort()).toEqual([
      'announce-ran',
      'journal-copy',
      'migrate-ran'
    ])
    expect((await project.read(REPORT)).includes('"status":"success"')).toBe(true)
    await fs.rm(main.files, { recursive: true, force: true })
  })
})

describe('a deployment that dies', () => {
  it('is rolled back and recorded by the post step when the main step is killed', async () => {
    const options = offlineRun()
    const main = await startAction(options)
    await waitForFile(path.join(sentinels, 'sleeper.pid'), 20_000)

    const sleeper = Number(await fs.readFile(path.join(sentinels, 'sleeper.pid'), 'utf8'))

    main.child.kill('SIGKILL')
    const killed = await main.result
    const survived = isAlive(sleeper)
    const finished = await runPostStep(options, main, killed)

    expect(killed.outputs['status']).toBeUndefined()
    expect(survived).toBe(true)
    expect(finished.stdout).toMatch(
      /step release is still running \(process group \d+\): stopping it/
    )
    expect(isAlive(sleeper)).toBe(false)
    await expectRolledBack()
    expect(finished.summary).toContain('↩️ rolled back')
    expect(finished.summary).toContain(
      'the main step stopped before it finished (killed or crashed)'
    )
    expect(finished.summary).toContain('interrupted')
    expect(
      (await project.read(REPORT)).startsWith(
        '<!-- deploy-executor-record {"run":"4242-1","markers":true,"environment":"staging","status":"rolled-back"'
      )
    ).toBe(true)
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('killed in the middle of its rollback: the post step stops that rollback step and resumes there', async () => {
    // release fails; its rollback runs at once; migrate's rollback hangs; a plan rollback step follows.
    await project.write(
      PLAN_PATH,
      `---
deploy-executor: 1
environments: { staging: { url: https://staging.example.com } }
steps:
  - id: migrate
    run: touch "$SENTINEL_DIR/migrate-ran"
    rollback: |
      echo x >> "$SENTINEL_DIR/migrate-undo-started"
      if [ ! -e "$SENTINEL_DIR/sleeper.pid" ]; then
        sleep 600 &
        echo $! > "$SENTINEL_DIR/sleeper.pid"
        wait
      fi
  - id: release
    run: exit 3
    rollback: echo x >> "$SENTINEL_DIR/release-undone"
rollback:
  steps:
    - id: notify
      run: echo x >> "$SENTINEL_DIR/notified"
---
`
    )
    const options = offlineRun()
    const main = await startAction(options)
    await waitForFile(path.join(sentinels, 'sleeper.pid'), 20_000)
    const sleeper = Number(await fs.readFile(path.join(sentinels, 'sleeper.pid'), 'utf8'))
    const count = async (name: string) =>
      (await fs.readFile(path.join(sentinels, name), 'utf8').catch(() => '')).length / 2

    main.child.kill('SIGKILL')
    const killed = await main.result
    const finished = await runPostStep(options, main, killed)

    expect(finished.stdout).toMatch(
      /the rollback of migrate is still running \(process group \d+\): stopping it/
    )
    expect(isAlive(sleeper)).toBe(false)
    expect(finished.stdout).toContain(
      'Resuming the rollback after the failure of release: 1 of 3 rollback step(s) had finished'
    )
    // release's rollback finished in the main step and is not repeated; migrate's, interrupted,
    // runs again; the plan's rollback step runs once.
    expect(await count('release-undone')).toBe(1)
    expect(await count('migrate-undo-started')).toBe(2)
    expect(await count('notified')).toBe(1)
    expect(finished.summary).toContain('↩️ rolled back')
    expect(await project.read(REPORT)).toMatch(/^<!-- deploy-executor-record [^\n]*"rolled-back"/)
    await fs.rm(main.files, { recursive: true, force: true })
  })

  it('says where it stopped when the main step crashes after a step ran', async () => {
    const crashing = plan.replace(
      'run: touch "$SENTINEL_DIR/migrate-ran"',
      'run: |\n      touch "$SENTINEL_DIR/migrate-ran"\n      rm -f "$RUNNER_TEMP"/deploy-executor-journal-*.json\n      mkdir "$RUNNER_TEMP/deploy-executor-journal-4242-1.json"'
    )
    await project.write(PLAN_PATH, crashing)

    const run = await runAction(offlineRun())

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('failure')
    expect(run.stdout).toContain('::error::deploy-executor stopped on an unexpected error')
    expect(run.summary).toContain('# Deployment stopped after step migrate')
    const report = await project.read(REPORT)
    expect(report).toContain('"status":"failure"')
    expect(report).toContain('stopped after step migrate: EISDIR')
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran'])
  })
})
