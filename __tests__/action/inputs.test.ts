/**
 * The input table is the one definition of the action's inputs: action.yml, the README's inputs
 * table and the command line's usage text must say what it says.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { USAGE } from '../../src/action/command-line.js'
import { INPUTS } from '../../src/action/inputs.js'
import { OUTPUT } from '../../src/action/outputs.js'
import { readSettings } from '../../src/action/settings.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const actionYml = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string | number; description?: string }>
  outputs: Record<string, unknown>
}
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')

/** The rows of the README table under `heading`: first cell without backticks, second cell. */
function readmeTable(heading: string): Map<string, string> {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  const rows = section
    .split('\n')
    .filter(line => /^\| `/.test(line))
    .map(line => line.split('|').map(cell => cell.trim()))
  return new Map(rows.map(cells => [(cells[1] ?? '').replace(/`/g, ''), cells[2] ?? '']))
}

const table = Object.values(INPUTS)

describe('the input table', () => {
  it('names the same inputs as action.yml, with the same defaults', () => {
    const declared = Object.entries(actionYml.inputs).map(([name, spec]) => [
      name,
      spec.default ?? ''
    ])

    expect(declared.sort()).toEqual(table.map(spec => [spec.name, spec.default]).sort())
  })

  it('gives every input of action.yml a description', () => {
    const undescribed = Object.entries(actionYml.inputs).filter(
      ([, spec]) => (spec.description ?? '').trim().length < 20
    )

    expect(undescribed).toEqual([])
  })

  it("names the same inputs as the README's table, with the same fixed defaults", () => {
    const rows = readmeTable('Inputs')

    expect([...rows.keys()].sort()).toEqual(table.map(spec => spec.name).sort())
    for (const spec of table.filter(spec => spec.default !== '')) {
      expect([spec.name, rows.get(spec.name)]).toEqual([spec.name, `\`${spec.default}\``])
    }
  })

  it("names the same outputs in action.yml, the README's table and the code", () => {
    const names = Object.values(OUTPUT).sort()

    expect(Object.keys(actionYml.outputs).sort()).toEqual(names)
    expect([...readmeTable('Outputs').keys()].sort()).toEqual(names)
  })

  it('reads every default of action.yml as the default it documents', () => {
    const fromDefaults = readSettings(name => {
      const spec = table.find(item => item.name === name)
      return spec?.default.startsWith('${{') ? '' : spec?.default
    }, '/w')
    const fromNothing = readSettings(() => undefined, '/w')

    expect(fromDefaults).toEqual(fromNothing)
  })

  it('offers each command-line option in the usage text', () => {
    const options = table.flatMap(spec => (spec.cli ? [spec.cli.option] : []))

    expect(options.length).toBeGreaterThan(10)
    for (const option of options) expect(USAGE).toContain(`--${option}`)
  })
})
