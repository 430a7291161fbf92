/**
 * The report's frame, in both OpenLogos locales: headings, labels, statuses and the sentences that
 * hold the report's values. The same mechanism as every catalogue (core/message.ts): zh must have
 * every key en has, a type error otherwise, and a test. What the stages said (checks, notes,
 * warnings) arrives as Messages, shown here in the report's language by `said`. Chinese uses
 * full-width punctuation and OpenLogos' own vocabulary (部署报告, 执行命令摘要, 回滚点, 未解决风险).
 */
import type { Locale, Message } from '../core/message.js'
import { strong, type Inline, type Line } from './document.js'
import type { DeploymentStatus, StepStatus, TargetOutcome } from './model.js'

interface Subject {
  proposal: string
  version: string
  environment: string
  duration: string
}

/** A rollback on demand: `version` is put back, `from` is replaced. */
export interface RollbackSubject {
  version: string
  from: string
  environment: string
  duration: string
}

/** A step's result as a mark alone, for the cells of a targets × steps matrix: the same in every language. */
const STEP_MARKS = {
  succeeded: '✅',
  failed: '❌',
  'timed-out': '⏱️',
  cancelled: '⏹️',
  skipped: '⏭️'
} as const satisfies Record<StepStatus, string>

const en = {
  headline: {
    success: (s: Subject) =>
      `✅ Deployed ${s.proposal} ${s.version} to ${s.environment} in ${s.duration}`,
    failure: (s: Subject) =>
      `❌ Deployment failed: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
    'rolled-back': (s: Subject) =>
      `↩️ Rolled back: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
    cancelled: (s: Subject) =>
      `⏹️ Cancelled: ${s.proposal} ${s.version} on ${s.environment} after ${s.duration}`,
    refused: (s: Subject) => `⛔ Deployment refused: ${s.proposal} → ${s.environment}`,
    'dry-run': (s: Subject) => `🔍 Dry run: ${s.proposal} ${s.version} → ${s.environment}`
  } satisfies Record<DeploymentStatus, (s: Subject) => string>,
  refusedLead: (count: number) =>
    `The deployment did not start: ${count === 1 ? 'one condition is' : `${count} conditions are`} unmet. Nothing was run and nothing was written.`,
  dryRunLead: 'Dry run: no command of the plan was run, and no marker or report file was written.',
  dryRunWouldRefuse: 'A real run would be refused:',
  stepFailed: 'failed',
  stepTimedOut: 'timed out',
  stepCancelled: 'was cancelled',
  failedStepLead: (step: Inline, how: string, exit: string, duration: string): Line => [
    'Step ',
    step,
    ` ${how}${exit} after ${duration}.`
  ],
  exitCodeSuffix: (code: number) => ` (exit code ${code})`,
  failedCheckLead: (check: string, result: Inline): Line => [
    `Health check "${check}" failed: `,
    result
  ],
  cancelledLead: 'The run was cancelled.',
  rolledBackLead: (environment: string, version: string | undefined) =>
    version
      ? `Rolled back: every rollback step succeeded; ${environment} should run ${version} again.`
      : 'Rolled back: every rollback step succeeded.',
  rollbackIncompleteLead:
    'The rollback is incomplete: the environment may be in a mixed state. Check it by hand.',
  notRolledBackLead: 'Nothing was rolled back.',
  errorLead: 'Error:',
  sections: {
    unmet: 'Unmet conditions',
    timeline: 'Timeline',
    summary: 'Summary',
    changes: 'Changes in this release',
    steps: 'Steps',
    health: 'Health checks',
    rollback: 'Rollback',
    rollbackPoint: 'Rollback point',
    preview: 'Steps that would run',
    checks: 'Pre-flight checks',
    warnings: 'Warnings and manual follow-ups',
    nextStep: 'Next step',
    targets: 'Targets'
  },
  column: {
    item: 'Item',
    value: 'Value',
    number: '#',
    step: 'Step',
    target: 'Target',
    result: 'Result',
    duration: 'Duration',
    exitCode: 'Exit code',
    check: 'Check',
    detail: 'Detail',
    probes: 'Probes',
    failures: 'Failures',
    lastResult: 'Last result',
    probe: 'Probe',
    expect: 'Healthy when',
    schedule: 'Probing',
    worstCase: 'Failure seen within',
    why: 'Why'
  },
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
    dryRunAt: 'Previewed',
    checkedAt: 'Checked',
    duration: 'Duration',
    deploymentId: 'GitHub deployment',
    url: 'URL',
    authorization: 'Authorization',
    run: 'Workflow run',
    previousVersion: 'Rollback point'
  },
  status: {
    success: '✅ success',
    failure: '❌ failure',
    'rolled-back': '↩️ rolled back',
    cancelled: '⏹️ cancelled',
    refused: '⛔ refused',
    'dry-run': '🔍 dry run'
  } satisfies Record<DeploymentStatus, string>,
  stepStatus: {
    succeeded: '✅ succeeded',
    failed: '❌ failed',
    'timed-out': '⏱️ timed out',
    cancelled: '⏹️ cancelled',
    skipped: '⏭️ not run'
  } satisfies Record<StepStatus, string>,
  checkStatus: { passed: '✅', failed: '❌', warning: '⚠️' },
  healthy: '✅ healthy',
  unhealthy: '❌ unhealthy',
  mode: { deploy: 'deploy', canary: 'canary, then promotion', rollback: 'rollback on demand' },
  phase: { canary: 'Canary', deploy: 'Deployment', rollback: 'Rollback' },
  undo: (name: string) => `Undo: ${name}`,
  anyTarget: 'every target',
  eachTarget: 'each target, in its pipeline',
  fix: 'Fix',
  purpose: 'Purpose',
  target: 'Target',
  workingDirectory: 'Working directory',
  timeout: 'Timeout',
  ownRollback: 'Undone by',
  noOwnRollback: "nothing of its own (the plan's rollback steps apply)",
  leftOut: 'Left out',
  noHealthChecks: 'No health checks: a failure after the steps would go unnoticed.',
  anyStatus2xx: 'any 2xx status',
  httpStatus: (statuses: string) => `status ${statuses}`,
  bodyContains: (text: string) => `body contains "${text}"`,
  exitZero: 'exit code 0',
  probing: (retries: number, timeout: string, interval: string) =>
    `up to ${retries} ${retries === 1 ? 'probe' : 'probes'}, ${timeout} timeout, every ${interval}`,
  watching: (watch: string, limit: number) =>
    `then watched for ${watch}, at most ${limit} ${limit === 1 ? 'failure' : 'failures'}`,
  totalDetection: (duration: string) =>
    `At worst, a failure is seen within ${duration} of the last step.`,
  previousVersionIs: 'The last successful deployment before this one',
  noPreviousVersion: 'none (first deployment to this environment)',
  rollbackIntro:
    'On a failed step, a timeout, a failed health check or a cancellation, with rollback-on-failure on:',
  rollbackOwnFirst: "first each step's own rollback, newest first (the failed step's own too):",
  rollbackPlanThen: "then the plan's rollback steps:",
  rollbackRanOwnFirst: 'first the rollback of each step that ran, newest first:',
  noRollback: 'The plan declares no rollback: a failure would not be undone.',
  rollbackCause: (cause: Inline, duration: string): Line => [
    'Started by the failure of ',
    cause,
    `; it took ${duration} from the failure to the end of the rollback.`
  ],
  rollbackComplete: 'Every rollback step succeeded.',
  rollbackIncomplete:
    'The rollback is incomplete: the environment may be in a mixed state. Check it by hand.',
  failedOutput: (name: string, lines: number) => `Output of ${name}, last ${lines} lines`,
  checksPassed: (count: number) =>
    count === 1 ? 'The one check passed' : `All ${count} checks passed`,
  checksSome: (failed: number, warnings: number) => `${failed} failed, ${warnings} with warnings`,
  changesCount: (shown: number, total: number) =>
    shown < total
      ? `${shown} of ${total} commits since the previous deployment`
      : `${total} ${total === 1 ? 'commit' : 'commits'} since the previous deployment`,
  compare: 'compare',
  smokeNext: (environment: string) =>
    `Run \`openlogos smoke --env ${environment}\`: the smoke test is the next human confirmation point (never run automatically).`,
  noSmoke:
    'No smoke test is required for this proposal: the next OpenLogos step is `openlogos archive`.',
  rollbackHeadline: {
    'rolled-back': (s: RollbackSubject) =>
      `↩️ Rolled back ${s.environment} from ${s.from} to ${s.version} in ${s.duration}`,
    failure: (s: RollbackSubject) =>
      `❌ Rollback failed: ${s.environment} from ${s.from} to ${s.version} after ${s.duration}`,
    'dry-run': (s: RollbackSubject) =>
      `🔍 Dry run of a rollback: ${s.environment} from ${s.from} to ${s.version}`
  },
  rollbackDoneLead: (s: RollbackSubject) =>
    `Rolled back on demand: ${s.environment} runs ${s.version} again, in place of ${s.from}. No OpenLogos marker was changed.`,
  rollbackFailedLead:
    'The rollback on demand did not finish: the environment may run neither version. Check it by hand.',
  rollbackNext: (proposal: string) =>
    proposal
      ? `The markers of ${proposal} still record its deployment (DEPLOY_DONE): fix the change, then deploy again with \`redeploy: true\`.`
      : 'Fix the change, then deploy again with `redeploy: true`.',
  replacedVersion: 'Replaced version',
  canary: {
    /** The traffic column of steps and checks run at canary increments. */
    traffic: 'Traffic',
    lane: (weight: number) => `Canary ${weight}%`,
    promotionLane: 'Promotion 100%',
    previewPhase: (weight: number) => `Canary at ${weight}%`,
    promotion: 'Promotion at 100%',
    increments: (weights: string) =>
      `The canary steps and their analysis run once per increment (${weights}), each with DEPLOY_CANARY_WEIGHT; a failed analysis at any increment rolls back and the promotion never runs.`
  },
  metric: {
    baselineTitle: 'the metric baselines are measured',
    baselineLane: 'Baseline',
    /** Title of the baselines' table and of the health section's metric blocks. */
    baselines: 'Metric baselines',
    samples: 'Samples',
    median: 'Median',
    value: 'Value',
    bound: 'Bounds',
    notMeasured: 'not measured',
    unmeasurable: (check: string, n: number, of: number, what: string) =>
      `The baseline of "${check}" could not be measured before the first step: sample ${n} of ${of} ${what}.`,
    unmeasurableFix: (command: string) =>
      `Make "${command}" print a plain number on the last line of its output when nothing is deployed yet, or set metric.baseline.required: false to deploy with its absolute bounds (max, min) only.`,
    notANumber: (printed: string) => `printed "${printed}", which is not a number`,
    printedNothing: 'printed nothing',
    failedRun: (exit: string, printed: string | undefined) =>
      printed ? `ended with ${exit}: "${printed}"` : `ended with ${exit}`,
    timedOut: 'timed out',
    exitCode: (code: number | undefined) =>
      code === undefined ? 'no exit code' : `exit code ${code}`,
    verdict: { within: '✅ within', above: '❌ above', below: '❌ below' },
    reading: {
      'not-a-number': '❌ not a number',
      failed: '❌ failed',
      'timed-out': '⏱️ timed out'
    },
    checkLead: (check: string, at: string): Line => [strong(check), at ? ` (${at})` : ''],
    compared: (baseline: string) => `compared with the baseline ${baseline}`,
    baselineMissing:
      'its baseline could not be measured (baseline.required: false): the relative bounds were off, only max and min applied',
    previewNumber: (parts: string) => `a number, ${parts}`,
    previewBaseline: (samples: number, isRequired: boolean) =>
      `baseline: the median of ${samples} ${samples === 1 ? 'sample' : 'samples'} before the first step${isRequired ? '' : ', optional'}`,
    between: (min: string, max: string) => `between ${min} and ${max}`,
    atMost: (max: string) => `at most ${max}`,
    atLeast: (min: string) => `at least ${min}`,
    anyNumber: 'any number',
    rule: (parts: string) => `the plan: ${parts}`,
    boundsNote: (bounds: string, rule: string, compared: string | undefined) =>
      `healthy when ${bounds} (${rule}${compared ? `; ${compared}` : ''})`,
    increase: (change: string) => `max-increase ${change}`,
    decrease: (change: string) => `max-decrease ${change}`,
    chartTitle: (check: string, at: string) => (at ? `${check}, ${at}` : check),
    chartAxis: 'value',
    chartSeries: {
      samples: 'samples',
      max: 'upper bound',
      min: 'lower bound',
      baseline: 'baseline'
    },
    chartKey: (lines: string) => `Lines, in order: ${lines}.`,
    samplesShown: (shown: number, total: number) =>
      shown < total ? `The last ${shown} of ${total} samples` : `All ${total} samples`,
    baselineWarning: (check: string) =>
      `The baseline of "${check}" could not be measured: its relative bounds were off for this run (baseline.required: false).`,
    failedLead: (check: string, place: string, result: Line): Line => [
      `Metric check "${check}"${place ? ` (${place})` : ''} failed: `,
      ...result
    ],
    outOfBounds: (value: string, verdict: 'above' | 'below', bound: string) =>
      `${value} is ${verdict === 'above' ? 'above the upper' : 'below the lower'} bound ${bound}`
  },
  timelineNote: 'Times in UTC.',
  utc: 'UTC',
  /** "Name: " before a value. */
  colon: ': ',
  /** Between the items of an inline list. */
  listSeparator: ', ',
  /** Between two clauses of one sentence. */
  semicolon: '; ',
  /** A warning and what to do about it. */
  withFix: (detail: string, fix: string) => `${detail} (${fix})`,
  /** What a stage said, in this language. */
  said: (message: Message) => message.en,
  comment: {
    earlierAttempts: (count: number) => `Earlier attempts (${count})`,
    run: 'run',
    status: {
      success: 'success',
      failure: 'failure',
      'rolled-back': 'rolled-back',
      cancelled: 'cancelled',
      refused: 'refused',
      'dry-run': 'dry-run'
    } satisfies Record<DeploymentStatus, string>,
    restWithRun: (runUrl: string) =>
      `the job summary of [the run](${runUrl}) and the report file hold the whole report`,
    rest: 'the job summary and the report file hold the whole report'
  },
  fleet: {
    outcome: {
      pending: '… pending',
      running: '▶️ running',
      deployed: '✅ deployed',
      failed: '❌ failed',
      undone: '↩️ undone on its own',
      cancelled: '⏹️ cancelled',
      'not-started': '⏭️ not started'
    } satisfies Record<TargetOutcome['status'], string>,
    mark: STEP_MARKS,
    count: (status: string, count: number) => `${count} ${status}`,
    lead: (total: number, counts: string) => `${total} target(s): ${counts}.`,
    matrix: (total: number) => `Each target's steps and checks (${total})`,
    lanesShown: (shown: number, total: number) =>
      `The timeline shows ${shown} of the ${total} targets, those that failed first.`,
    batches: (size: number, pause: string, tolerated: number) =>
      `Targets run ${size} at once, ${pause} apart; ${tolerated} failed target(s) tolerated.`
  },
  truncated: (rest: string) => `✂️ Truncated: ${rest}`,
  summaryRest: 'the job summary is limited to 1 MiB; the report file holds the whole report'
}

export type ReportText = typeof en

const zh: ReportText = {
  headline: {
    success: s => `✅ 部署成功：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
    failure: s => `❌ 部署失败：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
    'rolled-back': s =>
      `↩️ 已回滚：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
    cancelled: s => `⏹️ 已取消：${s.proposal} ${s.version} → ${s.environment}，耗时 ${s.duration}`,
    refused: s => `⛔ 部署被拒绝：${s.proposal} → ${s.environment}`,
    'dry-run': s => `🔍 部署预演：${s.proposal} ${s.version} → ${s.environment}`
  },
  refusedLead: count => `部署未开始：${count} 项条件未满足。未执行任何命令，未写入任何文件。`,
  dryRunLead: '预演：未执行部署方案中的任何命令，未写入任何标记或报告文件。',
  dryRunWouldRefuse: '正式运行将被拒绝：',
  stepFailed: '失败',
  stepTimedOut: '超时',
  stepCancelled: '被取消',
  failedStepLead: (step, how, exit, duration) => [
    '步骤 ',
    step,
    ` ${how}${exit}，耗时 ${duration}。`
  ],
  exitCodeSuffix: code => `（退出码 ${code}）`,
  failedCheckLead: (check, result) => [`健康检查「${check}」失败：`, result],
  cancelledLead: '运行已被取消。',
  rolledBackLead: (environment, version) =>
    version
      ? `已回滚：所有回滚步骤均成功；${environment} 应已恢复为 ${version}。`
      : '已回滚：所有回滚步骤均成功。',
  rollbackIncompleteLead: '回滚未完成：环境可能处于混合状态，请人工检查。',
  notRolledBackLead: '未执行回滚。',
  errorLead: '错误：',
  sections: {
    unmet: '未满足的条件',
    timeline: '执行时间线',
    summary: '部署摘要',
    changes: '本次发布的变更',
    steps: '执行命令摘要',
    health: '健康检查',
    rollback: '回滚情况',
    rollbackPoint: '回滚点',
    preview: '将执行的步骤',
    checks: '部署前检查',
    warnings: '未解决风险与人工跟进',
    nextStep: '下一步',
    targets: '部署目标'
  },
  column: {
    item: '项目',
    value: '内容',
    number: '序号',
    step: '步骤',
    target: '目标',
    result: '结果',
    duration: '耗时',
    exitCode: '退出码',
    check: '检查项',
    detail: '详情',
    probes: '探测次数',
    failures: '失败次数',
    lastResult: '最后结果',
    probe: '探测',
    expect: '健康条件',
    schedule: '探测方式',
    worstCase: '发现故障的最长时间',
    why: '原因'
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
    dryRunAt: '预演时间',
    checkedAt: '检查时间',
    duration: '耗时',
    deploymentId: 'GitHub 部署记录',
    url: '地址',
    authorization: '授权依据',
    run: '工作流运行',
    previousVersion: '回滚点'
  },
  status: {
    success: '✅ 成功',
    failure: '❌ 失败',
    'rolled-back': '↩️ 已回滚',
    cancelled: '⏹️ 已取消',
    refused: '⛔ 已拒绝',
    'dry-run': '🔍 预演'
  },
  stepStatus: {
    succeeded: '✅ 成功',
    failed: '❌ 失败',
    'timed-out': '⏱️ 超时',
    cancelled: '⏹️ 已取消',
    skipped: '⏭️ 未运行'
  },
  checkStatus: { passed: '✅', failed: '❌', warning: '⚠️' },
  healthy: '✅ 健康',
  unhealthy: '❌ 不健康',
  mode: { deploy: '直接部署', canary: '金丝雀，然后全量发布', rollback: '按需回滚' },
  phase: { canary: '金丝雀', deploy: '部署', rollback: '回滚' },
  undo: name => `撤销：${name}`,
  anyTarget: '所有目标',
  eachTarget: '逐个目标，在其流水线中',
  fix: '修复',
  purpose: '目的',
  target: '目标',
  workingDirectory: '工作目录',
  timeout: '超时',
  ownRollback: '回滚命令',
  noOwnRollback: '无（使用方案的回滚步骤）',
  leftOut: '未选中',
  noHealthChecks: '没有健康检查：步骤之后的故障将无法发现。',
  anyStatus2xx: '任意 2xx 状态码',
  httpStatus: statuses => `状态码 ${statuses}`,
  bodyContains: text => `响应体包含「${text}」`,
  exitZero: '退出码 0',
  probing: (retries, timeout, interval) =>
    `最多探测 ${retries} 次，每次超时 ${timeout}，间隔 ${interval}`,
  watching: (watch, limit) => `之后观察 ${watch}，最多允许 ${limit} 次失败`,
  totalDetection: duration => `最坏情况下，最后一个步骤结束后 ${duration} 内发现故障。`,
  previousVersionIs: '本次之前最后一次成功部署的版本',
  noPreviousVersion: '无（该环境的首次部署）',
  rollbackIntro: '当步骤失败、超时、健康检查失败或运行被取消，且开启 rollback-on-failure 时：',
  rollbackOwnFirst: '先按从新到旧的顺序执行各步骤自身的回滚命令（包括失败步骤本身）：',
  rollbackPlanThen: '然后执行方案的回滚步骤：',
  rollbackRanOwnFirst: '先按从新到旧的顺序执行已运行步骤的回滚命令：',
  noRollback: '方案未声明回滚：失败将无法撤销。',
  rollbackCause: (cause, duration) => [
    '由 ',
    cause,
    ` 的失败触发；从失败到回滚结束共耗时 ${duration}。`
  ],
  rollbackComplete: '所有回滚步骤均成功。',
  rollbackIncomplete: '回滚未完成：环境可能处于混合状态，请人工检查。',
  failedOutput: (name, lines) => `${name} 输出的最后 ${lines} 行`,
  checksPassed: count => `全部 ${count} 项检查通过`,
  checksSome: (failed, warnings) => `${failed} 项未通过，${warnings} 项有警告`,
  changesCount: (shown, total) =>
    shown < total
      ? `自上次部署以来的 ${total} 个提交（显示 ${shown} 个）`
      : `自上次部署以来的 ${total} 个提交`,
  compare: '对比',
  smokeNext: environment =>
    `运行 \`openlogos smoke --env ${environment}\`：冒烟测试是下一个人工确认点（不会自动执行）。`,
  noSmoke: '该提案不需要冒烟测试：OpenLogos 的下一步是 `openlogos archive`。',
  rollbackHeadline: {
    'rolled-back': s =>
      `↩️ 已回滚 ${s.environment}：从 ${s.from} 回到 ${s.version}，耗时 ${s.duration}`,
    failure: s =>
      `❌ 回滚失败：${s.environment} 从 ${s.from} 回到 ${s.version}，${s.duration} 后失败`,
    'dry-run': s => `🔍 回滚预演：${s.environment} 从 ${s.from} 回到 ${s.version}`
  },
  rollbackDoneLead: s =>
    `已按需回滚：${s.environment} 重新运行 ${s.version}，替换了 ${s.from}。未修改任何 OpenLogos 标记文件。`,
  rollbackFailedLead: '按需回滚没有完成：环境可能两个版本都没有在运行。请人工检查。',
  rollbackNext: proposal =>
    proposal
      ? `${proposal} 的标记文件仍记录着它的部署（DEPLOY_DONE）：修复变更后，用 \`redeploy: true\` 重新部署。`
      : '修复变更后，用 `redeploy: true` 重新部署。',
  replacedVersion: '被替换的版本',
  canary: {
    traffic: '流量',
    lane: weight => `金丝雀 ${weight}%`,
    promotionLane: '全量发布 100%',
    previewPhase: weight => `金丝雀 ${weight}%`,
    promotion: '全量发布 100%',
    increments: weights =>
      `金丝雀步骤及其分析按每个增量（${weights}）各执行一次，并设置 DEPLOY_CANARY_WEIGHT；任一增量的分析失败即回滚，不再全量发布。`
  },
  metric: {
    baselineTitle: '指标基线已测得',
    baselineLane: '基线',
    baselines: '指标基线',
    samples: '样本',
    median: '中位数',
    value: '数值',
    bound: '界限',
    notMeasured: '未测得',
    unmeasurable: (check, n, of, what) =>
      `第一个步骤之前无法测得「${check}」的基线：第 ${n} 个样本（共 ${of} 个）${what}。`,
    unmeasurableFix: command =>
      `让「${command}」在尚未部署任何内容时也在输出的最后一行打印一个数字；或者设置 metric.baseline.required: false，仅按绝对界限（max、min）部署。`,
    notANumber: printed => `打印了「${printed}」，不是数字`,
    printedNothing: '没有打印任何内容',
    failedRun: (exit, printed) => (printed ? `以${exit} 结束：「${printed}」` : `以${exit} 结束`),
    timedOut: '超时',
    exitCode: code => (code === undefined ? '无退出码' : `退出码 ${code}`),
    verdict: { within: '✅ 在界限内', above: '❌ 高于上限', below: '❌ 低于下限' },
    reading: {
      'not-a-number': '❌ 不是数字',
      failed: '❌ 失败',
      'timed-out': '⏱️ 超时'
    },
    checkLead: (check, at) => [strong(check), at ? `（${at}）` : ''],
    compared: baseline => `与基线 ${baseline} 比较`,
    baselineMissing:
      '基线未能测得（baseline.required: false）：相对界限未启用，仅按 max 和 min 判断',
    previewNumber: parts => `数字，${parts}`,
    previewBaseline: (samples, isRequired) =>
      `基线：第一个步骤之前 ${samples} 个样本的中位数${isRequired ? '' : '（可选）'}`,
    between: (min, max) => `介于 ${min} 与 ${max} 之间`,
    atMost: max => `不高于 ${max}`,
    atLeast: min => `不低于 ${min}`,
    anyNumber: '任意数字',
    rule: parts => `方案设定：${parts}`,
    boundsNote: (bounds, rule, compared) =>
      `${bounds} 时为健康（${rule}${compared ? `；${compared}` : ''}）`,
    increase: change => `max-increase ${change}`,
    decrease: change => `max-decrease ${change}`,
    chartTitle: (check, at) => (at ? `${check}，${at}` : check),
    chartAxis: '数值',
    chartSeries: { samples: '样本', max: '上限', min: '下限', baseline: '基线' },
    chartKey: lines => `折线依次为：${lines}。`,
    samplesShown: (shown, total) =>
      shown < total ? `共 ${total} 个样本中的最后 ${shown} 个` : `全部 ${total} 个样本`,
    baselineWarning: check =>
      `未能测得「${check}」的基线：本次运行未启用其相对界限（baseline.required: false）。`,
    failedLead: (check, place, result) => [
      `指标检查「${check}」${place ? `（${place}）` : ''}失败：`,
      ...result
    ],
    outOfBounds: (value, verdict, bound) =>
      `${value} ${verdict === 'above' ? '高于上限' : '低于下限'} ${bound}`
  },
  timelineNote: '时间为 UTC。',
  utc: 'UTC',
  colon: '：',
  listSeparator: '、',
  semicolon: '；',
  withFix: (detail, fix) => `${detail}（${fix}）`,
  said: message => message.zh,
  comment: {
    earlierAttempts: count => `之前的尝试（${count} 次）`,
    run: '运行记录',
    status: {
      success: '成功',
      failure: '失败',
      'rolled-back': '已回滚',
      cancelled: '已取消',
      refused: '已拒绝',
      'dry-run': '预演'
    },
    restWithRun: runUrl => `完整报告见 [本次运行](${runUrl}) 的作业摘要和报告文件`,
    rest: '完整报告见作业摘要和报告文件'
  },
  fleet: {
    outcome: {
      pending: '… 等待中',
      running: '▶️ 运行中',
      deployed: '✅ 已部署',
      failed: '❌ 失败',
      undone: '↩️ 已单独撤销',
      cancelled: '⏹️ 已取消',
      'not-started': '⏭️ 未开始'
    },
    mark: STEP_MARKS,
    count: (status, count) => `${status} ${count} 个`,
    lead: (total, counts) => `共 ${total} 个目标：${counts}。`,
    matrix: total => `各目标的步骤与检查（${total} 个）`,
    lanesShown: (shown, total) => `时间线显示 ${total} 个目标中的 ${shown} 个，先失败的优先。`,
    batches: (size, pause, tolerated) =>
      `每批同时 ${size} 个目标，批间间隔 ${pause}；容许 ${tolerated} 个目标失败。`
  },
  truncated: rest => `✂️ 已截断：${rest}`,
  summaryRest: '作业摘要的上限是 1 MiB；完整报告见报告文件'
}

/** A sentence of the report's frame in both languages, for a check or a log line made of it. */
export function inBoth(say: (t: ReportText) => string): Message {
  return { en: say(en), zh: say(zh) }
}

/** A run's status as one word, in both languages: `failure`, `失败`. */
export function statusWord(status: DeploymentStatus): Message {
  return { en: en.comment.status[status], zh: zh.comment.status[status] }
}

export function reportText(locale: Locale): ReportText {
  return locale === 'zh' ? zh : en
}

/** Both catalogues, for the test that holds them complete and apart. */
export const CATALOGUES = { en, zh } as const
