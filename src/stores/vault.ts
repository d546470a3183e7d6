import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { VaultStatus } from '@core/vault/vault-types'
import { api } from '@/api/client'

/** How often the user's input is reported to the core's idle timer, at most. */
const ACTIVITY_EVERY_MS = 20_000
/** How often the state is polled, so an auto-lock shows without waiting for a click. */
const POLL_EVERY_MS = 15_000

/**
 * The vault's state as the renderer knows it; refreshed after every vault call and on a poll.
 * The idle lock counts what the user does, not the app's own polling: `watch` reports input
 * at most every 20 s while unlocked, and polls the state so an auto-lock shows at once.
 */
/** The i18n key naming each vault state, for the tags that show it. */
export const VAULT_STATE_LABEL = {
  unlocked: 'vault.unlocked',
  locked: 'vault.locked',
  not_set_up: 'vault.notSetUp'
} as const

export const useVaultStore = defineStore('vault', () => {
  const status = ref<VaultStatus | null>(null)

  async function refresh(): Promise<VaultStatus> {
    status.value = await api.vault.status()
    return status.value
  }

  function set(next: VaultStatus): void {
    status.value = next
  }

  async function lock(): Promise<void> {
    status.value = await api.vault.lock()
  }

  let lastPing = 0
  function activity(): void {
    if (status.value?.state !== 'unlocked' || Date.now() - lastPing < ACTIVITY_EVERY_MS) return
    lastPing = Date.now()
    void api.vault.touch().then((r) => {
      if (r.locked) void refresh()
    })
  }

  /** Starts reporting input and polling; answers the function that stops both. */
  function watchActivity(target: Window = window): () => void {
    target.addEventListener('keydown', activity, { passive: true })
    target.addEventListener('pointerdown', activity, { passive: true })
    void refresh()
    const poll = setInterval(() => void refresh(), POLL_EVERY_MS)
    return () => {
      target.removeEventListener('keydown', activity)
      target.removeEventListener('pointerdown', activity)
      clearInterval(poll)
    }
  }

  return { status, refresh, set, lock, watchActivity }
})
