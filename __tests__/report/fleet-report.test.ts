/**
 * A fleet's report: the lead names what stopped it (not a failure that was tolerated), a targets ×
 * steps matrix, per-target lanes in the timeline, a large fleet collapsed and its lanes bounded,
 * and the result JSON's per-target outcomes.
 */
import { describe, expect, it } from '@jest/globals'
import { renderReport } from '../../src/report/markdown.js'
import type { DeploymentReport, StepRecord } from '../../src/report/model.js'
import { toResultJson } from '../../src/report/result-json.js'
import { SAMPLES } from '../support/report-samples.js'

const fleet = SAMPLES['fleet'] as DeploymentReport

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}`)
  const end = markdown.indexOf('\n## ', start + 1)
  return markdown.slice(start, end === -1 ? undefined : end)
}

describe('a fleet report', () => {
  it('leads with what stopped the rollout, not with the failure it tolerated', () => {
    const lead = renderReport(fleet, 'en').split('\n## ')[0] ?? ''

    expect(lead).toContain('Health check &quot;host answers · web-4&quot; failed: `HTTP 502`')
    expect(lead).not.toContain('restart')
  })

  it('shows each target against each per-target step and check', () => {
    const targets = section(renderReport(fleet, 'en'), 'Targets')

    expect(targets).toContain('4 target(s): 2 ✅ deployed, 1 ↩️ undone on its own, 1 ❌ failed.')
    expect(targets).toContain('| Target | upload | restart | host answers | Result |')
    expect(targets).toContain('| `web-2` | ✅ | ❌ | — | ↩️ undone on its own: `restart` |')
    expect(targets).toContain('Targets run 2 at once, 30s apart; 1 failed target(s) tolerated.')
  })

  it('lists in the steps table what ran once, and only the per-target runs that failed', () => {
    const steps = section(renderReport(fleet, 'en'), 'Steps')

    expect(steps).toContain('| 1 | `build` |')
    expect(steps).toContain('| 2 | `restart` | `web-2` | ❌ failed |')
    expect(steps.match(/`upload`/g)).toBeNull()
  })

  it('gives each target a lane of its own in the timeline', () => {
    const chart = /```mermaid\n([\s\S]*?)```/.exec(renderReport(fleet, 'en'))?.[1] ?? ''

    expect(chart.split('\n').filter(line => line.startsWith('  section'))).toEqual([
      '  section Deployment',
      '  section web-1',
      '  section web-2',
      '  section web-3',
      '  section web-4',
      '  section Rollback'
    ])
    expect(chart).toContain('Undo restart web-2 :done')
  })

  it('collapses the matrix of a large fleet and bounds its lanes, failures first', () => {
    const names = Array.from(
      { length: 30 },
      (_, index) => `host-${String(index + 1).padStart(2, '0')}`
    )
    const run = (target: string, status: StepRecord['status']): StepRecord => ({
      id: 'upload',
      name: 'upload',
      phase: 'deploy',
      status,
      startedAt: '2026-05-24T10:00:10.000Z',
      durationMs: 1_000,
      outputs: {},
      target
    })
    const large: DeploymentReport = {
      ...fleet,
      steps: names.map(name => run(name, name === 'host-27' ? 'failed' : 'succeeded')),
      health: [],
      undoneTargets: [],
      targets: names.map(target => ({
        target,
        status: target === 'host-27' ? 'failed' : 'deployed'
      }))
    }
    const markdown = renderReport(large, 'en')
    const chart = /```mermaid\n([\s\S]*?)```/.exec(markdown)?.[1] ?? ''
    const lanes = chart.split('\n').filter(line => /^ {2}section host-/.test(line))

    expect(section(markdown, 'Targets')).toContain(
      "<details><summary>Each target's steps and checks (30)</summary>"
    )
    expect(lanes).toHaveLength(20)
    expect(lanes).toContain('  section host-27')
    expect(markdown).toContain('The timeline shows 20 of the 30 targets, those that failed first.')
  })

  it("gives the result JSON each target's outcome", () => {
    const json = toResultJson(fleet, undefined)

    expect(json.targetOutcomes).toEqual([
      { target: 'web-1', status: 'deployed', cause: null },
      { target: 'web-2', status: 'undone', cause: 'restart' },
      { target: 'web-3', status: 'deployed', cause: null },
      { target: 'web-4', status: 'failed', cause: "health check 'host answers'" }
    ])
    expect(json.rollback?.steps[0]).toEqual({ id: 'restart', target: 'web-1', status: 'succeeded' })
  })
})
