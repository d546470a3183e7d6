import { describe, expect, it } from 'vitest'
import {
  prefillForm,
  refreshDraft,
  type PrefillSource
} from '../../../electron/core/acceptance/acceptance-prefill'
import { LEGACY_UNSET_IMPLEMENTER } from '../../../electron/core/settings/settings-schema'

function source(overrides: Partial<PrefillSource> = {}): PrefillSource {
  return {
    customer: {
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      address: '兰州市城关区东岗西路 588 号',
      phone: '0931-8866123',
      bankName: '工商银行城关支行',
      bankAccount: '2703000109200123456',
      invoicer: '赵丽',
      adminMobile: '13893112345',
      email: 'caiwu@example.cn',
      contactName: '张伟',
      contactPhone: '13912345678'
    },
    delivery: {
      orderNumber: 'SO-1',
      products: ['数电开票', '玲珑对接'],
      implementer: '王实施',
      actualGoLive: null
    },
    stages: [],
    evidence: [],
    formNumber: 'YS-20260301-1-1',
    today: '2026-03-01',
    implementingCompany: '甘肃数智财税',
    deemedAcceptanceDays: 7,
    ...overrides
  }
}

describe('prefilling a new acceptance form from plain records', () => {
  it('fills the project, the 开通/开票信息 block and the 视为验收 days from the records', () => {
    const form = prefillForm(source())
    expect(form.formNumber).toBe('YS-20260301-1-1')
    expect(form.project).toMatchObject({
      projectName: '兰州黄河云票科技有限公司发票云数电开票项目',
      customerName: '兰州黄河云票科技有限公司',
      products: '数电开票、玲珑对接',
      acceptanceDate: '2026-03-01',
      implementingCompany: '甘肃数智财税',
      implementer: '王实施'
    })
    expect(form.invoicing).toEqual({
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      address: '兰州市城关区东岗西路 588 号',
      phone: '0931-8866123',
      bankName: '工商银行城关支行',
      bankAccount: '2703000109200123456',
      invoicer: '赵丽',
      adminMobile: '13893112345',
      email: 'caiwu@example.cn'
    })
    expect(form.deemedAcceptance).toEqual({ enabled: false, days: 7 })
    expect(form.signatures.implementer.signerName).toBe('王实施')
  })

  it('leaves the go-live date empty while the delivery has no actual one', () => {
    // a planned date is never the form's 上线日期, whatever the delivery plans
    expect(prefillForm(source()).project.goLiveDate).toBe('')
  })

  it('prefers the actual go-live date and blanks the placeholder older releases stored for an unset implementer', () => {
    const form = prefillForm(
      source({
        delivery: {
          ...source().delivery,
          actualGoLive: '2026-03-18',
          implementer: LEGACY_UNSET_IMPLEMENTER
        }
      })
    )
    expect(form.project.goLiveDate).toBe('2026-03-18')
    expect(form.project.implementer).toBe('')
    expect(form.signatures.implementer.signerName).toBe('')
  })

  it('lists the delivery evidence files in 附件清单', () => {
    const form = prefillForm(
      source({
        evidence: [
          {
            id: 3,
            deliveryId: 1,
            stage: 'linglong_config',
            name: '首张发票.pdf',
            mime: 'application/pdf',
            size: 1000,
            sha256: 'a'.repeat(64),
            addedAt: '2026-03-05T02:00:00.000Z'
          }
        ]
      })
    )
    expect(form.attachments).toEqual([
      { name: '首张发票.pdf', stage: 'linglong_config', sha256: 'a'.repeat(64) }
    ])
  })

  it('keeps an implementer decision when the draft is refreshed, and clears an evidence row whose fact went away', () => {
    const recorded = source({
      stages: [
        {
          stage: 'linglong_config',
          answers: { first_invoice_number: '26442000000012345678', first_invoice_on: '2026-03-05' }
        }
      ]
    })
    const form = prefillForm(recorded)
    expect(form.checklist.find((r) => r.key === 'first_invoice')).toMatchObject({
      result: 'pass',
      decidedBy: 'evidence'
    })
    form.checklist = form.checklist.map((r) =>
      r.key === 'training' ? { ...r, result: 'pass', decidedBy: 'implementer' } : r
    )
    const refreshed = refreshDraft(form, { ...recorded, stages: [] })
    expect(refreshed.checklist.find((r) => r.key === 'first_invoice')).toMatchObject({
      result: null,
      decidedBy: null,
      remarks: ''
    })
    expect(refreshed.checklist.find((r) => r.key === 'training')).toMatchObject({
      result: 'pass',
      decidedBy: 'implementer'
    })
  })
})
