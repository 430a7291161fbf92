/** Files replaced whole or not at all: written beside their target, then renamed over it. */
import { randomBytesOf } from './random.js'
import {
  promises as fs,
  readlinkSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'

/** `mode`: the permission bits the file gets (a rewritten file keeps its own). */
export async function writeFileAtomic(file: string, content: string, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytesOf(6).toString('hex')}.tmp`
  )
  try {
    await fs.writeFile(temporary, content, { flag: 'wx' })
    if (mode !== undefined) await fs.chmod(temporary, mode)
    await fs.rename(temporary, file)
  } catch (error) {
    await fs.rm(temporary, { force: true })
    throw error
  }
}

/**
 * The same, synchronously, for a small file rewritten many times in a run (the journal, twice per
 * step). Each version is written as a new file beside `file`, which is a symbolic link switched to
 * it: ext4 writes a file's data out at once when a new file is renamed over an old one
 * (auto_da_alloc), about half a millisecond each time on a busy runner, but not when a link
 * replaces a link. A reader of `file` sees the old version or the new one, never part of either.
 * The version replaced is removed; the writer remembers it, and asks the link only the first time
 * (another process may have written the file before).
 */
export function versionedFile(file: string): { write: (content: string | Uint8Array) => void } {
  const folder = path.dirname(file)
  const name = path.basename(file)
  const link = path.join(folder, `.${name}.${process.pid}.link`)
  let current: string | undefined
  let isCurrentKnown = false
  return {
    write: content => {
      if (!isCurrentKnown) {
        // Only a version of this very file, in its folder: the link may have been tampered with.
        const target = linkTarget(file)
        current = target !== undefined && isVersionOf(name, target) ? target : undefined
        isCurrentKnown = true
      }
      const version = `${name}.${process.pid}.${++versions}`
      try {
        writeFileSync(path.join(folder, version), content, { flag: 'wx' })
        symlinkSync(version, link)
        renameSync(link, file)
      } catch (error) {
        removeIfThere(path.join(folder, version))
        removeIfThere(link)
        throw error
      }
      if (current !== undefined) removeIfThere(path.join(folder, current))
      current = version
    }
  }
}

let versions = 0

function linkTarget(file: string): string | undefined {
  try {
    return readlinkSync(file)
  } catch {
    return undefined
  }
}

function isVersionOf(name: string, target: string): boolean {
  return target.startsWith(`${name}.`) && /^\d+\.\d+$/.test(target.slice(name.length + 1))
}

function removeIfThere(file: string): void {
  try {
    unlinkSync(file)
  } catch {
    // already gone
  }
}
