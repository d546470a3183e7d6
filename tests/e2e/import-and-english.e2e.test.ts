import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'
import { gbk } from '../support/gbk'

describe('customer import and the English screens in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    bridge.core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: '914403001922038216'
    })
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '#/customers')
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('previews a GBK file, maps an unknown header by hand, imports with a report saved as a file', async () => {
    const { page } = app
    const file = join(dir, '客户清单.csv')
    // "单位全称" is not a header the import knows: the name column is mapped by hand
    const csv = [
      '单位全称,企业税号,联系人,电话',
      '兰州黄河云票科技有限公司,91440300MA5G3K7P0R,张伟,0931-8866123',
      '深圳华为云开票服务有限公司,914403001922038216,李娜,0755-28780808',
      '错误税号有限公司,91440300MA5G3K7P0A,王五,0931-8866124'
    ].join('\r\n')
    writeFileSync(file, gbk(csv))
    bridge.fakes.openPath = file
    await page.locator('[data-test="open-import"]').click()
    await page.locator('[data-test="import-choose"]').click()
    await page.locator('[data-test="import-preview"]').waitFor()
    expect(await page.locator('[data-test="import-encoding"]').innerText()).toContain('GBK')
    expect(await page.locator('[data-test="import-missing"]').innerText()).toContain('企业名称')

    await page.locator('[data-test="column-单位全称"] .el-select').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: '企业名称' }).click()
    await expect.poll(() => page.locator('[data-test="import-missing"]').count()).toBe(0)
    const counts = page.locator('[data-test="import-counts"]')
    await expect.poll(() => counts.innerText()).toMatch(/将新增\s*1/)
    expect(await counts.innerText()).toMatch(/重复将跳过\s*1/)
    expect(await counts.innerText()).toMatch(/将拒绝\s*1/)
    expect(await page.locator('[data-test="import-sample"]').innerText()).toContain(
      '兰州黄河云票科技有限公司'
    )
    expect(await page.locator('[data-test="import-refused"]').innerText()).toContain('第 4 行')
    await screenshot(page, 'import-preview-zh')
    expect(bridge.core.customers.search({ limit: 10, offset: 0 }).total).toBe(1)

    await page.locator('[data-test="import-run"]').click()
    await page.locator('[data-test="import-report"]').waitFor()
    expect(bridge.core.customers.search({ limit: 10, offset: 0 }).total).toBe(2)
    await screenshot(page, 'import-report-zh')

    const reportPath = join(dir, '报告.csv')
    bridge.fakes.savePath = reportPath
    await page.locator('[data-test="import-save-report"]').click()
    await expect
      .poll(() => {
        try {
          return readFileSync(reportPath, 'utf8')
        } catch {
          return ''
        }
      })
      .toContain('新增 1')
    const text = readFileSync(reportPath, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(text).toContain('重复跳过')
    expect(text).toContain('税号校验位不符')
    expect(app.problems).toEqual([])
  })

  it('refuses an import of a file that is not there, writing nothing', async () => {
    const fresh = await startBridge(join(dir, 'other.sqlite'))
    try {
      const refused = await fresh.core.imports
        .runImport(join(dir, 'missing.csv'))
        .catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(Error)
      expect(fresh.core.customers.search({ limit: 10, offset: 0 }).total).toBe(0)
    } finally {
      await fresh.close()
    }
  })

  it('reads as English at 1366×768: one-line sidebar, whole stage names, no full-width colons', async () => {
    const { page } = app
    const customer = bridge.core.customers.search({ limit: 1, offset: 0 }).items[0]!
    const delivery = bridge.core.deliveries.create(customer.id, { plannedGoLive: '2026-03-20' })
    const screens: [string, string, string][] = [
      ['customers', '#/customers', '[data-test="new-customer"]'],
      ['deliveries', '#/deliveries', '.page-header'],
      ['delivery', `#/deliveries/${delivery.delivery.id}`, '[data-test="delivery-implementer"]'],
      ['dashboard', '#/dashboard', '.page-header'],
      ['playbook', '#/playbook', '[data-test="playbook"]'],
      ['settings', '#/settings', '[data-test="save-settings"]'],
      ['import', '#/customers/import', '[data-test="import-choose"]']
    ]
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [name, route, ready] of screens) {
        await page.goto(bridge.url + route)
        await switchLocale(page, bridge, locale, ready)
        await screenshot(page, `screen-${name}-${locale}`)
        // every sidebar item on one line
        const heights = await page
          .locator('.nav-item')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))
        expect(Math.max(...heights), `${name} ${locale}`).toBeLessThan(44)
        // no horizontal scrolling at 1366 wide
        const overflow = await page
          .locator('.main')
          .evaluate((main) => main.scrollWidth - main.clientWidth)
        expect(overflow, `${name} ${locale}`).toBeLessThanOrEqual(0)
        if (locale === 'en') {
          const text = await page.locator('body').innerText()
          const colons = text
            .split('\n')
            .filter((line) => line.includes('：') && !/[\u4e00-\u9fff]：/.test(line))
          expect(colons, name).toEqual([])
        }
      }
    }
    // stage names in the stepper are not clipped
    await page.goto(bridge.url + `#/deliveries/${delivery.delivery.id}`)
    await switchLocale(page, bridge, 'en', '[data-test="delivery-implementer"]')
    const clipped = await page
      .locator('.stepper *, .stage-stepper *')
      .evaluateAll((els) =>
        els
          .filter(
            (e) =>
              e.children.length === 0 &&
              (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          )
          .map((e) => e.textContent)
      )
    expect(clipped).toEqual([])
    // the sidebar's shortcut hints fit inside it
    const navOverflow = await page
      .locator('.nav-item')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length)
    expect(navOverflow).toBe(0)
    expect(app.problems).toEqual([])
  })
})
