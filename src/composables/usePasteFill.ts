import { computed, ref, type ComputedRef, type Ref } from 'vue'
import type { CustomerFieldKey } from '@core/customers/customer-fields'
import type { CustomerPasteResult, PasteIssue } from '@core/customers/customer-types'

/** One row of the 粘贴识别 preview: what the field holds now and what the paste would put there. */
export interface PasteChange {
  field: CustomerFieldKey
  from: string
  to: string
  /** the paste gives what the field already holds */
  same: boolean
  /** the field is not on this form (e.g. the stage card shows the invoicing fields only) */
  outside: boolean
  issues: PasteIssue[]
}

/** The preview rows, in the order the fields are listed, against the form's current values. */
export function pasteChanges(
  result: CustomerPasteResult,
  current: Partial<Record<CustomerFieldKey, string>>,
  fields: readonly CustomerFieldKey[]
): PasteChange[] {
  const found = Object.keys(result.fields) as CustomerFieldKey[]
  const order = [...fields, ...found.filter((f) => !fields.includes(f))]
  return order
    .filter((f) => result.fields[f] !== undefined)
    .map((field) => {
      const to = result.fields[field] ?? ''
      const from = current[field] ?? ''
      return {
        field,
        from,
        to,
        same: from === to,
        outside: !fields.includes(field),
        issues: result.issues.filter((i) => i.field === field)
      }
    })
}

/** The values applying the preview writes: changed fields of this form only. */
export function valuesToApply(
  changes: readonly PasteChange[]
): Partial<Record<CustomerFieldKey, string>> {
  return Object.fromEntries(
    changes.filter((c) => !c.same && !c.outside).map((c) => [c.field, c.to])
  )
}

export interface PasteFill {
  text: Ref<string>
  result: Ref<CustomerPasteResult | null>
  changes: ComputedRef<PasteChange[]>
  /** how many fields applying would change */
  applicable: ComputedRef<number>
  /** reads the text through `parse`; a refusal (two companies) is the caller's to show */
  read(): Promise<void>
  reset(): void
}

/**
 * The 粘贴识别 box's state: the pasted text, what the core read from it, and the preview
 * against the form. Applying is the form's business (it only fills fields; saving stays the
 * user's action).
 */
export function usePasteFill(options: {
  parse: (text: string) => Promise<CustomerPasteResult>
  current: () => Partial<Record<CustomerFieldKey, string>>
  fields: () => readonly CustomerFieldKey[]
}): PasteFill {
  const text = ref('')
  const result = ref<CustomerPasteResult | null>(null)
  const changes = computed(() =>
    result.value ? pasteChanges(result.value, options.current(), options.fields()) : []
  )
  const applicable = computed(() => Object.keys(valuesToApply(changes.value)).length)
  async function read(): Promise<void> {
    result.value = null
    if (text.value.trim() === '') return
    result.value = await options.parse(text.value)
  }
  function reset(): void {
    text.value = ''
    result.value = null
  }
  return { text, result, changes, applicable, read, reset }
}
