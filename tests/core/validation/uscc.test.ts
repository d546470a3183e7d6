import { describe, expect, it } from 'vitest'
import {
  checkTaxId,
  orgCodeCheckCharacter,
  usccCheckCharacter,
  USCC_CHARSET
} from '../../../electron/core/validation/uscc'

const VALID = ['91440300MA5G3K7P0R', '914403001922038216']

describe('统一社会信用代码 validation', () => {
  it.each(VALID)('accepts the valid code %s without errors', (code) => {
    const r = checkTaxId(code)
    expect(r.errors).toEqual([])
    expect(r.value).toBe(code)
  })

  it('trims and upper-cases before checking', () => {
    const r = checkTaxId('  91440300ma5g3k7p0r ')
    expect(r.value).toBe('91440300MA5G3K7P0R')
    expect(r.errors).toEqual([])
  })

  it('computes the check character with the GB 32100 weights', () => {
    expect(usccCheckCharacter('91440300MA5G3K7P0')).toBe('R')
    expect(usccCheckCharacter('91440300192203821')).toBe('6')
  })

  it('rejects a tax ID whose check character is wrong with TAX_ID_CHECKSUM', () => {
    const r = checkTaxId('91440300MA5G3K7P0A')
    expect(r.errors).toEqual([{ code: 'TAX_ID_CHECKSUM', field: 'taxId' }])
  })

  it.each(VALID)('rejects every single-character change of %s', (code) => {
    let checked = 0
    for (let i = 0; i < code.length; i++) {
      for (const ch of USCC_CHARSET + 'IOSVZ-a ') {
        if (ch === code[i] || ch.toUpperCase() === code[i]) continue
        const changed = code.slice(0, i) + ch + code.slice(i + 1)
        const r = checkTaxId(changed)
        expect(r.errors.length, `${changed} should be refused`).toBeGreaterThan(0)
        expect(['TAX_ID_CHECKSUM', 'TAX_ID_FORMAT']).toContain(r.errors[0]?.code)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(18 * 30)
  })

  it('reports a wrong length or a character outside the set as TAX_ID_FORMAT', () => {
    expect(checkTaxId('9144030019220382').errors[0]).toMatchObject({
      code: 'TAX_ID_FORMAT',
      params: { length: 16 }
    })
    expect(checkTaxId('91440300MA5G3K7POR').errors[0]).toMatchObject({
      code: 'TAX_ID_FORMAT',
      params: { position: 17, character: 'O' }
    })
    // characters 3–8 are the division code and must be digits
    expect(checkTaxId('9144A300MA5G3K7P0R').errors[0]).toMatchObject({
      code: 'TAX_ID_FORMAT',
      params: { position: 5 }
    })
  })

  it('requires a value', () => {
    expect(checkTaxId('   ').errors).toEqual([{ code: 'REQUIRED', field: 'taxId' }])
  })

  it('warns (without refusing) on an unknown authority/category pair', () => {
    const first17 = '97440300192203821'
    const code = first17 + usccCheckCharacter(first17)
    const r = checkTaxId(code)
    expect(r.errors).toEqual([])
    expect(r.warnings.map((w) => w.code)).toContain('TAX_ID_UNKNOWN_CATEGORY')
  })

  it('warns (without refusing) when the GB 11714 organisation code digit fails', () => {
    const first17 = '91440300192203822'
    const code = first17 + usccCheckCharacter(first17)
    const r = checkTaxId(code)
    expect(r.errors).toEqual([])
    expect(r.warnings.map((w) => w.code)).toEqual(['TAX_ID_ORG_CODE'])
  })

  it('computes GB 11714 organisation code check characters', () => {
    expect(orgCodeCheckCharacter('19220382')).toBe('1')
    expect(orgCodeCheckCharacter('MA5G3K7P')).toBe('0')
  })
})
