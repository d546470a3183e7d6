/**
 * The import of a handover bundle in Settings: the passphrase, the preview (the file is chosen
 * in the main process's dialog), a choice per conflicting customer, the import and its result.
 * A customer whose form number is taken here by another customer can only be skipped.
 */
import { computed, reactive, ref } from 'vue'
import type {
  BundleChoice,
  BundleImportResult,
  BundlePreview,
  BundlePreviewCustomer
} from '@core/bundle/bundle-types'
import { CallError } from '@/api/call-error'

type Opened = Extract<BundlePreview, { cancelled: false }>
type Imported = Extract<BundleImportResult, { cancelled: false }>

export interface BundleImportClient {
  preview(request: { bundlePassphrase: string }): Promise<BundlePreview>
  import(request: {
    bundlePassphrase: string
    choices: { taxId: string; action: BundleChoice }[]
  }): Promise<BundleImportResult>
}

export type BundleRowState = 'new' | 'conflict' | 'taken'

export function rowState(row: BundlePreviewCustomer): BundleRowState {
  if (row.formNumbersTaken.length > 0) return 'taken'
  return row.conflict ? 'conflict' : 'new'
}

export function useBundleImport(client: BundleImportClient) {
  const passphrase = ref('')
  const preview = ref<Opened | null>(null)
  const result = ref<Imported | null>(null)
  const choices = reactive<Record<string, BundleChoice>>({})
  const error = ref('')
  const busy = ref<'preview' | 'import' | null>(null)

  const rows = computed(() =>
    (preview.value?.customers ?? []).map((c) => ({ ...c, state: rowState(c) }))
  )
  /** how many customers the import writes with the current choices */
  const writing = computed(
    () =>
      rows.value.filter(
        (r) => r.state === 'new' || (r.state === 'conflict' && choices[r.taxId] !== 'skip')
      ).length
  )

  async function run<T>(kind: 'preview' | 'import', work: () => Promise<T>): Promise<T | null> {
    error.value = ''
    busy.value = kind
    try {
      return await work()
    } catch (e) {
      if (e instanceof CallError) {
        error.value = e.payload.message
        return null
      }
      throw e
    } finally {
      busy.value = null
    }
  }

  async function choose(): Promise<void> {
    const opened = await run('preview', () =>
      client.preview({ bundlePassphrase: passphrase.value })
    )
    if (!opened || opened.cancelled) return
    result.value = null
    for (const key of Object.keys(choices)) delete choices[key]
    // nothing is replaced unless the user says so
    for (const c of opened.customers) if (rowState(c) !== 'new') choices[c.taxId] = 'skip'
    preview.value = opened
  }

  function choicesToSend(): { taxId: string; action: BundleChoice }[] {
    return rows.value
      .filter((r) => r.state !== 'new')
      .map((r) => ({
        taxId: r.taxId,
        action: r.state === 'taken' ? 'skip' : (choices[r.taxId] ?? 'skip')
      }))
  }

  async function runImport(): Promise<void> {
    const done = await run('import', () =>
      client.import({ bundlePassphrase: passphrase.value, choices: choicesToSend() })
    )
    if (!done || done.cancelled) return
    result.value = done
    preview.value = null
    passphrase.value = ''
  }

  function reset(): void {
    preview.value = null
    result.value = null
    error.value = ''
  }

  return {
    passphrase,
    preview,
    result,
    choices,
    rows,
    writing,
    error,
    busy,
    choose,
    runImport,
    choicesToSend,
    reset
  }
}
