/**
 * Both languages say everything: the core's catalogue (messages.ts) and the renderer's
 * messages (src/i18n) have the same keys in zh-CN and en, at every depth.
 */
import { describe, expect, it } from 'vitest'
import { ISSUE_MESSAGES } from '../../../electron/core/errors/messages'
import zhCN from '../../../src/i18n/zh-CN'
import en from '../../../src/i18n/en'

/** Every leaf path; an array is a leaf with its length, a message function a leaf. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return [`${prefix}[${value.length}]`]
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
  }
  return [prefix]
}

function emptyLeaves(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [prefix] : []
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => emptyLeaves(v, `${prefix}.${k}`))
  }
  return []
}

describe('message catalogues', () => {
  it('the core catalogue has the same keys in Chinese and English', () => {
    const zh = leafKeys(ISSUE_MESSAGES['zh-CN']).sort()
    expect(zh.length).toBeGreaterThan(80)
    expect(leafKeys(ISSUE_MESSAGES.en).sort()).toEqual(zh)
  })

  it('the renderer messages have the same keys in Chinese and English', () => {
    const zh = leafKeys(zhCN).sort()
    expect(zh.length).toBeGreaterThan(300)
    expect(leafKeys(en).sort()).toEqual(zh)
  })

  it('a key missing from one language is noticed', () => {
    const broken = { ...ISSUE_MESSAGES.en, labels: { ...ISSUE_MESSAGES.en.labels, csvReason: {} } }
    expect(leafKeys(broken).sort()).not.toEqual(leafKeys(ISSUE_MESSAGES['zh-CN']).sort())
  })

  it('no core text is empty in either language', () => {
    // placeholders in the renderer are allowed to be empty (notes), catalogue texts are not
    expect(emptyLeaves(ISSUE_MESSAGES['zh-CN'])).toEqual([])
    expect(emptyLeaves(ISSUE_MESSAGES.en)).toEqual([])
  })

  it('English core texts hold no Chinese except names the UI shows as they are', () => {
    const CJK = /[\u3400-\u9fff]/
    const allowed = /数电|销项|开票|未开票/ // the tax bureau's own product and page names
    const offenders = Object.entries(ISSUE_MESSAGES.en.errors)
      .concat(Object.entries(ISSUE_MESSAGES.en.warnings))
      .filter(([, text]) => CJK.test(text.replace(allowed, '')))
    expect(offenders).toEqual([])
  })
})
