/**
 * Turning a refused call into the field issues a form shows next to its fields. A refusal
 * carries either every field problem (`issues`) or one code with its field and params.
 */
import { ref, type Ref } from 'vue'
import type { FieldIssue } from '@core/errors/desk-error'
import { CallError } from '@/api/call-error'

/** The field issues of a refusal; null when the error is not a refusal (a bug to rethrow). */
export function refusalIssues(error: unknown): FieldIssue[] | null {
  if (!(error instanceof CallError)) return null
  const { issues, code, field, params } = error.payload
  return issues ?? [{ code, field, params }]
}

export interface FieldIssues {
  issues: Ref<FieldIssue[]>
  /** the first issue about a field */
  issueFor(field: string): FieldIssue | undefined
  /** forget the issues of some fields (all when none given), e.g. once the user edits them */
  clear(...fields: string[]): void
  /**
   * Keeps a refusal's issues and answers the CallError for its message; anything that is not a
   * refusal is thrown again.
   */
  take(error: unknown): CallError
}

export function useFieldIssues(): FieldIssues {
  const issues = ref<FieldIssue[]>([])
  return {
    issues,
    issueFor: (field) => issues.value.find((i) => i.field === field),
    clear(...fields) {
      issues.value = fields.length
        ? issues.value.filter((i) => !fields.includes(i.field ?? ''))
        : []
    },
    take(error) {
      const found = refusalIssues(error)
      if (!found) throw error
      issues.value = found
      return error as CallError
    }
  }
}
