/**
 * The one font the acceptance PDF is set in: WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0),
 * shipped in resources/fonts/ so the PDF looks the same on every machine and never depends on
 * the fonts a laptop has. TrueType outlines (glyf), so pdfkit subsets it reliably; it covers
 * CJK, Latin, digits and full-width punctuation in one face.
 *
 * The file is read and parsed once per process (4–5 MB, ~30 ms); every document after that
 * only lays out and subsets. Text widths are cached per piece of text, process-wide.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { create, type Font } from 'fontkit'

export const PDF_FONT_FILE = 'wqy-microhei.ttc'
/** the proportional face of the collection (the other one is its monospaced twin) */
const FACE = 'WenQuanYiMicroHei'

/**
 * Where the font is when no path is given: `resources/fonts/` of the checkout, found by walking
 * up from this module (source under electron/core, bundles under out/main and out/cli). The
 * packaged app passes its own path (process.resourcesPath/fonts).
 */
export function defaultPdfFontPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'fonts', PDF_FONT_FILE)
    if (existsSync(candidate)) return candidate
    const parent = resolve(dir, '..')
    if (parent === dir) break
    dir = parent
  }
  return null
}

/** The font file to use: the one given, else the checkout's; null when it is not there. */
export function usablePdfFontPath(given: string | undefined): string | null {
  const path = given ?? defaultPdfFontPath()
  return path !== null && existsSync(path) ? path : null
}

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
