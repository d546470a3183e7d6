/**
 * Deleting a secret and purging an archived customer's history, in the browser: each asks in
 * a dialog (looked at in both languages at 1366×768), Cancel keeps everything, confirming
 * removes it for good and leaves an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'

const PASSPHRASE = '黄河远上白云间一片孤城'

describe('removing secrets in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let active: number
  let archived: number

  const storedValue = (customerId: number, field: string) =>
    bridge.core.credentials.list(customerId).items.find((i) => i.field === field)
  const historyCount = (customerId: number) =>
    bridge.core.credentials.list(customerId).items.reduce((n, i) => n + i.history.length, 0)
  const dialog = (kind: 'delete' | 'purge') => app.page.locator(`.removal-confirm-${kind}`)

  async function openDialog(kind: 'delete' | 'purge', button: string): Promise<void> {
    await app.page.locator(`[data-test="${button}"]`).click()
    await dialog(kind).waitFor()
    // the dialog fades in: let it settle before a screenshot
    await app.page.waitForTimeout(400)
  }

  async function cancel(kind: 'delete' | 'purge'): Promise<void> {
    await dialog(kind).locator('.el-message-box__btns button').first().click()
    await dialog(kind).waitFor({ state: 'hidden' })
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-removal-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 4096 })
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const core = bridge.core
    active = core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R'
    }).customer.id
    archived = core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: '914403001922038216'
    }).customer.id
    await core.vault.setup(PASSPHRASE)
    core.credentials.set(active, 'clientSecret', 'd81f0c2a9b5e7e3dc-old')
    core.credentials.set(active, 'clientSecret', 'd81f0c2a9b5e7e3dc')
    core.credentials.set(active, 'fkey', '0a1b2c3d4e7')
    core.credentials.set(archived, 'fkey', 'old-fkey-1-0a1b2c')
    core.credentials.set(archived, 'fkey', 'old-fkey-2-0a1b2c')
    core.credentials.set(archived, 'fkey', 'current-fkey-0a1b2c')
    core.credentials.set(archived, 'clientId', 'PZ01HX7QvQk2')
    core.customers.archive(archived)
    browser = await launchBrowser()
    app = await openApp(browser, bridge, `#/customers/${active}`)
    await app.page.locator('[data-test="credential-mask-clientSecret"]').waitFor()
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('offers no purge for an active customer, and asks before deleting a secret', async () => {
    expect(await app.page.locator('[data-test="credential-purge-history"]').count()).toBe(0)
    await openDialog('delete', 'credential-delete-clientSecret')
    const text = await dialog('delete').innerText()
    expect(text).toContain('删除密钥')
    expect(text).toContain('删除 clientSecret 的当前值和 1 个历史值')
    expect(text).toContain('审计日志')
    await screenshot(app.page, 'credential-delete-confirm.zh')
    await cancel('delete')
    expect(storedValue(active, 'clientSecret')?.stored).toBe(true)
  })

  it('asks before purging an archived customer’s history, naming how many values go', async () => {
    await app.page.goto(`${bridge.url}#/customers/${archived}`)
    await app.page.locator('[data-test="credential-purge-history"]').waitFor()
    await openDialog('purge', 'credential-purge-history')
    expect(await dialog('purge').innerText()).toContain('全部密钥的 2 个历史值')
    await screenshot(app.page, 'credential-purge-confirm.zh')
    await cancel('purge')
    expect(historyCount(archived)).toBe(2)
  })

  it('says the same in English', async () => {
    await switchLocale(app.page, bridge, 'en', '[data-test="credential-purge-history"]')
    await openDialog('purge', 'credential-purge-history')
    expect(await dialog('purge').innerText()).toContain(
      '(2 earlier values in all; current values stay)'
    )
    await screenshot(app.page, 'credential-purge-confirm.en')
    await cancel('purge')
    await app.page.goto(`${bridge.url}#/customers/${active}`)
    await openDialog('delete', 'credential-delete-clientSecret')
    expect(await dialog('delete').innerText()).toContain(
      'Delete the current value of clientSecret and its history (1 earlier)?'
    )
    await screenshot(app.page, 'credential-delete-confirm.en')
    await cancel('delete')
    expect(storedValue(active, 'clientSecret')?.stored).toBe(true)
  })

  it('deletes the secret with its history once confirmed, audited', async () => {
    await openDialog('delete', 'credential-delete-clientSecret')
    await dialog('delete').locator('.el-button--danger').click()
    await app.page
      .locator('[data-test="credential-mask-clientSecret"]')
      .waitFor({ state: 'detached' })
    expect(await app.page.locator('[data-test="credential-clientSecret"]').innerText()).toContain(
      'Not stored'
    )
    expect(storedValue(active, 'clientSecret')).toMatchObject({ stored: false, history: [] })
    expect(storedValue(active, 'fkey')?.stored).toBe(true)
    const entry = bridge.core.audit.list({ action: 'credential.delete' }).items[0]
    expect(entry).toMatchObject({ entityId: active, actor: '王实施' })
    expect(JSON.stringify(entry)).not.toContain('d81f0c2a9b5e7e3dc')
  })

  it('purges the archived customer’s history once confirmed, keeping current values, audited', async () => {
    await app.page.goto(`${bridge.url}#/customers/${archived}`)
    await openDialog('purge', 'credential-purge-history')
    await dialog('purge').locator('.el-button--danger').click()
    await app.page.locator('.el-message', { hasText: '2 earlier values purged' }).waitFor()
    await app.page.locator('[data-test="credential-purge-history"]').waitFor({ state: 'detached' })
    expect(historyCount(archived)).toBe(0)
    expect(storedValue(archived, 'fkey')?.stored).toBe(true)
    expect(bridge.core.credentials.reveal(archived, 'fkey')).toBe('current-fkey-0a1b2c')
    const entry = bridge.core.audit.list({ action: 'credential.history_purged' }).items[0]
    expect(entry).toMatchObject({ entityId: archived })
    expect(app.problems).toEqual([])
  })
})
