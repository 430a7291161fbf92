/**
 * What the GitHub stage says: the approval gate's decisions and the authorization they rest on,
 * the deployment record (rollback point, waits, versions passed over), the PR comment and the
 * record commit, and what an API error means.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  authorizingGroup: (environment: string) => `Authorizing the deployment to ${environment}`,
  authorized: (authorization: Message) => `Authorized: ${authorization.en}`,
  authorizedTitle: 'the deployment is authorized',
  recordingPointGroup: (environment: string) => `Recording the rollback point of ${environment}`,
  urlWithSecret:
    'the deployment URL holds a secret, so it is not sent to GitHub as the environment URL: report a URL without credentials or tokens',

  pullRequestTarget:
    'the run was triggered by pull_request_target, which runs with secrets and a write token on code a pull request proposes',
  pullRequestTargetFix:
    'deploy from push, workflow_dispatch or a release event instead; pull_request_target is refused for real deployments',
  untrustedEvent: (event: string) =>
    `the run was triggered by ${event}, whose checked-out code may come from elsewhere than the branch being deployed`,
  untrustedEventFix: 'deploy from push, workflow_dispatch or a release event instead',
  noRepository: 'GITHUB_REPOSITORY is empty: the run cannot tell whose code it deploys',
  noRepositoryFix:
    'run the action on a GitHub runner, where GITHUB_REPOSITORY names the repository',
  noPullRequest: (event: string) =>
    `the ${event} event carries no pull request: the run cannot tell whether its code comes from a fork`,
  noPullRequestFix:
    "deploy from push or workflow_dispatch, or check that the event file is the runner's",
  fromFork: (head: Message) =>
    `the pull request comes from a fork (${head.en}): its code must not be deployed with this repository's credentials`,
  unknownFork: 'an unknown or deleted repository',
  fromForkFix:
    'merge the change, or push it to a branch of this repository, then deploy from there',
  unknownActor: 'an unknown actor',
  noApprovalNeeded: (actor: Message) =>
    `no human approval: require-approval is false; run started by ${actor.en}`,
  noToken: (environment: string) =>
    `github-token is empty, so nothing can prove that '${environment}' was approved`,
  noTokenFix:
    'leave github-token at its default (${{ github.token }}) with permissions actions: read and deployments: write',
  notProven: (environment: string, error: Message) =>
    `could not prove that '${environment}' was approved for this run (${error.en})`,
  noEnvironment: (environment: string, repository: Message) =>
    `environment '${environment}' does not exist in ${repository.en}: the job is not gated by it`,
  thisRepository: 'this repository',
  noEnvironmentFix: (environment: string) =>
    `add 'environment: ${environment}' to the deploying job and give the environment required reviewers (Settings > Environments > ${environment})`,
  noReviewers: (environment: string) =>
    `environment '${environment}' has no required reviewers, so nothing proves a person approved this deployment`,
  noReviewersFix: (environment: string) =>
    `add reviewers under Settings > Environments > ${environment} > Required reviewers, or set require-approval: false to deploy without one`,
  noRunId: 'GITHUB_RUN_ID is not set, so the approvals of this run cannot be read',
  inActionsFix: 'run the action in a GitHub Actions job',
  rejected: (user: string, environment: string) =>
    `@${user} rejected the deployment to '${environment}'`,
  notApproved: (environment: string) =>
    `no reviewer approved this run for '${environment}': the job does not declare 'environment: ${environment}', or an administrator bypassed the review`,
  notApprovedFix: (environment: string) =>
    `declare 'environment: ${environment}' on the deploying job so that a required reviewer approves the run before it starts`,
  noActor:
    'GITHUB_ACTOR is empty, so require-distinct-approver cannot tell the approver from the person who started the run',
  noActorFix: 'run the action in a GitHub Actions job, where GITHUB_ACTOR is set',
  selfApproved: (approvers: Message, actor: Message) =>
    `the only approver (${approvers.en}) is ${actor.en}, who started the run; require-distinct-approver is on`,
  selfApprovedFix: (environment: string) =>
    `ask another reviewer of '${environment}' to approve, or enable "Prevent self-review" on the environment`,
  approverSaying: (user: string, comment: string) => `@${user} ("${comment}")`,
  team: (name: string) => `team ${name}`,
  reviewers: (reviewers: Message) => `required reviewers ${reviewers.en}`,
  selfReviewPrevented: (rule: Message) => `${rule.en} (self-review prevented)`,
  customRule: (apps: Message) => `custom protection rule ${apps.en}`,
  waitTimer: (minutes: number) => `wait timer ${minutes}m`,
  branchPolicy: 'branch policy',
  approvedBy: (who: Message, environment: string, rules: Message, actor: Message) =>
    `approved by ${who.en} for ${environment}; rules: ${rules.en}; run started by ${actor.en}`,
  confirmedLocally: (user: string, environment: string) =>
    `confirmed locally by ${user} with --confirm ${environment}; no GitHub approval gate`,
  needsConfirm: (environment: string) =>
    `a local deployment to '${environment}' needs --confirm ${environment}`,
  needsConfirmFix: (environment: string) =>
    `run again with --confirm ${environment} to authorize it, or use --dry-run`,

  tokenRefused: (status: number, permission: string) =>
    `the token was refused (HTTP ${status}): add '${permission}' under permissions: in the job`,
  httpError: (status: number, message: Message) => `GitHub answered HTTP ${status}: ${message.en}`,
  unreachable: (message: Message) => `could not reach the GitHub API: ${message.en}`,
  notSent: 'the request was not sent: the run was cancelled',
  stopped: 'the request stopped: the run was cancelled',
  noAnswer: (seconds: number, attempts: number) =>
    `no answer from GitHub within ${seconds}s, ${attempts} times`,
  notAList: 'GitHub answered the list of deployments with something else than a list',

  deploymentsUnread: (environment: string, error: Message) =>
    `could not read the GitHub deployments of '${environment}' (${error.en}), so the version to put back is unknown`,
  deploymentUnmade: (environment: string, error: Message) =>
    `could not read or create the GitHub deployment of '${environment}' (${error.en}), so the rollback point is unknown`,
  markFailed: (id: number, status: string, why: Message) =>
    `could not mark GitHub deployment ${id} as ${status}: ${why.en}`,
  inactiveFailed: (id: number, why: Message) =>
    `could not mark GitHub deployment ${id} inactive after the rollback: ${why.en}; a later rollback may choose its version again`,
  rollbackCreated: (id: number, target: string, current: string) =>
    `GitHub deployment ${id} created for ${target}, replacing ${current}, and marked in progress`,
  lastDeployments: (count: number) => `the last ${count} GitHub deployments`,
  versionInReportFile: (version: string) => `version ${version} found in the report file`,
  notClosed: (id: number, error: Message) =>
    `could not close GitHub deployment ${id} (${error.en}): it may hold the next run of this environment waiting; mark it inactive or delete it`,
  jobDeployment: (id: number) =>
    `GitHub deployment ${id} was created for this job by its environment`,
  created: (id: number) => `GitHub deployment ${id} created and marked in progress`,
  stillDeploying: (environment: string, id: number, state: string, waited: string) =>
    `another run is still deploying '${environment}' (GitHub deployment ${id}, ${state}) after waiting ${waited}`,
  stillDeployingFix: (environment: string) =>
    `let it finish and run again; add 'concurrency: { group: deploy-${environment}, cancel-in-progress: false }' to the workflow so runs queue`,
  replacedByRollback: (id: number, version: string) =>
    `GitHub deployment ${id} (${version}) was replaced by a rollback on demand, so it is not a version to go back to`,
  notOurs: (id: number) =>
    `GitHub deployment ${id} succeeded without a deployment recorded by deploy-executor (a dry run in a job with 'environment:', or another tool), so it is not a rollback point`,
  waiting: (environment: string, id: number, at: string) =>
    `Another run is deploying '${environment}' (GitHub deployment ${id}); waiting for it, at most ${at}`,
  stillWaiting: (state: string) => `still ${state}; waiting`,
  waited: (id: number, state: string) =>
    `waited for GitHub deployment ${id} of another run to finish (${state})`,
  notLookedFurther: (lookups: number, total: number, environment: string) =>
    `no deployment recorded by deploy-executor among the newest ${lookups} of ${total} GitHub deployments of '${environment}'; older ones were not looked into, so the rollback point comes from the report file, if it has one`,
  commitsUnlisted: (sha: string, why: Message) =>
    `could not list the commits since ${sha}: ${why.en}`,

  fromForkNoComment: (head: string) =>
    `no PR comment: the pull request comes from the fork ${head}, whose runs get a read-only token; read the report in the job summary`,
  noPullRequestForCommit:
    'no pull request is associated with this commit; set pr-number to comment on one',
  thePullRequest: 'the pull request',
  pullRequest: (number: number) => `pull request #${number}`,
  commentFailed: (where: Message, why: Message) => `could not comment on ${where.en}: ${why.en}`,

  persistOff: 'persist is off',
  noFileChanged: 'the run changed no file',
  notABranch: (ref: Message) =>
    `the record was not committed: the run's ref (${ref.en}) is not a branch; run the deployment from the proposal's branch, or commit the files by hand`,
  noRef: 'none',
  branchGone: (branch: string) => `the record was not committed: branch ${branch} no longer exists`,
  notCommitted: (why: Message, branch: string) =>
    `the record was not committed (${why.en}): give the job contents: write (and pull-requests: write for persist: pull-request), allow it to push to ${branch} past branch protection, or commit the files listed below by hand`
}

const zh: typeof en = {
  authorizingGroup: environment => `授权部署到 ${environment}`,
  authorized: authorization => `已授权：${authorization.zh}`,
  authorizedTitle: '部署已获授权',
  recordingPointGroup: environment => `记录 ${environment} 的回滚点`,
  urlWithSecret: '部署地址中含有密钥，因此不会作为环境地址发给 GitHub：请报告不含凭据或令牌的地址',

  pullRequestTarget:
    '本次运行由 pull_request_target 触发，它会带着密钥和写权限令牌运行拉取请求提议的代码',
  pullRequestTargetFix:
    '改为从 push、workflow_dispatch 或 release 事件部署；正式部署拒绝 pull_request_target',
  untrustedEvent: event => `本次运行由 ${event} 触发，签出的代码可能并非来自要部署的分支`,
  untrustedEventFix: '改为从 push、workflow_dispatch 或 release 事件部署',
  noRepository: 'GITHUB_REPOSITORY 为空：无法判断部署的是谁的代码',
  noRepositoryFix: '在 GitHub 的 runner 上运行本 action，那里的 GITHUB_REPOSITORY 指明了仓库',
  noPullRequest: event => `${event} 事件不含拉取请求：无法判断代码是否来自 fork`,
  noPullRequestFix: '从 push 或 workflow_dispatch 部署，或确认事件文件来自 runner',
  fromFork: head => `该拉取请求来自 fork（${head.zh}）：不得用本仓库的凭据部署它的代码`,
  unknownFork: '未知或已删除的仓库',
  fromForkFix: '合并该变更，或把它推送到本仓库的分支，再从那里部署',
  unknownActor: '未知的用户',
  noApprovalNeeded: actor => `没有人工审批：require-approval 为 false；运行由 ${actor.zh} 发起`,
  noToken: environment => `github-token 为空，因此无法证明「${environment}」已获审批`,
  noTokenFix:
    '让 github-token 保持默认值（${{ github.token }}），并授予 actions: read 和 deployments: write 权限',
  notProven: (environment, error) => `无法证明本次运行已获「${environment}」的审批（${error.zh}）`,
  noEnvironment: (environment, repository) =>
    `${repository.zh} 中不存在环境「${environment}」：该 job 并不受它保护`,
  thisRepository: '本仓库',
  noEnvironmentFix: environment =>
    `在执行部署的 job 上添加「environment: ${environment}」，并为该环境设置必需的审核者（Settings > Environments > ${environment}）`,
  noReviewers: environment =>
    `环境「${environment}」没有必需的审核者，因此无法证明有人批准了本次部署`,
  noReviewersFix: environment =>
    `在 Settings > Environments > ${environment} > Required reviewers 下添加审核者，或设置 require-approval: false 以在无人审批的情况下部署`,
  noRunId: '未设置 GITHUB_RUN_ID，因此无法读取本次运行的审批',
  inActionsFix: '在 GitHub Actions 的 job 中运行本 action',
  rejected: (user, environment) => `@${user} 拒绝了部署到「${environment}」`,
  notApproved: environment =>
    `没有审核者批准本次运行部署到「${environment}」：该 job 没有声明「environment: ${environment}」，或管理员绕过了审核`,
  notApprovedFix: environment =>
    `在执行部署的 job 上声明「environment: ${environment}」，让必需的审核者在运行开始前批准`,
  noActor: 'GITHUB_ACTOR 为空，因此 require-distinct-approver 无法区分审批人和发起运行的人',
  noActorFix: '在设置了 GITHUB_ACTOR 的 GitHub Actions job 中运行本 action',
  selfApproved: (approvers, actor) =>
    `唯一的审批人（${approvers.zh}）就是发起运行的 ${actor.zh}；require-distinct-approver 已开启`,
  selfApprovedFix: environment =>
    `请「${environment}」的另一位审核者批准，或在该环境上开启「Prevent self-review」`,
  approverSaying: (user, comment) => `@${user}（「${comment}」）`,
  team: name => `团队 ${name}`,
  reviewers: reviewers => `必需的审核者 ${reviewers.zh}`,
  selfReviewPrevented: rule => `${rule.zh}（禁止自审）`,
  customRule: apps => `自定义保护规则 ${apps.zh}`,
  waitTimer: minutes => `等待计时器 ${minutes} 分钟`,
  branchPolicy: '分支策略',
  approvedBy: (who, environment, rules, actor) =>
    `由 ${who.zh} 批准部署到 ${environment}；规则：${rules.zh}；运行由 ${actor.zh} 发起`,
  confirmedLocally: (user, environment) =>
    `由 ${user} 在本地用 --confirm ${environment} 确认；没有 GitHub 审批关卡`,
  needsConfirm: environment => `在本地部署到「${environment}」需要 --confirm ${environment}`,
  needsConfirmFix: environment => `加上 --confirm ${environment} 重新运行以授权，或使用 --dry-run`,

  tokenRefused: (status, permission) =>
    `令牌被拒绝（HTTP ${status}）：在 job 的 permissions: 下添加「${permission}」`,
  httpError: (status, message) => `GitHub 返回 HTTP ${status}：${message.zh}`,
  unreachable: message => `无法连接 GitHub API：${message.zh}`,
  notSent: '请求没有发出：运行已被取消',
  stopped: '请求已中止：运行已被取消',
  noAnswer: (seconds, attempts) => `GitHub 在 ${seconds}s 内没有回答，共 ${attempts} 次`,
  notAList: 'GitHub 对部署记录列表的回答不是列表',

  deploymentsUnread: (environment, error) =>
    `无法读取「${environment}」的 GitHub 部署记录（${error.zh}），因此不知道要恢复哪个版本`,
  deploymentUnmade: (environment, error) =>
    `无法读取或创建「${environment}」的 GitHub 部署记录（${error.zh}），因此回滚点未知`,
  markFailed: (id, status, why) => `无法把 GitHub 部署记录 ${id} 标记为 ${status}：${why.zh}`,
  inactiveFailed: (id, why) =>
    `回滚后无法把 GitHub 部署记录 ${id} 标记为 inactive：${why.zh}；之后的回滚可能再次选中它的版本`,
  rollbackCreated: (id, target, current) =>
    `已为 ${target} 创建 GitHub 部署记录 ${id}，替换 ${current}，并标记为进行中`,
  lastDeployments: count => `最近 ${count} 条 GitHub 部署记录`,
  versionInReportFile: version => `在报告文件中找到版本 ${version}`,
  notClosed: (id, error) =>
    `无法关闭 GitHub 部署记录 ${id}（${error.zh}）：它可能让该环境的下一次运行一直等待；请把它标记为 inactive 或删除`,
  jobDeployment: id => `GitHub 部署记录 ${id} 是该 job 的环境为它创建的`,
  created: id => `已创建 GitHub 部署记录 ${id} 并标记为进行中`,
  stillDeploying: (environment, id, state, waited) =>
    `等待 ${waited} 后，另一次运行仍在部署「${environment}」（GitHub 部署记录 ${id}，${state}）`,
  stillDeployingFix: environment =>
    `等它结束后再运行；在工作流中添加「concurrency: { group: deploy-${environment}, cancel-in-progress: false }」让运行排队`,
  replacedByRollback: (id, version) =>
    `GitHub 部署记录 ${id}（${version}）已被按需回滚替换，因此不是可以回到的版本`,
  notOurs: id =>
    `GitHub 部署记录 ${id} 成功了，但不是 deploy-executor 记录的部署（是带「environment:」的 job 中的预演，或其他工具），因此不是回滚点`,
  waiting: (environment, id, at) =>
    `另一次运行正在部署「${environment}」（GitHub 部署记录 ${id}）；等待它结束，最多 ${at}`,
  stillWaiting: state => `仍为 ${state}；继续等待`,
  waited: (id, state) => `已等待另一次运行的 GitHub 部署记录 ${id} 结束（${state}）`,
  notLookedFurther: (lookups, total, environment) =>
    `「${environment}」的 ${total} 条 GitHub 部署记录中，最新的 ${lookups} 条里没有 deploy-executor 记录的部署；更早的没有查看，因此回滚点（如果有）来自报告文件`,
  commitsUnlisted: (sha, why) => `无法列出 ${sha} 之后的提交：${why.zh}`,

  fromForkNoComment: head =>
    `不发表 PR 评论：该拉取请求来自 fork ${head}，它的运行只有只读令牌；请在作业摘要中查看报告`,
  noPullRequestForCommit: '没有与该提交关联的拉取请求；设置 pr-number 以在某个拉取请求上评论',
  thePullRequest: '该拉取请求',
  pullRequest: number => `拉取请求 #${number} `,
  commentFailed: (where, why) => `向${where.zh}发表评论失败：${why.zh}`,

  persistOff: 'persist 已关闭',
  noFileChanged: '本次运行没有修改任何文件',
  notABranch: ref =>
    `记录没有提交：本次运行的 ref（${ref.zh}）不是分支；请从提案的分支运行部署，或手动提交这些文件`,
  noRef: '无',
  branchGone: branch => `记录没有提交：分支 ${branch} 已不存在`,
  notCommitted: (why, branch) =>
    `记录没有提交（${why.zh}）：请给该 job 授予 contents: write（persist: pull-request 还需要 pull-requests: write），允许它越过分支保护推送到 ${branch}，或手动提交下面列出的文件`
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
