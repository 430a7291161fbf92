/**
 * Which OpenLogos proposal is being deployed: the active one, `activeChange` of
 * `logos/.openlogos-guard`, as for every OpenLogos command (a deployment of any other proposal
 * would be invisible to `openlogos status`). The `proposal` input may only confirm it. The folder
 * `changes/archive/` is never a candidate.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { OPENLOGOS } from './layout.js'

export type ProposalSource = 'guard' | 'guard-and-input'

export type ProposalLocation =
  | { kind: 'found'; slug: string; source: ProposalSource; guardModule?: string }
  | { kind: 'not-found'; problem: string; fix: string }

export interface LocatorInput {
  root: string
  /** The `proposal` input: when given, it must name the active proposal. */
  proposalInput?: string
}

/** Why a text is not a plain folder name, or undefined when it is one. */
export function slugProblem(slug: string): string | undefined {
  if (slug === '') return 'is empty'
  if (/[/\\]/.test(slug)) return 'contains a path separator'
  if (slug.includes('..')) return "contains '..'"
  if (slug.startsWith('.')) return "starts with '.'"
  if (slug === OPENLOGOS.archiveDirName) return 'names the archive folder'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(slug)) return 'contains a control character'
  return undefined
}

export async function locateProposal(input: LocatorInput): Promise<ProposalLocation> {
  const changes = path.join(input.root, OPENLOGOS.changesDir)
  const guard = await readGuard(input.root)
  if (guard.kind === 'invalid') return guard.location
  if (guard.kind === 'absent') {
    return {
      kind: 'not-found',
      problem: `no active proposal: ${OPENLOGOS.guardFile} is missing or names none (OpenLogos answers NO_ACTIVE_CHANGE)`,
      fix: `make the proposal active with openlogos change <slug>, and commit ${OPENLOGOS.guardFile} with it`
    }
  }
  const wanted = input.proposalInput?.trim()
  if (wanted !== undefined && wanted !== guard.slug) {
    return {
      kind: 'not-found',
      problem: `the proposal input '${wanted}' is not the active proposal: ${OPENLOGOS.guardFile} names '${guard.slug}', and OpenLogos would go on reporting '${guard.slug}' as ready to deploy`,
      fix: `deploy '${guard.slug}' (leave the proposal input empty), or make '${wanted}' the active proposal first`
    }
  }
  const found = await checkCandidate(
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

async function readGuard(root: string): Promise<Guard> {
  const file = path.join(root, OPENLOGOS.guardFile)
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch {
    return { kind: 'absent' }
  }
  const fix = `fix or delete ${OPENLOGOS.guardFile} (it should read {"activeChange":"<slug>"}), or set the proposal input`
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    // The parser's message quotes the file's text: never copy a file's bytes into a report.
    const problem = `${OPENLOGOS.guardFile} is not JSON`
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const problem = `${OPENLOGOS.guardFile} is not a JSON object`
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  const record = data as Record<string, unknown>
  const raw = record['activeChange']
  // openlogos deploy-done trims it; an empty one means no active proposal.
  const active = typeof raw === 'string' ? raw.trim() : raw
  if (active === undefined || active === null || active === '') return { kind: 'absent' }
  if (typeof active !== 'string') {
    const problem = `${OPENLOGOS.guardFile} field activeChange is not a string`
    return { kind: 'invalid', location: { kind: 'not-found', problem, fix } }
  }
  const module = typeof record['module'] === 'string' ? record['module'] : undefined
  return module ? { kind: 'active', slug: active, module } : { kind: 'active', slug: active }
}

async function checkCandidate(
  changes: string,
  slug: string,
  source: ProposalSource,
  origin: string
): Promise<ProposalLocation> {
  const problem = slugProblem(slug)
  if (problem !== undefined) {
    return {
      kind: 'not-found',
      problem: `proposal '${slug}' from ${origin} ${problem}: a proposal is a plain folder name under ${OPENLOGOS.changesDir}/`,
      fix: `name the proposal by its folder, e.g. 'add-login' for ${OPENLOGOS.changesDir}/add-login/`
    }
  }
  if (await isDirectory(path.join(changes, slug))) return { kind: 'found', slug, source }
  if (await isLink(path.join(changes, slug)))
    return {
      kind: 'not-found',
      problem: `proposal '${slug}' from ${origin} is a symbolic link (${OPENLOGOS.changesDir}/${slug}): the action writes its markers only inside the project`,
      fix: 'make the proposal a folder of the project, not a link'
    }
  const archived = await archivedAs(changes, slug)
  if (archived) {
    return {
      kind: 'not-found',
      problem: `proposal '${slug}' from ${origin} is archived (${OPENLOGOS.changesDir}/${OPENLOGOS.archiveDirName}/${archived}): archived proposals are never deployed`,
      fix: 'deploy an open proposal, or point the guard at the active one'
    }
  }
  return {
    kind: 'not-found',
    problem: `proposal '${slug}' from ${origin} does not exist: there is no folder ${OPENLOGOS.changesDir}/${slug}/`,
    fix: `check the spelling (open proposals: see ${OPENLOGOS.changesDir}/), or set the proposal input`
  }
}

async function archivedAs(changes: string, slug: string): Promise<string | undefined> {
  const archive = path.join(changes, OPENLOGOS.archiveDirName)
  const names = await fs.readdir(archive).catch(() => [])
  return names.find(name => name === slug || name.endsWith(`-${slug}`))
}

async function isDirectory(folder: string): Promise<boolean> {
  const stat = await fs.lstat(folder).catch(() => undefined)
  return stat?.isDirectory() ?? false
}

async function isLink(file: string): Promise<boolean> {
  const stat = await fs.lstat(file).catch(() => undefined)
  return stat?.isSymbolicLink() ?? false
}
