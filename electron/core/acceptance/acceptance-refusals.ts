/**
 * What the acceptance service refuses with, and the form diff it audits: pure functions of the
 * form. Refusals carry codes and field keys only (`project.taxId`, `checklist.<rowKey>.result`,
 * `signatures.customer.signerName`); the words live in the message catalogue.
 */
import { DeskError, type ErrorCode, type FieldIssue } from '../errors/desk-error'
import { acceptanceFormSchema, missingForExport, type AcceptanceForm } from './acceptance-form'
import { isSignatureImageProblem, type SignatureImageProblem } from './signature-image'

export function signatureRefusal(problem: SignatureImageProblem, field: string): DeskError {
  return new DeskError('SIGNATURE_IMAGE', { field, params: { problem } })
}

/**
 * A form field's key for refusals: zod's path, with a checklist row named by its key rather
 * than its position (`checklist.tenant_keys.result`), so the page can say which row it is.
 */
function fieldKey(path: readonly PropertyKey[], input: unknown): string {
  const parts = path.map(String)
  if (parts[0] === 'checklist' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const rows = (input as { checklist?: unknown } | null)?.checklist
    const row = Array.isArray(rows) ? (rows[Number(parts[1])] as { key?: unknown }) : undefined
    if (typeof row?.key === 'string' && row.key !== '') parts[1] = row.key
  }
  return parts.join('.')
}

/** The form as the schema reads it, or a refusal naming each bad field by key and rule. */
export function parseForm(input: unknown): AcceptanceForm {
  const parsed = acceptanceFormSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issues: FieldIssue<ErrorCode>[] = parsed.error.issues.map(
    (issue): FieldIssue<ErrorCode> => {
      const field = fieldKey(issue.path, input)
      // the schema reports a refused signature image by the problem's code
      if (isSignatureImageProblem(issue.message)) {
        return { code: 'SIGNATURE_IMAGE', field, params: { problem: issue.message } }
      }
      // custom refinements name their rule in the message (DUPLICATE_ROW_KEY); others by zod code
      const rule = issue.code === 'custom' ? issue.message : issue.code
      return { code: 'VALIDATION', field, params: { field, rule } }
    }
  )
  throw DeskError.fromIssues(issues)
}

/** Field paths whose values differ, one level into project and signatures; no values. */
export function changedFields(before: AcceptanceForm, after: AcceptanceForm): string[] {
  const changed: string[] = []
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
  for (const key of Object.keys(after) as (keyof AcceptanceForm)[]) {
    if (key === 'project' || key === 'signatures') {
      const a = before[key] as unknown as Record<string, unknown>
      const b = after[key] as unknown as Record<string, unknown>
      for (const sub of Object.keys(b)) if (!same(a[sub], b[sub])) changed.push(`${key}.${sub}`)
    } else if (!same(before[key], after[key])) changed.push(key)
  }
  return changed
}

/** FORM_INCOMPLETE naming every empty required field by key, or null when none is empty. */
export function incomplete(form: AcceptanceForm): DeskError | null {
  const missing = missingForExport(form)
  const first = missing[0]
  if (!first) return null
  return new DeskError('FORM_INCOMPLETE', {
    field: first,
    params: { missing },
    issues: missing.map((field) => ({ code: 'REQUIRED', field }))
  })
}
