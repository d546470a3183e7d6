/**
 * Reports out: the customer, delivery and incident tables as .xlsx, and the weekly status.
 * Asks the other domains' services for their rows (no SQL of its own, so the rules that make
 * a delivery overdue or blocked stay where they are decided).
 */
import { writeExportFile } from '../shared/atomic-file'
import type { Customer } from '../customers/customer-fields'
import type { CustomerService } from '../customers/customer-service'
import type { DeliveryService } from '../deliveries/delivery-service'
import type { DeliverySummary } from '../deliveries/delivery-types'
import type { IncidentService } from '../incidents/incident-service'
import type { Incident } from '../incidents/incident-types'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { CUSTOMER_COLUMNS, DELIVERY_COLUMNS, INCIDENT_COLUMNS } from './report-columns'
import type { ReportKind, WeeklyReport } from './report-types'
import { buildSheet } from './report-xlsx'
import { formatWeeklyReport } from './weekly-report'

/** the largest page the services hand out; reports read page after page */
const PAGE = 500

const SHEET_NAMES: Readonly<Record<ReportKind, string>> = {
  customers: '客户',
  deliveries: '交付',
  incidents: '开票失败记录'
}

export class ReportService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: Pick<CustomerService, 'search'>,
    private readonly deliveries: Pick<DeliveryService, 'list'>,
    private readonly incidents: Pick<IncidentService, 'list'>
  ) {}

  /** `客户-2026-11-26.xlsx`: what the save dialog proposes. */
  defaultFileName(kind: ReportKind): string {
    return `${SHEET_NAMES[kind]}-${this.ctx.today()}.xlsx`
  }

  /** The sheet's bytes and how many rows it holds. */
  async build(kind: ReportKind): Promise<{ bytes: Uint8Array; rows: number }> {
    const created = new Date(this.ctx.now())
    const name = SHEET_NAMES[kind]
    if (kind === 'customers') {
      const rows = this.allCustomers()
      return { bytes: await buildSheet(name, CUSTOMER_COLUMNS, rows, created), rows: rows.length }
    }
    if (kind === 'deliveries') {
      const rows = this.allDeliveries()
      return { bytes: await buildSheet(name, DELIVERY_COLUMNS, rows, created), rows: rows.length }
    }
    const rows = this.allIncidents()
    return { bytes: await buildSheet(name, INCIDENT_COLUMNS, rows, created), rows: rows.length }
  }

  /** Writes the sheet to `path` whole or not at all; an existing file only with `overwrite`. */
  async exportXlsx(
    kind: ReportKind,
    path: string,
    options: { overwrite?: boolean } = {}
  ): Promise<{ path: string; rows: number }> {
    const { bytes, rows } = await this.build(kind)
    await writeExportFile(path, bytes, { overwrite: options.overwrite ?? false })
    recordAudit(this.ctx, 'report.export', 'report', null, { kind, rows })
    return { path, rows }
  }

  weekly(): WeeklyReport {
    return formatWeeklyReport({ today: this.ctx.today(), deliveries: this.allDeliveries() })
  }

  private allCustomers(): Customer[] {
    return pages((offset) =>
      this.customers.search({ includeArchived: true, sort: 'name', limit: PAGE, offset })
    )
  }

  private allDeliveries(): DeliverySummary[] {
    return pages((offset) => this.deliveries.list({ limit: PAGE, offset }))
  }

  private allIncidents(): Incident[] {
    return pages((offset) => this.incidents.list({ limit: PAGE, offset }))
  }
}

function pages<T>(page: (offset: number) => { items: T[]; total: number }): T[] {
  const all: T[] = []
  for (;;) {
    const { items, total } = page(all.length)
    all.push(...items)
    if (items.length === 0 || all.length >= total) return all
  }
}
