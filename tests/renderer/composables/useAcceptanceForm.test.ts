import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { createDraftForm } from '@core/acceptance/acceptance-form'
import type { AcceptanceRecord } from '@core/acceptance/acceptance-types'
import { CallError } from '@/api/call-error'
import { useAcceptanceForm } from '@/composables/useAcceptanceForm'
import { useFormSaving } from '@/composables/useFormSaving'

function storedRecord(): AcceptanceRecord {
  const form = createDraftForm({ formNumber: 'YS-20261126-001' }, { customerName: '杭州示例科技' })
  return {
    id: 7,
    deliveryId: 3,
    customerId: 2,
    formNumber: form.formNumber,
    version: 1,
    status: 'draft',
    form,
    createdAt: '2026-11-26T09:00:00.000Z',
    updatedAt: '2026-11-26T09:00:00.000Z',
    signedAt: null,
    supersedesId: null,
    missing: [],
    versions: [],
    exports: [],
    scans: [],
    evidence: form.checklist.map((row) => ({
      rowKey: row.key,
      facts: row.key === 'first_invoice' ? ['linglong_config.first_invoice'] : [],
      missing: row.key === 'first_invoice' ? ['linglong_config.first_invoice'] : [],
      result: null,
      remarks: '',
      attachments: []
    })),
    plannedGoLive: '2026-12-04',
    defaultFileName: '上线验收单.docx'
  }
}

/** Runs a composable inside an effect scope, as a component's setup would. */
function inScope<T>(make: () => T): T {
  let made: T | undefined
  effectScope().run(() => (made = make()))
  return made as T
}

describe('acceptance form state', () => {
  it('edits a copy of the stored form and is dirty only while the copy differs', () => {
    const state = inScope(() => useAcceptanceForm())
    const saving = inScope(() =>
      useFormSaving<'save', unknown>({
        current: () => state.form.value,
        stored: () => state.record.value?.form ?? null
      })
    )
    const record = storedRecord()
    state.apply(record)
    expect(state.form.value).not.toBe(record.form)
    expect(saving.dirty.value).toBe(false)

    state.form.value!.project.taxId = '91330100MA27XYZ123'
    expect(record.form.project.taxId).toBe('')
    expect(saving.dirty.value).toBe(true)

    state.form.value!.project.taxId = ''
    expect(saving.dirty.value).toBe(false)
  })

  it('is dirty while something else is pending even when the form equals the stored one', () => {
    const pending = ref(false)
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    const saving = inScope(() =>
      useFormSaving<'save', unknown>({
        current: () => state.form.value,
        stored: () => state.record.value?.form ?? null,
        pending: () => pending.value
      })
    )
    expect(saving.dirty.value).toBe(false)
    pending.value = true
    expect(saving.dirty.value).toBe(true)
  })

  it('shows required fields as missing only once left or after an export attempt', () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    expect(state.missing.value).toEqual([
      'project.taxId',
      'project.goLiveDate',
      ...(state.form.value?.checklist ?? []).map((r) => `checklist.${r.key}`),
      'conclusion',
      'signatures.customer.signerName'
    ])
    expect(state.fieldIssue('project.taxId')).toBeNull()
    state.leave('project.taxId')
    expect(state.fieldIssue('project.taxId')).toEqual({ code: 'REQUIRED', field: 'project.taxId' })
    expect(state.fieldIssue('conclusion')).toBeNull()
    state.attempted.value = true
    expect(state.fieldIssue('conclusion')?.code).toBe('REQUIRED')
    expect(state.fieldIssue('project.customerName')).toBeNull()
  })

  it('drops a refusal for an empty field once the field is filled in, keeps other refusals', () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    state.server.take(
      new CallError({
        code: 'VALIDATION',
        message: 'refused',
        messageKey: 'errors.VALIDATION',
        issues: [
          { code: 'REQUIRED', field: 'signatures.customer.signerName' },
          { code: 'TOO_LONG', field: 'project.projectName', params: { max: 200 } }
        ]
      })
    )
    expect(state.fieldIssue('signatures.customer.signerName')?.code).toBe('REQUIRED')
    state.form.value!.signatures.customer.signerName = '王五'
    expect(state.fieldIssue('signatures.customer.signerName')).toBeNull()
    state.form.value!.project.projectName = 'short now'
    expect(state.fieldIssue('project.projectName')).toEqual({
      code: 'TOO_LONG',
      field: 'project.projectName',
      params: { max: 200 }
    })
  })

  it('forgets refusals about the follow-up fields when the conclusion changes', async () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    state.form.value!.conclusion = 'conditional'
    await nextTick()
    state.server.take(
      new CallError({
        code: 'VALIDATION',
        message: 'refused',
        messageKey: 'errors.VALIDATION',
        issues: [
          { code: 'VALIDATION', field: 'deadline' },
          { code: 'TOO_LONG', field: 'project.products', params: { max: 200 } }
        ]
      })
    )
    state.form.value!.conclusion = 'pass'
    await nextTick()
    expect(state.server.issues.value.map((i) => i.field)).toEqual(['project.products'])
  })

  it('adds checklist rows with their own keys and open issues', () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    const rows = state.form.value!.checklist.length
    state.addChecklistRow()
    state.addOpenIssue()
    expect(state.form.value!.checklist).toHaveLength(rows + 1)
    expect(state.form.value!.checklist.at(-1)?.key).toMatch(/^custom_/)
    expect(state.form.value!.openIssues).toEqual([{ description: '', owner: '', dueDate: '' }])
  })
})

describe('saving', () => {
  it('runs one action at a time and says which is running', async () => {
    const saving = inScope(() =>
      useFormSaving<'save' | 'export', null>({
        current: () => null,
        stored: () => null
      })
    )
    let release: () => void = () => undefined
    const first = saving.run('export', () => new Promise<void>((r) => (release = r)))
    expect(saving.busy.value).toBe('export')
    let ranSecond = false
    await saving.run('save', async () => {
      ranSecond = true
    })
    expect(ranSecond).toBe(false)
    release()
    await first
    expect(saving.busy.value).toBeNull()
  })

  it('is free again after an action fails', async () => {
    const saving = inScope(() =>
      useFormSaving<'save', null>({ current: () => null, stored: () => null })
    )
    await expect(saving.run('save', () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full'
    )
    expect(saving.busy.value).toBeNull()
  })

  it('records a result chosen on the page as the implementer’s, and clears it with the result', () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    state.decide('training', 'pass')
    const row = () => state.form.value?.checklist.find((r) => r.key === 'training')
    expect(row()).toMatchObject({ result: 'pass', decidedBy: 'implementer' })
    state.decide('training', null)
    expect(row()).toMatchObject({ result: null, decidedBy: null })
  })

  it('names what a row still lacks from the record', () => {
    const state = inScope(() => useAcceptanceForm())
    state.apply(storedRecord())
    expect(state.evidenceFor('first_invoice')?.missing).toEqual(['linglong_config.first_invoice'])
    expect(state.missing.value).toContain('checklist.first_invoice')
    expect(state.missing.value).toContain('project.goLiveDate')
  })
})
