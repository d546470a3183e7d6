import { onBeforeUnmount, onMounted } from 'vue'

/**
 * A keyboard shortcut such as `mod+s`, `alt+ArrowRight` or `mod+Enter`; `mod` is Ctrl, or
 * Cmd on a Mac. The modifiers named must be held and no other of Ctrl/Cmd/Alt.
 */
export type ShortcutSpec = string

type KeyState = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>

export function matchesShortcut(event: KeyState, spec: ShortcutSpec): boolean {
  const parts = spec.split('+')
  const key = parts.pop() ?? ''
  const wantMod = parts.includes('mod')
  const wantAlt = parts.includes('alt')
  const wantShift = parts.includes('shift')
  if (wantMod !== (event.ctrlKey || event.metaKey)) return false
  if (wantAlt !== event.altKey) return false
  if (wantShift && !event.shiftKey) return false
  return key.length === 1 ? event.key.toLowerCase() === key.toLowerCase() : event.key === key
}

/** Window-wide shortcuts while the component is mounted; a matched key's default is stopped. */
export function useShortcuts(bindings: Record<ShortcutSpec, () => void>): void {
  function onKey(event: KeyboardEvent): void {
    for (const [spec, action] of Object.entries(bindings)) {
      if (!matchesShortcut(event, spec)) continue
      event.preventDefault()
      action()
      return
    }
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
