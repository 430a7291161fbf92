import { describe, expect, it } from '@jest/globals'
import { readFrontMatter } from '../src/front-matter.js'

describe('readFrontMatter', () => {
  it('parses YAML front matter and locates keys by file line', () => {
    const front = readFrontMatter('---\na: 1\nsteps:\n  - id: x\n    run: y\n---\n# body\n')

    expect(front.kind).toBe('parsed')
    if (front.kind !== 'parsed') return
    expect(front.data).toEqual({ a: 1, steps: [{ id: 'x', run: 'y' }] })
    expect(front.locate(['steps', 0, 'run'])).toBe(5)
    expect(front.locate(['steps', 0, 'missing'])).toBe(4)
  })

  it('reads a file with a BOM and CRLF line endings', () => {
    const front = readFrontMatter('\uFEFF---\r\na: 1\r\nb: two\r\n---\r\nbody\r\n')

    expect(front.kind).toBe('parsed')
    if (front.kind !== 'parsed') return
    expect(front.data).toEqual({ a: 1, b: 'two' })
    expect(front.locate(['b'])).toBe(3)
  })

  it.each(['js', 'javascript', 'coffee', 'toml'])(
    'refuses ---%s front matter without evaluating it',
    language => {
      const marker = `__deployExecutorPwned_${language}`
      const payload = `---${language}\n(globalThis.${marker} = true, { "deploy-executor": 1 })\n---\n`

      const front = readFrontMatter(payload)

      expect(front).toEqual({ kind: 'refused', language })
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
    }
  )

  it('reports invalid YAML with its line', () => {
    const front = readFrontMatter('---\na: 1\nb: [1, 2\nc: 3\n---\n')

    expect(front.kind).toBe('invalid')
    if (front.kind !== 'invalid') return
    expect(front.issues[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('refuses duplicate keys', () => {
    const front = readFrontMatter('---\na: 1\na: 2\n---\n')

    expect(front.kind).toBe('invalid')
    if (front.kind !== 'invalid') return
    expect(front.issues[0]).toMatchObject({ line: 3 })
    expect(front.issues[0]?.message).toMatch(/unique/)
  })

  it('says none for a file without front matter', () => {
    expect(readFrontMatter('# plan\n\ntext\n')).toEqual({ kind: 'none' })
  })
})
