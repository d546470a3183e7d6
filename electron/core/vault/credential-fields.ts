/**
 * The five secrets issued for a customer's tenant (RUNBOOK.md, stage 4), as data: their keys,
 * labels, the runbook's spelling, and the hints shown when a value looks wrong. Hints never
 * refuse a value: the issuing platform has the last word.
 */
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'

export const CREDENTIAL_FIELD_KEYS = [
  'clientId',
  'clientSecret',
  'encryptKey',
  'fkey',
  'fpublicKey'
] as const
export type CredentialField = (typeof CREDENTIAL_FIELD_KEYS)[number]

export interface CredentialFieldDef {
  key: CredentialField
  label: { zh: string; en: string }
  /** how the field is spelled in the original runbook, when that differs from the key */
  runbookSpelling?: string
}

export const CREDENTIAL_FIELDS: readonly CredentialFieldDef[] = [
  { key: 'clientId', label: { zh: '客户端 ID', en: 'Client ID' } },
  { key: 'clientSecret', label: { zh: '客户端密钥', en: 'Client secret' } },
  {
    key: 'encryptKey',
    label: { zh: '加密密钥', en: 'Encryption key' },
    runbookSpelling: 'encrypeKey'
  },
  { key: 'fkey', label: { zh: 'fkey 密钥', en: 'fkey' } },
  { key: 'fpublicKey', label: { zh: 'fpublicKey 公钥', en: 'fpublicKey (public key)' } }
]

/** A pasted key longer than this is a paste accident, not a key. */
export const MAX_CREDENTIAL_LENGTH = 4096
export const USUAL_ENCRYPT_KEY_LENGTH = 16

export function isCredentialField(value: unknown): value is CredentialField {
  return typeof value === 'string' && (CREDENTIAL_FIELD_KEYS as readonly string[]).includes(value)
}

export function assertCredentialField(value: unknown): CredentialField {
  if (!isCredentialField(value)) {
    throw new DeskError('UNKNOWN_CREDENTIAL_FIELD', {
      field: 'field',
      params: { field: String(value).slice(0, 50) }
    })
  }
  return value
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function characterCount(value: string): number {
  return Array.from(value).length
}

/** Checks that point at a likely copy mistake; the value is saved either way. */
export function credentialHints(field: CredentialField, value: string): FieldIssue<WarningCode>[] {
  const hints: FieldIssue<WarningCode>[] = []
  if (field === 'encryptKey' && characterCount(value) !== USUAL_ENCRYPT_KEY_LENGTH) {
    hints.push({
      code: 'CREDENTIAL_ENCRYPT_KEY_LENGTH',
      field,
      params: { length: characterCount(value) }
    })
  }
  if (field === 'clientId' && value.toUpperCase().startsWith('TN_')) {
    hints.push({ code: 'CREDENTIAL_TENANT_ID', field })
  }
  return hints
}
