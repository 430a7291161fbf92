/**
 * Finds the deployment plan of a project, reads its front matter and validates it against the
 * plan schema. Every problem comes back as a PlanIssue naming the file, the key path and the line.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import path from 'node:path'
import { lstatOf, namesIn, statOf } from '../core/files.js'
import type * as z from 'zod/mini'
import { joinMessages, listOf, SEPARATOR, type Message } from '../core/message.js'
import { issueMessage } from '../core/zod-messages.js'
import { hasFrontMatter, readFrontMatter } from './front-matter.js'
import { LIMITS } from '../core/limits.js'
import { OPENLOGOS } from '../openlogos/layout.js'
import { PLAN_FORMAT_KEY } from './schema.js'
import { draftFrontMatter } from './draft.js'
import { planSchema, type Plan } from './schema.js'
import { isInside } from '../core/paths.js'
import { PROJECT_FILE_FIX, projectFileProblem } from '../core/project-files.js'
import { say } from './messages.js'

export interface PlanIssue {
  /** Project-relative path of the plan file. */
  file: string
  message: Message
  keyPath?: string
  line?: number
}

export type PlanLoad =
  | { kind: 'loaded'; file: string; plan: Plan }
  | { kind: 'invalid'; file?: string; issues: PlanIssue[] }
  | { kind: 'not-executable'; file: string; commands: string[]; skeleton: string }

const EXECUTABLE_KEY = new RegExp(`^${PLAN_FORMAT_KEY}\\s*:`, 'm')

/** Finds and loads the plan: the `plan` input when given, else discovery in the plan folder. */
export async function loadPlan(
  root: string,
  planInput: string | undefined,
  module: string
): Promise<PlanLoad> {
  const found = planInput ? explicitPlan(root, planInput) : discoverPlan(root, module)
  if ('issue' in found) return { kind: 'invalid', issues: [found.issue] }
  return readPlanFile(root, found.file)
}

function explicitPlan(root: string, planInput: string): { file: string } | { issue: PlanIssue } {
  const absolute = path.resolve(root, planInput)
  if (!isInside(root, absolute)) {
    const message = say.load.outside(planInput, root)
    return { issue: { file: planInput, message } }
  }
  return { file: path.relative(root, absolute) }
}

function discoverPlan(root: string, module: string): { file: string } | { issue: PlanIssue } {
  const folder = OPENLOGOS.planDir
  const names = namesIn(path.join(root, folder))
    .filter(name => name.endsWith('.md'))
    .sort()
  if (names.length === 0) {
    const message = say.load.none(folder, module)
    return { issue: { file: folder, message } }
  }
  const executable: string[] = []
  for (const name of names) {
    const file = `${folder}/${name}`
    if (isExecutablePlan(path.join(root, file))) executable.push(file)
  }
  if (executable.length === 0) {
    const preferred = names.find(name => name.startsWith(`${module}-`)) ?? names[0] ?? ''
    return { file: `${folder}/${preferred}` }
  }
  if (executable.length === 1) return { file: executable[0] ?? '' }
  const ofModule = executable.filter(file => path.basename(file).startsWith(`${module}-`))
  if (ofModule.length === 1) return { file: ofModule[0] ?? '' }
  const message = say.load.several(listOf(executable), ofModule.length, module)
  return { issue: { file: folder, message } }
}

function isExecutablePlan(file: string): boolean {
  // Opening a FIFO blocks until something writes to it: only a regular file is looked into.
  if (!lstatOf(file)?.isFile()) return false
  let handle: number
  try {
    handle = openSync(file, 'r')
  } catch {
    return false
  }
  try {
    const buffer = Buffer.alloc(64 * 1024)
    const bytesRead = readSync(handle, buffer, 0, buffer.length, 0)
    const head = buffer.subarray(0, bytesRead).toString('utf8')
    if (!hasFrontMatter(head)) return false
    const end = head.search(/\r?\n---\s*(\r?\n|$)/)
    return EXECUTABLE_KEY.test(end === -1 ? head : head.slice(0, end))
  } finally {
    closeSync(handle)
  }
}

async function readPlanFile(root: string, file: string): Promise<PlanLoad> {
  const absolute = path.join(root, file)
  // The commands of a plan outside the project (through a link) must never run.
  const outside = projectFileProblem(root, file)
  if (outside) {
    const message = say.load.refusedFile(outside, PROJECT_FILE_FIX)
    return { kind: 'invalid', file, issues: [{ file, message }] }
  }
  const stat = statOf(absolute)
  if (!stat?.isFile()) {
    const message = say.load.missing(file)
    return { kind: 'invalid', file, issues: [{ file, message }] }
  }
  if (stat.size > LIMITS.planFileBytes) {
    const message = say.load.tooLarge(file, stat.size, LIMITS.planFileBytes)
    return { kind: 'invalid', file, issues: [{ file, message }] }
  }
  const text = readFileSync(absolute, 'utf8')
  const front = await readFrontMatter(text)
  switch (front.kind) {
    case 'none':
      return notExecutable(file, text)
    case 'refused': {
      const message = say.load.language(front.language)
      return { kind: 'invalid', file, issues: [{ file, message, line: 1 }] }
    }
    case 'invalid':
      return {
        kind: 'invalid',
        file,
        issues: front.issues.map(issue => ({
          file,
          message: say.load.yaml(issue.message),
          line: issue.line
        }))
      }
    case 'parsed':
      break
  }
  if (!isRecord(front.data) || !(PLAN_FORMAT_KEY in front.data)) return notExecutable(file, text)
  // The input in each issue lets zod say in Chinese what it found instead.
  const parsed = planSchema.safeParse(front.data, { reportInput: true })
  if (parsed.success) return { kind: 'loaded', file, plan: parsed.data }
  const locate = front.locate
  return {
    kind: 'invalid',
    file,
    issues: await Promise.all(parsed.error.issues.map(issue => toPlanIssue(file, issue, locate)))
  }
}

function notExecutable(file: string, text: string): PlanLoad {
  const draft = draftFrontMatter(text)
  return {
    kind: 'not-executable',
    file,
    commands: draft.commands.map(item => item.command),
    skeleton: draft.frontMatter
  }
}

async function toPlanIssue(
  file: string,
  issue: z.core.$ZodIssue,
  locate: (keyPath: readonly PropertyKey[]) => Promise<number | undefined>
): Promise<PlanIssue> {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : []
  const where = keys.length === 1 ? [...issue.path, keys[0] ?? ''] : issue.path
  const message =
    issue.code === 'unrecognized_keys'
      ? say.load.unknownKeys(
          joinMessages(
            keys.map(key => say.load.quoted(key)),
            SEPARATOR.list
          ),
          keys.length
        )
      : issueMessage(issue)
  return { file, message, keyPath: formatKeyPath(where), line: await locate(where) }
}

export function formatKeyPath(keyPath: readonly PropertyKey[]): string {
  return keyPath.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`
    return text === '' ? String(key) : `${text}.${String(key)}`
  }, '')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `file:line: key.path: message`, the form of every plan error in logs and refusals. */
export function describePlanIssue(issue: PlanIssue): Message {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`
  return say.load.issue(where, issue.keyPath ?? '', issue.message)
}
