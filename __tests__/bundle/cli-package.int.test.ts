/**
 * The command-line program as a user gets it: the packed package installed into an empty folder
 * outside this repository (no registry needed: it has no runtime dependencies), run on a copy of
 * the example project under the Node version the package declares.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { NODE24 } from '../support/action-runner.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
let folder: string
let program: string

beforeAll(() => {
  folder = mkdtempSync(path.join(os.tmpdir(), 'cli-package-'))
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', folder], {
    cwd: REPO,
    encoding: 'utf8'
  }).trim()
  const install = path.join(folder, 'install')
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      install,
      '--offline',
      '--no-audit',
      '--no-fund',
      path.join(folder, packed)
    ],
    { cwd: folder, stdio: 'ignore' }
  )
  program = path.join(install, 'node_modules/deploy-executor/bin/deploy-executor.js')
  cpSync(path.join(REPO, 'examples/acme-site'), path.join(folder, 'project'), { recursive: true })
}, 120_000)

afterAll(() => {
  rmSync(folder, { recursive: true, force: true })
})

function run(args: string[]): { code: number; output: string } {
  try {
    const output = execFileSync(NODE24, [program, ...args], {
      cwd: path.join(folder, 'project'),
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', HOME: folder },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    return { code: 0, output }
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string }
    return { code: failed.status, output: `${failed.stdout}${failed.stderr}` }
  }
}

describe('the packed command-line program', () => {
  it('installs with no dependency and declares the Node it needs', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(path.dirname(program), '../package.json'), 'utf8')
    ) as { dependencies?: Record<string, string>; engines?: { node?: string } }

    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.engines?.node).toBe('>=22')
  })

  it('prints its help', () => {
    const { code, output } = run(['--help'])

    expect(code).toBe(0)
    expect(output).toContain('Usage: deploy-executor [options]')
    expect(output).toContain('--confirm <name>')
  })

  it('previews the example project outside this repository', () => {
    const { code, output } = run(['--dry-run', '--environment', 'staging'])

    expect(code).toBe(0)
    expect(output).toContain('🔍 Dry run: add-status-page')
    expect(output).toContain('uses DEMO_PORT, not set: DEPLOY_URL would start empty')
    expect(output).not.toMatch(/&(quot|lt|gt|amp);|<\/?code>|\*\*/)
  })
})
