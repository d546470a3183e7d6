/**
 * Passphrase rules and strength, shared by the core (setup, change) and the renderer's meter.
 * Strength comes from zxcvbn-ts (a maintained estimator that knows common passwords, names,
 * words, keyboard patterns, dates, repeats and sequences). Its dictionaries are large, so they
 * are loaded on first need (`loadPassphraseEstimator`), not when the app or CLI starts.
 *
 * Refused (VAULT_WEAK_PASSPHRASE, params carry keys only): fewer than 8 characters
 * {reason: 'too_short'}, an estimate below "safely unguessable" {reason: 'too_guessable',
 * score, suggestions}; refused as VAULT_PASSPHRASE_CHARACTERS: control characters (NUL, tab,
 * newline…) and lone UTF-16 surrogates, which different input paths would not reproduce.
 * Everything is judged after NFC normalisation, the form scrypt derives from.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'
import { characterCount } from './credential-fields'

export const MIN_PASSPHRASE_LENGTH = 8
export const MAX_PASSPHRASE_LENGTH = 1024
export const RECOMMENDED_PASSPHRASE_LENGTH = 12
/** zxcvbn's 3: "safely unguessable", moderate protection against an offline slow-hash attack */
export const MIN_PASSPHRASE_SCORE = 3

export interface PassphraseStrength {
  /** zxcvbn's 0 (too guessable) … 4 (very unguessable); 0 also when too short */
  score: 0 | 1 | 2 | 3 | 4
  /** log2 of the estimated guesses, rounded */
  bits: number
  /** what setup and changePassphrase would accept */
  acceptable: boolean
  hints: FieldIssue<WarningCode>[]
  /** zxcvbn's suggestion keys (e.g. 'anotherWord', 'repeated'), for the meter */
  suggestions: string[]
}

// Only the last estimator is kept; before the dictionaries load, a bare one (patterns only).
let estimator = new ZxcvbnFactory({ maxLength: 128 })
let loading: Promise<void> | null = null
let loaded = false

/** Loads the word lists once; setup and changePassphrase await it before judging. */
export function loadPassphraseEstimator(): Promise<void> {
  loading ??= Promise.all([
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en')
  ]).then(([common, en]) => {
    estimator = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      maxLength: 128
    })
    loaded = true
  })
  return loading
}

export function isPassphraseEstimatorLoaded(): boolean {
  return loaded
}

/** Control characters and lone surrogates (in `u` mode a proper pair is one code point). */
const UNUSABLE = /[\p{Cc}\uD800-\uDFFF]/u

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const normalized = passphrase.normalize('NFC')
  const length = characterCount(normalized)
  const result = estimator.check(normalized)
  const bits = Math.round(result.guessesLog10 * Math.log2(10))
  const tooShort = length < MIN_PASSPHRASE_LENGTH
  const score = (tooShort ? 0 : result.score) as PassphraseStrength['score']
  const acceptable =
    !tooShort &&
    length <= MAX_PASSPHRASE_LENGTH &&
    score >= MIN_PASSPHRASE_SCORE &&
    !UNUSABLE.test(normalized)
  const hints: FieldIssue<WarningCode>[] = []
  if (result.feedback.warning) hints.push({ code: 'PASSPHRASE_COMMON', field: 'passphrase' })
  if (score < 3 && length < RECOMMENDED_PASSPHRASE_LENGTH) {
    hints.push({
      code: 'PASSPHRASE_ADD_LENGTH',
      field: 'passphrase',
      params: { recommended: RECOMMENDED_PASSPHRASE_LENGTH }
    })
  }
  return { score, bits, acceptable, hints, suggestions: [...result.feedback.suggestions] }
}

/**
 * Refuses a passphrase that setup and changePassphrase must not accept. `field` names the form
 * field the refusal belongs to. Loads the estimator's word lists first.
 */
export async function assertAcceptablePassphrase(passphrase: string, field: string): Promise<void> {
  const normalized = passphrase.normalize('NFC')
  if (UNUSABLE.test(normalized)) throw new DeskError('VAULT_PASSPHRASE_CHARACTERS', { field })
  const length = characterCount(normalized)
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new DeskError('VAULT_WEAK_PASSPHRASE', {
      field,
      params: { reason: 'too_short', min: MIN_PASSPHRASE_LENGTH }
    })
  }
  if (length > MAX_PASSPHRASE_LENGTH) {
    throw new DeskError('TOO_LONG', { field, params: { max: MAX_PASSPHRASE_LENGTH } })
  }
  await loadPassphraseEstimator()
  const strength = estimatePassphraseStrength(normalized)
  if (strength.score < MIN_PASSPHRASE_SCORE) {
    throw new DeskError('VAULT_WEAK_PASSPHRASE', {
      field,
      params: {
        reason: 'too_guessable',
        min: MIN_PASSPHRASE_LENGTH,
        score: strength.score,
        suggestions: strength.suggestions
      }
    })
  }
}
