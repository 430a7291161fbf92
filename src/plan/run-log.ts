/** What the log says about pre-flight and, in a dry run, about the plan: plain lines a reader can follow. */
import type { Check } from '../core/check.js'
import { formatDuration } from '../core/duration.js'
import type { Log } from '../core/log.js'
import type { Deployment } from './deployment.js'
import { stepRollbacks, worstCaseDetectionMs, type RunPlan } from './run-plan.js'

export function logChecks(checks: Check[], log: Log): void {
  for (const check of checks) {
    if (check.status === 'passed') {
      log.info(`✔ ${check.title}: ${check.detail}`)
      continue
    }
    const report = check.status === 'failed' ? log.error : log.warning
    const fix = check.fix ? `\n  fix: ${check.fix}` : ''
    const places = check.where ?? []
    if (places.some(place => place.message !== undefined)) {
      for (const place of places) report(`${check.title}: ${place.message ?? check.detail}`, place)
      if (fix) log.info(fix.trimStart())
    } else {
      report(`${check.title}: ${check.detail}${fix}`, places[0])
    }
  }
}

export function logRunPlan(plan: RunPlan, deployment: Deployment, log: Log): void {
  log.info(
    `Environment ${deployment.environment}, targets ${deployment.targets.join(', ')}, mode ${deployment.mode}`
  )
  const isRollback = deployment.mode === 'rollback'
  if (isRollback)
    log.info(
      deployment.rollbackFrom
        ? `Rollback on demand: ${deployment.environment} from ${deployment.rollbackFrom.version} back to ${deployment.version}`
        : 'Rollback on demand: the versions are not known (see the checks)'
    )
  let number = 0
  for (const phase of plan.phases) {
    const at = phase.weight === undefined ? '' : ` at ${phase.weight}% (DEPLOY_CANARY_WEIGHT)`
    log.info(
      `${isRollback ? 'Rollback' : phase.kind === 'canary' ? 'Canary' : 'Deployment'} phase${at}:`
    )
    for (const step of phase.steps) {
      number++
      log.info(
        `  ${number}. ${step.name} [${step.id}]${step.target ? ` (target ${step.target})` : ''}`
      )
      if (step.purpose) log.info(`     purpose: ${step.purpose}`)
      log.info(`     in ${step.workingDirectory}, timeout ${formatDuration(step.timeoutMs)}`)
      log.info(`     run: ${step.run.replace(/\n/g, '\n          ')}`)
      if (!isRollback)
        log.info(
          `     rollback: ${step.rollback ?? "(none of its own; the plan's rollback steps apply)"}`
        )
    }
    for (const { item, reason } of phase.skippedSteps)
      log.info(`  left out: ${item.name} [${item.id}]: ${reason}`)
    for (const check of phase.health) {
      const probe = check.kind === 'http' ? check.url : check.run
      log.info(
        `  health: ${check.name} (${probe}); failure detected within ${formatDuration(worstCaseDetectionMs(check))}`
      )
      const baseline = check.kind === 'command' ? check.metric?.baseline : undefined
      if (baseline)
        log.info(
          `     metric baseline: median of ${baseline.samples} sample(s) before the first step${baseline.isRequired ? '; unmeasurable refuses the run' : '; unmeasurable turns the relative bounds off'}`
        )
    }
  }
  const own = stepRollbacks(plan).reverse()
  if (own.length + plan.rollbackSteps.length === 0) log.info('Rollback: none declared')
  for (const step of own) log.info(`Rollback of ${step.id}: ${step.rollback ?? ''}`)
  for (const step of plan.rollbackSteps) log.info(`Plan rollback ${step.id}: ${step.run}`)
}
