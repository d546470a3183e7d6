import { describe, expect, it } from 'vitest'
import { STAGES, STAGE_BY_KEY } from '../../../electron/core/stages/stage-definitions'
import { PLAYBOOK } from '../../../electron/core/incidents/playbook'
import { DEFAULT_CHECKLIST } from '../../../electron/core/acceptance/acceptance-form'
import { ISSUE_MESSAGES } from '../../../electron/core/errors/messages'
import zhCN from '../../../src/i18n/zh-CN'
import en from '../../../src/i18n/en'

/** Every string the user reads from the stage, playbook and form-row data (not search keywords). */
function shownTexts(): string[] {
  const texts: string[] = []
  for (const s of STAGES) {
    texts.push(s.title.zh, s.title.en, ...s.guidance.zh, ...s.guidance.en)
    for (const l of s.links) texts.push(l.label.zh, l.label.en)
    for (const i of s.checklist) {
      texts.push(i.label.zh, i.label.en)
      if (i.hint) texts.push(i.hint.zh, i.hint.en)
    }
  }
  for (const p of PLAYBOOK) texts.push(p.title.zh, p.title.en, ...p.steps.zh, ...p.steps.en)
  for (const row of DEFAULT_CHECKLIST) texts.push(row.item, row.standard)
  return texts
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

// Words the runbook and 数电 practice do not use for these things (RUNBOOK.md).
const WRONG_WORDS = [
  '授信额度',
  '授信',
  '密钥交付',
  '交付密钥',
  '电子税局',
  '购方',
  '备案一致',
  '下月额度恢复'
]

describe("the stages' own words", () => {
  it('calls the first stage 交付启动, not the whole flow 交付流程', () => {
    expect(STAGE_BY_KEY.kickoff.title.zh).toBe('交付启动')
    expect(shownTexts().some((t) => t.includes('交付流程'))).toBe(false)
  })

  it('uses none of the wrong words in stages, checklists, playbook, form rows or the UI', () => {
    const all = [
      ...shownTexts(),
      ...strings(zhCN),
      ...strings(ISSUE_MESSAGES['zh-CN'].errors),
      ...strings(ISSUE_MESSAGES['zh-CN'].warnings)
    ]
    for (const word of WRONG_WORDS) {
      expect(
        all.filter((t) => t.includes(word)),
        word
      ).toEqual([])
    }
  })

  it('names 老运维平台 and prefills the reference configuration 91640100MADXRUAJ9U', () => {
    const def = STAGE_BY_KEY.backend_config
    expect(def.guidance.zh.join('')).toContain('老运维平台')
    expect(def.checklist.find((i) => i.key === 'reference_tax_id')?.prefill).toBe(
      '91640100MADXRUAJ9U'
    )
  })

  it('says 密钥发送 and records the recipient and that the keys were sent', () => {
    const labels = STAGE_BY_KEY.backend_config.checklist.map((i) => i.label.zh)
    expect(labels).toContain('密钥发送日期')
    expect(labels).toContain('密钥发送方式')
    expect(STAGE_BY_KEY.backend_config.checklist.map((i) => i.key)).toEqual(
      expect.arrayContaining(['keys_recipient', 'keys_sent'])
    )
  })

  it('names 发票额度 with the path to apply for more in 电子税务局', () => {
    const steps = PLAYBOOK.find((p) => p.symptom === 'credit_insufficient')!.steps.zh.join('')
    expect(steps).toContain('发票额度')
    expect(steps).toContain('电子税务局 → 我要办税 → 税务数字账户 → 发票业务 → 发票额度调整申请')
  })

  it('has the 购买方 rescan, not the customer company', () => {
    const steps = PLAYBOOK.find((p) => p.symptom === 'failed_data_stuck')!.steps.zh.join('')
    expect(steps).toContain('购买方重新扫码')
  })

  it('marks unverified hints as 经验提示', () => {
    const warnings = ISSUE_MESSAGES['zh-CN'].warnings
    expect(warnings.CREDENTIAL_TENANT_ID).toMatch(/^经验提示/)
    expect(warnings.CREDENTIAL_ENCRYPT_KEY_LENGTH).toMatch(/^经验提示/)
    expect(ISSUE_MESSAGES.en.warnings.CREDENTIAL_TENANT_ID).toMatch(/^Field tip/)
    const keys = PLAYBOOK.find((p) => p.symptom === 'wrong_keys_or_env')!.steps.zh
    expect(keys.join('')).not.toContain('TN_')
  })

  it('writes English without full-width colons or untranslated product names', () => {
    const english = [
      ...strings(en),
      ...STAGES.flatMap((s) => [
        s.title.en,
        ...s.guidance.en,
        ...s.checklist.map((i) => i.label.en)
      ]),
      ...PLAYBOOK.flatMap((p) => [p.title.en])
    ]
    // a Chinese term may follow in brackets as a gloss ("Electronic Tax Bureau (电子税务局)")
    const offenders = english.filter((t) => /[：]/.test(t) && !/^[\u4e00-\u9fff]/.test(t))
    expect(offenders.filter((t) => !t.includes('：…'))).toEqual([])
    expect(english.filter((t) => /(?<!\()数电票|数电 account|e-tax bureau/.test(t))).toEqual([])
  })
})
