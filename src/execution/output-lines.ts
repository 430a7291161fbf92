/**
 * Passes a command's output on whole lines at a time, so that a secret split across two reads is
 * still redacted as one. A partial line is held only briefly: it goes out after `idleMs` without
 * more output, or once it is long, so nothing waits for the step to end; but the bytes at its end
 * that could begin a secret (`holdBack`) wait for the rest of the line, or the end of the step.
 * Works on bytes: output is never decoded on its way through, which keeps a step printing
 * gigabytes cheap.
 */
const NEWLINE = 0x0a

export class OutputLines {
  private partial: Buffer | undefined
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly emit: (bytes: Buffer) => void | Promise<void>,
    private readonly holdBack: (bytes: Buffer) => number = () => 0,
    private readonly idleMs = 250,
    private readonly maxPartial = 8 * 1024
  ) {}

  push(chunk: Buffer): void | Promise<void> {
    const last = chunk.lastIndexOf(NEWLINE)
    if (last === -1) {
      this.partial = this.partial ? Buffer.concat([this.partial, chunk]) : Buffer.from(chunk)
      if (this.partial.length > this.maxPartial) return this.flushPartial()
      this.armTimer()
      return undefined
    }
    // Only the held partial line and the chunk's first line are copied together; the rest of the
    // chunk goes on as a view of the bytes read, whatever their size.
    const first = chunk.indexOf(NEWLINE) + 1
    const head = this.partial
      ? Buffer.concat([this.partial, chunk.subarray(0, first)])
      : chunk.subarray(0, first)
    const body = chunk.subarray(first, last + 1)
    const rest = chunk.subarray(last + 1)
    this.partial = rest.length > 0 ? Buffer.from(rest) : undefined
    if (this.partial) this.armTimer()
    const wait = this.emit(head)
    if (body.length === 0) return wait
    return wait ? wait.then(() => this.emit(body)) : this.emit(body)
  }

  /** The end of the output: everything still held goes out. */
  flush(): void | Promise<void> {
    this.stopTimer()
    const rest = this.partial
    this.partial = undefined
    return rest ? this.emit(rest) : undefined
  }

  /** A partial line goes out early, all but the bytes that could begin a secret. */
  private flushPartial(): void | Promise<void> {
    this.stopTimer()
    const partial = this.partial
    if (!partial) return undefined
    const kept = this.holdBack(partial)
    if (kept >= partial.length) return undefined
    this.partial = kept > 0 ? Buffer.from(partial.subarray(partial.length - kept)) : undefined
    return this.emit(partial.subarray(0, partial.length - kept))
  }

  /**
   * The partial line goes out `idleMs` after the last read that left one. One timer serves the
   * whole output, re-armed at each such read rather than made anew (a step printing fast makes
   * thousands of reads a second); left running after its line was completed, it finds nothing.
   */
  private armTimer(): void {
    if (this.timer) this.timer.refresh()
    else this.timer = setTimeout(() => void this.flushPartial(), this.idleMs)
  }

  private stopTimer(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
