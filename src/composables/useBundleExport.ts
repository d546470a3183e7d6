/**
 * The export of a handover bundle from the customers list: the chosen customers, whether
 * their secrets go along, the bundle passphrase typed twice and judged like the vault's
 * (the core refuses a weak one too), then the save dialog in the main process.
 */
import { computed, ref } from 'vue'
import type { BundleExportResult } from '@core/bundle/bundle-types'
import {
  estimatePassphraseStrength,
  loadPassphraseEstimator
} from '@core/vault/passphrase-strength'
import { CallError } from '@/api/call-error'

type Exported = Extract<BundleExportResult, { cancelled: false }>

export interface BundleExportClient {
  export(request: {
    customerIds: number[]
    includeSecrets: boolean
    bundlePassphrase: string
  }): Promise<BundleExportResult>
}

export function useBundleExport(client: BundleExportClient) {
  const passphrase = ref('')
  const confirm = ref('')
  const includeSecrets = ref(false)
  const error = ref('')
  const busy = ref(false)
  const done = ref<Exported | null>(null)

  const estimatorReady = ref(false)
  void loadPassphraseEstimator().then(() => (estimatorReady.value = true))
  const strength = computed(() => {
    void estimatorReady.value
    return estimatePassphraseStrength(passphrase.value)
  })
  const mismatch = computed(() => confirm.value !== '' && confirm.value !== passphrase.value)
  const canExport = computed(
    () => passphrase.value !== '' && confirm.value === passphrase.value && strength.value.acceptable
  )

  async function run(customerIds: number[]): Promise<void> {
    error.value = ''
    busy.value = true
    try {
      const answer = await client.export({
        customerIds,
        includeSecrets: includeSecrets.value,
        bundlePassphrase: passphrase.value
      })
      if (answer.cancelled) return
      done.value = answer
      passphrase.value = ''
      confirm.value = ''
    } catch (e) {
      if (e instanceof CallError) error.value = e.payload.message
      else throw e
    } finally {
      busy.value = false
    }
  }

  function reset(): void {
    passphrase.value = ''
    confirm.value = ''
    includeSecrets.value = false
    error.value = ''
    done.value = null
  }

  return {
    passphrase,
    confirm,
    includeSecrets,
    strength,
    mismatch,
    canExport,
    error,
    busy,
    done,
    run,
    reset
  }
}
