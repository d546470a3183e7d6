/**
 * A note in the data folder that a secret is on the clipboard, so that one left there by a
 * crash (the clearing timer died with the process) is cleared at the next start. It holds no
 * secret: a random salt and a scrypt hash of the copied text (scrypt, not a bare SHA-256, so a
 * short secret cannot be found by hashing guesses quickly), written 0600. The main process
 * writes it on copy, removes it when the clipboard is cleared, and checks it at start
 * (electron/main/secret-surface.main.ts).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto'
import { readFileSync, rmSync } from 'node:fs'
import { writeBytesAtomicSync } from '../shared/atomic-file'

export const CLIPBOARD_MARKER_FILE = 'clipboard-marker.json'

// Cheap enough for each copy (a few ms), costly enough to slow guessing from the note.
const PARAMS = { N: 2 ** 14, r: 8, p: 1 }

function hashOf(text: string, salt: Buffer): Buffer {
  const input = Buffer.from(text, 'utf8')
  try {
    return scryptSync(input, salt, 32, PARAMS)
  } finally {
    input.fill(0)
  }
}

/** Notes that `text` is on the clipboard (replacing any earlier note). */
export function writeClipboardMarker(path: string, text: string, copiedAt: string): void {
  const salt = randomBytes(16)
  const body = JSON.stringify({
    format: 'delivery-desk.clipboard-marker.v1',
    salt: salt.toString('base64'),
    hash: hashOf(text, salt).toString('base64'),
    copiedAt
  })
  writeBytesAtomicSync(path, body, { mode: 0o600 })
}

export function removeClipboardMarker(path: string): void {
  rmSync(path, { force: true })
}

/** Whether `text` is what the note says was copied; false when there is no (readable) note. */
export function matchesClipboardMarker(path: string, text: string): boolean {
  let note: { salt?: unknown; hash?: unknown }
  try {
    note = JSON.parse(readFileSync(path, 'utf8')) as typeof note
  } catch {
    return false
  }
  if (typeof note.salt !== 'string' || typeof note.hash !== 'string') return false
  const expected = Buffer.from(note.hash, 'base64')
  const actual = hashOf(text, Buffer.from(note.salt, 'base64'))
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
