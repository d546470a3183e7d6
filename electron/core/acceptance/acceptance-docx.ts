/**
 * The acceptance form as a Word document (.docx), built with `docx`. Pure: form in, bytes
 * out; saving, hashing into the record and auditing are the caller's.
 *
 * Layout: A4 portrait, title, form number and version, 一 project and customer, 二 开通/开票信息,
 * 三 参与人员, 四 checklist, 五 open issues, 六 附件清单, 七 conclusion (and the optional 视为验收
 * clause), 八 signatures side by side with a seal box each. Every page carries the form number
 * in its header and 第 x 页/共 y 页 in its footer. A long digit run (a 20-digit invoice number)
 * is one run in a column wider than it, so it wraps whole or not at all; the signature block
 * is kept with its heading (keepNext through the validity line, rows that cannot split).
 * Words and value formats are shared with the PDF (pdf/acceptance-pdf.ts, acceptance-wording.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type IRunOptions,
  type ParagraphChild
} from 'docx'
import { DEFAULT_FORM_TITLE, type AcceptanceForm } from './acceptance-form'
import {
  CONCLUSION_TEXT,
  NONE,
  RESULT_TEXT,
  SECTION_TITLES,
  SIDE_TEXT,
  clean,
  VALIDITY_LINE,
  chineseDate as formDate,
  deemedClause,
  digitPieces,
  invoicingRows,
  projectRows,
  shaPrefix,
  stageText
} from './acceptance-wording'
import { decodeBase64, readImageInfo, type SignatureImage } from './signature-image'

// Fonts: Word picks w:eastAsia for CJK characters and w:ascii/w:hAnsi for Latin ones, so both
// are named everywhere a font is set; LibreOffice substitutes them by the same slots.
const LATIN_FONT = 'Times New Roman'
const CJK_FONT = 'SimSun' // 宋体
const HEADING_LATIN_FONT = 'Arial'
const HEADING_CJK_FONT = 'SimHei' // 黑体
const SYMBOL_FONT = 'Segoe UI Symbol' // has ☐ ☑; other systems fall back by glyph

const BODY_FONT = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: CJK_FONT, cs: LATIN_FONT }
const HEADING_FONT = {
  ascii: HEADING_LATIN_FONT,
  hAnsi: HEADING_LATIN_FONT,
  eastAsia: HEADING_CJK_FONT,
  cs: HEADING_LATIN_FONT
}
const NUMBER_FONT = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: LATIN_FONT, cs: LATIN_FONT }
const CHECKBOX_FONT = {
  ascii: SYMBOL_FONT,
  hAnsi: SYMBOL_FONT,
  eastAsia: SYMBOL_FONT,
  cs: SYMBOL_FONT
}

// Sizes in half-points: 五号 10.5 pt body, 小五 9 pt footer, 四号 14 pt sections, 小二 18 pt title.
const SIZE_BODY = 21
const SIZE_SMALL = 18
const SIZE_SECTION = 24
const SIZE_TITLE = 36

// A4 in twips (1 cm = 567 twips); margins leave room to bind on the left.
const CM = 567
const PAGE = { width: 11906, height: 16838 }
const MARGIN = {
  top: Math.round(2.5 * CM),
  bottom: Math.round(2.2 * CM),
  left: Math.round(2.5 * CM),
  right: 2 * CM
}
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
/** label columns, wide enough for 统一社会信用代码 on one line */
const LABEL_WIDTH = Math.round(3.4 * CM)

const BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' }
const TABLE_BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER
}
const HEADER_FILL = 'E7E6E6'
const LABEL_FILL = 'F2F2F2'
const CELL_MARGINS = { top: 45, bottom: 45, left: 100, right: 100 }
/** one-line rows of the label/value tables get the height of a form's writing line */
const MIN_ROW = { value: Math.round(0.75 * CM), rule: HeightRule.ATLEAST }

/** Signature images are shown about 4 cm wide and at most 2 cm tall (pixels at 96 dpi). */
const SIGNATURE_MAX = { width: Math.round((4 / 2.54) * 96), height: Math.round((2 / 2.54) * 96) }
const SEAL_BOX_SIDE = Math.round(4.2 * CM) // company seals are 4.0–4.2 cm across

export { VALIDITY_LINE }

export async function buildAcceptanceDocx(form: AcceptanceForm): Promise<Buffer> {
  const title = oneLine(form.title).trim() || DEFAULT_FORM_TITLE
  const doc = new Document({
    title,
    subject: `${title} ${oneLine(form.project.customerName)}`.trim(),
    creator: '交付台 Delivery Desk',
    description: `${oneLine(form.formNumber)} V${form.version}`,
    styles: {
      default: {
        document: {
          run: {
            font: BODY_FONT,
            size: SIZE_BODY,
            language: { value: 'en-US', eastAsia: 'zh-CN' }
          },
          paragraph: { spacing: { before: 0, after: 0, line: 252, lineRule: LineRuleType.AUTO } }
        },
        title: {
          run: { font: HEADING_FONT, size: SIZE_TITLE, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 120 } }
        },
        heading1: {
          run: { font: HEADING_FONT, size: SIZE_SECTION, bold: true, color: '000000' },
          paragraph: { spacing: { before: 280, after: 120 }, keepNext: true, keepLines: true }
        }
      }
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: { ...MARGIN, header: Math.round(1.5 * CM), footer: Math.round(1.2 * CM) }
          }
        },
        headers: { default: pageHeader(form) },
        footers: { default: pageFooter() },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          formNumberLine(form),
          sectionHeading(SECTION_TITLES.project),
          projectTable(form),
          sectionHeading(SECTION_TITLES.invoicing),
          invoicingTable(form),
          sectionHeading(SECTION_TITLES.participants),
          participantsTable(form),
          sectionHeading(SECTION_TITLES.checklist),
          checklistTable(form),
          sectionHeading(SECTION_TITLES.openIssues),
          openIssuesTable(form),
          sectionHeading(SECTION_TITLES.attachments),
          attachmentsTable(form),
          sectionHeading(SECTION_TITLES.conclusion),
          conclusionTable(form),
          ...deemedParagraph(form),
          sectionHeading(SECTION_TITLES.signatures),
          new Paragraph({
            keepNext: true,
            spacing: { after: 120 },
            children: [new TextRun({ text: VALIDITY_LINE, bold: true })]
          }),
          signatureTable(form)
        ]
      }
    ]
  })
  return Packer.toBuffer(doc)
}

// Text ------------------------------------------------------------------------------------

/** For one-line places (title, names): line breaks become spaces. */
function oneLine(value: string): string {
  return clean(value).replace(/[\r\n]+/g, ' ')
}

function lines(value: string): string[] {
  return clean(value).replace(/\r\n?/g, '\n').split('\n')
}

/** `2026-03-18` → `2026年3月18日`; anything else is shown as given. */
export function chineseDate(value: string): string {
  return oneLine(formDate(value))
}

interface ParaOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType]
  run?: Omit<IRunOptions, 'text' | 'children'>
}

/**
 * One paragraph per line of the value, so that line breaks typed in the form survive; a long
 * digit run is a run of its own, so it is laid out (and wrapped) as one word.
 */
function paragraphs(value: string, options: ParaOptions = {}): Paragraph[] {
  return lines(value).map(
    (line) =>
      new Paragraph({
        alignment: options.align,
        children: digitPieces(line).map(
          (piece) =>
            new TextRun({
              ...options.run,
              text: piece.text,
              // digits next to CJK text take the East Asian font in LibreOffice, which is
              // wider: a number run names the Latin font in every slot so it stays narrow
              ...(piece.number ? { font: NUMBER_FONT } : {})
            })
        )
      })
  )
}

function sectionHeading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] })
}

function formNumberLine(form: AcceptanceForm): Paragraph {
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
    spacing: { after: 120 },
    children: [
      new TextRun(`验收单编号：${oneLine(form.formNumber)}`),
      new TextRun({ children: ['\t', `版本：V${form.version}`] })
    ]
  })
}

/** 验收单编号 and version on every page, so a loose page can be matched to its form. */
function pageHeader(form: AcceptanceForm): Header {
  const run = { size: SIZE_SMALL, color: '555555' }
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        children: [
          new TextRun({ ...run, text: oneLine(form.title).trim() || DEFAULT_FORM_TITLE }),
          new TextRun({
            ...run,
            children: ['\t', `验收单编号：${oneLine(form.formNumber)}\u3000V${form.version}`]
          })
        ]
      })
    ]
  })
}

function pageFooter(): Footer {
  const run = { size: SIZE_SMALL }
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ ...run, text: '第 ' }),
          new TextRun({ ...run, children: [PageNumber.CURRENT] }),
          new TextRun({ ...run, text: ' 页/共 ' }),
          new TextRun({ ...run, children: [PageNumber.TOTAL_PAGES] }),
          new TextRun({ ...run, text: ' 页' })
        ]
      })
    ]
  })
}

// Tables ----------------------------------------------------------------------------------

interface CellOptions {
  width: number
  span?: number
  fill?: string
  align?: (typeof AlignmentType)[keyof typeof AlignmentType]
  bold?: boolean
}

function cell(content: string | Paragraph[], options: CellOptions): TableCell {
  const children =
    typeof content === 'string'
      ? paragraphs(content, { align: options.align, run: { bold: options.bold } })
      : content
  return new TableCell({
    children,
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: options.fill
      ? { fill: options.fill, type: ShadingType.CLEAR, color: 'auto' }
      : undefined
  })
}

function headerCell(text: string, width: number): TableCell {
  return cell(text, { width, fill: HEADER_FILL, align: AlignmentType.CENTER, bold: true })
}

function table(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    rows,
    // a number is written as fiftieths of a percent (5000), which Word 2007 reads too, unlike "100%"
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS
  })
}

/** Column widths in twips from fractions of the text width, the last one taking the rest. */
function columns(...fractions: number[]): number[] {
  const widths = fractions.map((f) => Math.round(CONTENT_WIDTH * f))
  widths[widths.length - 1] = CONTENT_WIDTH - widths.slice(0, -1).reduce((a, b) => a + b, 0)
  return widths
}

function projectTable(form: AcceptanceForm): Table {
  // Column 2 fits an 18-character tax ID and a 15-character company name on one line;
  // column 3 fits 订单/合同号.
  const [labelW, valueW, label2W, value2W] = [
    LABEL_WIDTH,
    Math.round(5.9 * CM),
    Math.round(2.7 * CM),
    CONTENT_WIDTH - LABEL_WIDTH - Math.round(5.9 * CM) - Math.round(2.7 * CM)
  ]
  const label = (text: string, width: number) =>
    cell(text, { width, fill: LABEL_FILL, align: AlignmentType.CENTER })
  const wide = (name: string, value: string) =>
    new TableRow({
      cantSplit: true,
      height: MIN_ROW,
      children: [label(name, labelW), cell(value, { width: valueW + label2W + value2W, span: 3 })]
    })
  const pair = (name1: string, value1: string, name2: string, value2: string) =>
    new TableRow({
      cantSplit: true,
      height: MIN_ROW,
      children: [
        label(name1, labelW),
        cell(value1, { width: valueW }),
        label(name2, label2W),
        cell(value2, { width: value2W })
      ]
    })
  return table(
    [labelW, valueW, label2W, value2W],
    projectRows(form).map((r) => (r.length === 2 ? wide(...r) : pair(...r)))
  )
}

function labelValueTable(rows: [string, string][]): Table {
  const [labelW, valueW] = [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH]
  return table(
    [labelW, valueW],
    rows.map(
      ([name, value]) =>
        new TableRow({
          cantSplit: true,
          height: MIN_ROW,
          children: [
            cell(name, { width: labelW, fill: LABEL_FILL, align: AlignmentType.CENTER }),
            cell(value, { width: valueW })
          ]
        })
    )
  )
}

function invoicingTable(form: AcceptanceForm): Table {
  return labelValueTable(invoicingRows(form))
}

/** A table with a header row, or one row saying 无 when it has no lines. */
function listTable(widths: number[], headers: string[], lines: string[][]): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => headerCell(h, widths[i] ?? 0))
  })
  const rows =
    lines.length === 0
      ? [
          new TableRow({
            cantSplit: true,
            children: [
              cell(NONE, { width: CONTENT_WIDTH, span: widths.length, align: AlignmentType.CENTER })
            ]
          })
        ]
      : lines.map(
          (line, i) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(String(i + 1), { width: widths[0] ?? 0, align: AlignmentType.CENTER }),
                ...line.map((value, j) => cell(value, { width: widths[j + 1] ?? 0 }))
              ]
            })
        )
  return table(widths, [header, ...rows])
}

function participantsTable(form: AcceptanceForm): Table {
  return listTable(
    columns(0.07, 0.3, 0.28, 0.35),
    ['序号', '姓名', '单位', '职务'],
    form.participants.map((p) => [p.name, SIDE_TEXT[p.side], p.title])
  )
}

function attachmentsTable(form: AcceptanceForm): Table {
  return listTable(
    columns(0.07, 0.4, 0.25, 0.28),
    ['序号', '文件名', '所属阶段', 'SHA-256（前 16 位）'],
    form.attachments.map((a) => [a.name, stageText(a.stage), shaPrefix(a.sha256)])
  )
}

function deemedParagraph(form: AcceptanceForm): Paragraph[] {
  const clause = deemedClause(form)
  return clause
    ? [new Paragraph({ spacing: { before: 120 }, children: [new TextRun(clause)] })]
    : []
}

function checklistTable(form: AcceptanceForm): Table {
  const widths = columns(0.06, 0.15, 0.34, 0.09, 0.36)
  const [noW, itemW, standardW, resultW, remarksW] = widths as [
    number,
    number,
    number,
    number,
    number
  ]
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      headerCell('序号', noW),
      headerCell('验收项目', itemW),
      headerCell('验收标准', standardW),
      headerCell('结果', resultW),
      headerCell('说明/证据', remarksW)
    ]
  })
  const rows = form.checklist.map(
    (row, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1), { width: noW, align: AlignmentType.CENTER }),
          cell(row.item, { width: itemW }),
          cell(row.standard, { width: standardW }),
          cell(row.result ? RESULT_TEXT[row.result] : '', {
            width: resultW,
            align: AlignmentType.CENTER
          }),
          cell(row.remarks, { width: remarksW })
        ]
      })
  )
  return table(widths, [header, ...rows])
}

function openIssuesTable(form: AcceptanceForm): Table {
  const widths = columns(0.07, 0.53, 0.18, 0.22)
  const [noW, descW, ownerW, dueW] = widths as [number, number, number, number]
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      headerCell('序号', noW),
      headerCell('问题描述', descW),
      headerCell('负责人', ownerW),
      headerCell('计划完成日期', dueW)
    ]
  })
  const rows =
    form.openIssues.length === 0
      ? [
          new TableRow({
            cantSplit: true,
            children: [cell('无', { width: CONTENT_WIDTH, span: 4, align: AlignmentType.CENTER })]
          })
        ]
      : form.openIssues.map(
          (issue, i) =>
            new TableRow({
              cantSplit: true,
              children: [
                cell(String(i + 1), { width: noW, align: AlignmentType.CENTER }),
                cell(issue.description, { width: descW }),
                cell(issue.owner, { width: ownerW, align: AlignmentType.CENTER }),
                cell(chineseDate(issue.dueDate), { width: dueW, align: AlignmentType.CENTER })
              ]
            })
        )
  return table(widths, [header, ...rows])
}

function checkbox(checked: boolean, label: string): TextRun[] {
  return [
    new TextRun({ text: checked ? '☑' : '☐', font: CHECKBOX_FONT }),
    new TextRun({ text: ` ${label}` })
  ]
}

function conclusionTable(form: AcceptanceForm): Table {
  const [labelW, valueW] = [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH]
  const rows: { name: string; value: string | Paragraph[] }[] = []
  const boxes = new Paragraph({
    children: [
      ...checkbox(form.conclusion === 'pass', CONCLUSION_TEXT.pass),
      new TextRun('　　　　'),
      ...checkbox(form.conclusion === 'conditional', CONCLUSION_TEXT.conditional),
      new TextRun('　　　　'),
      ...checkbox(form.conclusion === 'fail', CONCLUSION_TEXT.fail)
    ]
  })
  rows.push({ name: '验收结论', value: [boxes] })
  // An undecided form is printed with every follow-up row, to be filled in by hand.
  if (form.conclusion === 'conditional' || form.conclusion === null) {
    rows.push({ name: '整改条件', value: form.conditions })
    rows.push({ name: '整改期限', value: chineseDate(form.deadline) })
  }
  if (form.conclusion === 'fail' || form.conclusion === null)
    rows.push({ name: '不通过原因', value: form.reason })
  rows.push({ name: '备注', value: form.remarks })

  return table(
    [labelW, valueW],
    rows.map(({ name, value }, i) => {
      const blank = typeof value === 'string' && value.trim() === ''
      return new TableRow({
        cantSplit: true,
        // the conclusion is read as one block, so its rows stay on one page
        keepNext: i < rows.length - 1,
        // a blank row leaves room to write by hand
        height: blank ? { value: Math.round(1.1 * CM), rule: HeightRule.ATLEAST } : MIN_ROW,
        children: [
          cell(name, { width: labelW, fill: LABEL_FILL, align: AlignmentType.CENTER }),
          cell(value, { width: valueW })
        ]
      })
    })
  )
}

// Signatures ------------------------------------------------------------------------------

/** The image scaled to the signature box, keeping its aspect ratio. */
export function signatureSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(SIGNATURE_MAX.width / width, SIGNATURE_MAX.height / height)
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale))
  }
}

function signatureImageRun(image: SignatureImage, who: string): ImageRun {
  const bytes = decodeBase64(image.base64)
  const info = bytes ? readImageInfo(bytes) : null
  if (!bytes || !info || info.mime !== image.mime)
    throw new Error(`the ${who} signature is not a PNG or JPEG of its declared type`)
  return new ImageRun({
    type: info.mime === 'image/png' ? 'png' : 'jpg',
    data: bytes,
    transformation: signatureSize(info.width, info.height),
    altText: { name: `${who}-signature`, description: `${who} signature`, title: '签字' }
  })
}

const BLANK_SIGNATURE = '＿＿＿＿＿＿＿＿＿＿'
const BLANK_DATE = '＿＿＿＿年＿＿月＿＿日'

function fieldLine(
  label: string,
  value: ParagraphChild[] | string,
  blank: string,
  handwritten = false
): Paragraph {
  const filled = typeof value === 'string' ? value.trim() !== '' : value.length > 0
  const content: ParagraphChild[] =
    typeof value === 'string' ? [new TextRun(oneLine(value))] : value
  return new Paragraph({
    // a blank signing line needs the height of a handwritten signature above it
    spacing: { before: !filled && handwritten ? 400 : 80, after: 80 },
    children: [new TextRun(`${label}：`), ...(filled ? content : [new TextRun(blank)])]
  })
}

function signatureLine(label: string, image: SignatureImage | null | undefined, who: string) {
  return fieldLine(label, image ? [signatureImageRun(image, who)] : [], BLANK_SIGNATURE, true)
}

function dateLine(date: string): Paragraph {
  return fieldLine('日　　期', date ? chineseDate(date) : '', BLANK_DATE)
}

/** A dashed square where the company seal is stamped on paper. */
function sealBox(label: string): Table {
  const dashed: IBorderOptions = { style: BorderStyle.DASHED, size: 6, color: '808080' }
  return new Table({
    alignment: AlignmentType.CENTER,
    width: { size: SEAL_BOX_SIDE, type: WidthType.DXA },
    columnWidths: [SEAL_BOX_SIDE],
    layout: TableLayoutType.FIXED,
    borders: {
      top: dashed,
      bottom: dashed,
      left: dashed,
      right: dashed,
      insideHorizontal: dashed,
      insideVertical: dashed
    },
    rows: [
      new TableRow({
        cantSplit: true,
        height: { value: SEAL_BOX_SIDE, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: SEAL_BOX_SIDE, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: label, color: '999999', size: SIZE_SMALL })]
              })
            ]
          })
        ]
      })
    ]
  })
}

/** The seal box with the spacing around it; both sides get the same one. */
function sealArea(label: string): (Paragraph | Table)[] {
  return [
    new Paragraph({ spacing: { line: 120, lineRule: LineRuleType.EXACT }, children: [] }),
    sealBox(label),
    // Word needs a paragraph after a table at the end of a cell
    new Paragraph({ spacing: { line: 120, lineRule: LineRuleType.EXACT }, children: [] })
  ]
}

function signatureTable(form: AcceptanceForm): Table {
  const [leftW, rightW] = columns(0.5, 0.5) as [number, number]
  const customer = form.signatures.customer
  const implementer = form.signatures.implementer
  const name = (label: string, value: string) => fieldLine(label, value, BLANK_SIGNATURE)

  const customerCell = new TableCell({
    width: { size: leftW, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    children: [
      name('单位名称', form.project.customerName),
      name('姓　　名', customer.signerName),
      signatureLine('签　　字', customer.image, 'customer'),
      name('职　　务', customer.title),
      dateLine(customer.date),
      ...sealArea('客户单位盖章')
    ]
  })
  const implementerCell = new TableCell({
    width: { size: rightW, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.TOP,
    children: [
      name('单位名称', form.project.implementingCompany),
      name('姓　　名', implementer.signerName),
      signatureLine('签　　字', implementer.image, 'implementer'),
      name('职　　务', implementer.title),
      dateLine(implementer.date),
      ...sealArea('实施单位盖章')
    ]
  })
  return table(
    [leftW, rightW],
    [
      new TableRow({
        cantSplit: true,
        keepNext: true,
        children: [headerCell('客户方', leftW), headerCell('实施方', rightW)]
      }),
      new TableRow({ cantSplit: true, children: [customerCell, implementerCell] })
    ]
  )
}
