import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AcceptanceRepository } from '../../../electron/core/acceptance/acceptance-repository'
import { createDraftForm } from '../../../electron/core/acceptance/acceptance-form'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'

let t: TempCore
let repo: AcceptanceRepository
let deliveryId: number
let otherDeliveryId: number

beforeEach(() => {
  // a real database file with real deliveries for the forms to belong to
  t = tempCore()
  const a = t.core.customers.create(LANZHOU).customer
  const b = t.core.customers.create(SHENZHEN).customer
  deliveryId = t.core.deliveries.create(a.id, {}).delivery.id
  otherDeliveryId = t.core.deliveries.create(b.id, {}).delivery.id
  repo = new AcceptanceRepository(t.core.deps.db)
})
afterEach(() => t.cleanup())

function insertDraft(delivery: number, version = 1, supersedesId: number | null = null): number {
  const formNumber = `YS-20260301-${delivery}-1`
  return repo.insert({
    deliveryId: delivery,
    version,
    formNumber,
    form: createDraftForm({ formNumber, version }),
    now: `2026-03-01T08:00:0${version}.000Z`,
    supersedesId
  })
}

describe('the acceptance repository', () => {
  it('stores a form version and reads it back as the domain object', () => {
    const id = insertDraft(deliveryId)
    expect(repo.byId(id)).toEqual({
      id,
      deliveryId,
      version: 1,
      formNumber: `YS-20260301-${deliveryId}-1`,
      status: 'draft',
      form: createDraftForm({ formNumber: `YS-20260301-${deliveryId}-1` }),
      createdAt: '2026-03-01T08:00:01.000Z',
      updatedAt: '2026-03-01T08:00:01.000Z',
      signedAt: null,
      supersedesId: null
    })
    expect(repo.byId(id + 100)).toBeNull()
  })

  it('finds the newest version of a delivery and lists versions newest first', () => {
    expect(repo.latest(deliveryId)).toBeNull()
    expect(repo.versions(deliveryId)).toEqual({ formNumber: null, versions: [] })
    const v1 = insertDraft(deliveryId)
    repo.setSigned(v1, '2026-03-02T09:00:00.000Z')
    const v2 = insertDraft(deliveryId, 2, v1)
    insertDraft(otherDeliveryId)
    expect(repo.latest(deliveryId)).toMatchObject({ id: v2, version: 2, supersedesId: v1 })
    const { formNumber, versions } = repo.versions(deliveryId)
    expect(formNumber).toBe(`YS-20260301-${deliveryId}-1`)
    expect(versions.map((v) => [v.id, v.status, v.signedAt])).toEqual([
      [v2, 'draft', null],
      [v1, 'signed', '2026-03-02T09:00:00.000Z']
    ])
  })

  it('updates a draft in place and knows which form numbers are taken', () => {
    const id = insertDraft(deliveryId)
    const form = createDraftForm({ formNumber: 'x' }, { implementingCompany: '甘肃数智财税' })
    repo.updateData(id, form, '2026-03-03T00:00:00.000Z')
    expect(repo.byId(id)).toMatchObject({ form, updatedAt: '2026-03-03T00:00:00.000Z' })
    expect(repo.lastImplementingCompany()).toBe('甘肃数智财税')
    expect(repo.isFormNumberTaken(`YS-20260301-${deliveryId}-1`)).toBe(true)
    expect(repo.isFormNumberTaken(`YS-20260301-${deliveryId}-2`)).toBe(false)
  })

  it('answers an empty implementing company when no form has one', () => {
    insertDraft(deliveryId)
    expect(repo.lastImplementingCompany()).toBe('')
  })

  it('records exports and finds the newest one by its SHA-256 with its delivery', () => {
    const id = insertDraft(deliveryId)
    const sha256 = 'a'.repeat(64)
    const values = { formId: id, version: 1, path: '/x/a.docx', sha256, size: 10 }
    const first = repo.insertExport({ ...values, exportedAt: '2026-03-04T00:00:00.000Z' })
    const second = repo.insertExport({ ...values, exportedAt: '2026-03-05T00:00:00.000Z' })
    expect(repo.exportBySha256(sha256)).toEqual({
      id: second,
      ...values,
      formNumber: `YS-20260301-${deliveryId}-1`,
      format: 'docx',
      exportedAt: '2026-03-05T00:00:00.000Z',
      deliveryId
    })
    expect(repo.exportBySha256('b'.repeat(64))).toBeNull()
    expect(repo.exports(deliveryId).map((e) => e.id)).toEqual([second, first])
    expect(repo.exports(otherDeliveryId)).toEqual([])
  })

  it('keeps scan bytes in the database but lists them without bytes', () => {
    const id = insertDraft(deliveryId)
    const data = Buffer.from('%PDF-1.4 scan', 'latin1')
    const scan = {
      formId: id,
      fileName: 'scan.pdf',
      mime: 'application/pdf' as const,
      sha256: 'c'.repeat(64),
      size: data.length,
      attachedAt: '2026-03-06T00:00:00.000Z'
    }
    const scanId = repo.insertScan({ ...scan, data })
    expect(repo.scans(deliveryId)).toEqual([{ id: scanId, version: 1, ...scan }])
    expect(repo.scans(deliveryId)[0]).not.toHaveProperty('data')
    expect(repo.scanBySha256(id, scan.sha256)).toMatchObject({ id: scanId })
    expect(repo.scanBySha256(id, 'd'.repeat(64))).toBeNull()
    const stored = t.core.deps.db
      .prepare('SELECT data FROM acceptance_scans WHERE id = ?')
      .get(scanId) as { data: Buffer }
    expect(Buffer.compare(stored.data, data)).toBe(0)
  })
})

describe("the acceptance domain and other domains' tables", () => {
  it('reads and writes no table but its own; deliveries and customers are asked', () => {
    const folder = join(__dirname, '../../../electron/core/acceptance')
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(join(folder, name), 'utf8')
      const tables = [...source.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+(\w+)/g)].map((m) => m[1])
      for (const table of tables) expect(`${name}: ${table}`).toMatch(/: acceptance_\w+$/)
    }
  })
})
