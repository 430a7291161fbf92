/**
 * What the report stage says: the record a real run leaves (the report file entry, the markers),
 * and the deployment record that gives the rollback point and the version a rollback puts back.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  recordingGroup: 'Recording the deployment',
  rollbackInPostStep: 'Cancelled: the rollback runs in the post step of this action',
  entryWritten: (file: string) => `Report entry written in ${file}`,
  entryUpdated: (file: string) => `Report entry updated in ${file}`,
  reportNotWritten: (file: string, error: Message, consequence: Message) =>
    `could not write the report file ${file} (${error.en}): check the path and permissions; ${consequence.en}`,
  markersNotWrittenEither:
    'the markers were not written either, as openlogos deploy-done needs the report',
  reportElsewhere: 'the report is in the log and the job summary',
  markersLeftForRollback: 'Markers left alone: a rollback on demand changes no OpenLogos marker',
  noMarkerOnFailure: 'No marker written: the deployment did not succeed',
  markersOff: 'Markers left alone (write-markers: false): run openlogos deploy-done yourself',
  markersNeedDefaultReport: (file: string, expected: string) =>
    `the markers were not written: the report went to ${file}, but OpenLogos needs ${expected} to exist after a deployment; use the default report-path, or put a report there and run openlogos deploy-done`,
  markersFailed: (error: Message) =>
    `could not write the OpenLogos markers (${error.en}): run openlogos deploy-done by hand`,

  recordTitle: 'the deployment record and rollback point are known',
  versionsTitle: 'the live version and the version to put back are known',
  nothingToRollBack: (environment: string, source: Message) =>
    `no successful deployment of '${environment}' is on record (${source.en}): there is nothing to roll back`,
  nothingToRollBackFix:
    'a rollback puts back a version deployed before: deploy with mode: deploy first',
  foundIn: (source: Message, versions: Message) => `found in ${source.en}: ${versions.en}`,
  alreadyLive: (version: string, environment: string, found: Message) =>
    `version ${version} is the one '${environment}' runs now (${found.en})`,
  alreadyLiveFix:
    'leave the version input empty to put back the version before it, or name an earlier one',
  noEarlier: (environment: string, live: string, found: Message) =>
    `'${environment}' runs ${live} and no earlier version was deployed successfully (${found.en})`,
  noEarlierFix: 'deploy the version you want with mode: deploy',
  neverDeployed: (version: string, environment: string, live: string, found: Message) =>
    `version ${version} was never deployed successfully to '${environment}' before ${live} (${found.en})`,
  neverDeployedFix:
    'name one of the versions found, or leave the version input empty for the one before the live one',
  withNotes: (problem: Message, notes: Message) => `${problem.en}; ${notes.en}`,
  fileRollback: (file: string, environment: string, live: string, target: string) =>
    `from ${file}: ${environment} runs ${live}; putting back ${target}`,
  filePoint: (file: string, version: string) => `rollback point from ${file}: version ${version}`
}

const zh: typeof en = {
  recordingGroup: '记录本次部署',
  rollbackInPostStep: '已取消：回滚将在本 action 的 post 步骤中执行',
  entryWritten: file => `报告条目已写入 ${file}`,
  entryUpdated: file => `报告条目已在 ${file} 中更新`,
  reportNotWritten: (file, error, consequence) =>
    `无法写入报告文件 ${file}（${error.zh}）：请检查路径和权限；${consequence.zh}`,
  markersNotWrittenEither: '标记也没有写入，因为 openlogos deploy-done 需要报告',
  reportElsewhere: '报告见日志和作业摘要',
  markersLeftForRollback: '标记保持不变：按需回滚不修改任何 OpenLogos 标记',
  noMarkerOnFailure: '未写入标记：部署没有成功',
  markersOff: '标记保持不变（write-markers: false）：请自行运行 openlogos deploy-done',
  markersNeedDefaultReport: (file, expected) =>
    `未写入标记：报告写到了 ${file}，而 OpenLogos 要求部署后 ${expected} 存在；请使用默认的 report-path，或在那里放一份报告并运行 openlogos deploy-done`,
  markersFailed: error =>
    `无法写入 OpenLogos 标记（${error.zh}）：请手动运行 openlogos deploy-done`,

  recordTitle: '部署记录和回滚点已知',
  versionsTitle: '线上版本和要恢复的版本已知',
  nothingToRollBack: (environment, source) =>
    `没有「${environment}」成功部署的记录（${source.zh}）：没有可回滚的内容`,
  nothingToRollBackFix: '回滚恢复的是之前部署过的版本：请先用 mode: deploy 部署',
  foundIn: (source, versions) => `在 ${source.zh} 中找到：${versions.zh}`,
  alreadyLive: (version, environment, found) =>
    `版本 ${version} 就是「${environment}」当前运行的版本（${found.zh}）`,
  alreadyLiveFix: '让 version 输入留空以恢复它之前的版本，或指定更早的版本',
  noEarlier: (environment, live, found) =>
    `「${environment}」运行的是 ${live}，没有更早的版本成功部署过（${found.zh}）`,
  noEarlierFix: '用 mode: deploy 部署你想要的版本',
  neverDeployed: (version, environment, live, found) =>
    `版本 ${version} 在 ${live} 之前从未成功部署到「${environment}」（${found.zh}）`,
  neverDeployedFix: '指定找到的版本之一，或让 version 输入留空以恢复线上版本之前的版本',
  withNotes: (problem, notes) => `${problem.zh}；${notes.zh}`,
  fileRollback: (file, environment, live, target) =>
    `来自 ${file}：${environment} 运行的是 ${live}；将恢复 ${target}`,
  filePoint: (file, version) => `回滚点来自 ${file}：版本 ${version}`
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
