import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, type AppPage } from './support/browser'

describe('first run and settings in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '#/deliveries')
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('asks for the name and company before anything else, then goes where the user was going', async () => {
    const { page } = app
    await page.locator('[data-test="first-run"]').waitFor()
    expect(await page.locator('.nav').count()).toBe(0)
    await screenshot(page, 'first-run-zh')

    await page.locator('[data-test="first-run-start"]').click()
    await expect.poll(() => page.locator('.el-form-item__error').innerText()).toContain('必填')
    expect(bridge.core.deps.settings.get().implementerName).toBe('')

    await page.locator('input[data-test="first-run-name"]').fill('王磊')
    await page.locator('input[data-test="first-run-company"]').fill('甘肃数智实施服务有限公司')
    await page.locator('[data-test="first-run-start"]').click()
    await page.waitForURL(/#\/deliveries$/)
    expect(bridge.core.deps.settings.get()).toMatchObject({
      implementerName: '王磊',
      implementerCompany: '甘肃数智实施服务有限公司'
    })
    // a route to the step itself leads back once the name is set
    await page.goto(bridge.url + '#/welcome')
    await page.waitForURL(/#\/customers$/)
  })

  it('records the name, never a placeholder, on what is written afterwards', async () => {
    const customer = bridge.core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R'
    }).customer
    const detail = bridge.core.deliveries.create(customer.id, {})
    expect(detail.delivery.implementer).toBe('王磊')
    const actors = bridge.core.audit.list({ limit: 50 }).items.map((e) => e.actor)
    expect(actors.every((a) => a === '王磊')).toBe(true)
  })

  it('edits a delivery’s implementer in place', async () => {
    const { page } = app
    const id = bridge.core.deliveries.list({ limit: 1, offset: 0 }).items[0]!.id
    await page.goto(bridge.url + `#/deliveries/${id}`)
    const input = page.locator('input[data-test="delivery-implementer"]')
    await input.waitFor()
    expect(await input.inputValue()).toBe('王磊')
    await input.fill('李娜')
    await input.press('Enter')
    await expect.poll(() => bridge.core.deliveries.get(id).delivery.implementer).toBe('李娜')
  })

  it('shows every setting with its range and names a number out of range', async () => {
    const { page } = app
    await page.goto(bridge.url + '#/settings')
    for (const field of [
      'autoLockMinutes',
      'clipboardClearSeconds',
      'maxUnlockedHours',
      'deemedAcceptanceDays',
      'backupKeep'
    ]) {
      await page.locator(`[data-test="setting-${field}"]`).waitFor()
    }
    expect(await page.locator('input[data-test="implementer-company"]').inputValue()).toBe(
      '甘肃数智实施服务有限公司'
    )
    const autoLock = page.locator('[data-test="setting-autoLockMinutes"] input')
    await autoLock.fill('500')
    await autoLock.blur()
    const error = page.locator('[data-test="setting-autoLockMinutes"] .el-form-item__error')
    await expect.poll(() => error.innerText()).toContain('1–240')
    expect(await page.locator('[data-test="save-settings"]').isDisabled()).toBe(true)
    await screenshot(page, 'settings-range-error-zh')

    await autoLock.fill('15')
    await autoLock.blur()
    const days = page.locator('[data-test="setting-deemedAcceptanceDays"] input')
    await days.fill('10')
    await days.blur()
    await page.locator('[data-test="save-settings"]').click()
    await expect
      .poll(() => bridge.core.deps.settings.get())
      .toMatchObject({ autoLockMinutes: 15, deemedAcceptanceDays: 10 })
    expect(app.problems).toEqual([])
  })

  it('refuses an out-of-range setting in the core too', () => {
    expect(() => bridge.core.deps.settings.update({ clipboardClearSeconds: 2 })).toThrow()
    expect(() => bridge.core.deps.settings.update({ deemedAcceptanceDays: 91 })).toThrow()
    expect(bridge.core.deps.settings.get().clipboardClearSeconds).toBe(30)
  })
})
