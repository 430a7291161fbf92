/** Is the OpenLogos proposal ready to deploy? The conditions of openlogos.md, each with its fix. */
import { failed, passed, type Check } from '../core/check.js'
import { MARKER } from './layout.js'
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
    checks.push(failed('project settings are readable', problem, 'fix the file named above'))
  }
  return checks.filter((check): check is Check => check !== undefined)
}

function markerProblem(
  proposal: Proposal,
  marker: string,
  state: MarkerState | undefined
): string | undefined {
  return state === 'not-a-file'
    ? `${proposal.folder}/${marker} is not a regular file (a folder or a symbolic link)`
    : undefined
}

function checkVerification(proposal: Proposal): Check {
  const title = 'verification passed (VERIFY_PASS, no VERIFY_FAIL)'
  const pass = proposal.markers[MARKER.verifyPass]
  const fail = proposal.markers[MARKER.verifyFail]
  const broken =
    markerProblem(proposal, MARKER.verifyPass, pass) ??
    markerProblem(proposal, MARKER.verifyFail, fail)
  if (broken) {
    return failed(
      title,
      broken,
      'markers are empty files: remove it and run openlogos verify again'
    )
  }
  if (fail === 'present') {
    return failed(
      title,
      `${proposal.folder}/${MARKER.verifyFail} is present: the last acceptance verification failed`,
      'fix the failures and run openlogos verify until it writes VERIFY_PASS'
    )
  }
  if (pass !== 'present') {
    return failed(
      title,
      `${proposal.folder}/${MARKER.verifyPass} is missing: the proposal has not passed verification`,
      'run openlogos verify; it writes VERIFY_PASS when acceptance passes'
    )
  }
  return passed(title, `${MARKER.verifyPass} present, no ${MARKER.verifyFail}`)
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
  const title = 'deployment is required and decided consistently'
  const deploy = proposal.tasks
    ? tasksOf(proposal.tasks, 'deploy')
    : { hasSection: false, tasks: [] }
  const stated: Decision | undefined = proposal.decisions.deployment
  const where = `${proposal.folder}/proposal.md`
  if (stated?.value === 'invalid') {
    return failed(
      title,
      `${where} line ${stated.line} answers '${stated.text}' to whether deployment is required`,
      "answer exactly 是 or 否 (Chinese template) or yes or no ('- Deployment required: yes')",
      [{ file: where, line: stated.line }]
    )
  }
  if (stated?.value === 'yes' && !deploy.hasSection) {
    return failed(
      title,
      `decision conflict: ${where} line ${stated.line} says deployment is required, but tasks.md has no [deploy] section`,
      'add a ## [deploy] section with the deployment tasks to tasks.md, or change the proposal to say no deployment is required',
      [{ file: where, line: stated.line }]
    )
  }
  if (stated?.value === 'no') {
    return deploy.hasSection
      ? failed(
          title,
          `decision conflict: ${where} line ${stated.line} says no deployment is required, but tasks.md has a [deploy] section`,
          'make the proposal and tasks.md agree: answer yes in the proposal, or remove the [deploy] section',
          [{ file: where, line: stated.line }]
        )
      : failed(
          title,
          `${where} line ${stated.line} says no deployment is required`,
          'nothing to deploy for this proposal; if that is wrong, answer yes and add [deploy] tasks',
          [{ file: where, line: stated.line }]
        )
  }
  if (stated?.value === 'yes') return passed(title, `${where} line ${stated.line} says yes`)
  if (deploy.tasks.length > 0)
    return passed(title, `tasks.md has ${deploy.tasks.length} [deploy] task(s)`)
  return failed(
    title,
    'nothing says a deployment is required: proposal.md has no deployment impact answer and tasks.md no [deploy] tasks (OpenLogos answers DEPLOYMENT_NOT_REQUIRED; logos-project.yaml can only say a deployment is not required)',
    "add '## 部署影响' with '- 是否需要部署：是' to proposal.md and a ## [deploy] section with tasks to tasks.md"
  )
}

function checkTasks(proposal: Proposal): Check[] {
  const codeTitle = 'every [code] task is done'
  const deployTitle = 'tasks.md lists [deploy] tasks'
  const file = `${proposal.folder}/tasks.md`
  if (!proposal.tasks) {
    const fix =
      'write tasks.md with a ## [code] and a ## [deploy] section (openlogos change creates it)'
    return [
      failed(codeTitle, `${file} is missing`, fix),
      failed(deployTitle, `${file} is missing`, fix)
    ]
  }
  const list = proposal.tasks
  if (list.isLegacy) {
    const open = list.allTasks.filter(task => !task.isDone)
    const fix =
      'split tasks.md into ## [code] and ## [deploy] sections (legacy files have no [tag] headings)'
    return [
      open.length > 0
        ? failed(
            codeTitle,
            `${describeOpen(open)} in the legacy (untagged) tasks.md`,
            'finish them first',
            lines(file, open)
          )
        : passed(codeTitle, 'every checkbox of the legacy tasks.md is done'),
      failed(
        deployTitle,
        `${file} has no ## [tag] sections (legacy layout), so no [deploy] tasks`,
        fix
      )
    ]
  }
  const code = tasksOf(list, 'code')
  const openCode = code.tasks.filter(task => !task.isDone)
  const deploy = tasksOf(list, 'deploy')
  return [
    openCode.length > 0
      ? failed(
          codeTitle,
          `${describeOpen(openCode)} under [code] in ${file}`,
          'finish the code tasks (and verify again) before deploying',
          lines(file, openCode)
        )
      : passed(
          codeTitle,
          code.hasSection ? `${code.tasks.length} [code] task(s) done` : 'no [code] section'
        ),
    deploy.tasks.length > 0
      ? passed(deployTitle, `${deploy.tasks.length} [deploy] task(s)`)
      : failed(
          deployTitle,
          deploy.hasSection
            ? `the [deploy] section of ${file} has no tasks`
            : `${file} has no ## [deploy] section`,
          "add the deployment tasks as '- [ ] ...' lines under '## [deploy]'"
        )
  ]
}

function checkSpecMerged(proposal: Proposal): Check | undefined {
  if (proposal.planDeltas.length === 0) return undefined
  const title = "the proposal's plan changes are merged (SPEC_MERGED)"
  const states = [MARKER.specMerged, MARKER.legacyMerged].map(marker => proposal.markers[marker])
  if (states.includes('present'))
    return passed(title, `${proposal.planDeltas.length} plan delta(s), merged`)
  return failed(
    title,
    `the proposal changes the deployment plan (${proposal.planDeltas.join(', ')}) but has no ${MARKER.specMerged} marker`,
    'merge the proposal deltas into logos/resources/ (which writes SPEC_MERGED), so the plan that runs is the reviewed one'
  )
}

function describeOpen(tasks: Task[]): string {
  const shown = tasks.slice(0, 5).map(task => `line ${task.line} '${task.text}'`)
  const more = tasks.length > 5 ? ` and ${tasks.length - 5} more` : ''
  return `${tasks.length} open task(s) (${shown.join(', ')}${more})`
}

function lines(file: string, tasks: Task[]): { file: string; line: number }[] {
  return tasks.slice(0, 5).map(task => ({ file, line: task.line }))
}
