/** Is the OpenLogos proposal ready to deploy? The conditions of openlogos.md, each with its fix. */
import { failed, passed, type Check } from '../core/check.js'
import { joinMessages, listOf, SEPARATOR, type Message } from '../core/message.js'
import { MARKER } from './layout.js'
import { say } from './messages.js'
import type { Decision, MarkerState, Proposal } from './proposal.js'
import { tasksOf, type Task } from './tasks.js'

export function checkProposal(proposal: Proposal): Check[] {
  const checks = [
    // A flow overlay's gate is judged apart (verify-gate.ts): it may be a command to run.
    proposal.verifyFlow.kind === 'ok' && proposal.verifyFlow.gate.source === 'builtin'
      ? checkVerification(proposal)
      : undefined,
    checkDeploymentRequired(proposal),
    ...checkTasks(proposal),
    checkSpecMerged(proposal)
  ]
  for (const problem of proposal.project.problems) {
    checks.push(failed(say.settingsTitle, problem, say.settingsFix))
  }
  return checks.filter((check): check is Check => check !== undefined)
}

function markerProblem(
  proposal: Proposal,
  marker: string,
  state: MarkerState | undefined
): Message | undefined {
  return state === 'not-a-file' ? say.markerNotAFile(`${proposal.folder}/${marker}`) : undefined
}

function checkVerification(proposal: Proposal): Check {
  const title = say.verifyTitle
  const pass = proposal.markers[MARKER.verifyPass]
  const fail = proposal.markers[MARKER.verifyFail]
  const broken =
    markerProblem(proposal, MARKER.verifyPass, pass) ??
    markerProblem(proposal, MARKER.verifyFail, fail)
  if (broken) {
    return failed(title, broken, say.markerNotAFileFix)
  }
  if (fail === 'present') {
    return failed(
      title,
      say.verifyFailPresent(`${proposal.folder}/${MARKER.verifyFail}`),
      say.verifyFailFix
    )
  }
  if (pass !== 'present') {
    return failed(
      title,
      say.verifyPassMissing(`${proposal.folder}/${MARKER.verifyPass}`),
      say.verifyPassFix
    )
  }
  return passed(title, say.verifyPassed(MARKER.verifyPass, MARKER.verifyFail))
}

/**
 * Whether a deployment is required, as OpenLogos decides it (CLI 0.13.24, proposal-lifecycle.ts):
 * the proposal's answer first; else [deploy] tasks in tasks.md; `deployment_gates` in
 * logos-project.yaml can only say "not required", never "required". A conflict is an answer that
 * contradicts the presence of a `## [deploy]` heading; an empty [deploy] section is no conflict
 * (the tasks check refuses it). English answers (`- Deployment required: yes|no`) are read too,
 * which OpenLogos does not do: for them, a conflict with tasks.md is refused rather than overruled.
 */
function checkDeploymentRequired(proposal: Proposal): Check {
  const title = say.requiredTitle
  const deploy = proposal.tasks
    ? tasksOf(proposal.tasks, 'deploy')
    : { hasSection: false, tasks: [] }
  const stated: Decision | undefined = proposal.decisions.deployment
  const where = `${proposal.folder}/proposal.md`
  // Not read is not absent: the proposal's own answer may be "no".
  if (proposal.notRegular.includes(where)) {
    return failed(title, say.notARegularFile(where), say.plainFileFix(where))
  }
  if (stated?.value === 'invalid') {
    return failed(title, say.invalidAnswer(where, stated.line, stated.text), say.invalidAnswerFix, [
      { file: where, line: stated.line }
    ])
  }
  if (stated?.value === 'yes' && !deploy.hasSection) {
    return failed(title, say.conflictYes(where, stated.line), say.conflictYesFix, [
      { file: where, line: stated.line }
    ])
  }
  if (stated?.value === 'no') {
    return deploy.hasSection
      ? failed(title, say.conflictNo(where, stated.line), say.conflictNoFix, [
          { file: where, line: stated.line }
        ])
      : failed(title, say.saysNotRequired(where, stated.line), say.saysNotRequiredFix, [
          { file: where, line: stated.line }
        ])
  }
  if (stated?.value === 'yes') return passed(title, say.saysYes(where, stated.line))
  if (deploy.tasks.length > 0) return passed(title, say.hasDeployTasks(deploy.tasks.length))
  return failed(title, say.nothingSaysRequired, say.nothingSaysRequiredFix)
}

function checkTasks(proposal: Proposal): Check[] {
  const codeTitle = say.codeTasksTitle
  const deployTitle = say.deployTasksTitle
  const file = `${proposal.folder}/tasks.md`
  if (proposal.notRegular.includes(file)) {
    const fix = say.plainFileFix(file)
    return [
      failed(codeTitle, say.notARegularFile(file), fix),
      failed(deployTitle, say.notARegularFile(file), fix)
    ]
  }
  if (!proposal.tasks) {
    const fix = say.writeTasksFix
    return [
      failed(codeTitle, say.fileMissing(file), fix),
      failed(deployTitle, say.fileMissing(file), fix)
    ]
  }
  const list = proposal.tasks
  if (list.isLegacy) {
    const open = list.allTasks.filter(task => !task.isDone)
    return [
      open.length > 0
        ? failed(
            codeTitle,
            say.openInLegacy(describeOpen(open)),
            say.finishThemFix,
            lines(file, open)
          )
        : passed(codeTitle, say.legacyAllDone),
      failed(deployTitle, say.legacyNoDeploy(file), say.splitLegacyFix)
    ]
  }
  const code = tasksOf(list, 'code')
  const openCode = code.tasks.filter(task => !task.isDone)
  const deploy = tasksOf(list, 'deploy')
  return [
    openCode.length > 0
      ? failed(
          codeTitle,
          say.openUnderCode(describeOpen(openCode), file),
          say.finishCodeFix,
          lines(file, openCode)
        )
      : passed(
          codeTitle,
          code.hasSection ? say.codeTasksDone(code.tasks.length) : say.noCodeSection
        ),
    deploy.tasks.length > 0
      ? passed(deployTitle, say.deployTaskCount(deploy.tasks.length))
      : failed(
          deployTitle,
          deploy.hasSection ? say.emptyDeploySection(file) : say.noDeploySection(file),
          say.addDeployTasksFix
        )
  ]
}

function checkSpecMerged(proposal: Proposal): Check | undefined {
  if (proposal.planDeltas.length === 0) return undefined
  const title = say.specMergedTitle
  const states = [MARKER.specMerged, MARKER.legacyMerged].map(marker => proposal.markers[marker])
  if (states.includes('present')) return passed(title, say.deltasMerged(proposal.planDeltas.length))
  return failed(
    title,
    say.deltasNotMerged(listOf(proposal.planDeltas), MARKER.specMerged),
    say.deltasNotMergedFix
  )
}

function describeOpen(tasks: Task[]): Message {
  const shown = tasks.slice(0, 5).map(task => say.taskAt(task.line, task.text))
  return say.openTasks(
    tasks.length,
    joinMessages(shown, SEPARATOR.list),
    Math.max(0, tasks.length - 5)
  )
}

function lines(file: string, tasks: Task[]): { file: string; line: number }[] {
  return tasks.slice(0, 5).map(task => ({ file, line: task.line }))
}
