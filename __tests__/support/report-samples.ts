/** One report of each kind a run can end in, for the renderers' tests and the screenshots. */
import { passed, failed, wouldRefuse } from '../../src/core/check.js'
import { listOf, verbatim } from '../../src/core/message.js'
import { say as executionSay } from '../../src/execution/messages.js'
import { say as githubSay } from '../../src/github/messages.js'
import { say as openlogosSay } from '../../src/openlogos/messages.js'
import { say as planSay } from '../../src/plan/messages.js'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import { planSchema } from '../../src/plan/schema.js'
import type {
  DeploymentReport,
  HealthRecord,
  MetricSample,
  StepRecord
} from '../../src/report/model.js'
import { parse } from 'yaml'
import { deploymentOf, reportOf } from './builders.js'

/** The plan behind every sample: two targets, three steps, one health check, a rollback. */
export const SAMPLE_PLAN = planSchema.parse(
  parse(`
deploy-executor: 1
targets: { web: { primary: true }, api: {} }
environments: { staging: { url: https://staging.example.com } }
steps:
  - { id: migrate, name: Migrate the database, purpose: New columns, target: api, run: ./migrate.sh, rollback: ./migrate.sh down }
  - { id: release, target: web, run: "./release.sh \\"$DEPLOY_VERSION\\"", timeout: 5m }
  - { id: notify, run: echo done, environments: [staging] }
health:
  - { name: API answers, url: "\${DEPLOY_URL}/healthz", expect-status: 200, expect-body: ok, interval: 5s, timeout: 3s, retries: 12, watch: 2m, failure-limit: 1 }
rollback:
  steps: [ { id: redeploy-previous, run: ./release.sh "$DEPLOY_PREVIOUS_VERSION" } ]
`)
)

const deployment = deploymentOf({
  targets: ['web', 'api'],
  version: 'v1.4.0',
  sha: '0123456789abcdef0123456789abcdef01234567',
  id: '1234',
  rollbackPoint: { sha: 'fedcba9', version: 'v1.3.2' },
  changes: {
    total: 2,
    commits: [
      { sha: 'bbbbbbb222', message: 'Add the orders table', author: 'bob' },
      { sha: 'ccccccc333', message: 'Show orders on the status page', author: 'alice' }
    ]
  }
})

const PLAN_FILE = 'logos/resources/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md'

const checks = [
  passed(openlogosSay.verifyTitle, openlogosSay.verifyPassed('VERIFY_PASS', 'VERIFY_FAIL')),
  passed(openlogosSay.codeTasksTitle, openlogosSay.codeTasksDone(4)),
  passed(planSay.validTitle, planSay.stepCount(PLAN_FILE, 3))
]

const at = (seconds: number): string =>
  new Date(Date.parse('2026-05-24T10:00:00Z') + seconds * 1000).toISOString()

function step(
  id: string,
  name: string,
  seconds: number,
  durationMs: number,
  fields: Partial<StepRecord> = {}
): StepRecord {
  return {
    id,
    name,
    phase: 'deploy',
    status: 'succeeded',
    startedAt: at(seconds),
    durationMs,
    exitCode: 0,
    outputs: {},
    ...fields
  }
}

const base = {
  planFile: PLAN_FILE,
  startedAt: at(0),
  runPlan: buildRunPlan(SAMPLE_PLAN, deployment, 1_800_000),
  checks,
  deployUrl: 'https://staging.example.com',
  authorization: githubSay.approvedBy(
    githubSay.approverSaying('alice', 'ship it'),
    'staging',
    githubSay.reviewers(verbatim('@alice')),
    verbatim('@bob')
  ),
  approvals: [{ user: 'alice', comment: 'ship it' }],
  runUrl: 'https://github.com/acme/site/actions/runs/42',
  isSmokeRequired: true
}

const migrated = step('migrate', 'Migrate the database', 0, 12_300, { target: 'api' })
const failedRelease = step('release', 'release', 12.3, 4_100, {
  target: 'web',
  status: 'failed',
  exitCode: 2,
  outputTail:
    'Applying migration 0042_orders\nERROR: relation "orders" already exists\n  at migrate.sql:3\nmigration failed\n'
})
const notRun = step('notify', 'notify', 0, 0, {
  status: 'skipped',
  note: executionSay.notRunAfter('release'),
  startedAt: undefined,
  exitCode: undefined
})

/** A canary through increments whose error rate broke its baseline bound at 25%. */
export const CANARY_PLAN = planSchema.parse(
  parse(`
deploy-executor: 1
environments: { staging: { url: https://staging.example.com } }
steps:
  - { id: release, run: ./release.sh, rollback: ./release.sh --undo }
canary:
  increments: [5, 25, 50]
  steps:
    - { id: shift-traffic, run: ./shift.sh "$DEPLOY_CANARY_WEIGHT", rollback: ./shift.sh 0 }
  watch: 2m
health:
  - name: error rate
    run: ./scripts/error-rate.sh
    interval: 30s
    failure-limit: 1
    metric: { max: 0.05, baseline: { max-increase: 50% } }
rollback:
  steps: [ { id: redeploy-previous, run: ./release.sh "$DEPLOY_PREVIOUS_VERSION" } ]
`)
)

const canaryDeployment = { ...deployment, mode: 'canary' as const, targets: ['default'] }

function errorRate(
  weight: number,
  seconds: number,
  values: string[],
  isHealthy: boolean
): HealthRecord {
  const samples = values.map((value, index): MetricSample => {
    const number = Number(value)
    if (Number.isNaN(number)) return { n: index + 1, reading: 'not-a-number', printed: value }
    return { n: index + 1, reading: 'number', value, verdict: number > 0.018 ? 'above' : 'within' }
  })
  return {
    name: 'error rate',
    kind: 'command',
    phase: 'canary',
    weight,
    startedAt: at(seconds),
    isHealthy,
    probes: samples.length,
    failures: samples.filter(sample => sample.verdict !== 'within').length,
    durationMs: (samples.length - 1) * 30_000,
    metric: {
      rule: { max: '0.05', maxIncrease: '50%' },
      baseline: '0.012',
      max: '0.018',
      samples
    }
  }
}

/** A fleet of four hosts, two at once, one failure tolerated. */
export const FLEET_PLAN = planSchema.parse(
  parse(`
deploy-executor: 1
targets:
  web-1: { variables: { HOST: 10.0.0.11 } }
  web-2: { variables: { HOST: 10.0.0.12 } }
  web-3: { variables: { HOST: 10.0.0.13 } }
  web-4: { variables: { HOST: 10.0.0.14 } }
environments: { staging: {} }
rollout: { max-parallel: 2, pause: 30s, max-failed-targets: 1 }
steps:
  - { id: build, run: ./build.sh }
  - { id: upload, per-target: true, run: "scp dist.tgz $HOST:", rollback: "ssh $HOST rm dist.tgz" }
  - { id: restart, per-target: true, run: "ssh $HOST systemctl restart site", rollback: "ssh $HOST ./previous.sh" }
health:
  - { name: host answers, per-target: true, url: "http://\${HOST}/healthz" }
rollback:
  steps: [ { id: redeploy-previous, run: ./release.sh "$DEPLOY_PREVIOUS_VERSION" } ]
`)
)

const fleetDeployment = { ...deployment, targets: ['web-1', 'web-2', 'web-3', 'web-4'] }

function onTarget(
  target: string,
  seconds: number,
  restart: StepRecord['status'] = 'succeeded'
): StepRecord[] {
  return [
    step('upload', 'upload', seconds, 2_000, { target }),
    step('restart', 'restart', seconds + 2, 3_000, {
      target,
      status: restart,
      ...(restart === 'succeeded' ? {} : { exitCode: 1 })
    })
  ]
}

function hostCheck(target: string, seconds: number, isHealthy = true): HealthRecord {
  return {
    name: 'host answers',
    kind: 'http',
    phase: 'deploy',
    startedAt: at(seconds),
    isHealthy,
    probes: isHealthy ? 1 : 3,
    failures: isHealthy ? 0 : 3,
    ...(isHealthy ? { lastStatus: executionSay.http(200) } : { lastError: executionSay.http(502) }),
    durationMs: 1_000,
    target
  }
}

export const SAMPLES: Record<string, DeploymentReport> = {
  success: reportOf({
    ...base,
    deployment,
    durationMs: 150_000,
    steps: [
      migrated,
      step('release', 'release', 12.3, 40_000, { target: 'web' }),
      step('notify', 'notify', 52.3, 300)
    ],
    health: [
      {
        name: 'API answers',
        kind: 'http',
        phase: 'deploy',
        startedAt: at(53),
        isHealthy: true,
        probes: 26,
        failures: 1,
        lastStatus: executionSay.http(200),
        durationMs: 97_000
      }
    ]
  }),
  failure: reportOf({
    ...base,
    status: 'failure',
    deployment,
    durationMs: 30_000,
    steps: [migrated, failedRelease, notRun],
    rollback: {
      cause: 'release',
      isComplete: false,
      durationMs: 9_000,
      steps: [
        step('migrate', 'Migrate the database', 17, 3_000, {
          phase: 'rollback',
          undoes: 'migrate',
          status: 'failed',
          exitCode: 1
        })
      ]
    },
    warnings: [executionSay.rollbackIncomplete(listOf(['migrate']))]
  }),
  'rolled-back': reportOf({
    ...base,
    status: 'rolled-back',
    deployment,
    durationMs: 30_000,
    steps: [migrated, failedRelease, notRun],
    rollback: {
      cause: 'release',
      isComplete: true,
      durationMs: 9_000,
      steps: [
        step('migrate', 'Migrate the database', 17, 3_000, {
          phase: 'rollback',
          undoes: 'migrate'
        }),
        step('redeploy-previous', 'redeploy-previous', 20, 6_000, { phase: 'rollback' })
      ]
    }
  }),
  cancelled: reportOf({
    ...base,
    status: 'cancelled',
    deployment,
    durationMs: 20_000,
    steps: [
      migrated,
      step('release', 'release', 12.3, 2_000, {
        status: 'cancelled',
        exitCode: undefined,
        signal: 'SIGTERM',
        note: executionSay.cancelled
      })
    ],
    rollback: {
      cause: 'cancellation',
      isComplete: true,
      durationMs: 4_000,
      steps: [
        step('migrate', 'Migrate the database', 15, 3_000, { phase: 'rollback', undoes: 'migrate' })
      ]
    }
  }),
  refused: reportOf({
    status: 'refused',
    deployment: { ...deployment, id: undefined, rollbackPoint: undefined, changes: undefined },
    startedAt: at(0),
    durationMs: 40,
    checks: [
      ...checks.slice(0, 1),
      failed(
        openlogosSay.codeTasksTitle,
        openlogosSay.openUnderCode(
          openlogosSay.openTasks(1, openlogosSay.taskAt(3, 'two'), 0),
          'logos/changes/add-login/tasks.md'
        ),
        openlogosSay.finishCodeFix
      ),
      failed(
        planSay.executableTitle,
        planSay.notExecutable(PLAN_FILE, planSay.noInlineCommands),
        planSay.notExecutableFix(
          PLAN_FILE,
          '---\ndeploy-executor: 1\nenvironments:\n  staging: {}\n---'
        )
      )
    ]
  }),
  'canary-metric': reportOf({
    ...base,
    status: 'rolled-back',
    deployment: canaryDeployment,
    runPlan: buildRunPlan(CANARY_PLAN, canaryDeployment, 1_800_000),
    durationMs: 330_000,
    baselines: [
      {
        check: 'error rate',
        startedAt: at(0),
        durationMs: 60_000,
        samples: ['0.011', '0.012', '0.014'].map((value, index) => ({
          n: index + 1,
          reading: 'number',
          value
        })),
        value: '0.012',
        isRequired: true
      }
    ],
    steps: [
      step('shift-traffic', 'shift-traffic', 60, 2_000, { phase: 'canary', weight: 5 }),
      step('shift-traffic', 'shift-traffic', 182, 2_000, { phase: 'canary', weight: 25 }),
      step('shift-traffic', 'shift-traffic', 0, 0, {
        phase: 'canary',
        weight: 50,
        status: 'skipped',
        note: executionSay.notRunAfter("health check 'error rate'"),
        startedAt: undefined,
        exitCode: undefined
      }),
      step('release', 'release', 0, 0, {
        weight: 100,
        status: 'skipped',
        note: executionSay.notRunAfter("health check 'error rate'"),
        startedAt: undefined,
        exitCode: undefined
      })
    ],
    health: [
      errorRate(5, 62, ['0.012', '0.011', '0.013', '0.012', '0.012'], true),
      errorRate(25, 184, ['0.013', 'n/a', '0.021', '0.034'], false)
    ],
    rollback: {
      cause: "health check 'error rate'",
      isComplete: true,
      durationMs: 8_000,
      steps: [
        step('shift-traffic', 'shift-traffic', 275, 2_000, {
          phase: 'rollback',
          undoes: 'shift-traffic',
          weight: 25
        }),
        step('redeploy-previous', 'redeploy-previous', 277, 5_000, {
          phase: 'rollback',
          weight: 25
        })
      ]
    }
  }),
  fleet: reportOf({
    ...base,
    status: 'rolled-back',
    deployment: fleetDeployment,
    runPlan: buildRunPlan(FLEET_PLAN, fleetDeployment, 1_800_000),
    durationMs: 80_000,
    steps: [
      step('build', 'build', 0, 10_000),
      ...onTarget('web-1', 10),
      ...onTarget('web-2', 10, 'failed'),
      ...onTarget('web-3', 46),
      ...onTarget('web-4', 46)
    ],
    health: [hostCheck('web-1', 15), hostCheck('web-3', 51), hostCheck('web-4', 51, false)],
    targets: [
      { target: 'web-1', status: 'deployed' },
      { target: 'web-2', status: 'undone', cause: 'restart' },
      { target: 'web-3', status: 'deployed' },
      { target: 'web-4', status: 'failed', cause: "health check 'host answers'" }
    ],
    undoneTargets: [
      step('restart', 'restart', 15, 1_000, {
        phase: 'rollback',
        undoes: 'restart',
        target: 'web-2'
      }),
      step('upload', 'upload', 16, 1_000, { phase: 'rollback', undoes: 'upload', target: 'web-2' })
    ],
    rollback: {
      cause: "target web-4: health check 'host answers'",
      isComplete: true,
      durationMs: 20_000,
      steps: [
        ...['web-1', 'web-3', 'web-4'].flatMap((target, index) => [
          step('restart', 'restart', 60 + index, 2_000, {
            phase: 'rollback',
            undoes: 'restart',
            target
          }),
          step('upload', 'upload', 62 + index, 1_000, {
            phase: 'rollback',
            undoes: 'upload',
            target
          })
        ]),
        step('redeploy-previous', 'redeploy-previous', 70, 6_000, { phase: 'rollback' })
      ]
    },
    warnings: [executionSay.targetUndone('web-2', 'restart', 1)]
  }),
  'dry-run': reportOf({
    ...base,
    status: 'dry-run',
    deployment: {
      ...deployment,
      isDryRun: true,
      id: undefined,
      rollbackPoint: undefined,
      changes: undefined
    },
    authorization: undefined,
    approvals: [],
    deployUrl: undefined,
    durationMs: 120,
    checks: [
      ...checks,
      wouldRefuse(
        planSay.secretsTitle,
        planSay.secretsMissing(listOf(['API_KEY']), 1, PLAN_FILE),
        planSay.secretsFix(1, 'API_KEY: ${{ secrets.API_KEY }}')
      )
    ]
  })
}
