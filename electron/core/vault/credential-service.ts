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
import type { AuditDetails } from '../audit/audit-log'
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
import { credentialAad, open, seal } from './vault-crypto'
import type { UnlockedKey, VaultKeys } from './vault-key-service'
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
  private readonly tx

  constructor(
    private readonly ctx: ServiceContext,
    private readonly keys: VaultKeys,
    private readonly customers: CustomerLookup,
    private readonly deliveries: DeliveryLink
  ) {
    this.repo = new VaultRepository(ctx.db)
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
      )
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
    const opener = this.summaryOpener()
    return {
      customerId,
      locked: opener === null,
      items: CREDENTIAL_FIELD_KEYS.map((field) => summarizeCredential(field, records, opener))
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
    const value = this.openRecord(this.requireCurrent(customerId, key), unlocked)
    this.record('credential.reveal', customerId, { field: key })
    return value
  }

  /** The plaintext of an earlier value (from list()'s history); audited as a reveal. */
  revealHistory(customerId: number, field: string, historyId: number): string {
    const key = assertCredentialField(field)
    const unlocked = this.keys.requireUnlocked()
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
    const unlocked = this.keys.requireUnlocked()
    const value = this.openRecord(this.requireCurrent(customerId, key), unlocked)
    this.record('credential.copy', customerId, { field: key })
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
      for (const record of tampered) this.recordTamper(record)
    }
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

  private handoffNow(
    customerId: number,
    options: HandoffOptions,
    unlocked: UnlockedKey,
    tampered: CredentialRecord[]
  ): string {
    const customer = this.requireCustomer(customerId)
    const deliveryId = options.deliveryId ?? null
    if (deliveryId !== null) this.requireOwnDelivery(customerId, deliveryId)
    const records = CREDENTIAL_FIELD_KEYS.map(
      (field) => [field, this.repo.currentCredential(customerId, field)] as const
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
      if (record) secrets[field] = this.openRecord(record, unlocked, (r) => tampered.push(r))
    }
    const message = formatHandoffMessage(customer, secrets)
    const channel = options.channel?.trim().slice(0, MAX_CHANNEL_LENGTH) || null
    this.record('credential.handoff', customerId, {
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
      return this.openRecord(record, unlocked, null) === value
    } catch (error) {
      if (error instanceof DeskError && error.code === 'VAULT_TAMPERED') return false
      throw error
    }
  }

  private summarizeOne(customerId: number, field: CredentialField): CredentialSummary {
    return summarizeCredential(field, this.repo.allCredentials(customerId), this.summaryOpener())
  }

  /** Opens values for masks and hints without auditing; null while locked. */
  private summaryOpener(): OpenValue | null {
    const unlocked = this.keys.unlockedKey()
    return unlocked && ((record) => this.openRecord(record, unlocked, null))
  }

  /**
   * Opens one stored value, or throws VAULT_TAMPERED. A detection goes to `onTamper`: by default
   * straight to the audit log; null for the list, which shows it instead.
   */
  private openRecord(
    record: CredentialRecord,
    unlocked: UnlockedKey,
    onTamper: ((record: CredentialRecord) => void) | null = (r) => this.recordTamper(r)
  ): string {
    try {
      const plaintext = open(
        unlocked.key,
        record.box,
        credentialAad(record.customerId, record.field, record.keyVersion),
        record.field
      )
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

  private recordTamper(record: CredentialRecord): void {
    this.record('credential.tamper_detected', record.customerId, {
      field: record.field,
      credentialId: record.id
    })
  }

  private requireCurrent(customerId: number, field: CredentialField): CredentialRecord {
    const record = this.repo.currentCredential(customerId, field)
    if (!record) throw new DeskError('CREDENTIAL_NOT_SET', { field, params: { field } })
    return record
  }

  /** The customer's name and tax ID, or NOT_FOUND on the customerId field. */
  private requireCustomer(customerId: number): { name: string; taxId: string } {
    try {
      const { name, taxId } = this.customers.get(customerId)
      return { name, taxId }
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

  private record(action: string, customerId: number, details: AuditDetails): void {
    recordAudit(this.ctx, action, 'customer', customerId, details)
  }
}
