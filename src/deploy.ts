/**
 * The orchestrator: the pipeline of a deployment, phase after phase. Pre-flight, the approval gate,
 * the rollback point, the execution, the record. Outside systems come in as dependencies, so the
 * same engine serves the action, the CLI and the tests.
 */
import { failed, wouldRefuse } from './core/check.js'
import type { Clock } from './core/clock.js'
import type { Log } from './core/log.js'
import type { Locale, Message } from './core/message.js'
import { say as coreSay } from './core/messages.js'
import type { SecretRegistry } from './core/redact.js'
import type { CommandRunner } from './execution/command-runner.js'
import {
  executeRunPlan,
  type Execution,
  type ExecutionProgress,
  type PendingRollback,
  type RollbackProgress
} from './execution/execute.js'
import { baselineChecks, measureBaselines } from './execution/baseline.js'
import type { RunningTarget } from './execution/fleet.js'
import type { HttpProbe } from './execution/health.js'
import type { BaselineValues } from './execution/metric.js'
import { jobEnvironment } from './execution/step-environment.js'
import type { ApprovalGate, GateDecision } from './github/approval.js'
import type { RunContext } from './github/run-context.js'
import { versionOf, type Deployment, type DeploymentFacts } from './plan/deployment.js'
import type { RunRequest } from './plan/request.js'
import { runPreflight, type Preflight } from './plan/preflight.js'
import { logChecks, logRunPlan } from './plan/run-log.js'
import type { RunPlan } from './plan/run-plan.js'
import type { WrittenEntry } from './openlogos/report-file.js'
import type { GateCommandRunner } from './openlogos/verify-gate.js'
import type {
  DeploymentStart,
  DeploymentTracker,
  RollbackChoice
} from './report/deployment-record.js'
import type { DeploymentReport, DeploymentStatus } from './report/model.js'
import { recordDeployment } from './report/record.js'
import { inBoth } from './report/text.js'
import { sampleProblem } from './report/view-metric.js'
import { say as executionSay } from './execution/messages.js'
import { say as githubSay } from './github/messages.js'
import { say as openlogosSay } from './openlogos/messages.js'
import { say as planSay } from './plan/messages.js'
import { say as recordSay } from './report/messages.js'

/** What the orchestrator needs of the run's settings: the request, and how a real run behaves. */
export interface DeploySettings extends RunRequest {
  githubToken: string | undefined
  rollbackOnFailure: boolean
  writeMarkers: boolean
}

/** The state of a real run, kept after every change so that another process can finish it. */
export interface RunState {
  runKey: string
  deployment: Deployment
  runPlan: RunPlan
  /** DEPLOY_URL as the run left it. */
  url: string
  /** Names of the plan's secrets, to be redacted again by whoever finishes the run. */
  secretNames: string[]
  /** The report as far as the run got. */
  report: DeploymentReport
  /** The step running right now, which a crash would leave half-applied. */
  runningStep?: string
  /** The canary increment (its DEPLOY_CANARY_WEIGHT) of the running step, with increments. */
  runningWeight?: number
  /** Its process group: the post step stops it before anything else. */
  runningProcessGroup?: number
  /** Per-target steps running at once, each with its process group. */
  runningTargets?: RunningTarget[]
  /** A failure whose rollback has not finished (a cancellation leaves it to the post step). */
  pendingRollback?: PendingRollback
  /** The rollback under way when the run stopped: the post step resumes it where it stood. */
  rollingBack?: RollbackProgress
  /** The GitHub deployment this run created, whose final status is still to be posted. */
  ownedDeploymentId?: number
  /** The report file entry this run wrote, for a later pass to replace. */
  reportEntry?: WrittenEntry
  /** The run recorded its outcome everywhere: nothing is left to finish. */
  isComplete: boolean
}

/** Where a real run keeps its state: the action's journal file; nothing locally. */
export interface RunJournal {
  save: (state: RunState) => Promise<void>
}

export interface Dependencies {
  log: Log
  clock: Clock
  secrets: SecretRegistry
  context: RunContext
  /** The environment the steps inherit; also where the plan's secrets are read. */
  env: Readonly<Record<string, string | undefined>>
  /** Where a run keeps its scratch files: RUNNER_TEMP on a runner, the system's temp folder locally. */
  tempDir: string
  runner: CommandRunner
  probe: HttpProbe
  gate: ApprovalGate
  tracker: DeploymentTracker
  /** Aborted on cancellation. */
  signal?: AbortSignal
  /** Whether a cancelled run rolls back at once (the CLI) or leaves it to the post step (the action). */
  rollbackOnCancel: boolean
  /** Where the state of a real run is kept for the post step; none locally. */
  journal?: RunJournal
  /** Identifies this run in the report file and the journal. */
  runKey: string
}

export async function deploy(
  settings: DeploySettings,
  deps: Dependencies
): Promise<DeploymentReport> {
  const startedAt = deps.clock.now()
  deps.secrets.add(settings.githubToken)

  const preflight = await checkReadiness(settings, deps)
  if (preflight.kind === 'refused') {
    return finish(
      emptyReport(preflight, refusedFacts(preflight, settings, deps), startedAt, deps),
      'refused',
      deps
    )
  }
  const { runPlan } = preflight
  const ready = { ...emptyReport(preflight, preflight.deployment, startedAt, deps), runPlan }
  if (settings.isDryRun && preflight.deployment.mode === 'rollback') {
    // The dry run of a rollback shows both versions, read from the record without writing to it.
    const choice = await deps.tracker.resolveRollback(preflight.deployment)
    const previewed: DeploymentReport =
      choice.kind === 'found'
        ? { ...ready, deployment: withRollback(preflight.deployment, choice) }
        : {
            ...ready,
            checks: [
              ...ready.checks,
              wouldRefuse(recordSay.versionsTitle, choice.problem, choice.fix)
            ]
          }
    if (choice.kind === 'found') choice.notes.forEach(note => deps.log.info(note))
    await deps.log.group(planSay.dryRunGroup, () =>
      Promise.resolve(logRunPlan(runPlan, previewed.deployment as Deployment, deps.log))
    )
    return finish(previewed, 'dry-run', deps)
  }
  if (settings.isDryRun) {
    await deps.log.group(planSay.dryRunGroup, () =>
      Promise.resolve(logRunPlan(runPlan, preflight.deployment, deps.log))
    )
    return finish(ready, 'dry-run', deps)
  }

  const decision = await authorize(preflight.deployment.environment, deps)
  if (decision.kind === 'refused') {
    return finish(
      withFailedCheck(ready, githubSay.authorizedTitle, decision.problem, decision.fix),
      'refused',
      deps
    )
  }
  const authorized = {
    ...ready,
    authorization: decision.authorization,
    approvals: decision.approvals
  }

  // From the moment a GitHub deployment exists, the journal knows it: a run killed before its
  // first step still gets that deployment closed by the post step.
  let opened: JournalWriter | undefined
  const start = await recordRollbackPoint(preflight.deployment, deps, async id => {
    opened = journalWriter(deps, {
      deployment: { ...preflight.deployment, id: String(id) },
      runPlan,
      secretNames: preflight.plan.secrets,
      ownedDeploymentId: id
    })
    await opened.save(authorized)
  })
  if (start.kind === 'refused') {
    const title =
      preflight.deployment.mode === 'rollback' ? recordSay.versionsTitle : recordSay.recordTitle
    const isCancelled = deps.signal?.aborted === true
    const report = finish(
      withFailedCheck(authorized, title, start.problem, start.fix),
      isCancelled ? 'cancelled' : 'refused',
      deps
    )
    // Cancelled with a deployment open: the post step closes it and records the cancellation.
    await opened?.save(report, { isComplete: !isCancelled })
    return report
  }
  const deployment: Deployment = {
    ...(start.rollback ? withRollback(preflight.deployment, start.rollback) : preflight.deployment),
    id: start.deploymentId,
    rollbackPoint: start.rollbackPoint,
    changes: start.changes
  }
  const started = { ...authorized, deployment }

  const journal = journalWriter(deps, {
    deployment,
    runPlan,
    secretNames: preflight.plan.secrets,
    ownedDeploymentId:
      start.ownsDeployment && start.deploymentId ? Number(start.deploymentId) : undefined
  })
  await journal.save(started)
  const measured = await measureMetricBaselines(started, runPlan, settings, journal, deps)
  if (measured.kind === 'stopped') return measured.report
  const execution = await execute(
    measured.report,
    runPlan,
    settings,
    journal,
    deps,
    measured.values
  )
  const status = statusOf(deployment.mode, execution.status)
  return recordOutcome(finish(withExecution(measured.report, execution), status, deps), {
    execution,
    settings,
    journal,
    deps
  })
}

async function checkReadiness(settings: DeploySettings, deps: Dependencies): Promise<Preflight> {
  return deps.log.group(planSay.checkingGroup, async () => {
    const result = await runPreflight({
      request: settings,
      source: { sha: deps.context.sha ?? '', ref: deps.context.ref ?? '' },
      env: deps.env,
      runGateCommand: gateCommandRunner(settings.projectRoot, deps)
    })
    if (result.kind === 'ready')
      result.plan.secrets.forEach(name => deps.secrets.add(deps.env[name]))
    logChecks(result.checks, deps.log)
    if (result.kind === 'refused') {
      const unmet = result.checks.filter(check => check.status === 'failed').length
      deps.log.error(planSay.refusedLine(unmet))
    }
    return result
  })
}

/**
 * A command verify gate of the project's OpenLogos flow, run as OpenLogos runs it: `/bin/sh -c` in
 * the project root, with the job's environment; it passes on exit code 0 within its timeout.
 */
function gateCommandRunner(root: string, deps: Dependencies): GateCommandRunner {
  return async (command, timeoutMs) => {
    const result = await deps.runner.run({
      script: 'exec /bin/sh -c "$OPENLOGOS_GATE_COMMAND"',
      cwd: root,
      env: { ...jobEnvironment(deps.env), OPENLOGOS_GATE_COMMAND: command },
      timeoutMs,
      onOutput: () => undefined,
      tailBytes: 4096,
      signal: deps.signal
    })
    const detail =
      result.status === 'timed-out'
        ? openlogosSay.commandTimedOut
        : result.exitCode === undefined
          ? openlogosSay.commandUnfinished(result.status)
          : openlogosSay.commandExited(result.exitCode)
    return { isPassed: result.status === 'succeeded', detail }
  }
}

async function authorize(environment: string, deps: Dependencies): Promise<GateDecision> {
  return deps.log.group(githubSay.authorizingGroup(environment), async () => {
    const result = await deps.gate.authorize(environment)
    if (result.kind === 'approved') deps.log.info(githubSay.authorized(result.authorization))
    else deps.log.error(coreSay.withFix(result.problem, result.fix))
    return result
  })
}

async function recordRollbackPoint(
  deployment: Deployment,
  deps: Dependencies,
  onCreated: (deploymentId: number) => Promise<void>
): Promise<DeploymentStart> {
  return deps.log.group(githubSay.recordingPointGroup(deployment.environment), async () => {
    const result = await deps.tracker.begin(deployment, onCreated)
    if (result.kind === 'refused') deps.log.error(coreSay.withFix(result.problem, result.fix))
    else result.notes.forEach(note => deps.log.info(note))
    return result
  })
}

type StartedReport = DeploymentReport & { deployment: Deployment }

/**
 * The metric checks' baselines, before the first step. One that cannot be measured refuses the
 * run (nothing has run; the GitHub deployment is closed); a cancellation stops it here.
 */
async function measureMetricBaselines(
  report: StartedReport,
  runPlan: RunPlan,
  settings: DeploySettings,
  journal: JournalWriter,
  deps: Dependencies
): Promise<
  | { kind: 'measured'; report: StartedReport; values: BaselineValues }
  | { kind: 'stopped'; report: DeploymentReport }
> {
  if (baselineChecks(runPlan).length === 0) return { kind: 'measured', report, values: new Map() }
  const result = await deps.log.group(executionSay.metric.measuringGroup, () =>
    measureBaselines(
      {
        runPlan,
        root: settings.projectRoot,
        job: jobEnvironment(deps.env),
        deployment: report.deployment
      },
      { runner: deps.runner, clock: deps.clock, log: deps.log, signal: deps.signal }
    )
  )
  const measured = { ...report, baselines: result.records }
  if (result.kind === 'measured') {
    await journal.save(measured)
    return { kind: 'measured', report: measured, values: result.values }
  }
  if (result.kind === 'cancelled') {
    // Nothing ran; the post step closes the GitHub deployment and records the cancellation.
    const cancelled = finish(measured, 'cancelled', deps)
    await journal.save(cancelled)
    return { kind: 'stopped', report: cancelled }
  }
  const { check, sample } = result
  const detail = inBoth(t =>
    t.metric.unmeasurable(
      check.name,
      sample.n,
      check.metric.baseline.samples,
      sampleProblem(sample, t)
    )
  )
  deps.log.error(executionSay.metric.refusedBeforeFirstStep(detail))
  const title = inBoth(t => t.metric.baselineTitle)
  const fix = inBoth(t => t.metric.unmeasurableFix(check.run))
  const refused = finish(withFailedCheck(measured, title, detail, fix), 'refused', deps)
  const warning = await deps.tracker.finish({
    status: 'refused',
    summary: deps.secrets.redact(`refused: the baseline of ${check.name} could not be measured`)
  })
  if (warning) deps.log.warning(warning)
  const final = warning ? { ...refused, warnings: [...refused.warnings, warning] } : refused
  await journal.save(final, { isComplete: true })
  return { kind: 'stopped', report: final }
}

async function execute(
  report: StartedReport,
  runPlan: RunPlan,
  settings: DeploySettings,
  journal: JournalWriter,
  deps: Dependencies,
  baselines: BaselineValues
): Promise<Execution> {
  const { deployment } = report
  const point = deployment.rollbackPoint
  deps.log.info(
    point
      ? executionSay.deploying(
          deployment.proposal,
          deployment.version,
          deployment.environment,
          point.version
        )
      : executionSay.deployingFirst(deployment.proposal, deployment.version, deployment.environment)
  )
  return executeRunPlan(
    {
      runPlan,
      deployment,
      root: settings.projectRoot,
      job: jobEnvironment(deps.env),
      // A rollback on demand has nothing to undo it in turn.
      rollbackOnFailure: settings.rollbackOnFailure && deployment.mode !== 'rollback',
      rollbackOnCancel: deps.rollbackOnCancel,
      baselines
    },
    {
      runner: deps.runner,
      probe: deps.probe,
      clock: deps.clock,
      log: deps.log,
      tempDir: deps.tempDir,
      signal: deps.signal,
      onProgress: progress => journal.progress(report, progress)
    }
  )
}

async function recordOutcome(
  report: DeploymentReport,
  run: {
    execution: Execution
    settings: DeploySettings
    journal: JournalWriter
    deps: Dependencies
  }
): Promise<DeploymentReport> {
  const { execution, deps } = run
  return deps.log.group(recordSay.recordingGroup, async () => {
    // A cancelled run whose rollback is still to come is not final: the post step records it.
    const isFinal = execution.pendingRollback === undefined
    const warning = isFinal
      ? await deps.tracker.finish({
          status: recordedStatus(report),
          summary: deps.secrets.redact(
            `${report.status}: ${report.deployment.proposal ?? ''} ${report.deployment.version}`
          ),
          deployUrl: urlForGitHub(report.deployUrl, deps)
        })
      : undefined
    if (warning) deps.log.warning(warning)
    if (!isFinal) deps.log.warning(recordSay.rollbackInPostStep)
    const recorded = await recordDeployment(
      warning ? { ...report, warnings: [...report.warnings, warning] } : report,
      {
        settings: run.settings,
        proposalFolder: report.deployment.proposalFolder ?? '',
        log: deps.log,
        secrets: deps.secrets,
        runKey: deps.runKey
      }
    )
    await run.journal.save(recorded.report, {
      isComplete: isFinal,
      reportEntry: recorded.entry,
      pendingRollback: execution.pendingRollback
    })
    return recorded.report
  })
}

/**
 * The deployment URL as GitHub may be told it (environment_url): not when it holds a secret, which
 * GitHub would show on the repository's Deployments page.
 */
export function urlForGitHub(
  url: string | undefined,
  deps: Pick<Dependencies, 'secrets' | 'log'>
): string | undefined {
  if (url === undefined || !deps.secrets.holdsSecret(url)) return url
  deps.log.warning(githubSay.urlWithSecret)
  return undefined
}

/** A rollback on demand deploys the version it puts back, replacing the live one. */
function withRollback(deployment: Deployment, choice: RollbackChoice): Deployment {
  return {
    ...deployment,
    version: choice.target.version,
    sha: choice.target.sha,
    rollbackFrom: choice.current,
    rollbackPoint: choice.current
  }
}

/** A rollback on demand that ran every step and passed every check has rolled back. */
export function statusOf(mode: Deployment['mode'], status: Execution['status']): DeploymentStatus {
  return mode === 'rollback' && status === 'success' ? 'rolled-back' : status
}

/** What GitHub's deployment record is told: a rollback on demand that worked is a success there. */
export function recordedStatus(report: DeploymentReport): DeploymentStatus {
  return report.deployment.mode === 'rollback' && report.status === 'rolled-back'
    ? 'success'
    : report.status
}

function withExecution(report: DeploymentReport, execution: Execution): DeploymentReport {
  return {
    ...report,
    steps: execution.steps,
    health: execution.health,
    rollback: execution.rollback,
    deployUrl: execution.deployUrl,
    ...(execution.targets ? { targets: execution.targets } : {}),
    ...(execution.undoneTargets ? { undoneTargets: execution.undoneTargets } : {}),
    warnings: [...report.warnings, ...execution.warnings]
  }
}

function withFailedCheck(
  report: DeploymentReport,
  title: Message,
  problem: Message,
  fix: Message
): DeploymentReport {
  return { ...report, checks: [...report.checks, failed(title, problem, fix)] }
}

type JournalContext = Pick<RunState, 'deployment' | 'runPlan' | 'secretNames' | 'ownedDeploymentId'>

/** Keeps the journal in step with the run; without a journal (locally) it does nothing. */
interface JournalWriter {
  save: (report: DeploymentReport, extra?: Partial<RunState>) => Promise<void>
  progress: (report: DeploymentReport, progress: ExecutionProgress) => Promise<void>
}

function journalWriter(deps: Dependencies, context: JournalContext): JournalWriter {
  const write = async (report: DeploymentReport, extra: Partial<RunState> = {}): Promise<void> => {
    if (!deps.journal) return
    await deps.journal.save({
      ...context,
      runKey: deps.runKey,
      url: report.deployUrl ?? '',
      report,
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
          rollback: progress.rollback,
          targets: progress.targets,
          undoneTargets: progress.undoneTargets,
          deployUrl: progress.deployUrl || undefined
        },
        {
          runningStep: progress.runningStep,
          runningWeight: progress.runningWeight,
          runningProcessGroup: progress.runningProcessGroup,
          runningTargets: progress.runningTargets,
          pendingRollback: progress.rollback ? undefined : progress.pendingRollback,
          rollingBack: progress.rollback ? undefined : progress.rollingBack
        }
      )
  }
}

/** What a refused run knew of the deployment it was asked for. */
function refusedFacts(
  preflight: Extract<Preflight, { kind: 'refused' }>,
  settings: DeploySettings,
  deps: Pick<Dependencies, 'context'>
): DeploymentFacts {
  return {
    proposal: preflight.proposal,
    environment: preflight.environment,
    targets: preflight.targets,
    mode: settings.mode,
    isDryRun: settings.isDryRun,
    version: versionOf(settings.version, deps.context.sha, deps.context.ref),
    sha: deps.context.sha
  }
}

/** The one starting point of every report: what pre-flight found, nothing run yet. */
function emptyReport(
  start: Pick<Preflight, 'locale' | 'checks' | 'isSmokeRequired'> & { planFile?: string },
  deployment: DeploymentFacts,
  startedAt: number,
  deps: Pick<Dependencies, 'context'>
): DeploymentReport {
  const at = new Date(startedAt).toISOString()
  return {
    status: 'refused',
    locale: start.locale,
    deployment,
    planFile: start.planFile,
    startedAt: at,
    finishedAt: at,
    durationMs: 0,
    checks: start.checks,
    steps: [],
    health: [],
    approvals: [],
    runUrl: deps.context.runUrl,
    isSmokeRequired: start.isSmokeRequired,
    warnings: []
  }
}

function finish(
  report: DeploymentReport,
  status: DeploymentStatus,
  deps: Pick<Dependencies, 'clock'>
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
  errors: { input: string; message: Message }[],
  locale: Locale,
  deps: Pick<Dependencies, 'log' | 'clock' | 'context'>
): DeploymentReport {
  for (const error of errors) deps.log.error(error.message)
  const checks = errors.map(error =>
    failed(planSay.inputsTitle, error.message, planSay.inputFix(error.input))
  )
  const facts: DeploymentFacts = {
    targets: [],
    mode: 'deploy',
    isDryRun: false,
    version: versionOf(undefined, deps.context.sha, deps.context.ref),
    sha: deps.context.sha
  }
  const start = { locale, checks, isSmokeRequired: false }
  return emptyReport(start, facts, deps.clock.now(), deps)
}
