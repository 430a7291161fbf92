/** Real steps in real processes: order, skipping, continue-on-error, DEPLOY_OUTPUT, rollback, canary, targets. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { bashRunner } from '../../src/execution/command-runner.js'
import { executeRunPlan, type Execution } from '../../src/execution/execute.js'
import { planSchema, type Plan } from '../../src/plan/schema.js'
import { jobEnvironment } from '../../src/execution/step-environment.js'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import { deploymentOf } from '../support/builders.js'
import { FakeClock, recordingLog, scriptedProbe, type RecordedLog } from '../support/fakes.js'
import type { ProbeAnswer } from '../../src/execution/health.js'
import { baselineKeyOf } from '../../src/execution/metric.js'

let root: string
let log: RecordedLog

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'execution-'))
  log = recordingLog()
})

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

function plan(yaml: string): Plan {
  return planSchema.parse(
    parse(
      `deploy-executor: 1\nenvironments:\n  staging: { url: 'https://staging.example.com', variables: { APP_ENV: staging-vars } }\n  production: {}\n${yaml}`
    )
  )
}

interface Options {
  signal?: AbortSignal
  environment?: string
  targets?: string[]
  mode?: 'deploy' | 'canary'
  rollbackOnFailure?: boolean
  answers?: ProbeAnswer[]
  job?: Record<string, string>
  baselines?: Map<string, number | undefined>
}

function execute(thePlan: Plan, options: Options = {}): Promise<Execution> {
  const deployment = deploymentOf({
    environment: options.environment ?? 'staging',
    targets: options.targets ?? Object.keys(thePlan.targets),
    mode: options.mode ?? 'deploy',
    id: '17',
    rollbackPoint: { sha: 'fff000', version: 'v1' }
  })
  return executeRunPlan(
    {
      runPlan: buildRunPlan(thePlan, deployment, 10_000),
      deployment,
      root,
      job: { PATH: process.env['PATH'] ?? '', JOURNAL: path.join(root, 'journal'), ...options.job },
      rollbackOnFailure: options.rollbackOnFailure ?? true,
      rollbackOnCancel: true,
      ...(options.baselines ? { baselines: options.baselines } : {})
    },
    {
      runner: bashRunner({ killGraceMs: 200, drainMs: 200 }),
      probe: scriptedProbe(options.answers ?? [{ status: 200, body: 'ok' }]),
      clock: new FakeClock(),
      log,
      tempDir: root,
      signal: options.signal
    }
  )
}

async function journal(): Promise<string[]> {
  const text = await fs.readFile(path.join(root, 'journal'), 'utf8').catch(() => '')
  return text.split('\n').filter(Boolean)
}

describe('executeRunPlan', () => {
  it('runs the steps in order and succeeds', async () => {
    const result = await execute(
      plan(
        'steps:\n  - { id: one, run: echo one >> "$JOURNAL" }\n  - { id: two, run: echo two >> "$JOURNAL" }\n'
      )
    )

    expect(result.status).toBe('success')
    expect(result.steps.map(step => [step.id, step.status, step.exitCode])).toEqual([
      ['one', 'succeeded', 0],
      ['two', 'succeeded', 0]
    ])
    expect(await journal()).toEqual(['one', 'two'])
  })

  it('keeps out of every step what would run code before it or reach the runner', async () => {
    const early = path.join(root, 'early.sh')
    await fs.writeFile(early, `echo bash-env-ran >> "${path.join(root, 'journal')}"\n`)
    const steps = `steps:
  - id: show
    run: |
      touch marker
      echo "env=\${ENV:-unset} github_env=\${GITHUB_ENV:-unset} github_path=\${GITHUB_PATH:-unset}" >> "$JOURNAL"
      (declare -F | grep -q sneaky && echo function=leaked || echo function=hidden) >> "$JOURNAL"
`
    await execute(plan(steps), {
      job: jobEnvironment({
        BASH_ENV: early,
        ENV: early,
        'BASH_FUNC_sneaky%%': '() { echo sneaky; }',
        GITHUB_ENV: '/runner/env',
        GITHUB_PATH: '/runner/path'
      })
    })

    expect(await journal()).toEqual([
      'env=unset github_env=unset github_path=unset',
      'function=hidden'
    ])
  })

  it('gives every step the environment of the contract', async () => {
    const steps = `steps:
  - id: show
    env: { APP_ENV: step-wins, EXTRA: "1" }
    run: |
      for name in APP_ENV EXTRA DEPLOY_ENVIRONMENT DEPLOY_VERSION DEPLOY_SHA DEPLOY_REF DEPLOY_ID DEPLOY_URL DEPLOY_MODE DEPLOY_TARGETS DEPLOY_TARGET DEPLOY_PROPOSAL DEPLOY_PREVIOUS_SHA DEPLOY_PREVIOUS_VERSION; do
        echo "$name=\${!name}" >> "$JOURNAL"
      done
      (env | grep -q '^INPUT_' && echo INPUT=leaked || echo INPUT=hidden) >> "$JOURNAL"
`
    await execute(plan(steps), {
      job: jobEnvironment({ 'INPUT_GITHUB-TOKEN': 'ghs_x', APP_ENV: 'job', GITHUB_OUTPUT: '/x' })
    })

    expect(await journal()).toEqual([
      'APP_ENV=step-wins',
      'EXTRA=1',
      'DEPLOY_ENVIRONMENT=staging',
      'DEPLOY_VERSION=v2',
      'DEPLOY_SHA=abc123',
      'DEPLOY_REF=refs/heads/main',
      'DEPLOY_ID=17',
      'DEPLOY_URL=https://staging.example.com',
      'DEPLOY_MODE=deploy',
      'DEPLOY_TARGETS=default',
      'DEPLOY_TARGET=',
      'DEPLOY_PROPOSAL=add-login',
      'DEPLOY_PREVIOUS_SHA=fff000',
      'DEPLOY_PREVIOUS_VERSION=v1',
      'INPUT=hidden'
    ])
  })

  it('stops at the first failure, skips the rest and rolls back newest first', async () => {
    const steps = `steps:
  - { id: one, run: echo one >> "$JOURNAL", rollback: echo undo-one "$DEPLOY_FAILED_STEP" >> "$JOURNAL" }
  - { id: two, run: echo two >> "$JOURNAL", rollback: echo undo-two >> "$JOURNAL" }
  - { id: three, run: 'echo three >> "$JOURNAL"; exit 7', rollback: echo undo-three >> "$JOURNAL" }
  - { id: four, run: echo four >> "$JOURNAL", rollback: echo undo-four >> "$JOURNAL" }
rollback:
  steps:
    - { id: restore, run: echo restore "$DEPLOY_PREVIOUS_VERSION" >> "$JOURNAL" }
`
    const result = await execute(plan(steps))

    expect(result.status).toBe('rolled-back')
    expect(result.steps.map(step => [step.id, step.status])).toEqual([
      ['one', 'succeeded'],
      ['two', 'succeeded'],
      ['three', 'failed'],
      ['four', 'skipped']
    ])
    expect(result.steps[2]?.exitCode).toBe(7)
    expect(await journal()).toEqual([
      'one',
      'two',
      'three',
      'undo-three',
      'undo-two',
      'undo-one three',
      'restore v1'
    ])
    expect(result.rollback).toMatchObject({ cause: 'three', isComplete: true })
    expect(result.rollback?.steps.map(step => step.id)).toEqual(['three', 'two', 'one', 'restore'])
  })

  it('runs every rollback step even when one fails, and reports failure', async () => {
    const steps = `steps:
  - { id: one, run: 'true', rollback: echo undo-one >> "$JOURNAL" }
  - { id: two, run: 'true', rollback: 'echo undo-two >> "$JOURNAL"; exit 1' }
  - { id: three, run: 'exit 2' }
`
    const result = await execute(plan(steps))

    expect(result.status).toBe('failure')
    expect(await journal()).toEqual(['undo-two', 'undo-one'])
    expect(result.rollback?.steps.map(step => [step.id, step.status])).toEqual([
      ['two', 'failed'],
      ['one', 'succeeded']
    ])
    expect(result.rollback?.isComplete).toBe(false)
  })

  it('leaves everything as it is when rollback-on-failure is off', async () => {
    const result = await execute(
      plan('steps:\n  - { id: one, run: "exit 1", rollback: echo undone >> "$JOURNAL" }\n'),
      { rollbackOnFailure: false }
    )

    expect(result.status).toBe('failure')
    expect(result.rollback).toBeUndefined()
    expect(await journal()).toEqual([])
    expect(result.warnings[0]?.en).toContain('nothing was undone')
  })

  it('passes over a failing step marked continue-on-error', async () => {
    const steps =
      'steps:\n  - { id: optional, run: "exit 1", continue-on-error: true }\n  - { id: next, run: echo next >> "$JOURNAL" }\nrollback: { steps: [ { id: r, run: "true" } ] }\n'

    const result = await execute(plan(steps))

    expect(result.status).toBe('success')
    expect(await journal()).toEqual(['next'])
    expect(result.warnings.map(warning => warning.en)).toEqual([
      'step optional failed and was passed over (continue-on-error)'
    ])
  })

  it('starts no step once the run is cancelled', async () => {
    const controller = new AbortController()
    const steps =
      'steps:\n  - { id: one, run: echo one >> "$JOURNAL", rollback: echo undo-one >> "$JOURNAL" }\n  - { id: two, run: echo two >> "$JOURNAL" }\n'
    const done = execute(plan(steps), { signal: controller.signal })
    controller.abort()

    const result = await done

    expect(result.status).toBe('cancelled')
    expect(result.steps.map(step => [step.id, step.status, step.note?.en])).toEqual([
      ['one', 'skipped', 'not run: the run was cancelled'],
      ['two', 'skipped', 'not run: the run was cancelled']
    ])
    expect(await journal()).toEqual([])
  })

  it('records a timed-out step and rolls back', async () => {
    const result = await execute(
      plan(
        'steps:\n  - { id: slow, run: sleep 30, timeout: 1s, rollback: echo undone >> "$JOURNAL" }\n'
      )
    )

    expect(result.steps[0]?.status).toBe('timed-out')
    expect(result.status).toBe('rolled-back')
    expect(await journal()).toEqual(['undone'])
  })

  it('reads DEPLOY_OUTPUT: values, blocks, and url for the later steps', async () => {
    const steps = `steps:
  - id: release
    run: |
      echo "url=https://preview-42.example.com" >> "$DEPLOY_OUTPUT"
      printf 'notes<<EOF\\nline one\\nline two\\nEOF\\n' >> "$DEPLOY_OUTPUT"
  - id: after
    run: echo "$DEPLOY_URL" >> "$JOURNAL"
`
    const result = await execute(plan(steps))

    expect(result.steps[0]?.outputs).toEqual({
      url: 'https://preview-42.example.com',
      notes: 'line one\nline two'
    })
    expect(await journal()).toEqual(['https://preview-42.example.com'])
    expect(result.deployUrl).toBe('https://preview-42.example.com')
  })

  it('fails a step whose working directory does not exist, without running it', async () => {
    const result = await execute(
      plan('steps:\n  - { id: one, run: echo ran >> "$JOURNAL", working-directory: missing }\n'),
      { rollbackOnFailure: false }
    )

    expect(result.steps[0]).toMatchObject({
      status: 'failed',
      note: { en: "working-directory 'missing' does not exist" }
    })
    expect(await journal()).toEqual([])
  })

  it('fails on an unhealthy check and rolls back, with the check as the cause', async () => {
    const steps =
      'steps:\n  - { id: release, run: "true", rollback: echo undone >> "$JOURNAL" }\nhealth:\n  - { url: "${DEPLOY_URL}/healthz", retries: 2 }\n'

    const result = await execute(plan(steps), { answers: [{ status: 500, body: '' }] })

    expect(result.status).toBe('rolled-back')
    expect(result.health[0]).toMatchObject({ isHealthy: false, probes: 2 })
    expect(result.rollback?.cause).toBe(
      "health check 'https://staging.example.com/healthz'".replace(
        'https://staging.example.com',
        '${DEPLOY_URL}'
      )
    )
    expect(await journal()).toEqual(['undone'])
  })

  it('streams step output to the log inside a group that names the step and the environment', async () => {
    await execute(
      plan('steps:\n  - { id: hello, name: Say hello, purpose: Greets, run: echo hi-there }\n')
    )

    const text = log.text()
    expect(text).toContain('[group] Step 1/1: Say hello [hello]')
    expect(text).toContain('Purpose: Greets')
    expect(text).toContain('Environment: staging (https://staging.example.com)')
    expect(text).toContain('[output] hi-there\n')
  })
})

describe('canary mode', () => {
  const canaryPlan = `steps:
  - { id: promote, run: echo promote >> "$JOURNAL", rollback: echo undo-promote >> "$JOURNAL" }
canary:
  steps:
    - { id: canary, run: echo canary "$DEPLOY_MODE" >> "$JOURNAL", rollback: echo undo-canary >> "$JOURNAL" }
  watch: 30s
health:
  - { url: "https://staging.example.com/healthz", interval: 10s, retries: 1 }
`

  it('promotes after a healthy canary analysis', async () => {
    const result = await execute(plan(canaryPlan), { mode: 'canary' })

    expect(result.status).toBe('success')
    expect(await journal()).toEqual(['canary canary', 'promote'])
    expect(result.health.map(record => [record.phase, record.isHealthy, record.probes])).toEqual([
      ['canary', true, 4],
      ['deploy', true, 1]
    ])
  })

  it('rolls back an unhealthy canary and never runs the promotion', async () => {
    const result = await execute(plan(canaryPlan), {
      mode: 'canary',
      answers: [
        { status: 200, body: '' },
        { status: 500, body: '' }
      ]
    })

    expect(result.status).toBe('rolled-back')
    expect(await journal()).toEqual(['canary canary', 'undo-canary'])
    expect(result.steps.map(step => [step.id, step.phase, step.status])).toEqual([
      ['canary', 'canary', 'succeeded'],
      ['promote', 'deploy', 'skipped']
    ])
  })
})

describe('canary increments', () => {
  const incrementsPlan = (analysis: string): string => `steps:
  - id: promote
    run: echo promote "\${DEPLOY_CANARY_WEIGHT-unset}" >> "$JOURNAL"
    rollback: echo undo-promote >> "$JOURNAL"
canary:
  increments: [5, 25, 50]
  steps:
    - id: shift
      run: echo shift "\${DEPLOY_CANARY_WEIGHT-unset}" >> "$JOURNAL"
      rollback: echo undo-shift "$DEPLOY_CANARY_WEIGHT" >> "$JOURNAL"
  health:
    - { name: canary errors, run: '${analysis}', retries: 1 }
health:
  - name: site
    run: echo site "\${DEPLOY_CANARY_WEIGHT-unset}" >> "$JOURNAL"
    retries: 1
rollback:
  steps:
    - { id: restore, run: echo restore "$DEPLOY_CANARY_WEIGHT" "$DEPLOY_FAILED_STEP" >> "$JOURNAL" }
`
  const analysis = 'echo analysis "${DEPLOY_CANARY_WEIGHT-unset}" >> "$JOURNAL"'

  it('runs the canary steps and their analysis at each increment in order, then promotes at 100', async () => {
    const result = await execute(plan(incrementsPlan(analysis)), { mode: 'canary' })

    expect(result.status).toBe('success')
    expect(await journal()).toEqual([
      'shift 5',
      'analysis 5',
      'shift 25',
      'analysis 25',
      'shift 50',
      'analysis 50',
      'promote 100',
      'site 100'
    ])
    expect(result.steps.map(step => [step.id, step.phase, step.weight])).toEqual([
      ['shift', 'canary', 5],
      ['shift', 'canary', 25],
      ['shift', 'canary', 50],
      ['promote', 'deploy', 100]
    ])
    expect(result.health.map(check => [check.name, check.weight, check.isHealthy])).toEqual([
      ['canary errors', 5, true],
      ['canary errors', 25, true],
      ['canary errors', 50, true],
      ['site', 100, true]
    ])
  })

  it('rolls back after a failed analysis at the second increment and never promotes', async () => {
    const failingAt25 = `${analysis}; test "$DEPLOY_CANARY_WEIGHT" != 25`

    const result = await execute(plan(incrementsPlan(failingAt25)), { mode: 'canary' })

    expect(result.status).toBe('rolled-back')
    expect(await journal()).toEqual([
      'shift 5',
      'analysis 5',
      'shift 25',
      'analysis 25',
      'undo-shift 25',
      "restore 25 health check 'canary errors'"
    ])
    expect(result.steps.map(step => [step.id, step.weight, step.status])).toEqual([
      ['shift', 5, 'succeeded'],
      ['shift', 25, 'succeeded'],
      ['shift', 50, 'skipped'],
      ['promote', 100, 'skipped']
    ])
    expect(result.rollback?.steps.map(step => step.id)).toEqual(['shift', 'restore'])
  })

  it('leaves DEPLOY_CANARY_WEIGHT unset without increments, whatever the job sets', async () => {
    const once = plan(incrementsPlan(analysis).replace('  increments: [5, 25, 50]\n', ''))

    await execute(once, { mode: 'canary', job: { DEPLOY_CANARY_WEIGHT: '77' } })

    expect(await journal()).toEqual([
      'shift unset',
      'analysis unset',
      'promote unset',
      'site unset'
    ])
  })

  it('judges a metric check against the same baseline at each increment', async () => {
    await fs.writeFile(path.join(root, 'rates'), '0.012\n0.030\n')
    const metricPlan = plan(`steps:
  - { id: promote, run: "true" }
canary:
  increments: [10, 50]
  steps: [ { id: shift, run: "true", rollback: echo undo-shift "$DEPLOY_CANARY_WEIGHT" >> "$JOURNAL" } ]
  health:
    - name: error rate
      run: head -n 1 rates; sed -i 1d rates
      retries: 1
      metric: { baseline: { max-increase: 50% } }
`)
    const check = metricPlan.canary?.health?.[0]
    const key = check ? (baselineKeyOf(check) ?? '') : ''

    const result = await execute(metricPlan, { mode: 'canary', baselines: new Map([[key, 0.01]]) })

    expect(result.status).toBe('rolled-back')
    expect(
      result.health.map(record => [record.weight, record.isHealthy, record.metric?.samples])
    ).toEqual([
      [10, true, [{ n: 1, reading: 'number', value: '0.012', verdict: 'within' }]],
      [50, false, [{ n: 1, reading: 'number', value: '0.030', verdict: 'above' }]]
    ])
    expect(result.health[1]?.metric).toMatchObject({ baseline: '0.01', max: '0.015' })
    expect(await journal()).toEqual(['undo-shift 50'])
  })
})

describe('targets', () => {
  it('runs only the steps of the selected targets, and never a disabled one', async () => {
    const steps = `targets:
  web: { primary: true }
  api: {}
  worker: { enabled: false }
steps:
  - { id: web, target: web, run: echo web >> "$JOURNAL" }
  - { id: api, target: api, run: echo api "$DEPLOY_TARGETS" "$DEPLOY_TARGET" >> "$JOURNAL" }
  - { id: worker, target: worker, run: echo worker >> "$JOURNAL" }
  - { id: all, run: echo all >> "$JOURNAL" }
  - { id: prod-only, environments: [production], run: echo prod >> "$JOURNAL" }
`
    await execute(plan(steps), { targets: ['web', 'api'] })

    expect(await journal()).toEqual(['web', 'api web,api api', 'all'])
  })
})
