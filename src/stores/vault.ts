import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { VaultStatus } from '@core/vault/vault-types'
import { api } from '@/api/client'

/** The vault's state as the renderer knows it; refreshed after every vault call and on a poll. */
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

  return { status, refresh, set, lock }
})
