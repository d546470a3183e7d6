import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { isTempFileName } from '../../../electron/core/shared/atomic-file'
import { usccCheckCharacter } from '../../../electron/core/validation/uscc'
import {
  BUNDLE_PASS,
  cleanupLaptops,
  contentOf,
  fullCustomer,
  laptop,
  LANZHOU,
  refusalOf,
  SECRETS,
  SHENZHEN,
  VAULT_A,
  VAULT_B,
  type Laptop
} from './bundle-fixture'

afterEach(cleanupLaptops)

let a: Laptop
let b: Laptop
let file: string
/** laptop B's own customer with LANZHOU's tax ID, under another name and its own key */
let existingId: number

const page = { limit: 50, offset: 0 }
const taxId = (first17: string): string => first17 + usccCheckCharacter(first17)

beforeEach(async () => {
  a = laptop('a')
  await a.core.vault.setup(VAULT_A)
  const one = await fullCustomer(a)
  const two = await fullCustomer(a, SHENZHEN)
  file = join(a.dir, 'handover.ddbundle')
  await a.core.bundles.export(
    {
      customerIds: [one.customerId, two.customerId],
      includeSecrets: true,
      bundlePassphrase: BUNDLE_PASS
    },
    file
  )
  b = laptop('b')
  await b.core.vault.setup(VAULT_B)
  existingId = b.core.customers.create({ name: '兰州黄河云票（旧名）', taxId: LANZHOU.taxId })
    .customer.id
  b.core.deliveries.create(existingId, { orderNumber: 'SO-B-OWN' })
  b.core.credentials.set(existingId, 'fkey', 'fk-laptop-b-own')
})

const orders = (l: Laptop, customerId: number): string[] =>
  l.core.deliveries
    .list({ customerId, ...page })
    .items.map((d) => d.orderNumber)
    .sort()

describe('a bundle customer whose tax ID is already here', () => {
  it('is listed as a conflict in the preview, the other as an addition', async () => {
    const preview = await b.core.bundles.preview(file, BUNDLE_PASS)
    expect(preview.customers.map((c) => [c.taxId, c.conflict])).toEqual([
      [LANZHOU.taxId, { customerId: existingId, name: '兰州黄河云票（旧名）' }],
      [SHENZHEN.taxId, null]
    ])
  })

  it('needs a choice before anything is written', async () => {
    const before = contentOf(b.core)
    const error = await refusalOf(b.core.bundles.import(file, BUNDLE_PASS, []))
    expect(error).toMatchObject({
      code: 'BUNDLE_CHOICE_MISSING',
      field: 'choices',
      params: { taxId: LANZHOU.taxId }
    })
    expect(contentOf(b.core)).toBe(before)
  })

  it('skip: leaves the customer here as it was and adds the other', async () => {
    const result = await b.core.bundles.import(file, BUNDLE_PASS, [
      { taxId: LANZHOU.taxId, action: 'skip' }
    ])
    expect(result.customers.map((c) => c.result)).toEqual(['skipped', 'added'])
    expect(b.core.customers.get(existingId).name).toBe('兰州黄河云票（旧名）')
    expect(orders(b, existingId)).toEqual(['SO-B-OWN'])
    expect(b.core.credentials.reveal(existingId, 'fkey')).toBe('fk-laptop-b-own')
    expect(b.core.customers.findByTaxId(SHENZHEN.taxId)).not.toBeNull()
  })

  it('replace: same id, the bundle details, records and secrets (the old key kept as history)', async () => {
    const result = await b.core.bundles.import(file, BUNDLE_PASS, [
      { taxId: LANZHOU.taxId, action: 'replace' }
    ])
    expect(result.customers[0]).toMatchObject({ customerId: existingId, result: 'replaced' })
    expect(b.core.customers.get(existingId).name).toBe(LANZHOU.name)
    expect(orders(b, existingId)).toEqual([`SO-${LANZHOU.taxId.slice(-4)}`])
    expect(b.core.credentials.reveal(existingId, 'fkey')).toBe(SECRETS.fkey)
    const fkey = b.core.credentials.list(existingId).items.find((i) => i.field === 'fkey')!
    expect(fkey.history).toHaveLength(1)
    expect(b.core.customers.search({ query: LANZHOU.taxId, ...page }).total).toBe(1)
  })

  it('keep both: the customer here keeps its details and key, and gains the bundle records', async () => {
    await b.core.bundles.import(file, BUNDLE_PASS, [{ taxId: LANZHOU.taxId, action: 'keep_both' }])
    expect(b.core.customers.get(existingId).name).toBe('兰州黄河云票（旧名）')
    expect(orders(b, existingId)).toEqual([`SO-${LANZHOU.taxId.slice(-4)}`, 'SO-B-OWN'])
    expect(b.core.credentials.reveal(existingId, 'fkey')).toBe('fk-laptop-b-own')
    // empty fields were filled from the bundle
    expect(b.core.credentials.reveal(existingId, 'clientSecret')).toBe(SECRETS.clientSecret)
    // the same bundle again: the delivery with its form number is already here, not doubled
    await b.core.bundles.import(file, BUNDLE_PASS, [
      { taxId: LANZHOU.taxId, action: 'keep_both' },
      { taxId: SHENZHEN.taxId, action: 'skip' }
    ])
    expect(orders(b, existingId)).toEqual([`SO-${LANZHOU.taxId.slice(-4)}`, 'SO-B-OWN'])
  })

  it('is refused when its form number belongs to another customer here, unless skipped', async () => {
    // laptop B's other customer already holds SHENZHEN's form number (same date, same ids)
    const c = laptop('c')
    await c.core.vault.setup(VAULT_B)
    await fullCustomer(
      c,
      { name: '兰州另一家公司', taxId: taxId('91620102MA74XKQ01') },
      { secrets: false }
    )
    await fullCustomer(
      c,
      { name: '兰州第三家公司', taxId: taxId('91620100MA73UYQ7X') },
      { secrets: false }
    )
    const preview = await c.core.bundles.preview(file, BUNDLE_PASS)
    const taken = preview.customers.flatMap((p) => p.formNumbersTaken)
    expect(taken.length).toBeGreaterThan(0)
    const before = contentOf(c.core)
    const error = await refusalOf(c.core.bundles.import(file, BUNDLE_PASS, []))
    expect(error.code).toBe('BUNDLE_FORM_NUMBER_TAKEN')
    expect(contentOf(c.core)).toBe(before)
    const skips = preview.customers
      .filter((p) => p.formNumbersTaken.length > 0)
      .map((p) => ({ taxId: p.taxId, action: 'skip' as const }))
    const result = await c.core.bundles.import(file, BUNDLE_PASS, skips)
    expect(result.customers.map((o) => o.result)).toEqual(
      preview.customers.map((p) => (p.formNumbersTaken.length > 0 ? 'skipped' : 'added'))
    )
  })
})

describe('an import that fails midway', () => {
  it('writes nothing: no row, no secret, no file under a final name', async () => {
    // a real trigger fails the second customer's incident, after the first customer was written
    b.core.deps.db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON incidents
      WHEN (SELECT count(*) FROM customers) >= 2
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`)
    const before = contentOf(b.core)
    await expect(
      b.core.bundles.import(file, BUNDLE_PASS, [{ taxId: LANZHOU.taxId, action: 'replace' }])
    ).rejects.toThrow('injected failure')
    expect(contentOf(b.core)).toBe(before)
    expect(b.core.credentials.reveal(existingId, 'fkey')).toBe('fk-laptop-b-own')
    const handover = join(b.dir, 'handover')
    const left = existsSync(handover) ? readdirSync(handover) : []
    expect(left.filter((n) => !isTempFileName(n))).toEqual([])
    expect(left).toEqual([])
    // the backup taken before the import is there to go back to
    expect((await b.core.backups.list()).items.some((i) => i.kind === 'pre-import')).toBe(true)
    b.core.deps.db.exec('DROP TRIGGER fail_import')
    const retried = await b.core.bundles.import(file, BUNDLE_PASS, [
      { taxId: LANZHOU.taxId, action: 'replace' }
    ])
    expect(retried.counts.customers).toBe(2)
  })
})
