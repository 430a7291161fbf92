/**
 * Reads what the OpenLogos files say about a proposal: its markers, tasks, deployment decision and
 * the project's gates. Only reads; judging readiness is preflight.ts's job.
 */
import path from 'node:path'
import { entriesUnder, lstatOf, readRegular } from '../core/files.js'
import { resolveVerifyGate, type FlowResult } from './flow.js'
import { MARKER, OPENLOGOS } from './layout.js'
import { readProjectSettings, type ProjectSettings } from './project-config.js'
import { parseTasks, type TaskList } from './tasks.js'

export type MarkerState = 'absent' | 'present' | 'not-a-file'
export type Decision =
  { value: 'yes' | 'no'; line: number } | { value: 'invalid'; line: number; text: string }

export interface ProposalDecisions {
  deployment?: Decision
  smoke?: Decision
  /** From the header line `> module: core | created: ...`. */
  module?: string
  /**
   * The answers exactly as the OpenLogos CLI reads them (0.13): only a line `## 部署影响`, only
   * 是/否 as the whole value, only in Chinese. Undefined when the deployment line is not read so;
   * the smoke answer is then null when absent or not 是/否.
   */
  asOpenLogosReads?: { isDeploymentRequired: boolean; isSmokeRequired: boolean | null }
}

export interface Proposal {
  slug: string
  /** Project-relative folder of the proposal. */
  folder: string
  module: string
  markers: Record<string, MarkerState>
  /** Undefined when tasks.md is missing. */
  tasks?: TaskList
  hasProposalFile: boolean
  /** proposal.md or tasks.md, project-relative, where something other than a regular file stands. */
  notRegular: string[]
  decisions: ProposalDecisions
  /** Files of the proposal's own copy of the deployment plan (deltas), project-relative. */
  planDeltas: string[]
  project: ProjectSettings
  hasSmokeCases: boolean
  /** The verify gate of the project's OpenLogos flow (builtin, or redefined by an overlay). */
  verifyFlow: FlowResult
}

export function readProposal(root: string, slug: string, guardModule?: string): Proposal {
  const folder = `${OPENLOGOS.changesDir}/${slug}`
  const absolute = path.join(root, folder)
  const proposalRead = readRegular(path.join(absolute, 'proposal.md'))
  const tasksRead = readRegular(path.join(absolute, 'tasks.md'))
  const proposalText = proposalRead.kind === 'text' ? proposalRead.text : undefined
  const tasksText = tasksRead.kind === 'text' ? tasksRead.text : undefined
  const notRegular = [
    ...(proposalRead.kind === 'not-a-file' ? [`${folder}/proposal.md`] : []),
    ...(tasksRead.kind === 'not-a-file' ? [`${folder}/tasks.md`] : [])
  ]
  const project = readProjectSettings(root)
  const planDeltas = listFiles(root, `${folder}/${OPENLOGOS.planDeltaDir}`)
  // As OpenLogos counts smoke cases: any file of the folder, .gitkeep aside.
  const hasSmokeCases = listFiles(root, OPENLOGOS.smokeDir).some(file => !file.endsWith('.gitkeep'))
  const verifyFlow = resolveVerifyGate(root)
  const decisions = proposalText === undefined ? {} : parseDecisions(proposalText)
  const markers: Record<string, MarkerState> = {}
  const gateMarkers =
    verifyFlow.kind === 'ok'
      ? [verifyFlow.gate.doneWhen, verifyFlow.gate.failWhen].flatMap(predicate =>
          predicate?.kind === 'marker' && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(predicate.name)
            ? [predicate.name]
            : []
        )
      : []
  for (const marker of new Set([...Object.values(MARKER), ...gateMarkers])) {
    markers[marker] = markerState(path.join(absolute, marker))
  }
  return {
    slug,
    folder,
    module: decisions.module ?? guardModule ?? OPENLOGOS.defaultModule,
    markers,
    tasks: tasksText === undefined ? undefined : parseTasks(tasksText),
    hasProposalFile: proposalText !== undefined,
    notRegular,
    decisions,
    planDeltas,
    project,
    hasSmokeCases,
    verifyFlow
  }
}

const IMPACT_HEADING = /^##\s+(?:[\d.、]+\s*)?(部署影响|deployment impact)\s*$/i
const DEPLOYMENT_LINE = /^\s*[-*]\s*(是否需要部署|deployment required)\s*[:：]\s*(.*?)\s*$/i
const SMOKE_LINE = /^\s*[-*]\s*(是否需要\s*smoke|smoke required)\s*[:：]\s*(.*?)\s*$/i
const MODULE_LINE = /^>\s*module:\s*([A-Za-z0-9_-]+)/

/** The `## 部署影响` / `## Deployment Impact` answers, in Chinese (是/否) or English (yes/no). */
export function parseDecisions(text: string): ProposalDecisions {
  const decisions: ProposalDecisions = {}
  let inImpact = false
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const module = MODULE_LINE.exec(line)
      if (module && decisions.module === undefined) decisions.module = module[1]
      if (/^#{1,2}\s/.test(line)) {
        inImpact = IMPACT_HEADING.test(line)
        return
      }
      if (!inImpact) return
      const deployment = DEPLOYMENT_LINE.exec(line)
      if (deployment) decisions.deployment ??= toDecision(deployment[2] ?? '', index + 1)
      const smoke = SMOKE_LINE.exec(line)
      if (smoke) decisions.smoke ??= toDecision(smoke[2] ?? '', index + 1)
    })
  const strict = asOpenLogosReads(text)
  return strict ? { ...decisions, asOpenLogosReads: strict } : decisions
}

/** proposal-lifecycle.ts of the OpenLogos CLI, to the letter. */
function asOpenLogosReads(text: string): ProposalDecisions['asOpenLogosReads'] {
  const lines = text.split(/\r?\n/)
  const start = lines.findIndex(line => line.trim() === '## 部署影响')
  if (start === -1) return undefined
  const end = lines.findIndex((line, index) => index > start && /^##\s+/.test(line))
  const section = lines.slice(start + 1, end === -1 ? undefined : end).join('\n')
  const answer = (pattern: RegExp): boolean | null => {
    const value = pattern.exec(section)?.[1]?.trim()
    return value === '是' ? true : value === '否' ? false : null
  }
  const deployment = answer(/^-\s*是否需要部署\s*[：:]\s*(.+)$/m)
  if (deployment === null) return undefined
  return {
    isDeploymentRequired: deployment,
    isSmokeRequired: answer(/^-\s*是否需要 smoke\s*[：:]\s*(.+)$/m)
  }
}

function toDecision(text: string, line: number): Decision {
  const value = text.trim().toLowerCase()
  if (value === '是' || value === 'yes') return { value: 'yes', line }
  if (value === '否' || value === 'no') return { value: 'no', line }
  return { value: 'invalid', line, text }
}

function markerState(file: string): MarkerState {
  const stat = lstatOf(file)
  if (!stat) return 'absent'
  return stat.isFile() ? 'present' : 'not-a-file'
}

function listFiles(root: string, folder: string): string[] {
  return entriesUnder(path.join(root, folder))
    .filter(entry => entry.isFile())
    .map(entry => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort()
}
