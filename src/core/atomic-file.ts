/** Files replaced whole or not at all: written beside their target, then renamed over it. */
import { randomBytes } from 'node:crypto'
import { promises as fs, renameSync, rmSync, writeFileSync } from 'node:fs'
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

/** The same, synchronously: for small files written often, where a thread-pool hop costs more than the write. */
export function writeFileAtomicSync(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}
