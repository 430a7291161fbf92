/**
 * Drafting an executable plan from the prose the deployment-designer writes: only the shell
 * commands of the build, release and deploy sections, never OpenLogos' lifecycle commands or
 * placeholders taken for commands, and a draft that pre-flight refuses until a person edits it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { draftFrontMatter, isShellCommand } from '../../src/plan/draft.js'
import { planSchema } from '../../src/plan/schema.js'

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__/plans')
const plan = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8')

function frontMatterData(draft: string): unknown {
  return parse(draft.replace(/^---\n/, '').replace(/\n---$/, ''))
}

describe('draftFrontMatter on a Chinese plan of the deployment-designer', () => {
  const draft = draftFrontMatter(plan('designer-zh.md'))

  it('takes the shell commands of the release sections, and only those', () => {
    expect(draft.commands.map(item => item.command)).toEqual([
      'cd cli && npm run build',
      'cd cli && npm test',
      'cd cli && npm pack',
      'cd website && npm run generate:releases',
      'cd website && npm run build',
      'cd website && npm run deploy',
      'npm install -g <生成的 tarball>'
    ])
  })

  it('never takes a lifecycle command, a version, a task tag or a marker for a step', () => {
    const text = draft.frontMatter

    expect(text).not.toMatch(/run: "openlogos/)
    for (const word of ['vX.Y.Z', '[deploy]', 'DEPLOY_DONE', 'git tag'])
      expect(text).not.toContain(`run: "${word}`)
  })

  it('finds the environments and the secret names the prose mentions', () => {
    expect(draft.environments).toEqual(['staging', 'production'])
    expect(draft.secrets).toEqual(['NPM_TOKEN', 'SITE_DEPLOY_TOKEN'])
  })

  it('is a plan the schema reads, refused only for its placeholders', () => {
    const result = planSchema.safeParse(frontMatterData(draft.frontMatter))

    expect(result.success).toBe(false)
    const messages = result.error?.issues.map(issue => issue.message) ?? []
    expect(messages.length).toBeGreaterThan(0)
    expect(messages.every(message => /placeholder|must start with/.test(message))).toBe(true)
    expect(draft.frontMatter).toContain(
      'run: "<TODO: complete this command> npm install -g <生成的 tarball>"'
    )
  })

  it('passes the schema once every placeholder is replaced', () => {
    const edited = draft.frontMatter
      .replace(/"<TODO: complete this command> ([^"]+)"/g, '"$1"')
      .replace(/"<TODO: the URL of [^"]+"/g, '"https://example.com"')
      .replace(/"<TODO: a health URL[^"]+"/g, '"${DEPLOY_URL}/healthz"')
      .replace(/"<TODO: the command that puts[^"]+"/g, '"./scripts/restore.sh"')

    expect(planSchema.safeParse(frontMatterData(edited)).success).toBe(true)
  })
})

describe('draftFrontMatter on an English plan', () => {
  const draft = draftFrontMatter(plan('designer-en.md'))

  it('takes bullets and fenced shell blocks of the release section', () => {
    expect(draft.commands.map(item => item.command)).toEqual([
      'npm ci && npm run build',
      './scripts/migrate.sh up',
      'docker compose -f deploy/compose.yml up -d web'
    ])
    expect(draft.environments).toEqual(['staging', 'production'])
    expect(draft.secrets).toEqual(['DATABASE_URL', 'SENTRY_DSN'])
  })

  it('never takes an OpenLogos marker for a secret', () => {
    const prose = '# plan\n\nAfter VERIFY_PASS and before SMOKE_PASS, export API_TOKEN.\n'

    expect(draftFrontMatter(prose).secrets).toEqual(['API_TOKEN'])
  })

  it('takes the environments the project already declares first', () => {
    expect(draftFrontMatter('# plan\n', { environments: ['qa'] }).environments).toEqual(['qa'])
  })
})

describe('isShellCommand', () => {
  it.each([
    ['cd cli && npm run build', true],
    ['./scripts/release.sh api', true],
    ['kubectl rollout status deploy/web', true],
    ['openlogos smoke --env staging', false],
    ['vX.Y.Z', false],
    ['DEPLOY_DONE', false],
    ['[deploy]', false],
    ['npm', false],
    ['logos/resources/verify/deployment-report.md', false]
  ])('%p is a shell command: %p', (text, expected) => {
    expect(isShellCommand(text)).toBe(expected)
  })
})
