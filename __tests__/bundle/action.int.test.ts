/** End to end: the committed bundle, run as GitHub's runner runs it, under Node 24. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction } from '../support/action-runner.js'
import { CHANGE, makeProject, PLAN_PATH, type Project } from '../support/project.js'

let project: Project
let sentinels: string

beforeEach(async () => {
  project = await makeProject()
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

async function ranSteps(): Promise<string[]> {
  return fs.readdir(sentinels)
}

describe('the bundle under Node 24', () => {
  it('shows a dry run in the summary and outputs, running nothing', async () => {
    const before = await project.read(`${CHANGE}/tasks.md`)

    const run = await runAction({
      workspace: project.root,
      inputs: {
        environment: 'staging',
        'dry-run': 'true',
        'github-token': 'ghs_secretTokenValue123'
      },
      env: { SENTINEL_DIR: sentinels }
    })

    expect(run.exitCode).toBe(0)
    expect(run.outputs['status']).toBe('dry-run')
    expect(run.outputs['version']).toBe('0123456')
    expect(run.outputs['report-path']).toBe('')
    expect(JSON.parse(run.outputs['result'] ?? '{}')).toMatchObject({
      status: 'dry-run',
      dryRun: true,
      environment: 'staging',
      proposal: 'add-login',
      targets: ['default'],
      sha: '0123456789abcdef0123456789abcdef01234567'
    })
    expect(run.summary).toContain('# 🔍 Dry run: add-login')
    expect(run.summary).toContain('1. `migrate`')
    expect(run.summary).toContain('   ```bash\n   touch "$SENTINEL_DIR/migrate-ran"\n   ```')
    expect(run.summary).toContain('At worst, a failure is seen within 40s of the last step.')
    expect(run.summary).toContain('https://github.com/acme/site/actions/runs/4242')
    expect(run.stdout).toContain('::group::Checking the proposal and the plan')
    expect(run.stdout).toContain('::add-mask::ghs_secretTokenValue123')
    expect(run.stdout.replace(/^::add-mask::.*$/gm, '') + run.summary).not.toContain(
      'ghs_secretTokenValue123'
    )
    expect(await ranSteps()).toEqual([])
    expect(await project.exists('logos/resources/verify/deployment-report.md')).toBe(false)
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
    expect(await project.read(`${CHANGE}/tasks.md`)).toBe(before)
  })

  it('refuses with every unmet condition, annotations on the plan, and runs nothing', async () => {
    await project.remove(`${CHANGE}/VERIFY_PASS`)
    const plan = await project.read(PLAN_PATH)
    await project.write(
      PLAN_PATH,
      plan.replace('  - id: release\n', '  - id: release\n    timeout: soon\n')
    )

    const run = await runAction({
      workspace: project.root,
      inputs: { environment: 'staging' },
      env: { SENTINEL_DIR: sentinels }
    })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain('# ⛔ Deployment refused: add-login → staging')
    expect(run.summary).toContain('2 conditions are unmet')
    expect(run.summary).toContain('VERIFY\\_PASS is missing')
    expect(run.stdout).toMatch(
      new RegExp(
        `::error file=${PLAN_PATH.replace(/[.]/g, '\\.')},line=15::the deployment plan is valid: .*steps\\[1\\]\\.timeout: 'soon' is not a positive duration`
      )
    )
    expect(run.stdout).toContain('::error::Deployment refused: 2 condition(s) unmet')
    expect(await ranSteps()).toEqual([])
  })

  it('refuses bad inputs before reading anything', async () => {
    const run = await runAction({
      workspace: project.root,
      inputs: { environment: 'staging', 'dry-run': 'yes', targets: '' }
    })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain("input dry-run is 'yes': write true or false")
    expect(run.stdout).toContain('::error::input targets is empty')
  })
})
