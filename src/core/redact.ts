/**
 * Secret redaction for everything the action writes itself. The runner masks registered secrets in
 * the log, but not in files, outputs sent elsewhere or API calls, so every sink passes text through
 * here. A secret is replaced as written, line by line when it spans lines, and in its base64 and
 * URL-encoded forms.
 */

export const REDACTED = '***'

/**
 * Values (and lines of a multi-line value) shorter than this are too common to replace: a one-letter
 * "secret" would turn every report into asterisks, and protects nothing anyway.
 */
const MIN_LENGTH = 4

export class SecretRegistry {
  private readonly forms = new Set<string>()
  private sorted: string[] = []
  private sortedBytes: Buffer[] = []

  /** `onAdd` registers each value with the runner's log masking (core.setSecret). */
  constructor(private readonly onAdd: (value: string) => void = () => undefined) {}

  add(value: string | undefined): void {
    if (value === undefined || value.trim().length < MIN_LENGTH) return
    const before = this.forms.size
    for (const form of formsOf(value)) {
      if (!this.forms.has(form)) {
        this.forms.add(form)
        this.onAdd(form)
      }
    }
    if (this.forms.size !== before) {
      this.sorted = [...this.forms].sort((a, b) => b.length - a.length)
      // To detect a secret in raw output it is enough to look for the forms that hold no other form:
      // where a longer one occurs, the shorter one inside it occurs too. Fewer scans of every byte.
      this.sortedBytes = this.sorted
        .filter(form => !this.sorted.some(other => other !== form && form.includes(other)))
        .map(form => Buffer.from(form, 'utf8'))
    }
  }

  redact(text: string): string {
    let result = text
    for (const form of this.sorted) {
      if (result.includes(form)) result = result.split(form).join(REDACTED)
    }
    return result
  }

  /** The same for raw output: bytes without a secret pass through untouched, never decoded. */
  redactBytes(bytes: Buffer): Buffer {
    if (!this.sortedBytes.some(form => bytes.includes(form))) return bytes
    return Buffer.from(this.redact(bytes.toString('utf8')), 'utf8')
  }

  get size(): number {
    return this.forms.size
  }
}

function formsOf(value: string): string[] {
  const forms = new Set<string>([value, value.trim()])
  for (const line of value.split(/\r?\n/)) {
    if (line.trim().length >= MIN_LENGTH) forms.add(line.trim())
  }
  const bytes = Buffer.from(value, 'utf8')
  const base64 = bytes.toString('base64')
  forms.add(base64)
  forms.add(base64.replace(/=+$/, ''))
  forms.add(bytes.toString('base64url'))
  forms.add(encodeURIComponent(value))
  forms.add(encodeURIComponent(value).replace(/%20/g, '+'))
  forms.add(encodeURI(value))
  return [...forms].filter(form => form.length >= MIN_LENGTH)
}
