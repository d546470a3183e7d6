import { describe, expect, it } from 'vitest'
import { CallError } from '@/api/call-error'
import { refusalIssues, useFieldIssues } from '@/composables/useFieldIssues'

const refusal = (payload: Partial<CallError['payload']>): CallError =>
  new CallError({
    code: 'VALIDATION',
    message: 'refused',
    messageKey: 'errors.VALIDATION',
    ...payload
  })

describe('refusal → field issues', () => {
  it('takes every field issue a refusal lists', () => {
    const issues = [
      { code: 'REQUIRED' as const, field: 'name' },
      { code: 'TAX_ID_CHECKSUM' as const, field: 'taxId', params: { value: 'x' } }
    ]
    expect(refusalIssues(refusal({ issues }))).toEqual(issues)
  })

  it('turns a single-field refusal into one issue with its code, field and params', () => {
    expect(
      refusalIssues(
        refusal({ code: 'DUPLICATE_TAX_ID', field: 'taxId', params: { existingId: 4 } })
      )
    ).toEqual([{ code: 'DUPLICATE_TAX_ID', field: 'taxId', params: { existingId: 4 } }])
  })

  it('answers null for an error that is not a refusal', () => {
    expect(refusalIssues(new Error('bug'))).toBeNull()
  })

  it('keeps the issues of a refusal, finds them by field and forgets the fields edited since', () => {
    const fields = useFieldIssues()
    const error = refusal({
      issues: [
        { code: 'REQUIRED', field: 'conditions' },
        { code: 'REQUIRED', field: 'deadline' },
        { code: 'REQUIRED', field: 'project.taxId' }
      ]
    })
    expect(fields.take(error)).toBe(error)
    expect(fields.issueFor('deadline')?.code).toBe('REQUIRED')
    fields.clear('conditions', 'deadline')
    expect(fields.issues.value.map((i) => i.field)).toEqual(['project.taxId'])
    fields.clear()
    expect(fields.issues.value).toEqual([])
  })

  it('throws again what is not a refusal and keeps the issues it had', () => {
    const fields = useFieldIssues()
    fields.take(refusal({ field: 'name', code: 'REQUIRED' }))
    const bug = new TypeError('x is undefined')
    expect(() => fields.take(bug)).toThrow(bug)
    expect(fields.issueFor('name')).toBeDefined()
  })
})
