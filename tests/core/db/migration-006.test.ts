import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDatabase } from '../../../electron/core/db/database'
import { MIGRATIONS } from '../../../electron/core/db/migrations'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function fileAtVersion4(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-mig6-'))
  dirs.push(dir)
  const file = join(dir, 'desk.sqlite')
  openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) }).close()
  return file
}

describe('migration 006 (evidence)', () => {
  it("renames stage 5's test-invoice answers to the first invoice's, keeping their values", () => {
    const file = fileAtVersion4()
    const db = openDatabase(file, { migrations: MIGRATIONS.filter((m) => m.version <= 4) })
    db.prepare(
      "INSERT INTO customers (id, name, tax_id, created_at, updated_at) VALUES (1, '甲', 'X', 'a', 'a')"
    ).run()
    db.prepare(
      "INSERT INTO deliveries (id, customer_id, created_at, updated_at) VALUES (1, 1, 'a', 'a'), (2, 1, 'a', 'a')"
    ).run()
    const insert = db.prepare(
      "INSERT INTO stage_progress (delivery_id, stage, position, answers, updated_at) VALUES (?, ?, ?, ?, 'a')"
    )
    insert.run(
      1,
      'linglong_config',
      5,
      JSON.stringify({
        keys_entered: true,
        test_invoice_issued: true,
        test_invoice_on: '2026-03-05',
        test_invoice_number: '26442000000012345678'
      })
    )
    insert.run(2, 'linglong_config', 5, JSON.stringify({ test_invoice_issued: false }))
    // another stage's answers are left alone even if a key looked alike
    insert.run(1, 'activation', 2, JSON.stringify({ activated: true, test_invoice_on: 'x' }))

    expect(migrate(db)).toBe(MIGRATIONS.at(-1)?.version)
    const answers = (id: number, stage: string): unknown =>
      JSON.parse(
        (
          db
            .prepare('SELECT answers FROM stage_progress WHERE delivery_id = ? AND stage = ?')
            .get(id, stage) as { answers: string }
        ).answers
      )
    expect(answers(1, 'linglong_config')).toEqual({
      keys_entered: true,
      first_invoice_issued: true,
      first_invoice_on: '2026-03-05',
      first_invoice_number: '26442000000012345678'
    })
    expect(answers(2, 'linglong_config')).toEqual({ first_invoice_issued: false })
    expect(answers(1, 'activation')).toEqual({ activated: true, test_invoice_on: 'x' })
    db.close()
  })

  it('creates the evidence table, refusing a type or size the app never stores', () => {
    const file = fileAtVersion4()
    const db = openDatabase(file)
    db.prepare(
      "INSERT INTO customers (id, name, tax_id, created_at, updated_at) VALUES (1, '甲', 'X', 'a', 'a')"
    ).run()
    db.prepare(
      "INSERT INTO deliveries (id, customer_id, created_at, updated_at) VALUES (1, 1, 'a', 'a')"
    ).run()
    const insert = db.prepare(
      `INSERT INTO evidence (delivery_id, stage, name, mime, size, sha256, data, added_at)
       VALUES (1, 'activation', 'a.png', ?, ?, ?, x'00', 'a')`
    )
    const sha = 'a'.repeat(64)
    expect(() => insert.run('image/png', 1, sha)).not.toThrow()
    expect(() => insert.run('image/gif', 1, sha)).toThrow(/CHECK/)
    expect(() => insert.run('image/png', 20 * 1024 * 1024 + 1, sha)).toThrow(/CHECK/)
    db.close()
  })
})
