/** What crosses the contract for the registry, beside the `Customer` of customer-fields.ts. */
import type { FieldIssue, WarningCode } from '../errors/desk-error'
import type { Customer, CustomerFieldKey } from './customer-fields'

export type CustomerInput = Partial<Record<CustomerFieldKey, string>> & {
  taxIdOverrideReason?: string
}

/** A saved customer with the hints that did not stop the save. */
export interface SavedCustomer {
  customer: Customer
  warnings: FieldIssue<WarningCode>[]
}
