/** Two runs deploying the same environment at once: the second waits for the first, never both at once. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startAction, offlineInputs } from '../support/action-runner.js'
import { FakeGitHub } from '../support/fake-github.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'

const plan = `---
deploy-executor: 1
environments: { staging: {} }
steps:
  - id: release
    run: |
      echo "start $GITHUB_RUN_ID $(date +%s%N)" >> "$SENTINEL_DIR/timeline"
      sleep 3
      echo "end $GITHUB_RUN_ID $(date +%s%N)" >> "$SENTINEL_DIR/timeline"
    rollback: "true"
---
`

let github: FakeGitHub
let first: Project
let second: Project
let sentinels: string

beforeEach(async () => {
  github = await new FakeGitHub().start()
  first = await makeProject({ files: { [PLAN_PATH]: plan } })
  second = await makeProject({ files: { [PLAN_PATH]: plan } })
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await github.stop()
  await Promise.all([first.cleanup(), second.cleanup()])
  await fs.rm(sentinels, { recursive: true, force: true })
})

describe('two runs deploying one environment', () => {
  it('makes the second wait for the first through the deployment record', async () => {
    const inputs = offlineInputs({ 'github-deployment': 'create' })
    const env = (runId: string) => ({
      GITHUB_API_URL: github.url,
      SENTINEL_DIR: sentinels,
      GITHUB_RUN_ID: runId
    })
    const a = await startAction({ workspace: first.root, inputs, env: env('100') })
    const timeline = path.join(sentinels, 'timeline')
    for (
      let waited = 0;
      !(await fs.access(timeline).then(
        () => true,
        () => false
      ));
      waited += 50
    ) {
      if (waited > 20_000) throw new Error('the first run never started its step')
      await new Promise(resolve => setTimeout(resolve, 50))
    }

    const b = await startAction({ workspace: second.root, inputs, env: env('200') })
    const [runA, runB] = await Promise.all([a.result, b.result])

    expect([runA.outputs['status'], runB.outputs['status']]).toEqual(['success', 'success'])
    const events = (await fs.readFile(timeline, 'utf8'))
      .trim()
      .split('\n')
      .map(line => line.split(' '))
    expect(events.map(([what, run]) => `${what} ${run}`)).toEqual([
      'start 100',
      'end 100',
      'start 200',
      'end 200'
    ])
    expect(runB.stdout).toContain("Another run is deploying 'staging'")
    expect(runB.outputs['previous-version']).toBe('0123456')
    await Promise.all([
      fs.rm(a.files, { recursive: true, force: true }),
      fs.rm(b.files, { recursive: true, force: true })
    ])
  })
})
