/**
 * Are the variables the plan's URLs and command checks use set? A URL with `${NAME}` unset starts
 * the run with an empty DEPLOY_URL, and a check reading an unset `$NAME` fails after the steps
 * changed the environment: both lead to a rollback that had nothing to do with the release. Said
 * before anything runs, in a dry run as in a real run.
 */
import { passed, warned, type Check } from '../core/check.js'
import { joinMessages, listOf, SEPARATOR, type Message } from '../core/message.js'
import { say } from './messages.js'
import { selectFor } from './selection.js'
import type { HealthCheck, Plan } from './schema.js'

const TITLE = say.variablesTitle

/** Set by the action for every step and check, whatever the job's environment holds. */
const PROVIDED =
  /^DEPLOY_[A-Z_]+$|^(PATH|HOME|PWD|SHELL|USER|RANDOM|SECONDS|LINENO|BASH_\w+|IFS|OLDPWD)$/

export function checkVariables(input: {
  plan: Plan
  environment: string
  targets: string[]
  env: Readonly<Record<string, string | undefined>>
}): Check {
  const { plan, environment } = input
  const variables = plan.environments[environment]?.variables ?? {}
  const isSet = (name: string): boolean =>
    PROVIDED.test(name) || Boolean(input.env[name]) || Boolean(variables[name])
  const problems: Message[] = []
  const url = plan.environments[environment]?.url
  const urlUnset = url ? urlNames(url).filter(name => !isSet(name)) : []
  if (url && urlUnset.length > 0) problems.push(say.urlUnset(environment, url, listOf(urlUnset)))
  const checks = [...plan.health, ...(plan.canary?.health ?? [])]
  for (const check of selectFor(checks, environment, input.targets).selected) {
    const unset = namesOf(check).filter(name => !isSet(name))
    if (unset.length > 0) problems.push(say.checkUnset(check.name, listOf(unset)))
    if (check.kind === 'http' && urlNames(check.url).includes('DEPLOY_URL') && urlUnset.length > 0)
      problems.push(say.checkNeedsUrl(check.name))
  }
  if (problems.length === 0) return passed(TITLE, say.variablesSet)
  return warned(TITLE, joinMessages(problems, SEPARATOR.clause), say.variablesFix(problems.length))
}

function urlNames(url: string): string[] {
  return [...url.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map(match => match[1] ?? '')
}

/** The variables a check reads: `${NAME}` in a URL; `$NAME` in a command not assigned in it. */
function namesOf(check: HealthCheck): string[] {
  if (check.kind === 'http') return urlNames(check.url).filter(name => name !== 'DEPLOY_URL')
  const assigned = new Set(
    [...check.run.matchAll(/(?:^|[\s;&|(])(?:export\s+|local\s+)?([A-Za-z_][A-Za-z0-9_]*)=/g)].map(
      match => match[1] ?? ''
    )
  )
  const braced = [...check.run.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=?+][^}]*)?\}/g)]
    // `${NAME:-default}` and friends give a value when NAME is unset.
    .filter(match => match[2] === undefined)
    .map(match => match[1] ?? '')
  const plain = [...check.run.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map(match => match[1] ?? '')
  const read = [...braced, ...plain]
  return [...new Set(read)].filter(name => !assigned.has(name))
}
