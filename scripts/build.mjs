/**
 * npm run build: type check, then one ncc bundle per entry point. dist/ is committed; CI rebuilds
 * it and fails when the result differs.
 *   dist/index.js      the action's main step      (src/index.ts)
 *   dist/post.js       the action's post step      (src/post.ts, bundled in dist/post/)
 *   dist/cli/index.js  the command-line program    (src/cli.ts)
 *
 * The action's two bundles are CommonJS (dist/package.json, dist/post/package.json): Node starts
 * a CommonJS file about 3 ms sooner than an ES module, and nothing in them needs ES module
 * semantics once bundled. The command-line program stays an ES module (it awaits at its top level).
 * ncc's command line builds an ES module from an ES module package, so its API is used.
 *
 * Every file of a bundle (the entry and its chunks) is minified with terser: V8 reads and
 * pre-parses every byte of a bundle it loads at each start. Local names are shortened and blank
 * space and comments dropped, as ncc's --minify does its entry (and not its chunks); function and
 * class names are kept, so that a stack trace still names its functions, and license comments
 * stay. Beyond that, only dead code goes: webpack leaves every export nothing imports in place as
 * `null && ...` (most of zod's schema kinds and string formats), and terser's compression is
 * limited to dropping such code and declarations nothing uses (no inlining, no rewriting of what
 * runs). dist/index.js went from 0.97 MB to 0.40 MB, a dry run about 7 ms sooner.
 */
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { minify } from 'terser'

const ncc = createRequire(import.meta.url)('@vercel/ncc')

// ncc resolves modules through the paths of tsconfig.bundle.json: its tsconfig-paths reads
// TS_NODE_PROJECT (an absolute path: a relative one is taken from the wrong folder).
process.env.TS_NODE_PROJECT = path.resolve('tsconfig.bundle.json')

/** Dead code removal only: every other compression of terser stays off. */
const DEAD_CODE_ONLY = {
  defaults: false,
  dead_code: true,
  evaluate: true,
  conditionals: true,
  booleans: true,
  side_effects: true,
  unused: true,
  passes: 2,
  keep_classnames: true,
  keep_fnames: true
}

/** `code` minified (see above). */
async function minified(code, esm) {
  const result = await minify(code, {
    module: esm,
    compress: DEAD_CODE_ONLY,
    mangle: { keep_classnames: true, keep_fnames: true }
  })
  if (result.code === undefined) throw new Error('terser returned no code')
  return result.code
}

/** ncc's bundle of `entry` written to `out` as its command line writes it: code, chunks, assets. */
async function bundle(entry, out, options) {
  const { code, assets } = await ncc(path.resolve(entry), { quiet: true, ...options })
  mkdirSync(out, { recursive: true })
  writeFileSync(path.join(out, 'index.js'), await minified(code, options.esm))
  for (const [name, asset] of Object.entries(assets)) {
    const file = path.join(out, name)
    mkdirSync(path.dirname(file), { recursive: true })
    const source = name.endsWith('.js')
      ? await minified(String(asset.source), options.esm)
      : asset.source
    writeFileSync(file, source, { mode: asset.permissions })
  }
}

const COMMONJS = `${JSON.stringify({ type: 'commonjs' })}\n`

/**
 * @actions/core as the bundles get it: its own files, but three modules replaced by stand-ins from
 * scripts/bundle/. Two load the real ones (kept under a new name) when first called, so start-up
 * neither compiles nor evaluates what only those calls need: @actions/http-client and undici for
 * core.getIDToken, @actions/exec for core.platform.getDetails. The action calls neither. The
 * third, lib/file-command.js, writes the same files without loading crypto at every start.
 * @actions/github, loaded only when the GitHub API is needed, brings http-client and undici along.
 */
const CORE_STAND_INS = {
  'oidc-utils.js': 'oidc-client.js',
  'platform.js': 'platform-details.js',
  'file-command.js': 'file-command-crypto.js'
}

/**
 * core's lib/summary.js takes three functions out of `fs.promises` when it is loaded, which loads
 * Node's promise-based fs module (about 1.5 ms) at every start. The action writes the job summary
 * itself (src/action/job-summary.ts), so in the copy these are looked up when first called.
 */
const SUMMARY_EAGER = 'const { access, appendFile, writeFile } = promises;'
const SUMMARY_LAZY =
  'const access = (...a) => promises.access(...a), appendFile = (...a) => promises.appendFile(...a), writeFile = (...a) => promises.writeFile(...a);'

function prepareCore() {
  const copy = '.tmp/bundle/@actions/core'
  rmSync(copy, { recursive: true, force: true })
  cpSync('node_modules/@actions/core', copy, { recursive: true })
  for (const [module, real] of Object.entries(CORE_STAND_INS)) {
    renameSync(`${copy}/lib/${module}`, `${copy}/lib/${real}`)
    copyFileSync(`scripts/bundle/${module}`, `${copy}/lib/${module}`)
  }
  const summary = `${copy}/lib/summary.js`
  const text = readFileSync(summary, 'utf8')
  if (!text.includes(SUMMARY_EAGER)) {
    throw new Error(`${summary} no longer reads fs.promises as expected: review SUMMARY_EAGER`)
  }
  writeFileSync(summary, text.replace(SUMMARY_EAGER, SUMMARY_LAZY))
}

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
prepareCore()
// From scratch: a chunk that a change made obsolete must not linger in the committed dist/.
rmSync('dist', { recursive: true, force: true })
await bundle('src/index.ts', 'dist', { esm: false, license: 'licenses.txt' })
writeFileSync('dist/package.json', COMMONJS)
await bundle('src/post.ts', 'dist/post', { esm: false })
writeFileSync('dist/post/package.json', COMMONJS)
await bundle('src/cli.ts', 'dist/cli', { esm: true })
writeFileSync(
  'dist/post.js',
  "// The action's post step: the bundle of src/post.ts.\nrequire('./post/index.js')\n"
)
