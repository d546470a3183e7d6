import { describe, expect, it } from 'vitest'
import {
  NOT_APPLICABLE,
  STAGE_BY_KEY,
  type StageKey
} from '../../../electron/core/stages/stage-definitions'
import {
  answerWarnings,
  checkAnswers,
  missingForDone
} from '../../../electron/core/stages/stage-rules'
import { invoiceNumberWarnings } from '../../../electron/core/validation/invoice-number'
import { issueMessage } from '../../../electron/core/errors/messages'
import type { Customer } from '../../../electron/core/customers/customer-fields'

// Facts the acceptance form's rows rest on (issue 9): what each stage now asks.
const customer = {
  name: '兰州黄河云票科技有限公司',
  taxId: '91440300MA5G3K7P0R',
  adminMobile: '13812345678'
} as Customer
const dates = { plannedGoLive: '2026-03-20', actualGoLive: null }
const missing = (stage: StageKey, answers: Record<string, boolean | string | null>) =>
  missingForDone(STAGE_BY_KEY[stage], answers, customer, dates).map((m) => m.field)

const activation = {
  activation_mail_received: true,
  activated: true,
  activated_on: '2026-03-02',
  uses_etax_bureau: false
}

describe('the facts the acceptance form rests on', () => {
  it("activation asks whether the invoicer's identity (face check) is verified", () => {
    const item = STAGE_BY_KEY.activation.checklist.find(
      (i) => i.key === 'invoicer_identity_verified'
    )
    expect(item?.label.zh).toBe('开票员已完成实名（刷脸）认证')
    expect(missing('activation', activation)).toEqual(['answers.invoicer_identity_verified'])
    expect(missing('activation', { ...activation, invoicer_identity_verified: false })).toEqual([
      'answers.invoicer_identity_verified'
    ])
    expect(missing('activation', { ...activation, invoicer_identity_verified: true })).toEqual([])
  })

  it('a not-applicable answer completes a yes/no item that allows it, like yes', () => {
    expect(
      missing('activation', { ...activation, invoicer_identity_verified: NOT_APPLICABLE })
    ).toEqual([])
    expect(
      missing('support', {
        resend_email_demonstrated: NOT_APPLICABLE,
        delete_failed_demonstrated: true
      })
    ).toEqual([])
    expect(missing('support', { resend_email_demonstrated: false })).toEqual([
      'answers.resend_email_demonstrated',
      'answers.delete_failed_demonstrated'
    ])
  })

  it('refuses a not-applicable answer on an item that does not allow it', () => {
    const issues = checkAnswers(STAGE_BY_KEY.activation, { activated: NOT_APPLICABLE })
    expect(issues.map((i) => [i.field, i.code])).toEqual([['answers.activated', 'ANSWER_KIND']])
    expect(
      checkAnswers(STAGE_BY_KEY.support, { resend_email_demonstrated: 'maybe' })[0]?.code
    ).toBe('ANSWER_KIND')
    expect(
      checkAnswers(STAGE_BY_KEY.support, {
        resend_email_demonstrated: NOT_APPLICABLE,
        delete_failed_demonstrated: false
      })
    ).toEqual([])
  })

  it('support asks for both demonstrations, each not-applicable-able', () => {
    const items = STAGE_BY_KEY.support.checklist
    expect(items.map((i) => [i.key, i.label.zh, i.kind, i.notApplicable])).toEqual([
      ['resend_email_demonstrated', '已演示重发邮件', 'yesno', true],
      ['delete_failed_demonstrated', '已演示删除失败数据', 'yesno', true]
    ])
  })

  it('stage 5 records the first invoice (number and date), not a test invoice', () => {
    const def = STAGE_BY_KEY.linglong_config
    expect(def.checklist.map((i) => i.key)).toEqual([
      'keys_entered',
      'first_invoice_issued',
      'first_invoice_on',
      'first_invoice_number'
    ])
    expect(def.checklist.map((i) => i.label.zh).join()).not.toContain('测试')
    expect(def.guidance.zh.join()).toContain('不能作废')
    expect(def.guidance.zh.join()).toContain('红字发票')
    expect(
      missing('linglong_config', {
        keys_entered: true,
        first_invoice_issued: true,
        first_invoice_on: '2026-03-05'
      })
    ).toEqual(['answers.first_invoice_number'])
  })

  it('a malformed first invoice number is a warning and does not keep the stage open', () => {
    const def = STAGE_BY_KEY.linglong_config
    const answers = {
      keys_entered: true,
      first_invoice_issued: true,
      first_invoice_on: '2026-03-05',
      first_invoice_number: '2644200000001234'
    }
    expect(missingForDone(def, answers, customer, dates)).toEqual([])
    expect(answerWarnings(def, answers, '2026-03-05')).toEqual([
      {
        code: 'INVOICE_NUMBER_FORMAT',
        field: 'answers.first_invoice_number',
        params: { length: 16 }
      }
    ])
  })
})

describe('the 20-digit 数电 invoice number', () => {
  const today = '2026-11-26'

  it('accepts 20 digits whose year is this year or earlier', () => {
    expect(invoiceNumberWarnings('26442000000012345678', today)).toEqual([])
    expect(invoiceNumberWarnings('24442000000012345678', today)).toEqual([])
    // pasted in groups of four
    expect(invoiceNumberWarnings('2644 2000 0000 1234 5678', today)).toEqual([])
    expect(invoiceNumberWarnings('', today)).toEqual([])
  })

  it('warns about a number that is not 20 digits, saying how many it has', () => {
    expect(invoiceNumberWarnings('2644200000001234567', today)).toEqual([
      { code: 'INVOICE_NUMBER_FORMAT', field: undefined, params: { length: 19 } }
    ])
    expect(invoiceNumberWarnings('26442000000O12345678', today)[0]?.code).toBe(
      'INVOICE_NUMBER_FORMAT'
    )
  })

  it('warns about a year in the future, judged against today', () => {
    expect(invoiceNumberWarnings('27442000000012345678', today, 'answers.n')).toEqual([
      { code: 'INVOICE_NUMBER_YEAR', field: 'answers.n', params: { year: 2027 } }
    ])
    expect(invoiceNumberWarnings('27442000000012345678', '2027-01-01')).toEqual([])
  })

  it('words both warnings in either language', () => {
    expect(issueMessage('warnings', 'INVOICE_NUMBER_YEAR', { year: 2027 }, 'zh-CN')).toContain(
      '2027 年还没到'
    )
    expect(issueMessage('warnings', 'INVOICE_NUMBER_FORMAT', { length: 19 }, 'en')).toContain(
      'this one has 19'
    )
  })
})
