import { describe, expect, it } from '@jest/globals'
import { composeComment, publishComment } from '../../src/github/pr-comment.js'
import { SecretRegistry } from '../../src/core/redact.js'
import type { RunContext } from '../../src/github/run-context.js'
import { githubContext, reportOf } from '../support/builders.js'
import { MemoryGitHub, forbidden } from '../support/memory-github.js'

const context = githubContext()
const report = reportOf()
const MARKER = '<!-- deploy-executor:staging -->'

function clientWithPull(): MemoryGitHub {
  const client = new MemoryGitHub()
  client.pulls = [
    { number: 3, state: 'closed', headRepo: 'acme/site', baseRepo: 'acme/site' },
    { number: 7, state: 'open', headRepo: 'acme/site', baseRepo: 'acme/site' }
  ]
  return client
}

function publish(
  client: MemoryGitHub,
  markdown = '# Report\n',
  overrides: Partial<RunContext> = {},
  prNumber?: number,
  secrets = new SecretRegistry()
) {
  return publishComment(client, { ...context, ...overrides }, report, markdown, {
    prNumber,
    secrets
  })
}

describe('publishComment', () => {
  it('creates one comment on the open pull request of the commit', async () => {
    const client = clientWithPull()

    const result = await publish(client)

    expect(result).toMatchObject({ kind: 'posted', pullRequest: 7, isUpdate: false })
    expect(client.comments[7]?.[0]?.body.startsWith(`${MARKER}\n# Report\n`)).toBe(true)
  })

  it('updates its comment in place and keeps the earlier attempt in the history', async () => {
    const client = clientWithPull()
    client.comments[7] = [{ id: 1, body: 'unrelated', author: 'alice' }]
    await publish(client, '# First\n')

    const second = await publishComment(
      client,
      context,
      reportOf({ status: 'rolled-back', deployment: { version: 'v3' } }),
      '# Second\n',
      { prNumber: undefined, secrets: new SecretRegistry() }
    )

    expect(second).toMatchObject({ kind: 'posted', isUpdate: true })
    expect(client.comments[7]).toHaveLength(2)
    const body = client.comments[7]?.[1]?.body ?? ''
    expect(body).toContain('# Second')
    expect(body).not.toContain('# First')
    expect(body).toContain('<details><summary>Earlier attempts (1)</summary>')
    expect(body).toContain(
      '- 2026-05-24T10:05:00.000Z · success · v2 · 1m5s · [run](https://github.com/acme/site/actions/runs/42)'
    )
  })

  it('uses pr-number, then the event pull request, before searching', async () => {
    const client = clientWithPull()

    await publish(client, '# R\n', {}, 11)
    await publish(client, '# R\n', {
      event: { pull_request: { number: 12, head: { repo: { full_name: 'acme/site' } } } }
    })

    expect(Object.keys(client.comments)).toEqual(['11', '12'])
    expect(client.calls).not.toContain('listPullRequestsOfCommit')
  })

  it('cuts a huge report below the comment limit and points to the job summary', async () => {
    const client = clientWithPull()

    await publish(client, `# Big\n\n${'x'.repeat(100)}\n`.repeat(2_000))

    const body = client.comments[7]?.[0]?.body ?? ''
    expect(body.length).toBeLessThan(65_536)
    expect(body).toContain(
      'Truncated: the job summary of [the run](https://github.com/acme/site/actions/runs/42)'
    )
  })

  it('redacts secrets from the body', async () => {
    const client = clientWithPull()
    const secrets = new SecretRegistry()
    secrets.add('hunter2-secret')

    await publish(client, 'token hunter2-secret\n', {}, undefined, secrets)

    expect(client.comments[7]?.[0]?.body).toContain('token ***')
  })

  it('only warns for a pull request from a fork', async () => {
    const event = { pull_request: { number: 9, head: { repo: { full_name: 'mallory/site' } } } }

    const result = await publish(clientWithPull(), '# R\n', { event })

    expect(result).toMatchObject({
      kind: 'failed',
      warning: expect.stringContaining('from the fork mallory/site')
    })
  })

  it('warns with the permission to add when commenting is forbidden', async () => {
    const client = clientWithPull()
    client.errors.createIssueComment = forbidden('pull_requests=write')

    expect(await publish(client)).toEqual({
      kind: 'failed',
      warning:
        "could not comment on pull request #7: the token was refused (HTTP 403): add 'pull-requests: write' under permissions: in the job"
    })
  })

  it('skips quietly when the commit has no pull request', async () => {
    expect(await publish(new MemoryGitHub())).toMatchObject({ kind: 'skipped' })
  })
})

describe('composeComment', () => {
  it('keeps at most 20 attempts', () => {
    let body: string | undefined
    for (let index = 0; index < 25; index++) {
      body = composeComment('staging', '# R\n', body, {
        at: `t${index}`,
        status: 'success',
        version: `v${index}`,
        durationMs: 1
      })
    }

    expect(body).toContain('Earlier attempts (19)')
    expect(body).toContain('t23')
    expect(body).toContain('- t5 ')
    expect(body).not.toContain('- t4 ')
  })
})
