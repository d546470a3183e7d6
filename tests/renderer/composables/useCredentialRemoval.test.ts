import { describe, expect, it } from 'vitest'
import { effectScope, ref } from 'vue'
import type { CredentialSummary } from '@core/vault/vault-types'
import type { CredentialField } from '@core/vault/credential-fields'
import { CallError } from '@/api/call-error'
import {
  useCredentialRemoval,
  type CredentialRemovalCalls,
  type RemovalQuestion
} from '@/composables/useCredentialRemoval'

function summary(field: CredentialField, history: number): CredentialSummary {
  return {
    field,
    stored: true,
    mask: null,
    tampered: false,
    updatedAt: '2026-11-26T09:00:00.000Z',
    updatedBy: '王实施',
    deliveryId: null,
    history: Array.from({ length: history }, (_, i) => ({
      id: i + 1,
      setAt: '2026-11-01T09:00:00.000Z',
      setBy: '王实施',
      replacedAt: '2026-11-26T09:00:00.000Z',
      deliveryId: null
    })),
    hints: []
  }
}

/** A panel around the composable: calls recorded, answers to the dialog scripted. */
function panel(options: { answers: boolean[]; archived?: boolean; refuse?: boolean }) {
  const asked: RemovalQuestion[] = []
  const calls: string[] = []
  const customer = ref(7)
  const items = ref([summary('clientSecret', 2), summary('fkey', 1)])
  const api: CredentialRemovalCalls = {
    delete: async ({ customerId, field }) => {
      calls.push(`delete ${customerId} ${field}`)
      if (options.refuse) throw new CallError({ code: 'VAULT_LOCKED', message: '', messageKey: '' })
      return { removed: 3 }
    },
    purgeHistory: async ({ customerId }) => {
      calls.push(`purge ${customerId}`)
      return { removed: 3 }
    }
  }
  const shown: string[] = []
  let removal!: ReturnType<typeof useCredentialRemoval>
  effectScope().run(() => {
    removal = useCredentialRemoval({
      calls: api,
      customerId: () => customer.value,
      archived: () => options.archived ?? false,
      items: () => items.value,
      confirm: async (question) => {
        asked.push(question)
        // the panel moves to another customer while the dialog is open
        customer.value = 8
        return options.answers.shift() ?? false
      },
      run: async (action) => {
        try {
          return await action()
        } catch (error) {
          if (!(error instanceof CallError)) throw error
          shown.push(error.code)
          return undefined
        }
      },
      reload: async () => {
        calls.push('reload')
      }
    })
  })
  return { removal, asked, calls, shown, customer }
}

describe('removing secrets from the panel', () => {
  it('asks first, naming the field and its history, and deletes nothing when cancelled', async () => {
    const p = panel({ answers: [false] })
    expect(await p.removal.remove('clientSecret')).toBeNull()
    expect(p.asked).toEqual([{ kind: 'delete', field: 'clientSecret', history: 2 }])
    expect(p.calls).toEqual([])
    expect(p.removal.busy.value).toBe(false)
  })

  it('deletes for the customer it asked about after confirmation, then reloads', async () => {
    const p = panel({ answers: [true] })
    expect(await p.removal.remove('fkey')).toBe(3)
    expect(p.calls).toEqual(['delete 7 fkey', 'reload'])
  })

  it('shows a refusal through the panel and does not reload', async () => {
    const p = panel({ answers: [true], refuse: true })
    expect(await p.removal.remove('fkey')).toBeNull()
    expect(p.shown).toEqual(['VAULT_LOCKED'])
    expect(p.calls).toEqual(['delete 7 fkey'])
  })

  it('runs one removal at a time', async () => {
    const p = panel({ answers: [true, true] })
    const first = p.removal.remove('fkey')
    expect(p.removal.busy.value).toBe(true)
    expect(await p.removal.remove('clientSecret')).toBeNull()
    await first
    expect(p.asked).toHaveLength(1)
  })

  it('offers purging only for an archived customer with history, and counts all of it', async () => {
    expect(panel({ answers: [] }).removal.canPurge()).toBe(false)
    const p = panel({ answers: [true], archived: true })
    expect(p.removal.canPurge()).toBe(true)
    expect(await p.removal.purgeHistory()).toBe(3)
    expect(p.asked).toEqual([{ kind: 'purge', history: 3 }])
    expect(p.calls).toEqual(['purge 7', 'reload'])
  })
})
