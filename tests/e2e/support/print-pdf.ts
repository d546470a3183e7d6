/**
 * The tests' PDF printer: Chromium prints the acceptance form's print view, as Electron's
 * hidden window does in the app (electron/main/print-pdf.main.ts), with the same route, the
 * same ready signal and the same page set-up.
 */
import type { Browser } from 'playwright-core'
import {
  PRINT_READY_ATTRIBUTE,
  pdfPageSetup,
  printRoute
} from '../../../electron/core/acceptance/acceptance-print'
import { bridgeInitScript, type Bridge } from './bridge'

/** Where a print's time went (the bench reports it): the print view until ready, then printing. */
export interface PrintTiming {
  readyMs: number
  printMs: number
}

export function chromiumPdfPrinter(
  browser: Browser,
  bridge: Bridge,
  onTiming?: (timing: PrintTiming) => void
): (formId: number) => Promise<Buffer> {
  return async (formId) => {
    const t0 = performance.now()
    const setup = pdfPageSetup(bridge.core.acceptance.printModel(formId).form)
    const context = await browser.newContext()
    try {
      await context.addInitScript(bridgeInitScript())
      const page = await context.newPage()
      await page.goto(`${bridge.url}${printRoute(formId)}`)
      await page.waitForSelector(`body[${PRINT_READY_ATTRIBUTE}="true"]`, { timeout: 20_000 })
      const t1 = performance.now()
      const cm = (value: number): string => `${value}cm`
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: setup.headerTemplate,
        footerTemplate: setup.footerTemplate,
        margin: {
          top: cm(setup.marginsCm.top),
          bottom: cm(setup.marginsCm.bottom),
          left: cm(setup.marginsCm.left),
          right: cm(setup.marginsCm.right)
        }
      })
      onTiming?.({ readyMs: t1 - t0, printMs: performance.now() - t1 })
      return pdf
    } finally {
      await context.close()
    }
  }
}
