/**
 * A draft front matter for a plan that is still prose, as the OpenLogos deployment-designer writes
 * it: numbered sections (一、部署目标 … 四、构建与发布命令 …, or their English names), commands as
 * inline code in bullets or in fenced blocks. Only shell commands of the build, release and deploy
 * sections become steps; checks, smoke tests, rollback prose and OpenLogos' own lifecycle commands
 * (`openlogos smoke`, `openlogos deploy-done`, …) never do. Environments and secret names come
 * from what the prose mentions. Every value a person must decide is a `<TODO: …>` placeholder,
 * which pre-flight refuses until it is replaced: a draft pasted unedited never runs.
 *
 * Nothing here runs anything.
 */

/** Opens every value a person must still decide; the plan schema refuses a plan holding one. */
import { MARKER } from '../openlogos/layout.js'

export const PLACEHOLDER = '<TODO'

/** Where a plan still holds a draft placeholder: the key path of each. */
export function placeholderPaths(
  value: unknown,
  path: (string | number)[] = []
): (string | number)[][] {
  if (typeof value === 'string') return value.includes(PLACEHOLDER) ? [path] : []
  if (Array.isArray(value))
    return value.flatMap((item, index) => placeholderPaths(item, [...path, index]))
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, item]) => placeholderPaths(item, [...path, key]))
}

export interface DraftCommand {
  /** The bullet's label, or the heading of the block, for the step's purpose. */
  label: string
  command: string
  /** The section it came from, as written. */
  section: string
}

export interface PlanDraft {
  commands: DraftCommand[]
  environments: string[]
  secrets: string[]
  /** The front matter, `---` lines included, ready to review and paste. */
  frontMatter: string
}

interface Section {
  title: string
  /** Titles of the enclosing sections, outermost first. */
  parents: string[]
  lines: string[]
}

/** Where the commands that deploy are written. */
const RELEASE = /build|release|deploy|publish|roll ?out|ship|构建|发布|部署|上线/i
/** Sections that check, test, undo or describe: nothing there is a deployment step. */
const NOT_RELEASE =
  /check|verif|smoke|test|rollback|roll back|revert|gate|topolog|variable|secret|migration strategy|target|检查|验证|冒烟|测试|回滚|门禁|拓扑|变量|密钥|目标|结论|决策|策略/i
/** Programs a deployment command starts with; anything else must look like a path to a script. */
const PROGRAMS = new Set(
  (
    'npm npx pnpm yarn bun deno node git docker docker-compose podman kubectl helm kustomize make ' +
    'bash sh cd cp mv rm mkdir ln rsync scp ssh curl wget tar unzip terraform pulumi aws gcloud az ' +
    'python python3 pip pip3 poetry go cargo mvn gradle ./gradlew dotnet vercel netlify firebase ' +
    'wrangler flyctl fly heroku ansible-playbook psql mysql redis-cli systemctl sudo export env'
  ).split(' ')
)
/** OpenLogos' own lifecycle: a person runs these, never a deployment plan. */
const LIFECYCLE = /^openlogos(\s|$)/
const ENVIRONMENTS: [RegExp, string][] = [
  [/\bstaging\b|预发布?|预生产/i, 'staging'],
  [/\bproduction\b|\bprod\b|生产环境|正式环境|线上环境/i, 'production'],
  [/\bpreview\b|预览环境/i, 'preview']
]
/** OpenLogos' marker files (VERIFY_PASS, SMOKE_PASS, ...) that plans mention: never secrets. */
const OPENLOGOS_MARKERS: ReadonlySet<string> = new Set(Object.values(MARKER))

/** Names that hold credentials: tokens, keys, passwords, and connection strings. */
const SECRET_NAME =
  /\b(?:[A-Z][A-Z0-9]*_)+(?:TOKEN|SECRET|KEY|PASSWORD|PASS|CREDENTIALS?|DSN)\b|\b(?:[A-Z][A-Z0-9]*_)*(?:DATABASE|DB|REDIS|MONGO|MONGODB|POSTGRES|MYSQL|AMQP)_URL\b/g

export function draftFrontMatter(
  markdown: string,
  known: { environments?: string[] } = {}
): PlanDraft {
  const sections = splitSections(markdown.replace(/^\uFEFF/, ''))
  const commands = dedupe(sections.filter(isRelease).flatMap(commandsOf))
  const mentioned = ENVIRONMENTS.filter(([pattern]) => pattern.test(markdown)).map(
    ([, name]) => name
  )
  const environments = unique([...(known.environments ?? []), ...mentioned])
  const secrets = unique([...markdown.matchAll(SECRET_NAME)].map(match => match[0]))
    .filter(name => !OPENLOGOS_MARKERS.has(name))
    .sort()
  return {
    commands,
    environments,
    secrets,
    frontMatter: render(commands, environments.length > 0 ? environments : ['staging'], secrets)
  }
}

function splitSections(markdown: string): Section[] {
  const sections: Section[] = []
  const stack: { level: number; title: string }[] = []
  let current: Section = { title: '', parents: [], lines: [] }
  let fence: string | undefined
  for (const line of markdown.split(/\r?\n/)) {
    const opening = /^\s{0,3}(`{3,}|~{3,})/.exec(line)
    if (opening)
      fence = fence === undefined ? opening[1] : line.trim().startsWith(fence) ? undefined : fence
    const heading = fence === undefined ? /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line) : null
    if (!heading) {
      current.lines.push(line)
      continue
    }
    const level = heading[1]?.length ?? 1
    while ((stack.at(-1)?.level ?? 0) >= level) stack.pop()
    sections.push(current)
    current = { title: heading[2] ?? '', parents: stack.map(item => item.title), lines: [] }
    stack.push({ level, title: heading[2] ?? '' })
  }
  sections.push(current)
  return sections
}

/**
 * A section whose own title says it builds, releases or deploys, and says nothing of checking,
 * testing or undoing; a subsection may be one inside a section that is not ("### 部署" under
 * "二十一、… 发布检查").
 */
function isRelease(section: Section): boolean {
  const title = section.title.replace(/^[一二三四五六七八九十百\d.、\s]+/, '')
  return RELEASE.test(title) && !NOT_RELEASE.test(title)
}

function commandsOf(section: Section): DraftCommand[] {
  const found: DraftCommand[] = []
  let fence: { marker: string; isShell: boolean } | undefined
  for (const line of section.lines) {
    const opening = /^\s{0,3}(`{3,}|~{3,})\s*(\w*)/.exec(line)
    if (fence) {
      if (line.trim().startsWith(fence.marker)) fence = undefined
      else if (fence.isShell) {
        const command = line.trim().replace(/^\$\s+/, '')
        if (isShellCommand(command))
          found.push({ label: section.title, command, section: section.title })
      }
      continue
    }
    if (opening) {
      fence = {
        marker: opening[1] ?? '```',
        isShell: /^(|sh|bash|shell|zsh|console)$/i.test(opening[2] ?? '')
      }
      continue
    }
    const bullet = /^\s*(?:[-*+]|\d+[.)、])\s+(.*)$/.exec(line)
    const text = bullet?.[1] ?? line
    const label = text.split(/[:：`]/)[0]?.trim() ?? ''
    for (const match of text.matchAll(/`([^`\n]+)`/g)) {
      const command = (match[1] ?? '').trim()
      if (isShellCommand(command))
        found.push({ label: label || section.title, command, section: section.title })
    }
  }
  return found
}

/** A command a shell would run: a known program or a script path, with something to do. */
export function isShellCommand(text: string): boolean {
  if (LIFECYCLE.test(text) || text.includes('\n')) return false
  const first = text.split(/\s+/)[0] ?? ''
  if (/^\.{0,2}\/[\w./-]+$/.test(first)) return true
  return PROGRAMS.has(first) && text.split(/\s+/).length > 1
}

function dedupe(commands: DraftCommand[]): DraftCommand[] {
  return commands.filter(
    (item, index) => commands.findIndex(other => other.command === item.command) === index
  )
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

const quote = (text: string): string => JSON.stringify(text)

/** A command with `<placeholders>` in it cannot run as written: it is kept, marked to be completed. */
function runOf(command: string): string {
  return /<[^>]+>/.test(command) ? `${PLACEHOLDER}: complete this command> ${command}` : command
}

function render(commands: DraftCommand[], environments: string[], secrets: string[]): string {
  const ids = new Set<string>()
  const lines = [
    '---',
    'deploy-executor: 1',
    '# Drafted by deploy-executor init from the prose below. Review every step, then replace each',
    `# ${PLACEHOLDER}: …> value: pre-flight refuses the plan while one is left.`,
    'environments:',
    ...environments.map(
      name =>
        `  ${name}:\n    url: ${quote(`${PLACEHOLDER}: the URL of ${name}, or remove this line>`)}`
    )
  ]
  if (secrets.length > 0) {
    lines.push(
      '# Names the prose mentions that look like secrets: each must be set for a real run.'
    )
    lines.push(`secrets: [${secrets.join(', ')}]`)
  }
  lines.push('steps:')
  const steps =
    commands.length > 0
      ? commands
      : [{ label: 'release', command: `${PLACEHOLDER}: the release command>`, section: '' }]
  steps.forEach((item, index) => {
    lines.push(`  - id: ${stepId(item.label, index, ids)}`)
    if (item.label) lines.push(`    purpose: ${quote(item.label)}`)
    lines.push(`    run: ${quote(runOf(item.command))}`)
    lines.push(`    # rollback: a command that undoes this step`)
  })
  lines.push(
    'health:',
    `  - name: ${quote('The site answers')}`,
    `    url: ${quote(`${PLACEHOLDER}: a health URL such as \${DEPLOY_URL}/healthz>`)}`,
    'rollback:',
    '  steps:',
    '    - id: restore-previous',
    `      run: ${quote(`${PLACEHOLDER}: the command that puts $DEPLOY_PREVIOUS_VERSION back>`)}`,
    '---'
  )
  return lines.join('\n')
}

function stepId(label: string, index: number, used: Set<string>): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  let id = slug === '' || /^\d/.test(slug) ? `step-${index + 1}` : slug
  if (used.has(id)) id = `${id}-${index + 1}`
  used.add(id)
  return id
}
