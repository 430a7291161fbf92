/** Is the plan executable for this run: valid, with this environment, these targets, its secrets and a way back? */
import path from 'node:path'
import { promises as fs } from 'node:fs'
import { failed, passed, warned, wouldRefuse, type Check } from '../core/check.js'
import type { DeploymentGate } from '../openlogos/project-config.js'
import { isInsideReal } from '../core/paths.js'
import { describePlanIssue, type PlanLoad } from './loader.js'
import type { Plan, PlanStep } from './schema.js'
import { selectFor, selectTargets } from './selection.js'
import { checkVariables } from './variable-checks.js'
import type { RunRequest } from './request.js'
import type { Mode } from './deployment.js'

export interface PlanCheckInput {
  settings: RunRequest
  load: PlanLoad
  gate: DeploymentGate | undefined
  module: string
  env: Readonly<Record<string, string | undefined>>
}

export interface PlanChecks {
  checks: Check[]
  environment?: string
  targets?: string[]
}

export async function checkPlan(input: PlanCheckInput): Promise<PlanChecks> {
  const { load } = input
  if (load.kind === 'invalid') {
    return {
      checks: [
        failed(
          'the deployment plan is valid',
          load.issues.map(describePlanIssue).join('\n'),
          'correct the plan as each line says; schema/plan.schema.json describes every key',
          load.issues.map(issue => ({
            file: issue.file,
            ...(issue.line === undefined ? {} : { line: issue.line }),
            message: describePlanIssue(issue)
          }))
        )
      ]
    }
  }
  if (load.kind === 'not-executable') {
    const found =
      load.commands.length > 0
        ? `inline commands found: ${load.commands.map(c => `\`${c}\``).join(', ')}`
        : 'no inline commands found'
    return {
      checks: [
        failed(
          'the deployment plan is executable',
          `${load.file} has no deploy-executor front matter, so nothing in it may run (${found})`,
          `review this front matter skeleton, complete it and paste it at the top of ${load.file}:\n${load.skeleton}`,
          [{ file: load.file, line: 1 }]
        )
      ]
    }
  }
  const { plan, file } = load
  const checks: Check[] = [
    passed('the deployment plan is valid', `${file}: ${plan.steps.length} step(s)`)
  ]
  const environment = checkEnvironment(input, plan, file, checks)
  const choice = selectTargets(plan, input.settings.targets)
  if (choice.ok) {
    checks.push(passed('the selected targets exist and are enabled', choice.targets.join(', ')))
  } else {
    checks.push(
      failed(
        'the selected targets exist and are enabled',
        choice.problems.join('\n'),
        'correct the targets input or the plan'
      )
    )
  }
  checks.push(
    checkMode(input.settings, plan, file),
    ...(input.settings.mode === 'rollback' ? [] : [checkRollback(input.settings, plan, file)]),
    checkSecrets(input, plan, file)
  )
  if (environment !== undefined && choice.ok) {
    const steps = stepsOfRun(plan, input.settings.mode, environment, choice.targets)
    checks.push(
      steps.length > 0
        ? passed('steps are selected for this run', `${steps.length} step(s) for ${environment}`)
        : failed(
            'steps are selected for this run',
            `no step of ${file} applies to environment '${environment}' and targets ${choice.targets.join(', ')}`,
            "check the steps' target and environments keys, or the targets input"
          ),
      ...(await checkWorkingDirectories(input.settings.projectRoot, steps, file)),
      checkVariables({ plan, environment, targets: choice.targets, env: input.env })
    )
  }
  return { checks, environment, ...(choice.ok ? { targets: choice.targets } : {}) }
}

/** The steps a run executes, canary steps first in canary mode. */
export function stepsOfRun(
  plan: Plan,
  mode: Mode,
  environment: string,
  targets: string[]
): PlanStep[] {
  const all =
    mode === 'rollback'
      ? plan.rollbackSteps
      : mode === 'canary' && plan.canary
        ? [...plan.canary.steps, ...plan.steps]
        : plan.steps
  return selectFor(all, environment, targets).selected
}

function checkEnvironment(
  input: PlanCheckInput,
  plan: Plan,
  file: string,
  checks: Check[]
): string | undefined {
  const title = 'the environment is defined in the plan'
  const names = Object.keys(plan.environments)
  let environment = input.settings.environment
  if (environment === undefined) {
    if (input.settings.isDryRun && names.length === 1) {
      environment = names[0] ?? ''
      checks.push(
        passed(
          title,
          `no environment input: the dry run previews the plan's only environment '${environment}'`
        )
      )
    } else {
      checks.push(
        failed(
          title,
          `the environment input is empty${input.settings.isDryRun ? ` and the plan defines several (${names.join(', ')})` : ''}`,
          `set environment to one of the plan's environments: ${names.join(', ')}`
        )
      )
      return undefined
    }
  } else if (!names.includes(environment)) {
    checks.push(
      failed(
        title,
        `environment '${environment}' is not defined in ${file} (defined: ${names.join(', ')})`,
        `use one of ${names.join(', ')}, or add '${environment}' under environments in the plan`,
        [{ file }]
      )
    )
    return undefined
  } else {
    checks.push(passed(title, `'${environment}'`))
  }
  const allowed = input.gate?.environments
  if (allowed && allowed.length > 0) {
    const gateTitle = `logos-project.yaml allows module '${input.module}' in this environment`
    if (!allowed.includes(environment)) {
      checks.push(
        failed(
          gateTitle,
          `deployment_gates.${input.module}.environments lists ${allowed.join(', ')}, not '${environment}'`,
          `deploy to one of ${allowed.join(', ')}, or add '${environment}' to deployment_gates.${input.module}.environments`
        )
      )
      return undefined
    }
    checks.push(passed(gateTitle, `'${environment}' is one of ${allowed.join(', ')}`))
  }
  return environment
}

function checkMode(settings: RunRequest, plan: Plan, file: string): Check {
  const title = 'the plan supports the mode'
  if (settings.mode === 'canary' && !plan.canary) {
    return failed(
      title,
      `mode is canary but ${file} has no canary section`,
      'add canary: {steps: [...], watch: 5m} to the plan, or use mode: deploy',
      [{ file }]
    )
  }
  if (settings.mode === 'rollback' && plan.rollbackSteps.length === 0) {
    return failed(
      title,
      `mode is rollback but ${file} has no rollback.steps: a rollback on demand runs those steps`,
      'add rollback: {steps: [...]} to the plan, steps that put back DEPLOY_VERSION',
      [{ file }]
    )
  }
  return passed(title, settings.mode)
}

function checkRollback(settings: RunRequest, plan: Plan, file: string): Check {
  const title = 'the plan declares a rollback'
  const own = plan.steps.filter(step => step.rollback !== undefined).length
  if (plan.rollbackSteps.length > 0 || own > 0) {
    return passed(
      title,
      `${own} step rollback(s), ${plan.rollbackSteps.length} plan rollback step(s)`
    )
  }
  if (settings.allowNoRollback) {
    return warned(
      title,
      `${file} declares no rollback; allowed by allow-no-rollback: a failure will not be undone`,
      'add rollback.steps or step rollback commands to the plan'
    )
  }
  return failed(
    title,
    `${file} declares no rollback (no rollback.steps, no step rollback)`,
    'add rollback.steps (or a rollback command to the steps) to the plan, or set allow-no-rollback: true to accept a deployment that cannot be undone',
    [{ file }]
  )
}

function checkSecrets(input: PlanCheckInput, plan: Plan, file: string): Check {
  const title = "the plan's secrets are set"
  const missing = plan.secrets.filter(name => !input.env[name])
  if (missing.length === 0)
    return passed(title, plan.secrets.length > 0 ? plan.secrets.join(', ') : 'the plan needs none')
  const detail = `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set or empty (listed under secrets in ${file})`
  const fix = `pass ${missing.length > 1 ? 'them' : 'it'} to the step: env: { ${missing.map(name => `${name}: \${{ secrets.${name} }}`).join(', ')} }`
  return input.settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)
}

async function checkWorkingDirectories(
  root: string,
  steps: PlanStep[],
  file: string
): Promise<Check[]> {
  const title = 'working directories stay inside the project'
  const checks: Check[] = []
  for (const dir of new Set(steps.map(step => step.workingDirectory))) {
    const absolute = path.resolve(root, dir)
    if (!isInsideReal(root, absolute)) {
      checks.push(
        failed(
          title,
          `working-directory '${dir}' resolves outside the project root (through a symbolic link)`,
          `point working-directory at a folder inside the project, or replace the link in ${file}'s steps`,
          [{ file }]
        )
      )
      continue
    }
    const stat = await fs.stat(absolute).catch(() => undefined)
    if (stat && !stat.isDirectory()) {
      checks.push(
        failed(
          title,
          `working-directory '${dir}' is not a folder`,
          `point working-directory at a folder in ${file}`,
          [{ file }]
        )
      )
    } else if (!stat) {
      checks.push(
        warned(
          title,
          `working-directory '${dir}' does not exist yet`,
          'an earlier step must create it, or the step will fail'
        )
      )
    }
  }
  return checks.length > 0 ? checks : [passed(title, 'every step runs inside the project root')]
}
