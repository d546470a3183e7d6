/**
 * One field's row in the credentials list, from its stored records: whether a value is stored,
 * its mask and copy-mistake hints (only while unlocked), whether it failed its integrity check,
 * and the dates of every earlier value. Nothing here touches the database or the audit log.
 */
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'
import { credentialHints, type CredentialField } from './credential-fields'
import { maskCredential } from './credential-mask'
import type { CredentialRecord } from './vault-repository'
import type { CredentialHistoryEntry, CredentialSummary } from './vault-types'

/** Opens one record's plaintext, or throws VAULT_TAMPERED. */
export type OpenValue = (record: CredentialRecord) => string

/** `open` is null while the vault is locked: then no mask, no hints, no tamper check. */
export function summarizeCredential(
  field: CredentialField,
  records: readonly CredentialRecord[],
  open: OpenValue | null
): CredentialSummary {
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
  if (current && open) {
    try {
      const value = open(current)
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
