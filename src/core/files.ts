/**
 * The project's small files, read synchronously. Pre-flight reads a few dozen of them (markers,
 * tasks, proposal, guard, config, plan) before anything runs; through fs.promises each read is
 * several round trips to libuv's thread pool, together about 4 ms of the start-up for files of a
 * few hundred bytes. Nothing else runs meanwhile, so nothing waits on them.
 */
import { lstatSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs'

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
