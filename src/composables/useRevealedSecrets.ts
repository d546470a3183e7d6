import { reactive } from 'vue'
import type { CredentialField } from '@core/vault/credential-fields'

export interface ShownSecret {
  value: string
  /** seconds until it is hidden */
  left: number
}

export interface RevealedSecrets {
  /** plaintexts on screen now, by field */
  shown: Partial<Record<CredentialField, ShownSecret>>
  /** the hand-off message on screen, '' when none */
  handoff: { message: string; left: number }
  show(field: CredentialField, value: string, seconds: number): void
  hide(field: CredentialField): void
  showHandoff(message: string, seconds: number): void
  /** hides every plaintext now (lock, another customer, leaving the page) */
  hideAll(): void
  /** one second passed: counts down and hides what ran out */
  tick(): void
}

/**
 * The only place a panel keeps plaintext: each revealed value and the hand-off message count
 * down and disappear, and all of them go at once when the vault locks or the panel changes
 * customer or closes. The panel drives `tick` once a second.
 */
export function useRevealedSecrets(): RevealedSecrets {
  const shown = reactive<Partial<Record<CredentialField, ShownSecret>>>({})
  const handoff = reactive({ message: '', left: 0 })

  function hide(field: CredentialField): void {
    delete shown[field]
  }

  return {
    shown,
    handoff,
    show: (field, value, seconds) => {
      shown[field] = { value, left: seconds }
    },
    hide,
    showHandoff: (message, seconds) => {
      handoff.message = message
      handoff.left = seconds
    },
    hideAll: () => {
      for (const field of Object.keys(shown) as CredentialField[]) hide(field)
      handoff.message = ''
    },
    tick: () => {
      for (const [field, secret] of Object.entries(shown) as [CredentialField, ShownSecret][]) {
        secret.left -= 1
        if (secret.left <= 0) hide(field)
      }
      if (handoff.message) {
        handoff.left -= 1
        if (handoff.left <= 0) handoff.message = ''
      }
    }
  }
}
