import { describe, expect, it } from 'vitest'
import {
  prefillForm,
  type PrefillSource
} from '../../../electron/core/acceptance/acceptance-prefill'
import { actorName, DEFAULT_SETTINGS } from '../../../electron/core/settings/settings-schema'

function source(overrides: Partial<PrefillSource> = {}): PrefillSource {
  return {
    customer: {
      name: '兰州黄河云票科技有限公司',
      taxId: '91440300MA5G3K7P0R',
      contactName: '张伟',
      contactPhone: '13912345678'
    },
    delivery: {
      orderNumber: 'SO-1',
      products: ['数电开票', '玲珑对接'],
      implementer: '王实施',
      plannedGoLive: '2026-03-20',
      actualGoLive: null
    },
    stages: [],
    formNumber: 'YS-20260301-1-1',
    today: '2026-03-01',
    implementingCompany: '甘肃数智财税',
    ...overrides
  }
}

describe('prefilling a new acceptance form from plain records', () => {
  it('fills the project from the customer and the delivery', () => {
    const form = prefillForm(source())
    expect(form.formNumber).toBe('YS-20260301-1-1')
    expect(form.project).toMatchObject({
      projectName: '兰州黄河云票科技有限公司发票云数电开票项目',
      customerName: '兰州黄河云票科技有限公司',
      products: '数电开票、玲珑对接',
      goLiveDate: '2026-03-20',
      acceptanceDate: '2026-03-01',
      implementingCompany: '甘肃数智财税',
      implementer: '王实施'
    })
    expect(form.signatures.implementer.signerName).toBe('王实施')
    expect(form.checklist.every((r) => r.result === null && r.remarks === '')).toBe(true)
  })

  it('passes rows of done stages and writes the evidence the stages hold', () => {
    const form = prefillForm(
      source({
        stages: [
          { stage: 'activation', status: 'done', answers: { activated_on: '2026-03-02' } },
          {
            stage: 'linglong_config',
            status: 'in_progress',
            answers: {
              first_invoice_number: '26442000000012345678',
              first_invoice_on: '2026-03-05'
            }
          }
        ]
      })
    )
    const row = (key: string) => form.checklist.find((r) => r.key === key)
    expect(row('service_activated')).toMatchObject({
      result: 'pass',
      remarks: '2026-03-02 完成激活'
    })
    expect(row('digital_account')?.result).toBe('pass')
    expect(row('first_invoice')).toMatchObject({
      result: null,
      remarks: '发票号码 26442000000012345678，2026-03-05 开具'
    })
  })

  it('prefers the actual go-live date and blanks the unset implementer marker', () => {
    const form = prefillForm(
      source({
        delivery: {
          ...source().delivery,
          actualGoLive: '2026-03-18',
          implementer: actorName(DEFAULT_SETTINGS)
        }
      })
    )
    expect(form.project.goLiveDate).toBe('2026-03-18')
    expect(form.project.implementer).toBe('')
    expect(form.signatures.implementer.signerName).toBe('')
  })
})
