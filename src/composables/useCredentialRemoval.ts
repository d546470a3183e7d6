import { ref, type Ref } from 'vue'
import type { CredentialField } from '@core/vault/credential-fields'
import type { CredentialSummary } from '@core/vault/vault-types'

/** The two calls removal needs; the app passes `api.credentials`, tests a fake. */
export interface CredentialRemovalCalls {
  delete(request: { customerId: number; field: CredentialField }): Promise<{ removed: number }>
  purgeHistory(request: { customerId: number }): Promise<{ removed: number }>
}

/** What the confirmation dialog asks about: one secret with its history, or all history. */
export type RemovalQuestion =
  { kind: 'delete'; field: CredentialField; history: number } | { kind: 'purge'; history: number }

export interface CredentialRemoval {
  /** a removal is being confirmed or run; a second one is not started meanwhile */
  busy: Ref<boolean>
  /** whether purging history is offered: an archived customer with earlier values */
  canPurge(): boolean
  /** deletes a field's value and history after confirmation; the rows removed, or null */
  remove(field: CredentialField): Promise<number | null>
  /** deletes every earlier value after confirmation; the rows removed, or null */
  purgeHistory(): Promise<number | null>
}

/**
 * Deleting a secret (with its history) and purging an archived customer's earlier values.
 * Both are irreversible, so each asks first, naming what goes; the core refuses a purge for a
 * customer that is not archived and audits both. `run` is the panel's call wrapper (it shows a
 * refusal and answers undefined); `reload` refreshes the list after a removal.
 */
export function useCredentialRemoval(options: {
  calls: CredentialRemovalCalls
  customerId: () => number
  archived: () => boolean
  items: () => CredentialSummary[]
  confirm: (question: RemovalQuestion) => Promise<boolean>
  run: <T>(action: () => Promise<T>) => Promise<T | undefined>
  reload: () => Promise<void>
}): CredentialRemoval {
  const busy = ref(false)
  const historyOf = (field?: CredentialField): number =>
    options
      .items()
      .filter((i) => field === undefined || i.field === field)
      .reduce((n, i) => n + i.history.length, 0)

  async function guardedRemoval(
    question: RemovalQuestion,
    call: (customerId: number) => Promise<{ removed: number }>
  ): Promise<number | null> {
    if (busy.value) return null
    busy.value = true
    try {
      // the customer the question was about, even if the panel moves on while it is open
      const customerId = options.customerId()
      if (!(await options.confirm(question))) return null
      const result = await options.run(() => call(customerId))
      if (!result) return null
      await options.reload()
      return result.removed
    } finally {
      busy.value = false
    }
  }

  return {
    busy,
    canPurge: () => options.archived() && historyOf() > 0,
    remove: (field) =>
      guardedRemoval({ kind: 'delete', field, history: historyOf(field) }, (customerId) =>
        options.calls.delete({ customerId, field })
      ),
    purgeHistory: () =>
      guardedRemoval({ kind: 'purge', history: historyOf() }, (customerId) =>
        options.calls.purgeHistory({ customerId })
      )
  }
}
