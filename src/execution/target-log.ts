/**
 * The log of one target while several run at once: every line it writes names the target, and a
 * target's output reaches the log only as whole lines, so two targets never share a line. Groups
 * and annotations cannot interleave, so they become plain lines; the fleet annotates failures once
 * its batch is over.
 */
import type { Log } from '../core/log.js'
import type { Message } from '../core/message.js'
import { say } from './messages.js'

const NEWLINE = 0x0a
/** A line longer than this is cut: one target must not hold the others' lines back for ever. */
const MAX_LINE_BYTES = 64 * 1024

export function targetLog(base: Log, target: string): Log {
  const prefix = Buffer.from(`[${target}] `)
  const named = (text: string): string =>
    text
      .split(/\r\n|\r|\n/)
      .map(line => `[${target}] ${line}`)
      .join('\n')
  const tell = (message: Message): void =>
    base.info({ en: named(message.en), zh: named(message.zh) })
  let partial: Buffer | undefined
  // Whole lines in, the same lines out with the prefix: one buffer, no object per line (a target
  // may print millions of them).
  const emit = (lines: Buffer): void | Promise<void> => {
    let count = 0
    for (let at = lines.indexOf(NEWLINE); at >= 0; at = lines.indexOf(NEWLINE, at + 1)) count++
    if (count === 0) return undefined
    const out = Buffer.allocUnsafe(lines.length + count * prefix.length)
    let from = 0
    let size = 0
    for (let end = lines.indexOf(NEWLINE); end >= 0; end = lines.indexOf(NEWLINE, from)) {
      size += prefix.copy(out, size)
      size += lines.copy(out, size, from, end + 1)
      from = end + 1
    }
    return base.write(out.subarray(0, size))
  }
  const flush = (): void | Promise<void> => {
    const rest = partial
    partial = undefined
    return rest ? emit(Buffer.concat([rest, Buffer.from('\n')])) : undefined
  }
  return {
    info: tell,
    warning: message => tell(say.targetWarning(message)),
    error: message => tell(say.targetError(message)),
    debug: message => base.debug({ en: named(message.en), zh: named(message.zh) }),
    group: (title, body) => {
      tell(say.targetGroup(title))
      return body()
    },
    write: chunk => {
      const bytes = partial ? Buffer.concat([partial, chunk]) : chunk
      const last = bytes.lastIndexOf(NEWLINE)
      const whole = last >= 0 ? bytes.subarray(0, last + 1) : Buffer.alloc(0)
      let rest = bytes.subarray(last + 1)
      if (rest.length > MAX_LINE_BYTES) {
        // Cut the long line, but keep back whatever could begin a secret still to come.
        const kept = base.partialSecretLength(rest)
        const out = rest.subarray(0, rest.length - kept)
        rest = rest.subarray(rest.length - kept)
        partial = rest.length > 0 ? Buffer.from(rest) : undefined
        return emit(Buffer.concat([whole, out, Buffer.from('\n')]))
      }
      partial = rest.length > 0 ? Buffer.from(rest) : undefined
      return whole.length > 0 ? emit(whole) : undefined
    },
    streaming: async body => {
      try {
        return await body()
      } finally {
        await flush()
      }
    },
    partialSecretLength: bytes => base.partialSecretLength(bytes),
    redact: text => base.redact(text)
  }
}
