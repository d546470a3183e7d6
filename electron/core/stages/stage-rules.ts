/**
 * What a stage needs before it can be marked done, and whether checklist answers are of the
 * right kind. Pure functions over the definitions, so the renderer can show the same "still
 * missing" list the service enforces.
 */
import type { ErrorCode, FieldIssue, WarningCode } from '../errors/desk-error'
import type { Customer } from '../customers/customer-fields'
import { validateCustomer } from '../validation/customer-validation'
import { checkTaxId } from '../validation/uscc'
import { invoiceNumberWarnings } from '../validation/invoice-number'
import { CREDENTIAL_FIELD_KEYS } from '../vault/credential-fields'
import { NOT_APPLICABLE, type ChecklistItemDef, type StageDefinition } from './stage-definitions'

export type AnswerValue = boolean | string | null
export type Answers = Record<string, AnswerValue>

export interface DeliveryDates {
  plannedGoLive: string | null
  actualGoLive: string | null
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

export function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}

/** Kind and format problems of the given answers (unknown items included). */
export function checkAnswers(def: StageDefinition, answers: Answers): FieldIssue<ErrorCode>[] {
  const issues: FieldIssue<ErrorCode>[] = []
  const items = new Map(def.checklist.map((i) => [i.key, i]))
  for (const [key, value] of Object.entries(answers)) {
    const field = `answers.${key}`
    const item = items.get(key)
    if (!item) {
      issues.push({ code: 'UNKNOWN_CHECKLIST_ITEM', field, params: { item: key } })
      continue
    }
    if (value === null) continue
    const wrongKind = (): void => {
      issues.push({
        code: 'ANSWER_KIND',
        field,
        params: { item: `${def.key}.${item.key}`, kind: item.kind }
      })
    }
    switch (item.kind) {
      case 'yesno':
        if (typeof value !== 'boolean' && !(item.notApplicable && value === NOT_APPLICABLE)) {
          wrongKind()
        }
        break
      case 'date':
        if (typeof value !== 'string' || !isValidDate(value)) wrongKind()
        break
      case 'choice':
        if (typeof value !== 'string' || !item.options?.some((o) => o.value === value)) wrongKind()
        break
      case 'text':
        if (typeof value !== 'string') wrongKind()
        else if (value.length > 500) issues.push({ code: 'TOO_LONG', field, params: { max: 500 } })
        else if (value.trim() !== '' && item.validate === 'taxId') {
          for (const e of checkTaxId(value, field).errors) issues.push(e)
        }
        break
    }
  }
  return issues
}

/**
 * What the stage's answers should be looked at again for, without refusing them: an invoice
 * number that is not 20 digits or whose year lies in the future (`today` is YYYY-MM-DD).
 */
export function answerWarnings(
  def: StageDefinition,
  answers: Answers,
  today: string
): FieldIssue<WarningCode>[] {
  const warnings: FieldIssue<WarningCode>[] = []
  for (const item of def.checklist) {
    const value = answers[item.key]
    if (item.validate === 'invoiceNumber' && typeof value === 'string') {
      warnings.push(...invoiceNumberWarnings(value, today, `answers.${item.key}`))
    }
  }
  return warnings
}

function isRequired(item: ChecklistItemDef, answers: Answers): boolean {
  if (item.required) return true
  if (!item.requiredWhen) return false
  return answers[item.requiredWhen.item] === item.requiredWhen.equals
}

function isAnswered(item: ChecklistItemDef, value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false
  if (item.kind === 'yesno') {
    return item.question || value === true || (!!item.notApplicable && value === NOT_APPLICABLE)
  }
  return typeof value === 'string' && value.trim() !== ''
}

/**
 * The message key of what a stage-rule issue is about: `<stage>.<item>` for a checklist item,
 * the field key for a customer field, `credential.<field>` for a secret, `delivery.<field>`
 * for a delivery date. The catalogue and the renderer's labeller turn these into words.
 */
export function missingItemKey(stage: string, field: string | undefined): string {
  const [scope = '', key = ''] = (field ?? '').split('.')
  if (scope === 'answers') return `${stage}.${key}`
  if (scope === 'customer') return key
  if (scope === 'credentials') return `credential.${key}`
  return field ?? ''
}

/**
 * Every item that keeps the stage from being done: unanswered required checklist items,
 * missing or invalid customer fields, missing delivery dates. Empty when it may be done.
 */
export function missingForDone(
  def: StageDefinition,
  answers: Answers,
  customer: Customer,
  delivery: DeliveryDates,
  storedCredentials: readonly string[] = []
): FieldIssue<ErrorCode>[] {
  const missing: FieldIssue<ErrorCode>[] = []
  for (const item of def.checklist) {
    if (isRequired(item, answers) && !isAnswered(item, answers[item.key])) {
      missing.push({
        code: 'STAGE_ITEM_MISSING',
        field: `answers.${item.key}`,
        params: { item: `${def.key}.${item.key}` }
      })
    }
  }
  missing.push(...checkAnswers(def, answers).filter((i) => i.code !== 'UNKNOWN_CHECKLIST_ITEM'))
  if (def.requiredCustomerFields.length) {
    const values = Object.fromEntries(def.requiredCustomerFields.map((f) => [f, customer[f]]))
    const check = validateCustomer(values, { mode: 'update' })
    for (const f of def.requiredCustomerFields) {
      const error = check.errors.find((e) => e.field === f)
      if (customer[f].trim() === '') {
        missing.push({ code: 'STAGE_ITEM_MISSING', field: `customer.${f}`, params: { item: f } })
      } else if (error && !(f === 'taxId' && customer.taxIdOverrideReason)) {
        missing.push({ ...error, field: `customer.${f}` })
      }
    }
  }
  if (def.requiresStoredCredentials) {
    for (const f of CREDENTIAL_FIELD_KEYS) {
      if (!storedCredentials.includes(f)) {
        missing.push({
          code: 'STAGE_ITEM_MISSING',
          field: `credentials.${f}`,
          params: { item: `credential.${f}` }
        })
      }
    }
  }
  for (const f of def.requiredDeliveryFields) {
    if (!delivery[f])
      missing.push({
        code: 'STAGE_ITEM_MISSING',
        field: `delivery.${f}`,
        params: { item: `delivery.${f}` }
      })
  }
  return missing
}
