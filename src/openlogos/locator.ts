/**
 * Which OpenLogos proposal is being deployed: the active one, `activeChange` of
 * `logos/.openlogos-guard`, as for every OpenLogos command (a deployment of any other proposal
 * would be invisible to `openlogos status`). The `proposal` input may only confirm it. The folder
 * `changes/archive/` is never a candidate.
 */
import path from 'node:path'
import { lstatOf, namesIn, readRegular } from '../core/files.js'
import type { Message } from '../core/message.js'
import { OPENLOGOS } from './layout.js'
import { say } from './messages.js'

export type ProposalSource = 'guard' | 'guard-and-input'

export type ProposalLocation =
  | { kind: 'found'; slug: string; source: ProposalSource; guardModule?: string }
  | { kind: 'not-found'; problem: Message; fix: Message }

export interface LocatorInput {
  root: string
  /** The `proposal` input: when given, it must name the active proposal. */
  proposalInput?: string
}

/** Why a text is not a plain folder name, or undefined when it is one. */
export function slugProblem(slug: string): Message | undefined {
  if (slug === '') return say.slug.empty
  if (/[/\\]/.test(slug)) return say.slug.separator
  if (slug.includes('..')) return say.slug.dots
  if (slug.startsWith('.')) return say.slug.dot
  if (slug === OPENLOGOS.archiveDirName) return say.slug.archive
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(slug)) return say.slug.control
  return undefined
}

export function locateProposal(input: LocatorInput): ProposalLocation {
  const changes = path.join(input.root, OPENLOGOS.changesDir)
  const guard = readGuard(input.root)
  if (guard.kind === 'invalid') return guard.location
  if (guard.kind === 'absent') {
    return {
      kind: 'not-found',
      problem: say.locator.noActive(OPENLOGOS.guardFile),
      fix: say.locator.noActiveFix(OPENLOGOS.guardFile)
    }
  }
  const wanted = input.proposalInput?.trim()
  if (wanted !== undefined && wanted !== guard.slug) {
    return {
      kind: 'not-found',
      problem: say.locator.notActive(wanted, OPENLOGOS.guardFile, guard.slug),
      fix: say.locator.notActiveFix(guard.slug, wanted)
    }
  }
  const found = checkCandidate(
    changes,
    guard.slug,
    wanted === undefined ? 'guard' : 'guard-and-input',
    OPENLOGOS.guardFile
  )
  return found.kind === 'found' && guard.module ? { ...found, guardModule: guard.module } : found
}

type Guard =
  | { kind: 'absent' }
  | { kind: 'active'; slug: string; module?: string }
  | { kind: 'invalid'; location: ProposalLocation }

function readGuard(root: string): Guard {
  const read = readRegular(path.join(root, OPENLOGOS.guardFile))
  const fix = say.locator.guardFix(OPENLOGOS.guardFile)
  if (read.kind === 'absent') return { kind: 'absent' }
  if (read.kind === 'not-a-file') {
    const problem = say.locator.guardNotFile(OPENLOGOS.guardFile)
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  const { text } = read
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    // The parser's message quotes the file's text: never copy a file's bytes into a report.
    const problem = say.locator.guardNotJson(OPENLOGOS.guardFile)
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const problem = say.locator.guardNotObject(OPENLOGOS.guardFile)
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  const record = data as Record<string, unknown>
  const raw = record['activeChange']
  // openlogos deploy-done trims it; an empty one means no active proposal.
  const active = typeof raw === 'string' ? raw.trim() : raw
  if (active === undefined || active === null || active === '') return { kind: 'absent' }
  if (typeof active !== 'string') {
    const problem = say.locator.guardNotString(OPENLOGOS.guardFile)
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  const module = typeof record['module'] === 'string' ? record['module'] : undefined
  return module ? { kind: 'active', slug: active, module } : { kind: 'active', slug: active }
}

function checkCandidate(
  changes: string,
  slug: string,
  source: ProposalSource,
  origin: string
): ProposalLocation {
  const problem = slugProblem(slug)
  if (problem !== undefined) {
    return {
      kind: 'not-found',
      problem: say.locator.badSlug(slug, origin, problem, OPENLOGOS.changesDir),
      fix: say.locator.badSlugFix(OPENLOGOS.changesDir)
    }
  }
  const stat = lstatOf(path.join(changes, slug))
  if (stat?.isDirectory()) return { kind: 'found', slug, source }
  if (stat?.isSymbolicLink())
    return {
      kind: 'not-found',
      problem: say.locator.slugLink(slug, origin, OPENLOGOS.changesDir),
      fix: say.locator.slugLinkFix
    }
  const archived = archivedAs(changes, slug)
  if (archived) {
    return {
      kind: 'not-found',
      problem: say.locator.archived(
        slug,
        origin,
        `${OPENLOGOS.changesDir}/${OPENLOGOS.archiveDirName}/${archived}`
      ),
      fix: say.locator.archivedFix
    }
  }
  return {
    kind: 'not-found',
    problem: say.locator.missing(slug, origin, OPENLOGOS.changesDir),
    fix: say.locator.missingFix(OPENLOGOS.changesDir)
  }
}

function archivedAs(changes: string, slug: string): string | undefined {
  const names = namesIn(path.join(changes, OPENLOGOS.archiveDirName))
  return names.find(name => name === slug || name.endsWith(`-${slug}`))
}
