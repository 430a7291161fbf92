/**
 * The orchestrator: the pipeline of a deployment, phase after phase. Outside systems come in as
 * dependencies, so the same engine serves the action, the CLI and the tests.
 */
import type { ApprovalGate, GateDecision } from './approval.js'
import { failed } from './check.js'
import type { Clock } from './clock.js'
import type { CommandRunner } from './command-runner.js'
import type { DeploymentStart, DeploymentTracker } from './deployment.js'
import { executeRunPlan, type Execution, type ExecutionProgress } from './execution.js'
import type { HttpProbe } from './health-check.js'
import { JOURNAL_VERSION, withoutPlan, type Journal, type JournalEntry } from './journal.js'
import type { Log } from './log.js'
import { runPreflight, type Preflight } from './preflight.js'
import type { Proposal } from './proposal.js'
import { recordDeployment } from './recorder.js'
import type { SecretRegistry } from './redact.js'
import type { DeploymentReport, DeploymentStatus } from './report.js'
import { defaultVersion, type RunContext } from './run-context.js'
import { logChecks, logRunPlan } from './run-log.js'
import { buildRunPlan } from './run-plan.js'
import type { InputError, Settings } from './settings.js'
import { jobEnvironment, type DeployVariables } from './step-environment.js'

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
  /** Where the state of a real run is kept for the post step; none locally. */
  journal?: Journal
  /** Identifies this run in the report file and the journal. */
  runKey: string
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
  const { plan, environment, targets, proposal } = requireReady(preflight)
  const runPlan = buildRunPlan(plan, settings, environment, targets)
  if (settings.isDryRun) {
    await log.group('Dry run: what a real run would do', () =>
      Promise.resolve(logRunPlan(runPlan, log))
    )
    return finish({ ...base, runPlan }, 'dry-run', deps)
  }

  const decision = await authorize(environment, deps)
  if (decision.kind === 'refused') {
    const checks = [
      ...base.checks,
      failed('the deployment is authorized', decision.problem, decision.fix)
    ]
    return finish({ ...base, checks }, 'refused', deps)
  }
  const authorized = {
    ...base,
    runPlan,
    authorization: decision.authorization,
    approvals: decision.approvals
  }
  const start = await beginDeployment(environment, base.version, proposal, settings, deps)
  if (start.kind === 'refused') {
    const checks = [
      ...base.checks,
      failed('the deployment record and rollback point are known', start.problem, start.fix)
    ]
    return finish({ ...authorized, checks }, 'refused', deps)
  }
  const started = {
    ...authorized,
    ...(start.previous ? { previousVersion: start.previous.version } : {}),
    ...(start.deploymentId ? { deploymentId: start.deploymentId } : {}),
    ...(start.changes ? { changes: start.changes } : {})
  }
  const deployVariables: DeployVariables = {
    environment,
    version: base.version,
    sha: deps.context.sha ?? '',
    ref: deps.context.ref ?? '',
    deploymentId: start.deploymentId ?? '',
    url: '',
    mode: settings.mode,
    targets: runPlan.targets,
    proposal: proposal.slug,
    previousSha: start.previous?.sha ?? '',
    previousVersion: start.previous?.version ?? ''
  }
  const journal = journalWriter(deps, {
    settings: withoutToken(settings),
    ...(start.ownsDeployment && start.deploymentId
      ? { ownedDeploymentId: Number(start.deploymentId) }
      : {}),
    proposal,
    runPlan,
    deploy: deployVariables,
    secretNames: plan.secrets
  })
  await journal.save(started)
  log.info(
    `Deploying ${proposal.slug} version ${base.version} to ${environment} (rollback point: ${start.previous ? `version ${start.previous.version}` : 'none, first deployment'})`
  )
  const execution = await executeRunPlan(
    {
      runPlan,
      root: settings.projectRoot,
      job: jobEnvironment(deps.env),
      deploy: deployVariables,
      rollbackOnFailure: settings.rollbackOnFailure,
      rollbackOnCancel: deps.rollbackOnCancel
    },
    {
      runner: deps.runner,
      probe: deps.probe,
      clock,
      log,
      ...(deps.signal ? { signal: deps.signal } : {}),
      onProgress: progress => journal.progress(started, progress)
    }
  )
  const report = finish(withExecution(started, execution), execution.status, deps)
  return log.group('Recording the deployment', async () => {
    // A cancelled run whose rollback is still to come is not final: the post step records it.
    const isFinal = execution.pendingRollback === undefined
    const warning = isFinal
      ? await deps.tracker.finish({
          status: report.status,
          summary: `${report.status}: ${proposal.slug} ${report.version}`,
          ...(report.deployUrl ? { deployUrl: report.deployUrl } : {})
        })
      : undefined
    if (warning) log.warning(warning)
    if (!isFinal) log.warning('Cancelled: the rollback runs in the post step of this action')
    const recorded = await recordDeployment(
      warning ? { ...report, warnings: [...report.warnings, warning] } : report,
      { settings, proposalFolder: proposal.folder, log, secrets: deps.secrets, runKey: deps.runKey }
    )
    await journal.save(recorded.report, {
      isComplete: isFinal,
      ...(recorded.entry ? { reportEntry: recorded.entry } : {}),
      ...(execution.pendingRollback ? { pendingRollback: execution.pendingRollback } : {})
    })
    return recorded.report
  })
}

async function authorize(environment: string, deps: Dependencies): Promise<GateDecision> {
  return deps.log.group(`Authorizing the deployment to ${environment}`, async () => {
    const result = await deps.gate.authorize(environment)
    if (result.kind === 'approved') deps.log.info(`Authorized: ${result.authorization}`)
    else deps.log.error(`${result.problem}\n  fix: ${result.fix}`)
    return result
  })
}

async function beginDeployment(
  environment: string,
  version: string,
  proposal: Proposal,
  settings: Settings,
  deps: Dependencies
): Promise<DeploymentStart> {
  const request = {
    environment,
    version,
    sha: deps.context.sha ?? '',
    ref: deps.context.ref ?? '',
    proposal: proposal.slug,
    mode: settings.mode
  }
  return deps.log.group(`Recording the rollback point of ${environment}`, async () => {
    const result = await deps.tracker.begin(request)
    if (result.kind === 'refused') deps.log.error(`${result.problem}\n  fix: ${result.fix}`)
    else result.notes.forEach(note => deps.log.info(note))
    return result
  })
}

function withExecution(report: DeploymentReport, execution: Execution): DeploymentReport {
  return {
    ...report,
    steps: execution.steps,
    health: execution.health,
    ...(execution.rollback ? { rollback: execution.rollback } : {}),
    ...(execution.deployUrl ? { deployUrl: execution.deployUrl } : {}),
    warnings: [...report.warnings, ...execution.warnings]
  }
}

type JournalContext = Pick<
  JournalEntry,
  'settings' | 'runPlan' | 'deploy' | 'secretNames' | 'ownedDeploymentId'
> & {
  proposal: Proposal
}

/** Keeps the journal in step with the run; without a journal (locally) it does nothing. */
interface JournalWriter {
  save: (report: DeploymentReport, extra?: Partial<JournalEntry>) => Promise<void>
  progress: (report: DeploymentReport, progress: ExecutionProgress) => Promise<void>
}

function journalWriter(deps: Dependencies, context: JournalContext): JournalWriter {
  const write = async (
    report: DeploymentReport,
    extra: Partial<JournalEntry> = {}
  ): Promise<void> => {
    if (!deps.journal) return
    await deps.journal.write({
      version: JOURNAL_VERSION,
      runKey: deps.runKey,
      settings: context.settings,
      proposalFolder: context.proposal.folder,
      runPlan: context.runPlan,
      deploy: context.deploy,
      secretNames: context.secretNames,
      ...(context.ownedDeploymentId === undefined
        ? {}
        : { ownedDeploymentId: context.ownedDeploymentId }),
      report: withoutPlan(report),
      isComplete: false,
      ...extra
    })
  }
  return {
    save: write,
    progress: (report: DeploymentReport, progress: ExecutionProgress) =>
      write(
        {
          ...report,
          steps: progress.steps,
          health: progress.health,
          ...(progress.rollback ? { rollback: progress.rollback } : {}),
          ...(progress.deployUrl ? { deployUrl: progress.deployUrl } : {})
        },
        {
          deploy: { ...context.deploy, url: progress.deployUrl },
          ...(progress.runningStep ? { runningStep: progress.runningStep } : {}),
          ...(progress.pendingRollback && !progress.rollback
            ? { pendingRollback: progress.pendingRollback }
            : {})
        }
      )
  }
}

function withoutToken(settings: Settings): Omit<Settings, 'githubToken'> {
  const { githubToken: _token, ...rest } = settings
  return rest
}

function requireReady(preflight: Preflight): {
  plan: NonNullable<Preflight['plan']>
  environment: string
  targets: string[]
  proposal: Proposal
} {
  const { plan, environment, targets, proposal } = preflight
  if (!plan || environment === undefined || !targets || !proposal)
    throw new Error(
      'pre-flight passed without resolving the plan, environment, targets and proposal'
    )
  return { plan, environment, targets, proposal }
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
