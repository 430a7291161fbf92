import { describe, expect, it } from '@jest/globals'
import { readFrontMatter } from '../../src/plan/front-matter.js'

describe('readFrontMatter', () => {
  it('parses YAML front matter and locates keys by file line', async () => {
    const front = await readFrontMatter('---\na: 1\nsteps:\n  - id: x\n    run: y\n---\n# body\n')

    expect(front.kind).toBe('parsed')
    if (front.kind !== 'parsed') return
    expect(front.data).toEqual({ a: 1, steps: [{ id: 'x', run: 'y' }] })
    expect(await front.locate(['steps', 0, 'run'])).toBe(5)
    expect(await front.locate(['steps', 0, 'missing'])).toBe(4)
  })

  it('reads a file with a BOM and CRLF line endings', async () => {
    const front = await readFrontMatter('\uFEFF---\r\na: 1\r\nb: two\r\n---\r\nbody\r\n')

    expect(front.kind).toBe('parsed')
    if (front.kind !== 'parsed') return
    expect(front.data).toEqual({ a: 1, b: 'two' })
    expect(await front.locate(['b'])).toBe(3)
  })

  it.each(['js', 'javascript', 'coffee', 'toml'])(
    'refuses ---%s front matter without evaluating it',
    async language => {
      const marker = `__deployExecutorPwned_${language}`
      const payload = `---${language}\n(globalThis.${marker} = true, { "deploy-executor": 1 })\n---\n`

      const front = await readFrontMatter(payload)

      expect(front).toEqual({ kind: 'refused', language })
      expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined()
    }
  )

  it('reports invalid YAML with its line', async () => {
    const front = await readFrontMatter('---\na: 1\nb: [1, 2\nc: 3\n---\n')

    expect(front.kind).toBe('invalid')
    if (front.kind !== 'invalid') return
    expect(front.issues[0]?.line).toBeGreaterThanOrEqual(3)
  })

  it('refuses duplicate keys', async () => {
    const front = await readFrontMatter('---\na: 1\na: 2\n---\n')

    expect(front.kind).toBe('invalid')
    if (front.kind !== 'invalid') return
    expect(front.issues[0]).toMatchObject({ line: 3 })
    expect(front.issues[0]?.message).toMatch(/unique/)
  })

  it('bounds alias expansion (a "billion laughs" plan)', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level)
      const name = String.fromCharCode(97 + level)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`)
    }

    const front = await readFrontMatter(`---\n${levels.join('\n')}\n---\n`)

    expect(front.kind).toBe('invalid')
    if (front.kind !== 'invalid') return
    expect(front.issues[0]?.message).toMatch(/alias/i)
  })

  it('reads a plan the same on the fast and the careful path', async () => {
    const source =
      'deploy-executor: 1\nenvironments: { staging: { variables: { N: 0o17, ON: yes, V: 1.0 } } }\nsteps:\n  - { id: x, run: "echo ~", timeout: 90 }\n  - id: y\n    run: |\n      a\n      b\n'
    const anchored = `${source}extra: &e 1\n`

    const fast = await readFrontMatter(`---\n${source}---\n`)
    const careful = await readFrontMatter(`---\n${anchored}---\n`)

    expect(fast.kind === 'parsed' && careful.kind === 'parsed').toBe(true)
    if (fast.kind !== 'parsed' || careful.kind !== 'parsed') return
    expect({ ...(careful.data as object), extra: undefined }).toEqual({
      ...(fast.data as object),
      extra: undefined
    })
  })

  it('says none for a file without front matter', async () => {
    expect(await readFrontMatter('# plan\n\ntext\n')).toEqual({ kind: 'none' })
  })
})
