/**
 * The checks every read of a stored value goes through: the manifest verified under the live
 * key (vault-integrity.ts), the current row being the one it names, the value's AAD. A
 * detection is audited as `credential.tamper_detected` (or `vault.tamper_detected` for the
 * manifest) with ids only, and thrown as VAULT_TAMPERED.
 */
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { CredentialField } from './credential-fields'
import {
  isListed,
  manifestEntry,
  openCredential,
  readManifest,
  type Manifest
} from './vault-integrity'
import type { UnlockedKey, VaultKeys } from './vault-key-service'
import type { CredentialRecord, VaultRepository } from './vault-repository'

export class CredentialGuard {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: VaultKeys,
    private readonly repo: VaultRepository
  ) {}

  /**
   * The verified manifest under the live key. Another process may have rotated the key (a
   * passphrase change): this one's key is then stale, so the vault locks (VAULT_LOCKED).
   */
  manifest(unlocked: UnlockedKey): Manifest {
    const vault = this.repo.getVault()
    if (!vault || vault.keyVersion !== unlocked.keyVersion) {
      this.keys.lock()
      throw new DeskError('VAULT_LOCKED')
    }
    try {
      return readManifest(vault, unlocked.key, unlocked.keyVersion)
    } catch (error) {
      recordAudit(this.ctx, 'vault.tamper_detected', 'vault', null, { check: 'manifest' })
      throw error
    }
  }

  /** A current value opens only when it is the row the manifest names. */
  openListed(
    record: CredentialRecord,
    manifest: Manifest,
    unlocked: UnlockedKey,
    onTamper: ((record: CredentialRecord) => void) | null
  ): string {
    if (!isListed(manifest, record)) {
      throw new DeskError('VAULT_TAMPERED', { field: record.field })
    }
    return this.openRecord(record, unlocked, onTamper)
  }

  /**
   * Opens one stored value, or throws VAULT_TAMPERED. A detection goes to `onTamper`: by default
   * straight to the audit log; null for the list, which shows it instead.
   */
  openRecord(
    record: CredentialRecord,
    unlocked: UnlockedKey,
    onTamper: ((record: CredentialRecord) => void) | null = (r) => this.recordTamper(r)
  ): string {
    try {
      const plaintext = openCredential(unlocked.key, unlocked.keyVersion, record)
      const value = plaintext.toString('utf8')
      plaintext.fill(0)
      return value
    } catch (error) {
      if (onTamper && error instanceof DeskError && error.code === 'VAULT_TAMPERED') {
        onTamper(record)
      }
      throw error
    }
  }

  recordTamper(record: CredentialRecord): void {
    recordAudit(this.ctx, 'credential.tamper_detected', 'customer', record.customerId, {
      field: record.field,
      credentialId: record.id
    })
  }

  /** The current row, checked against the manifest: a missing or different row is VAULT_TAMPERED. */
  currentOrNull(
    customerId: number,
    field: CredentialField,
    manifest: Manifest
  ): CredentialRecord | null {
    const record = this.repo.currentCredential(customerId, field)
    const listed = manifestEntry(manifest, customerId, field)
    if (!record && !listed) return null
    if (!record || !isListed(manifest, record)) {
      recordAudit(this.ctx, 'credential.tamper_detected', 'customer', customerId, {
        field,
        credentialId: record?.id ?? listed?.id ?? null
      })
      throw new DeskError('VAULT_TAMPERED', { field })
    }
    return record
  }

  requireCurrent(
    customerId: number,
    field: CredentialField,
    unlocked: UnlockedKey
  ): CredentialRecord {
    const record = this.currentOrNull(customerId, field, this.manifest(unlocked))
    if (!record) throw new DeskError('CREDENTIAL_NOT_SET', { field, params: { field } })
    return record
  }
}
