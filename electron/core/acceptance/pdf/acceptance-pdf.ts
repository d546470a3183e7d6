/**
 * The acceptance form as a PDF, made in-process with pdfkit (no browser): the same form model,
 * words and order as the .docx (acceptance-docx.ts, acceptance-wording.ts): title, form number
 * and version, 一 project and customer … 八 signatures side by side with a seal box each; on
 * every page the form number and version in the header and 第 x 页/共 y 页 in the footer.
 * Pure apart from the font (loaded once per process): form in, bytes out.
 *
 * Layout rules kept from the .docx: a Latin/digit word (order number, 20-digit invoice number,
 * e-mail) never breaks inside; table rows do not split unless taller than a page; a section
 * heading stays with the start of its table; the conclusion is one block; the signature block
 * stays with its heading and validity line.
 */
import PDFDocument from 'pdfkit'
import { DEFAULT_FORM_TITLE, type AcceptanceForm } from '../acceptance-form'
import {
  NONE,
  RESULT_TEXT,
  SECTION_TITLES,
  SIDE_TEXT,
  chineseDate,
  deemedClause,
  invoicingRows,
  shaPrefix,
  stageText,
  clean,
  projectRows
} from '../acceptance-wording'
import {
  CM,
  CONTENT_WIDTH,
  MARGIN,
  PAGE,
  PdfCanvas,
  SIZE,
  type Doc,
  type LaidTable,
  type PdfCell,
  type PdfRow
} from './pdf-canvas'
import { loadPdfFont, type PdfFont } from './pdf-font'
import { oneLine } from './pdf-text'
import { conclusionBoxes, signatureBlock } from './pdf-signatures'

const HEADER_FILL = '#E7E6E6'
const LABEL_FILL = '#F2F2F2'
const LABEL_WIDTH = 3.4 * CM
/** one-line rows of the label/value tables get the height of a form's writing line */
const MIN_ROW = 0.75 * CM
const BLANK_ROW = 1.1 * CM

/**
 * pdfkit is given the one embedded face and no standard font: `font: null` keeps it from
 * loading Helvetica, whose metrics it requires from files next to its own module (absent once
 * bundled); a fontkit font object (parsed once per process) is accepted wherever a font source
 * is. Its types know neither, hence the two conversions.
 */
function openDocument(font: PdfFont, form: AcceptanceForm, title: string): Doc {
  const options = {
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    compress: true,
    font: null,
    lang: 'zh-CN',
    info: {
      Title: title,
      Subject: `${title} ${oneLine(form.project.customerName)}`.trim(),
      Creator: '交付台 Delivery Desk',
      Keywords: `${oneLine(form.formNumber)} V${form.version}`
    }
  }
  const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions)
  doc.registerFont('form', font.font as unknown as PDFKit.Mixins.PDFFontSource)
  doc.font('form')
  return doc
}

export async function buildAcceptancePdf(form: AcceptanceForm, fontPath: string): Promise<Buffer> {
  const font = loadPdfFont(fontPath)
  const title = oneLine(form.title).trim() || DEFAULT_FORM_TITLE
  const doc = openDocument(font, form, title)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((ok, fail) => {
    doc.on('end', () => ok(Buffer.concat(chunks)))
    doc.on('error', fail)
  })
  const c = new PdfCanvas(doc, font)
  c.paragraph(title, { size: SIZE.title, bold: true, align: 'center', after: 6 })
  formNumberLine(c, form)
  section(c, SECTION_TITLES.project, projectTable(c, form))
  section(c, SECTION_TITLES.invoicing, labelValueTable(c, invoicingRows(form)))
  section(c, SECTION_TITLES.participants, participantsTable(c, form))
  section(c, SECTION_TITLES.checklist, checklistTable(c, form))
  section(c, SECTION_TITLES.openIssues, openIssuesTable(c, form))
  section(c, SECTION_TITLES.attachments, attachmentsTable(c, form))
  conclusion(c, form)
  signatureBlock(c, form, (text) => heading(c, text, 0))
  c.decoratePages((page, count) => decorate(c, form, title, page, count))
  doc.end()
  return done
}

// Blocks -------------------------------------------------------------------------------------

function formNumberLine(c: PdfCanvas, form: AcceptanceForm): void {
  c.line(`验收单编号：${oneLine(form.formNumber)}`, MARGIN.left, c.y, CONTENT_WIDTH)
  c.line(`版本：V${form.version}`, MARGIN.left, c.y, CONTENT_WIDTH, { align: 'right' })
  c.y += c.lineHeight() + 6
}

/** A section heading kept on the page with `keepWith` points of what follows it. */
function heading(c: PdfCanvas, text: string, keepWith: number): void {
  c.paragraph(text, { size: SIZE.section, bold: true, before: 14, after: 6, keepWith })
}

function section(c: PdfCanvas, title: string, table: LaidTable): void {
  heading(c, title, PdfCanvas.leadHeight(table))
  c.drawTable(table)
}

/** The page header (form title; 验收单编号 and version) and the footer (第 x 页/共 y 页). */
function decorate(c: PdfCanvas, form: AcceptanceForm, title: string, page: number, count: number) {
  const style = { size: SIZE.small, color: '#555555' }
  const top = 1.5 * CM - c.lineHeight(SIZE.small) / 2
  const number = `验收单编号：${oneLine(form.formNumber)}\u3000V${form.version}`
  const numberWidth = c.width(number, SIZE.small)
  // a long title gives way to the form number, which identifies a loose page
  const titleWidth = CONTENT_WIDTH - numberWidth - 12
  const shown = c.wrap(title, titleWidth, SIZE.small)
  c.line(shown.length > 1 ? `${shown[0]}…` : (shown[0] ?? ''), MARGIN.left, top, titleWidth, style)
  c.line(number, MARGIN.left, top, CONTENT_WIDTH, { ...style, align: 'right' })
  const rule = top + c.lineHeight(SIZE.small) + 2
  c.doc.lineWidth(0.4).strokeColor('#999999')
  c.doc
    .moveTo(MARGIN.left, rule)
    .lineTo(PAGE.width - MARGIN.right, rule)
    .stroke()
  const footer = PAGE.height - 1.2 * CM - c.lineHeight(SIZE.small)
  c.line(`第 ${page} 页/共 ${count} 页`, MARGIN.left, footer, CONTENT_WIDTH, {
    size: SIZE.small,
    align: 'center'
  })
}

// Tables -------------------------------------------------------------------------------------

const label = (text: string): PdfCell => ({ text, fill: LABEL_FILL, align: 'center' })
const value = (text: string, span?: number): PdfCell => ({ text: clean(text), span })
const head = (text: string): PdfCell => ({ text, fill: HEADER_FILL, align: 'center', bold: true })
const centred = (text: string): PdfCell => ({ text: clean(text), align: 'center' })

/** Column widths from fractions of the text width. */
function columns(...fractions: number[]): number[] {
  return fractions.map((f) => CONTENT_WIDTH * f)
}

function projectTable(c: PdfCanvas, form: AcceptanceForm): LaidTable {
  const widths = [LABEL_WIDTH, 5.9 * CM, 2.7 * CM, CONTENT_WIDTH - LABEL_WIDTH - 8.6 * CM]
  const wide = (name: string, text: string): PdfRow => ({
    cells: [label(name), value(text, 3)],
    minHeight: MIN_ROW
  })
  const pair = (n1: string, v1: string, n2: string, v2: string): PdfRow => ({
    cells: [label(n1), value(v1), label(n2), value(v2)],
    minHeight: MIN_ROW
  })
  return c.layoutTable(
    widths,
    projectRows(form).map((r) => (r.length === 2 ? wide(...r) : pair(...r)))
  )
}

function labelValueTable(c: PdfCanvas, rows: [string, string][]): LaidTable {
  return c.layoutTable(
    [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    rows.map(([name, text]) => ({ cells: [label(name), value(text)], minHeight: MIN_ROW }))
  )
}

/** A table with a header row, or one row saying 无 when it has no lines. */
function listTable(c: PdfCanvas, widths: number[], headers: string[], lines: PdfCell[][]) {
  const rows: PdfRow[] =
    lines.length === 0
      ? [{ cells: [{ ...centred(NONE), span: widths.length }] }]
      : lines.map((line, i) => ({ cells: [centred(String(i + 1)), ...line] }))
  return c.layoutTable(widths, rows, { cells: headers.map(head) })
}

function participantsTable(c: PdfCanvas, form: AcceptanceForm): LaidTable {
  return listTable(
    c,
    columns(0.07, 0.3, 0.28, 0.35),
    ['序号', '姓名', '单位', '职务'],
    form.participants.map((p) => [value(p.name), value(SIDE_TEXT[p.side]), value(p.title)])
  )
}

function checklistTable(c: PdfCanvas, form: AcceptanceForm): LaidTable {
  return listTable(
    c,
    // 序号 a little wider than the .docx's 6 %, so the bold heading stays on one line
    columns(0.07, 0.15, 0.33, 0.09, 0.36),
    ['序号', '验收项目', '验收标准', '结果', '说明/证据'],
    form.checklist.map((row) => [
      value(row.item),
      value(row.standard),
      centred(row.result ? RESULT_TEXT[row.result] : ''),
      value(row.remarks)
    ])
  )
}

function openIssuesTable(c: PdfCanvas, form: AcceptanceForm): LaidTable {
  return listTable(
    c,
    columns(0.07, 0.53, 0.18, 0.22),
    ['序号', '问题描述', '负责人', '计划完成日期'],
    form.openIssues.map((issue) => [
      value(issue.description),
      centred(issue.owner),
      centred(chineseDate(issue.dueDate))
    ])
  )
}

function attachmentsTable(c: PdfCanvas, form: AcceptanceForm): LaidTable {
  return listTable(
    c,
    columns(0.07, 0.4, 0.25, 0.28),
    ['序号', '文件名', '所属阶段', 'SHA-256（前 16 位）'],
    form.attachments.map((a) => [
      value(a.name),
      value(stageText(a.stage)),
      value(shaPrefix(a.sha256))
    ])
  )
}

/** 七 验收结论: read as one block, so the heading and all its rows stay on one page. */
function conclusion(c: PdfCanvas, form: AcceptanceForm): void {
  const rows: { name: string; cell: PdfCell }[] = [
    { name: '验收结论', cell: { box: conclusionBoxes(c, form.conclusion) } }
  ]
  // An undecided form is printed with every follow-up row, to be filled in by hand.
  if (form.conclusion === 'conditional' || form.conclusion === null) {
    rows.push({ name: '整改条件', cell: value(form.conditions) })
    rows.push({ name: '整改期限', cell: value(chineseDate(form.deadline)) })
  }
  if (form.conclusion === 'fail' || form.conclusion === null)
    rows.push({ name: '不通过原因', cell: value(form.reason) })
  rows.push({ name: '备注', cell: value(form.remarks) })
  const table = c.layoutTable(
    [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH],
    rows.map(({ name, cell }) => ({
      cells: [label(name), cell],
      // a blank row leaves room to write by hand
      minHeight: cell.text !== undefined && cell.text.trim() === '' ? BLANK_ROW : MIN_ROW
    }))
  )
  const clause = deemedClause(form)
  const clauseHeight = clause ? c.wrap(clause, CONTENT_WIDTH).length * c.lineHeight() + 6 : 0
  heading(c, SECTION_TITLES.conclusion, table.height + clauseHeight)
  c.drawTable(table)
  if (clause) c.paragraph(clause, { before: 6 })
}
