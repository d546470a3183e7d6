/**
 * The hand-off as a domain rule: the delivery must be the customer's own, and the audit entry
 * and the backend_config stage write commit together or not at all.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import type { CredentialService } from '../../../electron/core/vault/credential-service'
import type { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import { PASSPHRASE, refusal, SECRETS, vaultFor } from './vault-fixture'

let t: TempCore
let keys: VaultKeys
let credentials: CredentialService
let lanzhou: number
let shenzhen: number

beforeEach(async () => {
  t = tempCore({ implementer: '王实施' })
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  shenzhen = t.core.customers.create(SHENZHEN).customer.id
  ;({ keys, credentials } = vaultFor(t))
  await keys.setup(PASSPHRASE)
  for (const field of CREDENTIAL_FIELD_KEYS) credentials.set(lanzhou, field, SECRETS[field])
})
afterEach(() => t.cleanup())

function backendConfig(deliveryId: number): Record<string, unknown> {
  const stage = t.core.deliveries.get(deliveryId).stages.find((s) => s.stage === 'backend_config')
  // the runbook's reference configuration is prefilled on every new delivery; not the hand-off's
  return Object.fromEntries(
    Object.entries(stage?.answers ?? {}).filter(([key]) => key !== 'reference_tax_id')
  )
}

function count(action: string): number {
  return t.core.audit.list({ action, limit: 500 }).total
}

describe('handing the keys over', () => {
  it('records the date and channel on the delivery’s backend_config stage, with its audit entry', () => {
    const delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
    const message = credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'wechat' })
    expect(message.split('\n').slice(0, 2)).toEqual([LANZHOU.name, LANZHOU.taxId])
    expect(backendConfig(delivery)).toMatchObject({
      keys_handed_over_on: '2026-03-01',
      keys_handed_over_via: 'wechat'
    })
    expect(t.core.audit.list({ action: 'credential.handoff' }).items[0]).toMatchObject({
      entityType: 'customer',
      entityId: lanzhou,
      details: { deliveryId: delivery, channel: 'wechat', fields: [...CREDENTIAL_FIELD_KEYS] }
    })
    expect(t.core.audit.list({ action: 'stage.update' }).items[0]).toMatchObject({
      entityType: 'delivery',
      entityId: delivery,
      details: { stage: 'backend_config' }
    })
  })

  it('records the date but no channel the stage does not know, and touches no stage without a delivery', () => {
    const delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
    credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'carrier pigeon' })
    expect(backendConfig(delivery)).toEqual({ keys_handed_over_on: '2026-03-01' })
    expect(t.core.audit.list({ action: 'credential.handoff' }).items[0]?.details).toMatchObject({
      channel: 'carrier pigeon'
    })
    const stageWrites = count('stage.update')
    credentials.handoff(lanzhou, { channel: 'email' })
    expect(count('stage.update')).toBe(stageWrites)
    expect(count('credential.handoff')).toBe(2)
  })

  it('refuses a delivery of another customer, or none at all, as NOT_FOUND on deliveryId', () => {
    const theirs = t.core.deliveries.create(shenzhen, {}).delivery.id
    for (const deliveryId of [theirs, 9999]) {
      expect(
        refusal(() => credentials.handoff(lanzhou, { deliveryId, channel: 'wechat' }))
      ).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId', params: { id: deliveryId } })
    }
    expect(backendConfig(theirs)).toEqual({})
    expect(count('credential.handoff')).toBe(0)
    expect(count('stage.update')).toBe(0)
  })

  it('leaves no audit entry when the stage write fails', () => {
    const delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
    // a real failure inside SQLite, after the hand-off's audit entry was written
    t.core.deps.db.exec(`CREATE TRIGGER refuse_stage_write BEFORE UPDATE ON stage_progress
      BEGIN SELECT RAISE(ABORT, 'stage write refused'); END`)
    expect(() => credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'wechat' })).toThrow(
      'stage write refused'
    )
    expect(count('credential.handoff')).toBe(0)
    expect(backendConfig(delivery)).toEqual({})

    t.core.deps.db.exec('DROP TRIGGER refuse_stage_write')
    credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'wechat' })
    expect(count('credential.handoff')).toBe(1)
    expect(backendConfig(delivery)).toMatchObject({ keys_handed_over_via: 'wechat' })
  })

  it('writes neither stage nor hand-off when a value was tampered with, but audits the tampering', () => {
    const delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
    t.core.deps.db
      .prepare(
        `UPDATE credentials SET tag = zeroblob(16)
         WHERE customer_id = ? AND field = 'fkey' AND replaced_at IS NULL`
      )
      .run(lanzhou)
    expect(
      refusal(() => credentials.handoff(lanzhou, { deliveryId: delivery, channel: 'wechat' }))
    ).toMatchObject({ code: 'VAULT_TAMPERED', field: 'fkey' })
    expect(count('credential.handoff')).toBe(0)
    expect(backendConfig(delivery)).toEqual({})
    expect(t.core.audit.list({ action: 'credential.tamper_detected' }).items[0]).toMatchObject({
      entityId: lanzhou,
      details: { field: 'fkey' }
    })
  })

  it('refuses while locked before looking at the delivery', () => {
    const delivery = t.core.deliveries.create(lanzhou, {}).delivery.id
    keys.lock()
    expect(refusal(() => credentials.handoff(lanzhou, { deliveryId: delivery })).code).toBe(
      'VAULT_LOCKED'
    )
    expect(backendConfig(delivery)).toEqual({})
  })
})

describe('stored fields', () => {
  it('names the fields with a current value, while locked too, and never a value', () => {
    credentials.set(shenzhen, 'fkey', 'first-fkey-value')
    credentials.set(shenzhen, 'fkey', 'second-fkey-value')
    credentials.set(shenzhen, 'clientId', SECRETS.clientId)
    keys.lock()
    expect(credentials.storedFields(shenzhen)).toEqual(['clientId', 'fkey'])
    expect(credentials.storedFields(lanzhou)).toEqual([...CREDENTIAL_FIELD_KEYS])
    expect(credentials.storedFields(9999)).toEqual([])
  })
})
