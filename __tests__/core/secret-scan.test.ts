import { describe, expect, it } from '@jest/globals'
import { FormScanner } from '../../src/core/secret-scan.js'

/** A small seeded generator: the same outputs at every run, many of them. */
function randomOf(seed: number): (below: number) => number {
  let state = seed >>> 0
  return below => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % below
  }
}

const LOG_LINE = Buffer.from('deploying... a line of build output, step 3 of 7\n')

function logText(length: number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let at = 0; at < length; at += LOG_LINE.length) LOG_LINE.copy(bytes, at)
  return bytes
}

/** Text in which every byte of the forms is frequent: the anchors do badly on it. */
function base64Text(length: number, random: (below: number) => number): Buffer {
  const alphabet = Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  const bytes = Buffer.alloc(length)
  for (let at = 0; at < length; at++) bytes[at] = alphabet[random(64)] ?? 0
  return bytes
}

function arbitraryBytes(length: number, random: (below: number) => number): Buffer {
  const bytes = Buffer.alloc(length)
  for (let at = 0; at < length; at++) bytes[at] = random(256)
  return bytes
}

const FORMS = ['ghs_bench1234', 'Z2hzX2JlbmNo', 'pässwörd', '\xff\xfeAB'].map(form =>
  Buffer.from(form, form.startsWith('\xff') ? 'latin1' : 'utf8')
)

function naive(forms: Buffer[], bytes: Buffer): boolean {
  return forms.some(form => bytes.includes(form))
}

describe('FormScanner', () => {
  it('agrees with a plain search on thousands of outputs of every kind, one scanner throughout', () => {
    const random = randomOf(20261206)
    const scanner = new FormScanner(FORMS)
    const makers = [
      (length: number) => logText(length),
      (length: number) => base64Text(length, random),
      (length: number) => arbitraryBytes(length, random)
    ]
    let found = 0
    for (let round = 0; round < 2000; round++) {
      const maker = makers[random(makers.length)] ?? logText
      const bytes = maker([1, 7, 300, 5000, 20_000][random(5)] ?? 1)
      // Half the outputs get a form, or a form cut short, anywhere: the first byte, the last, across both.
      if (random(2) === 0) {
        const form = FORMS[random(FORMS.length)] ?? Buffer.alloc(0)
        const piece = random(4) === 0 ? form.subarray(0, form.length - 1) : form
        piece.copy(bytes, random(bytes.length + 1))
      }
      const expected = naive(FORMS, bytes)
      if (expected) found++

      expect(scanner.holdsAny(bytes)).toBe(expected)
    }
    // Both answers were tested often.
    expect(found).toBeGreaterThan(300)
    expect(found).toBeLessThan(1700)
  })

  it('finds a form at the very start and the very end, and not one cut by the end', () => {
    const scanner = new FormScanner(FORMS)
    const form = FORMS[0] ?? Buffer.alloc(0)
    const text = logText(1000)

    expect(scanner.holdsAny(Buffer.concat([form, text]))).toBe(true)
    expect(scanner.holdsAny(Buffer.concat([text, form]))).toBe(true)
    expect(scanner.holdsAny(Buffer.concat([text, form.subarray(0, -1)]))).toBe(false)
    expect(scanner.holdsAny(Buffer.concat([form.subarray(1), text]))).toBe(false)
    expect(scanner.holdsAny(form)).toBe(true)
  })

  it('keeps finding forms while it scans with the pattern, and after it goes back to anchors', () => {
    const random = randomOf(7)
    const scanner = new FormScanner(FORMS)
    const form = FORMS[1] ?? Buffer.alloc(0)
    // Base64 output spends the anchors' budget; the pattern serves the next 64 scans, then anchors again.
    for (let round = 0; round < 200; round++) {
      const bytes = base64Text(4096, random)
      const holds = round % 3 === 0
      if (holds) form.copy(bytes, random(bytes.length - form.length))

      expect(scanner.holdsAny(bytes)).toBe(naive(FORMS, bytes))
      expect(scanner.holdsAny(logText(2000))).toBe(false)
    }
  })

  it('finds forms that overlap or hold one another, and repeated bytes', () => {
    const forms = ['aaaa', 'abab', 'bababx'].map(form => Buffer.from(form))
    const scanner = new FormScanner(forms)

    expect(scanner.holdsAny(Buffer.from('aaab aaba'))).toBe(false)
    expect(scanner.holdsAny(Buffer.from('xxaaaaxx'))).toBe(true)
    expect(scanner.holdsAny(Buffer.from('bababab'))).toBe(true)
    expect(scanner.holdsAny(Buffer.from('babaa'))).toBe(false)
    expect(scanner.holdsAny(Buffer.from('abbababxa'))).toBe(true)
  })

  it('holds nothing when it has no forms', () => {
    expect(new FormScanner([]).holdsAny(Buffer.from('anything at all'))).toBe(false)
  })
})
