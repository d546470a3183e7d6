/**
 * The import report as a file people pass on: CSV with a BOM (Excel on Chinese Windows opens
 * it as UTF-8), the counts first, then one line per duplicate and per refused row with the
 * reasons worded in the UI's language. Pure: report in, text out.
 */
import { issueMessage, type Locale } from '../errors/messages'
import { labelKey } from '../errors/labels'
import type { ImportReport } from './customer-import'

const WORDS = {
  'zh-CN': {
    header: ['行号', '结果', '企业名称', '企业税号', '说明'],
    counts: (r: ImportReport) =>
      `共 ${r.counts.rows} 行：新增 ${r.counts.added}，重复跳过 ${r.counts.skipped}，拒绝 ${r.counts.refused}`,
    skipped: '重复跳过',
    refused: '拒绝',
    existing: (name: string, id: number) => `税号已属于客户「${name}」(#${id})`,
    more: (n: number) => `另有 ${n} 行未逐条列出`,
    file: (name: string) => `文件：${name}`
  },
  en: {
    header: ['Line', 'Result', 'Name', 'Tax ID', 'Details'],
    counts: (r: ImportReport) =>
      `${r.counts.rows} rows: ${r.counts.added} added, ${r.counts.skipped} skipped as duplicates, ${r.counts.refused} refused`,
    skipped: 'Duplicate',
    refused: 'Refused',
    existing: (name: string, id: number) => `Tax ID belongs to customer “${name}” (#${id})`,
    more: (n: number) => `${n} more rows not listed`,
    file: (name: string) => `File: ${name}`
  }
} as const

function cell(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function importReportCsv(report: ImportReport, fileName: string, locale: Locale): string {
  const w = WORDS[locale]
  const lines: string[] = [cell(w.file(fileName)), cell(w.counts(report)), '', w.header.join(',')]
  const rows: { line: number; cells: (string | number)[] }[] = [
    ...report.skipped.map((s) => ({
      line: s.line,
      cells: [s.line, w.skipped, s.existingName, s.taxId, w.existing(s.existingName, s.existingId)]
    })),
    ...report.refused.map((r) => ({
      line: r.line,
      cells: [
        r.line,
        w.refused,
        r.name,
        r.taxId,
        r.issues
          .map((i) => {
            const field = i.field ? labelKey('customerField', i.field, locale) : ''
            const text = issueMessage('errors', i.code, i.params, locale)
            return field ? `${field}${locale === 'en' ? ': ' : '：'}${text}` : text
          })
          .join(locale === 'en' ? '; ' : '；')
      ]
    }))
  ].sort((a, b) => a.line - b.line)
  for (const row of rows) lines.push(row.cells.map(cell).join(','))
  const listed = report.skipped.length + report.refused.length
  const more = report.counts.skipped + report.counts.refused - listed
  if (more > 0) lines.push(cell(w.more(more)))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}
