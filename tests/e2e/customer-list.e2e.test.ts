/**
 * The customer list is a plain table (not el-table, for the start-up time of issue 13): it must
 * still open a customer by mouse and by keyboard, and page through a registry larger than a
 * page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, type AppPage } from './support/browser'
import { CustomersPage } from './pages/customers.page'
import { customerGenerator } from '../../scripts/bench-data.mjs'

const COUNT = 120

/** The id of the row that has the keyboard focus, or null when focus is elsewhere. */
const focusedRowId = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const active = (
      globalThis as unknown as {
        document: { activeElement: { getAttribute(n: string): string | null } | null }
      }
    ).document.activeElement
    return active?.getAttribute('data-id') ?? null
  })

describe('the customer list opens customers by keyboard and mouse and pages through them', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let ui: CustomersPage
  /** the first page's ids in the order the list shows them */
  let firstPage: string[]

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-list-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const next = customerGenerator(7)
    for (let i = 0; i < COUNT; i++) bridge.core.customers.create(next())
    firstPage = bridge.core.customers
      .search({ sort: 'updatedAt', limit: 50, offset: 0 })
      .items.map((c) => String(c.id))
    browser = await launchBrowser()
    app = await openApp(browser, bridge)
    ui = new CustomersPage(app.page)
    await ui.rows().first().waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows a page of rows in the order of the last update, with the total', async () => {
    await expect.poll(() => ui.rows().count()).toBe(50)
    expect(
      await ui.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))
    ).toEqual(firstPage)
    expect(await app.page.locator('[data-test="customer-total"]').innerText()).toBe(
      `共 ${COUNT} 个客户`
    )
    await screenshot(app.page, 'customer-list-page')
  })

  it('asks for the settings and the first page before the app code has loaded, and only once', async () => {
    const fresh = await openApp(browser, bridge, '')
    const searches: string[] = []
    const settingsReads: string[] = []
    let seen: () => void = () => undefined
    const firstSearch = new Promise<void>((done) => (seen = done))
    fresh.page.on('request', (request) => {
      const body = request.postData() ?? ''
      if (body.includes('"settings.get"')) settingsReads.push(body)
      if (!body.includes('"customers.search"')) return
      searches.push(body)
      seen()
    })
    // the app's entry is held back until a search has gone out: only first-page.js can send it
    let settingsBeforeApp = -1
    await fresh.page.route('**/assets/index-*.js', async (route) => {
      await firstSearch
      settingsBeforeApp = settingsReads.length
      await route.continue()
    })
    await fresh.page.reload()
    const rows = new CustomersPage(fresh.page).rows()
    await rows.first().waitFor()
    // the rows below the fold follow the first frame
    await expect.poll(() => rows.count()).toBe(50)
    expect(await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-id')))).toEqual(
      firstPage
    )
    expect(searches).toHaveLength(1)
    // the route guard waits for the settings first-page.js asked for, and asks no more
    expect(settingsBeforeApp).toBe(1)
    expect(settingsReads).toHaveLength(1)
    expect(fresh.problems).toEqual([])
    await fresh.page.context().close()
  })

  it('paints the rows a window shows first and the rest after, without moving anything', async () => {
    const fresh = await openApp(browser, bridge, '')
    // the table's state in the first frame that has rows
    await fresh.page.context().addInitScript(`(() => {
      const seen = new MutationObserver(() => {
        const table = document.querySelector('[data-test="customer-table"]');
        if (!table || window.__firstFrame) return;
        window.__firstFrame = {};
        requestAnimationFrame(() => {
          window.__firstFrame = {
            rows: table.tBodies[0].rows.length,
            height: table.getBoundingClientRect().height,
            scrollHeight: document.querySelector('#app main').scrollHeight
          };
        });
      });
      seen.observe(document, { subtree: true, childList: true });
    })()`)
    await fresh.page.reload()
    const rows = new CustomersPage(fresh.page).rows()
    await expect.poll(() => rows.count()).toBe(50)
    const first = (await fresh.page.evaluate('window.__firstFrame')) as {
      rows: number
      height: number
      scrollHeight: number
    }
    // 768 px / 40 px a row
    expect(first.rows).toBe(20)
    const table = fresh.page.locator('[data-test="customer-table"]')
    expect((await table.boundingBox())?.height).toBe(first.height)
    expect(await fresh.page.locator('#app main').evaluate((m) => m.scrollHeight)).toBe(
      first.scrollHeight
    )
    expect(await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-id')))).toEqual(
      firstPage
    )
    expect(fresh.problems).toEqual([])
    await fresh.page.context().close()
  })

  it('goes down from the search box into the rows, moves with the arrows and opens with Enter', async () => {
    await app.page.locator('input[data-test="customer-search"]').focus()
    await app.page.keyboard.press('ArrowDown')
    await expect.poll(() => focusedRowId(app.page)).toBe(firstPage[0])
    await app.page.keyboard.press('ArrowDown')
    await app.page.keyboard.press('ArrowDown')
    await expect.poll(() => focusedRowId(app.page)).toBe(firstPage[2])
    await app.page.keyboard.press('End')
    await expect.poll(() => focusedRowId(app.page)).toBe(firstPage[49])
    await app.page.keyboard.press('Home')
    await app.page.keyboard.press('ArrowUp') // stays on the first row
    await expect.poll(() => focusedRowId(app.page)).toBe(firstPage[0])
    await app.page.keyboard.press('ArrowDown')
    await screenshot(app.page, 'customer-list-keyboard')
    await app.page.keyboard.press('Enter')
    await app.page.waitForURL(new RegExp(`#/customers/${firstPage[1]}$`))
    const name = bridge.core.customers.get(Number(firstPage[1])).name
    await expect.poll(() => app.page.locator('h1').innerText()).toContain(name)
  })

  it('is one tab stop: Tab from the sort and scope controls lands on a row, not on each link', async () => {
    await ui.gotoList()
    await ui.rows().first().waitFor()
    await app.page.locator('[data-test="customer-scope"] input:checked').focus()
    await app.page.keyboard.press('Tab')
    await expect.poll(() => focusedRowId(app.page)).toBe(firstPage[0])
    await app.page.keyboard.press('Tab')
    expect(await focusedRowId(app.page)).toBeNull()
  })

  it('opens a customer by a click anywhere on its row, and by its name', async () => {
    await ui.gotoList()
    await ui.rows().nth(3).locator('td').nth(4).click()
    await app.page.waitForURL(new RegExp(`#/customers/${firstPage[3]}$`))
    await ui.gotoList()
    await ui.rows().first().locator('a.name-link').click()
    await app.page.waitForURL(new RegExp(`#/customers/${firstPage[0]}$`))
    const name = bridge.core.customers.get(Number(firstPage[0])).name
    await expect.poll(() => app.page.locator('h1').innerText()).toContain(name)
  })

  it('pages through the registry with the pager, and the keyboard works on the new page', async () => {
    await ui.gotoList()
    await ui.rows().first().waitFor()
    const seen = new Set<string>()
    const ids = (): Promise<(string | null)[]> =>
      ui.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))
    for (const expected of [50, 50, COUNT - 100]) {
      await expect.poll(async () => (await ids()).length).toBe(expected)
      for (const id of await ids()) seen.add(String(id))
      if (seen.size < COUNT) {
        const first = (await ids())[0]
        await app.page.locator('.el-pagination .btn-next').click()
        await expect.poll(async () => (await ids())[0]).not.toBe(first)
      }
    }
    expect(seen.size).toBe(COUNT)
    const last = await ids()
    await ui.rows().first().focus()
    await app.page.keyboard.press('End')
    await expect.poll(() => focusedRowId(app.page)).toBe(last[last.length - 1])
    await app.page.keyboard.press('Enter')
    await app.page.waitForURL(new RegExp(`#/customers/${last[last.length - 1]}$`))
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
