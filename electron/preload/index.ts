/**
 * The renderer's only door to the app: `window.desk.<area>.<verb>(payload)` for exactly the
 * contract's calls. No channel names, no ipcRenderer, no Node reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { CALL_CHANNEL, CALL_NAMES, splitCallName } from '../core/contract/call-names'

const api: Record<string, Record<string, (payload?: unknown) => Promise<unknown>>> = {}
for (const name of CALL_NAMES) {
  const [area, verb] = splitCallName(name)
  api[area] ??= {}
  api[area][verb] = (payload?: unknown) => ipcRenderer.invoke(CALL_CHANNEL, name, payload ?? {})
}

contextBridge.exposeInMainWorld('desk', Object.freeze(api))
