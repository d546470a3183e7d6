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
import { dirname, join } from 'node:path'
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
import { BANK_ACCOUNT, FIRST_INVOICE, walkWholeDelivery } from './support/walk-delivery'
import { docxToPdf, pdfPageCount, pdfText, pdfToPages } from './support/render-pages'

const CUSTOMER = '兰州黄河云票科技有限公司'
const TAX_ID = '91440300MA5G3K7P0R'

const PAGES = join(ARTIFACTS, 'acceptance')

/** Both files of one version: the .docx (rendered by LibreOffice) and the PDF, as page images. */
function lookAt(
  docx: string,
  pdf: string,
  layout: string
): { docxPages: number; pdfPages: number } {
  mkdirSync(PAGES, { recursive: true })
  // LibreOffice writes <name>.pdf: a folder of its own keeps it off the exported PDF
  const out = join(dirname(docx), `${layout}-rendered`)
  mkdirSync(out, { recursive: true })
  const rendered = docxToPdf(docx, out)
  copyFileSync(docx, join(PAGES, `${layout}.docx`))
  copyFileSync(pdf, join(PAGES, `${layout}.pdf`))
  pdfToPages(rendered, PAGES, `${layout}-docx`)
  pdfToPages(pdf, PAGES, `${layout}-pdf`)
  return { docxPages: pdfPageCount(rendered), pdfPages: pdfPageCount(pdf) }
}

const squeeze = (text: string): string => text.replace(/\s+/g, '')

describe('a whole delivery ends with a signed form whose every 通过 rests on a recorded fact', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let ui: AcceptancePage
  let deliveryId: number
  let exported: string
  let exportedPdf: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-acceptance-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const customer = bridge.core.customers.create({
      name: CUSTOMER,
      taxId: TAX_ID,
      address: '甘肃省兰州市城关区东岗西路 588 号',
      phone: '0931-8866123',
      bankName: '中国工商银行兰州城关支行',
      bankAccount: BANK_ACCOUNT,
      invoicer: '赵丽',
      adminMobile: '13893112345',
      contactName: '张经理',
      contactPhone: '13912345678',
      email: 'finance@example.cn'
    }).customer
    deliveryId = bridge.core.deliveries.create(customer.id, {
      orderNumber: 'SO-2026-0042',
      products: ['数电开票', '玲珑对接'],
      plannedGoLive: '2026-03-20'
    }).delivery.id
    walkWholeDelivery(bridge.core, deliveryId)
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
    // rows the recorded facts decide say so; the planned date is not offered as 上线日期
    expect(await app.page.locator('[data-test="decided-by"]').count()).toBeGreaterThanOrEqual(6)
    expect(
      await app.page.locator('[data-test="check-first_invoice"] textarea').last().inputValue()
    ).toBe(`首张发票 ${FIRST_INVOICE.on}，号码 ${FIRST_INVOICE.number}（20 位）`)
    expect(await app.page.locator('[data-test="project-goLiveDate"] input').inputValue()).toBe('')
    expect(await app.page.locator('[data-test="go-live-hint"]').innerText()).toContain('2026-03-20')
    expect(await app.page.locator('[data-test="invoicing-bankAccount"]').innerText()).toBe(
      BANK_ACCOUNT
    )
  })

  it('names the missing fields next to them when export is tried too early', async () => {
    await app.page.locator('[data-test="export-form"]').click()
    await expect.poll(() => ui.errors().count()).toBe(3)
    expect(await ui.errors().allInnerTexts()).toEqual([
      expect.stringContaining('上线日期'),
      expect.stringContaining('验收结论'),
      expect.stringContaining('签字人姓名')
    ])
    const missing = await app.page.locator('[data-test="form-missing"]').innerText()
    expect(missing).toContain('上线日期')
    expect(missing).toContain('验收结论')
    await ui.conclusion('有条件通过')
    // the conditional pass asks for conditions and a deadline
    await expect.poll(() => ui.errors().count()).toBe(4)
    await app.page.mouse.move(5, 5)
    await app.page.locator('[data-test="conditions"]').scrollIntoViewIfNeeded()
    await app.page.locator('.el-form-item__error', { hasText: '必填' }).first().waitFor()
    await screenshot(app.page, 'acceptance-form-missing')
  })

  it('takes the actual go-live date, writes it to the delivery and exports the paper layout', async () => {
    await ui.date('project-goLiveDate', '2026-03-18')
    await ui
      .input('conditions')
      .fill('城关区门店开票点完成玲珑终端配置并开具首张发票后，视为全部验收通过。')
    await ui.date('deadline', '2026-04-10')
    await ui.input('signer-customer').fill('张伟')
    await ui.input('title-customer').fill('财务经理')
    await ui.input('title-implementer').fill('实施顾问')
    await app.page.locator('[data-test="add-participant"]').click()
    await ui.input('participant-name').fill('赵丽')
    await ui.input('participant-title').fill('开票员')
    // a row no recorded fact decides is decided by hand, as the implementer's
    for (const row of bridge.core.acceptance.get(deliveryId).form.checklist) {
      if (row.result === null) await ui.decideRow(row.key, '不适用')
    }
    await ui.save()
    expect(bridge.core.deliveries.get(deliveryId).delivery.actualGoLive).toBe('2026-03-18')

    const docx = join(dir, 'paper.docx')
    const pdf = join(dir, 'paper.pdf')
    bridge.fakes.savePath = docx
    await app.page.locator('[data-test="export-form"]').click()
    await expect.poll(() => existsSync(docx), { timeout: 60_000 }).toBe(true)
    bridge.fakes.savePath = pdf
    await app.page.locator('[data-test="export-pdf"]').click()
    await expect.poll(() => existsSync(pdf), { timeout: 120_000 }).toBe(true)
    await app.page
      .locator('[data-test="export-sha256"]', {
        hasText: createHash('sha256').update(readFileSync(pdf)).digest('hex')
      })
      .waitFor()
    const pages = lookAt(docx, pdf, 'paper')
    expect(pages.docxPages).toBeGreaterThanOrEqual(2)
    expect(pages.pdfPages).toBeGreaterThanOrEqual(2)
    // blank lines to sign on paper, in both files
    expect(squeeze(pdfText(pdf))).toContain('签字：＿＿＿＿')
    expect(squeeze(readDocx(readFileSync(docx)).paragraphs().join(''))).toContain('签字：＿＿＿＿')
  }, 300_000)

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
    await expect.poll(() => existsSync(exported), { timeout: 60_000 }).toBe(true)
    const sha = app.page.locator('[data-test="export-sha256"]', {
      hasText: createHash('sha256').update(readFileSync(exported)).digest('hex')
    })
    await sha.waitFor()
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

  it('exports the PDF of the same version, verifiable, with the same facts as the .docx', async () => {
    exportedPdf = join(dir, '上线验收单.pdf')
    bridge.fakes.savePath = exportedPdf
    await app.page.locator('[data-test="export-pdf"]').click()
    await expect.poll(() => existsSync(exportedPdf), { timeout: 120_000 }).toBe(true)
    // the file is in place (renamed, folder synced) a moment before the export is recorded
    await expect
      .poll(() => bridge.core.acceptance.get(deliveryId).exports[0]?.format, { timeout: 30_000 })
      .toBe('pdf')
    const bytes = readFileSync(exportedPdf)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const record = bridge.core.acceptance.get(deliveryId)
    expect(record.exports[0]).toMatchObject({
      format: 'pdf',
      version: record.version,
      sha256: createHash('sha256').update(bytes).digest('hex')
    })
    expect(await bridge.core.acceptance.verify(exportedPdf)).toMatchObject({ matches: true })

    // parity: the key facts of this version are in the text of both files
    const form = record.form
    const docText = squeeze(readDocx(readFileSync(exported)).paragraphs().join(''))
    const docHeader = squeeze(readDocx(readFileSync(exported)).xml('word/header1.xml'))
    const pdfAll = squeeze(pdfText(exportedPdf))
    const facts = [
      CUSTOMER,
      TAX_ID,
      BANK_ACCOUNT,
      FIRST_INVOICE.number,
      '2026年3月18日',
      '合同/订单号SO-2026-0042',
      '赵丽',
      '13893112345',
      '财务经理',
      '实施顾问',
      '☑有条件通过',
      ...form.checklist.map((r) => r.item),
      ...form.checklist.map((r) => r.remarks).filter((r) => r.length < 60),
      ...form.attachments.map((a) => a.name)
    ].map(squeeze)
    for (const fact of facts) {
      expect(docText, fact).toContain(fact)
      expect(pdfAll, fact).toContain(fact)
    }
    // every page carries the form number and 第 x 页/共 y 页
    const pageCount = pdfPageCount(exportedPdf)
    for (let page = 1; page <= pageCount; page++) {
      const text = squeeze(pdfText(exportedPdf, page))
      expect(text, `page ${page}`).toContain(squeeze(`验收单编号：${record.formNumber}`))
      expect(text, `page ${page}`).toContain(squeeze(`第 ${page} 页/共 ${pageCount} 页`))
    }
    expect(pdfAll).toContain(squeeze(`第 ${pageCount} 页/共 ${pageCount} 页`))
    expect(docHeader).toContain(squeeze(`验收单编号：${record.formNumber}`))
    // no planned date as 上线日期
    expect(pdfAll).not.toContain('2026年3月20日')
    expect(docText).not.toContain('2026年3月20日')
    const pages = lookAt(exported, exportedPdf, 'on-screen')
    expect(pages.pdfPages).toBeGreaterThanOrEqual(2)
  }, 300_000)

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

    // every 通过 on the signed form is one the recorded facts gave, and they still say so
    const signed = bridge.core.acceptance.get(deliveryId)
    const passed = signed.form.checklist.filter((r) => r.result === 'pass')
    expect(passed.length).toBeGreaterThanOrEqual(6)
    for (const row of passed) {
      expect(row.decidedBy, row.key).toBe('evidence')
      const evidence = signed.evidence.find((e) => e.rowKey === row.key)
      expect(evidence?.missing, row.key).toEqual([])
      expect(evidence?.remarks, row.key).toBe(row.remarks)
    }
    expect(signed.form.project.goLiveDate).toBe('2026-03-18')
  })

  it('saw no console errors and no internal failures', () => {
    expect(app.problems).toEqual([])
    expect(bridge.internalErrors).toEqual([])
  })
})
