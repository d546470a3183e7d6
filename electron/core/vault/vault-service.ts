/**
 * The credential vault: a random data key seals every secret (AES-256-GCM, AAD = customer +
 * field + key version); the key is wrapped by the passphrase (scrypt) and, when the implementer
 * turns on "remember on this laptop", by the OS. Only the wraps and ciphertexts reach the disk;
 * the data key lives in this object's memory while unlocked and is zeroed on lock.
 *
 * States: not_set_up → (setup) → unlocked ⇄ locked. Every set, reveal, copy, hand-off, unlock
 * failure, set-up and passphrase change is audited with the customer and field, never a value.
 *
 * Plaintexts returned as JS strings cannot be wiped (V8 strings are immutable); Buffers that
 * held key material or plaintext are zeroed as soon as they are no longer needed.
 */
import type { AuditLog, AuditDetails } from '../audit/audit-log'
import type { ServiceContext } from '../shared/service-context'
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'
import {
  assertCredentialField,
  characterCount,
  CREDENTIAL_FIELD_KEYS,
  credentialHints,
  isCredentialField,
  MAX_CREDENTIAL_LENGTH,
  type CredentialField
} from './credential-fields'
import { maskCredential } from './credential-mask'
import { formatHandoffMessage } from './handoff-message'
import { PassphraseKeyProvider, type OsKeyProvider, type PassphraseWrap } from './key-provider'
import { MAX_PASSPHRASE_LENGTH, MIN_PASSPHRASE_LENGTH } from './passphrase-strength'
import { retryAfterSeconds } from './unlock-backoff'
import {
  credentialAad,
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT_PARAMS,
  keyCheck,
  matchesKeyCheck,
  newDataKey,
  open,
  seal,
  type ScryptParams
} from './vault-crypto'
import { VaultRepository, type CredentialRecord, type VaultRecord } from './vault-repository'

export type VaultState = 'not_set_up' | 'locked' | 'unlocked'

export interface VaultStatus {
  state: VaultState
  /** an OS provider is present and trusted here (not Linux `basic_text`) */
  osUnlockAvailable: boolean
  /** "remember on this laptop" is on: an OS-wrapped copy of the data key is stored */
  osUnlockEnabled: boolean
  /** the OS backend that made the stored OS wrap, when there is one */
  osBackend: string | null
  /** consecutive wrong passphrases */
  failedAttempts: number
  /** present while a wrong-passphrase delay runs */
  retryAfterSeconds?: number
  /** the stored passphrase wrap's scrypt parameters; null before set-up */
  kdf: { name: 'scrypt'; n: number; r: number; p: number } | null
  passphraseChangedAt: string | null
}

export interface VaultServiceOptions {
  /** the OS keyring (Electron safeStorage in the app); absent in the CLI and most tests */
  osKeyProvider?: OsKeyProvider
  /**
   * scrypt cost for new passphrase wraps. Defaults to N=2^17, r=8, p=1; tests lower it for
   * speed. A wrap weaker than this is re-made at the next passphrase unlock.
   */
  scryptParams?: ScryptParams
}

export interface CredentialHistoryEntry {
  id: number
  setAt: string
  setBy: string
  /** when a newer value replaced this one */
  replacedAt: string
  deliveryId: number | null
}

export interface CredentialSummary {
  field: CredentialField
  stored: boolean
  /**
   * `P*******k2`; null when nothing is stored, when the vault is locked (the mask is made from
   * the plaintext, and storing it would put three characters of every secret on disk), or when
   * the stored value failed its integrity check
   */
  mask: string | null
  /** the stored value failed its integrity check (only known while unlocked) */
  tampered: boolean
  updatedAt: string | null
  updatedBy: string | null
  deliveryId: number | null
  /** earlier values, newest first; still encrypted, never shown in the list */
  history: CredentialHistoryEntry[]
  /** likely copy mistakes (only known while unlocked) */
  hints: FieldIssue<WarningCode>[]
}

export interface CredentialList {
  customerId: number
  /** true when masks and hints could not be computed because the vault is locked */
  locked: boolean
  items: CredentialSummary[]
}

export interface SetCredentialResult {
  /** false when the value equals the stored one (nothing written, no history entry) */
  changed: boolean
  credential: CredentialSummary
  warnings: FieldIssue<WarningCode>[]
}

export interface HandoffOptions {
  deliveryId?: number | null
  /** how the message goes to the customer: 'wechat', 'email', 'in_person', 'phone', 'other' */
  channel?: string | null
}

/** Bumped only by a future data-key rotation; part of each secret's AAD. */
const FIRST_KEY_VERSION = 1
const MAX_CHANNEL_LENGTH = 50

interface UnlockedKey {
  key: Buffer
  keyVersion: number
}

function copyKey(source: Buffer): Buffer {
  const key = Buffer.alloc(DATA_KEY_BYTES)
  source.copy(key)
  return key
}

function weakerThan(stored: ScryptParams, wanted: ScryptParams): boolean {
  return stored.n < wanted.n || stored.r < wanted.r || stored.p < wanted.p
}

export class VaultService {
  private readonly repo: VaultRepository
  private readonly audit: AuditLog
  private readonly osKeyProvider: OsKeyProvider | undefined
  private readonly scryptParams: ScryptParams
  private unlocked: UnlockedKey | null = null
  /** bumped by lock(): an unlock that was in flight when the vault was locked must not win */
  private lockEpoch = 0
  /** setup, unlock and re-wraps run one at a time, so the failure count and wraps stay consistent */
  private queue: Promise<unknown> = Promise.resolve()
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    options: VaultServiceOptions = {}
  ) {
    this.repo = new VaultRepository(ctx.db)
    this.audit = ctx.audit
    this.osKeyProvider = options.osKeyProvider
    this.scryptParams = { ...(options.scryptParams ?? DEFAULT_SCRYPT_PARAMS) }
    this.tx = {
      /** false when another process set the vault up first */
      setup: ctx.db.transaction((wrap: PassphraseWrap, check: Buffer) => {
        const inserted = this.repo.insertVault({
          keyVersion: FIRST_KEY_VERSION,
          keyCheck: check,
          wrap,
          now: this.ctx.now()
        })
        if (inserted) this.record('vault.setup', null, { kdf: 'scrypt', ...wrap.params })
        return inserted
      }),
      setOsWrap: ctx.db.transaction((wrap: { blob: Buffer; backend: string } | null) => {
        const before = this.repo.getVault()
        this.repo.setOsWrap(wrap && { ...wrap, at: this.ctx.now() })
        this.record(wrap ? 'vault.os_unlock_enabled' : 'vault.os_unlock_disabled', null, {
          backend: wrap ? wrap.backend : (before?.osBackend ?? null)
        })
      }),
      recordFailure: ctx.db.transaction((details: AuditDetails) => {
        const now = this.ctx.now()
        const failedAttempts = this.repo.recordFailure(now)
        const wait = retryAfterSeconds(failedAttempts, now, now)
        this.record('vault.unlock_failed', null, { ...details, failedAttempts })
        return { failedAttempts, retryAfterSeconds: wait }
      }),
      unlocked: ctx.db.transaction((details: AuditDetails) => {
        this.repo.resetFailures()
        this.record('vault.unlock', null, details)
      }),
      replaceWrap: ctx.db.transaction(
        (expected: VaultRecord, wrap: PassphraseWrap, action: string | null) => {
          const current = this.repo.getVault()
          // Another process changed the passphrase meanwhile: never overwrite its wrap.
          if (!current || !current.passphraseWrap.salt.equals(expected.passphraseWrap.salt)) {
            return false
          }
          this.repo.replacePassphraseWrap(wrap, this.ctx.now())
          this.repo.resetFailures()
          if (action) {
            this.record(action, null, { kdf: 'scrypt', ...wrap.params })
          }
          return true
        }
      ),
      setCredential: ctx.db.transaction(
        (
          customerId: number,
          field: CredentialField,
          value: string,
          deliveryId: number | null,
          unlocked: UnlockedKey
        ) => this.setCredentialNow(customerId, field, value, deliveryId, unlocked)
      )
    }
  }

  // ── state ────────────────────────────────────────────────────────────────

  status(): VaultStatus {
    const vault = this.repo.getVault()
    const osUnlockAvailable = this.osAvailable()
    if (!vault) {
      return {
        state: 'not_set_up',
        osUnlockAvailable,
        osUnlockEnabled: false,
        osBackend: null,
        failedAttempts: 0,
        kdf: null,
        passphraseChangedAt: null
      }
    }
    const wait = retryAfterSeconds(vault.failedAttempts, vault.lastFailedAt, this.ctx.now())
    return {
      state: this.unlocked ? 'unlocked' : 'locked',
      osUnlockAvailable,
      osUnlockEnabled: vault.osWrappedKey !== null,
      osBackend: vault.osBackend,
      failedAttempts: vault.failedAttempts,
      ...(wait > 0 ? { retryAfterSeconds: wait } : {}),
      kdf: { name: 'scrypt', ...vault.passphraseWrap.params },
      passphraseChangedAt: vault.passphraseChangedAt
    }
  }

  isUnlocked(): boolean {
    return this.unlocked !== null
  }

  /** First use: a new data key wrapped by the passphrase. Leaves the vault unlocked. */
  setup(passphrase: string): Promise<VaultStatus> {
    // Taken now: a lock (suspend, screen lock) during the scrypt run must win, as in unlock.
    const epoch = this.lockEpoch
    return this.exclusive(async () => {
      checkNewPassphrase(passphrase, 'passphrase')
      if (this.repo.getVault()) throw new DeskError('VAULT_ALREADY_SET_UP')
      const dataKey = newDataKey()
      try {
        const wrap = await new PassphraseKeyProvider(passphrase, this.scryptParams).wrap(dataKey)
        if (!this.tx.setup.immediate(wrap, keyCheck(dataKey))) {
          throw new DeskError('VAULT_ALREADY_SET_UP')
        }
      } catch (error) {
        dataKey.fill(0)
        throw error
      }
      this.adopt(dataKey, FIRST_KEY_VERSION, epoch)
      return this.status()
    })
  }

  /**
   * Opens the vault with the passphrase. Wrong: VAULT_BAD_PASSPHRASE with params
   * {failedAttempts, retryAfterSeconds}; while the delay runs: VAULT_RETRY_LATER {seconds},
   * without trying the passphrase at all.
   */
  unlock(passphrase: string): Promise<VaultStatus> {
    // Taken now, not when the queued task starts: a lock() issued after this call must win.
    const epoch = this.lockEpoch
    return this.exclusive(async () => {
      const vault = this.requireVault()
      if (this.unlocked) return this.status()
      const dataKey = await this.openWithPassphrase(vault, passphrase, 'passphrase', {
        method: 'passphrase'
      })
      try {
        if (weakerThan(vault.passphraseWrap.params, this.scryptParams)) {
          // Re-made under today's cost now that the passphrase is known to be right.
          const wrap = await new PassphraseKeyProvider(passphrase, this.scryptParams).wrap(dataKey)
          this.tx.replaceWrap.immediate(vault, wrap, 'vault.kdf_upgraded')
        }
        this.tx.unlocked.immediate({ method: 'passphrase' })
      } catch (error) {
        dataKey.fill(0)
        throw error
      }
      this.adopt(dataKey, vault.keyVersion, epoch)
      return this.status()
    })
  }

  /** Opens the vault through the OS keyring, when "remember on this laptop" is on. */
  unlockWithOs(): Promise<VaultStatus> {
    // Taken now, not when the queued task starts: a lock() issued after this call must win.
    const epoch = this.lockEpoch
    return this.exclusive(async () => {
      const vault = this.requireVault()
      if (this.unlocked) return this.status()
      if (!vault.osWrappedKey) throw new DeskError('VAULT_OS_UNLOCK_OFF')
      const provider = this.osKeyProvider
      if (!provider || !this.osAvailable()) throw new DeskError('VAULT_OS_UNAVAILABLE')
      let dataKey: Buffer
      try {
        dataKey = await provider.unwrap(vault.osWrappedKey)
      } catch {
        this.record('vault.unlock_failed', null, { method: 'os', backend: provider.backend() })
        throw new DeskError('VAULT_OS_UNLOCK_FAILED')
      }
      if (dataKey.length !== DATA_KEY_BYTES || !matchesKeyCheck(dataKey, vault.keyCheck)) {
        dataKey.fill(0)
        this.record('vault.unlock_failed', null, { method: 'os', backend: provider.backend() })
        throw new DeskError('VAULT_OS_UNLOCK_FAILED')
      }
      // OS unlocks are not guesses: they neither count as failures nor reset the count.
      this.record('vault.unlock', null, { method: 'os', backend: provider.backend() })
      this.adopt(copyKeyAndWipe(dataKey), vault.keyVersion, epoch)
      return this.status()
    })
  }

  /** Zeroes the data key. Safe to call in any state. */
  lock(): VaultStatus {
    this.lockEpoch++
    if (this.unlocked) {
      this.unlocked.key.fill(0)
      this.unlocked = null
    }
    return this.status()
  }

  /**
   * Re-wraps the same data key under a new passphrase: every secret still opens, the old
   * passphrase stops working. A wrong old passphrase counts like a wrong unlock. The
   * locked/unlocked state is left as it was.
   */
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<VaultStatus> {
    return this.exclusive(async () => {
      const vault = this.requireVault()
      checkNewPassphrase(newPassphrase, 'newPassphrase')
      const dataKey = await this.openWithPassphrase(vault, oldPassphrase, 'oldPassphrase', {
        method: 'passphrase',
        purpose: 'change_passphrase'
      })
      try {
        const wrap = await new PassphraseKeyProvider(newPassphrase, this.scryptParams).wrap(dataKey)
        if (!this.tx.replaceWrap.immediate(vault, wrap, 'vault.passphrase_changed')) {
          throw new DeskError('VAULT_BAD_PASSPHRASE', {
            field: 'oldPassphrase',
            params: { failedAttempts: 0, retryAfterSeconds: 0 }
          })
        }
      } finally {
        dataKey.fill(0)
      }
      return this.status()
    })
  }

  /** "Remember on this laptop": stores an OS-wrapped copy of the data key. Needs the vault unlocked. */
  enableOsUnlock(): Promise<VaultStatus> {
    return this.exclusive(async () => {
      const unlocked = this.requireUnlocked()
      const provider = this.osKeyProvider
      if (!provider || !this.osAvailable()) throw new DeskError('VAULT_OS_UNAVAILABLE')
      // A copy: lock() may zero the live key while the provider works.
      const dataKey = copyKey(unlocked.key)
      try {
        const blob = await provider.wrap(dataKey)
        const check = await provider.unwrap(blob)
        const roundTrips = check.equals(dataKey)
        check.fill(0)
        if (!roundTrips) throw new DeskError('VAULT_OS_UNAVAILABLE')
        const backend = provider.backend()
        this.tx.setOsWrap.immediate({ blob, backend })
      } finally {
        dataKey.fill(0)
      }
      return this.status()
    })
  }

  /** Removes the OS-wrapped copy; from then on only the passphrase opens the vault. */
  disableOsUnlock(): VaultStatus {
    const vault = this.requireVault()
    // Someone at a locked laptop must not change how it unlocks.
    this.requireUnlocked()
    if (vault.osWrappedKey) {
      this.tx.setOsWrap.immediate(null)
    }
    return this.status()
  }

  // ── credentials ──────────────────────────────────────────────────────────

  /**
   * Stores a value for one field; the previous value stays as history (still encrypted, with
   * when it was replaced). Surrounding whitespace from pasting is removed. Hints about likely
   * copy mistakes come back as warnings; they never refuse the value.
   */
  setCredential(
    customerId: number,
    field: string,
    value: string,
    deliveryId?: number | null
  ): SetCredentialResult {
    const key = assertCredentialField(field)
    const trimmed = value.trim()
    if (trimmed === '') throw new DeskError('REQUIRED', { field: 'value' })
    if (characterCount(trimmed) > MAX_CREDENTIAL_LENGTH) {
      throw new DeskError('TOO_LONG', { field: 'value', params: { max: MAX_CREDENTIAL_LENGTH } })
    }
    const unlocked = this.requireUnlocked()
    this.requireCustomer(customerId)
    if (deliveryId !== undefined && deliveryId !== null) {
      if (this.repo.deliveryCustomerId(deliveryId) !== customerId) {
        throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
      }
    }
    return this.tx.setCredential.immediate(customerId, key, trimmed, deliveryId ?? null, unlocked)
  }

  /** Which fields hold a current value for the customer: names only, readable while locked. */
  storedFields(customerId: number): CredentialField[] {
    const fields = new Set<CredentialField>()
    for (const r of this.repo.allCredentials(customerId)) {
      if (r.replacedAt === null && isCredentialField(r.field)) fields.add(r.field)
    }
    return CREDENTIAL_FIELD_KEYS.filter((f) => fields.has(f))
  }

  /** The five fields of a customer, masked while unlocked, with dates of every earlier value. */
  listCredentials(customerId: number): CredentialList {
    this.requireCustomer(customerId)
    const records = this.repo.allCredentials(customerId)
    return {
      customerId,
      locked: this.unlocked === null,
      items: CREDENTIAL_FIELD_KEYS.map((field) => this.summarize(field, records))
    }
  }

  /** The plaintext of the current value; audited as a reveal. */
  reveal(customerId: number, field: string): string {
    const key = assertCredentialField(field)
    const unlocked = this.requireUnlocked()
    const value = this.openRecord(this.requireCurrent(customerId, key), unlocked)
    this.record('credential.reveal', customerId, { field: key })
    return value
  }

  /** The plaintext of an earlier value (from listCredentials' history); audited as a reveal. */
  revealHistory(customerId: number, field: string, historyId: number): string {
    const key = assertCredentialField(field)
    const unlocked = this.requireUnlocked()
    const record = this.repo.historyCredential(customerId, key, historyId)
    if (!record) throw new DeskError('NOT_FOUND', { field: 'historyId', params: { id: historyId } })
    const value = this.openRecord(record, unlocked)
    this.record('credential.reveal', customerId, { field: key, historyId })
    return value
  }

  /**
   * The plaintext for the main process to put on the clipboard; audited as one copy (not as a
   * reveal, so the log says what happened).
   */
  copyValue(customerId: number, field: string): string {
    const key = assertCredentialField(field)
    const unlocked = this.requireUnlocked()
    const value = this.openRecord(this.requireCurrent(customerId, key), unlocked)
    this.recordCopy(customerId, key)
    return value
  }

  /** Audits a copy made by the main process (copyValue already does this). */
  recordCopy(customerId: number, field: string): void {
    const key = assertCredentialField(field)
    this.record('credential.copy', customerId, { field: key })
  }

  /**
   * The runbook's hand-off message with the five current values, the customer's name and tax
   * ID from the registry. Refuses with CREDENTIALS_INCOMPLETE {missing} rather than send a
   * message with holes. Audited as a hand-off.
   */
  handoffMessage(customerId: number, options: HandoffOptions = {}): string {
    const unlocked = this.requireUnlocked()
    const customer = this.repo.customerIdentity(customerId)
    if (!customer)
      throw new DeskError('NOT_FOUND', { field: 'customerId', params: { id: customerId } })
    const records = CREDENTIAL_FIELD_KEYS.map(
      (field) => [field, this.repo.currentCredential(customerId, field)] as const
    )
    const missing = records.filter(([, record]) => record === null).map(([field]) => field)
    if (missing.length > 0) {
      throw new DeskError('CREDENTIALS_INCOMPLETE', {
        field: missing[0],
        params: { missing: missing.join('、') }
      })
    }
    const secrets = {} as Record<CredentialField, string>
    for (const [field, record] of records) {
      if (record) secrets[field] = this.openRecord(record, unlocked)
    }
    const message = formatHandoffMessage(customer, secrets)
    this.recordHandoff(customerId, options.deliveryId ?? null, options.channel ?? null)
    return message
  }

  /**
   * Audits a hand-off of the keys to the customer (handoffMessage already does this; call it
   * directly only for a hand-off that did not go through the message).
   */
  recordHandoff(customerId: number, deliveryId?: number | null, channel?: string | null): void {
    this.record('credential.handoff', customerId, {
      fields: [...CREDENTIAL_FIELD_KEYS],
      ...(deliveryId !== undefined && deliveryId !== null ? { deliveryId } : {}),
      ...(channel ? { channel: channel.trim().slice(0, MAX_CHANNEL_LENGTH) } : {})
    })
  }

  // ── internals ────────────────────────────────────────────────────────────

  private setCredentialNow(
    customerId: number,
    field: CredentialField,
    value: string,
    deliveryId: number | null,
    unlocked: UnlockedKey
  ): SetCredentialResult {
    const warnings = credentialHints(field, value)
    const current = this.repo.currentCredential(customerId, field)
    if (current && this.sameValue(current, value, unlocked)) {
      return { changed: false, credential: this.summarizeOne(customerId, field), warnings }
    }
    const now = this.ctx.now()
    if (current) this.repo.markReplaced(current.id, now)
    const plaintext = Buffer.from(value, 'utf8')
    const box = seal(unlocked.key, plaintext, credentialAad(customerId, field, unlocked.keyVersion))
    plaintext.fill(0)
    this.repo.insertCredential({
      customerId,
      field,
      keyVersion: unlocked.keyVersion,
      box,
      deliveryId,
      now,
      actor: this.ctx.actor()
    })
    this.record('credential.set', customerId, {
      field,
      replaced: current !== null,
      ...(deliveryId !== null ? { deliveryId } : {})
    })
    return { changed: true, credential: this.summarizeOne(customerId, field), warnings }
  }

  /** A tampered current value is replaced rather than compared: setting it again is the repair. */
  private sameValue(record: CredentialRecord, value: string, unlocked: UnlockedKey): boolean {
    try {
      return this.openRecord(record, unlocked, false) === value
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_TAMPERED') return false
      throw error
    }
  }

  private summarizeOne(customerId: number, field: CredentialField): CredentialSummary {
    return this.summarize(field, this.repo.allCredentials(customerId))
  }

  private summarize(field: CredentialField, records: CredentialRecord[]): CredentialSummary {
    const mine = records.filter((r) => r.field === field)
    const current = mine.find((r) => r.replacedAt === null) ?? null
    const history: CredentialHistoryEntry[] = mine
      .filter((r) => r.replacedAt !== null)
      .map((r) => ({
        id: r.id,
        setAt: r.setAt,
        setBy: r.setBy,
        replacedAt: r.replacedAt ?? '',
        deliveryId: r.deliveryId
      }))
    let mask: string | null = null
    let tampered = false
    let hints: FieldIssue<WarningCode>[] = []
    if (current && this.unlocked) {
      try {
        const value = this.openRecord(current, this.unlocked, false)
        mask = maskCredential(value)
        hints = credentialHints(field, value)
      } catch (error) {
        if (!(error instanceof DeskError && error.code === 'VAULT_TAMPERED')) throw error
        tampered = true
      }
    }
    return {
      field,
      stored: current !== null,
      mask,
      tampered,
      updatedAt: current?.setAt ?? null,
      updatedBy: current?.setBy ?? null,
      deliveryId: current?.deliveryId ?? null,
      history,
      hints
    }
  }

  /** Opens one stored value, or throws VAULT_TAMPERED (audited once per detection). */
  private openRecord(record: CredentialRecord, unlocked: UnlockedKey, audit = true): string {
    const field = record.field
    try {
      const plaintext = open(
        unlocked.key,
        record.box,
        credentialAad(record.customerId, field, record.keyVersion),
        field
      )
      const value = plaintext.toString('utf8')
      plaintext.fill(0)
      return value
    } catch (error) {
      if (audit && error instanceof DeskError && error.code === 'VAULT_TAMPERED') {
        this.record('credential.tamper_detected', record.customerId, {
          field,
          credentialId: record.id
        })
      }
      throw error
    }
  }

  private requireCurrent(customerId: number, field: CredentialField): CredentialRecord {
    const record = this.repo.currentCredential(customerId, field)
    if (!record) throw new DeskError('CREDENTIAL_NOT_SET', { field, params: { field } })
    return record
  }

  private requireCustomer(customerId: number): void {
    if (!this.repo.customerIdentity(customerId)) {
      throw new DeskError('NOT_FOUND', { field: 'customerId', params: { id: customerId } })
    }
  }

  private requireVault(): VaultRecord {
    const vault = this.repo.getVault()
    if (!vault) throw new DeskError('VAULT_NOT_SET_UP')
    return vault
  }

  private requireUnlocked(): UnlockedKey {
    if (this.unlocked) return this.unlocked
    this.requireVault()
    throw new DeskError('VAULT_LOCKED')
  }

  private osAvailable(): boolean {
    try {
      return this.osKeyProvider?.isAvailable() ?? false
    } catch {
      return false
    }
  }

  /**
   * Tries a passphrase against the stored wrap, honouring and advancing the failure delay.
   * Returns the data key (the caller owns and must zero it).
   */
  private async openWithPassphrase(
    vault: VaultRecord,
    passphrase: string,
    field: string,
    auditDetails: AuditDetails
  ): Promise<Buffer> {
    const wait = retryAfterSeconds(vault.failedAttempts, vault.lastFailedAt, this.ctx.now())
    if (wait > 0) throw new DeskError('VAULT_RETRY_LATER', { field, params: { seconds: wait } })
    let dataKey: Buffer
    try {
      dataKey = await new PassphraseKeyProvider(passphrase).unwrap(vault.passphraseWrap)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_BAD_PASSPHRASE') {
        const failure = this.tx.recordFailure.immediate(auditDetails)
        throw new DeskError('VAULT_BAD_PASSPHRASE', { field, params: failure })
      }
      throw error
    }
    if (!matchesKeyCheck(dataKey, vault.keyCheck)) {
      dataKey.fill(0)
      throw new DeskError('VAULT_TAMPERED')
    }
    return dataKey
  }

  /** Takes ownership of a freshly opened key, unless the vault was locked meanwhile. */
  private adopt(dataKey: Buffer, keyVersion: number, epoch: number): void {
    if (epoch !== this.lockEpoch) {
      dataKey.fill(0)
      return
    }
    this.unlocked?.key.fill(0)
    this.unlocked = { key: dataKey, keyVersion }
  }

  private record(action: string, customerId: number | null, details: AuditDetails): void {
    this.audit.record({
      at: this.ctx.now(),
      actor: this.ctx.actor(),
      action,
      entityType: customerId === null ? 'vault' : 'customer',
      entityId: customerId,
      details
    })
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}

/** Refuses passphrases that setup and changePassphrase must not accept. */
function checkNewPassphrase(passphrase: string, field: string): void {
  const length = characterCount(passphrase.normalize('NFC'))
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new DeskError('VAULT_WEAK_PASSPHRASE', { field, params: { min: MIN_PASSPHRASE_LENGTH } })
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    throw new DeskError('TOO_LONG', { field, params: { max: MAX_PASSPHRASE_LENGTH } })
  }
}

/** A key returned by a provider may share a pooled allocation: move it into its own buffer. */
function copyKeyAndWipe(source: Buffer): Buffer {
  const key = copyKey(source)
  source.fill(0)
  return key
}
