/**
 * Tells whether raw output holds any of a set of byte strings (the forms of the known secrets),
 * at the speed of memchr on real output. Every byte a step prints passes here.
 *
 * Each form has an anchor: the one of its bytes that is rarest in the output seen so far. Every
 * occurrence of a form holds its anchor at a known offset, so looking for the anchor byte
 * (`indexOf` of one byte, which is memchr) and comparing the form only where it is found misses
 * nothing. Output in which the anchors are common (base64 blobs, where every letter is as frequent
 * as the next) would make that slower than one regular expression over all forms, so each scan
 * has a budget of anchor hits: past it, the anchors are chosen again from this output and the
 * regular expression serves the next few megabytes before the anchors are tried again.
 */

interface Anchor {
  form: Buffer
  /** Where in the form the anchor byte stands. */
  offset: number
  byte: number
}

/** Anchor hits a scan may check, per byte scanned: each costs about what the pattern spends on 20 bytes. */
const HITS_PER_BYTE = 1 / 32
/** Checks a scan of a few bytes may make whatever its length. */
const MIN_HITS = 16
/** Scans made with the pattern after the anchors did badly: 64 reads of 64 KiB. */
const PATTERN_TURNS = 64

export class FormScanner {
  private anchors: Anchor[] | undefined
  private patternTurns = 0
  /** The forms as one pattern over bytes read as latin1 (one character a byte). */
  private readonly pattern: RegExp

  constructor(private readonly forms: readonly Buffer[]) {
    this.pattern = new RegExp(forms.map(form => escapeRegExp(form.toString('latin1'))).join('|'))
  }

  /** Whether `bytes` holds one of the forms anywhere. */
  holdsAny(bytes: Buffer): boolean {
    if (this.forms.length === 0) return false
    if (this.patternTurns > 0) {
      this.patternTurns--
      return this.patternHolds(bytes)
    }
    this.anchors ??= anchorsFor(this.forms, bytes)
    const found = anchorScan(this.anchors, bytes, Math.max(MIN_HITS, bytes.length * HITS_PER_BYTE))
    if (found !== undefined) return found
    // This output is full of the anchors' bytes: choose rarer ones from it.
    this.anchors = anchorsFor(this.forms, bytes)
    this.patternTurns = PATTERN_TURNS
    return this.patternHolds(bytes)
  }

  private patternHolds(bytes: Buffer): boolean {
    return this.pattern.test(bytes.toString('latin1'))
  }
}

/** `true` or `false`, or `undefined` once more than `budget` anchor hits were checked. */
function anchorScan(anchors: Anchor[], bytes: Buffer, budget: number): boolean | undefined {
  let hits = 0
  for (const { form, offset, byte } of anchors) {
    const last = bytes.length - form.length + offset
    for (let at = bytes.indexOf(byte, offset); at !== -1 && at <= last;) {
      if (++hits > budget) return undefined
      const start = at - offset
      if (bytes.compare(form, 0, form.length, start, start + form.length) === 0) return true
      at = bytes.indexOf(byte, at + 1)
    }
  }
  return false
}

/** For each form, its byte least frequent in a sample of the output (the first 16 KiB of `bytes`). */
function anchorsFor(forms: readonly Buffer[], bytes: Buffer): Anchor[] {
  const counts = new Uint32Array(256)
  const sample = Math.min(bytes.length, 16 * 1024)
  for (let index = 0; index < sample; index++) {
    const byte = bytes.readUInt8(index)
    counts[byte] = (counts[byte] ?? 0) + 1
  }
  const countAt = (form: Buffer, index: number): number => counts[form.readUInt8(index)] ?? 0
  return forms.map(form => {
    let offset = 0
    for (let index = 1; index < form.length; index++) {
      if (countAt(form, index) < countAt(form, offset)) offset = index
    }
    return { form, offset, byte: form.readUInt8(offset) }
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
}
