import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import type { InputName } from '../../src/action/inputs.js'
import { readSettings, type SettingsResult } from '../../src/action/settings.js'

function read(inputs: Partial<Record<InputName, string>>): SettingsResult {
  return readSettings(name => inputs[name], '/work/repo')
}

function errorsOf(result: SettingsResult): string[] {
  return result.ok ? [] : result.errors.map(error => error.message.en)
}

describe('readSettings', () => {
  it('applies the defaults of action.yml when inputs are absent', () => {
    const result = read({})

    expect(result).toEqual({
      ok: true,
      settings: {
        environment: undefined,
        isDryRun: false,
        mode: 'deploy',
        proposal: undefined,
        plan: undefined,
        targets: { kind: 'all' },
        version: undefined,
        projectRoot: '/work/repo',
        githubToken: undefined,
        requireApproval: true,
        rollbackOnFailure: true,
        allowNoRollback: false,
        stepTimeoutMs: 1_800_000,
        deploymentWaitMs: 1_800_000,
        reportPath: 'logos/resources/verify/deployment-report.md',
        writeMarkers: true,
        comment: true,
        prNumber: undefined,
        requireDistinctApprover: false,
        githubDeployment: 'auto',
        persist: 'commit',
        redeploy: false
      }
    })
  })

  it('reads an empty dry-run (an event without that input) as false', () => {
    const result = read({ 'dry-run': '' })

    expect(result.ok && result.settings.isDryRun).toBe(false)
  })

  it('reads every spelling of true the toolkit accepts', () => {
    expect(
      ['true', 'True', 'TRUE'].map(value => {
        const r = read({ 'dry-run': value })
        return r.ok && r.settings.isDryRun
      })
    ).toEqual([true, true, true])
  })

  it('reports every bad input at once, each with its fix', () => {
    const result = read({
      'dry-run': 'yes',
      'step-timeout': '-1',
      mode: 'blue-green',
      targets: '',
      'pr-number': 'abc'
    })

    expect(errorsOf(result)).toEqual([
      "input dry-run is 'yes': write true or false",
      "input mode is 'blue-green': write deploy, canary or rollback",
      "input targets is empty: write all, primary, or comma-separated target names (an empty selection is refused rather than read as 'all')",
      "input step-timeout is '-1': write a positive duration such as '90s', '10m', '1h30m' or a whole number of seconds",
      "input pr-number is 'abc': write a pull request number such as 42"
    ])
  })

  it('reads a target list, trimming and removing repeats', () => {
    const result = read({ targets: ' web, api ,web' })

    expect(result.ok && result.settings.targets).toEqual({ kind: 'names', names: ['web', 'api'] })
  })

  it('refuses a target list with an empty name', () => {
    expect(errorsOf(read({ targets: 'web,,api' }))).toEqual([
      "input targets 'web,,api' has an empty name: remove the extra comma"
    ])
  })

  it('resolves the project root and keeps the report inside it', () => {
    const inside = read({ 'working-directory': 'apps/site', 'report-path': 'reports/deploy.md' })
    const outside = read({ 'report-path': '../../etc/report.md' })

    expect(inside.ok && inside.settings.projectRoot).toBe(path.resolve('/work/repo/apps/site'))
    expect(inside.ok && inside.settings.reportPath).toBe('reports/deploy.md')
    expect(errorsOf(outside)[0]).toContain('leads outside the project root')
  })

  it('refuses an environment with a line break', () => {
    expect(errorsOf(read({ environment: 'staging\nINJECTED=1' }))[0]).toContain(
      'input environment must be one line'
    )
  })

  it('returns frozen settings', () => {
    const result = read({})

    expect(result.ok && Object.isFrozen(result.settings)).toBe(true)
  })
})
