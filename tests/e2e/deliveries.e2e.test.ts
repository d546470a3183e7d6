import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'
import { DeliveryPage } from './pages/delivery.page'
import { localDate } from '../../electron/core/shared/service-context'

describe('a delivery walked through the stages in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let customerId: number
  const today = localDate(new Date())

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 1024 })
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    customerId = bridge.core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      contactName: '张经理',
      contactPhone: '13912345678',
      email: 'finance@example.cn'
    }).customer.id
    // the five keys are already in the vault (the vault itself has its own browser test)
    await bridge.core.vault.setup('黄河远上白云间一片孤城')
    for (const [field, value] of Object.entries({
      clientId: 'PZ01HX7Qk2',
      clientSecret: 'd81f0c2a9b3dc',
      encryptKey: '8HQ2x7LmZc4pRk1w',
      fkey: '0a1b2c3d7',
      fpublicKey: '04ab77e8'
    })) {
      bridge.core.credentials.set(customerId, field, value)
    }
    // another customer with a blocked delivery, so the dashboard has something to show
    const other = bridge.core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: '914403001922038216'
    }).customer.id
    const blocked = bridge.core.deliveries.create(other, {
      plannedGoLive: '2026-01-10',
      orderNumber: 'SO-OLD-7'
    }).delivery.id
    bridge.core.deliveries.updateStage({
      deliveryId: blocked,
      stage: 'kickoff',
      status: 'blocked',
      reason: '客户暂停项目，等待财务确认'
    })
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '#/dashboard')
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const chartLabel = () =>
    app.page.locator('[data-test="dashboard"] svg.chart').getAttribute('aria-label')

  it('shows the dashboard before the new delivery', async () => {
    await app.page.locator('[data-test="blocked-item"]', { hasText: '客户暂停项目' }).waitFor()
    expect(await chartLabel()).toContain('交付启动 1')
    expect(await app.page.locator('[data-test="overdue-item"]').count()).toBe(1)
  })

  it('starts a delivery from the customer page', async () => {
    await app.page.goto(`${bridge.url}#/customers/${customerId}`)
    await app.page.locator('[data-test="start-delivery"]').click()
    await app.page.locator('input[data-test="delivery-order"]').fill('SO-2026-0042')
    const planned = app.page.locator('[data-test="new-delivery-form"] .el-date-editor input')
    await planned.fill(today)
    await planned.press('Enter')
    await app.page.locator('[data-test="create-delivery"]').click()
    await app.page.waitForURL(/#\/deliveries\/\d+$/)
    await app.page.locator('[data-test="step-kickoff"].selected').waitFor()
  })

  it('walks kickoff → activation → customer_info → backend_config → linglong_config', async () => {
    const ui = new DeliveryPage(app.page)
    // kickoff
    await ui.yes('order_confirmed')
    await ui.yes('contact_confirmed')
    await ui.markDone()
    await ui.expectStatus('kickoff', '已完成')
    await app.page.locator('[data-test="step-activation"].selected').waitFor()

    // activation
    await ui.yes('activation_mail_received')
    await ui.yes('activated')
    await ui.date('activated_on', today)
    await ui.yes('uses_etax_bureau', false)
    await ui.yes('invoicer_identity_verified')
    await ui.markDone()
    await ui.expectStatus('activation', '已完成')

    // customer_info: refused first, naming what is missing
    await app.page.locator('[data-test="step-customer_info"].selected').waitFor()
    await ui.markDone()
    const missing = app.page.locator('[data-test="missing-list"]')
    await expect.poll(() => missing.innerText()).toContain('开户银行')
    expect(await missing.innerText()).toContain('管理员手机号')
    await screenshot(app.page, 'delivery-customer-info-missing')
    const fields: Record<string, string> = {
      address: '甘肃省兰州市城关区张掖路 88 号',
      phone: '0931-8866123',
      bankName: '中国工商银行兰州城关支行',
      bankAccount: '2703001209100123456',
      invoicer: '李开票',
      adminMobile: '13812345678'
    }
    for (const [key, value] of Object.entries(fields)) {
      await app.page.locator(`input[data-test="stage-field-${key}"]`).fill(value)
    }
    await app.page.locator('[data-test="save-stage-customer"]').click()
    await app.page.locator('.ready').waitFor()
    await ui.markDone()
    await ui.expectStatus('customer_info', '已完成')

    // backend_config
    await app.page.locator('[data-test="step-backend_config"].selected').waitFor()
    await ui.yes('enterprise_info_complete')
    await ui.text('reference_tax_id', '91640100MADXRUAJ9U')
    await ui.yes('tenant_configured')
    await ui.date('keys_handed_over_on', today)
    await ui.choose('keys_handed_over_via', '微信')
    await ui.text('keys_recipient', '张经理')
    await ui.yes('keys_sent')
    await ui.markDone()
    await ui.expectStatus('backend_config', '已完成')

    // linglong_config
    await app.page.locator('[data-test="step-linglong_config"].selected').waitFor()
    await ui.yes('keys_entered')
    await ui.yes('first_invoice_issued')
    await ui.date('first_invoice_on', today)
    await ui.text('first_invoice_number', '26442000000012345678')
    await ui.markDone()
    await ui.expectStatus('linglong_config', '已完成')
    await app.page.locator('[data-test="step-acceptance"].selected').waitFor()
    await screenshot(app.page, 'delivery-page')
    await switchLocale(app.page, bridge, 'en', '[data-test="step-acceptance"].selected')
    expect(await app.page.locator('[data-test="next-action"]').innerText()).toContain('Mark done')
    await screenshot(app.page, 'delivery-page-en')
    await switchLocale(app.page, bridge, 'zh-CN', '[data-test="step-acceptance"].selected')

    const detail = bridge.core.deliveries.list({ customerId, limit: 5, offset: 0 }).items[0]
    expect(detail?.currentStage).toBe('acceptance')
    expect(detail?.stageStatuses.slice(0, 5)).toEqual(['done', 'done', 'done', 'done', 'done'])
    expect(bridge.core.customers.get(customerId).bankAccount).toBe('2703001209100123456')
  })

  it('shows the change on the dashboard', async () => {
    await app.page.locator('.nav-item', { hasText: '看板' }).click()
    await app.page.locator('[data-test="dashboard"] svg.chart').waitFor()
    await expect.poll(chartLabel).toContain('上线验收单 1')
    expect(await chartLabel()).toContain('交付启动 1')
    expect(await app.page.locator('[data-test="tile-active"]').innerText()).toContain('2')
    expect(
      await app.page.locator('.activity', { hasText: '兰州黄河云票科技有限公司' }).count()
    ).toBeGreaterThan(0)
    await screenshot(app.page, 'dashboard')
  })

  it('opens the failure playbook offline and finds a symptom', async () => {
    await app.page.locator('.nav-item', { hasText: '故障处理' }).click()
    await app.page.locator('input[data-test="playbook-search"]').fill('刷脸')
    await app.page
      .locator('[data-test="playbook-face_verification"]', { hasText: '人脸识别认证' })
      .waitFor()
    expect(await app.page.locator('[data-test^="playbook-"].el-collapse-item').count()).toBe(1)
    // the search opened what it found: the steps are on screen
    await app.page.locator('[data-test="playbook-face_verification"].is-active').waitFor()
    await app.page.waitForTimeout(400) // let the expand transition finish before the screenshot
    await screenshot(app.page, 'playbook')
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
