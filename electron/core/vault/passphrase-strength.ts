/**
 * A rough strength estimate for the set-up dialog's meter and hints. Only the minimum length is
 * enforced (VAULT_WEAK_PASSPHRASE); the rest is advice. The estimate discounts repeats,
 * runs (abcd, 4321) and well-known passwords, then counts bits from the character classes used.
 */
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'
import { characterCount } from './credential-fields'

export const MIN_PASSPHRASE_LENGTH = 8
export const MAX_PASSPHRASE_LENGTH = 1024
export const RECOMMENDED_PASSPHRASE_LENGTH = 12

export interface PassphraseStrength {
  /** 0 too short (refused) · 1 weak · 2 fair · 3 strong · 4 very strong */
  score: 0 | 1 | 2 | 3 | 4
  /** estimated guessing entropy in bits, rounded */
  bits: number
  /** long enough to be accepted by setup and changePassphrase */
  acceptable: boolean
  hints: FieldIssue<WarningCode>[]
}

// Lower-case, matched as substrings; each match counts as a single character.
const COMMON_PASSWORDS = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'qwerty',
  'asdfgh',
  'zxcvbn',
  '1qaz2wsx',
  'qazwsx',
  'iloveyou',
  'letmein',
  'welcome',
  'admin',
  'woaini',
  '5201314',
  'abc123',
  '123456',
  '654321',
  '888888',
  '666666',
  '111111',
  '000000',
  'fapiao'
]

function poolSize(chars: string[]): number {
  let pool = 0
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10
  if (chars.some((c) => /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c))) pool += 33
  // Chinese passphrases are mostly words, so a character is worth far less than the script's size.
  if (chars.some((c) => (c.codePointAt(0) ?? 0) > 0x7e)) pool += 300
  return Math.max(pool, 2)
}

/** characters that add information: repeats and steps of one (abc, 321) count a quarter */
function effectiveLength(chars: string[]): number {
  let length = 0
  let before: number | null = null
  for (const char of chars) {
    const here = char.codePointAt(0) ?? 0
    const step = before === null ? null : Math.abs(here - before)
    length += step === 0 || step === 1 ? 0.25 : 1
    before = here
  }
  return length
}

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const chars = Array.from(passphrase.normalize('NFC'))
  const hints: FieldIssue<WarningCode>[] = []
  const lower = chars.join('').toLowerCase()
  let discount = 0
  for (const common of COMMON_PASSWORDS) {
    if (lower.includes(common)) discount += common.length - 1
  }
  const effective = Math.max(1, effectiveLength(chars) - discount)
  const bits = Math.round(effective * Math.log2(poolSize(chars)))
  const acceptable = chars.length >= MIN_PASSPHRASE_LENGTH
  const patterned = discount > 0 || effective < chars.length * 0.6
  if (patterned) hints.push({ code: 'PASSPHRASE_COMMON', field: 'passphrase' })
  let score: PassphraseStrength['score']
  if (!acceptable) score = 0
  else if (bits < 35) score = 1
  else if (bits < 55) score = 2
  else if (bits < 75) score = 3
  else score = 4
  if (score < 3 && chars.length < RECOMMENDED_PASSPHRASE_LENGTH) {
    hints.push({
      code: 'PASSPHRASE_ADD_LENGTH',
      field: 'passphrase',
      params: { recommended: RECOMMENDED_PASSPHRASE_LENGTH }
    })
  }
  return { score, bits, acceptable, hints }
}

/**
 * Refuses a passphrase that setup and changePassphrase must not accept (too short or too long,
 * counted in characters after NFC). `field` names the form field the refusal belongs to.
 */
export function assertAcceptablePassphrase(passphrase: string, field: string): void {
  const length = characterCount(passphrase.normalize('NFC'))
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new DeskError('VAULT_WEAK_PASSPHRASE', { field, params: { min: MIN_PASSPHRASE_LENGTH } })
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    throw new DeskError('TOO_LONG', { field, params: { max: MAX_PASSPHRASE_LENGTH } })
  }
}
