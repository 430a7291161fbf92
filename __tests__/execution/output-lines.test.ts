import { describe, expect, it } from '@jest/globals'
import { OutputLines } from '../../src/execution/output-lines.js'
import { SecretRegistry } from '../../src/core/redact.js'

describe('OutputLines', () => {
  it('passes whole lines on, so a secret split across two reads is still redacted', () => {
    const secrets = new SecretRegistry()
    secrets.add('s3cret-token')
    const out: string[] = []
    const lines = new OutputLines(bytes => void out.push(secrets.redactBytes(bytes).toString()))

    void lines.push(Buffer.from('first line\nthe key is s3cr'))
    void lines.push(Buffer.from('et-token, ok\nlast'))
    void lines.flush()

    expect(out).toEqual(['first line\n', 'the key is ***, ok\n', 'last'])
  })

  it('lets a partial line out after a short pause, without waiting for the step to end', async () => {
    const out: string[] = []
    const lines = new OutputLines(bytes => void out.push(bytes.toString()), undefined, 20)

    void lines.push(Buffer.from('waiting for the database...'))
    await new Promise(resolve => setTimeout(resolve, 60))

    expect(out).toEqual(['waiting for the database...'])
  })

  it.each([
    ['after a pause', 20, 1_000, 'deploy with s3cr'],
    ['at the end of a long partial line', 10_000, 16, `${'x'.repeat(20)} s3cr`]
  ])(
    'holds back the start of a secret printed in two parts (%s)',
    async (_, idleMs, maxPartial, first) => {
      const secrets = new SecretRegistry()
      secrets.add('s3cret-token')
      const out: string[] = []
      const lines = new OutputLines(
        bytes => void out.push(secrets.redactBytes(bytes).toString()),
        bytes => secrets.partialSecretLength(bytes),
        idleMs,
        maxPartial
      )

      void lines.push(Buffer.from(first))
      await new Promise(resolve => setTimeout(resolve, 60))
      void lines.push(Buffer.from('et-token\n'))
      void lines.flush()

      expect(out.join('')).not.toContain('s3cr')
      expect(out.join('')).toContain('***')
      expect(out[0]).toBe(first.slice(0, -4))
    }
  )

  it('lets a very long line out in pieces rather than holding it', () => {
    const out: Buffer[] = []
    const lines = new OutputLines(bytes => void out.push(bytes), undefined, 1_000, 16)

    void lines.push(Buffer.from('x'.repeat(40)))
    void lines.flush()

    expect(Buffer.concat(out).toString()).toBe('x'.repeat(40))
    expect(out[0]?.length).toBe(40)
  })
})

describe('SecretRegistry.redactBytes', () => {
  it('returns the very same bytes when there is no secret in them', () => {
    const secrets = new SecretRegistry()
    secrets.add('s3cret-token')
    const bytes = Buffer.from('nothing to hide\n')

    expect(secrets.redactBytes(bytes)).toBe(bytes)
  })
})
