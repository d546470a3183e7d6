import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
const FULL = LANZHOU

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
})
afterEach(() => t.cleanup())

async function call(name: string, payload: unknown) {
  return dispatch(createHandlers(t.core), name, payload)
}

function refusal(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('incidents', () => {
  it('logs an incident per customer with a playbook symptom, and resolves it', async () => {
    const a = t.core.customers.create(FULL).customer
    const d = t.core.deliveries.create(a.id, {}).delivery.id
    const created = await call('incidents.create', {
      customerId: a.id,
      deliveryId: d,
      symptom: 'failed_data_stuck',
      description: '扫码提交后一直显示失败'
    })
    expect(created).toMatchObject({ ok: true, result: { status: 'open', customerName: FULL.name } })
    expect(await call('incidents.create', { customerId: a.id, symptom: 'martians' })).toMatchObject(
      { ok: false, error: { code: 'VALIDATION', field: 'symptom' } }
    )
    const id = (created as { result: { id: number } }).result.id
    t.tick(60_000)
    const resolved = await call('incidents.update', {
      id,
      status: 'resolved',
      action: '在未开票数据查询删除后重新扫码'
    })
    expect(resolved).toMatchObject({
      ok: true,
      result: { status: 'resolved', resolvedAt: '2026-03-01T08:01:00.000Z' }
    })
    expect(await call('incidents.list', { customerId: a.id })).toMatchObject({
      ok: true,
      result: { total: 1 }
    })
    expect(t.core.audit.list({ entityType: 'incident' }).items.map((e) => e.action)).toEqual([
      'incident.update',
      'incident.create'
    ])
  })

  it('refuses an incident tied to another customer’s delivery', () => {
    const a = t.core.customers.create(FULL).customer
    const b = t.core.customers.create({ name: '乙', taxId: SHENZHEN.taxId }).customer
    const d = t.core.deliveries.create(b.id, {}).delivery.id
    expect(refusal(() => t.core.incidents.create(a.id, d, { symptom: 'other' })).code).toBe(
      'NOT_FOUND'
    )
  })
})

describe('incidents.update', () => {
  it('treats a field sent as undefined like an absent one (IPC keeps undefined keys)', async () => {
    const a = t.core.customers.create(FULL).customer
    const created = t.core.incidents.create(a.id, null, {
      symptom: 'failed_data_stuck',
      description: '扫码提交后一直显示失败',
      cause: '数据卡在未开票队列'
    })
    t.tick(60_000)
    const r = await call('incidents.update', {
      id: created.id,
      symptom: undefined,
      description: undefined,
      cause: undefined,
      action: '删除后重新扫码',
      status: undefined
    })
    expect(r).toMatchObject({
      ok: true,
      result: {
        symptom: 'failed_data_stuck',
        description: '扫码提交后一直显示失败',
        cause: '数据卡在未开票队列',
        action: '删除后重新扫码',
        status: 'open',
        resolvedAt: null
      }
    })
    expect(
      t.core.audit.list({ entityType: 'incident', action: 'incident.update' }).items[0]?.details
    ).toEqual({
      changes: { action: { from: '', to: '删除后重新扫码' } }
    })
  })

  it('changes nothing and writes no audit entry when every field is undefined or the same', async () => {
    const a = t.core.customers.create(FULL).customer
    const created = t.core.incidents.create(a.id, null, { symptom: 'other' })
    t.tick(60_000)
    expect(
      await call('incidents.update', { id: created.id, symptom: 'other', description: undefined })
    ).toEqual({ ok: true, result: created })
    expect(t.core.audit.list({ entityType: 'incident' }).total).toBe(1)
  })

  it('reopening a resolved incident clears when it was resolved', () => {
    const a = t.core.customers.create(FULL).customer
    const created = t.core.incidents.create(a.id, null, { symptom: 'other', status: 'resolved' })
    expect(created.resolvedAt).toBe('2026-03-01T08:00:00.000Z')
    expect(t.core.incidents.update(created.id, { status: 'open' }).resolvedAt).toBeNull()
  })

  it('refuses an unknown incident by id', async () => {
    expect(await call('incidents.update', { id: 999, action: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'id' }
    })
  })
})
