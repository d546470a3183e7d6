/**
 * Pure rules for a delivery's own fields and for a stage's answers: checking and normalising
 * what a call sends, and the before/after differences the audit log records.
 */
import { DeskError, type ErrorCode, type FieldIssue } from '../errors/desk-error'
import { isValidDate, type Answers } from '../stages/stage-rules'
import type { Delivery, DeliveryInput } from './delivery-types'

export type Changes = Record<string, { from: unknown; to: unknown }>

/**
 * Refuses malformed dates; trims text, drops blank and repeated products, turns an empty date
 * into "no date". Fields absent (or undefined) stay absent.
 */
export function checkDeliveryInput(input: DeliveryInput): DeliveryInput {
  const issues: FieldIssue<ErrorCode>[] = []
  for (const key of ['plannedGoLive', 'actualGoLive'] as const) {
    const v = input[key]
    if (v !== undefined && v !== null && v !== '' && !isValidDate(v)) {
      issues.push({ code: 'DATE_FORMAT', field: key })
    }
  }
  if (issues.length) throw DeskError.fromIssues(issues)
  const out: DeliveryInput = {}
  if (input.orderNumber !== undefined) out.orderNumber = input.orderNumber.trim()
  if (input.products !== undefined) {
    out.products = [...new Set(input.products.map((p) => p.trim()).filter((p) => p !== ''))]
  }
  if (input.plannedGoLive !== undefined) out.plannedGoLive = input.plannedGoLive || null
  if (input.actualGoLive !== undefined) out.actualGoLive = input.actualGoLive || null
  if (input.implementer !== undefined) out.implementer = input.implementer.trim()
  if (input.status !== undefined) out.status = input.status
  if (input.notes !== undefined) out.notes = input.notes
  return out
}

/** The fields `values` would change on `before`. */
export function deliveryChanges(before: Delivery, values: DeliveryInput): Changes {
  const diff: Changes = {}
  for (const [key, to] of Object.entries(values) as [keyof Delivery, unknown][]) {
    const from = before[key]
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to }
  }
  return diff
}

/** Merges new answers into the stored ones; a null answer clears the item. */
export function mergeAnswers(before: Answers, update: Answers | undefined): Answers {
  const answers: Answers = { ...before, ...(update ?? {}) }
  for (const [k, v] of Object.entries(answers)) if (v === null) delete answers[k]
  return answers
}

/** The items whose answer differs, with null for "no answer". */
export function answerChanges(before: Answers, after: Answers): Changes {
  const diff: Changes = {}
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] !== after[key])
      diff[key] = { from: before[key] ?? null, to: after[key] ?? null }
  }
  return diff
}
