/**
 * The environment every step, rollback step and command check sees (plan-format.md): the job's
 * environment, then the deployment environment's variables, then the target's (for per-target
 * steps and checks), then the step's env, then DEPLOY_*,
 * all derived from the one Deployment value.
 */
import type { Deployment } from '../plan/deployment.js'

/**
 * Variables of the action's own process that a plan's script must not see or touch: the inputs
 * (the token among them), the runner's internal tokens, the file commands of this step and of the
 * job (a step writing GITHUB_ENV could set NODE_OPTIONS for this action's post step), and what
 * makes bash run code before the script itself (BASH_ENV, ENV, exported functions).
 */
export const PRIVATE_VARIABLE =
  /^(INPUT_|ACTIONS_|STATE_|BASH_FUNC_)|^(GITHUB_OUTPUT|GITHUB_STATE|GITHUB_STEP_SUMMARY|GITHUB_ENV|GITHUB_PATH|BASH_ENV|ENV)$/

export function jobEnvironment(
  env: Readonly<Record<string, string | undefined>>
): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !PRIVATE_VARIABLE.test(name)) result[name] = value
  }
  return result
}

export function stepEnvironment(options: {
  job: Record<string, string>
  variables: Record<string, string>
  /** The variables of the target a per-target step or check runs for. */
  targetVariables?: Record<string, string>
  stepEnv: Record<string, string>
  deployment: Deployment
  /** DEPLOY_URL: the environment's url, or the one a step reported. */
  url: string
  target?: string
  outputFile: string
  failedStep?: string
  /** DEPLOY_CANARY_WEIGHT: the canary increment's percent, or 100 for the promotion after them. */
  canaryWeight?: number
}): Record<string, string> {
  const { deployment } = options
  // Unset unless this run steps through increments, whatever the job or the plan carries.
  const { DEPLOY_CANARY_WEIGHT: _inherited, ...inherited } = {
    ...options.job,
    ...options.variables,
    ...options.targetVariables,
    ...options.stepEnv
  }
  return {
    ...inherited,
    DEPLOY_ENVIRONMENT: deployment.environment,
    DEPLOY_VERSION: deployment.version,
    DEPLOY_SHA: deployment.sha,
    DEPLOY_REF: deployment.ref,
    DEPLOY_ID: deployment.id ?? '',
    DEPLOY_URL: options.url,
    DEPLOY_MODE: deployment.mode,
    DEPLOY_TARGETS: deployment.targets.join(','),
    DEPLOY_TARGET: options.target ?? '',
    DEPLOY_PROPOSAL: deployment.proposal,
    DEPLOY_PREVIOUS_SHA: deployment.rollbackPoint?.sha ?? '',
    DEPLOY_PREVIOUS_VERSION: deployment.rollbackPoint?.version ?? '',
    DEPLOY_OUTPUT: options.outputFile,
    ...(deployment.rollbackFrom
      ? {
          DEPLOY_ROLLBACK_FROM_VERSION: deployment.rollbackFrom.version,
          DEPLOY_ROLLBACK_FROM_SHA: deployment.rollbackFrom.sha
        }
      : {}),
    ...(options.failedStep === undefined ? {} : { DEPLOY_FAILED_STEP: options.failedStep }),
    ...(options.canaryWeight === undefined
      ? {}
      : { DEPLOY_CANARY_WEIGHT: String(options.canaryWeight) })
  }
}

/** DEPLOY_URL before any step reported one: the environment's url, its `${NAME}`s expanded. */
export function initialUrlOf(
  template: string | undefined,
  env: Record<string, string>
): { value: string; missing: string[] } {
  if (!template) return { value: '', missing: [] }
  const expanded = expandVariables(template, env)
  return expanded.missing.length > 0 ? { value: '', missing: expanded.missing } : expanded
}

/** `${NAME}` expansion, for url fields only. Unknown names are reported, not left empty. */
export function expandVariables(
  text: string,
  env: Record<string, string>
): { value: string; missing: string[] } {
  const missing: string[] = []
  const value = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const found = env[name]
    if (found === undefined || found === '') missing.push(name)
    return found ?? ''
  })
  return { value, missing }
}

/** The `user:password@` part of a URL template, before any variable in it is expanded. */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i

/**
 * `${NAME}` expansion of a URL field. A variable in the credentials part (`https://deploy:${TOKEN}@host`)
 * is percent-encoded, so a password holding `/`, `@` or `:` stays a password instead of turning
 * into the host or the path; everywhere else a value is put in as written (`${DEPLOY_URL}/healthz`).
 */
export function expandUrl(
  template: string,
  env: Record<string, string>
): { value: string; missing: string[] } {
  const userinfo = USERINFO.exec(template)
  if (!userinfo) return expandVariables(template, env)
  const [whole, scheme = '', credentials = ''] = userinfo
  const encodedEnv = Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, encodeURIComponent(value)])
  )
  const head = expandVariables(credentials, encodedEnv)
  const rest = expandVariables(template.slice(whole.length), env)
  return {
    value: `${scheme}${head.value}@${rest.value}`,
    missing: [...head.missing, ...rest.missing]
  }
}

/** `key=value` lines and `key<<DELIMITER` blocks, as GITHUB_OUTPUT takes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const block = /^([A-Za-z_][A-Za-z0-9_-]*)<<(.+)$/.exec(line)
    if (block) {
      const [, key = '', delimiter = ''] = block
      const body: string[] = []
      while (++index < lines.length && lines[index] !== delimiter) body.push(lines[index] ?? '')
      values[key] = body.join('\n')
      continue
    }
    const equals = line.indexOf('=')
    if (equals > 0) values[line.slice(0, equals).trim()] = line.slice(equals + 1)
  }
  return values
}
