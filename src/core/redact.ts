/**
 * Secret redaction for everything the action writes itself. The runner masks registered secrets in
 * the log, but not in files, outputs sent elsewhere or API calls, so every sink passes text through
 * here. A secret is replaced as written, line by line when it spans lines, and in its base64 forms
 * (at every alignment, so `user:secret` encoded whole is caught too) and URL-encoded forms (upper
 * and lower case hex). Callers redact raw text, before any escaping: an escaped secret no longer
 * looks like itself.
 */

import { FormScanner } from './secret-scan.js'

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
  private scanner = new FormScanner([])

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
      this.scanner = new FormScanner(this.sortedBytes)
    }
  }

  /** Whether `text` holds a secret in any of its forms. */
  holdsSecret(text: string): boolean {
    return this.sorted.some(form => text.includes(form))
  }

  redact(text: string): string {
    let result = text
    for (const form of this.sorted) {
      if (result.includes(form)) result = result.split(form).join(REDACTED)
    }
    return result
  }

  /**
   * The same for raw output: bytes without a secret pass through untouched, never decoded. Every
   * byte of a step's output passes here, through the scanner of `./secret-scan.ts`.
   */
  redactBytes(bytes: Buffer): Buffer {
    if (!this.scanner.holdsAny(bytes)) return bytes
    return Buffer.from(this.redact(bytes.toString('utf8')), 'utf8')
  }

  /**
   * How many bytes at the end of `bytes` could be the start of a secret still to come: a line
   * flushed before its end must keep those back, or a secret printed in two parts a moment apart
   * would reach the log whole, each part too short to be recognised.
   */
  partialSecretLength(bytes: Buffer): number {
    let longest = 0
    for (const form of this.sortedBytes) {
      const most = Math.min(form.length - 1, bytes.length)
      for (let length = most; length > longest; length--) {
        if (bytes.subarray(bytes.length - length).equals(form.subarray(0, length))) {
          longest = length
          break
        }
      }
    }
    return longest
  }

  get size(): number {
    return this.forms.size
  }
}

function formsOf(value: string): string[] {
  const forms = new Set<string>([value, value.trim()])
  const lines = value.split(/\r?\n/).map(line => line.trim())
  // Each line of a multi-line value is a secret of its own, in every encoding: one line of a key,
  // printed in base64, is as bad as the whole key.
  for (const line of lines) if (line.length >= MIN_LENGTH) forms.add(line)
  const encodable = [value, ...(lines.length > 1 ? lines.filter(line => line.length >= 8) : [])]
  for (const part of encodable) {
    for (const form of base64Forms(Buffer.from(part, 'utf8'))) forms.add(form)
    for (const encoded of [encodeURIComponent(part), encodeURI(part)]) {
      for (const form of [encoded, encoded.replace(/%20/g, '+')]) {
        forms.add(form)
        forms.add(form.replace(/%[0-9A-F]{2}/g, escape => escape.toLowerCase()))
      }
    }
  }
  return [...forms].filter(form => form.length >= MIN_LENGTH)
}

/**
 * The secret as it appears inside any base64 text (`user:secret` encoded for a Basic header, a
 * JSON blob encoded whole): at each of the three byte alignments, the characters that depend only
 * on the secret's own bytes. Both alphabets (base64 and base64url).
 */
function base64Forms(bytes: Buffer): string[] {
  const forms: string[] = []
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes])
    const encoded = padded.toString('base64')
    // Leading characters mix in the padding bytes; trailing ones mix in what follows the secret.
    const start = offset === 0 ? 0 : Math.ceil((offset * 8) / 6)
    const end = Math.floor((padded.length * 8) / 6)
    const core = encoded.slice(start, end)
    forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
    if (offset === 0) forms.push(encoded, encoded.replace(/=+$/, ''), bytes.toString('base64url'))
  }
  return forms
}
