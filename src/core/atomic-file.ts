/** Files replaced whole or not at all: written beside their target, then renamed over it. */
import { randomBytes } from 'node:crypto'
import {
  promises as fs,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import path from 'node:path'

/** `mode`: the permission bits the file gets (a rewritten file keeps its own). */
export async function writeFileAtomic(file: string, content: string, mode?: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`
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
 */
export function writeFileAtomicSync(file: string, content: string): void {
  const folder = path.dirname(file)
  const name = path.basename(file)
  const version = `${name}.${process.pid}.${++versions}`
  const link = path.join(folder, `.${name}.${process.pid}.link`)
  const previous = linkTarget(file)
  try {
    writeFileSync(path.join(folder, version), content, { flag: 'wx' })
    symlinkSync(version, link)
    renameSync(link, file)
  } catch (error) {
    rmSync(path.join(folder, version), { force: true })
    rmSync(link, { force: true })
    throw error
  }
  // Only a version of this very file, in its folder: the link itself may have been tampered with.
  if (previous !== undefined && isVersionOf(name, previous))
    rmSync(path.join(folder, previous), { force: true })
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
