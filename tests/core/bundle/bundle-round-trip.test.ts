import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import { isTempFileName } from '../../../electron/core/shared/atomic-file'
import {
  BUNDLE_PASS,
  cleanupLaptops,
  fullCustomer,
  laptop,
  refusalOf,
  SECRETS,
  SHENZHEN,
  VAULT_A,
  VAULT_B
} from './bundle-fixture'

afterEach(cleanupLaptops)

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('a handover bundle from laptop A to laptop B', () => {
  it('carries the customer, its records, files and secrets, which B reveals equal', async () => {
    const a = laptop('a')
    await a.core.vault.setup(VAULT_A)
    const { customerId, deliveryId, exportPath } = await fullCustomer(a)
    const second = await fullCustomer(a, SHENZHEN)
    const file = join(a.dir, 'handover.ddbundle')
    const exported = await a.core.bundles.export(
      {
        customerIds: [customerId, second.customerId],
        includeSecrets: true,
        bundlePassphrase: BUNDLE_PASS
      },
      file
    )
    expect(exported.counts).toMatchObject({
      customers: 2,
      deliveries: 2,
      incidents: 2,
      forms: 4,
      evidence: 2,
      secrets: 10,
      files: 2
    })
    // nothing readable in the file: no tax ID, no secret
    const raw = readFileSync(file)
    for (const needle of [SECRETS.clientSecret, '91440300MA5G3K7P0R', '兰州']) {
      expect(raw.includes(Buffer.from(needle, 'utf8'))).toBe(false)
    }

    const b = laptop('b')
    await b.core.vault.setup(VAULT_B)
    const preview = await b.core.bundles.preview(file, BUNDLE_PASS)
    expect(preview.includesSecrets).toBe(true)
    expect(preview.customers.map((c) => [c.taxId, c.conflict, c.secrets])).toEqual([
      ['91440300MA5G3K7P0R', null, 5],
      [SHENZHEN.taxId, null, 5]
    ])
    const result = await b.core.bundles.import(file, BUNDLE_PASS, [])
    expect(result.customers.map((c) => c.result)).toEqual(['added', 'added'])
    expect(result.counts).toMatchObject({ customers: 2, deliveries: 2, secrets: 10, files: 2 })

    const onB = result.customers[0]!.customerId!
    for (const field of CREDENTIAL_FIELD_KEYS) {
      expect(b.core.credentials.reveal(onB, field)).toBe(SECRETS[field])
    }
    // the secrets are sealed under B's data key: B's vault relocked and reopened still shows them
    b.core.vault.lock()
    await b.core.vault.unlock(VAULT_B)
    expect(b.core.credentials.reveal(onB, 'fkey')).toBe(SECRETS.fkey)

    const detailA = a.core.deliveries.get(deliveryId)
    const deliveryB = b.core.deliveries.list({ customerId: onB, limit: 10, offset: 0 }).items[0]!
    const detailB = b.core.deliveries.get(deliveryB.id)
    expect(detailB.delivery).toMatchObject({
      orderNumber: detailA.delivery.orderNumber,
      plannedGoLive: '2026-03-20'
    })
    expect(detailB.stages.map((s) => [s.stage, s.status, s.answers])).toEqual(
      detailA.stages.map((s) => [s.stage, s.status, s.answers])
    )
    const evidenceA = a.core.evidence.list(deliveryId)
    const evidenceB = b.core.evidence.list(deliveryB.id)
    expect(evidenceB.map((e) => [e.name, e.sha256])).toEqual(
      evidenceA.map((e) => [e.name, e.sha256])
    )

    // forms: both versions, the signature image, the same form number; exports' hashes kept
    const formsA = a.core.acceptance.overview(deliveryId)
    const formsB = b.core.acceptance.overview(deliveryB.id)
    expect(formsB.formNumber).toBe(formsA.formNumber)
    expect(formsB.versions.map((v) => [v.version, v.status, v.signedAt])).toEqual(
      formsA.versions.map((v) => [v.version, v.status, v.signedAt])
    )
    expect(formsB.exports.map((e) => e.sha256)).toEqual(formsA.exports.map((e) => e.sha256))
    expect(formsB.scans.map((s) => s.sha256)).toEqual(formsA.scans.map((s) => s.sha256))
    const recordB = b.core.acceptance.get(deliveryB.id)
    expect(recordB.form.signatures.customer.image?.base64).toBe(
      a.core.acceptance.get(deliveryId).form.signatures.customer.image?.base64
    )
    // the exported .docx came along, under handover/, and verifies against the kept hash
    const copied = formsB.exports[0]!.path
    expect(copied.startsWith(join(b.dir, 'handover'))).toBe(true)
    expect(sha256(readFileSync(copied))).toBe(sha256(readFileSync(exportPath)))
    expect(await b.core.acceptance.verify(copied)).toMatchObject({ matches: true })
    expect(readdirSync(join(b.dir, 'handover')).filter(isTempFileName)).toEqual([])

    const incidentsB = b.core.incidents.list({ customerId: onB, limit: 10, offset: 0 }).items
    expect(incidentsB).toHaveLength(1)
    expect(incidentsB[0]).toMatchObject({
      deliveryId: deliveryB.id,
      description: '首张发票推送失败'
    })
    // a backup was taken before (B had data: the vault), and the audit log says what came in
    expect(b.core.audit.list({ action: 'bundle.import' }).items).toHaveLength(1)
  })

  it('leaves secrets out unless asked, and then needs no vault on either side', async () => {
    const a = laptop('a')
    await a.core.vault.setup(VAULT_A)
    const { customerId } = await fullCustomer(a)
    a.core.vault.lock()
    const file = join(a.dir, 'no-secrets.ddbundle')
    const exported = await a.core.bundles.export(
      { customerIds: [customerId], includeSecrets: false, bundlePassphrase: BUNDLE_PASS },
      file
    )
    expect(exported.counts.secrets).toBe(0)
    const b = laptop('b')
    const result = await b.core.bundles.import(file, BUNDLE_PASS, [])
    expect(result.counts).toMatchObject({ customers: 1, secrets: 0 })
    expect(b.core.credentials.storedFields(result.customers[0]!.customerId!)).toEqual([])
  })

  it('refuses to export secrets from a locked vault, and a weak bundle passphrase, writing nothing', async () => {
    const a = laptop('a')
    await a.core.vault.setup(VAULT_A)
    const { customerId } = await fullCustomer(a)
    a.core.vault.lock()
    const file = join(a.dir, 'x.ddbundle')
    const locked = await refusalOf(
      a.core.bundles.export(
        { customerIds: [customerId], includeSecrets: true, bundlePassphrase: BUNDLE_PASS },
        file
      )
    )
    expect(locked.code).toBe('VAULT_LOCKED')
    const weak = await refusalOf(
      a.core.bundles.export(
        { customerIds: [customerId], includeSecrets: false, bundlePassphrase: '12345678' },
        file
      )
    )
    expect(weak).toMatchObject({ code: 'VAULT_WEAK_PASSPHRASE', field: 'bundlePassphrase' })
    const missing = await refusalOf(
      a.core.bundles.export(
        { customerIds: [customerId, 999], includeSecrets: false, bundlePassphrase: BUNDLE_PASS },
        file
      )
    )
    expect(missing).toMatchObject({ code: 'NOT_FOUND', field: 'customerIds' })
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(a.dir).filter(isTempFileName)).toEqual([])
  })

  it('refuses to import secrets into a locked or missing vault, writing nothing', async () => {
    const a = laptop('a')
    await a.core.vault.setup(VAULT_A)
    const { customerId } = await fullCustomer(a)
    const file = join(a.dir, 's.ddbundle')
    await a.core.bundles.export(
      { customerIds: [customerId], includeSecrets: true, bundlePassphrase: BUNDLE_PASS },
      file
    )
    const b = laptop('b')
    const none = await refusalOf(b.core.bundles.import(file, BUNDLE_PASS, []))
    expect(none.code).toBe('BUNDLE_SECRETS_LOCKED')
    await b.core.vault.setup(VAULT_B)
    b.core.vault.lock()
    const locked = await refusalOf(b.core.bundles.import(file, BUNDLE_PASS, []))
    expect(locked.code).toBe('BUNDLE_SECRETS_LOCKED')
    expect(b.core.customers.search({ limit: 10, offset: 0 }).total).toBe(0)
  })
})
