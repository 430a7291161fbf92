/**
 * The orchestrator: the pipeline of a deployment, phase after phase. Outside systems come in as
 * dependencies, so the same engine serves the action, the CLI and the tests.
 */
import type { ApprovalGate } from './approval.js'
import { failed, type Check } from './check.js'
import type { CommandRunner } from './command-runner.js'
import { executeRunPlan } from './execution.js'
import type { HttpProbe } from './health-check.js'
import { markDeployDone } from './markers.js'
import { renderReport } from './report-markdown.js'
import { prependReportEntry, recordLine } from './report-file.js'
import type { DeploymentTracker } from './deployment.js'
import { jobEnvironment } from './step-environment.js'
import type { Clock } from './clock.js'
import { formatDuration } from './duration.js'
import type { Log } from './log.js'
import { runPreflight, type Preflight } from './preflight.js'
import type { SecretRegistry } from './redact.js'
import type { DeploymentReport, DeploymentStatus } from './report.js'
import { defaultVersion, type RunContext } from './run-context.js'
import { buildRunPlan, stepRollbacks, worstCaseDetectionMs, type RunPlan } from './run-plan.js'
import type { InputError, Settings } from './settings.js'

export interface Dependencies {
  log: Log
  clock: Clock
  secrets: SecretRegistry
  context: RunContext
  /** The environment the steps inherit; also where the plan's secrets are read. */
  env: Readonly<Record<string, string | undefined>>
  runner: CommandRunner
  probe: HttpProbe
  gate: ApprovalGate
  tracker: DeploymentTracker
  /** Aborted on cancellation. */
  signal?: AbortSignal
  /** Whether a cancelled run rolls back at once (the CLI) or leaves it to the post step (the action). */
  rollbackOnCancel: boolean
}

export async function deploy(settings: Settings, deps: Dependencies): Promise<DeploymentReport> {
  const { log, clock } = deps
  const startedAt = clock.now()
  deps.secrets.add(settings.githubToken)

  const preflight = await log.group('Checking the proposal and the plan', async () => {
    const result = await runPreflight({ settings, branches: deps.context.branches, env: deps.env })
    result.plan?.secrets.forEach(name => deps.secrets.add(deps.env[name]))
    logChecks(result.checks, log)
    return result
  })

  const base = baseReport(settings, deps, preflight, startedAt)
  if (!preflight.isReady) {
    const unmet = preflight.checks.filter(check => check.status === 'failed').length
    log.error(`Deployment refused: ${unmet} pre-flight condition(s) unmet. Nothing was run.`)
    return finish(base, 'refused', deps)
  }
  const environment = requireValue(preflight.environment)
  const runPlan = buildRunPlan(
    requireValue(preflight.plan),
    settings,
    environment,
    requireValue(preflight.targets)
  )
  if (settings.isDryRun) {
    await log.group('Dry run: what a real run would do', async () => {
      logRunPlan(runPlan, log)
      await Promise.resolve()
    })
    return finish({ ...base, runPlan }, 'dry-run', deps)
  }

  const decision = await log.group(`Authorizing the deployment to ${environment}`, async () => {
    const result = await deps.gate.authorize(environment)
    if (result.kind === 'approved') log.info(`Authorized: ${result.authorization}`)
    else log.error(`${result.problem}\n  fix: ${result.fix}`)
    return result
  })
  if (decision.kind === 'refused') {
    const checks = [
      ...base.checks,
      failed('the deployment is authorized', decision.problem, decision.fix)
    ]
    return finish({ ...base, checks }, 'refused', deps)
  }
  const proposal = requireValue(preflight.proposal)
  const request = {
    environment,
    version: base.version,
    sha: deps.context.sha ?? '',
    ref: deps.context.ref ?? '',
    proposal: proposal.slug,
    mode: settings.mode
  }
  const start = await log.group(`Recording the rollback point of ${environment}`, async () => {
    const result = await deps.tracker.begin(request)
    if (result.kind === 'refused') log.error(`${result.problem}\n  fix: ${result.fix}`)
    else result.notes.forEach(note => log.info(note))
    return result
  })
  if (start.kind === 'refused') {
    const checks = [
      ...base.checks,
      failed('the deployment record and rollback point are known', start.problem, start.fix)
    ]
    return finish(
      { ...base, checks, authorization: decision.authorization, approvals: decision.approvals },
      'refused',
      deps
    )
  }
  const previous = start.previous
  log.info(
    `Deploying ${proposal.slug} version ${base.version} to ${environment} (rollback point: ${previous ? `version ${previous.version}` : 'none, first deployment'})`
  )
  const execution = await executeRunPlan(
    {
      runPlan,
      root: settings.projectRoot,
      job: jobEnvironment(deps.env),
      deploy: {
        environment,
        version: base.version,
        sha: request.sha,
        ref: request.ref,
        deploymentId: start.deploymentId ?? '',
        mode: settings.mode,
        targets: runPlan.targets,
        proposal: proposal.slug,
        previousSha: previous?.sha ?? '',
        previousVersion: previous?.version ?? ''
      },
      rollbackOnFailure: settings.rollbackOnFailure,
      rollbackOnCancel: deps.rollbackOnCancel
    },
    {
      runner: deps.runner,
      probe: deps.probe,
      clock,
      log,
      ...(deps.signal ? { signal: deps.signal } : {})
    }
  )
  const report = finish(
    {
      ...base,
      runPlan,
      steps: execution.steps,
      health: execution.health,
      ...(execution.rollback ? { rollback: execution.rollback } : {}),
      ...(execution.deployUrl ? { deployUrl: execution.deployUrl } : {}),
      ...(previous ? { previousVersion: previous.version } : {}),
      ...(start.deploymentId ? { deploymentId: start.deploymentId } : {}),
      ...(start.changes ? { changes: start.changes } : {}),
      authorization: decision.authorization,
      approvals: decision.approvals,
      warnings: [...base.warnings, ...execution.warnings]
    },
    execution.status,
    deps
  )
  return log.group('Recording the deployment', async () => {
    const summary = `${report.status}: ${proposal.slug} ${report.version}`
    const deployUrl = report.deployUrl ? { deployUrl: report.deployUrl } : {}
    const warning = await deps.tracker.finish({ status: report.status, summary, ...deployUrl })
    if (warning) log.warning(warning)
    const withWarning = warning ? { ...report, warnings: [...report.warnings, warning] } : report
    return record(withWarning, settings, proposal.folder, deps)
  })
}

/** The report file entry for every real run, then, on success, the OpenLogos markers. */
async function record(
  report: DeploymentReport,
  settings: Settings,
  proposalFolder: string,
  deps: Dependencies
): Promise<DeploymentReport> {
  const { log } = deps
  const entry = deps.secrets.redact(`${recordLine(report)}\n${renderReport(report, report.locale)}`)
  try {
    await prependReportEntry(settings.projectRoot, settings.reportPath, entry)
    log.info(`Report entry written to ${settings.reportPath}`)
  } catch (error) {
    const warning = `could not write the report file ${settings.reportPath} (${(error as Error).message}): check the path and permissions; ${report.status === 'success' ? 'the markers were not written either, as openlogos deploy-done needs the report' : 'the report is in the log and the job summary'}`
    log.warning(warning)
    return { ...report, warnings: [...report.warnings, warning] }
  }
  const written = { ...report, reportFile: settings.reportPath }
  if (report.status !== 'success') {
    log.info('No marker written: the deployment did not succeed')
    return written
  }
  if (!settings.writeMarkers) {
    log.info('Markers left alone (write-markers: false): run openlogos deploy-done yourself')
    return written
  }
  try {
    for (const change of await markDeployDone(settings.projectRoot, proposalFolder))
      log.info(change)
    return written
  } catch (error) {
    const warning = `could not write the OpenLogos markers (${(error as Error).message}): run openlogos deploy-done by hand`
    log.warning(warning)
    return { ...written, warnings: [...written.warnings, warning] }
  }
}

function baseReport(
  settings: Settings,
  deps: Dependencies,
  preflight: Preflight,
  startedAt: number
): DeploymentReport {
  const smokeGate = preflight.proposal?.project.gates[preflight.proposal.module]?.smoke_required
  const environment = preflight.environment ?? settings.environment
  return {
    status: 'refused',
    locale: preflight.locale,
    ...(preflight.proposal ? { proposal: preflight.proposal.slug } : {}),
    ...(environment === undefined ? {} : { environment }),
    targets: preflight.targets ?? [],
    mode: settings.mode,
    isDryRun: settings.isDryRun,
    version: settings.version ?? defaultVersion(deps.context),
    ...(deps.context.sha ? { sha: deps.context.sha } : {}),
    ...(preflight.planFile ? { planFile: preflight.planFile } : {}),
    startedAt: new Date(startedAt).toISOString(),
    finishedAt: new Date(startedAt).toISOString(),
    durationMs: 0,
    checks: preflight.checks,
    steps: [],
    health: [],
    approvals: [],
    ...(deps.context.runUrl ? { runUrl: deps.context.runUrl } : {}),
    isSmokeRequired:
      preflight.proposal?.decisions.smoke?.value === 'yes' ||
      smokeGate === true ||
      (preflight.proposal?.hasSmokeCases ?? false),
    warnings: []
  }
}

function finish(
  report: DeploymentReport,
  status: DeploymentStatus,
  deps: Dependencies
): DeploymentReport {
  const finishedAt = deps.clock.now()
  const startedAt = Date.parse(report.startedAt)
  return {
    ...report,
    status,
    finishedAt: new Date(finishedAt).toISOString(),
    durationMs: Math.max(0, finishedAt - startedAt)
  }
}

function logChecks(checks: Check[], log: Log): void {
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

function logRunPlan(plan: RunPlan, log: Log): void {
  log.info(`Environment ${plan.environment}, targets ${plan.targets.join(', ')}, mode ${plan.mode}`)
  let number = 0
  for (const phase of plan.phases) {
    log.info(`${phase.kind === 'canary' ? 'Canary' : 'Deployment'} phase:`)
    for (const step of phase.steps) {
      number++
      log.info(
        `  ${number}. ${step.name} [${step.id}]${step.target ? ` (target ${step.target})` : ''}`
      )
      if (step.purpose) log.info(`     purpose: ${step.purpose}`)
      log.info(
        `     in ${step.workingDirectory}, timeout ${formatDuration(step.timeoutMs ?? plan.defaultStepTimeoutMs)}`
      )
      log.info(`     run: ${step.run.replace(/\n/g, '\n          ')}`)
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
    }
  }
  const own = stepRollbacks(plan).reverse()
  if (own.length + plan.rollbackSteps.length === 0) log.info('Rollback: none declared')
  for (const step of own) log.info(`Rollback of ${step.id}: ${step.rollback ?? ''}`)
  for (const step of plan.rollbackSteps) log.info(`Plan rollback ${step.id}: ${step.run}`)
}

function requireValue<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('pre-flight passed without resolving the plan')
  return value
}

/** The report of a run refused before it began: its inputs are not valid. */
export function refuseInputs(
  errors: InputError[],
  deps: Pick<Dependencies, 'log' | 'clock' | 'context'>
): DeploymentReport {
  const now = new Date(deps.clock.now()).toISOString()
  for (const error of errors) deps.log.error(error.message)
  return {
    status: 'refused',
    locale: 'en',
    targets: [],
    mode: 'deploy',
    isDryRun: false,
    version: defaultVersion(deps.context),
    ...(deps.context.sha ? { sha: deps.context.sha } : {}),
    startedAt: now,
    finishedAt: now,
    durationMs: 0,
    checks: errors.map(error =>
      failed('the action inputs are valid', error.message, `correct the ${error.input} input`)
    ),
    steps: [],
    health: [],
    approvals: [],
    ...(deps.context.runUrl ? { runUrl: deps.context.runUrl } : {}),
    isSmokeRequired: false,
    warnings: []
  }
}
