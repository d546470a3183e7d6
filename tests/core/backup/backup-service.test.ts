import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openNodeCore } from '../../../electron/core/node-core'
import type { Core } from '../../../electron/core/core'
import { openDatabase } from '../../../electron/core/db/database'
import { MIGRATIONS } from '../../../electron/core/db/migrations'
import { DeskError } from '../../../electron/core/errors/desk-error'
import { restoreWithoutCore } from '../../../electron/core/backup/restore'
import { tempPathFor } from '../../../electron/core/shared/atomic-file'
import { contentHash } from '../contract/fuzz-harness'
import { LANZHOU, SHENZHEN } from '../../support/temp-core'

const FAST = { n: 2 ** 10, r: 8, p: 1 }
const VAULT_PASS = '黄河远上白云间 2026!'
const dirs: string[] = []
const cores: Core[] = []

function setup(start = '2026-03-01T08:00:00.000Z') {
  const dir = mkdtempSync(join(tmpdir(), 'desk-backup-'))
  dirs.push(dir)
  let now = Date.parse(start)
  const dbPath = join(dir, 'desk.sqlite')
  const core = openNodeCore(dbPath, { clock: () => new Date(now), scryptParams: FAST })
  cores.push(core)
  return {
    dir,
    dbPath,
    core,
    backupsDir: join(dir, 'backups'),
    tick: (ms: number) => {
      now += ms
    }
  }
}

afterEach(() => {
  for (const c of cores.splice(0)) if (c.deps.db.open) c.deps.db.close()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

async function refusal(promise: Promise<unknown>): Promise<DeskError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const customerCount = (core: Core): number =>
  (core.deps.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n

describe('backups', () => {
  it('writes a checked, self-contained backup with its counts and leaves no temp file', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    const { local } = await t.core.backups.create()
    expect(local).toMatchObject({
      location: 'local',
      kind: 'manual',
      sealed: false,
      readable: true,
      schemaVersion: MIGRATIONS.at(-1)?.version,
      counts: { customers: 1, deliveries: 0, credentials: 0, forms: 0 }
    })
    expect(readdirSync(t.backupsDir)).toEqual([local.fileName])
    const copy = new Database(join(t.backupsDir, local.fileName), { readonly: true })
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete')
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    copy.close()
  })

  it('keeps only the newest N backups (the setting)', async () => {
    const t = setup()
    t.core.deps.settings.update({ backupKeep: 3 })
    const made: string[] = []
    for (let i = 0; i < 5; i++) {
      made.push((await t.core.backups.create()).local.fileName)
      t.tick(1000)
    }
    expect(readdirSync(t.backupsDir).sort()).toEqual(made.slice(2).sort())
    expect((await t.core.backups.list()).items.map((e) => e.fileName)).toEqual(
      made.slice(2).reverse()
    )
  })

  it('makes the daily backup at start once per day, none for an empty database', async () => {
    const t = setup()
    expect(await t.core.backups.atStart()).toBeNull()
    t.core.customers.create(LANZHOU)
    expect((await t.core.backups.atStart())?.kind).toBe('auto')
    t.tick(3600_000)
    expect(await t.core.backups.atStart()).toBeNull()
    t.tick(24 * 3600_000)
    expect((await t.core.backups.atStart())?.kind).toBe('auto')
    expect(readdirSync(t.backupsDir)).toHaveLength(2)
  })

  it('removes temp files a killed backup left, at start', async () => {
    const t = setup()
    mkdirSync(t.backupsDir)
    // the name the snapshot writer gives its copy, for a process that is gone (above pid_max)
    const stale = basename(tempPathFor(join(t.backupsDir, 'delivery-desk-x.sqlite'), 4194305))
    writeFileSync(join(t.backupsDir, stale), 'partial')
    await t.core.backups.atStart()
    expect(readdirSync(t.backupsDir)).not.toContain(stale)
  })

  it('backs up before an import when there is data to lose', async () => {
    const t = setup()
    expect(await t.core.backups.backupBeforeImport()).toBeNull()
    t.core.customers.create(LANZHOU)
    expect((await t.core.backups.backupBeforeImport())?.kind).toBe('pre-import')
  })

  it('backs up a file with data before migrating it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-backup-'))
    dirs.push(dir)
    const path = join(dir, 'old.sqlite')
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 2) })
    old
      .prepare(
        "INSERT INTO customers (name, tax_id, created_at, updated_at) VALUES ('甲', 'X', 'a', 'a')"
      )
      .run()
    old.close()
    openDatabase(path).close()
    const names = readdirSync(join(dir, 'backups'))
    expect(names).toHaveLength(1)
    expect(names[0]).toMatch(/-pre-migration\.sqlite$/)
    const copy = new Database(join(dir, 'backups', names[0] as string), { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(2)
    copy.close()
  })

  it('refuses a second backup while one runs', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    const first = t.core.backups.create()
    expect((await refusal(t.core.backups.create())).code).toBe('BACKUP_IN_PROGRESS')
    await first
  })
})

describe('restore', () => {
  it('brings a backup back under the same handle, keeps the replaced data as a backup, locks the vault', async () => {
    const t = setup()
    await t.core.vault.setup(VAULT_PASS)
    await t.core.vault.unlock(VAULT_PASS)
    t.core.customers.create(LANZHOU)
    const { local } = await t.core.backups.create()
    t.tick(1000)
    t.core.customers.create(SHENZHEN)
    const other = new Database(t.dbPath, { readonly: true })
    const result = await t.core.backups.restore({ backupId: local.id })
    expect(result).toMatchObject({ reloaded: true, counts: { customers: 1 } })
    expect(result.previous).toMatchObject({ kind: 'pre-restore', counts: { customers: 2 } })
    expect(customerCount(t.core)).toBe(1)
    // another connection on the file sees the restored content too
    expect((other.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(1)
    other.close()
    expect(t.core.vault.isUnlocked()).toBe(false)
    expect(t.core.audit.list({ action: 'backup.restore' }).total).toBe(1)
  })

  it('migrates a restored backup from an older schema', async () => {
    const t = setup()
    mkdirSync(t.backupsDir)
    const old = openDatabase(join(t.dir, 'old.sqlite'), { migrations: MIGRATIONS.slice(0, 2) })
    old
      .prepare(
        "INSERT INTO customers (name, tax_id, created_at, updated_at) VALUES ('甲', 'X', 'a', 'a')"
      )
      .run()
    old.pragma('journal_mode = DELETE')
    old.close()
    const name = 'delivery-desk-20260101-000000-000-manual.sqlite'
    copyFileSync(join(t.dir, 'old.sqlite'), join(t.backupsDir, name))
    const result = await t.core.backups.restore({ backupId: `local:${name}` })
    expect(result.schemaVersion).toBe(MIGRATIONS.at(-1)?.version)
    expect(customerCount(t.core)).toBe(1)
  })

  it('restores a backup made with another page size', async () => {
    const t = setup()
    mkdirSync(t.backupsDir)
    const name = 'delivery-desk-20260101-000000-000-manual.sqlite'
    const foreign = new Database(join(t.backupsDir, name))
    foreign.pragma('page_size = 1024')
    foreign.exec('CREATE TABLE first_page (a)')
    foreign.close()
    const migrated = openDatabase(join(t.backupsDir, name))
    migrated
      .prepare(
        "INSERT INTO customers (name, tax_id, created_at, updated_at) VALUES ('甲', 'X', 'a', 'a')"
      )
      .run()
    migrated.pragma('journal_mode = DELETE')
    expect(migrated.pragma('page_size', { simple: true })).toBe(1024)
    migrated.close()
    await t.core.backups.restore({ backupId: `local:${name}` })
    expect(customerCount(t.core)).toBe(1)
    expect(t.core.deps.db.pragma('page_size', { simple: true })).toBe(4096)
  })

  it('refuses a backup without the vault when the current database has one, changing nothing', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    const { local } = await t.core.backups.create()
    await t.core.vault.setup(VAULT_PASS)
    const before = contentHash(t.core.deps.db)
    const backupsBefore = readdirSync(t.backupsDir)
    expect((await refusal(t.core.backups.restore({ backupId: local.id }))).code).toBe(
      'BACKUP_NO_VAULT'
    )
    expect(contentHash(t.core.deps.db)).toBe(before)
    expect(readdirSync(t.backupsDir)).toEqual(backupsBefore)
  })

  it('refuses truncated, zeroed, random-byte and newer-schema backups, changing nothing', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    const { local } = await t.core.backups.create()
    const good = readFileSync(join(t.backupsDir, local.fileName))
    t.core.customers.create(SHENZHEN)
    const newer = join(t.dir, 'newer.sqlite')
    writeFileSync(newer, good)
    const raw = new Database(newer)
    raw.pragma('user_version = 99')
    raw.close()
    const cases: [string, Buffer, string][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2)), 'DB_CORRUPT'],
      ['zeroed', Buffer.alloc(good.length), 'DB_NOT_SQLITE'],
      ['random', randomBytes(good.length), 'DB_NOT_SQLITE'],
      ['newer', readFileSync(newer), 'DB_SCHEMA_TOO_NEW']
    ]
    const before = contentHash(t.core.deps.db)
    for (const [i, [, bytes, code]] of cases.entries()) {
      const name = `delivery-desk-20250101-00000${i}-000-manual.sqlite`
      writeFileSync(join(t.backupsDir, name), bytes)
      const listed = (await t.core.backups.list()).items.find((e) => e.fileName === name)
      expect(listed).toBeDefined()
      const error = await refusal(t.core.backups.restore({ backupId: `local:${name}` }))
      expect(error.code).toBe(code)
      expect(contentHash(t.core.deps.db)).toBe(before)
    }
    expect(readdirSync(t.backupsDir).filter((n) => n.includes('pre-restore'))).toEqual([])
  })

  it('refuses ids that are paths or unknown', async () => {
    const t = setup()
    for (const backupId of ['local:../desk.sqlite', 'local:/etc/passwd', 'x:y', 'local:']) {
      expect((await refusal(t.core.backups.restore({ backupId }))).code).toBe('NOT_FOUND')
    }
  })
})

describe('sealed backups in the external folder', () => {
  it('needs the folder and a passphrase of at least 8 characters', async () => {
    const t = setup()
    expect((await refusal(t.core.backups.create({ sealed: true, passphrase: 'x' }))).code).toBe(
      'BACKUP_FOLDER_NOT_SET'
    )
    mkdirSync(join(t.dir, 'usb'))
    t.core.backups.setFolder(join(t.dir, 'usb'))
    expect((await refusal(t.core.backups.create({ sealed: true }))).code).toBe('REQUIRED')
    expect((await refusal(t.core.backups.create({ sealed: true, passphrase: 'short' }))).code).toBe(
      'VAULT_WEAK_PASSPHRASE'
    )
  })

  it('writes a sealed copy, lists it with its counts, restores it with the right passphrase only', async () => {
    const t = setup()
    const usb = join(t.dir, 'usb')
    mkdirSync(usb)
    t.core.backups.setFolder(usb)
    t.core.customers.create(LANZHOU)
    const { external } = await t.core.backups.create({
      sealed: true,
      passphrase: 'usb passphrase 1'
    })
    expect(external).toMatchObject({ location: 'external', sealed: true, counts: { customers: 1 } })
    const sealedBytes = readFileSync(join(usb, external?.fileName as string))
    expect(sealedBytes.includes(Buffer.from(LANZHOU.name))).toBe(false)
    const list = await t.core.backups.list()
    expect(list.external).toBe('available')
    expect(list.items.filter((e) => e.sealed)).toHaveLength(1)

    t.tick(1000)
    t.core.customers.create(SHENZHEN)
    const before = contentHash(t.core.deps.db)
    const id = external?.id as string
    expect((await refusal(t.core.backups.restore({ backupId: id }))).code).toBe('REQUIRED')
    expect(
      (await refusal(t.core.backups.restore({ backupId: id, passphrase: 'wrong passphrase' }))).code
    ).toBe('BACKUP_BAD_PASSPHRASE')
    const changed = Buffer.from(sealedBytes)
    changed[changed.length - 100] = (changed[changed.length - 100] as number) ^ 1
    writeFileSync(join(usb, external?.fileName as string), changed)
    expect(
      (await refusal(t.core.backups.restore({ backupId: id, passphrase: 'usb passphrase 1' }))).code
    ).toBe('BACKUP_DAMAGED')
    expect(contentHash(t.core.deps.db)).toBe(before)

    writeFileSync(join(usb, external?.fileName as string), sealedBytes)
    await t.core.backups.restore({ backupId: id, passphrase: 'usb passphrase 1' })
    expect(customerCount(t.core)).toBe(1)
    expect(readdirSync(t.backupsDir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('answers FILE_WRITE_FAILED when the folder refuses the write, keeping the local backup', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    t.core.backups.setFolder('/proc/self') // a folder no one, not even root, can create files in
    const error = await refusal(
      t.core.backups.create({ sealed: true, passphrase: 'usb passphrase 1' })
    )
    expect(error.code).toBe('FILE_WRITE_FAILED')
    expect(readdirSync(t.backupsDir)).toHaveLength(1)
  })

  it('says when the chosen folder is not reachable', async () => {
    const t = setup()
    mkdirSync(join(t.dir, 'usb'))
    t.core.backups.setFolder(join(t.dir, 'usb'))
    rmSync(join(t.dir, 'usb'), { recursive: true })
    expect((await t.core.backups.list()).external).toBe('unavailable')
  })
})

describe('recovery without a core', () => {
  it('replaces a damaged database with a backup and keeps the damaged file aside', async () => {
    const t = setup()
    t.core.customers.create(LANZHOU)
    const { local } = await t.core.backups.create()
    t.core.deps.db.close()
    const damaged = randomBytes(8192)
    writeFileSync(t.dbPath, damaged)
    rmSync(`${t.dbPath}-wal`, { force: true })
    rmSync(`${t.dbPath}-shm`, { force: true })
    const result = await restoreWithoutCore(t.dbPath, join(t.backupsDir, local.fileName), {
      label: local.fileName,
      at: new Date('2026-03-02T00:00:00Z')
    })
    expect(readFileSync(result.aside as string).equals(damaged)).toBe(true)
    const reopened = openNodeCore(t.dbPath)
    cores.push(reopened)
    expect(customerCount(reopened)).toBe(1)
  })
})
