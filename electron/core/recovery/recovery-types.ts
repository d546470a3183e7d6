/** What the recovery screen shows and what its two actions answer. */
import type { DatabaseProblem } from '../db/database-check'
import type { BackupCounts } from '../backup/backup-types'

export interface RecoveryBackup {
  fileName: string
  createdAt: string
  size: number
  counts: BackupCounts
}

export interface RecoveryStatus {
  /** false once the database opened (the app runs normally) */
  needed: boolean
  problem?: DatabaseProblem
  /** SQLite's or the OS's own words, shown under "details" */
  detail?: string
  dbPath?: string
  /** the newest local backup that passed integrity_check and is not newer than the app */
  latestBackup: RecoveryBackup | null
}

export interface RecoveryDone {
  /** where the damaged file was kept (never deleted), or null when there was none */
  aside: string | null
  /** the backup put in place (restoreLatest) */
  restored?: string
}
