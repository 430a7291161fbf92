/**
 * The verify gate as OpenLogos resolves it: the builtin `launched` flow (`marker:VERIFY_PASS`, failed
 * by `marker:VERIFY_FAIL`) with the project's overlay, `logos/flow/launched.yaml`, applied. An
 * overlay may redefine the gate as another marker or as a command (`cmd: ./scripts/verify.sh`);
 * an overlay OpenLogos would reject (FLOW_SCHEMA_INVALID) is rejected here too, with its reason.
 * Mirrors cli/src/lib/flow.ts and commands/deploy-done.ts of the CLI 0.13.24 (commit 99c8fb9), for
 * what the verify gate depends on.
 */
import path from 'node:path'
import { CORE_SCHEMA, load } from 'js-yaml'
import { readRegular } from '../core/files.js'
import { listOf, type Message } from '../core/message.js'
import { OPENLOGOS } from './layout.js'
import { say } from './messages.js'

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

export type FlowResult = { kind: 'ok'; gate: VerifyGate } | { kind: 'invalid'; problem: Message }

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

export function resolveVerifyGate(root: string): FlowResult {
  const builtin: VerifyGate = {
    doneWhen: { kind: 'marker', name: 'VERIFY_PASS' },
    failWhen: { kind: 'marker', name: 'VERIFY_FAIL' },
    timeoutMs: DEFAULT_TIMEOUT_S * 1000,
    source: 'builtin'
  }
  const read = readRegular(path.join(root, FLOW_OVERLAY))
  if (read.kind === 'absent') return { kind: 'ok', gate: builtin }
  // An overlay that is a FIFO, a device or a link is never read, and never taken as absent: an
  // overlay may make the gate stricter, so the run is refused (OpenLogos would read it, or block).
  if (read.kind === 'not-a-file')
    return { kind: 'invalid', problem: say.notARegularFile(FLOW_OVERLAY) }
  const text = read.text
  let overlay: unknown
  try {
    overlay = load(text, { schema: CORE_SCHEMA })
  } catch (error) {
    return invalid(say.flow.yaml((error as Error).name))
  }
  if (typeof overlay !== 'object' || overlay === null || Array.isArray(overlay))
    return invalid(say.flow.notMapping)
  const document = overlay as Record<string, unknown>
  const extendsProblem = checkExtends(document['extends'])
  if (extendsProblem) return invalid(extendsProblem)
  const ops = document['overlay'] ?? []
  if (!Array.isArray(ops)) return invalid(say.flow.overlayNotList)
  const verify: Record<string, unknown> = {
    done_when: 'marker:VERIFY_PASS',
    fail_when: 'marker:VERIFY_FAIL'
  }
  let implementIterations = BUILTIN_IMPLEMENT_ITERATIONS
  for (const [index, op] of ops.entries()) {
    const where = `overlay[${index}]`
    if (typeof op !== 'object' || op === null) return invalid(say.flow.opNotMapping(where))
    const item = op as Record<string, unknown>
    const kind = item['op']
    if (typeof kind !== 'string' || !OPS.has(kind))
      return invalid(say.flow.unknownOp(where, String(kind), listOf([...OPS])))
    const target = item['target']
    if (
      (kind === 'modify' || kind === 'skip') &&
      (typeof target !== 'string' || !BUILTIN_NODES.has(target))
    )
      return invalid(say.flow.unknownTarget(where, kind, String(target)))
    if (kind === 'skip' && target === 'verify') return invalid(say.flow.skipsVerify(where))
    if (kind === 'modify') {
      const set = item['set']
      if (
        typeof set !== 'object' ||
        set === null ||
        Array.isArray(set) ||
        Object.keys(set).length === 0
      )
        return invalid(say.flow.emptySet(where))
      if ('id' in set) return invalid(say.flow.changesId(where))
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

function gateOf(
  verify: Record<string, unknown>,
  implementIterations: number,
  root: string
): FlowResult {
  const done = predicateOf(verify['done_when'], 'done_when')
  if ('problem' in done) return invalid(done.problem)
  const fail =
    verify['fail_when'] === undefined || verify['fail_when'] === null
      ? undefined
      : predicateOf(verify['fail_when'], 'fail_when')
  if (fail && 'problem' in fail) return invalid(fail.problem)
  const usesCommand = done.kind === 'cmd' || fail?.kind === 'cmd'
  if (done.kind === 'cmd' && fail?.kind === 'cmd') return invalid(say.flow.bothCommands)
  if (usesCommand && implementIterations > 1) return invalid(say.flow.loopOn)
  let timeoutS = DEFAULT_TIMEOUT_S
  if (usesCommand) {
    const own = verify['cmd_timeout_seconds']
    const project = projectTimeout(root)
    if (typeof project === 'object') return invalid(project)
    if (own !== undefined && !(Number.isInteger(own) && (own as number) >= 1))
      return invalid(say.flow.ownTimeout)
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

function predicateOf(value: unknown, field: string): Predicate | { problem: Message } {
  if (typeof value !== 'string') return { problem: say.flow.notPredicate(field) }
  if (value.startsWith('marker:')) return { kind: 'marker', name: value.slice(7).trim() }
  if (value.startsWith('cmd:')) {
    const command = value.slice(4).trim()
    if (command === '') return { problem: say.flow.emptyCommand(field) }
    return { kind: 'cmd', command }
  }
  return { problem: say.flow.badPredicate(field, value) }
}

function checkExtends(value: unknown): Message | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') return say.flow.extendsNotString
  const match = /^builtin:([A-Za-z0-9_-]+)(?:@(v[0-9A-Za-z.]+))?$/.exec(value)
  if (!match) return say.flow.extendsForm(value)
  if (match[1] !== 'launched') return say.flow.extendsOther(value)
  return undefined
}

/** logos.config.json `flow.cmd_timeout_seconds`: undefined when unset, a problem when invalid. */
function projectTimeout(root: string): number | undefined | Message {
  const read = readRegular(path.join(root, OPENLOGOS.configFile))
  if (read.kind !== 'text') return undefined
  try {
    const flow = (JSON.parse(read.text) as { flow?: { cmd_timeout_seconds?: unknown } }).flow
    const value = flow?.cmd_timeout_seconds
    if (value === undefined) return undefined
    return Number.isInteger(value) && (value as number) >= 1
      ? (value as number)
      : say.flow.projectTimeout(OPENLOGOS.configFile)
  } catch {
    return undefined
  }
}

function invalid(reason: Message): FlowResult {
  return { kind: 'invalid', problem: say.flowInvalid(FLOW_OVERLAY, reason) }
}
