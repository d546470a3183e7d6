/** What crosses the contract for backups. */

/** Why a backup was made: by the user, daily at start, or before something that rewrites data. */
export const BACKUP_KINDS = [
  'manual',
  'auto',
  'pre-migration',
  'pre-restore',
  'pre-import'
] as const
export type BackupKind = (typeof BACKUP_KINDS)[number]

/** `local`: `backups/` beside the database; `external`: the folder from Settings (sealed). */
export type BackupLocation = 'local' | 'external'

export interface BackupCounts {
  customers: number
  deliveries: number
  /** current secrets (replaced values kept as history are not counted) */
  credentials: number
  forms: number
}

export interface BackupEntry {
  /** `<location>:<file name>`, what `backup.restore` takes */
  id: string
  location: BackupLocation
  fileName: string
  kind: BackupKind
  createdAt: string
  size: number
  sealed: boolean
  /** null when the file cannot be read (damaged); such a backup cannot be restored */
  schemaVersion: number | null
  counts: BackupCounts | null
  appVersion: string | null
  /** false when the file failed its check; the list still shows it, restore refuses it */
  readable: boolean
}

export interface BackupCreateResult {
  /** the checked plain backup in `backups/` */
  local: BackupEntry
  /** the sealed copy in the external folder, when asked for */
  external: BackupEntry | null
  /** files removed by rotation */
  rotated: string[]
}

export interface BackupRestoreResult {
  restored: BackupEntry
  /** the backup of the file that was replaced, made just before */
  previous: BackupEntry
  schemaVersion: number
  counts: BackupCounts
  /**
   * The data under the app changed: the vault is locked again and every view must reload.
   * The database handle stays the same one (see restore.ts), so transports keep working.
   */
  reloaded: true
}

export interface BackupList {
  /** newest first, both folders */
  items: BackupEntry[]
  /** the external folder: not chosen, chosen and reachable, or chosen but not reachable now */
  external: 'none' | 'available' | 'unavailable'
}
