/**
 * The layout of src/ as the README's Development section describes it: folders named for the
 * pipeline's stages, each importing only from the stages below it, and no import loop anywhere
 * (type imports included).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src')

/**
 * Lower layers never import higher ones. The orchestrator (deploy.ts) stands above the stages and
 * below the action's shell that calls it; the entry points on top only start the program.
 */
const LAYERS = [
  'core',
  'openlogos',
  'plan',
  'report',
  'execution',
  'github',
  'deploy.ts',
  'action',
  '.'
]

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.relative(SRC, path.join(dir, entry.name))]
        : []
  )
}

/** Every relative module a file imports: static, type-only and dynamic imports alike. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8')
  const specifiers = [
    ...text.matchAll(/\bfrom\s+'(\.[^']+)'/g),
    ...text.matchAll(/\bimport\s*\(\s*'(\.[^']+)'\s*\)/g),
    ...text.matchAll(/^import\s+'(\.[^']+)'/gm)
  ].map(match => match[1] ?? '')
  return specifiers.map(spec =>
    path.normalize(path.join(path.dirname(file), spec.replace(/\.js$/, '.ts')))
  )
}

function layerOf(file: string): string {
  if (file === 'deploy.ts') return file
  return file.includes(path.sep) ? (file.split(path.sep)[0] ?? '') : '.'
}

const graph = new Map(sourceFiles().map(file => [file, importsOf(file)]))

function cycles(): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next])
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('the layout of src/', () => {
  it('has every source file in a stage folder, or the orchestrator and entry points on top', () => {
    const top = [...graph.keys()].filter(file => !file.includes(path.sep)).sort()
    const folders = new Set([...graph.keys()].map(layerOf))

    expect(top).toEqual(['cli.ts', 'deploy.ts', 'index.ts', 'post.ts'])
    expect([...folders].sort()).toEqual([...LAYERS].sort())
  })

  it('resolves every relative import to a file of src/', () => {
    const missing = [...graph].flatMap(([file, imports]) =>
      imports.filter(target => !graph.has(target)).map(target => `${file} -> ${target}`)
    )

    expect(missing).toEqual([])
  })

  it('has no import loop', () => {
    expect(cycles().map(cycle => cycle.join(' -> '))).toEqual([])
  })

  it('imports only from its own stage or the stages below it', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports
        .filter(target => LAYERS.indexOf(layerOf(target)) > LAYERS.indexOf(layerOf(file)))
        .map(target => `${file} -> ${target}`)
    )

    expect(upward).toEqual([])
  })

  it('keeps the entry points to starting the program', () => {
    for (const entry of ['index.ts', 'post.ts', 'cli.ts']) {
      const text = readFileSync(path.join(SRC, entry), 'utf8')
      expect(graph.get(entry)?.every(target => target.startsWith(`action${path.sep}`))).toBe(true)
      expect(text.split('\n').length).toBeLessThan(30)
    }
  })
})
