/**
 * A Chinese project reads Chinese (issue 12, item 2): every kind of report, a refusal carrying
 * every kind of check the action makes, and the log of real and dry runs hold no English sentence
 * of any catalogue and no ASCII punctuation in a Chinese sentence; sections are numbered without
 * gaps. The checks come from real pre-flight runs of broken projects, not from hand-made samples.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readSettings } from '../src/action/settings.js'
import type { Check } from '../src/core/check.js'
import { SecretRegistry } from '../src/core/redact.js'
import { deploy, refuseInputs, type Dependencies } from '../src/deploy.js'
import { bashRunner } from '../src/execution/command-runner.js'
import { verbatim } from '../src/core/message.js'
import { localConfirmation } from '../src/github/approval.js'
import { say as githubSay } from '../src/github/messages.js'
import { composeComment } from '../src/github/pr-comment.js'
import { runPreflight } from '../src/plan/preflight.js'
import { reportFileTracker, type DeploymentTracker } from '../src/report/deployment-record.js'
import { renderReport } from '../src/report/markdown.js'
import type { DeploymentReport } from '../src/report/model.js'
import { renderTerminal } from '../src/report/terminal.js'
import { localContext, reportOf } from './support/builders.js'
import {
  ALL_CATALOGUES,
  englishSentences,
  halfWidthPunctuation,
  textsOf
} from './support/catalogues.js'
import { FakeClock, recordingLog, scriptedProbe, type RecordedLog } from './support/fakes.js'
import {
  CHANGE,
  makeProject,
  PLAN,
  PLAN_PATH,
  TASKS_ZH,
  type Project,
  type ProjectOptions
} from './support/project.js'
import { SAMPLES } from './support/report-samples.js'
import { settingsFor } from './support/settings.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const ENGLISH = englishSentences()
const projects: Project[] = []
let sentinels: string

/** The English sentences of the catalogues that a text holds. */
function englishIn(text: string): string[] {
  return ENGLISH.filter(sentence => text.includes(sentence))
}

async function project(options: ProjectOptions): Promise<Project> {
  const made = await makeProject({ locale: 'zh', ...options })
  projects.push(made)
  return made
}

/** The checks pre-flight makes of a Chinese project changed by `options`, with these inputs. */
async function checksOf(
  options: ProjectOptions,
  inputs: Record<string, string> = { environment: 'staging' },
  prepare?: (made: Project) => Promise<void>
): Promise<Check[]> {
  const made = await project(options)
  await prepare?.(made)
  const result = await runPreflight({
    request: settingsFor(made.root, inputs),
    source: { sha: 'abc1234', ref: 'refs/heads/main' },
    env: {}
  })
  return result.checks
}

function depsFor(root: string, log: RecordedLog, overrides: Partial<Dependencies> = {}) {
  return {
    log,
    clock: new FakeClock(),
    secrets: new SecretRegistry(),
    context: localContext(root),
    env: { PATH: process.env['PATH'] ?? '', SENTINEL_DIR: sentinels },
    tempDir: os.tmpdir(),
    runner: bashRunner({ killGraceMs: 200, drainMs: 200 }),
    probe: scriptedProbe([{ status: 200, body: 'ok' }]),
    gate: localConfirmation('staging', 'tester'),
    tracker: reportFileTracker(root, REPORT),
    rollbackOnCancel: true,
    runKey: 'zh-run',
    ...overrides
  } satisfies Dependencies
}

/** A run of the orchestrator on a Chinese project, with its report and its log. */
async function runOf(
  options: ProjectOptions,
  inputs: Record<string, string> = {},
  overrides: (root: string) => Partial<Dependencies> = () => ({})
): Promise<{ report: DeploymentReport; log: RecordedLog }> {
  const made = await project(options)
  const log = recordingLog('zh')
  const report = await deploy(
    settingsFor(made.root, { environment: 'staging', ...inputs }),
    depsFor(made.root, log, overrides(made.root))
  )
  return { report, log }
}

/** Runs one after the other on one Chinese project: v1, then v2, then two rollbacks on demand. */
async function rollbackRuns(): Promise<{ report: DeploymentReport; log: RecordedLog }[]> {
  const made = await project({ files: { [PLAN_PATH]: ROLLBACK_PLAN } })
  const runs: { report: DeploymentReport; log: RecordedLog }[] = []
  for (const inputs of [
    { version: 'v1' },
    { version: 'v2', redeploy: 'true' },
    { mode: 'rollback', 'dry-run': 'true' },
    { mode: 'rollback' }
  ]) {
    const log = recordingLog('zh')
    const report = await deploy(
      settingsFor(made.root, { environment: 'staging', ...inputs }),
      depsFor(made.root, log)
    )
    runs.push({ report, log })
  }
  return runs
}

/** A deployment record GitHub refuses to open, as the GitHub tracker says it. */
const refusingTracker: DeploymentTracker = {
  begin: () =>
    Promise.resolve({
      kind: 'refused',
      problem: githubSay.deploymentUnmade('staging', githubSay.noAnswer(30, 3)),
      fix: githubSay.tokenRefused(403, 'deployments: write')
    }),
  resolveRollback: () =>
    Promise.resolve({ kind: 'refused', problem: verbatim(''), fix: verbatim('') }),
  finish: () => Promise.resolve(undefined)
}

const NO_ROLLBACK_PLAN = PLAN.replace('    rollback: touch "$SENTINEL_DIR/migrate-undone"\n', '')
const FAILING_PLAN = PLAN.replace(
  'run: touch "$SENTINEL_DIR/release-ran"',
  'run: touch "$SENTINEL_DIR/release-ran"; exit 9'
)
const PLAN_WITH_PROBLEMS = PLAN.replace(
  'steps:\n',
  'secrets: [API_KEY]\nsteps:\n  - id: build\n    run: make\n    working-directory: not-yet\n'
).replace('url: ${DEPLOY_URL}/healthz', 'url: ${DEPLOY_URL}/healthz?key=${PROBE_KEY}')
const INVALID_PLAN = PLAN.replace('deploy-executor: 1', 'deploy-executor: 1\nstepz: []')
  .replace('  - id: release\n', '  - id: Release!\n    timeout: soon\n')
  .replace(
    '    url: ${DEPLOY_URL}/healthz\n',
    '    url: ${DEPLOY_URL}/healthz\n    retries: lots\n'
  )
const ROLLBACK_PLAN = PLAN.replace(
  'health:',
  'rollback:\n  steps:\n    - id: put-back\n      run: touch "$SENTINEL_DIR/put-back"\nhealth:'
)
/** A metric check against a baseline; `printed` is what its command prints each time. */
const metricPlan = (printed: string): string =>
  PLAN.replace(
    'health:\n  - name: Site answers\n    url: ${DEPLOY_URL}/healthz\n',
    `health:\n  - name: error rate\n    run: 'echo "${printed}"'\n    metric: { max: 0.05, baseline: { max-increase: 50% } }\n`
  )
/** A canary through two increments, judged by a metric check. */
const CANARY_PLAN = metricPlan('0.01').replace(
  'health:',
  'canary:\n  increments: [10, 50]\n  steps:\n    - id: shift\n      run: touch "$SENTINEL_DIR/shift-$DEPLOY_CANARY_WEIGHT"\nhealth:'
)
const PROSE_PLAN = '# core-01-deployment-plan\n\n- 官网部署：`cd website && npm run deploy`\n'
const PRODUCTION_ONLY = PLAN.replace(
  /\n {4}run: touch/g,
  '\n    environments: [production]\n    run: touch'
)
const OPEN_TASKS = TASKS_ZH.replace('- [x] 实现', '- [ ] 实现').replace(/## \[deploy\][\s\S]*$/, '')

let refusal: DeploymentReport
let runs: { report: DeploymentReport; log: RecordedLog }[]

beforeAll(async () => {
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
  const checks = (
    await Promise.all([
      checksOf({}),
      checksOf({ markers: [], files: { [`${CHANGE}/tasks.md`]: OPEN_TASKS } }),
      checksOf({ markers: ['VERIFY_PASS', 'DEPLOY_DONE'] }),
      checksOf({
        files: {
          [`${CHANGE}/deltas/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md`]: PLAN
        }
      }),
      checksOf({ files: { 'logos/.openlogos-guard': null } }),
      checksOf({ files: { 'logos/logos.config.json': null } }),
      checksOf({ files: { 'logos/logos-project.yaml': 'deployment_gates: [' } }),
      checksOf({
        files: {
          'logos/logos-project.yaml': 'deployment_gates:\n  core:\n    environments: [production]\n'
        }
      }),
      checksOf({ files: { 'logos/flow/launched.yaml': 'extends: builtin:other\n' } }),
      checksOf({ files: { [PLAN_PATH]: INVALID_PLAN } }),
      checksOf({ files: { [PLAN_PATH]: PROSE_PLAN } }),
      checksOf({ files: { [PLAN_PATH]: NO_ROLLBACK_PLAN } }),
      checksOf({ files: { [PLAN_PATH]: PLAN_WITH_PROBLEMS } }),
      checksOf({ files: { [PLAN_PATH]: PRODUCTION_ONLY } }),
      checksOf({}, { environment: 'nowhere' }),
      checksOf({}, { environment: 'staging', targets: 'ghost' }),
      checksOf({}, { environment: 'staging', mode: 'canary' }),
      checksOf({}, { environment: 'staging' }, async made => {
        const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'))
        await fs.mkdir(path.join(made.root, 'logos/resources/verify'), { recursive: true })
        await fs.symlink(path.join(outside, 'report.md'), path.join(made.root, REPORT))
      })
    ])
  ).flat()
  const refusedByGate = await runOf({}, {}, () => ({ gate: localConfirmation(undefined, 'x') }))
  const refusedByRecord = await runOf({}, {}, () => ({ tracker: refusingTracker }))
  const unmeasurable = await runOf({ files: { [PLAN_PATH]: metricPlan('ERROR: no data') } })
  const rollbackDryRun = await runOf(
    { files: { [PLAN_PATH]: ROLLBACK_PLAN } },
    { mode: 'rollback', 'dry-run': 'true' }
  )
  const bad: Record<string, string> = { 'dry-run': 'perhaps', targets: ' ', 'step-timeout': 'soon' }
  const read = readSettings(name => bad[name], '/work')
  const inputs = refuseInputs(read.ok ? [] : read.errors, 'zh', {
    log: recordingLog('zh'),
    clock: new FakeClock(),
    context: localContext('/work')
  })
  const all = [
    ...checks,
    ...refusedByGate.report.checks,
    ...refusedByRecord.report.checks,
    ...unmeasurable.report.checks,
    ...rollbackDryRun.report.checks,
    ...inputs.checks
  ]
  const seen = new Set<string>()
  const unique = all.filter(check => {
    const key = `${check.status} ${check.title.en} ${check.detail.en}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  refusal = reportOf({ status: 'refused', locale: 'zh', checks: unique })
  runs = [
    refusedByGate,
    refusedByRecord,
    unmeasurable,
    await runOf({ files: { [PLAN_PATH]: CANARY_PLAN } }, { mode: 'canary' }),
    await runOf({ files: { [PLAN_PATH]: CANARY_PLAN } }, { mode: 'canary', 'dry-run': 'true' }),
    rollbackDryRun,
    await runOf({}, { 'dry-run': 'true' }),
    await runOf({}),
    await runOf({ files: { [PLAN_PATH]: FAILING_PLAN } }),
    await runOf({ files: { [PLAN_PATH]: INVALID_PLAN } }),
    ...(await rollbackRuns())
  ]
})

afterAll(async () => {
  await Promise.all(projects.map(made => made.cleanup()))
  await fs.rm(sentinels, { recursive: true, force: true })
})

/** Entries named as titles that are no check's: the heading of a chart. */
const NOT_CHECKS = new Set(['metric.chartTitle'])

/** Every check title of the catalogues, as the English reader knows it. */
function checkTitles(): string[] {
  return Object.values(ALL_CATALOGUES).flatMap(catalogue =>
    [...textsOf(catalogue.en)]
      .filter(([key]) => /Title$/.test(key) && !NOT_CHECKS.has(key))
      .map(([, texts]) => texts[0] ?? '')
  )
}

describe('a refusal of a Chinese project', () => {
  it('carries every kind of check the action makes', () => {
    const titles = new Set(refusal.checks.map(check => check.title.en.replace(/'core'/, "'x'")))

    expect(checkTitles().filter(title => !titles.has(title))).toEqual([])
  })

  it('holds no English sentence of any catalogue, in Markdown or on a terminal', () => {
    const markdown = renderReport(refusal, 'zh')
    const terminal = renderTerminal(refusal, 'zh', { isColour: false })

    expect(refusal.checks.length).toBeGreaterThan(30)
    expect(englishIn(markdown)).toEqual([])
    expect(englishIn(terminal)).toEqual([])
  })

  it('uses full-width punctuation in its Chinese sentences', () => {
    expect(halfWidthPunctuation(renderReport(refusal, 'zh'))).toEqual([])
  })

  it("says zod's own findings about the plan in Chinese too", () => {
    const plan = refusal.checks.find(
      check => check.status === 'failed' && check.title.en === 'the deployment plan is valid'
    )

    expect(plan?.detail.zh).toContain('stepz')
    expect(plan?.detail.zh).toMatch(/未知的键|无效/)
    expect(englishIn(plan?.detail.zh ?? '')).toEqual([])
  })
})

/** Every kind of report a Chinese project gets, the refusal above among them. */
function reports(): [string, DeploymentReport][] {
  return [
    ...Object.entries(SAMPLES).map(([kind, report]): [string, DeploymentReport] => [
      kind,
      { ...report, locale: 'zh' }
    ]),
    ['refusal of every check', refusal],
    ...runs.map(({ report }, index): [string, DeploymentReport] => [
      `run ${index + 1} (${report.status})`,
      report
    ])
  ]
}

describe('every kind of Chinese report', () => {
  it('is written in Chinese: no English sentence of any catalogue', () => {
    const english = reports().flatMap(([kind, report]) =>
      englishIn(renderReport(report, 'zh')).map(sentence => `${kind}: ${sentence}`)
    )

    expect(english).toEqual([])
  })

  it('uses full-width punctuation in its Chinese sentences', () => {
    const found = reports().flatMap(([kind, report]) =>
      halfWidthPunctuation(renderReport(report, 'zh')).map(text => `${kind}: ${text}`)
    )

    expect(found).toEqual([])
  })

  it('numbers its sections without gaps, in Markdown and on a terminal', () => {
    const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']
    for (const [, report] of reports()) {
      const markdown = [...renderReport(report, 'zh').matchAll(/^## (\S+?)、/gm)]
      const terminal = [
        ...renderTerminal(report, 'zh', { isColour: false }).matchAll(/^(\S+?)、.*\n─/gm)
      ]
      for (const numbers of [markdown, terminal].map(found => found.map(match => match[1])))
        expect(numbers).toEqual(NUMERALS.slice(0, numbers.length))
    }
  })

  it('keeps its PR comment history in Chinese, with the machine-read lines untouched', () => {
    const attempt = {
      at: '2026-05-24T10:05:00.000Z',
      status: 'failure' as const,
      version: 'v2',
      durationMs: 1_000
    }
    const first = composeComment('staging', '# 一\n', undefined, attempt, 'zh')
    const body = composeComment('staging', '# 二\n', first, { ...attempt, status: 'success' }, 'zh')

    expect(body.split('\n')[0]).toBe('<!-- deploy-executor:staging -->')
    expect(body).toContain('<summary>之前的尝试（1 次）</summary>')
    expect(body).toContain('· 失败 ·')
    expect(body.trimEnd().split('\n').at(-1)).toMatch(
      /^<!-- deploy-executor-history \[\{"at":"2026-05-24T10:05:00.000Z","status":"success"/
    )
    expect(englishIn(body)).toEqual([])
  })
})

describe('the log of a Chinese project', () => {
  /** The action's own lines: a step's output is its own. */
  function ownLines(log: RecordedLog): string[] {
    return log.lines
      .filter(line => !line.startsWith('[output]'))
      .map(line => line.replace(/^(warning|error|debug): |^\[group\] /, ''))
  }

  it('speaks Chinese in every line the action writes itself', () => {
    const english = runs.flatMap(({ log }) => ownLines(log).flatMap(englishIn))

    expect(runs.map(({ log }) => ownLines(log).length).every(count => count > 3)).toBe(true)
    expect(english).toEqual([])
  })

  it('uses full-width punctuation in its Chinese sentences', () => {
    const found = runs.flatMap(({ log }) => ownLines(log).flatMap(halfWidthPunctuation))

    expect(found).toEqual([])
  })

  it('titles its groups in Chinese', () => {
    const groups = runs.flatMap(({ log }) => log.lines.filter(line => line.startsWith('[group] ')))

    expect(groups).toEqual(expect.arrayContaining(['[group] 检查提案和部署方案']))
    expect(groups.some(line => line.startsWith('[group] 步骤 1/2：migrate [migrate]'))).toBe(true)
    expect(groups.some(line => line.startsWith('[group] 回滚 1/'))).toBe(true)
  })
})

describe('a rollback on demand of a Chinese project', () => {
  it('reads Chinese in its headline, lead and next step', () => {
    const [dryRun, rolledBack] = runs.slice(-2).map(({ report }) => report)
    const markdown = renderReport(rolledBack!, 'zh')

    expect(dryRun?.status).toBe('dry-run')
    expect(rolledBack?.status).toBe('rolled-back')
    expect(markdown.split('\n')[0]).toMatch(/^# ↩️ 已回滚 staging：从 v2 回到 v1，耗时 /)
    expect(markdown).toContain('已按需回滚：staging 重新运行 v1，替换了 v2。')
    expect(renderReport(dryRun!, 'zh').split('\n')[0]).toBe('# 🔍 回滚预演：staging 从 v2 回到 v1')
  })
})
