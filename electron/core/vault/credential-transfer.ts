/**
 * The vault's part of a handover bundle: current values leave only re-sealed by the caller
 * (under the bundle's key), and arrive re-sealed under this laptop's data key with the
 * manifest (vault-integrity.ts) updated in the same transaction. Plaintext lives in Buffers
 * that are zeroed as soon as they have been sealed again; it never reaches the disk.
 */
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import {
  assertCredentialField,
  CREDENTIAL_FIELD_KEYS,
  type CredentialField
} from './credential-fields'
import { CredentialGuard } from './credential-guard'
import { openCredential, sealNewCurrent, writeManifest } from './vault-integrity'
import type { UnlockedKey, VaultKeys } from './vault-key-service'
import { VaultRepository } from './vault-repository'

/** A value arriving from a bundle: the plaintext is zeroed here once it is sealed. */
export interface IncomingSecret {
  field: string
  plaintext: Buffer
}

/** `replace`: the value becomes current (an older one stays as history); `fill`: only when empty. */
export type SecretImportMode = 'replace' | 'fill'

export class CredentialTransfer {
  private readonly repo: VaultRepository
  private readonly guard: CredentialGuard

  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: VaultKeys
  ) {
    this.repo = new VaultRepository(ctx.db)
    this.guard = new CredentialGuard(ctx, keys, this.repo)
  }

  /** Whether the customer has a current value (names only; works while locked). */
  hasAny(customerId: number): boolean {
    return this.repo.currentFields(customerId).length > 0
  }

  /**
   * Hands each current value of the customer to `reseal` and zeroes it right after. Checked
   * against the manifest like every read; audited as an export per field, never a value.
   */
  exportCurrent<T>(
    customerId: number,
    reseal: (field: CredentialField, plaintext: Buffer) => T
  ): T[] {
    const unlocked = this.keys.requireUnlocked()
    const manifest = this.guard.manifest(unlocked)
    const out: T[] = []
    for (const field of CREDENTIAL_FIELD_KEYS) {
      const record = this.guard.currentOrNull(customerId, field, manifest)
      if (!record) continue
      const plaintext = openCredential(unlocked.key, unlocked.keyVersion, record)
      try {
        out.push(reseal(field, plaintext))
      } finally {
        plaintext.fill(0)
      }
      recordAudit(this.ctx, 'credential.bundle_export', 'customer', customerId, { field })
    }
    return out
  }

  /** Exporting secrets needs the vault open: VAULT_LOCKED (or VAULT_NOT_SET_UP) otherwise. */
  requireUnlocked(): void {
    this.keys.requireUnlocked()
  }

  /** The unlocked key an import of secrets needs; a clear refusal while locked or not set up. */
  requireUnlockedForImport(): UnlockedKey {
    const unlocked = this.keys.unlockedKey()
    if (!unlocked) throw new DeskError('BUNDLE_SECRETS_LOCKED', { field: 'bundlePassphrase' })
    return unlocked
  }

  /**
   * Seals the values under this vault and updates the manifest. Runs inside the caller's
   * transaction (a bundle import is all or none). Every plaintext is zeroed before returning,
   * also on failure. Returns how many values were written.
   */
  importValues(
    customerId: number,
    values: IncomingSecret[],
    mode: SecretImportMode,
    unlocked: UnlockedKey
  ): number {
    try {
      let manifest = this.guard.manifest(unlocked)
      let written = 0
      for (const value of values) {
        const field = assertCredentialField(value.field)
        const current = this.guard.currentOrNull(customerId, field, manifest)
        if (current && mode === 'fill') continue
        manifest = sealNewCurrent(this.repo, unlocked, manifest, {
          customerId,
          field,
          deliveryId: null,
          replaces: current,
          plaintext: value.plaintext,
          now: this.ctx.now(),
          actor: this.ctx.actor()
        })
        recordAudit(this.ctx, 'credential.bundle_import', 'customer', customerId, {
          field,
          replaced: current !== null
        })
        written++
      }
      writeManifest(this.repo, unlocked.key, manifest)
      return written
    } finally {
      for (const value of values) value.plaintext.fill(0)
    }
  }
}
