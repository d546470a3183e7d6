import { describe, expect, it } from 'vitest'
import {
  acceptanceFileName,
  MAX_NAME_BYTES,
  MAX_NAME_UNITS,
  safeFileName
} from '../../../electron/core/acceptance/file-name'

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')
/** true when the string has no lone surrogate, i.e. survives a UTF-8 round trip */
const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8') === s
const customerPart = (name: string) => name.slice('上线验收单-'.length, -'-20260318.docx'.length)

describe('acceptance file name', () => {
  it('is 上线验收单-<客户名称>-<YYYYMMDD>.docx', () => {
    expect(acceptanceFileName('兰州黄河云票科技有限公司', '2026-03-18')).toBe(
      '上线验收单-兰州黄河云票科技有限公司-20260318.docx'
    )
    expect(acceptanceFileName('甲公司', new Date(2026, 2, 8))).toBe(
      '上线验收单-甲公司-20260308.docx'
    )
  })

  it('replaces the characters Windows forbids and control characters', () => {
    expect(acceptanceFileName('A/B\\C:D*E?F"G<H>I|J', '2026-03-18')).toBe(
      '上线验收单-A_B_C_D_E_F_G_H_I_J-20260318.docx'
    )
    expect(acceptanceFileName('甲\u0000乙\u001f丙\u007f丁\u0085', '2026-03-18')).toBe(
      '上线验收单-甲_乙_丙_丁_-20260318.docx'
    )
    expect(acceptanceFileName('甲公司\n（北京）', '2026-03-18')).toBe(
      '上线验收单-甲公司 （北京）-20260318.docx'
    )
  })

  it('drops bidirectional overrides that could disguise the extension', () => {
    expect(acceptanceFileName('甲\u202Excod.exe', '2026-03-18')).toBe(
      '上线验收单-甲xcod.exe-20260318.docx'
    )
  })

  it('trims spaces and dots at the end of the customer name', () => {
    expect(acceptanceFileName('  甲公司. . ', '2026-03-18')).toBe('上线验收单-甲公司-20260318.docx')
  })

  it('names an empty customer', () => {
    expect(acceptanceFileName(' \t ', '2026-03-18')).toBe('上线验收单-未命名客户-20260318.docx')
  })

  it('shortens a long name, keeping the date and extension, under both length limits', () => {
    const name = acceptanceFileName('很长的公司名称'.repeat(40), '2026-03-18')
    expect(name.startsWith('上线验收单-很长的公司名称')).toBe(true)
    expect(name.endsWith('-20260318.docx')).toBe(true)
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_UNITS)
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES)
    const latin = acceptanceFileName('x'.repeat(500), '2026-03-18')
    expect(latin.length).toBe(MAX_NAME_UNITS)
  })

  it('never cuts an emoji in half when shortening', () => {
    const name = acceptanceFileName('😀'.repeat(200), '2026-03-18')
    expect(wellFormed(name)).toBe(true)
    expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES)
    const family = '👨‍👩‍👧'
    const joined = acceptanceFileName(family.repeat(50), '2026-03-18')
    expect(customerPart(joined).length % family.length).toBe(0)
    expect(customerPart(joined).startsWith(family)).toBe(true)
  })

  it('replaces a lone surrogate', () => {
    expect(acceptanceFileName('甲\uD800乙', '2026-03-18')).toBe('上线验收单-甲_乙-20260318.docx')
  })

  it('refuses a date that is not YYYY-MM-DD', () => {
    expect(() => acceptanceFileName('甲', '18.03.2026')).toThrow(RangeError)
    expect(() => acceptanceFileName('甲', new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('safe file names', () => {
  it.each([
    ['CON', '_CON'],
    ['con.docx', '_con.docx'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['PRN', '_PRN'],
    ['aux.txt', '_aux.txt'],
    ['COM1.docx', '_COM1.docx'],
    ['lpt9', '_lpt9'],
    ['COM¹.txt', '_COM¹.txt'],
    ['COM1 .txt', '_COM1.txt'],
    ['CONIN$', '_CONIN$']
  ])('avoids the device name %s', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it.each(['CONSOLE.docx', 'COM10.docx', 'LPT.docx', '上线验收单-CON-20260318.docx'])(
    'leaves %s alone',
    (name) => {
      expect(safeFileName(name)).toBe(name)
    }
  )

  it('keeps the extension when shortening and never ends in a dot or space', () => {
    const name = safeFileName(`${'a'.repeat(300)}.docx`)
    expect(name.endsWith('.docx')).toBe(true)
    expect(name.length).toBe(MAX_NAME_UNITS)
    expect(safeFileName('report. . .')).toBe('report')
    expect(safeFileName('...')).toBe('未命名')
  })
})
