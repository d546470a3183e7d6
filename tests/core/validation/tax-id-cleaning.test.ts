/** Tax IDs typed or pasted with full-width characters, spaces or hyphens are cleaned first. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkTaxId, normalizeTaxId } from '../../../electron/core/validation/uscc'
import { tempCore, type TempCore } from '../../support/temp-core'

const ID = '91440300MA5F8K9L2C'

describe('tax ID cleaning', () => {
  it.each([
    ['full-width characters', '９１４４０３００ＭＡ５Ｆ８Ｋ９Ｌ２Ｃ'],
    ['spaces between groups', '9144 0300 MA5F 8K9L 2C'],
    ['hyphens of any width', '91440300-MA5F8K9L2C'],
    ['full-width hyphen and ideographic space', '91440300－MA5F　8K9L2C'],
    ['lower case with a non-breaking space', '91440300ma5f\u00a08k9l2c']
  ])('accepts %s', (_what, typed) => {
    expect(normalizeTaxId(typed)).toBe(ID)
    expect(checkTaxId(typed).errors).toEqual([])
  })

  describe('in the registry', () => {
    let t: TempCore
    beforeEach(() => {
      t = tempCore()
    })
    afterEach(() => t.cleanup())

    it('stores the cleaned code on create and finds it however it is typed', () => {
      const { customer } = t.core.customers.create({
        name: '深圳前海云帆贸易有限公司',
        taxId: '９１４４ ０３００-ＭＡ５Ｆ８Ｋ９Ｌ２Ｃ'
      })
      expect(customer.taxId).toBe(ID)
      expect(t.core.customers.findByTaxId('9144-0300-MA5F-8K9L-2C')?.id).toBe(customer.id)
    })

    it('treats a re-typed form of the same code as unchanged on update', () => {
      const { customer } = t.core.customers.create({ name: '深圳前海云帆贸易有限公司', taxId: ID })
      const { customer: after } = t.core.customers.update(customer.id, {
        taxId: '9144 0300 MA5F 8K9L 2C'
      })
      expect(after.taxId).toBe(ID)
      expect(after.updatedAt).toBe(customer.updatedAt)
    })
  })
})
