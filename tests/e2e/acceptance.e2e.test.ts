import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import {
  ARTIFACTS,
  launchBrowser,
  openApp,
  screenshot,
  switchLocale,
  type AppPage
} from './support/browser'
import { AcceptancePage } from './pages/acceptance.page'
import { readDocx } from '../core/acceptance/support/docx-reader'
import { readImageInfo } from '../../electron/core/acceptance/acceptance-form'
import { SIGNATURE_JPEG_BASE64 } from '../core/acceptance/support/images'

const CUSTOMER = '兰州黄河云票科技有限公司'
const TAX_ID = '91440300MA5G3K7P0R'

describe('the acceptance form filled, signed on screen and exported in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let ui: AcceptancePage
  let deliveryId: number
  let exported: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-acceptance-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const customer = bridge.core.customers.create({
      name: CUSTOMER,
      taxId: TAX_ID,
      contactName: '张经理',
      contactPhone: '13912345678',
      email: 'finance@example.cn'
    }).customer
    deliveryId = bridge.core.deliveries.create(customer.id, {
      orderNumber: 'SO-2026-0042',
      products: ['数电开票', '玲珑对接'],
      plannedGoLive: '2026-03-20'
    }).delivery.id
    bridge.core.deliveries.updateStage({
      deliveryId,
      stage: 'kickoff',
      answers: { order_confirmed: true, contact_confirmed: true },
      status: 'done'
    })
    browser = await launchBrowser()
    app = await openApp(browser, bridge, `#/deliveries/${deliveryId}`)
    ui = new AcceptancePage(app.page)
  })

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('opens the form from the acceptance stage, prefilled', async () => {
    await app.page.locator('[data-test="step-acceptance"]').click()
    const card = app.page.locator('[data-test="acceptance-card"]')
    await card.waitFor()
    expect(await card.innerText()).toContain('尚未填写验收单')
    await card.locator('[data-test="open-acceptance"]').click()
    await app.page.waitForURL(/#\/deliveries\/\d+\/acceptance$/)
    await ui.root().waitFor()
    expect(await ui.input('project-customerName').inputValue()).toBe(CUSTOMER)
    expect(await ui.input('project-taxId').inputValue()).toBe(TAX_ID)
    expect(await ui.input('project-products').inputValue()).toBe('数电开票、玲珑对接')
    expect(await app.page.locator('[data-test="form-version"]').innerText()).toBe('V1')
  })

  it('names the missing fields next to them when export is tried too early', async () => {
    await app.page.locator('[data-test="export-form"]').click()
    await expect.poll(() => ui.errors().count()).toBe(2)
    expect(await ui.errors().allInnerTexts()).toEqual([
      expect.stringContaining('验收结论'),
      expect.stringContaining('签字人姓名')
    ])
    expect(await app.page.locator('[data-test="form-missing"]').innerText()).toContain(
      '验收结论、客户签字人姓名'
    )
    await ui.conclusion('有条件通过')
    // the conditional pass asks for conditions and a deadline
    await expect.poll(() => ui.errors().count()).toBe(3)
    await app.page.mouse.move(5, 5)
    await app.page.locator('[data-test="conditions"]').scrollIntoViewIfNeeded()
    await app.page.locator('.el-form-item__error', { hasText: '必填' }).first().waitFor()
    await screenshot(app.page, 'acceptance-form-missing')
  })

  it('takes the conclusion, a drawn signature and the signer name, and saves', async () => {
    await ui
      .input('conditions')
      .fill('城关区门店开票点完成玲珑终端配置并开具首张发票后，视为全部验收通过。')
    await ui.date('deadline', '2026-04-10')
    await ui.input('remarks').fill('本次验收范围为总部开票点。')
    await ui.drawSignature('customer')
    await ui.input('signer-customer').fill('张伟')
    await ui.drawSignature('implementer')
    await ui.save()
    await app.page.locator('[data-test="signature-image-customer"]').waitFor()
    await app.page.locator('[data-test="signature-image-implementer"]').waitFor()
    await expect.poll(() => ui.errors().count()).toBe(0)

    const record = bridge.core.acceptance.get(deliveryId)
    expect(record.form.conclusion).toBe('conditional')
    expect(record.form.deadline).toBe('2026-04-10')
    expect(record.form.signatures.customer.signerName).toBe('张伟')
    const image = record.form.signatures.customer.image
    expect(image?.mime).toBe('image/png')
    const info = readImageInfo(Buffer.from(image?.base64 ?? '', 'base64'))
    // cropped to the ink, at the device pixel ratio: wider than tall, well under the pad's size
    expect(info?.width).toBeGreaterThan(info?.height ?? 0)
  })

  it('checks an uploaded signature by its bytes, not its name', async () => {
    const upload = app.page.locator('[data-test="upload-implementer"]')
    await upload.setInputFiles({
      name: 'signature.png',
      mimeType: 'image/png',
      buffer: Buffer.from('only text, named like a picture')
    })
    await app.page.locator('.el-message--error', { hasText: '不是 PNG 或 JPEG' }).waitFor()
    await upload.setInputFiles({
      name: 'seal-photo.png', // a JPEG, whatever its name says
      mimeType: 'image/png',
      buffer: Buffer.from(SIGNATURE_JPEG_BASE64, 'base64')
    })
    await app.page.locator('[data-test="signature-implementer"] .pending-note').waitFor()
  })

  it('exports through the save dialog and shows the SHA-256 of the file', async () => {
    exported = join(dir, '上线验收单.docx')
    bridge.fakes.savePath = exported
    await app.page.locator('[data-test="export-form"]').click()
    const sha = app.page.locator('[data-test="export-sha256"]')
    await sha.waitFor()
    expect(existsSync(exported)).toBe(true)
    const bytes = readFileSync(exported)
    expect(await sha.innerText()).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(await app.page.locator('[data-test="export-path"]').innerText()).toBe(exported)

    const doc = readDocx(bytes)
    const text = doc.paragraphs().join('\n')
    expect(doc.xml('word/document.xml')).toContain(CUSTOMER)
    expect(text).toContain(TAX_ID)
    expect(text).toContain('☐ 通过　　　　☑ 有条件通过　　　　☐ 不通过')
    expect(text).toContain('姓　　名：张伟')
    // the drawn PNG, and the uploaded JPEG that the export saved first
    expect(
      doc
        .media()
        .map((m) => m.split('.').pop())
        .sort()
    ).toEqual(['jpg', 'png'])
    for (const name of doc.media())
      expect(readImageInfo(doc.files[name] ?? new Uint8Array())).not.toBeNull()

    const keep = join(ARTIFACTS, 'acceptance')
    mkdirSync(keep, { recursive: true })
    copyFileSync(exported, join(keep, 'e2e-export.docx'))
  })

  it('fits a 1366×768 screen without horizontal scrolling', async () => {
    // screenshots without the toasts and hover states of the last clicks
    await app.page.mouse.move(5, 5)
    await expect.poll(() => app.page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0)
    await app.page.locator('main').evaluate((el) => el.scrollTo({ top: 0 }))
    await screenshot(app.page, 'acceptance-form')
    const overflow = await app.page
      .locator('main')
      .evaluate((el) => el.scrollWidth - el.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await app.page.locator('[data-test="signature-customer"]').scrollIntoViewIfNeeded()
    await screenshot(app.page, 'acceptance-signatures')

    // the English labels are longer: the same page in English fits as well
    await switchLocale(app.page, bridge, 'en', '[data-test="acceptance-page"] .acceptance-form')
    expect(await ui.root().innerText()).toContain('Signatures')
    await screenshot(app.page, 'acceptance-form-en')
    expect(
      await app.page.locator('main').evaluate((el) => el.scrollWidth - el.clientWidth)
    ).toBeLessThanOrEqual(0)
    await app.page.locator('[data-test="signature-customer"]').scrollIntoViewIfNeeded()
    await screenshot(app.page, 'acceptance-signatures-en')
    await switchLocale(app.page, bridge, 'zh-CN', '[data-test="acceptance-page"] .acceptance-form')
  })

  it('verifies the exported file and refuses a changed copy', async () => {
    bridge.fakes.openPath = exported
    await ui.more('verify-file')
    const result = app.page.locator('[data-test="verify-result"]')
    await expect.poll(() => result.innerText()).toContain('与导出记录一致')
    const changed = join(dir, 'changed.docx')
    const bytes = readFileSync(exported)
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0xff
    writeFileSync(changed, bytes)
    bridge.fakes.openPath = changed
    await ui.more('verify-file')
    await expect.poll(() => result.innerText()).toContain('与任何导出记录都不一致')
  })

  it('marks the form signed, recording it on the delivery', async () => {
    await app.page.locator('[data-test="mark-signed"]').click()
    await app.page.locator('.el-message-box__btns .el-button--primary').click()
    await app.page.locator('[data-test="form-status"]', { hasText: '已签字' }).waitFor()
    expect(await ui.root().innerText()).toContain('此版本已签字并冻结')
    await app.page.mouse.move(5, 5)
    await expect.poll(() => app.page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0)
    await app.page.locator('main').evaluate((el) => el.scrollTo({ top: 0 }))
    await screenshot(app.page, 'acceptance-signed')
    const stage = bridge.core.deliveries
      .get(deliveryId)
      .stages.find((s) => s.stage === 'acceptance')
    expect(stage?.answers.form_signed).toBe(true)
    expect(stage?.answers.signed_on).toBe(bridge.core.today())
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
