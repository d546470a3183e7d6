import { describe, expect, it } from 'vitest'
import { validateCustomer } from '../../../electron/core/validation/customer-validation'

describe('customer validation', () => {
  it('requires name and tax ID when creating, nothing else', () => {
    const r = validateCustomer({}, { mode: 'create' })
    expect(r.errors.map((e) => [e.field, e.code])).toEqual([
      ['name', 'REQUIRED'],
      ['taxId', 'REQUIRED']
    ])
    expect(
      validateCustomer({ name: '甲公司', taxId: '91440300MA5G3K7P0R' }, { mode: 'create' }).errors
    ).toEqual([])
  })

  it('checks only the given fields when updating', () => {
    expect(validateCustomer({ phone: '0931-8866123' }, { mode: 'update' }).errors).toEqual([])
    expect(validateCustomer({ phone: 'x' }, { mode: 'update' }).errors[0]?.field).toBe('phone')
  })

  it('collects every field problem at once', () => {
    const r = validateCustomer(
      {
        name: '甲',
        taxId: '91440300MA5G3K7P0A',
        adminMobile: '123',
        bankAccount: '12',
        email: 'x'
      },
      { mode: 'create' }
    )
    expect(r.errors.map((e) => e.code)).toEqual([
      'TAX_ID_CHECKSUM',
      'BANK_ACCOUNT_FORMAT',
      'MOBILE_FORMAT',
      'EMAIL_FORMAT'
    ])
  })

  it('turns a checksum failure into a warning only with a reason of at least four characters', () => {
    const bad = { name: '老代码公司', taxId: '91440300MA5G3K7P0A' }
    const short = validateCustomer(bad, { mode: 'create', taxIdOverrideReason: '是' })
    expect(short.errors.map((e) => e.code)).toEqual(['TAX_ID_CHECKSUM', 'OVERRIDE_REASON_REQUIRED'])
    const ok = validateCustomer(bad, {
      mode: 'create',
      taxIdOverrideReason: '执照原件如此，已核实'
    })
    expect(ok.errors).toEqual([])
    expect(ok.warnings.map((w) => w.code)).toContain('TAX_ID_OVERRIDDEN')
    expect(ok.taxIdOverrideReason).toBe('执照原件如此，已核实')
  })

  it('does not let an override excuse a format error', () => {
    const r = validateCustomer(
      { name: '甲', taxId: '1234' },
      { mode: 'create', taxIdOverrideReason: '执照原件如此' }
    )
    expect(r.errors[0]?.code).toBe('TAX_ID_FORMAT')
    expect(r.taxIdOverrideReason).toBeNull()
  })

  it('refuses a value over the field limit', () => {
    const r = validateCustomer(
      { name: '甲', taxId: '91440300MA5G3K7P0R', address: '路'.repeat(201) },
      { mode: 'create' }
    )
    expect(r.errors[0]).toMatchObject({ code: 'TOO_LONG', field: 'address', params: { max: 200 } })
  })
})
