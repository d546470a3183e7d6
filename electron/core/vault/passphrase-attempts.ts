/**
 * Trying a passphrase against the stored wrap, with the growing delay after wrong ones
 * (unlock-backoff.ts). Unlock and passphrase change both go through here, so every guess is
 * counted and audited the same way.
 */
import type { AuditDetails } from '../audit/audit-log'
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import { PassphraseKeyProvider } from './key-provider'
import { retryAfterSeconds } from './unlock-backoff'
import { matchesKeyCheck } from './vault-crypto'
import type { VaultRecord, VaultRepository } from './vault-repository'

export class PassphraseAttempts {
  // Built once: better-sqlite3 compiles a transaction's BEGIN/COMMIT statements per wrapper.
  private readonly recordFailure

  constructor(
    private readonly ctx: ServiceContext,
    private readonly repo: VaultRepository
  ) {
    this.recordFailure = ctx.db.transaction((details: AuditDetails) => {
      const now = ctx.now()
      const failedAttempts = this.repo.recordFailure(now)
      const wait = retryAfterSeconds(failedAttempts, now, now)
      recordAudit(ctx, 'vault.unlock_failed', 'vault', null, { ...details, failedAttempts })
      return { failedAttempts, retryAfterSeconds: wait }
    })
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
    const wait = this.retryAfter(vault)
    if (wait > 0) throw new DeskError('VAULT_RETRY_LATER', { field, params: { seconds: wait } })
    let dataKey: Buffer
    try {
      dataKey = await new PassphraseKeyProvider(passphrase).unwrap(vault.passphraseWrap)
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_BAD_PASSPHRASE') {
        const failure = this.recordFailure.immediate(auditDetails)
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
}
