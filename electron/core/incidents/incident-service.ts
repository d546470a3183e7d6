/**
 * The stage-7 incident log's rules: one row per failed-invoice case with its playbook symptom,
 * tied to one of the customer's own deliveries or none; resolving stamps when. SQL lives in
 * incident-repository.ts.
 */
import { DeskError } from '../errors/desk-error'
import type { CustomerService } from '../customers/customer-service'
import type { DeliveryService } from '../deliveries/delivery-service'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { IncidentRepository } from './incident-repository'
import type { Incident, IncidentInput, IncidentQuery } from './incident-types'

export { INCIDENT_STATUSES } from './incident-types'
export type { Incident, IncidentInput, IncidentQuery, IncidentStatus } from './incident-types'

const EDITABLE = ['symptom', 'description', 'cause', 'action', 'status'] as const

export class IncidentService {
  private readonly repo: IncidentRepository

  constructor(
    private readonly ctx: ServiceContext,
    private readonly customers: CustomerService,
    private readonly deliveries: DeliveryService
  ) {
    this.repo = new IncidentRepository(ctx.db)
  }

  create(
    customerId: number,
    deliveryId: number | null,
    input: IncidentInput & { symptom: string }
  ): Incident {
    this.customers.get(customerId)
    if (deliveryId !== null && this.deliveries.customerIdOf(deliveryId) !== customerId) {
      throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
    }
    const now = this.ctx.now()
    const status = input.status ?? 'open'
    const id = this.repo.insert(
      customerId,
      deliveryId,
      {
        symptom: input.symptom,
        description: input.description ?? '',
        cause: input.cause ?? '',
        action: input.action ?? '',
        status,
        resolvedAt: status === 'resolved' ? now : null
      },
      now
    )
    recordAudit(this.ctx, 'incident.create', 'incident', id, {
      customerId,
      deliveryId,
      symptom: input.symptom,
      status
    })
    return this.get(id)
  }

  /** Changes the given fields; a field that is absent or undefined keeps its value. */
  update(id: number, input: IncidentInput): Incident {
    const before = this.get(id)
    const diff: Record<string, { from: unknown; to: unknown }> = {}
    for (const key of EDITABLE) {
      const to = input[key]
      if (to !== undefined && to !== before[key]) diff[key] = { from: before[key], to }
    }
    if (Object.keys(diff).length === 0) return before
    const now = this.ctx.now()
    const status = input.status ?? before.status
    this.repo.update(
      id,
      {
        symptom: input.symptom ?? before.symptom,
        description: input.description ?? before.description,
        cause: input.cause ?? before.cause,
        action: input.action ?? before.action,
        status,
        resolvedAt:
          status === 'resolved' ? (before.status === 'resolved' ? before.resolvedAt : now) : null
      },
      now
    )
    recordAudit(this.ctx, 'incident.update', 'incident', id, { changes: diff })
    return this.get(id)
  }

  get(id: number): Incident {
    const incident = this.repo.get(id)
    if (!incident) throw new DeskError('NOT_FOUND', { field: 'id', params: { id } })
    return incident
  }

  /** The incident, or null when there is none with this id. */
  find(id: number): Incident | null {
    return this.repo.get(id)
  }

  countOpen(): number {
    return this.repo.countOpen()
  }

  list(query: IncidentQuery): { items: Incident[]; total: number } {
    return this.repo.list(query)
  }
}
