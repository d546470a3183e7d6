import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, settingsSchema } from '../../../electron/core/settings/settings-schema'
import { draftFrom, draftIssues, useSettingsDraft } from '../../../src/composables/useSettingsDraft'

describe('settings draft', () => {
  it('requires the implementer name', () => {
    expect(draftIssues(draftFrom(DEFAULT_SETTINGS)).implementerName).toEqual({
      key: 'required',
      params: {}
    })
  })

  it('names the range of a number outside it, on each number setting', () => {
    const draft = { ...draftFrom(DEFAULT_SETTINGS), implementerName: '王磊' }
    expect(draftIssues({ ...draft, autoLockMinutes: 0 }).autoLockMinutes).toEqual({
      key: 'range',
      params: { min: 1, max: 240 }
    })
    expect(
      draftIssues({ ...draft, clipboardClearSeconds: 301 }).clipboardClearSeconds?.params
    ).toEqual({ min: 5, max: 300 })
    expect(draftIssues({ ...draft, deemedAcceptanceDays: 91 }).deemedAcceptanceDays?.key).toBe(
      'range'
    )
    expect(draftIssues({ ...draft, deemedAcceptanceDays: 2.5 }).deemedAcceptanceDays?.key).toBe(
      'whole'
    )
    expect(draftIssues(draft)).toEqual({})
  })

  it('agrees with the schema the core enforces at both ends of every range', () => {
    const base = { ...draftFrom(DEFAULT_SETTINGS), implementerName: '王磊' }
    for (const [field, lo, hi] of [
      ['autoLockMinutes', 1, 240],
      ['clipboardClearSeconds', 5, 300],
      ['deemedAcceptanceDays', 1, 90],
      ['maxUnlockedHours', 1, 24],
      ['backupKeep', 1, 365]
    ] as const) {
      for (const [value, ok] of [
        [lo, true],
        [hi, true],
        [lo - 1, false],
        [hi + 1, false]
      ] as const) {
        const draft = { ...base, [field]: value }
        expect(draftIssues(draft)[field] === undefined, `${field}=${value}`).toBe(ok)
        expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...draft }).success).toBe(ok)
      }
    }
  })

  it('follows the stored settings when they change', () => {
    const form = useSettingsDraft(DEFAULT_SETTINGS)
    expect(form.valid.value).toBe(false)
    form.reset({ ...DEFAULT_SETTINGS, implementerName: '王磊', deemedAcceptanceDays: 10 })
    expect(form.draft.deemedAcceptanceDays).toBe(10)
    expect(form.valid.value).toBe(true)
  })
})
