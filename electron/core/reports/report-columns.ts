/**
 * The columns of each exported table as data: Chinese header (the people these sheets go to
 * read Chinese), width in characters and how a row's cell is read. Adding a column is one line.
 */
import { CUSTOMER_FIELDS, CUSTOMER_FIELD_LABELS, type Customer } from '../customers/customer-fields'
import type { DeliverySummary } from '../deliveries/delivery-types'
import type { Incident } from '../incidents/incident-types'
import { PLAYBOOK } from '../incidents/playbook'
import { STAGES, STAGE_BY_KEY, type StageKey } from '../stages/stage-definitions'
import { LABEL_TEXTS } from '../errors/label-texts'

export type Cell = string | number | null

export interface ReportColumn<Row> {
  header: string
  /** Excel column width, in characters (a CJK character counts about two) */
  width: number
  value: (row: Row) => Cell
}

const DELIVERY_STATUS_ZH: Readonly<Record<string, string>> = {
  active: '进行中',
  done: '已完成',
  cancelled: '已取消'
}
const INCIDENT_STATUS_ZH: Readonly<Record<string, string>> = { open: '处理中', resolved: '已解决' }

const stageTitle = (key: StageKey | null): string => (key ? STAGE_BY_KEY[key].title.zh : '全部完成')
const symptomTitle = (symptom: string): string =>
  PLAYBOOK.find((p) => p.symptom === symptom)?.title.zh ?? symptom
/** ISO instant → local `YYYY-MM-DD HH:mm` as people read it in a sheet */
const localTime = (iso: string | null): string => {
  if (!iso) return ''
  const d = new Date(iso)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** Long fields get wide columns; the tax ID and accounts fit their digits. */
const CUSTOMER_WIDTHS: Readonly<Record<string, number>> = {
  name: 36,
  taxId: 22,
  address: 44,
  phone: 18,
  bankName: 30,
  bankAccount: 26,
  email: 28,
  notes: 40
}

export const CUSTOMER_COLUMNS: readonly ReportColumn<Customer>[] = [
  ...CUSTOMER_FIELDS.map((f): ReportColumn<Customer> => ({
    header: CUSTOMER_FIELD_LABELS[f.key].zh.replace(/（.*）$/, ''),
    width: CUSTOMER_WIDTHS[f.key] ?? 14,
    value: (c) => c[f.key]
  })),
  { header: '已归档', width: 8, value: (c) => (c.archivedAt ? '是' : '') },
  { header: '创建时间', width: 18, value: (c) => localTime(c.createdAt) },
  { header: '更新时间', width: 18, value: (c) => localTime(c.updatedAt) }
]

function blockedStage(d: DeliverySummary): string {
  const i = d.stageStatuses.indexOf('blocked')
  const stage = i >= 0 ? STAGES[i] : undefined
  return stage ? stage.title.zh : ''
}

export const DELIVERY_COLUMNS: readonly ReportColumn<DeliverySummary>[] = [
  { header: '交付编号', width: 10, value: (d) => d.id },
  { header: '客户', width: 36, value: (d) => d.customerName },
  { header: '订单号', width: 18, value: (d) => d.orderNumber },
  { header: '产品', width: 28, value: (d) => d.products.join('、') },
  { header: '实施顾问', width: 12, value: (d) => d.implementer },
  { header: '状态', width: 10, value: (d) => DELIVERY_STATUS_ZH[d.status] ?? d.status },
  { header: '当前阶段', width: 26, value: (d) => stageTitle(d.currentStage) },
  {
    header: '当前阶段状态',
    width: 12,
    value: (d) => {
      const i = d.currentStage ? STAGES.findIndex((s) => s.key === d.currentStage) : -1
      const status = i >= 0 ? d.stageStatuses[i] : undefined
      return status ? LABEL_TEXTS['zh-CN'].stageStatus[status] : ''
    }
  },
  { header: '计划上线日期', width: 14, value: (d) => d.plannedGoLive ?? '' },
  { header: '实际上线日期', width: 14, value: (d) => d.actualGoLive ?? '' },
  { header: '逾期', width: 8, value: (d) => (d.overdue ? '是' : '') },
  { header: '受阻阶段', width: 26, value: blockedStage },
  { header: '受阻原因', width: 40, value: (d) => d.blockedReason ?? '' },
  { header: '备注', width: 40, value: (d) => d.notes },
  { header: '更新时间', width: 18, value: (d) => localTime(d.updatedAt) }
]

export const INCIDENT_COLUMNS: readonly ReportColumn<Incident>[] = [
  { header: '编号', width: 8, value: (i) => i.id },
  { header: '客户', width: 36, value: (i) => i.customerName },
  { header: '交付编号', width: 10, value: (i) => i.deliveryId },
  { header: '问题类型', width: 24, value: (i) => symptomTitle(i.symptom) },
  { header: '现象描述', width: 40, value: (i) => i.description },
  { header: '原因', width: 32, value: (i) => i.cause },
  { header: '处理措施', width: 40, value: (i) => i.action },
  { header: '状态', width: 10, value: (i) => INCIDENT_STATUS_ZH[i.status] ?? i.status },
  { header: '登记时间', width: 18, value: (i) => localTime(i.createdAt) },
  { header: '解决时间', width: 18, value: (i) => localTime(i.resolvedAt) }
]
