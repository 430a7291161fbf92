/**
 * What the action's shell says: bad inputs, the two steps on a runner (cancellation, a crash, the
 * journal, the post step's recovery), publishing (outputs, summary, comment, the record commit),
 * and the command line's own refusals.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  input: {
    invalid: (input: string, problem: Message) => `input ${input} ${problem.en}`,
    oneLine: 'must be one line of text without control characters',
    flag: (text: string) => `is '${text}': write true or false`,
    choice: (text: string, choices: Message) => `is '${text}': write ${choices.en}`,
    or: ' or ',
    positiveDuration: (text: string, hint: Message) => `is '${text}': write ${hint.en}`,
    tooLong: (text: string, max: string) => `is '${text}': write at most ${max}`,
    emptyTargets:
      "is empty: write all, primary, or comma-separated target names (an empty selection is refused rather than read as 'all')",
    emptyTarget: (text: string) => `'${text}' has an empty name: remove the extra comma`,
    prNumber: (text: string) => `is '${text}': write a pull request number such as 42`,
    version:
      'must be a version such as v1.4.0 or 2026.05.24-1: letters, digits and . _ + / -, starting with a letter or digit, at most 100 characters',
    reportOutside: (written: string, root: string) =>
      `'${written}' leads outside the project root ${root}: give a path inside it`
  },

  cancelling: 'Cancellation received: stopping the running step',
  apiRequests: (count: number) => `GitHub API requests made: ${count}`,
  crashUnrecorded: (error: string) => `could not record everything about the crash: ${error}`,
  crashed: (stack: string) => `deploy-executor stopped on an unexpected error: ${stack}`,
  postCrashed: (stack: string) =>
    `deploy-executor's post step stopped on an unexpected error: ${stack}`,
  noGitHubApi:
    'github-token or GITHUB_REPOSITORY is empty: no GitHub API calls are possible (no approval proof, deployment record or PR comment)',

  nothingRan: 'Nothing to finish: the main step ran no real deployment',
  nothingStarted: 'Nothing to finish: the main step started no deployment',
  alreadyRecorded: 'Nothing to finish: the main step recorded the deployment',
  journalUnreadable: (file: string) =>
    `the journal of this run's deployment (${file}) cannot be read, or was changed by something other than this action: whether the deployment finished, and what it changed, is unknown. Nothing was rolled back. Check the environment and the report file by hand.`,
  stateUnknownHeading: '⚠️ Deployment state unknown',
  stillRunning: (what: Message, group: number) =>
    `${what.en} is still running (process group ${group}): stopping it before anything else`,
  runningStep: (id: string) => `step ${id}`,
  runningRollback: (id: string) => `the rollback of ${id}`,
  runningOnTarget: (id: string, target: string) => `step ${id} on ${target}`,
  aStep: 'a step',
  interrupted: 'interrupted: the main step stopped while it ran',
  killed: 'the main step stopped before it finished (killed or crashed)',
  unfinishedDeployed: (proposal: string, environment: string, how: Message) =>
    `The deployment of ${proposal} to ${environment} did not finish in the main step (${how.en}): every step and health check had passed, so it is recorded as deployed, not rolled back`,
  unfinished: (proposal: string, environment: string, how: Message) =>
    `The deployment of ${proposal} to ${environment} did not finish in the main step (${how.en}): finishing it here`,
  wasCancelled: 'cancelled',
  wasKilled: 'killed or crashed',
  rollingBackGroup: 'Rolling back the interrupted deployment',
  finishedByPost: 'finished by the post step after the main step was cancelled',
  finishedByPostStopped: 'finished by the post step after the main step stopped',
  finishedByPostNothing:
    'finished by the post step after the main step was cancelled; nothing was rolled back',
  finishedByPostStoppedNothing:
    'finished by the post step after the main step stopped; nothing was rolled back',
  stoppedWhile: (id: string) => `while step ${id} ran`,
  stoppedAfter: (id: string) => `after step ${id}`,
  crashSummary: (where: Message, error: string) =>
    `# Deployment stopped ${where.en}\n\n${error}\n\nThe post step of this action rolls back what had started.\n`,
  stoppedError: (where: Message, error: string) => `stopped ${where.en}: ${error}`,

  summaryFailed: (error: string) =>
    `could not write the job summary (${error}); the report is in the log above`,
  commentPosted: (number: number) => `Report posted on pull request #${number}`,
  commentUpdated: (number: number) => `Report updated on pull request #${number}`,
  noComment: (reason: Message) => `No PR comment: ${reason.en}`,
  refused: (count: number, conditions: Message) =>
    `Deployment refused: ${count} condition(s) unmet:\n${conditions.en}`,
  condition: (title: Message, detail: Message) => `- ${title.en}: ${detail.en}`,
  cancelledBeforeSteps: 'Deployment cancelled before any step ran: nothing to roll back',
  cancelledNothingUndone: 'Deployment cancelled; nothing was rolled back',
  cancelledPostRollsBack: 'Deployment cancelled: the post step rolls it back',
  ended: (status: Message) => `Deployment ${status.en}`,
  endedWith: (status: Message, error: Message) => `Deployment ${status.en}: ${error.en}`,

  committed: (branch: string, url: string) => `Record committed to ${branch}: ${url}`,
  pullRequestOpened: (number: number, url: string) =>
    `Record opened as pull request #${number}: ${url}`,
  noApiAccess:
    'the record was not committed: no GitHub API access (github-token or GITHUB_REPOSITORY is empty)',
  nothingToCommit: 'nothing to commit',
  commitByHand: 'The record to commit by hand',
  changedFile: (file: string) => `changed: ${file}`,

  cli: {
    needsConfirm: (environment: string) =>
      `deploy-executor: a real deployment needs --confirm ${environment}: type the environment name again to authorize it, or use --dry-run`,
    confirmMismatch: (confirm: string, environment: string) =>
      `deploy-executor: --confirm '${confirm}' does not match --environment '${environment}': nothing was run`,
    filesChanged:
      'Files changed in the project (the command line commits nothing: commit them with the proposal):',
    removed: (file: string) => `${file} (removed)`
  }
}

const zh: typeof en = {
  input: {
    invalid: (input, problem) => `输入 ${input} ${problem.zh}`,
    oneLine: '必须是一行不含控制字符的文本',
    flag: text => `为「${text}」：请写 true 或 false`,
    choice: (text, choices) => `为「${text}」：请写 ${choices.zh}`,
    or: ' 或 ',
    positiveDuration: (text, hint) => `为「${text}」：请写${hint.zh}`,
    tooLong: (text, max) => `为「${text}」：最多只能是 ${max}`,
    emptyTargets:
      '为空：请写 all、primary 或以逗号分隔的目标名（空的选择会被拒绝，而不是当作「all」）',
    emptyTarget: text => `「${text}」中有空的名字：请删除多余的逗号`,
    prNumber: text => `为「${text}」：请写拉取请求编号，例如 42`,
    version:
      '必须是版本号，例如 v1.4.0 或 2026.05.24-1：由字母、数字和 . _ + / - 组成，以字母或数字开头，最多 100 个字符',
    reportOutside: (written, root) => `「${written}」指向项目根目录 ${root} 之外：请给出其中的路径`
  },

  cancelling: '收到取消请求：正在停止运行中的步骤',
  apiRequests: count => `发出的 GitHub API 请求数：${count}`,
  crashUnrecorded: error => `无法完整记录这次崩溃：${error}`,
  crashed: stack => `deploy-executor 因意外错误而停止：${stack}`,
  postCrashed: stack => `deploy-executor 的 post 步骤因意外错误而停止：${stack}`,
  noGitHubApi:
    'github-token 或 GITHUB_REPOSITORY 为空：无法调用 GitHub API（没有审批证明、部署记录和 PR 评论）',

  nothingRan: '无需收尾：main 步骤没有进行正式部署',
  nothingStarted: '无需收尾：main 步骤没有开始部署',
  alreadyRecorded: '无需收尾：main 步骤已记录本次部署',
  journalUnreadable: file =>
    `本次部署的 journal 文件（${file}）无法读取，或被本 action 以外的东西修改过：部署是否完成、改动了什么，都无从得知。未执行任何回滚。请人工检查环境和报告文件。`,
  stateUnknownHeading: '⚠️ 部署状态未知',
  stillRunning: (what, group) => `${what.zh} 仍在运行（进程组 ${group}）：先停止它`,
  runningStep: id => `步骤 ${id}`,
  runningRollback: id => `${id} 的回滚`,
  runningOnTarget: (id, target) => `目标 ${target} 上的步骤 ${id}`,
  aStep: '某个步骤',
  interrupted: '被中断：main 步骤在它运行时停止了',
  killed: 'main 步骤在结束前停止了（被终止或崩溃）',
  unfinishedDeployed: (proposal, environment, how) =>
    `${proposal} 到 ${environment} 的部署没有在 main 步骤中完成（${how.zh}）：所有步骤和健康检查都已通过，因此记录为已部署，不回滚`,
  unfinished: (proposal, environment, how) =>
    `${proposal} 到 ${environment} 的部署没有在 main 步骤中完成（${how.zh}）：在这里收尾`,
  wasCancelled: '已取消',
  wasKilled: '被终止或崩溃',
  rollingBackGroup: '回滚被中断的部署',
  finishedByPost: 'main 步骤被取消后，由 post 步骤收尾',
  finishedByPostStopped: 'main 步骤停止后，由 post 步骤收尾',
  finishedByPostNothing: 'main 步骤被取消后，由 post 步骤收尾；未执行回滚',
  finishedByPostStoppedNothing: 'main 步骤停止后，由 post 步骤收尾；未执行回滚',
  stoppedWhile: id => `于步骤 ${id} 运行期间`,
  stoppedAfter: id => `于步骤 ${id} 之后`,
  crashSummary: (where, error) =>
    `# 部署${where.zh}停止\n\n${error}\n\n本 action 的 post 步骤会回滚已开始的操作。\n`,
  stoppedError: (where, error) => `${where.zh}停止：${error}`,

  summaryFailed: error => `无法写入作业摘要（${error}）；报告见上面的日志`,
  commentPosted: number => `报告已发表在拉取请求 #${number} 上`,
  commentUpdated: number => `拉取请求 #${number} 上的报告已更新`,
  noComment: reason => `不发表 PR 评论：${reason.zh}`,
  refused: (count, conditions) => `部署被拒绝：${count} 项条件未满足：\n${conditions.zh}`,
  condition: (title, detail) => `- ${title.zh}：${detail.zh}`,
  cancelledBeforeSteps: '部署在任何步骤运行前被取消：无需回滚',
  cancelledNothingUndone: '部署被取消；未执行回滚',
  cancelledPostRollsBack: '部署被取消：post 步骤会回滚它',
  ended: status => `部署结果：${status.zh}`,
  endedWith: (status, error) => `部署结果：${status.zh}：${error.zh}`,

  committed: (branch, url) => `记录已提交到 ${branch}：${url}`,
  pullRequestOpened: (number, url) => `记录已作为拉取请求 #${number} 提出：${url}`,
  noApiAccess: '记录没有提交：无法访问 GitHub API（github-token 或 GITHUB_REPOSITORY 为空）',
  nothingToCommit: '没有需要提交的内容',
  commitByHand: '需要手动提交的记录',
  changedFile: file => `已修改：${file}`,

  cli: {
    needsConfirm: environment =>
      `deploy-executor：正式部署需要 --confirm ${environment}：再输入一次环境名以授权，或使用 --dry-run`,
    confirmMismatch: (confirm, environment) =>
      `deploy-executor：--confirm「${confirm}」与 --environment「${environment}」不一致：未执行任何命令`,
    filesChanged: '项目中修改的文件（命令行程序不提交任何东西：请把它们和提案一起提交）：',
    removed: file => `${file}（已删除）`
  }
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
