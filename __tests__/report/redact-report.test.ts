/**
 * Redaction comes before formatting: whatever characters a secret holds, no form of it reaches the
 * rendered report, and a secret equal to a word the action writes damages nothing it relies on.
 */
import { describe, expect, it } from '@jest/globals'
import type { Message } from '../../src/core/message.js'
import { SecretRegistry } from '../../src/core/redact.js'
import { renderReport } from '../../src/report/markdown.js'
import { redactReport } from '../../src/report/redact-report.js'
import { toResultJson } from '../../src/report/result-json.js'
import { reportOf } from '../support/builders.js'

/** A sentence in both languages, each holding the secret. */
function said(en: string, zh: string): Message {
  return { en, zh }
}

function withSecretEverywhere(secret: string) {
  return reportOf({
    status: 'rolled-back',
    deployUrl: `https://app.example/?t=${secret}`,
    error: said(`stopped: ${secret}`, `已停止：${secret}`),
    warnings: [said(`warning ${secret}`, `警告 ${secret}`)],
    approvals: [{ user: 'alice', comment: `ok ${secret}` }],
    authorization: said(`approved by @alice ("ok ${secret}")`, `由 @alice（「ok ${secret}」）批准`),
    deployment: {
      changes: { total: 1, commits: [{ sha: 'abcdef1', message: `fix ${secret}`, author: 'bob' }] }
    },
    steps: [
      {
        id: 'release',
        name: 'release',
        phase: 'deploy',
        status: 'failed',
        durationMs: 1,
        exitCode: 1,
        note: said(`failed ${secret}`, `失败 ${secret}`),
        outputTail: `line 1\ntoken ${secret}\nbasic ${Buffer.from(`deploy:${secret}`).toString('base64')}\n`,
        outputs: { [`k${secret}`]: `v${secret}` }
      }
    ],
    health: [
      {
        name: 'api',
        kind: 'command',
        phase: 'deploy',
        isHealthy: false,
        probes: 1,
        failures: 1,
        lastError: said(`401 for ${secret}`, `${secret} 返回 401`),
        durationMs: 1
      }
    ]
  })
}

describe('redactReport', () => {
  it.each([
    ['underscores', 'tok_live_4f9a8b7c6d5e'],
    ['HTML and quotes', 'Pa"ss&w0rd<9>'],
    ['Markdown', 'a*b`c|d[e]f'],
    ['backslashes', 'C:\\key\\x9'],
    ['non-ASCII', 'pässwörd-ünïcode']
  ])('leaves no trace of a secret with %s in the rendered report', (_, secret) => {
    const secrets = new SecretRegistry()
    secrets.add(secret)

    const safe = redactReport(withSecretEverywhere(secret), secrets)
    const rendered = [
      renderReport(safe, 'en'),
      renderReport(safe, 'zh'),
      JSON.stringify(toResultJson(safe, undefined))
    ].join('\n')

    for (const form of [secret, secret.replace(/[_*`|[\]\\]/g, '\\$&'), JSON.stringify(secret)])
      expect(rendered).not.toContain(form.replace(/^"|"$/g, ''))
    expect(rendered).not.toContain(Buffer.from(secret).toString('base64').slice(2, 14))
  })

  it.each(['success', 'true', 'staging', 'add-login'])(
    'keeps what the action relies on whole when a secret is %p',
    secret => {
      const secrets = new SecretRegistry()
      secrets.add(secret)

      const safe = redactReport(
        reportOf({ warnings: [said(`about ${secret}`, `关于 ${secret}`)] }),
        secrets
      )

      expect(safe.status).toBe('success')
      expect(safe.deployment).toEqual(reportOf().deployment)
      expect(safe.warnings).toEqual([said('about ***', '关于 ***')])
    }
  )
})
