/** Random tokens read from the kernel, in the forms the action writes them. */
import { describe, expect, it } from '@jest/globals'
import { randomBytesOf, randomUuid } from '../../src/core/random.js'

describe('random tokens', () => {
  it('are version 4 UUIDs, never the same twice', () => {
    const tokens = Array.from({ length: 200 }, () => randomUuid())

    for (const token of tokens) {
      expect(token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    expect(new Set(tokens).size).toBe(tokens.length)
  })

  it('give as many bytes as asked, which vary', () => {
    const samples = [randomBytesOf(32), randomBytesOf(32)]

    expect(samples.map(bytes => bytes.length)).toEqual([32, 32])
    expect(samples[0]?.equals(samples[1] ?? Buffer.alloc(0))).toBe(false)
    expect(new Set(samples[0]).size).toBeGreaterThan(8)
  })
})
