/**
 * What the start page loads (issue 13: ≤ 500 KB gzip of JS + CSS, other routes lazy). The
 * customer list must load only the files index.html names (its one chunk and stylesheet):
 * nothing fetched on the fly at start, and none of the code only other screens need — the
 * passphrase meter's zxcvbn word lists (827 KB gzip) were once pulled in by a dialog mounted
 * with the list. The same markers then show up when that dialog is opened, so the check
 * sees them when they are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, type AppPage } from './support/browser'
import { LANZHOU, SHENZHEN } from '../support/temp-core'

/** Text that only code other screens need contains (it survives minification). */
const LAZY_ONLY: Record<string, RegExp> = {
  'zxcvbn keyboard graphs (@zxcvbn-ts/language-common)': /\bazerty\b/,
  'zxcvbn English word lists (@zxcvbn-ts/language-en)': /\bcommonWords\b/,
  'the zxcvbn estimator (@zxcvbn-ts/core)': /\bbruteforce\b/,
  'zod (the contract and settings schemas)': /\bZodError\b/,
  // other pages, by the data-test of their root element
  'the customer form (CustomerEditView)': /customer-form-page/,
  'the delivery page (DeliveryView)': /delivery-page/,
  'the settings page (SettingsView)': /implementer-company/,
  'the first-run step (FirstRunView)': /first-run-name/
}

interface Loaded {
  path: string
  body: string
  gzip: number
}

/** Records every same-origin JS and CSS response of the page from now on. */
function recordAssets(page: Page, origin: string): { loaded: Loaded[]; settled(): Promise<void> } {
  const loaded: Loaded[] = []
  const pending: Promise<void>[] = []
  page.on('response', (response) => {
    const url = new URL(response.url())
    if (!response.url().startsWith(origin) || !/\.(js|css)$/.test(url.pathname)) return
    pending.push(
      response.body().then(
        (body) => {
          loaded.push({
            path: url.pathname,
            body: body.toString('utf8'),
            gzip: gzipSync(body).length
          })
        },
        // a response still coming in when the browser closes at the end
        () => undefined
      )
    )
  })
  return { loaded, settled: () => Promise.all(pending).then(() => undefined) }
}

function lazyModulesIn(files: Loaded[]): string[] {
  return Object.entries(LAZY_ONLY)
    .filter(([, marker]) => files.some((file) => marker.test(file.body)))
    .map(([name]) => name)
}

describe('the start page loads its own chunk and nothing only other screens need', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let start: Loaded[]
  const indexHtml = readFileSync(resolve(__dirname, '../../out/renderer/index.html'), 'utf8')

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-start-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    for (const who of [LANZHOU, SHENZHEN]) bridge.core.customers.create(who)
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '')
    const assets = recordAssets(app.page, bridge.url)
    await app.page.reload()
    await app.page.locator('[data-test="customer-table"] tbody tr').first().waitFor()
    // whatever the page would fetch on its own right after start (a dialog's set-up, a
    // prefetch) has had time to go out and come back
    await app.page.waitForLoadState('networkidle')
    await assets.settled()
    start = [...assets.loaded]
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('loads only the files index.html names, under 500 KB gzip with what it holds inline', async () => {
    // as served: the stylesheets and first-page.js inline (electron/core/start-page)
    const served = await (await fetch(bridge.url)).text()
    // with the picture, the module entry and its preloads are named in meta tags that
    // first-page.js loads after the picture's first frame (start-page-html.ts)
    const named = [...served.matchAll(/(?:src|href|content)="([^"]+)"/g)].flatMap((m) =>
      m[1]!
        .split(' ')
        .flatMap((name) => (/^\.?\/.+\.(?:js|css)$/.test(name) ? [name.replace(/^\./, '')] : []))
    )
    expect(named.length).toBeGreaterThan(0)
    expect(start.map((f) => f.path).sort()).toEqual([...named].sort())
    const inline = [...served.matchAll(/<(style|script)>([\s\S]*?)<\/\1>/g)].map((m) => m[2]!)
    // every stylesheet the build links is inline, none fetched
    const linked = [...indexHtml.matchAll(/rel="stylesheet"[^>]*href="\.\/([^"]+)"/g)]
    expect(inline.length).toBe(linked.length + 1)
    expect(start.some((f) => f.path.endsWith('.css'))).toBe(false)
    const total =
      start.reduce((sum, f) => sum + f.gzip, 0) +
      inline.reduce((sum, text) => sum + gzipSync(text).length, 0)
    expect(total).toBeLessThanOrEqual(500_000)
    expect(app.problems).toEqual([])
  })

  it('contains none of the modules only other screens need', () => {
    expect(lazyModulesIn(start)).toEqual([])
  })

  it('loads the word lists when the bundle export dialog is opened, not before', async () => {
    const later = recordAssets(app.page, bridge.url)
    await app.page.locator('[data-test="customer-pick"]').first().click()
    await app.page.locator('[data-test="bundle-open"]').click()
    await app.page.locator('[data-test="bundle-export-dialog"]').waitFor()
    await app.page.locator('input[data-test="bundle-passphrase"]').fill('12345678')
    // the page is idle already (waitForLoadState would not wait): poll what has come in
    await expect
      .poll(
        async () => {
          await later.settled()
          return lazyModulesIn(later.loaded)
        },
        { timeout: 20_000 }
      )
      .toEqual(
        expect.arrayContaining([
          'zxcvbn keyboard graphs (@zxcvbn-ts/language-common)',
          'zxcvbn English word lists (@zxcvbn-ts/language-en)',
          'the zxcvbn estimator (@zxcvbn-ts/core)'
        ])
      )
    expect(app.problems).toEqual([])
  })
})
