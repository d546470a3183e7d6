import { describe, expect, it } from 'vitest'
import { wrapText } from '../../../../electron/core/acceptance/pdf/pdf-text'

/** every character one unit wide, CJK two: widths that make the breaks easy to read */
const measure = (s: string): number =>
  [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0)

describe('line breaking of the acceptance PDF', () => {
  it('never breaks an order number at its hyphens while the line can hold it', () => {
    expect(wrapText('合同/订单号 SO-2026-0042', 14, measure)).toEqual([
      '合同/订单号',
      'SO-2026-0042'
    ])
  })

  it('keeps a 20-digit invoice number and an e-mail address whole', () => {
    const lines = wrapText('号码 26622000000012345678，邮箱 caiwu@example.cn', 22, measure)
    expect(lines.some((l) => l.includes('26622000000012345678'))).toBe(true)
    expect(lines.some((l) => l.includes('caiwu@example.cn'))).toBe(true)
  })

  it('keeps a written date together', () => {
    expect(wrapText('2026年3月16日 至 2027年3月15日', 20, measure)).toEqual([
      '2026年3月16日 至',
      '2027年3月15日'
    ])
  })

  it('breaks CJK text between characters, never before closing punctuation', () => {
    const lines = wrapText('开票员已完成实名认证。首张发票已开具', 20, measure)
    expect(lines[0]).toBe('开票员已完成实名认')
    expect(lines[1]?.startsWith('证。')).toBe(true)
    for (const l of lines) expect(/^[，。、；：？！）]/.test(l)).toBe(false)
  })

  it('never ends a line with opening punctuation', () => {
    const lines = wrapText('发票云（数电开票）对接', 8, measure)
    for (const l of lines) expect(l.endsWith('（')).toBe(false)
  })

  it('breaks Latin text at spaces and drops the space at the break', () => {
    expect(wrapText('Checked on site with the finance team', 16, measure)).toEqual([
      'Checked on site',
      'with the finance',
      'team'
    ])
  })

  it('cuts a word wider than the whole line by characters, and keeps typed line breaks', () => {
    expect(wrapText('ABCDEFGHIJ', 4, measure)).toEqual(['ABCD', 'EFGH', 'IJ'])
    expect(wrapText('第一行\n\n第三行', 40, measure)).toEqual(['第一行', '', '第三行'])
  })
})
