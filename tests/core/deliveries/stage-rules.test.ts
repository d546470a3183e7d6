import { describe, expect, it } from 'vitest'
import { STAGE_BY_KEY, STAGES, STAGE_KEYS } from '../../../electron/core/stages/stage-definitions'
import { checkAnswers, missingForDone } from '../../../electron/core/stages/stage-rules'
import type { Customer } from '../../../electron/core/customers/customer-fields'

const customer: Customer = {
  id: 1,
  name: '兰州黄河云票科技有限公司',
  taxId: '91440300MA5G3K7P0R',
  address: '兰州市城关区张掖路 88 号',
  phone: '0931-8866123',
  bankName: '工商银行兰州城关支行',
  bankAccount: '2703001209100123456',
  invoicer: '李开票',
  adminMobile: '13812345678',
  contactName: '张经理',
  contactPhone: '13912345678',
  email: 'finance@example.cn',
  notes: '',
  taxIdOverrideReason: null,
  createdAt: '',
  updatedAt: '',
  archivedAt: null
}
const dates = { plannedGoLive: '2026-03-20', actualGoLive: null }
const fields = (issues: { field?: string }[]) => issues.map((i) => i.field)

describe('stage definitions', () => {
  it('define the seven runbook stages in order with stable keys', () => {
    expect(STAGES.map((s) => s.key)).toEqual([...STAGE_KEYS])
    expect(STAGES.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7])
    for (const s of STAGES) {
      expect(s.title.zh).not.toBe('')
      expect(s.guidance.zh.length).toBeGreaterThan(0)
      expect(new Set(s.checklist.map((i) => i.key)).size).toBe(s.checklist.length)
    }
  })
})

describe('when a stage may be done', () => {
  it('kickoff needs both confirmations, the contact data and a planned go-live date', () => {
    const def = STAGE_BY_KEY.kickoff
    expect(
      fields(
        missingForDone(
          def,
          {},
          { ...customer, email: '' },
          { plannedGoLive: null, actualGoLive: null }
        )
      )
    ).toEqual([
      'answers.order_confirmed',
      'answers.contact_confirmed',
      'customer.email',
      'delivery.plannedGoLive'
    ])
    expect(
      missingForDone(def, { order_confirmed: true, contact_confirmed: true }, customer, dates)
    ).toEqual([])
  })

  it('a step answered "no" is not done, a question answered "no" is', () => {
    const def = STAGE_BY_KEY.activation
    const answers = {
      activation_mail_received: true,
      activated: false,
      activated_on: '2026-03-02',
      uses_etax_bureau: false,
      invoicer_identity_verified: true
    }
    expect(fields(missingForDone(def, answers, customer, dates))).toEqual(['answers.activated'])
    expect(missingForDone(def, { ...answers, activated: true }, customer, dates)).toEqual([])
  })

  it('asks for the 数电 account only when the company already uses the e-tax bureau', () => {
    const def = STAGE_BY_KEY.activation
    const answers = {
      activation_mail_received: true,
      activated: true,
      activated_on: '2026-03-02',
      uses_etax_bureau: true,
      invoicer_identity_verified: true
    }
    expect(fields(missingForDone(def, answers, customer, dates))).toEqual([
      'answers.digital_account_maintained'
    ])
  })

  it('customer_info needs every invoicing field present and valid', () => {
    const def = STAGE_BY_KEY.customer_info
    expect(missingForDone(def, {}, customer, dates)).toEqual([])
    const missing = missingForDone(
      def,
      {},
      { ...customer, bankName: '', invoicer: '', adminMobile: '123', phone: 'x' },
      dates
    )
    expect(missing.map((m) => [m.field, m.code])).toEqual([
      ['customer.phone', 'PHONE_FORMAT'],
      ['customer.bankName', 'STAGE_ITEM_MISSING'],
      ['customer.invoicer', 'STAGE_ITEM_MISSING'],
      ['customer.adminMobile', 'MOBILE_FORMAT']
    ])
  })

  it('backend_config validates the reference tax ID like any tax ID', () => {
    const def = STAGE_BY_KEY.backend_config
    const answers = {
      enterprise_info_complete: true,
      reference_tax_id: '91640100MADXRUAJ9A',
      tenant_configured: true,
      keys_handed_over_on: '2026-03-05',
      keys_handed_over_via: 'wechat',
      keys_recipient: '张伟',
      keys_sent: true
    }
    const all = ['clientId', 'clientSecret', 'encryptKey', 'fkey', 'fpublicKey']
    expect(missingForDone(def, answers, customer, dates, all).map((m) => m.code)).toEqual([
      'TAX_ID_CHECKSUM'
    ])
    expect(
      missingForDone(
        def,
        { ...answers, reference_tax_id: '91640100MADXRUAJ9U' },
        customer,
        dates,
        all
      )
    ).toEqual([])
    // without the five secrets in the vault it is not done
    expect(
      fields(
        missingForDone(
          def,
          { ...answers, reference_tax_id: '91640100MADXRUAJ9U' },
          customer,
          dates,
          ['clientId', 'clientSecret', 'encryptKey']
        )
      )
    ).toEqual(['credentials.fkey', 'credentials.fpublicKey'])
  })

  it('acceptance needs the actual go-live date', () => {
    const def = STAGE_BY_KEY.acceptance
    expect(
      fields(missingForDone(def, { form_signed: true, signed_on: '2026-03-20' }, customer, dates))
    ).toEqual(['delivery.actualGoLive'])
  })
})

describe('checking answers', () => {
  it('refuses unknown items and answers of the wrong kind', () => {
    const def = STAGE_BY_KEY.linglong_config
    const issues = checkAnswers(def, {
      nope: true,
      keys_entered: 'yes',
      first_invoice_on: '2026-02-30',
      // a malformed invoice number is only warned about (answerWarnings), never refused
      first_invoice_number: '1234'
    })
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['answers.nope', 'UNKNOWN_CHECKLIST_ITEM'],
      ['answers.keys_entered', 'ANSWER_KIND'],
      ['answers.first_invoice_on', 'ANSWER_KIND']
    ])
    expect(
      checkAnswers(STAGE_BY_KEY.backend_config, { keys_handed_over_via: 'pigeon' })[0]?.code
    ).toBe('ANSWER_KIND')
    expect(
      checkAnswers(def, { first_invoice_number: '26442000000123456789', keys_entered: null })
    ).toEqual([])
  })
})
