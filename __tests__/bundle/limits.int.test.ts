/**
 * Limits: a step printing 1 GiB streams through the action in bounded memory, and the report stays
 * within GitHub's limits (summary 1 MiB, comment 65,536 characters, outputs 1 MB) whatever the
 * steps print.
 */
import { promises as fs } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startAction, offlineInputs } from '../support/action-runner.js'
import { FakeGitHub, openPullRequest } from '../support/fake-github.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'

let project: Project
let github: FakeGitHub

beforeEach(async () => {
  github = await new FakeGitHub().start()
})

afterEach(async () => {
  await github.stop()
  await project.cleanup()
})

/** Peak resident memory of a process, from the kernel's own high-water mark. */
async function peakRssMiB(pid: number): Promise<number | undefined> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined)
  const match = status && /VmHWM:\s+(\d+) kB/.exec(status)
  return match ? Number(match[1]) / 1024 : undefined
}

describe('limits', () => {
  it('streams a step printing 1 GiB with the action under 150 MiB', async () => {
    const plan = `---\ndeploy-executor: 1\nenvironments: { staging: {} }\nsteps:\n  - id: chatty\n    run: |\n      set +o pipefail\n      yes "deploying... a line of build output" | head -c 1073741824\n    rollback: "true"\n---\n`
    project = await makeProject({ files: { [PLAN_PATH]: plan } })

    const started = await startAction({
      workspace: project.root,
      inputs: offlineInputs(),
      keepStdout: false
    })
    let peak = 0
    const pid = started.child.pid ?? 0
    const sampler = setInterval(
      () => void peakRssMiB(pid).then(value => (peak = Math.max(peak, value ?? 0))),
      100
    )
    const run = await started.result
    clearInterval(sampler)

    expect(run.outputs['status']).toBe('success')
    expect(run.stdoutBytes).toBeGreaterThan(1024 * 1024 * 1024)
    expect(peak).toBeGreaterThan(0)
    expect(peak).toBeLessThan(150)
    await fs.rm(started.files, { recursive: true, force: true })
  })

  it('keeps the summary, the comment and the outputs within GitHub limits whatever the steps print', async () => {
    const many = Array.from(
      { length: 300 },
      (_, index) =>
        `  - id: step-${index}\n    name: ${'A long step name '.repeat(8)}${index}\n    run: head -c 200000 /dev/zero | tr "\\\\0" "y"\n`
    ).join('')
    const plan = `---\ndeploy-executor: 1\nenvironments: { staging: {} }\nsteps:\n${many}  - id: last\n    run: |\n      for i in $(seq 1 40); do head -c 100000 /dev/zero | tr "\\\\0" "z"; echo; done\n      exit 1\n    rollback: "true"\n---\n`
    project = await makeProject({ files: { [PLAN_PATH]: plan } })
    github.state.pulls['0123456789abcdef0123456789abcdef01234567'] = [openPullRequest(5)]

    const started = await startAction({
      workspace: project.root,
      inputs: { environment: 'staging', 'require-approval': 'false', 'github-deployment': 'off' },
      env: { GITHUB_API_URL: github.url },
      keepStdout: false
    })
    const run = await started.result

    expect(run.outputs['status']).toBe('rolled-back')
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
    expect(Buffer.byteLength(JSON.stringify(run.outputs))).toBeLessThan(1_000_000)
    const comment = github.state.comments['5']?.[0]?.body ?? ''
    expect(comment.length).toBeGreaterThan(1000)
    expect(comment.length).toBeLessThan(65_536)
    const report = await project.read('logos/resources/verify/deployment-report.md')
    expect(report).toMatch(/Step `last` failed \(exit code 1\)/)
    expect(Buffer.byteLength(report)).toBeLessThan(1024 * 1024)
    await fs.rm(started.files, { recursive: true, force: true })
  })
})
