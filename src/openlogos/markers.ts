/**
 * What `openlogos deploy-done` does after a successful deployment: tick every [deploy] task, write
 * an empty DEPLOY_DONE, and remove SMOKE_PASS / SMOKE_FAIL (a new deployment needs a new smoke test).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { MessageError, type Message } from '../core/message.js'
import {
  ProjectFileError,
  projectFileProblem,
  readProjectFile,
  writeProjectFile
} from '../core/project-files.js'
import { MARKER } from './layout.js'
import { say } from './messages.js'
import { tickDeployTasks } from './tasks.js'

export interface MarkerChanges {
  /** What it changed, in words, for the log. */
  notes: Message[]
  /** Project-relative files written and removed. */
  written: string[]
  deleted: string[]
}

export async function markDeployDone(root: string, proposalFolder: string): Promise<MarkerChanges> {
  const changed: Message[] = []
  const written: string[] = []
  const deleted: string[] = []
  const folder = await fs.lstat(path.join(root, proposalFolder)).catch(() => undefined)
  if (!folder?.isDirectory()) {
    // Never made anew: a DEPLOY_DONE in a folder without its proposal would mean nothing.
    throw new MessageError(say.proposalFolderGone(proposalFolder))
  }
  const tasksFile = `${proposalFolder}/tasks.md`
  const tasks = readProjectFile(root, tasksFile) ?? ''
  const ticked = tickDeployTasks(tasks)
  if (ticked !== tasks) {
    await writeProjectFile(root, tasksFile, ticked)
    changed.push(say.tasksTicked(tasksFile))
    written.push(`${proposalFolder}/tasks.md`)
  }
  await writeProjectFile(root, `${proposalFolder}/${MARKER.deployDone}`, '')
  changed.push(say.markerWritten(`${proposalFolder}/${MARKER.deployDone}`))
  written.push(`${proposalFolder}/${MARKER.deployDone}`)
  for (const marker of [MARKER.smokePass, MARKER.smokeFail]) {
    const relative = `${proposalFolder}/${marker}`
    const problem = projectFileProblem(root, relative)
    if (problem) throw new ProjectFileError(problem)
    const file = path.join(root, relative)
    if (
      await fs.lstat(file).then(
        () => true,
        () => false
      )
    ) {
      await fs.rm(file, { force: true })
      changed.push(say.markerRemoved(relative))
      deleted.push(`${proposalFolder}/${marker}`)
    }
  }
  return { notes: changed, written, deleted }
}
