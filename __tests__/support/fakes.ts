/** In-memory stand-ins for the slow or outside parts: time, HTTP probes, the log. */
import type { Clock } from '../../src/core/clock.js'
import type { ProbeAnswer, HttpProbe } from '../../src/execution/health.js'
import type { Log } from '../../src/core/log.js'

/** Time that passes only when someone sleeps: minutes of probing take no time at all. */
export class FakeClock implements Clock {
  constructor(public current = Date.parse('2026-05-24T10:00:00Z')) {}

  now = (): number => this.current

  sleep = (ms: number): Promise<void> => {
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

/** Keeps every line, with a prefix saying which kind it was. */
export function recordingLog(): RecordedLog {
  const lines: string[] = []
  return {
    lines,
    text: () => lines.join('\n'),
    info: message => void lines.push(message),
    warning: message => void lines.push(`warning: ${message}`),
    error: message => void lines.push(`error: ${message}`),
    debug: message => void lines.push(`debug: ${message}`),
    group: async (title, body) => {
      lines.push(`[group] ${title}`)
      return body()
    },
    write: chunk => void lines.push(`[output] ${chunk.toString()}`),
    streaming: body => body(),
    partialSecretLength: () => 0,
    redact: text => text
  }
}
