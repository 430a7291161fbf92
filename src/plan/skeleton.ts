/**
 * For a plan that is still prose only: the inline commands its build-and-release section names, and
 * a front matter skeleton built from them for a person to review and paste. Nothing here runs them.
 */

const RELEASE_HEADING = /build|release|deploy(ment)? commands?|构建|发布|部署命令/i
const HEADING = /^(#{1,6})\s+(.*)$/
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/
const INLINE_CODE = /`([^`\n]+)`/g

export interface FrontMatterSuggestion {
  commands: string[]
  skeleton: string
}

interface FoundCommand {
  label: string
  command: string
}

export function suggestFrontMatter(
  text: string,
  environments: string[] = []
): FrontMatterSuggestion {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  let found = collect(lines, true)
  if (found.length === 0) found = collect(lines, false).filter(item => item.command.includes(' '))
  const unique = found.filter(
    (item, index) => found.findIndex(other => other.command === item.command) === index
  )
  return {
    commands: unique.map(item => item.command),
    skeleton: renderSkeleton(unique, environments.length > 0 ? environments : ['staging'])
  }
}

/** Bullets with inline code, in release sections only or in the whole document. */
function collect(lines: string[], releaseSectionsOnly: boolean): FoundCommand[] {
  const found: FoundCommand[] = []
  let sectionLevel = 0
  let inRelease = !releaseSectionsOnly
  for (const line of lines) {
    const heading = HEADING.exec(line)
    if (heading) {
      const level = heading[1]?.length ?? 1
      if (releaseSectionsOnly) {
        if (RELEASE_HEADING.test(heading[2] ?? '')) {
          inRelease = true
          sectionLevel = level
        } else if (level <= sectionLevel) {
          inRelease = false
        }
      }
      continue
    }
    const bullet = BULLET.exec(line)
    if (!inRelease || !bullet) continue
    const content = bullet[1] ?? ''
    const label = content.split(/[:：`]/)[0]?.trim() ?? ''
    for (const match of content.matchAll(INLINE_CODE)) {
      const command = match[1]?.trim()
      if (command) found.push({ label, command })
    }
  }
  return found
}

function renderSkeleton(found: FoundCommand[], environments: string[]): string {
  const steps =
    found.length > 0 ? found : [{ label: '', command: 'echo "replace with the release command"' }]
  const usedIds = new Set<string>()
  const lines = [
    '---',
    'deploy-executor: 1',
    'environments:',
    ...environments.map(name => `  ${name}: {}    # url: https://..., variables: {...}`),
    '# secrets: [DEPLOY_TOKEN]   # variables that must be set for a real run',
    'steps:'
  ]
  steps.forEach((item, index) => {
    const id = uniqueId(item.label, index, usedIds)
    lines.push(`  - id: ${id}`)
    if (item.label) lines.push(`    purpose: ${JSON.stringify(item.label)}`)
    lines.push(`    run: ${JSON.stringify(item.command)}`)
    lines.push('    # rollback: a command that undoes this step')
  })
  lines.push(
    '# health:',
    '#   - name: Site answers',
    '#     url: ${DEPLOY_URL}/',
    'rollback:',
    '  steps:',
    '    - id: restore-previous',
    '      run: "false  # replace with the command that restores $DEPLOY_PREVIOUS_VERSION"',
    '---'
  )
  return lines.join('\n')
}

function uniqueId(label: string, index: number, used: Set<string>): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
  let id = slug === '' ? `step-${index + 1}` : slug
  if (used.has(id)) id = `${id}-${index + 1}`
  used.add(id)
  return id
}
