/**
 * The customer list's search box, sort, scope and pager are light native controls drawn with
 * Element Plus's classes (issue 13, start-up time): they must still search, switch scope from
 * the keyboard, sort, and page — including the ellipsis jumps — as the Element Plus ones did.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator } from 'playwright-core'
import type { SearchParams } from '../../electron/core/customers/customer-repository'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'
import { CustomersPage } from './pages/customers.page'
import { customerGenerator } from '../../scripts/bench-data.mjs'

// 9 pages of 50: more than the pager's 7 numbers, so it shows ellipses
const COUNT = 420
const ARCHIVED = 3

describe('the customer list controls search, scope, sort and page like Element Plus', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let ui: CustomersPage

  const ids = (): Promise<(string | null)[]> =>
    ui.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')))
  const expected = (request: Partial<SearchParams>): string[] =>
    bridge.core.customers
      .search({ sort: 'updatedAt', limit: 50, offset: 0, ...request })
      .items.map((c) => String(c.id))
  const pager = (): Locator => app.page.locator('.el-pagination')
  const activePage = (): Promise<string> =>
    pager().locator('.el-pager li.number.is-active').innerText()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-controls-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const next = customerGenerator(11)
    const created = []
    for (let i = 0; i < COUNT; i++) created.push(bridge.core.customers.create(next()))
    for (const c of created.slice(0, ARCHIVED)) bridge.core.customers.archive(c.customer.id)
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

  it('has the search box focused after opening, and searches as one types', async () => {
    const search = app.page.locator('input[data-test="customer-search"]')
    await expect
      .poll(() => search.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)
    expect(await app.page.locator('.search .el-input__wrapper.is-focus').count()).toBe(1)
    const name = bridge.core.customers.get(Number((await ids())[7])).name
    await app.page.keyboard.type(name)
    const wanted = expected({ query: name, sort: 'relevance' })
    await expect.poll(ids).toEqual(wanted)
    expect(app.page.url()).toContain(`q=${encodeURIComponent(name)}`)
    await screenshot(app.page, 'customer-list-search')
    // the clear button empties the box and shows the whole list again
    await app.page.locator('.search .el-input__clear').click()
    expect(await search.inputValue()).toBe('')
    await expect.poll(ids).toEqual(expected({}))
  })

  it('switches the scope with the arrow keys', async () => {
    const scope = app.page.locator('[data-test="customer-scope"]')
    await scope.locator('input:checked').focus()
    await app.page.keyboard.press('ArrowRight')
    await expect
      .poll(() => scope.locator('.el-radio-button.is-active').innerText())
      .toBe('含已归档')
    await expect.poll(ids).toEqual(expected({ includeArchived: true }))
    expect(app.page.url()).toContain('scope=all')
    await app.page.keyboard.press('ArrowRight')
    await expect.poll(ids).toEqual(expected({ archivedOnly: true }))
    expect(await ids()).toHaveLength(ARCHIVED)
    expect(await scope.locator('input:checked').inputValue()).toBe('archived')
    await app.page.keyboard.press('ArrowLeft')
    await app.page.keyboard.press('ArrowLeft')
    await expect.poll(ids).toEqual(expected({}))
    expect(app.page.url()).not.toContain('scope=')
  })

  it('sorts by the option chosen in the sort select', async () => {
    await app.page.locator('select[data-test="customer-sort"]').selectOption('name')
    await expect.poll(ids).toEqual(expected({ sort: 'name' }))
    expect(app.page.url()).toContain('sort=name')
    await app.page.locator('select[data-test="customer-sort"]').selectOption('relevance')
    await expect.poll(ids).toEqual(expected({}))
  })

  it('pages with the numbers, the ellipsis jumps and the arrows, from the mouse and the keyboard', async () => {
    const shown = (): Promise<string[]> =>
      pager()
        .locator('.el-pager li')
        .evaluateAll((lis) =>
          lis.map((li) =>
            li.classList.contains('btn-quicknext')
              ? '»'
              : li.classList.contains('btn-quickprev')
                ? '«'
                : (li.textContent ?? '').trim()
          )
        )
    const page = (n: number): string[] => expected({ offset: (n - 1) * 50 })
    await expect.poll(shown).toEqual(['1', '2', '3', '4', '5', '6', '»', '9'])
    expect(await pager().locator('.btn-prev').isDisabled()).toBe(true)
    // » jumps five pages
    await pager().locator('.btn-quicknext').click()
    await expect.poll(activePage).toBe('6')
    await expect.poll(ids).toEqual(page(6))
    await expect.poll(shown).toEqual(['1', '«', '4', '5', '6', '7', '8', '9'])
    expect(app.page.url()).toContain('page=6')
    await screenshot(app.page, 'customer-list-pager')
    // « from the keyboard
    await pager().locator('.btn-quickprev').focus()
    await app.page.keyboard.press('Enter')
    await expect.poll(activePage).toBe('1')
    await expect.poll(ids).toEqual(page(1))
    // a number from the keyboard, then the arrows
    await pager()
      .locator('.el-pager li.number', { hasText: /^\s*5\s*$/ })
      .focus()
    await app.page.keyboard.press('Enter')
    await expect.poll(shown).toEqual(['1', '«', '3', '4', '5', '6', '7', '»', '9'])
    await expect.poll(ids).toEqual(page(5))
    await pager().locator('.btn-next').click()
    await expect.poll(activePage).toBe('6')
    await pager()
      .locator('.el-pager li.number', { hasText: /^\s*9\s*$/ })
      .click()
    await expect.poll(ids).toEqual(page(9))
    expect(await ids()).toHaveLength(COUNT - ARCHIVED - 400)
    expect(await pager().locator('.btn-next').isDisabled()).toBe(true)
    await pager().locator('.btn-prev').click()
    await expect.poll(ids).toEqual(page(8))
  })

  it('names the pager buttons, the sort and the scope in the language of the app', async () => {
    expect(await pager().locator('.btn-next').getAttribute('aria-label')).toBe('下一页')
    await app.page.getByRole('combobox', { name: '排序' }).waitFor()
    await app.page.getByRole('radiogroup', { name: '显示范围' }).waitFor()
    await switchLocale(app.page, bridge, 'en', 'input[data-test="customer-search"]')
    expect(await pager().locator('.btn-next').getAttribute('aria-label')).toBe('Next page')
    expect(await pager().locator('.el-pager li.number.is-active').getAttribute('aria-label')).toBe(
      'Page 8'
    )
    expect(await pager().locator('.btn-quickprev').getAttribute('aria-label')).toBe(
      'Previous 5 pages'
    )
    await app.page.getByRole('combobox', { name: 'Sort by' }).waitFor()
    await app.page.getByRole('radiogroup', { name: 'Which customers' }).waitFor()
    bridge.core.deps.settings.update({ locale: 'zh-CN' })
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
