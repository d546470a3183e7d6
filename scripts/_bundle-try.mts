import { writeFileSync } from 'node:fs'
import { buildAcceptancePdf } from '../electron/core/acceptance/pdf/acceptance-pdf'
import { defaultPdfFontPath, loadPdfFont } from '../electron/core/acceptance/pdf/pdf-font'
import { signedForm } from '../tests/core/acceptance/support/sample-form'
async function main(): Promise<void> {
  const path = defaultPdfFontPath() ?? ''
  let t0 = performance.now()
  loadPdfFont(path)
  console.log('load', performance.now() - t0)
  const form = signedForm()
  const n = Number(process.argv[2] ?? 1)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    t0 = performance.now()
    const bytes = await buildAcceptancePdf(form, path)
    times.push(performance.now() - t0)
    if (i === 0) writeFileSync('/tmp/pdfout/bundled.pdf', bytes)
  }
  console.log('first', times[0]?.toFixed(0), 'rest sorted', times.slice(1).sort((a, b) => a - b).map((t) => t.toFixed(0)).join(' '))
}
void main()
