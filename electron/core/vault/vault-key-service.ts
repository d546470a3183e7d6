/**
 * The vault's key lifecycle, kept apart from the secrets it protects (as password managers keep
 * key management apart from vault items): a random data key, wrapped by the passphrase (scrypt)
 * and, when the implementer turns on "remember on this laptop", by the OS keyring. Only the
 * wraps reach the disk; the data key lives in this object's memory while unlocked and is zeroed
 * on lock. Credentials (credential-service.ts) borrow it through `requireUnlocked()`.
 * Passphrase guesses and their delay are counted in passphrase-attempts.ts.
 *
 * States: not_set_up → (setup) → unlocked ⇄ locked. Set-up, unlocks, failures, passphrase
 * changes and OS-unlock changes are audited, never with a key or a passphrase.
 */
import type { AuditDetails } from '../audit/audit-log'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { DeskError } from '../errors/desk-error'
import { PassphraseKeyProvider, type OsKeyProvider, type PassphraseWrap } from './key-provider'
import { PassphraseAttempts } from './passphrase-attempts'
import { assertAcceptablePassphrase } from './passphrase-strength'
import {
  copyKeyBytes,
  DATA_KEY_BYTES,
  DEFAULT_SCRYPT_PARAMS,
  keyCheckFormat,
  newDataKey,
  takeKeyBytes,
  type ScryptParams
} from './vault-crypto'
import {
  FIRST_KEY_VERSION,
  insertNewVault,
  replaceWrapOnly,
  weakerThan,
  rotateDataKey,
  verifyOpenedKey,
  type NewKey,
  type RotationProgress,
  type UnlockedKey
} from './key-rotation'
import { VaultRepository, type VaultRecord } from './vault-repository'
import type { VaultStatus } from './vault-types'

export interface VaultKeysOptions {
  /** the OS keyring (Electron safeStorage in the app); absent in the CLI and most tests */
  osKeyProvider?: OsKeyProvider
  /**
   * scrypt cost for new passphrase wraps. Defaults to N=2^17, r=8, p=1; tests lower it for
   * speed. A wrap weaker than this is re-made at the next passphrase unlock.
   */
  scryptParams?: ScryptParams
}

export type { UnlockedKey, RotationProgress } from './key-rotation'

export class VaultKeys {
  private readonly repo: VaultRepository
  private readonly attempts: PassphraseAttempts
  private readonly osKeyProvider: OsKeyProvider | undefined
  private readonly scryptParams: ScryptParams
  private unlocked: UnlockedKey | null = null
  /** when the live key was opened (ms), for the maximum unlocked lifetime */
  private unlockedSince: number | null = null
  /** bumped by lock(): an unlock that was in flight when the vault was locked must not win */
  private lockEpoch = 0
  /** setup, unlock and re-wraps run one at a time, so the failure count and wraps stay consistent */
  private queue: Promise<unknown> = Promise.resolve()
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    options: VaultKeysOptions = {}
  ) {
    this.repo = new VaultRepository(ctx.db)
    this.attempts = new PassphraseAttempts(ctx, this.repo)
    this.osKeyProvider = options.osKeyProvider
    this.scryptParams = { ...(options.scryptParams ?? DEFAULT_SCRYPT_PARAMS) }
    this.tx = {
      /** false when another process set the vault up first */
      setup: ctx.db.transaction((wrap: PassphraseWrap, dataKey: Buffer) =>
        insertNewVault(ctx, this.repo, wrap, dataKey)
      ),
      /** an opened key's manifest verified, or the old format upgraded (vault-integrity.ts) */
      verify: ctx.db.transaction((dataKey: Buffer) => verifyOpenedKey(ctx, this.repo, dataKey)),
      rotate: ctx.db.transaction(
        (expected: VaultRecord, from: UnlockedKey, to: NewKey, onProgress: RotationProgress) =>
          rotateDataKey(ctx, this.repo, { expected, from, to, onProgress }, this.osKeyProvider)
      ),
      setOsWrap: ctx.db.transaction((wrap: { blob: Buffer; backend: string } | null) => {
        const before = this.repo.getVault()
        this.repo.setOsWrap(wrap && { ...wrap, at: ctx.now() })
        this.record(wrap ? 'vault.os_unlock_enabled' : 'vault.os_unlock_disabled', {
          backend: wrap ? wrap.backend : (before?.osBackend ?? null)
        })
      }),
      unlocked: ctx.db.transaction((details: AuditDetails) => {
        this.repo.resetFailures()
        this.record('vault.unlock', details)
      }),
      replaceWrap: ctx.db.transaction(
        (expected: VaultRecord, wrap: PassphraseWrap, action: string | null) =>
          replaceWrapOnly(ctx, this.repo, expected, wrap, action)
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
    const wait = this.attempts.retryAfter(vault)
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

  /** The live key, or null while locked. Callers use it synchronously and never keep it. */
  unlockedKey(): UnlockedKey | null {
    return this.unlocked
  }

  /** The live key; VAULT_NOT_SET_UP or VAULT_LOCKED otherwise. */
  requireUnlocked(): UnlockedKey {
    if (this.unlocked) return this.unlocked
    this.requireVault()
    throw new DeskError('VAULT_LOCKED')
  }

  // ── transitions ──────────────────────────────────────────────────────────

  /** First use: a new data key wrapped by the passphrase. Leaves the vault unlocked. */
  setup(passphrase: string): Promise<VaultStatus> {
    // Taken now: a lock (suspend, screen lock) during the scrypt run must win, as in unlock.
    const epoch = this.lockEpoch
    return this.exclusive(async () => {
      await assertAcceptablePassphrase(passphrase, 'passphrase')
      if (this.repo.getVault()) throw new DeskError('VAULT_ALREADY_SET_UP')
      const dataKey = newDataKey()
      try {
        const wrap = await new PassphraseKeyProvider(passphrase, this.scryptParams).wrap(dataKey)
        if (!this.tx.setup.immediate(wrap, dataKey)) {
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
      const dataKey = await this.attempts.open(vault, passphrase, 'passphrase', {
        method: 'passphrase'
      })
      try {
        this.verifyOpened(dataKey)
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
      const details = { method: 'os', backend: provider.backend() }
      let dataKey: Buffer
      try {
        dataKey = await provider.unwrap(vault.osWrappedKey)
      } catch {
        this.record('vault.unlock_failed', details)
        throw new DeskError('VAULT_OS_UNLOCK_FAILED')
      }
      if (dataKey.length !== DATA_KEY_BYTES || keyCheckFormat(dataKey, vault.keyCheck) === null) {
        dataKey.fill(0)
        this.record('vault.unlock_failed', details)
        throw new DeskError('VAULT_OS_UNLOCK_FAILED')
      }
      try {
        this.verifyOpened(dataKey)
      } catch (error) {
        dataKey.fill(0)
        throw error
      }
      // OS unlocks are not guesses: they neither count as failures nor reset the count.
      this.record('vault.unlock', details)
      // A key returned by a provider may share a pooled allocation: move it into its own.
      this.adopt(takeKeyBytes(dataKey), vault.keyVersion, epoch)
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
    this.unlockedSince = null
    return this.status()
  }

  /** When the live key was opened (ms since the epoch), null while locked. */
  unlockedAt(): number | null {
    return this.unlocked ? this.unlockedSince : null
  }

  /**
   * A new passphrase and a new data key: every secret and its history is re-sealed under the
   * new key in one transaction (`onProgress` hears how far), the key version advances, and the
   * OS copy is re-made for the new key. A copy of the database from before, with the old
   * passphrase, opens none of what is stored afterwards. A wrong old passphrase counts like a
   * wrong unlock. The locked/unlocked state is left as it was.
   */
  changePassphrase(
    oldPassphrase: string,
    newPassphrase: string,
    onProgress: RotationProgress = () => undefined
  ): Promise<VaultStatus> {
    const epoch = this.lockEpoch
    return this.exclusive(async () => {
      const vault = this.requireVault()
      await assertAcceptablePassphrase(newPassphrase, 'newPassphrase')
      const oldKey = await this.attempts.open(vault, oldPassphrase, 'oldPassphrase', {
        method: 'passphrase',
        purpose: 'change_passphrase'
      })
      const newKey = newDataKey()
      let rotated = false
      try {
        this.verifyOpened(oldKey)
        const current = this.requireVault()
        const wrap = await new PassphraseKeyProvider(newPassphrase, this.scryptParams).wrap(newKey)
        const os = this.osKeyProvider
        const osWrap =
          current.osWrappedKey && os && this.osAvailable() ? await os.wrap(newKey) : null
        const to = { key: newKey, keyVersion: current.keyVersion + 1, wrap, osWrap }
        const from = { key: oldKey, keyVersion: current.keyVersion }
        if (!this.tx.rotate.immediate(current, from, to, onProgress)) {
          throw new DeskError('VAULT_BAD_PASSPHRASE', {
            field: 'oldPassphrase',
            params: { failedAttempts: 0, retryAfterSeconds: 0 }
          })
        }
        rotated = true
        // An open vault stays open, now on the new key.
        if (this.unlocked) this.adopt(copyKeyBytes(newKey), to.keyVersion, epoch)
      } finally {
        oldKey.fill(0)
        newKey.fill(0)
        if (!rotated && this.unlocked) this.verifyLiveKey()
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
      const dataKey = copyKeyBytes(unlocked.key)
      try {
        const blob = await provider.wrap(dataKey)
        const check = await provider.unwrap(blob)
        const roundTrips = check.equals(dataKey)
        check.fill(0)
        if (!roundTrips) throw new DeskError('VAULT_OS_UNAVAILABLE')
        this.tx.setOsWrap.immediate({ blob, backend: provider.backend() })
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
    if (vault.osWrappedKey) this.tx.setOsWrap.immediate(null)
    return this.status()
  }

  // ── internals ────────────────────────────────────────────────────────────

  private requireVault(): VaultRecord {
    const vault = this.repo.getVault()
    if (!vault) throw new DeskError('VAULT_NOT_SET_UP')
    return vault
  }

  /** Checks an opened key's manifest (or upgrades the old format); VAULT_TAMPERED is audited. */
  private verifyOpened(dataKey: Buffer): void {
    try {
      this.tx.verify.immediate(dataKey)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_TAMPERED') {
        this.record('vault.tamper_detected', { check: 'manifest' })
      }
      throw error
    }
  }

  /** After a failed change: the live key must still be the stored one (another process may have rotated). */
  private verifyLiveKey(): void {
    const vault = this.repo.getVault()
    if (this.unlocked && (!vault || vault.keyVersion !== this.unlocked.keyVersion)) this.lock()
  }

  private osAvailable(): boolean {
    try {
      return this.osKeyProvider?.isAvailable() ?? false
    } catch {
      return false
    }
  }

  /** Takes ownership of a freshly opened key, unless the vault was locked meanwhile. */
  private adopt(dataKey: Buffer, keyVersion: number, epoch: number): void {
    if (epoch !== this.lockEpoch) {
      dataKey.fill(0)
      return
    }
    const wasUnlocked = this.unlocked !== null
    this.unlocked?.key.fill(0)
    this.unlocked = { key: dataKey, keyVersion }
    // A rotation keeps the vault open but does not extend how long it may stay open.
    if (!wasUnlocked) this.unlockedSince = Date.parse(this.ctx.now())
  }

  private record(action: string, details: AuditDetails): void {
    recordAudit(this.ctx, action, 'vault', null, details)
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
