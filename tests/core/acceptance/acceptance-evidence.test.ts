/**
 * Every checklist row's evidence rule, on plain facts: prefilled only when all the facts it
 * names are recorded, quoting them; otherwise empty and naming what is missing.
 */
import { describe, expect, it } from 'vitest'
import {
  attributeDecisions,
  rowEvidence,
  type FormFacts
} from '../../../electron/core/acceptance/acceptance-evidence'
import { DEFAULT_CHECKLIST } from '../../../electron/core/acceptance/acceptance-checklist'
import { createDraftForm } from '../../../electron/core/acceptance/acceptance-form'

/** Everything a whole delivery records. */
function allRecorded(): FormFacts {
  return {
    answers: {
      activation: {
        activated: true,
        activated_on: '2026-11-20',
        uses_etax_bureau: true,
        digital_account_maintained: true,
        invoicer_identity_verified: true
      },
      backend_config: {
        enterprise_info_complete: true,
        tenant_configured: true,
        keys_handed_over_on: '2026-11-22',
        keys_handed_over_via: 'wechat',
        keys_recipient: '张会计',
        keys_sent: true
      },
      linglong_config: {
        keys_entered: true,
        first_invoice_number: '26622000000012345678',
        first_invoice_on: '2026-11-25'
      },
      support: { resend_email_demonstrated: true, delete_failed_demonstrated: true }
    },
    customer: {
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      address: '兰州市城关区东岗西路 588 号',
      phone: '0931-8866123',
      bankName: '工商银行城关支行',
      bankAccount: '2703000109200123456',
      invoicer: '赵丽',
      adminMobile: '13893112345',
      contactName: '王建国',
      contactPhone: '13912345678'
    },
    implementer: '李晓明',
    evidence: []
  }
}

/** The facts with one stage answer replaced (undefined removes it). */
function without(stage: keyof FormFacts['answers'], key: string, value?: unknown): FormFacts {
  const facts = allRecorded()
  const answers = { ...facts.answers[stage] }
  if (value === undefined) delete answers[key]
  else answers[key] = value
  return { ...facts, answers: { ...facts.answers, [stage]: answers } }
}

const QUOTES: Record<string, string> = {
  service_activated: '2026-11-20 完成激活；管理员手机号 13893112345',
  digital_account: '数电账号已在公众号维护；开票员已完成实名（刷脸）认证；开票员 赵丽',
  enterprise_info:
    '企业名称、统一社会信用代码、地址电话、开户行及账号齐全，见“开通/开票信息”；后台企业信息已维护完整',
  tenant_keys: '老运维平台租户已配置；密钥于 2026-11-22 通过微信发送给张会计',
  linglong: '密钥已录入玲珑系统；首张发票 2026-11-25，号码 26622000000012345678（20 位）',
  first_invoice: '首张发票 2026-11-25，号码 26622000000012345678（20 位）',
  invoice_email: '已演示在“开票查询”重发邮件',
  failure_handling: '已演示删除开票失败数据',
  training:
    '首张发票 2026-11-25，号码 26622000000012345678（20 位）；已演示在“开票查询”重发邮件；已演示删除开票失败数据',
  support_channel: '客户对接人 王建国 13912345678；实施顾问 李晓明'
}

describe('checklist rows rest on recorded facts', () => {
  it.each(Object.entries(QUOTES))('prefills %s as passed, quoting its facts', (key, quote) => {
    expect(rowEvidence(key, allRecorded())).toMatchObject({
      result: 'pass',
      remarks: quote,
      missing: []
    })
  })

  it('never prefills a custom row: it names no facts', () => {
    const evidence = rowEvidence('custom_red_letter', allRecorded())
    expect(evidence).toMatchObject({ result: null, remarks: '', facts: [], missing: [] })
  })

  it('rests every default row on recorded facts', () => {
    expect(DEFAULT_CHECKLIST.map((r) => r.key).sort()).toEqual(Object.keys(QUOTES).sort())
    for (const row of DEFAULT_CHECKLIST) expect(row.facts.length).toBeGreaterThan(0)
  })

  it('passes training on the recorded facts and says which demonstration did not apply', () => {
    const facts = without('support', 'delete_failed_demonstrated', 'na')
    expect(rowEvidence('training', facts)).toMatchObject({
      result: 'pass',
      remarks:
        '首张发票 2026-11-25，号码 26622000000012345678（20 位）；已演示在“开票查询”重发邮件；删除失败数据演示：不适用'
    })
  })

  const cases: [string, FormFacts, string][] = [
    ['service_activated', without('activation', 'activated_on'), 'activation.activated'],
    ['service_activated', without('activation', 'activated', false), 'activation.activated'],
    [
      'service_activated',
      { ...allRecorded(), customer: { ...allRecorded().customer, adminMobile: '' } },
      'customer.admin_mobile'
    ],
    [
      'digital_account',
      without('activation', 'invoicer_identity_verified'),
      'activation.invoicer_verified'
    ],
    [
      'digital_account',
      without('activation', 'digital_account_maintained', false),
      'activation.digital_account'
    ],
    [
      'enterprise_info',
      { ...allRecorded(), customer: { ...allRecorded().customer, bankAccount: ' ' } },
      'customer.invoicing_data'
    ],
    [
      'enterprise_info',
      without('backend_config', 'enterprise_info_complete', false),
      'backend_config.enterprise_info_complete'
    ],
    [
      'tenant_keys',
      without('backend_config', 'keys_handed_over_via'),
      'backend_config.keys_handed_over'
    ],
    ['tenant_keys', without('backend_config', 'keys_recipient'), 'backend_config.keys_handed_over'],
    ['tenant_keys', without('backend_config', 'keys_sent'), 'backend_config.keys_handed_over'],
    [
      'tenant_keys',
      without('backend_config', 'tenant_configured'),
      'backend_config.tenant_configured'
    ],
    ['linglong', without('linglong_config', 'keys_entered'), 'linglong_config.keys_entered'],
    [
      'first_invoice',
      without('linglong_config', 'first_invoice_number', '2662200000001234567'),
      'linglong_config.first_invoice'
    ],
    [
      'first_invoice',
      without('linglong_config', 'first_invoice_on'),
      'linglong_config.first_invoice'
    ],
    [
      'invoice_email',
      without('support', 'resend_email_demonstrated', false),
      'support.resend_mail_demo'
    ],
    [
      'failure_handling',
      without('support', 'delete_failed_demonstrated'),
      'support.failed_data_demo'
    ],
    [
      'support_channel',
      { ...allRecorded(), customer: { ...allRecorded().customer, contactPhone: '' } },
      'customer.contact'
    ],
    ['support_channel', { ...allRecorded(), implementer: '' }, 'delivery.implementer'],
    ['training', without('support', 'resend_email_demonstrated'), 'support.resend_mail_demo']
  ]
  it.each(cases)('leaves %s empty and names %s… when a fact is missing', (key, facts, fact) => {
    const evidence = rowEvidence(key, facts)
    expect(evidence.result).toBeNull()
    expect(evidence.remarks).toBe('')
    expect(evidence.missing).toContain(fact)
  })

  it('passes the 数电 account row for a company that does not use the e-tax bureau', () => {
    const facts = without('activation', 'uses_etax_bureau', false)
    expect(rowEvidence('digital_account', facts).remarks).toContain('无需维护数电账号')
  })

  it('marks a demonstration answered 不适用 as not applicable', () => {
    const evidence = rowEvidence(
      'invoice_email',
      without('support', 'resend_email_demonstrated', 'na')
    )
    expect(evidence).toMatchObject({ result: 'na', remarks: '阶段记录为不适用' })
  })

  it('reads a first invoice recorded under the old test-invoice keys', () => {
    const facts = allRecorded()
    facts.answers.linglong_config = {
      keys_entered: true,
      test_invoice_number: '26622000000012345678',
      test_invoice_on: '2026-11-25'
    }
    expect(rowEvidence('first_invoice', facts).result).toBe('pass')
  })

  it('shows the attachments of the row’s stages', () => {
    const facts = allRecorded()
    const file = {
      id: 1,
      deliveryId: 1,
      stage: 'linglong_config',
      name: '首张发票.pdf',
      mime: 'application/pdf',
      size: 10,
      sha256: 'f'.repeat(64),
      addedAt: '2026-11-25T00:00:00.000Z'
    }
    facts.evidence = [file, { ...file, id: 2, stage: 'activation', name: '激活邮件.png' }]
    expect(rowEvidence('first_invoice', facts).attachments.map((a) => a.name)).toEqual([
      '首张发票.pdf'
    ])
  })
})

describe('who decided a row', () => {
  const rows = () => createDraftForm({ formNumber: 'YS-1' }).checklist

  it('records a result set by hand as the implementer’s', () => {
    const saved = attributeDecisions(
      rows().map((r) => (r.key === 'training' ? { ...r, result: 'fail' as const } : r)),
      allRecorded()
    )
    expect(saved.find((r) => r.key === 'training')?.decidedBy).toBe('implementer')
  })

  it('does not let a row claim the evidence when the facts say otherwise', () => {
    const claimed = rows().map((r) =>
      r.key === 'first_invoice'
        ? { ...r, result: 'pass' as const, decidedBy: 'evidence' as const, remarks: '首张发票' }
        : r
    )
    const saved = attributeDecisions(claimed, without('linglong_config', 'first_invoice_on'))
    expect(saved.find((r) => r.key === 'first_invoice')?.decidedBy).toBe('implementer')
  })

  it('keeps the evidence as decider when the row says what the facts say', () => {
    const claimed = rows().map((r) =>
      r.key === 'first_invoice'
        ? {
            ...r,
            result: 'pass' as const,
            decidedBy: 'evidence' as const,
            remarks: QUOTES.first_invoice ?? ''
          }
        : r
    )
    const saved = attributeDecisions(claimed, allRecorded())
    expect(saved.find((r) => r.key === 'first_invoice')?.decidedBy).toBe('evidence')
    expect(saved.find((r) => r.key === 'training')?.decidedBy).toBeNull()
  })
})
