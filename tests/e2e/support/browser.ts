import { chromium, type Browser, type Page } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { findChromium } from './find-chromium'
import { bridgeInitScript, type Bridge } from './bridge'

export const ARTIFACTS = resolve(__dirname, '../artifacts')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
      '--font-render-hinting=none'
    ]
  })
}

export interface AppPage {
  page: Page
  /** console errors and uncaught exceptions seen so far */
  problems: string[]
}

/** A page the size of a field laptop (1366×768) showing the app on the bridge. */
export async function openApp(
  browser: Browser,
  bridge: Bridge,
  route = '#/customers'
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN'
  })
  await context.addInitScript(bridgeInitScript())
  const page = await context.newPage()
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  await page.goto(bridge.url + route)
  return { page, problems }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

/** Switches the app's language through its settings and reloads until `ready` shows again. */
export async function switchLocale(
  page: Page,
  bridge: Bridge,
  locale: 'zh-CN' | 'en',
  ready: string
): Promise<void> {
  bridge.core.deps.settings.update({ locale })
  await page.reload()
  await page.locator(ready).waitFor()
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' })
  // tags zoom in when they mount: let that finish before a screenshot
  await page.waitForTimeout(500)
}
