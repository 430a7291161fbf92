import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { setLongTimeout } from '../../src/core/timer.js'

beforeEach(() => {
  jest.useFakeTimers()
})

afterEach(() => {
  jest.useRealTimers()
})

describe('setLongTimeout', () => {
  it('holds a wait longer than Node can in one timer, and fires once at its end', () => {
    const fired = jest.fn()
    const ms = 3 * 2 ** 31

    setLongTimeout(fired, ms)
    jest.advanceTimersByTime(ms - 1)
    const early = fired.mock.calls.length
    jest.advanceTimersByTime(1)

    expect(early).toBe(0)
    expect(fired).toHaveBeenCalledTimes(1)
  })

  it('can be cleared between its chunks', () => {
    const fired = jest.fn()
    const timer = setLongTimeout(fired, 2 ** 32)

    jest.advanceTimersByTime(2 ** 31)
    timer.clear()
    jest.advanceTimersByTime(2 ** 32)

    expect(fired).not.toHaveBeenCalled()
  })
})
