/**
 * npm run screenshots: the report as GitHub shows it, in pictures for the README. Renders sample
 * reports with a GFM renderer, GitHub's Markdown stylesheet and Mermaid, in headless Chromium
 * (Debian's `chromium`; not part of npm test), with fonts for Chinese and emoji (Debian's
 * `fonts-noto-cjk` and `fonts-noto-color-emoji`; without them both draw as empty boxes). The
 * renderer's helpers (mermaid, the stylesheet, playwright-core to drive Chromium) are installed
 * into a cache folder on first use, outside the project's dependencies.
 *
 *   docs/images/summary-rolled-back.png    a rolled-back deployment, as the job summary shows it
 *   docs/images/comment-success.png        the PR comment of a deployment, with its history
 *   docs/images/summary-dry-run-zh.png     a dry run of a Chinese project
 *   docs/images/summary-fleet.png          a fleet of four targets: targets × steps, a lane each
 *   docs/images/summary-canary-metric.png  a canary rolled back by a metric check, as a line chart
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Marked } from 'marked'
import markedAlert from 'marked-alert'
import { composeComment } from '../src/github/pr-comment.js'
import { renderReport } from '../src/report/markdown.js'
import type { DeploymentReport } from '../src/report/model.js'
import { SAMPLES } from '../__tests__/support/report-samples.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUT = path.join(REPO, 'docs/images')
const CACHE = path.join(os.tmpdir(), 'deploy-executor-screenshots')
const HELPERS = ['mermaid@12.3.0', 'github-markdown-css@5.9.0', 'playwright-core@1.64.1']
const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium'

function installHelpers(): void {
  if (existsSync(path.join(CACHE, 'node_modules/playwright-core'))) return
  mkdirSync(CACHE, { recursive: true })
  execFileSync('npm', ['install', '--prefix', CACHE, '--no-audit', '--no-fund', ...HELPERS], {
    stdio: 'inherit'
  })
}

/** Chromium draws a character that no installed font has as an empty box: refuse to draw those. */
function checkFonts(): void {
  const needed = [
    { pattern: ':lang=zh', what: 'Chinese', font: 'fonts-noto-cjk' },
    { pattern: ':lang=und-zsye', what: 'emoji', font: 'fonts-noto-color-emoji' }
  ]
  const missing = needed.filter(({ pattern }) => {
    try {
      return execFileSync('fc-list', [pattern, 'family'], { encoding: 'utf8' }).trim() === ''
    } catch {
      return false // no fc-list to ask: let Chromium try
    }
  })
  if (missing.length > 0)
    throw new Error(
      `no font for ${missing.map(item => item.what).join(' or ')}: ` +
        `apt-get install ${missing.map(item => item.font).join(' ')}`
    )
}

const gfm = new Marked({ gfm: true, async: false }).use(markedAlert())

function page(markdown: string): string {
  const css = pathToFileURL(
    path.join(CACHE, 'node_modules/github-markdown-css/github-markdown-light.css')
  ).href
  const mermaid = pathToFileURL(path.join(CACHE, 'node_modules/mermaid/dist/mermaid.min.js')).href
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="${css}">
<style>body{margin:0;background:#fff}.markdown-body{box-sizing:border-box;width:900px;padding:32px}</style>
</head><body><article class="markdown-body">${gfm.parse(markdown) as string}</article>
<script src="${mermaid}"></script>
<script>
for (const code of document.querySelectorAll('code.language-mermaid')) {
  const div = document.createElement('div'); div.className = 'mermaid'; div.textContent = code.textContent
  code.parentElement.replaceWith(div)
}
mermaid.initialize({ startOnLoad: false, theme: 'default' })
mermaid.run().then(() => { document.body.dataset.ready = 'yes' })
</script></body></html>`
}

function sample(kind: string): DeploymentReport {
  const report = SAMPLES[kind]
  if (!report) throw new Error(`no sample report '${kind}'`)
  return report
}

const previous = composeComment(
  'staging',
  '# earlier\n',
  undefined,
  {
    at: '2026-05-23T16:20:00.000Z',
    status: 'rolled-back',
    version: 'v1.3.9',
    durationMs: 41_000,
    runUrl: 'https://github.com/acme/site/actions/runs/41'
  },
  'en'
)

const PICTURES: { name: string; markdown: string }[] = [
  { name: 'summary-rolled-back', markdown: renderReport(sample('rolled-back'), 'en') },
  {
    name: 'comment-success',
    markdown: composeComment(
      'staging',
      renderReport(sample('success'), 'en'),
      previous,
      {
        at: '2026-05-24T10:02:30.000Z',
        status: 'success',
        version: 'v1.4.0',
        durationMs: 150_000,
        runUrl: 'https://github.com/acme/site/actions/runs/42'
      },
      'en'
    )
  },
  { name: 'summary-dry-run-zh', markdown: renderReport(sample('dry-run'), 'zh') },
  { name: 'summary-fleet', markdown: renderReport(sample('fleet'), 'en') },
  { name: 'summary-canary-metric', markdown: renderReport(sample('canary-metric'), 'en') }
]

/** The little of playwright-core this script uses (it is not a dependency of the project). */
interface Tab {
  goto(url: string): Promise<unknown>
  waitForSelector(
    selector: string,
    options: { timeout: number; state: 'attached' }
  ): Promise<unknown>
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>
  close(): Promise<void>
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Tab>
  close(): Promise<void>
}

checkFonts()
installHelpers()
const { chromium } = (await import(
  pathToFileURL(path.join(CACHE, 'node_modules/playwright-core/index.mjs')).href
)) as {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> }
}
mkdirSync(OUT, { recursive: true })
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
})
try {
  for (const picture of PICTURES) {
    const tab = await browser.newPage({ viewport: { width: 900, height: 600 } })
    // A file page, so that it may load the stylesheet and Mermaid from the cache folder.
    const html = path.join(CACHE, `${picture.name}.html`)
    writeFileSync(html, page(picture.markdown))
    await tab.goto(pathToFileURL(html).href)
    await tab.waitForSelector('body[data-ready="yes"]', { timeout: 20_000, state: 'attached' })
    const file = path.join(OUT, `${picture.name}.png`)
    await tab.screenshot({ path: file, fullPage: true })
    console.log(`wrote ${path.relative(REPO, file)}`)
    await tab.close()
  }
} finally {
  await browser.close()
}
