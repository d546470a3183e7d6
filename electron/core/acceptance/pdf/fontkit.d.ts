/**
 * The part of fontkit (pdfkit's font engine, MIT) the PDF export uses: open a font once per
 * process, read advance widths, ask whether a code point has a glyph. fontkit ships no types.
 */
declare module 'fontkit' {
  export interface Glyph {
    id: number
    advanceWidth: number
  }
  export interface GlyphRun {
    advanceWidth: number
  }
  export interface Font {
    type: string
    postscriptName: string
    unitsPerEm: number
    ascent: number
    descent: number
    numGlyphs: number
    hasGlyphForCodePoint(codePoint: number): boolean
    glyphForCodePoint(codePoint: number): Glyph
    layout(text: string, features?: string[]): GlyphRun
  }
  export interface FontCollection {
    type: 'TTC' | 'DFont'
    fonts: Font[]
    getFont(name: string): Font | null
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection
}
