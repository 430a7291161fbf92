/**
 * After a real run on a runner: the files it changed in the project, committed to the repository
 * (github/record-commit.ts), so that OpenLogos and the next run see them. When that is not
 * possible, the job summary shows the change as a patch for a person to apply.
 */
import { childProcess } from '../core/lazy-builtins.js'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import type { Log } from '../core/log.js'
import { inLocale, type Locale } from '../core/message.js'
import type { SecretRegistry } from '../core/redact.js'
import type { GitHubClient } from '../github/client.js'
import { persistRecord, type PersistMode, type PersistOutcome } from '../github/record-commit.js'
import type { RunContext } from '../github/run-context.js'
import { fenced, text as markdownText } from '../report/markdown-safe.js'
import type { DeploymentReport } from '../report/model.js'
import { say } from './messages.js'
import { OUTPUT, type OutputSink } from './outputs.js'

export interface PersistOptions {
  mode: PersistMode
  projectRoot: string
  client: GitHubClient | undefined
  context: RunContext
  log: Log
  secrets: SecretRegistry
  outputs: OutputSink
  /** Adds Markdown to the job summary. */
  summary: (markdown: string) => Promise<void>
}

export async function persistRun(
  report: DeploymentReport,
  options: PersistOptions
): Promise<PersistOutcome> {
  const changes = report.projectChanges
  if (!changes || options.mode === 'off') return { kind: 'skipped', reason: say.nothingToCommit }
  const { deployment } = report
  const repoPath = (file: string): string =>
    path
      .relative(options.context.workspace, path.join(options.projectRoot, file))
      .split(path.sep)
      .join('/')
  const outcome = options.client
    ? await persistRecord(options.client, options.context, {
        mode: options.mode,
        environment: deployment.environment ?? 'unknown',
        headline: `deploy-executor: ${deployment.proposal ?? ''} ${deployment.version} to ${deployment.environment ?? ''}: ${report.status}`,
        body: `The record of workflow run ${options.context.runUrl ?? options.context.runId ?? ''}: the deployment report${report.status === 'success' ? ', and what openlogos deploy-done does (tasks.md, DEPLOY_DONE, no SMOKE_PASS/SMOKE_FAIL)' : ''}.`,
        files: {
          written: await Promise.all(
            changes.written.map(async file => ({
              path: repoPath(file),
              contents: await fs.readFile(path.join(options.projectRoot, file))
            }))
          ),
          deleted: changes.deleted.map(repoPath)
        }
      })
    : ({ kind: 'failed', warning: say.noApiAccess } as const)
  switch (outcome.kind) {
    case 'committed':
      options.outputs.setOutput(OUTPUT.recordCommit, outcome.sha)
      options.log.info(say.committed(outcome.branch, outcome.url))
      break
    case 'pull-request':
      options.outputs.setOutput(OUTPUT.recordPullRequest, outcome.url)
      options.log.info(say.pullRequestOpened(outcome.number, outcome.url))
      break
    case 'failed': {
      options.log.warning(outcome.warning)
      const patch = options.secrets.redact(patchOf(options.projectRoot, changes, report.locale))
      const heading = inLocale(say.commitByHand, report.locale)
      // GitHub's answer is quoted in it: untrusted text, redacted, then made plain Markdown.
      const warning = markdownText(options.secrets.redact(inLocale(outcome.warning, report.locale)))
      await options
        .summary(`\n## ${heading}\n\n${warning}\n\n${fenced(patch, 'diff')}\n`)
        .catch(() => undefined)
      break
    }
    case 'skipped':
      break
  }
  return outcome
}

/** The change as `git diff` shows it (new files against /dev/null), or the file list without git. */
function patchOf(
  root: string,
  changes: { written: string[]; deleted: string[] },
  locale: Locale
): string {
  const git = (args: string[]): string => {
    try {
      return childProcess().execFileSync('git', args, {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      })
    } catch (error) {
      // git diff --no-index exits 1 when the files differ: its output is the patch.
      const output = (error as { stdout?: unknown }).stdout
      return typeof output === 'string' ? output : ''
    }
  }
  const paths = [...changes.written, ...changes.deleted]
  const tracked = git(['diff', '--no-color', '--', ...paths])
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--', ...changes.written])
    .split('\n')
    .filter(Boolean)
    .map(file => git(['diff', '--no-color', '--no-index', '/dev/null', file]))
    .join('')
  const patch = `${tracked}${untracked}`
  return patch.trim() === ''
    ? paths.map(file => inLocale(say.changedFile(file), locale)).join('\n')
    : patch
}
