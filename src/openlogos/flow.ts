/**
 * The verify gate as OpenLogos resolves it: the builtin `launched` flow (`marker:VERIFY_PASS`, failed
 * by `marker:VERIFY_FAIL`) with the project's overlay, `logos/flow/launched.yaml`, applied. An
 * overlay may redefine the gate as another marker or as a command (`cmd: ./scripts/verify.sh`);
 * an overlay OpenLogos would reject (FLOW_SCHEMA_INVALID) is rejected here too, with its reason.
 * Mirrors cli/src/lib/flow.ts and commands/deploy-done.ts of the CLI 0.13.24 (commit 99c8fb9), for
 * what the verify gate depends on.
 */
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import { OPENLOGOS } from './layout.js'

export const FLOW_OVERLAY = 'logos/flow/launched.yaml'

/** What the gate checks: a marker file in the proposal folder, or a command's exit code. */
export type Predicate = { kind: 'marker'; name: string } | { kind: 'cmd'; command: string }

export interface VerifyGate {
  doneWhen: Predicate
  failWhen?: Predicate
  /** For cmd predicates: the node's cmd_timeout_seconds, else the project's, else 60 s. */
  timeoutMs: number
  /** Where the gate was redefined, when it was. */
  source: 'builtin' | typeof FLOW_OVERLAY
}

export type FlowResult = { kind: 'ok'; gate: VerifyGate } | { kind: 'invalid'; problem: string }

/** The nodes of the builtin launched flow, which `modify` and `skip` may target. */
const BUILTIN_NODES = new Set([
  'write-proposal',
  'write-tasks',
  'write-delta',
  'generate-merge-prompt',
  'apply-merge',
  'plan-slices',
  'code',
  'verify',
  'deploy',
  'smoke',
  'archive'
])
const OPS = new Set(['skip', 'modify', 'add', 'reorder', 'set-loop'])
const DEFAULT_TIMEOUT_S = 60
/** The builtin flow loops the implement subflow 30 times; a cmd verify gate needs it off. */
const BUILTIN_IMPLEMENT_ITERATIONS = 30

export async function resolveVerifyGate(root: string): Promise<FlowResult> {
  const builtin: VerifyGate = {
    doneWhen: { kind: 'marker', name: 'VERIFY_PASS' },
    failWhen: { kind: 'marker', name: 'VERIFY_FAIL' },
    timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    source: 'builtin'
  }
  const text = await readRegular(path.join(root, FLOW_OVERLAY))
  if (text === undefined) return { kind: 'ok', gate: builtin }
  let overlay: unknown
  try {
    overlay = load(text, { schema: CORE_SCHEMA })
  } catch (error) {
    return invalid(`the YAML does not parse (${(error as Error).name})`)
  }
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay))
    return invalid('its top level must be a mapping')
  const document = overlay as Record<string, unknown>
  const extendsProblem = checkExtends(document['extends'])
  if (extendsProblem) return invalid(extendsProblem)
  const ops = document['overlay'] ?? []
  if (!Array.isArray(ops)) return invalid('overlay must be a list of operations')
  const verify: Record<string, unknown> = {
    done_when: 'marker:VERIFY_PASS',
    fail_when: 'marker:VERIFY_FAIL'
  }
  let implementIterations = BUILTIN_IMPLEMENT_ITERATIONS
  for (const [index, op] of ops.entries()) {
    const where = `overlay[${index}]`
    if (typeof op !== 'object' || op === null) return invalid(`${where} is not a mapping`)
    const item = op as Record<string, unknown>
    const kind = item['op']
    if (typeof kind !== 'string' || !OPS.has(kind))
      return invalid(`${where} op '${String(kind)}' is not one of ${[...OPS].join(', ')}`)
    const target = item['target']
    if (
      (kind === 'modify' || kind === 'skip') &&
      (typeof target !== 'string' || !BUILTIN_NODES.has(target))
    )
      return invalid(
        `${where} ${kind} targets '${String(target)}', which is not a node of the flow`
      )
    if (kind === 'skip' && target === 'verify')
      return invalid(`${where} skips verify: nothing would say whether verification passed`)
    if (kind === 'modify') {
      const set = item['set']
      if (
        typeof set !== 'object' ||
        set === null ||
        Array.isArray(set) ||
        Object.keys(set).length === 0
      )
        return invalid(`${where} modify needs a non-empty set`)
      if ('id' in set) return invalid(`${where} modify may not change a node's id`)
      if (target === 'verify') Object.assign(verify, set)
    }
    if (kind === 'set-loop') {
      const set = item['set'] as Record<string, unknown> | undefined
      const iterations = set?.['max_iters']
      if (item['subflow'] === 'implement' && typeof iterations === 'number')
        implementIterations = iterations
    }
  }
  return gateOf(verify, implementIterations, root)
}

async function gateOf(
  verify: Record<string, unknown>,
  implementIterations: number,
  root: string
): Promise<FlowResult> {
  const done = predicateOf(verify['done_when'], 'done_when')
  if ('problem' in done) return invalid(done.problem)
  const fail =
    verify['fail_when'] === undefined || verify['fail_when'] === null
      ? undefined
      : predicateOf(verify['fail_when'], 'fail_when')
  if (fail && 'problem' in fail) return invalid(fail.problem)
  const usesCommand = done.kind === 'cmd' || fail?.kind === 'cmd'
  if (done.kind === 'cmd' && fail?.kind === 'cmd')
    return invalid('verify may not set both done_when and fail_when to cmd:')
  if (usesCommand && implementIterations > 1)
    return invalid(
      'a cmd: verify gate needs the implement loop off: add `- op: set-loop`, `subflow: implement`, `set: { max_iters: 1 }`'
    )
  let timeoutS = DEFAULT_TIMEOUT_S
  if (usesCommand) {
    const own = verify['cmd_timeout_seconds']
    const project = await projectTimeout(root)
    if (typeof project === 'string') return invalid(project)
    if (own !== undefined && !(Number.isInteger(own) && (own as number) >= 1))
      return invalid('verify.cmd_timeout_seconds must be a whole number ≥ 1')
    timeoutS = (own as number | undefined) ?? project ?? DEFAULT_TIMEOUT_S
  }
  return {
    kind: 'ok',
    gate: {
      doneWhen: done,
      ...(fail ? { failWhen: fail } : {}),
      timeoutMs: timeoutS * 1000,
      source: FLOW_OVERLAY
    }
  }
}

function predicateOf(value: unknown, field: string): Predicate | { problem: string } {
  if (typeof value !== 'string')
    return { problem: `verify.${field} must be a marker: or cmd: predicate` }
  if (value.startsWith('marker:')) return { kind: 'marker', name: value.slice(7).trim() }
  if (value.startsWith('cmd:')) {
    const command = value.slice(4).trim()
    if (command === '') return { problem: `verify.${field} has an empty cmd: command` }
    return { kind: 'cmd', command }
  }
  return { problem: `verify.${field} must be a marker: or cmd: predicate, not '${value}'` }
}

function checkExtends(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') return 'extends must be a string such as builtin:launched'
  const match = /^builtin:([A-Za-z0-9_-]+)(?:@(v[0-9A-Za-z.]+))?$/.exec(value)
  if (!match) return `extends '${value}' is not of the form builtin:launched`
  if (match[1] !== 'launched') return `extends '${value}' is not the launched flow`
  return undefined
}

/** logos.config.json `flow.cmd_timeout_seconds`: undefined when unset, a problem when invalid. */
async function projectTimeout(root: string): Promise<number | undefined | string> {
  const text = await readRegular(path.join(root, OPENLOGOS.configFile))
  if (text === undefined) return undefined
  try {
    const flow = (JSON.parse(text) as { flow?: { cmd_timeout_seconds?: unknown } }).flow
    const value = flow?.cmd_timeout_seconds
    if (value === undefined) return undefined
    return Number.isInteger(value) && (value as number) >= 1
      ? (value as number)
      : `${OPENLOGOS.configFile} flow.cmd_timeout_seconds must be a whole number ≥ 1`
  } catch {
    return undefined
  }
}

function invalid(reason: string): FlowResult {
  return {
    kind: 'invalid',
    problem: `${FLOW_OVERLAY} is not a flow OpenLogos accepts (FLOW_SCHEMA_INVALID): ${reason}`
  }
}

async function readRegular(file: string): Promise<string | undefined> {
  const stat = await fs.lstat(file).catch(() => undefined)
  if (!stat?.isFile()) return undefined
  return fs.readFile(file, 'utf8')
}
