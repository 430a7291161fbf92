/**
 * Repeat runs: a proposal already deployed (DEPLOY_DONE) is deployed again only on request, and a
 * run that stopped between writing its report entry and its markers is noticed and explained.
 */
import { failed, passed, warned, wouldRefuse, type Check } from '../core/check.js'
import { MARKER } from './layout.js'
import type { Proposal } from './proposal.js'
import { readDeploymentRecords } from './report-file.js'

export async function checkRepeat(
  proposal: Proposal,
  settings: { isDryRun: boolean; redeploy: boolean; projectRoot: string; reportPath: string }
): Promise<Check[]> {
  const title = 'the proposal is not deployed already (DEPLOY_DONE)'
  const marker = `${proposal.folder}/${MARKER.deployDone}`
  const state = proposal.markers[MARKER.deployDone]
  if (state === 'not-a-file') {
    return [
      failed(
        title,
        `${marker} is not a regular file (a folder or a symbolic link)`,
        'markers are empty files: remove it'
      )
    ]
  }
  if (state === 'present') {
    const detail = `${marker} is present: this proposal was deployed before`
    if (settings.redeploy)
      return [
        warned(
          title,
          `${detail}; deploying it again (redeploy: true)`,
          'nothing to do: this run is a redeployment'
        )
      ]
    const fix = 'set redeploy: true to deploy it again, or open a new proposal for the new change'
    return [settings.isDryRun ? wouldRefuse(title, detail, fix) : failed(title, detail, fix)]
  }
  const records = await readDeploymentRecords(settings.projectRoot, settings.reportPath)
  const last = records.find(record => record.proposal === proposal.slug)
  if (last?.status === 'success' && last.markers !== false) {
    const detail = `the newest entry of ${settings.reportPath} records a successful deployment of ${proposal.slug} to ${last.environment} (${last.finishedAt}), but ${MARKER.deployDone} is missing: that run stopped between writing the report and the markers`
    const fix =
      'run openlogos deploy-done to finish recording that deployment, or set redeploy: true to deploy again'
    return [
      settings.redeploy || settings.isDryRun
        ? warned(title, detail, fix)
        : failed(title, detail, fix)
    ]
  }
  return [passed(title, `no ${MARKER.deployDone} yet`)]
}
