/**
 * What `openlogos deploy-done` does after a successful deployment: tick every [deploy] task, write
 * an empty DEPLOY_DONE, and remove SMOKE_PASS / SMOKE_FAIL (a new deployment needs a new smoke test).
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import {
  PROJECT_FILE_FIX,
  ProjectFileError,
  projectFileProblem,
  readProjectFile,
  writeProjectFile
} from '../core/project-files.js'
import { MARKER } from './layout.js'
import { tickDeployTasks } from './tasks.js'

export interface MarkerChanges {
  /** What it changed, in words, for the log. */
  notes: string[]
  /** Project-relative files written and removed. */
  written: string[]
  deleted: string[]
}

export async function markDeployDone(root: string, proposalFolder: string): Promise<MarkerChanges> {
  const changed: string[] = []
  const written: string[] = []
  const deleted: string[] = []
  const folder = await fs.lstat(path.join(root, proposalFolder)).catch(() => undefined)
  if (!folder?.isDirectory()) {
    // Never made anew: a DEPLOY_DONE in a folder without its proposal would mean nothing.
    throw new ProjectFileError(
      `${proposalFolder} is no longer a folder (a step removed or replaced it), so DEPLOY_DONE was not written and no task was ticked: restore the proposal from git, then run openlogos deploy-done`
    )
  }
  const tasksFile = `${proposalFolder}/tasks.md`
  const tasks = (await readProjectFile(root, tasksFile)) ?? ''
  const ticked = tickDeployTasks(tasks)
  if (ticked !== tasks) {
    await writeProjectFile(root, tasksFile, ticked)
    changed.push(`${proposalFolder}/tasks.md: [deploy] tasks ticked`)
    written.push(`${proposalFolder}/tasks.md`)
  }
  await writeProjectFile(root, `${proposalFolder}/${MARKER.deployDone}`, '')
  changed.push(`${proposalFolder}/${MARKER.deployDone} written`)
  written.push(`${proposalFolder}/${MARKER.deployDone}`)
  for (const marker of [MARKER.smokePass, MARKER.smokeFail]) {
    const relative = `${proposalFolder}/${marker}`
    const problem = projectFileProblem(root, relative)
    if (problem) throw new ProjectFileError(`${problem}: ${PROJECT_FILE_FIX}`)
    const file = path.join(root, relative)
    if (
      await fs.lstat(file).then(
        () => true,
        () => false
      )
    ) {
      await fs.rm(file, { force: true })
      changed.push(`${proposalFolder}/${marker} removed (a new deployment needs a new smoke test)`)
      deleted.push(`${proposalFolder}/${marker}`)
    }
  }
  return { notes: changed, written, deleted }
}
