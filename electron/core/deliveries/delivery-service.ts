/**
 * Deliveries and their stages: creating one makes its seven progress rows; stage updates are
 * checked against the stage definitions and rules; every change goes to the audit log.
 */
import { statementCache } from '../db/database'
import type { AuditLog } from '../audit/audit-log'
import { DeskError, type ErrorCode, type FieldIssue } from '../errors/desk-error'
import { CUSTOMER_FIELD_BY_KEY, type CustomerFieldKey } from '../customers/customer-fields'
import type { CustomerService } from '../customers/customer-service'
import { STAGES, STAGE_BY_KEY, type StageKey, type StageStatus } from '../stages/stage-definitions'
import { checkAnswers, isValidDate, missingForDone, type Answers } from '../stages/stage-rules'
import type { ServiceContext } from '../shared/service-context'
import type {
  Delivery,
  DeliveryDetail,
  DeliveryStatus,
  DeliverySummary,
  StageProgress
} from './delivery-types'

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

type Row = Record<string, string | number | null>

const DELIVERY_FIELD_LABELS = { plannedGoLive: '计划上线日期', actualGoLive: '实际上线日期' }

/** SQL for the current stage of delivery `d`: the first one neither done nor skipped. */
export const CURRENT_STAGE_SQL = `(SELECT sp.stage FROM stage_progress sp WHERE sp.delivery_id = d.id
  AND sp.status NOT IN ('done', 'skipped') ORDER BY sp.position LIMIT 1)`

function toDelivery(row: Row): Delivery {
  return {
    id: row.id as number,
    customerId: row.customer_id as number,
    orderNumber: row.order_number as string,
    products: JSON.parse(row.products as string) as string[],
    plannedGoLive: (row.planned_go_live as string | null) ?? null,
    actualGoLive: (row.actual_go_live as string | null) ?? null,
    implementer: row.implementer as string,
    status: row.status as DeliveryStatus,
    notes: row.notes as string,
    createdAt: row.created_at as string,
    updatedAt: row.updated_at as string
  }
}

export class DeliveryService {
  private readonly sql
  private readonly audit: AuditLog
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService
  ) {
    this.sql = statementCache(ctx.db)
    this.audit = ctx.audit
    this.tx = {
      create: ctx.db.transaction((customerId: number, input: DeliveryInput) =>
        this.createNow(customerId, input)
      ),
      update: ctx.db.transaction((id: number, input: DeliveryInput) => this.updateNow(id, input)),
      updateStage: ctx.db.transaction((update: StageUpdate) => this.updateStageNow(update))
    }
  }

  create(customerId: number, input: DeliveryInput): DeliveryDetail {
    return this.tx.create.immediate(customerId, input)
  }

  update(id: number, input: DeliveryInput): DeliveryDetail {
    return this.tx.update.immediate(id, input)
  }

  updateStage(update: StageUpdate): DeliveryDetail {
    return this.tx.updateStage.immediate(update)
  }

  get(id: number): DeliveryDetail {
    const delivery = this.mustGet(id)
    const customer = this.customers.get(delivery.customerId)
    const rows = this.sql(
      'SELECT * FROM stage_progress WHERE delivery_id = ? ORDER BY position'
    ).all(id) as Row[]
    const stored = this.storedCredentials(delivery.customerId)
    const stages: StageProgress[] = rows.map((r) => {
      const stage = r.stage as StageKey
      const answers = JSON.parse(r.answers as string) as Answers
      return {
        stage,
        position: r.position as number,
        status: r.status as StageStatus,
        answers,
        notes: r.notes as string,
        reason: (r.reason as string | null) ?? null,
        startedAt: (r.started_at as string | null) ?? null,
        completedAt: (r.completed_at as string | null) ?? null,
        updatedAt: r.updated_at as string,
        updatedBy: r.updated_by as string,
        missing: this.labelled(
          missingForDone(STAGE_BY_KEY[stage], answers, customer, delivery, stored)
        )
      }
    })
    const current = stages.find((s) => s.status !== 'done' && s.status !== 'skipped')
    return {
      delivery,
      customer,
      stages,
      currentStage: current?.stage ?? null,
      overdue: this.isOverdue(delivery, stages.find((s) => s.stage === 'acceptance')?.status)
    }
  }

  list(query: DeliveryQuery): { items: DeliverySummary[]; total: number } {
    const where: string[] = []
    const bind: Record<string, unknown> = { today: this.ctx.today() }
    if (query.status) {
      where.push('d.status = @status')
      bind.status = query.status
    }
    if (query.customerId !== undefined) {
      where.push('d.customer_id = @customerId')
      bind.customerId = query.customerId
    }
    if (query.stage) {
      where.push(`${CURRENT_STAGE_SQL} = @stage`)
      bind.stage = query.stage
    }
    if (query.overdue) where.push(OVERDUE_SQL)
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const total = (
      this.sql(`SELECT count(*) AS n FROM deliveries d ${clause}`).get(bind) as { n: number }
    ).n
    const rows = this.sql(
      `SELECT d.*, c.name AS customer_name, ${CURRENT_STAGE_SQL} AS current_stage,
         (SELECT group_concat(status, ',') FROM (SELECT status FROM stage_progress sp
            WHERE sp.delivery_id = d.id ORDER BY sp.position)) AS statuses,
         (SELECT reason FROM stage_progress sp WHERE sp.delivery_id = d.id AND sp.status = 'blocked'
            ORDER BY sp.position LIMIT 1) AS blocked_reason,
         (${OVERDUE_SQL}) AS overdue
       FROM deliveries d JOIN customers c ON c.id = d.customer_id ${clause}
       ORDER BY (d.status = 'active') DESC, coalesce(d.planned_go_live, '9999') ASC, d.id DESC
       LIMIT @limit OFFSET @offset`
    ).all({ ...bind, limit: query.limit, offset: query.offset }) as Row[]
    return {
      total,
      items: rows.map((r) => ({
        ...toDelivery(r),
        customerName: r.customer_name as string,
        currentStage: (r.current_stage as StageKey | null) ?? null,
        stageStatuses: String(r.statuses ?? '').split(',') as StageStatus[],
        blockedReason: (r.blocked_reason as string | null) ?? null,
        overdue: r.overdue === 1
      }))
    }
  }

  private createNow(customerId: number, input: DeliveryInput): DeliveryDetail {
    const customer = this.customers.get(customerId)
    if (customer.archivedAt) throw new DeskError('CUSTOMER_ARCHIVED', { field: 'customerId' })
    const values = this.checkInput(input)
    const now = this.ctx.now()
    const info = this.sql(
      `INSERT INTO deliveries (customer_id, order_number, products, planned_go_live, actual_go_live,
         implementer, status, notes, created_at, updated_at)
       VALUES (@customerId, @orderNumber, @products, @plannedGoLive, @actualGoLive, @implementer,
         'active', @notes, @now, @now)`
    ).run({
      customerId,
      orderNumber: values.orderNumber ?? '',
      products: JSON.stringify(values.products ?? []),
      plannedGoLive: values.plannedGoLive ?? null,
      actualGoLive: values.actualGoLive ?? null,
      implementer: values.implementer ?? this.ctx.actor(),
      notes: values.notes ?? '',
      now
    })
    const id = Number(info.lastInsertRowid)
    const insertStage = this.sql(
      `INSERT INTO stage_progress (delivery_id, stage, position, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?)`
    )
    for (const s of STAGES) insertStage.run(id, s.key, s.position, now, this.ctx.actor())
    this.record('delivery.create', id, { customerId, customerName: customer.name, ...values })
    return this.get(id)
  }

  private updateNow(id: number, input: DeliveryInput): DeliveryDetail {
    const before = this.mustGet(id)
    const values = this.checkInput(input)
    const diff: Record<string, { from: unknown; to: unknown }> = {}
    for (const [key, to] of Object.entries(values) as [keyof Delivery, unknown][]) {
      const from = before[key]
      if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to }
    }
    if (Object.keys(diff).length === 0) return this.get(id)
    const next = { ...before, ...values }
    this.sql(
      `UPDATE deliveries SET order_number = @orderNumber, products = @products,
         planned_go_live = @plannedGoLive, actual_go_live = @actualGoLive, implementer = @implementer,
         status = @status, notes = @notes, updated_at = @now WHERE id = @id`
    ).run({ ...next, products: JSON.stringify(next.products), now: this.ctx.now(), id })
    this.record('delivery.update', id, { changes: diff })
    return this.get(id)
  }

  private updateStageNow(update: StageUpdate): DeliveryDetail {
    const delivery = this.mustGet(update.deliveryId)
    const def = STAGE_BY_KEY[update.stage]
    const row = this.sql('SELECT * FROM stage_progress WHERE delivery_id = ? AND stage = ?').get(
      update.deliveryId,
      update.stage
    ) as Row
    const before = {
      status: row.status as StageStatus,
      answers: JSON.parse(row.answers as string) as Answers,
      notes: row.notes as string,
      reason: (row.reason as string | null) ?? null
    }
    if (update.answers) {
      const problems = checkAnswers(def, update.answers)
      if (problems.length) throw DeskError.fromIssues(problems)
    }
    const answers: Answers = { ...before.answers, ...(update.answers ?? {}) }
    for (const [k, v] of Object.entries(answers)) if (v === null) delete answers[k]
    const answerDiff: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of new Set([...Object.keys(before.answers), ...Object.keys(answers)])) {
      if (before.answers[key] !== answers[key]) {
        answerDiff[key] = { from: before.answers[key] ?? null, to: answers[key] ?? null }
      }
    }
    // Filling in a pending stage starts it.
    let status: StageStatus = update.status ?? before.status
    if (!update.status && before.status === 'pending' && Object.keys(answerDiff).length) {
      status = 'in_progress'
    }
    const reason = (update.reason ?? '').trim()
    if ((status === 'blocked' || status === 'skipped') && status !== before.status && !reason) {
      throw new DeskError('STAGE_REASON_REQUIRED', {
        field: 'reason',
        params: { status: status === 'blocked' ? '受阻' : '跳过' }
      })
    }
    if (status === 'done') {
      const customer = this.customers.get(delivery.customerId)
      const missing = this.labelled(
        missingForDone(def, answers, customer, delivery, this.storedCredentials(customer.id))
      )
      if (missing.length) {
        throw new DeskError('STAGE_INCOMPLETE', {
          field: missing[0]?.field,
          params: {
            stage: def.title.zh,
            missing: missing.map((m) => String(m.params?.item ?? m.field)).join('、')
          },
          issues: missing
        })
      }
    }
    const now = this.ctx.now()
    const keepsReason = status === 'blocked' || status === 'skipped'
    const nextReason = keepsReason ? reason || before.reason : null
    this.sql(
      `UPDATE stage_progress SET status = @status, answers = @answers, notes = @notes,
         reason = @reason, started_at = coalesce(started_at, @started),
         completed_at = @completed, updated_at = @now, updated_by = @actor
       WHERE delivery_id = @deliveryId AND stage = @stage`
    ).run({
      status,
      answers: JSON.stringify(answers),
      notes: update.notes ?? before.notes,
      reason: nextReason,
      started: status === 'pending' ? null : now,
      completed:
        status === 'done' ? (before.status === 'done' ? (row.completed_at as string) : now) : null,
      now,
      actor: this.ctx.actor(),
      deliveryId: update.deliveryId,
      stage: update.stage
    })
    const details: Record<string, unknown> = { stage: update.stage }
    if (status !== before.status) details.status = { from: before.status, to: status }
    if (Object.keys(answerDiff).length) details.answers = answerDiff
    if (update.notes !== undefined && update.notes !== before.notes) details.notesChanged = true
    if (nextReason && nextReason !== before.reason) details.reason = nextReason
    const action = before.status === 'done' && status !== 'done' ? 'stage.reopen' : 'stage.update'
    if (Object.keys(details).length > 1) this.record(action, update.deliveryId, details)
    this.touch(update.deliveryId, now)
    return this.get(update.deliveryId)
  }

  /** Adds Chinese labels to missing customer and delivery fields, for messages and the UI. */
  private labelled(issues: FieldIssue<ErrorCode>[]): FieldIssue<ErrorCode>[] {
    return issues.map((issue) => {
      const [scope, key] = (issue.field ?? '').split('.') as [string, string]
      if (scope === 'customer') {
        const label = CUSTOMER_FIELD_BY_KEY[key as CustomerFieldKey]?.csvHeaders[0] ?? key
        return { ...issue, params: { ...issue.params, key, item: label } }
      }
      if (scope === 'delivery') {
        const label = DELIVERY_FIELD_LABELS[key as keyof typeof DELIVERY_FIELD_LABELS] ?? key
        return { ...issue, params: { ...issue.params, key, item: label } }
      }
      return issue
    })
  }

  private checkInput(input: DeliveryInput): DeliveryInput {
    const issues: FieldIssue<ErrorCode>[] = []
    for (const key of ['plannedGoLive', 'actualGoLive'] as const) {
      const v = input[key]
      if (v !== undefined && v !== null && v !== '' && !isValidDate(v)) {
        issues.push({ code: 'DATE_FORMAT', field: key })
      }
    }
    if (issues.length) throw DeskError.fromIssues(issues)
    const out: DeliveryInput = {}
    if (input.orderNumber !== undefined) out.orderNumber = input.orderNumber.trim()
    if (input.products !== undefined) {
      out.products = [...new Set(input.products.map((p) => p.trim()).filter((p) => p !== ''))]
    }
    if (input.plannedGoLive !== undefined) out.plannedGoLive = input.plannedGoLive || null
    if (input.actualGoLive !== undefined) out.actualGoLive = input.actualGoLive || null
    if (input.implementer !== undefined) out.implementer = input.implementer.trim()
    if (input.status !== undefined) out.status = input.status
    if (input.notes !== undefined) out.notes = input.notes
    return out
  }

  private isOverdue(delivery: Delivery, acceptance: StageStatus | undefined): boolean {
    return (
      delivery.status === 'active' &&
      delivery.plannedGoLive !== null &&
      delivery.plannedGoLive < this.ctx.today() &&
      acceptance !== 'done'
    )
  }

  /** Which of the five secrets the vault holds for the customer (names only, no values). */
  private storedCredentials(customerId: number): string[] {
    return (
      this.sql(
        'SELECT DISTINCT field FROM credentials WHERE customer_id = ? AND replaced_at IS NULL'
      ).all(customerId) as { field: string }[]
    ).map((r) => r.field)
  }

  private touch(id: number, now: string): void {
    this.sql('UPDATE deliveries SET updated_at = ? WHERE id = ?').run(now, id)
  }

  private record(action: string, deliveryId: number, details: Record<string, unknown>): void {
    this.audit.record({
      at: this.ctx.now(),
      actor: this.ctx.actor(),
      action,
      entityType: 'delivery',
      entityId: deliveryId,
      details
    })
  }

  private mustGet(id: number): Delivery {
    const row = this.sql('SELECT * FROM deliveries WHERE id = ?').get(id) as Row | undefined
    if (!row) throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id } })
    return toDelivery(row)
  }
}

/** Active, planned go-live passed, acceptance not done. Uses @today. */
export const OVERDUE_SQL = `(d.status = 'active' AND d.planned_go_live IS NOT NULL
  AND d.planned_go_live < @today
  AND NOT EXISTS (SELECT 1 FROM stage_progress sp WHERE sp.delivery_id = d.id
    AND sp.stage = 'acceptance' AND sp.status = 'done'))`
