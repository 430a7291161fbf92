/**
 * The report with every secret taken out of its text, before anything renders it: redaction must
 * come before formatting, since an escaped secret (`tok\_live`, `&quot;`) no longer looks like
 * itself. Fields the action itself decides and reads back (status, ids, names, version, times)
 * are left whole: a secret that happens to equal `success` or `true` must not damage a record or
 * an output a workflow relies on.
 */
import type { SecretRegistry } from '../core/redact.js'
import type { DeploymentReport } from './model.js'

const STRUCTURAL_KEYS = new Set([
  'status',
  'locale',
  'mode',
  'phase',
  'kind',
  'id',
  'environment',
  'targets',
  'target',
  'version',
  'sha',
  'ref',
  'startedAt',
  'finishedAt',
  'proposal',
  'proposalFolder',
  'planFile',
  'reportFile',
  'written',
  'deleted',
  'reading',
  'verdict'
])

/** Maps whose keys come from outside (a step's DEPLOY_OUTPUT): their keys are text too. */
const MAPS_OF_TEXT = new Set(['outputs'])

export function redactReport(report: DeploymentReport, secrets: SecretRegistry): DeploymentReport {
  if (secrets.size === 0) return report
  return redactValue(report, secrets, undefined) as DeploymentReport
}

function redactValue(value: unknown, secrets: SecretRegistry, key: string | undefined): unknown {
  if (typeof value === 'string')
    return key !== undefined && STRUCTURAL_KEYS.has(key) ? value : secrets.redact(value)
  if (Array.isArray(value)) return value.map(item => redactValue(item, secrets, key))
  if (typeof value !== 'object' || value === null) return value
  const isMap = key !== undefined && MAPS_OF_TEXT.has(key)
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      isMap ? secrets.redact(name) : name,
      redactValue(item, secrets, isMap ? undefined : name)
    ])
  )
}
