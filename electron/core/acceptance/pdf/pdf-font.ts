/**
 * The one font the acceptance PDF is set in: WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0),
 * shipped in resources/fonts/ so the PDF looks the same on every machine and never depends on
 * the fonts a laptop has. TrueType outlines (glyf), so pdfkit subsets it reliably; it covers
 * CJK, Latin, digits and full-width punctuation in one face.
 *
 * The file is read and parsed once per process (4–5 MB, ~30 ms); every document after that
 * only lays out and subsets. Text widths are cached per piece of text, process-wide.
 */
import { readFileSync } from 'node:fs'
import { create, type Font } from 'fontkit'

/** the proportional face of the collection (the other one is its monospaced twin) */
const FACE = 'WenQuanYiMicroHei'

export interface PdfFont {
  path: string
  font: Font
  /** width of `text` at `size` points, as pdfkit lays it out (kerning included) */
  width(text: string, size: number): number
  /** the code points of `text` the font has no glyph for */
  missing(text: string): string[]
}

const loaded = new Map<string, PdfFont>()
/** widths stay cached across documents; a runaway cache is dropped and rebuilt */
const WIDTH_CACHE_LIMIT = 50_000

/** The font at `path`, read and parsed on first use and kept for the life of the process. */
export function loadPdfFont(path: string): PdfFont {
  const known = loaded.get(path)
  if (known) return known
  const parsed = create(readFileSync(path), FACE)
  if (!('unitsPerEm' in parsed)) throw new Error(`no ${FACE} face in ${path}`)
  const font = parsed
  const widths = new Map<string, number>()
  const pdfFont: PdfFont = {
    path,
    font,
    width(text, size) {
      let units = widths.get(text)
      if (units === undefined) {
        if (widths.size > WIDTH_CACHE_LIMIT) widths.clear()
        units = font.layout(text).advanceWidth
        widths.set(text, units)
      }
      return (units / font.unitsPerEm) * size
    },
    missing(text) {
      const absent = new Set<string>()
      for (const ch of text) {
        const cp = ch.codePointAt(0) ?? 0
        // line breaks and tabs are layout, not glyphs
        if (cp === 0x0a || cp === 0x0d || cp === 0x09) continue
        if (!font.hasGlyphForCodePoint(cp)) absent.add(ch)
      }
      return [...absent]
    }
  }
  loaded.set(path, pdfFont)
  return pdfFont
}
