import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { usccCheckCharacter } from '../../electron/core/validation/uscc'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'

function customerNames(bridge: Bridge): string[] {
  const rows = bridge.core.deps.db.prepare('SELECT name FROM customers ORDER BY id').all()
  return (rows as { name: string }[]).map((r) => r.name)
}

function taxId(n: number): string {
  const first17 = `9162010${String(n).padStart(9, '0')}X`.slice(0, 17)
  return first17 + usccCheckCharacter(first17)
}

describe('backups in Settings', () => {
  let dir: string
  let external: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
    external = mkdtempSync(join(tmpdir(), 'desk-e2e-usb-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 1024 })
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    bridge.core.customers.create({ name: '兰州黄河云票科技有限公司', taxId: taxId(1) })
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '#/settings')
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
    rmSync(external, { recursive: true, force: true })
  })

  it('shows an empty list first, then a manual backup with what it holds', async () => {
    const { page } = app
    await page.locator('[data-test="backup-empty"]').waitFor()
    await page.locator('[data-test="backup-now"]').click()
    const rows = page.locator('[data-test="backup-list"] .el-table__body tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().innerText()).toContain('客户 1')
    expect(await rows.first().innerText()).toContain('手动')
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1)
  })

  it('writes a sealed copy to the chosen external folder, with the passphrase asked twice', async () => {
    const { page } = app
    bridge.fakes.folderPath = external
    await page.locator('[data-test="backup-folder"] button').first().click()
    await expect
      .poll(() => page.locator('[data-test="backup-folder"]').innerText())
      .toContain(external)
    await page.locator('[data-test="backup-sealed"]').click()
    await page.locator('input[data-test="backup-passphrase"]').fill('黄河 远上 白云间 2026')
    await page.locator('input[data-test="backup-passphrase-repeat"]').fill('黄河 远上 白云间 2025')
    await expect
      .poll(() => page.locator('.el-dialog').innerText())
      .toContain('两次输入的口令不一致')
    expect(await page.locator('[data-test="backup-sealed-confirm"]').isDisabled()).toBe(true)
    await page.locator('input[data-test="backup-passphrase-repeat"]').fill('黄河 远上 白云间 2026')
    await page.locator('[data-test="backup-sealed-confirm"]').click()
    const rows = page.locator('[data-test="backup-list"] .el-table__body tr')
    await expect.poll(() => rows.count()).toBe(3)
    expect(await page.locator('[data-test="backup-list"]').innerText()).toContain('已加密')
    expect(readdirSync(external)).toHaveLength(1)
    await page.waitForTimeout(400)
    await screenshot(page, 'settings-backups-zh')
  })

  it('restores a backup after confirmation: the later customer is gone and the page reloads', async () => {
    const { page } = app
    bridge.core.customers.create({ name: '甘肃陇原开票服务有限公司', taxId: taxId(2) })
    expect(customerNames(bridge)).toHaveLength(2)
    // the oldest plain backup, made when one customer existed
    const rows = page.locator('[data-test="backup-list"] .el-table__body tr')
    const plain = rows.filter({ hasText: '手动' }).filter({ hasNotText: '已加密' }).last()
    await plain.locator('[data-test="backup-restore"]').click()
    await page.locator('.el-message-box').waitFor()
    expect(await page.locator('.el-message-box').innerText()).toContain('恢复前会先把当前数据另存')
    await page.locator('.el-message-box .el-button--primary').click()
    await expect.poll(() => customerNames(bridge)).toEqual(['兰州黄河云票科技有限公司'])
    // the file that was replaced was kept as a backup first
    await expect
      .poll(() => page.locator('[data-test="backup-list"]').innerText())
      .toContain('恢复前')
    expect(app.problems).toEqual([])
  })

  it('reads as English at 1366×768', async () => {
    const { page } = app
    await switchLocale(page, bridge, 'en', '[data-test="backup-list"]')
    const text = await page.locator('[data-test="backups"]').innerText()
    expect(text).toContain('Back up now')
    expect(text).toContain('Customers 1')
    expect(text).not.toMatch(/[\u4e00-\u9fff]/)
    await page.locator('[data-test="backups"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'settings-backups-en')
    bridge.core.deps.settings.update({ locale: 'zh-CN' })
  })
})
