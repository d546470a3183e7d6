/** What crosses the contract for reports: the kinds of table export and their results. */
export const REPORT_KINDS = ['customers', 'deliveries', 'incidents'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]

export type ReportExportResult =
  | { cancelled: true }
  | {
      cancelled: false
      path: string
      /** data rows written (the header row not counted) */
      rows: number
    }

export interface WeeklyReport {
  /** the status message, ready to paste into WeChat */
  text: string
  /** the week it covers, Monday to Sunday (local dates) */
  weekStart: string
  weekEnd: string
}
