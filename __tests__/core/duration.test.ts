import { describe, expect, it } from '@jest/globals'
import { formatDuration, parseDurationMs } from '../../src/core/duration.js'

describe('parseDurationMs', () => {
  it.each([
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['45', 45_000],
    [45, 45_000],
    ['0', 0]
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms)
  })

  it.each(['', '-1', '1.5m', '10 minutes', 'm', '30m1h', '1d', -1, 1.5])('refuses %p', text => {
    expect(parseDurationMs(text)).toBeUndefined()
  })
})

describe('formatDuration', () => {
  it.each([
    [350, '350ms'],
    [1_200, '1.2s'],
    [45_000, '45s'],
    [5_400_000, '1h30m'],
    [0, '0ms']
  ])('formats %p ms as %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })
})
