/** Keys pasted from the 运维平台's message: read without storing, stored all at once or not at all. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCredentialText } from '../../../electron/core/vault/credential-paste'
import type { CredentialService } from '../../../electron/core/vault/credential-service'
import type { VaultKeys } from '../../../electron/core/vault/vault-key-service'
import { LANZHOU, SHENZHEN, tempCore, type TempCore } from '../../support/temp-core'
import { addDelivery, PASSPHRASE, refusal, SECRETS, vaultFor } from './vault-fixture'

const RUNBOOK_MESSAGE = `兰州黄河云票科技有限公司
91440300MA5G3K7P0R
已经配置好了，相关密钥是：
clientId：${SECRETS.clientId}
clientSecret：${SECRETS.clientSecret}
encrypeKey：${SECRETS.encryptKey}

fkey：${SECRETS.fkey}
fpublicKey：${SECRETS.fpublicKey}`

describe('credentials.parseText', () => {
  it('reads the five keys of the runbook’s message, with its encrypeKey spelling', () => {
    const result = parseCredentialText(RUNBOOK_MESSAGE)
    expect(Object.fromEntries(result.found.map((f) => [f.field, f.value]))).toEqual(SECRETS)
    expect(result.missing).toEqual([])
    // name, tax ID and the sentence: counted, never returned (the text could be a secret)
    expect(result.unrecognizedLines).toBe(3)
  })

  it('reads keys in any order, with half-width colons, `=` and surrounding spaces', () => {
    const text = `  fkey = ${SECRETS.fkey}  \nencryptKey:${SECRETS.encryptKey}\r\nclientId ： ${SECRETS.clientId}`
    const result = parseCredentialText(text)
    expect(result.found.map((f) => [f.field, f.value])).toEqual([
      ['clientId', SECRETS.clientId],
      ['encryptKey', SECRETS.encryptKey],
      ['fkey', SECRETS.fkey]
    ])
    expect(result.missing).toEqual(['clientSecret', 'fpublicKey'])
  })

  it('reads several keys on one line and a value on the line after its key', () => {
    const text = `clientId：${SECRETS.clientId} clientSecret：${SECRETS.clientSecret}\nfpublicKey：\n${SECRETS.fpublicKey}`
    const result = parseCredentialText(text)
    expect(result.found.map((f) => f.value)).toEqual([
      SECRETS.clientId,
      SECRETS.clientSecret,
      SECRETS.fpublicKey
    ])
  })

  it('shows masks and copy hints, not the values, for the preview', () => {
    const result = parseCredentialText(`clientId：TN_00012345\nencryptKey：short`)
    expect(result.found[0]).toMatchObject({ field: 'clientId', mask: 'T*******45' })
    expect(result.found[0]?.hints.map((h) => h.code)).toEqual(['CREDENTIAL_TENANT_ID'])
    expect(result.found[1]?.hints.map((h) => h.code)).toEqual(['CREDENTIAL_ENCRYPT_KEY_LENGTH'])
  })

  it('keeps base64 padding and does not take it for a label', () => {
    const result = parseCredentialText(`fpublicKey：MFkwEwYH+/AQAB==`)
    expect(result.found).toMatchObject([{ field: 'fpublicKey', value: 'MFkwEwYH+/AQAB==' }])
  })

  it('refuses two different values for one key as ambiguous', () => {
    const error = refusal(() => parseCredentialText(`fkey：aaa111\nfkey：bbb222`))
    expect(error.code).toBe('PASTE_AMBIGUOUS')
    expect(error.params).toEqual({ field: 'fkey', count: 2 })
  })

  it('finds nothing in chatter', () => {
    const result = parseCredentialText('好的，收到，谢谢')
    expect(result.found).toEqual([])
    expect(result.unrecognizedLines).toBe(1)
  })
})

describe('credentials.setMany', () => {
  let t: TempCore
  let keys: VaultKeys
  let credentials: CredentialService
  let lanzhou: number

  beforeEach(async () => {
    t = tempCore({ implementer: '王实施' })
    lanzhou = t.core.customers.create(LANZHOU).customer.id
    ;({ keys, credentials } = vaultFor(t))
    await keys.setup(PASSPHRASE)
  })
  afterEach(() => t.cleanup())

  const auditRows = (): { action: string; details: string }[] =>
    t.core.deps.db
      .prepare(`SELECT action, details FROM audit_log WHERE action LIKE 'credential.%' ORDER BY id`)
      .all() as { action: string; details: string }[]

  it('stores every pasted key in one call, audited per field without values', () => {
    const deliveryId = addDelivery(t, lanzhou)
    const results = credentials.setMany(lanzhou, SECRETS, deliveryId)
    expect(results.map((r) => [r.credential.field, r.changed])).toEqual([
      ['clientId', true],
      ['clientSecret', true],
      ['encryptKey', true],
      ['fkey', true],
      ['fpublicKey', true]
    ])
    expect(credentials.storedFields(lanzhou).sort()).toEqual(Object.keys(SECRETS).sort())
    expect(credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    const rows = auditRows().filter((r) => r.action === 'credential.set')
    expect(rows).toHaveLength(5)
    const log = JSON.stringify(auditRows())
    for (const value of Object.values(SECRETS)) expect(log).not.toContain(value)
  })

  it('stores none when one value is refused', () => {
    const error = refusal(() =>
      credentials.setMany(lanzhou, { clientId: SECRETS.clientId, fkey: '   ' })
    )
    expect(error.code).toBe('REQUIRED')
    expect(error.field).toBe('fkey')
    expect(credentials.storedFields(lanzhou)).toEqual([])
    expect(auditRows()).toEqual([])
  })

  it('stores none when a write fails half-way (the transaction rolls back)', () => {
    // a trigger makes the third insert fail inside the transaction
    t.core.deps.db.exec(`CREATE TEMP TRIGGER refuse_fkey BEFORE INSERT ON credentials
      WHEN NEW.field = 'fkey' BEGIN SELECT RAISE(ABORT, 'disk full'); END`)
    expect(() => credentials.setMany(lanzhou, SECRETS)).toThrow('disk full')
    expect(credentials.storedFields(lanzhou)).toEqual([])
    expect(auditRows()).toEqual([])
  })

  it('refuses an unknown key and a delivery of another customer before storing anything', () => {
    expect(refusal(() => credentials.setMany(lanzhou, { appKey: 'x' })).code).toBe(
      'UNKNOWN_CREDENTIAL_FIELD'
    )
    const other = t.core.customers.create(SHENZHEN).customer.id
    const foreign = addDelivery(t, other)
    const error = refusal(() => credentials.setMany(lanzhou, { fkey: SECRETS.fkey }, foreign))
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' })
    expect(credentials.storedFields(lanzhou)).toEqual([])
  })

  it('refuses while the vault is locked', () => {
    keys.lock()
    expect(refusal(() => credentials.setMany(lanzhou, { fkey: SECRETS.fkey })).code).toBe(
      'VAULT_LOCKED'
    )
  })
})
