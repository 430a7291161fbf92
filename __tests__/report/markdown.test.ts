import { describe, expect, it } from '@jest/globals'
import { passed, warned } from '../../src/core/check.js'
import { listOf, verbatim } from '../../src/core/message.js'
import { say as executionSay } from '../../src/execution/messages.js'
import { say as githubSay } from '../../src/github/messages.js'
import { say as openlogosSay } from '../../src/openlogos/messages.js'
import { say as planSay } from '../../src/plan/messages.js'
import type { DeploymentReport } from '../../src/report/model.js'
import { renderMarkdown, renderReport } from '../../src/report/markdown.js'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import type { Deployment } from '../../src/plan/deployment.js'
import { deploymentOf } from '../support/builders.js'
import { SAMPLE_PLAN } from '../support/report-samples.js'

const deployment = deploymentOf({
  targets: ['web', 'api'],
  version: 'v1.4.0',
  sha: '0123456789abcdef0123456789abcdef01234567',
  id: '1234',
  rollbackPoint: { sha: 'fedcba9', version: 'v1.3.2' }
})
const runPlan = buildRunPlan(SAMPLE_PLAN, deployment, 1_800_000)

function sample(
  overrides: Partial<Omit<DeploymentReport, 'deployment'>> & { deployment?: Partial<Deployment> }
): DeploymentReport {
  const { deployment: facts, ...rest } = overrides
  return {
    status: 'rolled-back',
    locale: 'en',
    deployment: { ...deployment, ...facts },
    planFile: 'logos/resources/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md',
    startedAt: '2026-05-24T10:00:00.000Z',
    finishedAt: '2026-05-24T10:03:30.000Z',
    durationMs: 210_000,
    checks: [
      passed(openlogosSay.verifyTitle, openlogosSay.verifyPassed('VERIFY_PASS', 'VERIFY_FAIL')),
      warned(
        planSay.secretsTitle,
        planSay.secretsMissing(listOf(['API_KEY']), 1, 'core-01-deployment-plan.md'),
        planSay.secretsFix(1, 'API_KEY: ${{ secrets.API_KEY }}')
      )
    ],
    runPlan,
    steps: [
      {
        id: 'migrate',
        name: 'Migrate the database',
        target: 'api',
        phase: 'deploy',
        status: 'succeeded',
        durationMs: 12_300,
        exitCode: 0,
        outputs: {}
      },
      {
        id: 'release',
        name: 'release',
        target: 'web',
        phase: 'deploy',
        status: 'failed',
        durationMs: 4_100,
        exitCode: 2,
        outputs: {},
        outputTail: Array.from({ length: 40 }, (_, i) => `line ${i + 1} <b>|`).join('\n') + '\n'
      },
      {
        id: 'notify',
        name: 'notify',
        phase: 'deploy',
        status: 'skipped',
        durationMs: 0,
        outputs: {},
        note: executionSay.notRunAfter('release')
      }
    ],
    health: [],
    rollback: {
      cause: 'release',
      isComplete: true,
      durationMs: 9_000,
      steps: [
        {
          id: 'release',
          name: 'Undo: Migrate the database',
          phase: 'rollback',
          status: 'succeeded',
          durationMs: 3_000,
          exitCode: 0,
          outputs: {}
        },
        {
          id: 'redeploy-previous',
          name: 'redeploy-previous',
          phase: 'rollback',
          status: 'succeeded',
          durationMs: 6_000,
          exitCode: 0,
          outputs: {}
        }
      ]
    },
    deployUrl: 'https://staging.example.com',
    authorization: githubSay.approvedBy(
      verbatim('@alice'),
      'staging',
      githubSay.reviewers(verbatim('@alice')),
      verbatim('@bob')
    ),
    approvals: [{ user: 'alice', comment: 'ship it' }],
    runUrl: 'https://github.com/acme/site/actions/runs/42',
    isSmokeRequired: true,
    warnings: [executionSay.passedOver('optional')],
    ...rest
  }
}

describe('renderReport', () => {
  it.each(['en', 'zh'] as const)('renders a rolled-back deployment (%s)', locale => {
    expect(renderReport(sample({ locale }), locale)).toMatchSnapshot()
  })

  it.each(['en', 'zh'] as const)(
    'renders a successful deployment with its health checks (%s)',
    locale => {
      const health = [
        {
          name: 'API answers',
          kind: 'http' as const,
          phase: 'deploy' as const,
          isHealthy: true,
          probes: 26,
          failures: 1,
          lastStatus: executionSay.http(200),
          durationMs: 121_000
        }
      ]
      const steps = sample({}).steps.map(step => ({
        ...step,
        status: 'succeeded' as const,
        outputTail: ''
      }))
      expect(
        renderReport(
          sample({ status: 'success', steps, health, rollback: undefined, locale }),
          locale
        )
      ).toMatchSnapshot()
    }
  )

  it.each(['en', 'zh'] as const)('renders a dry run with the plan preview (%s)', locale => {
    expect(
      renderReport(
        sample({
          status: 'dry-run',
          deployment: { isDryRun: true, rollbackPoint: undefined },
          steps: [],
          rollback: undefined,
          locale
        }),
        locale
      )
    ).toMatchSnapshot()
  })

  it('shows only the last 30 lines of a failed step, escaped', () => {
    const markdown = renderReport(sample({}), 'en')

    expect(markdown).toContain('<details><summary>Output of release, last 30 lines</summary>')
    expect(markdown).toContain('line 11 <b>|')
    expect(markdown).not.toContain('line 10 <b>|')
  })

  it('escapes HTML and table syntax coming from a plan', () => {
    const markdown = renderReport(
      sample({
        steps: [
          {
            id: 'x',
            name: '<img src=x onerror=alert(1)> | pipe',
            phase: 'deploy',
            status: 'succeeded',
            durationMs: 1,
            outputs: {}
          }
        ]
      }),
      'en'
    )

    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt; \\| pipe')
    expect(markdown).not.toContain('<img')
  })

  it('keeps Mermaid directives and comments in a check name out of the timeline', () => {
    const markdown = renderReport(
      sample({
        health: [
          {
            name: '%%{init: {"securityLevel": "loose"}}%% release\n%% hidden',
            kind: 'command',
            phase: 'deploy',
            startedAt: '2026-05-24T10:01:00.000Z',
            isHealthy: true,
            probes: 1,
            failures: 0,
            durationMs: 1_000
          }
        ]
      }),
      'en'
    )
    const chart = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1] ?? ''

    expect(chart).toContain('release')
    expect(chart).not.toMatch(/%%|[{}]/)
  })

  it('keeps a task whose name starts like a Mermaid gantt rule on the timeline', () => {
    // Each of these, at the start of a task line, is read by Mermaid's gantt lexer as a keyword, a
    // date or a comment: "Syntax error in text", or the task silently missing from the chart.
    const names = [
      'call the status API',
      'href "x"',
      'topAxis',
      'inclusiveEndDates',
      'accTitle',
      'accDescription of it',
      'weekend friday',
      '2026-05-24-backfill',
      '5% of traffic',
      '% errors'
    ]
    const markdown = renderMarkdown({
      headline: 'h',
      isNumbered: false,
      sections: [
        {
          title: 'Timeline',
          blocks: [
            {
              kind: 'timeline',
              lanes: [
                {
                  title: 'web-1',
                  tasks: names.map(name => ({ name, startMs: 0, endMs: 1_000, state: 'done' }))
                }
              ]
            }
          ]
        }
      ]
    })
    const tasks = (/```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1] ?? '')
      .split('\n')
      .filter(line => line.includes(' :done, '))

    expect(tasks).toEqual(names.map(name => `  · ${name} :done, 0, 1000`))
  })

  it('leaves ordinary task names as they are', () => {
    const markdown = renderMarkdown({
      headline: 'h',
      isNumbered: false,
      sections: [
        {
          title: 'Timeline',
          blocks: [
            {
              kind: 'timeline',
              lanes: [
                {
                  title: 'web-1',
                  tasks: ['upload web-1', 'error rate', 'Undo restart web-2', '2026 release'].map(
                    name => ({ name, startMs: 0, endMs: 1_000, state: 'done' })
                  )
                }
              ]
            }
          ]
        }
      ]
    })

    expect(markdown).toContain(
      [
        '  upload web-1 :done, 0, 1000',
        '  error rate :done, 0, 1000',
        '  Undo restart web-2 :done, 0, 1000',
        '  2026 release :done, 0, 1000'
      ].join('\n')
    )
  })
})
