/**
 * The drawn parts of the acceptance PDF: the 验收结论 checkboxes (drawn as boxes, so they need
 * no symbol font) and 八 签字确认 — both parties side by side with company, name, signature
 * image or a blank line to sign on, 职务, date and a dashed seal box, as on the .docx.
 */
import { type AcceptanceForm, type Conclusion } from '../acceptance-form'
import { CONCLUSION_TEXT, SECTION_TITLES, VALIDITY_LINE, chineseDate } from '../acceptance-wording'
import { decodeBase64, readImageInfo, type SignatureImage } from '../signature-image'
import { CM, CONTENT_WIDTH, PdfCanvas, SIZE, type CellBox } from './pdf-canvas'
import { embeddableImage } from './pdf-image'
import { oneLine } from './pdf-text'

const HEADER_FILL = '#E7E6E6'
const SIGNATURE_MAX = { width: 4 * CM, height: 2 * CM }
const SEAL_SIDE = 4.2 * CM // company seals are 4.0–4.2 cm across
const BLANK_SIGNATURE = '＿＿＿＿＿＿＿＿＿＿'
const BLANK_DATE = '＿＿＿＿年＿＿月＿＿日'
const FIELD_GAP = 4
/** room above a blank signing line for a handwritten signature */
const HANDWRITING = 20

const BOX = 8.5
/** ☑ and ☐ as text (ActualText) only: the font has no glyphs for them, so they are drawn */
const BALLOT = { checked: '\u2611', empty: '\u2610' }
const OPTION_GAP = 4 * SIZE.body

/** 验收结论: a box before each of 通过, 有条件通过 and 不通过, the chosen one ticked. */
export function conclusionBoxes(c: PdfCanvas, chosen: Conclusion | null): CellBox {
  const options = (['pass', 'conditional', 'fail'] as const).map((key) => ({
    key,
    text: CONCLUSION_TEXT[key]
  }))
  return {
    height: () => c.lineHeight(),
    draw(x, y) {
      const doc = c.doc
      let left = x
      const boxTop = y + (c.lineHeight() - BOX) / 2
      for (const option of options) {
        doc.lineWidth(0.7).strokeColor('#000000').rect(left, boxTop, BOX, BOX).stroke()
        if (option.key === chosen) {
          doc
            .lineWidth(1.2)
            .moveTo(left + 1.8, boxTop + BOX * 0.52)
            .lineTo(left + BOX * 0.42, boxTop + BOX - 1.8)
            .lineTo(left + BOX - 1.4, boxTop + 1.6)
            .stroke()
        }
        // the font has no ballot boxes: text extraction (and copy) still reads ☑/☐, as from
        // the .docx, through a space marked with the box as its ActualText
        doc.markContent('Span', { actual: option.key === chosen ? BALLOT.checked : BALLOT.empty })
        c.line('\u00a0', left, y, BOX)
        doc.endMarkedContent()
        left += BOX + 4
        c.line(option.text, left, y, c.width(option.text))
        left += c.width(option.text) + OPTION_GAP
      }
    }
  }
}

interface Party {
  heading: string
  company: string
  signerName: string
  title: string
  date: string
  image?: SignatureImage | null
  seal: string
}

interface PreparedImage {
  bytes: Buffer
  width: number
  height: number
}

/** The image scaled into the signature box, keeping its aspect ratio. */
function prepareImage(image: SignatureImage | null | undefined, who: string) {
  if (!image) return null
  const bytes = decodeBase64(image.base64)
  const info = bytes ? readImageInfo(bytes) : null
  if (!bytes || !info || info.mime !== image.mime)
    throw new Error(`the ${who} signature is not a PNG or JPEG of its declared type`)
  const scale = Math.min(SIGNATURE_MAX.width / info.width, SIGNATURE_MAX.height / info.height)
  return {
    bytes: embeddableImage(bytes, info.mime),
    width: info.width * scale,
    height: info.height * scale
  }
}

function partyBox(c: PdfCanvas, party: Party, image: PreparedImage | null): CellBox {
  const lh = c.lineHeight()
  const fields = (width: number) => {
    const field = (label: string, text: string, blank: string) =>
      c.wrap(`${label}：${oneLine(text).trim() || blank}`, width)
    return {
      company: field('单位名称', party.company, BLANK_SIGNATURE),
      name: field('姓\u3000\u3000名', party.signerName, BLANK_SIGNATURE),
      title: field('职\u3000\u3000务', party.title, BLANK_SIGNATURE),
      date: field('日\u3000\u3000期', party.date ? chineseDate(party.date) : '', BLANK_DATE)
    }
  }
  const signatureHeight = image ? Math.max(lh, image.height) : lh + HANDWRITING
  const height = (width: number): number => {
    const f = fields(width)
    const text = f.company.length + f.name.length + f.title.length + f.date.length
    return text * lh + signatureHeight + 5 * 2 * FIELD_GAP + 8 + SEAL_SIDE + 4
  }
  return {
    height,
    draw(x, y, width) {
      const f = fields(width)
      let top = y
      const lines = (ls: string[]) => {
        top += FIELD_GAP
        for (const l of ls) {
          c.line(l, x, top, width)
          top += lh
        }
        top += FIELD_GAP
      }
      lines(f.company)
      lines(f.name)
      top += FIELD_GAP
      const label = '签\u3000\u3000字：'
      if (image) {
        c.line(label, x, top + (signatureHeight - lh) / 2, width)
        c.doc.image(image.bytes, x + c.width(label), top, {
          width: image.width,
          height: image.height
        })
      } else {
        c.line(label + BLANK_SIGNATURE, x, top + HANDWRITING, width)
      }
      top += signatureHeight + FIELD_GAP
      lines(f.title)
      lines(f.date)
      top += 8
      const left = x + (width - SEAL_SIDE) / 2
      c.doc
        .lineWidth(0.7)
        .strokeColor('#808080')
        .dash(3, { space: 2 })
        .rect(left, top, SEAL_SIDE, SEAL_SIDE)
        .stroke()
        .undash()
      const labelTop = top + (SEAL_SIDE - c.lineHeight(SIZE.small)) / 2
      c.line(party.seal, left, labelTop, SEAL_SIDE, {
        size: SIZE.small,
        color: '#999999',
        align: 'center'
      })
    }
  }
}

/** 八 签字确认: heading, validity line and both parties, kept together on one page. */
export function signatureBlock(
  c: PdfCanvas,
  form: AcceptanceForm,
  heading: (text: string) => void
): void {
  const parties: Party[] = [
    {
      heading: '客户方',
      company: form.project.customerName,
      ...form.signatures.customer,
      seal: '客户单位盖章'
    },
    {
      heading: '实施方',
      company: form.project.implementingCompany,
      ...form.signatures.implementer,
      seal: '实施单位盖章'
    }
  ]
  const images = [
    prepareImage(form.signatures.customer.image, 'customer'),
    prepareImage(form.signatures.implementer.image, 'implementer')
  ]
  const half = CONTENT_WIDTH / 2
  const table = c.layoutTable(
    [half, half],
    [{ cells: parties.map((p, i) => ({ box: partyBox(c, p, images[i] ?? null), valign: 'top' })) }],
    {
      cells: parties.map((p) => ({
        text: p.heading,
        fill: HEADER_FILL,
        align: 'center',
        bold: true
      }))
    }
  )
  const validity = c.lineHeight() + 6
  // heading (about two lines with its spacing), validity line and the table on one page
  c.ensure(c.lineHeight(SIZE.section) + 20 + validity + table.height)
  heading(SECTION_TITLES.signatures)
  c.paragraph(VALIDITY_LINE, { bold: true, after: 6 })
  c.drawTable(table)
}
