/**
 * Links inside the project that lead out of it: wherever one stands on the way to a file the action
 * reads or writes, the run is refused before anything runs, nothing is written outside, and no
 * byte from outside reaches the report, the summary or the log.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { offlineInputs, runAction } from '../support/action-runner.js'
import { CHANGE, makeProject, PLAN_PATH, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
let project: Project
let outside: string
let sentinels: string

beforeEach(async () => {
  project = await makeProject()
  outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'))
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(outside, { recursive: true, force: true })
  await fs.rm(sentinels, { recursive: true, force: true })
})

/** Moves `relative` out of the project into `outside` and leaves a link in its place. */
async function linkOut(relative: string): Promise<void> {
  const target = path.join(outside, path.basename(relative))
  await fs.rename(path.join(project.root, relative), target)
  await fs.symlink(target, path.join(project.root, relative))
}

async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true })
  const files = entries.filter(entry => entry.isFile())
  return Object.fromEntries(
    await Promise.all(
      files.map(async entry => {
        const file = path.join(entry.parentPath, entry.name)
        return [path.relative(folder, file), await fs.readFile(file, 'utf8')] as const
      })
    )
  )
}

describe('a link out of the project', () => {
  it.each([
    ['logos/', () => linkOut('logos')],
    ['logos/changes', () => linkOut('logos/changes')],
    ['the proposal folder', () => linkOut(CHANGE)],
    ['tasks.md', () => linkOut(`${CHANGE}/tasks.md`)],
    ['the report folder', () => linkOut('logos/resources/verify')],
    ['the report file', () => linkOut(REPORT)],
    ['the plan folder', () => linkOut('logos/resources/prd/3-technical-plan/3-deployment')],
    ['the plan file', () => linkOut(PLAN_PATH)],
    [
      'DEPLOY_DONE',
      async () => {
        await fs.writeFile(path.join(outside, 'done'), 'kept')
        await fs.symlink(path.join(outside, 'done'), path.join(project.root, CHANGE, 'DEPLOY_DONE'))
      }
    ],
    [
      'a report file linked to /proc/self/environ',
      async () => {
        await fs.rm(path.join(project.root, REPORT), { force: true })
        await fs.symlink('/proc/self/environ', path.join(project.root, REPORT))
      }
    ]
  ])('at %s refuses the run and touches nothing outside', async (_, arrange) => {
    await fs.mkdir(path.join(project.root, 'logos/resources/verify'), { recursive: true })
    await fs.writeFile(path.join(project.root, REPORT), '# older entry\n').catch(() => undefined)
    await arrange()
    const before = await snapshot(outside)

    const run = await runAction({
      workspace: project.root,
      inputs: offlineInputs(),
      env: { SENTINEL_DIR: sentinels, SECRET_MARKER: 'env-sentinel-4f9a8b7c' }
    })

    expect(run.outputs['status']).toBe('refused')
    expect(await fs.readdir(sentinels)).toEqual([])
    expect(await snapshot(outside)).toEqual(before)
    expect(run.summary + run.stdout).not.toContain('env-sentinel-4f9a8b7c')
    expect(run.summary).toMatch(/symbolic link|outside the project root/)
  })

  it('takes the plan input through a link only when it stays inside', async () => {
    await fs.copyFile(path.join(project.root, PLAN_PATH), path.join(outside, 'plan.md'))
    await fs.symlink(path.join(outside, 'plan.md'), path.join(project.root, 'plan.md'))

    const run = await runAction({
      workspace: project.root,
      inputs: offlineInputs({ plan: 'plan.md' }),
      env: { SENTINEL_DIR: sentinels }
    })

    expect(run.outputs['status']).toBe('refused')
    expect(run.summary).toContain('plan file plan.md is a symbolic link')
    expect(await fs.readdir(sentinels)).toEqual([])
  })
})
