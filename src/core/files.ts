/**
 * The project's small files, read synchronously. Pre-flight reads a few dozen of them (markers,
 * tasks, proposal, guard, config, plan) before anything runs; through fs.promises each read is
 * several round trips to libuv's thread pool, together about 4 ms of the start-up for files of a
 * few hundred bytes. Nothing else runs meanwhile, so nothing waits on them.
 */
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from 'node:fs'

/** The file itself (a link is not followed); undefined when it cannot be looked at. */
export function lstatOf(file: string): Stats | undefined {
  try {
    return lstatSync(file)
  } catch {
    return undefined
  }
}

/** What the path leads to (links followed); undefined when it cannot be looked at. */
export function statOf(file: string): Stats | undefined {
  try {
    return statSync(file)
  } catch {
    return undefined
  }
}

/** The names in a folder; none when it cannot be read. */
export function namesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
  } catch {
    return []
  }
}

/** Every entry under a folder, at any depth; none when it cannot be read. */
export function entriesUnder(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
  } catch {
    return []
  }
}

/**
 * A project file's text, read only when it is a regular file (a link is not followed): a FIFO or a
 * device is never opened, since reading one would block the run for good, signals and all.
 */
export function readRegular(
  file: string
): { kind: 'text'; text: string } | { kind: 'absent' } | { kind: 'not-a-file' } {
  const stat = lstatOf(file)
  if (!stat) return { kind: 'absent' }
  if (!stat.isFile()) return { kind: 'not-a-file' }
  try {
    return { kind: 'text', text: readFileSync(file, 'utf8') }
  } catch {
    return { kind: 'absent' }
  }
}
