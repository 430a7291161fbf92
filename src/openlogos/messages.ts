/**
 * What the OpenLogos stage says: whether the proposal is found and ready (verification, the
 * deployment decision, tasks, merged deltas, repeat runs, the files a run writes), the verify gate
 * of a flow overlay, the project's settings files, and the markers a deployment leaves.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  proposalTitle: 'the proposal is found',
  foundByGuard: (folder: string, guard: string) => `${folder} (from ${guard})`,
  foundByGuardAndInput: (folder: string, guard: string) =>
    `${folder} (from ${guard}, as the proposal input says)`,
  notNeededForRollback: (problem: Message) =>
    `${problem.en}; a rollback does not need one, and is recorded without it`,
  initialisedTitle: 'the OpenLogos project is initialised',
  notInitialised: (file: string) =>
    `${file} is missing (OpenLogos answers PROJECT_NOT_INITIALIZED): this folder is not the root of an OpenLogos project`,
  notInitialisedFix:
    'run the action with working-directory set to the folder holding logos/, or run openlogos init there',

  settingsTitle: 'project settings are readable',
  settingsFix: 'fix the file named above',
  configNotJson: (file: string) =>
    `${file} is not valid JSON: fix the file (an object such as {"name": "site", "locale": "en"})`,
  projectFileInvalid: (file: string, keyPath: string, problem: string) =>
    `${file}: ${keyPath}: ${problem}: fix the file`,
  projectFileNotYaml: (file: string, reason: string) =>
    `${file} is not valid YAML (${reason}): fix the file`,
  notARegularFile: (file: string) =>
    `${file} is not a regular file (a folder, a link, a FIFO or a device) and was not read: make it a plain file`,

  verifyTitle: 'verification passed (VERIFY_PASS, no VERIFY_FAIL)',
  markerNotAFile: (file: string) => `${file} is not a regular file (a folder or a symbolic link)`,
  markerNotAFileFix: 'markers are empty files: remove it and run openlogos verify again',
  plainFileFix: (file: string) =>
    `put the plain file back in its place (git checkout -- ${file}), then run the deployment again`,
  verifyFailPresent: (file: string) =>
    `${file} is present: the last acceptance verification failed`,
  verifyFailFix: 'fix the failures and run openlogos verify until it writes VERIFY_PASS',
  verifyPassMissing: (file: string) =>
    `${file} is missing: the proposal has not passed verification`,
  verifyPassFix: 'run openlogos verify; it writes VERIFY_PASS when acceptance passes',
  verifyPassed: (pass: string, fail: string) => `${pass} present, no ${fail}`,

  requiredTitle: 'deployment is required and decided consistently',
  invalidAnswer: (file: string, line: number, answer: string) =>
    `${file} line ${line} answers '${answer}' to whether deployment is required`,
  invalidAnswerFix:
    "answer exactly 是 or 否 (Chinese template) or yes or no ('- Deployment required: yes')",
  conflictYes: (file: string, line: number) =>
    `decision conflict: ${file} line ${line} says deployment is required, but tasks.md has no [deploy] section`,
  conflictYesFix:
    'add a ## [deploy] section with the deployment tasks to tasks.md, or change the proposal to say no deployment is required',
  conflictNo: (file: string, line: number) =>
    `decision conflict: ${file} line ${line} says no deployment is required, but tasks.md has a [deploy] section`,
  conflictNoFix:
    'make the proposal and tasks.md agree: answer yes in the proposal, or remove the [deploy] section',
  saysNotRequired: (file: string, line: number) =>
    `${file} line ${line} says no deployment is required`,
  saysNotRequiredFix:
    'nothing to deploy for this proposal; if that is wrong, answer yes and add [deploy] tasks',
  saysYes: (file: string, line: number) => `${file} line ${line} says yes`,
  hasDeployTasks: (count: number) => `tasks.md has ${count} [deploy] task(s)`,
  nothingSaysRequired:
    'nothing says a deployment is required: proposal.md has no deployment impact answer and tasks.md no [deploy] tasks (OpenLogos answers DEPLOYMENT_NOT_REQUIRED; logos-project.yaml can only say a deployment is not required)',
  nothingSaysRequiredFix:
    "add '## 部署影响' with '- 是否需要部署：是' to proposal.md and a ## [deploy] section with tasks to tasks.md",

  codeTasksTitle: 'every [code] task is done',
  deployTasksTitle: 'tasks.md lists [deploy] tasks',
  fileMissing: (file: string) => `${file} is missing`,
  writeTasksFix:
    'write tasks.md with a ## [code] and a ## [deploy] section (openlogos change creates it)',
  splitLegacyFix:
    'split tasks.md into ## [code] and ## [deploy] sections (legacy files have no [tag] headings)',
  openInLegacy: (open: Message) => `${open.en} in the legacy (untagged) tasks.md`,
  finishThemFix: 'finish them first',
  legacyAllDone: 'every checkbox of the legacy tasks.md is done',
  legacyNoDeploy: (file: string) =>
    `${file} has no ## [tag] sections (legacy layout), so no [deploy] tasks`,
  openUnderCode: (open: Message, file: string) => `${open.en} under [code] in ${file}`,
  finishCodeFix: 'finish the code tasks (and verify again) before deploying',
  codeTasksDone: (count: number) => `${count} [code] task(s) done`,
  noCodeSection: 'no [code] section',
  deployTaskCount: (count: number) => `${count} [deploy] task(s)`,
  emptyDeploySection: (file: string) => `the [deploy] section of ${file} has no tasks`,
  noDeploySection: (file: string) => `${file} has no ## [deploy] section`,
  addDeployTasksFix: "add the deployment tasks as '- [ ] ...' lines under '## [deploy]'",
  openTasks: (count: number, shown: Message, more: number) =>
    `${count} open task(s) (${shown.en}${more > 0 ? ` and ${more} more` : ''})`,
  taskAt: (line: number, text: string) => `line ${line} '${text}'`,

  specMergedTitle: "the proposal's plan changes are merged (SPEC_MERGED)",
  deltasMerged: (count: number) => `${count} plan delta(s), merged`,
  deltasNotMerged: (deltas: Message, marker: string) =>
    `the proposal changes the deployment plan (${deltas.en}) but has no ${marker} marker`,
  deltasNotMergedFix:
    'merge the proposal deltas into logos/resources/ (which writes SPEC_MERGED), so the plan that runs is the reviewed one',

  repeatTitle: 'the proposal is not deployed already (DEPLOY_DONE)',
  markerNotAFileRemoveFix: 'markers are empty files: remove it',
  deployedBefore: (marker: string) => `${marker} is present: this proposal was deployed before`,
  redeploying: (detail: Message) => `${detail.en}; deploying it again (redeploy: true)`,
  redeployingFix: 'nothing to do: this run is a redeployment',
  deployedBeforeFix:
    'set redeploy: true to deploy it again, or open a new proposal for the new change',
  halfRecorded: (
    report: string,
    proposal: string,
    environment: string,
    at: string,
    marker: string
  ) =>
    `the newest entry of ${report} records a successful deployment of ${proposal} to ${environment} (${at}), but ${marker} is missing: that run stopped between writing the report and the markers`,
  halfRecordedFix:
    'run openlogos deploy-done to finish recording that deployment, or set redeploy: true to deploy again',
  notDeployedYet: (marker: string) => `no ${marker} yet`,

  filesTitle: 'the files the run writes stay inside the project',

  gateTitle: 'verification passed (the verify gate of the OpenLogos flow)',
  overlayFix: 'correct the overlay as the message says, or remove it',
  markerPresent: (file: string) => `${file} is present`,
  markerAbsent: (file: string) => `${file} is absent`,
  commandPending: (command: string, source: string) =>
    `\`cmd: ${command}\` (${source}): a real run evaluates it`,
  commandResult: (command: string, result: Message) => `\`cmd: ${command}\` ${result.en}`,
  commandTimedOut: 'timed out',
  commandUnfinished: (status: string) => `did not finish (${status})`,
  commandExited: (code: number) => `exited with ${code}`,
  gateFix: 'run openlogos verify (or the gate the flow overlay names) until the proposal passes',
  failWhenPending: (pending: Message) => `fail_when ${pending.en}`,
  failWhenMet: (detail: Message) => `fail_when is met: ${detail.en}`,
  doneWhenPending: (pending: Message) => `done_when ${pending.en}`,
  doneWhenMet: (detail: Message) => `done_when is met: ${detail.en}`,
  doneWhenNotMet: (detail: Message) => `done_when is not met: ${detail.en}`,

  flowInvalid: (file: string, reason: Message) =>
    `${file} is not a flow OpenLogos accepts (FLOW_SCHEMA_INVALID): ${reason.en}`,
  flow: {
    yaml: (name: string) => `the YAML does not parse (${name})`,
    notMapping: 'its top level must be a mapping',
    overlayNotList: 'overlay must be a list of operations',
    opNotMapping: (where: string) => `${where} is not a mapping`,
    unknownOp: (where: string, op: string, ops: Message) =>
      `${where} op '${op}' is not one of ${ops.en}`,
    unknownTarget: (where: string, op: string, target: string) =>
      `${where} ${op} targets '${target}', which is not a node of the flow`,
    skipsVerify: (where: string) =>
      `${where} skips verify: nothing would say whether verification passed`,
    emptySet: (where: string) => `${where} modify needs a non-empty set`,
    changesId: (where: string) => `${where} modify may not change a node's id`,
    bothCommands: 'verify may not set both done_when and fail_when to cmd:',
    loopOn:
      'a cmd: verify gate needs the implement loop off: add `- op: set-loop`, `subflow: implement`, `set: { max_iters: 1 }`',
    ownTimeout: 'verify.cmd_timeout_seconds must be a whole number ≥ 1',
    projectTimeout: (file: string) => `${file} flow.cmd_timeout_seconds must be a whole number ≥ 1`,
    notPredicate: (field: string) => `verify.${field} must be a marker: or cmd: predicate`,
    emptyCommand: (field: string) => `verify.${field} has an empty cmd: command`,
    badPredicate: (field: string, value: string) =>
      `verify.${field} must be a marker: or cmd: predicate, not '${value}'`,
    extendsNotString: 'extends must be a string such as builtin:launched',
    extendsForm: (value: string) => `extends '${value}' is not of the form builtin:launched`,
    extendsOther: (value: string) => `extends '${value}' is not the launched flow`
  },

  locator: {
    noActive: (guard: string) =>
      `no active proposal: ${guard} is missing or names none (OpenLogos answers NO_ACTIVE_CHANGE)`,
    noActiveFix: (guard: string) =>
      `make the proposal active with openlogos change <slug>, and commit ${guard} with it`,
    notActive: (wanted: string, guard: string, active: string) =>
      `the proposal input '${wanted}' is not the active proposal: ${guard} names '${active}', and OpenLogos would go on reporting '${active}' as ready to deploy`,
    notActiveFix: (active: string, wanted: string) =>
      `deploy '${active}' (leave the proposal input empty), or make '${wanted}' the active proposal first`,
    guardFix: (guard: string) =>
      `fix or delete ${guard} (it should read {"activeChange":"<slug>"}), or set the proposal input`,
    guardNotJson: (guard: string) => `${guard} is not JSON`,
    guardNotFile: (guard: string) =>
      `${guard} is not a regular file (a folder, a link, a FIFO or a device) and was not read`,
    guardNotObject: (guard: string) => `${guard} is not a JSON object`,
    guardNotString: (guard: string) => `${guard} field activeChange is not a string`,
    badSlug: (slug: string, origin: string, problem: Message, changes: string) =>
      `proposal '${slug}' from ${origin} ${problem.en}: a proposal is a plain folder name under ${changes}/`,
    badSlugFix: (changes: string) =>
      `name the proposal by its folder, e.g. 'add-login' for ${changes}/add-login/`,
    slugLink: (slug: string, origin: string, changes: string) =>
      `proposal '${slug}' from ${origin} is a symbolic link (${changes}/${slug}): the action writes its markers only inside the project`,
    slugLinkFix: 'make the proposal a folder of the project, not a link',
    archived: (slug: string, origin: string, folder: string) =>
      `proposal '${slug}' from ${origin} is archived (${folder}): archived proposals are never deployed`,
    archivedFix: 'deploy an open proposal, or point the guard at the active one',
    missing: (slug: string, origin: string, changes: string) =>
      `proposal '${slug}' from ${origin} does not exist: there is no folder ${changes}/${slug}/`,
    missingFix: (changes: string) =>
      `check the spelling (open proposals: see ${changes}/), or set the proposal input`
  },
  slug: {
    empty: 'is empty',
    separator: 'contains a path separator',
    dots: "contains '..'",
    dot: "starts with '.'",
    archive: 'names the archive folder',
    control: 'contains a control character'
  },

  proposalFolderGone: (folder: string) =>
    `${folder} is no longer a folder (a step removed or replaced it), so DEPLOY_DONE was not written and no task was ticked: restore the proposal from git, then run openlogos deploy-done`,
  tasksTicked: (file: string) => `${file}: [deploy] tasks ticked`,
  markerWritten: (file: string) => `${file} written`,
  markerRemoved: (file: string) => `${file} removed (a new deployment needs a new smoke test)`
}

const zh: typeof en = {
  proposalTitle: '已找到提案',
  foundByGuard: (folder, guard) => `${folder}（来自 ${guard}）`,
  foundByGuardAndInput: (folder, guard) => `${folder}（来自 ${guard}，与 proposal 输入一致）`,
  notNeededForRollback: problem => `${problem.zh}；回滚不需要提案，将在没有提案的情况下记录`,
  initialisedTitle: 'OpenLogos 项目已初始化',
  notInitialised: file =>
    `缺少 ${file}（OpenLogos 返回 PROJECT_NOT_INITIALIZED）：该文件夹不是 OpenLogos 项目的根目录`,
  notInitialisedFix:
    '把 working-directory 设为包含 logos/ 的文件夹后再运行，或在那里运行 openlogos init',

  settingsTitle: '项目设置可以读取',
  settingsFix: '修正上面指出的文件',
  configNotJson: file =>
    `${file} 不是有效的 JSON：请修正该文件（应为对象，例如 {"name": "site", "locale": "zh"}）`,
  projectFileInvalid: (file, keyPath, problem) => `${file}：${keyPath}：${problem}：请修正该文件`,
  projectFileNotYaml: (file, reason) => `${file} 不是有效的 YAML（${reason}）：请修正该文件`,
  notARegularFile: file =>
    `${file} 不是普通文件（而是文件夹、链接、FIFO 或设备），未读取：请把它改为普通文件`,

  verifyTitle: '验收已通过（有 VERIFY_PASS，无 VERIFY_FAIL）',
  markerNotAFile: file => `${file} 不是普通文件（是文件夹或符号链接）`,
  markerNotAFileFix: '标记是空文件：删除它，然后重新运行 openlogos verify',
  plainFileFix: file => `把普通文件放回原处（git checkout -- ${file}），然后重新部署`,
  verifyFailPresent: file => `${file} 存在：最近一次验收未通过`,
  verifyFailFix: '修复失败项并运行 openlogos verify，直到它写入 VERIFY_PASS',
  verifyPassMissing: file => `缺少 ${file}：该提案尚未通过验收`,
  verifyPassFix: '运行 openlogos verify；验收通过时它会写入 VERIFY_PASS',
  verifyPassed: (pass, fail) => `有 ${pass}，无 ${fail}`,

  requiredTitle: '需要部署，且各处的决定一致',
  invalidAnswer: (file, line, answer) =>
    `${file} 第 ${line} 行对“是否需要部署”的回答是「${answer}」`,
  invalidAnswerFix: '只回答 是 或 否（中文模板），或 yes 或 no（「- Deployment required: yes」）',
  conflictYes: (file, line) =>
    `决定冲突：${file} 第 ${line} 行说需要部署，但 tasks.md 没有 [deploy] 部分`,
  conflictYesFix: '在 tasks.md 中添加列有部署任务的 ## [deploy] 部分，或把提案改为不需要部署',
  conflictNo: (file, line) =>
    `决定冲突：${file} 第 ${line} 行说不需要部署，但 tasks.md 有 [deploy] 部分`,
  conflictNoFix: '让提案与 tasks.md 一致：在提案中回答“是”，或删除 [deploy] 部分',
  saysNotRequired: (file, line) => `${file} 第 ${line} 行说不需要部署`,
  saysNotRequiredFix: '该提案无需部署；如果这不对，请回答“是”并添加 [deploy] 任务',
  saysYes: (file, line) => `${file} 第 ${line} 行回答“是”`,
  hasDeployTasks: count => `tasks.md 有 ${count} 项 [deploy] 任务`,
  nothingSaysRequired:
    '没有任何地方说需要部署：proposal.md 没有“部署影响”的回答，tasks.md 也没有 [deploy] 任务（OpenLogos 返回 DEPLOYMENT_NOT_REQUIRED；logos-project.yaml 只能说不需要部署）',
  nothingSaysRequiredFix:
    '在 proposal.md 中添加「## 部署影响」和「- 是否需要部署：是」，并在 tasks.md 中添加列有任务的 ## [deploy] 部分',

  codeTasksTitle: '所有 [code] 任务均已完成',
  deployTasksTitle: 'tasks.md 列有 [deploy] 任务',
  fileMissing: file => `缺少 ${file}`,
  writeTasksFix: '编写含 ## [code] 和 ## [deploy] 两部分的 tasks.md（openlogos change 会创建它）',
  splitLegacyFix: '把 tasks.md 分成 ## [code] 和 ## [deploy] 两部分（旧格式的文件没有 [tag] 标题）',
  openInLegacy: open => `旧格式（无标签）的 tasks.md 中有 ${open.zh}`,
  finishThemFix: '先完成这些任务',
  legacyAllDone: '旧格式 tasks.md 的所有复选框均已勾选',
  legacyNoDeploy: file => `${file} 没有 ## [tag] 部分（旧格式），因此没有 [deploy] 任务`,
  openUnderCode: (open, file) => `${file} 的 [code] 部分有 ${open.zh}`,
  finishCodeFix: '部署前先完成代码任务（并重新验收）',
  codeTasksDone: count => `${count} 项 [code] 任务已完成`,
  noCodeSection: '没有 [code] 部分',
  deployTaskCount: count => `${count} 项 [deploy] 任务`,
  emptyDeploySection: file => `${file} 的 [deploy] 部分没有任务`,
  noDeploySection: file => `${file} 没有 ## [deploy] 部分`,
  addDeployTasksFix: '在「## [deploy]」下以「- [ ] ...」行添加部署任务',
  openTasks: (count, shown, more) =>
    `${count} 项未完成的任务（${shown.zh}${more > 0 ? `，另有 ${more} 项` : ''}）`,
  taskAt: (line, text) => `第 ${line} 行「${text}」`,

  specMergedTitle: '提案对部署方案的修改已合并（SPEC_MERGED）',
  deltasMerged: count => `${count} 个方案增量，已合并`,
  deltasNotMerged: (deltas, marker) =>
    `该提案修改了部署方案（${deltas.zh}），但没有 ${marker} 标记`,
  deltasNotMergedFix:
    '把提案的增量合并到 logos/resources/（这会写入 SPEC_MERGED），使运行的方案就是评审过的方案',

  repeatTitle: '该提案尚未部署过（无 DEPLOY_DONE）',
  markerNotAFileRemoveFix: '标记是空文件：删除它',
  deployedBefore: marker => `${marker} 存在：该提案之前已经部署过`,
  redeploying: detail => `${detail.zh}；将再次部署（redeploy: true）`,
  redeployingFix: '无需处理：本次运行是重新部署',
  deployedBeforeFix: '设置 redeploy: true 以再次部署，或为新的变更开启新的提案',
  halfRecorded: (report, proposal, environment, at, marker) =>
    `${report} 最新的条目记录了 ${proposal} 成功部署到 ${environment}（${at}），但缺少 ${marker}：那次运行在写入报告与写入标记之间停止了`,
  halfRecordedFix: '运行 openlogos deploy-done 完成那次部署的记录，或设置 redeploy: true 重新部署',
  notDeployedYet: marker => `尚无 ${marker}`,

  filesTitle: '运行写入的文件都在项目之内',

  gateTitle: '验收已通过（OpenLogos 流程的验收关卡）',
  overlayFix: '按提示修正流程覆盖配置，或删除它',
  markerPresent: file => `${file} 存在`,
  markerAbsent: file => `${file} 不存在`,
  commandPending: (command, source) => `\`cmd: ${command}\`（${source}）：正式运行时才会执行`,
  commandResult: (command, result) => `\`cmd: ${command}\` ${result.zh}`,
  commandTimedOut: '超时',
  commandUnfinished: status => `未结束（${status}）`,
  commandExited: code => `退出码为 ${code}`,
  gateFix: '运行 openlogos verify（或流程覆盖配置指定的关卡），直到提案通过',
  failWhenPending: pending => `fail_when ${pending.zh}`,
  failWhenMet: detail => `fail_when 已满足：${detail.zh}`,
  doneWhenPending: pending => `done_when ${pending.zh}`,
  doneWhenMet: detail => `done_when 已满足：${detail.zh}`,
  doneWhenNotMet: detail => `done_when 未满足：${detail.zh}`,

  flowInvalid: (file, reason) =>
    `${file} 不是 OpenLogos 接受的流程（FLOW_SCHEMA_INVALID）：${reason.zh}`,
  flow: {
    yaml: name => `YAML 无法解析（${name}）`,
    notMapping: '顶层必须是映射',
    overlayNotList: 'overlay 必须是操作列表',
    opNotMapping: where => `${where} 不是映射`,
    unknownOp: (where, op, ops) => `${where} 的 op「${op}」不是 ${ops.zh} 之一`,
    unknownTarget: (where, op, target) => `${where} 的 ${op} 指向「${target}」，它不是流程中的节点`,
    skipsVerify: where => `${where} 跳过了 verify：将没有任何东西说明验收是否通过`,
    emptySet: where => `${where} 的 modify 需要非空的 set`,
    changesId: where => `${where} 的 modify 不能修改节点的 id`,
    bothCommands: 'verify 不能把 done_when 和 fail_when 都设为 cmd:',
    loopOn:
      'cmd: 验收关卡需要关闭 implement 循环：添加 `- op: set-loop`、`subflow: implement`、`set: { max_iters: 1 }`',
    ownTimeout: 'verify.cmd_timeout_seconds 必须是不小于 1 的整数',
    projectTimeout: file => `${file} 的 flow.cmd_timeout_seconds 必须是不小于 1 的整数`,
    notPredicate: field => `verify.${field} 必须是 marker: 或 cmd: 谓词`,
    emptyCommand: field => `verify.${field} 的 cmd: 命令为空`,
    badPredicate: (field, value) =>
      `verify.${field} 必须是 marker: 或 cmd: 谓词，而不是「${value}」`,
    extendsNotString: 'extends 必须是字符串，例如 builtin:launched',
    extendsForm: value => `extends「${value}」不是 builtin:launched 的形式`,
    extendsOther: value => `extends「${value}」不是 launched 流程`
  },

  locator: {
    noActive: guard =>
      `没有活动的提案：${guard} 不存在或未指定提案（OpenLogos 返回 NO_ACTIVE_CHANGE）`,
    noActiveFix: guard => `用 openlogos change <slug> 激活提案，并把 ${guard} 一起提交`,
    notActive: (wanted, guard, active) =>
      `proposal 输入「${wanted}」不是活动的提案：${guard} 指定的是「${active}」，OpenLogos 会继续报告「${active}」待部署`,
    notActiveFix: (active, wanted) =>
      `部署「${active}」（让 proposal 输入留空），或先把「${wanted}」设为活动的提案`,
    guardFix: guard =>
      `修正或删除 ${guard}（内容应为 {"activeChange":"<slug>"}），或设置 proposal 输入`,
    guardNotJson: guard => `${guard} 不是 JSON`,
    guardNotFile: guard => `${guard} 不是普通文件（而是文件夹、链接、FIFO 或设备），未读取`,
    guardNotObject: guard => `${guard} 不是 JSON 对象`,
    guardNotString: guard => `${guard} 的 activeChange 字段不是字符串`,
    badSlug: (slug, origin, problem, changes) =>
      `来自 ${origin} 的提案「${slug}」${problem.zh}：提案是 ${changes}/ 下的普通文件夹名`,
    badSlugFix: changes => `用文件夹名指定提案，例如 ${changes}/add-login/ 对应「add-login」`,
    slugLink: (slug, origin, changes) =>
      `来自 ${origin} 的提案「${slug}」是符号链接（${changes}/${slug}）：本 action 只在项目之内写入标记`,
    slugLinkFix: '让提案成为项目中的文件夹，而不是链接',
    archived: (slug, origin, folder) =>
      `来自 ${origin} 的提案「${slug}」已归档（${folder}）：已归档的提案永远不会部署`,
    archivedFix: '部署一个未归档的提案，或让 guard 指向活动的提案',
    missing: (slug, origin, changes) =>
      `来自 ${origin} 的提案「${slug}」不存在：没有文件夹 ${changes}/${slug}/`,
    missingFix: changes => `检查拼写（未归档的提案见 ${changes}/），或设置 proposal 输入`
  },
  slug: {
    empty: '为空',
    separator: '包含路径分隔符',
    dots: '包含「..」',
    dot: '以「.」开头',
    archive: '是归档文件夹的名字',
    control: '包含控制字符'
  },

  proposalFolderGone: folder =>
    `${folder} 已不再是文件夹（某个步骤删除或替换了它），因此没有写入 DEPLOY_DONE，也没有勾选任务：请从 git 恢复提案，然后运行 openlogos deploy-done`,
  tasksTicked: file => `${file}：[deploy] 任务已勾选`,
  markerWritten: file => `已写入 ${file}`,
  markerRemoved: file => `已删除 ${file}（新的部署需要新的冒烟测试）`
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
