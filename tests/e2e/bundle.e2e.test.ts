/**
 * The handover bundle in the browser: laptop A ticks customers in the list and exports them
 * with their secrets; laptop B (another database, another vault) previews the file in
 * Settings, chooses what to do with the customer it already has, and imports. Screens in
 * Chinese and English at 1366×768.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'
import { LANZHOU, SHENZHEN } from '../support/temp-core'

const BUNDLE_PASS = '春风不度玉门关 交接 2026'
const KEY = 'fk-2b7e151628aed2a6abf7158809cf4f3c'

describe('handover bundle from one laptop to another in the browser', () => {
  let dir: string
  let a: Bridge
  let b: Bridge
  let browser: Browser
  let pageA: AppPage
  let pageB: AppPage
  let file: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-bundle-'))
    a = await startBridge(join(dir, 'a', 'desk.sqlite'), { scryptN: 4096 })
    b = await startBridge(join(dir, 'b', 'desk.sqlite'), { scryptN: 4096 })
    for (const [bridge, name] of [
      [a, '王实施'],
      [b, '李接手']
    ] as const) {
      bridge.core.deps.settings.update({ implementerName: name })
      await bridge.core.vault.setup(`${name} 的密钥库口令 2026`)
    }
    for (const who of [LANZHOU, SHENZHEN]) {
      const id = a.core.customers.create(who).customer.id
      a.core.deliveries.create(id, { orderNumber: `SO-${who.taxId.slice(-4)}` })
      a.core.credentials.set(id, 'fkey', KEY)
    }
    b.core.customers.create({ name: '兰州黄河云票（旧资料）', taxId: LANZHOU.taxId })
    file = join(dir, '交接包.ddbundle')
    browser = await launchBrowser()
    pageA = await openApp(browser, a, '#/customers')
    pageB = await openApp(browser, b, '#/settings')
  })

  afterAll(async () => {
    await browser?.close()
    await a?.close()
    await b?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function tickAllAndOpen(app: AppPage): Promise<void> {
    const table = app.page.locator('[data-test="customer-table"]')
    await table.locator('tbody tr').first().waitFor()
    for (const box of await table.locator('tbody [data-test="customer-pick"]').all())
      await box.click()
    await app.page.locator('[data-test="bundle-open"]').click()
    await app.page.locator('[data-test="bundle-export-dialog"]').waitFor()
    await app.page.waitForTimeout(400) // the dialog fades in
  }

  it('exports the ticked customers with their secrets from the customers list', async () => {
    const page = pageA.page
    await tickAllAndOpen(pageA)
    // ticking a row does not open the customer
    expect(page.url()).toMatch(/#\/customers$/)
    const dialog = page.locator('[data-test="bundle-export-dialog"]')
    expect(await dialog.innerText()).toContain('2 位客户')
    await dialog.locator('[data-test="bundle-include-secrets"]').click()
    await dialog.locator('input[data-test="bundle-passphrase"]').fill('12345678')
    await expect
      .poll(() => dialog.locator('[data-test="bundle-strength"]').innerText())
      .toContain('很弱')
    expect(await dialog.locator('[data-test="bundle-export"]').isDisabled()).toBe(true)
    await dialog.locator('input[data-test="bundle-passphrase"]').fill(BUNDLE_PASS)
    await dialog.locator('input[data-test="bundle-confirm"]').fill(BUNDLE_PASS)
    await expect.poll(() => dialog.locator('[data-test="bundle-export"]').isDisabled()).toBe(false)
    await screenshot(page, 'bundle-export-zh')
    a.fakes.savePath = file
    await dialog.locator('[data-test="bundle-export"]').click()
    await dialog.locator('[data-test="bundle-exported"]').waitFor()
    expect(existsSync(file)).toBe(true)
    expect(await dialog.innerText()).toContain('2 项密钥')
    await screenshot(page, 'bundle-exported-zh')
    expect(pageA.problems).toEqual([])
  })

  it('previews the bundle in Settings on the other laptop, with a choice for the conflict', async () => {
    const page = pageB.page
    const panel = page.locator('[data-test="bundle-import"]')
    await panel.scrollIntoViewIfNeeded()
    await panel.locator('input[data-test="bundle-import-passphrase"]').fill('不是这个口令 wrong')
    b.fakes.openPath = file
    await panel.locator('[data-test="bundle-choose"]').click()
    await expect
      .poll(() => panel.locator('[data-test="bundle-import-error"]').innerText())
      .toContain('口令不正确')
    await panel.locator('input[data-test="bundle-import-passphrase"]').fill(BUNDLE_PASS)
    await panel.locator('[data-test="bundle-choose"]').click()
    const preview = panel.locator('[data-test="bundle-preview"]')
    await preview.waitFor()
    const text = await preview.innerText()
    expect(text).toContain('本机已有「兰州黄河云票（旧资料）」')
    expect(text).toContain('新增')
    await panel.locator(`[data-test="bundle-choice-${LANZHOU.taxId}"] label`).nth(1).click()
    await panel.scrollIntoViewIfNeeded()
    await screenshot(page, 'bundle-preview-zh')
  })

  it('imports all at once and reports what happened; B reveals the secret', async () => {
    const page = pageB.page
    const panel = page.locator('[data-test="bundle-import"]')
    await panel.locator('[data-test="bundle-import-run"]').click()
    const result = panel.locator('[data-test="bundle-import-result"]')
    await result.waitFor()
    expect(await result.innerText()).toContain('新增 1 · 替换 1')
    await screenshot(page, 'bundle-imported-zh')
    const replaced = b.core.customers.findByTaxId(LANZHOU.taxId)!
    expect(replaced.name).toBe(LANZHOU.name)
    expect(b.core.credentials.reveal(replaced.id, 'fkey')).toBe(KEY)
    expect(pageB.problems).toEqual([])
  })

  it('shows the same screens in English', async () => {
    await switchLocale(pageA.page, a, 'en', '[data-test="customer-table"]')
    await tickAllAndOpen(pageA)
    const dialog = pageA.page.locator('[data-test="bundle-export-dialog"]')
    expect(await dialog.innerText()).toContain('the 2 selected customers')
    await dialog.locator('[data-test="bundle-include-secrets"]').click()
    await dialog.locator('input[data-test="bundle-passphrase"]').fill(BUNDLE_PASS)
    await dialog.locator('input[data-test="bundle-confirm"]').fill(BUNDLE_PASS)
    await screenshot(pageA.page, 'bundle-export-en')

    await switchLocale(pageB.page, b, 'en', '[data-test="bundle-import"]')
    const panel = pageB.page.locator('[data-test="bundle-import"]')
    await panel.locator('input[data-test="bundle-import-passphrase"]').fill(BUNDLE_PASS)
    await panel.locator('[data-test="bundle-choose"]').click()
    await panel.locator('[data-test="bundle-preview"]').waitFor()
    expect(await panel.innerText()).toContain('Already here as')
    await panel.scrollIntoViewIfNeeded()
    await screenshot(pageB.page, 'bundle-preview-en')
    expect([...pageA.problems, ...pageB.problems]).toEqual([])
  })
})
