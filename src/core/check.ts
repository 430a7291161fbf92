/** One pre-flight condition and its verdict. */
import type { Message } from './message.js'

export interface SourceLocation {
  /** Project-relative file. */
  file: string
  line?: number
  /** The problem at this place, when a check has several (one annotation each). */
  message?: Message
}

export interface Check {
  /** What must hold, as a reader would say it: "verification passed". */
  title: Message
  status: 'passed' | 'failed' | 'warning'
  /** What was found. */
  detail: Message
  /** For a failure or warning: what to do about it. */
  fix?: Message
  /** Where the problem is, for annotations. */
  where?: SourceLocation[]
  /** A warning of a dry run that a real run would refuse on. */
  blocksRealRun?: boolean
}

export function passed(title: Message, detail: Message): Check {
  return { title, status: 'passed', detail }
}

export function failed(
  title: Message,
  detail: Message,
  fix: Message,
  where?: SourceLocation[]
): Check {
  return where
    ? { title, status: 'failed', detail, fix, where }
    : { title, status: 'failed', detail, fix }
}

export function warned(title: Message, detail: Message, fix: Message): Check {
  return { title, status: 'warning', detail, fix }
}

/** A condition a dry run only warns about, but on which a real run would be refused. */
export function wouldRefuse(title: Message, detail: Message, fix: Message): Check {
  return { title, status: 'warning', detail, fix, blocksRealRun: true }
}
