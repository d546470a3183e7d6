import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, type AppPage } from './support/browser'
import { CustomersPage } from './pages/customers.page'

describe('customer registry in the browser against the real handlers', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    browser = await launchBrowser()
    app = await openApp(browser, bridge)
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows an empty state that says what to do', async () => {
    await app.page.locator('[data-test="customers-empty"]').waitFor()
    expect(await app.page.locator('[data-test="customers-empty"]').innerText()).toContain(
      '还没有客户'
    )
    await screenshot(app.page, 'customers-empty')
  })

  it('refuses a wrong check character in the form, then saves once fixed', async () => {
    const ui = new CustomersPage(app.page)
    await ui.startNew()
    await ui.fill({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0A',
      address: '甘肃省兰州市城关区张掖路街道庆阳路 88 号',
      phone: '0931-8866123',
      bankName: '中国工商银行兰州城关支行',
      bankAccount: '2703 0012 0910 0123 456',
      invoicer: '李开票',
      adminMobile: '138 1234 5678',
      contactName: '张经理',
      email: 'finance@example.cn'
    })
    await expect.poll(() => ui.errorOf('taxId').innerText()).toContain('校验位不符')
    await screenshot(app.page, 'customer-form-checksum-error')

    await ui.save()
    // still on the new-customer page: nothing was saved
    expect(bridge.core.customers.search({ limit: 10, offset: 0 }).total).toBe(0)

    await ui.fill({ taxId: '91440300MA5G3K7P0R' })
    await expect.poll(() => ui.errorOf('taxId').count()).toBe(0)
    await ui.save()
    await app.page.waitForURL(/#\/customers\/\d+$/)
    const saved = bridge.core.customers.search({ limit: 10, offset: 0 })
    expect(saved.total).toBe(1)
    expect(saved.items[0]).toMatchObject({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      bankAccount: '2703001209100123456',
      adminMobile: '13812345678'
    })
    // the history panel shows the audit entry with the implementer's name
    await app.page.locator('.timeline', { hasText: '王实施' }).waitFor()
    await screenshot(app.page, 'customer-form-saved')
  })

  it('flags a duplicate tax ID with a link to the existing customer', async () => {
    const ui = new CustomersPage(app.page)
    await ui.gotoList()
    await ui.startNew()
    await ui.fill({ name: '另一家公司', taxId: '91440300ma5g3k7p0r' })
    await app.page.locator('[data-test="duplicate-link"]').waitFor()
    expect(await ui.errorOf('taxId').innerText()).toContain('兰州黄河云票科技有限公司')
    // leaving with unsaved input asks first; confirming leaves without saving
    await app.page.locator('.nav-item', { hasText: '客户' }).first().click()
    const box = app.page.locator('.el-message-box')
    await box.waitFor()
    await box.locator('.el-button--primary').click()
    await app.page.locator('input[data-test="customer-search"]').waitFor()
    expect(bridge.core.customers.search({ limit: 10, offset: 0 }).total).toBe(1)
  })

  it('finds the customer by a two-character Chinese substring of its address', async () => {
    bridge.core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: '914403001922038216',
      address: '广东省深圳市龙岗区坂田街道'
    })
    const ui = new CustomersPage(app.page)
    await ui.gotoList()
    await ui.search('城关')
    await expect.poll(() => ui.rows().count()).toBe(1)
    expect(await ui.rows().first().innerText()).toContain('兰州黄河云票科技有限公司')
    await ui.search('坂田')
    await expect
      .poll(async () => (await ui.rows().first().innerText()).includes('深圳华为'))
      .toBe(true)
    await ui.search('')
    await expect.poll(() => ui.rows().count()).toBe(2)
    await screenshot(app.page, 'customers-list')
  })

  it('opens a customer from the global search with the keyboard (Ctrl+K, Enter)', async () => {
    await app.page.keyboard.press('Control+k')
    const input = app.page.locator('[data-test="global-search-input"]')
    await input.waitFor()
    await input.fill('华为')
    await app.page.locator('.results li.active', { hasText: '深圳华为' }).waitFor()
    await screenshot(app.page, 'global-search')
    await input.press('Enter')
    await app.page.waitForURL(/#\/customers\/\d+$/)
    await expect
      .poll(() => app.page.locator('h1').innerText())
      .toContain('深圳华为云开票服务有限公司')
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
