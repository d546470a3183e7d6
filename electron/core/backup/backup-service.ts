/**
 * Backups and restore: when they are made (daily at start, before imports, migrations and
 * restores, on request), where (`backups/` beside the database, sealed copies in the
 * external folder), how many are kept, and the checks before a restore swaps anything.
 */
import { createReadStream, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from '../db/database'
import { DeskError } from '../errors/desk-error'
import type { SettingsStore } from '../settings/settings-schema'
import { cleanStaleTempFiles } from '../shared/atomic-file'
import { localDate, recordAudit, type ServiceContext } from '../shared/service-context'
import {
  backupFilesIn,
  entryFor,
  fileSize,
  hasData,
  hasVault,
  localBackupDir,
  parseBackupId,
  readCounts,
  readPlainBackup,
  rotate,
  type ParsedName
} from './backup-files'
import type {
  BackupCounts,
  BackupCreateResult,
  BackupEntry,
  BackupKind,
  BackupList,
  BackupLocation,
  BackupRestoreResult
} from './backup-types'
import { checkCandidate, openCandidate, restoreIntoLive } from './restore'
import { readSealedHeader, sealToFile, type SealScryptParams } from './sealed-file'
import { freeBackupName, snapshotDatabase } from './snapshot'

/** A sealed backup leaves the laptop: its passphrase must be worth something. */
export const MIN_BACKUP_PASSPHRASE = 8

export interface BackupServiceOptions {
  dbPath: string
  settings: SettingsStore
  appVersion: string
  clock: () => Date
  nativeBinding?: string
  /** scrypt cost of sealed files; tests lower it, the app keeps the default */
  scrypt?: SealScryptParams
  /** drops in-memory state that belonged to the replaced data (the unlocked vault key) */
  onRestored?: () => void
}

export interface CreateBackupRequest {
  kind?: BackupKind
  sealed?: boolean
  passphrase?: string
}

export class BackupService {
  private readonly db: Db
  private running = false
  /** what each plain backup holds, by name and size: reading 14 files on every list is waste */
  private readonly infoCache = new Map<string, BackupEntry>()

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: BackupServiceOptions
  ) {
    this.db = ctx.db
  }

  get localDir(): string {
    return localBackupDir(this.options.dbPath)
  }

  /** The external folder from Settings, when one is chosen and reachable now. */
  private externalDir(): string | null {
    const dir = this.options.settings.get().backupDir
    if (!dir) return null
    try {
      return statSync(dir).isDirectory() ? dir : null
    } catch {
      return null
    }
  }

  private keep(): number {
    return this.options.settings.get().backupKeep
  }

  /** One backup or restore at a time: a second one is refused, not queued. */
  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.running) throw new DeskError('BACKUP_IN_PROGRESS')
    this.running = true
    try {
      return await work()
    } finally {
      this.running = false
    }
  }

  async create(request: CreateBackupRequest = {}): Promise<BackupCreateResult> {
    const sealed = request.sealed ?? false
    let externalDir: string | null = null
    if (sealed) {
      externalDir = this.externalDir()
      if (!externalDir) throw new DeskError('BACKUP_FOLDER_NOT_SET')
      if (!request.passphrase) throw new DeskError('REQUIRED', { field: 'passphrase' })
      if ([...request.passphrase].length < MIN_BACKUP_PASSPHRASE) {
        throw new DeskError('VAULT_WEAK_PASSPHRASE', {
          field: 'passphrase',
          params: { min: MIN_BACKUP_PASSPHRASE }
        })
      }
    }
    return this.exclusive(async () => {
      const local = await this.snapshot(request.kind ?? 'manual')
      const rotated = rotate(this.localDir, this.keep())
      let external: BackupEntry | null = null
      if (externalDir && request.passphrase) {
        external = await this.seal(local, externalDir, request.passphrase)
        rotated.push(...rotate(externalDir, this.keep()))
      }
      recordAudit(this.ctx, 'backup.create', 'backup', null, {
        kind: local.kind,
        fileName: local.fileName,
        sealed: external !== null,
        counts: local.counts
      })
      return { local, external, rotated }
    })
  }

  /** A checked plain backup in `backups/`. */
  private async snapshot(kind: BackupKind): Promise<BackupEntry> {
    const dir = this.localDir
    mkdirSync(dir, { recursive: true })
    const name = freeBackupName(dir, this.options.clock(), kind, false)
    await writeRefusal(dir, snapshotDatabase(this.db, join(dir, name), this.options.nativeBinding))
    return this.describe('local', dir, name)
  }

  private async seal(local: BackupEntry, dir: string, passphrase: string): Promise<BackupEntry> {
    const name = freeBackupName(dir, new Date(local.createdAt), local.kind, true)
    const sealing = sealToFile(
      join(dir, name),
      createReadStream(join(this.localDir, local.fileName), { highWaterMark: 1 << 20 }),
      {
        passphrase,
        kind: 'backup',
        createdAt: local.createdAt,
        appVersion: this.options.appVersion,
        meta: { schemaVersion: local.schemaVersion, counts: local.counts, source: local.fileName },
        scrypt: this.options.scrypt
      }
    )
    await writeRefusal(dir, sealing)
    return this.describe('external', dir, name)
  }

  /** What one backup file holds, from the file itself (a damaged one says so). */
  private async describe(
    location: BackupLocation,
    dir: string,
    name: string | ParsedName
  ): Promise<BackupEntry> {
    const parsed =
      typeof name === 'string' ? backupFilesIn(dir).find((p) => p.fileName === name) : name
    if (!parsed) throw new DeskError('NOT_FOUND', { field: 'backupId' })
    const path = join(dir, parsed.fileName)
    const size = fileSize(path)
    const cacheKey = `${location}:${parsed.fileName}:${size}`
    const cached = this.infoCache.get(cacheKey)
    if (cached) return cached
    const unreadable = {
      size,
      schemaVersion: null,
      counts: null,
      appVersion: null,
      readable: false
    }
    let entry: BackupEntry
    try {
      if (parsed.sealed) {
        const { header } = await readSealedHeader(path)
        const meta = header.meta as { schemaVersion?: unknown; counts?: unknown }
        entry = entryFor(location, parsed, {
          size,
          schemaVersion: typeof meta.schemaVersion === 'number' ? meta.schemaVersion : null,
          counts: isCounts(meta.counts) ? meta.counts : null,
          appVersion: header.appVersion,
          readable: true
        })
      } else {
        const info = readPlainBackup(path, this.options.nativeBinding)
        entry = entryFor(location, parsed, {
          size,
          schemaVersion: info.schemaVersion,
          counts: info.counts,
          appVersion: null,
          readable: true
        })
      }
    } catch {
      entry = entryFor(location, parsed, unreadable)
    }
    this.infoCache.set(cacheKey, entry)
    return entry
  }

  /** Every backup in both folders, newest first, and whether the external one is there. */
  async list(): Promise<BackupList> {
    const chosen = this.options.settings.get().backupDir !== ''
    const available = this.externalDir() !== null
    return {
      items: await this.entries(),
      external: !chosen ? 'none' : available ? 'available' : 'unavailable'
    }
  }

  private async entries(): Promise<BackupEntry[]> {
    const entries: BackupEntry[] = []
    const dirs: [BackupLocation, string | null][] = [
      ['local', this.localDir],
      ['external', this.externalDir()]
    ]
    for (const [location, dir] of dirs) {
      if (!dir) continue
      for (const parsed of backupFilesIn(dir))
        entries.push(await this.describe(location, dir, parsed))
    }
    return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  private pathOf(backupId: string): { path: string; label: string } {
    const { location, fileName } = parseBackupId(backupId)
    const dir = location === 'local' ? this.localDir : this.externalDir()
    if (!dir) throw new DeskError('BACKUP_FOLDER_NOT_SET')
    const path = join(dir, fileName)
    try {
      if (!statSync(path).isFile()) throw new Error('not a file')
    } catch {
      throw new DeskError('NOT_FOUND', { field: 'backupId' })
    }
    return { path, label: fileName }
  }

  /** Restores a listed backup; see restore.ts for how the swap keeps every handle valid. */
  async restore(request: { backupId: string; passphrase?: string }): Promise<BackupRestoreResult> {
    const { path, label } = this.pathOf(request.backupId)
    return this.restoreFile(path, label, request.passphrase)
  }

  /** Restores any backup file (the CLI's `desk restore FILE`). */
  restoreFile(path: string, label: string, passphrase?: string): Promise<BackupRestoreResult> {
    return this.exclusive(async () => {
      mkdirSync(this.localDir, { recursive: true })
      const candidate = await openCandidate(path, passphrase, this.localDir)
      try {
        checkCandidate(candidate.path, {
          currentHasVault: hasVault(this.db),
          label,
          nativeBinding: this.options.nativeBinding
        })
        const previous = await this.snapshot('pre-restore')
        const schemaVersion = await restoreIntoLive(
          this.db,
          this.options.dbPath,
          candidate.path,
          this.options.nativeBinding
        )
        this.options.onRestored?.()
        const counts = readCounts(this.db)
        recordAudit(this.ctx, 'backup.restore', 'backup', null, {
          fileName: label,
          previous: previous.fileName,
          counts
        })
        rotate(this.localDir, this.keep())
        const restored = await this.describeFile(path, label)
        return { restored, previous, schemaVersion, counts, reloaded: true }
      } finally {
        await candidate.dispose()
      }
    })
  }

  private async describeFile(path: string, label: string): Promise<BackupEntry> {
    const dirs: [BackupLocation, string | null][] = [
      ['local', this.localDir],
      ['external', this.externalDir()]
    ]
    for (const [location, dir] of dirs) {
      if (dir && join(dir, label) === path) return this.describe(location, dir, label)
    }
    const info = readPlainBackup(path, this.options.nativeBinding)
    return {
      id: `file:${label}`,
      location: 'local',
      fileName: label,
      kind: 'manual',
      createdAt: new Date(statSync(path).mtimeMs).toISOString(),
      size: fileSize(path),
      sealed: false,
      schemaVersion: info.schemaVersion,
      counts: info.counts,
      appVersion: null,
      readable: true
    }
  }

  /**
   * At start: removes temp files a crash left, then makes the daily backup unless one was
   * made today (local date) or there is nothing to lose yet.
   */
  async atStart(): Promise<BackupEntry | null> {
    cleanStaleTempFiles(this.localDir)
    const external = this.externalDir()
    if (external) cleanStaleTempFiles(external)
    if (!hasData(this.db)) return null
    const today = localDate(this.options.clock())
    const madeToday = backupFilesIn(this.localDir).some(
      (p) => p.kind === 'auto' && localDate(new Date(p.createdAt)) === today
    )
    if (madeToday) return null
    return (await this.create({ kind: 'auto' })).local
  }

  /** Before an import rewrites many rows: a backup to go back to. Others call this. */
  async backupBeforeImport(): Promise<BackupEntry | null> {
    if (!hasData(this.db)) return null
    return (await this.create({ kind: 'pre-import' })).local
  }

  /** Chooses (or with null, clears) the external folder for sealed backups. */
  setFolder(dir: string | null): { backupDir: string } {
    if (dir !== null) {
      try {
        if (!statSync(dir).isDirectory()) throw new Error('not a folder')
      } catch {
        throw new DeskError('FILE_NOT_READABLE', { field: 'path', params: { path: dir } })
      }
    }
    const next = this.options.settings.update({ backupDir: dir ?? '' })
    return { backupDir: next.backupDir }
  }
}

/** A full disk or a pulled USB stick is an answer for the user, not an internal error. */
async function writeRefusal<T>(dir: string, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof DeskError) throw error
    const code = (error as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new DeskError('FILE_WRITE_FAILED', { params: { path: dir, reason: code } })
    }
    throw error
  }
}

function isCounts(value: unknown): value is BackupCounts {
  if (value === null || typeof value !== 'object') return false
  const v = value as Record<string, unknown>
  return ['customers', 'deliveries', 'credentials', 'forms'].every((k) => typeof v[k] === 'number')
}
