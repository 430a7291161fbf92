/**
 * Repeat runs: a proposal already deployed (DEPLOY_DONE) is deployed again only on request, and a
 * run that stopped between writing its report entry and its markers is noticed and explained.
 */
import { failed, passed, warned, wouldRefuse, type Check } from '../core/check.js'
import { MARKER } from './layout.js'
import { say } from './messages.js'
import type { Proposal } from './proposal.js'
import { readDeploymentRecords } from './report-file.js'

export function checkRepeat(
  proposal: Proposal,
  settings: { isDryRun: boolean; redeploy: boolean; projectRoot: string; reportPath: string }
): Check[] {
  const title = say.repeatTitle
  const marker = `${proposal.folder}/${MARKER.deployDone}`
  const state = proposal.markers[MARKER.deployDone]
  if (state === 'not-a-file') {
    return [failed(title, say.markerNotAFile(marker), say.markerNotAFileRemoveFix)]
  }
  if (state === 'present') {
    const detail = say.deployedBefore(marker)
    if (settings.redeploy) return [warned(title, say.redeploying(detail), say.redeployingFix)]
    const fix = say.deployedBeforeFix
    return [settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)]
  }
  const records = readDeploymentRecords(settings.projectRoot, settings.reportPath)
  const last = records.find(record => record.proposal === proposal.slug)
  if (last?.status === 'success' && last.markers !== false) {
    const detail = say.halfRecorded(
      settings.reportPath,
      proposal.slug,
      last.environment,
      last.finishedAt,
      MARKER.deployDone
    )
    const fix = say.halfRecordedFix
    return [
      settings.redeploy || settings.isDryRun
        ? warned(title, detail, fix)
        : failed(title, detail, fix)
    ]
  }
  return [passed(title, say.notDeployedYet(MARKER.deployDone))]
}
