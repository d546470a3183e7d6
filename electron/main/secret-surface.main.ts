/**
 * Where a secret meets the desktop: the clipboard and the screen.
 *
 * Copy: the text goes on the clipboard in ONE atomic write (Electron's `clipboard.write` with a
 * ClipboardItem) together with the markers that clipboard history, cloud clipboards and
 * clipboard managers honour (as KeePassXC and 1Password do):
 *   Windows: ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0,
 *            CanUploadToCloudClipboard = 0;
 *   macOS:   org.nspasteboard.ConcealedType;
 *   Linux:   x-kde-passwordManagerHint = "secret" (Klipper, CopyQ, KDE Connect, cliphist).
 * Separate writes would not do: each write replaces the last. If the marked write fails, the
 * plain text is written and the answer says it was not concealed. In every case the clipboard
 * is cleared after the delay if it still holds the secret, and at quit.
 *
 * Screen: while a secret is shown the window is excluded from screen capture and sharing
 * (`setContentProtection`, Windows and macOS), since implementers share screens with customers.
 */
import type { BrowserWindow } from 'electron'
import type { SecretSurface } from '../core/core'
import {
  matchesClipboardMarker,
  removeClipboardMarker,
  writeClipboardMarker
} from '../core/vault/clipboard-marker'

/** Electron's name for a raw platform clipboard format. */
export function osFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`
}

export type ClipboardPayload = string | Blob

/** Everything one copy of a secret puts on the clipboard on this platform: text plus markers. */
export function concealedFormats(
  platform: NodeJS.Platform,
  text: string
): Record<string, ClipboardPayload> {
  const formats: Record<string, ClipboardPayload> = { 'text/plain': text }
  if (platform === 'win32') {
    // DWORD 0 means "no"; the exclude format only has to be present
    formats[osFormat('ExcludeClipboardContentFromMonitorProcessing')] = new Blob([
      new Uint8Array(1)
    ])
    formats[osFormat('CanIncludeInClipboardHistory')] = new Blob([new Uint8Array(4)])
    formats[osFormat('CanUploadToCloudClipboard')] = new Blob([new Uint8Array(4)])
  } else if (platform === 'darwin') {
    formats[osFormat('org.nspasteboard.ConcealedType')] = ''
  } else {
    formats[osFormat('x-kde-passwordManagerHint')] = 'secret'
  }
  return formats
}

/** The part of Electron's (async, W3C-style) clipboard this module uses. */
export interface SecretClipboard {
  /** one atomic write of several formats (main wraps them in a ClipboardItem) */
  writeFormats(formats: Record<string, ClipboardPayload>): Promise<void>
  writeText(text: string): Promise<void>
  readText(): Promise<string>
  clear(): void
}

export interface SecretSurfaceDeps {
  clipboard: SecretClipboard
  platform: NodeJS.Platform
  window: () => Pick<BrowserWindow, 'setContentProtection' | 'isDestroyed'> | null
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** the data folder's clipboard note (core/vault/clipboard-marker.ts); none when absent */
  markerPath?: string
}

/**
 * At start: a secret a crashed run left on the clipboard (its note is still there and the
 * clipboard holds the noted text) is cleared; the note goes either way. true when it cleared.
 */
export async function clearLeftoverSecret(
  clipboard: Pick<SecretClipboard, 'readText' | 'clear'>,
  markerPath: string
): Promise<boolean> {
  const leftover = matchesClipboardMarker(markerPath, await clipboard.readText())
  if (leftover) clipboard.clear()
  removeClipboardMarker(markerPath)
  return leftover
}

export function createSecretSurface(deps: SecretSurfaceDeps): SecretSurface {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout))
  let clipboardTimer: unknown = null
  let screenTimer: unknown = null
  let lastSecret: string | null = null
  const note = (text: string | null): void => {
    if (!deps.markerPath) return
    if (text === null) removeClipboardMarker(deps.markerPath)
    else writeClipboardMarker(deps.markerPath, text, new Date().toISOString())
  }

  /** Only clear what we put there: the user may have copied something else since. */
  async function clearIfStillOurs(text: string): Promise<void> {
    if ((await deps.clipboard.readText()) === text) deps.clipboard.clear()
    if (lastSecret === text) lastSecret = null
  }

  return {
    async copy(text, clearAfterSeconds) {
      let concealed = true
      try {
        await deps.clipboard.writeFormats(concealedFormats(deps.platform, text))
      } catch {
        concealed = false
        await deps.clipboard.writeText(text)
      }
      lastSecret = text
      note(text)
      if (clipboardTimer !== null) clearTimer(clipboardTimer)
      clipboardTimer = setTimer(() => {
        clipboardTimer = null
        void clearIfStillOurs(text).then(() => note(null))
      }, clearAfterSeconds * 1000)
      return { concealed }
    },
    async flush() {
      if (clipboardTimer !== null) clearTimer(clipboardTimer)
      clipboardTimer = null
      if (lastSecret !== null) {
        await clearIfStillOurs(lastSecret)
        note(null)
      }
      lastSecret = null
    },
    guardScreen(milliseconds) {
      const win = deps.window()
      if (!win || win.isDestroyed()) return
      win.setContentProtection(true)
      if (screenTimer !== null) clearTimer(screenTimer)
      screenTimer = setTimer(() => {
        screenTimer = null
        const w = deps.window()
        if (w && !w.isDestroyed()) w.setContentProtection(false)
      }, milliseconds)
    }
  }
}
