/**
 * One place that decides whether customer data may be saved. Main, CLI and the renderer's
 * instant feedback all call this, so the same input gets the same answer everywhere.
 */
import type { ErrorCode, FieldIssue, WarningCode } from '../errors/desk-error'
import {
  CUSTOMER_FIELDS,
  type CustomerFieldDef,
  type CustomerFieldKey,
  type CustomerFields
} from '../customers/customer-fields'
import { checkTaxId } from './uscc'
import {
  checkBankAccount,
  checkCompanyName,
  checkEmails,
  checkMobile,
  checkPhone,
  type FieldCheck
} from './contact-fields'

export interface CustomerValidation {
  /** normalised values of the fields that were given */
  values: Partial<CustomerFields>
  errors: FieldIssue<ErrorCode>[]
  warnings: FieldIssue<WarningCode>[]
  /** the override reason to store, set only when it actually overrode a checksum failure */
  taxIdOverrideReason: string | null
}

export interface ValidateOptions {
  /** `update`: only the given fields are checked; `create`: required fields must be present */
  mode: 'create' | 'update'
  taxIdOverrideReason?: string | null
}

function checkField(def: CustomerFieldDef, raw: string): FieldCheck<string, string> {
  const field = def.key
  if (def.kind === 'name') return checkCompanyName(raw, field)
  if (def.kind === 'taxId') return checkTaxId(raw, field)
  const trimmed = raw.trim()
  if (trimmed === '') {
    return {
      value: '',
      errors: def.required ? [{ code: 'REQUIRED', field }] : [],
      warnings: []
    }
  }
  switch (def.kind) {
    case 'phone':
      return checkPhone(trimmed, field)
    case 'mobile':
      return checkMobile(trimmed, field)
    case 'bankAccount':
      return checkBankAccount(trimmed, field)
    case 'email':
      return checkEmails(trimmed, field)
    default:
      return { value: trimmed, errors: [], warnings: [] }
  }
}

export const MIN_OVERRIDE_REASON = 4

export function validateCustomer(
  input: Partial<Record<CustomerFieldKey, string | null | undefined>>,
  options: ValidateOptions
): CustomerValidation {
  const result: CustomerValidation = {
    values: {},
    errors: [],
    warnings: [],
    taxIdOverrideReason: null
  }
  for (const def of CUSTOMER_FIELDS) {
    const given = input[def.key]
    if (given === undefined && options.mode === 'update') continue
    const check = checkField(def, given ?? '')
    let errors = check.errors as FieldIssue<ErrorCode>[]
    if (check.value.length > def.maxLength && errors.length === 0) {
      errors = [{ code: 'TOO_LONG', field: def.key, params: { max: def.maxLength } }]
    }
    if (def.kind === 'taxId' && errors.some((e) => e.code === 'TAX_ID_CHECKSUM')) {
      const reason = (options.taxIdOverrideReason ?? '').trim()
      if (reason.length >= MIN_OVERRIDE_REASON) {
        errors = errors.filter((e) => e.code !== 'TAX_ID_CHECKSUM')
        result.warnings.push({ code: 'TAX_ID_OVERRIDDEN', field: def.key })
        result.taxIdOverrideReason = reason
      } else if (reason !== '') {
        errors = [
          ...errors,
          {
            code: 'OVERRIDE_REASON_REQUIRED',
            field: 'taxIdOverrideReason',
            params: { min: MIN_OVERRIDE_REASON }
          }
        ]
      }
    }
    result.errors.push(...errors)
    result.warnings.push(...(check.warnings as FieldIssue<WarningCode>[]))
    result.values[def.key] = check.value
  }
  return result
}

/** Issues of one field, for showing next to it in a form. */
export function issuesFor<C extends string>(
  issues: FieldIssue<C>[],
  field: string
): FieldIssue<C>[] {
  return issues.filter((i) => i.field === field)
}
