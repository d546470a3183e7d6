/**
 * The start page's picture (issue 13): index.html holds the customer list as the app painted it
 * last, with the first rows filled from the database, before any of the app's code has run. It
 * must look exactly like the app's own list, hold no customer data in what is stored, and go
 * once the app has painted its page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { bridgeInitScript, startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot } from './support/browser'
import { customerGenerator } from '../../scripts/bench-data.mjs'
import { START_PAGE_FILE } from '../../electron/core/start-page/start-page-service'

const APP_ROWS = '[data-test="customer-table"] tbody tr'
const PICTURE = '.desk-prepaint'

/** What a user sees of a page: each visible text with where it is drawn (runs in the page). */
const LAYOUT = `(selector) => {
  const host = document.querySelector(selector)
  if (!host) return []
  const out = []
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim()
    if (!text) continue
    const range = document.createRange()
    range.selectNodeContents(node)
    const r = range.getBoundingClientRect()
    if (r.width === 0 || r.bottom <= 0 || r.top >= window.innerHeight) continue
    out.push(text + ' @' + Math.round(r.x) + ',' + Math.round(r.y) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))
  }
  return out
}`
const layoutOf = (page: Page, root: string): Promise<string[]> =>
  page.evaluate(`(${LAYOUT})(${JSON.stringify(root)})`)

describe('the start page picture', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  const file = (): string => join(dir, START_PAGE_FILE)
  let pictureRows = 0

  /** Opens the list with the app's code refused: only what index.html holds is on screen. */
  async function pictureOnly(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    await context.addInitScript(bridgeInitScript())
    const page = await context.newPage()
    await page.route('**/assets/*.js', (route) => route.abort())
    await page.goto(`${bridge.url}#/customers`)
    await page.locator(`${PICTURE} tbody tr[data-id]`).first().waitFor()
    return page
  }

  /** Opens the app, waits for its list and for the shell to be saved for the next start. */
  async function openAndSave(): Promise<{ page: Page; problems: string[] }> {
    const before = existsSync(file()) ? readFileSync(file(), 'utf8') : ''
    const app = await openApp(browser, bridge)
    await app.page.locator(APP_ROWS).first().waitFor()
    await expect
      .poll(() => (existsSync(file()) ? readFileSync(file(), 'utf8') : ''), { timeout: 10_000 })
      .not.toBe(before)
    return app
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-start-page-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const next = customerGenerator(23)
    for (let i = 0; i < 60; i++) bridge.core.customers.create(next())
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('has none at the first start, and saves the shell with no customer data in it', async () => {
    expect(existsSync(file())).toBe(false)
    const app = await openAndSave()
    expect(await app.page.locator(PICTURE).count()).toBe(0)
    const stored = readFileSync(file(), 'utf8')
    const first = bridge.core.customers.search({ sort: 'updatedAt', limit: 50, offset: 0 }).items
    for (const c of first) {
      expect(stored).not.toContain(c.name)
      expect(stored).not.toContain(c.taxId)
      if (c.contactName) expect(stored).not.toContain(c.contactName)
    }
    expect(stored).not.toContain('data-test')
    expect(app.problems).toEqual([])
    await app.page.context().close()
  })

  it('paints the list as the app does before its code runs, with the rows as they are now', async () => {
    // changed since the shell was saved: the picture shows the database, not the last session
    const newest = bridge.core.customers.create(customerGenerator(99)()).customer
    const picture = await pictureOnly()
    const ids = await picture
      .locator(`${PICTURE} tbody tr[data-id]`)
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))
    const expected = bridge.core.customers
      .search({ sort: 'updatedAt', limit: ids.length, offset: 0 })
      .items.map((c) => String(c.id))
    expect(ids[0]).toBe(String(newest.id))
    expect(ids).toEqual(expected)
    pictureRows = ids.length
    const painted = await layoutOf(picture, `${PICTURE} .shell`)
    const pictureLength = await picture.evaluate(
      `document.querySelector('${PICTURE} main').scrollHeight`
    )
    await screenshot(picture, 'start-page-picture-zh')
    await picture.context().close()

    const app = await openApp(browser, bridge)
    await app.page.locator(APP_ROWS).first().waitFor()
    await expect.poll(() => app.page.locator(PICTURE).count()).toBe(0)
    // the app's own page, where the picture was: the same texts at the same places
    const own = await layoutOf(app.page, '#app .shell')
    await screenshot(app.page, 'start-page-app-zh')
    expect(painted.length).toBeGreaterThan(100)
    expect(painted).toEqual(own)
    // the rows the window shows at the top of the page: no more (the rest are off screen)
    const onScreen = await app.page.evaluate(
      `[...document.querySelectorAll('#app [data-test="customer-table"] tbody tr')].filter((r) => r.getBoundingClientRect().top < window.innerHeight).length`
    )
    expect(pictureRows).toBe(onScreen)
    expect(pictureRows).toBeGreaterThan(10)
    // the page scrolls the same length: its scrollbar does not change when the app takes over
    expect(pictureLength).toBe(
      await app.page.evaluate(`document.querySelector('#app main').scrollHeight`)
    )
    expect(app.problems).toEqual([])
    await app.page.context().close()
  })

  it('takes no clicks or focus, repeats no test hook or id, and goes once the app has painted', async () => {
    const picture = await pictureOnly()
    const held = await picture.evaluate(
      `(() => { const p = document.querySelector('${PICTURE}'); return { hooks: p.querySelectorAll('[data-test], [id], [style]').length, inert: p.inert, hidden: p.getAttribute('aria-hidden'), events: getComputedStyle(p).pointerEvents, rows: p.querySelectorAll('tbody tr[data-id]').length } })()`
    )
    expect(held).toEqual({
      hooks: 0,
      inert: true,
      hidden: 'true',
      events: 'none',
      rows: pictureRows
    })
    await picture.context().close()

    const app = await openApp(browser, bridge)
    const page = app.page
    await page.locator(APP_ROWS).first().waitFor()
    await expect.poll(() => page.locator(PICTURE).count()).toBe(0)
    await page.locator(APP_ROWS).first().click()
    await page.waitForURL(/#\/customers\/\d+$/)
    expect(app.problems).toEqual([])
    await page.context().close()
  })

  it('loads the app after its first frame, and keeps what is typed before the app is there', async () => {
    const served = await (await fetch(bridge.url)).text()
    const entry = /<meta name="desk-app-entry" content="\.([^"]+)">/.exec(served)?.[1]
    expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/)
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    await context.addInitScript(bridgeInitScript())
    // when the first frame with the picture's rows in it starts (its animation callbacks)
    await context.addInitScript(`new MutationObserver((_, seen) => {
      if (!document.querySelector('${PICTURE} tbody tr')) return
      seen.disconnect()
      requestAnimationFrame((at) => { window.__pictureFrame = at })
    }).observe(document, { subtree: true, childList: true })`)
    const page = await context.newPage()
    // the app's entry is held until the test lets it through: the picture alone is on screen
    let release = (): void => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route(`**${entry}`, async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${bridge.url}#/customers`)
    await page.locator(`${PICTURE} tbody tr[data-id]`).first().waitFor()
    await page.keyboard.type('9162x')
    await page.keyboard.press('Backspace')
    const pictureBox = page.locator(`${PICTURE} .toolbar input[type="text"]`)
    expect(await pictureBox.inputValue()).toBe('9162')
    release()
    const box = page.locator('#app input[data-test="customer-search"]')
    await expect.poll(() => box.inputValue()).toBe('9162')
    await expect.poll(() => page.locator(PICTURE).count()).toBe(0)
    await expect.poll(() => page.url()).toContain('q=9162')
    expect(await page.evaluate(`document.activeElement.getAttribute('data-test')`)).toBe(
      'customer-search'
    )
    // typing goes on in the app's own box, after what was kept
    await page.keyboard.type('0')
    expect(await box.inputValue()).toBe('91620')
    // the entry was asked for only after the frame that drew the picture's rows
    const order = (await page.evaluate(
      `(() => ({ frame: window.__pictureFrame, entry: performance.getEntriesByType('resource').find((r) => r.name.endsWith('${entry}')).startTime }))()`
    )) as { frame: number; entry: number }
    expect(order.frame).toBeGreaterThan(0)
    expect(order.entry).toBeGreaterThan(order.frame)
    await context.close()
  })

  it('keeps no keys once the first route has failed: the pages reached after it take typing', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    await context.addInitScript(bridgeInitScript())
    const page = await context.newPage()
    // the settings asked for as the document starts do not arrive: the first navigation fails
    let failed = false
    await page.route('**/__desk/call', async (route) => {
      if (!failed && (route.request().postData() ?? '').includes('"settings.get"')) {
        failed = true
        return route.abort()
      }
      return route.continue()
    })
    await page.goto(`${bridge.url}#/customers`)
    // the shell is there; the next navigation reads the settings anew and succeeds
    await page.locator('nav a[href="#/settings"]').click()
    const name = page.locator('input[data-test="implementer-name"]')
    await name.waitFor()
    await name.fill('')
    await name.focus()
    await page.keyboard.type('Li')
    expect(failed).toBe(true)
    expect(await name.inputValue()).toBe('Li')
    await context.close()
  })

  it('is hidden on any other first route, and in another language until one is saved in it', async () => {
    const other = await openApp(browser, bridge, '#/deliveries')
    expect(
      await other.page.evaluate(
        `(() => { const p = document.querySelector('${PICTURE}'); return p ? getComputedStyle(p).display : 'gone' })()`
      )
    ).toMatch(/none|gone/)
    await other.page.locator('#app .nav-item.active').waitFor()
    await expect.poll(() => other.page.locator(PICTURE).count()).toBe(0)
    await other.page.context().close()

    bridge.core.deps.settings.update({ locale: 'en' })
    // the saved shell is Chinese: no picture rather than a wrong one
    expect(await (await fetch(bridge.url)).text()).not.toContain('class="desk-prepaint"')
    const app = await openAndSave()
    await app.page.context().close()
    const picture = await pictureOnly()
    const painted = await layoutOf(picture, `${PICTURE} .shell`)
    expect(painted.join('\n')).toContain('Customers')
    await screenshot(picture, 'start-page-picture-en')
    await picture.context().close()
    const again = await openApp(browser, bridge)
    await again.page.locator(APP_ROWS).first().waitFor()
    await expect.poll(() => again.page.locator(PICTURE).count()).toBe(0)
    expect(painted).toEqual(await layoutOf(again.page, '#app .shell'))
    await again.page.context().close()
    bridge.core.deps.settings.update({ locale: 'zh-CN' })
  })
})
