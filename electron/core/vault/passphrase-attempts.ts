/**
 * Trying a passphrase against the stored wrap, with the growing delay after wrong ones
 * (unlock-backoff.ts). Unlock and passphrase change both go through here, so every guess is
 * counted and audited the same way.
 *
 * A guess is counted BEFORE scrypt runs, in a write transaction (BEGIN IMMEDIATE) that also
 * checks the delay: several processes guessing at once on the same file each see the others'
 * guesses, so at most one guess is tried per delay window. A right passphrase resets the count.
 */
import type { AuditDetails } from '../audit/audit-log'
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { PassphraseKeyProvider } from './key-provider'
import { retryAfterSeconds, unlockDelaySeconds } from './unlock-backoff'
import { matchesKeyCheck } from './vault-crypto'
import type { VaultRecord, VaultRepository } from './vault-repository'

export class PassphraseAttempts {
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly claim
  private readonly succeeded

  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: VaultRepository
  ) {
    /** the delay checked and the guess counted as a failure, atomically across processes */
    this.claim = ctx.db.transaction((): { vault: VaultRecord; wait: number; count: number } => {
      const vault = this.repo.getVault()
      if (!vault) throw new DeskError('VAULT_NOT_SET_UP')
      const wait = this.retryAfter(vault)
      if (wait > 0) return { vault, wait, count: vault.failedAttempts }
      return { vault, wait, count: this.repo.recordFailure(ctx.now()) }
    })
    this.succeeded = ctx.db.transaction(() => this.repo.resetFailures())
  }

  /** seconds to wait before the next attempt, 0 when one is allowed */
  retryAfter(vault: VaultRecord): number {
    return retryAfterSeconds(vault.failedAttempts, vault.lastFailedAt, this.ctx.now())
  }

  /**
   * The data key (the caller owns and must zero it). While the delay runs: VAULT_RETRY_LATER
   * {seconds} without trying; wrong: VAULT_BAD_PASSPHRASE {failedAttempts, retryAfterSeconds},
   * counted and audited; `field` is the form field either refusal belongs to.
   */
  async open(
    vault: VaultRecord,
    passphrase: string,
    field: string,
    auditDetails: AuditDetails
  ): Promise<Buffer> {
    const early = this.retryAfter(vault)
    if (early > 0) throw new DeskError('VAULT_RETRY_LATER', { field, params: { seconds: early } })
    const claimed = this.claim.immediate()
    if (claimed.wait > 0) {
      throw new DeskError('VAULT_RETRY_LATER', { field, params: { seconds: claimed.wait } })
    }
    let dataKey: Buffer
    try {
      dataKey = await new PassphraseKeyProvider(passphrase).unwrap(claimed.vault.passphraseWrap)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_BAD_PASSPHRASE') {
        const failedAttempts = claimed.count
        recordAudit(this.ctx, 'vault.unlock_failed', 'vault', null, {
          ...auditDetails,
          failedAttempts
        })
        const params = { failedAttempts, retryAfterSeconds: unlockDelaySeconds(failedAttempts) }
        throw new DeskError('VAULT_BAD_PASSPHRASE', { field, params })
      }
      throw error
    }
    if (!matchesKeyCheck(dataKey, claimed.vault.keyCheck)) {
      dataKey.fill(0)
      throw new DeskError('VAULT_TAMPERED')
    }
    this.succeeded.immediate()
    return dataKey
  }
}
