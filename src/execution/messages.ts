/**
 * What the execution stage says: each step as it starts and ends, why a step did not run, the
 * health checks' probes and verdicts, and the rollback.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  deploying: (proposal: string, version: string, environment: string, point: string) =>
    `Deploying ${proposal} version ${version} to ${environment} (rollback point: version ${point})`,
  deployingFirst: (proposal: string, version: string, environment: string) =>
    `Deploying ${proposal} version ${version} to ${environment} (rollback point: none, first deployment)`,

  stepLabel: (number: number, total: number) => `Step ${number}/${total}`,
  stepLabelAt: (number: number, total: number, weight: number) =>
    `Step ${number}/${total} at ${weight}%`,
  rollbackLabel: (number: number, total: number) => `Rollback ${number}/${total}`,
  undo: (name: string) => `Undo: ${name}`,
  stepGroup: (label: Message, name: Message, id: string) => `${label.en}: ${name.en} [${id}]`,
  purpose: (purpose: string) => `Purpose: ${purpose}`,
  canaryWeight: (weight: number) => `Canary weight: ${weight}%`,
  environment: (environment: string) => `Environment: ${environment}`,
  environmentAt: (environment: string, url: string) => `Environment: ${environment} (${url})`,
  target: (target: string, directory: string) =>
    `Target: ${target} · working directory: ${directory}`,
  everyTarget: (directory: string) =>
    `Target: every selected target · working directory: ${directory}`,
  rollbackPoint: (point: Message) => `Rollback point: ${point.en}`,
  ownRollbackAfter: (script: string, version: string) => `${script}; previous version ${version}`,
  planRollback: "none of its own (the plan's rollback steps apply)",
  planRollbackAfter: (version: string) =>
    `none of its own (the plan's rollback steps apply); previous version ${version}`,
  thisIsTheRollback: 'this is the rollback',
  stepProblem: (id: string, problem: Message) => `${id}: ${problem.en}`,
  directoryOutside: (dir: string) => `working-directory '${dir}' resolves outside the project root`,
  directoryMissing: (dir: string) => `working-directory '${dir}' does not exist`,
  directoryNotFolder: (dir: string) => `working-directory '${dir}' is not a folder`,
  succeeded: 'succeeded',
  failed: 'failed',
  timedOut: (timeout: string) => `timed out after ${timeout}; its process group was stopped`,
  cancelled: 'was cancelled; its process group was stopped',
  bashNotStarted: (error: string) => `could not start bash: ${error}`,
  finished: (
    mark: string,
    id: string,
    how: Message,
    duration: string,
    exit: Message | undefined,
    signal: string | undefined
  ) =>
    `${mark} ${id} ${how.en} after ${duration}${exit ? exit.en : ''}${signal ? ` (${signal})` : ''}`,
  exitCode: (code: number) => ` (exit code ${code})`,
  lingering: (id: string) =>
    `${id} left background processes holding its output open; they were not stopped`,

  notRunCancelled: 'not run: the run was cancelled',
  notRunAfter: (cause: string) => `not run: ${cause} failed first`,
  urlIgnored: (id: string, url: string, problem: Message) =>
    `step ${id} reported url=${url}, which was ignored: ${problem.en}`,
  urlSpaces: 'it holds white space or control characters',
  urlNotUrl: 'it is not a URL; write an absolute http(s) URL',
  urlProtocol: (protocol: string) => `only http and https URLs are taken, not ${protocol}`,
  passedOver: (id: string) => `step ${id} failed and was passed over (continue-on-error)`,
  nothingUndone:
    'rollback-on-failure is false: nothing was undone; the environment may be half-deployed',
  environmentUrlUnset: (url: string, names: Message) =>
    `the environment url ${url} uses ${names.en}, which is not set: DEPLOY_URL starts empty`,

  healthCheck: 'Health check',
  canaryAnalysis: 'Canary analysis',
  checkGroup: (what: Message, number: number, total: number, name: string) =>
    `${what.en} ${number}/${total}: ${name}`,
  checkGroupAt: (what: Message, weight: number, number: number, total: number, name: string) =>
    `${what.en} at ${weight}% ${number}/${total}: ${name}`,
  probeLabel: (number: number, total: number) => `probe ${number}/${total}`,
  watchLabel: (elapsed: string) => `watch ${elapsed}`,
  probeHealthy: (label: Message, summary: Message) => `${label.en}: healthy (${summary.en})`,
  probeUnhealthy: (label: Message, summary: Message) => `${label.en}: unhealthy (${summary.en})`,
  checkProblem: (name: string, problem: Message) => `${name}: ${problem.en}`,
  noHealthyAnswer: (name: string, retries: number, last: Message) =>
    `✖ ${name}: no healthy answer in ${retries} probe(s) (last: ${last.en})`,
  none: 'none',
  watching: (watch: string, limit: number) =>
    `watching for ${watch}, tolerating ${limit} failure(s)`,
  tooManyFailures: (name: string, failures: number, limit: number) =>
    `✖ ${name}: ${failures} failure(s) while watching, more than the ${limit} tolerated`,
  healthyAfter: (name: string, probes: number) => `✔ ${name}: healthy after ${probes} probe(s)`,
  exitZero: 'exit code 0',
  checkTimedOut: (timeout: string) => `timed out after ${timeout}`,
  checkExit: (code: string) => `exit code ${code}`,
  withLastLine: (how: Message, line: string) => `${how.en}: ${line}`,
  unanswered: (url: string, error: string) => `${url}: ${error}`,
  noAnswerWithin: (url: string, timeout: string) => `${url}: no answer within ${timeout}`,
  httpUnexpected: (status: number, expected: Message) => `HTTP ${status}, expected ${expected.en}`,
  or: ' or ',
  bodyLacks: (status: number, body: string) => `HTTP ${status}, body lacks '${body}'`,
  http: (status: number) => `HTTP ${status}`,
  urlVariablesUnset: (url: string, names: Message) =>
    `url ${url} uses ${names.en}, which is not set: set it (or the environment's url) before the check`,
  urlNotHttp: (url: string) => `url '${url}' is not an http(s) URL`,
  urlInvalid: 'the health check url is not a valid URL once its variables are expanded',

  metric: {
    measuringGroup: 'Measuring the metric baselines',
    refusedBeforeFirstStep: (detail: Message) =>
      `Deployment refused before its first step: ${detail.en}`,
    sampleLabel: (number: number, total: number) => `baseline sample ${number}/${total}`,
    sampleLine: (label: Message, sample: Message) => `${label.en}: ${sample.en}`,
    baselineMeasured: (check: string, value: string, samples: number) =>
      `✔ ${check}: baseline ${value} (median of ${samples})`,
    baselineOff: (check: string, sample: Message) =>
      `the baseline of '${check}' could not be measured (${sample.en}): baseline.required is false, so its relative bounds are off for this run and only max/min apply`,
    baselineZero: (check: string) =>
      `the baseline of '${check}' is 0: a percentage of it allows no change at all; give max-increase or max-decrease as an amount (a number) to allow some`,
    timedOut: (timeout: string) => `timed out after ${timeout}`,
    failed: (code: string) => `exit code ${code}`,
    failedPrinting: (code: string, printed: string) => `exit code ${code}: ${printed}`,
    notANumber: (printed: string) => `not a number: the last line printed was ${printed}`,
    printedNothing: 'not a number: it printed nothing',
    above: (value: string, bound: string) => `${value}, above the bound ${bound}`,
    below: (value: string, bound: string) => `${value}, below the bound ${bound}`,
    within: (value: string, bounds: Message) => `${value}, within ${bounds.en}`,
    between: (min: string, max: string) => `${min} to ${max}`,
    anyNumber: 'any number'
  },

  rollingBack: (cause: string, count: number) =>
    `Rolling back after the failure of ${cause}: ${count} rollback step(s)`,
  resumingRollback: (cause: string, done: number, count: number) =>
    `Resuming the rollback after the failure of ${cause}: ${done} of ${count} rollback step(s) had finished`,
  rollbackComplete: (count: number) => `Rollback complete: ${count} step(s) succeeded`,

  batch: (targets: string, number: number, total: number, size: number) =>
    `Targets ${targets}: batch ${number}/${total}, ${size} at once`,
  targetFailed: (target: string, cause: string) => `Target ${target} failed at ${cause}`,
  targetUndone: (target: string, cause: string, tolerated: number) =>
    `target ${target} failed at ${cause} and was undone on its own (max-failed-targets: ${tolerated})`,
  pausing: (duration: string) => `Pausing ${duration} before the next batch`,
  targetCheck: (name: string) => `▶ Health check: ${name}`,
  targetGroup: (title: Message) => `▶ ${title.en}`,
  targetWarning: (message: Message) => `warning: ${message.en}`,
  targetError: (message: Message) => `error: ${message.en}`,
  rollbackIncomplete: (ids: Message) =>
    `Rollback incomplete: ${ids.en} did not succeed; check the environment by hand`
}

const zh: typeof en = {
  deploying: (proposal, version, environment, point) =>
    `正在把 ${proposal} 的版本 ${version} 部署到 ${environment}（回滚点：版本 ${point}）`,
  deployingFirst: (proposal, version, environment) =>
    `正在把 ${proposal} 的版本 ${version} 部署到 ${environment}（回滚点：无，首次部署）`,

  stepLabel: (number, total) => `步骤 ${number}/${total}`,
  stepLabelAt: (number, total, weight) => `步骤 ${number}/${total}（${weight}%）`,
  rollbackLabel: (number, total) => `回滚 ${number}/${total}`,
  undo: name => `撤销：${name}`,
  stepGroup: (label, name, id) => `${label.zh}：${name.zh} [${id}]`,
  purpose: purpose => `目的：${purpose}`,
  canaryWeight: weight => `金丝雀流量：${weight}%`,
  environment: environment => `环境：${environment}`,
  environmentAt: (environment, url) => `环境：${environment}（${url}）`,
  target: (target, directory) => `部署目标：${target} · 工作目录：${directory}`,
  everyTarget: directory => `部署目标：所有选中的目标 · 工作目录：${directory}`,
  rollbackPoint: point => `回滚点：${point.zh}`,
  ownRollbackAfter: (script, version) => `${script}；上一个版本 ${version}`,
  planRollback: '无自带回滚（使用方案的回滚步骤）',
  planRollbackAfter: version => `无自带回滚（使用方案的回滚步骤）；上一个版本 ${version}`,
  thisIsTheRollback: '本步骤就是回滚',
  stepProblem: (id, problem) => `${id}：${problem.zh}`,
  directoryOutside: dir => `working-directory「${dir}」指向项目根目录之外`,
  directoryMissing: dir => `working-directory「${dir}」不存在`,
  directoryNotFolder: dir => `working-directory「${dir}」不是文件夹`,
  succeeded: '成功',
  failed: '失败',
  timedOut: timeout => `${timeout} 后超时；其进程组已停止`,
  cancelled: '被取消；其进程组已停止',
  bashNotStarted: error => `无法启动 bash：${error}`,
  finished: (mark, id, how, duration, exit, signal) =>
    `${mark} ${id} ${how.zh}，耗时 ${duration}${exit ? exit.zh : ''}${signal ? `（${signal}）` : ''}`,
  exitCode: code => `（退出码 ${code}）`,
  lingering: id => `${id} 留下的后台进程仍占用其输出；这些进程没有被停止`,

  notRunCancelled: '未运行：运行已被取消',
  notRunAfter: cause => `未运行：${cause} 先失败了`,
  urlIgnored: (id, url, problem) => `步骤 ${id} 报告了 url=${url}，已忽略：${problem.zh}`,
  urlSpaces: '其中含有空白或控制字符',
  urlNotUrl: '它不是 URL；请写绝对的 http(s) URL',
  urlProtocol: protocol => `只接受 http 和 https 的 URL，不接受 ${protocol}`,
  passedOver: id => `步骤 ${id} 失败，已跳过（continue-on-error）`,
  nothingUndone: 'rollback-on-failure 为 false：未撤销任何操作；环境可能只部署了一半',
  environmentUrlUnset: (url, names) =>
    `环境的 url ${url} 用到了未设置的 ${names.zh}：DEPLOY_URL 开始时为空`,

  healthCheck: '健康检查',
  canaryAnalysis: '金丝雀分析',
  checkGroup: (what, number, total, name) => `${what.zh} ${number}/${total}：${name}`,
  checkGroupAt: (what, weight, number, total, name) =>
    `${what.zh}（${weight}%）${number}/${total}：${name}`,
  probeLabel: (number, total) => `探测 ${number}/${total}`,
  watchLabel: elapsed => `观察 ${elapsed}`,
  probeHealthy: (label, summary) => `${label.zh}：健康（${summary.zh}）`,
  probeUnhealthy: (label, summary) => `${label.zh}：不健康（${summary.zh}）`,
  checkProblem: (name, problem) => `${name}：${problem.zh}`,
  noHealthyAnswer: (name, retries, last) =>
    `✖ ${name}：${retries} 次探测都没有健康的回答（最后一次：${last.zh}）`,
  none: '无',
  watching: (watch, limit) => `观察 ${watch}，最多容忍 ${limit} 次失败`,
  tooManyFailures: (name, failures, limit) =>
    `✖ ${name}：观察期间失败 ${failures} 次，超过容忍的 ${limit} 次`,
  healthyAfter: (name, probes) => `✔ ${name}：探测 ${probes} 次后健康`,
  exitZero: '退出码 0',
  checkTimedOut: timeout => `${timeout} 后超时`,
  checkExit: code => `退出码 ${code}`,
  withLastLine: (how, line) => `${how.zh}：${line}`,
  unanswered: (url, error) => `${url}：${error}`,
  noAnswerWithin: (url, timeout) => `${url}：${timeout} 内没有回答`,
  httpUnexpected: (status, expected) => `HTTP ${status}，应为 ${expected.zh}`,
  or: ' 或 ',
  bodyLacks: (status, body) => `HTTP ${status}，响应体不含「${body}」`,
  http: status => `HTTP ${status}`,
  urlVariablesUnset: (url, names) =>
    `url ${url} 用到了未设置的 ${names.zh}：请在检查前设置它（或环境的 url）`,
  urlNotHttp: url => `url「${url}」不是 http(s) URL`,
  urlInvalid: '展开变量后，健康检查的 url 不是有效的 URL',

  metric: {
    measuringGroup: '测量指标基线',
    refusedBeforeFirstStep: detail => `部署在第一个步骤之前被拒绝：${detail.zh}`,
    sampleLabel: (number, total) => `基线样本 ${number}/${total}`,
    sampleLine: (label, sample) => `${label.zh}：${sample.zh}`,
    baselineMeasured: (check, value, samples) =>
      `✔ ${check}：基线 ${value}（${samples} 个样本的中位数）`,
    baselineOff: (check, sample) =>
      `未能测得「${check}」的基线（${sample.zh}）：baseline.required 为 false，因此本次运行关闭其相对界限，仅按 max/min 判断`,
    baselineZero: check =>
      `「${check}」的基线为 0：按百分比计算不允许任何变化；请把 max-increase 或 max-decrease 写成数值，以允许一定的变化`,
    timedOut: timeout => `${timeout} 后超时`,
    failed: code => `退出码 ${code}`,
    failedPrinting: (code, printed) => `退出码 ${code}：${printed}`,
    notANumber: printed => `不是数字：最后一行打印的是 ${printed}`,
    printedNothing: '不是数字：没有打印任何内容',
    above: (value, bound) => `${value}，高于上限 ${bound}`,
    below: (value, bound) => `${value}，低于下限 ${bound}`,
    within: (value, bounds) => `${value}，在 ${bounds.zh} 之内`,
    between: (min, max) => `${min} 至 ${max}`,
    anyNumber: '任意数字'
  },

  rollingBack: (cause, count) => `${cause} 失败后开始回滚：${count} 个回滚步骤`,
  resumingRollback: (cause, done, count) =>
    `继续 ${cause} 失败后的回滚：${count} 个回滚步骤中已完成 ${done} 个`,
  rollbackComplete: count => `回滚完成：${count} 个步骤成功`,

  batch: (targets, number, total, size) =>
    `目标 ${targets}：第 ${number}/${total} 批，同时 ${size} 个`,
  targetFailed: (target, cause) => `目标 ${target} 在 ${cause} 失败`,
  targetUndone: (target, cause, tolerated) =>
    `目标 ${target} 在 ${cause} 失败，已单独撤销（max-failed-targets：${tolerated}）`,
  pausing: duration => `下一批开始前暂停 ${duration}`,
  targetCheck: name => `▶ 健康检查：${name}`,
  targetGroup: title => `▶ ${title.zh}`,
  targetWarning: message => `警告：${message.zh}`,
  targetError: message => `错误：${message.zh}`,
  rollbackIncomplete: ids => `回滚未完成：${ids.zh} 没有成功；请人工检查环境`
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
