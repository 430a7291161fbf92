/**
 * Passes a command's output on whole lines at a time, so that a secret split across two reads is
 * still redacted as one. A partial line is held only briefly: it goes out after `idleMs` without
 * more output, or once it is long, so nothing waits for the step to end.
 */
export class OutputLines {
  private partial = ''
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly emit: (text: string) => void | Promise<void>,
    private readonly idleMs = 250,
    private readonly maxPartial = 8 * 1024
  ) {}

  push(chunk: string): void | Promise<void> {
    clearTimeout(this.timer)
    const text = this.partial + chunk
    const lastBreak = text.lastIndexOf('\n')
    let ready = ''
    if (lastBreak === -1) {
      this.partial = text
    } else {
      ready = text.slice(0, lastBreak + 1)
      this.partial = text.slice(lastBreak + 1)
    }
    if (this.partial.length > this.maxPartial) {
      ready += this.partial
      this.partial = ''
    }
    if (this.partial !== '') {
      this.timer = setTimeout(() => void this.flush(), this.idleMs)
    }
    return ready === '' ? undefined : this.emit(ready)
  }

  flush(): void | Promise<void> {
    clearTimeout(this.timer)
    const rest = this.partial
    this.partial = ''
    return rest === '' ? undefined : this.emit(rest)
  }
}
