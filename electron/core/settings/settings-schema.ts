/**
 * User settings. The app keeps them in electron-store (main/settings-store.main.ts); the CLI
 * and tests use the JSON-file store below. Both validate with the same schema.
 */
import { z } from 'zod'

export const windowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean().default(false)
})

export const settingsSchema = z.object({
  implementerName: z.string().trim().max(50).default(''),
  /** 实施单位: the implementer's company, prefilled on acceptance forms */
  implementerCompany: z.string().trim().max(100).default(''),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  exportDir: z.string().max(1000).default(''),
  autoLockMinutes: z.number().int().min(1).max(240).default(5),
  clipboardClearSeconds: z.number().int().min(5).max(300).default(30),
  /** how many backups to keep in each backup folder */
  backupKeep: z.number().int().min(1).max(365).default(14),
  /** an external folder (USB disk, share) for sealed backups; '' for none */
  backupDir: z.string().max(4096).default(''),
  /** the vault locks after this long unlocked, whatever the activity (issue 12) */
  maxUnlockedHours: z.number().int().min(1).max(24).default(8),
  /** N of the acceptance form's optional 视为验收 clause (working days) */
  deemedAcceptanceDays: z.number().int().min(1).max(90).default(5),
  windowBounds: windowBoundsSchema.optional()
})

export type Settings = z.infer<typeof settingsSchema>

/** What the renderer may change through `settings.update`. */
export const settingsPatchSchema = settingsSchema
  .pick({
    implementerName: true,
    implementerCompany: true,
    locale: true,
    autoLockMinutes: true,
    clipboardClearSeconds: true,
    backupKeep: true,
    maxUnlockedHours: true,
    deemedAcceptanceDays: true
  })
  .partial()
  .strict()

export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

export interface SettingsStore {
  get(): Settings
  update(patch: Partial<Settings>): Settings
  /** the file the settings live in, for `app.info` and diagnostics */
  readonly path: string
}

/** Where each number setting may go; the settings page shows and checks the same ranges. */
export const SETTING_RANGES = {
  autoLockMinutes: { min: 1, max: 240 },
  clipboardClearSeconds: { min: 5, max: 300 },
  deemedAcceptanceDays: { min: 1, max: 90 },
  backupKeep: { min: 1, max: 365 },
  maxUnlockedHours: { min: 1, max: 24 }
} as const

// actorName and needsFirstRun live in first-run.ts (zod-free, for the renderer's start)
export { actorName, needsFirstRun } from './first-run'

/** The placeholder releases before the first-run step stored as a name; read as "not set". */
export const LEGACY_UNSET_IMPLEMENTER = '(未设置实施顾问)'
