/**
 * The acceptance form's PDF, made in-process (electron/core/acceptance/pdf/): real files read
 * back with poppler (pdftotext, pdfinfo, pdfimages, pdffonts). Set ACCEPTANCE_ARTIFACTS=<dir>
 * to keep the PDFs and their pages as PNG (pdftoppm -r 80) to look at.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { AcceptanceForm } from '../../../../electron/core/acceptance/acceptance-form'
import { buildAcceptancePdf } from '../../../../electron/core/acceptance/pdf/acceptance-pdf'
import { loadPdfFont } from '../../../../electron/core/acceptance/pdf/pdf-font'
import { defaultPdfFontPath } from '../../../../electron/core/acceptance/pdf/pdf-font-path'
import { CUSTOMER_NAME, signedForm } from '../support/sample-form'
import { drawSignaturePng } from '../support/images'

const poppler = ['pdftotext', 'pdfinfo', 'pdfimages', 'pdffonts'].every(
  (c) => spawnSync('sh', ['-c', `command -v ${c}`], { stdio: 'ignore' }).status === 0
)
if (!poppler) console.warn('acceptance-pdf: poppler-utils is not on PATH; PDF files not read back')

const fontPath = defaultPdfFontPath() ?? ''
const work = mkdtempSync(join(tmpdir(), 'desk-acceptance-pdf-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function write(name: string, form: AcceptanceForm): Promise<string> {
  const path = join(work, `${name}.pdf`)
  writeFileSync(path, await buildAcceptancePdf(form, fontPath))
  const keep = process.env.ACCEPTANCE_ARTIFACTS
  if (keep) {
    mkdirSync(keep, { recursive: true })
    copyFileSync(path, join(keep, `${name}.pdf`))
    execFileSync('pdftoppm', ['-png', '-r', '80', path, join(keep, `${name}-pdf`)])
  }
  return path
}

const run = (cmd: string, ...args: string[]): string =>
  execFileSync(cmd, args, { encoding: 'utf8', timeout: 30_000 })
/** text without the layout's spaces and line breaks */
const squeeze = (text: string): string => text.replace(/\s+/g, '')
const pages = (pdf: string): number => Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', pdf))?.[1])
const images = (pdf: string): string[] =>
  run('pdfimages', '-list', pdf)
    .split('\n')
    .slice(2)
    .filter((l) => /\bimage\b/.test(l))

/** A form with English content: names, remarks and issues in Latin letters. */
function englishForm(): AcceptanceForm {
  const form = signedForm()
  form.project.customerName = 'Northwind Trading (Lanzhou) Co., Ltd.'
  form.project.projectName = 'Northwind e-invoicing go-live'
  form.project.orderNumber = 'SO-2026-0042'
  form.project.contactName = 'Margaret Peacock'
  form.invoicing.name = form.project.customerName
  form.participants = [
    { name: 'Margaret Peacock', side: 'customer', title: 'Finance Manager' },
    { name: 'Andrew Fuller', side: 'implementer', title: 'Implementation Consultant' }
  ]
  form.checklist = form.checklist.map((row, i) => ({
    ...row,
    remarks: `Checked on site with the finance team (row ${i + 1}); the invoicing terminal answered within two seconds, see attachment.`
  }))
  form.openIssues = [
    {
      description: 'Configure the second invoicing point at the warehouse once its network is up.',
      owner: 'Andrew Fuller',
      dueDate: '2026-04-10'
    }
  ]
  form.signatures.customer.signerName = 'Margaret Peacock'
  form.signatures.customer.title = 'Finance Manager'
  form.signatures.implementer.signerName = 'Andrew Fuller'
  form.signatures.implementer.title = 'Implementation Consultant'
  return form
}

/** Long remarks on every row: the checklist wraps onto further pages, one row past a page. */
function manyRemarksForm(): AcceptanceForm {
  const form = signedForm()
  const sentence = '客户财务部门逐项核对了开票信息与系统配置，现场演示了红字发票流程和发票重发。'
  form.checklist = form.checklist.map((row, i) => ({
    ...row,
    remarks: `${sentence.repeat(i === 3 ? 24 : 4)}第${i + 1}行结束`
  }))
  return form
}

describe.skipIf(!poppler)('the acceptance PDF', () => {
  it('holds the customer, every checklist row, both signers and their two signature images', async () => {
    const form = signedForm()
    const pdf = await write('signed-zh', form)
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = squeeze(run('pdftotext', '-raw', pdf, '-'))
    for (const fact of [
      CUSTOMER_NAME,
      form.project.taxId,
      'HT-2026-0316-042',
      '26622000000012345678',
      '2703000109200123456',
      '王建国',
      '李晓明',
      '财务经理',
      '一式两份，签字盖章后生效',
      '客户单位盖章',
      '实施单位盖章'
    ])
      expect(text, fact).toContain(squeeze(fact))
    for (const row of form.checklist) {
      expect(text, row.key).toContain(squeeze(row.item))
      if (row.remarks) expect(text, row.key).toContain(squeeze(row.remarks))
    }
    expect(images(pdf)).toHaveLength(2)
    const count = pages(pdf)
    expect(count).toBeGreaterThanOrEqual(2)
    expect(count).toBeLessThanOrEqual(4)
    for (let page = 1; page <= count; page++) {
      const onPage = squeeze(run('pdftotext', '-raw', '-f', `${page}`, '-l', `${page}`, pdf, '-'))
      expect(onPage).toContain('验收单编号：YS-20260318-0007')
      expect(onPage).toContain(`第${page}页/共${count}页`)
    }
  })

  it('embeds one subset of the shipped font and no other font', async () => {
    const pdf = await write('fonts', signedForm())
    const fonts = run('pdffonts', pdf).split('\n').slice(2).filter(Boolean)
    expect(fonts).toHaveLength(1)
    expect(fonts[0]).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei\s+CID TrueType.*\byes\s+yes\s+yes\b/)
  })

  it('keeps an order number whole at its hyphens, in an English form', async () => {
    const form = englishForm()
    const pdf = await write('signed-en', form)
    const raw = run('pdftotext', '-raw', pdf, '-')
    expect(raw).toContain('SO-2026-0042')
    const text = squeeze(raw)
    for (const fact of [
      form.project.customerName,
      'Margaret Peacock',
      'Andrew Fuller',
      'Implementation Consultant',
      ...form.checklist.map((r) => r.remarks),
      form.openIssues[0]?.description ?? ''
    ])
      expect(text, fact).toContain(squeeze(fact))
    expect(images(pdf)).toHaveLength(2)
  })

  it('wraps long remarks onto further pages, splitting only a row taller than a page', async () => {
    const form = manyRemarksForm()
    const pdf = await write('many-remarks', form)
    expect(pages(pdf)).toBeGreaterThanOrEqual(4)
    const text = squeeze(run('pdftotext', '-raw', pdf, '-'))
    for (const row of form.checklist)
      expect(text).toContain(`第${form.checklist.indexOf(row) + 1}行结束`)
    expect(text).toContain('一式两份，签字盖章后生效')
  })

  it('prints a form with blank signatures for signing on paper, without images', async () => {
    const form = signedForm()
    form.signatures.customer = { signerName: '', title: '', date: '', image: null }
    form.signatures.implementer = { signerName: '', title: '', date: '', image: null }
    const pdf = await write('paper', form)
    expect(images(pdf)).toHaveLength(0)
    expect(squeeze(run('pdftotext', '-raw', pdf, '-'))).toContain('签字：＿＿＿＿')
  })

  it('embeds a large transparent PNG signature composed onto white, as an opaque RGB image', async () => {
    const form = signedForm()
    const png = drawSignaturePng(1600, 500).toString('base64')
    form.signatures.implementer.image = { mime: 'image/png', base64: png }
    const pdf = await write('large-png', form)
    const list = images(pdf)
    expect(list).toHaveLength(2)
    // no soft mask: the alpha channel was composed onto the white box
    expect(list.some((l) => /\bsmask\b/.test(l))).toBe(false)
    expect(list.some((l) => /\b1600\s+500\s+rgb\b/.test(l))).toBe(true)
  })
})

describe('the PDF font', () => {
  it('has a glyph for every character the sample forms and the fixed wording use', () => {
    const font = loadPdfFont(fontPath)
    const source = [
      'electron/core/acceptance/acceptance-wording.ts',
      'electron/core/acceptance/acceptance-checklist.ts',
      'electron/core/acceptance/pdf/acceptance-pdf.ts',
      'electron/core/acceptance/pdf/pdf-signatures.ts'
    ]
      .map((f) => readFileSync(f, 'utf8'))
      .join('')
      // the fixed wording is the source's non-ASCII text; comments are not printed
      .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      .replace(/[\p{ASCII}]/gu, '')
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')
    const forms = JSON.stringify([signedForm(), englishForm(), manyRemarksForm()]).replace(
      /"base64":"[^"]*"/g,
      ''
    )
    expect(font.missing(source + printable + forms)).toEqual([])
  })

  it('reports the characters it has no glyph for', () => {
    // U+2610 BALLOT BOX is drawn as a box, never set in the font; U+1F600 is an emoji
    expect(loadPdfFont(fontPath).missing('验收☐\u{1F600}')).toEqual(['☐', '\u{1F600}'])
  })
})
