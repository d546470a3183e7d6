import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { startBridge, type Bridge } from './support/bridge'
import { launchBrowser, openApp, screenshot, switchLocale, type AppPage } from './support/browser'
import { DeliveryPage } from './pages/delivery.page'

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

describe('evidence attached to a stage in the browser', () => {
  let dir: string
  let bridge: Bridge
  let browser: Browser
  let app: AppPage
  let ui: DeliveryPage
  let deliveryId: number
  let mailPng: string
  let invoicePdf: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'desk-e2e-evidence-'))
    bridge = await startBridge(join(dir, 'desk.sqlite'))
    bridge.core.deps.settings.update({ implementerName: '王实施' })
    const customer = bridge.core.customers.create({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      contactName: '张经理',
      contactPhone: '13912345678',
      email: 'finance@example.cn'
    }).customer
    deliveryId = bridge.core.deliveries.create(customer.id, {
      orderNumber: 'SO-2026-0042',
      plannedGoLive: '2026-12-04'
    }).delivery.id
    browser = await launchBrowser()
    // Real files of the kinds implementers keep: a screenshot of the activation mail (PNG,
    // drawn by Chromium) and an invoice PDF (printed by Chromium).
    const scratch = await browser.newPage({ viewport: { width: 900, height: 560 } })
    await scratch.setContent(
      `<body style="font-family:'Noto Sans CJK SC',sans-serif;margin:0;background:#f5f6f7">
        <div style="margin:24px;padding:24px;background:#fff;border-top:6px solid #1677ff">
          <h2>发票云开票服务激活通知</h2>
          <p>尊敬的兰州黄河云票科技有限公司：您的发票云服务已开通，请点击下方按钮完成激活。</p>
          <p style="display:inline-block;padding:8px 18px;background:#1677ff;color:#fff">立即激活</p>
        </div></body>`
    )
    mailPng = join(dir, '激活邮件.png')
    await scratch.screenshot({ path: mailPng })
    await scratch.setContent(
      '<h1>电子发票（普通发票）</h1><p>发票号码：26442000000012345678</p><p>开票日期：2026年11月25日</p>'
    )
    invoicePdf = join(dir, '首张发票.pdf')
    writeFileSync(invoicePdf, await scratch.pdf({ format: 'A5' }))
    await scratch.close()
    app = await openApp(browser, bridge, `#/deliveries/${deliveryId}`)
    ui = new DeliveryPage(app.page)
    await ui.step('kickoff').waitFor()
  })

  /** Waits until no toast covers the page, so a screenshot shows the page itself. */
  async function quiet(): Promise<void> {
    await expect.poll(() => app.page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0)
  }

  afterAll(async () => {
    await browser?.close()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('adds a screenshot to the activation stage and shows its thumbnail', async () => {
    await ui.step('activation').click()
    await app.page.locator('[data-test="step-activation"].selected').waitFor()
    await app.page.locator('[data-test="evidence-none"]').waitFor()
    bridge.fakes.openPath = mailPng
    await ui.addEvidence('激活邮件.png')
    const thumb = ui.evidenceItem('激活邮件.png').locator('img[data-test="evidence-thumb"]')
    await thumb.waitFor()
    const drawn = await thumb.evaluate((img) => {
      const el = img as unknown as { naturalWidth: number; naturalHeight: number; src: string }
      return { w: el.naturalWidth, h: el.naturalHeight, src: el.src.slice(0, 23) }
    })
    // a small JPEG drawn in the page, not the 900×560 screenshot itself
    expect(drawn).toEqual({ w: 160, h: 100, src: 'data:image/jpeg;base64,' })
    const [item] = bridge.core.evidence.list(deliveryId)
    expect(item).toMatchObject({
      stage: 'activation',
      mime: 'image/png',
      sha256: sha256(readFileSync(mailPng))
    })
  })

  it('adds the first invoice as a PDF to stage 5, listed by name and type', async () => {
    await ui.step('linglong_config').click()
    await app.page.locator('[data-test="step-linglong_config"].selected').waitFor()
    // the activation screenshot belongs to its own stage
    await app.page.locator('[data-test="evidence-none"]').waitFor()
    bridge.fakes.openPath = invoicePdf
    await ui.addEvidence('首张发票.pdf')
    expect(await ui.evidenceItem('首张发票.pdf').locator('.badge').innerText()).toBe('PDF')
    await ui.text('first_invoice_number', '29442000000012345678')
    await ui
      .item('first_invoice_number')
      .locator('[data-test="item-warning"]', { hasText: '2029 年还没到' })
      .waitFor()
    await quiet()
    await ui.evidenceItem('首张发票.pdf').scrollIntoViewIfNeeded()
    await screenshot(app.page, 'evidence-linglong')
  })

  it('saves a byte-identical copy where the save dialog says', async () => {
    const target = join(dir, '发票副本.pdf')
    bridge.fakes.savePath = target
    await ui.evidenceItem('首张发票.pdf').locator('[data-test="evidence-save"]').click()
    await app.page.locator('.el-message--success', { hasText: '副本已保存到' }).waitFor()
    expect(sha256(readFileSync(target))).toBe(sha256(readFileSync(invoicePdf)))
  })

  it('names a refused file in the message and keeps nothing of it', async () => {
    const noise = join(dir, '截图.png')
    writeFileSync(noise, randomBytes(2048))
    bridge.fakes.openPath = noise
    await app.page.locator('[data-test="evidence-add"]').click()
    await app.page
      .locator('.el-message--error', { hasText: '「截图.png」不是 PNG、JPEG、PDF 或 OFD 文件' })
      .waitFor()
    expect(bridge.core.evidence.list(deliveryId)).toHaveLength(2)
  })

  it('shows the activation stage with its thumbnail and the 不适用 answer in both languages', async () => {
    await ui.step('activation').click()
    await app.page.locator('[data-test="step-activation"].selected').waitFor()
    await ui.notApplicable('invoicer_identity_verified')
    await ui.evidenceItem('激活邮件.png').locator('img').waitFor()
    await quiet()
    await ui.evidenceItem('激活邮件.png').scrollIntoViewIfNeeded()
    await screenshot(app.page, 'evidence-activation')
    await switchLocale(app.page, bridge, 'en', '[data-test="evidence-panel"]')
    await ui.step('activation').click()
    await ui.evidenceItem('激活邮件.png').locator('img').waitFor()
    expect(await app.page.locator('[data-test="evidence-panel"]').innerText()).toContain(
      'Save a copy'
    )
    await ui.evidenceItem('激活邮件.png').scrollIntoViewIfNeeded()
    await screenshot(app.page, 'evidence-activation-en')
    await switchLocale(app.page, bridge, 'zh-CN', '[data-test="evidence-panel"]')
  })

  it('removes an attachment after confirmation, its hash kept in the audit', async () => {
    await ui.step('activation').click()
    await ui.evidenceItem('激活邮件.png').locator('[data-test="evidence-remove"]').click()
    await app.page.locator('.el-message-box').waitFor()
    await app.page.locator('.el-message-box .el-button--primary').click()
    await app.page.locator('[data-test="evidence-none"]').waitFor()
    const removed = bridge.core.audit.list({ action: 'evidence.remove' }).items
    expect(removed[0]?.details).toMatchObject({
      name: '激活邮件.png',
      sha256: sha256(readFileSync(mailPng))
    })
    expect(app.problems).toEqual([])
  })
})
