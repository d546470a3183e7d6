/** Deleting a secret and purging the history of archived customers (issue 12): audited, and the manifest follows. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LANZHOU, tempCore, type TempCore } from '../../support/temp-core'
import { PASSPHRASE, refusal, SECRETS, vaultFor, type TestVault } from './vault-fixture'

let t: TempCore
let v: TestVault
let lanzhou: number
beforeEach(async () => {
  t = tempCore({ implementer: '王实施' })
  lanzhou = t.core.customers.create(LANZHOU).customer.id
  v = vaultFor(t)
  await v.keys.setup(PASSPHRASE)
  v.credentials.set(lanzhou, 'clientSecret', 'old-client-secret-value-000001')
  v.credentials.set(lanzhou, 'clientSecret', SECRETS.clientSecret)
  v.credentials.set(lanzhou, 'fkey', SECRETS.fkey)
})
afterEach(() => t.cleanup())

const count = (sql: string): number => (t.core.deps.db.prepare(sql).get() as { n: number }).n
const actions = (): string[] => t.core.audit.list({ limit: 50 }).items.map((e) => e.action)

describe('credentials.delete', () => {
  it('removes the value and its history, audited, and the field reads as not set (not tampered)', () => {
    expect(v.credentials.delete(lanzhou, 'clientSecret')).toEqual({ removed: 2 })
    expect(count("SELECT COUNT(*) AS n FROM credentials WHERE field = 'clientSecret'")).toBe(0)
    expect(refusal(() => v.credentials.reveal(lanzhou, 'clientSecret')).code).toBe(
      'CREDENTIAL_NOT_SET'
    )
    const item = v.credentials.list(lanzhou).items.find((i) => i.field === 'clientSecret')
    expect(item).toMatchObject({ stored: false, tampered: false, history: [] })
    expect(v.credentials.reveal(lanzhou, 'fkey')).toBe(SECRETS.fkey)
    expect(actions()).toContain('credential.delete')
    // a value set again afterwards works normally
    v.credentials.set(lanzhou, 'clientSecret', 'a-new-client-secret-after-delete')
    expect(v.credentials.reveal(lanzhou, 'clientSecret')).toBe('a-new-client-secret-after-delete')
  })

  it('needs the vault unlocked and a stored value', () => {
    expect(refusal(() => v.credentials.delete(lanzhou, 'encryptKey')).code).toBe(
      'CREDENTIAL_NOT_SET'
    )
    v.keys.lock()
    expect(refusal(() => v.credentials.delete(lanzhou, 'fkey')).code).toBe('VAULT_LOCKED')
  })
})

describe('credentials.purgeHistory', () => {
  it('refuses a customer that is not archived', () => {
    expect(refusal(() => v.credentials.purgeHistory(lanzhou)).code).toBe('NOT_ARCHIVED')
  })

  it('removes the earlier values of an archived customer, keeps current ones, audited', () => {
    t.core.customers.archive(lanzhou)
    expect(v.credentials.purgeHistory(lanzhou)).toEqual({ removed: 1 })
    expect(count('SELECT COUNT(*) AS n FROM credentials WHERE replaced_at IS NOT NULL')).toBe(0)
    expect(v.credentials.reveal(lanzhou, 'clientSecret')).toBe(SECRETS.clientSecret)
    expect(actions()).toContain('credential.history_purged')
  })
})
