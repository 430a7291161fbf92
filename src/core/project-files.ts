/**
 * Files of the project the action reads as input or writes (the report, tasks.md, the markers, the
 * plan): each must be a regular file, or absent, at a real path inside the project root. A symbolic
 * link anywhere on the way that leads out of the project, a final link, a FIFO or a device is
 * refused, so that no write lands outside the project and no read copies bytes from outside it
 * (a report linked to /proc/self/environ would copy the whole environment, token included).
 * Writes replace the file atomically and keep its mode.
 */
import { readFileSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { writeFileAtomic } from './atomic-file.js'
import { lstatOf } from './files.js'
import { MessageError, type Message } from './message.js'
import { say } from './messages.js'
import { isInside } from './paths.js'

/** Why the action may not read or write `relative` under `root`; undefined when it may. */
export function projectFileProblem(root: string, relative: string): Message | undefined {
  const absolute = path.resolve(root, relative)
  if (!isInside(root, absolute)) return say.outsideRoot(relative)
  const realRoot = realpathSync.native(root)
  // Every existing folder on the way must really be inside the project.
  let folder = path.dirname(absolute)
  while (!exists(folder) && folder !== path.dirname(folder)) folder = path.dirname(folder)
  const realFolder = realpathSync.native(folder)
  if (!isInside(realRoot, realFolder))
    return say.linkOut(relative, path.join(realFolder, path.relative(folder, absolute)))
  const stat = lstatOf(absolute)
  if (stat?.isSymbolicLink()) return say.isLink(relative)
  if (stat && !stat.isFile()) return say.notRegular(relative)
  return undefined
}

/** The fix that goes with every problem above. */
export const PROJECT_FILE_FIX = say.projectFileFix

/** A project file the action refused to read or write, with why and the fix. */
export class ProjectFileError extends MessageError {
  constructor(problem: Message) {
    super(say.refusedFile(problem, PROJECT_FILE_FIX))
  }
}

/** The file's text, or undefined when it does not exist; refuses what projectFileProblem refuses. */
export function readProjectFile(root: string, relative: string): string | undefined {
  const problem = projectFileProblem(root, relative)
  if (problem) throw new ProjectFileError(problem)
  try {
    return readFileSync(path.resolve(root, relative), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

/** Replaces the file whole, keeping its mode; refuses what projectFileProblem refuses. */
export async function writeProjectFile(
  root: string,
  relative: string,
  content: string
): Promise<void> {
  const problem = projectFileProblem(root, relative)
  if (problem) throw new ProjectFileError(problem)
  const absolute = path.resolve(root, relative)
  const mode = lstatOf(absolute)?.mode
  await writeFileAtomic(absolute, content, mode === undefined ? undefined : mode & 0o7777)
}

function exists(file: string): boolean {
  return lstatOf(file) !== undefined
}
