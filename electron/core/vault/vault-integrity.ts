/**
 * What keeps the stored secrets from being rearranged by someone who can write the database
 * file but does not hold the data key (issue 12):
 * - every value is sealed with its row id, customer, field, version and key version in the
 *   AAD, so a value copied over another row (a history value over the current one) fails;
 * - the manifest, the set of current values (customer, field, row id, version) plus the next
 *   free version, is authenticated with an HMAC under a key derived from the data key and
 *   rewritten in the same transaction as every write. A current value rolled back to an
 *   earlier row, deleted, or added from an old copy no longer matches it: VAULT_TAMPERED.
 * A whole database put back from a copy is consistent with itself and cannot be detected this
 * way; after a passphrase change it no longer opens with the new key (key rotation).
 */
import { DeskError } from '../errors/desk-error'
import {
  credentialAad,
  legacyCredentialAad,
  manifestMac,
  open,
  seal,
  type RowIdentity
} from './vault-crypto'
import type { CredentialRecord, VaultRecord, VaultRepository } from './vault-repository'
import { timingSafeEqual } from 'node:crypto'

export interface ManifestEntry {
  customerId: number
  field: string
  id: number
  version: number
}

export interface Manifest {
  keyVersion: number
  /** the version the next sealed value gets: never reused under one data key */
  nextVersion: number
  entries: ManifestEntry[]
}

export function emptyManifest(keyVersion: number): Manifest {
  return { keyVersion, nextVersion: 1, entries: [] }
}

function encode(manifest: Manifest): Buffer {
  const entries = [...manifest.entries].sort(
    (a, b) => a.customerId - b.customerId || a.field.localeCompare(b.field)
  )
  return Buffer.from(
    JSON.stringify({
      format: 'delivery-desk.manifest.v1',
      keyVersion: manifest.keyVersion,
      nextVersion: manifest.nextVersion,
      entries: entries.map((e) => [e.customerId, e.field, e.id, e.version])
    }),
    'utf8'
  )
}

function decode(bytes: Buffer): Manifest {
  const raw = JSON.parse(bytes.toString('utf8')) as {
    keyVersion: number
    nextVersion: number
    entries: [number, string, number, number][]
  }
  return {
    keyVersion: raw.keyVersion,
    nextVersion: raw.nextVersion,
    entries: raw.entries.map(([customerId, field, id, version]) => ({
      customerId,
      field,
      id,
      version
    }))
  }
}

/** Stores the manifest with its MAC under `dataKey`; call inside the write's transaction. */
export function writeManifest(repo: VaultRepository, dataKey: Buffer, manifest: Manifest): void {
  const bytes = encode(manifest)
  repo.setManifest(bytes, manifestMac(dataKey, bytes))
}

/** The stored manifest, verified under the live key; VAULT_TAMPERED when it does not verify. */
export function readManifest(vault: VaultRecord, dataKey: Buffer, keyVersion: number): Manifest {
  if (!vault.manifest || !vault.manifestMac) throw new DeskError('VAULT_TAMPERED')
  const expected = manifestMac(dataKey, vault.manifest)
  if (
    expected.length !== vault.manifestMac.length ||
    !timingSafeEqual(expected, vault.manifestMac)
  ) {
    throw new DeskError('VAULT_TAMPERED')
  }
  const manifest = decode(vault.manifest)
  if (manifest.keyVersion !== keyVersion) throw new DeskError('VAULT_TAMPERED')
  return manifest
}

export function manifestEntry(
  manifest: Manifest,
  customerId: number,
  field: string
): ManifestEntry | null {
  return manifest.entries.find((e) => e.customerId === customerId && e.field === field) ?? null
}

/** Whether a current row is the one the manifest names for its customer and field. */
export function isListed(manifest: Manifest, record: CredentialRecord): boolean {
  const entry = manifestEntry(manifest, record.customerId, record.field)
  return entry !== null && entry.id === record.id && entry.version === record.version
}

/** The manifest with one field's entry replaced (or removed, with null). */
export function withEntry(
  manifest: Manifest,
  customerId: number,
  field: string,
  row: RowIdentity | null
): Manifest {
  const entries = manifest.entries.filter(
    (e) => !(e.customerId === customerId && e.field === field)
  )
  if (row) entries.push({ customerId, field, id: row.id, version: row.version })
  return { ...manifest, entries }
}

/** Opens a stored value under its bound AAD; VAULT_TAMPERED otherwise (old-format rows too). */
export function openCredential(
  dataKey: Buffer,
  keyVersion: number,
  record: CredentialRecord
): Buffer {
  if (record.version < 1 || record.keyVersion !== keyVersion) {
    throw new DeskError('VAULT_TAMPERED', { field: record.field })
  }
  return open(dataKey, record.box, credentialAad(record, keyVersion), record.field)
}

/** Seals a value into an existing row (its id is part of the AAD). */
export function sealInto(
  repo: VaultRepository,
  dataKey: Buffer,
  keyVersion: number,
  row: RowIdentity,
  plaintext: Buffer
): void {
  repo.sealCredential(
    row.id,
    row.version,
    keyVersion,
    seal(dataKey, plaintext, credentialAad(row, keyVersion))
  )
}

/** What a new current value is written with; `replaces` is the row it takes over from. */
export interface NewCurrentValue {
  customerId: number
  field: string
  deliveryId: number | null
  replaces: CredentialRecord | null
  plaintext: Buffer
  now: string
  actor: string
}

/**
 * Writes a value as the field's new current row: the old one is marked replaced, a row with the
 * manifest's next version is inserted and sealed bound to its id. Returns the manifest that
 * lists it; the caller writes that manifest (once per transaction) and zeroes the plaintext.
 */
export function sealNewCurrent(
  repo: VaultRepository,
  unlocked: { key: Buffer; keyVersion: number },
  manifest: Manifest,
  value: NewCurrentValue
): Manifest {
  const { customerId, field } = value
  if (value.replaces) repo.markReplaced(value.replaces.id, value.now)
  const version = manifest.nextVersion
  const id = repo.insertCredential({
    customerId,
    field,
    keyVersion: unlocked.keyVersion,
    version,
    deliveryId: value.deliveryId,
    now: value.now,
    actor: value.actor
  })
  const row = { id, customerId, field, version }
  sealInto(repo, unlocked.key, unlocked.keyVersion, row, value.plaintext)
  return withEntry({ ...manifest, nextVersion: version + 1 }, customerId, field, row)
}

/**
 * The one-time upgrade at the first unlock after migration 007: every value in the old format
 * is re-sealed bound to its row, and the manifest is built from the current rows as they are
 * (nothing earlier was authenticated, so this is trust on first use). A value that does not
 * open stays in the old format and reads as tampered from then on. Runs inside a transaction.
 */
export function upgradeLegacy(
  repo: VaultRepository,
  dataKey: Buffer,
  keyVersion: number
): { resealed: number; unreadable: number } {
  const manifest = emptyManifest(keyVersion)
  let resealed = 0
  let unreadable = 0
  for (const record of repo.everyCredential()) {
    let plaintext: Buffer
    try {
      const aad = legacyCredentialAad(record.customerId, record.field, record.keyVersion)
      plaintext = open(dataKey, record.box, aad, record.field)
    } catch {
      unreadable++
      continue
    }
    const row = { ...record, version: manifest.nextVersion++ }
    sealInto(repo, dataKey, keyVersion, row, plaintext)
    plaintext.fill(0)
    resealed++
    if (record.replacedAt === null) manifest.entries.push({ ...row })
  }
  writeManifest(repo, dataKey, manifest)
  return { resealed, unreadable }
}

/**
 * Re-seals every value, current and history, from the old data key to the new one, and signs
 * the manifest with the new key. Runs inside the passphrase change's transaction; a value that
 * does not open under the old key refuses the whole change (VAULT_TAMPERED) rather than be lost.
 */
export function rotateAll(
  repo: VaultRepository,
  vault: VaultRecord,
  from: { key: Buffer; keyVersion: number },
  to: { key: Buffer; keyVersion: number },
  onProgress: (done: number, total: number) => void
): number {
  const manifest = readManifest(vault, from.key, from.keyVersion)
  const records = repo.everyCredential()
  onProgress(0, records.length)
  records.forEach((record, index) => {
    let plaintext: Buffer
    try {
      plaintext = openCredential(from.key, from.keyVersion, record)
    } catch {
      throw new DeskError('VAULT_TAMPERED', {
        field: record.field,
        params: { credentialId: record.id, customerId: record.customerId }
      })
    }
    sealInto(repo, to.key, to.keyVersion, record, plaintext)
    plaintext.fill(0)
    onProgress(index + 1, records.length)
  })
  writeManifest(repo, to.key, { ...manifest, keyVersion: to.keyVersion })
  return records.length
}
