/**
 * Copying the key message is not sending it: on the delivery's back-office stage the
 * implementer confirms who received the keys and how, and only that records them as sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { CREDENTIAL_FIELD_KEYS } from '../../electron/core/vault/credential-fields'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'

const SECRETS: Record<string, string> = {
  clientId: 'PZ01HX7QvQk2',
  clientSecret: 'd81f0c2a9b5e7e3dc',
  encryptKey: '8HQ2x7LmZc4pRk1w',
  fkey: '0a1b2c3d4e7',
  fpublicKey: '04ab77cafe5e8'
}

describe('the key hand-off confirmed as sent', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let deliveryId: number

  function backendConfig(): Record<string, unknown> {
    const stage = bridge.core.deliveries
      .get(deliveryId)
      .stages.find((s) => s.stage === 'backend_config')
    return stage?.answers ?? {}
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-handoff-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 4096 })
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const customer = bridge.core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      contactName: '张伟',
      contactPhone: '13909311234'
    }).customer
    deliveryId = bridge.core.deliveries.create(customer.id, {}).delivery.id
    await bridge.core.vault.setup('黄河远上白云间一片孤城')
    for (const field of CREDENTIAL_FIELD_KEYS) {
      bridge.core.credentials.set(customer.id, field, SECRETS[field]!)
    }
    browser = await launchBrowser()
    app = await openApp(browser, bridge, `#/deliveries/${deliveryId}`)
    await app.page.locator('[data-test="step-backend_config"]').click()
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('copies the message without recording it as sent, then asks who received it', async () => {
    const { page } = app
    await page.locator('[data-test="credential-handoff"]').click()
    await page.locator('[data-test="handoff-confirm"]').waitFor()
    expect(bridge.fakes.copies.at(-1)).toContain(`clientId：${SECRETS.clientId}`)
    expect(backendConfig().keys_sent).toBeUndefined()
    // the customer's contact is offered as the recipient
    await expect
      .poll(() => page.locator('input[data-test="handoff-recipient"]').inputValue())
      .toBe('张伟')
    await page.locator('[data-test="handoff-confirm"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'handoff-confirm-zh')
  })

  it('refuses an empty recipient in place, then records recipient, channel, date and sent', async () => {
    const { page } = app
    await page.locator('input[data-test="handoff-recipient"]').fill('  ')
    await page.locator('[data-test="handoff-sent"]').click()
    await page.locator('[data-test="handoff-confirm"] .error').waitFor()
    expect(backendConfig().keys_sent).toBeUndefined()

    await page.locator('input[data-test="handoff-recipient"]').fill('李会计')
    await page.locator('[data-test="handoff-sent"]').click()
    await page.locator('[data-test="handoff-confirm"]').waitFor({ state: 'detached' })
    await expect
      .poll(() => backendConfig())
      .toMatchObject({
        keys_recipient: '李会计',
        keys_handed_over_via: 'wechat',
        keys_handed_over_on: bridge.core.today(),
        keys_sent: true
      })
    const audit = bridge.core.audit.list({ action: 'credential.handoff_confirmed' }).items
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: '王实施', details: { recipient: '李会计' } })
    expect(app.problems).toEqual([])
  })

  it('reads as English at 1366×768', async () => {
    const { page } = app
    await switchLocale(page, bridge, 'en', '[data-test="step-backend_config"]')
    await page.locator('[data-test="step-backend_config"]').click()
    await page.locator('[data-test="credential-handoff"]').click()
    await page.locator('[data-test="handoff-confirm"]').waitFor()
    const text = await page.locator('[data-test="handoff-confirm"]').innerText()
    expect(text).not.toMatch(/[\u4e00-\u9fff]：/)
    await page.locator('[data-test="handoff-confirm"]').scrollIntoViewIfNeeded()
    await screenshot(page, 'handoff-confirm-en')
    bridge.core.deps.settings.update({ locale: 'zh-CN' })
  })
})
