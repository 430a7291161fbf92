/** `deploy-executor init` on a project whose plan is still prose. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from '@jest/globals'
import { runCli } from '../../src/action/command-line.js'
import { runPreflight } from '../../src/plan/preflight.js'
import { makeProject, PLAN_PATH, type Project } from '../support/project.js'
import { settingsFor } from '../support/settings.js'

const PROSE = readFileSync(
  path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../__fixtures__/plans/designer-zh.md'
  ),
  'utf8'
)

let project: Project

afterEach(async () => {
  await project.cleanup()
})

async function init(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await runCli({
    argv: ['init', ...args],
    cwd: project.root,
    env: {},
    out: text => void (out += String(text)),
    err: text => void (err += text)
  })
  return { code, out, err }
}

describe('deploy-executor init', () => {
  it('shows the draft and writes nothing without --write', async () => {
    project = await makeProject({ files: { [PLAN_PATH]: PROSE } })

    const result = await init()

    expect(result.code).toBe(0)
    expect(result.out).toContain('run: "cd website && npm run deploy"')
    expect(result.out).toContain('7 command(s) from 四、构建与发布命令, 部署（本机全局）')
    expect(await project.read(PLAN_PATH)).toBe(PROSE)
  })

  it('writes the draft on top of the prose, which pre-flight then refuses until it is edited', async () => {
    project = await makeProject({ files: { [PLAN_PATH]: PROSE } })

    const result = await init('--write')
    const preflight = await runPreflight({
      request: settingsFor(project.root, { environment: 'staging' }),
      source: { sha: 'abc1234', ref: 'refs/heads/main' },
      env: {}
    })

    expect(result.code).toBe(0)
    const written = await project.read(PLAN_PATH)
    expect(written.startsWith('---\ndeploy-executor: 1\n')).toBe(true)
    expect(written.endsWith(PROSE)).toBe(true)
    expect(preflight.kind).toBe('refused')
    expect(
      preflight.checks.find(check => check.title.en === 'the deployment plan is valid')?.detail.en
    ).toContain('draft placeholder')
  })

  it('never writes over front matter that is already there', async () => {
    project = await makeProject()
    const before = await project.read(PLAN_PATH)

    const result = await init('--write')

    expect(result.code).toBe(1)
    expect(result.err).toContain('already opens with front matter')
    expect(await project.read(PLAN_PATH)).toBe(before)
  })

  it('refuses a --plan outside the project', async () => {
    project = await makeProject()

    const result = await init('--plan', '../../etc/passwd')

    expect(result.code).toBe(1)
    expect(result.err).toContain('leads outside the project root')
  })
})
