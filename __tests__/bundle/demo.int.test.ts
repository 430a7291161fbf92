/** The newcomer's path: `npm run demo` dry-runs, deploys and rolls back the example project. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

describe('npm run demo', () => {
  it('shows a dry run, a deployment and a rollback, and says all went as expected', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>(resolve => {
      const child = spawn(process.execPath, ['scripts/demo.mjs'], {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.on('close', exitCode => resolve({ code: exitCode, output }))
    })

    expect(output).toContain('🔍 Dry run: add-status-page')
    expect(output).toMatch(/^Result {2,}✅ success$/m)
    expect(output).toMatch(/^Result {2,}↩️ rolled back$/m)
    expect(output).not.toMatch(/&(quot|lt|gt|amp);|<code>/)
    expect(output).toContain('demo: dry run, deployment and rollback all behaved as expected')
    expect(code).toBe(0)
  })
})
