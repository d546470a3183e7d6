import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
})
afterEach(() => t.cleanup())

function refusal(fn: () => unknown): DeskError {
  try {
    fn()
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('customer registry', () => {
  it('creates a customer with normalised values and timestamps', () => {
    const { customer, warnings } = t.core.customers.create({
      ...LANZHOU,
      taxId: ' 91440300ma5g3k7p0r ',
      bankAccount: '2703 0012 0910',
      adminMobile: '138 1234 5678'
    })
    expect(customer).toMatchObject({
      id: 1,
      taxId: '91440300MA5G3K7P0R',
      bankAccount: '270300120910',
      adminMobile: '13812345678',
      createdAt: '2026-03-01T08:00:00.000Z',
      archivedAt: null
    })
    expect(warnings).toEqual([])
    expect(t.core.customers.get(1)).toEqual(customer)
  })

  it('refuses the same tax ID twice, naming the existing customer', () => {
    t.core.customers.create(LANZHOU)
    const error = refusal(() =>
      t.core.customers.create({ name: '别的公司', taxId: LANZHOU.taxId.toLowerCase() })
    )
    expect(error.code).toBe('DUPLICATE_TAX_ID')
    expect(error.field).toBe('taxId')
    expect(error.params).toMatchObject({ existingId: 1, existingName: LANZHOU.name })
  })

  it('refuses a duplicate even when the existing customer is archived', () => {
    t.core.customers.create(LANZHOU)
    t.core.customers.archive(1)
    expect(
      refusal(() => t.core.customers.create({ name: '新', taxId: LANZHOU.taxId })).params
    ).toMatchObject({ existingArchived: 1 })
  })

  it('refuses an update that would take another customer’s tax ID', () => {
    t.core.customers.create(LANZHOU)
    t.core.customers.create(SHENZHEN)
    expect(refusal(() => t.core.customers.update(2, { taxId: LANZHOU.taxId })).code).toBe(
      'DUPLICATE_TAX_ID'
    )
  })

  it('updates only the changed fields and records what changed', () => {
    t.core.customers.create(LANZHOU)
    t.tick(60_000)
    const { customer } = t.core.customers.update(1, {
      phone: '0931-1234567',
      address: LANZHOU.address
    })
    expect(customer.phone).toBe('0931-1234567')
    expect(customer.updatedAt).toBe('2026-03-01T08:01:00.000Z')
    const entry = t.core.audit.list({ entityType: 'customer', entityId: 1 }).items[0]
    expect(entry).toMatchObject({
      action: 'customer.update',
      actor: '王实施',
      details: { changes: { phone: { from: '0931-8866123', to: '0931-1234567' } } }
    })
    expect(Object.keys((entry?.details.changes as object) ?? {})).toEqual(['phone'])
  })

  it('does not write or audit an update that changes nothing', () => {
    t.core.customers.create(LANZHOU)
    t.tick()
    const { customer } = t.core.customers.update(1, { name: LANZHOU.name })
    expect(customer.updatedAt).toBe('2026-03-01T08:00:00.000Z')
    expect(t.core.audit.list({ entityId: 1 }).total).toBe(1)
  })

  it('refuses an update with an invalid field and leaves the row as it was', () => {
    t.core.customers.create(LANZHOU)
    const error = refusal(() => t.core.customers.update(1, { adminMobile: '123', name: '' }))
    expect(error.issues?.map((i) => i.code)).toEqual(['REQUIRED', 'MOBILE_FORMAT'])
    expect(t.core.customers.get(1).name).toBe(LANZHOU.name)
  })

  it('saves a legacy code that fails its checksum only with a reason, and audits the reason', () => {
    const legacy = { name: '老字号商行', taxId: '91440300MA5G3K7P0A' }
    expect(refusal(() => t.core.customers.create(legacy)).code).toBe('TAX_ID_CHECKSUM')
    const { customer, warnings } = t.core.customers.create({
      ...legacy,
      taxIdOverrideReason: '营业执照原件如此，已电话核实'
    })
    expect(customer.taxIdOverrideReason).toBe('营业执照原件如此，已电话核实')
    expect(warnings.map((w) => w.code)).toContain('TAX_ID_OVERRIDDEN')
    expect(t.core.audit.list({ entityId: customer.id }).items[0]?.details).toMatchObject({
      taxIdOverrideReason: '营业执照原件如此，已电话核实'
    })
    // later edits of other fields, even resending the same tax ID, keep working
    expect(
      t.core.customers.update(customer.id, { taxId: legacy.taxId, phone: '0931-8866123' }).customer
        .phone
    ).toBe('0931-8866123')
    // fixing the code clears the override
    expect(
      t.core.customers.update(customer.id, { taxId: '91440300MA5G3K7P0R' }).customer
        .taxIdOverrideReason
    ).toBeNull()
  })

  it('archives and restores, hiding archived customers from the default list', () => {
    t.core.customers.create(LANZHOU)
    t.core.customers.create(SHENZHEN)
    t.tick()
    expect(t.core.customers.archive(1).archivedAt).toBe('2026-03-01T08:00:01.000Z')
    expect(t.core.customers.search({ limit: 10, offset: 0 }).items.map((c) => c.id)).toEqual([2])
    expect(t.core.customers.search({ limit: 10, offset: 0, includeArchived: true }).total).toBe(2)
    expect(
      t.core.customers.search({ limit: 10, offset: 0, archivedOnly: true }).items.map((c) => c.id)
    ).toEqual([1])
    expect(refusal(() => t.core.customers.archive(1)).code).toBe('ALREADY_ARCHIVED')
    expect(t.core.customers.restore(1).archivedAt).toBeNull()
    expect(refusal(() => t.core.customers.restore(1)).code).toBe('NOT_ARCHIVED')
    expect(t.core.audit.list({ entityId: 1 }).items.map((e) => e.action)).toEqual([
      'customer.restore',
      'customer.archive',
      'customer.create'
    ])
  })

  it('answers NOT_FOUND for an unknown id', () => {
    expect(refusal(() => t.core.customers.get(42)).code).toBe('NOT_FOUND')
    expect(refusal(() => t.core.customers.update(42, { phone: '' })).code).toBe('NOT_FOUND')
  })

  it('writes a create, update and archive entry with the implementer from settings', () => {
    t.core.customers.create(LANZHOU)
    t.core.deps.settings.update({ implementerName: '李顾问' })
    t.core.customers.update(1, { notes: '周三上门' })
    t.core.customers.archive(1)
    const items = t.core.audit.list({ entityType: 'customer' }).items
    expect(items.map((e) => [e.action, e.actor])).toEqual([
      ['customer.archive', '李顾问'],
      ['customer.update', '李顾问'],
      ['customer.create', '王实施']
    ])
  })
})
