/**
 * npm run build: type check, then one ncc bundle per entry point. dist/ is committed; CI rebuilds
 * it and fails when the result differs.
 *   dist/index.js      the action's main step      (src/index.ts)
 *   dist/post.js       the action's post step      (src/post.ts, bundled in dist/post/)
 *   dist/cli/index.js  the command-line program    (src/cli.ts)
 */
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' })
const ncc = (entry, out, extra = []) =>
  run('npx', ['ncc', 'build', entry, '-o', out, '-q', ...extra])

run('npx', ['tsc', '-p', 'tsconfig.build.json'])
// From scratch: a chunk that a change made obsolete must not linger in the committed dist/.
rmSync('dist', { recursive: true, force: true })
ncc('src/index.ts', 'dist', ['--license', 'licenses.txt'])
ncc('src/post.ts', 'dist/post')
ncc('src/cli.ts', 'dist/cli')
writeFileSync(
  'dist/post.js',
  "// The action's post step: the bundle of src/post.ts.\nimport './post/index.js'\n"
)
