/**
 * npm run build: type check, then one ncc bundle per entry point. dist/ is committed; CI rebuilds
 * it and fails when the result differs.
 *   dist/index.js      the action's main step      (src/index.ts)
 *   dist/post.js       the action's post step      (src/post.ts, bundled in dist/post/)
 *   dist/cli/index.js  the command-line program    (src/cli.ts)
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

// ncc resolves modules through the paths of tsconfig.bundle.json: its tsconfig-paths reads
// TS_NODE_PROJECT (an absolute path: a relative one is taken from the wrong folder).
const bundleEnv = { ...process.env, TS_NODE_PROJECT: path.resolve('tsconfig.bundle.json') }
const run = (command, args, env = process.env) =>
  execFileSync(command, args, { stdio: 'inherit', env })
const ncc = (entry, out, extra = []) =>
  run('npx', ['ncc', 'build', entry, '-o', out, '-q', ...extra], bundleEnv)

/**
 * @actions/core as the bundles get it: its own files, but two modules replaced by stand-ins from
 * scripts/bundle/ that load the real ones (kept under a new name) when first called. Start-up then
 * neither compiles nor evaluates what only those calls need: @actions/http-client and undici for
 * core.getIDToken, @actions/exec for core.platform.getDetails. The action calls neither;
 * @actions/github, loaded only when the GitHub API is needed, brings http-client and undici along.
 */
const CORE_STAND_INS = { 'oidc-utils.js': 'oidc-client.js', 'platform.js': 'platform-details.js' }

function prepareCore() {
  const copy = '.tmp/bundle/@actions/core'
  rmSync(copy, { recursive: true, force: true })
  cpSync('node_modules/@actions/core', copy, { recursive: true })
  for (const [module, real] of Object.entries(CORE_STAND_INS)) {
    renameSync(`${copy}/lib/${module}`, `${copy}/lib/${real}`)
    copyFileSync(`scripts/bundle/${module}`, `${copy}/lib/${module}`)
  }
}

run('npx', ['tsc', '-p', 'tsconfig.build.json'])
prepareCore()
// From scratch: a chunk that a change made obsolete must not linger in the committed dist/.
rmSync('dist', { recursive: true, force: true })
ncc('src/index.ts', 'dist', ['--license', 'licenses.txt'])
ncc('src/post.ts', 'dist/post')
ncc('src/cli.ts', 'dist/cli')
writeFileSync(
  'dist/post.js',
  "// The action's post step: the bundle of src/post.ts.\nimport './post/index.js'\n"
)
