import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { weekBounds } from '../../../electron/core/deliveries/dashboard'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
const FULL = {
  ...LANZHOU,
  bankName: '工商银行兰州城关支行',
  bankAccount: '2703001209100123456',
  invoicer: '李开票',
  adminMobile: '13812345678',
  email: 'finance@example.cn'
}

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

describe('deliveries through the handlers', () => {
  it('creates a delivery with its seven stages pending, in order', async () => {
    const { customer } = t.core.customers.create(FULL)
    const r = await call('deliveries.create', {
      customerId: customer.id,
      orderNumber: 'SO-2026-001',
      products: ['数电开票', ' 玲珑对接 ', '数电开票'],
      plannedGoLive: '2026-03-20'
    })
    expect(r.ok).toBe(true)
    const detail = (
      r as {
        result: {
          delivery: { products: string[]; implementer: string }
          stages: { stage: string; status: string }[]
          currentStage: string
        }
      }
    ).result
    expect(detail.stages.map((s) => s.stage)).toEqual([
      'kickoff',
      'activation',
      'customer_info',
      'backend_config',
      'linglong_config',
      'acceptance',
      'support'
    ])
    expect(detail.stages.every((s) => s.status === 'pending')).toBe(true)
    expect(detail.currentStage).toBe('kickoff')
    expect(detail.delivery.products).toEqual(['数电开票', '玲珑对接'])
    expect(detail.delivery.implementer).toBe('王实施')
  })

  it('refuses a delivery for an archived customer and a malformed date', async () => {
    const { customer } = t.core.customers.create(FULL)
    expect(
      await call('deliveries.create', { customerId: customer.id, plannedGoLive: '2026-3-2' })
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'plannedGoLive' } })
    t.core.customers.archive(customer.id)
    expect(await call('deliveries.create', { customerId: customer.id })).toMatchObject({
      ok: false,
      error: { code: 'CUSTOMER_ARCHIVED' }
    })
  })

  it('refuses to mark a stage done and names every missing item (STAGE_INCOMPLETE)', async () => {
    const { customer } = t.core.customers.create({ name: '甲公司', taxId: SHENZHEN.taxId })
    const d = t.core.deliveries.create(customer.id, {})
    const r = await call('stages.update', {
      deliveryId: d.delivery.id,
      stage: 'customer_info',
      status: 'done'
    })
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'STAGE_INCOMPLETE', field: 'customer.address' }
    })
    const error = (r as { error: { params: Record<string, unknown>; issues: { field: string }[] } })
      .error
    // Keys, not words: the catalogue and the renderer's labeller say them in either language.
    expect(error.params).toEqual({
      stage: 'customer_info',
      missing: ['address', 'phone', 'bankName', 'bankAccount', 'invoicer', 'adminMobile']
    })
    expect(error.issues.map((i) => i.field)).toEqual([
      'customer.address',
      'customer.phone',
      'customer.bankName',
      'customer.bankAccount',
      'customer.invoicer',
      'customer.adminMobile'
    ])
  })

  it('starts a stage when it is first answered, and completes it once everything is there', () => {
    const { customer } = t.core.customers.create(FULL)
    const d = t.core.deliveries.create(customer.id, { plannedGoLive: '2026-03-20' })
    const id = d.delivery.id
    let detail = t.core.deliveries.updateStage({
      deliveryId: id,
      stage: 'kickoff',
      answers: { order_confirmed: true }
    })
    expect(detail.stages[0]).toMatchObject({
      status: 'in_progress',
      startedAt: '2026-03-01T08:00:00.000Z'
    })
    expect(detail.stages[0]?.missing.map((m) => m.field)).toEqual(['answers.contact_confirmed'])
    detail = t.core.deliveries.updateStage({
      deliveryId: id,
      stage: 'kickoff',
      answers: { contact_confirmed: true },
      status: 'done'
    })
    expect(detail.stages[0]).toMatchObject({
      status: 'done',
      completedAt: '2026-03-01T08:00:00.000Z',
      missing: []
    })
    expect(detail.currentStage).toBe('activation')
  })

  it('needs a reason to block or skip, and keeps it', () => {
    const { customer } = t.core.customers.create(FULL)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    expect(
      refusal(() =>
        t.core.deliveries.updateStage({ deliveryId: id, stage: 'activation', status: 'blocked' })
      ).code
    ).toBe('STAGE_REASON_REQUIRED')
    expect(
      refusal(() =>
        t.core.deliveries.updateStage({
          deliveryId: id,
          stage: 'activation',
          status: 'skipped',
          reason: '  '
        })
      ).code
    ).toBe('STAGE_REASON_REQUIRED')
    const detail = t.core.deliveries.updateStage({
      deliveryId: id,
      stage: 'activation',
      status: 'blocked',
      reason: '客户未收到激活邮件'
    })
    expect(detail.stages[1]).toMatchObject({ status: 'blocked', reason: '客户未收到激活邮件' })
    expect(t.core.deliveries.list({ limit: 10, offset: 0 }).items[0]?.blockedReason).toBe(
      '客户未收到激活邮件'
    )
    // unblocking clears the reason
    expect(
      t.core.deliveries.updateStage({ deliveryId: id, stage: 'activation', status: 'in_progress' })
        .stages[1]?.reason
    ).toBeNull()
  })

  it('allows reopening a done stage and audits it as a reopen', () => {
    const { customer } = t.core.customers.create(FULL)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    t.core.deliveries.updateStage({ deliveryId: id, stage: 'customer_info', status: 'done' })
    t.core.deliveries.updateStage({ deliveryId: id, stage: 'customer_info', status: 'in_progress' })
    const actions = t.core.audit
      .list({ entityType: 'delivery', entityId: id })
      .items.map((e) => [e.action, e.details.status])
    expect(actions).toEqual([
      ['stage.reopen', { from: 'done', to: 'in_progress' }],
      ['stage.update', { from: 'pending', to: 'done' }],
      ['delivery.create', undefined]
    ])
  })

  it('audits every answer change with its old and new value', () => {
    const { customer } = t.core.customers.create(FULL)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    t.core.deliveries.updateStage({
      deliveryId: id,
      stage: 'backend_config',
      answers: { reference_tax_id: '91440300MA5G3K7P0R' }
    })
    t.core.deliveries.updateStage({
      deliveryId: id,
      stage: 'backend_config',
      answers: { reference_tax_id: null }
    })
    const entries = t.core.audit.list({
      entityType: 'delivery',
      entityId: id,
      action: 'stage.update'
    }).items
    expect(entries.map((e) => e.details.answers)).toEqual([
      { reference_tax_id: { from: '91440300MA5G3K7P0R', to: null } },
      // a new delivery starts with the runbook's reference configuration prefilled
      { reference_tax_id: { from: '91640100MADXRUAJ9U', to: '91440300MA5G3K7P0R' } }
    ])
  })

  it('refuses an invalid reference tax ID as an answer', () => {
    const { customer } = t.core.customers.create(FULL)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    expect(
      refusal(() =>
        t.core.deliveries.updateStage({
          deliveryId: id,
          stage: 'backend_config',
          answers: { reference_tax_id: '91640100MADXRUAJ9A' }
        })
      ).code
    ).toBe('TAX_ID_CHECKSUM')
  })

  it('lists deliveries by status, current stage and overdue', () => {
    const a = t.core.customers.create(FULL).customer
    const b = t.core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: SHENZHEN.taxId
    }).customer
    const late = t.core.deliveries.create(a.id, { plannedGoLive: '2026-02-20' }).delivery.id
    const later = t.core.deliveries.create(b.id, { plannedGoLive: '2026-04-01' }).delivery.id
    t.core.deliveries.updateStage({
      deliveryId: later,
      stage: 'kickoff',
      status: 'skipped',
      reason: '老客户，无需启动会'
    })
    expect(
      t.core.deliveries.list({ overdue: true, limit: 10, offset: 0 }).items.map((d) => d.id)
    ).toEqual([late])
    expect(
      t.core.deliveries.list({ stage: 'activation', limit: 10, offset: 0 }).items.map((d) => d.id)
    ).toEqual([later])
    expect(t.core.deliveries.list({ customerId: a.id, limit: 10, offset: 0 }).total).toBe(1)
    const summary = t.core.deliveries
      .list({ limit: 10, offset: 0 })
      .items.find((d) => d.id === later)
    expect(summary).toMatchObject({
      customerName: '深圳华为云开票服务有限公司',
      currentStage: 'activation',
      overdue: false
    })
    expect(summary?.stageStatuses).toEqual([
      'skipped',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'pending'
    ])
    t.core.deliveries.update(late, { status: 'cancelled' })
    expect(t.core.deliveries.list({ overdue: true, limit: 10, offset: 0 }).total).toBe(0)
    expect(
      t.core.deliveries.list({ status: 'cancelled', limit: 10, offset: 0 }).items.map((d) => d.id)
    ).toEqual([late])
  })
})

describe('the dashboard', () => {
  it('counts deliveries per current stage and lists blocked, due this week and overdue ones', async () => {
    const a = t.core.customers.create(FULL).customer
    const b = t.core.customers.create({
      name: '深圳华为云开票服务有限公司',
      taxId: SHENZHEN.taxId
    }).customer
    // today is 2026-03-01 (a Sunday): the week is 2026-02-23 … 2026-03-01
    expect(weekBounds('2026-03-01')).toEqual({ start: '2026-02-23', end: '2026-03-01' })
    const d1 = t.core.deliveries.create(a.id, { plannedGoLive: '2026-02-25' }).delivery.id
    const d2 = t.core.deliveries.create(b.id, { plannedGoLive: '2026-03-01' }).delivery.id
    t.core.deliveries.updateStage({
      deliveryId: d2,
      stage: 'kickoff',
      status: 'blocked',
      reason: '等客户确认上线日期'
    })
    const r = await call('dashboard.summary', {})
    const s = (
      r as {
        result: {
          byStage: { stage: string; count: number }[]
          blocked: { deliveryId: number; reason: string }[]
          overdue: { deliveryId: number }[]
          goLiveThisWeek: { deliveryId: number }[]
          counts: { active: number; overdue: number }
          recentActivity: { action: string; label: string }[]
        }
      }
    ).result
    expect(s.byStage.find((x) => x.stage === 'kickoff')?.count).toBe(2)
    expect(s.blocked).toMatchObject([{ deliveryId: d2, reason: '等客户确认上线日期' }])
    expect(s.overdue.map((x) => x.deliveryId)).toEqual([d1])
    expect(s.goLiveThisWeek.map((x) => x.deliveryId)).toEqual([d1, d2])
    expect(s.counts).toMatchObject({ active: 2, overdue: 1 })
    expect(s.recentActivity[0]).toMatchObject({
      action: 'stage.update',
      label: '深圳华为云开票服务有限公司'
    })
  })
})

describe('links', () => {
  it('opens only links that the guidance lists', async () => {
    expect(await call('links.open', { url: 'https://www.kdfpy.com/?source=piaozone' })).toEqual({
      ok: true,
      result: { opened: false }
    })
    expect(await call('links.open', { url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'LINK_NOT_ALLOWED' }
    })
  })
})
