/**
 * The settings page's and the first-run step's draft: the values being edited and what is
 * wrong with them, checked against the ranges the settings schema enforces (SETTING_RANGES),
 * so a number out of range is named next to its field before the save is even tried.
 */
import { computed, reactive, type ComputedRef } from 'vue'
import { SETTING_RANGES, type Settings } from '@core/settings/settings-schema'

export type SettingsDraft = Pick<
  Settings,
  | 'implementerName'
  | 'implementerCompany'
  | 'locale'
  | 'autoLockMinutes'
  | 'clipboardClearSeconds'
  | 'deemedAcceptanceDays'
  | 'maxUnlockedHours'
  | 'backupKeep'
>

export type RangedSetting = keyof typeof SETTING_RANGES

/** An i18n key under `settings.errors` and its params. */
export interface DraftIssue {
  key: 'required' | 'range' | 'whole'
  params: Record<string, number>
}

export type DraftIssues = Partial<Record<keyof SettingsDraft, DraftIssue>>

export const RANGED_SETTINGS = Object.keys(SETTING_RANGES) as RangedSetting[]

/** What is wrong with a draft; `requireName` on the first-run step and the settings page alike. */
export function draftIssues(draft: SettingsDraft): DraftIssues {
  const issues: DraftIssues = {}
  if (!draft.implementerName.trim()) issues.implementerName = { key: 'required', params: {} }
  for (const field of RANGED_SETTINGS) {
    const value = draft[field]
    const range = SETTING_RANGES[field]
    if (typeof value !== 'number' || Number.isNaN(value)) {
      issues[field] = { key: 'range', params: { ...range } }
    } else if (!Number.isInteger(value)) {
      issues[field] = { key: 'whole', params: {} }
    } else if (value < range.min || value > range.max) {
      issues[field] = { key: 'range', params: { ...range } }
    }
  }
  return issues
}

export function draftFrom(settings: Settings): SettingsDraft {
  return {
    implementerName: settings.implementerName,
    implementerCompany: settings.implementerCompany,
    locale: settings.locale,
    autoLockMinutes: settings.autoLockMinutes,
    clipboardClearSeconds: settings.clipboardClearSeconds,
    deemedAcceptanceDays: settings.deemedAcceptanceDays,
    maxUnlockedHours: settings.maxUnlockedHours,
    backupKeep: settings.backupKeep
  }
}

export function useSettingsDraft(initial: Settings): {
  draft: SettingsDraft
  issues: ComputedRef<DraftIssues>
  valid: ComputedRef<boolean>
  reset: (settings: Settings) => void
} {
  const draft = reactive<SettingsDraft>(draftFrom(initial))
  const issues = computed(() => draftIssues(draft))
  const valid = computed(() => Object.keys(issues.value).length === 0)
  function reset(settings: Settings): void {
    Object.assign(draft, draftFrom(settings))
  }
  return { draft, issues, valid, reset }
}
