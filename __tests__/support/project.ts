/**
 * Builds OpenLogos projects in real temporary folders: the filesystem is never faked. Defaults
 * give a project that is ready to deploy; each option changes one thing.
 */
import { promises as fs } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const PLAN_PATH =
  'logos/resources/prd/3-technical-plan/3-deployment/core-01-deployment-plan.md'
export const SLUG = 'add-login'
export const CHANGE = `logos/changes/${SLUG}`

/** A valid plan whose steps leave sentinel files, so tests can prove what ran. */
export const PLAN = `---
deploy-executor: 1
environments:
  staging:
    url: https://staging.example.com
    variables: { APP_ENV: staging }
  production:
    url: https://example.com
steps:
  - id: migrate
    purpose: Apply the schema migration
    run: touch "$SENTINEL_DIR/migrate-ran"
    rollback: touch "$SENTINEL_DIR/migrate-undone"
  - id: release
    run: touch "$SENTINEL_DIR/release-ran"
health:
  - name: Site answers
    url: \${DEPLOY_URL}/healthz
---
# core-01-deployment-plan

## 4. Build and release commands

- Release: \`./scripts/release.sh\`
`

export const PROPOSAL_EN = `# Proposal: add login

> module: core | created: 2026-05-24

## Deployment Impact

- Deployment required: yes
- Smoke required: no
`

export const PROPOSAL_ZH = `# 提案：添加登录

> module: core | created: 2026-05-24

## 部署影响

- 是否需要部署：是
- 是否需要 smoke：是
`

export const TASKS_EN = `# Tasks

## [code] Code Implementation
- [x] Implement the login form
- [X] Add tests

## [deploy] Deployment Tasks
- [ ] Deploy to staging per the plan
- [ ] Confirm migration, configuration and rollback
`

export const TASKS_ZH = `# 实现任务

## [code] 代码实现
- [x] 实现 src/xxx 中的业务逻辑

## [deploy] 部署任务
- [ ] 按部署方案部署到 staging
- [ ] 确认迁移、配置、服务启动和回滚预案
`

export interface ProjectOptions {
  locale?: 'en' | 'zh'
  /** Files to write or (with null) to leave out, by project-relative path. */
  files?: Record<string, string | null>
  markers?: string[]
}

export interface Project {
  root: string
  write(file: string, text: string): Promise<void>
  read(file: string): Promise<string>
  exists(file: string): Promise<boolean>
  remove(file: string): Promise<void>
  cleanup(): Promise<void>
}

export async function makeProject(options: ProjectOptions = {}): Promise<Project> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'deploy-executor-'))
  const zh = options.locale === 'zh'
  const files: Record<string, string | null> = {
    'logos/logos.config.json': JSON.stringify({ name: 'demo', locale: zh ? 'zh' : 'en' }),
    'logos/.openlogos-guard': JSON.stringify({
      activeChange: SLUG,
      module: 'core',
      createdAt: '2026-05-24T00:00:00Z'
    }),
    [`${CHANGE}/proposal.md`]: zh ? PROPOSAL_ZH : PROPOSAL_EN,
    [`${CHANGE}/tasks.md`]: zh ? TASKS_ZH : TASKS_EN,
    [PLAN_PATH]: PLAN,
    ...options.files
  }
  const project: Project = {
    root,
    write: async (file, text) => {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true })
      await fs.writeFile(path.join(root, file), text)
    },
    read: file => fs.readFile(path.join(root, file), 'utf8'),
    exists: file =>
      fs.lstat(path.join(root, file)).then(
        () => true,
        () => false
      ),
    remove: file => fs.rm(path.join(root, file), { recursive: true, force: true }),
    cleanup: () => fs.rm(root, { recursive: true, force: true })
  }
  for (const [file, text] of Object.entries(files)) {
    if (text !== null) await project.write(file, text)
  }
  for (const marker of options.markers ?? ['VERIFY_PASS'])
    await project.write(`${CHANGE}/${marker}`, '')
  return project
}
