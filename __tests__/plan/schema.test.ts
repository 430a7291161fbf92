/** The plan keys canary.increments and metric: what a plan may write, and the errors it gets. */
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import { planSchema } from '../../src/plan/schema.js'
import { deploymentOf } from '../support/builders.js'

function parsePlan(extra: string): ReturnType<typeof planSchema.safeParse> {
  return planSchema.safeParse(
    parse(`deploy-executor: 1
environments: { staging: {} }
steps: [ { id: release, run: "true", rollback: "true" } ]
${extra}`)
  )
}

function issues(extra: string): string[] {
  const result = parsePlan(extra)
  if (result.success) throw new Error('expected the plan to be refused')
  return result.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
}

const canary = (increments: string): string =>
  `canary:\n  increments: ${increments}\n  steps: [ { id: shift, run: "true" } ]`

describe('canary.increments', () => {
  it('gives one canary phase per increment, then the promotion at 100', () => {
    const result = parsePlan(canary('[5, 25, 50]'))
    if (!result.success) throw result.error

    const runPlan = buildRunPlan(result.data, deploymentOf({ mode: 'canary' }), 1_000)

    expect(runPlan.phases.map(phase => [phase.kind, phase.weight])).toEqual([
      ['canary', 5],
      ['canary', 25],
      ['canary', 50],
      ['deploy', 100]
    ])
  })

  it('gives one canary phase without a weight when there are none', () => {
    const result = parsePlan('canary:\n  steps: [ { id: shift, run: "true" } ]')
    if (!result.success) throw result.error

    const runPlan = buildRunPlan(result.data, deploymentOf({ mode: 'canary' }), 1_000)

    expect(runPlan.phases.map(phase => [phase.kind, phase.weight])).toEqual([
      ['canary', undefined],
      ['deploy', undefined]
    ])
  })

  it.each([
    [
      '[25, 5]',
      'canary.increments: must increase: each increment sends more traffic than the one before'
    ],
    [
      '[5, 5]',
      'canary.increments: must increase: each increment sends more traffic than the one before'
    ],
    ['[5, 100]', 'canary.increments.1: must be a percent from 1 to 99: 100 is the promotion'],
    ['[0, 50]', 'canary.increments.0: must be a percent from 1 to 99'],
    ['[2.5]', 'canary.increments.0: Invalid input: expected int, received number'],
    ['[]', 'canary.increments: Too small: expected array to have >=1 items']
  ])('refuses %s', (increments, message) => {
    expect(issues(canary(increments))).toEqual([message])
  })
})

const check = (metric: string, extra = ''): string =>
  `health:\n  - name: error rate\n    run: ./rate.sh\n    metric: ${metric}\n${extra}`

describe('metric', () => {
  it('reads the bounds and the baseline with their defaults', () => {
    const result = parsePlan(
      check('{ max: 0.05, min: 0, baseline: { max-increase: 50%, max-decrease: 0.01 } }')
    )
    if (!result.success) throw result.error

    expect(result.data.health[0]).toMatchObject({
      kind: 'command',
      metric: {
        max: 0.05,
        min: 0,
        baseline: {
          maxIncrease: { kind: 'percent', percent: 50 },
          maxDecrease: { kind: 'amount', amount: 0.01 },
          samples: 3,
          isRequired: true
        }
      }
    })
  })

  it.each([
    ['{}', 'metric: needs a bound: max, min, or a baseline with max-increase or max-decrease'],
    [
      '{ baseline: { samples: 5 } }',
      'metric.baseline: needs max-increase or max-decrease: a baseline nothing is compared with is not measured'
    ],
    ['{ max: 1, min: 2 }', 'metric.min: min 2 is above max 1: no sample could pass'],
    [
      '{ baseline: { max-increase: fifty } }',
      "metric.baseline.max-increase: must be a percentage such as '50%', or an amount such as 0.02"
    ],
    ['{ baseline: { max-increase: -1 } }', 'metric.baseline.max-increase: must not be negative'],
    ['{ max: .inf }', 'metric.max: Invalid input: expected number, received Infinity'],
    ['{ max: "0.05" }', 'metric.max: Invalid input: expected number, received string'],
    ['{ max: 1, unit: ms }', 'metric: Unrecognized key: "unit"']
  ])('refuses %s', (metric, message) => {
    expect(issues(check(metric)).map(issue => issue.replace(/^health\.0\./, ''))).toEqual([message])
  })

  it('refuses a metric on a url check: the command prints the number', () => {
    expect(issues('health:\n  - { url: "https://example.com", metric: { max: 1 } }')).toContain(
      'health.0.metric: applies to command checks (run) only: the command prints the number'
    )
  })

  it('refuses a baseline whose samples could take more than a day', () => {
    expect(
      issues(
        check(
          '{ baseline: { max-increase: 50%, samples: 25 } }',
          '    interval: 1h\n    timeout: 1h'
        )
      )
    ).toEqual([
      'health.0.metric.baseline.samples: 25 samples at this interval and timeout may take 49h, longer than the 24h allowed: take fewer samples or probe more often'
    ])
  })
})

describe('per-target steps and the rollout', () => {
  const fleet = (yaml: string): string =>
    `targets: { web-1: { variables: { HOST: a } }, web-2: {} }\n${yaml}`

  function fleetIssues(yaml: string): string[] {
    const result = planSchema.safeParse(
      parse(`deploy-executor: 1\nenvironments: { staging: {} }\n${yaml}`)
    )
    if (result.success) throw new Error('expected the plan to be refused')
    return result.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
  }

  it("reads the targets' variables, per-target steps and checks, and the rollout", () => {
    const result = planSchema.safeParse(
      parse(`deploy-executor: 1
environments: { staging: {} }
${fleet(`steps:
  - { id: build, run: "true" }
  - { id: release, per-target: true, run: "true" }
health:
  - { name: host, per-target: true, url: "http://\${HOST}/healthz" }
rollout: { max-parallel: "50%", pause: 30s, max-failed-targets: 1 }`)}`)
    )
    if (!result.success) throw result.error

    expect(result.data.targets['web-1']?.variables).toEqual({ HOST: 'a' })
    expect(result.data.steps.map(step => step.isPerTarget)).toEqual([false, true])
    expect(result.data.health[0]?.isPerTarget).toBe(true)
    expect(result.data.rollout).toEqual({
      maxParallel: { percent: 50 },
      pauseMs: 30_000,
      maxFailedTargets: 1
    })
  })

  it.each([
    [
      'a per-target step naming a target',
      'steps: [ { id: a, per-target: true, target: web-1, run: "true" } ]',
      'steps.0.target: a per-target step or check runs for every selected target'
    ],
    [
      'per-target steps apart',
      'steps:\n  - { id: a, per-target: true, run: "true" }\n  - { id: b, run: "true" }\n  - { id: c, per-target: true, run: "true" }',
      "steps.2.per-target: per-target steps must stand together, as one pipeline: move 'c' next to 'a'"
    ],
    [
      'a per-target rollback step',
      'steps: [ { id: a, run: "true" } ]\nrollback: { steps: [ { id: r, per-target: true, run: "true" } ] }',
      "rollback.steps.0.per-target: the plan's rollback steps run once"
    ],
    [
      'a per-target check with a baseline',
      'steps: [ { id: a, run: "true" } ]\nhealth: [ { per-target: true, run: "echo 1", metric: { baseline: { max-increase: 10% } } } ]',
      'health.0.metric.baseline: a per-target check has no baseline of its own'
    ],
    [
      'max-parallel 0',
      'steps: [ { id: a, run: "true" } ]\nrollout: { max-parallel: 0 }',
      'rollout.max-parallel: must be at least 1'
    ],
    [
      'max-parallel 150%',
      'steps: [ { id: a, run: "true" } ]\nrollout: { max-parallel: "150%" }',
      "rollout.max-parallel: must be a number of targets, or a percent of them such as '25%'"
    ],
    [
      'a misspelt rollout key',
      'steps: [ { id: a, run: "true" } ]\nrollout: { max-paralel: 2 }',
      'rollout: '
    ]
  ])('refuses %s', (_, yaml, expected) => {
    expect(fleetIssues(fleet(yaml)).join('\n')).toContain(expected)
  })
})
