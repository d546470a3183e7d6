/**
 * Where the acceptance PDF's font file is (resources/fonts/). Apart from the font loading
 * (pdf-font.ts) so that knowing the path never loads pdfkit or fontkit: they are loaded on the
 * first PDF export, not when the app starts.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PDF_FONT_FILE = 'wqy-microhei.ttc'
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
