import { describe, expect, it } from 'vitest'
import { effectScope, reactive } from 'vue'
import type { CustomerFieldKey } from '@core/customers/customer-fields'
import { parseCustomerText } from '@core/customers/customer-paste'
import { pasteChanges, usePasteFill, valuesToApply } from '@/composables/usePasteFill'

const TEXT = `名称：北京青禾科技有限公司\n税号：91110108MA01ABCD1E\n手机：12345\n联系人：周杰`

describe('usePasteFill', () => {
  it('previews old → new per field, marks unchanged and off-form fields, and carries issues', () => {
    const rows = pasteChanges(
      parseCustomerText(TEXT),
      { name: '北京青禾科技有限公司', taxId: '', adminMobile: '13800138000' },
      ['name', 'taxId', 'adminMobile']
    )
    expect(rows.map((r) => [r.field, r.from, r.to, r.same, r.outside])).toEqual([
      ['name', '北京青禾科技有限公司', '北京青禾科技有限公司', true, false],
      ['taxId', '', '91110108MA01ABCD1E', false, false],
      ['adminMobile', '13800138000', '12345', false, false],
      ['contactName', '', '周杰', false, true]
    ])
    expect(rows[2]?.issues.map((i) => [i.code, i.severity])).toEqual([['MOBILE_FORMAT', 'error']])
    // only changed fields of this form are applied
    expect(valuesToApply(rows)).toEqual({ taxId: '91110108MA01ABCD1E', adminMobile: '12345' })
  })

  it('reads through the given parser and follows the form as it changes', async () => {
    const form = reactive<Partial<Record<CustomerFieldKey, string>>>({ name: '' })
    const scope = effectScope()
    const paste = scope.run(() =>
      usePasteFill({
        parse: async (text) => parseCustomerText(text),
        current: () => form,
        fields: () => ['name', 'taxId']
      })
    )
    if (!paste) throw new Error('no scope')
    paste.text.value = TEXT
    await paste.read()
    expect(paste.applicable.value).toBe(2)
    form.name = '北京青禾科技有限公司'
    expect(paste.applicable.value).toBe(1)
    paste.reset()
    expect(paste.changes.value).toEqual([])
    scope.stop()
  })

  it('reads nothing from blank text', async () => {
    let calls = 0
    const paste = usePasteFill({
      parse: async (text) => {
        calls++
        return parseCustomerText(text)
      },
      current: () => ({}),
      fields: () => []
    })
    paste.text.value = '  \n '
    await paste.read()
    expect(calls).toBe(0)
    expect(paste.result.value).toBeNull()
  })
})
