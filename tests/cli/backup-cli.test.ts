import { beforeAll, afterEach, describe, expect, it } from 'vitest'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'

const ROOT = resolve(__dirname, '../..')
const DESK = join(ROOT, 'out/cli/desk.cjs')
const dirs: string[] = []
const LANZHOU = { name: '兰州黄河云票科技有限公司', taxId: '91440300MA5G3K7P0R' }
const SHENZHEN = { name: '深圳华为云开票服务有限公司', taxId: '914403001922038216' }

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-bcli-'))
  dirs.push(d)
  return d
}

function desk(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [DESK, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DESK_BACKUP_PASSPHRASE: '', ...env },
    timeout: 20_000
  })
  let json: unknown
  try {
    json = JSON.parse(r.stdout)
  } catch {
    json = null
  }
  return { status: r.status ?? -1, json, stdout: r.stdout, stderr: r.stderr }
}

const errorCode = (json: unknown): string | undefined =>
  (json as { error?: { code?: string } } | null)?.error?.code

beforeAll(() => {
  if (!existsSync(DESK)) {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.cli.config.mts'],
      { cwd: ROOT }
    )
  }
}, 60_000)
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('desk backup and desk restore', () => {
  it('backs up, restores a plain backup, and restores a sealed one with DESK_BACKUP_PASSPHRASE', () => {
    const dir = tempDir()
    const db = join(dir, 'desk.sqlite')
    const usb = join(dir, 'usb')
    mkdirSync(usb)
    expect(desk(['--db', db, 'call', 'customers.create', JSON.stringify(LANZHOU)]).status).toBe(0)
    expect(
      desk(['--db', db, 'call', 'backup.setFolder', JSON.stringify({ path: usb })]).status
    ).toBe(0)
    const plain = desk(['--db', db, 'backup'])
    expect(plain.status).toBe(0)
    const sealed = desk(['--db', db, 'backup', '--sealed'], {
      DESK_BACKUP_PASSPHRASE: 'usb passphrase 1'
    })
    expect(sealed.status).toBe(0)
    const sealedName = (sealed.json as { external: { fileName: string } }).external.fileName
    expect(desk(['--db', db, 'call', 'customers.create', JSON.stringify(SHENZHEN)]).status).toBe(0)

    const wrong = desk(['--db', db, 'restore', join(usb, sealedName)], {
      DESK_BACKUP_PASSPHRASE: 'not the passphrase'
    })
    expect(wrong.status).toBe(2)
    expect(errorCode(wrong.json)).toBe('BACKUP_BAD_PASSPHRASE')

    const restored = desk(['--db', db, 'restore', join(usb, sealedName)], {
      DESK_BACKUP_PASSPHRASE: 'usb passphrase 1'
    })
    expect(restored.status).toBe(0)
    expect(restored.json).toMatchObject({ reloaded: true, counts: { customers: 1 } })

    const plainFile = join(
      dir,
      'backups',
      (plain.json as { local: { fileName: string } }).local.fileName
    )
    expect(desk(['--db', db, 'restore', plainFile]).status).toBe(0)
  }, 120_000)

  it('restores over a damaged database, keeping the damaged file aside', () => {
    const dir = tempDir()
    const db = join(dir, 'desk.sqlite')
    desk(['--db', db, 'call', 'customers.create', JSON.stringify(LANZHOU)])
    const backup = desk(['--db', db, 'backup'])
    const file = join(
      dir,
      'backups',
      (backup.json as { local: { fileName: string } }).local.fileName
    )
    const garbage = randomBytes(16_384)
    writeFileSync(db, garbage)
    for (const s of ['-wal', '-shm']) rmSync(db + s, { force: true })
    expect(errorCode(desk(['--db', db, 'doctor']).json)).toBe('DB_NOT_SQLITE')
    const restored = desk(['--db', db, 'restore', file])
    expect(restored.status).toBe(0)
    const aside = (restored.json as { aside: string }).aside
    expect(readFileSync(aside).equals(garbage)).toBe(true)
    expect(desk(['--db', db, 'doctor']).status).toBe(0)
  })
})

describe('CLI mistakes are refusals (exit 2, a message, no stack trace)', () => {
  it('refuses a missing CSV, a missing passphrase file and a missing backup file', () => {
    const dir = tempDir()
    const db = join(dir, 'desk.sqlite')
    for (const args of [
      ['customers', 'import', join(dir, 'none.csv')],
      ['--passphrase-file', join(dir, 'none.txt'), 'call', 'vault.status'],
      ['restore', join(dir, 'none.sqlite')],
      ['backup', '--backup-passphrase-file', join(dir, 'none.txt')]
    ]) {
      const r = desk(['--db', db, ...args])
      expect(r.status).toBe(2)
      expect(errorCode(r.json)).toBe('FILE_NOT_READABLE')
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
  })

  it('refuses a --db that is a folder, a FIFO, a /proc file or not SQLite, without hanging', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'folder'))
    execFileSync('mkfifo', [join(dir, 'fifo')])
    writeFileSync(join(dir, 'notes.txt'), '企业名称,企业税号\n')
    const cases: [string, string][] = [
      [join(dir, 'folder'), 'DB_NOT_A_FILE'],
      [join(dir, 'fifo'), 'DB_NOT_A_FILE'],
      ['/proc/self/status', 'DB_NOT_A_FILE'],
      ['/proc/1/fd/0', 'DB_NOT_A_FILE'],
      [join(dir, 'notes.txt'), 'DB_NOT_SQLITE']
    ]
    for (const [db, code] of cases) {
      const r = desk(['--db', db, 'call', 'app.info'])
      expect(r.status, db).toBe(2)
      expect(errorCode(r.json)).toBe(code)
      expect(r.stderr).not.toMatch(/\n\s+at /)
    }
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('企业名称,企业税号\n')
  })

  it('answers DB_BUSY (exit 2) while another process holds the write lock', async () => {
    const dir = tempDir()
    const db = join(dir, 'desk.sqlite')
    expect(desk(['--db', db, 'call', 'customers.create', JSON.stringify(LANZHOU)]).status).toBe(0)
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))});
         const db = new D(${JSON.stringify(db)});
         db.exec('BEGIN IMMEDIATE');
         db.exec("UPDATE customers SET notes = 'held' WHERE id = 1");
         process.stdout.write('locked\\n');
         setInterval(() => {}, 1000);`
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    await new Promise<void>((done) => holder.stdout?.once('data', () => done()))
    const started = Date.now()
    const r = desk(['--db', db, 'call', 'customers.create', JSON.stringify(SHENZHEN)])
    expect(r.status).toBe(2)
    expect(errorCode(r.json)).toBe('DB_BUSY')
    // busy_timeout is 5 s: the refusal comes then, not when the holder lets go (it never does)
    expect(Date.now() - started).toBeGreaterThanOrEqual(5000)
    holder.kill()
    await new Promise((done) => holder.once('exit', done))
    expect(desk(['--db', db, 'call', 'customers.create', JSON.stringify(SHENZHEN)]).status).toBe(0)
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  }, 120_000)
})
