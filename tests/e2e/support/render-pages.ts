/**
 * Turns exported forms into page images to look at (tests/e2e/artifacts/acceptance/), and into
 * text for the parity check: LibreOffice renders the .docx as Word readers would, pdftoppm the
 * PDF as it was printed.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'

/** The .docx converted to PDF by LibreOffice, in `outDir`. */
export function docxToPdf(docx: string, outDir: string): string {
  const home = mkdtempSync(join(tmpdir(), 'desk-lo-home-'))
  execFileSync(
    'libreoffice',
    ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, docx],
    { env: { ...process.env, HOME: home }, stdio: 'ignore', timeout: 90_000 }
  )
  return join(outDir, basename(docx).replace(/\.docx$/, '.pdf'))
}

/** Every page of the PDF as a PNG named `<prefix>-<n>.png`; returns their paths. */
export function pdfToPages(pdf: string, dir: string, prefix: string): string[] {
  mkdirSync(dir, { recursive: true })
  execFileSync('pdftoppm', ['-r', '70', '-png', pdf, join(dir, prefix)], { timeout: 60_000 })
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f))
}

export function pdfText(pdf: string, page?: number): string {
  // -raw keeps the content stream's order, which for a printed page is the document's order
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  return execFileSync('pdftotext', ['-raw', ...pages, pdf, '-'], {
    encoding: 'utf8',
    timeout: 60_000
  })
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0)
}
