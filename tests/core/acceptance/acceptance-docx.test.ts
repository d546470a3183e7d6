import { describe, expect, it } from 'vitest'
import {
  buildAcceptanceDocx,
  signatureSize
} from '../../../electron/core/acceptance/acceptance-docx'
import { sha256Hex } from '../../../electron/core/acceptance/acceptance-files'
import {
  createDraftForm,
  DEFAULT_CHECKLIST
} from '../../../electron/core/acceptance/acceptance-form'
import { readDocx } from './support/docx-reader'
import { drawSignaturePng, SIGNATURE_JPEG_BASE64 } from './support/images'
import { CUSTOMER_NAME, signedForm, TAX_ID } from './support/sample-form'

const EMU_PER_CM = 360_000

describe('acceptance form export (.docx)', () => {
  it('holds the customer, the tax ID, every checklist row and the conclusion', async () => {
    const form = signedForm()
    const doc = readDocx(await buildAcceptanceDocx(form))
    const text = doc.paragraphs()
    const all = text.join('\n')

    expect(text[0]).toBe('发票云数电开票项目上线验收单')
    expect(all).toContain('验收单编号：YS-20260318-0007')
    expect(all).toContain('版本：V2')
    expect(text).toContain(CUSTOMER_NAME)
    expect(text).toContain(TAX_ID)
    for (const row of form.checklist) {
      expect(text).toContain(row.item)
      expect(text).toContain(row.standard)
    }
    expect(text.filter((t) => t === '通过')).toHaveLength(10)
    expect(text).toContain('不适用')
    expect(text).toContain('首张发票 2026-03-16，号码 26622000000012345678（20 位）')
    expect(text).toContain('第二开票点（城关区门店）玲珑终端尚未安装，待门店装修完成后配置')
    expect(all).toContain('☐ 通过　　　　☑ 有条件通过　　　　☐ 不通过')
    expect(text).toContain(form.conditions)
    expect(text).toContain('2026年4月10日')
    expect(all).not.toContain('不通过原因')
    // remarks keep their line break as two paragraphs
    expect(text).toContain('本次验收范围为总部开票点。')
    expect(text).toContain('门店开票点按遗留问题 1 跟进。')
    expect(all).toContain('一式两份，签字盖章后生效')
    expect(all).toContain('职　　务：财务经理')
    expect(all).toContain('姓　　名：王建国')
    expect(all).toContain('日　　期：2026年3月18日')
  })

  it('embeds both signature images as they were given, about 4 cm wide', async () => {
    const form = signedForm()
    const doc = readDocx(await buildAcceptanceDocx(form))
    const media = doc.media().sort()
    expect(media).toHaveLength(2)
    const png = media.find((m) => m.endsWith('.png'))
    const jpg = media.find((m) => m.endsWith('.jpg') || m.endsWith('.jpeg'))
    expect(Buffer.from(doc.files[png ?? ''] ?? [])).toEqual(drawSignaturePng())
    expect(Buffer.from(doc.files[jpg ?? ''] ?? []).toString('base64')).toBe(SIGNATURE_JPEG_BASE64)

    const extents = Array.from(
      doc.xml('word/document.xml').matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g),
      (m) => ({ cx: Number(m[1]), cy: Number(m[2]) })
    )
    expect(extents).toHaveLength(2)
    const [customer, implementer] = extents as [
      { cx: number; cy: number },
      { cx: number; cy: number }
    ]
    expect(customer.cx / EMU_PER_CM).toBeCloseTo(4, 1)
    expect(customer.cx / customer.cy).toBeCloseTo(600 / 200, 1)
    expect(implementer.cx / EMU_PER_CM).toBeCloseTo(4, 1)
    expect(implementer.cx / implementer.cy).toBeCloseTo(320 / 107, 1)
  })

  it('sets the East Asian font document-wide and on the headings', async () => {
    const doc = readDocx(await buildAcceptanceDocx(signedForm()))
    const styles = doc.xml('word/styles.xml')
    const defaults = /<w:docDefaults>.*<\/w:docDefaults>/s.exec(styles)?.[0] ?? ''
    expect(defaults).toMatch(/<w:rFonts [^>]*w:eastAsia="SimSun"/)
    expect(defaults).toMatch(/<w:rFonts [^>]*w:ascii="Times New Roman"/)
    expect(defaults).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/)
    for (const id of ['Title', 'Heading1']) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}".*?</w:style>`, 's').exec(styles)
      expect(style?.[0]).toMatch(/<w:rFonts [^>]*w:eastAsia="SimHei"/)
    }
  })

  it('lays out A4 portrait with print margins, bordered full-width tables and page X of Y', async () => {
    const doc = readDocx(await buildAcceptanceDocx(signedForm()))
    const xml = doc.xml('word/document.xml')
    expect(xml).toMatch(/<w:pgSz [^>]*w:w="11906"[^>]*w:h="16838"/)
    expect(xml).toMatch(/<w:pgMar [^>]*w:top="1418"[^>]*w:left="1418"/)
    // eight tables at 100% (5000 fiftieths), plus the two seal boxes
    expect(xml.match(/<w:tblW w:type="pct" w:w="5000"\/>/g)).toHaveLength(8)
    expect(xml.match(/<w:tblBorders>/g)).toHaveLength(10)
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(4)
    expect(xml).toContain('<w:cantSplit/>')
    expect(xml).toContain('w:fill="E7E6E6"')
    const footer = doc.xml('word/footer1.xml')
    expect(footer).toContain('PAGE')
    expect(footer).toContain('NUMPAGES')
    expect(footer).toContain('页/共 ')
    // every page carries the form number
    expect(doc.xml('word/header1.xml')).toContain('验收单编号：YS-20260318-0007')
  })

  it('prints the 开通/开票信息 block, participants, attachments and the implementer’s 职务 and seal', async () => {
    const text = readDocx(await buildAcceptanceDocx(signedForm())).paragraphs()
    const all = text.join('\n')
    for (const [label, value] of [
      ['统一社会信用代码', TAX_ID],
      ['地址电话', '甘肃省兰州市城关区东岗西路 588 号 0931-8866123'],
      ['开户行及账号', '中国工商银行兰州城关支行 2703000109200123456'],
      ['开票员', '赵丽'],
      ['管理员手机号', '13893112345'],
      ['预留邮箱', 'caiwu@example.cn']
    ]) {
      expect(text).toContain(label)
      expect(text).toContain(value)
    }
    expect(text).toContain('2026年3月16日 至 2027年3月15日')
    expect(text).toContain('现场')
    // the order number is a paragraph of its own: Word never wraps it at a hyphen
    expect(text).toContain('合同/订单号')
    expect(text).toContain('HT-2026-0316-042')
    expect(text).toContain('实施方')
    expect(text).toContain('首张发票.pdf')
    expect(text).toContain('玲珑系统配置')
    expect(text).toContain('abababababababab…')
    expect(all).toContain('职　　务：实施顾问')
    expect(text).toContain('实施单位盖章')
    expect(text).toContain('客户单位盖章')
    // the 视为验收 clause is off by default
    expect(all).not.toContain('视为验收通过')
  })

  it('adds the 视为验收 clause with N working days when it is turned on', async () => {
    const form = signedForm()
    form.deemedAcceptance = { enabled: true, days: 7 }
    const text = readDocx(await buildAcceptanceDocx(form)).paragraphs()
    expect(text).toContain('客户收到本验收单 7 个工作日内未书面提出异议，视为验收通过。')
  })

  it('keeps a 20-digit invoice number in one run, in a column wider than it', async () => {
    const xml = readDocx(await buildAcceptanceDocx(signedForm())).xml('word/document.xml')
    expect(xml).toMatch(/<w:t(?: [^>]*)?>26622000000012345678<\/w:t>/)
  })

  it('keeps the signature block with its heading', async () => {
    const xml = readDocx(await buildAcceptanceDocx(signedForm())).xml('word/document.xml')
    const heading = xml.indexOf('八、签字确认')
    const block = xml.slice(heading)
    // heading and validity line keep with next; the signature rows cannot split
    expect(xml.slice(xml.lastIndexOf('<w:p>', heading), heading)).toContain('Heading1')
    expect(block.slice(0, block.indexOf('客户方'))).toContain('<w:keepNext/>')
    expect(block).toContain('<w:cantSplit/>')
  })

  it('prints an undecided, unsigned form with boxes and lines to fill in by hand', async () => {
    const form = createDraftForm({ formNumber: 'YS-1' }, { customerName: CUSTOMER_NAME })
    const doc = readDocx(await buildAcceptanceDocx(form))
    const text = doc.paragraphs()
    const all = text.join('\n')
    expect(doc.media()).toEqual([])
    expect(all).toContain('☐ 通过　　　　☐ 有条件通过　　　　☐ 不通过')
    for (const label of ['整改条件', '整改期限', '不通过原因', '备注'])
      expect(text).toContain(label)
    expect(text).toContain('无') // no open issues
    expect(all).toContain('签　　字：＿＿＿＿')
    expect(all).toContain('日　　期：＿＿＿＿年＿＿月＿＿日')
    expect(text).toContain('客户单位盖章')
    for (const row of DEFAULT_CHECKLIST) expect(text).toContain(row.item)
  })

  it('shows the reason of a failed acceptance and falls back to the default title', async () => {
    const form = signedForm()
    form.title = '   '
    form.conclusion = 'fail'
    form.reason = '首张发票未能开具'
    const text = readDocx(await buildAcceptanceDocx(form)).paragraphs()
    expect(text[0]).toBe('发票云数电开票项目上线验收单')
    expect(text.join('\n')).toContain('☐ 通过　　　　☐ 有条件通过　　　　☑ 不通过')
    expect(text).toContain('不通过原因')
    expect(text).toContain('首张发票未能开具')
    expect(text).not.toContain('整改条件')
  })

  it('drops characters XML cannot carry instead of writing a file Word refuses', async () => {
    const form = signedForm()
    form.remarks = 'a\u0001b\u000bc\uD800d & <e>'
    const doc = readDocx(await buildAcceptanceDocx(form))
    const xml = doc.xml('word/document.xml')
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    expect(doc.paragraphs()).toContain('abcd & <e>')
  })

  it('refuses a signature whose bytes are not the declared image type', async () => {
    const form = signedForm()
    form.signatures.implementer.image = { mime: 'image/png', base64: SIGNATURE_JPEG_BASE64 }
    await expect(buildAcceptanceDocx(form)).rejects.toThrow(/implementer signature/)
  })

  it('hashes the exported bytes with SHA-256', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
  })
})

describe('signature image size', () => {
  it('scales a wide signature to 4 cm keeping its aspect ratio', () => {
    expect(signatureSize(600, 200)).toEqual({ width: 151, height: 50 })
    expect(signatureSize(60, 20)).toEqual({ width: 151, height: 50 })
  })
  it('limits a tall image, such as a seal photo, to 2 cm high', () => {
    const size = signatureSize(800, 800)
    expect(size).toEqual({ width: 76, height: 76 })
  })
})
