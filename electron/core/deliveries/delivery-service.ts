/**
 * Deliveries and their stages: creating one makes its seven progress rows; stage updates are
 * checked against the stage definitions and rules; every change goes to the audit log. The
 * SQL lives in delivery-repository.ts; which secrets a customer has is the vault's to say.
 */
import { DeskError } from '../errors/desk-error'
import type { CustomerService } from '../customers/customer-service'
import {
  STAGES,
  STAGE_BY_KEY,
  prefilledAnswers,
  type StageStatus
} from '../stages/stage-definitions'
import { answerWarnings, checkAnswers, missingForDone, missingItemKey } from '../stages/stage-rules'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { CredentialField } from '../vault/credential-fields'
import { DeliveryRepository } from './delivery-repository'
import { answerChanges, checkDeliveryInput, deliveryChanges, mergeAnswers } from './delivery-input'
import type {
  Delivery,
  DeliveryDetail,
  DeliveryInput,
  DeliveryQuery,
  DeliverySummary,
  StageProgress,
  StageUpdate
} from './delivery-types'

export type { DeliveryInput, DeliveryQuery, StageUpdate } from './delivery-types'

/** Which of the five secrets the vault holds for a customer (names only, never values). */
export type StoredCredentialFields = (customerId: number) => readonly CredentialField[]

export class DeliveryService {
  private readonly repo: DeliveryRepository
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService,
    private readonly storedCredentialFields: StoredCredentialFields
  ) {
    this.repo = new DeliveryRepository(ctx.db)
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

  /** Runs inside the caller's transaction when there is one (a savepoint, then). */
  updateStage(update: StageUpdate): DeliveryDetail {
    return this.tx.updateStage.immediate(update)
  }

  get(id: number): DeliveryDetail {
    const delivery = this.mustGet(id)
    const customer = this.customers.get(delivery.customerId)
    const stored = this.storedCredentialFields(delivery.customerId)
    const stages: StageProgress[] = this.repo.stages(id).map((s) => ({
      ...s,
      missing: missingForDone(STAGE_BY_KEY[s.stage], s.answers, customer, delivery, stored),
      warnings: answerWarnings(STAGE_BY_KEY[s.stage], s.answers, this.ctx.today())
    }))
    const current = stages.find((s) => s.status !== 'done' && s.status !== 'skipped')
    return {
      delivery,
      customer,
      stages,
      currentStage: current?.stage ?? null,
      overdue: this.isOverdue(delivery, stages.find((s) => s.stage === 'acceptance')?.status)
    }
  }

  /** The customer a delivery belongs to, or null when there is no such delivery. */
  customerIdOf(deliveryId: number): number | null {
    return this.repo.get(deliveryId)?.customerId ?? null
  }

  list(query: DeliveryQuery): { items: DeliverySummary[]; total: number } {
    return this.repo.list(query, this.ctx.today())
  }

  private createNow(customerId: number, input: DeliveryInput): DeliveryDetail {
    const customer = this.customers.get(customerId)
    if (customer.archivedAt) throw new DeskError('CUSTOMER_ARCHIVED', { field: 'customerId' })
    const values = checkDeliveryInput(input)
    const id = this.repo.insert(
      customerId,
      {
        orderNumber: values.orderNumber ?? '',
        products: values.products ?? [],
        plannedGoLive: values.plannedGoLive ?? null,
        actualGoLive: values.actualGoLive ?? null,
        implementer: values.implementer ?? this.ctx.actor(),
        status: 'active',
        notes: values.notes ?? ''
      },
      STAGES.map((s) => ({ key: s.key, position: s.position, answers: prefilledAnswers(s) })),
      this.ctx.now(),
      this.ctx.actor()
    )
    recordAudit(this.ctx, 'delivery.create', 'delivery', id, {
      customerId,
      customerName: customer.name,
      ...values
    })
    return this.get(id)
  }

  private updateNow(id: number, input: DeliveryInput): DeliveryDetail {
    const before = this.mustGet(id)
    const values = checkDeliveryInput(input)
    const diff = deliveryChanges(before, values)
    if (Object.keys(diff).length === 0) return this.get(id)
    this.repo.update(id, { ...before, ...values }, this.ctx.now())
    recordAudit(this.ctx, 'delivery.update', 'delivery', id, { changes: diff })
    return this.get(id)
  }

  private updateStageNow(update: StageUpdate): DeliveryDetail {
    const delivery = this.mustGet(update.deliveryId)
    const def = STAGE_BY_KEY[update.stage]
    const before = this.repo.stage(update.deliveryId, update.stage)
    // Every delivery gets all stage rows when created; a missing one is a broken database.
    if (!before) throw new Error(`stage row missing: ${update.deliveryId}/${update.stage}`)
    if (update.answers) {
      const problems = checkAnswers(def, update.answers)
      if (problems.length) throw DeskError.fromIssues(problems)
    }
    const answers = mergeAnswers(before.answers, update.answers)
    const answerDiff = answerChanges(before.answers, answers)
    // Filling in a pending stage starts it.
    let status: StageStatus = update.status ?? before.status
    if (!update.status && before.status === 'pending' && Object.keys(answerDiff).length) {
      status = 'in_progress'
    }
    const reason = (update.reason ?? '').trim()
    if ((status === 'blocked' || status === 'skipped') && status !== before.status && !reason) {
      throw new DeskError('STAGE_REASON_REQUIRED', { field: 'reason', params: { status } })
    }
    if (status === 'done') {
      const customer = this.customers.get(delivery.customerId)
      const stored = this.storedCredentialFields(customer.id)
      const missing = missingForDone(def, answers, customer, delivery, stored)
      if (missing.length) {
        throw new DeskError('STAGE_INCOMPLETE', {
          field: missing[0]?.field,
          params: { stage: def.key, missing: missing.map((m) => missingItemKey(def.key, m.field)) },
          issues: missing
        })
      }
    }
    const now = this.ctx.now()
    const keepsReason = status === 'blocked' || status === 'skipped'
    const nextReason = keepsReason ? reason || before.reason : null
    this.repo.writeStage({
      deliveryId: update.deliveryId,
      stage: update.stage,
      status,
      answers,
      notes: update.notes ?? before.notes,
      reason: nextReason,
      startedAt: status === 'pending' ? null : now,
      completedAt: status === 'done' ? (before.status === 'done' ? before.completedAt : now) : null,
      updatedAt: now,
      updatedBy: this.ctx.actor()
    })
    const details: Record<string, unknown> = { stage: update.stage }
    if (status !== before.status) details.status = { from: before.status, to: status }
    if (Object.keys(answerDiff).length) details.answers = answerDiff
    if (update.notes !== undefined && update.notes !== before.notes) details.notesChanged = true
    if (nextReason && nextReason !== before.reason) details.reason = nextReason
    const action = before.status === 'done' && status !== 'done' ? 'stage.reopen' : 'stage.update'
    if (Object.keys(details).length > 1) {
      recordAudit(this.ctx, action, 'delivery', update.deliveryId, details)
    }
    this.repo.touch(update.deliveryId, now)
    return this.get(update.deliveryId)
  }

  private isOverdue(delivery: Delivery, acceptance: StageStatus | undefined): boolean {
    return (
      delivery.status === 'active' &&
      delivery.plannedGoLive !== null &&
      delivery.plannedGoLive < this.ctx.today() &&
      acceptance !== 'done'
    )
  }

  private mustGet(id: number): Delivery {
    const delivery = this.repo.get(id)
    if (!delivery) throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id } })
    return delivery
  }
}
