import { describe, expect, it, vi } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLIPBOARD_MARKER_FILE } from '../../electron/core/vault/clipboard-marker'
import {
  clearLeftoverSecret,
  concealedCopyCommand,
  createSecretSurface,
  type Runner
} from '../../electron/main/secret-surface.main'

function fakeClipboard() {
  let text = ''
  return {
    writeText: vi.fn((t: string) => {
      text = t
    }),
    readText: vi.fn(() => text),
    clear: vi.fn(() => {
      text = ''
    }),
    set: (t: string) => {
      text = t
    }
  }
}

function timers() {
  const pending: { fn: () => void; ms: number }[] = []
  return {
    setTimer: (fn: () => void, ms: number) => {
      pending.push({ fn, ms })
      return pending.length - 1
    },
    clearTimer: (h: unknown) => {
      pending[h as number] = { fn: () => undefined, ms: -1 }
    },
    fireAll: () => pending.splice(0).forEach((p) => p.fn()),
    pending
  }
}

describe('copying a secret', () => {
  it('clears the clipboard after the delay when it still holds the secret', async () => {
    const clipboard = fakeClipboard()
    const t = timers()
    const surface = createSecretSurface({ clipboard, platform: 'linux', window: () => null, ...t })
    expect(await surface.copy('s3cr3t-value', 30)).toEqual({ concealed: false })
    expect(clipboard.readText()).toBe('s3cr3t-value')
    expect(t.pending[0]?.ms).toBe(30_000)
    t.fireAll()
    expect(clipboard.clear).toHaveBeenCalled()
    expect(clipboard.readText()).toBe('')
  })

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clipboard = fakeClipboard()
    const t = timers()
    const surface = createSecretSurface({ clipboard, platform: 'linux', window: () => null, ...t })
    await surface.copy('s3cr3t-value', 30)
    clipboard.set('a phone number')
    t.fireAll()
    expect(clipboard.clear).not.toHaveBeenCalled()
  })

  it('passes the secret to the concealing helper on stdin, never in its arguments (Windows, macOS)', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const clipboard = fakeClipboard()
      const calls: { command: string; args: string[]; stdin: string }[] = []
      const run: Runner = async (command, args, stdin) => {
        calls.push({ command, args, stdin })
        clipboard.set(stdin)
        return true
      }
      const surface = createSecretSurface({
        clipboard,
        platform,
        window: () => null,
        run,
        ...timers()
      })
      expect(await surface.copy('s3cr3t-value', 10)).toEqual({ concealed: true })
      expect(calls[0]?.stdin).toBe('s3cr3t-value')
      expect(calls[0]?.args.join(' ')).not.toContain('s3cr3t-value')
      expect(clipboard.writeText).not.toHaveBeenCalled()
    }
    expect(concealedCopyCommand('win32')?.args.join(' ')).toContain(
      'ExcludeClipboardContentFromMonitorProcessing'
    )
    expect(concealedCopyCommand('darwin')?.args.join(' ')).toContain(
      'org.nspasteboard.ConcealedType'
    )
    expect(concealedCopyCommand('linux')).toBeNull()
  })

  it('falls back to the plain clipboard when the helper fails', async () => {
    const clipboard = fakeClipboard()
    const surface = createSecretSurface({
      clipboard,
      platform: 'win32',
      window: () => null,
      run: async () => false,
      ...timers()
    })
    expect(await surface.copy('s3cr3t-value', 10)).toEqual({ concealed: false })
    expect(clipboard.writeText).toHaveBeenCalledWith('s3cr3t-value')
  })
})

describe('quitting', () => {
  it('clears a secret still on the clipboard at once, but not what the user copied since', async () => {
    const clipboard = fakeClipboard()
    const surface = createSecretSurface({
      clipboard,
      platform: 'linux',
      window: () => null,
      ...timers()
    })
    await surface.copy('s3cr3t-value', 30)
    surface.flush()
    expect(clipboard.readText()).toBe('')
    await surface.copy('s3cr3t-value', 30)
    clipboard.set('a phone number')
    surface.flush()
    expect(clipboard.readText()).toBe('a phone number')
  })

  it('reads the helper input as UTF-8 on Windows (Chinese in the hand-off message)', () => {
    expect(concealedCopyCommand('win32')?.args.join(' ')).toContain('UTF8Encoding')
  })
})

describe('guarding the screen', () => {
  it('protects the window from capture while a secret is shown, then lifts it', () => {
    const win = { setContentProtection: vi.fn(), isDestroyed: () => false }
    const t = timers()
    const surface = createSecretSurface({
      clipboard: fakeClipboard(),
      platform: 'win32',
      window: () => win,
      ...t
    })
    surface.guardScreen(30_000)
    surface.guardScreen(30_000)
    expect(win.setContentProtection).toHaveBeenLastCalledWith(true)
    t.fireAll()
    expect(win.setContentProtection).toHaveBeenLastCalledWith(false)
    expect(win.setContentProtection).toHaveBeenCalledTimes(3)
  })
})

describe('a secret left on the clipboard by a crash (issue 12)', () => {
  it('is cleared at the next start when the clipboard still holds the noted secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-marker-'))
    try {
      const markerPath = join(dir, CLIPBOARD_MARKER_FILE)
      const clipboard = fakeClipboard()
      const t = timers()
      const surface = createSecretSurface({
        clipboard,
        platform: 'linux',
        window: () => null,
        markerPath,
        ...t
      })
      await surface.copy('crash-left-secret-9f2c', 30)
      // the run crashes: its timer never fires. The note holds no secret and is 0600.
      const note = readFileSync(markerPath)
      expect(note.includes(Buffer.from('crash-left-secret-9f2c'))).toBe(false)
      if (process.platform !== 'win32') expect(statSync(markerPath).mode & 0o777).toBe(0o600)
      const nextStart = fakeClipboard()
      nextStart.set('crash-left-secret-9f2c')
      expect(clearLeftoverSecret(nextStart, markerPath)).toBe(true)
      expect(nextStart.readText()).toBe('')
      expect(existsSync(markerPath)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('leaves what the user copied since alone, and drops the note after a normal clear', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-marker-'))
    try {
      const markerPath = join(dir, CLIPBOARD_MARKER_FILE)
      const clipboard = fakeClipboard()
      const t = timers()
      const surface = createSecretSurface({
        clipboard,
        platform: 'linux',
        window: () => null,
        markerPath,
        ...t
      })
      await surface.copy('another-secret-77ab', 30)
      const nextStart = fakeClipboard()
      nextStart.set('the user copied this meanwhile')
      expect(clearLeftoverSecret(nextStart, markerPath)).toBe(false)
      expect(nextStart.readText()).toBe('the user copied this meanwhile')
      await surface.copy('another-secret-77ab', 30)
      t.fireAll()
      expect(existsSync(markerPath)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
