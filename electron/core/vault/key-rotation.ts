/**
 * The two key-level checks that run in a write transaction: verifying a freshly opened key
 * against the stored manifest (or upgrading the first storage format), and rotating the data
 * key at a passphrase change. VaultKeys (vault-key-service.ts) calls them; they are apart only
 * to keep that file readable.
 */
import { DeskError } from '../errors/desk-error'
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { OsKeyProvider, PassphraseWrap } from './key-provider'
import { keyCheck, keyCheckFormat, type ScryptParams } from './vault-crypto'
import {
  emptyManifest,
  readManifest,
  rotateAll,
  upgradeLegacy,
  writeManifest
} from './vault-integrity'
import type { VaultRecord, VaultRepository } from './vault-repository'

/** The live data key and the version it is known by (part of every secret's AAD). */
export interface UnlockedKey {
  readonly key: Buffer
  readonly keyVersion: number
}

/** Advanced by every passphrase change (a new data key); part of each secret's AAD. */
export const FIRST_KEY_VERSION = 1

/** A stored wrap cheaper than today's cost is re-made at the next passphrase unlock. */
export function weakerThan(stored: ScryptParams, wanted: ScryptParams): boolean {
  return stored.n < wanted.n || stored.r < wanted.r || stored.p < wanted.p
}

/** The first wrap, key check and (empty) manifest; false when another process set up first. */
export function insertNewVault(
  ctx: ServiceContext,
  repo: VaultRepository,
  wrap: PassphraseWrap,
  dataKey: Buffer
): boolean {
  const now = ctx.now()
  const check = keyCheck(dataKey)
  if (!repo.insertVault({ keyVersion: FIRST_KEY_VERSION, keyCheck: check, wrap, now })) return false
  writeManifest(repo, dataKey, emptyManifest(FIRST_KEY_VERSION))
  recordAudit(ctx, 'vault.setup', 'vault', null, { kdf: 'scrypt', ...wrap.params })
  return true
}

/** Reports a passphrase change's re-sealing: values done out of the total. */
export type RotationProgress = (done: number, total: number) => void

/** The key a passphrase change moves to, with its wraps made beforehand (scrypt is async). */
export interface NewKey extends UnlockedKey {
  wrap: PassphraseWrap
  /** the OS wrap of the new key; null when the OS copy is dropped (or there was none) */
  osWrap: Buffer | null
}

/**
 * A key that matched the key check must also verify the manifest. The first format (a key
 * check labelled v1 and no manifest) is upgraded once; a v2 vault without a valid manifest is
 * VAULT_TAMPERED, so nulling the manifest cannot trigger a second, trusting upgrade.
 */
export function verifyOpenedKey(ctx: ServiceContext, repo: VaultRepository, dataKey: Buffer): void {
  const vault = repo.getVault()
  if (!vault) throw new DeskError('VAULT_NOT_SET_UP')
  const format = keyCheckFormat(dataKey, vault.keyCheck)
  if (format === 'legacy' && vault.manifest === null) {
    const result = upgradeLegacy(repo, dataKey, vault.keyVersion)
    repo.setKeyCheck(keyCheck(dataKey))
    recordAudit(ctx, 'vault.format_upgraded', 'vault', null, result)
    return
  }
  if (format !== 'bound') throw new DeskError('VAULT_TAMPERED')
  readManifest(vault, dataKey, vault.keyVersion)
}

/**
 * Re-seals everything under the new key and stores its wraps, in the caller's transaction.
 * false when another process changed the passphrase meanwhile (its key is never overwritten).
 */
export function rotateDataKey(
  ctx: ServiceContext,
  repo: VaultRepository,
  change: { expected: VaultRecord; from: UnlockedKey; to: NewKey; onProgress: RotationProgress },
  osKeyProvider: OsKeyProvider | undefined
): boolean {
  const { expected, from, to } = change
  const vault = repo.getVault()
  if (
    !vault ||
    vault.keyVersion !== expected.keyVersion ||
    !vault.passphraseWrap.salt.equals(expected.passphraseWrap.salt)
  ) {
    return false
  }
  const resealed = rotateAll(repo, vault, from, to, change.onProgress)
  repo.replaceKey(to.keyVersion, keyCheck(to.key), to.wrap, ctx.now())
  if (vault.osWrappedKey) {
    // The OS copy of the old key is useless now: replaced by one of the new key, or dropped.
    const backend = osKeyProvider?.backend() ?? vault.osBackend ?? ''
    repo.setOsWrap(to.osWrap && { blob: to.osWrap, backend, at: ctx.now() })
    if (!to.osWrap) {
      recordAudit(ctx, 'vault.os_unlock_disabled', 'vault', null, { backend: vault.osBackend })
    }
  }
  repo.resetFailures()
  recordAudit(ctx, 'vault.passphrase_changed', 'vault', null, {
    kdf: 'scrypt',
    ...to.wrap.params,
    keyVersion: to.keyVersion,
    resealed
  })
  return true
}

/**
 * A new passphrase wrap of the same key (a cost upgrade at unlock). false when another process
 * changed the passphrase meanwhile: its wrap is never overwritten.
 */
export function replaceWrapOnly(
  ctx: ServiceContext,
  repo: VaultRepository,
  expected: VaultRecord,
  wrap: PassphraseWrap,
  action: string | null
): boolean {
  const current = repo.getVault()
  if (!current || !current.passphraseWrap.salt.equals(expected.passphraseWrap.salt)) return false
  repo.replacePassphraseWrap(wrap, ctx.now())
  repo.resetFailures()
  if (action) recordAudit(ctx, action, 'vault', null, { kdf: 'scrypt', ...wrap.params })
  return true
}
