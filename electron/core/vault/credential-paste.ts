/**
 * Reads the five issued secrets from the message the 运维平台 (or a colleague) sends:
 * `clientId：…` lines in any order, full- or half-width colons (or `=`), the runbook's
 * `encrypeKey` spelling, values trimmed. Pure and silent: nothing is stored, and nothing here
 * logs or audits, because the values are secrets.
 */
import { DeskError, type FieldIssue, type WarningCode } from '../errors/desk-error'
import { maskCredential } from './credential-mask'
import { credentialHints, CREDENTIAL_FIELD_KEYS, type CredentialField } from './credential-fields'

/** How each key is written in messages (lower-cased; spaces and underscores ignored). */
const SPELLINGS: Readonly<Record<CredentialField, readonly string[]>> = {
  clientId: ['clientid', 'client-id', 'appid'],
  clientSecret: ['clientsecret', 'client-secret', 'appsecret'],
  encryptKey: ['encryptkey', 'encrypekey', 'encryptionkey', 'encryptkeys'],
  fkey: ['fkey'],
  fpublicKey: ['fpublickey', 'fpubkey']
}

const KEY_BY_SPELLING = new Map<string, CredentialField>()
for (const field of CREDENTIAL_FIELD_KEYS) {
  for (const s of SPELLINGS[field]) KEY_BY_SPELLING.set(s, field)
}

// A name of letters (with _ - or spaces inside), then a colon of either width or `=`.
const LABEL_RE = /(?<![A-Za-z0-9])([A-Za-z][A-Za-z_ -]{2,20}?)[ \t\u3000]*[:：=][ \t\u3000]*/g

export interface PastedCredential {
  field: CredentialField
  /** the value as it will be stored (trimmed) */
  value: string
  /** `P*******k2`, for the preview: the page shows masks, never the pasted values */
  mask: string
  hints: FieldIssue<WarningCode>[]
}

export interface CredentialPasteResult {
  found: PastedCredential[]
  /** which of the five keys the message did not contain */
  missing: CredentialField[]
  /** how many non-blank lines named none of the keys (their text is not returned: it may be secret) */
  unrecognizedLines: number
}

function keyOf(label: string): CredentialField | undefined {
  return KEY_BY_SPELLING.get(label.toLowerCase().replace(/[\s_]/g, ''))
}

/**
 * Reads the keys of a pasted message. Two different values for one key refuse the paste with
 * PASTE_AMBIGUOUS {field, count}: which one is current is not for the parser to guess.
 */
export function parseCredentialText(text: string): CredentialPasteResult {
  const values = new Map<CredentialField, Set<string>>()
  let unrecognizedLines = 0
  let waiting: CredentialField | null = null
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const matches = [...line.matchAll(LABEL_RE)].filter((m) => keyOf(m[1] ?? '') !== undefined)
    if (matches.length === 0) {
      const rest = line.trim()
      if (rest === '') continue
      if (waiting) {
        // `fpublicKey：` with the value on the next line
        add(values, waiting, rest)
        waiting = null
      } else unrecognizedLines++
      continue
    }
    waiting = null
    matches.forEach((m, i) => {
      const field = keyOf(m[1] ?? '') as CredentialField
      const start = (m.index ?? 0) + m[0].length
      const end = matches[i + 1]?.index ?? line.length
      const value = line.slice(start, end).trim()
      if (value !== '') add(values, field, value)
      else if (i === matches.length - 1) waiting = field
    })
  }
  const found: PastedCredential[] = []
  for (const field of CREDENTIAL_FIELD_KEYS) {
    const distinct = values.get(field)
    if (!distinct) continue
    if (distinct.size > 1) {
      throw new DeskError('PASTE_AMBIGUOUS', {
        field,
        params: { field, count: distinct.size }
      })
    }
    const value = [...distinct][0] as string
    found.push({ field, value, mask: maskCredential(value), hints: credentialHints(field, value) })
  }
  return {
    found,
    missing: CREDENTIAL_FIELD_KEYS.filter((f) => !values.has(f)),
    unrecognizedLines
  }
}

function add(values: Map<CredentialField, Set<string>>, field: CredentialField, raw: string): void {
  // values copied out of a chat keep trailing punctuation and zero-width spaces
  const value = raw
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[，。；;,]+$/, '')
    .trim()
  if (value === '') return
  const set = values.get(field) ?? new Set<string>()
  set.add(value)
  values.set(field, set)
}
