import { onBeforeUnmount, onMounted } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'

/**
 * Asks before leaving a page with unsaved changes: on a route change through `confirm` (a
 * dialog answering true to leave), and on reload or window close through the browser's own
 * beforeunload prompt. Not inside Electron: there a prevented beforeunload silently cancels
 * closing the window (and quitting) unless the main process answers `will-prevent-unload`
 * with a dialog of its own, which it does not.
 */
export function useLeaveGuard(dirty: () => boolean, confirm: () => Promise<boolean>): void {
  onBeforeRouteLeave(async () => (dirty() ? confirm() : true))

  function onUnload(event: BeforeUnloadEvent): void {
    if (!dirty()) return
    event.preventDefault()
  }
  if (navigator.userAgent.includes('Electron')) return
  onMounted(() => window.addEventListener('beforeunload', onUnload))
  onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload))
}
