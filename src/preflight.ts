/**
 * Pre-flight: nothing runs until every condition holds. Gathers the proposal and plan checks into
 * one list, so a refusal explains every unmet condition at once.
 */
import { failed, passed, type Check } from './check.js'
import { OPENLOGOS } from './names.js'
import { checkPlan } from './plan-checks.js'
import { loadPlan } from './plan-loader.js'
import type { Plan } from './plan-schema.js'
import { checkProposal } from './proposal-checks.js'
import { checkRepeat } from './repeat-checks.js'
import { locateProposal } from './proposal-locator.js'
import { readProposal, type Proposal } from './proposal.js'
import { readProjectSettings, type Locale } from './openlogos-project.js'
import type { Settings } from './settings.js'

export interface PreflightInput {
  settings: Settings
  /** Branch names that may follow the `change/<slug>` convention. */
  branches: string[]
  env: Readonly<Record<string, string | undefined>>
}

export interface Preflight {
  checks: Check[]
  isReady: boolean
  locale: Locale
  proposal?: Proposal
  plan?: Plan
  planFile?: string
  environment?: string
  targets?: string[]
}

export async function runPreflight(input: PreflightInput): Promise<Preflight> {
  const { settings } = input
  const root = settings.projectRoot
  const location = await locateProposal({
    root,
    branches: input.branches,
    ...(settings.proposal === undefined ? {} : { proposalInput: settings.proposal })
  })
  const checks: Check[] = []
  let proposal: Proposal | undefined
  if (location.kind === 'found') {
    proposal = await readProposal(root, location.slug, location.guardModule)
    checks.push(
      passed(
        'the proposal is found',
        `${proposal.folder} (from ${describeSource(location.source)})`
      )
    )
    checks.push(...checkProposal(proposal), ...(await checkRepeat(proposal, settings)))
  } else {
    checks.push(failed('the proposal is found', location.problem, location.fix))
  }
  const module = proposal?.module ?? OPENLOGOS.defaultModule
  const load = await loadPlan(root, settings.plan, module)
  const project = proposal?.project ?? (await readProjectSettings(root))
  const planChecks = await checkPlan({
    settings,
    load,
    gate: project.gates[module],
    module,
    env: input.env
  })
  checks.push(...planChecks.checks)
  return {
    checks,
    isReady: checks.every(check => check.status !== 'failed'),
    locale: project.locale,
    ...(proposal ? { proposal } : {}),
    ...(load.kind === 'loaded' ? { plan: load.plan, planFile: load.file } : {}),
    ...(planChecks.environment === undefined ? {} : { environment: planChecks.environment }),
    ...(planChecks.targets === undefined ? {} : { targets: planChecks.targets })
  }
}

function describeSource(source: string): string {
  switch (source) {
    case 'input':
      return 'the proposal input'
    case 'guard':
      return OPENLOGOS.guardFile
    case 'branch':
      return 'the change/<slug> branch'
    default:
      return 'the only open proposal'
  }
}
