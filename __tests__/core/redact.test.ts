import { describe, expect, it } from '@jest/globals'
import { REDACTED, SecretRegistry } from '../../src/core/redact.js'

describe('SecretRegistry', () => {
  it('replaces a secret, its base64 and URL-encoded forms', () => {
    const secrets = new SecretRegistry()
    const value = 's3cr3t value/+?'
    secrets.add(value)

    const text = [
      value,
      Buffer.from(value).toString('base64'),
      Buffer.from(value).toString('base64url'),
      encodeURIComponent(value)
    ].join(' | ')

    expect(secrets.redact(text)).toBe([REDACTED, REDACTED, REDACTED, REDACTED].join(' | '))
  })

  it('replaces each line of a multi-line secret of 4 characters or more', () => {
    const secrets = new SecretRegistry()
    secrets.add('-----BEGIN KEY-----\nabcdefgh\nxy\n-----END KEY-----')

    const redacted = secrets.redact('line: abcdefgh\nfooter -----END KEY----- xy')

    expect(redacted).toBe(`line: ${REDACTED}\nfooter ${REDACTED} xy`)
  })

  it('tells the runner about every form it redacts', () => {
    const registered: string[] = []
    const secrets = new SecretRegistry(value => registered.push(value))

    secrets.add('token-1234')
    secrets.add('token-1234')
    secrets.add('')
    secrets.add(undefined)

    expect(registered).toContain('token-1234')
    expect(registered).toContain(Buffer.from('token-1234').toString('base64'))
    expect(new Set(registered).size).toBe(registered.length)
  })
})

describe('SecretRegistry with very short values', () => {
  it('leaves values under 4 characters alone rather than starring every such letter', () => {
    const registered: string[] = []
    const secrets = new SecretRegistry(value => registered.push(value))

    secrets.add('x')
    secrets.add('abc')

    expect(secrets.redact('the selected targets exist: abc')).toBe(
      'the selected targets exist: abc'
    )
    expect(registered).toEqual([])
  })
})

describe('SecretRegistry on raw output', () => {
  it('finds every form in bytes, whatever characters the secret holds', () => {
    const secrets = new SecretRegistry()
    const values = ['a.b*c+d?(e)[f]{g}|h\\i^j$k/l-m', 'pässwörd-ünïcode', 'plain-token-1234']
    values.forEach(value => secrets.add(value))

    for (const value of values) {
      const output = Buffer.from(`before ${value} after\nand ${encodeURIComponent(value)}\n`)

      expect(secrets.redactBytes(output).toString()).toBe(
        `before ${REDACTED} after\nand ${REDACTED}\n`
      )
    }
  })

  it('passes output without a secret through as the very same bytes, invalid UTF-8 included', () => {
    const secrets = new SecretRegistry()
    secrets.add('pässwörd')
    // The secret's bytes, one of them changed: no match, and nothing decoded or re-encoded.
    const output = Buffer.from('p\xe4ssw\xc3\xb6rd \xff\xfe\n', 'latin1')

    expect(secrets.redactBytes(output)).toBe(output)
  })

  it('passes everything through when no secret is known', () => {
    const output = Buffer.from('nothing to hide\n')

    expect(new SecretRegistry().redactBytes(output)).toBe(output)
  })
})
