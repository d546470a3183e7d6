/**
 * How the PDF of a form is printed: the renderer route of its print view and the page set-up
 * (A4, margins as the .docx has them, a header with 验收单编号 and a 第 x 页/共 y 页 footer on
 * every page). Electron's printer (electron/main/print-pdf.main.ts) and the tests' Chromium
 * printer both read it, so the app and the tests print the same thing. No Node imports.
 */
import { DEFAULT_FORM_TITLE, type AcceptanceForm } from './acceptance-form'

/** The hash route of a form's print view (the router's `acceptance-print`). */
export function printRoute(formId: number): string {
  return `#/print/acceptance/${formId}`
}

/** What the print view sets on <body> once the form is on the page and fonts are loaded. */
export const PRINT_READY_ATTRIBUTE = 'data-print-ready'

/** Page margins in centimetres: the .docx's, with room for the header and the footer. */
export const PDF_MARGINS_CM = { top: 2.5, bottom: 2.2, left: 2.5, right: 2 } as const

export interface PdfPageSetup {
  headerTemplate: string
  footerTemplate: string
  marginsCm: typeof PDF_MARGINS_CM
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c
  )
}

// Chromium draws header and footer templates outside the page's CSS, at a tiny default size.
const TEMPLATE_STYLE =
  "font-family:'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif;" +
  'font-size:8pt;color:#555;width:100%;margin:0 2cm 0 2.5cm;-webkit-print-color-adjust:exact;'

export function pdfPageSetup(form: AcceptanceForm): PdfPageSetup {
  const title = escapeHtml(form.title.trim() || DEFAULT_FORM_TITLE)
  const number = escapeHtml(form.formNumber)
  return {
    headerTemplate:
      `<div style="${TEMPLATE_STYLE}display:flex;justify-content:space-between;">` +
      `<span>${title}</span><span>验收单编号：${number}\u3000V${form.version}</span></div>`,
    footerTemplate:
      `<div style="${TEMPLATE_STYLE}text-align:center;">` +
      '第 <span class="pageNumber"></span> 页/共 <span class="totalPages"></span> 页</div>',
    marginsCm: PDF_MARGINS_CM
  }
}
