/**
 * The labeller in both languages: refusals carry keys, and what the user reads is words in
 * the UI language, through the core formatter (CLI, payload message) and through vue-i18n.
 */
import { describe, expect, it } from 'vitest'
import { i18n } from '../../../src/i18n'
import { issueText, keyLabel } from '../../../src/i18n/labels'
import { issueMessage } from '../../../electron/core/errors/messages'

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

function t(locale: 'zh-CN' | 'en', key: string, params: Record<string, unknown>): string {
  i18n.global.locale.value = locale
  return i18n.global.t(key, params)
}

describe('labeller', () => {
  it('names customer fields, stages, statuses, checklist items and secrets in Chinese', () => {
    expect(keyLabel('customerField', 'bankName', 'zh-CN')).toBe('开户银行')
    expect(keyLabel('stage', 'customer_info', 'zh-CN')).toBe('客户提供信息')
    expect(keyLabel('stageStatus', 'blocked', 'zh-CN')).toBe('受阻')
    expect(keyLabel('stageItem', 'activation.activated', 'zh-CN')).toBe('客户已完成激活')
    expect(keyLabel('stageItem', 'activated', 'zh-CN')).toBe('客户已完成激活')
    expect(keyLabel('stageItem', 'plannedGoLive', 'zh-CN')).toBe('计划上线日期')
    expect(keyLabel('stageItem', 'credential.clientId', 'zh-CN')).toBe('客户端 ID（密钥库）')
    expect(keyLabel('credential', 'encryptKey', 'zh-CN')).toBe('加密密钥')
  })

  it('names the same keys in English', () => {
    expect(keyLabel('customerField', 'bankName', 'en')).toBe('Bank')
    expect(keyLabel('stage', 'customer_info', 'en')).toBe('Customer data')
    expect(keyLabel('stageStatus', 'skipped', 'en')).toBe('Skipped')
    expect(keyLabel('stageItem', 'activation.activated', 'en')).toBe('Service activated')
    expect(keyLabel('stageItem', 'customer.address', 'en')).toBe('Address')
    expect(keyLabel('stageItem', 'credential.fkey', 'en')).toBe('fkey (in the vault)')
    expect(keyLabel('formField', 'project.goLiveDate', 'en')).toBe('go-live date')
    expect(keyLabel('formField', 'customer.signerName', 'en')).toBe("customer signer's name")
  })

  it('labels acceptance checklist rows by the row written on the form', () => {
    expect(keyLabel('formField', 'checklist.service_activated', 'zh-CN')).toBe(
      '检查项「服务开通及商户平台登录」的结果'
    )
    expect(keyLabel('formField', 'checklist.service_activated', 'en')).toBe(
      'the result of check “服务开通及商户平台登录”'
    )
    // a row the implementer added keeps its key
    expect(keyLabel('formField', 'checklist.row_17', 'en')).toBe('the result of check “row_17”')
  })

  it('shows what the user typed when a key names nothing known', () => {
    expect(keyLabel('stageItem', 'no_such_item', 'en')).toBe('no_such_item')
    expect(keyLabel('customerField', '某某字段', 'zh-CN')).toBe('某某字段')
    expect(keyLabel('stage', 'toString', 'en')).toBe('toString')
  })
})

describe('refusal text', () => {
  const incomplete = {
    code: 'STAGE_INCOMPLETE' as const,
    params: { stage: 'customer_info', missing: ['address', 'phone', 'bankName'] }
  }

  it('reads the stage-incomplete refusal as words, joined the Chinese way', () => {
    expect(issueText(incomplete, 'zh-CN')).toBe(
      '「客户提供信息」还不能标记完成，缺少：地址、电话、开户银行'
    )
  })

  it('reads the stage-incomplete refusal in English without a Chinese character', () => {
    const text = issueText(incomplete, 'en')
    expect(text).toBe('“Customer data” cannot be marked done yet; missing: Address, Phone, Bank')
    expect(text).not.toMatch(CJK)
  })

  it('names the status a reason is needed for in the UI language', () => {
    const refusal = { code: 'STAGE_REASON_REQUIRED' as const, params: { status: 'blocked' } }
    expect(issueText(refusal, 'en')).toBe('Marking it “Blocked” needs a reason')
    expect(issueText(refusal, 'zh-CN')).toBe('标记为「受阻」需要填写原因')
  })

  it('lists missing acceptance-form fields and CSV columns', () => {
    const form = {
      code: 'FORM_INCOMPLETE' as const,
      params: { missing: ['project.goLiveDate', 'customer.signerName'] }
    }
    expect(issueText(form, 'zh-CN')).toBe('验收单还缺少：上线日期、客户签字人姓名')
    expect(issueText(form, 'en')).toBe(
      "The acceptance form is missing: go-live date, customer signer's name"
    )
    const csv = { code: 'CSV_HEADER' as const, params: { missing: ['name', 'taxId'] } }
    expect(issueText(csv, 'zh-CN')).toBe('CSV 表头不对：缺少列 企业名称（name）、企业税号（taxId）')
    expect(issueText(csv, 'en')).toBe(
      'Wrong CSV header: missing columns name (企业名称), taxId (企业税号)'
    )
    const empty = { code: 'CSV_HEADER' as const, params: { reason: 'empty' } }
    expect(issueText(empty, 'en')).toBe('Wrong CSV header: the file is empty')
  })

  it('labels secrets, image problems and contract refusals', () => {
    expect(
      issueText({ code: 'CREDENTIALS_INCOMPLETE', params: { missing: ['fkey', 'clientId'] } }, 'en')
    ).toBe('Missing secrets: fkey, Client ID. All five are needed for the hand-off message')
    // the same list joined into one string by an older caller
    expect(
      issueText({ code: 'CREDENTIALS_INCOMPLETE', params: { missing: 'fkey, clientId' } }, 'zh-CN')
    ).toBe('还缺少密钥：fkey 密钥、客户端 ID。补齐五个密钥后才能生成交付消息')
    expect(issueText({ code: 'SIGNATURE_IMAGE', params: { problem: 'TOO_LARGE' } }, 'zh-CN')).toBe(
      '签名图片不可用：图片超过 2 MB'
    )
    expect(
      issueText({ code: 'VALIDATION', params: { field: 'customer.name', rule: 'too_big' } }, 'en')
    ).toBe('The input is not valid: customer.name: too large or too long')
    expect(
      issueText(
        { code: 'VALIDATION', params: { field: 'checklist', rule: 'DUPLICATE_ROW_KEY' } },
        'zh-CN'
      )
    ).toBe('输入不符合要求：checklist：检查项的键重复')
  })

  it('the core formatter used by the CLI says the same as the renderer', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(issueMessage('errors', incomplete.code, incomplete.params, locale)).toBe(
        issueText(incomplete, locale)
      )
    }
  })

  it("labels params passed straight to vue-i18n's t() in either language", () => {
    expect(t('en', 'errors.STAGE_INCOMPLETE', incomplete.params)).toBe(
      '“Customer data” cannot be marked done yet; missing: Address, Phone, Bank'
    )
    expect(t('zh-CN', 'errors.STAGE_ITEM_MISSING', { item: 'credential.clientSecret' })).toBe(
      '缺少：客户端密钥（密钥库）'
    )
    expect(t('en', 'errors.TOO_LONG', { max: 500 })).toBe('Too long: at most 500 characters')
    // a label the caller already translated passes through unchanged
    expect(t('en', 'errors.STAGE_REASON_REQUIRED', { status: 'Skipped' })).toBe(
      'Marking it “Skipped” needs a reason'
    )
    expect(t('en', 'fields.bankName', {})).toBe('Bank')
    expect(t('zh-CN', 'stageStatus.blocked', {})).toBe('受阻')
  })
})
