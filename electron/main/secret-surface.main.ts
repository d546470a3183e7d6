/**
 * Where a secret meets the desktop: the clipboard and the screen.
 *
 * Copy: Electron's clipboard cannot put text and the "do not record" markers on the clipboard
 * in one write (each write replaces the last), so on Windows and macOS the text is written by
 * a short-lived system helper in one transaction with the markers that clipboard history,
 * cloud clipboards and clipboard managers honour (as KeePass/KeePassXC do):
 *   Windows: ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory = 0,
 *            CanUploadToCloudClipboard = 0 (PowerShell + .NET DataObject);
 *   macOS:   org.nspasteboard.ConcealedType (osascript, JavaScript for Automation).
 * The secret goes to the helper on stdin, never on its command line. If the helper fails, the
 * plain clipboard is used. Linux gets the plain clipboard. In every case the clipboard is
 * cleared after the delay if it still holds the secret.
 *
 * Screen: while a secret is shown the window is excluded from screen capture and sharing
 * (`setContentProtection`, Windows and macOS), since implementers share screens with customers.
 */
import type { BrowserWindow, Clipboard } from 'electron'
import { spawn } from 'node:child_process'
import type { SecretSurface } from '../core/core'
import {
  matchesClipboardMarker,
  removeClipboardMarker,
  writeClipboardMarker
} from '../core/vault/clipboard-marker'

export const WINDOWS_SCRIPT = [
  'Add-Type -AssemblyName System.Windows.Forms',
  // stdin arrives as UTF-8 from Node; the console code page (936, 437) would garble Chinese
  '$reader = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), (New-Object System.Text.UTF8Encoding $false))',
  '$text = $reader.ReadToEnd()',
  '$data = New-Object System.Windows.Forms.DataObject',
  '$data.SetData([System.Windows.Forms.DataFormats]::UnicodeText, $text)',
  "$data.SetData('ExcludeClipboardContentFromMonitorProcessing', [byte[]]@(0))",
  "$data.SetData('CanIncludeInClipboardHistory', (New-Object System.IO.MemoryStream(,[byte[]]@(0,0,0,0))))",
  "$data.SetData('CanUploadToCloudClipboard', (New-Object System.IO.MemoryStream(,[byte[]]@(0,0,0,0))))",
  '[System.Windows.Forms.Clipboard]::SetDataObject($data, $true, 5, 100)'
].join('; ')

export const MAC_SCRIPT = [
  "ObjC.import('AppKit')",
  "ObjC.import('Foundation')",
  'var input = $.NSFileHandle.fileHandleWithStandardInput.readDataToEndOfFile',
  'var text = $.NSString.alloc.initWithDataEncoding(input, $.NSUTF8StringEncoding)',
  'var pb = $.NSPasteboard.generalPasteboard',
  'pb.clearContents',
  "pb.declareTypesOwner($(['public.utf8-plain-text', 'org.nspasteboard.ConcealedType']), null)",
  "pb.setStringForType(text, 'public.utf8-plain-text')",
  "pb.setStringForType($(''), 'org.nspasteboard.ConcealedType')"
].join('; ')

/** The helper that writes a concealed clipboard entry on this platform, if there is one. */
export function concealedCopyCommand(
  platform: NodeJS.Platform
): { command: string; args: string[] } | null {
  if (platform === 'win32') {
    return {
      command: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-STA', '-Command', WINDOWS_SCRIPT]
    }
  }
  if (platform === 'darwin')
    return { command: '/usr/bin/osascript', args: ['-l', 'JavaScript', '-e', MAC_SCRIPT] }
  return null
}

export type Runner = (command: string, args: string[], stdin: string) => Promise<boolean>

/** Runs a helper with the text on stdin; true when it exited 0 within 10 s. */
export const runHelper: Runner = (command, args, stdin) =>
  new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'ignore', 'ignore'],
      windowsHide: true,
      timeout: 10_000
    })
    child.once('error', () => resolve(false))
    child.once('exit', (code) => resolve(code === 0))
    child.stdin.end(stdin, 'utf8')
  })

export interface SecretSurfaceDeps {
  clipboard: Pick<Clipboard, 'writeText' | 'readText' | 'clear'>
  platform: NodeJS.Platform
  window: () => Pick<BrowserWindow, 'setContentProtection' | 'isDestroyed'> | null
  run?: Runner
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (handle: unknown) => void
  /** the data folder's clipboard note (core/vault/clipboard-marker.ts); none when absent */
  markerPath?: string
}

/**
 * At start: a secret a crashed run left on the clipboard (its note is still there and the
 * clipboard holds the noted text) is cleared; the note goes either way. true when it cleared.
 */
export function clearLeftoverSecret(
  clipboard: Pick<Clipboard, 'readText' | 'clear'>,
  markerPath: string
): boolean {
  const leftover = matchesClipboardMarker(markerPath, clipboard.readText())
  if (leftover) clipboard.clear()
  removeClipboardMarker(markerPath)
  return leftover
}

export function createSecretSurface(deps: SecretSurfaceDeps): SecretSurface {
  const run = deps.run ?? runHelper
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

  return {
    async copy(text, clearAfterSeconds) {
      const helper = concealedCopyCommand(deps.platform)
      let concealed = false
      if (helper)
        concealed =
          (await run(helper.command, helper.args, text)) && deps.clipboard.readText() === text
      if (!concealed) deps.clipboard.writeText(text)
      lastSecret = text
      note(text)
      if (clipboardTimer !== null) clearTimer(clipboardTimer)
      clipboardTimer = setTimer(() => {
        clipboardTimer = null
        // Only clear what we put there: the user may have copied something else since.
        if (deps.clipboard.readText() === text) deps.clipboard.clear()
        lastSecret = null
        note(null)
      }, clearAfterSeconds * 1000)
      return { concealed }
    },
    flush() {
      if (clipboardTimer !== null) clearTimer(clipboardTimer)
      clipboardTimer = null
      if (lastSecret !== null && deps.clipboard.readText() === lastSecret) deps.clipboard.clear()
      if (lastSecret !== null) note(null)
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
