/** What the log says about pre-flight and, in a dry run, about the plan: plain lines a reader can follow. */
import type { Check } from '../core/check.js'
import { formatDuration } from '../core/duration.js'
import type { Log } from '../core/log.js'
import { listOf } from '../core/message.js'
import { say as coreSay } from '../core/messages.js'
import type { Deployment } from './deployment.js'
import { say } from './messages.js'
import { batchSizeOf, stepRollbacks, worstCaseDetectionMs, type RunPlan } from './run-plan.js'

export function logChecks(checks: Check[], log: Log): void {
  for (const check of checks) {
    if (check.status === 'passed') {
      log.info(say.passedLine(check.title, check.detail))
      continue
    }
    const report = check.status === 'failed' ? log.error : log.warning
    const places = check.where ?? []
    if (places.some(place => place.message !== undefined)) {
      for (const place of places)
        report(say.checkLine(check.title, place.message ?? check.detail), place)
      if (check.fix) log.info(coreSay.fixLine(check.fix))
    } else {
      const line = say.checkLine(check.title, check.detail)
      report(check.fix ? coreSay.withFix(line, check.fix) : line, places[0])
    }
  }
}

export function logRunPlan(plan: RunPlan, deployment: Deployment, log: Log): void {
  const l = say.log
  log.info(l.summary(deployment.environment, listOf(deployment.targets), deployment.mode))
  const isRollback = deployment.mode === 'rollback'
  if (isRollback)
    log.info(
      deployment.rollbackFrom
        ? l.rollbackOnDemand(
            deployment.environment,
            deployment.rollbackFrom.version,
            deployment.version
          )
        : l.rollbackUnknown
    )
  let number = 0
  for (const phase of plan.phases) {
    const phaseName = isRollback
      ? l.rollbackPhase
      : phase.kind === 'canary'
        ? l.canaryPhase
        : l.deployPhase
    log.info(phase.weight === undefined ? phaseName : l.phaseAt(phaseName, phase.weight))
    if (phase.steps.some(step => step.isPerTarget) || phase.health.some(check => check.isPerTarget))
      log.info(
        l.rollout(
          listOf(plan.fleet.targets.map(target => target.name)),
          batchSizeOf(plan.fleet),
          formatDuration(plan.fleet.rollout.pauseMs),
          plan.fleet.rollout.maxFailedTargets
        )
      )
    for (const step of phase.steps) {
      number++
      log.info(
        step.isPerTarget
          ? l.stepPerTarget(number, step.name, step.id)
          : step.target
            ? l.stepOfTarget(number, step.name, step.id, step.target)
            : l.step(number, step.name, step.id)
      )
      if (step.purpose) log.info(l.purpose(step.purpose))
      log.info(l.where(step.workingDirectory, formatDuration(step.timeoutMs)))
      log.info(l.run(step.run.replace(/\n/g, '\n          ')))
      if (!isRollback) log.info(step.rollback ? l.ownRollback(step.rollback) : l.noOwnRollback)
    }
    for (const { item, reason } of phase.skippedSteps)
      log.info(l.leftOut(item.name, item.id, reason))
    for (const check of phase.health) {
      const probe = check.kind === 'http' ? check.url : check.run
      log.info(l.health(check.name, probe, formatDuration(worstCaseDetectionMs(check))))
      const baseline = check.kind === 'command' ? check.metric?.baseline : undefined
      if (baseline)
        log.info(
          baseline.isRequired
            ? l.baselineRequired(baseline.samples)
            : l.baselineOptional(baseline.samples)
        )
    }
  }
  const own = stepRollbacks(plan).reverse()
  if (own.length + plan.rollbackSteps.length === 0) log.info(l.noRollback)
  for (const step of own) log.info(l.rollbackOf(step.id, step.rollback ?? ''))
  for (const step of plan.rollbackSteps) log.info(l.planRollback(step.id, step.run))
}
