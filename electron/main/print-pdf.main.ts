/**
 * The PDF of an acceptance form, made by Chromium from the form's print view: a hidden window
 * as hardened as the main one loads the renderer's print route, which asks the core for the
 * form through the contract (`acceptance.printModel`) like any page, and marks <body> ready
 * once it is laid out; then webContents.printToPDF prints it with the page set-up the tests
 * use too (core/acceptance/acceptance-print.ts). The bytes go back to the core, which writes
 * and records them; this module never touches the file system.
 */
import { BrowserWindow } from 'electron'
import { join } from 'node:path'
import {
  PRINT_READY_ATTRIBUTE,
  pdfPageSetup,
  printRoute
} from '../core/acceptance/acceptance-print'
import type { AcceptanceForm } from '../core/acceptance/acceptance-form'
import type { RendererLocation } from './security.main'

const READY_TIMEOUT_MS = 20_000
const POLL_MS = 100
const CM_PER_INCH = 2.54

export interface PdfPrinterOptions {
  location: RendererLocation
  preloadDir: string
  /** the stored version the print view will show, for its header */
  form: (formId: number) => AcceptanceForm
}

export function createPdfPrinter(options: PdfPrinterOptions): (formId: number) => Promise<Buffer> {
  return async (formId) => {
    const setup = pdfPageSetup(options.form(formId))
    const win = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      webPreferences: {
        preload: join(options.preloadDir, 'index.js'), // eng-disable PRELOAD_JS_CHECK: sandboxed, exposes only the contract's calls
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick'
      }
    })
    try {
      // The same page the main window loads, at the print view's hash route.
      const url = new URL(options.location.url)
      url.hash = printRoute(formId).slice(1)
      await win.loadURL(url.href)
      await waitUntilReady(win)
      const inches = (cm: number): number => cm / CM_PER_INCH
      return await win.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: setup.headerTemplate,
        footerTemplate: setup.footerTemplate,
        margins: {
          top: inches(setup.marginsCm.top),
          bottom: inches(setup.marginsCm.bottom),
          left: inches(setup.marginsCm.left),
          right: inches(setup.marginsCm.right)
        }
      })
    } finally {
      if (!win.isDestroyed()) win.destroy()
    }
  }
}

/** Waits for the print view to say it is laid out (or to report that it failed). */
async function waitUntilReady(win: BrowserWindow): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  for (;;) {
    const state = (await win.webContents.executeJavaScript(
      `document.body.getAttribute(${JSON.stringify(PRINT_READY_ATTRIBUTE)})`
    )) as string | null
    if (state === 'true') return
    if (state === 'failed') throw new Error('the print view could not load the form')
    if (Date.now() > deadline) throw new Error('the print view did not get ready in time')
    await new Promise((ok) => setTimeout(ok, POLL_MS))
  }
}
