/**
 * The recovery screen's side in the main process: runs with NO open database, when the start
 * check found the file unusable (cannot be opened, fails quick_check, newer schema). It never
 * deletes or overwrites the damaged file: both actions move it aside first, then hand over to
 * `onRecovered`, which opens the database and builds the Core as a normal start would.
 */
import { existsSync, renameSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { checkDatabase, type DatabaseCheck } from '../db/database-check'
import { backupFilesIn, localBackupDir, readPlainBackup } from '../backup/backup-files'
import { restoreWithoutCore } from '../backup/restore'
import { fsyncDir } from '../shared/atomic-file'
import { DeskError } from '../errors/desk-error'
import type { RecoveryBackup, RecoveryDone, RecoveryStatus } from './recovery-types'

export interface RecoveryOptions {
  dbPath: string
  check: DatabaseCheck
  nativeBinding?: string
  clock?: () => Date
  /** opens the database and starts the app normally; called after a successful action */
  onRecovered: () => void | Promise<void>
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-')
}

export class RecoveryService {
  private done = false
  private running = false

  constructor(private readonly options: RecoveryOptions) {}

  private now(): Date {
    return (this.options.clock ?? (() => new Date()))()
  }

  /** Newest first: the first local plain backup that passes the full check. */
  latestGoodBackup(): (RecoveryBackup & { path: string }) | null {
    const dir = localBackupDir(this.options.dbPath)
    for (const parsed of backupFilesIn(dir)) {
      if (parsed.sealed) continue
      const path = join(dir, parsed.fileName)
      const check = checkDatabase(path, {
        depth: 'full',
        nativeBinding: this.options.nativeBinding
      })
      if (!check.ok) continue
      try {
        const info = readPlainBackup(path, this.options.nativeBinding)
        return {
          path,
          fileName: parsed.fileName,
          createdAt: parsed.createdAt,
          size: statSync(path).size,
          counts: info.counts
        }
      } catch {
        continue
      }
    }
    return null
  }

  status(): RecoveryStatus {
    if (this.done) return { needed: false, latestBackup: null }
    const backup = this.latestGoodBackup()
    return {
      needed: true,
      problem: this.options.check.problem,
      ...(this.options.check.detail ? { detail: this.options.check.detail } : {}),
      dbPath: this.options.dbPath,
      latestBackup: backup
        ? {
            fileName: backup.fileName,
            createdAt: backup.createdAt,
            size: backup.size,
            counts: backup.counts
          }
        : null
    }
  }

  async restoreLatest(): Promise<RecoveryDone> {
    return this.once(async () => {
      const backup = this.latestGoodBackup()
      if (!backup) throw new DeskError('RECOVERY_NO_BACKUP')
      const result = await restoreWithoutCore(this.options.dbPath, backup.path, {
        label: backup.fileName,
        at: this.now(),
        nativeBinding: this.options.nativeBinding
      })
      return { aside: result.aside, restored: backup.fileName }
    })
  }

  /** Keeps the damaged file (and its -wal/-shm) aside; the app then creates a new one. */
  async startFresh(): Promise<RecoveryDone> {
    return this.once(async () => ({ aside: moveAside(this.options.dbPath, this.now()) }))
  }

  private async once(action: () => Promise<RecoveryDone>): Promise<RecoveryDone> {
    if (this.done) throw new DeskError('RECOVERY_NOT_NEEDED')
    if (this.running) throw new DeskError('BACKUP_IN_PROGRESS')
    this.running = true
    try {
      const result = await action()
      this.done = true
      await this.options.onRecovered()
      return result
    } finally {
      this.running = false
    }
  }
}

/** Renames `<db>`, `<db>-wal`, `<db>-shm` to `<db>.damaged-<time>…`; WAL first (see restore.ts). */
export function moveAside(dbPath: string, at: Date): string | null {
  if (!existsSync(dbPath)) return null
  const aside = join(dirname(dbPath), `${basename(dbPath)}.damaged-${stamp(at)}`)
  for (const suffix of ['-wal', '-shm', '']) {
    if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix)
  }
  fsyncDir(dirname(dbPath))
  return aside
}
