/**
 * A timer for any wait the action accepts. Node fires a setTimeout of more than 2^31-1 ms (about
 * 24.8 days) at once, which would kill a step the moment it starts; the schema bounds every
 * duration well below that, and this timer holds longer ones anyway, in chunks.
 */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1

export interface LongTimer {
  clear: () => void
}

export function setLongTimeout(callback: () => void, ms: number): LongTimer {
  let timer: NodeJS.Timeout
  const wait = (remaining: number): void => {
    timer = setTimeout(
      () => (remaining > LONGEST_TIMEOUT_MS ? wait(remaining - LONGEST_TIMEOUT_MS) : callback()),
      Math.min(Math.max(0, remaining), LONGEST_TIMEOUT_MS)
    )
  }
  wait(ms)
  return { clear: () => clearTimeout(timer) }
}
