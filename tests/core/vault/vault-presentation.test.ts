import { describe, expect, it } from 'vitest'
import { maskCredential } from '../../../electron/core/vault/credential-mask'
import { formatHandoffMessage } from '../../../electron/core/vault/handoff-message'
import {
  assertCredentialField,
  CREDENTIAL_FIELDS,
  credentialHints
} from '../../../electron/core/vault/credential-fields'
import {
  estimatePassphraseStrength,
  loadPassphraseEstimator
} from '../../../electron/core/vault/passphrase-strength'
import { retryAfterSeconds, unlockDelaySeconds } from '../../../electron/core/vault/unlock-backoff'
import { refusal, SECRETS } from './vault-fixture'

describe('masking', () => {
  it('shows the first character, seven stars and the last two', () => {
    expect(maskCredential('PXk3mN8qRk2')).toBe('P*******k2')
    expect(maskCredential('P12345678901234567890k2')).toBe('P*******k2')
  })
  it('stars a short value whole', () => {
    expect(maskCredential('abc1234')).toBe('**********')
    expect(maskCredential('a')).toBe('**********')
  })
  it('never cuts a CJK character or emoji in half', () => {
    expect(maskCredential('密钥一二三四五六七八')).toBe('密*******七八')
    expect(maskCredential('🔑abcdefgh🔒')).toBe('🔑*******h🔒')
  })
})

describe('the hand-off message', () => {
  it('follows the runbook exactly, with full-width colons', () => {
    expect(
      formatHandoffMessage(
        { name: '兰州黄河云票科技有限公司', taxId: '91440300MA5G3K7P0R' },
        SECRETS
      )
    ).toBe(`兰州黄河云票科技有限公司
91440300MA5G3K7P0R
已经配置好了，相关密钥是：
clientId：${SECRETS.clientId}
clientSecret：${SECRETS.clientSecret}
encryptKey：${SECRETS.encryptKey}
fkey：${SECRETS.fkey}
fpublicKey：${SECRETS.fpublicKey}`)
  })
})

describe('credential fields', () => {
  it('lists the five runbook fields with Chinese labels, encryptKey keeping the seed spelling', () => {
    expect(CREDENTIAL_FIELDS.map((f) => f.key)).toEqual([
      'clientId',
      'clientSecret',
      'encryptKey',
      'fkey',
      'fpublicKey'
    ])
    expect(CREDENTIAL_FIELDS.every((f) => /[\u4e00-\u9fff]/.test(f.label.zh))).toBe(true)
    expect(CREDENTIAL_FIELDS.find((f) => f.key === 'encryptKey')?.runbookSpelling).toBe(
      'encrypeKey'
    )
  })
  it('refuses an unknown field name', () => {
    expect(refusal(() => assertCredentialField('password')).code).toBe('UNKNOWN_CREDENTIAL_FIELD')
  })
  it('hints at an encryptKey that is not 16 characters and a tenant id given as clientId', () => {
    expect(credentialHints('encryptKey', 'a'.repeat(16))).toEqual([])
    expect(credentialHints('encryptKey', 'a'.repeat(20))).toEqual([
      { code: 'CREDENTIAL_ENCRYPT_KEY_LENGTH', field: 'encryptKey', params: { length: 20 } }
    ])
    expect(credentialHints('clientId', 'TN_100234')).toEqual([
      { code: 'CREDENTIAL_TENANT_ID', field: 'clientId' }
    ])
    expect(credentialHints('clientId', SECRETS.clientId)).toEqual([])
  })
})

describe('passphrase strength', () => {
  it('refuses nothing itself but marks fewer than 8 characters as not acceptable', () => {
    expect(estimatePassphraseStrength('abc123!')).toMatchObject({ score: 0, acceptable: false })
  })
  it('rates common and patterned passphrases weak', async () => {
    await loadPassphraseEstimator()
    for (const p of ['12345678', 'password1', 'aaaaaaaaaa', 'abcdefghij', '1qaz2wsx']) {
      const s = estimatePassphraseStrength(p)
      expect(s.score, p).toBeLessThan(3)
      expect(s.acceptable, p).toBe(false)
      expect(
        s.hints.map((h) => h.code),
        p
      ).toContain('PASSPHRASE_COMMON')
    }
  })
  it('rates long mixed passphrases and Chinese sentences strong', () => {
    expect(estimatePassphraseStrength('correct horse battery staple').score).toBe(4)
    expect(estimatePassphraseStrength('黄河远上白云间 2026!').score).toBeGreaterThanOrEqual(3)
    expect(estimatePassphraseStrength('Tr0ub4dor&3x').score).toBeGreaterThanOrEqual(2)
  })
})

describe('the wrong-passphrase delay', () => {
  it('lets the first two mistakes pass, then doubles from 2 s up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10, 11, 50].map(unlockDelaySeconds)).toEqual([
      0, 0, 2, 4, 8, 16, 256, 300, 300
    ])
  })
  it('counts down from the last failure and restarts when the clock goes back', () => {
    const at = '2026-03-01T08:00:00.000Z'
    expect(retryAfterSeconds(4, at, '2026-03-01T08:00:01.500Z')).toBe(3)
    expect(retryAfterSeconds(4, at, '2026-03-01T08:00:04.000Z')).toBe(0)
    expect(retryAfterSeconds(4, at, '2026-03-01T07:00:00.000Z')).toBe(4)
    expect(retryAfterSeconds(2, at, at)).toBe(0)
  })
})
