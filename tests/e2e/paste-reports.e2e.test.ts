/** 粘贴识别 on the customer form and the vault panel, and the 报表 card, in a real browser. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'

const MESSAGE = `您好，我司开票信息如下：
名称：甘肃兰州中心商贸有限公司
纳税人识别号：9164 0100 MADX RUAJ 9U
地址、电话：甘肃省兰州市七里河区西津西路16号 0931-8888888
开户行及账号：招商银行兰州分行 9319 0345 6710 901
开票员：王丽 手机：138 1234 5678
谢谢`

const KEYS = `甘肃兰州中心商贸有限公司
91640100MADXRUAJ9U
已经配置好了，相关密钥是：
clientId：PZ01HX7QvQk2
clientSecret：d81f0c2a9b5e7e3dc
encrypeKey：8HQ2x7LmZc4pRk1w
fkey：0a1b2c3d4e7
fpublicKey：04ab77cafe5e8`

describe('paste to fill and reports in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-paste-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'), { scryptN: 4096 })
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    browser = await launchBrowser()
    app = await openApp(browser, bridge, '#/customers/new')
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const page = () => app.page
  const box = () => page().locator('[data-test="customer-form-page"] [data-test="paste-fill"]')

  it('refuses a message with two companies, naming the problem', async () => {
    await box().locator('[data-test="paste-open"]').click()
    await box()
      .locator('textarea[data-test="paste-text"]')
      .fill(`购方名称：北京青禾科技有限公司\n销方名称：深圳前海云帆贸易有限公司`)
    await box().locator('[data-test="paste-read"]').click()
    await expect
      .poll(() => box().locator('[data-test="paste-refusal"]').innerText())
      .toContain('两家公司')
  })

  it('previews what a pasted message changes, fills the form, and saves only on Save', async () => {
    await box().locator('textarea[data-test="paste-text"]').fill(MESSAGE)
    await box().locator('[data-test="paste-read"]').click()
    const preview = box().locator('[data-test="paste-preview"]')
    await preview.waitFor()
    expect(await preview.locator('tbody tr').count()).toBe(8)
    expect(await box().locator('[data-test="paste-row-taxId"]').innerText()).toContain(
      '91640100MADXRUAJ9U'
    )
    expect(await box().locator('[data-test="paste-row-bankAccount"]').innerText()).toContain(
      '931903456710901'
    )
    expect(await box().innerText()).toContain('您好，我司开票信息如下')
    await screenshot(page(), 'paste-customer-preview-zh')
    await box().locator('[data-test="paste-apply"]').click()
    await expect
      .poll(() => page().locator('input[data-test="field-name"]').inputValue())
      .toBe('甘肃兰州中心商贸有限公司')
    expect(await page().locator('input[data-test="field-phone"]').inputValue()).toBe('0931-8888888')
    expect(await page().locator('input[data-test="field-adminMobile"]').inputValue()).toBe(
      '13812345678'
    )
    // nothing saved until the user saves
    expect(bridge.core.customers.search({ limit: 5, offset: 0 }).total).toBe(0)
    await page().locator('[data-test="save-customer"]').click()
    await page().waitForURL(/#\/customers\/\d+$/)
    const saved = bridge.core.customers.search({ limit: 5, offset: 0 }).items[0]
    expect(saved).toMatchObject({
      taxId: '91640100MADXRUAJ9U',
      address: '甘肃省兰州市七里河区西津西路16号',
      bankName: '招商银行兰州分行',
      bankAccount: '931903456710901',
      invoicer: '王丽'
    })
  })

  it('copies the customer’s 开票信息 block in the runbook’s layout', async () => {
    await page()
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: bridge.url.replace(/\/$/, '')
      })
    await page().locator('[data-test="copy-invoicing-block"]').click()
    await expect
      .poll(() => page().evaluate<string>('navigator.clipboard.readText()'))
      .toBe(
        [
          '企业名称：甘肃兰州中心商贸有限公司',
          '企业税号：91640100MADXRUAJ9U',
          '地址电话：甘肃省兰州市七里河区西津西路16号 0931-8888888',
          '开户银行和账号：招商银行兰州分行 931903456710901'
        ].join('\n')
      )
  })

  it('reads pasted keys in the vault panel, shows only masks, and stores all five at once', async () => {
    await bridge.core.vault.setup('黄河远上白云间一片孤城')
    await page().reload()
    const keys = page().locator('[data-test="credentials-paste"]')
    await keys.locator('[data-test="keys-paste-open"]').click()
    await keys.locator('textarea[data-test="keys-paste-text"]').fill(KEYS)
    await keys.locator('[data-test="keys-paste-read"]').click()
    const preview = keys.locator('[data-test="keys-paste-preview"]')
    await preview.waitFor()
    const shown = await preview.innerText()
    expect(shown).toContain('P*******k2')
    expect(shown).not.toContain('PZ01HX7QvQk2')
    expect(shown).not.toContain('8HQ2x7LmZc4pRk1w')
    // the pasted plaintext is cleared from the box once read
    expect(await keys.locator('textarea[data-test="keys-paste-text"]').inputValue()).toBe('')
    await screenshot(page(), 'paste-keys-preview-zh')
    await keys.locator('[data-test="keys-paste-store"]').click()
    const id = bridge.core.customers.search({ limit: 5, offset: 0 }).items[0]?.id as number
    await expect.poll(() => bridge.core.credentials.storedFields(id).length).toBe(5)
    expect(bridge.core.credentials.reveal(id, 'encryptKey')).toBe('8HQ2x7LmZc4pRk1w')
    await page().locator('[data-test="credential-mask-fkey"]').waitFor()
    const audit = JSON.stringify(bridge.core.audit.list({ limit: 100, offset: 0 }).items)
    expect(audit).not.toContain('8HQ2x7LmZc4pRk1w')
  })

  it('shows the weekly status and exports the deliveries from the dashboard', async () => {
    const id = bridge.core.customers.search({ limit: 5, offset: 0 }).items[0]?.id as number
    const delivery = bridge.core.deliveries.create(id, { plannedGoLive: bridge.core.today() })
    bridge.core.deliveries.updateStage({
      deliveryId: delivery.delivery.id,
      stage: 'activation',
      status: 'blocked',
      reason: '客户未收到激活邮件'
    })
    await page().goto(bridge.url + '#/dashboard')
    const card = page().locator('[data-test="reports-card"]')
    await card.waitFor()
    await card.locator('[data-test="report-weekly"]').click()
    const text = page().locator('[data-test="weekly-text"]')
    await text.waitFor()
    expect(await text.innerText()).toContain('客户未收到激活邮件')
    await page().waitForTimeout(400) // the dialog fades in
    await screenshot(page(), 'reports-weekly-zh')
    await page().keyboard.press('Escape')
    await text.waitFor({ state: 'hidden' })

    bridge.fakes.savePath = join(dir, '交付')
    await card.locator('[data-test="report-export-deliveries"]').click()
    await expect.poll(() => existsSync(join(dir, '交付.xlsx'))).toBe(true)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(join(dir, '交付.xlsx'))
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet
    expect(sheet.rowCount).toBe(2)
    expect(sheet.getRow(2).values).toContain('客户未收到激活邮件')
    await screenshot(page(), 'reports-dashboard-zh')
  })

  it('fills the customer_info stage card from a paste, showing old → new', async () => {
    const delivery = bridge.core.deliveries.list({ limit: 5, offset: 0 }).items[0]
    await page().goto(bridge.url + `#/deliveries/${delivery?.id}`)
    await page().locator('[data-test="step-customer_info"]').click()
    const card = page().locator('[data-test="stage-customer-fields"]')
    await card.locator('[data-test="paste-open"]').click()
    await card
      .locator('textarea[data-test="paste-text"]')
      .fill('开票员：张三\n管理员手机号：139 0931 0000\n联系人：周杰')
    await card.locator('[data-test="paste-read"]').click()
    const row = card.locator('[data-test="paste-row-invoicer"]')
    await row.waitFor()
    expect(await row.innerText()).toMatch(/王丽[\s\S]*张三/)
    // 联系人 is not on this card: shown, not applied
    expect(await card.locator('[data-test="paste-row-contactName"]').innerText()).toContain(
      '不在此表单中'
    )
    await card.locator('[data-test="paste-apply"]').scrollIntoViewIfNeeded()
    await screenshot(page(), 'paste-stage-card-zh')
    await card.locator('[data-test="paste-apply"]').click()
    await expect
      .poll(() => card.locator('input[data-test="stage-field-invoicer"]').inputValue())
      .toBe('张三')
    expect(await card.locator('input[data-test="stage-field-adminMobile"]').inputValue()).toBe(
      '13909310000'
    )
  })

  it('reads as English at 1366×768', async () => {
    await page().goto(bridge.url + '#/dashboard')
    await switchLocale(page(), bridge, 'en', '[data-test="reports-card"]')
    await screenshot(page(), 'reports-dashboard-en')
    await page().goto(bridge.url + '#/customers/new')
    await box().locator('[data-test="paste-open"]').click()
    await box()
      .locator('textarea[data-test="paste-text"]')
      .fill(MESSAGE.replace('138 1234 5678', '12345'))
    await box().locator('[data-test="paste-read"]').click()
    await box().locator('[data-test="paste-preview"]').waitFor()
    expect(await box().innerText()).toContain('Company name')
    await screenshot(page(), 'paste-customer-preview-en')
    const id = bridge.core.customers.search({ limit: 5, offset: 0 }).items[0]?.id as number
    await page().goto(bridge.url + `#/customers/${id}`)
    const keys = page().locator('[data-test="credentials-paste"]')
    await keys.locator('[data-test="keys-paste-open"]').click()
    await keys.locator('textarea[data-test="keys-paste-text"]').fill(KEYS)
    await keys.locator('[data-test="keys-paste-read"]').click()
    await keys.locator('[data-test="keys-paste-preview"]').waitFor()
    await keys.scrollIntoViewIfNeeded()
    await screenshot(page(), 'paste-keys-preview-en')
    expect(app.problems).toEqual([])
  })
})
