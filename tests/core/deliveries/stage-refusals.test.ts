import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../electron/core/handlers'
import { dispatch } from '../../../electron/core/contract/dispatch'
import { CREDENTIAL_FIELD_KEYS } from '../../../electron/core/vault/credential-fields'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { PASSPHRASE, SECRETS, refusal, vaultFor } from '../vault/vault-fixture'

let t: TempCore

beforeEach(() => {
  t = tempCore({ implementer: '王实施' })
})
afterEach(() => t.cleanup())

const CJK = /[\u3000-\u9fff\uff00-\uffef]/

async function call(name: string, payload: unknown) {
  return dispatch(createHandlers(t.core), name, payload)
}

describe('stage refusals carry keys, never words', () => {
  it('names the status key when blocking or skipping without a reason', () => {
    const { customer } = t.core.customers.create(LANZHOU)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    for (const status of ['blocked', 'skipped'] as const) {
      const e = refusal(() =>
        t.core.deliveries.updateStage({ deliveryId: id, stage: 'activation', status })
      )
      expect(e.code).toBe('STAGE_REASON_REQUIRED')
      expect(e.params).toEqual({ status })
    }
  })

  it('lists checklist, delivery and customer keys as what a stage still misses', async () => {
    const { customer } = t.core.customers.create({ name: '甲公司', taxId: LANZHOU.taxId })
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    const r = await call('stages.update', { deliveryId: id, stage: 'kickoff', status: 'done' })
    expect(r).toMatchObject({ ok: false, error: { code: 'STAGE_INCOMPLETE' } })
    const error = (
      r as unknown as {
        error: {
          params: { stage: string; missing: string[] }
          issues: { params: Record<string, unknown> }[]
        }
      }
    ).error
    expect(error.params.stage).toBe('kickoff')
    expect(error.params.missing).toEqual([
      'kickoff.order_confirmed',
      'kickoff.contact_confirmed',
      'contactName',
      'contactPhone',
      'email',
      'delivery.plannedGoLive'
    ])
    expect(error.issues.map((i) => i.params.item)).toEqual(error.params.missing)
    expect(JSON.stringify(error.params) + JSON.stringify(error.issues)).not.toMatch(CJK)
  })

  it('asks the vault which secrets are stored, and misses none once all five are there', async () => {
    const { customer } = t.core.customers.create(LANZHOU)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    const credentialKeys = CREDENTIAL_FIELD_KEYS.map((f) => `credential.${f}`)
    const missingNow = (): string[] =>
      (t.core.deliveries.get(id).stages.find((s) => s.stage === 'backend_config')?.missing ?? [])
        .map((m) => String(m.params?.item))
        .filter((k) => k.startsWith('credential.'))
    expect(missingNow()).toEqual(credentialKeys)
    const vault = vaultFor(t)
    await vault.keys.setup(PASSPHRASE)
    vault.credentials.set(customer.id, 'clientId', SECRETS.clientId)
    vault.credentials.set(customer.id, 'clientId', SECRETS.clientId + 'x') // history stays, still one field
    expect(missingNow()).toEqual(credentialKeys.slice(1))
    for (const f of CREDENTIAL_FIELD_KEYS) vault.credentials.set(customer.id, f, SECRETS[f])
    expect(missingNow()).toEqual([])
    expect(t.core.credentials.storedFields(customer.id)).toEqual([...CREDENTIAL_FIELD_KEYS])
  })

  it('names a wrongly typed answer by its checklist key', () => {
    const { customer } = t.core.customers.create(LANZHOU)
    const id = t.core.deliveries.create(customer.id, {}).delivery.id
    const e = refusal(() =>
      t.core.deliveries.updateStage({
        deliveryId: id,
        stage: 'kickoff',
        answers: { order_confirmed: 'yes' }
      })
    )
    expect(e.code).toBe('ANSWER_KIND')
    expect(e.params).toEqual({ item: 'kickoff.order_confirmed', kind: 'yesno' })
    expect(e.field).toBe('answers.order_confirmed')
  })
})
