import { describe, expect, it } from 'vitest'
import { PLAYBOOK } from '../../../electron/core/incidents/playbook'
import { expandQuery, searchPlaybook } from '../../../electron/core/incidents/playbook-search'

const found = (query: string): string[] => searchPlaybook(PLAYBOOK, query).map((e) => e.symptom)

describe('playbook search', () => {
  it('finds the resubmit case by the everyday words 开票失败', () => {
    expect(found('开票失败')[0]).toBe('failed_data_stuck')
  })

  it('finds the e-mail case by 收不到邮件, 发票没收到 and 重发', () => {
    expect(found('收不到邮件')[0]).toBe('email_not_received')
    expect(found('发票没收到')[0]).toBe('email_not_received')
    expect(found('重发')[0]).toBe('email_not_received')
  })

  it("finds cases by the runbook's own words", () => {
    expect(found('未开票数据查询')).toContain('failed_data_stuck')
    expect(found('开票查询')).toContain('email_not_received')
    expect(found('发票额度')[0]).toBe('credit_insufficient')
    expect(found('电子税务局')).toContain('login_expired')
  })

  it('finds the limit case by the old word 授信 and the face check by 人脸识别', () => {
    expect(found('授信')[0]).toBe('credit_insufficient')
    expect(found('人脸识别')[0]).toBe('face_verification')
  })

  it('puts an exact title match first, ahead of cases that only mention the words', () => {
    expect(found('未收到发票邮件')[0]).toBe('email_not_received')
    expect(found('数电账号未配置')[0]).toBe('account_not_configured')
    expect(found('Invoice e-mail not received')[0]).toBe('email_not_received')
  })

  it('returns everything for an empty query and nothing for an unrelated one', () => {
    expect(found('  ')).toHaveLength(PLAYBOOK.length)
    expect(found('火星探测器')).toEqual([])
  })

  it('widens a query with its synonyms, ignoring spaces and case', () => {
    expect(expandQuery('收不到 邮件')).toContain('未收到发票邮件')
    expect(expandQuery('RESEND')).toContain('重发')
  })
})
