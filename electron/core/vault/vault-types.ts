/** What the vault and its credentials send across the contract: states, summaries, results. */
import type { FieldIssue, WarningCode } from '../errors/desk-error'
import type { CredentialField } from './credential-fields'

export type VaultState = 'not_set_up' | 'locked' | 'unlocked'

export interface VaultStatus {
  state: VaultState
  /** an OS provider is present and trusted here (not Linux `basic_text`) */
  osUnlockAvailable: boolean
  /** "remember on this laptop" is on: an OS-wrapped copy of the data key is stored */
  osUnlockEnabled: boolean
  /** the OS backend that made the stored OS wrap, when there is one */
  osBackend: string | null
  /** consecutive wrong passphrases */
  failedAttempts: number
  /** present while a wrong-passphrase delay runs */
  retryAfterSeconds?: number
  /** the stored passphrase wrap's scrypt parameters; null before set-up */
  kdf: { name: 'scrypt'; n: number; r: number; p: number } | null
  passphraseChangedAt: string | null
}

export interface CredentialHistoryEntry {
  id: number
  setAt: string
  setBy: string
  /** when a newer value replaced this one */
  replacedAt: string
  deliveryId: number | null
}

export interface CredentialSummary {
  field: CredentialField
  stored: boolean
  /**
   * `P*******k2`; null when nothing is stored, when the vault is locked (the mask is made from
   * the plaintext, and storing it would put three characters of every secret on disk), or when
   * the stored value failed its integrity check
   */
  mask: string | null
  /** the stored value failed its integrity check (only known while unlocked) */
  tampered: boolean
  updatedAt: string | null
  updatedBy: string | null
  deliveryId: number | null
  /** earlier values, newest first; still encrypted, never shown in the list */
  history: CredentialHistoryEntry[]
  /** likely copy mistakes (only known while unlocked) */
  hints: FieldIssue<WarningCode>[]
}

export interface CredentialList {
  customerId: number
  /** true when masks and hints could not be computed because the vault is locked */
  locked: boolean
  items: CredentialSummary[]
}

export interface SetCredentialResult {
  /** false when the value equals the stored one (nothing written, no history entry) */
  changed: boolean
  credential: CredentialSummary
  warnings: FieldIssue<WarningCode>[]
}

export interface HandoffOptions {
  /** the delivery the hand-off is recorded on (its backend_config stage); the customer's own */
  deliveryId?: number | null
  /** how the message goes to the customer: 'wechat', 'email', 'in_person', 'phone', 'other' */
  channel?: string | null
}
