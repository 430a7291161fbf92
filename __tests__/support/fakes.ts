/** In-memory stand-ins for the slow or outside parts: time, HTTP probes, the log. */
import type { Clock } from '../../src/core/clock.js'
import type { ProbeAnswer, HttpProbe } from '../../src/execution/health.js'
import type { Log } from '../../src/core/log.js'
import { inLocale, type Locale } from '../../src/core/message.js'

/** Time that passes only when someone sleeps: minutes of probing take no time at all. */
export class FakeClock implements Clock {
  /** Every pause asked for, in order. */
  readonly sleeps: number[] = []

  constructor(public current = Date.parse('2026-05-24T10:00:00Z')) {}

  now = (): number => this.current

  sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.current += ms
    return Promise.resolve()
  }
}

/** Answers probes from a script of answers, one per call; the last one repeats. */
export function scriptedProbe(
  answers: ProbeAnswer[],
  clock?: FakeClock,
  costMs = 0
): HttpProbe & { urls: string[] } {
  const urls: string[] = []
  return {
    urls,
    get: url => {
      urls.push(url)
      if (clock) clock.current += costMs
      const answer = answers[Math.min(urls.length - 1, answers.length - 1)]
      return Promise.resolve(answer ?? { error: 'no answer scripted' })
    }
  }
}

export interface RecordedLog extends Log {
  lines: string[]
  text: () => string
}

/** Keeps every line as the locale's reader sees it, with a prefix saying which kind it was. */
export function recordingLog(locale: Locale = 'en'): RecordedLog {
  const lines: string[] = []
  return {
    lines,
    text: () => lines.join('\n'),
    info: message => void lines.push(inLocale(message, locale)),
    warning: message => void lines.push(`warning: ${inLocale(message, locale)}`),
    error: message => void lines.push(`error: ${inLocale(message, locale)}`),
    debug: message => void lines.push(`debug: ${inLocale(message, locale)}`),
    group: async (title, body) => {
      lines.push(`[group] ${inLocale(title, locale)}`)
      return body()
    },
    write: chunk => void lines.push(`[output] ${chunk.toString()}`),
    streaming: body => body(),
    partialSecretLength: () => 0,
    redact: text => text
  }
}
