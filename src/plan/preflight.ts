/**
 * Pre-flight: nothing runs until every condition holds. Gathers the proposal and plan checks into
 * one list, so a refusal explains every unmet condition at once; when all hold, builds the one
 * Deployment value and the run plan that the rest of the run derives from.
 */
import { failed, passed, warned, type Check } from '../core/check.js'
import type { Message } from '../core/message.js'
import { OPENLOGOS } from '../openlogos/layout.js'
import { locateProposal, type ProposalSource } from '../openlogos/locator.js'
import { say as openlogosSay } from '../openlogos/messages.js'
import { readProjectSettings, type Locale } from '../openlogos/project-config.js'
import { checkProposal } from '../openlogos/proposal-checks.js'
import { readProposal, type Proposal } from '../openlogos/proposal.js'
import { isSmokeNext } from '../openlogos/next-step.js'
import { checkProjectFiles } from '../openlogos/file-checks.js'
import { checkRepeat } from '../openlogos/repeat-checks.js'
import { checkVerifyGate, type GateCommandRunner } from '../openlogos/verify-gate.js'
import { checkPlan } from './checks.js'
import { versionOf, type Deployment } from './deployment.js'
import { loadPlan } from './loader.js'
import type { RunRequest } from './request.js'
import { buildRunPlan, type RunPlan } from './run-plan.js'
import type { Plan } from './schema.js'

export interface PreflightInput {
  request: RunRequest
  /** The commit being deployed ('' outside git). */
  source: { sha: string; ref: string }
  env: Readonly<Record<string, string | undefined>>
  /** Runs a command verify gate of a flow overlay (a real run only). */
  runGateCommand?: GateCommandRunner
}

interface PreflightBase {
  checks: Check[]
  locale: Locale
  /** Whether the proposal or the project asks for a smoke test after the deployment. */
  isSmokeRequired: boolean
}

export type Preflight =
  | (PreflightBase & {
      kind: 'ready'
      deployment: Deployment
      plan: Plan
      planFile: string
      runPlan: RunPlan
    })
  | (PreflightBase & {
      kind: 'refused'
      /** What pre-flight found before it refused, for the report. */
      proposal?: string
      environment?: string
      targets: string[]
      planFile?: string
    })

export async function runPreflight(input: PreflightInput): Promise<Preflight> {
  const { request, source } = input
  const root = request.projectRoot
  const location = locateProposal({
    root,
    ...(request.proposal === undefined ? {} : { proposalInput: request.proposal })
  })
  const checks: Check[] = []
  const isRollback = request.mode === 'rollback'
  let proposal: Proposal | undefined
  if (location.kind === 'found') {
    proposal = readProposal(root, location.slug, location.guardModule)
    checks.push(
      passed(openlogosSay.proposalTitle, describeSource(proposal.folder, location.source))
    )
    // A rollback on demand must be possible whatever the proposal's state has become since.
    if (!isRollback) checks.push(...checkProposal(proposal), ...checkRepeat(proposal, request))
    const flow = proposal.verifyFlow
    if (!isRollback && (flow.kind === 'invalid' || flow.gate.source !== 'builtin'))
      checks.splice(
        1,
        0,
        await checkVerifyGate(proposal, flow, {
          isDryRun: request.isDryRun,
          runCommand: input.runGateCommand
        })
      )
  } else if (isRollback) {
    checks.push(
      warned(
        openlogosSay.proposalTitle,
        openlogosSay.notNeededForRollback(location.problem),
        location.fix
      )
    )
  } else {
    checks.push(failed(openlogosSay.proposalTitle, location.problem, location.fix))
  }
  const module = proposal?.module ?? OPENLOGOS.defaultModule
  const load = await loadPlan(root, request.plan, module)
  const project = proposal?.project ?? readProjectSettings(root)
  const planChecks = checkPlan({
    settings: request,
    load,
    gate: project.gates[module],
    module,
    env: input.env
  })
  checks.push(
    ...planChecks.checks,
    checkProjectFiles({
      root,
      reportPath: request.reportPath,
      proposalFolder: proposal?.folder,
      isDryRun: request.isDryRun
    })
  )
  if (!project.isInitialised)
    checks.unshift(
      failed(
        openlogosSay.initialisedTitle,
        openlogosSay.notInitialised(OPENLOGOS.configFile),
        openlogosSay.notInitialisedFix
      )
    )
  const base: PreflightBase = {
    checks,
    locale: project.locale,
    isSmokeRequired: proposal ? isSmokeNext(proposal) : false
  }
  const planFile = load.kind === 'loaded' ? load.file : undefined
  const { environment, targets } = planChecks
  const isReady = checks.every(check => check.status !== 'failed')
  if (
    !isReady ||
    (!proposal && !isRollback) ||
    load.kind !== 'loaded' ||
    !environment ||
    !targets
  ) {
    return {
      ...base,
      kind: 'refused',
      proposal: proposal?.slug,
      environment: environment ?? request.environment,
      targets: targets ?? [],
      planFile
    }
  }
  const deployment: Deployment = {
    proposal: proposal?.slug ?? '',
    proposalFolder: proposal?.folder ?? '',
    environment,
    targets,
    mode: request.mode,
    isDryRun: request.isDryRun,
    // A rollback's version and commit are the ones it puts back, found with the deployment
    // history: until then, the version asked for ('' for the last good one before the live one).
    version: isRollback
      ? (request.version ?? '')
      : versionOf(request.version, source.sha, source.ref),
    sha: isRollback ? '' : source.sha,
    ref: source.ref
  }
  return {
    ...base,
    kind: 'ready',
    deployment,
    plan: load.plan,
    planFile: load.file,
    runPlan: buildRunPlan(load.plan, deployment, request.stepTimeoutMs)
  }
}

function describeSource(folder: string, source: ProposalSource): Message {
  return source === 'guard'
    ? openlogosSay.foundByGuard(folder, OPENLOGOS.guardFile)
    : openlogosSay.foundByGuardAndInput(folder, OPENLOGOS.guardFile)
}
