import { describe, expect, it } from 'vitest'
import { matchesShortcut } from '@/composables/useShortcuts'

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods
})

describe('keyboard shortcuts', () => {
  it('matches Ctrl or Cmd for mod, whatever the letter case', () => {
    expect(matchesShortcut(key('s', { ctrlKey: true }), 'mod+s')).toBe(true)
    expect(matchesShortcut(key('S', { metaKey: true, shiftKey: true }), 'mod+s')).toBe(true)
    expect(matchesShortcut(key('s'), 'mod+s')).toBe(false)
  })

  it('does not fire when a modifier it does not name is held', () => {
    expect(matchesShortcut(key('s', { ctrlKey: true, altKey: true }), 'mod+s')).toBe(false)
    expect(
      matchesShortcut(key('ArrowRight', { altKey: true, ctrlKey: true }), 'alt+ArrowRight')
    ).toBe(false)
  })

  it('matches named keys exactly', () => {
    expect(matchesShortcut(key('ArrowRight', { altKey: true }), 'alt+ArrowRight')).toBe(true)
    expect(matchesShortcut(key('ArrowLeft', { altKey: true }), 'alt+ArrowRight')).toBe(false)
    expect(matchesShortcut(key('Enter', { ctrlKey: true }), 'mod+Enter')).toBe(true)
  })
})
