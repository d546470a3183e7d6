import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import type {
  BundleImportResult,
  BundlePreview,
  BundlePreviewCustomer
} from '@core/bundle/bundle-types'
import { CallError } from '@/api/call-error'
import { useBundleImport, type BundleImportClient } from '@/composables/useBundleImport'

function inScope<T>(make: () => T): T {
  let made: T | undefined
  effectScope().run(() => (made = make()))
  return made as T
}

function customer(
  taxId: string,
  extra: Partial<BundlePreviewCustomer> = {}
): BundlePreviewCustomer {
  return {
    taxId,
    name: `客户${taxId.slice(-2)}`,
    deliveries: 1,
    incidents: 0,
    forms: 1,
    evidence: 0,
    secrets: 5,
    conflict: null,
    formNumbersTaken: [],
    ...extra
  }
}

const COUNTS = {
  customers: 3,
  deliveries: 3,
  incidents: 0,
  forms: 3,
  evidence: 0,
  secrets: 15,
  files: 0
}

const PREVIEW: BundlePreview = {
  cancelled: false,
  fileName: '交接包.ddbundle',
  createdAt: '2026-11-26T09:00:00.000Z',
  appVersion: '1.0.0',
  includesSecrets: true,
  customers: [
    customer('AA'),
    customer('BB', { conflict: { customerId: 7, name: '旧名' } }),
    customer('CC', { formNumbersTaken: ['YS-20261126-1-1'] })
  ],
  counts: {
    customers: 3,
    deliveries: 3,
    incidents: 0,
    forms: 3,
    evidence: 0,
    secrets: 15,
    files: 0
  }
}

function client(sent: unknown[], preview: BundlePreview | Error = PREVIEW): BundleImportClient {
  return {
    preview: async () => {
      if (preview instanceof Error) throw preview
      return preview
    },
    import: async (request) => {
      sent.push(request)
      const result: BundleImportResult = {
        cancelled: false,
        customers: [],
        counts: COUNTS,
        backupId: 'local:x.sqlite'
      }
      return result
    }
  }
}

describe('importing a handover bundle in Settings', () => {
  it('starts every conflict at skip, and sends the choice made and a skip for a taken form number', async () => {
    const sent: unknown[] = []
    const state = inScope(() => useBundleImport(client(sent)))
    state.passphrase.value = 'pass phrase'
    await state.choose()
    expect(state.rows.value.map((r) => r.state)).toEqual(['new', 'conflict', 'taken'])
    expect(state.writing.value).toBe(1)
    state.choices.BB = 'replace'
    expect(state.writing.value).toBe(2)
    await state.runImport()
    expect(sent).toEqual([
      {
        bundlePassphrase: 'pass phrase',
        choices: [
          { taxId: 'BB', action: 'replace' },
          { taxId: 'CC', action: 'skip' }
        ]
      }
    ])
    // the passphrase does not linger once the import is done
    expect(state.passphrase.value).toBe('')
    expect(state.result.value?.backupId).toBe('local:x.sqlite')
  })

  it('shows a refusal in the user’s words and keeps the passphrase to correct it', async () => {
    const refusal = new CallError({
      code: 'BUNDLE_BAD_PASSPHRASE',
      message: '交接包口令不正确，未做任何改动',
      messageKey: 'errors.BUNDLE_BAD_PASSPHRASE'
    })
    const state = inScope(() => useBundleImport(client([], refusal)))
    state.passphrase.value = 'wrong'
    await state.choose()
    expect(state.error.value).toBe('交接包口令不正确，未做任何改动')
    expect(state.preview.value).toBeNull()
    expect(state.passphrase.value).toBe('wrong')
  })
})
