/** Canary increments and metric checks as a reader sees them: lanes, tables, the xychart. */
import { describe, expect, it } from '@jest/globals'
import { SecretRegistry } from '../../src/core/redact.js'
import type { DeploymentReport, HealthRecord } from '../../src/report/model.js'
import { renderReport } from '../../src/report/markdown.js'
import { redactReport } from '../../src/report/redact-report.js'
import { renderTerminal } from '../../src/report/terminal.js'
import { SAMPLES } from '../support/report-samples.js'

const sample = SAMPLES['canary-metric'] as DeploymentReport

function withCheck(check: Partial<HealthRecord>): DeploymentReport {
  const first = sample.health[0] as HealthRecord
  return { ...sample, health: [{ ...first, ...check }] }
}

describe('a metric check in the report', () => {
  it('draws its samples, its bound and its baseline as a Mermaid xychart-beta line chart', () => {
    const markdown = renderReport(sample, 'en')

    expect(markdown).toContain(
      [
        '```mermaid',
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#0969da, #cf222e, #8250df"}}}}%%',
        'xychart-beta',
        '  title "error rate, Canary at 25%"',
        '  x-axis ["1", "3", "4"]',
        '  y-axis "value"',
        '  line "samples" [0.013, 0.021, 0.034]',
        '  line "upper bound" [0.018, 0.018, 0.018]',
        '  line "baseline" [0.012, 0.012, 0.012]',
        '```'
      ].join('\n')
    )
    expect(markdown).toContain('Lines, in order: samples, upper bound, baseline.')
  })

  it('lists every sample with its verdict, and names what was printed instead of a number', () => {
    const markdown = renderReport(sample, 'en')

    expect(markdown).toContain('| 2 | `n/a` | ❌ not a number |')
    expect(markdown).toContain('| 4 | `0.034` | ❌ above |')
    expect(markdown).toContain(
      '**error rate** (Canary at 25%): healthy when at most 0.018 (the plan: max 0.05, max-increase 50%; compared with the baseline 0.012)'
    )
    expect(markdown).toContain('| error rate | `0.011`, `0.012`, `0.014` | `0.012` |')
  })

  it('says which check failed at which increment, and by how much, first', () => {
    const markdown = renderReport(sample, 'en')

    expect(markdown.split('\n').slice(2, 4).join('\n')).toBe(
      '> [!WARNING]\n> Metric check &quot;error rate&quot; (Canary at 25%) failed: 0.034 is above the upper bound 0.018'
    )
  })

  it('shows each increment, then its analysis, on a lane of its own in the timeline', () => {
    const gantt = /```mermaid\ngantt\n([\s\S]*?)```/.exec(renderReport(sample, 'en'))?.[1] ?? ''

    expect(gantt.split('\n').filter(line => line.startsWith('  section'))).toEqual([
      '  section Baseline',
      '  section Canary 5%',
      '  section Canary 25%',
      '  section Rollback'
    ])
    expect(gantt).toContain('section Canary 25%\n  shift-traffic :done')
    expect(gantt).toContain('  error rate :crit')
  })

  it('gives steps and checks a traffic column', () => {
    const markdown = renderReport(sample, 'en')

    expect(markdown).toContain('| 2 | `shift-traffic` | 25% | — | ✅ succeeded | 2s | 0 |')
    expect(markdown).toContain('| 4 | `release` | 100% | — | ⏭️ not run | — | — |')
    expect(markdown).toContain('| error rate | 25% | ❌ unhealthy | 4 | 3 |')
  })

  it('keeps a redacted value off the chart and out of the report', () => {
    const secrets = new SecretRegistry()
    secrets.add('31415926')
    const report = withCheck({
      metric: {
        rule: { max: '99999999' },
        max: '99999999',
        samples: [
          { n: 1, reading: 'number', value: '12', verdict: 'within' },
          { n: 2, reading: 'number', value: '31415926', verdict: 'within' }
        ]
      }
    })

    const markdown = renderReport(redactReport(report, secrets), 'en')

    expect(markdown).not.toContain('31415926')
    expect(markdown).toContain('  x-axis ["1"]\n')
    expect(markdown).toContain('| 2 | `***` | ✅ within |')
  })

  it('keeps a hostile check name and printed line from escaping the chart or the table', () => {
    const report = withCheck({
      name: 'rate" ]\n%%{init: {"theme":"dark"}}%%\n  line [9',
      metric: {
        rule: { max: '1' },
        max: '1',
        samples: [
          { n: 1, reading: 'not-a-number', printed: '<!-- deploy-executor-record --> `x` | y' },
          { n: 2, reading: 'number', value: '0.5', verdict: 'within' }
        ]
      }
    })

    const chart =
      /```mermaid\n%%\{init[^\n]*\nxychart-beta\n([\s\S]*?)```/.exec(
        renderReport(report, 'en')
      )?.[1] ?? ''
    const markdown = renderReport(report, 'en')

    expect(chart.split('\n')[0]).toBe('  title "rate % init theme dark % line 9, Canary at 5%"')
    expect(chart).not.toMatch(/%%|\{|"theme"/)
    expect(chart.split('\n').filter(line => line.startsWith('  line'))).toHaveLength(2)
    expect(markdown).not.toContain('<!-- deploy-executor-record')
    expect(markdown).toContain(
      '| 1 | ``<!-​- deploy-executor-record --> `x` \\| y`` | ❌ not a number |'
    )
  })

  it('shows the chart as sparklines in a terminal', () => {
    const text = renderTerminal(sample, 'en', { isColour: false })

    expect(text).toContain(
      'error rate, Canary at 25%\n  samples      ▁▄█\n  upper bound  ▃▃▃\n  baseline     ▁▁▁'
    )
  })

  it('says, in Chinese too, that a baseline that could not be measured turned the relative bounds off', () => {
    const report: DeploymentReport = {
      ...sample,
      baselines: [
        {
          check: 'error rate',
          startedAt: sample.startedAt,
          durationMs: 10,
          samples: [{ n: 1, reading: 'not-a-number', printed: 'n/a' }],
          isRequired: false
        }
      ]
    }

    expect(renderReport(report, 'zh')).toContain(
      '未能测得「error rate」的基线：本次运行未启用其相对界限（baseline.required: false）。'
    )
    expect(renderReport(report, 'en')).toContain(
      '| error rate | printed &quot;n/a&quot;, which is not a number | **not measured** |'
    )
  })
})
