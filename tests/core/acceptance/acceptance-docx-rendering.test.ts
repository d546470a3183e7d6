/**
 * Renders the export with LibreOffice, as a reader without Word would see it. Set
 * ACCEPTANCE_ARTIFACTS=<dir> to keep the .docx and .pdf (e.g. tests/e2e/artifacts/acceptance).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildAcceptanceDocx } from '../../../electron/core/acceptance/acceptance-docx'
import { createDraftForm } from '../../../electron/core/acceptance/acceptance-form'
import { CUSTOMER_NAME, signedForm } from './support/sample-form'

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0
}

const canConvert = onPath('libreoffice') && onPath('pdftotext')
if (!canConvert)
  console.warn('acceptance-pdf: libreoffice or pdftotext is not on PATH; PDF rendering not checked')

const work = mkdtempSync(join(tmpdir(), 'desk-acceptance-pdf-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Converts a .docx to PDF with a throwaway profile, so runs never share LibreOffice state. */
function toPdf(docx: string): string {
  const home = mkdtempSync(join(work, 'home-'))
  execFileSync(
    'libreoffice',
    ['--headless', '--norestore', '--convert-to', 'pdf', '--outdir', work, docx],
    { env: { ...process.env, HOME: home }, stdio: 'ignore', timeout: 55_000 }
  )
  return docx.replace(/\.docx$/, '.pdf')
}

function keep(...files: string[]): void {
  const dir = process.env.ACCEPTANCE_ARTIFACTS
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  for (const f of files) copyFileSync(f, join(dir, f.slice(work.length + 1)))
}

describe.skipIf(!canConvert)('acceptance form rendered by LibreOffice', () => {
  it(
    'shows the title, the customer and the page numbers in the PDF',
    { timeout: 60_000 },
    async () => {
      const docx = join(work, 'signed.docx')
      writeFileSync(docx, await buildAcceptanceDocx(signedForm()))
      const pdf = toPdf(docx)
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      expect(text).toContain('上线验收单')
      expect(text).toContain(CUSTOMER_NAME)
      expect(text).toContain('一式两份，签字盖章后生效')
      expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/)
      keep(docx, pdf)
    }
  )

  it('renders a blank form for signing on paper', { timeout: 60_000 }, async () => {
    const docx = join(work, 'blank.docx')
    const form = createDraftForm(
      { formNumber: 'YS-20260318-0008' },
      { customerName: CUSTOMER_NAME }
    )
    writeFileSync(docx, await buildAcceptanceDocx(form))
    const pdf = toPdf(docx)
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('上线验收单')
    expect(text).toContain('不通过原因')
    keep(docx, pdf)
  })
})
