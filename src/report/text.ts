/** The fixed words of the report in each OpenLogos locale. */
import type { Locale } from '../openlogos/project-config.js'
import type { DeploymentStatus, StepStatus } from './model.js'

const en = {
  title: (slug: string, environment: string) => `Deployment report: ${slug} → ${environment}`,
  dryRunTitle: (slug: string, environment: string) =>
    `Deployment dry run: ${slug} → ${environment}`,
  refusedTitle: (slug: string, environment: string) =>
    `Deployment refused: ${slug} → ${environment}`,
  dryRunNote: 'Dry run: no command of the plan was run, and no marker or report file was written.',
  refusedNote: (count: number) =>
    `The deployment did not start: ${count} condition(s) are unmet. Nothing was run and nothing was written.`,
  summary: 'Summary',
  status: {
    success: '✅ success',
    failure: '❌ failure',
    'rolled-back': '↩️ rolled back',
    cancelled: '⏹️ cancelled',
    refused: '⛔ refused',
    'dry-run': '🧪 dry run: ready to deploy'
  } satisfies Record<DeploymentStatus, string>,
  stepStatus: {
    succeeded: '✅ succeeded',
    failed: '❌ failed',
    'timed-out': '⏱️ timed out',
    cancelled: '⏹️ cancelled',
    skipped: '⏭️ skipped'
  } satisfies Record<StepStatus, string>,
  field: {
    result: 'Result',
    proposal: 'Proposal',
    environment: 'Environment',
    targets: 'Targets',
    version: 'Version',
    sha: 'Commit',
    mode: 'Mode',
    plan: 'Plan',
    started: 'Started',
    duration: 'Duration',
    deploymentId: 'Deployment',
    url: 'URL',
    authorization: 'Authorization',
    run: 'Run',
    previousVersion: 'Rollback point'
  },
  unmet: 'Unmet conditions',
  fix: 'Fix',
  checks: 'Pre-flight checks',
  check: 'Check',
  detail: 'Detail',
  stepsToRun: 'Steps that would run',
  canaryPhase: 'Canary',
  deployPhase: 'Deployment',
  purpose: 'Purpose',
  target: 'Target',
  anyTarget: 'every target',
  workingDirectory: 'Working directory',
  timeout: 'Timeout',
  rollbackPoint: 'Rollback point',
  stepRollback: (command: string) => `its own rollback: ${command}`,
  noStepRollback: "none of its own (the plan's rollback steps apply)",
  leftOut: 'Left out',
  why: 'Why',
  healthChecks: 'Health checks',
  noHealthChecks: 'No health checks: a failure after the steps would go unnoticed.',
  probe: 'Probe',
  expect: 'Healthy when',
  attempts: 'Probes',
  watch: 'Watch',
  worstCase: 'Worst case to detect a failure',
  anyStatus2xx: 'any 2xx',
  exitZero: 'exit code 0',
  totalDetection: (duration: string) => `Worst case before a failure is detected: ${duration}.`,
  rollbackProcedure: 'Rollback procedure',
  rollbackPointSection: 'Rollback point',
  previousVersionIs: (version: string) =>
    `The last successful deployment before this one: ${version}.`,
  rollbackIntro:
    'On a failed step, a timeout, a failed health check or a cancellation, with rollback-on-failure on:',
  rollbackStepsFirst:
    "first the rollback of each step that ran, newest first (the failed step's own too):",
  rollbackPlanThen: "then the plan's rollback steps:",
  noRollback: 'The plan declares no rollback: a failure would not be undone.',
  steps: 'Steps',
  number: '#',
  step: 'Step',
  exitCode: 'Exit code',
  failedOutput: (name: string, lines: number) => `Output of ${name} (last ${lines} lines)`,
  health: 'Health',
  healthy: '✅ healthy',
  unhealthy: '❌ unhealthy',
  probes: 'Probes',
  failures: 'Failures',
  lastResult: 'Last result',
  rollback: 'Rollback',
  rollbackCause: (cause: string, duration: string) =>
    `Started by the failure of ${cause}; took ${duration} from the failure to the end of the rollback.`,
  rollbackComplete: 'Every rollback step succeeded.',
  rollbackIncomplete:
    'Rollback is incomplete: the environment may be in a mixed state. Check it by hand.',
  noPreviousVersion: 'none (first deployment to this environment)',
  warnings: 'Warnings and manual follow-ups',
  nextStep: 'Next step',
  smokeNext: (environment: string) =>
    `Run \`openlogos smoke --env ${environment}\`: the smoke test is the next human confirmation point (never run automatically).`,
  noSmoke: 'No smoke test is required for this proposal.',
  risks: 'Unresolved risks',
  changes: 'Changes in this release',
  changesCount: (shown: number, total: number) =>
    shown < total
      ? `${shown} of ${total} commits since the previous deployment:`
      : `${total} commit(s) since the previous deployment:`,
  compare: 'compare',
  none: 'none',
  error: 'Error'
}

export type ReportText = typeof en

const zh: ReportText = {
  title: (slug, environment) => `部署报告：${slug} → ${environment}`,
  dryRunTitle: (slug, environment) => `部署预演：${slug} → ${environment}`,
  refusedTitle: (slug, environment) => `部署被拒绝：${slug} → ${environment}`,
  dryRunNote: '预演：未执行部署方案中的任何命令，未写入任何标记或报告文件。',
  refusedNote: count => `部署未开始：${count} 项条件未满足。未执行任何命令，未写入任何文件。`,
  summary: '一、部署摘要',
  status: {
    success: '✅ 成功',
    failure: '❌ 失败',
    'rolled-back': '↩️ 已回滚',
    cancelled: '⏹️ 已取消',
    refused: '⛔ 已拒绝',
    'dry-run': '🧪 预演：可以部署'
  },
  stepStatus: {
    succeeded: '✅ 成功',
    failed: '❌ 失败',
    'timed-out': '⏱️ 超时',
    cancelled: '⏹️ 已取消',
    skipped: '⏭️ 跳过'
  },
  field: {
    result: '结果',
    proposal: '提案',
    environment: '目标环境',
    targets: '部署目标',
    version: '版本',
    sha: '提交',
    mode: '模式',
    plan: '部署方案',
    started: '部署时间',
    duration: '耗时',
    deploymentId: '部署记录',
    url: '地址',
    authorization: '授权依据',
    run: '运行',
    previousVersion: '回滚点'
  },
  unmet: '未满足的条件',
  fix: '修复',
  checks: '部署前检查',
  check: '检查项',
  detail: '详情',
  stepsToRun: '将执行的步骤',
  canaryPhase: '金丝雀',
  deployPhase: '部署',
  purpose: '目的',
  target: '目标',
  anyTarget: '所有目标',
  workingDirectory: '工作目录',
  timeout: '超时',
  rollbackPoint: '回滚点',
  stepRollback: command => `本步骤的回滚命令：${command}`,
  noStepRollback: '本步骤无回滚命令（使用方案的回滚步骤）',
  leftOut: '未选中的步骤',
  why: '原因',
  healthChecks: '健康检查',
  noHealthChecks: '没有健康检查：步骤之后的故障将无法发现。',
  probe: '探测',
  expect: '健康条件',
  attempts: '探测次数',
  watch: '观察期',
  worstCase: '发现故障的最长时间',
  anyStatus2xx: '任意 2xx',
  exitZero: '退出码 0',
  totalDetection: duration => `最坏情况下发现故障需要：${duration}。`,
  rollbackProcedure: '回滚预案',
  rollbackPointSection: '五、回滚点',
  previousVersionIs: version => `上一个成功部署的版本：${version}。`,
  rollbackIntro: '当步骤失败、超时、健康检查失败或运行被取消，且开启 rollback-on-failure 时：',
  rollbackStepsFirst: '先按从新到旧的顺序执行已运行步骤的回滚命令（包括失败步骤本身）：',
  rollbackPlanThen: '然后执行方案的回滚步骤：',
  noRollback: '方案未声明回滚：失败将无法撤销。',
  steps: '二、执行命令摘要',
  number: '序号',
  step: '步骤',
  exitCode: '退出码',
  failedOutput: (name, lines) => `${name} 输出的最后 ${lines} 行`,
  health: '三、健康检查',
  healthy: '✅ 健康',
  unhealthy: '❌ 不健康',
  probes: '探测次数',
  failures: '失败次数',
  lastResult: '最后结果',
  rollback: '四、回滚情况',
  rollbackCause: (cause, duration) =>
    `由 ${cause} 的失败触发；从失败到回滚结束共耗时 ${duration}。`,
  rollbackComplete: '所有回滚步骤均成功。',
  rollbackIncomplete: '回滚未完成：环境可能处于混合状态，请人工检查。',
  noPreviousVersion: '无（该环境的首次部署）',
  warnings: '六、未解决风险与人工跟进',
  nextStep: '下一步',
  smokeNext: environment =>
    `运行 \`openlogos smoke --env ${environment}\`：冒烟测试是下一个人工确认点（不会自动执行）。`,
  noSmoke: '该提案不需要冒烟测试。',
  risks: '未解决风险',
  changes: '本次发布的变更',
  changesCount: (shown, total) =>
    shown < total
      ? `自上次部署以来的 ${total} 个提交（显示 ${shown} 个）：`
      : `自上次部署以来的 ${total} 个提交：`,
  compare: '对比',
  none: '无',
  error: '错误'
}

export function reportText(locale: Locale): ReportText {
  return locale === 'zh' ? zh : en
}
