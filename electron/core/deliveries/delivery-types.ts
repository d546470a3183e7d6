import type { FieldIssue, ErrorCode, WarningCode } from '../errors/desk-error'
import type { AuditEntry } from '../audit/audit-log'
import type { Customer } from '../customers/customer-fields'
import type { Answers } from '../stages/stage-rules'
import type { StageKey, StageStatus } from '../stages/stage-definitions'

export const DELIVERY_STATUSES = ['active', 'done', 'cancelled'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

export const DEFAULT_PRODUCTS = ['数电开票', '发票云平台', '玲珑对接', '进项发票管理', '电子档案']

export interface Delivery {
  id: number
  customerId: number
  orderNumber: string
  products: string[]
  plannedGoLive: string | null
  actualGoLive: string | null
  implementer: string
  status: DeliveryStatus
  notes: string
  createdAt: string
  updatedAt: string
}

export interface StageProgress {
  stage: StageKey
  position: number
  status: StageStatus
  answers: Answers
  notes: string
  reason: string | null
  startedAt: string | null
  completedAt: string | null
  updatedAt: string
  updatedBy: string
  /** what still keeps this stage from being done (empty when it may be done) */
  missing: FieldIssue<ErrorCode>[]
  /** answers worth a second look that do not keep the stage from being done */
  warnings: FieldIssue<WarningCode>[]
}

export interface DeliveryDetail {
  delivery: Delivery
  customer: Customer
  stages: StageProgress[]
  /** the first stage that is neither done nor skipped; null when all are */
  currentStage: StageKey | null
  overdue: boolean
}

export interface DeliverySummary extends Delivery {
  customerName: string
  currentStage: StageKey | null
  /** the seven statuses in stage order */
  stageStatuses: StageStatus[]
  blockedReason: string | null
  overdue: boolean
}

/** The editable fields of a delivery, as `deliveries.create` and `deliveries.update` take them. */
export interface DeliveryInput {
  orderNumber?: string
  products?: string[]
  plannedGoLive?: string | null
  actualGoLive?: string | null
  implementer?: string
  status?: DeliveryStatus
  notes?: string
}

export interface StageUpdate {
  deliveryId: number
  stage: StageKey
  status?: StageStatus
  answers?: Answers
  notes?: string
  reason?: string
}

export interface DeliveryQuery {
  status?: DeliveryStatus
  stage?: StageKey
  overdue?: boolean
  customerId?: number
  limit: number
  offset: number
}

/** A stage's stored progress, before the rules add what is still missing. */
export type StageRecord = Omit<StageProgress, 'missing' | 'warnings'>

export interface DashboardDelivery {
  deliveryId: number
  customerId: number
  customerName: string
  plannedGoLive: string | null
  currentStage: StageKey | null
}

export interface DashboardSummary {
  today: string
  counts: {
    active: number
    done: number
    cancelled: number
    openIncidents: number
    overdue: number
  }
  /** active deliveries by their current stage, in stage order */
  byStage: { stage: StageKey; count: number }[]
  blocked: (DashboardDelivery & { stage: StageKey; reason: string; since: string })[]
  goLiveThisWeek: DashboardDelivery[]
  overdue: DashboardDelivery[]
  recentActivity: (AuditEntry & { label: string })[]
}
