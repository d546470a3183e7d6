import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, SchemaTooNewError } from '../../../electron/core/db/database'
import { realDatabase } from '../../support/real-database'
import {
  checkDatabase,
  DatabaseOpenError,
  LATEST_SCHEMA_VERSION
} from '../../../electron/core/db/database-check'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-check-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('checkDatabase', () => {
  it('passes a healthy database and reads its schema version', () => {
    const path = realDatabase(tempDir())
    expect(checkDatabase(path, { depth: 'full' })).toEqual({
      ok: true,
      schemaVersion: LATEST_SCHEMA_VERSION
    })
  })

  it('names a missing file, a folder, a FIFO and a /proc file without opening them', () => {
    const dir = tempDir()
    expect(checkDatabase(join(dir, 'none.sqlite')).problem).toBe('missing')
    expect(checkDatabase(join(dir, 'none.sqlite'), { allowMissing: true }).ok).toBe(true)
    mkdirSync(join(dir, 'folder'))
    expect(checkDatabase(join(dir, 'folder')).problem).toBe('not_a_file')
    execFileSync('mkfifo', [join(dir, 'fifo')])
    expect(checkDatabase(join(dir, 'fifo')).problem).toBe('not_a_file')
    expect(checkDatabase('/proc/self/status').problem).toBe('not_a_file')
  })

  it('refuses text, zeroed and random-byte files as not SQLite, and changes none of them', () => {
    const dir = tempDir()
    const cases = {
      text: Buffer.from('name,taxId\n兰州,9144\n'),
      zeroed: Buffer.alloc(8192),
      random: randomBytes(8192)
    }
    for (const [name, bytes] of Object.entries(cases)) {
      const path = join(dir, name)
      writeFileSync(path, bytes)
      const before = sha(path)
      expect(checkDatabase(path).problem).toBe('not_sqlite')
      expect(() => openDatabase(path)).toThrow(DatabaseOpenError)
      expect(sha(path)).toBe(before)
      expect(readdirSync(dir).filter((n) => n.startsWith(name))).toEqual([name])
    }
  })

  it('finds a truncated database corrupt and a damaged page corrupt, changing neither', () => {
    const dir = tempDir()
    const whole = readFileSync(realDatabase(dir, 'whole.sqlite'))
    const truncated = join(dir, 'truncated.sqlite')
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)))
    const damaged = join(dir, 'damaged.sqlite')
    const bytes = Buffer.from(whole)
    randomBytes(4096).copy(bytes, 4096 * 3)
    writeFileSync(damaged, bytes)
    for (const path of [truncated, damaged]) {
      const before = sha(path)
      expect(checkDatabase(path, { depth: 'full' })).toMatchObject({
        ok: false,
        problem: 'corrupt'
      })
      expect(sha(path)).toBe(before)
    }
  })

  it('names a newer schema, and opening it throws SchemaTooNewError without migrating', () => {
    const path = realDatabase(tempDir())
    const raw = new Database(path)
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`)
    raw.close()
    expect(checkDatabase(path)).toMatchObject({ ok: false, problem: 'newer_schema' })
    const error = (() => {
      try {
        openDatabase(path)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(SchemaTooNewError)
    expect((error as SchemaTooNewError).problem).toBe('newer_schema')
  })
})
