/**
 * The state of the acceptance form page: the stored record, the copy being edited, and which
 * field shows which problem. No calls to the core here: the page loads and saves, this keeps
 * the state and the rules for showing it, so it can be tested without a browser.
 */
import { computed, inject, provide, reactive, ref, watch, type InjectionKey } from 'vue'
import {
  missingForExport,
  type AcceptanceForm,
  type CheckResult,
  type ExportRequiredField
} from '@core/acceptance/acceptance-form'
import type { RowEvidence } from '@core/acceptance/acceptance-evidence'
import type { AcceptanceExport, AcceptanceRecord } from '@core/acceptance/acceptance-types'
import type { FieldIssue } from '@core/errors/desk-error'
import { useFieldIssues } from './useFieldIssues'

/** Fields whose problems the conclusion decides: a new conclusion clears their refusals. */
const CONCLUSION_FIELDS = ['conclusion', 'conditions', 'deadline', 'reason']

export function useAcceptanceForm() {
  const record = ref<AcceptanceRecord | null>(null)
  const form = ref<AcceptanceForm | null>(null)
  const server = useFieldIssues()
  /** problems found on the page before anything is sent */
  const localIssues = ref<FieldIssue[]>([])
  /** required-field errors show after an export or sign attempt, or once a field was left */
  const attempted = ref(false)
  const touched = reactive(new Set<string>())

  const missing = computed<ExportRequiredField[]>(() =>
    form.value ? missingForExport(form.value) : []
  )
  const lastExport = computed<AcceptanceExport | null>(() => record.value?.exports[0] ?? null)
  const signed = computed(() => record.value?.status === 'signed')

  /** Shows a stored record: the page edits a copy of its form. */
  function apply(next: AcceptanceRecord): void {
    record.value = next
    form.value = structuredClone(next.form)
  }

  /** The form's text at a path such as `signatures.customer.signerName`. */
  function textAt(path: string): string {
    let value: unknown = form.value
    for (const key of path.split('.')) value = (value as Record<string, unknown> | null)?.[key]
    return typeof value === 'string' ? value : ''
  }

  /** The problem to show at a field, if any: a refusal, or a required field left empty. */
  function fieldIssue(field: string): FieldIssue | null {
    const issue = [...localIssues.value, ...server.issues.value].find((i) => i.field === field)
    // a refusal for an empty field no longer applies once it is filled in
    if (issue && !(issue.code === 'REQUIRED' && textAt(field).trim() !== '')) return issue
    const required = missing.value.includes(field as ExportRequiredField)
    return required && (attempted.value || touched.has(field)) ? { code: 'REQUIRED', field } : null
  }

  function leave(field: string): void {
    touched.add(field)
  }

  function addChecklistRow(): void {
    form.value?.checklist.push({
      key: `custom_${Date.now().toString(36)}`,
      item: '',
      standard: '',
      result: null,
      decidedBy: null,
      remarks: ''
    })
  }

  /** What the recorded facts say about a row (facts, what is missing, attachments). */
  function evidenceFor(rowKey: string): RowEvidence | undefined {
    return record.value?.evidence.find((e) => e.rowKey === rowKey)
  }

  /** A result chosen on the page is the implementer's decision (the service agrees). */
  function decide(rowKey: string, result: CheckResult | null): void {
    const row = form.value?.checklist.find((r) => r.key === rowKey)
    if (!row) return
    row.result = result
    row.decidedBy = result === null ? null : 'implementer'
  }

  function addParticipant(): void {
    form.value?.participants.push({ name: '', side: 'customer', title: '' })
  }

  function addOpenIssue(): void {
    form.value?.openIssues.push({ description: '', owner: '', dueDate: '' })
  }

  watch(
    () => form.value?.conclusion,
    () => server.clear(...CONCLUSION_FIELDS)
  )

  return {
    record,
    form,
    server,
    localIssues,
    attempted,
    missing,
    lastExport,
    signed,
    apply,
    fieldIssue,
    leave,
    addChecklistRow,
    addOpenIssue,
    addParticipant,
    evidenceFor,
    decide
  }
}

export type AcceptanceFormState = ReturnType<typeof useAcceptanceForm>

/** What the section components of the page need: the edited form and its field problems. */
export interface AcceptanceSectionContext {
  form: () => AcceptanceForm
  fieldError(field: string): string
  leave(field: string): void
  addChecklistRow(): void
  addOpenIssue(): void
  addParticipant(): void
  evidenceFor(rowKey: string): RowEvidence | undefined
  decide(rowKey: string, result: CheckResult | null): void
  /** the delivery's planned go-live date, shown as a hint only */
  plannedGoLive(): string | null
}

const SECTION_KEY: InjectionKey<AcceptanceSectionContext> = Symbol('acceptance-sections')

export function provideAcceptanceSections(context: AcceptanceSectionContext): void {
  provide(SECTION_KEY, context)
}

export function useAcceptanceSections(): AcceptanceSectionContext {
  const context = inject(SECTION_KEY)
  if (!context) throw new Error('acceptance sections outside the acceptance page')
  return context
}
