/** What crosses the contract for the registry, beside the `Customer` of customer-fields.ts. */
import type { ErrorCode, FieldIssue, WarningCode } from '../errors/desk-error'
import type { Customer, CustomerFieldKey } from './customer-fields'

export type CustomerInput = Partial<Record<CustomerFieldKey, string>> & {
  taxIdOverrideReason?: string
}

/** A saved customer with the hints that did not stop the save. */
export interface SavedCustomer {
  customer: Customer
  warnings: FieldIssue<WarningCode>[]
}

/** A problem found in a pasted value; errors must be fixed before saving, warnings need not. */
export type PasteIssue = FieldIssue<ErrorCode | WarningCode> & { severity: 'error' | 'warning' }

/** What `customers.parseText` read from a pasted message; nothing of it is saved. */
export interface CustomerPasteResult {
  /** the values found, normalised as the form would save them */
  fields: Partial<Record<CustomerFieldKey, string>>
  issues: PasteIssue[]
  /** lines (or parts of lines) that named no field: greetings, chatter, unknown labels */
  unrecognized: string[]
}
