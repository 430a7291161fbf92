/** Metric baselines measured by real processes before the first step. */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { systemClock } from '../../src/core/clock.js'
import { measureBaselines } from '../../src/execution/baseline.js'
import { bashRunner } from '../../src/execution/command-runner.js'
import { buildRunPlan } from '../../src/plan/run-plan.js'
import { planSchema } from '../../src/plan/schema.js'
import { deploymentOf } from '../support/builders.js'
import { FakeClock, recordingLog, type RecordedLog } from '../support/fakes.js'

let root: string
let log: RecordedLog

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'baseline-'))
  log = recordingLog()
})

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

/** A plan whose metric check prints, at each run, the next line of the file `values`. */
function runPlanWith(metric: string, interval = '30s'): ReturnType<typeof buildRunPlan> {
  const plan = planSchema.parse(
    parse(`
deploy-executor: 1
environments: { staging: { url: "https://staging.example.com" } }
steps: [ { id: release, run: "true" } ]
health:
  - name: error rate
    run: echo "$DEPLOY_URL" >> urls; head -n 1 values; sed -i 1d values
    interval: ${interval}
    metric: ${metric}
`)
  )
  return buildRunPlan(plan, deploymentOf(), 10_000)
}

async function measure(
  metric: string,
  values: string[],
  options: { clock?: typeof systemClock; signal?: AbortSignal; interval?: string } = {}
): Promise<Awaited<ReturnType<typeof measureBaselines>>> {
  await fs.writeFile(path.join(root, 'values'), values.map(value => `${value}\n`).join(''))
  return measureBaselines(
    {
      runPlan: runPlanWith(metric, options.interval),
      root,
      job: { PATH: process.env['PATH'] ?? '' },
      deployment: deploymentOf()
    },
    {
      runner: bashRunner({ killGraceMs: 200, drainMs: 200 }),
      clock: options.clock ?? new FakeClock(),
      log,
      ...(options.signal ? { signal: options.signal } : {})
    }
  )
}

describe('measureBaselines', () => {
  it('takes the median of the samples, run with the step environment at the check interval', async () => {
    const clock = new FakeClock()

    const result = await measure(
      '{ max: 0.05, baseline: { max-increase: 50% } }',
      ['0.013', '0.010', '0.012', '0.9'],
      { clock }
    )

    expect(result.kind).toBe('measured')
    expect(result.records).toEqual([
      expect.objectContaining({
        check: 'error rate',
        value: '0.012',
        durationMs: 60_000,
        samples: [
          { n: 1, reading: 'number', value: '0.013' },
          { n: 2, reading: 'number', value: '0.010' },
          { n: 3, reading: 'number', value: '0.012' }
        ]
      })
    ])
    expect([...(result.kind === 'measured' ? result.values.values() : [])]).toEqual([0.012])
    expect(await fs.readFile(path.join(root, 'urls'), 'utf8')).toBe(
      'https://staging.example.com\n'.repeat(3)
    )
  })

  it('takes as many samples as baseline.samples asks, an even count giving the mean of the middle two', async () => {
    const result = await measure('{ baseline: { max-decrease: 10, samples: 4 } }', [
      '10',
      '40',
      '20',
      '30'
    ])

    expect(result.records[0]?.value).toBe('25')
  })

  it('stops at a sample that is not a number and names what it printed', async () => {
    const result = await measure('{ baseline: { max-increase: 50% } }', ['0.01', 'n/a', '0.01'])

    expect(result).toMatchObject({
      kind: 'unmeasurable',
      check: { name: 'error rate' },
      sample: { n: 2, reading: 'not-a-number', printed: 'n/a' }
    })
    expect(result.records[0]?.value).toBeUndefined()
    expect(log.text()).toContain(
      'baseline sample 2/3: not a number: the last line printed was "n/a"'
    )
  })

  it('with required: false, goes on without that baseline and says its relative bounds are off', async () => {
    const result = await measure(
      '{ max: 0.05, baseline: { max-increase: 50%, required: false } }',
      ['Infinity']
    )

    expect(result.kind).toBe('measured')
    expect([...(result.kind === 'measured' ? result.values.entries() : [])]).toEqual([
      [expect.any(String), undefined]
    ])
    expect(log.text()).toContain(
      'warning: the baseline of \'error rate\' could not be measured (not a number: the last line printed was "Infinity"): baseline.required is false, so its relative bounds are off for this run and only max/min apply'
    )
  })

  it('warns that a percentage of a baseline of 0 allows no change', async () => {
    await measure('{ baseline: { max-increase: 50% } }', ['0', '0', '0'])

    expect(log.text()).toContain("warning: the baseline of 'error rate' is 0")
  })

  it('stops at once on cancellation, even in a long pause between samples', async () => {
    const cancellation = new AbortController()
    const startedAt = Date.now()
    setTimeout(() => cancellation.abort(), 200)

    const result = await measure('{ baseline: { max-increase: 50% } }', ['1', '1', '1'], {
      clock: systemClock,
      signal: cancellation.signal,
      interval: '1h'
    })

    expect(result.kind).toBe('cancelled')
    expect(Date.now() - startedAt).toBeLessThan(5_000)
    expect(result.records[0]?.samples).toHaveLength(1)
  })
})
