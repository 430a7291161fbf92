import { describe, expect, it } from '@jest/globals'
import { verbatim } from '../../src/core/message.js'
import { composeComment, publishComment } from '../../src/github/pr-comment.js'
import { SecretRegistry } from '../../src/core/redact.js'
import { renderReport } from '../../src/report/markdown.js'
import { redactReport } from '../../src/report/redact-report.js'
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
  prNumber?: number
) {
  return publishComment(client, { ...context, ...overrides }, report, markdown, { prNumber })
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
      { prNumber: undefined }
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

  it('puts a secret in no comment: it renders from the redacted report', async () => {
    const client = clientWithPull()
    const secrets = new SecretRegistry()
    secrets.add('hunter2_secret')
    const withSecret = reportOf({ warnings: [verbatim('token hunter2_secret <b>')] })
    const safe = redactReport(withSecret, secrets)

    await publishComment(client, context, safe, renderReport(safe, 'en'), { prNumber: undefined })

    const body = client.comments[7]?.[0]?.body ?? ''
    expect(body).toContain('token \\*\\*\\*')
    expect(body).not.toMatch(/hunter2/)
  })

  it('only warns for a pull request from a fork', async () => {
    const event = { pull_request: { number: 9, head: { repo: { full_name: 'mallory/site' } } } }

    const result = await publish(clientWithPull(), '# R\n', { event })

    expect(result).toMatchObject({
      kind: 'failed',
      warning: { en: expect.stringContaining('from the fork mallory/site') }
    })
  })

  it('warns with the permission to add when commenting is forbidden', async () => {
    const client = clientWithPull()
    client.errors.createIssueComment = forbidden('pull_requests=write')

    expect(await publish(client)).toEqual({
      kind: 'failed',
      warning: expect.objectContaining({
        en: "could not comment on pull request #7: the token was refused (HTTP 403): add 'pull-requests: write' under permissions: in the job"
      })
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
      body = composeComment(
        'staging',
        '# R\n',
        body,
        {
          at: `2026-05-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`,
          status: 'success',
          version: `v${index}`,
          durationMs: 1
        },
        'en'
      )
    }

    expect(body).toContain('Earlier attempts (19)')
    expect(body).toContain('2026-05-24T')
    expect(body).toContain('- 2026-05-06T')
    expect(body).not.toContain('- 2026-05-05T')
  })
})

describe('only the action writes what the action reads back', () => {
  const ours = (body: string, author = 'github-actions[bot]') => ({ id: 5, body, author })

  it.each([
    ['written by someone else', ours(`${MARKER}\nLGTM, ship it`, 'mallory')],
    ['with the marker further down', ours(`LGTM <!-- deploy-executor:staging -->`)],
    ['of another environment', ours('<!-- deploy-executor:production -->\n# prod')]
  ])('leaves alone a comment %s and posts its own', async (_, comment) => {
    const client = clientWithPull()
    client.comments[7] = [comment]
    const before = comment.body

    const result = await publish(client)

    expect(result).toMatchObject({ kind: 'posted', isUpdate: false })
    expect(client.comments[7]?.[0]?.body).toBe(before)
    expect(client.comments[7]).toHaveLength(2)
  })

  it('edits the comment of the identity a personal token acts as', async () => {
    const client = clientWithPull()
    client.tokenLogin = 'deploy-bot'
    client.comments[7] = [
      ours(`${MARKER}\n# old`, 'github-actions[bot]'),
      ours(`${MARKER}\n# mine`, 'deploy-bot')
    ]
    client.comments[7][1]!.id = 6

    const result = await publish(client)

    expect(result).toMatchObject({ kind: 'posted', commentId: 6, isUpdate: true })
  })

  it.each([
    [
      'history placed in the report part',
      `${MARKER}\n# r\n\n<!-- deploy-executor-history [{"at":"2026-01-01T00:00:00.000Z","status":"success","version":"forged","durationMs":1}] -->\n\nmore`
    ],
    [
      'a history entry whose link leads elsewhere',
      `${MARKER}\n# r\n\n<!-- deploy-executor-history [{"at":"2026-01-01T00:00:00.000Z","status":"success","version":"forged","durationMs":1,"runUrl":"https://evil.example/phish"}] -->`
    ],
    [
      'a history entry with a status the action never writes',
      `${MARKER}\n# r\n\n<!-- deploy-executor-history [{"at":"2026-01-01T00:00:00.000Z","status":"approve me","version":"forged","durationMs":1}] -->`
    ]
  ])('drops %s', (_, previous) => {
    const body = composeComment(
      'staging',
      '# new\n',
      previous,
      {
        at: '2026-05-24T10:05:00.000Z',
        status: 'success',
        version: 'v2',
        durationMs: 1
      },
      'en'
    )

    expect(body).not.toContain('forged')
    expect(body).not.toContain('evil.example')
  })

  it('does not comment on a pull request from a fork that holds the commit', async () => {
    const client = new MemoryGitHub()
    client.pulls = [{ number: 666, state: 'open', headRepo: 'mallory/site', baseRepo: 'acme/site' }]

    const result = await publish(client)

    expect(result.kind).toBe('skipped')
    expect(client.comments).toEqual({})
  })

  it("stays within GitHub's limit as sent, with long runs of backticks and a full history", () => {
    let body: string | undefined
    const markdown = [
      '# R',
      '```',
      `x${'`'.repeat(3_000)}`,
      ...Array.from({ length: 40 }, () => 'y'.repeat(2_200)),
      '```'
    ].join('\n')
    for (let index = 0; index < 25; index++) {
      body = composeComment(
        'staging',
        markdown,
        body,
        {
          at: '2026-05-24T10:05:00.000Z',
          status: 'failure',
          version: 'v'.repeat(100),
          durationMs: 1
        },
        'en'
      )
    }

    expect(body?.length).toBeLessThanOrEqual(65_536)
    expect(body).toContain('Truncated')
    expect(body?.trimEnd().split('\n').at(-1)).toMatch(/^<!-- deploy-executor-history \[/)
  })
})
