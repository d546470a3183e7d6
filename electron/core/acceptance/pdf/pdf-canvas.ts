/**
 * A small page-layout layer over pdfkit for the acceptance PDF: A4 pages with the .docx's
 * margins, wrapped text (pdf-text.ts), ruled tables whose header row repeats on each page,
 * rows kept whole unless taller than a page, blocks kept together, and a header and footer
 * drawn on every page once the page count is known. Sizes are in points (1 cm = 28.35 pt).
 */
import type { PdfFont } from './pdf-font'
import { wrapText } from './pdf-text'

export const CM = 72 / 2.54
export const PAGE = { width: 595.28, height: 841.89 }
/** the .docx's margins: room to bind on the left, header and footer inside top and bottom */
export const MARGIN = { top: 2.5 * CM, bottom: 2.2 * CM, left: 2.5 * CM, right: 2 * CM }
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right

export const SIZE = { body: 10.5, small: 9, section: 12, title: 18 }
/** CJK text reads better with more leading than Latin text */
const LEADING = 1.42
/** the font's ascent + descent, in ems (WenQuanYi Micro Hei: 1918 + 483 of 2048) */
const GLYPH_BOX = 1.17
const PAD = { x: 5, y: 3 }
const RULE_WIDTH = 0.6

export interface TextStyle {
  size?: number
  bold?: boolean
  color?: string
  align?: 'left' | 'center' | 'right'
}

/** Content of a cell other than text (checkboxes, signature lines, a seal box). */
export interface CellBox {
  height(width: number): number
  draw(x: number, y: number, width: number): void
}

export interface PdfCell extends TextStyle {
  text?: string
  box?: CellBox
  span?: number
  fill?: string
  /** a box is centred in its row unless it asks for the top */
  valign?: 'top'
}

export interface PdfRow {
  cells: PdfCell[]
  minHeight?: number
}

interface LaidCell {
  cell: PdfCell
  x: number
  width: number
  lines: string[]
}

export interface LaidRow {
  cells: LaidCell[]
  height: number
}

export interface LaidTable {
  header: LaidRow | null
  rows: LaidRow[]
  height: number
}

/** The part of pdfkit's document the canvas draws with. */
export type Doc = PDFKit.PDFDocument

export class PdfCanvas {
  y = MARGIN.top
  readonly bottom = PAGE.height - MARGIN.bottom

  constructor(
    readonly doc: Doc,
    readonly font: PdfFont
  ) {}

  lineHeight(size = SIZE.body): number {
    return size * LEADING
  }

  width(text: string, size = SIZE.body): number {
    return this.font.width(text, size)
  }

  wrap(text: string, width: number, size = SIZE.body): string[] {
    return wrapText(text, width, (s) => this.font.width(s, size))
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 })
    this.y = MARGIN.top
  }

  /** Starts a new page unless `height` fits below the cursor (or could not fit on any page). */
  ensure(height: number): void {
    const fresh = this.bottom - MARGIN.top
    if (this.y + height > this.bottom && height <= fresh && this.y > MARGIN.top) this.newPage()
  }

  /** One line of text whose box (of the line height) starts at `top`. */
  line(text: string, x: number, top: number, width: number, style: TextStyle = {}): void {
    if (text === '') return
    const size = style.size ?? SIZE.body
    const color = style.color ?? '#000000'
    let left = x
    if (style.align === 'center' || style.align === 'right') {
      const free = width - this.width(text, size)
      left += style.align === 'center' ? free / 2 : free
    }
    const y = top + (this.lineHeight(size) - GLYPH_BOX * size) / 2
    const doc = this.doc.fontSize(size).fillColor(color)
    if (style.bold) {
      // one face has no bold: the outline is stroked as well as filled (as Word fakes bold)
      doc.lineWidth(size * 0.04).strokeColor(color)
      doc.text(text, left, y, { lineBreak: false, fill: true, stroke: true })
    } else {
      doc.text(text, left, y, { lineBreak: false })
    }
  }

  /** Wrapped text across the content width; returns nothing, moves the cursor below it. */
  paragraph(
    text: string,
    style: TextStyle & { before?: number; after?: number; keepWith?: number } = {}
  ): void {
    const size = style.size ?? SIZE.body
    const lines = this.wrap(text, CONTENT_WIDTH, size)
    const lh = this.lineHeight(size)
    this.y += style.before ?? 0
    this.ensure(lines.length * lh + (style.keepWith ?? 0))
    for (const l of lines) {
      this.ensure(lh)
      this.line(l, MARGIN.left, this.y, CONTENT_WIDTH, style)
      this.y += lh
    }
    this.y += style.after ?? 0
  }

  // Tables ----------------------------------------------------------------------------------

  layoutRow(widths: number[], row: PdfRow): LaidRow {
    let x = MARGIN.left
    let col = 0
    let height = row.minHeight ?? 0
    const cells: LaidCell[] = []
    for (const cell of row.cells) {
      const span = cell.span ?? 1
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0)
      col += span
      const inner = width - 2 * PAD.x
      const lines = cell.text !== undefined ? this.wrap(cell.text, inner, cell.size) : []
      const content = cell.box
        ? cell.box.height(inner)
        : lines.length * this.lineHeight(cell.size ?? SIZE.body)
      height = Math.max(height, content + 2 * PAD.y)
      cells.push({ cell, x, width, lines })
      x += width
    }
    return { cells, height }
  }

  layoutTable(widths: number[], rows: PdfRow[], header?: PdfRow): LaidTable {
    const laidHeader = header ? this.layoutRow(widths, header) : null
    const laid = rows.map((r) => this.layoutRow(widths, r))
    const height = laid.reduce((sum, r) => sum + r.height, laidHeader?.height ?? 0)
    return { header: laidHeader, rows: laid, height }
  }

  /** Height a table's start needs on a page: its header and first row. */
  static leadHeight(table: LaidTable): number {
    return (table.header?.height ?? 0) + (table.rows[0]?.height ?? 0)
  }

  drawTable(table: LaidTable): void {
    const header = table.header
    if (header) this.ensure(header.height + (table.rows[0]?.height ?? 0))
    if (header) this.drawRow(header)
    for (const row of table.rows) {
      if (this.y + row.height <= this.bottom) {
        this.drawRow(row)
        continue
      }
      const fresh = this.bottom - MARGIN.top - (header?.height ?? 0)
      if (row.height <= fresh) {
        this.newPage()
        if (header) this.drawRow(header)
        this.drawRow(row)
        continue
      }
      this.drawSplitRow(row, header)
    }
  }

  private drawRow(row: LaidRow): void {
    const doc = this.doc
    const top = this.y
    for (const c of row.cells) {
      if (c.cell.fill) doc.rect(c.x, top, c.width, row.height).fill(c.cell.fill)
    }
    for (const c of row.cells) this.drawCellContent(c, top, row.height, c.lines)
    doc.lineWidth(RULE_WIDTH).strokeColor('#000000')
    for (const c of row.cells) doc.rect(c.x, top, c.width, row.height).stroke()
    this.y = top + row.height
  }

  private drawCellContent(c: LaidCell, top: number, height: number, lines: string[]): void {
    const inner = c.width - 2 * PAD.x
    if (c.cell.box) {
      const h = c.cell.box.height(inner)
      const y = c.cell.valign === 'top' ? top + PAD.y : top + (height - h) / 2
      c.cell.box.draw(c.x + PAD.x, y, inner)
      return
    }
    const lh = this.lineHeight(c.cell.size ?? SIZE.body)
    // vertically centred, as the .docx's cells are
    let y = top + (height - lines.length * lh) / 2
    for (const l of lines) {
      this.line(l, c.x + PAD.x, y, inner, c.cell)
      y += lh
    }
  }

  /** A row taller than a page (a very long remark): its lines continue on the next page. */
  private drawSplitRow(row: LaidRow, header: LaidRow | null): void {
    let rest = row.cells.map((c) => c.lines)
    const lh = this.lineHeight()
    while (rest.some((lines) => lines.length > 0)) {
      if (this.bottom - this.y < 2 * PAD.y + 2 * lh) {
        this.newPage()
        if (header) this.drawRow(header)
      }
      const fit = Math.max(1, Math.floor((this.bottom - this.y - 2 * PAD.y) / lh))
      const part = rest.map((lines) => lines.slice(0, fit))
      const tallest = Math.max(...part.map((lines) => lines.length))
      const piece: LaidRow = {
        cells: row.cells.map((c, i) => ({
          ...c,
          cell: { ...c.cell, box: undefined },
          lines: part[i] ?? []
        })),
        height: tallest * lh + 2 * PAD.y
      }
      this.drawRow(piece)
      rest = rest.map((lines) => lines.slice(fit))
    }
  }

  // Every page --------------------------------------------------------------------------------

  /** Draws `decorate` on each page once all pages exist (for 第 x 页/共 y 页). */
  decoratePages(decorate: (page: number, count: number) => void): void {
    const range = this.doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i)
      decorate(i - range.start + 1, range.count)
    }
  }
}
