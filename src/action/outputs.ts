/** The action's outputs: their names, as action.yml declares them, and their values from a report. */
import type { DeploymentReport } from '../report/model.js'
import { toResultJson } from '../report/result-json.js'

export const OUTPUT = {
  status: 'status',
  deploymentId: 'deployment-id',
  deployUrl: 'deploy-url',
  version: 'version',
  previousVersion: 'previous-version',
  reportPath: 'report-path',
  result: 'result',
  recordCommit: 'record-commit',
  recordPullRequest: 'record-pull-request'
} as const

export interface OutputSink {
  setOutput(name: string, value: string): void
}

/**
 * `report` is already redacted (redact-report.ts): its text carries no secret, and the fields a
 * workflow relies on (status, version, ids) are whole, whatever a secret's value.
 */
export function publishOutputs(report: DeploymentReport, sink: OutputSink): void {
  const set = (name: string, value: string | undefined): void => sink.setOutput(name, value ?? '')
  set(OUTPUT.status, report.status)
  set(OUTPUT.deploymentId, report.deployment.id)
  set(OUTPUT.deployUrl, report.deployUrl)
  set(OUTPUT.version, report.deployment.version)
  set(OUTPUT.previousVersion, report.deployment.rollbackPoint?.version)
  set(OUTPUT.reportPath, report.reportFile)
  set(OUTPUT.result, JSON.stringify(toResultJson(report, report.reportFile)))
}
