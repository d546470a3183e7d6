/**
 * Builds one sheet as an .xlsx with exceljs (already the project's xlsx library): Chinese
 * headers in bold, the header row frozen so it stays while scrolling, column widths set, an
 * auto-filter over the table. Returns bytes; writing the file is the caller's (atomic) job.
 */
import ExcelJS from 'exceljs'
import type { ReportColumn } from './report-columns'

export async function buildSheet<Row>(
  sheetName: string,
  columns: readonly ReportColumn<Row>[],
  rows: readonly Row[],
  createdAt: Date
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '交付台 Delivery Desk'
  workbook.created = createdAt
  workbook.modified = createdAt
  const sheet = workbook.addWorksheet(sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }]
  })
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }))
  for (const row of rows) {
    sheet.addRow(columns.map((c) => c.value(row) ?? ''))
  }
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } }
  header.alignment = { vertical: 'middle' }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  // Tax IDs and account numbers must stay text: Excel would show a long digit run as 9.3E+14.
  sheet.eachRow((r) => {
    r.eachCell((cell) => {
      if (typeof cell.value === 'string' && /^\d{11,}$/.test(cell.value)) cell.numFmt = '@'
    })
  })
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}
