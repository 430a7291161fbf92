/**
 * What the plan stage says: whether the plan is found, valid and executable for this run (its
 * environment, targets, mode, rollback, secrets, working directories and variables), why a step or
 * check is left out, and the pre-flight and dry-run lines of the log.
 */
import { speakerOf, type Message } from '../core/message.js'

const en = {
  checkingGroup: 'Checking the proposal and the plan',
  dryRunGroup: 'Dry run: what a real run would do',
  refusedLine: (count: number) =>
    `Deployment refused: ${count} pre-flight condition(s) unmet. Nothing was run.`,
  passedLine: (title: Message, detail: Message) => `✔ ${title.en}: ${detail.en}`,
  checkLine: (title: Message, detail: Message) => `${title.en}: ${detail.en}`,

  inputsTitle: 'the action inputs are valid',
  inputFix: (input: string) => `correct the ${input} input`,

  validTitle: 'the deployment plan is valid',
  validFix: 'correct the plan as each line says; schema/plan.schema.json describes every key',
  stepCount: (file: string, count: number) => `${file}: ${count} step(s)`,
  executableTitle: 'the deployment plan is executable',
  inlineCommands: (commands: Message) => `inline commands found: ${commands.en}`,
  noInlineCommands: 'no inline commands found',
  notExecutable: (file: string, found: Message) =>
    `${file} has no deploy-executor front matter, so nothing in it may run (${found.en})`,
  notExecutableFix: (file: string, skeleton: string) =>
    `review this front matter skeleton, complete it and paste it at the top of ${file}:\n${skeleton}`,
  targetsTitle: 'the selected targets exist and are enabled',
  targetsFix: 'correct the targets input or the plan',
  stepsTitle: 'steps are selected for this run',
  stepsFor: (count: number, environment: string) => `${count} step(s) for ${environment}`,
  noSteps: (file: string, environment: string, targets: Message) =>
    `no step of ${file} applies to environment '${environment}' and targets ${targets.en}`,
  noStepsFix: "check the steps' target and environments keys, or the targets input",

  environmentTitle: 'the environment is defined in the plan',
  onlyEnvironment: (environment: string) =>
    `no environment input: the dry run previews the plan's only environment '${environment}'`,
  noEnvironment: 'the environment input is empty',
  noEnvironmentOfSeveral: (names: Message) =>
    `the environment input is empty and the plan defines several (${names.en})`,
  noEnvironmentFix: (names: Message) =>
    `set environment to one of the plan's environments: ${names.en}`,
  unknownEnvironment: (environment: string, file: string, names: Message) =>
    `environment '${environment}' is not defined in ${file} (defined: ${names.en})`,
  unknownEnvironmentFix: (names: Message, environment: string) =>
    `use one of ${names.en}, or add '${environment}' under environments in the plan`,
  environmentIs: (environment: string) => `'${environment}'`,
  gateTitle: (module: string) => `logos-project.yaml allows module '${module}' in this environment`,
  gateRefuses: (module: string, allowed: Message, environment: string) =>
    `deployment_gates.${module}.environments lists ${allowed.en}, not '${environment}'`,
  gateRefusesFix: (allowed: Message, environment: string, module: string) =>
    `deploy to one of ${allowed.en}, or add '${environment}' to deployment_gates.${module}.environments`,
  gateAllows: (environment: string, allowed: Message) => `'${environment}' is one of ${allowed.en}`,

  modeTitle: 'the plan supports the mode',
  noCanary: (file: string) => `mode is canary but ${file} has no canary section`,
  noCanaryFix: 'add canary: {steps: [...], watch: 5m} to the plan, or use mode: deploy',
  noRollbackSteps: (file: string) =>
    `mode is rollback but ${file} has no rollback.steps: a rollback on demand runs those steps`,
  noRollbackStepsFix:
    'add rollback: {steps: [...]} to the plan, steps that put back DEPLOY_VERSION',

  rollbackTitle: 'the plan declares a rollback',
  rollbackCounts: (own: number, plan: number) =>
    `${own} step rollback(s), ${plan} plan rollback step(s)`,
  noRollbackAllowed: (file: string) =>
    `${file} declares no rollback; allowed by allow-no-rollback: a failure will not be undone`,
  noRollbackAllowedFix: 'add rollback.steps or step rollback commands to the plan',
  noRollback: (file: string) =>
    `${file} declares no rollback (no rollback.steps, no step rollback)`,
  noRollbackFix:
    'add rollback.steps (or a rollback command to the steps) to the plan, or set allow-no-rollback: true to accept a deployment that cannot be undone',

  secretsTitle: "the plan's secrets are set",
  noSecretsNeeded: 'the plan needs none',
  secretsMissing: (names: Message, count: number, file: string) =>
    `${names.en} ${count > 1 ? 'are' : 'is'} not set or empty (listed under secrets in ${file})`,
  secretsFix: (count: number, env: string) =>
    `pass ${count > 1 ? 'them' : 'it'} to the step: env: { ${env} }`,

  directoriesTitle: 'working directories stay inside the project',
  directoryOutside: (dir: string) =>
    `working-directory '${dir}' resolves outside the project root (through a symbolic link)`,
  directoryOutsideFix: (file: string) =>
    `point working-directory at a folder inside the project, or replace the link in ${file}'s steps`,
  directoryNotFolder: (dir: string) => `working-directory '${dir}' is not a folder`,
  directoryNotFolderFix: (file: string) => `point working-directory at a folder in ${file}`,
  directoryMissing: (dir: string) => `working-directory '${dir}' does not exist yet`,
  directoryMissingFix: 'an earlier step must create it, or the step will fail',
  directoriesInside: 'every step runs inside the project root',

  variablesTitle: 'the variables of URLs and checks are set',
  urlUnset: (environment: string, url: string, names: Message) =>
    `the url of ${environment} (${url}) uses ${names.en}, not set: DEPLOY_URL would start empty`,
  checkUnset: (check: string, names: Message) =>
    `health check '${check}' uses ${names.en}, not set`,
  checkNeedsUrl: (check: string) =>
    `health check '${check}' probes \${DEPLOY_URL}, which stays empty unless a step reports url=`,
  variablesSet: 'every variable they use is set',
  variablesFix: (count: number) =>
    `set ${count > 1 ? 'them' : 'it'} in the job's env (or the environment's variables in the plan) before a real run`,

  allDisabled: 'every target of the plan is disabled: enable one (enabled: true)',
  noPrimary: "targets is 'primary' but no target has primary: true: mark one, or name the targets",
  unknownTarget: (name: string, known: Message) =>
    `target '${name}' is not in the plan (targets: ${known.en}): correct the targets input`,
  disabledTarget: (name: string) =>
    `target '${name}' is disabled in the plan (enabled: false) and is never deployed: leave it out of targets, or enable it in the plan`,
  targetNotSelected: (target: string) => `target '${target}' is not selected`,
  runsOnlyIn: (environments: Message) => `runs only in ${environments.en}`,

  load: {
    outside: (plan: string, root: string) =>
      `plan '${plan}' is outside the project root: give a path inside ${root}`,
    none: (folder: string, module: string) =>
      `no deployment plan: ${folder}/ holds no .md file. Write the plan (OpenLogos deployment-designer, e.g. ${folder}/${module}-01-deployment-plan.md) or set the plan input`,
    several: (plans: Message, ofModule: number, module: string) =>
      `several executable plans found (${plans.en}) and ${ofModule === 0 ? 'none' : 'more than one'} is named for module '${module}': set the plan input to the one to use`,
    refusedFile: (problem: Message, fix: Message) => `plan file ${problem.en}: ${fix.en}`,
    missing: (file: string) =>
      `plan file '${file}' does not exist: check the plan input or write the plan`,
    tooLarge: (file: string, size: number, limit: number) =>
      `plan file '${file}' is ${size} bytes, over the ${limit}-byte limit: a plan people review is far smaller; move data out of it`,
    language: (language: string) =>
      `front matter language '${language}' is refused and was not evaluated: the plan's front matter must be YAML (start the file with a line '---')`,
    yaml: (message: string) => `invalid YAML: ${message}`,
    unknownKeys: (keys: Message, count: number) =>
      `unknown key${count > 1 ? 's' : ''} ${keys.en}: remove or correct ${count > 1 ? 'them' : 'it'} (see schema/plan.schema.json for the keys a plan may use)`,
    quoted: (key: string) => `'${key}'`,
    issue: (where: string, keyPath: string, message: Message) =>
      `${where}: ${keyPath ? `${keyPath}: ` : ''}${message.en}`
  },

  schema: {
    notDuration: (value: string, hint: Message) => `'${value}' is not ${hint.en}`,
    tooLong: (value: string, max: string) =>
      `'${value}' is longer than the ${max} allowed here: shorten it`,
    variableName: 'must be a variable name such as DATABASE_URL',
    reserved: (name: string) =>
      `${name} is reserved: bash or the runner would act on it; use another name`,
    relativeDirectory:
      'must be a path relative to the project root that stays inside it (no absolute path, no ..)',
    script: 'must be a non-empty bash script',
    id: 'must match ^[a-z0-9][a-z0-9-]*$ (lower case, digits, dashes)',
    retries: 'must be at most 1000: probe less often, or for less long',
    urlOrRun: 'a health check needs exactly one of url or run',
    urlOnly: (key: string) => `${key} applies to url checks only`,
    urlStart: 'must start with http://, https:// or a ${VARIABLE} holding one',
    format: (version: number) => `must be ${version}, the plan format`,
    environments: 'must name an environment',
    steps: 'must list at least one step',
    placeholder:
      'is a draft placeholder (<TODO: …>): replace it with the real value, or remove the line',
    negative: 'must not be negative',
    percentage: "must be a percentage such as '50%', or an amount such as 0.02",
    baselineUnused:
      'needs max-increase or max-decrease: a baseline nothing is compared with is not measured',
    noBound: 'needs a bound: max, min, or a baseline with max-increase or max-decrease',
    minAboveMax: (min: number, max: number) =>
      `min ${min} is above max ${max}: no sample could pass`,
    metricOnCommand: 'applies to command checks (run) only: the command prints the number',
    tooManySamples: (samples: number, worst: string, limit: string) =>
      `${samples} samples at this interval and timeout may take ${worst}, longer than the ${limit} allowed: take fewer samples or probe more often`,
    percent: 'must be a percent from 1 to 99',
    percentNotPromotion: 'must be a percent from 1 to 99: 100 is the promotion',
    increasing: 'must increase: each increment sends more traffic than the one before',
    duplicateId: (id: string, first: string) =>
      `duplicate step id '${id}' (first used at ${first}): step ids must be unique`,
    undeclaredTarget: (target: string, declared: Message) =>
      `target '${target}' is not declared under targets (declared: ${declared.en})`,
    undeclaredEnvironment: (name: string, declared: Message) =>
      `environment '${name}' is not declared under environments (declared: ${declared.en})`,
    perTargetWithTarget:
      'a per-target step or check runs for every selected target: remove target, or per-target',
    perTargetRollback:
      "the plan's rollback steps run once: undo each target's work in its per-target step's own rollback",
    perTargetApart: (stray: string, last: string) =>
      `per-target steps must stand together, as one pipeline: move '${stray}' next to '${last}', or make the steps between them per-target too`,
    perTargetBaseline:
      "a per-target check has no baseline of its own (it would be measured before the targets' variables apply): use max and min, or a check that measures the whole fleet",
    maxParallel: "must be a number of targets, or a percent of them such as '25%'",
    atLeastOne: 'must be at least 1'
  },

  log: {
    summary: (environment: string, targets: Message, mode: string) =>
      `Environment ${environment}, targets ${targets.en}, mode ${mode}`,
    rollbackOnDemand: (environment: string, from: string, to: string) =>
      `Rollback on demand: ${environment} from ${from} back to ${to}`,
    rollbackUnknown: 'Rollback on demand: the versions are not known (see the checks)',
    rollbackPhase: 'Rollback phase:',
    canaryPhase: 'Canary phase:',
    deployPhase: 'Deployment phase:',
    phaseAt: (phase: Message, weight: number) =>
      `${phase.en.replace(/:$/, '')} at ${weight}% (DEPLOY_CANARY_WEIGHT):`,
    baselineRequired: (samples: number) =>
      `     metric baseline: median of ${samples} sample(s) before the first step; unmeasurable refuses the run`,
    baselineOptional: (samples: number) =>
      `     metric baseline: median of ${samples} sample(s) before the first step; unmeasurable turns the relative bounds off`,
    step: (number: number, name: string, id: string) => `  ${number}. ${name} [${id}]`,
    stepOfTarget: (number: number, name: string, id: string, target: string) =>
      `  ${number}. ${name} [${id}] (target ${target})`,
    stepPerTarget: (number: number, name: string, id: string) =>
      `  ${number}. ${name} [${id}] (on each target, in its pipeline)`,
    rollout: (targets: Message, size: number, pause: string, tolerated: number) =>
      `  Per-target steps on ${targets.en}: ${size} target(s) at once, ${pause} between batches, ${tolerated} failed target(s) tolerated`,
    purpose: (purpose: string) => `     purpose: ${purpose}`,
    where: (dir: string, timeout: string) => `     in ${dir}, timeout ${timeout}`,
    run: (script: string) => `     run: ${script}`,
    ownRollback: (script: string) => `     rollback: ${script}`,
    noOwnRollback: "     rollback: (none of its own; the plan's rollback steps apply)",
    leftOut: (name: string, id: string, reason: Message) =>
      `  left out: ${name} [${id}]: ${reason.en}`,
    health: (name: string, probe: string, within: string) =>
      `  health: ${name} (${probe}); failure detected within ${within}`,
    noRollback: 'Rollback: none declared',
    rollbackOf: (id: string, script: string) => `Rollback of ${id}: ${script}`,
    planRollback: (id: string, script: string) => `Plan rollback ${id}: ${script}`
  }
}

const zh: typeof en = {
  checkingGroup: '检查提案和部署方案',
  dryRunGroup: '预演：正式运行将做什么',
  refusedLine: count => `部署被拒绝：${count} 项部署前条件未满足。未执行任何命令。`,
  passedLine: (title, detail) => `✔ ${title.zh}：${detail.zh}`,
  checkLine: (title, detail) => `${title.zh}：${detail.zh}`,

  inputsTitle: 'action 的输入有效',
  inputFix: input => `修正输入 ${input}`,

  validTitle: '部署方案有效',
  validFix: '按每一行的提示修正方案；schema/plan.schema.json 说明了每个键',
  stepCount: (file, count) => `${file}：${count} 个步骤`,
  executableTitle: '部署方案可以执行',
  inlineCommands: commands => `找到的行内命令：${commands.zh}`,
  noInlineCommands: '没有找到行内命令',
  notExecutable: (file, found) =>
    `${file} 没有 deploy-executor front matter，因此其中的任何内容都不会执行（${found.zh}）`,
  notExecutableFix: (file, skeleton) =>
    `审阅这段 front matter 骨架，补全后粘贴到 ${file} 的开头：\n${skeleton}`,
  targetsTitle: '所选部署目标存在且已启用',
  targetsFix: '修正 targets 输入或部署方案',
  stepsTitle: '本次运行选中了步骤',
  stepsFor: (count, environment) => `${environment} 有 ${count} 个步骤`,
  noSteps: (file, environment, targets) =>
    `${file} 中没有适用于环境「${environment}」和部署目标 ${targets.zh} 的步骤`,
  noStepsFix: '检查步骤的 target 和 environments 键，或 targets 输入',

  environmentTitle: '部署方案中定义了该环境',
  onlyEnvironment: environment =>
    `没有 environment 输入：预演展示方案中唯一的环境「${environment}」`,
  noEnvironment: 'environment 输入为空',
  noEnvironmentOfSeveral: names => `environment 输入为空，而方案定义了多个环境（${names.zh}）`,
  noEnvironmentFix: names => `把 environment 设为方案中的某个环境：${names.zh}`,
  unknownEnvironment: (environment, file, names) =>
    `${file} 中没有定义环境「${environment}」（已定义：${names.zh}）`,
  unknownEnvironmentFix: (names, environment) =>
    `使用 ${names.zh} 之一，或在方案的 environments 下添加「${environment}」`,
  environmentIs: environment => `「${environment}」`,
  gateTitle: module => `logos-project.yaml 允许模块「${module}」部署到该环境`,
  gateRefuses: (module, allowed, environment) =>
    `deployment_gates.${module}.environments 列出的是 ${allowed.zh}，不包括「${environment}」`,
  gateRefusesFix: (allowed, environment, module) =>
    `部署到 ${allowed.zh} 之一，或把「${environment}」加入 deployment_gates.${module}.environments`,
  gateAllows: (environment, allowed) => `「${environment}」是 ${allowed.zh} 之一`,

  modeTitle: '部署方案支持该模式',
  noCanary: file => `模式为 canary，但 ${file} 没有 canary 部分`,
  noCanaryFix: '在方案中添加 canary: {steps: [...], watch: 5m}，或使用 mode: deploy',
  noRollbackSteps: file =>
    `模式为 rollback，但 ${file} 没有 rollback.steps：按需回滚执行的就是这些步骤`,
  noRollbackStepsFix: '在方案中添加 rollback: {steps: [...]}，即恢复 DEPLOY_VERSION 的步骤',

  rollbackTitle: '部署方案声明了回滚',
  rollbackCounts: (own, plan) => `${own} 个步骤自带回滚，${plan} 个方案回滚步骤`,
  noRollbackAllowed: file => `${file} 没有声明回滚；allow-no-rollback 允许这样做：失败将无法撤销`,
  noRollbackAllowedFix: '在方案中添加 rollback.steps 或步骤的回滚命令',
  noRollback: file => `${file} 没有声明回滚（没有 rollback.steps，步骤也没有回滚命令）`,
  noRollbackFix:
    '在方案中添加 rollback.steps（或为步骤添加回滚命令），或设置 allow-no-rollback: true 以接受无法撤销的部署',

  secretsTitle: '部署方案所需的密钥均已设置',
  noSecretsNeeded: '方案不需要密钥',
  secretsMissing: (names, _count, file) => `${names.zh} 未设置或为空（列在 ${file} 的 secrets 下）`,
  secretsFix: (count, env) => `把${count > 1 ? '它们' : '它'}传给该步骤：env: { ${env} }`,

  directoriesTitle: '工作目录都在项目之内',
  directoryOutside: dir => `working-directory「${dir}」（经由符号链接）指向项目根目录之外`,
  directoryOutsideFix: file =>
    `让 working-directory 指向项目之内的文件夹，或替换 ${file} 步骤中的链接`,
  directoryNotFolder: dir => `working-directory「${dir}」不是文件夹`,
  directoryNotFolderFix: file => `在 ${file} 中让 working-directory 指向一个文件夹`,
  directoryMissing: dir => `working-directory「${dir}」尚不存在`,
  directoryMissingFix: '必须由之前的步骤创建它，否则该步骤会失败',
  directoriesInside: '所有步骤都在项目根目录之内运行',

  variablesTitle: '地址和检查用到的变量均已设置',
  urlUnset: (environment, url, names) =>
    `${environment} 的 url（${url}）用到了未设置的 ${names.zh}：DEPLOY_URL 开始时将为空`,
  checkUnset: (check, names) => `健康检查「${check}」用到了未设置的 ${names.zh}`,
  checkNeedsUrl: check =>
    `健康检查「${check}」探测 \${DEPLOY_URL}，除非某个步骤报告 url=，否则它一直为空`,
  variablesSet: '用到的变量均已设置',
  variablesFix: count =>
    `正式运行前，请在 job 的 env 或方案中该环境的 variables 下设置${count > 1 ? '它们' : '它'}`,

  allDisabled: '方案的所有部署目标都已停用：启用其中一个（enabled: true）',
  noPrimary: 'targets 为「primary」，但没有目标设置 primary: true：标记一个，或直接列出目标',
  unknownTarget: (name, known) =>
    `部署目标「${name}」不在方案中（已有目标：${known.zh}）：请修正 targets 输入`,
  disabledTarget: name =>
    `部署目标「${name}」在方案中已停用（enabled: false），永远不会部署：把它从 targets 中去掉，或在方案中启用它`,
  targetNotSelected: target => `未选中部署目标「${target}」`,
  runsOnlyIn: environments => `只在 ${environments.zh} 中运行`,

  load: {
    outside: (plan, root) => `方案「${plan}」在项目根目录之外：请给出 ${root} 之内的路径`,
    none: (folder, module) =>
      `没有部署方案：${folder}/ 中没有 .md 文件。请编写方案（OpenLogos deployment-designer，例如 ${folder}/${module}-01-deployment-plan.md），或设置 plan 输入`,
    several: (plans, ofModule, module) =>
      `找到多个可执行的方案（${plans.zh}），而以模块「${module}」命名的${ofModule === 0 ? '一个也没有' : '不止一个'}：请用 plan 输入指定要用的方案`,
    refusedFile: (problem, fix) => `方案文件 ${problem.zh}：${fix.zh}`,
    missing: file => `方案文件「${file}」不存在：请检查 plan 输入，或编写方案`,
    tooLarge: (file, size, limit) =>
      `方案文件「${file}」有 ${size} 字节，超过 ${limit} 字节的上限：供人评审的方案要小得多；请把数据移出方案`,
    language: language =>
      `front matter 语言「${language}」被拒绝，未被执行：方案的 front matter 必须是 YAML（文件以一行「---」开头）`,
    yaml: message => `YAML 无效：${message}`,
    unknownKeys: keys =>
      `未知的键${keys.zh}：请删除或修正（方案可用的键见 schema/plan.schema.json）`,
    quoted: key => `「${key}」`,
    issue: (where, keyPath, message) => `${where}：${keyPath ? `${keyPath}：` : ''}${message.zh}`
  },

  schema: {
    notDuration: (value, hint) => `「${value}」不是${hint.zh}`,
    tooLong: (value, max) => `「${value}」超过此处允许的 ${max}：请缩短`,
    variableName: '必须是变量名，例如 DATABASE_URL',
    reserved: name => `${name} 是保留名：bash 或 runner 会据它行事；请换一个名字`,
    relativeDirectory: '必须是相对于项目根目录、且不离开项目的路径（不能是绝对路径，不能含 ..）',
    script: '必须是非空的 bash 脚本',
    id: '必须匹配 ^[a-z0-9][a-z0-9-]*$（小写字母、数字、连字符）',
    retries: '最多为 1000：请降低探测频率，或缩短探测时间',
    urlOrRun: '健康检查必须且只能有 url 或 run 之一',
    urlOnly: key => `${key} 只适用于 url 检查`,
    urlStart: '必须以 http://、https:// 或存有地址的 ${VARIABLE} 开头',
    format: version => `必须是 ${version}，即方案格式的版本`,
    environments: '必须至少列出一个环境',
    steps: '必须至少列出一个步骤',
    placeholder: '是草稿占位符（<TODO: …>）：请换成真实的值，或删除这一行',
    negative: '不能为负数',
    percentage: '必须是百分比（例如「50%」）或数值（例如 0.02）',
    baselineUnused: '需要 max-increase 或 max-decrease：没有任何比较的基线不会被测量',
    noBound: '需要一个界限：max、min，或带 max-increase 或 max-decrease 的基线',
    minAboveMax: (min, max) => `min ${min} 高于 max ${max}：没有样本能通过`,
    metricOnCommand: '只适用于命令检查（run）：由命令打印数值',
    tooManySamples: (samples, worst, limit) =>
      `在此间隔和超时下，${samples} 个样本最长可能耗时 ${worst}，超过允许的 ${limit}：请减少样本或提高探测频率`,
    percent: '必须是 1 到 99 之间的百分比',
    percentNotPromotion: '必须是 1 到 99 之间的百分比：100 是全量发布',
    increasing: '必须递增：每个增量的流量都要多于前一个',
    duplicateId: (id, first) => `步骤 id「${id}」重复（首次用于 ${first}）：步骤 id 必须唯一`,
    undeclaredTarget: (target, declared) =>
      `部署目标「${target}」没有在 targets 下声明（已声明：${declared.zh}）`,
    undeclaredEnvironment: (name, declared) =>
      `环境「${name}」没有在 environments 下声明（已声明：${declared.zh}）`,
    perTargetWithTarget: '逐目标的步骤或检查会对每个选中的目标运行：请删除 target 或 per-target',
    perTargetRollback:
      '方案的回滚步骤只运行一次：每个目标的撤销请写在其逐目标步骤自己的 rollback 中',
    perTargetApart: (stray, last) =>
      `逐目标的步骤必须连在一起，组成一条流水线：请把「${stray}」移到「${last}」旁边，或把它们之间的步骤也设为 per-target`,
    perTargetBaseline:
      '逐目标的检查没有自己的基线（基线会在目标变量生效之前测量）：请使用 max 和 min，或用一个衡量整个集群的检查',
    maxParallel: '必须是目标个数，或目标的百分比，例如「25%」',
    atLeastOne: '必须至少为 1'
  },

  log: {
    summary: (environment, targets, mode) =>
      `环境 ${environment}，部署目标 ${targets.zh}，模式 ${mode}`,
    rollbackOnDemand: (environment, from, to) => `按需回滚：${environment} 从 ${from} 回到 ${to}`,
    rollbackUnknown: '按需回滚：版本未知（见检查项）',
    rollbackPhase: '回滚阶段：',
    canaryPhase: '金丝雀阶段：',
    deployPhase: '部署阶段：',
    phaseAt: (phase, weight) =>
      `${phase.zh.replace(/：$/, '')}（${weight}%，DEPLOY_CANARY_WEIGHT）：`,
    baselineRequired: samples =>
      `     指标基线：第一个步骤之前 ${samples} 个样本的中位数；无法测得时拒绝运行`,
    baselineOptional: samples =>
      `     指标基线：第一个步骤之前 ${samples} 个样本的中位数；无法测得时关闭相对界限`,
    step: (number, name, id) => `  ${number}. ${name} [${id}]`,
    stepOfTarget: (number, name, id, target) =>
      `  ${number}. ${name} [${id}]（部署目标 ${target}）`,
    stepPerTarget: (number, name, id) => `  ${number}. ${name} [${id}]（逐个目标，在其流水线中）`,
    rollout: (targets, size, pause, tolerated) =>
      `  逐目标步骤作用于 ${targets.zh}：每批同时 ${size} 个目标，批间间隔 ${pause}，容许 ${tolerated} 个目标失败`,
    purpose: purpose => `     目的：${purpose}`,
    where: (dir, timeout) => `     目录 ${dir}，超时 ${timeout}`,
    run: script => `     命令：${script}`,
    ownRollback: script => `     回滚：${script}`,
    noOwnRollback: '     回滚：（无自带回滚；使用方案的回滚步骤）',
    leftOut: (name, id, reason) => `  未选中：${name} [${id}]：${reason.zh}`,
    health: (name, probe, within) => `  健康检查：${name}（${probe}）；${within} 内发现故障`,
    noRollback: '回滚：未声明',
    rollbackOf: (id, script) => `${id} 的回滚：${script}`,
    planRollback: (id, script) => `方案回滚 ${id}：${script}`
  }
}

export const CATALOGUE = { en, zh }
export const say = speakerOf(CATALOGUE)
