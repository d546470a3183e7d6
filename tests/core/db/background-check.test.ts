import { afterEach, describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../../electron/core/db/database'
import { checkDatabase, headerDamage } from '../../../electron/core/db/database-check'
import { checkDatabaseInBackground } from '../../../electron/core/db/background-check'
import { realDatabase } from '../../support/real-database'

const dirs: string[] = []
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'desk-bgcheck-'))
  dirs.push(d)
  return d
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

describe('the start check and the quick_check after start', () => {
  it('passes a healthy database at start and in the background, while it is open', async () => {
    const path = realDatabase(tempDir())
    expect(checkDatabase(path, { depth: 'start' })).toMatchObject({ ok: true })
    const db = openDatabase(path)
    try {
      expect(await checkDatabaseInBackground(path)).toEqual({ ok: true })
    } finally {
      db.close()
    }
  })

  it('finds a truncated file at start from its header, without reading its pages', () => {
    const dir = tempDir()
    const whole = readFileSync(realDatabase(dir, 'whole.sqlite'))
    const truncated = join(dir, 'truncated.sqlite')
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)))
    expect(checkDatabase(truncated, { depth: 'start' })).toMatchObject({
      ok: false,
      problem: 'corrupt',
      detail: 'file shorter than its pages'
    })
  })

  it('reports a damaged page from the background check', async () => {
    const dir = tempDir()
    const whole = readFileSync(realDatabase(dir, 'whole.sqlite'))
    const damaged = join(dir, 'damaged.sqlite')
    const bytes = Buffer.from(whole)
    randomBytes(4096).copy(bytes, 4096 * 3)
    writeFileSync(damaged, bytes)
    expect(await checkDatabaseInBackground(damaged)).toMatchObject({
      ok: false,
      problem: 'corrupt'
    })
  })

  it('reads page size, page count and freelist from the header', () => {
    const header = Buffer.alloc(100)
    header.writeUInt16BE(4096, 16)
    header.writeUInt32BE(7, 24)
    header.writeUInt32BE(10, 28)
    header.writeUInt32BE(7, 92)
    expect(headerDamage(header, 10 * 4096, false)).toBeNull()
    expect(headerDamage(header, 9 * 4096, false)).toBe('file shorter than its pages')
    // newer pages may be in the write-ahead log
    expect(headerDamage(header, 9 * 4096, true)).toBeNull()
    header.writeUInt32BE(11, 32)
    expect(headerDamage(header, 10 * 4096, false)).toBe('freelist')
    header.writeUInt16BE(1000, 16)
    expect(headerDamage(header, 10 * 4096, false)).toBe('page size')
  })
})
