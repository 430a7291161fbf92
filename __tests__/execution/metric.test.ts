import { describe, expect, it } from '@jest/globals'
import {
  boundsOf,
  judge,
  median,
  parseMetricValue,
  readMetric
} from '../../src/execution/metric.js'
import type { Metric } from '../../src/plan/schema.js'

function metric(
  overrides: Partial<Metric> = {},
  baseline?: Partial<NonNullable<Metric['baseline']>>
): Metric {
  return {
    max: undefined,
    min: undefined,
    baseline: baseline && {
      maxIncrease: undefined,
      maxDecrease: undefined,
      samples: 3,
      isRequired: true,
      ...baseline
    },
    ...overrides
  }
}

describe('parseMetricValue', () => {
  it.each(['0.012', '-3', '+2.', '.5', '1.5e-4', '42', '  7  ', '1E3'])('reads %p', text => {
    expect(parseMetricValue(text)).toBe(Number(text))
  })

  it.each([
    '',
    'Infinity',
    '-Infinity',
    'NaN',
    '0x10',
    '0b1',
    '0o7',
    '1_000',
    '1,5',
    '12ms',
    '1e400',
    '. ',
    '--1',
    'e5'
  ])('refuses %p', text => {
    expect(parseMetricValue(text)).toBeUndefined()
  })
})

describe('readMetric', () => {
  const same = (text: string): string => text

  const ran = (stdout: string, outputTail = stdout): Parameters<typeof readMetric>[0] => ({
    status: 'succeeded',
    exitCode: 0,
    durationMs: 5,
    outputTail,
    stdoutTail: stdout
  })

  it('takes the number on the last line of standard output, whatever stderr said after it', () => {
    expect(
      readMetric(ran('warming up\n0.012\n\n', 'warming up\n0.012\nwarning: slow\n'), same)
    ).toEqual({
      reading: 'number',
      value: '0.012'
    })
  })

  it('names what was printed instead of a number', () => {
    expect(readMetric(ran('rate: n/a\n'), same)).toEqual({
      reading: 'not-a-number',
      printed: 'rate: n/a'
    })
    expect(readMetric(ran(''), same)).toEqual({ reading: 'not-a-number', printed: '' })
  })

  it('shortens what was printed only once redacted, so no part of a secret shows', () => {
    const secret = 's3cr3t-token-value'
    const line = `${'x'.repeat(190)}${secret}`

    const read = readMetric(ran(`${line}\n`), text => text.split(secret).join('***'))

    expect(read).toEqual({ reading: 'not-a-number', printed: `${'x'.repeat(190)}***` })
  })

  it('keeps the exit code and last line of a command that failed', () => {
    expect(
      readMetric(
        { status: 'failed', exitCode: 7, durationMs: 5, outputTail: 'no data\n', stdoutTail: '' },
        same
      )
    ).toEqual({ reading: 'failed', exitCode: 7, printed: 'no data' })
  })
})

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([0.3, 0.1, 0.2])).toBe(0.2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([5])).toBe(5)
  })
})

describe('boundsOf', () => {
  it('puts a relative bound on the baseline: a percentage of it, or an amount', () => {
    const percent = metric({}, { maxIncrease: { kind: 'percent', percent: 50 } })
    const amount = metric({}, { maxIncrease: { kind: 'amount', amount: 0.02 } })

    expect(boundsOf(percent, 0.012)).toEqual({ max: 0.018 })
    expect(boundsOf(amount, 0.012)).toEqual({ max: 0.032 })
  })

  it('takes the stricter of an absolute and a relative bound, on each side', () => {
    const both = metric(
      { max: 0.05, min: 0.001 },
      {
        maxIncrease: { kind: 'percent', percent: 50 },
        maxDecrease: { kind: 'percent', percent: 30 }
      }
    )

    expect(boundsOf(both, 0.012)).toEqual({ min: 0.0084, max: 0.018 })
    expect(boundsOf(both, 0.04)).toEqual({ min: 0.028, max: 0.05 })
    expect(boundsOf(both, 0.001)).toEqual({ min: 0.001, max: 0.0015 })
  })

  it('measures a percentage on the size of a negative baseline', () => {
    const bounds = boundsOf(
      metric(
        {},
        {
          maxIncrease: { kind: 'percent', percent: 50 },
          maxDecrease: { kind: 'percent', percent: 50 }
        }
      ),
      -2
    )

    expect(bounds).toEqual({ min: -3, max: -1 })
  })

  it('allows no change at all from a baseline of 0 by a percentage, and the amount by an amount', () => {
    expect(boundsOf(metric({}, { maxIncrease: { kind: 'percent', percent: 50 } }), 0)).toEqual({
      max: 0
    })
    expect(boundsOf(metric({}, { maxIncrease: { kind: 'amount', amount: 0.01 } }), 0)).toEqual({
      max: 0.01
    })
  })

  it('keeps only the absolute bounds when there is no baseline', () => {
    expect(
      boundsOf(metric({ max: 0.05 }, { maxIncrease: { kind: 'percent', percent: 50 } }), undefined)
    ).toEqual({ max: 0.05 })
  })
})

describe('judge', () => {
  it('passes a value on the bound and fails one beyond it', () => {
    expect(judge(0.018, { max: 0.018 })).toBe('within')
    expect(judge(0.0181, { max: 0.018 })).toBe('above')
    expect(judge(0.0083, { min: 0.0084, max: 0.018 })).toBe('below')
  })
})
