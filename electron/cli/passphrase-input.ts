/**
 * Where the CLI gets vault passphrases from: never the command line, which every user on the
 * machine can read in `ps` / /proc/<pid>/cmdline. A passphrase field inside the JSON argument
 * is refused (PASSPHRASE_IN_ARGUMENTS, exit 2). The sources, in order:
 *   current passphrase: --passphrase-file FILE, DESK_PASSPHRASE, a prompt without echo;
 *   new passphrase (vault.setup, vault.changePassphrase): --new-passphrase-file FILE,
 *   DESK_NEW_PASSPHRASE, a prompt without echo.
 * When stdin is not a terminal the prompt reads one line from stdin (a pipe is also private).
 */
import { readPassphraseFile } from './backup-commands'
import { DeskError } from '../core/errors/desk-error'

/** Payload fields that hold a passphrase in the contract's vault calls. */
export const PASSPHRASE_FIELDS = [
  'passphrase',
  'oldPassphrase',
  'newPassphrase',
  'bundlePassphrase'
] as const

/** True when a call's JSON argument carries a passphrase (or, unparsable, looks like it does). */
export function argumentCarriesPassphrase(json: string | undefined, parsed: unknown): boolean {
  if (json === undefined) return false
  if (parsed !== null && typeof parsed === 'object') {
    const keys = Object.keys(parsed).map((k) => k.toLowerCase())
    return PASSPHRASE_FIELDS.some((f) => keys.includes(f.toLowerCase()))
  }
  return /passphrase/i.test(json)
}

export function passphraseInArgumentsError(): DeskError {
  return new DeskError('PASSPHRASE_IN_ARGUMENTS', { field: 'passphrase' })
}

export type PassphraseKind = 'current' | 'new' | 'bundle'

/** Which passphrases a call needs, by payload field: the vault's current or new one, or the bundle's. */
export function passphraseNeeds(call: string): Partial<Record<string, PassphraseKind>> {
  if (call === 'bundle.export' || call === 'bundle.preview' || call === 'bundle.import') {
    return { bundlePassphrase: 'bundle' }
  }
  if (call === 'vault.setup') return { passphrase: 'new' }
  if (call === 'vault.unlock') return { passphrase: 'current' }
  if (call === 'vault.changePassphrase') return { oldPassphrase: 'current', newPassphrase: 'new' }
  return {}
}

export interface PassphraseSources {
  passphraseFile: string | null
  newPassphraseFile: string | null
  /** --bundle-passphrase-file */
  bundlePassphraseFile?: string | null
  env: NodeJS.ProcessEnv
  /** asks on the terminal without echo (or reads a line from piped stdin) */
  prompt: (label: string) => Promise<string>
}

// a missing or unreadable file is a refusal (exit 2), not a stack trace
const fromFile = (file: string): string => readPassphraseFile(file)

/** The current passphrase when one was given without asking (file or environment), else null. */
export function givenPassphrase(sources: PassphraseSources): string | null {
  if (sources.passphraseFile) return fromFile(sources.passphraseFile)
  return sources.env.DESK_PASSPHRASE || null
}

export async function resolvePassphrase(
  kind: PassphraseKind,
  sources: PassphraseSources
): Promise<string> {
  if (kind === 'bundle') {
    if (sources.bundlePassphraseFile) return fromFile(sources.bundlePassphraseFile)
    if (sources.env.DESK_BUNDLE_PASSPHRASE) return sources.env.DESK_BUNDLE_PASSPHRASE
    return sources.prompt('交接包口令 / bundle passphrase: ')
  }
  if (kind === 'current') {
    const given = givenPassphrase(sources)
    if (given !== null) return given
    return sources.prompt('口令 / passphrase: ')
  }
  if (sources.newPassphraseFile) return fromFile(sources.newPassphraseFile)
  if (sources.env.DESK_NEW_PASSPHRASE) return sources.env.DESK_NEW_PASSPHRASE
  return sources.prompt('新口令 / new passphrase: ')
}

/**
 * Applies terminal keystrokes to a line being typed without echo: Enter ends it, Backspace
 * deletes, Ctrl-C or Ctrl-D on an empty line cancels, other control characters are ignored.
 */
export function applyKeystrokes(
  typed: string,
  chunk: string
): { typed: string; done: boolean; cancelled: boolean } {
  let value = typed
  for (const ch of chunk) {
    if (ch === '\r' || ch === '\n') return { typed: value, done: true, cancelled: false }
    if (ch === '\u0003') return { typed: '', done: true, cancelled: true }
    if (ch === '\u0004') {
      if (value === '') return { typed: '', done: true, cancelled: true }
      return { typed: value, done: true, cancelled: false }
    }
    if (ch === '\u007f' || ch === '\b') {
      value = Array.from(value).slice(0, -1).join('')
      continue
    }
    if (ch < ' ') continue
    value += ch
  }
  return { typed: value, done: false, cancelled: false }
}

/** Asks on stderr and reads stdin without echo (terminal) or one line of it (pipe). */
export function promptHidden(label: string): Promise<string> {
  const input = process.stdin
  process.stderr.write(label)
  return new Promise((resolve, reject) => {
    let typed = ''
    const tty = input.isTTY === true
    if (tty) input.setRawMode(true)
    input.setEncoding('utf8')
    const finish = (error: Error | null, value = ''): void => {
      input.off('data', onData)
      input.off('end', onEnd)
      if (tty) input.setRawMode(false)
      input.pause()
      if (tty) process.stderr.write('\n')
      if (error) reject(error)
      else resolve(value)
    }
    const onData = (chunk: string): void => {
      const step = applyKeystrokes(typed, chunk)
      typed = step.typed
      if (step.cancelled) finish(new Error('cancelled'))
      else if (step.done) finish(null, typed)
    }
    const onEnd = (): void => finish(null, typed)
    input.on('data', onData)
    input.on('end', onEnd)
    input.resume()
  })
}
