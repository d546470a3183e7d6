/** What crosses the contract for the stage-7 incident log. */
export const INCIDENT_STATUSES = ['open', 'resolved'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

export interface Incident {
  id: number
  customerId: number
  customerName: string
  deliveryId: number | null
  symptom: string
  description: string
  cause: string
  action: string
  status: IncidentStatus
  createdAt: string
  updatedAt: string
  resolvedAt: string | null
}

export interface IncidentInput {
  symptom?: string
  description?: string
  cause?: string
  action?: string
  status?: IncidentStatus
}

export interface IncidentQuery {
  customerId?: number
  deliveryId?: number
  status?: IncidentStatus
  limit: number
  offset: number
}
