/** Is the plan executable for this run: valid, with this environment, these targets, its secrets and a way back? */
import path from 'node:path'
import { statOf } from '../core/files.js'
import { failed, passed, warned, wouldRefuse, type Check } from '../core/check.js'
import { joinMessages, listOf, SEPARATOR, verbatim } from '../core/message.js'
import type { DeploymentGate } from '../openlogos/project-config.js'
import { isInsideReal } from '../core/paths.js'
import { describePlanIssue, type PlanLoad } from './loader.js'
import type { Plan, PlanStep } from './schema.js'
import { selectFor, selectTargets } from './selection.js'
import { checkVariables } from './variable-checks.js'
import type { RunRequest } from './request.js'
import type { Mode } from './deployment.js'
import { say } from './messages.js'

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

export function checkPlan(input: PlanCheckInput): PlanChecks {
  const { load } = input
  if (load.kind === 'invalid') {
    return {
      checks: [
        failed(
          say.validTitle,
          joinMessages(load.issues.map(describePlanIssue), SEPARATOR.line),
          say.validFix,
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
        ? say.inlineCommands(listOf(load.commands.map(command => `\`${command}\``)))
        : say.noInlineCommands
    return {
      checks: [
        failed(
          say.executableTitle,
          say.notExecutable(load.file, found),
          say.notExecutableFix(load.file, load.skeleton),
          [{ file: load.file, line: 1 }]
        )
      ]
    }
  }
  const { plan, file } = load
  const checks: Check[] = [passed(say.validTitle, say.stepCount(file, plan.steps.length))]
  const environment = checkEnvironment(input, plan, file, checks)
  const choice = selectTargets(plan, input.settings.targets)
  if (choice.ok) {
    checks.push(passed(say.targetsTitle, listOf(choice.targets)))
  } else {
    checks.push(
      failed(say.targetsTitle, joinMessages(choice.problems, SEPARATOR.line), say.targetsFix)
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
        ? passed(say.stepsTitle, say.stepsFor(steps.length, environment))
        : failed(
            say.stepsTitle,
            say.noSteps(file, environment, listOf(choice.targets)),
            say.noStepsFix
          ),
      ...checkWorkingDirectories(input.settings.projectRoot, steps, file),
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
  const title = say.environmentTitle
  const names = Object.keys(plan.environments)
  const defined = listOf(names)
  let environment = input.settings.environment
  if (environment === undefined) {
    if (input.settings.isDryRun && names.length === 1) {
      environment = names[0] ?? ''
      checks.push(passed(title, say.onlyEnvironment(environment)))
    } else {
      checks.push(
        failed(
          title,
          input.settings.isDryRun ? say.noEnvironmentOfSeveral(defined) : say.noEnvironment,
          say.noEnvironmentFix(defined)
        )
      )
      return undefined
    }
  } else if (!names.includes(environment)) {
    checks.push(
      failed(
        title,
        say.unknownEnvironment(environment, file, defined),
        say.unknownEnvironmentFix(defined, environment),
        [{ file }]
      )
    )
    return undefined
  } else {
    checks.push(passed(title, say.environmentIs(environment)))
  }
  const allowed = input.gate?.environments
  if (allowed && allowed.length > 0) {
    const gateTitle = say.gateTitle(input.module)
    const listed = listOf(allowed)
    if (!allowed.includes(environment)) {
      checks.push(
        failed(
          gateTitle,
          say.gateRefuses(input.module, listed, environment),
          say.gateRefusesFix(listed, environment, input.module)
        )
      )
      return undefined
    }
    checks.push(passed(gateTitle, say.gateAllows(environment, listed)))
  }
  return environment
}

function checkMode(settings: RunRequest, plan: Plan, file: string): Check {
  const title = say.modeTitle
  if (settings.mode === 'canary' && !plan.canary)
    return failed(title, say.noCanary(file), say.noCanaryFix, [{ file }])
  if (settings.mode === 'rollback' && plan.rollbackSteps.length === 0)
    return failed(title, say.noRollbackSteps(file), say.noRollbackStepsFix, [{ file }])
  return passed(title, verbatim(settings.mode))
}

function checkRollback(settings: RunRequest, plan: Plan, file: string): Check {
  const title = say.rollbackTitle
  const own = plan.steps.filter(step => step.rollback !== undefined).length
  if (plan.rollbackSteps.length > 0 || own > 0) {
    return passed(title, say.rollbackCounts(own, plan.rollbackSteps.length))
  }
  if (settings.allowNoRollback)
    return warned(title, say.noRollbackAllowed(file), say.noRollbackAllowedFix)
  return failed(title, say.noRollback(file), say.noRollbackFix, [{ file }])
}

function checkSecrets(input: PlanCheckInput, plan: Plan, file: string): Check {
  const title = say.secretsTitle
  const missing = plan.secrets.filter(name => !input.env[name])
  if (missing.length === 0)
    return passed(title, plan.secrets.length > 0 ? listOf(plan.secrets) : say.noSecretsNeeded)
  const detail = say.secretsMissing(listOf(missing), missing.length, file)
  const env = missing.map(name => `${name}: \${{ secrets.${name} }}`).join(', ')
  const fix = say.secretsFix(missing.length, env)
  return input.settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)
}

function checkWorkingDirectories(root: string, steps: PlanStep[], file: string): Check[] {
  const title = say.directoriesTitle
  const checks: Check[] = []
  for (const dir of new Set(steps.map(step => step.workingDirectory))) {
    const absolute = path.resolve(root, dir)
    if (!isInsideReal(root, absolute)) {
      checks.push(
        failed(title, say.directoryOutside(dir), say.directoryOutsideFix(file), [{ file }])
      )
      continue
    }
    const stat = statOf(absolute)
    if (stat && !stat.isDirectory()) {
      checks.push(
        failed(title, say.directoryNotFolder(dir), say.directoryNotFolderFix(file), [{ file }])
      )
    } else if (!stat) {
      checks.push(warned(title, say.directoryMissing(dir), say.directoryMissingFix))
    }
  }
  return checks.length > 0 ? checks : [passed(title, say.directoriesInside)]
}
