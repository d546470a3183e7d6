import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeliveryRepository } from '../../../electron/core/deliveries/delivery-repository'
import { IncidentRepository } from '../../../electron/core/incidents/incident-repository'
import { STAGES } from '../../../electron/core/stages/stage-definitions'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
let repo: DeliveryRepository
const NOW = '2026-03-01T08:00:00.000Z'

beforeEach(() => {
  t = tempCore()
  repo = new DeliveryRepository(t.core.deps.db)
})
afterEach(() => t.cleanup())

const VALUES = {
  orderNumber: 'SO-1',
  products: ['数电开票'],
  plannedGoLive: '2026-02-20',
  actualGoLive: null,
  implementer: '王实施',
  status: 'active' as const,
  notes: ''
}

describe('the delivery repository', () => {
  it('writes a delivery with a pending row per stage and reads it back as domain values', () => {
    const customerId = t.core.customers.create(LANZHOU).customer.id
    const id = repo.insert(customerId, VALUES, STAGES, NOW, '王实施')
    expect(repo.get(id)).toEqual({ id, customerId, ...VALUES, createdAt: NOW, updatedAt: NOW })
    expect(repo.get(id + 1)).toBeNull()
    const stages = repo.stages(id)
    expect(stages.map((s) => [s.stage, s.position, s.status])).toEqual(
      STAGES.map((s) => [s.key, s.position, 'pending'])
    )
    expect(stages[0]).toEqual({
      stage: 'kickoff',
      position: 1,
      status: 'pending',
      answers: {},
      notes: '',
      reason: null,
      startedAt: null,
      completedAt: null,
      updatedAt: NOW,
      updatedBy: '王实施'
    })
  })

  it('keeps the first start time when a stage is written again', () => {
    const customerId = t.core.customers.create(LANZHOU).customer.id
    const id = repo.insert(customerId, VALUES, STAGES, NOW, 'a')
    const write = {
      deliveryId: id,
      stage: 'kickoff' as const,
      status: 'in_progress' as const,
      answers: { order_confirmed: true },
      notes: 'n',
      reason: null,
      startedAt: NOW,
      completedAt: null,
      updatedAt: NOW,
      updatedBy: 'a'
    }
    repo.writeStage(write)
    repo.writeStage({ ...write, startedAt: '2026-03-02T00:00:00.000Z', status: 'done' })
    expect(repo.stage(id, 'kickoff')).toMatchObject({
      status: 'done',
      answers: { order_confirmed: true },
      startedAt: NOW
    })
  })

  it('counts overdue deliveries and lists them with the customer name and current stage', () => {
    const customerId = t.core.customers.create(LANZHOU).customer.id
    const id = repo.insert(customerId, VALUES, STAGES, NOW, 'a')
    expect(repo.counts('2026-03-01')).toEqual({ active: 1, done: 0, cancelled: 0, overdue: 1 })
    expect(repo.counts('2026-02-20').overdue).toBe(0)
    expect(repo.overdue('2026-03-01')).toEqual([
      {
        deliveryId: id,
        customerId,
        customerName: LANZHOU.name,
        plannedGoLive: '2026-02-20',
        currentStage: 'kickoff'
      }
    ])
    expect(repo.activeByCurrentStage()).toEqual(new Map([['kickoff', 1]]))
  })
})

describe('the incident repository', () => {
  it('filters by customer, delivery and status, open ones first', () => {
    const incidents = new IncidentRepository(t.core.deps.db)
    const customerId = t.core.customers.create(LANZHOU).customer.id
    const deliveryId = repo.insert(customerId, VALUES, STAGES, NOW, 'a')
    const base = { symptom: 'other', description: '', cause: '', action: '', resolvedAt: null }
    const resolved = incidents.insert(customerId, deliveryId, { ...base, status: 'resolved' }, NOW)
    const open = incidents.insert(customerId, null, { ...base, status: 'open' }, NOW)
    const page = { limit: 10, offset: 0 }
    expect(incidents.list({ customerId, ...page }).items.map((i) => i.id)).toEqual([open, resolved])
    expect(incidents.list({ deliveryId, ...page }).items.map((i) => i.id)).toEqual([resolved])
    expect(incidents.list({ status: 'open', ...page })).toMatchObject({ total: 1 })
    expect(incidents.countOpen()).toBe(1)
    expect(incidents.get(open)).toMatchObject({ customerName: LANZHOU.name, deliveryId: null })
    expect(incidents.get(9999)).toBeNull()
  })
})
