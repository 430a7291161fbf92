/** The orchestrator on real fixture projects: what a real run leaves behind, and what it must not. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { localConfirmation } from '../src/github/approval.js'
import { bashRunner } from '../src/execution/command-runner.js'
import { deploy, type Dependencies } from '../src/deploy.js'
import { reportFileTracker } from '../src/report/deployment-record.js'
import type { InputName } from '../src/action/inputs.js'
import { SecretRegistry } from '../src/core/redact.js'
import type { DeploymentReport } from '../src/report/model.js'
import { localContext } from './support/builders.js'
import { inEnglish } from './support/english.js'
import { FakeClock, recordingLog, scriptedProbe } from './support/fakes.js'
import {
  CHANGE,
  makeProject,
  PLAN,
  PLAN_PATH,
  TASKS_EN,
  type Project,
  type ProjectOptions
} from './support/project.js'
import { settingsFor } from './support/settings.js'

const REPORT = 'logos/resources/verify/deployment-report.md'
const OLD_REPORT =
  '# Deployment report: old → staging\n\nkept   byte for byte\r\nwith odd endings\n'

let project: Project
let sentinels: string

beforeEach(async () => {
  sentinels = await fs.mkdtemp(path.join(os.tmpdir(), 'sentinels-'))
})

afterEach(async () => {
  await project.cleanup()
  await fs.rm(sentinels, { recursive: true, force: true })
})

function depsFor(root: string, overrides: Partial<Dependencies> = {}): Dependencies {
  return {
    log: recordingLog(),
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
    runKey: 'test-run-1',
    ...overrides
  }
}

async function run(
  options: ProjectOptions = {},
  inputs: Partial<Record<InputName, string>> = {},
  overrides: Partial<Dependencies> = {}
): Promise<DeploymentReport> {
  project = await makeProject({ ...options, files: { [REPORT]: OLD_REPORT, ...options.files } })
  return deploy(
    settingsFor(project.root, { environment: 'staging', ...inputs }),
    depsFor(project.root, overrides)
  )
}

const failingPlan = PLAN.replace(
  'run: touch "$SENTINEL_DIR/release-ran"',
  'run: touch "$SENTINEL_DIR/release-ran"; exit 9'
)

describe('a successful real run', () => {
  it.each([
    ['is missing', { [REPORT]: null }, false],
    ['exists', {}, true]
  ])(
    'writes the markers with the report elsewhere only when the OpenLogos report %s',
    async (_, files, expected) => {
      const report = await run({ files }, { 'report-path': 'docs/deployments.md' })

      expect(report.status).toBe('success')
      expect(await project.exists('docs/deployments.md')).toBe(true)
      expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(expected)
      expect(report.warnings.some(warning => warning.en.includes('markers were not written'))).toBe(
        !expected
      )
    }
  )

  it.each([
    ['exit 0', 'success', ['gate-ran', 'migrate-ran', 'release-ran']],
    ['exit 3', 'refused', ['gate-ran']]
  ])(
    "runs a flow overlay's cmd: verify gate with /bin/sh before anything (%s: %s)",
    async (exit, status, sentinelsLeft) => {
      const overlay = `overlay:\n  - op: modify\n    target: verify\n    set: { done_when: 'cmd: touch "$SENTINEL_DIR/gate-ran"; ${exit}' }\n  - op: set-loop\n    subflow: implement\n    set: { max_iters: 1 }\n`

      const report = await run({ markers: [], files: { 'logos/flow/launched.yaml': overlay } })

      expect(report.status).toBe(status)
      expect((await fs.readdir(sentinels)).sort()).toEqual(sentinelsLeft)
    }
  )

  it('writes the report on top of the old one and does what openlogos deploy-done does', async () => {
    const smoke = [`${CHANGE}/SMOKE_PASS`, `${CHANGE}/SMOKE_FAIL`]

    const report = await run({ markers: ['VERIFY_PASS', 'SMOKE_PASS', 'SMOKE_FAIL'] })

    expect(report.status).toBe('success')
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran', 'release-ran'])
    const text = await project.read(REPORT)
    expect(
      text.startsWith(
        '<!-- deploy-executor-record {"run":"test-run-1","markers":true,"environment":"staging","status":"success","version":"abcdef0"'
      )
    ).toBe(true)
    expect(text).toContain('# ✅ Deployed add-login')
    expect(text.endsWith(`\n---\n\n${OLD_REPORT}`)).toBe(true)
    expect(report.reportFile).toBe(REPORT)
    expect(await project.read(`${CHANGE}/tasks.md`)).toContain(
      '## [deploy] Deployment Tasks\n- [x] Deploy to staging per the plan\n- [x] Confirm migration'
    )
    expect(await project.read(`${CHANGE}/DEPLOY_DONE`)).toBe('')
    expect(await Promise.all(smoke.map(file => project.exists(file)))).toEqual([false, false])
  })

  it('leaves the markers alone with write-markers: false', async () => {
    const report = await run({}, { 'write-markers': 'false' })

    expect(report.status).toBe('success')
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
    expect(await project.read(`${CHANGE}/tasks.md`)).toContain('- [ ] Deploy to staging')
  })

  it('writes the report in Chinese for a zh project', async () => {
    await run({ locale: 'zh' })

    const text = await project.read(REPORT)
    expect(text).toContain('# ✅ 部署成功：add-login')
    expect(text).toContain('、部署摘要')
    expect(text).toContain('、执行命令摘要')
    expect(text).toContain('## 五、回滚点')
    expect(text).toContain('openlogos smoke --env staging')
  })

  it('takes the rollback point from the last successful deployment in the report file', async () => {
    await run()
    const first = await project.read(REPORT)
    const plan = PLAN.replace(
      'run: touch "$SENTINEL_DIR/release-ran"',
      'run: echo "$DEPLOY_PREVIOUS_VERSION" > "$SENTINEL_DIR/previous"'
    )
    await project.write(PLAN_PATH, plan)
    const deps = depsFor(project.root, {
      context: {
        isGitHub: false,
        branches: [],
        event: {},
        workspace: project.root,
        sha: '9999999aaaa'
      }
    })

    const second = await deploy(
      settingsFor(project.root, { environment: 'staging', redeploy: 'true' }),
      deps
    )

    expect(second.deployment.rollbackPoint?.version).toBe('abcdef0')
    expect((await fs.readFile(path.join(sentinels, 'previous'), 'utf8')).trim()).toBe('abcdef0')
    expect((await project.read(REPORT)).endsWith(first)).toBe(true)
  })
})

describe('a failed real run', () => {
  it('rolls back, records the failure and writes no marker', async () => {
    const report = await run({ files: { [PLAN_PATH]: failingPlan } })

    expect(report.status).toBe('rolled-back')
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran', 'migrate-undone', 'release-ran'])
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
    expect(await project.read(`${CHANGE}/tasks.md`)).toBe(TASKS_EN)
    const text = await project.read(REPORT)
    expect(text).toContain('"status":"rolled-back"')
    expect(text).toContain('| 2 | `release` | — | ❌ failed |')
    expect(text).toContain('> Step `release` failed (exit code 9) after')
    expect(text.endsWith(OLD_REPORT)).toBe(true)
  })

  it('refuses when the gate does not authorize, and runs nothing', async () => {
    const report = await run({}, {}, { gate: localConfirmation(undefined, 'tester') })

    expect(report.status).toBe('refused')
    expect(report.checks.at(-1)).toMatchObject({
      title: { en: 'the deployment is authorized' },
      status: 'failed'
    })
    expect(await fs.readdir(sentinels)).toEqual([])
    expect(await project.read(REPORT)).toBe(OLD_REPORT)
  })
})

describe('a metric check with a baseline', () => {
  /** A plan whose metric command prints the next line of $SENTINEL_DIR/../rates (outside the sentinels). */
  const metricPlan = (baseline: string): string =>
    PLAN.replace(
      'health:\n  - name: Site answers\n    url: ${DEPLOY_URL}/healthz\n',
      `health:
  - name: error rate
    run: head -n 1 "$RATES"; sed -i 1d "$RATES"
    interval: 30s
    metric: { max: 0.05, baseline: ${baseline} }
`
    )

  async function runWithRates(baseline: string, rates: string[]): Promise<DeploymentReport> {
    const file = path.join(os.tmpdir(), `rates-${process.pid}-${Date.now()}`)
    await fs.writeFile(file, rates.map(rate => `${rate}\n`).join(''))
    try {
      project = await makeProject({
        files: { [REPORT]: OLD_REPORT, [PLAN_PATH]: metricPlan(baseline) }
      })
      const deps = depsFor(project.root)
      return await deploy(settingsFor(project.root, { environment: 'staging' }), {
        ...deps,
        env: { ...deps.env, RATES: file }
      })
    } finally {
      await fs.rm(file, { force: true })
    }
  }

  it('measures the baseline before the first step and judges the checks against it', async () => {
    const report = await runWithRates('{ max-increase: 50% }', ['0.012', '0.010', '0.011', '0.016'])

    expect(report.status).toBe('success')
    expect(report.baselines).toEqual([
      expect.objectContaining({ check: 'error rate', value: '0.011', isRequired: true })
    ])
    expect(report.health[0]?.metric).toMatchObject({ baseline: '0.011', max: '0.0165' })
    expect(Date.parse(report.baselines?.[0]?.startedAt ?? '')).toBeLessThanOrEqual(
      Date.parse(report.steps[0]?.startedAt ?? '')
    )
  })

  it('refuses before any step runs when the baseline cannot be measured, and writes nothing', async () => {
    const report = await runWithRates('{ max-increase: 50% }', ['0.012', 'ERROR: no data'])

    expect(report.status).toBe('refused')
    expect(await fs.readdir(sentinels)).toEqual([])
    expect(report.steps).toEqual([])
    expect(inEnglish(report.checks.at(-1))).toMatchObject({
      title: 'the metric baselines are measured',
      status: 'failed',
      detail:
        'The baseline of "error rate" could not be measured before the first step: sample 2 of 3 printed "ERROR: no data", which is not a number.'
    })
    expect(await project.read(REPORT)).toBe(OLD_REPORT)
    expect(await project.exists(`${CHANGE}/DEPLOY_DONE`)).toBe(false)
  })

  it('with required: false, deploys with the absolute bound only and says so', async () => {
    const report = await runWithRates('{ max-increase: 50%, required: false }', ['n/a', '0.04'])

    expect(report.status).toBe('success')
    expect(await fs.readdir(sentinels)).toEqual(['migrate-ran', 'release-ran'])
    expect(report.health[0]?.metric).toMatchObject({ isBaselineMissing: true, max: '0.05' })
    expect(await project.read(REPORT)).toContain(
      'The baseline of &quot;error rate&quot; could not be measured: its relative bounds were off for this run (baseline.required: false).'
    )
  })
})
