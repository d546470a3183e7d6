/**
 * The vault's items: the five secrets of each customer, sealed with the data key that
 * VaultKeys (vault-key-service.ts) holds while unlocked (AES-256-GCM, AAD = customer + field +
 * key version). Replaced values stay as encrypted history. Every set, reveal, copy and
 * hand-off is audited with the customer and field, never a value.
 *
 * Plaintexts returned as JS strings cannot be wiped (V8 strings are immutable); Buffers that
 * held plaintext are zeroed as soon as they are no longer needed.
 */
import { recordAudit, type ServiceContext } from '../shared/service-context'
import type { CustomerService } from '../customers/customer-service'
import type { DeliveryService } from '../deliveries/delivery-service'
import { DeskError } from '../errors/desk-error'
import { HANDOVER_CHANNELS } from '../stages/stage-definitions'
import {
  assertCredentialField,
  characterCount,
  CREDENTIAL_FIELD_KEYS,
  credentialHints,
  isCredentialField,
  MAX_CREDENTIAL_LENGTH,
  type CredentialField
} from './credential-fields'
import { summarizeCredential, type OpenValue } from './credential-summary'
import { formatHandoffMessage } from './handoff-message'
import {
  isListed,
  manifestEntry,
  sealNewCurrent,
  withEntry,
  writeManifest,
  type Manifest
} from './vault-integrity'
import type { UnlockedKey, VaultKeys } from './vault-key-service'
import { CredentialGuard } from './credential-guard'
import { VaultRepository, type CredentialRecord } from './vault-repository'
import type {
  CredentialList,
  CredentialSummary,
  HandoffOptions,
  SetCredentialResult
} from './vault-types'

const MAX_CHANNEL_LENGTH = 50

/** What the credentials ask of the customers domain: name and tax ID for the hand-off. */
export type CustomerLookup = Pick<CustomerService, 'get'>
/** What the credentials ask of the deliveries domain: the owner, and the stage the hand-off fills. */
export type DeliveryLink = Pick<DeliveryService, 'get' | 'updateStage'>

export class CredentialService {
  private readonly repo: VaultRepository
  private readonly guard: CredentialGuard
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: VaultKeys,
    private readonly customers: CustomerLookup,
    private readonly deliveries: DeliveryLink
  ) {
    this.repo = new VaultRepository(ctx.db)
    this.guard = new CredentialGuard(ctx, keys, this.repo)
    this.tx = {
      set: ctx.db.transaction(
        (
          customerId: number,
          field: CredentialField,
          value: string,
          deliveryId: number | null,
          unlocked: UnlockedKey
        ) => this.setNow(customerId, field, value, deliveryId, unlocked)
      ),
      setMany: ctx.db.transaction(
        (
          customerId: number,
          values: [CredentialField, string][],
          deliveryId: number | null,
          unlocked: UnlockedKey
        ) => values.map(([f, v]) => this.setNow(customerId, f, v, deliveryId, unlocked))
      ),
      handoff: ctx.db.transaction(
        (
          customerId: number,
          options: HandoffOptions,
          unlocked: UnlockedKey,
          tampered: CredentialRecord[]
        ) => this.handoffNow(customerId, options, unlocked, tampered)
      ),
      remove: ctx.db.transaction(
        (customerId: number, field: CredentialField, unlocked: UnlockedKey) => {
          const manifest = this.guard.manifest(unlocked)
          const removed = this.repo.deleteField(customerId, field)
          if (removed === 0 && !manifestEntry(manifest, customerId, field)) {
            throw new DeskError('CREDENTIAL_NOT_SET', { field, params: { field } })
          }
          writeManifest(this.repo, unlocked.key, withEntry(manifest, customerId, field, null))
          recordAudit(this.ctx, 'credential.delete', 'customer', customerId, { field, removed })
          return { removed }
        }
      ),
      purge: ctx.db.transaction((customerId: number) => {
        const removed = this.repo.deleteHistory(customerId)
        recordAudit(this.ctx, 'credential.history_purged', 'customer', customerId, { removed })
        return { removed }
      })
    }
  }

  /**
   * Stores a value for one field; the previous value stays as history (still encrypted, with
   * when it was replaced). Surrounding whitespace from pasting is removed. Hints about likely
   * copy mistakes come back as warnings; they never refuse the value.
   */
  set(
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
    const unlocked = this.keys.requireUnlocked()
    this.requireCustomer(customerId)
    if (deliveryId !== undefined && deliveryId !== null) {
      this.requireOwnDelivery(customerId, deliveryId)
    }
    return this.tx.set.immediate(customerId, key, trimmed, deliveryId ?? null, unlocked)
  }

  /**
   * Stores several fields at once (a pasted message): every value is checked first, then all
   * are written in one transaction, so either all are stored or none. Audited per field.
   */
  setMany(
    customerId: number,
    values: Partial<Record<string, string>>,
    deliveryId?: number | null
  ): SetCredentialResult[] {
    const entries: [CredentialField, string][] = []
    for (const [field, value] of Object.entries(values)) {
      const key = assertCredentialField(field)
      const trimmed = (value ?? '').trim()
      if (trimmed === '') throw new DeskError('REQUIRED', { field: key })
      if (characterCount(trimmed) > MAX_CREDENTIAL_LENGTH) {
        throw new DeskError('TOO_LONG', { field: key, params: { max: MAX_CREDENTIAL_LENGTH } })
      }
      entries.push([key, trimmed])
    }
    if (entries.length === 0) throw new DeskError('REQUIRED', { field: 'values' })
    const unlocked = this.keys.requireUnlocked()
    this.requireCustomer(customerId)
    if (deliveryId !== undefined && deliveryId !== null) {
      this.requireOwnDelivery(customerId, deliveryId)
    }
    return this.tx.setMany.immediate(customerId, entries, deliveryId ?? null, unlocked)
  }

  /** The five fields of a customer, masked while unlocked, with dates of every earlier value. */
  list(customerId: number): CredentialList {
    this.requireCustomer(customerId)
    const records = this.repo.allCredentials(customerId)
    const unlocked = this.keys.unlockedKey()
    const manifest = unlocked && this.guard.manifest(unlocked)
    const opener = this.summaryOpener(manifest)
    return {
      customerId,
      locked: opener === null,
      items: CREDENTIAL_FIELD_KEYS.map((field) => {
        const item = summarizeCredential(field, records, opener)
        // The manifest names a current value that is no longer there: deleted behind our back.
        const vanished = !item.stored && manifest && manifestEntry(manifest, customerId, field)
        return vanished ? { ...item, tampered: true } : item
      })
    }
  }

  /** Which fields have a current value: names only, works while locked (stage rules use it). */
  storedFields(customerId: number): CredentialField[] {
    return this.repo.currentFields(customerId).filter(isCredentialField)
  }

  /** The plaintext of the current value; audited as a reveal. */
  reveal(customerId: number, field: string): string {
    const key = assertCredentialField(field)
    const unlocked = this.keys.requireUnlocked()
    const value = this.guard.openRecord(
      this.guard.requireCurrent(customerId, key, unlocked),
      unlocked
    )
    recordAudit(this.ctx, 'credential.reveal', 'customer', customerId, { field: key })
    return value
  }

  /** The plaintext of an earlier value (from list()'s history); audited as a reveal. */
  revealHistory(customerId: number, field: string, historyId: number): string {
    const key = assertCredentialField(field)
    const unlocked = this.keys.requireUnlocked()
    this.guard.manifest(unlocked)
    const record = this.repo.historyCredential(customerId, key, historyId)
    if (!record) throw new DeskError('NOT_FOUND', { field: 'historyId', params: { id: historyId } })
    const value = this.guard.openRecord(record, unlocked)
    recordAudit(this.ctx, 'credential.reveal', 'customer', customerId, { field: key, historyId })
    return value
  }

  /**
   * The plaintext for the main process to put on the clipboard; audited as one copy (not as a
   * reveal, so the log says what happened).
   */
  copyValue(customerId: number, field: string): string {
    const key = assertCredentialField(field)
    const unlocked = this.keys.requireUnlocked()
    const value = this.guard.openRecord(
      this.guard.requireCurrent(customerId, key, unlocked),
      unlocked
    )
    recordAudit(this.ctx, 'credential.copy', 'customer', customerId, { field: key })
    return value
  }

  /**
   * Hands the keys to the customer: the runbook's message with the five current values and the
   * customer's name and tax ID. With a delivery (the customer's own, else NOT_FOUND
   * deliveryId), its backend_config stage records the date and channel. The audit entry and
   * the stage write commit together or not at all. Refuses with CREDENTIALS_INCOMPLETE
   * {missing} rather than build a message with holes.
   */
  handoff(customerId: number, options: HandoffOptions = {}): string {
    const unlocked = this.keys.requireUnlocked()
    const tampered: CredentialRecord[] = []
    try {
      return this.tx.handoff.immediate(customerId, options, unlocked, tampered)
    } finally {
      // The hand-off rolled back, but a damaged value is still worth its audit entry.
      for (const record of tampered) this.guard.recordTamper(record)
    }
  }

  /** Deletes one field's value and its history; audited. Needs the vault unlocked (the manifest). */
  delete(customerId: number, field: string): { removed: number } {
    const key = assertCredentialField(field)
    const unlocked = this.keys.requireUnlocked()
    this.requireCustomer(customerId)
    return this.tx.remove.immediate(customerId, key, unlocked)
  }

  /**
   * Deletes the earlier values of an archived customer (NOT_ARCHIVED otherwise); the current
   * ones stay. History is not in the manifest, so this works while locked too; audited.
   */
  purgeHistory(customerId: number): { removed: number } {
    const customer = this.requireCustomer(customerId)
    if (!customer.archived) throw new DeskError('NOT_ARCHIVED', { field: 'customerId' })
    return this.tx.purge.immediate(customerId)
  }

  // ── internals ────────────────────────────────────────────────────────────

  private setNow(
    customerId: number,
    field: CredentialField,
    value: string,
    deliveryId: number | null,
    unlocked: UnlockedKey
  ): SetCredentialResult {
    const warnings = credentialHints(field, value)
    const manifest = this.guard.manifest(unlocked)
    const current = this.repo.currentCredential(customerId, field)
    if (current && isListed(manifest, current) && this.sameValue(current, value, unlocked)) {
      return { changed: false, credential: this.summarizeOne(customerId, field), warnings }
    }
    const plaintext = Buffer.from(value, 'utf8')
    try {
      const next = sealNewCurrent(this.repo, unlocked, manifest, {
        customerId,
        field,
        deliveryId,
        replaces: current,
        plaintext,
        now: this.ctx.now(),
        actor: this.ctx.actor()
      })
      writeManifest(this.repo, unlocked.key, next)
    } finally {
      plaintext.fill(0)
    }
    recordAudit(this.ctx, 'credential.set', 'customer', customerId, {
      field,
      replaced: current !== null,
      ...(deliveryId !== null ? { deliveryId } : {})
    })
    return { changed: true, credential: this.summarizeOne(customerId, field), warnings }
  }

  private handoffNow(
    customerId: number,
    options: HandoffOptions,
    unlocked: UnlockedKey,
    tampered: CredentialRecord[]
  ): string {
    const customer = this.requireCustomer(customerId)
    const deliveryId = options.deliveryId ?? null
    if (deliveryId !== null) this.requireOwnDelivery(customerId, deliveryId)
    const manifest = this.guard.manifest(unlocked)
    const records = CREDENTIAL_FIELD_KEYS.map(
      (field) => [field, this.guard.currentOrNull(customerId, field, manifest)] as const
    )
    const missing = records.filter(([, record]) => record === null).map(([field]) => field)
    if (missing.length > 0) {
      throw new DeskError('CREDENTIALS_INCOMPLETE', {
        field: missing[0],
        params: { missing }
      })
    }
    const secrets = {} as Record<CredentialField, string>
    for (const [field, record] of records) {
      if (record) {
        if (!isListed(manifest, record)) tampered.push(record)
        secrets[field] = this.guard.openListed(record, manifest, unlocked, (r) => tampered.push(r))
      }
    }
    const message = formatHandoffMessage(customer, secrets)
    const channel = options.channel?.trim().slice(0, MAX_CHANNEL_LENGTH) || null
    recordAudit(this.ctx, 'credential.handoff', 'customer', customerId, {
      fields: [...CREDENTIAL_FIELD_KEYS],
      ...(deliveryId !== null ? { deliveryId } : {}),
      ...(channel ? { channel } : {})
    })
    if (deliveryId !== null) {
      // The backend_config stage records when and how the keys went to the customer.
      const via = HANDOVER_CHANNELS.some((c) => c.value === channel) ? channel : null
      this.deliveries.updateStage({
        deliveryId,
        stage: 'backend_config',
        answers: {
          keys_handed_over_on: this.ctx.today(),
          ...(via ? { keys_handed_over_via: via } : {})
        }
      })
    }
    return message
  }

  /** A tampered current value is replaced rather than compared: setting it again is the repair. */
  private sameValue(record: CredentialRecord, value: string, unlocked: UnlockedKey): boolean {
    try {
      return this.guard.openRecord(record, unlocked, null) === value
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_TAMPERED') return false
      throw error
    }
  }

  private summarizeOne(customerId: number, field: CredentialField): CredentialSummary {
    const unlocked = this.keys.unlockedKey()
    const opener = this.summaryOpener(unlocked && this.guard.manifest(unlocked))
    return summarizeCredential(field, this.repo.allCredentials(customerId), opener)
  }

  /** Opens current values for masks and hints without auditing; null while locked. */
  private summaryOpener(manifest: Manifest | null): OpenValue | null {
    const unlocked = this.keys.unlockedKey()
    if (!unlocked || !manifest) return null
    return (record) => this.guard.openListed(record, manifest, unlocked, null)
  }

  /** The customer's name and tax ID, or NOT_FOUND on the customerId field. */
  private requireCustomer(customerId: number): { name: string; taxId: string; archived: boolean } {
    try {
      const { name, taxId, archivedAt } = this.customers.get(customerId)
      return { name, taxId, archived: archivedAt !== null }
    } catch (error) {
      if (error instanceof DeskError && error.code === 'NOT_FOUND') {
        throw new DeskError('NOT_FOUND', { field: 'customerId', params: { id: customerId } })
      }
      throw error
    }
  }

  /** A delivery a secret or a hand-off is recorded on must be the customer's own. */
  private requireOwnDelivery(customerId: number, deliveryId: number): void {
    let owner: number | null = null
    try {
      owner = this.deliveries.get(deliveryId).delivery.customerId
    } catch (error) {
      if (!(error instanceof DeskError && error.code === 'NOT_FOUND')) throw error
    }
    if (owner !== customerId) {
      throw new DeskError('NOT_FOUND', { field: 'deliveryId', params: { id: deliveryId } })
    }
  }
}
