/** Durations as plans and inputs write them: `90s`, `10m`, `1h`, `1h30m`, or whole seconds. */

const DURATION_PATTERN = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

export const DURATION_HINT = "a duration such as '90s', '10m', '1h30m' or a whole number of seconds"

/**
 * The longest wait anything in a plan or an input may set: a day. A deployment step that runs
 * longer is a mistake, and no runner keeps a job that long (GitHub-hosted: 6 hours).
 */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000
/** The longest a single probe, or the pause between probes, may be: an hour. */
export const MAX_PROBE_MS = 60 * 60 * 1000

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDurationMs(value: string | number): number | undefined {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? value * 1000 : undefined
  }
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const match = DURATION_PATTERN.exec(text)
  if (!match || text === '') return undefined
  const [, hours = '0', minutes = '0', seconds = '0'] = match
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000
}

/** The shortest readable form: `1h30m`, `45s`, `1.2s`, `350ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 10_000 && ms % 1000 !== 0) return `${(ms / 1000).toFixed(1)}s`
  let seconds = Math.round(ms / 1000)
  const hours = Math.floor(seconds / 3600)
  seconds -= hours * 3600
  const minutes = Math.floor(seconds / 60)
  seconds -= minutes * 60
  const parts = [
    hours ? `${hours}h` : '',
    minutes ? `${minutes}m` : '',
    seconds ? `${seconds}s` : ''
  ]
  return parts.join('') || '0s'
}
