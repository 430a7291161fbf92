/**
 * Do the files a real run writes stay inside the project? The report file, and the proposal's
 * tasks.md and markers: each must be a regular file or absent, at a real path inside the project.
 * Checked before anything runs, so that a link out of the project refuses the run instead of
 * receiving its writes.
 */
import { failed, passed, wouldRefuse, type Check } from '../core/check.js'
import { joinMessages, listOf, SEPARATOR } from '../core/message.js'
import { PROJECT_FILE_FIX, projectFileProblem } from '../core/project-files.js'
import { MARKER } from './layout.js'
import { say } from './messages.js'

const TITLE = say.filesTitle

export function checkProjectFiles(input: {
  root: string
  reportPath: string
  proposalFolder: string | undefined
  isDryRun: boolean
}): Check {
  const files = [
    input.reportPath,
    ...(input.proposalFolder === undefined
      ? []
      : ['tasks.md', MARKER.deployDone, MARKER.smokePass, MARKER.smokeFail].map(
          name => `${input.proposalFolder ?? ''}/${name}`
        ))
  ]
  const problems = files.flatMap(file => {
    const problem = projectFileProblem(input.root, file)
    return problem ? [problem] : []
  })
  if (problems.length === 0) return passed(TITLE, listOf(files))
  const detail = joinMessages(problems, SEPARATOR.clause)
  return input.isDryRun
    ? wouldRefuse(TITLE, detail, PROJECT_FILE_FIX)
    : failed(TITLE, detail, PROJECT_FILE_FIX)
}
