/**
 * Errors that cross a transport (IPC, CLI, test bridge) carry a stable code, the field they
 * concern and parameters for the localized message. Everything else is an internal failure.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'REQUIRED'
  | 'TAX_ID_FORMAT'
  | 'TAX_ID_CHECKSUM'
  | 'DUPLICATE_TAX_ID'
  | 'MOBILE_FORMAT'
  | 'PHONE_FORMAT'
  | 'BANK_ACCOUNT_FORMAT'
  | 'EMAIL_FORMAT'
  | 'TOO_LONG'
  | 'NOT_FOUND'
  | 'ALREADY_ARCHIVED'
  | 'NOT_ARCHIVED'
  | 'OVERRIDE_REASON_REQUIRED'
  | 'UNKNOWN_CALL'
  | 'CSV_HEADER'
  | 'CSV_RECORD'
  | 'IMPORT_RUNNING'
  | 'IMPORT_NO_FILE'
  | 'STAGE_INCOMPLETE'
  | 'STAGE_ITEM_MISSING'
  | 'STAGE_REASON_REQUIRED'
  | 'UNKNOWN_CHECKLIST_ITEM'
  | 'ANSWER_KIND'
  | 'CUSTOMER_ARCHIVED'
  | 'DATE_FORMAT'
  | 'LINK_NOT_ALLOWED'
  | 'FORM_INCOMPLETE'
  | 'FORM_SUPERSEDED'
  | 'PDF_UNAVAILABLE'
  | 'FILE_EXISTS'
  | 'FILE_NOT_READABLE'
  | 'FILE_WRITE_FAILED'
  | 'SIGNATURE_IMAGE'
  | 'SCAN_FILE'
  | 'EVIDENCE_EMPTY'
  | 'EVIDENCE_TYPE'
  | 'EVIDENCE_NAME_MISMATCH'
  | 'EVIDENCE_TOO_LARGE'
  | 'EVIDENCE_NO_PREVIEW'
  | 'CLIPBOARD_UNAVAILABLE'
  | 'PATH_NOT_ALLOWED'
  | 'VAULT_NOT_SET_UP'
  | 'VAULT_ALREADY_SET_UP'
  | 'VAULT_LOCKED'
  | 'VAULT_BAD_PASSPHRASE'
  | 'VAULT_RETRY_LATER'
  | 'VAULT_TAMPERED'
  | 'VAULT_WEAK_PASSPHRASE'
  | 'VAULT_PASSPHRASE_CHARACTERS'
  | 'VAULT_OS_UNAVAILABLE'
  | 'VAULT_OS_UNLOCK_OFF'
  | 'VAULT_OS_UNLOCK_FAILED'
  | 'UNKNOWN_CREDENTIAL_FIELD'
  | 'CREDENTIAL_NOT_SET'
  | 'CREDENTIALS_INCOMPLETE'
  | 'PASSPHRASE_IN_ARGUMENTS'
  | 'DB_BUSY'
  | 'DB_NOT_A_FILE'
  | 'DB_NOT_SQLITE'
  | 'DB_CORRUPT'
  | 'DB_SCHEMA_TOO_NEW'
  | 'BACKUP_DAMAGED'
  | 'BACKUP_BAD_PASSPHRASE'
  | 'BACKUP_NO_VAULT'
  | 'BACKUP_FOLDER_NOT_SET'
  | 'BACKUP_IN_PROGRESS'
  | 'PASTE_AMBIGUOUS'
  | 'RECOVERY_REQUIRED'
  | 'RECOVERY_NOT_NEEDED'
  | 'RECOVERY_NO_BACKUP'
  | 'BUNDLE_DAMAGED'
  | 'BUNDLE_BAD_PASSPHRASE'
  | 'BUNDLE_NOT_A_BUNDLE'
  | 'BUNDLE_NEWER_FORMAT'
  | 'BUNDLE_CHOICE_MISSING'
  | 'BUNDLE_FORM_NUMBER_TAKEN'
  | 'BUNDLE_NOT_PREVIEWED'
  | 'BUNDLE_SECRETS_LOCKED'
  | 'INTERNAL'

export type WarningCode =
  | 'TAX_ID_UNKNOWN_CATEGORY'
  | 'TAX_ID_ORG_CODE'
  | 'NAME_HALF_WIDTH_BRACKETS'
  | 'TAX_ID_OVERRIDDEN'
  | 'VAULT_NO_RECOVERY'
  | 'PASSPHRASE_COMMON'
  | 'PASSPHRASE_ADD_LENGTH'
  | 'CREDENTIAL_ENCRYPT_KEY_LENGTH'
  | 'CREDENTIAL_TENANT_ID'
  | 'INVOICE_NUMBER_FORMAT'
  | 'INVOICE_NUMBER_YEAR'

/**
 * Codes, field keys and values; a list of keys (`missing`) is an array. Never words: the
 * catalogue (messages.ts) and the labeller (labels.ts) turn keys into text in either language.
 */
export type IssueParams = Record<string, string | number | readonly string[]>

/** One problem with one field; `code` doubles as the i18n message key under `errors.` / `warnings.`. */
export interface FieldIssue<C extends string = ErrorCode | WarningCode> {
  code: C
  field?: string
  params?: IssueParams
}

/** The serialisable shape every transport uses for a refused call. */
export interface ErrorPayload {
  code: ErrorCode
  field?: string
  message: string
  messageKey: string
  params?: IssueParams
  /** every field problem when more than one field was refused */
  issues?: FieldIssue<ErrorCode>[]
}

export class DeskError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly params?: IssueParams
  readonly issues?: FieldIssue<ErrorCode>[]

  constructor(
    code: ErrorCode,
    options: { field?: string; params?: IssueParams; issues?: FieldIssue<ErrorCode>[] } = {}
  ) {
    super(code)
    this.name = 'DeskError'
    this.code = code
    this.field = options.field
    this.params = options.params
    this.issues = options.issues
  }

  /** A refusal listing several field issues; the first one becomes the headline. */
  static fromIssues(issues: FieldIssue<ErrorCode>[]): DeskError {
    const first = issues[0]
    if (!first) throw new Error('fromIssues needs at least one issue')
    return new DeskError(first.code, {
      field: first.field,
      params: first.params,
      issues: issues.length > 1 ? issues : undefined
    })
  }
}

export function isDeskError(value: unknown): value is DeskError {
  return value instanceof DeskError
}
