/**
 * The built action on a Chinese project, as GitHub's runner runs it: the log speaks Chinese in the
 * action's own words (group titles, check lines, step announcements, annotations, the failure
 * message), while workflow-command syntax, outputs and the report's machine-read lines stay
 * exactly as they are.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { offlineInputs, runAction } from '../support/action-runner.js'
import { englishSentences, halfWidthPunctuation } from '../support/catalogues.js'
import { makeProject, PLAN_PATH, PLAN, type Project } from '../support/project.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const ENGLISH = englishSentences()
let project: Project
let sentinels: string

beforeEach(async () => {
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

/** What the action printed in its own words: the workflow commands' text, and its info lines. */
function ownWords(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter(line => !/^::(add-mask|stop-commands|[0-9a-f-]{36})::/.test(line))
    .map(line => line.replace(/^::[a-z-]+( [^:]*)?::/, ''))
}

describe('the bundle on a Chinese project', () => {
  it('logs a real run in Chinese, leaving commands, outputs and record lines as they are', async () => {
    // No health check: the runner of these tests has no network to probe the plan's URL with.
    const plan = PLAN.replace(
      'health:\n  - name: Site answers\n    url: ${DEPLOY_URL}/healthz\n',
      ''
    )
    project = await makeProject({ locale: 'zh', files: { [PLAN_PATH]: plan } })

    const run = await runAction({
      workspace: project.root,
      inputs: offlineInputs({ 'github-token': 'ghs_secretTokenValue123' }),
      env: { SENTINEL_DIR: sentinels }
    })

    expect(run.exitCode).toBe(0)
    expect(run.outputs['status']).toBe('success')
    expect(run.stdout).toContain('::group::检查提案和部署方案\n')
    expect(run.stdout).toContain('::group::步骤 1/2：migrate [migrate]\n')
    expect(run.stdout).toContain('::endgroup::')
    expect(run.stdout).toMatch(/^::stop-commands::[0-9a-f-]{36}$/m)
    expect(run.stdout).toContain(
      '✔ 已找到提案：logos/changes/add-login（来自 logos/.openlogos-guard）'
    )
    const lines = ownWords(run.stdout)
    expect(ENGLISH.filter(sentence => lines.some(line => line.includes(sentence)))).toEqual([])
    expect(lines.flatMap(halfWidthPunctuation)).toEqual([])
    const report = await project.read(REPORT)
    expect(report).toMatch(/^<!-- deploy-executor-record \{"run":/)
    expect(report).toContain('# ✅ 部署成功：add-login')
    expect(run.summary).toContain('## 一、执行时间线')
  })

  it('annotates a refusal in Chinese, on the plan line, and fails the step in Chinese', async () => {
    project = await makeProject({
      locale: 'zh',
      markers: [],
      files: {
        [PLAN_PATH]: PLAN.replace('  - id: release\n', '  - id: release\n    timeout: soon\n')
      }
    })

    const run = await runAction({
      workspace: project.root,
      inputs: offlineInputs(),
      env: { SENTINEL_DIR: sentinels }
    })

    expect(run.exitCode).toBe(1)
    expect(run.outputs['status']).toBe('refused')
    expect(run.stdout).toMatch(
      new RegExp(
        `::error file=${PLAN_PATH.replace(/[.]/g, '\\.')},line=15::部署方案有效：.*steps\\[1\\]\\.timeout：「soon」不是大于零的时长`
      )
    )
    expect(run.stdout).toContain(
      '::error::验收已通过（有 VERIFY_PASS，无 VERIFY_FAIL）：缺少 logos/changes/add-login/VERIFY_PASS'
    )
    expect(run.stdout).toContain('::error::部署被拒绝：2 项条件未满足：')
    const lines = ownWords(run.stdout)
    expect(ENGLISH.filter(sentence => lines.some(line => line.includes(sentence)))).toEqual([])
    expect(await project.exists(REPORT)).toBe(false)
  })
})
